package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
)

// writeJSON writes v as UTF-8 JSON, Cyrillic and Kazakh letters as they are
// (no \u escapes, no HTML escaping). The body is encoded before the header
// is written, so an encoding failure can still become a problem.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		internalError(w, r, fmt.Errorf("encoding the response: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// paramError is a query or path parameter that could not be used.
type paramError struct {
	Name   string // the parameter
	Reason string // message key of i18n_api.go, with %v verbs for Args
	Args   []any
}

func (e *paramError) Error() string { return e.Name + ": " + fmt.Sprintf(e.Reason, e.Args...) }

// badParam writes a 400 problem naming the parameter.
func badParam(w http.ResponseWriter, r *http.Request, e *paramError) {
	detail := fmt.Sprintf(translate(requestLang(r), "parameter %q: %s"), e.Name, apiT(r, e.Reason, e.Args...))
	writeProblem(w, r, Problem{Status: http.StatusBadRequest, Title: "invalid parameter", Detail: detail, Parameter: e.Name})
}

// internalError logs err and writes a 500 that does not reveal it.
func internalError(w http.ResponseWriter, r *http.Request, err error) {
	requestLog(r).Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	fail(w, r, http.StatusInternalServerError, "internal error", "")
}

// registryError maps an error of the registry to a response: ErrNotFound
// 404 (with notFound as the detail), ErrInvalid invalidStatus, a cancelled
// request nothing useful (the client is gone), anything else a logged 500.
func registryError(w http.ResponseWriter, r *http.Request, err error, notFound string, invalidStatus int) {
	switch {
	case errors.Is(err, kasip.ErrNotFound):
		fail(w, r, http.StatusNotFound, "not found", notFound)
	case errors.Is(err, kasip.ErrInvalid):
		fail(w, r, invalidStatus, "invalid request", err.Error())
	case r.Context().Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
		// The client went away or the server is shutting down: nothing
		// is wrong with the registry, and nobody may read the answer.
		requestLog(r).Debug("api: request ended early", "path", r.URL.Path, "err", err)
		fail(w, r, http.StatusServiceUnavailable, "request cancelled", "")
	default:
		internalError(w, r, err)
	}
}

// apiQuery reads and validates query parameters, keeping the first error.
type apiQuery struct {
	r   *http.Request
	v   map[string][]string
	err *paramError
}

func newAPIQuery(r *http.Request) *apiQuery { return &apiQuery{r: r, v: r.URL.Query()} }

func (q *apiQuery) fail(name, reason string, args ...any) {
	if q.err == nil {
		q.err = &paramError{Name: name, Reason: reason, Args: args}
	}
}

// maxQueryLen bounds a free-text parameter.
const maxQueryLen = 200

func (q *apiQuery) str(name string) string {
	v := strings.TrimSpace(q.first(name))
	if len([]rune(v)) > maxQueryLen {
		q.fail(name, "must be at most %d characters", maxQueryLen)
		return ""
	}
	return v
}

func (q *apiQuery) first(name string) string {
	if vs := q.v[name]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// intRange reads an optional integer in [lo, hi]; def when absent.
func (q *apiQuery) intRange(name string, def, lo, hi int) int {
	raw := q.first(name)
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		q.fail(name, "must be an integer from %d to %d", lo, hi)
		return def
	}
	return n
}

// oneOf reads an optional value from allowed ("" when absent).
func (q *apiQuery) oneOf(name string, allowed ...string) string {
	raw := q.first(name)
	if raw == "" {
		return ""
	}
	for _, a := range allowed {
		if raw == a {
			return raw
		}
	}
	q.fail(name, "must be one of %s", strings.Join(allowed, ", "))
	return ""
}

// generatedValues are the accepted values of the generated parameter:
// exclude (or false) leaves generated demo data out, only (or true) shows
// nothing else, include or absent shows both.
var generatedValues = []string{"include", "exclude", "only", "true", "false"}

// generated reads the generated parameter of lists and search.
func (q *apiQuery) generated() *bool {
	return generatedFilter(q.oneOf("generated", generatedValues...))
}

func generatedFilter(v string) *bool {
	switch v {
	case "exclude", "false", "no":
		return new(false)
	case "only", "true", "yes":
		return new(true)
	}
	return nil
}

// date reads an optional ISO 8601 date (YYYY-MM-DD).
func (q *apiQuery) date(name string) (time.Time, bool) {
	raw := q.first(name)
	if raw == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, raw)
	if err != nil {
		q.fail(name, "must be a date as YYYY-MM-DD")
		return time.Time{}, false
	}
	return t, true
}

// required reads a parameter that must be present.
func (q *apiQuery) required(name string) string {
	v := q.str(name)
	if v == "" && q.err == nil {
		q.fail(name, "is required")
	}
	return v
}

// Pagination limits.
const (
	defaultLimit = 50
	maxLimit     = 200
	maxOffset    = 1_000_000_000
)

func (q *apiQuery) page() (limit, offset int) {
	return q.intRange("limit", defaultLimit, 1, maxLimit), q.intRange("offset", 0, 0, maxOffset)
}

// Page is the envelope of a list.
type Page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// nonNilSlice makes a nil slice encode as [] rather than null.
func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
