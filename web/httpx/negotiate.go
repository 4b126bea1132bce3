package httpx

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// WantsJSON reports whether the client prefers JSON to a page: by the
// Accept header's quality values, application/json or a +json type ranked
// above text/html (an equal rank goes to the one named first). Wildcards
// and no header at all get the page.
func WantsJSON(r *http.Request) bool {
	jsonQ, htmlQ := -1.0, -1.0
	jsonAt, htmlAt := 0, 0
	for i, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(v, 64); err != nil {
				continue
			}
		}
		switch {
		case mt == "text/html":
			if q > htmlQ {
				htmlQ, htmlAt = q, i
			}
		case mt == "application/json", strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"):
			if q > jsonQ {
				jsonQ, jsonAt = q, i
			}
		}
	}
	if jsonQ <= 0 {
		return false
	}
	return jsonQ > htmlQ || (jsonQ == htmlQ && jsonAt < htmlAt)
}
