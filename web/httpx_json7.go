package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
)

// recReadJSON decodes a JSON object body into v, refusing unknown members,
// trailing data and other media types; it reports whether it did (having
// answered otherwise).
func recReadJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		fail(w, r, http.StatusUnsupportedMediaType, "unsupported media type", apiT(r, "expected %s", "application/json"))
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, recMaxJSON))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = errors.New("data after the object")
		}
	}
	if err == nil {
		return true
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		fail(w, r, http.StatusRequestEntityTooLarge, "request body too large", apiT(r, "the limit is %d bytes", mbe.Limit))
		return false
	}
	fail(w, r, http.StatusBadRequest, "invalid request body", err.Error())
	return false
}
