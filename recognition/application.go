package recognition

import (
	"slices"
	"strings"
	"time"
)

// Application states. The happy path is submitted → accepted → scheduled →
// assessed → decided → closed; a submitted application may be rejected
// (with a reason; final), and a decision appealed: decided → appealed →
// redecided → closed.
const (
	StateSubmitted = "submitted"
	StateAccepted  = "accepted"
	StateRejected  = "rejected"
	StateScheduled = "scheduled"
	StateAssessed  = "assessed"
	StateDecided   = "decided"
	StateAppealed  = "appealed"
	StateRedecided = "redecided"
	StateClosed    = "closed"
)

// transitions are the legal moves. scheduled → scheduled is a new session
// replacing the planned one (rescheduling).
var transitions = map[string][]string{
	StateSubmitted: {StateAccepted, StateRejected},
	StateAccepted:  {StateScheduled},
	StateScheduled: {StateScheduled, StateAssessed},
	StateAssessed:  {StateDecided},
	StateDecided:   {StateAppealed, StateClosed},
	StateAppealed:  {StateRedecided},
	StateRedecided: {StateClosed},
}

// Next lists the states an application in state may move to.
func Next(state string) []string { return slices.Clone(transitions[state]) }

// States lists every state, in the order of the process.
func States() []string {
	return []string{StateSubmitted, StateAccepted, StateRejected, StateScheduled, StateAssessed,
		StateDecided, StateAppealed, StateRedecided, StateClosed}
}

// Routes by which a candidate applies.
const (
	RouteSelf     = "self"     // on their own
	RouteReferral = "referral" // referred by an employer, who must confirm
	RouteVoucher  = "voucher"  // with a state voucher
)

// Application is a candidate's request to be assessed against a programme
// by a centre. The standard, card and level are copied from the programme
// when it is made, so that the application reads the same whatever happens
// to the programme later.
type Application struct {
	ID              int64  `json:"id"`
	CandidateID     int64  `json:"candidate_id"`
	ProgrammeID     int64  `json:"programme_id"`
	CentreID        int64  `json:"centre_id"`
	StandardCode    string `json:"standard_code"`
	StandardVersion string `json:"standard_version"`
	Card            int    `json:"card"`
	Level           int    `json:"level"`

	Route string `json:"route"`
	// Referral: the employer's account, which must confirm, and the
	// employer as named on the referral.
	EmployerUserID      int64     `json:"employer_user_id,omitempty"`
	EmployerName        string    `json:"employer_name,omitempty"`
	EmployerBIN         string    `json:"employer_bin,omitempty"`
	ReferralConfirmedAt time.Time `json:"referral_confirmed_at,omitzero"`
	VoucherID           int64     `json:"voucher_id,omitempty"`

	State       string    `json:"state"`
	StateReason string    `json:"state_reason,omitempty"` // of the last transition (a rejection's reason)
	StateSince  time.Time `json:"state_since"`
	SubmittedAt time.Time `json:"submitted_at"`
	CreatedBy   int64     `json:"created_by_user_id"`

	// The dossier, filled by a store's single-application read.
	History   []StateChange `json:"history,omitempty"`
	Sessions  []Session     `json:"sessions,omitempty"`
	Results   []Result      `json:"results,omitempty"`
	Evidence  []Evidence    `json:"evidence,omitempty"`
	Decisions []Decision    `json:"decisions,omitempty"`
	Appeals   []Appeal      `json:"appeals,omitempty"`
}

// StateChange is a row of an application's history.
type StateChange struct {
	From   string    `json:"from"` // "" for the submission
	To     string    `json:"to"`
	Reason string    `json:"reason,omitempty"`
	Actor  int64     `json:"actor_user_id"`
	At     time.Time `json:"at"`
}

// ValidateNew checks an application's route fields before it is stored.
func (a Application) ValidateNew() error {
	var p problems
	switch a.Route {
	case RouteSelf:
		if a.EmployerUserID != 0 || a.VoucherID != 0 {
			p.add("application.self_extra")
		}
	case RouteReferral:
		if a.EmployerUserID == 0 {
			p.add("application.referral_no_employer")
		}
		if a.EmployerBIN != "" {
			if err := ValidateBIN(a.EmployerBIN); err != nil {
				p.addErr(err)
			}
		}
		if a.VoucherID != 0 {
			p.add("application.referral_voucher")
		}
	case RouteVoucher:
		if a.VoucherID == 0 {
			p.add("application.voucher_required")
		}
		if a.EmployerUserID != 0 {
			p.add("application.voucher_employer")
		}
	default:
		p.add("application.route", "route", a.Route)
	}
	return p.err("application")
}

// CheckTransition checks that the application may move to state to at
// time at. Besides the legal moves it enforces: a rejection has a reason;
// a referral is confirmed by the employer before the centre accepts; an
// appeal is filed within the appeal period; and a decision is not closed
// while it may still be appealed.
func (a Application) CheckTransition(to, reason string, at time.Time, set Settings) error {
	if !slices.Contains(transitions[a.State], to) {
		return NewError(ErrIllegalTransition, "application.transition", "id", itoa(a.ID), "state", a.State, "to", to,
			"allowed", orNone(transitions[a.State]))
	}
	switch to {
	case StateRejected:
		if strings.TrimSpace(reason) == "" {
			return invalid("application.reject_reason", "id", itoa(a.ID))
		}
	case StateAccepted:
		if a.Route == RouteReferral && a.ReferralConfirmedAt.IsZero() {
			return NewError(ErrConflict, "application.referral_unconfirmed", "id", itoa(a.ID))
		}
	case StateAppealed:
		if end := a.AppealEnds(set); !at.Before(end) {
			return NewError(ErrDeadline, "application.appeal_ended", "id", itoa(a.ID), "at", Moment(end))
		}
	case StateClosed:
		if a.State == StateDecided {
			if end := a.AppealEnds(set); at.Before(end) {
				return NewError(ErrConflict, "application.appeal_open", "id", itoa(a.ID), "at", Moment(end))
			}
		}
	}
	return nil
}

// AppealEnds is the first instant an appeal is too late: AppealDays after
// the day of the decision. Zero unless the application is decided.
func (a Application) AppealEnds(set Settings) time.Time {
	if a.State != StateDecided {
		return time.Time{}
	}
	return set.after(a.StateSince, set.AppealDays)
}

// Deadline is what the application waits for and by when.
type Deadline struct {
	Action string    `json:"action"` // confirm-referral, accept, schedule, decide, appeal, redecide
	Due    time.Time `json:"due"`    // the first instant it is late
	// Enforced deadlines refuse the late action (the appeal); the others
	// only mark the application overdue.
	Enforced bool `json:"enforced"`
}

// Overdue reports whether the deadline has passed at t.
func (d Deadline) Overdue(t time.Time) bool { return !t.Before(d.Due) }

// Deadline returns what the application waits for in its state, and
// false when it waits for nothing with a deadline.
func (a Application) Deadline(set Settings) (Deadline, bool) {
	switch a.State {
	case StateSubmitted:
		if a.Route == RouteReferral && a.ReferralConfirmedAt.IsZero() {
			return Deadline{Action: "confirm-referral", Due: set.after(a.StateSince, set.ReferralConfirmDays)}, true
		}
		return Deadline{Action: "accept", Due: set.after(a.StateSince, set.AcceptDays)}, true
	case StateAccepted:
		return Deadline{Action: "schedule", Due: set.after(a.StateSince, set.ScheduleDays)}, true
	case StateAssessed:
		return Deadline{Action: "decide", Due: set.after(a.StateSince, set.DecisionDays)}, true
	case StateDecided:
		return Deadline{Action: "appeal", Due: a.AppealEnds(set), Enforced: true}, true
	case StateAppealed:
		return Deadline{Action: "redecide", Due: set.after(a.StateSince, set.RedecideDays)}, true
	}
	return Deadline{}, false
}
