package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
)

// Signing in and out, and the checks the sign-in page, the account page
// and the API share.

// errAccountsOff: the server has no account store.
var errAccountsOff = errors.New("accounts are disabled on this server")

// rateLimited is an attempt refused by the sign-in rate limit.
type rateLimited struct{ wait time.Duration }

func (e *rateLimited) Error() string { return fmt.Sprintf("too many attempts; retry in %v", e.wait) }

// maxLoginKey bounds a login used as a rate-limit key (a login longer than
// any valid one is still limited, under its first bytes).
const maxLoginKey = 4 * auth.MaxLoginLen

func loginKey(login string) string {
	return "login:" + clipKey(auth.NormalizeLogin(login), maxLoginKey)
}

// checkPassword decides whether password is the password of login, under
// the rate limit of the client and the login. It answers
// auth.ErrBadCredentials alike for an unknown login and a wrong password
// (auth.Authenticate also takes the same time for both), auth.ErrDisabled
// only to someone who gave the right password, *rateLimited, or a database
// error.
func (s *Server) checkPassword(r *http.Request, login, password string) (auth.User, error) {
	if s.opt.Accounts == nil {
		return auth.User{}, errAccountsOff
	}
	if ok, wait := s.signIns.allow(s.opt.Now(), s.clientKey(r), loginKey(login)); !ok {
		s.log.Info("sign-in rate limited", "client", s.clientKey(r))
		return auth.User{}, &rateLimited{wait}
	}
	ctx := r.Context()
	u, hash, found, err := s.credentials(ctx, login)
	if err != nil {
		return auth.User{}, err
	}
	if err := auth.Authenticate(u, found, hash, password, s.opt.PasswordParams); err != nil {
		if !errors.Is(err, auth.ErrDisabled) && err != auth.ErrBadCredentials {
			// A stored hash that cannot be read: the user cannot sign in
			// until an administrator sets a new password.
			s.log.Warn("sign-in", "err", err)
		}
		s.log.Info("sign-in refused", "client", s.clientKey(r), "user", u.ID)
		return u, err
	}
	s.upgradeHash(ctx, u, hash, password)
	return u, nil
}

// credentials looks the login up; found is false for no such user. A
// login no user can have is not looked up.
func (s *Server) credentials(ctx context.Context, login string) (u auth.User, hash string, found bool, err error) {
	if n := utf8.RuneCountInString(strings.TrimSpace(login)); n == 0 || n > auth.MaxLoginLen {
		return auth.User{}, "", false, nil
	}
	u, hash, err = s.opt.Accounts.Credentials(ctx, login)
	switch {
	case errors.Is(err, kasip.ErrNotFound):
		return auth.User{}, "", false, nil
	case err != nil:
		return auth.User{}, "", false, fmt.Errorf("sign-in: %w", err)
	}
	return u, hash, true, nil
}

// upgradeHash re-hashes the password with the current parameters when the
// stored hash was made with others, while the password is at hand. A
// failure only delays the upgrade to the next sign-in.
func (s *Server) upgradeHash(ctx context.Context, u auth.User, hash, password string) {
	if !auth.NeedsRehash(hash, s.opt.PasswordParams) {
		return
	}
	newHash, err := auth.HashPassword(password, s.opt.PasswordParams)
	if err == nil {
		err = s.opt.Accounts.RehashPassword(ctx, u.ID, hash, newHash)
	}
	if err != nil {
		s.log.Warn("upgrading a password hash", "user", u.ID, "err", err)
	}
}

// signIn checks the password and starts a session: the browser gets its
// cookie, and the session the request came with (if any) ends, so that a
// browser holds one session at a time.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, login, password string) (auth.Principal, error) {
	u, err := s.checkPassword(r, login, password)
	if err != nil {
		return auth.Principal{}, err
	}
	ctx := r.Context()
	if old := sessionHash(r); old != "" {
		if err := s.opt.Accounts.DeleteSession(ctx, old); err != nil {
			return auth.Principal{}, err
		}
	}
	token, _, err := s.opt.Accounts.CreateSession(ctx, u.ID, r.UserAgent(), s.opt.Sessions, s.opt.Now())
	if err != nil {
		return auth.Principal{}, err
	}
	s.setSessionCookie(w, r, token)
	s.log.Info("signed in", "user", u.ID, "role", u.Role)
	return auth.PrincipalOf(u, auth.ViaSession), nil
}

// signOut ends the request's session, if it has one, and clears the cookie.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) error {
	s.clearSessionCookie(w, r)
	h := sessionHash(r)
	if h == "" {
		return nil
	}
	if err := s.opt.Accounts.DeleteSession(r.Context(), h); err != nil {
		return err
	}
	s.log.Info("signed out", "user", principal(r).UserID)
	return nil
}

// changePassword checks the current password (under the same rate limit
// as signing in) and the policy, stores the new hash and ends the user's
// other sessions. A *fieldError names the field at fault.
func (s *Server) changePassword(r *http.Request, current, next string) error {
	p := principal(r)
	if _, err := s.checkPassword(r, p.Login, current); err != nil {
		if errors.Is(err, auth.ErrBadCredentials) {
			return &fieldError{field: "current_password", key: "The current password is wrong."}
		}
		return err
	}
	if fe := passwordProblem("new_password", p.Login, next); fe != nil {
		return fe
	}
	hash, err := auth.HashPassword(next, s.opt.PasswordParams)
	if err != nil {
		return err
	}
	if err := s.opt.Accounts.SetPassword(r.Context(), p.UserID, p.UserID, hash, sessionHash(r), s.opt.Now()); err != nil {
		return err
	}
	s.log.Info("password changed", "user", p.UserID)
	return nil
}

// fieldError is an input that breaks a rule: the field (form field or
// JSON member) and a message key of the UI messages with its arguments.
type fieldError struct {
	field string
	key   string
	args  []any
}

func (e *fieldError) Error() string { return e.field + ": " + fmt.Sprintf(e.key, e.args...) }

// message is the error in lang.
func (e *fieldError) message(lang string) string {
	return fmt.Sprintf(translate(lang, e.key), e.args...)
}

// passwordProblem says why password may not be login's password, as
// auth.CheckPasswordPolicy decides, in words the UI can translate.
func passwordProblem(field, login, password string) *fieldError {
	if auth.CheckPasswordPolicy(login, password) == nil {
		return nil
	}
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password):
		return &fieldError{field: field, key: "The password is not valid text."}
	case n < auth.MinPasswordLen:
		return &fieldError{field: field, key: "The password must have at least %d characters.", args: []any{auth.MinPasswordLen}}
	case n > auth.MaxPasswordLen:
		return &fieldError{field: field, key: "The password must have at most %d characters.", args: []any{auth.MaxPasswordLen}}
	}
	return &fieldError{field: field, key: "The password must not be the same as the login."}
}

// userProblem checks a new account as auth.User.Validate does, in words
// the UI can translate, naming the field at fault.
func userProblem(u auth.User) *fieldError {
	name := strings.TrimSpace(u.Name)
	employer := strings.TrimSpace(u.Employer)
	switch {
	case auth.ValidateLogin(u.Login) != nil:
		return &fieldError{field: "login", key: "The login must have 3 to %d characters and no spaces.", args: []any{auth.MaxLoginLen}}
	case name == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > auth.MaxNameLen:
		return &fieldError{field: "name", key: "Enter a name of at most %d characters.", args: []any{auth.MaxNameLen}}
	case !u.Role.Valid():
		return &fieldError{field: "role", key: "Choose a role."}
	case u.Role.BelongsToCentre() && u.CentreID <= 0:
		return &fieldError{field: "centre_id", key: "A manager or assessor needs the number of their recognition centre."}
	case !u.Role.BelongsToCentre() && u.CentreID != 0:
		return &fieldError{field: "centre_id", key: "Only managers and assessors belong to a recognition centre."}
	case u.Role == auth.RoleEmployer && employer == "":
		return &fieldError{field: "employer", key: "An employer account needs the organisation’s name."}
	case u.Role != auth.RoleEmployer && employer != "":
		return &fieldError{field: "employer", key: "Only employer accounts name an organisation."}
	case !utf8.ValidString(employer) || utf8.RuneCountInString(employer) > auth.MaxEmployerLen:
		return &fieldError{field: "employer", key: "The organisation’s name must have at most %d characters.", args: []any{auth.MaxEmployerLen}}
	}
	return nil
}

// createUser checks and stores a new account made by the request's
// principal (an administrator).
func (s *Server) createUser(r *http.Request, u auth.User, password string) (auth.User, error) {
	if fe := userProblem(u); fe != nil {
		return u, fe
	}
	if fe := passwordProblem("password", u.Login, password); fe != nil {
		return u, fe
	}
	hash, err := auth.HashPassword(password, s.opt.PasswordParams)
	if err != nil {
		return u, err
	}
	u, err = s.opt.Accounts.CreateUser(r.Context(), principal(r).UserID, u, hash, s.opt.Now())
	switch {
	case errors.Is(err, auth.ErrLoginTaken):
		return u, &fieldError{field: "login", key: "This login is already taken."}
	case errors.Is(err, auth.ErrInvalid):
		return u, &fieldError{field: "", key: "%s", args: []any{err.Error()}}
	case err != nil:
		return u, err
	}
	s.log.Info("user created", "by", principal(r).UserID, "user", u.ID, "role", u.Role)
	return u, nil
}

// errSelf: an administrator may not disable their own account (and so
// lock everyone out when they are the only one).
var errSelf = errors.New("an administrator cannot disable their own account")

// setUserDisabled disables or enables an account and returns it as it is
// now.
func (s *Server) setUserDisabled(r *http.Request, id int64, disable bool) (auth.User, error) {
	ctx := r.Context()
	actor := principal(r).UserID
	var err error
	switch {
	case disable && id == actor:
		return auth.User{}, errSelf
	case disable:
		err = s.opt.Accounts.DisableUser(ctx, actor, id, s.opt.Now())
	default:
		err = s.opt.Accounts.EnableUser(ctx, actor, id, s.opt.Now())
	}
	if err != nil {
		return auth.User{}, err
	}
	s.log.Info("user disabled or enabled", "by", actor, "user", id, "disabled", disable)
	return s.opt.Accounts.UserByID(ctx, id)
}

// safeNext returns raw when it is a path on this server to go to after
// signing in, else "". Only local absolute paths pass: no scheme, no host,
// no "//" or "/\" (which browsers read as another host), no control
// characters — the open-redirect tricks.
func safeNext(raw string) string {
	if len(raw) == 0 || len(raw) > 2048 || raw[0] != '/' || strings.HasPrefix(raw, "//") || strings.ContainsRune(raw, '\\') {
		return ""
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] < 0x20 || raw[i] == 0x7f {
			return ""
		}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	if u.Path == "/signin" || u.Path == "/signout" {
		return ""
	}
	return raw
}

// roleName is the message key of a role's name.
func roleName(r auth.Role) string {
	switch r {
	case auth.RoleAdmin:
		return "Administrator"
	case auth.RoleManager:
		return "Recognition centre manager"
	case auth.RoleAssessor:
		return "Assessor"
	case auth.RoleCandidate:
		return "Candidate"
	case auth.RoleEmployer:
		return "Employer"
	}
	return string(r)
}
