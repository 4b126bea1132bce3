package service

import (
	"net/http"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/session"
)

// ProgrammeInput creates a programme: card is the 0-based index of the
// card in the standard's version; level 0 takes the card's level.
type ProgrammeInput struct {
	StandardCode    string                  `json:"standard_code"`
	StandardVersion string                  `json:"standard_version"`
	Card            int                     `json:"card"`
	Level           int                     `json:"level"`
	Title           kasip.Text              `json:"title"`
	Whole           bool                    `json:"whole"`
	Units           []string                `json:"units"`
	Components      []recognition.Component `json:"components"`
	Questions       []QuestionInput         `json:"questions"`
	Tasks           []TaskInput             `json:"tasks"`
}

// seesBank reports whether p may see the programme's questions and tasks.
func SeesBank(p auth.Principal, prog recognition.Programme) bool {
	return p.Is(auth.RoleAdmin) || p.InCentre(prog.CentreID)
}

// recCreateProgramme makes a draft for the manager's own centre; the
// store checks the centre's accreditation covers the card and level.
func (s *Server) RecCreateProgramme(r *http.Request, rs recognition.Store, in ProgrammeInput) (recognition.Programme, error) {
	p := session.Principal(r)
	if !p.Is(auth.RoleManager) || p.CentreID == 0 {
		return recognition.Programme{}, ErrRefused
	}
	prog := recognition.Programme{CentreID: p.CentreID, StandardCode: strings.TrimSpace(in.StandardCode),
		StandardVersion: strings.TrimSpace(in.StandardVersion), Card: in.Card, Level: in.Level, Title: in.Title,
		Whole: in.Whole, Units: in.Units, Components: in.Components}
	for _, q := range in.Questions {
		prog.Questions = append(prog.Questions, q.Question())
	}
	for _, t := range in.Tasks {
		prog.Tasks = append(prog.Tasks, t.Task())
	}
	if prog.Level == 0 || prog.Title.IsEmpty() {
		s.recDefaultsFromCard(r, &prog)
	}
	return rs.CreateProgramme(r.Context(), RecActor(r), prog)
}

// CoverageView is a coverage report with its verdict.
type CoverageView struct {
	recognition.Report
	Complete bool `json:"complete"`
}

// QuestionInput is a new question of the bank.
type QuestionInput struct {
	Text      kasip.Text   `json:"text"`
	Choices   []kasip.Text `json:"choices"`
	Correct   []int        `json:"correct"`
	Knowledge []string     `json:"knowledge"`
}

// TaskInput is a new practical task of the bank.
type TaskInput struct {
	Text      kasip.Text `json:"text"`
	Criteria  kasip.Text `json:"criteria"`
	Abilities []string   `json:"abilities"`
	Units     []string   `json:"units"`
}

func (q QuestionInput) Question() recognition.Question {
	return recognition.Question{Text: q.Text, Choices: q.Choices, Correct: q.Correct, Knowledge: q.Knowledge}
}

func (t TaskInput) Task() recognition.Task {
	return recognition.Task{Text: t.Text, Criteria: t.Criteria, Abilities: t.Abilities, Units: t.Units}
}

// recDefaultsFromCard fills a level and a title left out from the card the
// programme is of. A card that cannot be read is left to the store to
// report.
func (s *Server) recDefaultsFromCard(r *http.Request, prog *recognition.Programme) {
	st, err := s.Reg.Standard(r.Context(), prog.StandardCode, prog.StandardVersion)
	if err != nil || prog.Card < 0 || prog.Card >= len(st.Cards) {
		return
	}
	c := &st.Cards[prog.Card]
	if prog.Level == 0 {
		prog.Level = c.Level
	}
	if prog.Title.IsEmpty() {
		prog.Title = c.Title
	}
}
