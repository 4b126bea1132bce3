package web

import (
	"net/http"
	"strings"
)

// Languages of the UI, in the order offered.
var uiLangs = []string{"kk", "ru", "en"}

// requestLang picks the UI language: ?lang=, then the "lang" cookie, then
// Accept-Language, then Kazakh.
func requestLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); isUILang(l) {
		return l
	}
	if c, err := r.Cookie("lang"); err == nil && isUILang(c.Value) {
		return c.Value
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		if base := strings.SplitN(tag, "-", 2)[0]; isUILang(base) {
			return base
		}
	}
	return "kk"
}

func isUILang(l string) bool {
	for _, u := range uiLangs {
		if l == u {
			return true
		}
	}
	return false
}

// messages holds every UI and API string in kk, ru and en, keyed by its
// English text. A missing key falls back to English.
var messages = map[string]map[string]string{}

// translate returns the message key in lang.
func translate(lang, key string) string {
	if m, ok := messages[key]; ok {
		if s := m[lang]; s != "" {
			return s
		}
	}
	return key
}
