package web_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui"
)

// The access matrix: every route of the API and the UI, asked by the
// public and by a signed-in user of every role (through a session cookie
// from the real sign-in, and through an API token), must get the answer
// of the access layer that accessExpectations — written out here by hand,
// not read from the route tables — predicts: the public on a protected
// route 401 (the API) or a redirect to the sign-in page (the UI), a role
// not listed 403, a role listed anything but 401 and 403. A route without
// an expectation fails the test, so a route added later must say who may
// use it.

// allowed is who may use a route.
type allowed struct {
	public bool        // anyone, the public included
	roles  []auth.Role // else: these roles
}

var (
	everyone    = allowed{public: true}
	anySignedIn = allowed{roles: auth.Roles()}
)

func only(rs ...auth.Role) allowed { return allowed{roles: rs} }

func (a allowed) admits(r auth.Role) bool { return a.public || slices.Contains(a.roles, r) }

// accessExpectations maps a route's ServeMux pattern to who may use it.
var accessExpectations = map[string]allowed{
	// API: service and the registry, public.
	"GET /healthz":                                    everyone,
	"GET /readyz":                                     everyone,
	"GET /api/openapi.json":                           everyone,
	"GET /schema/standard/v1.json":                    everyone,
	"GET /api/v1/standards":                           everyone,
	"GET /api/v1/standards/{code}":                    everyone,
	"GET /api/v1/standards/{code}/versions":           everyone,
	"GET /api/v1/standards/{code}/versions/{version}": everyone,
	"GET /api/v1/standards/{code}/versions/{version}/sources/{index}": everyone,
	"GET /api/v1/standards/{code}/diff":                               everyone,
	"GET /api/v1/standards/{code}/lint":                               everyone,
	"GET /api/v1/standards/{code}/similar":                            everyone,
	"GET /api/v1/standards/{code}/cards/{card}/job-description":       everyone,
	"GET /api/v1/search":                                              everyone,
	"GET /api/v1/professions":                                         everyone,
	"GET /api/v1/professions/{id}":                                    everyone,
	"GET /api/v1/classifiers/oked":                                    everyone,
	"GET /api/v1/classifiers/levels":                                  everyone,
	// API: changing the registry, administrators.
	"PUT /api/v1/professions/{id}/recognition": only(auth.RoleAdmin),
	"POST /api/v1/import":                      only(auth.RoleAdmin),
	// API: accounts.
	"POST /api/v1/session":            everyone,
	"DELETE /api/v1/session":          everyone,
	"GET /api/v1/me":                  anySignedIn,
	"PUT /api/v1/me/password":         anySignedIn,
	"GET /api/v1/me/tokens":           anySignedIn,
	"POST /api/v1/me/tokens":          anySignedIn,
	"DELETE /api/v1/me/tokens/{id}":   anySignedIn,
	"GET /api/v1/users":               only(auth.RoleAdmin),
	"POST /api/v1/users":              only(auth.RoleAdmin),
	"POST /api/v1/users/{id}/disable": only(auth.RoleAdmin),
	"POST /api/v1/users/{id}/enable":  only(auth.RoleAdmin),

	// UI: the registry, public.
	"GET /{$}":                                    everyone,
	"GET /search":                                 everyone,
	"GET /search/suggest":                         everyone,
	"GET /standards":                              everyone,
	"GET /standards/{code}":                       everyone,
	"GET /standards/{code}/v/{version}":           everyone,
	"GET /standards/{code}/v/{version}/cards/{n}": everyone,
	"GET /standards/{code}/diff":                  everyone,
	"GET /professions":                            everyone,
	"GET /review":                                 everyone,
	"GET /static/{file}":                          everyone,
	"/":                                           everyone,
	// UI: accounts.
	"GET /signin":                      everyone,
	"POST /signin":                     everyone,
	"POST /signout":                    everyone,
	"GET /account":                     anySignedIn,
	"POST /account/password":           anySignedIn,
	"POST /account/tokens":             anySignedIn,
	"POST /account/tokens/{id}/revoke": anySignedIn,
	"GET /admin/users":                 only(auth.RoleAdmin),
	"POST /admin/users":                only(auth.RoleAdmin),
	"POST /admin/users/{id}/disable":   only(auth.RoleAdmin),
	"POST /admin/users/{id}/enable":    only(auth.RoleAdmin),
}

// expectAccess adds expectations for routes other files register; call it
// from a package-level declaration of a test file:
//
//	var _ = expectAccess(map[string]allowed{"GET /api/v1/centres": everyone})
func expectAccess(m map[string]allowed) bool {
	for k, v := range m {
		accessExpectations[k] = v
	}
	return true
}

// matrixRoute is a route of either table.
type matrixRoute struct {
	pattern string // the ServeMux pattern, the key of accessExpectations
	method  string
	path    string // with placeholders for the wildcards
	api     bool
}

func matrixRoutes() []matrixRoute {
	var out []matrixRoute
	for _, rt := range api.APIRouteTable() {
		out = append(out, matrixRoute{rt.Method + " " + rt.Path, rt.Method, placeholderPath(rt.Path), true})
	}
	for _, rt := range ui.UIRouteTable() {
		out = append(out, matrixRoute{rt.Pattern(), cmpOrGet(rt.Method), placeholderPath(rt.Path), false})
	}
	return out
}

func cmpOrGet(m string) string {
	if m == "" {
		return http.MethodGet
	}
	return m
}

var wildcardRe = regexp.MustCompile(`\{(\w+)(\.\.\.)?\}`)

// placeholderPath fills a pattern's wildcards with values that reach the
// handler; ids are of nothing, so that an allowed request changes nothing
// (disable user 999999 is a 404).
func placeholderPath(p string) string {
	path := strings.ReplaceAll(p, "{$}", "")
	path = wildcardRe.ReplaceAllStringFunc(path, func(w string) string {
		switch name := wildcardRe.FindStringSubmatch(w)[1]; name {
		case "code":
			return "M84120"
		case "version", "n":
			return "1"
		case "index":
			return "0"
		case "file":
			return "app.css"
		}
		return "999999"
	})
	if strings.HasSuffix(path, "/") && !strings.HasSuffix(p, "{$}") {
		path += "no-such-page" // a catch-all such as "/"
	}
	return path
}

func TestPlaceholderPath(t *testing.T) {
	for p, want := range map[string]string{
		"/{$}": "/", "/": "/no-such-page", "/api/v1/users/{id}/disable": "/api/v1/users/999999/disable",
		"/standards/{code}/v/{version}/cards/{n}": "/standards/M84120/v/1/cards/1", "/files/{rest...}": "/files/999999",
	} {
		if got := placeholderPath(p); got != want {
			t.Errorf("%s: %s, want %s", p, got, want)
		}
	}
}

// Every route has an expectation, and every expectation a route.
func TestAccessExpectationsComplete(t *testing.T) {
	routed := map[string]bool{}
	for _, rt := range matrixRoutes() {
		routed[rt.pattern] = true
		if _, ok := accessExpectations[rt.pattern]; !ok {
			t.Errorf("route %q has no entry in accessExpectations (authz_test.go): say who may use it", rt.pattern)
		}
	}
	for k := range accessExpectations {
		if !routed[k] {
			t.Errorf("accessExpectations has %q, which no route serves", k)
		}
	}
}

func TestAccessMatrix(t *testing.T) {
	e := newAuthEnv(t, sqliteDSN(t), session.Options{})
	// One API token per role, made through the API.
	tokens := map[auth.Role]string{}
	for _, role := range auth.Roles() {
		r := e.req("POST", "/api/v1/me/tokens", jsonBody(map[string]string{"name": "matrix"}),
			withCookie(e.mustSignIn(role), "Content-Type", "application/json")...)
		m := regexp.MustCompile(`"token":"(kasip_[^"]+)"`).FindStringSubmatch(string(r.body))
		if m == nil {
			t.Fatalf("token for %s: %s", role, r)
		}
		tokens[role] = m[1]
	}

	for _, rt := range matrixRoutes() {
		exp, ok := accessExpectations[rt.pattern]
		if !ok {
			continue // TestAccessExpectationsComplete reports it
		}
		// The placeholder path reaches this very route.
		probe := httptest.NewRequest(rt.method, rt.path, nil)
		if got := e.srvObj.Pattern(probe); got != rt.pattern {
			t.Errorf("%s: %s %s is served by %q", rt.pattern, rt.method, rt.path, got)
			continue
		}
		t.Run(rt.pattern, func(t *testing.T) {
			send := func(header ...string) apiResp {
				if rt.method == http.MethodPost || rt.method == http.MethodPut {
					ct := "application/x-www-form-urlencoded"
					if rt.api {
						ct = "application/json"
					}
					header = append(header, "Content-Type", ct)
				}
				return e.req(rt.method, rt.path, nil, header...)
			}
			checkAnonymous(t, rt, exp, send())
			for _, role := range auth.Roles() {
				// A fresh session each time: the request may end it (sign out).
				var cookie string
				if rt.api {
					cookie = e.mustSignIn(role)
				} else {
					var r apiResp
					if cookie, r = e.formSignIn(e.users[role].Login, authTestPassword, ""); cookie == "" {
						t.Fatalf("form sign-in as %s: %d", role, r.StatusCode)
					}
				}
				checkRole(t, rt, exp, role, "session", send(withCookie(cookie)...))
				checkRole(t, rt, exp, role, "API token", send(bearer(tokens[role])...))
			}
		})
	}
}

// checkAnonymous: the public gets through a public route, else 401 from
// the API and a redirect to the sign-in page from the UI.
func checkAnonymous(t *testing.T, rt matrixRoute, exp allowed, r apiResp) {
	t.Helper()
	switch {
	case exp.public:
		if r.StatusCode == http.StatusUnauthorized || r.StatusCode == http.StatusForbidden {
			t.Errorf("anonymous: %d, want access", r.StatusCode)
		}
	case rt.api:
		if r.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") || r.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("anonymous: %d %s, want a 401 problem with WWW-Authenticate", r.StatusCode, r.Header.Get("Content-Type"))
		}
	default:
		if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/signin") {
			t.Errorf("anonymous: %d to %q, want a redirect to /signin", r.StatusCode, r.Header.Get("Location"))
		}
	}
}

// checkRole: a role the expectation admits gets through, another 403.
func checkRole(t *testing.T, rt matrixRoute, exp allowed, role auth.Role, via string, r apiResp) {
	t.Helper()
	if exp.admits(role) {
		if r.StatusCode == http.StatusUnauthorized || r.StatusCode == http.StatusForbidden {
			t.Errorf("%s via %s: %d, want access", role, via, r.StatusCode)
		}
		return
	}
	if r.StatusCode != http.StatusForbidden {
		t.Errorf("%s via %s: %d, want 403", role, via, r.StatusCode)
		return
	}
	if rt.api && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
		t.Errorf("%s via %s: 403 as %q, want problem+json", role, via, r.Header.Get("Content-Type"))
	}
}

// The rules themselves, including the administrator token (a role without
// a user).
func TestAccessRules(t *testing.T) {
	anon := auth.Principal{}
	cand := auth.Principal{UserID: 5, Role: auth.RoleCandidate}
	for _, tc := range []struct {
		a    session.Access
		p    auth.Principal
		want bool
	}{
		{session.Public, anon, true},
		{session.SignedIn, anon, false},
		{session.SignedIn, cand, true},
		{session.Roles(auth.RoleAdmin), cand, false},
		{session.Roles(auth.RoleAdmin), session.MachineAdmin, true},
		{session.Roles(auth.RoleAdmin, auth.RoleCandidate), cand, true},
		{session.Roles(), cand, false},
		{session.Roles(), session.MachineAdmin, false},
	} {
		if got := tc.a.Allows(tc.p); got != tc.want {
			t.Errorf("%v allows %+v: %v", tc.a, tc.p, got)
		}
	}
}
