package httpx

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
	"github.com/kasip/kasip/web/i18n"
)

// writeJSON writes v as UTF-8 JSON, Cyrillic and Kazakh letters as they are
// (no \u escapes, no HTML escaping). The body is encoded before the header
// is written, so an encoding failure can still become a problem.
func WriteJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		InternalError(w, r, fmt.Errorf("encoding the response: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// paramError is a query or path parameter that could not be used.
type ParamError struct {
	Name   string // the parameter
	Reason string // message key of i18n_api.go, with %v verbs for Args
	Args   []any
}

func (e *ParamError) Error() string { return e.Name + ": " + fmt.Sprintf(e.Reason, e.Args...) }

// badParam writes a 400 problem naming the parameter.
func BadParam(w http.ResponseWriter, r *http.Request, e *ParamError) {
	detail := fmt.Sprintf(i18n.Translate(i18n.RequestLang(r), "parameter %q: %s"), e.Name, i18n.APIT(r, e.Reason, e.Args...))
	WriteProblem(w, r, Problem{Status: http.StatusBadRequest, Title: "invalid parameter", Detail: detail, Parameter: e.Name})
}

// internalError logs err and writes a 500 that does not reveal it.
func InternalError(w http.ResponseWriter, r *http.Request, err error) {
	requestLog(r).Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	Fail(w, r, http.StatusInternalServerError, "internal error", "")
}

// registryError maps an error of the registry to a response: ErrNotFound
// 404 (with notFound as the detail), ErrInvalid invalidStatus, a cancelled
// request nothing useful (the client is gone), anything else a logged 500.
func RegistryError(w http.ResponseWriter, r *http.Request, err error, notFound string, invalidStatus int) {
	switch {
	case errors.Is(err, kasip.ErrNotFound):
		Fail(w, r, http.StatusNotFound, "not found", notFound)
	case errors.Is(err, kasip.ErrInvalid):
		Fail(w, r, invalidStatus, "invalid request", err.Error())
	case r.Context().Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
		// The client went away or the server is shutting down: nothing
		// is wrong with the registry, and nobody may read the answer.
		requestLog(r).Debug("api: request ended early", "path", r.URL.Path, "err", err)
		Fail(w, r, http.StatusServiceUnavailable, "request cancelled", "")
	default:
		InternalError(w, r, err)
	}
}

// apiQuery reads and validates query parameters, keeping the first error.
type APIQuery struct {
	r   *http.Request
	v   map[string][]string
	Err *ParamError
}

func NewAPIQuery(r *http.Request) *APIQuery { return &APIQuery{r: r, v: r.URL.Query()} }

func (q *APIQuery) Fail(name, reason string, args ...any) {
	if q.Err == nil {
		q.Err = &ParamError{Name: name, Reason: reason, Args: args}
	}
}

// maxQueryLen bounds a free-text parameter.
const MaxQueryLen = 200

func (q *APIQuery) Str(name string) string {
	v := strings.TrimSpace(q.first(name))
	if len([]rune(v)) > MaxQueryLen {
		q.Fail(name, "must be at most %d characters", MaxQueryLen)
		return ""
	}
	return v
}

func (q *APIQuery) first(name string) string {
	if vs := q.v[name]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// intRange reads an optional integer in [lo, hi]; def when absent.
func (q *APIQuery) IntRange(name string, def, lo, hi int) int {
	raw := q.first(name)
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		q.Fail(name, "must be an integer from %d to %d", lo, hi)
		return def
	}
	return n
}

// oneOf reads an optional value from allowed ("" when absent).
func (q *APIQuery) OneOf(name string, allowed ...string) string {
	raw := q.first(name)
	if raw == "" {
		return ""
	}
	for _, a := range allowed {
		if raw == a {
			return raw
		}
	}
	q.Fail(name, "must be one of %s", strings.Join(allowed, ", "))
	return ""
}

// generatedValues are the accepted values of the generated parameter:
// exclude (or false) leaves generated demo data out, only (or true) shows
// nothing else, include or absent shows both.
var GeneratedValues = []string{"include", "exclude", "only", "true", "false"}

// generated reads the generated parameter of lists and search.
func (q *APIQuery) Generated() *bool {
	return GeneratedFilter(q.OneOf("generated", GeneratedValues...))
}

func GeneratedFilter(v string) *bool {
	switch v {
	case "exclude", "false", "no":
		return new(false)
	case "only", "true", "yes":
		return new(true)
	}
	return nil
}

// date reads an optional ISO 8601 date (YYYY-MM-DD).
func (q *APIQuery) Date(name string) (time.Time, bool) {
	raw := q.first(name)
	if raw == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, raw)
	if err != nil {
		q.Fail(name, "must be a date as YYYY-MM-DD")
		return time.Time{}, false
	}
	return t, true
}

// required reads a parameter that must be present.
func (q *APIQuery) Required(name string) string {
	v := q.Str(name)
	if v == "" && q.Err == nil {
		q.Fail(name, "is required")
	}
	return v
}

// Pagination limits.
const (
	DefaultLimit = 50
	MaxLimit     = 200
	MaxOffset    = 1_000_000_000
)

func (q *APIQuery) Page() (limit, offset int) {
	return q.IntRange("limit", DefaultLimit, 1, MaxLimit), q.IntRange("offset", 0, 0, MaxOffset)
}

// Page is the envelope of a list.
type Page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// nonNilSlice makes a nil slice encode as [] rather than null.
func NonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
