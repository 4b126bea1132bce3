package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/kasip/kasip/web/i18n"
)

// Bounds of a JSON request body.
const (
	// MaxJSONBody bounds a small JSON body (a token, a status change).
	MaxJSONBody = 4 << 10
	// MaxLargeJSONBody bounds a recognition body: a programme with its
	// bank of questions is the largest.
	MaxLargeJSONBody = 1 << 20
)

// WriteJSON writes v as UTF-8 JSON, Cyrillic and Kazakh letters as they
// are (no \u escapes, no HTML escaping). The body is encoded before the
// header is written, so an encoding failure can still become a problem.
func WriteJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	if err := EncodeJSON(&buf, v); err != nil {
		InternalError(w, r, fmt.Errorf("encoding the response: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// EncodeJSON writes v as JSON with letters as they are, as WriteJSON and
// WriteProblem do.
func EncodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// ReadJSON decodes a small JSON object body (at most MaxJSONBody) into v;
// on failure it has answered and returns false. shape is an example body
// for the message.
func ReadJSON(w http.ResponseWriter, r *http.Request, v any, shape string) bool {
	return readJSON(w, r, v, MaxJSONBody, func(error) string {
		return i18n.APIT(r, "expected a JSON object %s", shape)
	})
}

// ReadLargeJSON decodes a JSON object body of at most MaxLargeJSONBody
// into v; a body that is not valid gets the decoder's own message.
func ReadLargeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	return readJSON(w, r, v, MaxLargeJSONBody, error.Error)
}

// readJSON decodes a JSON object body of at most limit bytes into v,
// refusing unknown members, trailing data and other media types; on
// failure it answers (detail words a body that is not valid) and returns
// false.
func readJSON(w http.ResponseWriter, r *http.Request, v any, limit int64, detail func(error) string) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		Fail(w, r, http.StatusUnsupportedMediaType, "unsupported media type", i18n.APIT(r, "expected %s", "application/json"))
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
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
	Fail(w, r, http.StatusBadRequest, "invalid request body", detail(err))
	return false
}

// Page is the envelope of a list.
type Page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// NonNilSlice makes a nil slice encode as [] rather than null.
func NonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
