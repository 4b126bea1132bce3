package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/session"

	"github.com/kasip/kasip/internal/pgtest"
)

// Signing in and out through the API, on SQLite and (when
// KASIP_TEST_POSTGRES is set) PostgreSQL.
func TestSignInSession(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testSignInSession(t, sqliteDSN(t)) })
	t.Run("postgres", func(t *testing.T) { testSignInSession(t, pgtest.Fresh(t)) })
}

func testSignInSession(t *testing.T, dsn string) {
	e := newAuthEnv(t, dsn, session.Options{})
	manager := e.users[auth.RoleManager]

	// Wrong password and unknown login: the same answer, word for word.
	_, wrong := e.apiSignIn(manager.Login, "not the password")
	e.wantProblem(wrong, "POST", "/api/v1/session", http.StatusUnauthorized, "")
	_, unknown := e.apiSignIn("nobody@example.kz", "not the password")
	e.wantProblem(unknown, "POST", "/api/v1/session", http.StatusUnauthorized, "")
	if !bytes.Equal(wrong.body, unknown.body) {
		t.Errorf("unknown login and wrong password answer differently:\n%s\n%s", wrong.body, unknown.body)
	}
	if c, _ := sessionCookieOf(wrong); c != "" {
		t.Error("a failed sign-in set a cookie")
	}

	// Signing in, in another letter case: the cookie and the account.
	cookie, r := e.apiSignIn(strings.ToUpper(manager.Login), authTestPassword)
	if r.StatusCode != http.StatusOK || cookie == "" {
		t.Fatalf("sign in: %s", r)
	}
	checkAPIResponse(t, "POST", "/api/v1/session", r)
	var sc *http.Cookie
	for _, c := range r.Cookies() {
		if c.Name == session.SessionCookieName {
			sc = c
		}
	}
	if !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode || sc.Path != "/" || sc.Secure {
		t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, Path=/, not Secure on plain HTTP", sc)
	}
	if !auth.WellFormedSessionToken(cookie) {
		t.Errorf("cookie %q is not a session token", cookie)
	}
	var acc api.AccountView
	if err := json.Unmarshal(r.body, &acc); err != nil {
		t.Fatal(err)
	}
	if acc.UserID != manager.ID || acc.Role != "manager" || acc.CentreID != 7 || acc.Via != "session" || acc.Name != manager.Name {
		t.Errorf("account %+v", acc)
	}
	me := e.req("GET", "/api/v1/me", nil, withCookie(cookie)...)
	if me.StatusCode != http.StatusOK || !strings.Contains(string(me.body), `"login":"manager@example.kz"`) {
		t.Fatalf("GET /api/v1/me: %s", me)
	}
	checkAPIResponse(t, "GET", "/api/v1/me", me)
	if me.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("GET /api/v1/me: Cache-Control %q", me.Header.Get("Cache-Control"))
	}

	// Signing out ends the session: the cookie replayed is refused.
	out := e.req("DELETE", "/api/v1/session", nil, withCookie(cookie)...)
	if out.StatusCode != http.StatusNoContent {
		t.Fatalf("sign out: %s", out)
	}
	if _, cleared := sessionCookieOf(out); !cleared {
		t.Error("sign-out does not clear the cookie")
	}
	replay := e.req("GET", "/api/v1/me", nil, withCookie(cookie)...)
	e.wantProblem(replay, "GET", "/api/v1/me", http.StatusUnauthorized, "")
	if _, cleared := sessionCookieOf(replay); !cleared {
		t.Error("a dead session cookie is not cleared")
	}
	if p, err := e.st.SessionPrincipal(context.Background(), auth.HashToken(cookie), e.clock.Now()); err == nil {
		t.Errorf("the session survived sign-out: %+v", p)
	}
	// Signing out again is harmless.
	if r := e.req("DELETE", "/api/v1/session", nil, withCookie(cookie)...); r.StatusCode != http.StatusNoContent {
		t.Errorf("second sign-out: %s", r)
	}
}

// A session ends after the idle timeout: the cookie is then anonymous and
// cleared, and protected pages send the browser to sign in.
func TestSessionExpires(t *testing.T) {
	e := newAuthEnv(t, sqliteDSN(t), session.Options{Sessions: auth.SessionPolicy{IdleTimeout: 10 * time.Minute, MaxLifetime: time.Hour}})
	cookie := e.mustSignIn(auth.RoleCandidate)
	e.clock.Advance(5 * time.Minute)
	if r := e.req("GET", "/account", nil, withCookie(cookie)...); r.StatusCode != http.StatusOK {
		t.Fatalf("GET /account within the idle timeout: %d", r.StatusCode)
	}
	e.clock.Advance(11 * time.Minute)
	r := e.req("GET", "/account?lang=ru", nil, withCookie(cookie)...)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/signin?lang=ru&next=%2Faccount%3Flang%3Dru" {
		t.Errorf("GET /account after the timeout: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if _, cleared := sessionCookieOf(r); !cleared {
		t.Error("the expired cookie is not cleared")
	}
	home := e.req("GET", "/", nil, withCookie(cookie)...)
	if home.StatusCode != http.StatusOK || strings.Contains(string(home.body), `action="/signout"`) {
		t.Errorf("home with an expired cookie: %d, signed in %v", home.StatusCode, strings.Contains(string(home.body), "/signout"))
	}
	// Garbage in the cookie is anonymous, without a database lookup.
	if r := e.req("GET", "/api/v1/me", nil, withCookie("garbage")...); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("garbage cookie: %s", r)
	}
}

// The session cookie is Secure over TLS and with SecureCookies.
func TestSecureCookie(t *testing.T) {
	e := newAuthEnv(t, sqliteDSN(t), session.Options{SecureCookies: true})
	_, r := e.apiSignIn(e.users[auth.RoleAdmin].Login, authTestPassword)
	for _, c := range r.Cookies() {
		if c.Name == session.SessionCookieName && !c.Secure {
			t.Error("SecureCookies: cookie not Secure")
		}
	}

	tlsEnv := newAuthEnv(t, sqliteDSN(t), session.Options{})
	ts := httptest.NewTLSServer(tlsEnv.srvObj.Handler())
	defer ts.Close()
	body, _ := json.Marshal(map[string]string{"login": tlsEnv.users[auth.RoleAdmin].Login, "password": authTestPassword})
	res, err := ts.Client().Post(ts.URL+"/api/v1/session", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	found := false
	for _, c := range res.Cookies() {
		if c.Name == session.SessionCookieName {
			found = true
			if !c.Secure {
				t.Error("TLS: cookie not Secure")
			}
		}
	}
	if !found {
		t.Fatalf("TLS sign-in: %d, no cookie", res.StatusCode)
	}
}

// Sign-in attempts are limited per client and per login; over the limit
// the answer is 429 with Retry-After, and the limit refills with time.
func TestSignInRateLimit(t *testing.T) {
	e := newAuthEnv(t, sqliteDSN(t), session.Options{SignInRate: 3, ClientIPHeader: "X-Real-IP"})
	login := e.users[auth.RoleEmployer].Login
	from := func(ip, login, password string) apiResp {
		return e.req("POST", "/api/v1/session", jsonBody(map[string]string{"login": login, "password": password}),
			"Content-Type", "application/json", "X-Real-IP", ip)
	}
	for i := range 3 {
		if r := from("192.0.2.1", login, "wrong password!"); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %s", i+1, r)
		}
	}
	// The same login from elsewhere, even with the right password: limited.
	r := from("192.0.2.2", login, authTestPassword)
	e.wantProblem(r, "POST", "/api/v1/session", http.StatusTooManyRequests, "")
	if n, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || n < 1 || n > 60 {
		t.Errorf("Retry-After %q", r.Header.Get("Retry-After"))
	}
	// Another login from the same client: limited too.
	e.wantProblem(from("192.0.2.1", e.users[auth.RoleAdmin].Login, authTestPassword), "POST", "/api/v1/session", http.StatusTooManyRequests, "")
	// Another login from another client: free.
	if r := from("192.0.2.3", e.users[auth.RoleAdmin].Login, authTestPassword); r.StatusCode != http.StatusOK {
		t.Errorf("an unrelated sign-in: %s", r)
	}
	// The form answers 429 with Retry-After as well.
	form := e.postForm("/signin", map[string][]string{"login": {login}, "password": {authTestPassword}}, "X-Real-IP", "192.0.2.4", "Accept-Language", "ru")
	if form.StatusCode != http.StatusTooManyRequests || form.Header.Get("Retry-After") == "" || !strings.Contains(string(form.body), "Слишком много попыток") {
		t.Errorf("form over the limit: %d, Retry-After %q", form.StatusCode, form.Header.Get("Retry-After"))
	}
	// A minute later the login may try again.
	e.clock.Advance(time.Minute)
	if r := from("192.0.2.2", login, authTestPassword); r.StatusCode != http.StatusOK {
		t.Errorf("after a minute: %s", r)
	}
}

// A cross-site form post to the sign-in page is refused before it is
// read (CSRF, login CSRF included); a same-origin one is not.
func TestCrossSiteSignInRefused(t *testing.T) {
	e := newAuthEnv(t, sqliteDSN(t), session.Options{})
	c, r := e.formSignIn(e.users[auth.RoleAdmin].Login, authTestPassword, "", "Sec-Fetch-Site", "cross-site")
	if r.StatusCode != http.StatusForbidden || c != "" {
		t.Errorf("cross-site sign-in: %d, cookie %q", r.StatusCode, c)
	}
	c, r = e.formSignIn(e.users[auth.RoleAdmin].Login, authTestPassword, "", "Sec-Fetch-Site", "same-origin")
	if r.StatusCode != http.StatusSeeOther || c == "" {
		t.Errorf("same-origin sign-in: %d, cookie %q", r.StatusCode, c)
	}
	// A cross-site sign-out is refused too (it would sign people out).
	if r := e.postForm("/signout", nil, withCookie(c, "Sec-Fetch-Site", "cross-site")...); r.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site sign-out: %d", r.StatusCode)
	}
	if r := e.req("GET", "/api/v1/me", nil, withCookie(c)...); r.StatusCode != http.StatusOK {
		t.Errorf("the session did not survive a refused sign-out: %s", r)
	}
}

// After signing in, the form goes back to a local page only.
func TestSignInNext(t *testing.T) {
	e := newAuthEnv(t, sqliteDSN(t), session.Options{})
	for next, want := range map[string]string{
		"/account":                   "/account",
		"/standards?q=x&lang=ru":     "/standards?q=x&lang=ru",
		"":                           "/",
		"https://evil.example/":      "/",
		"//evil.example/":            "/",
		"/\\evil.example":            "/",
		"/%09/evil.example":          "/%09/evil.example", // a path on this server
		"javascript:alert(1)":        "/",
		"/signin":                    "/",
		"\t/evil":                    "/",
		"http:/evil.example":         "/",
		"/account\r\nSet-Cookie: x=": "/",
	} {
		_, r := e.formSignIn(e.users[auth.RoleCandidate].Login, authTestPassword, next)
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != want {
			t.Errorf("next %q: %d to %q, want %q", next, r.StatusCode, r.Header.Get("Location"), want)
		}
	}
}

func TestSafeNext(t *testing.T) {
	for raw, want := range map[string]string{
		"/a/b?c=d#e": "/a/b?c=d#e", "/": "/", "": "", "a": "", "//x": "", "/\\x": "", "/x\\y": "",
		"https://x": "", "/x\x00": "", "/x\x7f": "", "/signout": "", "/signin?next=/x": "",
		"/" + strings.Repeat("a", 3000): "",
	} {
		if got := session.SafeNext(raw); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", raw, got, want)
		}
	}
}

// API tokens: made once, usable as a bearer, listed without the secret,
// revoked for good; the administrator token still works.
func TestAPITokens(t *testing.T) {
	e := newAuthEnv(t, sqliteDSN(t), session.Options{})
	cookie := e.mustSignIn(auth.RoleAssessor)
	create := func(body string) apiResp {
		return e.req("POST", "/api/v1/me/tokens", strings.NewReader(body), withCookie(cookie, "Content-Type", "application/json")...)
	}
	e.wantProblem(create(`{"name": ""}`), "POST", "/api/v1/me/tokens", http.StatusBadRequest, "name")
	e.wantProblem(create(`{"name": "x", "expires_at": "2020-01-01T00:00:00Z"}`), "POST", "/api/v1/me/tokens", http.StatusBadRequest, "expires_at")
	e.wantProblem(create(`{"name": "x", "extra": 1}`), "POST", "/api/v1/me/tokens", http.StatusBadRequest, "")
	r := create(`{"name": "скрипт ЖРО"}`)
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("create token: %s", r)
	}
	checkAPIResponse(t, "POST", "/api/v1/me/tokens", r)
	var nt api.NewAPITokenView
	if err := json.Unmarshal(r.body, &nt); err != nil {
		t.Fatal(err)
	}
	if !auth.WellFormedAPIToken(nt.Token) || nt.Name != "скрипт ЖРО" || !nt.Active {
		t.Fatalf("new token %+v", nt)
	}
	// The store finds it by its hash alone.
	if p, err := e.st.TokenPrincipal(context.Background(), auth.HashToken(nt.Token), e.clock.Now()); err != nil || p.UserID != e.users[auth.RoleAssessor].ID {
		t.Errorf("TokenPrincipal by hash: %+v %v", p, err)
	}

	me := e.req("GET", "/api/v1/me", nil, bearer(nt.Token)...)
	if me.StatusCode != http.StatusOK || !strings.Contains(string(me.body), `"via":"token"`) {
		t.Fatalf("GET /api/v1/me with the token: %s", me)
	}
	list := e.req("GET", "/api/v1/me/tokens", nil, bearer(nt.Token)...)
	if list.StatusCode != http.StatusOK || strings.Contains(string(list.body), nt.Token) || !strings.Contains(string(list.body), "скрипт ЖРО") {
		t.Errorf("token list: %s", list)
	}
	checkAPIResponse(t, "GET", "/api/v1/me/tokens", list)

	// Another user cannot revoke it.
	other := e.mustSignIn(auth.RoleCandidate)
	path := "/api/v1/me/tokens/" + strconv.FormatInt(nt.ID, 10)
	e.wantProblem(e.req("DELETE", path, nil, withCookie(other)...), "DELETE", "/api/v1/me/tokens/{id}", http.StatusNotFound, "")
	e.wantProblem(e.req("DELETE", "/api/v1/me/tokens/x", nil, withCookie(cookie)...), "DELETE", "/api/v1/me/tokens/{id}", http.StatusBadRequest, "id")
	if r := e.req("DELETE", path, nil, withCookie(cookie)...); r.StatusCode != http.StatusNoContent {
		t.Fatalf("revoke: %s", r)
	}
	// A revoked token is refused everywhere, public routes included.
	for _, p := range []string{"/api/v1/me", "/api/v1/standards"} {
		r := e.req("GET", p, nil, bearer(nt.Token)...)
		e.wantProblem(r, "", "", http.StatusUnauthorized, "")
		if !strings.Contains(r.Header.Get("WWW-Authenticate"), "invalid_token") {
			t.Errorf("GET %s with a revoked token: WWW-Authenticate %q", p, r.Header.Get("WWW-Authenticate"))
		}
	}
	e.wantProblem(e.req("GET", "/api/v1/me", nil, bearer("kasip_nonsense")...), "", "", http.StatusUnauthorized, "")

	// The administrator token is an administrator without an account.
	admin := e.req("GET", "/api/v1/me", nil, apiBearer...)
	if admin.StatusCode != http.StatusOK || !strings.Contains(string(admin.body), `"user_id":0`) || !strings.Contains(string(admin.body), `"role":"admin"`) {
		t.Errorf("the administrator token: %s", admin)
	}
	checkAPIResponse(t, "GET", "/api/v1/me", admin)
	e.wantProblem(e.req("POST", "/api/v1/me/tokens", strings.NewReader(`{"name":"x"}`), apiBearer...), "POST", "/api/v1/me/tokens", http.StatusForbidden, "")
	if r := e.req("GET", "/api/v1/users", nil, apiBearer...); r.StatusCode != http.StatusOK {
		t.Errorf("the administrator token lists users: %s", r)
	}
}

// Changing the password checks the current one and the policy, and ends
// the user's other sessions but not this one.
func TestChangePassword(t *testing.T) {
	e := newAuthEnv(t, sqliteDSN(t), session.Options{})
	here := e.mustSignIn(auth.RoleCandidate)
	elsewhere := e.mustSignIn(auth.RoleCandidate)
	const pattern = "/api/v1/me/password"
	put := func(current, next string) apiResp {
		return e.req("PUT", pattern, jsonBody(map[string]string{"current_password": current, "new_password": next}),
			withCookie(here, "Content-Type", "application/json", "Accept-Language", "ru")...)
	}
	p := e.wantProblem(put("wrong password!", "a brand new password"), "PUT", pattern, http.StatusBadRequest, "current_password")
	if p.Detail != "Текущий пароль неверен." {
		t.Errorf("detail %q", p.Detail)
	}
	p = e.wantProblem(put(authTestPassword, "short"), "PUT", pattern, http.StatusBadRequest, "new_password")
	if !strings.Contains(p.Detail, "не менее 10 символов") {
		t.Errorf("detail %q", p.Detail)
	}
	e.wantProblem(put(authTestPassword, "CANDIDATE@example.kz"), "PUT", pattern, http.StatusBadRequest, "new_password")
	if r := put(authTestPassword, "a brand new password"); r.StatusCode != http.StatusNoContent {
		t.Fatalf("change: %s", r)
	}
	if r := e.req("GET", "/api/v1/me", nil, withCookie(here)...); r.StatusCode != http.StatusOK {
		t.Errorf("the session that changed the password ended: %s", r)
	}
	if r := e.req("GET", "/api/v1/me", nil, withCookie(elsewhere)...); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("another session survived the change: %s", r)
	}
	if _, r := e.apiSignIn(e.users[auth.RoleCandidate].Login, authTestPassword); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("the old password still works: %s", r)
	}
	if _, r := e.apiSignIn(e.users[auth.RoleCandidate].Login, "a brand new password"); r.StatusCode != http.StatusOK {
		t.Errorf("the new password does not work: %s", r)
	}
}

// Administrators create, list, disable and enable users.
func TestUsersAPI(t *testing.T) {
	e := newAuthEnv(t, sqliteDSN(t), session.Options{})
	admin := e.mustSignIn(auth.RoleAdmin)
	post := func(path string, body any) apiResp {
		return e.req("POST", path, jsonBody(body), withCookie(admin, "Content-Type", "application/json")...)
	}
	const users = "/api/v1/users"
	e.wantProblem(post(users, map[string]any{"login": "m2@example.kz", "name": "M", "role": "manager", "password": authTestPassword}),
		"POST", users, http.StatusBadRequest, "centre_id")
	e.wantProblem(post(users, map[string]any{"login": "m2@example.kz", "name": "M", "role": "root", "password": authTestPassword}),
		"POST", users, http.StatusBadRequest, "role")
	e.wantProblem(post(users, map[string]any{"login": "m2@example.kz", "name": "M", "role": "candidate", "password": "short"}),
		"POST", users, http.StatusBadRequest, "password")
	e.wantProblem(post(users, map[string]any{"login": "MANAGER@example.kz", "name": "M", "role": "manager", "centre_id": 3, "password": authTestPassword}),
		"POST", users, http.StatusConflict, "login")
	r := post(users, map[string]any{"login": "m2@example.kz", "name": "Әсел Манагер", "role": "manager", "centre_id": 3, "password": authTestPassword})
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("create: %s", r)
	}
	checkAPIResponse(t, "POST", users, r)
	var u api.UserView
	if err := json.Unmarshal(r.body, &u); err != nil {
		t.Fatal(err)
	}
	list := e.req("GET", users+"?role=manager", nil, withCookie(admin)...)
	checkAPIResponse(t, "GET", users, list)
	if !strings.Contains(string(list.body), "m2@example.kz") || strings.Contains(string(list.body), "candidate@") {
		t.Errorf("role filter: %s", list.body)
	}
	e.wantProblem(e.req("GET", users+"?role=root", nil, withCookie(admin)...), "GET", users, http.StatusBadRequest, "role")

	session := e.mustSignInAs(u.Login)
	id := strconv.FormatInt(u.ID, 10)
	r = post(users+"/"+id+"/disable", nil)
	if r.StatusCode != http.StatusOK || !strings.Contains(string(r.body), `"disabled":true`) {
		t.Fatalf("disable: %s", r)
	}
	checkAPIResponse(t, "POST", "/api/v1/users/{id}/disable", r)
	if r := e.req("GET", "/api/v1/me", nil, withCookie(session)...); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("a disabled user's session still works: %s", r)
	}
	_, r = e.apiSignIn(u.Login, authTestPassword)
	e.wantProblem(r, "POST", "/api/v1/session", http.StatusForbidden, "")
	_, r = e.apiSignIn(u.Login, "wrong password!")
	e.wantProblem(r, "POST", "/api/v1/session", http.StatusUnauthorized, "")
	r = post(users+"/"+id+"/enable", nil)
	if r.StatusCode != http.StatusOK || !strings.Contains(string(r.body), `"disabled":false`) {
		t.Fatalf("enable: %s", r)
	}
	e.mustSignInAs(u.Login)

	self := strconv.FormatInt(e.users[auth.RoleAdmin].ID, 10)
	e.wantProblem(post(users+"/"+self+"/disable", nil), "POST", "/api/v1/users/{id}/disable", http.StatusConflict, "")
	e.wantProblem(post(users+"/999999/disable", nil), "POST", "/api/v1/users/{id}/disable", http.StatusNotFound, "")
	e.wantProblem(post(users+"/abc/enable", nil), "POST", "/api/v1/users/{id}/enable", http.StatusBadRequest, "id")
}

func (e *authEnv) mustSignInAs(login string) string {
	e.t.Helper()
	c, r := e.apiSignIn(login, authTestPassword)
	if r.StatusCode != http.StatusOK {
		e.t.Fatalf("sign in as %s: %s", login, r)
	}
	return c
}

// Without an account store nobody signs in: the API says so, protected
// routes refuse, and the administrator token still works.
func TestAccountsDisabled(t *testing.T) {
	e := newAPIEnv(t, session.Options{}, nil)
	e.wantProblem(e.do("POST", "/api/v1/session", strings.NewReader(`{"login":"a@b.kz","password":"correct horse battery"}`)),
		"POST", "/api/v1/session", http.StatusNotImplemented, "")
	e.wantProblem(e.get("/api/v1/me"), "GET", "/api/v1/me", http.StatusForbidden, "")
	if r := e.get("/signin"); r.StatusCode != http.StatusOK || !strings.Contains(string(r.body), "Бұл серверде жүйеге кіру мүмкін емес") {
		t.Errorf("sign-in page without accounts: %s", r)
	}
	if r := e.get("/account"); r.StatusCode != http.StatusForbidden {
		t.Errorf("account page without accounts: %d", r.StatusCode)
	}
	if r := e.get("/"); strings.Contains(string(r.body), `href="/signin`) {
		t.Error("the header offers signing in on a server without accounts")
	}

	a := newAPIEnv(t, session.Options{AdminToken: apiTestToken}, nil)
	a.wantProblem(a.get("/api/v1/me"), "GET", "/api/v1/me", http.StatusUnauthorized, "")
	if r := a.get("/api/v1/me", apiBearer...); r.StatusCode != http.StatusOK {
		t.Errorf("administrator token without accounts: %s", r)
	}
	a.wantProblem(a.get("/api/v1/users", apiBearer...), "GET", "/api/v1/users", http.StatusNotImplemented, "")
	a.wantProblem(a.get("/api/v1/me", "Authorization", "Bearer kasip_x"), "", "", http.StatusUnauthorized, "")
}

func TestRateLimiter(t *testing.T) {
	l := httpx.NewRateLimiter(2, time.Minute)
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 2 {
		if ok, _ := l.Allow(t0, "ip:a", "login:x"); !ok {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	ok, wait := l.Allow(t0, "ip:a", "login:y")
	if ok || wait < 29*time.Second || wait > 31*time.Second {
		t.Errorf("third attempt: %v, wait %v", ok, wait)
	}
	// The refused attempt took nothing from login:y.
	if ok, _ := l.Allow(t0, "ip:b", "login:y"); !ok {
		t.Error("login:y was charged for a refused attempt")
	}
	if ok, _ := l.Allow(t0.Add(30*time.Second), "ip:a"); !ok {
		t.Error("no refill after 30 s")
	}
	if httpx.RetryAfterSeconds(1500*time.Millisecond) != 2 || httpx.RetryAfterSeconds(0) != 1 {
		t.Error("retryAfterSeconds")
	}
	// Full buckets are swept once the map is large; buckets in use stay,
	// and the threshold rises so that sweeping does not repeat at once.
	for i := range httpx.LimiterSweep + 10 {
		l.Allow(t0, "k"+strconv.Itoa(i))
	}
	if n := len(l.Buckets); n < httpx.LimiterSweep || l.SweepAt < 2*httpx.LimiterSweep {
		t.Errorf("%d buckets in use, next sweep at %d", n, l.SweepAt)
	}
	l.SweepAt = 0 // sweep at the next new key
	l.Allow(t0.Add(time.Hour), "last")
	if n := len(l.Buckets); n != 1 || l.SweepAt != httpx.LimiterSweep {
		t.Errorf("%d buckets after a sweep, next at %d", n, l.SweepAt)
	}
	var none *httpx.RateLimiter
	if ok, _ := none.Allow(t0, "x"); !ok {
		t.Error("a nil limiter refuses")
	}
}

func TestClientKey(t *testing.T) {
	s := &session.Server{}
	for remote, want := range map[string]string{
		"192.0.2.7:5555":              "ip:192.0.2.7",
		"[2001:db8:1:2:3:4:5:6]:5555": "ip:2001:db8:1:2::/64",
		"[::ffff:192.0.2.7]:1":        "ip:192.0.2.7",
		"garbage":                     "ip:garbage",
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = remote
		if got := s.ClientKey(r); got != want {
			t.Errorf("%s: %s, want %s", remote, got, want)
		}
	}
	s.Opt.ClientIPHeader = "X-Forwarded-For"
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("X-Forwarded-For", "203.0.113.9, 198.51.100.2")
	if got := s.ClientKey(r); got != "ip:198.51.100.2" {
		t.Errorf("X-Forwarded-For: %s", got)
	}
}
