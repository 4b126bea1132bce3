package service

import (
	"errors"
	"net/http"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
)

// errAlreadyRegistered: the account has its candidate record.
var errAlreadyRegistered = RecErr(recognition.ErrConflict, "candidate.account_registered")

// errNotRegistered: a candidate account without a candidate record yet.
var errNotRegistered = RecErr(recognition.ErrConflict, "candidate.not_registered")

// recEmployerAccount finds the employer account a referral names by its
// login.
func (s *Server) recEmployerAccount(r *http.Request, rs recognition.Store, login string) (auth.User, error) {
	login = strings.TrimSpace(login)
	if login == "" {
		return auth.User{}, RecErr(kasip.ErrInvalid, "application.employer_login")
	}
	u, err := rs.UserByLogin(r.Context(), login)
	if errors.Is(err, kasip.ErrNotFound) || (err == nil && (u.Role != auth.RoleEmployer || u.Disabled)) {
		return auth.User{}, RecErr(kasip.ErrInvalid, "application.no_employer", "login", login)
	}
	return u, err
}
