package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
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
	APITokenView
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
	var fe *fieldError
	var rl *rateLimited
	switch {
	case errors.As(err, &fe):
		if fe.field == "login" && fe.key == "This login is already taken." {
			writeProblem(w, r, Problem{Status: http.StatusConflict, Title: "Login already taken", Detail: fe.message(requestLang(r)), Parameter: "login"})
			return
		}
		writeProblem(w, r, Problem{Status: http.StatusBadRequest, Title: "invalid request body", Detail: fe.message(requestLang(r)), Parameter: fe.field})
	case errors.As(err, &rl):
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds(rl.wait)))
		fail(w, r, http.StatusTooManyRequests, "Too many sign-in attempts", apiT(r, "Try again in %d seconds.", retryAfterSeconds(rl.wait)))
	case errors.Is(err, errAccountsOff):
		fail(w, r, http.StatusNotImplemented, "Accounts are disabled on this server", "")
	case errors.Is(err, auth.ErrBadCredentials):
		fail(w, r, http.StatusUnauthorized, "Wrong login or password", "")
	case errors.Is(err, auth.ErrDisabled):
		fail(w, r, http.StatusForbidden, "Account disabled", apiT(r, "This account is disabled. Ask an administrator."))
	case errors.Is(err, errSelf):
		fail(w, r, http.StatusConflict, "You cannot disable your own account", "")
	default:
		registryError(w, r, err, "", http.StatusBadRequest)
	}
}

// forbidMachine refuses what needs an account to the administrator token,
// which has none. It reports whether it answered.
func (s *Server) forbidMachine(w http.ResponseWriter, r *http.Request) bool {
	if principal(r).UserID != 0 {
		return false
	}
	fail(w, r, http.StatusForbidden, "Access denied", apiT(r, "The administrator token has no account."))
	return true
}

// POST /api/v1/session
func (s *Server) apiSignIn(w http.ResponseWriter, r *http.Request) {
	var body SignInInput
	if !readJSON(w, r, &body, `{"login": "…", "password": "…"}`) {
		return
	}
	p, err := s.signIn(w, r, body.Login, body.Password)
	if err != nil {
		s.accountError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, r, http.StatusOK, accountOf(p))
}

// DELETE /api/v1/session
func (s *Server) apiSignOut(w http.ResponseWriter, r *http.Request) {
	if err := s.signOut(w, r); err != nil {
		internalError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// GET /api/v1/me
func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, r, http.StatusOK, accountOf(principal(r)))
}

// PUT /api/v1/me/password
func (s *Server) apiChangePassword(w http.ResponseWriter, r *http.Request) {
	if s.forbidMachine(w, r) {
		return
	}
	var body PasswordInput
	if !readJSON(w, r, &body, `{"current_password": "…", "new_password": "…"}`) {
		return
	}
	if err := s.changePassword(r, body.CurrentPassword, body.NewPassword); err != nil {
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
	ts, err := s.opt.Accounts.ListAPITokens(r.Context(), principal(r).UserID)
	if err != nil {
		internalError(w, r, err)
		return
	}
	out := List[APITokenView]{Items: []APITokenView{}}
	for _, t := range ts {
		out.Items = append(out.Items, s.tokenOf(t))
	}
	writeJSON(w, r, http.StatusOK, out)
}

// POST /api/v1/me/tokens
func (s *Server) apiCreateToken(w http.ResponseWriter, r *http.Request) {
	if s.forbidMachine(w, r) {
		return
	}
	var body TokenInput
	if !readJSON(w, r, &body, `{"name": "…", "expires_at": "2030-01-01T00:00:00Z"}`) {
		return
	}
	token, t, err := s.createToken(r, body.Name, body.ExpiresAt)
	if err != nil {
		s.accountError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/me/tokens")
	writeJSON(w, r, http.StatusCreated, NewAPITokenView{APITokenView: s.tokenOf(t), Token: token})
}

// DELETE /api/v1/me/tokens/{id}
func (s *Server) apiRevokeToken(w http.ResponseWriter, r *http.Request) {
	if s.forbidMachine(w, r) {
		return
	}
	id, perr := pathID(r)
	if perr != nil {
		badParam(w, r, perr)
		return
	}
	p := principal(r)
	if err := s.opt.Accounts.RevokeAPIToken(r.Context(), p.UserID, p.UserID, id, s.opt.Now()); err != nil {
		registryError(w, r, err, apiT(r, "You have no API token %d.", id), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// GET /api/v1/users
func (s *Server) apiListUsers(w http.ResponseWriter, r *http.Request) {
	q := newAPIQuery(r)
	roleNames := make([]string, 0, len(auth.Roles()))
	for _, ro := range auth.Roles() {
		roleNames = append(roleNames, string(ro))
	}
	f := auth.UserFilter{Role: auth.Role(q.oneOf("role", roleNames...))}
	switch q.oneOf("include_disabled", "true", "false") {
	case "true":
		f.IncludeDisabled = true
	}
	if q.err != nil {
		badParam(w, r, q.err)
		return
	}
	if s.opt.Accounts == nil {
		s.accountError(w, r, errAccountsOff)
		return
	}
	us, err := s.opt.Accounts.ListUsers(r.Context(), f)
	if err != nil {
		internalError(w, r, err)
		return
	}
	out := List[UserView]{Items: []UserView{}}
	for _, u := range us {
		out.Items = append(out.Items, userOf(u))
	}
	writeJSON(w, r, http.StatusOK, out)
}

// POST /api/v1/users
func (s *Server) apiCreateUser(w http.ResponseWriter, r *http.Request) {
	var body UserInput
	if !readJSON(w, r, &body, `{"login": "…", "name": "…", "role": "manager", "centre_id": 1, "password": "…"}`) {
		return
	}
	if s.opt.Accounts == nil {
		s.accountError(w, r, errAccountsOff)
		return
	}
	u := auth.User{Login: body.Login, Name: body.Name, Role: auth.Role(body.Role), CentreID: body.CentreID, Employer: body.Employer}
	u, err := s.createUser(r, u, body.Password)
	if err != nil {
		s.accountError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(u.ID, 10))
	writeJSON(w, r, http.StatusCreated, userOf(u))
}

// POST /api/v1/users/{id}/disable
func (s *Server) apiDisableUser(w http.ResponseWriter, r *http.Request) { s.apiSetDisabled(w, r, true) }

// POST /api/v1/users/{id}/enable
func (s *Server) apiEnableUser(w http.ResponseWriter, r *http.Request) { s.apiSetDisabled(w, r, false) }

func (s *Server) apiSetDisabled(w http.ResponseWriter, r *http.Request, disable bool) {
	id, perr := pathID(r)
	if perr != nil {
		badParam(w, r, perr)
		return
	}
	if s.opt.Accounts == nil {
		s.accountError(w, r, errAccountsOff)
		return
	}
	u, err := s.setUserDisabled(r, id, disable)
	if errors.Is(err, kasip.ErrNotFound) {
		fail(w, r, http.StatusNotFound, "not found", apiT(r, "There is no user %d.", id))
		return
	}
	if err != nil {
		s.accountError(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, userOf(u))
}
