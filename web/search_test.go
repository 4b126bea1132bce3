package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/web"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui"
	"github.com/kasip/kasip/web/webtest"
)

// Search: the API and the page, on the real store (when it can search) and
// on stand-ins for what the store cannot be made to answer on demand (a
// registry that cannot search, a fixed result with a "did you mean").

// apiNoSearch hides the Searcher methods of the registry it wraps.
type apiNoSearch struct{ kasip.Registry }

// apiFakeSearch answers every query with a fixed result and records it.
type apiFakeSearch struct {
	kasip.Registry
	res     kasip.SearchResult
	similar []kasip.SearchHit
	got     *[]kasip.SearchQuery
}

func (f apiFakeSearch) Search(_ context.Context, q kasip.SearchQuery) (kasip.SearchResult, error) {
	if f.got != nil {
		*f.got = append(*f.got, q)
	}
	return f.res, nil
}

func (f apiFakeSearch) Similar(_ context.Context, code, path string, limit int) ([]kasip.SearchHit, error) {
	if code != "M84120" {
		return nil, kasip.ErrNotFound
	}
	return f.similar, nil
}

// fakeResult is a page of hits of two standards, the first with hits on
// two cards, ranked so that grouping must keep the first hit's order.
func fakeResult() kasip.SearchResult {
	std := kasip.Text{"kk": "Мемлекеттік жастар саясаты"}
	return kasip.SearchResult{
		Total: 4,
		Hits: []kasip.SearchHit{
			{Code: "M84120", Version: "2", StandardTitle: std, Card: 1, CardTitle: kasip.Text{"kk": "Жастар ісі жөніндегі маман"}, Level: 5,
				Kind: kasip.KindKnowledge, Path: "cards[1].functions[0].skills[0].knowledge[0]", Lang: "kk",
				Text: "Жастар <саясаты> & жастардың құқықтары", Highlights: [][2]int{{0, len("Жастар")}, {len("Жастар <саясаты> & "), len("Жастар <саясаты> & жастардың")}}, Score: 3},
			{Code: "06.001", Version: "1", StandardTitle: kasip.Text{"ru": "Программист"}, Card: -1,
				Kind: kasip.KindStandard, Path: "title", Lang: "ru", Text: "Программист", Highlights: [][2]int{{0, 4}}, Score: 2},
			{Code: "M84120", Version: "2", StandardTitle: std, Card: 0, CardTitle: kasip.Text{"kk": "Жастар ресурстық орталығының басшысы"}, Level: 6,
				Kind: kasip.KindFunction, Path: "cards[0].functions[1]", Lang: "kk", Text: "ЖРО қызметін ұйымдастыру", Score: 1.5},
			{Code: "M84120", Version: "2", StandardTitle: std, Card: 1, CardTitle: kasip.Text{"kk": "Жастар ісі жөніндегі маман"}, Level: 5,
				Kind: kasip.KindSkill, Path: "cards[1].functions[0].skills[1]", Lang: "kk", Text: "Жастармен жұмыс", Highlights: [][2]int{{0, len("Жастармен")}}, Score: 1},
		},
		Facets: map[string]map[string]int{
			"kind":  {"knowledge": 1, "standard": 1, "function": 1, "skill": 1},
			"level": {"5": 2, "6": 1},
			"lang":  {"kk": 3, "ru": 1},
			"oked":  {"O": 3},
		},
		DidYouMean: "жастар саясаты",
	}
}

func TestUIHighlight(t *testing.T) {
	for _, c := range []struct {
		text string
		hl   [][2]int
		want string
	}{
		{"a <b> & c", [][2]int{{2, 5}}, "a <mark>&lt;b&gt;</mark> &amp; c"},
		{"жастар", [][2]int{{0, 12}}, "<mark>жастар</mark>"},
		{"жастар", [][2]int{{1, 5}}, "ж<mark>ас</mark>тар"},           // inside letters: widened to whole letters
		{"abc", [][2]int{{2, 9}, {0, 1}, {0, 2}}, "<mark>abc</mark>"}, // sorted, merged, clamped
		{"abc", [][2]int{{-1, 0}, {3, 3}}, "abc"},
		{`"x"`, nil, "&#34;x&#34;"},
	} {
		if got := string(ui.UIHighlight(c.text, c.hl)); got != c.want {
			t.Errorf("uiHighlight(%q, %v) = %q, want %q", c.text, c.hl, got, c.want)
		}
	}
}

func TestUIPathAnchor(t *testing.T) {
	for path, want := range map[string]string{
		"cards[0].functions[1].skills[0].knowledge[3]": "#function-2-skill-1",
		"cards[2].functions[0]":                        "#function-1",
		"cards[0].title":                               "",
		"terms[3]":                                     "",
	} {
		if got := ui.UIPathAnchor(path); got != want {
			t.Errorf("uiPathAnchor(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestSearchAPIValidation(t *testing.T) {
	e := newAPIEnv(t, session.Options{}, nil)
	for _, c := range []struct{ query, param string }{
		{"limit=0", "limit"}, {"limit=101", "limit"}, {"limit=x", "limit"},
		{"level=0", "level"}, {"level=9", "level"},
		{"kind=standard,bogus", "kind"}, {"kind=card&kind=nope", "kind"},
		{"oked=12", "oked"}, {"oked=Ә", "oked"},
		{"lang=de", "lang"}, {"offset=-1", "offset"}, {"all_versions=perhaps", "all_versions"},
		{"q=" + strings.Repeat("ә", 201), "q"},
	} {
		e.wantProblem(e.get("/api/v1/search?"+c.query), "GET", "/api/v1/search", http.StatusBadRequest, c.param)
	}
	e.wantProblem(e.get("/api/v1/standards/M84120/similar"), "GET", "/api/v1/standards/{code}/similar", http.StatusBadRequest, "path")
	e.wantProblem(e.get("/api/v1/standards/M84120/similar?path=cards[0].functions[0]&limit=51"), "GET", "/api/v1/standards/{code}/similar", http.StatusBadRequest, "limit")
}

func TestSearchUnavailable(t *testing.T) {
	e := newAPIEnv(t, session.Options{AdminToken: apiTestToken}, func(r kasip.Registry) kasip.Registry { return apiNoSearch{r} })
	if r := e.importFiles(apiReadFixtures(t, "../testdata/seeds/*.txt"), apiBearer...); r.StatusCode != http.StatusOK {
		t.Fatalf("import: %s", r)
	}
	p := e.wantProblem(e.get("/api/v1/search?q=жастар", "Accept-Language", "ru"), "GET", "/api/v1/search", http.StatusNotImplemented, "")
	if p.Title != "Поиск недоступен" {
		t.Errorf("title %q", p.Title)
	}
	e.wantProblem(e.get("/api/v1/standards/M84120/similar?path=cards[0].functions[0]"), "GET", "/api/v1/standards/{code}/similar", http.StatusNotImplemented, "")

	// The page says so, and still lists the standards whose title matches.
	r := e.get("/search?q=жастар&lang=en")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("/search: %s", r)
	}
	body := string(r.body)
	for _, want := range []string{"Full-text search is not available", `href="/standards/M84120"`} {
		if !strings.Contains(body, want) {
			t.Errorf("/search lacks %q", want)
		}
	}
	uiCheckStructure(t, "/search", body)
	var sg struct{ Items []ui.UISuggestion }
	r = e.get("/search/suggest?q=жастар")
	if err := json.Unmarshal(r.body, &sg); err != nil || len(sg.Items) == 0 || sg.Items[0].Code != "M84120" {
		t.Errorf("suggest without search: %v %s", err, r)
	}
}

// The API passes the parameters through and answers in the documented shape.
func TestSearchAPIFake(t *testing.T) {
	var got []kasip.SearchQuery
	e := newAPIEnv(t, session.Options{}, func(r kasip.Registry) kasip.Registry {
		return apiFakeSearch{Registry: r, res: fakeResult(), similar: fakeResult().Hits[:2], got: &got}
	})
	var res kasip.SearchResult
	e.getJSON("/api/v1/search?q=жастар&level=5&oked=o&standard=M84120&lang=kk&kind=skill,knowledge&kind=function&all_versions=true&limit=7&offset=14", "/api/v1/search", &res)
	if len(res.Hits) != 4 || res.DidYouMean == "" {
		t.Errorf("result %+v", res)
	}
	want := kasip.SearchQuery{Text: "жастар", Level: 5, OKEDSection: "O", Standard: "M84120", Language: "kk",
		Kinds: []string{"skill", "knowledge", "function"}, AllVersions: true, Limit: 7, Offset: 14}
	if len(got) != 1 || got[0].Text != want.Text || got[0].Level != want.Level || got[0].OKEDSection != want.OKEDSection ||
		got[0].Standard != want.Standard || got[0].Language != want.Language || !slices.Equal(got[0].Kinds, want.Kinds) ||
		got[0].AllVersions != want.AllVersions || got[0].Limit != want.Limit || got[0].Offset != want.Offset {
		t.Errorf("query %+v, want %+v", got, want)
	}
	e.getJSON("/api/v1/search", "/api/v1/search", &res)
	if got[1].Limit != api.SearchDefaultLimit {
		t.Errorf("default limit %d", got[1].Limit)
	}
	var sim api.SimilarResponse
	e.getJSON("/api/v1/standards/M84120/similar?path=cards[0].functions[1]&limit=5", "/api/v1/standards/{code}/similar", &sim)
	if len(sim.Items) != 2 {
		t.Errorf("similar %+v", sim)
	}
	e.wantProblem(e.get("/api/v1/standards/NOPE/similar?path=cards[0].functions[1]"), "GET", "/api/v1/standards/{code}/similar", http.StatusNotFound, "")
}

// The page groups, highlights, counts and proposes, whatever the engine.
func TestSearchPageFake(t *testing.T) {
	u := newUITest(t)
	res := fakeResult()
	srv := webtest.New(t, fakeSearchServices(apiFakeSearch{Registry: u.srv.Registry(), res: res, similar: res.Hits[:2]}), u.srv.Options())
	u.h = srv.Handler()

	p := u.page("/search?q=жастар", http.StatusOK, "kk")
	p.has(t,
		`<mark>Жастар</mark> &lt;саясаты&gt; &amp; <mark>жастардың</mark> құқықтары`,
		`<a href="/standards/M84120"><span class="code">M84120</span>`,
		`href="/standards/M84120/v/2/cards/2#function-1-skill-1"`,
		`href="/standards/M84120/v/2/cards/1#function-2"`,
		`href="/standards/06.001/v/1"`,
		`Мүмкін, сіз іздегеніңіз:`, `href="/search?q=%D0%B6%D0%B0%D1%81%D1%82%D0%B0%D1%80&#43;%D1%81%D0%B0%D1%8F%D1%81%D0%B0%D1%82%D1%8B"`,
		`class="facets"`, `href="/search?level=5&amp;q=%D0%B6%D0%B0%D1%81%D1%82%D0%B0%D1%80"`, `<span class="facet-n">2</span>`,
		`Еңбек функциясы`, // a kind, translated
		`data-suggest="/search/suggest"`, `aria-current="page">Тізілімнен іздеу`,
	)
	// Standards in the order of their first hit; in M84120 the card of
	// the first hit (card 2) before card 1; card 2's two hits together.
	i06, iM := strings.Index(p.body, `/standards/06.001"`), strings.Index(p.body, `<a href="/standards/M84120">`)
	c2, c1 := strings.Index(p.body, `href="/standards/M84120/v/2/cards/2"`), strings.Index(p.body, `href="/standards/M84120/v/2/cards/1"`)
	skill := strings.Index(p.body, `cards/2#function-1-skill-2`)
	if !(iM < c2 && c2 < skill && skill < c1 && c1 < i06) {
		t.Errorf("grouping order: M84120 %d, card 2 %d, its skill %d, card 1 %d, 06.001 %d", iM, c2, skill, c1, i06)
	}
	u.page("/search?q=жастар&lang=ru", http.StatusOK, "ru").has(t, "Возможно, вы имели в виду:", "Трудовая функция", "Поиск по реестру")
	u.page("/search?q=a+%3Cb%3E&level=5", http.StatusOK, "kk").has(t, `class="reset" href="/search?q=a%20%3cb%3e"`, "a &lt;b&gt;")
	u.page("/search?q=x&level=9", http.StatusBadRequest, "kk")
	u.page("/search?q=x&kind=nope", http.StatusBadRequest, "kk")
	u.page("/search", http.StatusOK, "kk").lacks(t, "hit-group", "result-count")

	// An exact code goes to its page.
	res.Exact = &kasip.CodeMatch{Code: "M84120", Card: 1, Path: "cards[1]"}
	srv = webtest.New(t, fakeSearchServices(apiFakeSearch{Registry: u.srv.Registry(), res: res}), u.srv.Options())
	u.h = srv.Handler()
	if p := u.get("/search?q=M84120"); p.status != http.StatusSeeOther || p.header.Get("Location") != "/standards/M84120/v/2/cards/2" {
		t.Errorf("exact card: %d %q", p.status, p.header.Get("Location"))
	}
	res.Exact = &kasip.CodeMatch{Code: "M84120", Card: -1}
	srv = webtest.New(t, fakeSearchServices(apiFakeSearch{Registry: u.srv.Registry(), res: res}), u.srv.Options())
	u.h = srv.Handler()
	if p := u.get("/search?q=M84120"); p.status != http.StatusSeeOther || p.header.Get("Location") != "/standards/M84120" {
		t.Errorf("exact standard: %d %q", p.status, p.header.Get("Location"))
	}

	// Similar items under each function of a card.
	srv = webtest.New(t, fakeSearchServices(apiFakeSearch{Registry: u.srv.Registry(), res: res, similar: res.Hits[:2]}), u.srv.Options())
	u.h = srv.Handler()
	p = u.page("/standards/M84120/v/2/cards/1", http.StatusOK, "kk")
	p.has(t, `<details class="similar no-print">`, "Басқа стандарттардағы ұқсастар", `id="function-1"`, `id="function-1-skill-1"`)
}

// searchEnv is a seeded server on the real store, or skips when the store
// cannot search yet.
func searchEnv(t *testing.T) *apiEnv {
	t.Helper()
	e := apiSeeded(t, session.Options{})
	if _, ok := e.reg.(kasip.Searcher); !ok {
		t.Skip("the store does not implement kasip.Searcher")
	}
	return e
}

func TestSearchAPIStore(t *testing.T) {
	e := searchEnv(t)
	var res kasip.SearchResult
	e.getJSON("/api/v1/search?q="+url.QueryEscape("жастар"), "/api/v1/search", &res)
	if res.Total == 0 || len(res.Hits) == 0 {
		t.Fatalf("жастар: nothing found")
	}
	if !slices.ContainsFunc(res.Hits, func(h kasip.SearchHit) bool { return h.Code == "M84120" }) {
		t.Errorf("жастар: no hit in M84120: %+v", res.Hits[0])
	}
	if len(res.Facets["kind"]) == 0 {
		t.Errorf("no kind facet: %v", res.Facets)
	}
	withHL := false
	for _, h := range res.Hits {
		for _, hl := range h.Highlights {
			if hl[0] < 0 || hl[1] > len(h.Text) || hl[0] >= hl[1] {
				t.Errorf("highlight %v out of %q", hl, h.Text)
			}
			withHL = true
		}
	}
	if !withHL {
		t.Errorf("no highlights")
	}

	// Filters hold.
	e.getJSON("/api/v1/search?q="+url.QueryEscape("жастар")+"&kind=function,skill", "/api/v1/search", &res)
	for _, h := range res.Hits {
		if h.Kind != kasip.KindFunction && h.Kind != kasip.KindSkill {
			t.Errorf("kind filter: %s %s", h.Kind, h.Path)
		}
	}
	e.getJSON("/api/v1/search?q=programm&lang=en&limit=3", "/api/v1/search", &res)
	if len(res.Hits) > 3 {
		t.Errorf("limit 3: %d hits", len(res.Hits))
	}
	for _, h := range res.Hits {
		if h.Lang != "en" {
			t.Errorf("lang filter: %s", h.Lang)
		}
	}
	e.getJSON("/api/v1/search?q="+url.QueryEscape("жастар")+"&standard=06.001", "/api/v1/search", &res)
	for _, h := range res.Hits {
		if h.Code != "06.001" {
			t.Errorf("standard filter: %s", h.Code)
		}
	}
	e.getJSON("/api/v1/search?q=M84120", "/api/v1/search", &res)
	if res.Exact == nil || res.Exact.Code != "M84120" {
		t.Errorf("code M84120: exact %+v", res.Exact)
	}

	// Similar items of a function.
	var sim api.SimilarResponse
	e.getJSON("/api/v1/standards/M84120/similar?path=cards[0].functions[0]&limit=5", "/api/v1/standards/{code}/similar", &sim)
	if len(sim.Items) > 5 {
		t.Errorf("similar: %d items", len(sim.Items))
	}
	for _, h := range sim.Items {
		if h.Code == "M84120" {
			t.Errorf("similar lists the standard itself: %+v", h)
		}
	}
	e.wantProblem(e.get("/api/v1/standards/NOPE/similar?path=cards[0].functions[0]"), "GET", "/api/v1/standards/{code}/similar", http.StatusNotFound, "")
	e.wantProblem(e.get("/api/v1/standards/M84120/similar?path=cards[99].functions[0]"), "GET", "/api/v1/standards/{code}/similar", http.StatusNotFound, "")
}

func TestSearchPageStore(t *testing.T) {
	u := newUITest(t)
	if _, ok := u.srv.Registry().(kasip.Searcher); !ok {
		t.Skip("the store does not implement kasip.Searcher")
	}
	p := u.page("/search?q="+url.QueryEscape("жастар"), http.StatusOK, "kk")
	p.has(t, "<mark>", `class="hit-group"`, `<a href="/standards/M84120">`, `class="facets"`)
	p = u.page("/search?q="+url.QueryEscape("жастар")+"&kind=function&lang=ru", http.StatusOK, "ru")
	p.has(t, "Трудовая функция")
	p.lacks(t, `<span class="badge hit-kind">Знание</span>`)

	if p := u.get("/search?q=M84120"); p.status != http.StatusSeeOther || !strings.HasPrefix(p.header.Get("Location"), "/standards/M84120") {
		t.Errorf("code M84120: %d %q", p.status, p.header.Get("Location"))
	}

	r := u.get("/search/suggest?q=" + url.QueryEscape("жаст"))
	var sg struct{ Items []ui.UISuggestion }
	if err := json.Unmarshal([]byte(r.body), &sg); err != nil || r.status != http.StatusOK {
		t.Fatalf("suggest: %d %v %s", r.status, err, r.body)
	}
	if len(sg.Items) == 0 || len(sg.Items) > ui.UISuggestMax {
		t.Errorf("suggest жаст: %d items", len(sg.Items))
	}
	for _, it := range sg.Items {
		if it.Label == "" || !strings.HasPrefix(it.URL, "/standards/") {
			t.Errorf("suggestion %+v", it)
		}
	}
	if r := u.get("/search/suggest?q=ж"); !strings.Contains(r.body, `"items":[]`) {
		t.Errorf("one letter: %s", r.body)
	}

	// Kazakh typed on a Russian keyboard finds the Kazakh text.
	u.page("/search?q="+url.QueryEscape("жастармен жумыс"), http.StatusOK, "kk").has(t, "<mark>", `class="hit-group"`)
	// A misspelling proposes the right word, in each UI language.
	u.page("/search?q="+url.QueryEscape("жастрмен")+"&lang=en", http.StatusOK, "en").has(t, "Did you mean:")

	// The card page lists similar items when there are any; the youth
	// worker's functions share only general words with other standards,
	// which the cut-off leaves out, and the page says so.
	u.page("/standards/M84120/v/2/cards/1", http.StatusOK, "kk").has(t, "Басқа стандарттарда ұқсас ештеңе жоқ.")
	u.page("/standards/M84120/v/2/cards/1?lang=ru", http.StatusOK, "ru").has(t, "В других стандартах нет ничего похожего.")
}

// fakeSearchServices serves a registry whose search answers are fixed.
func fakeSearchServices(f apiFakeSearch) web.Services {
	return web.Services{Registry: f, Search: f}
}
