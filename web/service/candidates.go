package service

import (
	"errors"
	"net/http"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"

	"github.com/kasip/kasip/web/session"
)

// CandidateInput registers a candidate.
type CandidateInput struct {
	Name      string               `json:"name"`
	IIN       string               `json:"iin"`
	BirthDate string               `json:"birth_date"` // YYYY-MM-DD
	Contacts  recognition.Contacts `json:"contacts"`
	// Consent to the processing of personal data: required; recorded as
	// given at the time of the request.
	Consent bool `json:"consent"`
}

// CandidateView is a candidate record.
type CandidateView struct {
	ID        int64                `json:"id"`
	Name      string               `json:"name"`
	IIN       string               `json:"iin"`
	BirthDate string               `json:"birth_date"`
	Sex       string               `json:"sex"`
	Contacts  recognition.Contacts `json:"contacts"`
	ConsentAt string               `json:"consent_at"`
	UserID    int64                `json:"user_id,omitempty"`
}

func NewCandidateView(c recognition.Candidate) CandidateView {
	return CandidateView{ID: c.ID, Name: c.Name, IIN: c.IIN, BirthDate: recDate(c.BirthDate), Sex: c.Sex,
		Contacts: c.Contacts, ConsentAt: c.ConsentAt.UTC().Format("2006-01-02T15:04:05Z"), UserID: c.UserID}
}

// recRegisterCandidate creates the caller's candidate record and links it
// to their account. A record with the same IIN that already belongs to
// this account (a registration interrupted before the link) is linked
// rather than refused.
func (s *Server) RecRegisterCandidate(r *http.Request, rs recognition.Store, in CandidateInput) (recognition.Candidate, error) {
	p := session.Principal(r)
	if !p.Is(auth.RoleCandidate) || p.UserID == 0 {
		return recognition.Candidate{}, ErrRefused
	}
	if p.CandidateID != 0 {
		return recognition.Candidate{}, errAlreadyRegistered
	}
	birth, err := recDay(in.BirthDate)
	if err != nil {
		return recognition.Candidate{}, err
	}
	c := recognition.Candidate{Name: strings.TrimSpace(in.Name), IIN: strings.TrimSpace(in.IIN), BirthDate: birth,
		Contacts: in.Contacts, UserID: p.UserID}
	if in.Consent {
		c.ConsentAt = s.Opt.Now().UTC()
	}
	created, err := rs.CreateCandidate(r.Context(), p.UserID, c)
	if errors.Is(err, recognition.ErrConflict) {
		if prev, err2 := rs.CandidateByIIN(r.Context(), c.IIN); err2 == nil && prev.UserID == p.UserID {
			created, err = prev, nil
		}
	}
	if err != nil {
		return created, err
	}
	if err := rs.LinkCandidate(r.Context(), p.UserID, p.UserID, created.ID, s.Opt.Now()); err != nil {
		return created, err
	}
	created.UserID = p.UserID
	return created, nil
}

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
