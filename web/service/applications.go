package service

import (
	"errors"
	"net/http"
	"strings"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/workforce"

	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/session"
)

// ApplyInput is a candidate's application. Route referral names the
// employer's account by its login; route voucher one of the candidate's
// vouchers.
type ApplyInput struct {
	ProgrammeID   int64  `json:"programme_id"`
	Route         string `json:"route"`
	EmployerLogin string `json:"employer_login,omitempty"`
	EmployerName  string `json:"employer_name,omitempty"`
	EmployerBIN   string `json:"employer_bin,omitempty"`
	VoucherID     int64  `json:"voucher_id,omitempty"`
	// PlanAction is the recognition action of the candidate's development
	// plan the application is filed from: it is linked to it.
	PlanAction int64 `json:"plan_action_id,omitempty"`
}

// recApplicationFilter reads the list filters and narrows them to what the
// caller may list.
func (s *Server) RecApplicationFilter(r *http.Request, q *httpx.Query) (recognition.ApplicationFilter, bool) {
	f := recognition.ApplicationFilter{
		State:       q.OneOf("state", recognition.States()...),
		CentreID:    int64(q.IntRange("centre", 0, 1, 1<<31-1)),
		CandidateID: int64(q.IntRange("candidate", 0, 1, 1<<31-1)),
	}
	f.Limit, f.Offset = q.Page()
	assigned := q.OneOf("assigned", "true", "false") == "true"
	p := session.Principal(r)
	switch {
	case p.Is(auth.RoleManager, auth.RoleAssessor):
		if f.CentreID != 0 && f.CentreID != p.CentreID && q.Err == nil {
			q.Fail("centre", "must be your own centre")
		}
		f.CentreID = p.CentreID
	case p.Is(auth.RoleCandidate):
		if f.CandidateID != 0 && f.CandidateID != p.CandidateID && q.Err == nil {
			q.Fail("candidate", "must be yourself")
		}
		f.CandidateID = p.CandidateID
	}
	return f, assigned
}

// recListApplications lists what the caller may see under f: an
// employer's referrals, an assessor's assigned applications (assigned), a
// candidate's own (none before registering), a centre's, or any.
func (s *Server) RecListApplications(r *http.Request, rs recognition.Store, f recognition.ApplicationFilter, assigned bool) ([]recognition.Application, int, error) {
	p := session.Principal(r)
	switch {
	case p.Is(auth.RoleEmployer):
		return rs.ListReferrals(r.Context(), p.UserID, f)
	case p.Is(auth.RoleCandidate) && f.CandidateID == 0:
		return []recognition.Application{}, 0, nil
	case assigned && p.Is(auth.RoleAssessor):
		all, err := rs.AssessorApplications(r.Context(), p.CentreID, p.UserID)
		if err != nil {
			return nil, 0, err
		}
		var out []recognition.Application
		for _, a := range all {
			if f.State == "" || a.State == f.State {
				out = append(out, a)
			}
		}
		total := len(out)
		lo := min(f.Offset, total)
		hi := min(lo+f.Limit, total)
		if f.Limit == 0 {
			hi = total
		}
		return out[lo:hi], total, nil
	}
	return rs.ListApplications(r.Context(), f)
}

// recApply files the calling candidate's application.
func (s *Server) RecApply(r *http.Request, rs recognition.Store, in ApplyInput) (recognition.Application, error) {
	p := session.Principal(r)
	if !p.Is(auth.RoleCandidate) {
		return recognition.Application{}, ErrRefused
	}
	if p.CandidateID == 0 {
		return recognition.Application{}, errNotRegistered
	}
	a := recognition.Application{CandidateID: p.CandidateID, ProgrammeID: in.ProgrammeID, Route: strings.TrimSpace(in.Route),
		EmployerName: in.EmployerName, EmployerBIN: in.EmployerBIN, VoucherID: in.VoucherID}
	if a.Route == recognition.RouteReferral {
		u, err := s.recEmployerAccount(r, rs, in.EmployerLogin)
		if err != nil {
			return a, err
		}
		a.EmployerUserID = u.ID
		if strings.TrimSpace(a.EmployerName) == "" {
			a.EmployerName = u.Employer
		}
	}
	if in.PlanAction != 0 {
		if err := s.checkPlanAction(r, in.PlanAction, in.ProgrammeID); err != nil {
			return a, err
		}
	}
	a, err := rs.Apply(r.Context(), RecActor(r), a)
	if err != nil || in.PlanAction == 0 {
		return a, err
	}
	// The application stands even if the link fails: it is the
	// candidate's, and the plan can be linked again.
	if _, lerr := s.Workforce.LinkApplication(r.Context(), RecActor(r), in.PlanAction, a.ID); lerr != nil {
		s.Log.Warn("linking an application to its plan action", "application", a.ID, "action", in.PlanAction, "err", lerr)
	}
	return a, nil
}

// checkPlanAction: the caller's own recognition action for programme.
func (s *Server) checkPlanAction(r *http.Request, actionID, programme int64) error {
	if s.Workforce == nil {
		return ErrNoWorkforce
	}
	act, err := s.Workforce.GetAction(r.Context(), actionID)
	if err != nil {
		return err
	}
	e, err := s.Workforce.GetEmployee(r.Context(), act.EmployeeID)
	if err != nil {
		return err
	}
	if e.UserID != session.Principal(r).UserID {
		return ErrHidden
	}
	if act.Kind != workforce.ActionRecognition || act.ProgrammeID != programme || act.ApplicationID != 0 {
		return workforce.Refuse(workforce.ErrConflict, "workforce.application_mismatch")
	}
	return nil
}

// recAct is an action on an application: the caller must see it (else 404
// or 403) and pass allowed (else 403); then act runs.
type RecAct struct {
	Allowed func(p auth.Principal, a recognition.Application) bool
	Act     func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error)
}

// recCurrentResult reads the stored result of component and unit.
func (s *Server) RecCurrentResult(r *http.Request, rs recognition.Store, id int64, component, unit string) (recognition.Result, bool) {
	a, err := rs.GetApplication(r.Context(), id)
	if err != nil {
		return recognition.Result{}, false
	}
	for _, res := range a.Results {
		if res.Component == component && res.Unit == unit {
			return res, true
		}
	}
	return recognition.Result{}, false
}

func IsReferringEmployer(p auth.Principal, a recognition.Application) bool {
	return p.Is(auth.RoleEmployer) && a.EmployerUserID == p.UserID
}

func IsManagerOf(p auth.Principal, a recognition.Application) bool {
	return IsCentreManager(p, a.CentreID)
}

func IsAssessorOf(p auth.Principal, a recognition.Application) bool {
	return isCentreAssessor(p, a.CentreID)
}

func IsCandidateOf(p auth.Principal, a recognition.Application) bool {
	return p.Is(auth.RoleCandidate) && p.CandidateID != 0 && p.CandidateID == a.CandidateID
}

func IsManagerOrAdmin(p auth.Principal, a recognition.Application) bool {
	return p.Is(auth.RoleAdmin) || IsManagerOf(p, a)
}

// transition is the action that moves the application to state to.
func Transition(to string, reason func() string) func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
	return func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
		why := ""
		if reason != nil {
			why = reason()
		}
		_, err := rs.TransitionApplication(r.Context(), RecActor(r), a.ID, to, why)
		return nil, http.StatusOK, err
	}
}

// errEvidenceTooLarge: the file is over the settings' limit.
var ErrEvidenceTooLarge = errors.New("evidence file too large")

func IsCentreStaffOrAdmin(p auth.Principal, a recognition.Application) bool {
	return p.Is(auth.RoleAdmin) || p.InCentre(a.CentreID)
}
