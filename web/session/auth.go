package session

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
)

// Who a request acts as, and what it may do.
//
// The authenticate middleware resolves every request into an
// auth.Principal in its context: a session cookie, an API token
// (Authorization: Bearer kasip_…), the server's administrator token, or
// nobody (the anonymous public). Every route of the API and the UI then
// declares an access rule in its route table, and one wrapper (guard)
// checks it before the handler runs:
//
//	public                      anyone, the public included
//	signedIn                    any signed-in user, whatever the role
//	roles(auth.RoleAdmin, …)    signed in with one of these roles
//
// Anonymous on a protected route → 401 (the API) or a redirect to
// /signin?next=… (the UI); signed in with another role → 403. Rules about
// one object (a candidate reads only their own application) belong in the
// handler, which uses principal(r), s.forbid and s.unauthorized.

// access is who may use a route.
type Access struct {
	signedIn bool        // false: anyone
	anyRole  bool        // signed in with any role
	roles    []auth.Role // otherwise: one of these
}

var (
	// public routes answer anyone.
	Public = Access{}
	// signedIn routes answer any signed-in user.
	SignedIn = Access{signedIn: true, anyRole: true}
)

// roles makes a rule for users signed in with one of rs. With no roles it
// admits nobody, which is safer than admitting everybody.
func Roles(rs ...auth.Role) Access { return Access{signedIn: true, roles: rs} }

// allows reports whether p may use a route with rule a.
func (a Access) Allows(p auth.Principal) bool {
	switch {
	case !a.signedIn:
		return true
	case p.Anonymous():
		return false
	case a.anyRole:
		return true
	}
	return p.Is(a.roles...)
}

// isPublic reports whether the rule admits the anonymous public.
func (a Access) IsPublic() bool { return !a.signedIn }

// String describes the rule, for the OpenAPI document and test messages.
func (a Access) String() string {
	switch {
	case !a.signedIn:
		return "public"
	case a.anyRole:
		return "signed-in"
	}
	names := make([]string, len(a.roles))
	for i, r := range a.roles {
		names[i] = string(r)
	}
	return strings.Join(names, ",")
}

// guard runs next only when the request's principal satisfies a.
// Protected answers are never cached: they depend on who asks.
func (s *Server) Guard(a Access, next http.Handler) http.Handler {
	if a.IsPublic() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		p := Principal(r)
		switch {
		case a.Allows(p):
			next.ServeHTTP(w, r)
		case p.Anonymous():
			s.unauthorized(w, r)
		default:
			s.Forbid(w, r)
		}
	})
}

// principal is who the request acts as (the zero Principal: anonymous).
func Principal(r *http.Request) auth.Principal { return auth.FromContext(r.Context()) }

// isAPIRequest tells API requests (answered with problem+json) from pages.
func isAPIRequest(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// authAvailable reports whether anyone could sign in at all.
func (s *Server) authAvailable() bool { return s.Accounts != nil || s.Opt.AdminToken != "" }

// unauthorized answers a request that needs a signed-in user but has none:
// 401 with WWW-Authenticate for the API, a redirect to the sign-in page
// (coming back here afterwards) for the UI. A server where nobody can sign
// in answers 403: asking for credentials would be pointless.
func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request) {
	if isAPIRequest(r) {
		if !s.authAvailable() {
			httpx.Fail(w, r, http.StatusForbidden, "Accounts are disabled on this server", "")
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="kasip"`)
		httpx.Fail(w, r, http.StatusUnauthorized, "Sign-in required", i18n.APIT(r, "Sign in, or send an API token as Authorization: Bearer."))
		return
	}
	if s.Accounts == nil {
		s.UIErrorPage(w, r, &httpx.UIError{Status: http.StatusForbidden, Title: "Access denied",
			Detail: i18n.Translate(i18n.RequestLang(r), "Sign-in is not available on this server.")})
		return
	}
	http.Redirect(w, r, signInURL(r), http.StatusSeeOther)
}

// forbid answers a signed-in request that may not do what it asks: 403.
func (s *Server) Forbid(w http.ResponseWriter, r *http.Request) {
	if isAPIRequest(r) {
		httpx.Fail(w, r, http.StatusForbidden, "Access denied", i18n.APIT(r, "Your role does not allow this."))
		return
	}
	s.UIErrorPage(w, r, &httpx.UIError{Status: http.StatusForbidden, Title: "Access denied",
		Detail: i18n.Translate(i18n.RequestLang(r), "Your role does not allow this.")})
}

// signInURL is the sign-in page, sending the user back to r's page after.
// The language a ?lang= chose goes along, since the redirect comes before
// the language cookie is set.
func signInURL(r *http.Request) string {
	q := url.Values{}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		q.Set("next", r.URL.RequestURI())
	}
	if l := r.URL.Query().Get("lang"); i18n.IsUILang(l) {
		q.Set("lang", l)
	}
	if len(q) == 0 {
		return "/signin"
	}
	return "/signin?" + q.Encode()
}

// ---- resolving the principal ----

// sessionCookieName is the cookie holding a browser's session token.
const SessionCookieName = "kasip_session"

// sessionHashKey keys the request's session token hash in its context,
// for signing out and for keeping the session through a password change.
type sessionHashKey struct{}

// sessionHash is the hash of the session the request came with, or "".
func sessionHash(r *http.Request) string {
	h, _ := r.Context().Value(sessionHashKey{}).(string)
	return h
}

// machineAdmin is the principal of the AdminToken: an administrator with
// no account (UserID 0, the system in the audit log).
var MachineAdmin = auth.Principal{Role: auth.RoleAdmin, Name: "Administrator token", Via: auth.ViaToken}

// errBadBearer is a bearer token that matches nothing.
var errBadBearer = errors.New("invalid or expired bearer token")

// authenticate puts the request's principal into its context. A bearer
// token that matches nothing is refused (401) rather than ignored, so a
// client with a revoked token learns it at once; a stale session cookie is
// only cleared, since browsers send it everywhere.
func (s *Server) Authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") {
			// Assets are the same for everyone: a browser fetching a
			// page's stylesheet should not cost a session lookup.
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		p, err := s.bearerPrincipal(ctx, r)
		if err == nil && p.Anonymous() {
			var hash string
			p, hash, err = s.sessionPrincipal(ctx, w, r)
			if hash != "" {
				ctx = context.WithValue(ctx, sessionHashKey{}, hash)
			}
		}
		switch {
		case errors.Is(err, errBadBearer):
			w.Header().Set("WWW-Authenticate", `Bearer realm="kasip", error="invalid_token"`)
			if isAPIRequest(r) {
				httpx.Fail(w, r, http.StatusUnauthorized, "Invalid or expired token", "")
			} else {
				http.Error(w, "invalid or expired token", http.StatusUnauthorized)
			}
			return
		case err != nil:
			s.authFailed(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(auth.NewContext(ctx, p)))
	})
}

// authFailed answers a request whose credentials could not be checked
// (the database failed): 503, without saying why.
func (s *Server) authFailed(w http.ResponseWriter, r *http.Request, err error) {
	s.Log.Error("authenticating a request", "path", r.URL.Path, "err", err)
	if isAPIRequest(r) {
		httpx.Fail(w, r, http.StatusServiceUnavailable, "database not ready", "")
		return
	}
	s.UIErrorPage(w, r, &httpx.UIError{Status: http.StatusServiceUnavailable, Title: "Something went wrong",
		Detail: i18n.Translate(i18n.RequestLang(r), "The page could not be shown. Please try again later.")})
}

// bearerPrincipal reads Authorization: Bearer. No header, another scheme
// or an empty token is anonymous; the AdminToken is the machine
// administrator; a well-formed API token is looked up by its hash.
func (s *Server) bearerPrincipal(ctx context.Context, r *http.Request) (auth.Principal, error) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return auth.Principal{}, nil
	}
	if s.Opt.AdminToken != "" && tokenEqual(token, s.Opt.AdminToken) {
		return MachineAdmin, nil
	}
	if s.Accounts == nil || !auth.WellFormedAPIToken(token) {
		return auth.Principal{}, errBadBearer
	}
	p, err := s.Accounts.TokenPrincipal(ctx, auth.HashToken(token), s.Opt.Now())
	if errors.Is(err, auth.ErrInvalidToken) {
		return auth.Principal{}, errBadBearer
	}
	return p, err
}

// sessionPrincipal reads the session cookie. An unknown or expired session
// makes the request anonymous and clears the cookie.
func (s *Server) sessionPrincipal(ctx context.Context, w http.ResponseWriter, r *http.Request) (auth.Principal, string, error) {
	c, err := r.Cookie(SessionCookieName)
	if err != nil || s.Accounts == nil {
		return auth.Principal{}, "", nil
	}
	if !auth.WellFormedSessionToken(c.Value) {
		s.clearSessionCookie(w, r)
		return auth.Principal{}, "", nil
	}
	hash := auth.HashToken(c.Value)
	p, err := s.Accounts.SessionPrincipal(ctx, hash, s.Opt.Now())
	if errors.Is(err, auth.ErrInvalidToken) {
		s.clearSessionCookie(w, r)
		return auth.Principal{}, "", nil
	}
	if err != nil {
		return auth.Principal{}, "", err
	}
	return p, hash, nil
}

// setSessionCookie gives the browser its session token. The cookie lives
// as long as the browser session; the server ends it earlier when the
// session expires. HttpOnly keeps it from scripts, SameSite=Lax from most
// cross-site requests (CrossOriginProtection refuses the rest).
func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, s.sessionCookie(r, token, 0))
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, s.sessionCookie(r, "", -1))
}

func (s *Server) sessionCookie(r *http.Request, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name: SessionCookieName, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil || s.Opt.SecureCookies,
	}
}

// uiErrorPage answers a page request with the UI's error page, which the
// UI installs as errorPage; a server without one answers in plain text.
func (s *Server) UIErrorPage(w http.ResponseWriter, r *http.Request, ue *httpx.UIError) {
	if s.ErrorPage != nil {
		s.ErrorPage(w, r, ue)
		return
	}
	http.Error(w, i18n.Translate(i18n.RequestLang(r), ue.Title), ue.Status)
}
