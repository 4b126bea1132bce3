package i18n

import (
	"net/http"
	"strings"
)

// Languages of the UI, in the order offered.
var UILangs = []string{"kk", "ru", "en"}

// requestLang picks the UI language: ?lang=, then the "lang" cookie, then
// Accept-Language, then Kazakh.
func RequestLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); IsUILang(l) {
		return l
	}
	if c, err := r.Cookie("lang"); err == nil && IsUILang(c.Value) {
		return c.Value
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		if base := strings.SplitN(tag, "-", 2)[0]; IsUILang(base) {
			return base
		}
	}
	return "kk"
}

func IsUILang(l string) bool {
	for _, u := range UILangs {
		if l == u {
			return true
		}
	}
	return false
}

// messages holds every UI and API string in kk, ru and en, keyed by its
// English text. A missing key falls back to English.
var Messages = map[string]map[string]string{}

// translate returns the message key in lang.
func Translate(lang, key string) string {
	if m, ok := Messages[key]; ok {
		if s := m[lang]; s != "" {
			return s
		}
	}
	return key
}
