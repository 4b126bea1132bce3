package ui

import (
	"cmp"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui/page"
)

// The pages of one's own account: signing in and out, the account page
// with the password and the API tokens. Every form posts back to the
// server and works without JavaScript; after a change that succeeded the
// browser is redirected (303) so that reloading does not post again — all
// but the new API token, which is shown once, in the answer to the post.

// uiRetryAfter sets Retry-After for a rate-limited attempt and returns the
// message to show.
func uiRetryAfter(w http.ResponseWriter, r *http.Request, rl *session.RateLimited) string {
	n := httpx.RetryAfterSeconds(rl.Wait)
	w.Header().Set("Retry-After", strconv.Itoa(n))
	return uiT(r, "Too many attempts. Try again in %d seconds.", n)
}

// uiT translates a UI message key into the request's language and fills
// it in.
func uiT(r *http.Request, key string, args ...any) string {
	return (&session.FieldError{Key: key, Args: args}).Message(i18n.RequestLang(r))
}

// ---- sign in, sign out ----

type uiSignInData struct {
	page.UIBase
	Enabled bool // the server has accounts
	Login   string
	Next    string
	Error   string
	Notice  string
}

func (s *Server) signInData(r *http.Request, next string) *uiSignInData {
	d := &uiSignInData{
		UIBase:  s.UIBaseAt(r, i18n.Translate(i18n.RequestLang(r), "Sign in"), "/signin", url.Values{"next": {next}}),
		Enabled: s.Accounts != nil, Next: next,
	}
	d.Nav = "signin"
	if p := session.Principal(r); !p.Anonymous() {
		d.Notice = uiT(r, "You are signed in as %s.", p.Name)
	}
	return d
}

// GET /signin
func (s *Server) uiSignInForm(w http.ResponseWriter, r *http.Request) error {
	d := s.signInData(r, session.SafeNext(r.URL.Query().Get("next")))
	return s.UIRender(w, r, http.StatusOK, "signin", d)
}

// POST /signin: on success, to the page the user came from (a local path
// only), else the form again with one message for any wrong login or
// password.
func (s *Server) uiSignIn(w http.ResponseWriter, r *http.Request) error {
	if err := page.UIReadForm(w, r); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	next := session.SafeNext(r.PostFormValue("next"))
	login := r.PostFormValue("login")
	_, err := s.SignIn(w, r, login, r.PostFormValue("password"))
	if err == nil {
		http.Redirect(w, r, cmp.Or(next, "/"), http.StatusSeeOther)
		return nil
	}
	d := s.signInData(r, next)
	d.Notice = ""
	d.Login = httpx.ClipKey(strings.TrimSpace(login), 4*auth.MaxLoginLen)
	status := http.StatusUnprocessableEntity
	var rl *session.RateLimited
	switch {
	case errors.As(err, &rl):
		status, d.Error = http.StatusTooManyRequests, uiRetryAfter(w, r, rl)
	case errors.Is(err, auth.ErrBadCredentials):
		d.Error = i18n.Translate(i18n.RequestLang(r), "Wrong login or password.")
	case errors.Is(err, auth.ErrDisabled):
		status, d.Error = http.StatusForbidden, i18n.Translate(i18n.RequestLang(r), "This account is disabled. Ask an administrator.")
	case errors.Is(err, session.ErrAccountsOff):
		status = http.StatusNotImplemented
	default:
		return err
	}
	return s.UIRender(w, r, status, "signin", d)
}

// POST /signout
func (s *Server) uiSignOut(w http.ResponseWriter, r *http.Request) error {
	if err := s.SignOut(w, r); err != nil {
		return err
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// ---- the account page ----

type uiAccountData struct {
	page.UIBase
	P           auth.Principal
	RoleName    string
	Machine     bool // the administrator token: no account to manage
	MinPassword int
	Notice      string
	Tokens      []service.APITokenView
	NewToken    string // shown once, right after it was made
	TokenName   string // the name typed, when creating failed
	TokenError  string
	PwError     string            // about the password form as a whole
	FieldErrors map[string]string // form field → message
}

func (s *Server) accountData(r *http.Request) (*uiAccountData, error) {
	p := session.Principal(r)
	d := &uiAccountData{
		UIBase: s.UIBaseAt(r, i18n.Translate(i18n.RequestLang(r), "Your account"), "/account", nil),
		P:      p, RoleName: session.RoleName(p.Role), Machine: p.UserID == 0,
		MinPassword: auth.MinPasswordLen, FieldErrors: map[string]string{},
	}
	d.Nav = "account"
	if d.Machine || s.Accounts == nil {
		return d, nil
	}
	ts, err := s.Accounts.ListAPITokens(r.Context(), p.UserID)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		d.Tokens = append(d.Tokens, s.TokenOf(t))
	}
	return d, nil
}

// accountNotices are the messages of ?done= after a redirect.
var accountNotices = map[string]string{
	"password": "Your password has been changed. You have been signed out everywhere else.",
	"revoked":  "The token has been revoked.",
}

// GET /account
func (s *Server) uiAccount(w http.ResponseWriter, r *http.Request) error {
	d, err := s.accountData(r)
	if err != nil {
		return err
	}
	if k, ok := accountNotices[r.URL.Query().Get("done")]; ok {
		d.Notice = i18n.Translate(i18n.RequestLang(r), k)
	}
	return s.UIRender(w, r, http.StatusOK, "account", d)
}

// uiNoAccount refuses account changes to the administrator token.
func (s *Server) uiNoAccount(w http.ResponseWriter, r *http.Request) bool {
	if session.Principal(r).UserID != 0 {
		return false
	}
	s.Forbid(w, r)
	return true
}

// POST /account/password
func (s *Server) uiChangePassword(w http.ResponseWriter, r *http.Request) error {
	if s.uiNoAccount(w, r) {
		return nil
	}
	if err := page.UIReadForm(w, r); err != nil {
		return err
	}
	next := r.PostFormValue("new_password")
	var err error
	if next != r.PostFormValue("repeat_password") {
		err = &session.FieldError{Field: "repeat_password", Key: "The new passwords do not match."}
	} else {
		err = s.ChangePassword(r, r.PostFormValue("current_password"), next)
	}
	if err == nil {
		http.Redirect(w, r, "/account?done=password#password", http.StatusSeeOther)
		return nil
	}
	d, derr := s.accountData(r)
	if derr != nil {
		return derr
	}
	var fe *session.FieldError
	var rl *session.RateLimited
	status := http.StatusUnprocessableEntity
	switch {
	case errors.As(err, &fe):
		d.FieldErrors[fe.Field] = fe.Message(i18n.RequestLang(r))
	case errors.As(err, &rl):
		status, d.PwError = http.StatusTooManyRequests, uiRetryAfter(w, r, rl)
	default:
		return err
	}
	return s.UIRender(w, r, status, "account", d)
}

// POST /account/tokens: the answer shows the new token, once.
func (s *Server) uiCreateToken(w http.ResponseWriter, r *http.Request) error {
	if s.uiNoAccount(w, r) {
		return nil
	}
	if err := page.UIReadForm(w, r); err != nil {
		return err
	}
	name := r.PostFormValue("name")
	var expires time.Time
	var token string
	var err error
	if raw := strings.TrimSpace(r.PostFormValue("expires")); raw != "" {
		expires, err = time.Parse(time.DateOnly, raw)
		if err != nil {
			err = &session.FieldError{Field: "expires", Key: "Enter the date as YYYY-MM-DD."}
		}
	}
	if err == nil {
		token, _, err = s.CreateToken(r, name, expires)
	}
	var fe *session.FieldError
	if err != nil && !errors.As(err, &fe) {
		return err
	}
	d, derr := s.accountData(r)
	if derr != nil {
		return derr
	}
	if fe != nil {
		d.TokenName, d.TokenError = httpx.ClipKey(name, 4*auth.MaxTokenNameLen), fe.Message(i18n.RequestLang(r))
		return s.UIRender(w, r, http.StatusUnprocessableEntity, "account", d)
	}
	d.NewToken = token
	return s.UIRender(w, r, http.StatusCreated, "account", d)
}

// POST /account/tokens/{id}/revoke
func (s *Server) uiRevokeToken(w http.ResponseWriter, r *http.Request) error {
	if s.uiNoAccount(w, r) {
		return nil
	}
	id, perr := httpx.PathID(r, "id")
	if perr != nil {
		return httpx.UINotFound(i18n.Translate(i18n.RequestLang(r), "There is no such API token."))
	}
	p := session.Principal(r)
	err := s.Accounts.RevokeAPIToken(r.Context(), p.UserID, p.UserID, id, s.Opt.Now())
	if errors.Is(err, kasip.ErrNotFound) {
		return httpx.UINotFound(i18n.Translate(i18n.RequestLang(r), "There is no such API token."))
	}
	if err != nil {
		return err
	}
	s.Log.Info("API token revoked", "user", p.UserID, "token", id)
	http.Redirect(w, r, "/account?done=revoked#tokens", http.StatusSeeOther)
	return nil
}
