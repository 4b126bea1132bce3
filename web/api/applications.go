package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
)

// Applications in the API: the candidate applies, the employer confirms a
// referral, the centre's manager accepts or rejects and schedules, the
// assessors of the session record results and decide, the candidate may
// appeal and another assessor of the centre re-decides; the manager
// closes. Every step is a state change the store checks and audits; the
// handlers check who is asking about which application.

// ApplicationView is an application with what it waits for.
type ApplicationView struct {
	recognition.Application
	// Deadline is what the application waits for and by when; absent in
	// the states that wait for nothing with a deadline.
	Deadline *recognition.Deadline `json:"deadline,omitempty"`
}

// SessionInput plans an assessment session.
type SessionInput struct {
	At        time.Time `json:"at"`
	Online    bool      `json:"online"`
	Place     string    `json:"place"`
	Assessors []int64   `json:"assessors"`
}

// ResultInput saves one result. Version is the version the assessor
// started from: 0 for a new result, else the version read.
type ResultInput struct {
	Component string  `json:"component"`
	Unit      string  `json:"unit"`
	Score     float64 `json:"score"`
	Notes     string  `json:"notes"`
	Version   int64   `json:"version"`
}

// StaleResult is the 409 problem of a result saved from a stale version:
// who saved the current one, when, and its version.
type StaleResult struct {
	httpx.Problem
	CurrentVersion int64     `json:"current_version"`
	SavedBy        int64     `json:"saved_by_user_id"`
	SavedByName    string    `json:"saved_by"`
	SavedAt        time.Time `json:"saved_at"`
}

// HistoryEntry is an entry of an application's audit history.
type HistoryEntry struct {
	Seq     int64          `json:"seq"`
	At      time.Time      `json:"at"`
	ActorID int64          `json:"actor_user_id"`
	Actor   string         `json:"actor"`
	Action  string         `json:"action"`
	Data    map[string]any `json:"data,omitempty"`
}

func (s *Server) applicationView(a recognition.Application, set recognition.Settings) ApplicationView {
	v := ApplicationView{Application: a}
	if d, ok := a.Deadline(set); ok {
		v.Deadline = &d
	}
	return v
}

// GET /api/v1/applications
func (s *Server) apiListApplications(w http.ResponseWriter, r *http.Request) {
	rs, _, ok := s.recStart(w, r, "")
	if !ok {
		return
	}
	q := httpx.NewQuery(r)
	f, assigned := s.RecApplicationFilter(r, q)
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	list, total, err := s.RecListApplications(r, rs, f, assigned)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	out := httpx.Page[ApplicationView]{Items: make([]ApplicationView, 0, len(list)), Total: total, Limit: f.Limit, Offset: f.Offset}
	for _, a := range list {
		out.Items = append(out.Items, s.applicationView(a, set))
	}
	httpx.WriteJSON(w, r, http.StatusOK, out)
}

// POST /api/v1/applications (candidate)
func (s *Server) apiApply(w http.ResponseWriter, r *http.Request) {
	rs, _, ok := s.recStart(w, r, "")
	if !ok {
		return
	}
	var in service.ApplyInput
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	a, err := s.RecApply(r, rs, in)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/applications/"+service.RecItoa(a.ID))
	s.writeApplication(w, r, rs, a.ID, http.StatusCreated)
}

// writeApplication answers with the application and its dossier as
// stored now.
func (s *Server) writeApplication(w http.ResponseWriter, r *http.Request, rs recognition.Store, id int64, status int) {
	a, err := rs.GetApplication(r.Context(), id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, status, s.applicationView(a, set))
}

// GET /api/v1/applications/{id}
func (s *Server) apiGetApplication(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	if _, err := s.RecApplicationFor(r, rs, id); err != nil {
		s.RecProblem(w, r, err)
		return
	}
	s.writeApplication(w, r, rs, id, http.StatusOK)
}

// GET /api/v1/applications/{id}/history
func (s *Server) apiApplicationHistory(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	if _, err := s.RecApplicationFor(r, rs, id); err != nil {
		s.RecProblem(w, r, err)
		return
	}
	h, err := s.recHistory(r, rs, id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, List[HistoryEntry]{Items: h})
}

// recHistory is the audit log about the application, with the actors
// named.
func (s *Server) recHistory(r *http.Request, rs recognition.Store, id int64) ([]HistoryEntry, error) {
	es, err := rs.AuditEntries(r.Context(), service.RecApplicationSubject(id))
	if err != nil {
		return nil, err
	}
	names := s.RecNamer(r)
	out := make([]HistoryEntry, 0, len(es))
	for _, e := range es {
		h := HistoryEntry{Seq: e.Seq, At: e.At, ActorID: e.Actor, Actor: names.Name(e.Actor), Action: e.Action}
		if len(e.Data) > 0 {
			_ = json.Unmarshal(e.Data, &h.Data) // the log holds canonical JSON objects
		}
		out = append(out, h)
	}
	return out, nil
}

// apiAct runs an action with an optional JSON body and answers with what
// act returns (nil: the application as it is afterwards).
func (s *Server) apiAct(w http.ResponseWriter, r *http.Request, body any, x service.RecAct) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	if body != nil && !httpx.ReadLargeJSON(w, r, body) {
		return
	}
	a, err := s.RecApplicationFor(r, rs, id)
	if err == nil && !x.Allowed(session.Principal(r), a) {
		err = service.ErrRefused
	}
	var out any
	status := http.StatusOK
	if err == nil {
		out, status, err = x.Act(r, rs, a)
	}
	if err != nil {
		s.recActError(w, r, rs, id, body, err)
		return
	}
	if out == nil {
		s.writeApplication(w, r, rs, id, status)
		return
	}
	httpx.WriteJSON(w, r, status, out)
}

// recActError answers a failed action; a stale result says who saved the
// current one.
func (s *Server) recActError(w http.ResponseWriter, r *http.Request, rs recognition.Store, id int64, body any, err error) {
	if in, ok := body.(*ResultInput); ok && errors.Is(err, recognition.ErrStale) {
		if cur, found := s.RecCurrentResult(r, rs, id, in.Component, in.Unit); found {
			s.writeStale(w, r, err, cur)
			return
		}
	}
	s.RecProblem(w, r, err)
}

// writeStale writes the 409 of a stale result.
func (s *Server) writeStale(w http.ResponseWriter, r *http.Request, err error, cur recognition.Result) {
	lang := i18n.RequestLang(r)
	who := s.RecUserName(r.Context(), lang, cur.Assessor, service.RecSeesLogins(session.Principal(r)))
	p := StaleResult{
		Problem: httpx.Problem{Type: "about:blank", Title: i18n.Translate(lang, "changed by someone else"), Status: http.StatusConflict,
			Detail: fmt.Sprintf(i18n.Translate(lang, "%s saved this result (version %d) at %s; reload it and enter your change again."),
				who, cur.Version, cur.RecordedAt.UTC().Format(time.RFC3339)),
			Instance: r.URL.Path},
		CurrentVersion: cur.Version, SavedBy: cur.Assessor, SavedByName: who, SavedAt: cur.RecordedAt,
	}
	s.Log.Debug("stale result", "err", err)
	w.Header().Set("Content-Language", lang)
	w.Header().Set("Content-Type", "application/problem+json; charset=utf-8")
	w.WriteHeader(http.StatusConflict)
	_ = httpx.EncodeJSON(w, p)
}

// The rules of the actions.

// POST /api/v1/applications/{id}/confirm-referral (employer)
func (s *Server) apiConfirmReferral(w http.ResponseWriter, r *http.Request) {
	s.apiAct(w, r, nil, service.RecAct{Allowed: service.IsReferringEmployer,
		Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			_, err := rs.ConfirmReferral(r.Context(), service.RecActor(r), a.ID)
			return nil, http.StatusOK, err
		}})
}

// POST /api/v1/applications/{id}/accept (manager)
func (s *Server) apiAcceptApplication(w http.ResponseWriter, r *http.Request) {
	s.apiAct(w, r, nil, service.RecAct{Allowed: service.IsManagerOf, Act: service.Transition(recognition.StateAccepted, nil)})
}

// POST /api/v1/applications/{id}/reject (manager)
func (s *Server) apiRejectApplication(w http.ResponseWriter, r *http.Request) {
	var in ReasonInput
	s.apiAct(w, r, &in, service.RecAct{Allowed: service.IsManagerOf, Act: service.Transition(recognition.StateRejected, func() string { return in.Reason })})
}

// POST /api/v1/applications/{id}/assessed (assessor of the session)
func (s *Server) apiAssessedApplication(w http.ResponseWriter, r *http.Request) {
	s.apiAct(w, r, nil, service.RecAct{Allowed: service.IsAssessorOf, Act: service.Transition(recognition.StateAssessed, nil)})
}

// POST /api/v1/applications/{id}/close (manager, administrator)
func (s *Server) apiCloseApplication(w http.ResponseWriter, r *http.Request) {
	s.apiAct(w, r, nil, service.RecAct{Allowed: service.IsManagerOrAdmin, Act: service.Transition(recognition.StateClosed, nil)})
}

// POST /api/v1/applications/{id}/sessions (manager)
func (s *Server) apiScheduleSession(w http.ResponseWriter, r *http.Request) {
	var in SessionInput
	s.apiAct(w, r, &in, service.RecAct{Allowed: service.IsManagerOf,
		Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			sess, err := rs.ScheduleSession(r.Context(), service.RecActor(r), a.ID, recognition.Session{
				At: in.At, Online: in.Online, Place: in.Place, Assessors: in.Assessors})
			return sess, http.StatusCreated, err
		}})
}

// PUT /api/v1/applications/{id}/results (assessor of the session)
func (s *Server) apiRecordResult(w http.ResponseWriter, r *http.Request) {
	var in ResultInput
	s.apiAct(w, r, &in, service.RecAct{Allowed: service.IsAssessorOf,
		Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			res, err := rs.RecordResult(r.Context(), service.RecActor(r), a.ID, recognition.Result{
				Component: in.Component, Unit: in.Unit, Score: in.Score, Notes: in.Notes, Version: in.Version})
			return res, http.StatusOK, err
		}})
}

// GET /api/v1/applications/{id}/proposal (the centre's staff, administrator)
func (s *Server) apiProposal(w http.ResponseWriter, r *http.Request) {
	s.apiAct(w, r, nil, service.RecAct{Allowed: service.IsCentreStaffOrAdmin,
		Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			p, err := rs.ProposeDecision(r.Context(), a.ID)
			return p, http.StatusOK, err
		}})
}

// POST /api/v1/applications/{id}/decision (assessor of the session)
func (s *Server) apiDecide(w http.ResponseWriter, r *http.Request) {
	var in recognition.DecisionInput
	s.apiAct(w, r, &in, service.RecAct{Allowed: service.IsAssessorOf,
		Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			d, err := rs.Decide(r.Context(), service.RecActor(r), a.ID, in)
			return d, http.StatusCreated, err
		}})
}

// POST /api/v1/applications/{id}/appeal (the candidate)
func (s *Server) apiAppeal(w http.ResponseWriter, r *http.Request) {
	var in ReasonInput
	s.apiAct(w, r, &in, service.RecAct{Allowed: service.IsCandidateOf,
		Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			ap, err := rs.Appeal(r.Context(), service.RecActor(r), a.ID, in.Reason)
			return ap, http.StatusCreated, err
		}})
}

// POST /api/v1/applications/{id}/redecision (another assessor of the centre)
func (s *Server) apiRedecide(w http.ResponseWriter, r *http.Request) {
	var in recognition.DecisionInput
	s.apiAct(w, r, &in, service.RecAct{Allowed: service.IsAssessorOf,
		Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			d, err := rs.Redecide(r.Context(), service.RecActor(r), a.ID, in)
			return d, http.StatusCreated, err
		}})
}

// ---- evidence ----

// recAddEvidence stores an uploaded file for the application.
func (s *Server) recAddEvidence(w http.ResponseWriter, r *http.Request, rs recognition.Store, a recognition.Application) (recognition.Evidence, error) {
	up, err := s.RecReadUpload(w, r, rs)
	if err != nil {
		return recognition.Evidence{}, err
	}
	return rs.AddEvidence(r.Context(), service.RecActor(r), a.ID, up.Component, up.Unit, up.Name, up.ContentType, up.Data)
}

// POST /api/v1/applications/{id}/evidence (assessor of the session, the candidate)
func (s *Server) apiAddEvidence(w http.ResponseWriter, r *http.Request) {
	s.apiAct(w, r, nil, service.RecAct{Allowed: service.IsEvidenceUploader,
		Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			e, err := s.recAddEvidence(w, r, rs, a)
			return e, http.StatusCreated, err
		}})
}

// GET /api/v1/applications/{id}/evidence/{evidence}
func (s *Server) apiEvidenceFile(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	eid, perr := httpx.PathID(r, "evidence")
	if perr != nil {
		httpx.BadParam(w, r, perr)
		return
	}
	a, err := s.RecApplicationFor(r, rs, id)
	if err == nil && !service.SeesEvidence(session.Principal(r), a) {
		err = service.ErrHidden
	}
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	e, data, err := rs.EvidenceFile(r.Context(), eid)
	if err == nil && e.ApplicationID != id {
		err = service.ErrHidden
	}
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	s.WriteEvidence(w, e, data)
}
