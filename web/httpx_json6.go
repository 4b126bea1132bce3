package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
)

// readJSON decodes a small JSON object body into v, refusing unknown
// members, trailing data and other media types; on failure it has
// answered and returns false. shape is an example body for the message.
func readJSON(w http.ResponseWriter, r *http.Request, v any, shape string) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		fail(w, r, http.StatusUnsupportedMediaType, "unsupported media type", apiT(r, "expected %s", "application/json"))
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = errors.New("data after the object")
		}
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			fail(w, r, http.StatusRequestEntityTooLarge, "request body too large", apiT(r, "the limit is %d bytes", mbe.Limit))
			return false
		}
		fail(w, r, http.StatusBadRequest, "invalid request body", apiT(r, "expected a JSON object %s", shape))
		return false
	}
	return true
}
