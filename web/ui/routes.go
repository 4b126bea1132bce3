package ui

import (
	"net/http"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/web/ui/recognitionui"
	"github.com/kasip/kasip/web/ui/workforceui"
)

// uiRouteTable lists every route of the UI.
func UIRouteTable() []page.UIRoute {
	get, post := http.MethodGet, http.MethodPost
	admin := session.Roles(auth.RoleAdmin)
	core := []page.UIRoute{
		{Method: get, Path: "/{$}", Access: session.Public, Page: pageOf((*Server).uiHome)},
		{Method: get, Path: "/search", Access: session.Public, Page: pageOf((*Server).uiSearch)},
		{Method: get, Path: "/search/suggest", Access: session.Public, Page: pageOf((*Server).uiSuggest)},
		{Method: get, Path: "/standards", Access: session.Public, Page: pageOf((*Server).uiStandards)},
		{Method: get, Path: "/standards/{code}", Access: session.Public, Page: pageOf((*Server).uiStandard)},
		{Method: get, Path: "/standards/{code}/v/{version}", Access: session.Public, Page: pageOf((*Server).uiStandard)},
		{Method: get, Path: "/standards/{code}/v/{version}/cards/{n}", Access: session.Public, Page: pageOf((*Server).uiCard)},
		{Method: get, Path: "/standards/{code}/diff", Access: session.Public, Page: pageOf((*Server).uiDiff)},
		{Method: get, Path: "/professions", Access: session.Public, Page: pageOf((*Server).uiProfessions)},
		{Method: get, Path: "/review", Access: session.Public, Page: pageOf((*Server).uiReview)},
		{Method: get, Path: "/static/{file}", Access: session.Public, Plain: plainOf((*Server).UIStatic)},

		// Accounts: the own account and, for administrators, the users.
		{Method: get, Path: "/signin", Access: session.Public, Page: pageOf((*Server).uiSignInForm)},
		{Method: post, Path: "/signin", Access: session.Public, Page: pageOf((*Server).uiSignIn)},
		{Method: post, Path: "/signout", Access: session.Public, Page: pageOf((*Server).uiSignOut)},
		{Method: get, Path: "/account", Access: session.SignedIn, Page: pageOf((*Server).uiAccount)},
		{Method: post, Path: "/account/password", Access: session.SignedIn, Page: pageOf((*Server).uiChangePassword)},
		{Method: post, Path: "/account/tokens", Access: session.SignedIn, Page: pageOf((*Server).uiCreateToken)},
		{Method: post, Path: "/account/tokens/{id}/revoke", Access: session.SignedIn, Page: pageOf((*Server).uiRevokeToken)},
		{Method: get, Path: "/admin/users", Access: admin, Page: pageOf((*Server).uiUsers)},
		{Method: post, Path: "/admin/users", Access: admin, Page: pageOf((*Server).uiCreateUser)},
		{Method: post, Path: "/admin/users/{id}/disable", Access: admin, Page: pageOf((*Server).uiDisableUser)},
		{Method: post, Path: "/admin/users/{id}/enable", Access: admin, Page: pageOf((*Server).uiEnableUser)},
	}
	core = append(core, recognitionui.Routes()...)
	core = append(core, workforceui.Routes()...)
	// The catch-all "/" renders the 404 page for any path no other route
	// (API included) claims; it stays last only for reading's sake, the
	// mux prefers the most specific pattern anyway.
	return append(core, page.UIRoute{Method: "", Path: "/", Access: session.Public, Page: pageOf((*Server).UINotFound)})
}

// uiRoutes mounts the routes of uiRouteTable, each behind the guard of its
// access rule.
func (s *Server) UIRoutes() {
	for _, rt := range UIRouteTable() {
		var h http.Handler
		if rt.Plain != nil {
			f := rt.Plain
			h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { f(s.Server, w, r) })
		} else {
			f := rt.Page
			h = s.UIHandle(func(w http.ResponseWriter, r *http.Request) error { return f(s.Server, w, r) })
		}
		s.Mux.Handle(rt.Pattern(), s.Guard(rt.Access, h))
	}
}

// pageOf and plainOf make handlers of this package's Server into route
// handlers, which receive the page.Server they wrap.
func pageOf(m func(*Server, http.ResponseWriter, *http.Request) error) func(*page.Server, http.ResponseWriter, *http.Request) error {
	return func(ps *page.Server, w http.ResponseWriter, r *http.Request) error { return m(&Server{ps}, w, r) }
}

func plainOf(m func(*Server, http.ResponseWriter, *http.Request)) func(*page.Server, http.ResponseWriter, *http.Request) {
	return func(ps *page.Server, w http.ResponseWriter, r *http.Request) { m(&Server{ps}, w, r) }
}
