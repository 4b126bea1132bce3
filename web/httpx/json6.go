package httpx

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/kasip/kasip/web/i18n"
)

// readJSON decodes a small JSON object body into v, refusing unknown
// members, trailing data and other media types; on failure it has
// answered and returns false. shape is an example body for the message.
func ReadJSON(w http.ResponseWriter, r *http.Request, v any, shape string) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		Fail(w, r, http.StatusUnsupportedMediaType, "unsupported media type", i18n.APIT(r, "expected %s", "application/json"))
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxJSONBody))
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
			Fail(w, r, http.StatusRequestEntityTooLarge, "request body too large", i18n.APIT(r, "the limit is %d bytes", mbe.Limit))
			return false
		}
		Fail(w, r, http.StatusBadRequest, "invalid request body", i18n.APIT(r, "expected a JSON object %s", shape))
		return false
	}
	return true
}
