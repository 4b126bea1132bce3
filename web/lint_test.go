package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/kasip/kasip/web/session"
)

// apiLintFinding is a finding as the API sends it.
type apiLintFinding struct {
	Rule, Severity, Standard, Key, Message string
	Args                                   map[string]struct {
		Kind  string
		Value any
	}
}

// TestAPILintLanguage: the messages follow lang, then Accept-Language; the
// keys and arguments stay the same in every language.
func TestAPILintLanguage(t *testing.T) {
	e := apiSeeded(t, session.Options{})
	const pattern = "/api/v1/standards/{code}/lint"
	get := func(path string, header ...string) []apiLintFinding {
		t.Helper()
		r := e.get(path, header...)
		if r.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s", path, r)
		}
		checkAPIResponse(t, http.MethodGet, pattern, r)
		var fs []apiLintFinding
		if err := json.Unmarshal(r.body, &fs); err != nil {
			t.Fatal(err)
		}
		return fs
	}
	overdue := func(fs []apiLintFinding) apiLintFinding {
		t.Helper()
		for _, f := range fs {
			if f.Key == "review.passed" {
				return f
			}
		}
		t.Fatalf("no review.passed finding in %v", fs)
		return apiLintFinding{}
	}
	const base = "/api/v1/standards/M84120/lint?today=2026-11-22"
	for _, c := range []struct {
		path   string
		header []string
		lang   string
		want   string
	}{
		{base + "&lang=ru", nil, "ru", "плановая дата пересмотра 2026-11-05 («05.11.2026 ж.») прошла за 17 дней до 2026-11-22"},
		{base + "&lang=kk", nil, "kk", "жоспарлы қайта қарау күні 2026-11-05 («05.11.2026 ж.») 2026-11-22 күніне дейін 17 күн бұрын өтіп кеткен"},
		{base + "&lang=en", []string{"Accept-Language", "ru"}, "en", `the planned review date 2026-11-05 ("05.11.2026 ж.") passed 17 days before 2026-11-22`},
		{base, []string{"Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5"}, "ru", "прошла за 17 дней"},
		{base, []string{"Accept-Language", "en-GB"}, "en", "passed 17 days before"},
	} {
		r := e.get(c.path, c.header...)
		if got := r.Header.Get("Content-Language"); got != c.lang {
			t.Errorf("%s %v: Content-Language %q, want %s", c.path, c.header, got, c.lang)
		}
		f := overdue(get(c.path, c.header...))
		if !strings.Contains(f.Message, c.want) {
			t.Errorf("%s %v: message %q lacks %q", c.path, c.header, f.Message, c.want)
		}
		if f.Standard != "M84120" || f.Args["days"].Kind != "number" || f.Args["days"].Value != 17.0 {
			t.Errorf("%s: standard %q, args %+v", c.path, f.Standard, f.Args)
		}
	}
	// A Russian register standard: its OKVED2 and OKZ codes are valid.
	for _, code := range []string{"06.001", "06.037", "25.005"} {
		for _, f := range get("/api/v1/standards/" + code + "/lint?lang=ru") {
			if f.Rule == "oked-inconsistent" {
				t.Errorf("%s: %s", code, f.Message)
			}
		}
	}
}

// TestUILintLanguage: the standard page lists findings in its language.
func TestUILintLanguage(t *testing.T) {
	u := newUITest(t)
	for lang, want := range map[string][]string{
		"kk": {"жоспарлы қайта қарау күні 2026-11-05", "«Дағды 1» белгісі мәніне жабысып қалған", "қате</span>"},
		"ru": {"плановая дата пересмотра 2026-11-05", "метка «Дағды 1» слита со значением", "ошибка</span>"},
		"en": {"the planned review date 2026-11-05", "label &#34;Дағды 1&#34; is glued to its value", "error</span>"},
	} {
		p := u.page("/standards/M84120?lang="+lang, http.StatusOK, lang)
		p.has(t, want...)
		if lang != "en" {
			p.lacks(t, "the planned review date", "is glued to its value")
		}
	}
}
