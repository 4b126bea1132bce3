package httpx

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/kasip/kasip/web/i18n"
)

// recReadJSON decodes a JSON object body into v, refusing unknown members,
// trailing data and other media types; it reports whether it did (having
// answered otherwise).
func RecReadJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		Fail(w, r, http.StatusUnsupportedMediaType, "unsupported media type", i18n.APIT(r, "expected %s", "application/json"))
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
		Fail(w, r, http.StatusRequestEntityTooLarge, "request body too large", i18n.APIT(r, "the limit is %d bytes", mbe.Limit))
		return false
	}
	Fail(w, r, http.StatusBadRequest, "invalid request body", err.Error())
	return false
}
