package session

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
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
)

// Signing in and out, and the checks the sign-in page, the account page
// and the API share.

// errAccountsOff: the server has no account store.
var ErrAccountsOff = errors.New("accounts are disabled on this server")

// rateLimited is an attempt refused by the sign-in rate limit.
type RateLimited struct{ Wait time.Duration }

func (e *RateLimited) Error() string { return fmt.Sprintf("too many attempts; retry in %v", e.Wait) }

// maxLoginKey bounds a login used as a rate-limit key (a login longer than
// any valid one is still limited, under its first bytes).
const maxLoginKey = 4 * auth.MaxLoginLen

func loginKey(login string) string {
	return "login:" + httpx.ClipKey(auth.NormalizeLogin(login), maxLoginKey)
}

// checkPassword decides whether password is the password of login, under
// the rate limit of the client and the login. It answers
// auth.ErrBadCredentials alike for an unknown login and a wrong password
// (auth.Authenticate also takes the same time for both), auth.ErrDisabled
// only to someone who gave the right password, *rateLimited, or a database
// error.
func (s *Server) checkPassword(r *http.Request, login, password string) (auth.User, error) {
	if s.Accounts == nil {
		return auth.User{}, ErrAccountsOff
	}
	if ok, wait := s.SignIns.Allow(s.Opt.Now(), s.ClientKey(r), loginKey(login)); !ok {
		s.Log.Info("sign-in rate limited", "client", s.ClientKey(r))
		return auth.User{}, &RateLimited{wait}
	}
	ctx := r.Context()
	u, hash, found, err := s.credentials(ctx, login)
	if err != nil {
		return auth.User{}, err
	}
	if err := auth.Authenticate(u, found, hash, password, s.Opt.PasswordParams); err != nil {
		if !errors.Is(err, auth.ErrDisabled) && err != auth.ErrBadCredentials {
			// A stored hash that cannot be read: the user cannot sign in
			// until an administrator sets a new password.
			s.Log.Warn("sign-in", "err", err)
		}
		s.Log.Info("sign-in refused", "client", s.ClientKey(r), "user", u.ID)
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
	u, hash, err = s.Accounts.Credentials(ctx, login)
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
	if !auth.NeedsRehash(hash, s.Opt.PasswordParams) {
		return
	}
	newHash, err := auth.HashPassword(password, s.Opt.PasswordParams)
	if err == nil {
		err = s.Accounts.RehashPassword(ctx, u.ID, hash, newHash)
	}
	if err != nil {
		s.Log.Warn("upgrading a password hash", "user", u.ID, "err", err)
	}
}

// signIn checks the password and starts a session: the browser gets its
// cookie, and the session the request came with (if any) ends, so that a
// browser holds one session at a time.
func (s *Server) SignIn(w http.ResponseWriter, r *http.Request, login, password string) (auth.Principal, error) {
	u, err := s.checkPassword(r, login, password)
	if err != nil {
		return auth.Principal{}, err
	}
	ctx := r.Context()
	if old := sessionHash(r); old != "" {
		if err := s.Accounts.DeleteSession(ctx, old); err != nil {
			return auth.Principal{}, err
		}
	}
	token, _, err := s.Accounts.CreateSession(ctx, u.ID, r.UserAgent(), s.Opt.Sessions, s.Opt.Now())
	if err != nil {
		return auth.Principal{}, err
	}
	s.setSessionCookie(w, r, token)
	s.Log.Info("signed in", "user", u.ID, "role", u.Role)
	return auth.PrincipalOf(u, auth.ViaSession), nil
}

// signOut ends the request's session, if it has one, and clears the cookie.
func (s *Server) SignOut(w http.ResponseWriter, r *http.Request) error {
	s.clearSessionCookie(w, r)
	h := sessionHash(r)
	if h == "" {
		return nil
	}
	if err := s.Accounts.DeleteSession(r.Context(), h); err != nil {
		return err
	}
	s.Log.Info("signed out", "user", Principal(r).UserID)
	return nil
}

// changePassword checks the current password (under the same rate limit
// as signing in) and the policy, stores the new hash and ends the user's
// other sessions. A *fieldError names the field at fault.
func (s *Server) ChangePassword(r *http.Request, current, next string) error {
	p := Principal(r)
	if _, err := s.checkPassword(r, p.Login, current); err != nil {
		if errors.Is(err, auth.ErrBadCredentials) {
			return &FieldError{Field: "current_password", Key: "The current password is wrong."}
		}
		return err
	}
	if fe := passwordProblem("new_password", p.Login, next); fe != nil {
		return fe
	}
	hash, err := auth.HashPassword(next, s.Opt.PasswordParams)
	if err != nil {
		return err
	}
	if err := s.Accounts.SetPassword(r.Context(), p.UserID, p.UserID, hash, sessionHash(r), s.Opt.Now()); err != nil {
		return err
	}
	s.Log.Info("password changed", "user", p.UserID)
	return nil
}

// fieldError is an input that breaks a rule: the field (form field or
// JSON member) and a message key of the UI messages with its arguments.
type FieldError struct {
	Field string
	Key   string
	Args  []any
}

func (e *FieldError) Error() string { return e.Field + ": " + fmt.Sprintf(e.Key, e.Args...) }

// message is the error in lang.
func (e *FieldError) Message(lang string) string {
	return fmt.Sprintf(i18n.Translate(lang, e.Key), e.Args...)
}

// passwordProblem says why password may not be login's password, as
// auth.CheckPasswordPolicy decides, in words the UI can translate.
func passwordProblem(field, login, password string) *FieldError {
	if auth.CheckPasswordPolicy(login, password) == nil {
		return nil
	}
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password):
		return &FieldError{Field: field, Key: "The password is not valid text."}
	case n < auth.MinPasswordLen:
		return &FieldError{Field: field, Key: "The password must have at least %d characters.", Args: []any{auth.MinPasswordLen}}
	case n > auth.MaxPasswordLen:
		return &FieldError{Field: field, Key: "The password must have at most %d characters.", Args: []any{auth.MaxPasswordLen}}
	}
	return &FieldError{Field: field, Key: "The password must not be the same as the login."}
}

// userProblem checks a new account as auth.User.Validate does, in words
// the UI can translate, naming the field at fault.
func userProblem(u auth.User) *FieldError {
	name := strings.TrimSpace(u.Name)
	employer := strings.TrimSpace(u.Employer)
	switch {
	case auth.ValidateLogin(u.Login) != nil:
		return &FieldError{Field: "login", Key: "The login must have 3 to %d characters and no spaces.", Args: []any{auth.MaxLoginLen}}
	case name == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > auth.MaxNameLen:
		return &FieldError{Field: "name", Key: "Enter a name of at most %d characters.", Args: []any{auth.MaxNameLen}}
	case !u.Role.Valid():
		return &FieldError{Field: "role", Key: "Choose a role."}
	case u.Role.BelongsToCentre() && u.CentreID <= 0:
		return &FieldError{Field: "centre_id", Key: "A manager or assessor needs the number of their recognition centre."}
	case !u.Role.BelongsToCentre() && u.CentreID != 0:
		return &FieldError{Field: "centre_id", Key: "Only managers and assessors belong to a recognition centre."}
	case u.Role == auth.RoleEmployer && employer == "":
		return &FieldError{Field: "employer", Key: "An employer account needs the organisation’s name."}
	case u.Role != auth.RoleEmployer && employer != "":
		return &FieldError{Field: "employer", Key: "Only employer accounts name an organisation."}
	case !utf8.ValidString(employer) || utf8.RuneCountInString(employer) > auth.MaxEmployerLen:
		return &FieldError{Field: "employer", Key: "The organisation’s name must have at most %d characters.", Args: []any{auth.MaxEmployerLen}}
	}
	return nil
}

// createUser checks and stores a new account made by the request's
// principal (an administrator).
func (s *Server) CreateUser(r *http.Request, u auth.User, password string) (auth.User, error) {
	if fe := userProblem(u); fe != nil {
		return u, fe
	}
	if fe := passwordProblem("password", u.Login, password); fe != nil {
		return u, fe
	}
	hash, err := auth.HashPassword(password, s.Opt.PasswordParams)
	if err != nil {
		return u, err
	}
	u, err = s.Accounts.CreateUser(r.Context(), Principal(r).UserID, u, hash, s.Opt.Now())
	switch {
	case errors.Is(err, auth.ErrLoginTaken):
		return u, &FieldError{Field: "login", Key: "This login is already taken."}
	case errors.Is(err, auth.ErrInvalid):
		return u, &FieldError{Field: "", Key: "%s", Args: []any{err.Error()}}
	case err != nil:
		return u, err
	}
	s.Log.Info("user created", "by", Principal(r).UserID, "user", u.ID, "role", u.Role)
	return u, nil
}

// errSelf: an administrator may not disable their own account (and so
// lock everyone out when they are the only one).
var ErrSelf = errors.New("an administrator cannot disable their own account")

// setUserDisabled disables or enables an account and returns it as it is
// now.
func (s *Server) SetUserDisabled(r *http.Request, id int64, disable bool) (auth.User, error) {
	ctx := r.Context()
	actor := Principal(r).UserID
	var err error
	switch {
	case disable && id == actor:
		return auth.User{}, ErrSelf
	case disable:
		err = s.Accounts.DisableUser(ctx, actor, id, s.Opt.Now())
	default:
		err = s.Accounts.EnableUser(ctx, actor, id, s.Opt.Now())
	}
	if err != nil {
		return auth.User{}, err
	}
	s.Log.Info("user disabled or enabled", "by", actor, "user", id, "disabled", disable)
	return s.Accounts.UserByID(ctx, id)
}

// safeNext returns raw when it is a path on this server to go to after
// signing in, else "". Only local absolute paths pass: no scheme, no host,
// no "//" or "/\" (which browsers read as another host), no control
// characters — the open-redirect tricks.
func SafeNext(raw string) string {
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
func RoleName(r auth.Role) string {
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
