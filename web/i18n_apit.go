package web

import (
	"fmt"
	"net/http"
)

// apiT translates a message key into the request's language and formats it.
func apiT(r *http.Request, key string, args ...any) string {
	s := translate(requestLang(r), key)
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
