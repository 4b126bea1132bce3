package workforce

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Kinds of development action.
const (
	ActionTraining    = "training"    // a course, internal or external
	ActionMentoring   = "mentoring"   // working beside an experienced colleague
	ActionSelfStudy   = "self_study"  // reading, practice on one's own
	ActionRecognition = "recognition" // an application for recognition of the qualification
)

// ActionKinds lists the kinds of action.
func ActionKinds() []string {
	return []string{ActionTraining, ActionMentoring, ActionSelfStudy, ActionRecognition}
}

// Statuses of an action.
const (
	StatusPlanned    = "planned"
	StatusInProgress = "in_progress"
	StatusDone       = "done"
	StatusCancelled  = "cancelled"
)

// ActionStatuses lists the statuses of an action.
func ActionStatuses() []string {
	return []string{StatusPlanned, StatusInProgress, StatusDone, StatusCancelled}
}

// Action is one step of an employee's development plan: what is done about
// which gaps (the paths of the items it addresses), by whom, by when.
// A recognition action names the programme of a recognition centre the
// employee applies to; the application, once filed from the plan, is
// linked to it.
type Action struct {
	ID            int64     `json:"id"`
	OrgID         int64     `json:"org_id"`
	EmployeeID    int64     `json:"employee_id"`
	Kind          string    `json:"kind"`
	Title         string    `json:"title"`
	Items         []string  `json:"items"` // paths in the position's card
	OwnerUserID   int64     `json:"owner_user_id,omitempty"`
	Due           time.Time `json:"due"` // a day: midnight UTC
	Status        string    `json:"status"`
	Progress      int       `json:"progress"` // percent
	ProgrammeID   int64     `json:"programme_id,omitempty"`
	ApplicationID int64     `json:"application_id,omitempty"`
	Note          string    `json:"note,omitempty"`
	Revision      int       `json:"revision"`
	Demo          bool      `json:"demo"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Validate checks the action against the items of the employee's position.
func (a Action) Validate(items []Item) error {
	var p problems
	if !slices.Contains(ActionKinds(), a.Kind) {
		p.add("workforce.action_kind", "kind", a.Kind)
	}
	if !slices.Contains(ActionStatuses(), a.Status) {
		p.add("workforce.action_status", "status", a.Status)
	}
	checkName(&p, "workforce.action_title", a.Title)
	if a.Due.IsZero() {
		p.add("workforce.action_due")
	}
	if a.Progress < 0 || a.Progress > 100 {
		p.add("workforce.action_progress", "progress", itoa(a.Progress))
	}
	if a.Kind == ActionRecognition && a.ProgrammeID <= 0 {
		p.add("workforce.action_programme")
	}
	if a.Kind != ActionRecognition && (a.ProgrammeID != 0 || a.ApplicationID != 0) {
		p.add("workforce.action_not_recognition")
	}
	if utf8.RuneCountInString(a.Note) > MaxText || !utf8.ValidString(a.Note) {
		p.add("workforce.action_note", "max", itoa(MaxText))
	}
	known := map[string]bool{}
	for _, it := range items {
		known[it.Path] = true
	}
	for _, path := range a.Items {
		if !known[path] {
			p.add("workforce.rating_path", "path", path)
		}
	}
	return p.err()
}

// Normalized trims the texts, sorts and dedups the items.
func (a Action) Normalized() Action {
	a.Kind, a.Title, a.Status, a.Note = strings.TrimSpace(a.Kind), strings.TrimSpace(a.Title), strings.TrimSpace(a.Status), strings.TrimSpace(a.Note)
	if a.Status == "" {
		a.Status = StatusPlanned
	}
	a.Items = slices.Compact(slices.Sorted(slices.Values(a.Items)))
	if a.Items == nil {
		a.Items = []string{}
	}
	if !a.Due.IsZero() {
		y, m, d := a.Due.Date()
		a.Due = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return a
}

// Open reports whether the action is neither done nor cancelled.
func (a Action) Open() bool { return a.Status == StatusPlanned || a.Status == StatusInProgress }

// Overdue reports whether the action is open after its due day (today
// being the day of now in loc).
func (a Action) Overdue(now time.Time, loc *time.Location) bool {
	y, m, d := now.In(loc).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return a.Open() && a.Due.Before(today)
}

// ActionFilter selects actions.
type ActionFilter struct {
	OrgID      int64
	EmployeeID int64
	Unit       string // employees of the unit; "" any
	OwnerID    int64
}
