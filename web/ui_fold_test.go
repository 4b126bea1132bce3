package web_test

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/web"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	uipage "github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/web/webtest"
)

// TestUIFoldedPagesIdentical: the pages of a server whose templates have
// their constant translations folded (page.FoldTranslations) are byte for byte those
// of a server parsed without folding, on the same store. Every user (the
// public and each role) crawls the site from its start pages in every
// language, following the links of the pages it gets, and asks both
// servers for each page.
func TestUIFoldedPagesIdentical(t *testing.T) {
	e := newRecEnv(t, "")
	prog := e.approvedProgramme()
	app := e.certDecided(prog, recCandidate, time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC), 300)
	var c service.CertificateView
	e.checked(e.call(recManager, "POST", fmt.Sprintf("/api/v1/applications/%d/certificate", app), nil),
		"/api/v1/applications/{id}/certificate", http.StatusCreated, &c)

	plain := webtest.New(t, webtest.Services(e.st), e.opt)
	if err := web.UnfoldUI(plain); err != nil {
		t.Fatal(err)
	}
	other := httptest.NewServer(plain.Handler())
	defer other.Close()

	starts := []string{"/", "/verify/" + c.Number, "/verify?holder=Айгүл&profession=маман", "/account", "/recognition",
		"/standards", "/professions", "/search?q=жастар", "/review"}
	pages := 0
	for _, who := range []string{"-", recAdmin, recManager, recAssessor1, recCandidate, recEmployer} {
		for _, lang := range i18n.UILangs {
			pages += e.crawlCompare(who, lang, starts, other.URL, 40)
		}
	}
	if pages < 300 {
		t.Errorf("only %d pages compared", pages)
	}
	t.Logf("%d pages compared", pages)
}

// crawlCompare visits up to limit pages as who in lang from starts,
// comparing each with the same page from the server at otherURL, and
// returns how many it compared.
func (e *recEnv) crawlCompare(who, lang string, starts []string, otherURL string, limit int) int {
	e.t.Helper()
	seen := map[string]bool{}
	queue := append([]string(nil), starts...)
	n := 0
	for len(queue) > 0 && n < limit {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		hdr := []string{"Accept-Language", lang}
		a := e.uiDo(who, http.MethodGet, path, nil, hdr...)
		if a.StatusCode >= 300 && a.StatusCode < 400 || !strings.HasPrefix(a.Header.Get("Content-Type"), "text/html") {
			continue
		}
		b := e.uiDoAt(otherURL, who, http.MethodGet, path, nil, hdr...)
		if a.StatusCode != b.StatusCode || !bytes.Equal(a.body, b.body) {
			e.t.Errorf("GET %s as %s in %s: folded %d, %d bytes; unfolded %d, %d bytes; first difference at %d",
				path, who, lang, a.StatusCode, len(a.body), b.StatusCode, len(b.body), firstDiff(a.body, b.body))
		}
		n++
		for _, m := range reHref.FindAllSubmatch(a.body, -1) {
			link := strings.ReplaceAll(string(m[1]), "&amp;", "&")
			if strings.HasPrefix(link, "/") && !strings.HasPrefix(link, "/static/") && !strings.HasPrefix(link, "/api/") &&
				!strings.Contains(link, ".pdf") && !strings.Contains(link, ".json") && !seen[link] {
				queue = append(queue, link)
			}
		}
	}
	return n
}

var reHref = regexp.MustCompile(`href="([^"]*)"`)

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestFoldTranslationsContexts: folding replaces translations in HTML
// text, quoted attributes and RCDATA with what html/template would write,
// and leaves them alone in URLs, scripts, styles and unquoted attributes.
func TestFoldTranslationsContexts(t *testing.T) {
	const src = `{{define "layout"}}<title>{{t "Home"}}</title><p title="{{t "Home"}}">{{t "Home"}}</p>` +
		`<a href="/{{t "Home"}}">x</a><script>var s = {{t "Home"}};</script><p style="color: {{t "Home"}}">` +
		`<p class={{t "Home"}}>{{.}}</p><link href="{{asset "a.css"}}"><img src="{{asset "b c.png"}}">` +
		`<a href="{{asset "js"}}">x</a>{{end}}`
	assets := map[string]string{"a.css": "/static/a.0123abcd.css", "b c.png": "/static/b c.png", "js": "javascript:alert(1)"}
	funcs := template.FuncMap{"t": func(k string) string { return i18n.Translate("ru", k) }, "asset": func(n string) string { return assets[n] }}
	tmpl := template.Must(template.New("x").Funcs(funcs).Parse(src))
	if n := uipage.FoldTranslations(tmpl, "ru", assets); n != 4 {
		t.Errorf("folded %d actions, want 4 (text, quoted attribute, title, a plain asset address)", n)
	}
	var got bytes.Buffer
	if err := tmpl.ExecuteTemplate(&got, "layout", "data"); err != nil {
		t.Fatal(err)
	}
	want := template.Must(template.New("x").Funcs(funcs).Parse(src))
	var w bytes.Buffer
	if err := want.ExecuteTemplate(&w, "layout", "data"); err != nil {
		t.Fatal(err)
	}
	if got.String() != w.String() {
		t.Errorf("folded:\n%s\nunfolded:\n%s", got.String(), w.String())
	}
}

// TestHTMLEscapeLikeTemplate: the escaping of folded text is
// html/template's, character for character.
func TestHTMLEscapeLikeTemplate(t *testing.T) {
	tmpl := template.Must(template.New("x").Parse(`{{.}}|<p title="{{.}}">|<title>{{.}}</title>`))
	for _, s := range []string{"a+b <c> & \"d\" 'e' \x00 Әә «ш»", "", "plain"} {
		var b bytes.Buffer
		if err := tmpl.Execute(&b, s); err != nil {
			t.Fatal(err)
		}
		e := uipage.HTMLEscapeLikeTemplate(s)
		if want := e + `|<p title="` + e + `">|<title>` + e + `</title>`; b.String() != want {
			t.Errorf("%q: html/template wrote %q, folding would write %q", s, b.String(), want)
		}
	}
}

// TestUIFoldsTheLayout: the real templates are folded (the layout has
// about twenty constant translations).
func TestUIFoldsTheLayout(t *testing.T) {
	for _, lang := range i18n.UILangs {
		u := &uipage.UIState{Assets: map[string]*uipage.UIAsset{}, AssetURL: map[string]string{}}
		if err := u.LoadAssets(); err != nil {
			t.Fatal(err)
		}
		tmpl, err := template.New("home").Funcs(u.Funcs(lang)).ParseFS(uipage.UITemplateFS,
			"templates/layout.html", "templates/partials.html", "templates/home.html")
		if err != nil {
			t.Fatal(err)
		}
		if n := uipage.FoldTranslations(tmpl, lang, u.AssetURL); n < 25 {
			t.Errorf("%s: %d constants folded in the home page, want at least 25 (20 translations, 5 assets)", lang, n)
		}
	}
}
