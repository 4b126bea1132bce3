package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/session"
)

// page checks an HTML answer: status, language and the structure every
// page must have.
func (e *authEnv) page(r apiResp, status int, lang string) string {
	e.t.Helper()
	body := string(r.body)
	if r.StatusCode != status {
		e.t.Fatalf("%s %s: %d, want %d\n%s", r.Request.Method, r.Request.URL, r.StatusCode, status, uiExcerpt(body))
	}
	if !strings.Contains(body, `<html lang="`+lang+`">`) {
		e.t.Errorf("%s: not in %s", r.Request.URL, lang)
	}
	uiCheckStructure(e.t, r.Request.URL.Path, body)
	return body
}

func wantHas(t *testing.T, body string, what ...string) {
	t.Helper()
	for _, s := range what {
		if !strings.Contains(body, s) {
			t.Errorf("the page lacks %q", s)
		}
	}
}

// The sign-in page and the header, anonymous and signed in, in the three
// languages.
func TestUISignIn(t *testing.T) {
	e := newAuthEnv(t, sqliteDSN(t), session.Options{})
	body := e.page(e.req("GET", "/standards?lang=en", nil), http.StatusOK, "en")
	wantHas(t, body, `href="/signin?next=%2Fstandards%3Flang%3Den"`, ">Sign in<")

	body = e.page(e.req("GET", "/signin?next=/account&lang=ru", nil), http.StatusOK, "ru")
	wantHas(t, body, "<h1", "Войти", `name="next" value="/account"`, `type="password"`, `autocomplete="current-password"`)
	body = e.page(e.req("GET", "/signin?next=https://evil.example/", nil), http.StatusOK, "kk")
	wantHas(t, body, `name="next" value=""`, "Құпиясөз")

	// A wrong password: the form again, the login kept, the password not.
	form := url.Values{"login": {"admin@example.kz"}, "password": {"wrong password!"}, "next": {"/account"}}
	r := e.postForm("/signin", form, "Accept-Language", "en")
	body = e.page(r, http.StatusUnprocessableEntity, "en")
	wantHas(t, body, "Wrong login or password.", `value="admin@example.kz"`, `name="next" value="/account"`)
	if strings.Contains(body, "wrong password!") {
		t.Error("the password is written back into the page")
	}
	form.Set("login", "nobody@example.kz")
	unknown := e.page(e.postForm("/signin", form, "Accept-Language", "en"), http.StatusUnprocessableEntity, "en")
	if strings.Count(unknown, "Wrong login or password.") != 1 {
		t.Error("an unknown login does not get the same message")
	}

	// Signing in goes to next; the header then shows the name and role.
	cookie, r := e.formSignIn("admin@example.kz", authTestPassword, "/account")
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/account" || cookie == "" {
		t.Fatalf("sign in: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	for lang, role := range map[string]string{"kk": "Әкімші", "ru": "Администратор", "en": "Administrator"} {
		body := e.page(e.req("GET", "/?lang="+lang, nil, withCookie(cookie)...), http.StatusOK, lang)
		wantHas(t, body, "Тест admin", role, `action="/signout"`, `href="/admin/users"`)
		if strings.Contains(body, `href="/signin`) {
			t.Errorf("%s: a signed-in page offers signing in", lang)
		}
	}
	body = e.page(e.req("GET", "/signin", nil, withCookie(cookie)...), http.StatusOK, "kk")
	wantHas(t, body, "Сіз Тест admin ретінде кірдіңіз.")

	// Signing out: back home, the cookie gone and dead.
	r = e.postForm("/signout", nil, withCookie(cookie)...)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/" {
		t.Fatalf("sign out: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if _, cleared := sessionCookieOf(r); !cleared {
		t.Error("sign-out does not clear the cookie")
	}
	if r := e.req("GET", "/account", nil, withCookie(cookie)...); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the cookie works after signing out: %d", r.StatusCode)
	}
	// GET /signout is no way to sign out (a link could do it).
	if r := e.req("GET", "/signout", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("GET /signout: %d", r.StatusCode)
	}
}

var newTokenRe = regexp.MustCompile(`id="new-token"[^>]*value="(kasip_[A-Za-z0-9_-]+)"`)

// The account page: the facts, the password form, API tokens.
func TestUIAccount(t *testing.T) {
	e := newAuthEnv(t, sqliteDSN(t), session.Options{})
	cookie := e.mustSignIn(auth.RoleManager)
	other := e.mustSignIn(auth.RoleManager)
	ru := withCookie(cookie, "Accept-Language", "ru")

	body := e.page(e.req("GET", "/account", nil, ru...), http.StatusOK, "ru")
	wantHas(t, body, "Ваша учётная запись", "manager@example.kz", "Менеджер центра признания", "№ 7",
		`action="/account/password"`, `action="/account/tokens"`, "У вас нет API-токенов.")

	// Passwords that do not match, then one against the policy.
	pw := url.Values{"current_password": {authTestPassword}, "new_password": {"a brand new password"}, "repeat_password": {"a brand new passworD"}}
	body = e.page(e.postForm("/account/password", pw, ru...), http.StatusUnprocessableEntity, "ru")
	wantHas(t, body, "Новые пароли не совпадают.", `aria-describedby="pw-repeat-error"`)
	pw.Set("new_password", "short")
	pw.Set("repeat_password", "short")
	body = e.page(e.postForm("/account/password", pw, ru...), http.StatusUnprocessableEntity, "ru")
	wantHas(t, body, "Пароль должен содержать не менее 10 символов.")
	pw.Set("current_password", "wrong password!")
	body = e.page(e.postForm("/account/password", pw, ru...), http.StatusUnprocessableEntity, "ru")
	wantHas(t, body, "Текущий пароль неверен.")
	// Language links of an answer to a post lead to the account page.
	wantHas(t, body, `href="/account?lang=kk"`)

	pw = url.Values{"current_password": {authTestPassword}, "new_password": {"a brand new password"}, "repeat_password": {"a brand new password"}}
	r := e.postForm("/account/password", pw, ru...)
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/account?done=password") {
		t.Fatalf("change password: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	body = e.page(e.req("GET", r.Header.Get("Location"), nil, ru...), http.StatusOK, "ru")
	wantHas(t, body, "Пароль изменён.")
	if r := e.req("GET", "/account", nil, withCookie(other)...); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the other session survived the password change: %d", r.StatusCode)
	}

	// A token: shown once, then listed by name only; revoked by its button.
	body = e.page(e.postForm("/account/tokens", url.Values{"name": {""}}, ru...), http.StatusUnprocessableEntity, "ru")
	wantHas(t, body, "Дайте токену название длиной от 1 до 100 символов.")
	body = e.page(e.postForm("/account/tokens", url.Values{"name": {"x"}, "expires": {"01.01.2030"}}, ru...), http.StatusUnprocessableEntity, "ru")
	wantHas(t, body, "ГГГГ-ММ-ДД")
	r = e.postForm("/account/tokens", url.Values{"name": {"отчёт"}, "expires": {"2030-01-01"}}, ru...)
	body = e.page(r, http.StatusCreated, "ru")
	m := newTokenRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the new token is not shown:\n%s", uiExcerpt(body))
	}
	if r.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the page with a token may be cached: %q", r.Header.Get("Cache-Control"))
	}
	if r := e.req("GET", "/api/v1/me", nil, bearer(m[1])...); r.StatusCode != http.StatusOK {
		t.Fatalf("the token from the page does not work: %s", r)
	}
	body = e.page(e.req("GET", "/account", nil, ru...), http.StatusOK, "ru")
	if strings.Contains(body, m[1]) {
		t.Error("the token is shown again")
	}
	wantHas(t, body, "отчёт", "01.01.2030", "активен")
	revoke := regexp.MustCompile(`action="(/account/tokens/\d+/revoke)"`).FindStringSubmatch(body)
	if revoke == nil {
		t.Fatal("no revoke button")
	}
	// Another user cannot revoke it.
	if r := e.postForm(revoke[1], nil, withCookie(e.mustSignIn(auth.RoleEmployer))...); r.StatusCode != http.StatusNotFound {
		t.Errorf("another user revoking: %d", r.StatusCode)
	}
	r = e.postForm(revoke[1], nil, ru...)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", r.StatusCode)
	}
	body = e.page(e.req("GET", "/account?done=revoked", nil, ru...), http.StatusOK, "ru")
	wantHas(t, body, "Токен отозван.", "отозван")
	if r := e.req("GET", "/api/v1/me", nil, bearer(m[1])...); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("a revoked token works: %d", r.StatusCode)
	}
}

// The administrator's page of users.
func TestUIUsers(t *testing.T) {
	e := newAuthEnv(t, sqliteDSN(t), session.Options{})
	admin := e.mustSignIn(auth.RoleAdmin)
	en := withCookie(admin, "Accept-Language", "en")

	body := e.page(e.req("GET", "/admin/users", nil, en...), http.StatusOK, "en")
	wantHas(t, body, "assessor@example.kz", "employer@example.kz", "«Жұмыс» ЖШС", "Recognition centre manager", `action="/admin/users"`)
	if strings.Contains(body, `/admin/users/`+strconv.FormatInt(e.users[auth.RoleAdmin].ID, 10)+`/disable`) {
		t.Error("the administrator is offered to disable themselves")
	}
	body = e.page(e.req("GET", "/admin/users?role=employer", nil, en...), http.StatusOK, "en")
	if !strings.Contains(body, "employer@example.kz") || strings.Contains(body, "assessor@example.kz") {
		t.Error("the role filter does not filter")
	}
	e.page(e.req("GET", "/admin/users?role=root", nil, en...), http.StatusBadRequest, "en")

	// A manager without a centre: the form again, with the message and
	// what was typed.
	form := url.Values{"login": {"new.manager@example.kz"}, "name": {"Жаңа менеджер"}, "role": {"manager"}, "password": {authTestPassword}}
	body = e.page(e.postForm("/admin/users", form, en...), http.StatusUnprocessableEntity, "en")
	wantHas(t, body, "A manager or assessor needs the number of their recognition centre.", `value="new.manager@example.kz"`, `<option value="manager" selected>`)
	form.Set("centre_id", "12")
	form.Set("employer", "ignored for managers")
	r := e.postForm("/admin/users", form, en...)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", r.StatusCode, uiExcerpt(string(r.body)))
	}
	body = e.page(e.req("GET", r.Header.Get("Location"), nil, en...), http.StatusOK, "en")
	wantHas(t, body, "The user has been created.", "new.manager@example.kz", "No. 12")
	body = e.page(e.postForm("/admin/users", form, en...), http.StatusUnprocessableEntity, "en")
	wantHas(t, body, "This login is already taken.")

	// Disable and enable, keeping the filter.
	id := strconv.FormatInt(e.users[auth.RoleCandidate].ID, 10)
	candidate := e.mustSignIn(auth.RoleCandidate)
	r = e.postForm("/admin/users/"+id+"/disable", url.Values{"role": {"candidate"}}, en...)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/admin/users?done=disabled&role=candidate" {
		t.Fatalf("disable: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	body = e.page(e.req("GET", r.Header.Get("Location"), nil, en...), http.StatusOK, "en")
	wantHas(t, body, "The user has been disabled", ">disabled<", "/admin/users/"+id+"/enable")
	if r := e.req("GET", "/account", nil, withCookie(candidate)...); r.StatusCode != http.StatusSeeOther {
		t.Errorf("a disabled user's session works: %d", r.StatusCode)
	}
	_, r = e.formSignIn(e.users[auth.RoleCandidate].Login, authTestPassword, "")
	if r.StatusCode != http.StatusForbidden || !strings.Contains(string(r.body), "өшірілген") {
		t.Errorf("a disabled user signing in: %d", r.StatusCode)
	}
	if r := e.postForm("/admin/users/"+id+"/enable", nil, en...); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("enable: %d", r.StatusCode)
	}
	e.mustSignIn(auth.RoleCandidate)
	if r := e.postForm("/admin/users/999999/disable", nil, en...); r.StatusCode != http.StatusNotFound {
		t.Errorf("disable a missing user: %d", r.StatusCode)
	}
	self := strconv.FormatInt(e.users[auth.RoleAdmin].ID, 10)
	if r := e.postForm("/admin/users/"+self+"/disable", nil, en...); r.StatusCode != http.StatusConflict {
		t.Errorf("disable oneself: %d", r.StatusCode)
	}

	// Others: 403; the public: to the sign-in page and back.
	body = e.page(e.req("GET", "/admin/users", nil, withCookie(e.mustSignIn(auth.RoleManager), "Accept-Language", "ru")...), http.StatusForbidden, "ru")
	wantHas(t, body, "Доступ запрещён")
	r = e.req("GET", "/admin/users?role=manager", nil)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/signin?next=%2Fadmin%2Fusers%3Frole%3Dmanager" {
		t.Errorf("anonymous: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
}
