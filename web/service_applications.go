package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
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
}

// recApplicationFilter reads the list filters and narrows them to what the
// caller may list.
func (s *Server) recApplicationFilter(r *http.Request, q *apiQuery) (recognition.ApplicationFilter, bool) {
	f := recognition.ApplicationFilter{
		State:       q.oneOf("state", recognition.States()...),
		CentreID:    int64(q.intRange("centre", 0, 1, 1<<31-1)),
		CandidateID: int64(q.intRange("candidate", 0, 1, 1<<31-1)),
	}
	f.Limit, f.Offset = q.page()
	assigned := q.oneOf("assigned", "true", "false") == "true"
	p := principal(r)
	switch {
	case p.Is(auth.RoleManager, auth.RoleAssessor):
		if f.CentreID != 0 && f.CentreID != p.CentreID && q.err == nil {
			q.fail("centre", "must be your own centre")
		}
		f.CentreID = p.CentreID
	case p.Is(auth.RoleCandidate):
		if f.CandidateID != 0 && f.CandidateID != p.CandidateID && q.err == nil {
			q.fail("candidate", "must be yourself")
		}
		f.CandidateID = p.CandidateID
	}
	return f, assigned
}

// recListApplications lists what the caller may see under f: an
// employer's referrals, an assessor's assigned applications (assigned), a
// candidate's own (none before registering), a centre's, or any.
func (s *Server) recListApplications(r *http.Request, rs RecognitionStore, f recognition.ApplicationFilter, assigned bool) ([]recognition.Application, int, error) {
	p := principal(r)
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
func (s *Server) recApply(r *http.Request, rs RecognitionStore, in ApplyInput) (recognition.Application, error) {
	p := principal(r)
	if !p.Is(auth.RoleCandidate) {
		return recognition.Application{}, errRefused
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
	return rs.Apply(r.Context(), recActor(r), a)
}

// recAct is an action on an application: the caller must see it (else 404
// or 403) and pass allowed (else 403); then act runs.
type recAct struct {
	allowed func(p auth.Principal, a recognition.Application) bool
	act     func(r *http.Request, rs RecognitionStore, a recognition.Application) (any, int, error)
}

// recCurrentResult reads the stored result of component and unit.
func (s *Server) recCurrentResult(r *http.Request, rs RecognitionStore, id int64, component, unit string) (recognition.Result, bool) {
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

func isReferringEmployer(p auth.Principal, a recognition.Application) bool {
	return p.Is(auth.RoleEmployer) && a.EmployerUserID == p.UserID
}

func isManagerOf(p auth.Principal, a recognition.Application) bool {
	return isCentreManager(p, a.CentreID)
}

func isAssessorOf(p auth.Principal, a recognition.Application) bool {
	return isCentreAssessor(p, a.CentreID)
}

func isCandidateOf(p auth.Principal, a recognition.Application) bool {
	return p.Is(auth.RoleCandidate) && p.CandidateID != 0 && p.CandidateID == a.CandidateID
}

func isManagerOrAdmin(p auth.Principal, a recognition.Application) bool {
	return p.Is(auth.RoleAdmin) || isManagerOf(p, a)
}

// transition is the action that moves the application to state to.
func transition(to string, reason func() string) func(r *http.Request, rs RecognitionStore, a recognition.Application) (any, int, error) {
	return func(r *http.Request, rs RecognitionStore, a recognition.Application) (any, int, error) {
		why := ""
		if reason != nil {
			why = reason()
		}
		_, err := rs.TransitionApplication(r.Context(), recActor(r), a.ID, to, why)
		return nil, http.StatusOK, err
	}
}

// recEvidenceUpload is an evidence file as read from a multipart body.
type recEvidenceUpload struct {
	Component, Unit, Name, ContentType string
	Data                               []byte
	State                              string // the state a page's form was shown in
}

// errEvidenceTooLarge: the file is over the settings' limit.
var errEvidenceTooLarge = errors.New("evidence file too large")

// isEvidenceUploader: the assessors of the centre (the store checks the
// session), and the candidate, for a portfolio.
func isEvidenceUploader(p auth.Principal, a recognition.Application) bool {
	return isAssessorOf(p, a) || isCandidateOf(p, a)
}

// recReadUpload reads an evidence upload within the settings' size limit.
func (s *Server) recReadUpload(w http.ResponseWriter, r *http.Request, rs RecognitionStore) (recEvidenceUpload, error) {
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		return recEvidenceUpload{}, err
	}
	// The multipart overhead (boundaries, headers, the small fields) is
	// far below 64 KiB.
	r.Body = http.MaxBytesReader(w, r.Body, set.EvidenceMaxBytes+64<<10)
	up, err := recReadEvidence(r, set.EvidenceMaxBytes)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = errEvidenceTooLarge
	}
	return up, err
}

// seesEvidence: the files are the candidate's and the assessment's, for
// the candidate, the centre's staff and administrators; a referring
// employer follows the application but does not get the files.
func seesEvidence(p auth.Principal, a recognition.Application) bool {
	return isCandidateOf(p, a) || isCentreStaffOrAdmin(p, a)
}

// writeEvidence sends an evidence file as an attachment: never rendered
// inline, so that an uploaded HTML or SVG cannot run in the site's origin.
func (s *Server) writeEvidence(w http.ResponseWriter, e recognition.Evidence, data []byte) {
	h := w.Header()
	h.Set("Content-Type", e.ContentType)
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(e.Name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	h.Set("ETag", `"`+e.SHA256+`"`)
	h.Set("Content-Length", fmt.Sprint(len(data)))
	_, _ = w.Write(data)
}
