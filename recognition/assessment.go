package recognition

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"mime"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Session is a planned assessment.
type Session struct {
	ID            int64     `json:"id"`
	ApplicationID int64     `json:"application_id"`
	At            time.Time `json:"at"`
	Online        bool      `json:"online"`
	Place         string    `json:"place,omitempty"` // required offline
	Assessors     []int64   `json:"assessors"`       // user ids, assessors of the centre
	CreatedBy     int64     `json:"created_by_user_id"`
	CreatedAt     time.Time `json:"created_at"`
}

// Validate checks a session; the store checks the assessors belong to
// the centre.
func (s Session) Validate() error {
	var p problems
	if s.At.IsZero() {
		p.add("session.at_required")
	}
	if !s.Online && strings.TrimSpace(s.Place) == "" {
		p.add("session.place_required")
	}
	if len(s.Assessors) == 0 {
		p.add("session.assessor_required")
	}
	seen := map[int64]bool{}
	for _, a := range s.Assessors {
		if a <= 0 || seen[a] {
			p.add("session.assessor_bad", "user", itoa(a))
		}
		seen[a] = true
	}
	return p.err("session")
}

// Result is the result of one component for one unit. Results are kept
// per (application, component, unit): two assessors saving different rows
// never touch each other's, and the same row is guarded by Version.
type Result struct {
	Component string  `json:"component"`
	Unit      string  `json:"unit"`
	Score     float64 `json:"score"` // percent, 0 to 100
	Passed    bool    `json:"passed"`
	Notes     string  `json:"notes,omitempty"` // evidence notes
	Assessor  int64   `json:"assessor_user_id"`
	// Version counts the saves of the row. On saving, it is the version
	// the assessor started from: 0 to create the row, n to replace version
	// n. A mismatch is ErrStale, never a silent overwrite.
	Version    int64     `json:"version"`
	RecordedAt time.Time `json:"recorded_at"`
}

// Grade validates r against the programme and sets Passed from the
// component's pass threshold.
func (r *Result) Grade(prog Programme) error {
	c, ok := prog.Component(r.Component)
	if !ok {
		return invalid("programme.no_component", "component", r.Component)
	}
	if !slices.Contains(prog.Units, r.Unit) {
		return invalid("programme.not_unit", "unit", r.Unit)
	}
	if !prog.Assesses(c, r.Unit) {
		return invalid("result.not_assessed", "component", r.Component, "unit", r.Unit)
	}
	if math.IsNaN(r.Score) || r.Score < 0 || r.Score > 100 {
		return invalid("result.score", "score", strconv.FormatFloat(r.Score, 'g', -1, 64))
	}
	if r.Version < 0 {
		return invalid("result.version", "version", itoa(r.Version))
	}
	r.Passed = c.Passes(r.Score)
	return nil
}

// Evidence is a file supporting a result: its metadata; the bytes are
// stored apart.
type Evidence struct {
	ID            int64     `json:"id"`
	ApplicationID int64     `json:"application_id"`
	Component     string    `json:"component"`
	Unit          string    `json:"unit"`
	Name          string    `json:"name"`
	ContentType   string    `json:"content_type"`
	Size          int64     `json:"size"`
	SHA256        string    `json:"sha256"`
	UploadedBy    int64     `json:"uploaded_by_user_id"`
	UploadedAt    time.Time `json:"uploaded_at"`
}

// NewEvidence checks a file against the settings and describes it. The
// name loses any directory part a browser may send.
func NewEvidence(prog Programme, component, unit, name, contentType string, data []byte, set Settings) (Evidence, error) {
	var p problems
	if _, ok := prog.Component(component); !ok {
		p.add("programme.no_component", "component", component)
	}
	if !slices.Contains(prog.Units, unit) {
		p.add("programme.not_unit", "unit", unit)
	}
	name = filepath.Base(strings.ReplaceAll(strings.TrimSpace(name), `\`, "/"))
	if name == "" || name == "." || name == "/" || len(name) > 255 {
		p.add("evidence.name")
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || !set.AllowsEvidenceType(mt) {
		p.add("evidence.type", "type", contentType, "allowed", strings.Join(set.EvidenceTypes, ", "))
	} else if len(data) > 0 && !contentMatches(mt, data) {
		// The declared type is what the file is served back as.
		p.add("evidence.content", "declared", mt, "detected", DetectEvidenceType(data))
	}
	if len(data) == 0 {
		p.add("evidence.empty")
	}
	if int64(len(data)) > set.EvidenceMaxBytes {
		p.add("evidence.size", "size", strconv.Itoa(len(data)), "limit", strconv.FormatInt(set.EvidenceMaxBytes, 10))
	}
	if err := p.err("evidence"); err != nil {
		return Evidence{}, err
	}
	sum := sha256.Sum256(data)
	return Evidence{Component: component, Unit: unit, Name: name, ContentType: mt,
		Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}, nil
}

// Decision outcomes.
const (
	OutcomeWhole = "whole" // the whole qualification (a whole-card programme, every unit)
	OutcomeUnits = "units" // the listed units
	OutcomeNone  = "none"  // not recognised
)

// Route by which a unit passed.
const (
	PassedByExam      = "exam"
	PassedByPortfolio = "portfolio"
)

// Proposal is what the programme's rules make of the results.
type Proposal struct {
	Outcome string        `json:"outcome"`
	Units   []string      `json:"units"` // the units passed
	Detail  []UnitOutcome `json:"detail"`
}

// UnitOutcome explains a unit's part of a proposal.
type UnitOutcome struct {
	Unit    string   `json:"unit"`
	Passed  bool     `json:"passed"`
	Route   string   `json:"route,omitempty"`   // exam, portfolio
	Failed  []string `json:"failed,omitempty"`  // components failed
	Missing []string `json:"missing,omitempty"` // components without a result
}

// Propose applies the programme's rules to the results. A unit passes by
// examination when every theory and practice component that assesses it
// (Programme.Assesses: no theory for a skill without knowledge items)
// has a passing result, or by portfolio when its portfolio result passes
// (the portfolio is the alternative route of recognising prior learning).
// Every unit passed gives the whole qualification for a whole-card
// programme; otherwise the units passed are listed, or none.
func Propose(prog Programme, results []Result) Proposal {
	type key struct{ c, u string }
	byKey := map[key]Result{}
	for _, r := range results {
		byKey[key{r.Component, r.Unit}] = r
	}
	p := Proposal{Units: []string{}}
	for _, u := range prog.Units {
		uo := UnitOutcome{Unit: u}
		exam := true
		for _, c := range prog.Components {
			if c.Kind == ComponentPortfolio || !prog.Assesses(c, u) {
				continue
			}
			r, ok := byKey[key{c.Kind, u}]
			switch {
			case !ok:
				uo.Missing = append(uo.Missing, c.Kind)
				exam = false
			case !c.Passes(r.Score):
				uo.Failed = append(uo.Failed, c.Kind)
				exam = false
			}
		}
		if pf, ok := prog.Component(ComponentPortfolio); ok && pf.Applies(u) {
			if r, ok := byKey[key{ComponentPortfolio, u}]; ok && pf.Passes(r.Score) {
				uo.Passed, uo.Route = true, PassedByPortfolio
			}
		}
		if !uo.Passed && exam {
			uo.Passed, uo.Route = true, PassedByExam
		}
		if uo.Passed {
			// The other route's shortfalls do not matter once a unit passed.
			uo.Failed, uo.Missing = nil, nil
			p.Units = append(p.Units, u)
		}
		p.Detail = append(p.Detail, uo)
	}
	switch {
	case len(p.Units) == 0:
		p.Outcome = OutcomeNone
	case prog.Whole && len(p.Units) == len(prog.Units):
		p.Outcome = OutcomeWhole
	default:
		p.Outcome = OutcomeUnits
	}
	return p
}

// Decision is an assessor's decision on an application. Decisions are
// never changed: a re-decision after an appeal is a new one.
type Decision struct {
	ID            int64    `json:"id"`
	ApplicationID int64    `json:"application_id"`
	Outcome       string   `json:"outcome"`
	Units         []string `json:"units"` // recognised units; all of them for whole
	Proposed      Proposal `json:"proposed"`
	// Overridden: the assessor departed from the proposal, for Reason.
	Overridden bool      `json:"overridden"`
	Reason     string    `json:"reason,omitempty"`
	Assessor   int64     `json:"assessor_user_id"`
	AppealID   int64     `json:"appeal_id,omitempty"` // set on a re-decision
	DecidedAt  time.Time `json:"decided_at"`
}

// DecisionInput is what an assessor decides: Outcome "" confirms the
// proposal; anything else that differs from it is an override and needs a
// written reason.
type DecisionInput struct {
	Outcome string   `json:"outcome"`
	Units   []string `json:"units,omitempty"`
	Reason  string   `json:"reason,omitempty"`
}

// Decide turns the assessor's input into a decision on the proposal.
func Decide(prog Programme, proposal Proposal, in DecisionInput, assessor int64) (Decision, error) {
	d := Decision{Outcome: in.Outcome, Units: uniq(in.Units), Proposed: proposal,
		Reason: strings.TrimSpace(in.Reason), Assessor: assessor}
	if d.Outcome == "" {
		d.Outcome, d.Units = proposal.Outcome, uniq(proposal.Units)
	}
	switch d.Outcome {
	case OutcomeWhole:
		if !prog.Whole {
			return Decision{}, invalid("decision.whole_partial")
		}
		d.Units = uniq(prog.Units)
	case OutcomeUnits:
		if len(d.Units) == 0 {
			return Decision{}, invalid("decision.units_required")
		}
		for _, u := range d.Units {
			if !slices.Contains(prog.Units, u) {
				return Decision{}, invalid("programme.not_unit", "unit", u)
			}
		}
	case OutcomeNone:
		if len(d.Units) > 0 {
			return Decision{}, invalid("decision.none_units")
		}
		d.Units = []string{}
	default:
		return Decision{}, invalid("decision.outcome", "outcome", d.Outcome)
	}
	d.Overridden = d.Outcome != proposal.Outcome || !slices.Equal(d.Units, uniq(proposal.Units))
	if d.Overridden && d.Reason == "" {
		return Decision{}, invalid("decision.reason_required", "outcome", d.Outcome, "units", strings.Join(d.Units, ", "),
			"proposed", proposal.Outcome, "proposed_units", strings.Join(proposal.Units, ", "))
	}
	return d, nil
}

// Appeal is a candidate's appeal against a decision.
type Appeal struct {
	ID            int64     `json:"id"`
	ApplicationID int64     `json:"application_id"`
	DecisionID    int64     `json:"decision_id"`
	Reason        string    `json:"reason"`
	FiledBy       int64     `json:"filed_by_user_id"`
	FiledAt       time.Time `json:"filed_at"`
}

// Event is what a change was, for the audit log: who did what to which
// subject ("centre/3", "application/12"), with the details that matter.
type Event struct {
	Actor   int64          `json:"actor_user_id"`
	Action  string         `json:"action"` // "recognition.application.accept"
	Subject string         `json:"subject"`
	Data    map[string]any `json:"data,omitempty"`
}
