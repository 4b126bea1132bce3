package service

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/session"
)

// The recognition of professional qualifications (package recognition) in
// the web server: the JSON API in recognition_api*.go, the pages in
// ui_recognition*.go, both on the helpers of this file.
//
// Who may do what is checked in two places. The route tables admit roles
// (a manager may accept applications at all); the handlers then check the
// object (this manager, this centre's application) with the rules below.
// A caller who may not know that an object exists — a candidate asking for
// another candidate's application, anyone asking for a draft programme of
// another centre — gets 404; a caller who may know it exists but may not
// touch it gets 403.

// errNoRecognition: the registry keeps no recognition data.
var ErrNoRecognition = errors.New("this registry does not keep recognition data")

// recStore returns the registry's recognition store.
func (s *Server) RecStore() (recognition.Store, error) {
	if s.Recognition == nil {
		return nil, ErrNoRecognition
	}
	return s.Recognition, nil
}

// recActor is the user id the store records as acting: 0 for the server's
// administrator token (the system).
func RecActor(r *http.Request) int64 { return session.Principal(r).UserID }

// recApplicationSubject is the audit subject of an application, as the
// recognition store writes it (the recognition.Store).
func RecApplicationSubject(id int64) string { return "application/" + strconv.FormatInt(id, 10) }

// ---- object-level rules ----

// recVisibility is how a caller stands to an object.
type RecVisibility int

const (
	RecHidden    RecVisibility = iota // may not know it exists: 404
	RecForbidden                      // may know it exists, may not see it: 403
	RecVisible
)

// applicationVisibility: administrators see every application; a
// candidate only their own; a manager or assessor those of their centre
// (another centre's are refused, not hidden: staff know applications
// exist); an employer only the referrals naming them.
func ApplicationVisibility(p auth.Principal, a recognition.Application) RecVisibility {
	switch {
	case p.Is(auth.RoleAdmin):
		return RecVisible
	case p.Is(auth.RoleCandidate):
		if p.CandidateID != 0 && a.CandidateID == p.CandidateID {
			return RecVisible
		}
	case p.Is(auth.RoleManager, auth.RoleAssessor):
		if p.InCentre(a.CentreID) {
			return RecVisible
		}
		return RecForbidden
	case p.Is(auth.RoleEmployer):
		if a.Route == recognition.RouteReferral && a.EmployerUserID == p.UserID {
			return RecVisible
		}
	}
	return RecHidden
}

// programmeVisibility: approved and retired programmes are public; drafts
// and submitted ones are seen by administrators and the centre's staff.
func ProgrammeVisibility(p auth.Principal, prog recognition.Programme) RecVisibility {
	switch {
	case prog.Status == recognition.ProgrammeApproved || prog.Status == recognition.ProgrammeRetired:
		return RecVisible
	case p.Is(auth.RoleAdmin) || p.InCentre(prog.CentreID):
		return RecVisible
	}
	return RecHidden
}

// isCentreManager reports whether p manages the centre.
func IsCentreManager(p auth.Principal, centre int64) bool {
	return p.Is(auth.RoleManager) && p.CentreID == centre && centre > 0
}

// isCentreAssessor reports whether p is an assessor account of the centre.
func isCentreAssessor(p auth.Principal, centre int64) bool {
	return p.Is(auth.RoleAssessor) && p.CentreID == centre && centre > 0
}

// errHidden and errRefused are what a handler returns when the object
// rules say no; recErrorStatus maps them to 404 and 403.
var (
	ErrHidden  = fmt.Errorf("no such object: %w", kasip.ErrNotFound)
	ErrRefused = fmt.Errorf("not allowed for this account: %w", recognition.ErrForbidden)
)

// check turns a visibility into nil or the error to answer with.
func (v RecVisibility) check() error {
	switch v {
	case RecVisible:
		return nil
	case RecForbidden:
		return ErrRefused
	}
	return ErrHidden
}

// ---- errors ----

// recErrorStatus maps an error of the recognition store to an HTTP status
// and a problem title (a message key).
func RecErrorStatus(err error) (int, string) {
	switch {
	case errors.Is(err, ErrNoRecognition):
		return http.StatusNotImplemented, "recognition is not available"
	case errors.Is(err, ErrNoWorkforce):
		return http.StatusNotImplemented, "organisations are not available"
	case errors.Is(err, ErrEvidenceTooLarge):
		return http.StatusRequestEntityTooLarge, "request body too large"
	case errors.Is(err, kasip.ErrNotFound):
		return http.StatusNotFound, "not found"
	case errors.Is(err, recognition.ErrNotAccredited):
		return http.StatusForbidden, "outside the centre's accreditation"
	case errors.Is(err, recognition.ErrForbidden):
		return http.StatusForbidden, "Access denied"
	case errors.Is(err, recognition.ErrStale):
		return http.StatusConflict, "changed by someone else"
	case errors.Is(err, recognition.ErrDeadline):
		return http.StatusConflict, "deadline passed"
	case errors.Is(err, recognition.ErrIllegalTransition):
		return http.StatusConflict, "not possible in the current state"
	case errors.Is(err, recognition.ErrConflict):
		return http.StatusConflict, "conflict"
	case errors.Is(err, kasip.ErrInvalid), errors.Is(err, auth.ErrInvalid):
		return http.StatusUnprocessableEntity, "invalid request"
	}
	return 0, ""
}

// recProblem answers err as a problem: the store's kinds of error become
// 404, 403, 409 and 422; anything else is a logged 500.
func (s *Server) RecProblem(w http.ResponseWriter, r *http.Request, err error) {
	status, title := RecErrorStatus(err)
	if status == 0 {
		httpx.RegistryError(w, r, err, "", http.StatusUnprocessableEntity)
		return
	}
	detail := i18n.RecDetailText(i18n.RequestLang(r), err)
	switch {
	case errors.Is(err, ErrRefused):
		detail = i18n.APIT(r, "Your role does not allow this.")
	case errors.Is(err, ErrHidden):
		detail = i18n.APIT(r, "There is no such object, or it is not visible to you.")
	}
	httpx.Fail(w, r, status, title, detail)
}

// ---- request bodies ----

// recDay parses an ISO date (YYYY-MM-DD) as midnight UTC; "" is zero.
func recDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date as YYYY-MM-DD: %w", s, kasip.ErrInvalid)
	}
	return t, nil
}

// recDate formats a day as YYYY-MM-DD, "" for the zero time.
func recDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return recognition.Date(t)
}

// ---- what several handlers load ----

// recApplicationFor loads an application the caller may see, with its
// dossier.
func (s *Server) RecApplicationFor(r *http.Request, rs recognition.Store, id int64) (recognition.Application, error) {
	a, err := rs.GetApplication(r.Context(), id)
	if err != nil {
		return a, err
	}
	if err := ApplicationVisibility(session.Principal(r), a).check(); err != nil {
		return recognition.Application{}, fmt.Errorf("application %d: %w", id, err)
	}
	return a, nil
}

// recProgrammeFor loads a programme the caller may see.
func (s *Server) RecProgrammeFor(r *http.Request, rs recognition.Store, id int64) (recognition.Programme, error) {
	p, err := rs.GetProgramme(r.Context(), id)
	if err != nil {
		return p, err
	}
	if err := ProgrammeVisibility(session.Principal(r), p).check(); err != nil {
		return recognition.Programme{}, fmt.Errorf("programme %d: %w", id, err)
	}
	return p, nil
}

// recUserName names a user for the pages and messages: the account's
// display name, with its login (often an e-mail address) when withLogin —
// for staff and administrators, not for candidates and employers, who
// have no business with the staff's addresses; "the system" for 0, "#id"
// when unknown.
func (s *Server) RecUserName(ctx context.Context, lang string, id int64, withLogin bool) string {
	if id == 0 {
		return i18n.Translate(lang, "the system")
	}
	if s.Accounts != nil {
		if u, err := s.Accounts.UserByID(ctx, id); err == nil {
			if withLogin {
				return u.Name + " (" + u.Login + ")"
			}
			return u.Name
		}
	}
	return "#" + strconv.FormatInt(id, 10)
}

// recNames resolves user ids to names once per request.
type RecNames struct {
	s         *Server
	ctx       context.Context
	lang      string
	withLogin bool
	seen      map[int64]string
}

func (s *Server) RecNamer(r *http.Request) *RecNames {
	return &RecNames{s: s, ctx: r.Context(), lang: i18n.RequestLang(r), withLogin: RecSeesLogins(session.Principal(r)), seen: map[int64]string{}}
}

// recSeesLogins: administrators and centre staff see who is who by login.
func RecSeesLogins(p auth.Principal) bool {
	return p.Is(auth.RoleAdmin, auth.RoleManager, auth.RoleAssessor)
}

func (n *RecNames) Name(id int64) string {
	if v, ok := n.seen[id]; ok {
		return v
	}
	v := n.s.RecUserName(n.ctx, n.lang, id, n.withLogin)
	n.seen[id] = v
	return v
}

func RecItoa(n int64) string { return strconv.FormatInt(n, 10) }

// recErr is an error with its message and its kind (kasip.ErrInvalid, …).
// recErr is a refusal of the web layer (a form or body it cannot read),
// keyed like the store's (recognition.Messages) so that it is said in the
// reader's language.
func RecErr(kind error, key string, args ...string) error {
	return recognition.NewError(kind, key, args...)
}
