package page

import (
	"fmt"
	"html"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/i18n"
)

// funcs are the template functions of one UI language.
func (u *UIState) Funcs(lang string) template.FuncMap {
	return template.FuncMap{
		// t translates a UI string (keyed by its English text).
		"t": func(key string) string { return i18n.Translate(lang, key) },
		// tf translates a format string and fills it in.
		"tf": func(key string, args ...any) string { return fmt.Sprintf(i18n.Translate(lang, key), args...) },
		// tx shows a text of a standard in the UI language when it has
		// it, else in its own language marked with lang=.
		"tx": func(t kasip.Text) template.HTML { return uiTextHTML(t, lang) },
		// txs is tx as a plain string (attributes, <title>).
		"txs": func(t kasip.Text) string { s, _ := UIPick(t, lang); return s },
		// txlang is the language tx shows t in, when it is not the UI
		// language ("" otherwise): for a lang attribute on a block.
		"txlang": func(t kasip.Text) string {
			if _, l := UIPick(t, lang); l != lang {
				return l
			}
			return ""
		},
		"date":         func(v any) string { return UIDate(v, lang) },
		"asset":        func(name string) string { return u.AssetURL[name] },
		"langname":     func(code string) string { return UILangName(code, lang) },
		"langsname":    func(codes string) string { return uiLangsName(codes, lang) },
		"where":        func(path string) string { return UIHumanPath(path, lang) },
		"cvalue":       func(v string) string { return uiConflictValue(v, lang) },
		"stdURL":       UIStandardURL,
		"cardURL":      UICardURL,
		"diffURL":      uiDiffURL,
		"jsonURL":      UIJSONURL,
		"srcURL":       UISourceURL,
		"ndays":        func(n int) string { return UIDays(n, lang) },
		"contentLangs": func() []string { return []string{"kk", "ru", "en"} },
		"levels":       func() []int { return []int{1, 2, 3, 4, 5, 6, 7, 8} },
		"add":          func(a, b int) int { return a + b },
		"join":         strings.Join,
		"has":          func(list []string, s string) bool { return slices.Contains(list, s) },
		"scope":        func(e recognition.ScopeEntry) string { return i18n.UIScopeText(e, lang) },
	}
}

// uiPick chooses which language of t to show: the UI language, else Kazakh,
// Russian, English, else any (the smallest language code, for determinism).
func UIPick(t kasip.Text, lang string) (string, string) {
	for _, l := range []string{lang, "kk", "ru", "en"} {
		if s := strings.TrimSpace(t[l]); s != "" {
			return s, l
		}
	}
	var keys []string
	for l, s := range t {
		if strings.TrimSpace(s) != "" {
			keys = append(keys, l)
		}
	}
	if len(keys) == 0 {
		return "", lang
	}
	slices.Sort(keys)
	return strings.TrimSpace(t[keys[0]]), keys[0]
}

// uiTextHTML is t in lang, or wrapped in a span with its language.
func uiTextHTML(t kasip.Text, lang string) template.HTML {
	s, l := UIPick(t, lang)
	if l == lang || s == "" {
		return template.HTML(html.EscapeString(s))
	}
	return template.HTML(`<span lang="` + html.EscapeString(l) + `">` + html.EscapeString(s) + `</span>`)
}

// uiLangName names a content language in the UI language.
// uiLangsName names a document's languages, "kk+ru" → "Kazakh, Russian".
func uiLangsName(codes, lang string) string {
	parts := strings.Split(codes, "+")
	for i, c := range parts {
		parts[i] = UILangName(c, lang)
	}
	return strings.Join(parts, ", ")
}

// uiConflictValue shows a value of a merge conflict: booleans as yes/no,
// an absent value as "not given".
func uiConflictValue(v, lang string) string {
	switch v {
	case "":
		return i18n.Translate(lang, "not given")
	case "true":
		return i18n.Translate(lang, "yes")
	case "false":
		return i18n.Translate(lang, "no")
	}
	return v
}

func UILangName(code, lang string) string {
	switch code {
	case "kk":
		return i18n.Translate(lang, "Kazakh")
	case "ru":
		return i18n.Translate(lang, "Russian")
	case "en":
		return i18n.Translate(lang, "English")
	}
	return code
}

var uiMonthsEN = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// uiDate formats an ISO date string or a time: 05.11.2026 in Kazakh and
// Russian (the form used in the documents), 5 Nov 2026 in English. A string
// that is not an ISO date is shown as it is.
func UIDate(v any, lang string) string {
	var t time.Time
	switch d := v.(type) {
	case string:
		if d == "" {
			return ""
		}
		p, err := time.Parse(time.DateOnly, d)
		if err != nil {
			return d
		}
		t = p
	case time.Time:
		if d.IsZero() {
			return ""
		}
		t = d.UTC()
	default:
		return fmt.Sprint(v)
	}
	if lang == "en" {
		return fmt.Sprintf("%d %s %d", t.Day(), uiMonthsEN[t.Month()-1], t.Year())
	}
	return t.Format("02.01.2006")
}

// uiDays is "N days" with the plural form the language needs: Russian has
// three (1 день, 2 дня, 5 дней), English two, Kazakh one.
func UIDays(n int, lang string) string {
	key := "%d days"
	switch lang {
	case "en":
		if n == 1 {
			key = "%d day"
		}
	case "ru":
		switch m10, m100 := n%10, n%100; {
		case m10 == 1 && m100 != 11:
			key = "%d day"
		case m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14):
			key = "%d days (2–4)"
		}
	}
	return fmt.Sprintf(i18n.Translate(lang, key), n)
}
