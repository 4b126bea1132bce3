package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/store"
	"github.com/kasip/kasip/web"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/webtest"
)

// The store satisfies the interface the server asks of it.
var _ auth.Store = (*store.Store)(nil)

// authTestPassword is every test user's password.
const authTestPassword = "correct horse battery"

// authClock is a clock the tests move.
type authClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *authClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *authClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// authEnv is a server with accounts on a real store, and one user of each
// role (password authTestPassword).
type authEnv struct {
	*apiEnv
	st     *store.Store
	srvObj *web.Server
	clock  *authClock
	users  map[auth.Role]auth.User
	client *http.Client // does not follow redirects
}

// sqliteDSN is a fresh SQLite file.
func sqliteDSN(t *testing.T) string { return filepath.Join(t.TempDir(), "k.db") }

func newAuthEnv(t *testing.T, dsn string, opt session.Options) *authEnv {
	t.Helper()
	st := webtest.Store(t, dsn)
	clock := &authClock{t: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}
	opt.Now = clock.Now
	opt.PasswordParams = auth.TestParams
	if opt.AdminToken == "" {
		opt.AdminToken = apiTestToken
	}
	if opt.SignInRate == 0 {
		opt.SignInRate = -1 // the rate-limit tests set their own
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	started := webtest.Start(t, webtest.Services(st), opt)
	s, srv := started.Web, started.Server
	e := &authEnv{
		apiEnv: &apiEnv{t: t, srv: srv, reg: st}, st: st, srvObj: s, clock: clock, users: map[auth.Role]auth.User{},
		client: &http.Client{Transport: srv.Client().Transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
	}
	for _, r := range auth.Roles() {
		e.users[r] = e.addUser(auth.User{Login: string(r) + "@example.kz", Name: "Тест " + string(r), Role: r})
	}
	return e
}

// addUser creates a user with authTestPassword, filling in what the role
// needs.
func (e *authEnv) addUser(u auth.User) auth.User {
	e.t.Helper()
	if u.Role.BelongsToCentre() && u.CentreID == 0 {
		u.CentreID = 7
	}
	if u.Role == auth.RoleEmployer && u.Employer == "" {
		u.Employer = "«Жұмыс» ЖШС"
	}
	hash, err := auth.HashPassword(authTestPassword, auth.TestParams)
	if err != nil {
		e.t.Fatal(err)
	}
	u, err = e.st.CreateUser(context.Background(), 0, u, hash, e.clock.Now())
	if err != nil {
		e.t.Fatalf("create user %s: %v", u.Login, err)
	}
	return u
}

// req sends a request without following redirects; header is alternating
// names and values.
func (e *authEnv) req(method, path string, body io.Reader, header ...string) apiResp {
	e.t.Helper()
	return send(e.t, e.client, method, e.srv.URL+path, body, header...)
}

// jsonBody encodes v.
func jsonBody(v any) io.Reader {
	b, _ := json.Marshal(v)
	return strings.NewReader(string(b))
}

// withCookie is the header pairs of a session cookie, plus more.
func withCookie(cookie string, more ...string) []string {
	return append([]string{"Cookie", session.SessionCookieName + "=" + cookie}, more...)
}

// bearer is the header pair of a bearer token.
func bearer(token string) []string { return []string{"Authorization", "Bearer " + token} }

// sessionCookieOf returns the session cookie r sets ("" if none) and
// whether r clears it.
func sessionCookieOf(r apiResp) (value string, cleared bool) {
	for _, c := range r.Cookies() {
		if c.Name == session.SessionCookieName {
			if c.MaxAge < 0 {
				return "", true
			}
			return c.Value, false
		}
	}
	return "", false
}

// apiSignIn signs in through POST /api/v1/session and returns the cookie.
func (e *authEnv) apiSignIn(login, password string) (string, apiResp) {
	e.t.Helper()
	r := e.req(http.MethodPost, "/api/v1/session", jsonBody(map[string]string{"login": login, "password": password}),
		"Content-Type", "application/json")
	c, _ := sessionCookieOf(r)
	return c, r
}

// formSignIn signs in through the sign-in form and returns the cookie.
func (e *authEnv) formSignIn(login, password, next string, header ...string) (string, apiResp) {
	e.t.Helper()
	form := url.Values{"login": {login}, "password": {password}, "next": {next}}
	r := e.req(http.MethodPost, "/signin", strings.NewReader(form.Encode()),
		append([]string{"Content-Type", "application/x-www-form-urlencoded"}, header...)...)
	c, _ := sessionCookieOf(r)
	return c, r
}

// mustSignIn signs a role's user in through the API.
func (e *authEnv) mustSignIn(role auth.Role) string {
	e.t.Helper()
	c, r := e.apiSignIn(e.users[role].Login, authTestPassword)
	if r.StatusCode != http.StatusOK || c == "" {
		e.t.Fatalf("sign in as %s: %s", role, r)
	}
	return c
}

// postForm posts a form with the headers.
func (e *authEnv) postForm(path string, form url.Values, header ...string) apiResp {
	e.t.Helper()
	return e.req(http.MethodPost, path, strings.NewReader(form.Encode()),
		append([]string{"Content-Type", "application/x-www-form-urlencoded"}, header...)...)
}
