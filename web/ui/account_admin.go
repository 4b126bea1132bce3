package ui

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui/page"
)

// The administrator's page of users: the list with a role filter, a form
// for a new account, and disabling or enabling one.

type uiUsersData struct {
	page.UIBase
	Role        string          // the role filter, "" for all
	RoleFilter  []page.UIOption // for the filter
	RoleChoice  []page.UIOption // for the new user form
	Users       []uiUserRow
	Form        uiUserForm // what was typed, when creating failed
	FieldErrors map[string]string
	Error       string
	Notice      string
	MinPassword int
}

type uiUserRow struct {
	auth.User
	RoleName string
	Self     bool // the administrator looking: no disable button
}

// uiUserForm is the new-user form as typed (never the password).
type uiUserForm struct {
	Login, Name, Role, CentreID, Employer string
}

// usersNotices are the messages of ?done= after a redirect.
var usersNotices = map[string]string{
	"created":  "The user has been created.",
	"disabled": "The user has been disabled: their sessions have ended and their API tokens are revoked.",
	"enabled":  "The user has been enabled.",
}

// usersData builds the page with the list the role filter selects.
func (s *Server) usersData(r *http.Request, role string) (*uiUsersData, error) {
	lang := i18n.RequestLang(r)
	query := url.Values{}
	if role != "" {
		query.Set("role", role)
	}
	d := &uiUsersData{
		UIBase: s.UIBaseAt(r, i18n.Translate(lang, "Users"), "/admin/users", query),
		Role:   role, FieldErrors: map[string]string{}, MinPassword: auth.MinPasswordLen,
	}
	d.Nav = "users"
	d.Form.Role = string(auth.RoleCandidate)
	for _, ro := range auth.Roles() {
		label := i18n.Translate(lang, session.RoleName(ro))
		d.RoleFilter = append(d.RoleFilter, page.UIOption{Value: string(ro), Label: label, Selected: string(ro) == role})
		d.RoleChoice = append(d.RoleChoice, page.UIOption{Value: string(ro), Label: label})
	}
	if s.Accounts == nil {
		d.Error = i18n.Translate(lang, "Sign-in is not available on this server.")
		return d, nil
	}
	us, err := s.Accounts.ListUsers(r.Context(), auth.UserFilter{Role: auth.Role(role), IncludeDisabled: true})
	if err != nil {
		return nil, err
	}
	me := session.Principal(r).UserID
	for _, u := range us {
		d.Users = append(d.Users, uiUserRow{User: u, RoleName: session.RoleName(u.Role), Self: u.ID == me})
	}
	return d, nil
}

// selectRoles marks the form's role in the choice list.
func (d *uiUsersData) selectRoles() {
	for i := range d.RoleChoice {
		d.RoleChoice[i].Selected = d.RoleChoice[i].Value == d.Form.Role
	}
}

// GET /admin/users
func (s *Server) uiUsers(w http.ResponseWriter, r *http.Request) error {
	q := s.uiQuery(r)
	role := q.OneOf("role", session.RoleNames()...)
	if err := q.err(); err != nil {
		return err
	}
	d, err := s.usersData(r, role)
	if err != nil {
		return err
	}
	if k, ok := usersNotices[r.URL.Query().Get("done")]; ok {
		d.Notice = i18n.Translate(i18n.RequestLang(r), k)
	}
	d.selectRoles()
	return s.UIRender(w, r, http.StatusOK, "admin_users", d)
}

// POST /admin/users
func (s *Server) uiCreateUser(w http.ResponseWriter, r *http.Request) error {
	if err := page.UIReadForm(w, r); err != nil {
		return err
	}
	f := uiUserForm{
		Login: r.PostFormValue("login"), Name: r.PostFormValue("name"), Role: r.PostFormValue("role"),
		CentreID: strings.TrimSpace(r.PostFormValue("centre_id")), Employer: r.PostFormValue("employer"),
	}
	u, fe := f.user()
	if fe == nil && s.Accounts == nil {
		fe = &session.FieldError{Key: "Sign-in is not available on this server."}
	}
	if fe == nil {
		var err error
		if _, err = s.CreateUser(r, u, r.PostFormValue("password")); err == nil {
			http.Redirect(w, r, "/admin/users?done=created", http.StatusSeeOther)
			return nil
		}
		if !errors.As(err, &fe) {
			return err
		}
	}
	d, err := s.usersData(r, "")
	if err != nil {
		return err
	}
	d.Form = f.clipped()
	d.selectRoles()
	if fe.Field == "" {
		d.Error = fe.Message(i18n.RequestLang(r))
	} else {
		d.FieldErrors[fe.Field] = fe.Message(i18n.RequestLang(r))
	}
	return s.UIRender(w, r, http.StatusUnprocessableEntity, "admin_users", d)
}

// user reads the form into a user. The form has every field for every
// role; those the chosen role does not use are ignored rather than
// refused, since the browser sends them all.
func (f uiUserForm) user() (auth.User, *session.FieldError) {
	u := auth.User{Login: f.Login, Name: f.Name, Role: auth.Role(f.Role)}
	if u.Role.BelongsToCentre() && f.CentreID != "" {
		id, err := strconv.ParseInt(f.CentreID, 10, 64)
		if err != nil || id <= 0 {
			return u, &session.FieldError{Field: "centre_id", Key: "A manager or assessor needs the number of their recognition centre."}
		}
		u.CentreID = id
	}
	if u.Role == auth.RoleEmployer {
		u.Employer = f.Employer
	}
	return u, nil
}

// clipped bounds what is typed back into the form.
func (f uiUserForm) clipped() uiUserForm {
	const n = 1024
	return uiUserForm{httpx.ClipKey(f.Login, n), httpx.ClipKey(f.Name, n), httpx.ClipKey(f.Role, 32), httpx.ClipKey(f.CentreID, 32), httpx.ClipKey(f.Employer, n)}
}

// POST /admin/users/{id}/disable
func (s *Server) uiDisableUser(w http.ResponseWriter, r *http.Request) error {
	return s.uiSetDisabled(w, r, true)
}

// POST /admin/users/{id}/enable
func (s *Server) uiEnableUser(w http.ResponseWriter, r *http.Request) error {
	return s.uiSetDisabled(w, r, false)
}

// uiSetDisabled disables or enables a user and goes back to the list
// with the role filter it was showing.
func (s *Server) uiSetDisabled(w http.ResponseWriter, r *http.Request, disable bool) error {
	lang := i18n.RequestLang(r)
	if err := page.UIReadForm(w, r); err != nil {
		return err
	}
	id, perr := httpx.PathID(r, "id")
	if perr != nil || s.Accounts == nil {
		return httpx.UINotFound(i18n.Translate(lang, "There is no such user."))
	}
	_, err := s.SetUserDisabled(r, id, disable)
	switch {
	case errors.Is(err, kasip.ErrNotFound):
		return httpx.UINotFound(i18n.Translate(lang, "There is no such user."))
	case errors.Is(err, session.ErrSelf):
		return &httpx.UIError{Status: http.StatusConflict, Title: "Bad request", Detail: i18n.Translate(lang, "You cannot disable your own account.")}
	case err != nil:
		return err
	}
	q := url.Values{"done": {"enabled"}}
	if disable {
		q.Set("done", "disabled")
	}
	if role := r.PostFormValue("role"); auth.Role(role).Valid() {
		q.Set("role", role)
	}
	http.Redirect(w, r, "/admin/users?"+q.Encode(), http.StatusSeeOther)
	return nil
}
