package workforce

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kasip/kasip/recognition"
)

// Kinds of organisation.
const (
	KindEmployer  = "employer"  // assesses and develops its staff
	KindEducation = "education" // aligns its programmes with standards
)

// Kinds lists the kinds of organisation.
func Kinds() []string { return []string{KindEmployer, KindEducation} }

// Roles of a member within an organisation. They are the organisation's
// own: an account keeps its role in Kasip (an employer account, say) and
// gets these rights only in the organisations it is a member of.
const (
	RoleHR            = "hr"            // everything in the organisation: members, positions, staff, plans
	RoleHead          = "head"          // a unit's head: assesses and plans for the staff of the unit
	RoleMethodologist = "methodologist" // teacher or methodologist: the education programmes
)

// MemberRoles lists the roles of a member.
func MemberRoles() []string { return []string{RoleHR, RoleHead, RoleMethodologist} }

// Limits on the texts people type.
const (
	MaxName  = 300
	MaxText  = 4000
	MaxUnits = 200
)

// Organisation is an employer or an education provider.
type Organisation struct {
	ID    int64    `json:"id"`
	Kind  string   `json:"kind"`
	Name  string   `json:"name"`
	BIN   string   `json:"bin"`
	Units []string `json:"units"` // its departments, as they are called there
	Demo  bool     `json:"demo"`

	CreatedAt time.Time `json:"created_at"`
	CreatedBy int64     `json:"created_by_user_id"`
}

// Normalized trims the texts and drops empty and repeated units.
func (o Organisation) Normalized() Organisation {
	o.Kind, o.Name, o.BIN = strings.TrimSpace(o.Kind), strings.TrimSpace(o.Name), strings.TrimSpace(o.BIN)
	var units []string
	seen := map[string]bool{}
	for _, u := range o.Units {
		u = strings.TrimSpace(u)
		if u != "" && !seen[u] {
			seen[u] = true
			units = append(units, u)
		}
	}
	o.Units = units
	if o.Units == nil {
		o.Units = []string{}
	}
	return o
}

// Validate checks the kind, the name and the BIN with its check digit.
func (o Organisation) Validate() error {
	var p problems
	if o.Kind != KindEmployer && o.Kind != KindEducation {
		p.add("workforce.org_kind", "kind", o.Kind)
	}
	checkName(&p, "workforce.org_name", o.Name)
	if err := recognition.ValidateBIN(o.BIN); err != nil {
		p.addErr(err)
	}
	if len(o.Units) > MaxUnits {
		p.add("workforce.org_units", "max", itoa(MaxUnits))
	}
	for _, u := range o.Units {
		if utf8.RuneCountInString(u) > MaxName || !utf8.ValidString(u) {
			p.add("workforce.unit_long", "max", itoa(MaxName))
			break
		}
	}
	return p.err()
}

// HasUnit reports whether unit is "" (none) or one of the organisation's.
func (o Organisation) HasUnit(unit string) bool {
	if unit == "" {
		return true
	}
	for _, u := range o.Units {
		if u == unit {
			return true
		}
	}
	return false
}

func checkName(p *problems, key, s string) {
	if strings.TrimSpace(s) == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > MaxName {
		p.add(key, "max", itoa(MaxName))
	}
}

// Member is an account's membership of an organisation.
type Member struct {
	OrgID  int64  `json:"org_id"`
	UserID int64  `json:"user_id"`
	Login  string `json:"login,omitempty"` // filled on reads
	Name   string `json:"name,omitempty"`  // the account's display name, on reads
	Role   string `json:"role"`
	Unit   string `json:"unit,omitempty"` // a head's unit
}

// Validate checks the role, and that a head names a unit of org.
func (m Member) Validate(org Organisation) error {
	var p problems
	switch m.Role {
	case RoleHR, RoleMethodologist:
	case RoleHead:
		if m.Unit == "" {
			p.add("workforce.head_unit")
		}
	default:
		p.add("workforce.member_role", "role", m.Role)
	}
	if !org.HasUnit(m.Unit) {
		p.add("workforce.unit_unknown", "unit", m.Unit)
	}
	if m.UserID <= 0 {
		p.add("workforce.member_user")
	}
	return p.err()
}

// Employee is a person working in an organisation. No IIN is kept: an
// employee may link to their account (to assess themselves and see their
// plan) and to a candidate record of recognition (so that their
// certificates count).
type Employee struct {
	ID          int64  `json:"id"`
	OrgID       int64  `json:"org_id"`
	Name        string `json:"name"`
	Unit        string `json:"unit,omitempty"`
	PositionID  int64  `json:"position_id,omitempty"`
	UserID      int64  `json:"user_id,omitempty"`
	CandidateID int64  `json:"candidate_id,omitempty"`
	Demo        bool   `json:"demo"`

	CreatedAt time.Time `json:"created_at"`
}

// Validate checks the employee against org and its positions.
func (e Employee) Validate(org Organisation, position func(id int64) (Position, bool)) error {
	var p problems
	checkName(&p, "workforce.employee_name", e.Name)
	if !org.HasUnit(e.Unit) {
		p.add("workforce.unit_unknown", "unit", e.Unit)
	}
	if e.PositionID != 0 {
		if pos, ok := position(e.PositionID); !ok || pos.OrgID != org.ID {
			p.add("workforce.position_unknown", "id", itoa(e.PositionID))
		}
	}
	return p.err()
}

// Position is a job of an organisation bound to a card of a standard,
// pinned to a version so that a new version changes nothing until the
// organisation moves to it. Its job description is generated from the
// card; the sections HR edited are kept in Edits and survive regeneration.
type Position struct {
	ID       int64  `json:"id"`
	OrgID    int64  `json:"org_id"`
	Title    string `json:"title"`
	Unit     string `json:"unit,omitempty"`
	Standard string `json:"standard_code"`
	Version  string `json:"standard_version"`
	Card     int    `json:"card"`  // 0-based index in the standard
	Level    int    `json:"level"` // the card's qualification level, copied when bound
	// Required is the level on Scale each unit of the card needs, unless
	// RequiredFor overrides it for a unit (or an ability or knowledge item).
	Required    int            `json:"required"`
	RequiredFor map[string]int `json:"required_for,omitempty"`
	// Detailed: abilities and knowledge are assessed too, not only units.
	Detailed bool            `json:"detailed"`
	Edits    map[string]Edit `json:"edits,omitempty"` // by section key (jobdesc.Section.Key)
	Revision int             `json:"revision"`        // bumped on every change, for stale writes
	Demo     bool            `json:"demo"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks the texts and levels; the store checks the card exists.
func (pos Position) Validate(org Organisation) error {
	var p problems
	checkName(&p, "workforce.position_title", pos.Title)
	if !org.HasUnit(pos.Unit) {
		p.add("workforce.unit_unknown", "unit", pos.Unit)
	}
	if strings.TrimSpace(pos.Standard) == "" || pos.Card < 0 {
		p.add("workforce.position_card")
	}
	if !ValidLevel(pos.Required) || pos.Required == 0 {
		p.add("workforce.level", "level", itoa(pos.Required))
	}
	for path, l := range pos.RequiredFor {
		if !ValidLevel(l) {
			p.add("workforce.level", "level", itoa(l), "path", path)
		}
	}
	for key, e := range pos.Edits {
		if err := e.validate(key); err != nil {
			p.addErr(err)
		}
	}
	return p.err()
}

// RequiredOf is the level the position needs of the item at path.
func (pos Position) RequiredOf(path string) int {
	if l, ok := pos.RequiredFor[path]; ok {
		return l
	}
	return pos.Required
}

func itoa[T ~int | ~int64](n T) string { return strconv.FormatInt(int64(n), 10) }
