package api

import (
	"context"
	"net/http"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
)

// Qualification programmes in the API. A centre's manager builds a
// programme as a draft, fills its bank of questions and tasks until the
// coverage report shows no gap, and submits it; an administrator other
// than the author approves it or returns it. Approved programmes are
// public, except for their bank: exam questions and their answers are
// shown only to the centre's staff and administrators.

// ProgrammeView is a programme as the API shows it; Questions and Tasks
// are left out for those who may not see the bank (the counts stay).
type ProgrammeView struct {
	recognition.Programme
	Questions     []recognition.Question `json:"questions,omitempty"`
	Tasks         []recognition.Task     `json:"tasks,omitempty"`
	QuestionCount int                    `json:"question_count"`
	TaskCount     int                    `json:"task_count"`
}

// ProgrammeUpdate replaces what a draft may change.
type ProgrammeUpdate struct {
	Title      kasip.Text              `json:"title"`
	Level      int                     `json:"level"`
	Whole      bool                    `json:"whole"`
	Units      []string                `json:"units"`
	Components []recognition.Component `json:"components"`
}

// ReasonInput gives the reason of a change.
type ReasonInput struct {
	Reason string `json:"reason"`
}

// programmeView builds the view; bank includes the questions and tasks.
func programmeView(p recognition.Programme, bank bool) ProgrammeView {
	p.Units, p.Components = httpx.NonNilSlice(p.Units), httpx.NonNilSlice(p.Components)
	v := ProgrammeView{Programme: p, QuestionCount: len(p.Questions), TaskCount: len(p.Tasks)}
	if bank {
		v.Questions, v.Tasks = httpx.NonNilSlice(p.Questions), httpx.NonNilSlice(p.Tasks)
	}
	return v
}

// GET /api/v1/programmes
func (s *Server) apiListProgrammes(w http.ResponseWriter, r *http.Request) {
	rs, _, ok := s.recStart(w, r, "")
	if !ok {
		return
	}
	q := httpx.NewQuery(r)
	f := recognition.ProgrammeFilter{
		CentreID:     int64(q.IntRange("centre", 0, 1, 1<<31-1)),
		Status:       q.OneOf("status", recognition.ProgrammeDraft, recognition.ProgrammeSubmitted, recognition.ProgrammeApproved, recognition.ProgrammeRetired),
		StandardCode: q.Str("standard"),
	}
	card := q.IntRange("card", -1, 0, 1000)
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	list, err := rs.ListProgrammes(r.Context(), f)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	p := session.Principal(r)
	out := List[ProgrammeView]{Items: []ProgrammeView{}}
	for _, prog := range list {
		if service.ProgrammeVisibility(p, prog) != service.RecVisible || (card >= 0 && prog.Card != card) {
			continue
		}
		out.Items = append(out.Items, programmeView(prog, false))
	}
	httpx.WriteJSON(w, r, http.StatusOK, out)
}

// GET /api/v1/programmes/{id}
func (s *Server) apiGetProgramme(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	prog, err := s.RecProgrammeFor(r, rs, id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, programmeView(prog, service.SeesBank(session.Principal(r), prog)))
}

// writeProgramme answers with programme id as stored now.
func (s *Server) writeProgramme(w http.ResponseWriter, r *http.Request, rs recognition.Store, id int64, status int) {
	prog, err := rs.GetProgramme(r.Context(), id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, status, programmeView(prog, service.SeesBank(session.Principal(r), prog)))
}

// POST /api/v1/programmes (manager)
func (s *Server) apiCreateProgramme(w http.ResponseWriter, r *http.Request) {
	rs, _, ok := s.recStart(w, r, "")
	if !ok {
		return
	}
	var in service.ProgrammeInput
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	prog, err := s.RecCreateProgramme(r, rs, in)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/programmes/"+service.RecItoa(prog.ID))
	httpx.WriteJSON(w, r, http.StatusCreated, programmeView(prog, true))
}

// recManagedProgramme loads a programme the caller manages: its centre's
// manager. Others who may see it are refused; the rest do not find it.
func (s *Server) recManagedProgramme(r *http.Request, rs recognition.Store, id int64) (recognition.Programme, error) {
	prog, err := s.RecProgrammeFor(r, rs, id)
	if err != nil {
		return prog, err
	}
	if !service.IsCentreManager(session.Principal(r), prog.CentreID) {
		return prog, service.ErrRefused
	}
	return prog, nil
}

// apiProgrammeChange runs change on a programme the caller manages and
// answers with the programme as it is afterwards.
func (s *Server) apiProgrammeChange(w http.ResponseWriter, r *http.Request, body any,
	change func(rs recognition.Store, prog recognition.Programme) (int64, error), status int) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	if body != nil && !httpx.ReadLargeJSON(w, r, body) {
		return
	}
	prog, err := s.recManagedProgramme(r, rs, id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	next, err := change(rs, prog)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	s.writeProgramme(w, r, rs, next, status)
}

// PUT /api/v1/programmes/{id} (manager)
func (s *Server) apiUpdateProgramme(w http.ResponseWriter, r *http.Request) {
	var in ProgrammeUpdate
	s.apiProgrammeChange(w, r, &in, func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		_, err := rs.UpdateProgrammeDraft(r.Context(), service.RecActor(r), prog.ID, recognition.Programme{
			Title: in.Title, Level: in.Level, Whole: in.Whole, Units: in.Units, Components: in.Components})
		return prog.ID, err
	}, http.StatusOK)
}

// POST /api/v1/programmes/{id}/questions (manager)
func (s *Server) apiAddQuestion(w http.ResponseWriter, r *http.Request) {
	var in service.QuestionInput
	s.apiProgrammeChange(w, r, &in, func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		_, err := rs.AddQuestion(r.Context(), service.RecActor(r), prog.ID, in.Question())
		return prog.ID, err
	}, http.StatusCreated)
}

// POST /api/v1/programmes/{id}/tasks (manager)
func (s *Server) apiAddTask(w http.ResponseWriter, r *http.Request) {
	var in service.TaskInput
	s.apiProgrammeChange(w, r, &in, func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		_, err := rs.AddTask(r.Context(), service.RecActor(r), prog.ID, in.Task())
		return prog.ID, err
	}, http.StatusCreated)
}

// DELETE /api/v1/programmes/{id}/questions/{entry} (manager)
func (s *Server) apiRemoveQuestion(w http.ResponseWriter, r *http.Request) {
	s.apiRemoveBankEntry(w, r, recognition.Store.RemoveQuestion)
}

// DELETE /api/v1/programmes/{id}/tasks/{entry} (manager)
func (s *Server) apiRemoveTask(w http.ResponseWriter, r *http.Request) {
	s.apiRemoveBankEntry(w, r, recognition.Store.RemoveTask)
}

func (s *Server) apiRemoveBankEntry(w http.ResponseWriter, r *http.Request,
	remove func(rs recognition.Store, ctx context.Context, actor, programme, entry int64) error) {
	entry, perr := httpx.PathID(r, "entry")
	if perr != nil {
		httpx.BadParam(w, r, perr)
		return
	}
	s.apiProgrammeChange(w, r, nil, func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		return prog.ID, remove(rs, r.Context(), service.RecActor(r), prog.ID, entry)
	}, http.StatusOK)
}

// POST /api/v1/programmes/{id}/submit (manager)
func (s *Server) apiSubmitProgramme(w http.ResponseWriter, r *http.Request) {
	s.apiProgrammeChange(w, r, nil, func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		_, err := rs.SubmitProgramme(r.Context(), service.RecActor(r), prog.ID)
		return prog.ID, err
	}, http.StatusOK)
}

// POST /api/v1/programmes/{id}/versions (manager): a new draft version of
// an approved or retired programme.
func (s *Server) apiNewProgrammeVersion(w http.ResponseWriter, r *http.Request) {
	s.apiProgrammeChange(w, r, nil, func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		n, err := rs.NewProgrammeVersion(r.Context(), service.RecActor(r), prog.ID)
		return n.ID, err
	}, http.StatusCreated)
}

// apiProgrammeReview runs an administrator's decision on a programme.
func (s *Server) apiProgrammeReview(w http.ResponseWriter, r *http.Request, body any,
	change func(rs recognition.Store, id int64) error) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	if body != nil && !httpx.ReadLargeJSON(w, r, body) {
		return
	}
	if _, err := s.RecProgrammeFor(r, rs, id); err != nil {
		s.RecProblem(w, r, err)
		return
	}
	if err := change(rs, id); err != nil {
		s.RecProblem(w, r, err)
		return
	}
	s.writeProgramme(w, r, rs, id, http.StatusOK)
}

// POST /api/v1/programmes/{id}/approve (administrator; not the author)
func (s *Server) apiApproveProgramme(w http.ResponseWriter, r *http.Request) {
	s.apiProgrammeReview(w, r, nil, func(rs recognition.Store, id int64) error {
		_, err := rs.ApproveProgramme(r.Context(), service.RecActor(r), id)
		return err
	})
}

// POST /api/v1/programmes/{id}/return (administrator)
func (s *Server) apiReturnProgramme(w http.ResponseWriter, r *http.Request) {
	var in ReasonInput
	s.apiProgrammeReview(w, r, &in, func(rs recognition.Store, id int64) error {
		_, err := rs.ReturnProgramme(r.Context(), service.RecActor(r), id, in.Reason)
		return err
	})
}

// POST /api/v1/programmes/{id}/retire (administrator, the centre's manager)
func (s *Server) apiRetireProgramme(w http.ResponseWriter, r *http.Request) {
	var in ReasonInput
	s.apiProgrammeReview(w, r, &in, func(rs recognition.Store, id int64) error {
		prog, err := rs.GetProgramme(r.Context(), id)
		if err != nil {
			return err
		}
		if p := session.Principal(r); !p.Is(auth.RoleAdmin) && !service.IsCentreManager(p, prog.CentreID) {
			return service.ErrRefused
		}
		_, err = rs.RetireProgramme(r.Context(), service.RecActor(r), id, in.Reason)
		return err
	})
}

// GET /api/v1/programmes/{id}/coverage
func (s *Server) apiProgrammeCoverage(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	if _, err := s.RecProgrammeFor(r, rs, id); err != nil {
		s.RecProblem(w, r, err)
		return
	}
	rep, err := rs.ProgrammeCoverage(r.Context(), id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	rep.Units, rep.Gaps = httpx.NonNilSlice(rep.Units), httpx.NonNilSlice(rep.Gaps)
	httpx.WriteJSON(w, r, http.StatusOK, service.CoverageView{Report: rep, Complete: rep.Complete()})
}
