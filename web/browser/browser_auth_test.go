package browser_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web"
	"github.com/kasip/kasip/web/webtest"
)

// accountsServer serves an empty registry with accounts and one employer
// who can sign in.
func accountsServer(t *testing.T) (base, login, password string) {
	t.Helper()
	ctx := context.Background()
	st := webtest.Store(t, "")
	login, password = "hr@zhumys.kz", "correct horse battery"
	hash, err := auth.HashPassword(password, auth.TestParams)
	if err != nil {
		t.Fatal(err)
	}
	u := auth.User{Login: login, Name: "Айгүл Сейітқызы", Role: auth.RoleEmployer, Employer: "«Жұмыс» ЖШС"}
	if _, err := st.CreateUser(ctx, 0, u, hash, time.Now()); err != nil {
		t.Fatal(err)
	}
	ts := webtest.Start(t, webtest.Services(st), web.Options{PasswordParams: auth.TestParams}).Server
	return ts.URL, login, password
}

// TestBrowserSignIn: a protected page sends the browser to the sign-in
// form, which brings it back signed in; the header names the user in
// every language; signing out with the header's button ends it.
func TestBrowserSignIn(t *testing.T) {
	base, login, password := accountsServer(t)
	b := newTab(t, startChromium(t, 90*time.Second))
	b.run("a protected page",
		chromedp.Navigate(base+"/account?lang=en"),
		chromedp.WaitVisible(chromedp.ID("signin-login")),
	)
	if loc := b.location(); !strings.Contains(loc, "/signin?") || !strings.Contains(loc, "next=") {
		t.Errorf("not sent to the sign-in page: %s", loc)
	}
	b.run("sign in",
		chromedp.SendKeys(chromedp.ID("signin-login"), login),
		chromedp.SendKeys(chromedp.ID("signin-password"), password),
		chromedp.Submit(chromedp.ID("signin-password")),
		chromedp.WaitVisible(chromedp.CSS(".me-name")),
	)
	if loc := b.location(); !strings.HasSuffix(loc, "/account?lang=en") {
		t.Errorf("after signing in: %s", loc)
	}
	if name, role := b.text(".me-name"), b.text(".me-role"); name != "Айгүл Сейітқызы" || role != "Employer" {
		t.Errorf("header: %q %q", name, role)
	}
	if h1 := b.text("h1"); h1 != "Your account" {
		t.Errorf("h1 %q", h1)
	}
	b.run("switch to Kazakh",
		chromedp.Click(chromedp.CSS(`nav.langs a[hreflang="kk"]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="kk"]`)),
	)
	if name, role := b.text(".me-name"), b.text(".me-role"); name != "Айгүл Сейітқызы" || role != "Жұмыс беруші" {
		t.Errorf("header in Kazakh: %q %q", name, role)
	}
	b.run("sign out",
		chromedp.Click(chromedp.CSS("form.signout button")),
		chromedp.WaitVisible(chromedp.CSS("a.me-signin")),
	)
	if loc := b.location(); loc != base+"/" {
		t.Errorf("after signing out: %s", loc)
	}
	if s := b.text("a.me-signin"); s != "Кіру" {
		t.Errorf("sign-in link %q", s)
	}
	b.run("the account page again",
		chromedp.Navigate(base+"/account"),
		chromedp.WaitVisible(chromedp.ID("signin-login")),
	)
}
