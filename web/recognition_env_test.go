package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/store"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/webtest"
)

// The environment of the recognition tests: a real store (a SQLite file,
// or a fresh PostgreSQL database), the server on httptest, the youth
// standard M84120 imported, two accredited centres, and one account per
// role, each with its own cookie jar, signed in through POST
// /api/v1/session.

// recTestStart is a Monday morning in Astana.
var recTestStart = time.Date(2025, 3, 3, 10, 0, 0, 0, time.FixedZone("KZ", 5*3600))

// recTestClock is the clock of the store's recognition rules and of the
// server, which tests move forward.
type recTestClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *recTestClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *recTestClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

const recTestPassword = "Correct horse battery 7"

// The logins of the test accounts.
const (
	recAdmin      = "admin@kasip.test"
	recManager    = "manager@centre.test"
	recAssessor1  = "assessor1@centre.test"
	recAssessor2  = "assessor2@centre.test"
	recOtherAssr  = "assessor@other.test"
	recOtherMgr   = "manager@other.test"
	recCandidate  = "aigul@example.kz"
	recCandidate2 = "nurlan@example.kz"
	recEmployer   = "hr@employer.test"
)

type recEnv struct {
	t      *testing.T
	st     *store.Store
	srv    *httptest.Server
	clock  *recTestClock
	centre int64 // accredited for M84120 card 2 (index 1), level 5
	other  int64 // another centre, same scope
	users  map[string]auth.User
	jars   map[string]*http.Client
	opt    session.Options // the server's options, for a second server on the same store
}

// newRecEnv opens dsn ("" for a SQLite file in a temporary directory)
// and builds the environment.
func newRecEnv(t *testing.T, dsn string) *recEnv {
	t.Helper()
	st := webtest.Store(t, dsn)
	e := &recEnv{t: t, st: st, clock: &recTestClock{t: recTestStart}, users: map[string]auth.User{}, jars: map[string]*http.Client{}}
	st.SetRecognitionClock(e.clock.now)
	e.opt = session.Options{AdminToken: apiTestToken, Logger: slog.New(slog.DiscardHandler), Now: e.clock.now,
		PasswordParams: auth.TestParams, SignInRate: -1}
	e.srv = webtest.Start(t, webtest.Services(st), e.opt).Server
	e.importYouth()
	e.centre = e.newCentre("050440001239", "Жастар тану орталығы", "KZ-RC-0001")
	e.other = e.newCentre(recTestBIN(t, 7), "Басқа орталық", "KZ-RC-0002")
	e.newUser(recAdmin, "Әкімші", auth.RoleAdmin, 0, "")
	e.newUser(recManager, "Менеджер Айдос", auth.RoleManager, e.centre, "")
	e.newUser(recAssessor1, "Бағалаушы Бірінші", auth.RoleAssessor, e.centre, "")
	e.newUser(recAssessor2, "Бағалаушы Екінші", auth.RoleAssessor, e.centre, "")
	e.newUser(recOtherAssr, "Басқа бағалаушы", auth.RoleAssessor, e.other, "")
	e.newUser(recOtherMgr, "Басқа менеджер", auth.RoleManager, e.other, "")
	e.newUser(recCandidate, "Айгүл Нұрланқызы", auth.RoleCandidate, 0, "")
	e.newUser(recCandidate2, "Нұрлан Сәкенұлы", auth.RoleCandidate, 0, "")
	e.newUser(recEmployer, "Кадр бөлімі", auth.RoleEmployer, 0, "ЖШС Мысал")
	e.addAssessor(recAdmin, e.centre, recAssessor1)
	e.addAssessor(recManager, e.centre, recAssessor2)
	e.addAssessor("", e.other, recOtherAssr)
	return e
}

// importYouth imports the youth standard (M84120, two cards) through the
// API with the administrator token.
func (e *recEnv) importYouth() {
	e.t.Helper()
	body, ct := apiMultipart(e.t, map[string][]byte{"youth.txt": apiFixture(e.t, "../testdata/seeds/004_0389e6b855ff2fb2.txt")})
	r := e.do("", http.MethodPost, "/api/v1/import", body, "Content-Type", ct)
	if r.StatusCode != http.StatusOK {
		e.t.Fatalf("import: %s", r)
	}
}

// newCentre creates a centre accredited a month back for card 2 of
// M84120 at level 5, through the API with the administrator token.
func (e *recEnv) newCentre(bin, name, number string) int64 {
	e.t.Helper()
	var c service.CentreView
	e.wantJSON(e.call("", http.MethodPost, "/api/v1/centres", api.CentreInput{Name: kasip.Text{"kk": name, "ru": name}, BIN: bin,
		Region: "Астана", Contacts: recognition.Contacts{Email: "info@example.kz"}}), http.StatusCreated, &c)
	var a service.AccreditationView
	e.wantJSON(e.call("", http.MethodPost, fmt.Sprintf("/api/v1/centres/%d/accreditations", c.ID), service.AccreditationInput{
		Number: number, ValidFrom: "2025-02-01",
		Scope: []recognition.ScopeEntry{{StandardCode: "M84120", CardNumber: 2, Levels: []int{5}}}}), http.StatusCreated, &a)
	if a.Status != recognition.AccreditationActive || a.ValidTo != "2028-01-31" {
		e.t.Fatalf("accreditation %+v", a)
	}
	return c.ID
}

// addAssessor makes login an assessor of centre, as by.
func (e *recEnv) addAssessor(by string, centre int64, login string) {
	e.t.Helper()
	e.wantJSON(e.call(by, http.MethodPost, fmt.Sprintf("/api/v1/centres/%d/assessors", centre), api.AssessorInput{UserID: e.id(login)}), http.StatusOK, nil)
}

func (e *recEnv) newUser(login, name string, role auth.Role, centre int64, employer string) {
	e.t.Helper()
	hash, err := auth.HashPassword(recTestPassword, auth.TestParams)
	if err != nil {
		e.t.Fatal(err)
	}
	u, err := e.st.CreateUser(context.Background(), 0, auth.User{Login: login, Name: name, Role: role, CentreID: centre, Employer: employer}, hash, e.clock.now())
	if err != nil {
		e.t.Fatalf("create user %s: %v", login, err)
	}
	e.users[login] = u
}

// id is the user id of login.
func (e *recEnv) id(login string) int64 { return e.users[login].ID }

// client is login's browser: a cookie jar signed in through the API (the
// first time, and again after signIn is called).
func (e *recEnv) client(login string) *http.Client {
	e.t.Helper()
	if c := e.jars[login]; c != nil {
		return c
	}
	return e.signIn(login)
}

// signIn signs login in afresh.
func (e *recEnv) signIn(login string) *http.Client {
	e.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	e.jars[login] = c
	r := e.call(login, http.MethodPost, "/api/v1/session", map[string]string{"login": login, "password": recTestPassword})
	if r.StatusCode != http.StatusOK {
		e.t.Fatalf("sign in %s: %s", login, r)
	}
	return c
}

// do sends a request as login ("" the administrator token, "-" the
// anonymous public); header is alternating names and values.
func (e *recEnv) do(login, method, path string, body io.Reader, header ...string) apiResp {
	e.t.Helper()
	c := e.srv.Client()
	switch login {
	case "":
		header = append(header[:len(header):len(header)], "Authorization", "Bearer "+apiTestToken) // never into the caller's array
	case "-":
	default:
		if e.jars[login] == nil && !(method == http.MethodPost && path == "/api/v1/session") {
			e.signIn(login)
		}
		c = e.jars[login]
	}
	return send(e.t, c, method, e.srv.URL+path, body, header...)
}

// call sends v as a JSON body (nil: no body).
func (e *recEnv) call(login, method, path string, v any) apiResp {
	e.t.Helper()
	if v == nil {
		return e.do(login, method, path, nil)
	}
	b, err := json.Marshal(v)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.do(login, method, path, bytes.NewReader(b), "Content-Type", "application/json")
}

// wantJSON checks the status and decodes the body into v (nil: skip).
func (e *recEnv) wantJSON(r apiResp, status int, v any) {
	e.t.Helper()
	if r.StatusCode != status {
		e.t.Fatalf("%s %s: got %s, want %d", r.Request.Method, r.Request.URL.Path, r, status)
	}
	if v != nil {
		if err := json.Unmarshal(r.body, v); err != nil {
			e.t.Fatalf("%s: %v", r.body, err)
		}
	}
}

// checked is wantJSON that also validates the body against the OpenAPI
// document's schema for the route pattern.
func (e *recEnv) checked(r apiResp, pattern string, status int, v any) {
	e.t.Helper()
	e.wantJSON(r, status, v)
	checkAPIResponse(e.t, r.Request.Method, pattern, r)
}

// problem checks a problem answer of status and returns it; pattern ""
// skips the schema check.
func (e *recEnv) problem(r apiResp, pattern string, status int) httpx.Problem {
	e.t.Helper()
	if r.StatusCode != status {
		e.t.Fatalf("%s %s: got %s, want %d", r.Request.Method, r.Request.URL.Path, r, status)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		e.t.Errorf("%s %s: Content-Type %q", r.Request.Method, r.Request.URL.Path, ct)
	}
	var p httpx.Problem
	if err := json.Unmarshal(r.body, &p); err != nil {
		e.t.Fatalf("problem %s: %v", r.body, err)
	}
	if p.Title == "" || p.Status != status {
		e.t.Errorf("problem %+v", p)
	}
	if pattern != "" {
		checkAPIResponse(e.t, r.Request.Method, pattern, r)
	}
	return p
}

// recTestIIN makes a valid IIN for a birth date (the check digit is the
// weighted sum mod 11, the second weights when the first give 10).
func recTestIIN(t testing.TB, birth time.Time, female bool, serial int) string {
	t.Helper()
	iin, err := recognition.MakeIIN(birth, female, serial)
	if err != nil {
		t.Fatal(err)
	}
	return iin
}

func recTestBIN(t testing.TB, serial int) string {
	t.Helper()
	bin, err := recognition.CompleteNumber("10054", serial)
	if err != nil {
		t.Fatal(err)
	}
	return bin
}
