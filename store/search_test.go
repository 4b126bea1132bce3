package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kasip/kasip"
)

// importSearchSet imports the seeds, the Russian XML documents, the Russian
// template of M84120 (merged into the Kazakh one) and a generated copy.
func importSearchSet(t *testing.T, s *Store) {
	t.Helper()
	importAll(t, s)
	importPath(t, s, youthRU, kasip.ImportMerged)
}

func doSearch(t *testing.T, s *Store, q kasip.SearchQuery) kasip.SearchResult {
	t.Helper()
	res, err := s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return res
}

// allHits pages through every hit of q.
func allHits(t *testing.T, s *Store, q kasip.SearchQuery) []kasip.SearchHit {
	t.Helper()
	q.Limit = 100
	var out []kasip.SearchHit
	for {
		q.Offset = len(out)
		res := doSearch(t, s, q)
		out = append(out, res.Hits...)
		if len(res.Hits) == 0 || len(out) >= res.Total {
			return out
		}
	}
}

func anyText(hits []kasip.SearchHit, sub string) bool {
	for _, h := range hits {
		if strings.Contains(strings.ToLower(h.Text), sub) {
			return true
		}
	}
	return false
}

func TestSearchWordForms(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importSearchSet(t, s)
		cases := []struct{ query, want string }{
			{"қонақтар", "қонақтардың"},
			{"қонақтар", "қонақтарды"},
			{"консультация", "консультациялық"},
			{"qonaq", "қонақ"},
			{"программного кода", "программного кода"},
			{"Қонақтармен жұмыс", "қонақ"},
		}
		for _, c := range cases {
			hits := allHits(t, s, kasip.SearchQuery{Text: c.query})
			if !anyText(hits, c.want) {
				t.Errorf("%q: no hit contains %q (%d hits)", c.query, c.want, len(hits))
			}
		}
	})
}

func TestSearchHitsAndHighlights(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importSearchSet(t, s)
		res := doSearch(t, s, kasip.SearchQuery{Text: "қонақтар", Limit: 5})
		if res.Total < 5 || len(res.Hits) != 5 {
			t.Fatalf("total %d, %d hits", res.Total, len(res.Hits))
		}
		for i, h := range res.Hits {
			if len(h.Highlights) == 0 {
				t.Errorf("hit %d %q has no highlight", i, h.Text)
			}
			for _, r := range h.Highlights {
				if w := strings.ToLower(h.Text[r[0]:r[1]]); !strings.HasPrefix(w, "қонақ") {
					t.Errorf("hit %d highlights %q", i, w)
				}
			}
			if h.Code == "" || h.Version == "" || h.StandardTitle.IsEmpty() || h.Kind == "" || h.Lang == "" || h.Score <= 0 {
				t.Errorf("hit %d incomplete: %+v", i, h)
			}
			if i > 0 && h.Score > res.Hits[i-1].Score {
				t.Errorf("hit %d scores above hit %d", i, i-1)
			}
			if h.Card >= 0 && h.CardTitle.IsEmpty() {
				t.Errorf("hit %d has no card title", i)
			}
		}
		// Pages follow each other.
		next := doSearch(t, s, kasip.SearchQuery{Text: "қонақтар", Limit: 5, Offset: 5})
		all := doSearch(t, s, kasip.SearchQuery{Text: "қонақтар", Limit: 10})
		for i := range next.Hits {
			if key(next.Hits[i]) != key(all.Hits[5+i]) {
				t.Errorf("page 2 hit %d is %s, want %s", i, key(next.Hits[i]), key(all.Hits[5+i]))
			}
		}
		// Titles rank above knowledge with the same words.
		res = doSearch(t, s, kasip.SearchQuery{Text: "жастармен жұмыс жөніндегі маман"})
		if len(res.Hits) == 0 || (res.Hits[0].Kind != kasip.KindStandard && res.Hits[0].Kind != kasip.KindCard) {
			t.Errorf("top hit of a title query: %+v", res.Hits)
		}
	})
}

func key(h kasip.SearchHit) string { return h.Code + " " + h.Path + " " + h.Lang + " " + h.Version }

func TestSearchPhraseAndPrefix(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importSearchSet(t, s)
		words := allHits(t, s, kasip.SearchQuery{Text: "программного кода"})
		phrase := allHits(t, s, kasip.SearchQuery{Text: `"программного кода"`})
		if len(phrase) == 0 || len(phrase) > len(words) {
			t.Fatalf("phrase %d hits, words %d", len(phrase), len(words))
		}
		adjacent := regexp.MustCompile(`программн\S*\s+код`)
		for _, h := range phrase {
			if !adjacent.MatchString(strings.ToLower(h.Text)) {
				t.Errorf("phrase hit without the phrase: %q", h.Text)
			}
		}
		// The words in the other order are not the phrase.
		reversed := regexp.MustCompile(`код\S*\s+программн`)
		for _, h := range allHits(t, s, kasip.SearchQuery{Text: `"кода программного"`}) {
			if !reversed.MatchString(strings.ToLower(h.Text)) {
				t.Errorf("reversed phrase matched %q", h.Text)
			}
		}
		pre := allHits(t, s, kasip.SearchQuery{Text: "консульт*"})
		if !anyText(pre, "консультациялық") || !anyText(pre, "консультация") {
			t.Errorf("prefix: %d hits, missing forms", len(pre))
		}
		if len(pre) == 0 {
			t.Fatal("prefix found nothing")
		}
	})
}

func TestSearchExactCode(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importSearchSet(t, s)
		cases := []struct {
			query string
			want  kasip.CodeMatch
		}{
			{"M84120", kasip.CodeMatch{Code: "M84120", Card: -1, Path: ""}},
			{"м84120", kasip.CodeMatch{Code: "M84120", Card: -1, Path: ""}},
			{"06.001", kasip.CodeMatch{Code: "06.001", Card: -1, Path: ""}},
		}
		for _, c := range cases {
			res := doSearch(t, s, kasip.SearchQuery{Text: c.query})
			if res.Exact == nil || *res.Exact != c.want {
				t.Errorf("%q: exact %+v, want %+v", c.query, res.Exact, c.want)
			}
			if len(res.Hits) == 0 {
				t.Errorf("%q: no hits", c.query)
			}
		}
		// A card's code jumps to the card.
		hotel, _ := doc(t, seedHotel)
		c := hotel.Cards[0]
		code := c.OccupationCode
		if len(c.Codes) > 0 {
			code = c.Codes[0]
		}
		if res := doSearch(t, s, kasip.SearchQuery{Text: code, Standard: "I55101015"}); res.Exact == nil || res.Exact.Card != 0 ||
			res.Exact.Path != "cards[0]" || (res.Exact.Code != "I55101015" && res.Exact.Code != "X00000001") {
			t.Errorf("card code %q: exact %+v", code, res.Exact)
		}
		// A function code of the Russian register.
		res := doSearch(t, s, kasip.SearchQuery{Text: "A/01.3", Standard: "06.001"})
		if res.Exact == nil || res.Exact.Code != "06.001" || !strings.Contains(res.Exact.Path, "functions[") {
			t.Errorf("A/01.3: exact %+v", res.Exact)
		}
		if res := doSearch(t, s, kasip.SearchQuery{Text: "қонақ"}); res.Exact != nil {
			t.Errorf("a word gave an exact match %+v", res.Exact)
		}
	})
}

func TestSearchFiltersAndFacets(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importSearchSet(t, s)
		ctx := context.Background()
		sum := func(m map[string]int) int {
			n := 0
			for _, v := range m {
				n += v
			}
			return n
		}
		all := doSearch(t, s, kasip.SearchQuery{Text: "жұмыс"})
		if all.Total == 0 {
			t.Fatal("no results")
		}
		if sum(all.Facets["kind"]) != all.Total || sum(all.Facets["lang"]) != all.Total || sum(all.Facets["standard"]) != all.Total {
			t.Errorf("facets do not add up to %d: %v", all.Total, all.Facets)
		}
		if len(all.Facets["standard"]) < 2 || len(all.Facets["level"]) < 2 || len(all.Facets["oked"]) < 2 {
			t.Fatalf("facets %v", all.Facets)
		}
		level := 0
		for l := range all.Facets["level"] {
			level, _ = strconv.Atoi(l)
			break
		}
		for _, f := range []kasip.SearchQuery{
			{Text: "жұмыс", Kinds: []string{kasip.KindCard}},
			{Text: "жұмыс", Kinds: []string{kasip.KindSkill, kasip.KindFunction}},
			{Text: "жұмыс", Standard: "M84120"},
			{Text: "консульт*", Language: "ru"},
			{Text: "жұмыс", Level: level},
			{Text: "жұмыс", OKEDSection: "O"},
		} {
			base := doSearch(t, s, kasip.SearchQuery{Text: f.Text})
			hits := allHits(t, s, f)
			if len(hits) == 0 || len(hits) >= base.Total {
				t.Errorf("%+v: %d hits of %d", f, len(hits), base.Total)
			}
			for _, h := range hits {
				switch {
				case len(f.Kinds) > 0 && h.Kind != f.Kinds[0] && (len(f.Kinds) < 2 || h.Kind != f.Kinds[1]):
					t.Errorf("%+v: kind %s", f, h.Kind)
				case f.Standard != "" && h.Code != f.Standard:
					t.Errorf("%+v: code %s", f, h.Code)
				case f.Language != "" && h.Lang != f.Language:
					t.Errorf("%+v: lang %s", f, h.Lang)
				case f.Level != 0 && h.Level != f.Level:
					t.Errorf("%+v: level %d", f, h.Level)
				case f.OKEDSection == "O" && h.Code != "M84120":
					t.Errorf("%+v: code %s", f, h.Code)
				}
			}
			// Facets count the filtered matches, all of them.
			res := doSearch(t, s, kasip.SearchQuery{Text: f.Text, Language: f.Language, Level: f.Level, Standard: f.Standard, OKEDSection: f.OKEDSection, Kinds: f.Kinds, Limit: 1})
			if res.Total != len(hits) || sum(res.Facets["kind"]) != res.Total {
				t.Errorf("%+v: total %d, facets %v, %d hits", f, res.Total, res.Facets, len(hits))
			}
		}
		for _, bad := range []kasip.SearchQuery{
			{Text: "x", Level: 9}, {Text: "x", Level: -1}, {Text: "x", Kinds: []string{"nope"}},
			{Text: "x", Language: "de"}, {Text: "x", Offset: -1}, {Text: "x", OKEDSection: "55"},
		} {
			if _, err := s.Search(ctx, bad); !errors.Is(err, kasip.ErrInvalid) {
				t.Errorf("%+v: %v, want ErrInvalid", bad, err)
			}
		}
		if res := doSearch(t, s, kasip.SearchQuery{Text: "жұмыс", Limit: 1000}); len(res.Hits) != min(100, res.Total) {
			t.Errorf("limit: %d hits", len(res.Hits))
		}
		if res := doSearch(t, s, kasip.SearchQuery{Text: "жұмыс"}); len(res.Hits) != min(20, res.Total) {
			t.Errorf("default limit: %d hits", len(res.Hits))
		}
		if res := doSearch(t, s, kasip.SearchQuery{Text: "  "}); res.Total != 0 || res.Hits == nil {
			t.Errorf("empty query: %+v", res)
		}
	})
}

func TestSearchTypos(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importSearchSet(t, s)
		res := doSearch(t, s, kasip.SearchQuery{Text: "кнсультация"})
		if res.Total == 0 && res.DidYouMean == "" {
			t.Fatal("a misspelling gives neither results nor a suggestion")
		}
		if res.Total > 0 && !anyText(res.Hits, "консультац") {
			t.Errorf("misspelling: hits %v", res.Hits)
		}
		if !strings.Contains(res.DidYouMean, "консультац") {
			t.Errorf("did you mean %q", res.DidYouMean)
		}
		if res := doSearch(t, s, kasip.SearchQuery{Text: "қонақтар"}); res.DidYouMean != "" {
			t.Errorf("a known word gave did you mean %q", res.DidYouMean)
		}
		if res := doSearch(t, s, kasip.SearchQuery{Text: "zzzzqqq"}); res.Total != 0 {
			t.Errorf("nonsense found %d", res.Total)
		}
	})
}

func TestSearchLatestAndVersions(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importPath(t, s, seedYouth, kasip.ImportNew)
		st, files := variant(t, seedYouth, "v2", func(st *kasip.Standard) {
			st.Technical.Version = "2"
			st.Title = kasip.Text{"kk": "Жаңа атау zebrafish"}
		})
		mustImport(t, s, st, files, kasip.ImportNewVersion)
		if res := doSearch(t, s, kasip.SearchQuery{Text: "zebrafish"}); res.Total != 1 || res.Hits[0].Version != "2" {
			t.Errorf("new version: %+v", res)
		}
		latest := doSearch(t, s, kasip.SearchQuery{Text: "консультациялық"})
		every := doSearch(t, s, kasip.SearchQuery{Text: "консультациялық", AllVersions: true})
		if latest.Total == 0 || every.Total != 2*latest.Total {
			t.Errorf("latest %d, all versions %d", latest.Total, every.Total)
		}
		for _, h := range latest.Hits {
			if h.Version != "2" {
				t.Errorf("latest search found version %s", h.Version)
			}
		}
		// Reindexing from scratch gives the same results.
		before := doSearch(t, s, kasip.SearchQuery{Text: "жастар", Limit: 50})
		for _, q := range []string{"DELETE FROM search_postings", "DELETE FROM search_docs"} {
			if _, err := s.w.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.w.ExecContext(ctx, "DELETE FROM search_vocab"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.w.ExecContext(ctx, "UPDATE search_stats SET docs = 0, length = 0"); err != nil {
			t.Fatal(err)
		}
		if err := s.Reindex(ctx); err != nil {
			t.Fatal(err)
		}
		after := doSearch(t, s, kasip.SearchQuery{Text: "жастар", Limit: 50})
		if fmt.Sprint(keys(before.Hits)) != fmt.Sprint(keys(after.Hits)) {
			t.Errorf("reindex changed results:\n%v\n%v", keys(before.Hits), keys(after.Hits))
		}
	})
}

func keys(hs []kasip.SearchHit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = fmt.Sprintf("%s|%.9f", key(h), h.Score)
	}
	return out
}

func TestSimilar(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importSearchSet(t, s)
		ctx := context.Background()
		// A function of the hotel standard: its generated copy is the
		// closest match, and it is another standard.
		hits, err := s.Similar(ctx, "I55101015", "cards[0].functions[0]", 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			t.Fatal("no similar items")
		}
		for _, h := range hits {
			if h.Code == "I55101015" || (h.Kind != kasip.KindFunction && h.Kind != kasip.KindSkill) {
				t.Errorf("similar hit %s %s %s", h.Code, h.Kind, h.Path)
			}
		}
		if hits[0].Code != "X00000001" || hits[0].Path != "cards[0].functions[0]" || hits[0].Score < 0.99 {
			t.Errorf("best similar item: %s %s %.3f", hits[0].Code, hits[0].Path, hits[0].Score)
		}
		// A Russian function shares only general words with the other
		// Russian standards (CNC programs): below the cut-off, nothing.
		hits, err = s.Similar(ctx, "06.001", "cards[0].functions[0]", 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 0 {
			t.Errorf("similar items for 06.001 below the cut-off: %+v", hits)
		}
		if _, err := s.Similar(ctx, "06.001", "cards[0].functions[99]", 5); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("missing item: %v", err)
		}
		if _, err := s.Similar(ctx, "06.001", "cards[0]", 5); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("a card: %v", err)
		}
	})
}

// relevanceQueries are queries of every kind; both databases must give the
// same top 10 for each.
var relevanceQueries = []string{
	"қонақтар", "қонақтармен жұмыс", "қонақ үй", "qonaq", "qonaq üi", "qonaqtar",
	"консультация", "консультация жастарға", "кнсультация", "жастар", "жастармен жұмыс",
	"youth worker", "hotel", "guest", "программного кода", `"программного кода"`,
	"тестирование программ", "программист", "разработка программного обеспечения", "сеть",
	"сетевое администрирование", "ЧПУ", "станок", "оператор станков", "обработка деталей",
	"консульт*", "прог*", "M84120", "06.001", "I55101015", "A/01.3", "қызмет көрсету",
	"білім", "білу", "дағдылар", "оқыту", "әлеуметтік", "жұмыс", "нормативтік құқықтық актілер",
	"требования охраны труда", "документация", "знать", "умения", "безопасность", "qyzmet",
	"bilim", "sapa", "тазалау", "брондау", "reception",
}

func TestSearchSameOnBothDatabases(t *testing.T) {
	ctx := context.Background()
	results := map[string][]string{}
	var names []string
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := openStore(t, b.dsn(t))
			importSearchSet(t, s)
			var out []string
			for _, q := range relevanceQueries {
				res, err := s.Search(ctx, kasip.SearchQuery{Text: q, Limit: 10})
				if err != nil {
					t.Fatalf("%q: %v", q, err)
				}
				out = append(out, fmt.Sprintf("%q total=%d dym=%q exact=%v top=%v", q, res.Total, res.DidYouMean, res.Exact, keys(res.Hits)))
			}
			sim, err := s.Similar(ctx, "M84120", "cards[0].functions[0]", 10)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("similar=%v", keys(sim)))
			results[b.name] = out
			names = append(names, b.name)
		})
	}
	if len(names) < 2 {
		return // PostgreSQL skipped (freshPostgres fails when it is required)
	}
	a, b := results[names[0]], results[names[1]]
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("%s and %s differ:\n%s\n%s", names[0], names[1], a[i], b[i])
		}
	}
	empty := 0
	for _, r := range a {
		if strings.Contains(r, "total=0 ") {
			empty++
		}
	}
	if empty > len(relevanceQueries)/3 {
		t.Errorf("%d of %d queries found nothing", empty, len(relevanceQueries))
	}
	if os.Getenv("KASIP_SEARCH_DUMP") != "" {
		for _, r := range a {
			t.Log(r)
		}
	}
}
