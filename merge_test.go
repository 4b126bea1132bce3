package kasip_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/internal/schematest"
)

// TestMergeRealPair merges seed 004 (Kazakh, two cards) with the Russian
// document of the same standard (one card, two functions).
func TestMergeRealPair(t *testing.T) {
	kk, ru := readOne(t, seed004), readOne(t, ruM84120)
	if kk.Code != ru.Code || kk.VersionKey() != ru.VersionKey() {
		t.Fatalf("not the same standard: %s v%s, %s v%s", kk.Code, kk.VersionKey(), ru.Code, ru.VersionKey())
	}
	before := readOne(t, seed004)
	ruJSON := marshal(t, ru)

	unmerged := kasip.Merge(kk, ru)

	for _, l := range unmerged {
		t.Log(l)
	}
	if !bytes.Equal(marshal(t, ru), ruJSON) {
		t.Error("Merge modified the other standard")
	}
	if kk.Title["kk"] == "" || kk.Title["ru"] != "Деятельность в сфере государственной молодежной политики" {
		t.Errorf("title: %v", kk.Title)
	}
	if !slices.Equal(kk.Languages, []string{"kk", "ru"}) {
		t.Errorf("languages: %v", kk.Languages)
	}
	if len(kk.Sources) != 2 || kk.Sources[1].File != "ru_template_M84120.txt" {
		t.Errorf("sources: %+v", kk.Sources)
	}
	const cardLine = "cards: 2 in kk, 1 in ru; aligned by occupation codes; cards[0] has no ru counterpart"
	if !slices.Contains(unmerged, cardLine) {
		t.Errorf("unmerged does not report the card counts (%q):\n%s", cardLine, strings.Join(unmerged, "\n"))
	}
	if !slices.ContainsFunc(unmerged, func(s string) bool { return strings.HasPrefix(s, "cards[1].functions: 4 in kk, 2 in ru") }) {
		t.Errorf("unmerged does not report the function counts of cards[1]:\n%s", strings.Join(unmerged, "\n"))
	}
	// The Russian card is the Kazakh card 2 (occupation code 3412-0-003).
	c := kk.Cards[1]
	if c.Title["ru"] != "Специалист по работе с молодежью" || kk.Cards[0].Title["ru"] != "" {
		t.Errorf("card titles: %v / %v", kk.Cards[0].Title, c.Title)
	}
	if c.Functions[1].Title["ru"] != "Содействие развитию молодежи через ОП" || c.Functions[2].Title["ru"] != "" {
		t.Errorf("function titles: %v / %v", c.Functions[1].Title, c.Functions[2].Title)
	}
	if got := c.Functions[0].Skills[0].Abilities[1].Text["ru"]; got != "Предоставление молодежи достоверной информации" {
		t.Errorf("ability aligned by position: %q", got)
	}
	checkKazakhKept(t, before, kk)
	checkOrigins(t, kk)
	checkNothingDropped(t, ru, kk)
	schematest.Validate(t, marshal(t, kk))
}

// TestMergeRealPairReversed merges the other way round: the Russian
// document gains the Kazakh texts of its card.
func TestMergeRealPairReversed(t *testing.T) {
	ru, kk := readOne(t, ruM84120), readOne(t, seed004)
	unmerged := kasip.Merge(ru, kk)
	const cardLine = "cards: 1 in ru, 2 in kk; aligned by occupation codes"
	if !slices.Contains(unmerged, cardLine) {
		t.Errorf("unmerged: want %q in\n%s", cardLine, strings.Join(unmerged, "\n"))
	}
	if ru.Cards[0].Title["kk"] != "Жастармен жұмыс жөніндегі маман" {
		t.Errorf("card title: %v", ru.Cards[0].Title)
	}
	if !slices.Equal(ru.Languages, []string{"kk", "ru"}) {
		t.Errorf("languages: %v", ru.Languages)
	}
	checkOrigins(t, ru)
	checkNothingDropped(t, kk, ru)
	schematest.Validate(t, marshal(t, ru))
}

// TestMergeHandMade merges seed 004 with a "Russian" copy of itself: every
// entry aligns, so nothing is unmerged and every text becomes bilingual.
func TestMergeHandMade(t *testing.T) {
	kk := readOne(t, seed004)
	before := readOne(t, seed004)
	ru := translated(t, kk)
	ru.Title = kasip.Text{"ru": "Деятельность в сфере государственной молодежной политики"}
	ru.Cards[1].Title = kasip.Text{"ru": "Специалист по работе с молодежью"}
	ru.Cards[1].Functions[0].Skills[0].Knowledge[0].Text = kasip.Text{"ru": "Закон Республики Казахстан «О государственной молодежной политике»"}

	unmerged := kasip.Merge(kk, ru)

	if len(unmerged) != 0 {
		t.Errorf("unmerged: %q", unmerged)
	}
	if kk.Title["ru"] != ru.Title["ru"] || kk.Cards[1].Title["ru"] != ru.Cards[1].Title["ru"] ||
		kk.Cards[1].Functions[0].Skills[0].Knowledge[0].Text["ru"] != ru.Cards[1].Functions[0].Skills[0].Knowledge[0].Text["ru"] {
		t.Errorf("translations not merged: %v, %v", kk.Title, kk.Cards[1].Title)
	}
	n := 0
	forEachText(t, kk, func(path string, tx map[string]any) {
		if tx["kk"] != nil {
			n++
			if tx["ru"] == nil {
				t.Errorf("%s: no Russian text after the merge: %v", path, tx)
			}
		}
	})
	if n < 100 {
		t.Errorf("only %d Kazakh texts seen: the walk is broken", n)
	}
	if want := len(before.Unplaced) + len(ru.Unplaced); len(kk.Unplaced) != want {
		t.Errorf("unplaced: %d, want %d (both documents' own)", len(kk.Unplaced), want)
	}
	checkKazakhKept(t, before, kk)
	checkOrigins(t, kk)
	schematest.Validate(t, marshal(t, kk))
}

func TestMergeNeverOverwrites(t *testing.T) {
	into := readOne(t, seed004)
	into.Title["ru"] = "Своё название"
	other := translated(t, readOne(t, seed004))
	if u := kasip.Merge(into, other); len(u) != 0 {
		t.Errorf("unmerged: %q", u)
	}
	if into.Title["ru"] != "Своё название" {
		t.Errorf("an existing Russian title was overwritten: %q", into.Title["ru"])
	}
}

func TestMergeRefusesOtherStandard(t *testing.T) {
	into, other := readOne(t, seed004), readOne(t, seed000)
	before := marshal(t, into)
	u := kasip.Merge(into, other)
	if len(u) != 1 || !strings.HasPrefix(u[0], "not merged:") {
		t.Errorf("unmerged: %q", u)
	}
	if !bytes.Equal(marshal(t, into), before) {
		t.Error("a refused merge changed the standard")
	}
}

func TestMergeDeterministic(t *testing.T) {
	var first []string
	var firstJSON []byte
	for i := range 4 {
		kk := readOne(t, seed004)
		u := kasip.Merge(kk, readOne(t, ruM84120))
		data := marshal(t, kk)
		if i == 0 {
			first, firstJSON = u, data
			continue
		}
		if !slices.Equal(u, first) || !bytes.Equal(data, firstJSON) {
			t.Fatal("Merge is not deterministic")
		}
	}
}

// translated returns a copy of s whose Kazakh texts are all marked as
// Russian ("ru:" + the text), as if read from a Russian document.
func translated(t *testing.T, s *kasip.Standard) *kasip.Standard {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(marshal(t, s), &doc); err != nil {
		t.Fatal(err)
	}
	walkTexts(doc, "", func(_ string, tx map[string]any) {
		if v, ok := tx["kk"]; ok {
			delete(tx, "kk")
			tx["ru"] = "ru: " + v.(string)
		}
	})
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var out kasip.Standard
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	out.Languages = []string{"ru"}
	out.Sources[0].File, out.Sources[0].Language = "ru.txt", "ru"
	return &out
}

// checkKazakhKept fails when a Kazakh text of before differs in after: a
// merge adds languages and never changes existing texts.
func checkKazakhKept(t *testing.T, before, after *kasip.Standard) {
	t.Helper()
	for _, c := range kasip.Diff(before, after) {
		if c.Kind != kasip.ChangeAdded {
			t.Errorf("the merge changed Kazakh content: %s %s %q → %q", c.Kind, c.Path, c.Old, c.New)
		}
	}
}

// checkOrigins fails when an origin points outside the sources.
func checkOrigins(t *testing.T, s *kasip.Standard) {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(marshal(t, s), &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[int]int{}
	walkJSON(doc, "", false, func(path string, m map[string]any) {
		if o, ok := m["origin"].(map[string]any); ok {
			src := int(o["source"].(float64))
			seen[src]++
			if src < 0 || src >= len(s.Sources) {
				t.Errorf("%s: origin source %d of %d sources", path, src, len(s.Sources))
			}
		}
	})
	if seen[0] == 0 || seen[1] == 0 {
		t.Errorf("origins per source: %v; want both sources referenced", seen)
	}
}

// checkNothingDropped fails unless every text of other (in its language) is
// in merged: as a text of that language or within an unplaced entry.
func checkNothingDropped(t *testing.T, other, merged *kasip.Standard) {
	t.Helper()
	lang := other.Languages[0]
	have := map[string]bool{}
	forEachText(t, merged, func(_ string, tx map[string]any) {
		if s, ok := tx[lang].(string); ok {
			have[s] = true
		}
	})
	var unplaced []string
	for _, u := range merged.Unplaced {
		unplaced = append(unplaced, u.Text)
	}
	all := strings.Join(unplaced, "\n")
	n := 0
	forEachText(t, other, func(path string, tx map[string]any) {
		s, ok := tx[lang].(string)
		if !ok {
			return
		}
		n++
		if !have[s] && !strings.Contains(all, strings.TrimSpace(s)) {
			t.Errorf("%s text of %s dropped: %q", lang, path, s)
		}
	})
	if n < 20 {
		t.Errorf("only %d %s texts seen: the walk is broken", n, lang)
	}
}

// forEachText calls f for every Text object of s's JSON form.
func forEachText(t *testing.T, s *kasip.Standard, f func(path string, tx map[string]any)) {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(marshal(t, s), &doc); err != nil {
		t.Fatal(err)
	}
	walkTexts(doc, "", f)
}

// textKeys are the JSON names of Text fields of the model.
var textKeys = map[string]bool{"title": true, "header_title": true, "text": true, "term": true, "definition": true,
	"organization": true, "role": true}

func walkTexts(doc map[string]any, path string, f func(string, map[string]any)) {
	walkJSON(doc, path, true, func(p string, m map[string]any) {
		for k, v := range m {
			if tx, ok := v.(map[string]any); ok && textKeys[k] {
				f(p+"."+k, tx)
			}
		}
	})
}

// walkJSON calls f for every object in v; with content set, it skips the
// provenance lists (notes, unplaced), whose "text" is not a Text.
func walkJSON(v any, path string, content bool, f func(string, map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		f(path, v)
		for k, c := range v {
			if !content || k != "notes" && k != "unplaced" {
				walkJSON(c, path+"."+k, content, f)
			}
		}
	case []any:
		for i, c := range v {
			walkJSON(c, path+"["+strconv.Itoa(i)+"]", content, f)
		}
	}
}

func marshal(t testing.TB, s *kasip.Standard) []byte {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
