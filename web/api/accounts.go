package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
)

// The API of accounts: signing in and out, who am I, my password and API
// tokens, and the administration of users. The routes are in
// apiRouteTable with their access rules.

// AccountView is a principal as the API shows it.
type AccountView struct {
	UserID      int64  `json:"user_id"` // 0 for the server's administrator token
	Login       string `json:"login"`
	Name        string `json:"name"`
	Role        string `json:"role"`
	CentreID    int64  `json:"centre_id,omitzero"`
	Employer    string `json:"employer,omitzero"`
	CandidateID int64  `json:"candidate_id,omitzero"`
	Via         string `json:"via"` // session, token
}

func accountOf(p auth.Principal) AccountView {
	return AccountView{
		UserID: p.UserID, Login: p.Login, Name: p.Name, Role: string(p.Role),
		CentreID: p.CentreID, Employer: p.Employer, CandidateID: p.CandidateID, Via: string(p.Via),
	}
}

// UserView is an account as administrators see it.
type UserView struct {
	ID          int64     `json:"id"`
	Login       string    `json:"login"`
	Name        string    `json:"name"`
	Role        string    `json:"role"`
	CentreID    int64     `json:"centre_id,omitzero"`
	Employer    string    `json:"employer,omitzero"`
	CandidateID int64     `json:"candidate_id,omitzero"`
	Created     time.Time `json:"created_at"`
	Disabled    bool      `json:"disabled"`
}

func userOf(u auth.User) UserView {
	return UserView{
		ID: u.ID, Login: u.Login, Name: u.Name, Role: string(u.Role), CentreID: u.CentreID,
		Employer: u.Employer, CandidateID: u.CandidateID, Created: u.Created, Disabled: u.Disabled,
	}
}

// NewAPITokenView is a token just created, with its secret.
type NewAPITokenView struct {
	service.APITokenView
	Token string `json:"token"`
}

// Request bodies.
type (
	SignInInput struct {
		Login    string `json:"login"`
		Password string `json:"password"`
	}
	PasswordInput struct {
		CurrentPassword string `json:"current_password"`
		NewPassword     string `json:"new_password"`
	}
	TokenInput struct {
		Name      string    `json:"name"`
		ExpiresAt time.Time `json:"expires_at,omitzero"`
	}
	UserInput struct {
		Login    string `json:"login"`
		Name     string `json:"name"`
		Role     string `json:"role"`
		CentreID int64  `json:"centre_id,omitzero"`
		Employer string `json:"employer,omitzero"`
		Password string `json:"password"`
	}
)

// List is the envelope of a short, unpaged list.
type List[T any] struct {
	Items []T `json:"items"`
}

// accountError maps an error of the account handlers to a response.
func (s *Server) accountError(w http.ResponseWriter, r *http.Request, err error) {
	var fe *session.FieldError
	var rl *session.RateLimited
	switch {
	case errors.As(err, &fe):
		if fe.Field == "login" && fe.Key == "This login is already taken." {
			httpx.WriteProblem(w, r, httpx.Problem{Status: http.StatusConflict, Title: "Login already taken", Detail: fe.Message(i18n.RequestLang(r)), Parameter: "login"})
			return
		}
		httpx.WriteProblem(w, r, httpx.Problem{Status: http.StatusBadRequest, Title: "invalid request body", Detail: fe.Message(i18n.RequestLang(r)), Parameter: fe.Field})
	case errors.As(err, &rl):
		w.Header().Set("Retry-After", strconv.Itoa(httpx.RetryAfterSeconds(rl.Wait)))
		httpx.Fail(w, r, http.StatusTooManyRequests, "Too many sign-in attempts", i18n.APIT(r, "Try again in %d seconds.", httpx.RetryAfterSeconds(rl.Wait)))
	case errors.Is(err, session.ErrAccountsOff):
		httpx.Fail(w, r, http.StatusNotImplemented, "Accounts are disabled on this server", "")
	case errors.Is(err, auth.ErrBadCredentials):
		httpx.Fail(w, r, http.StatusUnauthorized, "Wrong login or password", "")
	case errors.Is(err, auth.ErrDisabled):
		httpx.Fail(w, r, http.StatusForbidden, "Account disabled", i18n.APIT(r, "This account is disabled. Ask an administrator."))
	case errors.Is(err, session.ErrSelf):
		httpx.Fail(w, r, http.StatusConflict, "You cannot disable your own account", "")
	default:
		httpx.RegistryError(w, r, err, "", http.StatusBadRequest)
	}
}

// forbidMachine refuses what needs an account to the administrator token,
// which has none. It reports whether it answered.
func (s *Server) forbidMachine(w http.ResponseWriter, r *http.Request) bool {
	if session.Principal(r).UserID != 0 {
		return false
	}
	httpx.Fail(w, r, http.StatusForbidden, "Access denied", i18n.APIT(r, "The administrator token has no account."))
	return true
}

// POST /api/v1/session
func (s *Server) apiSignIn(w http.ResponseWriter, r *http.Request) {
	var body SignInInput
	if !httpx.ReadJSON(w, r, &body, `{"login": "…", "password": "…"}`) {
		return
	}
	p, err := s.SignIn(w, r, body.Login, body.Password)
	if err != nil {
		s.accountError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	httpx.WriteJSON(w, r, http.StatusOK, accountOf(p))
}

// DELETE /api/v1/session
func (s *Server) apiSignOut(w http.ResponseWriter, r *http.Request) {
	if err := s.SignOut(w, r); err != nil {
		httpx.InternalError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// GET /api/v1/me
func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	httpx.WriteJSON(w, r, http.StatusOK, accountOf(session.Principal(r)))
}

// PUT /api/v1/me/password
func (s *Server) apiChangePassword(w http.ResponseWriter, r *http.Request) {
	if s.forbidMachine(w, r) {
		return
	}
	var body PasswordInput
	if !httpx.ReadJSON(w, r, &body, `{"current_password": "…", "new_password": "…"}`) {
		return
	}
	if err := s.ChangePassword(r, body.CurrentPassword, body.NewPassword); err != nil {
		s.accountError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// GET /api/v1/me/tokens
func (s *Server) apiListTokens(w http.ResponseWriter, r *http.Request) {
	if s.forbidMachine(w, r) {
		return
	}
	ts, err := s.Accounts.ListAPITokens(r.Context(), session.Principal(r).UserID)
	if err != nil {
		httpx.InternalError(w, r, err)
		return
	}
	out := List[service.APITokenView]{Items: []service.APITokenView{}}
	for _, t := range ts {
		out.Items = append(out.Items, s.TokenOf(t))
	}
	httpx.WriteJSON(w, r, http.StatusOK, out)
}

// POST /api/v1/me/tokens
func (s *Server) apiCreateToken(w http.ResponseWriter, r *http.Request) {
	if s.forbidMachine(w, r) {
		return
	}
	var body TokenInput
	if !httpx.ReadJSON(w, r, &body, `{"name": "…", "expires_at": "2030-01-01T00:00:00Z"}`) {
		return
	}
	token, t, err := s.CreateToken(r, body.Name, body.ExpiresAt)
	if err != nil {
		s.accountError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/me/tokens")
	httpx.WriteJSON(w, r, http.StatusCreated, NewAPITokenView{APITokenView: s.TokenOf(t), Token: token})
}

// DELETE /api/v1/me/tokens/{id}
func (s *Server) apiRevokeToken(w http.ResponseWriter, r *http.Request) {
	if s.forbidMachine(w, r) {
		return
	}
	id, perr := httpx.PathID(r, "id")
	if perr != nil {
		httpx.BadParam(w, r, perr)
		return
	}
	p := session.Principal(r)
	if err := s.Accounts.RevokeAPIToken(r.Context(), p.UserID, p.UserID, id, s.Opt.Now()); err != nil {
		httpx.RegistryError(w, r, err, i18n.APIT(r, "You have no API token %d.", id), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// GET /api/v1/users
func (s *Server) apiListUsers(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQuery(r)
	roleNames := make([]string, 0, len(auth.Roles()))
	for _, ro := range auth.Roles() {
		roleNames = append(roleNames, string(ro))
	}
	f := auth.UserFilter{Role: auth.Role(q.OneOf("role", roleNames...))}
	switch q.OneOf("include_disabled", "true", "false") {
	case "true":
		f.IncludeDisabled = true
	}
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	if s.Accounts == nil {
		s.accountError(w, r, session.ErrAccountsOff)
		return
	}
	us, err := s.Accounts.ListUsers(r.Context(), f)
	if err != nil {
		httpx.InternalError(w, r, err)
		return
	}
	out := List[UserView]{Items: []UserView{}}
	for _, u := range us {
		out.Items = append(out.Items, userOf(u))
	}
	httpx.WriteJSON(w, r, http.StatusOK, out)
}

// POST /api/v1/users
func (s *Server) apiCreateUser(w http.ResponseWriter, r *http.Request) {
	var body UserInput
	if !httpx.ReadJSON(w, r, &body, `{"login": "…", "name": "…", "role": "manager", "centre_id": 1, "password": "…"}`) {
		return
	}
	if s.Accounts == nil {
		s.accountError(w, r, session.ErrAccountsOff)
		return
	}
	u := auth.User{Login: body.Login, Name: body.Name, Role: auth.Role(body.Role), CentreID: body.CentreID, Employer: body.Employer}
	u, err := s.CreateUser(r, u, body.Password)
	if err != nil {
		s.accountError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(u.ID, 10))
	httpx.WriteJSON(w, r, http.StatusCreated, userOf(u))
}

// POST /api/v1/users/{id}/disable
func (s *Server) apiDisableUser(w http.ResponseWriter, r *http.Request) { s.apiSetDisabled(w, r, true) }

// POST /api/v1/users/{id}/enable
func (s *Server) apiEnableUser(w http.ResponseWriter, r *http.Request) { s.apiSetDisabled(w, r, false) }

func (s *Server) apiSetDisabled(w http.ResponseWriter, r *http.Request, disable bool) {
	id, perr := httpx.PathID(r, "id")
	if perr != nil {
		httpx.BadParam(w, r, perr)
		return
	}
	if s.Accounts == nil {
		s.accountError(w, r, session.ErrAccountsOff)
		return
	}
	u, err := s.SetUserDisabled(r, id, disable)
	if errors.Is(err, kasip.ErrNotFound) {
		httpx.Fail(w, r, http.StatusNotFound, "not found", i18n.APIT(r, "There is no user %d.", id))
		return
	}
	if err != nil {
		s.accountError(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, userOf(u))
}
