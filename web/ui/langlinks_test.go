package ui

import (
	"html/template"
	"strings"
	"testing"

	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/ui/page"
)

// oldLangLinks are the template loops LangAlternates and LangSwitch
// replace, as they were in layout.html.
const oldLangLinks = `{{define "alternates"}}{{range .LangLinks}}<link rel="alternate" hreflang="{{.Code}}" href="{{.URL}}">
{{end -}}{{end}}{{define "switch"}}
      {{- range .LangLinks}}
        <li><a href="{{.URL}}" lang="{{.Code}}" hreflang="{{.Code}}" title="{{.Name}}"{{if .Current}} aria-current="true"{{end}}><span aria-hidden="true">{{.Short}}</span><span class="visually-hidden">{{.Name}}</span></a></li>
      {{- end}}{{end}}`

var oldLangLinksTemplate = template.Must(template.New("x").Parse(oldLangLinks))

// langLinksBoth renders the links of a page at url both ways.
func langLinksBoth(t *testing.T, url string) (old, now string) {
	t.Helper()
	b := page.UIBase{Lang: "ru"}
	for _, l := range i18n.UILangs {
		b.LangLinks = append(b.LangLinks, page.UILangLink{Code: l, Short: page.UILangNames[l][0], Name: page.UILangNames[l][1] + ` "<'&+>`,
			URL: url + "?lang=" + l, Current: l == "ru"})
	}
	var o strings.Builder
	for _, name := range []string{"alternates", "switch"} {
		if err := oldLangLinksTemplate.ExecuteTemplate(&o, name, b); err != nil {
			t.Fatal(err)
		}
	}
	return o.String(), string(b.LangAlternates()) + string(b.LangSwitch())
}

// TestLangLinksLikeTemplate: the language links written in Go are byte
// for byte what the template loops wrote, for ordinary and hostile
// addresses.
func TestLangLinksLikeTemplate(t *testing.T) {
	for _, u := range []string{"/verify/7-2026-000042", "/search?q=%D0%B0&page=2", "/a'b(c)d\"e<f>g&h+i%j k",
		"/стандарт/Әә", "javascript:alert(1)", "//evil.example/x", "HTTPS://x.example/", "mailto:a@b", "data:text/html,x", ""} {
		old, now := langLinksBoth(t, u)
		if old != now {
			t.Errorf("%q:\ntemplate: %s\nGo:       %s", u, old, now)
		}
	}
}

func FuzzLangLinksLikeTemplate(f *testing.F) {
	for _, u := range []string{"/verify/1", "/a'b(c)", "x:y", "/%zz\x00\xff"} {
		f.Add(u)
	}
	f.Fuzz(func(t *testing.T, u string) {
		if old, now := langLinksBoth(t, u); old != now {
			t.Errorf("%q:\ntemplate: %s\nGo:       %s", u, old, now)
		}
	})
}
