package i18n

import (
	"fmt"
	"net/http"
)

// apiT translates a message key into the request's language and formats it.
func APIT(r *http.Request, key string, args ...any) string {
	s := Translate(RequestLang(r), key)
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
