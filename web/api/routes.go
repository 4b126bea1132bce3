package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/session"
)

// The JSON API under /api/v1. Every route is listed once, in APIRouteTable:
// the mux is built from it and the OpenAPI test checks the document
// (OpenAPIDocument) against it, so a handler without documentation (or the other
// way round) fails the tests.

// apiRoute is one operation of the API. Path is both the ServeMux pattern
// (without the method) and the OpenAPI path: the {name} wildcard syntax of
// the two agrees. Access says who may call it (session.Access): Public,
// SignedIn, or Roles(auth.RoleAdmin, …); the guard checks it before
// Handle runs, and the OpenAPI document declares it.
type apiRoute struct {
	Method string
	Path   string
	Access session.Access
	Handle func(*Server, http.ResponseWriter, *http.Request)
}

// APIRouteTable lists every API operation: the core (the registry,
// search, accounts), then the job descriptions, the certificates, the
// schema of the model and recognition, each part with its documentation in openAPIParts.
func APIRouteTable() []apiRoute {
	admin := session.Roles(auth.RoleAdmin)
	core := []apiRoute{
		{http.MethodGet, "/healthz", session.Public, (*Server).healthz},
		{http.MethodGet, "/readyz", session.Public, (*Server).readyz},
		{http.MethodGet, "/api/openapi.json", session.Public, (*Server).apiOpenAPI},

		{http.MethodGet, "/api/v1/standards", session.Public, (*Server).apiListStandards},
		{http.MethodGet, "/api/v1/standards/{code}", session.Public, (*Server).apiGetStandard},
		{http.MethodGet, "/api/v1/standards/{code}/versions", session.Public, (*Server).apiVersions},
		{http.MethodGet, "/api/v1/standards/{code}/versions/{version}", session.Public, (*Server).apiGetStandard},
		{http.MethodGet, "/api/v1/standards/{code}/versions/{version}/sources/{index}", session.Public, (*Server).apiSource},
		{http.MethodGet, "/api/v1/standards/{code}/diff", session.Public, (*Server).apiDiff},
		{http.MethodGet, "/api/v1/standards/{code}/lint", session.Public, (*Server).apiLint},
		{http.MethodGet, "/api/v1/standards/{code}/similar", session.Public, (*Server).apiSimilar},

		{http.MethodGet, "/api/v1/search", session.Public, (*Server).apiSearch},

		{http.MethodGet, "/api/v1/professions", session.Public, (*Server).apiListProfessions},
		{http.MethodGet, "/api/v1/professions/{id}", session.Public, (*Server).apiGetProfession},
		{http.MethodPut, "/api/v1/professions/{id}/recognition", admin, (*Server).apiSetRecognition},

		{http.MethodGet, "/api/v1/classifiers/oked", session.Public, (*Server).apiOKED},
		{http.MethodGet, "/api/v1/classifiers/levels", session.Public, (*Server).apiLevels},

		{http.MethodPost, "/api/v1/import", admin, (*Server).apiImport},

		// Accounts. Signing in and out is public: signing
		// out twice, or with an expired session, is harmless.
		{http.MethodPost, "/api/v1/session", session.Public, (*Server).apiSignIn},
		{http.MethodDelete, "/api/v1/session", session.Public, (*Server).apiSignOut},
		{http.MethodGet, "/api/v1/me", session.SignedIn, (*Server).apiMe},
		{http.MethodPut, "/api/v1/me/password", session.SignedIn, (*Server).apiChangePassword},
		{http.MethodGet, "/api/v1/me/tokens", session.SignedIn, (*Server).apiListTokens},
		{http.MethodPost, "/api/v1/me/tokens", session.SignedIn, (*Server).apiCreateToken},
		{http.MethodDelete, "/api/v1/me/tokens/{id}", session.SignedIn, (*Server).apiRevokeToken},
		{http.MethodGet, "/api/v1/users", admin, (*Server).apiListUsers},
		{http.MethodPost, "/api/v1/users", admin, (*Server).apiCreateUser},
		{http.MethodPost, "/api/v1/users/{id}/disable", admin, (*Server).apiDisableUser},
		{http.MethodPost, "/api/v1/users/{id}/enable", admin, (*Server).apiEnableUser},
	}
	return slices.Concat(core, jobDescriptionRoutes(), certAPIRoutes(), schemaRoutes(), recognitionAPIRoutes(), workforceAPIRoutes())
}

// APIRoutes mounts the routes of APIRouteTable, each behind the guard of
// its access rule, and a catch-all under /api/ that answers unknown paths
// and methods with problem+json rather than the mux's plain text.
func (s *Server) APIRoutes() {
	for _, rt := range APIRouteTable() {
		h := rt.Handle
		var hf http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h(s, w, r) })
		s.Mux.Handle(rt.Method+" "+rt.Path, apiHeaders(s.Guard(rt.Access, hf)))
	}
	s.Mux.Handle("/api/", apiHeaders(http.HandlerFunc(s.apiNoRoute)))
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
		if _, pattern := s.Mux.Handler(probe); pattern != "" && pattern != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		httpx.Fail(w, r, http.StatusMethodNotAllowed, "method not allowed", "")
		return
	}
	httpx.Fail(w, r, http.StatusNotFound, "not found", "")
}

// contentLanguages are the languages a standard's text can have.
var contentLanguages = []string{"kk", "ru", "en"}
