package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/kasip/kasip"
)

// TestGeneratedFilter: the professions and search pages and the search API
// leave generated (demo) data out on request, and a demo copy's repeated
// items are one hit with "+N demo variants", after the real one.
func TestGeneratedFilter(t *testing.T) {
	u := newUITest(t)
	const gen = "DEMO-06.001-901"
	u.page("/professions", http.StatusOK, "ru", "Cookie: lang=ru").has(t, gen)
	u.page("/professions?generated=no", http.StatusOK, "ru", "Cookie: lang=ru").lacks(t, gen)
	u.page("/professions?generated=yes", http.StatusOK, "ru", "Cookie: lang=ru").has(t, gen)
	u.page("/professions?generated=maybe", http.StatusBadRequest, "ru", "Cookie: lang=ru")

	p := u.page("/search?q=алгоритмизация", http.StatusOK, "ru", "Cookie: lang=ru")
	p.has(t, "демо-варианты: &#43;1", `id="s-generated"`)
	p.lacks(t, gen) // every item of the copy folds into the real one
	u.page("/search?q=алгоритмизация&generated=yes", http.StatusOK, "ru", "Cookie: lang=ru").has(t, gen)
	u.page("/search?q=алгоритмизация&generated=no", http.StatusOK, "en", "Cookie: lang=en").lacks(t, gen, "demo variants")

	for q, want := range map[string]func(kasip.SearchHit) bool{
		"generated=exclude": func(h kasip.SearchHit) bool { return !h.Generated && h.Variants == 0 },
		"generated=only":    func(h kasip.SearchHit) bool { return h.Generated && h.Code == gen },
		"generated=include": func(h kasip.SearchHit) bool { return !h.Generated },
	} {
		r := u.get("/api/v1/search?q=алгоритмизация&" + q)
		if r.status != http.StatusOK {
			t.Fatalf("%s: status %d", q, r.status)
		}
		var res kasip.SearchResult
		if err := json.Unmarshal([]byte(r.body), &res); err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			t.Errorf("%s: no hits", q)
		}
		for _, h := range res.Hits {
			if !want(h) {
				t.Errorf("%s: hit %s %s generated %v variants %d", q, h.Code, h.Path, h.Generated, h.Variants)
			}
		}
	}
	if r := u.get("/api/v1/professions?generated=exclude"); r.status != http.StatusOK || strings.Contains(r.body, gen) {
		t.Errorf("professions?generated=exclude: %d, lists the demo copy: %v", r.status, strings.Contains(r.body, gen))
	}
}
