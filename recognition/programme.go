package recognition

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
)

// Programme statuses: draft → submitted → approved → retired; a submitted
// programme may be returned to draft. Only drafts change: an approved
// programme is changed by a new version (NewVersion), a copy as draft.
const (
	ProgrammeDraft     = "draft"
	ProgrammeSubmitted = "submitted"
	ProgrammeApproved  = "approved"
	ProgrammeRetired   = "retired"
)

var programmeMoves = map[string][]string{
	ProgrammeDraft:     {ProgrammeSubmitted},
	ProgrammeSubmitted: {ProgrammeApproved, ProgrammeDraft},
	ProgrammeApproved:  {ProgrammeRetired},
}

// Component kinds: a theory test (knowledge), practical tasks (abilities
// and skills) and the portfolio route (recognition of prior non-formal and
// informal learning), which the law allows only for skills the standard
// marks recognizable.
const (
	ComponentTheory    = "theory"
	ComponentPractice  = "practice"
	ComponentPortfolio = "portfolio"
)

// Component formats.
const (
	FormatOnline  = "online"
	FormatOffline = "offline"
)

// Programme is a qualification programme: what a centre assesses, built
// from card Card of the pinned version of a standard.
type Programme struct {
	ID       int64 `json:"id"`
	CentreID int64 `json:"centre_id"`
	// Lineage is the id of the first version; Version counts from 1.
	Lineage    int64 `json:"lineage"`
	Version    int   `json:"version"`
	PreviousID int64 `json:"previous_id,omitempty"`

	StandardCode    string     `json:"standard_code"`
	StandardVersion string     `json:"standard_version"` // the version key
	Card            int        `json:"card"`             // 0-based index into the standard's cards
	Level           int        `json:"level"`
	Title           kasip.Text `json:"title"`
	// Whole: the programme assesses the whole card (every unit); otherwise
	// the partial units listed (one skill, or a group).
	Whole      bool        `json:"whole"`
	Units      []string    `json:"units"` // unit paths (see package doc)
	Components []Component `json:"components"`
	Questions  []Question  `json:"questions"`
	Tasks      []Task      `json:"tasks"`

	Status       string    `json:"status"`
	StatusReason string    `json:"status_reason,omitempty"` // why it was returned or retired
	AuthorUserID int64     `json:"author_user_id"`
	ApprovedBy   int64     `json:"approved_by_user_id,omitempty"`
	ApprovedAt   time.Time `json:"approved_at,omitzero"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Component is one part of the assessment.
type Component struct {
	Kind      string `json:"kind"`      // theory, practice, portfolio
	Threshold int    `json:"threshold"` // pass mark in percent; 0 = the settings' default
	Format    string `json:"format"`    // online, offline
	Equipment string `json:"equipment,omitempty"`
	Minutes   int    `json:"minutes"` // duration
	// Units the component applies to; empty: all units of the programme.
	// A portfolio component must list only recognizable skills (with an
	// empty list, every unit of the programme must be one).
	Units []string `json:"units,omitempty"`
}

// Applies reports whether the component assesses unit.
func (c Component) Applies(unit string) bool {
	return len(c.Units) == 0 || slices.Contains(c.Units, unit)
}

// Assesses reports whether component c needs a result for unit: c
// applies to it, and for the theory test, the unit has knowledge items to
// test. A skill made only of abilities has nothing a theory test could
// ask, so no theory result is demanded for it. The programme tells which
// units have knowledge without the card: submission and approval need a
// question for every knowledge item (recReadyForReview's coverage), so a
// unit of an approved programme has knowledge items exactly when a
// question tests one of them.
func (p Programme) Assesses(c Component, unit string) bool {
	if !c.Applies(unit) {
		return false
	}
	return c.Kind != ComponentTheory || p.testsKnowledgeOf(unit)
}

// testsKnowledgeOf: a question of the bank tests a knowledge item of unit.
func (p Programme) testsKnowledgeOf(unit string) bool {
	prefix := unit + ".knowledge["
	return slices.ContainsFunc(p.Questions, func(q Question) bool {
		return slices.ContainsFunc(q.Knowledge, func(k string) bool { return strings.HasPrefix(k, prefix) })
	})
}

// Passes reports whether score (percent) reaches the pass mark.
func (c Component) Passes(score float64) bool { return score >= float64(c.Threshold) }

// Question is a theory test question linked to the knowledge items it
// tests.
type Question struct {
	ID        int64        `json:"id"`
	Text      kasip.Text   `json:"text"`
	Choices   []kasip.Text `json:"choices,omitempty"`
	Correct   []int        `json:"correct,omitempty"` // indexes into Choices
	Knowledge []string     `json:"knowledge"`         // knowledge item paths
}

// Task is a practical task linked to the abilities and skills it tests.
type Task struct {
	ID        int64      `json:"id"`
	Text      kasip.Text `json:"text"`
	Criteria  kasip.Text `json:"criteria,omitempty"`
	Abilities []string   `json:"abilities,omitempty"` // ability paths
	Units     []string   `json:"units,omitempty"`     // unit (skill) paths assessed as a whole
}

// Component returns the programme's component of kind.
func (p Programme) Component(kind string) (Component, bool) {
	i := slices.IndexFunc(p.Components, func(c Component) bool { return c.Kind == kind })
	if i < 0 {
		return Component{}, false
	}
	return p.Components[i], true
}

// Functions lists the paths of the labour functions the programme covers.
func (p Programme) Functions() []string {
	var out []string
	for _, u := range p.Units {
		f, _, _ := strings.Cut(u, ".skills[")
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// Normalize fills what a caller may leave out: the units of a whole-card
// programme and the default pass threshold of the components.
func (p *Programme) Normalize(card *kasip.Card, set Settings) {
	if p.Whole && len(p.Units) == 0 && card != nil {
		for _, u := range Units(card, p.Card) {
			p.Units = append(p.Units, u.Path)
		}
	}
	for i := range p.Components {
		if p.Components[i].Threshold == 0 {
			p.Components[i].Threshold = set.PassThreshold
		}
	}
}

// CheckMove checks a status change of the programme.
func (p Programme) CheckMove(to string) error {
	if !slices.Contains(programmeMoves[p.Status], to) {
		return NewError(ErrIllegalTransition, "programme.transition", "id", itoa(p.ID), "status", p.Status, "to", to,
			"allowed", orNone(programmeMoves[p.Status]))
	}
	return nil
}

// CheckEditable refuses changes to a programme that is not a draft.
func (p Programme) CheckEditable() error {
	if p.Status != ProgrammeDraft {
		return NewError(ErrImmutable, "programme.immutable", "id", itoa(p.ID), "status", p.Status)
	}
	return nil
}

// Validate checks the programme against card, the card it pins (number
// p.Card of the standard): units, components and the bank must all point
// into the card, inside the programme's units; the portfolio route only at
// recognizable skills.
func (p Programme) Validate(card *kasip.Card) error {
	var pr problems
	if card == nil {
		return invalid("programme.no_card")
	}
	if p.StandardCode == "" || p.StandardVersion == "" {
		pr.add("programme.standard_required")
	}
	if p.Level < 1 || p.Level > 8 {
		pr.add("programme.level", "level", strconv.Itoa(p.Level))
	} else if card.Level != 0 && p.Level != card.Level {
		pr.add("programme.level_card", "level", strconv.Itoa(p.Level), "card_level", strconv.Itoa(card.Level))
	}
	units := map[string]Unit{}
	for _, u := range Units(card, p.Card) {
		units[u.Path] = u
	}
	p.validateUnits(card, units, &pr)
	p.validateComponents(units, &pr)
	for i, q := range p.Questions {
		validateQuestion(card, p, q, fmt.Sprintf("question %d", i+1), &pr)
	}
	for i, t := range p.Tasks {
		validateTask(card, p, t, fmt.Sprintf("task %d", i+1), &pr)
	}
	return pr.err(fmt.Sprintf("programme %s card %d", p.StandardCode, p.Card+1))
}

func (p Programme) validateUnits(card *kasip.Card, units map[string]Unit, pr *problems) {
	if len(p.Units) == 0 {
		pr.add("programme.no_unit")
	}
	seen := map[string]bool{}
	for _, u := range p.Units {
		if _, ok := units[u]; !ok {
			pr.add("programme.not_skill", "unit", u)
		}
		if seen[u] {
			pr.add("programme.unit_twice", "unit", u)
		}
		seen[u] = true
	}
	if p.Whole && len(seen) != len(units) {
		pr.add("programme.whole_units", "units", strconv.Itoa(len(units)), "listed", strconv.Itoa(len(seen)))
	}
}

func (p Programme) validateComponents(units map[string]Unit, pr *problems) {
	if len(p.Components) == 0 {
		pr.add("programme.no_components")
	}
	kinds := map[string]bool{}
	for _, c := range p.Components {
		name := "component " + c.Kind
		switch c.Kind {
		case ComponentTheory, ComponentPractice, ComponentPortfolio:
		default:
			pr.add("programme.component_kind", "component", c.Kind)
		}
		if kinds[c.Kind] {
			pr.add("programme.component_twice", "component", c.Kind)
		}
		kinds[c.Kind] = true
		if c.Threshold < 1 || c.Threshold > 100 {
			pr.add("programme.threshold", "item", name, "threshold", strconv.Itoa(c.Threshold))
		}
		if c.Format != FormatOnline && c.Format != FormatOffline {
			pr.add("programme.format", "item", name, "format", c.Format)
		}
		if c.Minutes < 0 || c.Minutes > 7*24*60 {
			pr.add("programme.minutes", "item", name, "minutes", strconv.Itoa(c.Minutes))
		}
		applies := c.Units
		if len(applies) == 0 {
			applies = p.Units
		}
		for _, u := range c.Units {
			if !slices.Contains(p.Units, u) {
				pr.add("programme.item_not_unit", "item", name, "unit", u)
			}
		}
		if c.Kind == ComponentPortfolio {
			for _, u := range applies {
				if un, ok := units[u]; ok && !un.IsRecognizable() {
					pr.add("programme.portfolio", "unit", u)
				}
			}
		}
	}
	// Every unit needs an examination: the portfolio is an alternative
	// route, not the only one; a theory test examines nothing of a unit
	// without knowledge items.
	for _, u := range p.Units {
		if !slices.ContainsFunc(p.Components, func(c Component) bool {
			return c.Kind != ComponentPortfolio && c.Applies(u) && (c.Kind != ComponentTheory || len(units[u].Knowledge) > 0)
		}) {
			pr.add("programme.unit_unassessed", "unit", u)
		}
	}
}

func validateQuestion(card *kasip.Card, p Programme, q Question, name string, pr *problems) {
	if q.Text.IsEmpty() {
		pr.add("programme.no_text", "item", name)
	}
	if len(q.Knowledge) == 0 {
		pr.add("programme.no_knowledge", "item", name)
	}
	for _, c := range q.Correct {
		if c < 0 || c >= len(q.Choices) {
			pr.add("programme.correct", "item", name, "answer", strconv.Itoa(c))
		}
	}
	for _, path := range q.Knowledge {
		checkLink(card, p, path, KindKnowledge, name, pr)
	}
}

func validateTask(card *kasip.Card, p Programme, t Task, name string, pr *problems) {
	if t.Text.IsEmpty() {
		pr.add("programme.no_text", "item", name)
	}
	if len(t.Abilities)+len(t.Units) == 0 {
		pr.add("programme.no_ability", "item", name)
	}
	for _, path := range t.Abilities {
		checkLink(card, p, path, KindAbility, name, pr)
	}
	for _, path := range t.Units {
		if !slices.Contains(p.Units, path) {
			pr.add("programme.item_not_unit", "item", name, "unit", path)
		}
	}
}

// checkLink checks that path is an item of kind inside one of the
// programme's units.
func checkLink(card *kasip.Card, p Programme, path, kind, name string, pr *problems) {
	r, err := Resolve(card, p.Card, path)
	switch {
	case err != nil:
		pr.add("programme.bad_path", "item", name, "path", path)
	case r.Kind != kind:
		pr.add("programme.link_kind", "item", name, "path", path, "kind", r.Kind, "want", kind)
	case !slices.Contains(p.Units, r.Unit):
		pr.add("programme.link_outside", "item", name, "path", path)
	}
}

// ValidateQuestion and ValidateTask check one bank entry of p.
func ValidateQuestion(card *kasip.Card, p Programme, q Question) error {
	var pr problems
	validateQuestion(card, p, q, "question", &pr)
	return pr.err(fmt.Sprintf("programme %d", p.ID))
}

func ValidateTask(card *kasip.Card, p Programme, t Task) error {
	var pr problems
	validateTask(card, p, t, "task", &pr)
	return pr.err(fmt.Sprintf("programme %d", p.ID))
}

// NewVersion returns a draft copy of p, to be changed and approved again:
// the way an approved programme changes. The bank is copied without ids.
func (p Programme) NewVersion(author int64) Programme {
	n := p
	n.ID, n.PreviousID, n.Version = 0, p.ID, p.Version+1
	n.Status, n.StatusReason = ProgrammeDraft, ""
	n.AuthorUserID, n.ApprovedBy, n.ApprovedAt = author, 0, time.Time{}
	n.Units = slices.Clone(p.Units)
	n.Components = make([]Component, len(p.Components))
	for i, c := range p.Components {
		c.Units = slices.Clone(c.Units)
		n.Components[i] = c
	}
	n.Questions = make([]Question, len(p.Questions))
	for i, q := range p.Questions {
		q.ID = 0
		n.Questions[i] = q
	}
	n.Tasks = make([]Task, len(p.Tasks))
	for i, t := range p.Tasks {
		t.ID = 0
		n.Tasks[i] = t
	}
	return n
}
