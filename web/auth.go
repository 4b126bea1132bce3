package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/kasip/kasip/auth"
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
type access struct {
	signedIn bool        // false: anyone
	anyRole  bool        // signed in with any role
	roles    []auth.Role // otherwise: one of these
}

var (
	// public routes answer anyone.
	public = access{}
	// signedIn routes answer any signed-in user.
	signedIn = access{signedIn: true, anyRole: true}
)

// roles makes a rule for users signed in with one of rs. With no roles it
// admits nobody, which is safer than admitting everybody.
func roles(rs ...auth.Role) access { return access{signedIn: true, roles: rs} }

// allows reports whether p may use a route with rule a.
func (a access) allows(p auth.Principal) bool {
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
func (a access) isPublic() bool { return !a.signedIn }

// String describes the rule, for the OpenAPI document and test messages.
func (a access) String() string {
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
func (s *Server) guard(a access, next http.Handler) http.Handler {
	if a.isPublic() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		p := principal(r)
		switch {
		case a.allows(p):
			next.ServeHTTP(w, r)
		case p.Anonymous():
			s.unauthorized(w, r)
		default:
			s.forbid(w, r)
		}
	})
}

// principal is who the request acts as (the zero Principal: anonymous).
func principal(r *http.Request) auth.Principal { return auth.FromContext(r.Context()) }

// isAPIRequest tells API requests (answered with problem+json) from pages.
func isAPIRequest(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// authAvailable reports whether anyone could sign in at all.
func (s *Server) authAvailable() bool { return s.opt.Accounts != nil || s.opt.AdminToken != "" }

// unauthorized answers a request that needs a signed-in user but has none:
// 401 with WWW-Authenticate for the API, a redirect to the sign-in page
// (coming back here afterwards) for the UI. A server where nobody can sign
// in answers 403: asking for credentials would be pointless.
func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request) {
	if isAPIRequest(r) {
		if !s.authAvailable() {
			fail(w, r, http.StatusForbidden, "Accounts are disabled on this server", "")
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="kasip"`)
		fail(w, r, http.StatusUnauthorized, "Sign-in required", apiT(r, "Sign in, or send an API token as Authorization: Bearer."))
		return
	}
	if s.opt.Accounts == nil {
		s.uiErrorPage(w, r, &uiError{status: http.StatusForbidden, title: "Access denied",
			detail: translate(requestLang(r), "Sign-in is not available on this server.")})
		return
	}
	http.Redirect(w, r, signInURL(r), http.StatusSeeOther)
}

// forbid answers a signed-in request that may not do what it asks: 403.
func (s *Server) forbid(w http.ResponseWriter, r *http.Request) {
	if isAPIRequest(r) {
		fail(w, r, http.StatusForbidden, "Access denied", apiT(r, "Your role does not allow this."))
		return
	}
	s.uiErrorPage(w, r, &uiError{status: http.StatusForbidden, title: "Access denied",
		detail: translate(requestLang(r), "Your role does not allow this.")})
}

// signInURL is the sign-in page, sending the user back to r's page after.
// The language a ?lang= chose goes along, since the redirect comes before
// the language cookie is set.
func signInURL(r *http.Request) string {
	q := url.Values{}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		q.Set("next", r.URL.RequestURI())
	}
	if l := r.URL.Query().Get("lang"); isUILang(l) {
		q.Set("lang", l)
	}
	if len(q) == 0 {
		return "/signin"
	}
	return "/signin?" + q.Encode()
}

// ---- resolving the principal ----

// sessionCookieName is the cookie holding a browser's session token.
const sessionCookieName = "kasip_session"

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
var machineAdmin = auth.Principal{Role: auth.RoleAdmin, Name: "Administrator token", Via: auth.ViaToken}

// errBadBearer is a bearer token that matches nothing.
var errBadBearer = errors.New("invalid or expired bearer token")

// authenticate puts the request's principal into its context. A bearer
// token that matches nothing is refused (401) rather than ignored, so a
// client with a revoked token learns it at once; a stale session cookie is
// only cleared, since browsers send it everywhere.
func (s *Server) authenticate(next http.Handler) http.Handler {
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
				fail(w, r, http.StatusUnauthorized, "Invalid or expired token", "")
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
	s.log.Error("authenticating a request", "path", r.URL.Path, "err", err)
	if isAPIRequest(r) {
		fail(w, r, http.StatusServiceUnavailable, "database not ready", "")
		return
	}
	s.uiErrorPage(w, r, &uiError{status: http.StatusServiceUnavailable, title: "Something went wrong",
		detail: translate(requestLang(r), "The page could not be shown. Please try again later.")})
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
	if s.opt.AdminToken != "" && tokenEqual(token, s.opt.AdminToken) {
		return machineAdmin, nil
	}
	if s.opt.Accounts == nil || !auth.WellFormedAPIToken(token) {
		return auth.Principal{}, errBadBearer
	}
	p, err := s.opt.Accounts.TokenPrincipal(ctx, auth.HashToken(token), s.opt.Now())
	if errors.Is(err, auth.ErrInvalidToken) {
		return auth.Principal{}, errBadBearer
	}
	return p, err
}

// sessionPrincipal reads the session cookie. An unknown or expired session
// makes the request anonymous and clears the cookie.
func (s *Server) sessionPrincipal(ctx context.Context, w http.ResponseWriter, r *http.Request) (auth.Principal, string, error) {
	c, err := r.Cookie(sessionCookieName)
	if err != nil || s.opt.Accounts == nil {
		return auth.Principal{}, "", nil
	}
	if !auth.WellFormedSessionToken(c.Value) {
		s.clearSessionCookie(w, r)
		return auth.Principal{}, "", nil
	}
	hash := auth.HashToken(c.Value)
	p, err := s.opt.Accounts.SessionPrincipal(ctx, hash, s.opt.Now())
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
		Name: sessionCookieName, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil || s.opt.SecureCookies,
	}
}

// uiErrorPage answers a page request with the UI's error page, which the
// UI installs as errorPage; a server without one answers in plain text.
func (s *Server) uiErrorPage(w http.ResponseWriter, r *http.Request, ue *uiError) {
	if s.errorPage != nil {
		s.errorPage(w, r, ue)
		return
	}
	http.Error(w, translate(requestLang(r), ue.title), ue.status)
}
