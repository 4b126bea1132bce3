package recognition

import (
	"slices"
	"strings"

	"github.com/kasip/kasip"
)

// Gap kinds of a coverage report.
const (
	GapKnowledge = "knowledge" // a knowledge item no question tests
	GapAbility   = "ability"   // an ability no task tests
	GapUnit      = "unit"      // a unit with no abilities nor knowledge that nothing tests
)

// Report is the coverage of a programme's units by its question and task
// bank.
type Report struct {
	Units []UnitCoverage `json:"units"`
	Gaps  []Gap          `json:"gaps"`
	// Totals over all units.
	Knowledge        int `json:"knowledge"`
	KnowledgeCovered int `json:"knowledge_covered"`
	Abilities        int `json:"abilities"`
	AbilitiesCovered int `json:"abilities_covered"`
}

// UnitCoverage is the coverage of one unit.
type UnitCoverage struct {
	Path             string     `json:"path"`
	Title            kasip.Text `json:"title"`
	Knowledge        int        `json:"knowledge"`
	KnowledgeCovered int        `json:"knowledge_covered"`
	Abilities        int        `json:"abilities"`
	AbilitiesCovered int        `json:"abilities_covered"`
	Questions        int        `json:"questions"` // linked to the unit's knowledge
	Tasks            int        `json:"tasks"`     // linked to the unit or its abilities
}

// Gap is an item the bank does not test, with its text so that the report
// can be read without the standard at hand.
type Gap struct {
	Kind string     `json:"kind"`
	Path string     `json:"path"`
	Unit string     `json:"unit"`
	Text kasip.Text `json:"text"`
}

// Complete reports whether the bank tests everything.
func (r Report) Complete() bool { return len(r.Gaps) == 0 }

// Coverage reports which knowledge items of the programme's units are
// tested by at least one question and which abilities by at least one
// task, listing the rest as gaps. card is the card the programme pins.
// Links outside the units are ignored here (Validate reports them).
func Coverage(card *kasip.Card, prog Programme) Report {
	questions := map[string]int{} // knowledge path → questions linking it
	for _, q := range prog.Questions {
		for _, k := range uniq(q.Knowledge) {
			questions[k]++
		}
	}
	tasks := map[string]int{} // ability or unit path → tasks linking it
	for _, t := range prog.Tasks {
		for _, a := range uniq(append(slices.Clone(t.Abilities), t.Units...)) {
			tasks[a]++
		}
	}
	var r Report
	if card == nil {
		return r
	}
	for _, u := range Units(card, prog.Card) {
		if !slices.Contains(prog.Units, u.Path) {
			continue
		}
		uc := UnitCoverage{Path: u.Path, Title: u.Title, Knowledge: len(u.Knowledge), Abilities: len(u.Abilities),
			Questions: countLinked(prog.Questions, u.Path, func(q Question) []string { return q.Knowledge }),
			Tasks: countLinked(prog.Tasks, u.Path, func(t Task) []string {
				return append(slices.Clone(t.Abilities), t.Units...)
			})}
		for _, k := range u.Knowledge {
			if questions[k.Path] > 0 {
				uc.KnowledgeCovered++
			} else {
				r.Gaps = append(r.Gaps, Gap{Kind: GapKnowledge, Path: k.Path, Unit: u.Path, Text: k.Text})
			}
		}
		for _, a := range u.Abilities {
			if tasks[a.Path] > 0 {
				uc.AbilitiesCovered++
			} else {
				r.Gaps = append(r.Gaps, Gap{Kind: GapAbility, Path: a.Path, Unit: u.Path, Text: a.Text})
			}
		}
		// A skill the document lists without abilities or knowledge
		// (a real defect of the hotel seed) must still be assessed by
		// something.
		if len(u.Knowledge)+len(u.Abilities) == 0 && uc.Tasks+uc.Questions == 0 {
			r.Gaps = append(r.Gaps, Gap{Kind: GapUnit, Path: u.Path, Unit: u.Path, Text: u.Title})
		}
		r.Knowledge += uc.Knowledge
		r.KnowledgeCovered += uc.KnowledgeCovered
		r.Abilities += uc.Abilities
		r.AbilitiesCovered += uc.AbilitiesCovered
		r.Units = append(r.Units, uc)
	}
	return r
}

func uniq(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// countLinked counts the entries of bank that link to unit or to an item
// inside it.
func countLinked[T any](bank []T, unit string, links func(T) []string) int {
	n := 0
	for _, e := range bank {
		if slices.ContainsFunc(links(e), func(p string) bool { return p == unit || strings.HasPrefix(p, unit+".") }) {
			n++
		}
	}
	return n
}
