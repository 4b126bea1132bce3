package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
)

// The JSON API under /api/v1. Every route is listed once, in apiRouteTable:
// the mux is built from it and the OpenAPI test checks the document in
// openapi.go against it, so a handler without documentation (or the other
// way round) fails the tests.

// apiRoute is one operation of the API. Path is both the ServeMux pattern
// (without the method) and the OpenAPI path: the {name} wildcard syntax of
// the two agrees. Access says who may call it (auth.go): public,
// signedIn, or roles(auth.RoleAdmin, …); the guard checks it before
// Handle runs, and the OpenAPI document declares it.
type apiRoute struct {
	Method string
	Path   string
	Access access
	Handle func(*Server, http.ResponseWriter, *http.Request)
}

// extraAPIRoutes are routes other files of the package add with
// registerAPIRoutes, so that a feature can bring its routes in its own
// file.
var extraAPIRoutes []apiRoute

// registerAPIRoutes adds routes to apiRouteTable. Call it from a
// package-level declaration, which runs before any server exists:
//
//	var _ = registerAPIRoutes(
//		apiRoute{http.MethodGet, "/api/v1/centres", public, (*Server).apiListCentres},
//	)
//
// The OpenAPI test then demands the operations in the document (see
// registerOpenAPI), and the access-matrix test an expectation for each.
func registerAPIRoutes(routes ...apiRoute) bool {
	extraAPIRoutes = append(extraAPIRoutes, routes...)
	return true
}

// apiRouteTable lists every API operation.
func apiRouteTable() []apiRoute {
	admin := roles(auth.RoleAdmin)
	core := []apiRoute{
		{http.MethodGet, "/healthz", public, (*Server).healthz},
		{http.MethodGet, "/readyz", public, (*Server).readyz},
		{http.MethodGet, "/api/openapi.json", public, (*Server).apiOpenAPI},

		{http.MethodGet, "/api/v1/standards", public, (*Server).apiListStandards},
		{http.MethodGet, "/api/v1/standards/{code}", public, (*Server).apiGetStandard},
		{http.MethodGet, "/api/v1/standards/{code}/versions", public, (*Server).apiVersions},
		{http.MethodGet, "/api/v1/standards/{code}/versions/{version}", public, (*Server).apiGetStandard},
		{http.MethodGet, "/api/v1/standards/{code}/versions/{version}/sources/{index}", public, (*Server).apiSource},
		{http.MethodGet, "/api/v1/standards/{code}/diff", public, (*Server).apiDiff},
		{http.MethodGet, "/api/v1/standards/{code}/lint", public, (*Server).apiLint},
		{http.MethodGet, "/api/v1/standards/{code}/similar", public, (*Server).apiSimilar},

		{http.MethodGet, "/api/v1/search", public, (*Server).apiSearch},

		{http.MethodGet, "/api/v1/professions", public, (*Server).apiListProfessions},
		{http.MethodGet, "/api/v1/professions/{id}", public, (*Server).apiGetProfession},
		{http.MethodPut, "/api/v1/professions/{id}/recognition", admin, (*Server).apiSetRecognition},

		{http.MethodGet, "/api/v1/classifiers/oked", public, (*Server).apiOKED},
		{http.MethodGet, "/api/v1/classifiers/levels", public, (*Server).apiLevels},

		{http.MethodPost, "/api/v1/import", admin, (*Server).apiImport},

		// Accounts (auth_api.go). Signing in and out is public: signing
		// out twice, or with an expired session, is harmless.
		{http.MethodPost, "/api/v1/session", public, (*Server).apiSignIn},
		{http.MethodDelete, "/api/v1/session", public, (*Server).apiSignOut},
		{http.MethodGet, "/api/v1/me", signedIn, (*Server).apiMe},
		{http.MethodPut, "/api/v1/me/password", signedIn, (*Server).apiChangePassword},
		{http.MethodGet, "/api/v1/me/tokens", signedIn, (*Server).apiListTokens},
		{http.MethodPost, "/api/v1/me/tokens", signedIn, (*Server).apiCreateToken},
		{http.MethodDelete, "/api/v1/me/tokens/{id}", signedIn, (*Server).apiRevokeToken},
		{http.MethodGet, "/api/v1/users", admin, (*Server).apiListUsers},
		{http.MethodPost, "/api/v1/users", admin, (*Server).apiCreateUser},
		{http.MethodPost, "/api/v1/users/{id}/disable", admin, (*Server).apiDisableUser},
		{http.MethodPost, "/api/v1/users/{id}/enable", admin, (*Server).apiEnableUser},
	}
	return append(core, extraAPIRoutes...)
}

// apiRoutes mounts the routes of apiRouteTable, each behind the guard of
// its access rule, and a catch-all under /api/ that answers unknown paths
// and methods with problem+json rather than the mux's plain text.
func (s *Server) apiRoutes() {
	for _, rt := range apiRouteTable() {
		h := rt.Handle
		var hf http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h(s, w, r) })
		s.mux.Handle(rt.Method+" "+rt.Path, apiHeaders(s.guard(rt.Access, hf)))
	}
	s.mux.Handle("/api/", apiHeaders(http.HandlerFunc(s.apiNoRoute)))
}

// apiHeaders sets the headers every API response carries.
func apiHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Add("Vary", "Accept-Language")
		next.ServeHTTP(w, r)
	})
}

// apiNoRoute answers a request under /api/ that no route matched: 405 with
// Allow when the path exists with other methods, else 404.
func (s *Server) apiNoRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.problem(w, r, http.StatusMethodNotAllowed, "method not allowed", "")
		return
	}
	s.problem(w, r, http.StatusNotFound, "not found", "")
}

// tokenEqual compares in constant time; hashing first hides the length too.
func tokenEqual(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// writeJSON writes v as UTF-8 JSON, Cyrillic and Kazakh letters as they are
// (no \u escapes, no HTML escaping). The body is encoded before the header
// is written, so an encoding failure can still become a problem.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.internalError(w, r, fmt.Errorf("encoding the response: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// apiT translates a message key into the request's language and formats it.
func apiT(r *http.Request, key string, args ...any) string {
	s := translate(requestLang(r), key)
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// paramError is a query or path parameter that could not be used.
type paramError struct {
	Name   string // the parameter
	Reason string // message key of i18n_api.go, with %v verbs for Args
	Args   []any
}

func (e *paramError) Error() string { return e.Name + ": " + fmt.Sprintf(e.Reason, e.Args...) }

// badParam writes a 400 problem naming the parameter.
func (s *Server) badParam(w http.ResponseWriter, r *http.Request, e *paramError) {
	detail := fmt.Sprintf(translate(requestLang(r), "parameter %q: %s"), e.Name, apiT(r, e.Reason, e.Args...))
	s.writeProblem(w, r, Problem{Status: http.StatusBadRequest, Title: "invalid parameter", Detail: detail, Parameter: e.Name})
}

// internalError logs err and writes a 500 that does not reveal it.
func (s *Server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	s.problem(w, r, http.StatusInternalServerError, "internal error", "")
}

// registryError maps an error of the registry to a response: ErrNotFound
// 404 (with notFound as the detail), ErrInvalid invalidStatus, a cancelled
// request nothing useful (the client is gone), anything else a logged 500.
func (s *Server) registryError(w http.ResponseWriter, r *http.Request, err error, notFound string, invalidStatus int) {
	switch {
	case errors.Is(err, kasip.ErrNotFound):
		s.problem(w, r, http.StatusNotFound, "not found", notFound)
	case errors.Is(err, kasip.ErrInvalid):
		s.problem(w, r, invalidStatus, "invalid request", err.Error())
	case r.Context().Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
		// The client went away or the server is shutting down: nothing
		// is wrong with the registry, and nobody may read the answer.
		s.log.Debug("api: request ended early", "path", r.URL.Path, "err", err)
		s.problem(w, r, http.StatusServiceUnavailable, "request cancelled", "")
	default:
		s.internalError(w, r, err)
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

// contentLanguages are the languages a standard's text can have.
var contentLanguages = []string{"kk", "ru", "en"}

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
