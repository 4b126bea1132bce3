package service

import (
	"net/http"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

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
