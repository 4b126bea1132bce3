package recognition

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kasip/kasip"
)

// Contacts of a centre or a candidate.
type Contacts struct {
	Address string `json:"address,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Email   string `json:"email,omitempty"`
	Website string `json:"website,omitempty"`
}

func (c Contacts) validate(p *problems) {
	if c.Email != "" && (!strings.Contains(c.Email, "@") || strings.ContainsAny(c.Email, " \t\r\n")) {
		p.add("contacts.email", "email", c.Email)
	}
}

// Centre is a recognition centre.
type Centre struct {
	ID       int64      `json:"id"`
	Name     kasip.Text `json:"name"` // kk and ru
	BIN      string     `json:"bin"`
	Region   string     `json:"region"`
	Contacts Contacts   `json:"contacts"`
	// Head is the head of the centre who signs its certificates.
	Head           Head            `json:"head"`
	CreatedAt      time.Time       `json:"created_at"`
	Accreditations []Accreditation `json:"accreditations"`
	Assessors      []int64         `json:"assessors"` // user ids
}

// Validate checks the fields a caller supplies.
func (c Centre) Validate() error {
	var p problems
	if c.Name.IsEmpty() {
		p.add("centre.name_required")
	}
	for l := range c.Name {
		if l != "kk" && l != "ru" && l != "en" {
			p.add("centre.name_lang", "lang", l)
		}
	}
	if err := ValidateBIN(c.BIN); err != nil {
		p.addErr(err)
	}
	c.Contacts.validate(&p)
	c.Head.validate(&p)
	return p.err("centre")
}

// Head is the head of a recognition centre as the certificates print
// them: the position in Kazakh and Russian (Директор / Директор) and the
// full name. Both may be empty until the centre fills them in; the PDF
// then leaves the line blank.
type Head struct {
	Position kasip.Text `json:"position,omitempty"`
	Name     string     `json:"name,omitempty"`
}

// maxHeadRunes bounds the position and the name: they must fit one line
// of the certificate.
const maxHeadRunes = 120

func (h Head) validate(p *problems) {
	for l, v := range h.Position {
		if l != "kk" && l != "ru" && l != "en" {
			p.add("centre.head_lang", "lang", l)
		}
		if utf8.RuneCountInString(v) > maxHeadRunes {
			p.add("centre.head_long", "max", strconv.Itoa(maxHeadRunes))
		}
	}
	if utf8.RuneCountInString(h.Name) > maxHeadRunes {
		p.add("centre.head_long", "max", strconv.Itoa(maxHeadRunes))
	}
}

// Normalized trims the head's texts and drops empty positions.
func (h Head) Normalized() Head {
	out := Head{Name: strings.Join(strings.Fields(h.Name), " ")}
	for l, v := range h.Position {
		if v = strings.Join(strings.Fields(v), " "); v != "" {
			if out.Position == nil {
				out.Position = kasip.Text{}
			}
			out.Position[l] = v
		}
	}
	return out
}

// HasAssessor reports whether user is an assessor of the centre.
func (c Centre) HasAssessor(user int64) bool { return slices.Contains(c.Assessors, user) }

// Accreditation statuses. Expired is also what an active accreditation
// becomes, without a write, once its validity has run out (StatusAt).
const (
	AccreditationActive    = "active"
	AccreditationSuspended = "suspended"
	AccreditationRevoked   = "revoked"
	AccreditationExpired   = "expired"
)

// accreditationMoves are the status changes an administrator may make.
// Revoked and expired are final: a centre is accredited again with a new
// accreditation (a new certificate number).
var accreditationMoves = map[string][]string{
	AccreditationActive:    {AccreditationSuspended, AccreditationRevoked, AccreditationExpired},
	AccreditationSuspended: {AccreditationActive, AccreditationRevoked, AccreditationExpired},
}

// Accreditation is a centre's accreditation certificate and its scope.
type Accreditation struct {
	ID       int64        `json:"id"`
	CentreID int64        `json:"centre_id"`
	Number   string       `json:"number"`
	From     time.Time    `json:"valid_from"` // a day (midnight UTC)
	To       time.Time    `json:"valid_to"`   // the last day it is valid, inclusive
	Status   string       `json:"status"`
	Reason   string       `json:"reason,omitempty"` // of the last status change
	Scope    []ScopeEntry `json:"scope"`
	// StatusChangedAt is when Status was last set (creation included).
	StatusChangedAt time.Time `json:"status_changed_at"`
}

// ScopeEntry is a card a centre may assess, named as the register does:
// by the standard's code and the card's number (Kazakh standards, 1-based)
// or its code (Russian OTF, "A"); and the levels it may assess (none
// listed: any level of the card).
type ScopeEntry struct {
	StandardCode string `json:"standard_code"`
	CardNumber   int    `json:"card_number,omitempty"`
	CardCode     string `json:"card_code,omitempty"`
	Levels       []int  `json:"levels,omitempty"`
}

// String names the entry for messages: "M84120 card 2 levels 5".
func (e ScopeEntry) String() string {
	s := e.StandardCode + " card "
	if e.CardCode != "" {
		s += e.CardCode
	} else {
		s += strconv.Itoa(e.CardNumber)
	}
	if len(e.Levels) > 0 {
		s += fmt.Sprintf(" levels %v", e.Levels)
	}
	return s
}

// Matches reports whether the entry covers card (number cardIndex of the
// standard code) at level. A card without a number of its own is number
// cardIndex+1, as the passport lists it.
func (e ScopeEntry) Matches(code string, card *kasip.Card, cardIndex, level int) bool {
	if e.StandardCode != code {
		return false
	}
	number := card.Number
	if number == 0 {
		number = cardIndex + 1
	}
	switch {
	case e.CardCode != "":
		if card.Code != e.CardCode {
			return false
		}
	case e.CardNumber != number:
		return false
	}
	return len(e.Levels) == 0 || slices.Contains(e.Levels, level)
}

// DefaultTo fills To from From and the settings when it is zero: from the
// 10th of January 2025 for 3 years is to the 9th of January 2028.
func (a *Accreditation) DefaultTo(set Settings) {
	if a.To.IsZero() && !a.From.IsZero() {
		a.To = a.From.AddDate(set.AccreditationYears, 0, -1)
	}
}

// Validate checks a new accreditation.
func (a Accreditation) Validate() error {
	var p problems
	if strings.TrimSpace(a.Number) == "" {
		p.add("accreditation.number_required")
	}
	if a.From.IsZero() || a.To.IsZero() {
		p.add("accreditation.period_required")
	} else if a.To.Before(a.From) {
		p.add("accreditation.period_order", "to", Date(a.To), "from", Date(a.From))
	}
	if len(a.Scope) == 0 {
		p.add("accreditation.scope_empty")
	}
	for i, e := range a.Scope {
		if e.StandardCode == "" {
			p.add("accreditation.scope_code", "n", strconv.Itoa(i+1))
		}
		if (e.CardNumber > 0) == (e.CardCode != "") {
			p.add("accreditation.scope_card", "n", strconv.Itoa(i+1))
		}
		if e.CardNumber < 0 {
			p.add("accreditation.scope_card_number", "n", strconv.Itoa(i+1), "card", strconv.Itoa(e.CardNumber))
		}
		for _, l := range e.Levels {
			if l < 1 || l > 8 {
				p.add("accreditation.scope_level", "n", strconv.Itoa(i+1), "level", strconv.Itoa(l))
			}
		}
	}
	return p.err("accreditation")
}

// StatusAt is the status in effect at t: an active accreditation whose last
// day has passed is expired.
func (a Accreditation) StatusAt(t time.Time, set Settings) string {
	if a.Status == AccreditationActive && set.Day(t).After(a.To) {
		return AccreditationExpired
	}
	return a.Status
}

// CheckStatusChange checks that an administrator may move the
// accreditation to status; a reason is always required.
func (a Accreditation) CheckStatusChange(status, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return invalid("accreditation.reason_required", "number", a.Number)
	}
	if !slices.Contains(accreditationMoves[a.Status], status) {
		return NewError(ErrIllegalTransition, "accreditation.transition", "number", a.Number, "status", a.Status, "to", status,
			"allowed", orNone(accreditationMoves[a.Status]))
	}
	return nil
}

// Permits checks that the centre may assess card (number cardIndex of the
// standard code) at level at time t: some accreditation is active, in
// date, and has the card and level in scope. The error says why not.
func (c Centre) Permits(code string, card *kasip.Card, cardIndex, level int, t time.Time, set Settings) error {
	day := set.Day(t)
	var why []string
	for _, a := range c.Accreditations {
		switch st := a.StatusAt(t, set); {
		case st != AccreditationActive:
			why = append(why, fmt.Sprintf("%s is %s", a.Number, st))
		case day.Before(a.From):
			why = append(why, fmt.Sprintf("%s is valid from %s", a.Number, Date(a.From)))
		case !slices.ContainsFunc(a.Scope, func(e ScopeEntry) bool { return e.Matches(code, card, cardIndex, level) }):
			why = append(why, fmt.Sprintf("%s does not cover it", a.Number))
		default:
			return nil
		}
	}
	if len(why) == 0 {
		why = append(why, "the centre has no accreditation")
	}
	return NewError(ErrNotAccredited, "centre.not_accredited", "id", itoa(c.ID), "code", code,
		"card", strconv.Itoa(cardIndex+1), "level", strconv.Itoa(level), "date", Date(day)).Wrap(errors.New(strings.Join(why, "; ")))
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "—"
	}
	return strings.Join(s, ", ")
}
