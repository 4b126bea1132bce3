package certificate

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

// Statuses. A certificate is stored valid, suspended or revoked; expired is
// what a certificate that is not revoked becomes, without a write, once
// its validity has run out (Status).
const (
	StatusValid     = "valid"
	StatusSuspended = "suspended"
	StatusRevoked   = "revoked"
	StatusExpired   = "expired"
)

// Errors: the kinds of package recognition, so that the web layer maps
// them alike (ErrConflict → 409).
var (
	ErrInvalid  = kasip.ErrInvalid
	ErrNotFound = kasip.ErrNotFound
	ErrConflict = recognition.ErrConflict
)

// Unit kinds.
const (
	KindFunction = "function"
	KindSkill    = "skill"
)

// Unit is a recognised labour function or skill of the card.
type Unit struct {
	Path  string     `json:"path"`  // model path within the standard: "cards[1].functions[0].skills[2]"
	Code  string     `json:"code"`  // position in the card as people cite it: "1.3"; a Russian function's code ("A/01.3")
	Kind  string     `json:"kind"`  // function or skill
	Title kasip.Text `json:"title"` // as the standard words it
}

// Certificate is an issued certificate: what it certifies, as of the day
// of issue (names and titles are copied, so that it reads the same
// whatever later happens to the candidate, the centre or the standard).
type Certificate struct {
	Number        string `json:"number"`
	ApplicationID int64  `json:"application_id"`
	DecisionID    int64  `json:"decision_id"`
	CandidateID   int64  `json:"candidate_id"`
	HolderName    string `json:"holder_name"`

	Profession      kasip.Text `json:"profession"` // the card's title, kk and ru
	Level           int        `json:"level"`
	StandardCode    string     `json:"standard_code"`
	StandardVersion string     `json:"standard_version"`
	StandardTitle   kasip.Text `json:"standard_title"`
	Card            int        `json:"card"` // 0-based index of the card in the standard
	// Whole: the whole qualification (the card) is recognised, and Units
	// lists every function and skill of the card; otherwise Units are the
	// units recognised.
	Whole bool   `json:"whole"`
	Units []Unit `json:"units"`

	CentreID   int64      `json:"centre_id"`
	CentreName kasip.Text `json:"centre_name"`
	CentreBIN  string     `json:"centre_bin"`
	// CentreHead signs the certificate: as of the day of issue.
	CentreHead recognition.Head `json:"centre_head"`

	IssuedAt   time.Time `json:"issued_at"`   // the instant of issue
	IssueDate  time.Time `json:"issue_date"`  // its day (midnight UTC of the local date)
	ValidUntil time.Time `json:"valid_until"` // the last day it is valid, inclusive
	// ExpiresAt is the first instant it is no longer valid: the start of
	// the day after ValidUntil in the issuing zone (the credential's
	// validUntil is the second before).
	ExpiresAt time.Time `json:"expires_at"`

	// State is the stored status: valid, suspended or revoked (Status
	// adds expired). Reason, time and actor are of the last change.
	State          string    `json:"state"`
	StateReason    string    `json:"state_reason,omitempty"`
	StateChangedAt time.Time `json:"state_changed_at"`
	StateChangedBy int64     `json:"state_changed_by_user_id,omitempty"`

	Demo bool `json:"demo"`

	// The credential: the key that signed it and its bit in the status
	// lists (the same index in the revocation and the suspension list).
	IssuerKeyID  string `json:"issuer_key_id"`
	StatusListID int64  `json:"status_list_id"`
	StatusIndex  int    `json:"status_index"`
	IssuedBy     int64  `json:"issued_by_user_id"`
}

// Status is the status in effect at t: the stored one, except that a
// certificate that is not revoked is expired from ExpiresAt on. Revoked
// stays revoked: it says more than expired.
func (c Certificate) Status(t time.Time) string {
	if c.State != StatusRevoked && !c.ExpiresAt.IsZero() && !t.Before(c.ExpiresAt) {
		return StatusExpired
	}
	return c.State
}

// statusMoves are the changes a manager may make. Revoked is final; an
// expired certificate can still be revoked (fraud found later) or
// suspended, which only changes what verifiers are told.
var statusMoves = map[string][]string{
	StatusValid:     {StatusSuspended, StatusRevoked},
	StatusSuspended: {StatusValid, StatusRevoked},
}

// CheckStatusChange checks that the stored state may become to, for
// reason (required: a verifier is told the certificate changed, and the
// holder must be able to learn why).
func (c Certificate) CheckStatusChange(to, reason string) error {
	if !slices.Contains([]string{StatusValid, StatusSuspended, StatusRevoked}, to) {
		return recognition.NewError(ErrInvalid, "certificate.status_unknown", "number", c.Number, "to", to)
	}
	if strings.TrimSpace(reason) == "" {
		return recognition.NewError(ErrInvalid, "certificate.reason_required", "number", c.Number)
	}
	if !slices.Contains(statusMoves[c.State], to) {
		allowed := strings.Join(statusMoves[c.State], ", ")
		if allowed == "" {
			allowed = "—"
		}
		return recognition.NewError(recognition.ErrIllegalTransition, "certificate.transition", "number", c.Number,
			"status", c.State, "to", to, "allowed", allowed)
	}
	return nil
}

// Public is what the public register shows about a certificate: nothing
// that identifies the holder beyond the name printed on it (no IIN, birth
// date, contacts), nor internal ids. The reason of a suspension or a
// revocation is shown: a verifier told "do not accept" must learn why
// (the staff's form warns that it is public).
type Public struct {
	Number          string     `json:"number"`
	HolderName      string     `json:"holder_name"`
	Profession      kasip.Text `json:"profession"`
	Level           int        `json:"level"`
	StandardCode    string     `json:"standard_code"`
	StandardVersion string     `json:"standard_version"`
	Whole           bool       `json:"whole"`
	Units           []Unit     `json:"units"`
	CentreName      kasip.Text `json:"centre_name"`
	CentreBIN       string     `json:"centre_bin"`
	IssueDate       string     `json:"issue_date"`  // ISO 8601 day
	ValidUntil      string     `json:"valid_until"` // ISO 8601 day, inclusive
	Status          string     `json:"status"`      // valid, suspended, revoked, expired
	StatusSince     string     `json:"status_since"`
	// StatusReason: why it was suspended or revoked; empty otherwise.
	StatusReason string `json:"status_reason,omitempty"`
	Demo         bool   `json:"demo"`
}

// Public returns the public view of c at t.
func (c Certificate) Public(t time.Time) Public {
	p := Public{Number: c.Number, HolderName: c.HolderName, Profession: c.Profession, Level: c.Level,
		StandardCode: c.StandardCode, StandardVersion: c.StandardVersion, Whole: c.Whole, Units: c.Units,
		CentreName: c.CentreName, CentreBIN: c.CentreBIN, IssueDate: day(c.IssueDate),
		ValidUntil: day(c.ValidUntil), Status: c.Status(t), Demo: c.Demo}
	switch p.Status {
	case StatusExpired:
		p.StatusSince = day(c.ValidUntil.AddDate(0, 0, 1))
	case StatusValid:
		p.StatusSince = day(c.IssueDate)
	default:
		p.StatusSince, p.StatusReason = day(c.StateChangedAt), c.StateReason
	}
	return p
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// errs joins validation problems into one ErrInvalid.
func errs(what string, p []string) error {
	if len(p) == 0 {
		return nil
	}
	return fmt.Errorf("%s: %s: %w", what, strings.Join(p, "; "), ErrInvalid)
}

// IssuerKey is the public description of a key certificates are signed
// with: the entries of a did:web document to come.
type IssuerKey struct {
	KeyID              string    `json:"key_id"` // did:key:z…#z…
	PublicKeyMultibase string    `json:"public_key_multibase"`
	Active             bool      `json:"active"`
	CreatedAt          time.Time `json:"created_at"`
	RetiredAt          time.Time `json:"retired_at,omitzero"`
}

// Query is a search of the public register: by the exact number, or by the
// holder's name together with the profession. A name alone is not enough,
// so that the register cannot be used to list the certificates of everyone
// called Асан.
type Query struct {
	Number string `json:"number,omitempty"`
	// Holder: at least two words of the name (surname and given name), each
	// matched as a whole word of the name in any order, folded (Words).
	Holder string `json:"holder,omitempty"`
	// Profession: words found anywhere in the card's title (Kazakh or
	// Russian) or the standard's code, folded; at least one of three
	// letters or more.
	Profession string `json:"profession,omitempty"`
	Limit      int    `json:"limit,omitempty"` // 0: DefaultLimit; at most MaxLimit
	Offset     int    `json:"offset,omitempty"`
}

// Page sizes of a search.
const (
	DefaultLimit = 20
	MaxLimit     = 100
	maxWords     = 8
)

// Check validates q and fills the page size; it returns the folded words
// of the name and of the profession.
func (q *Query) Check() (holder, profession []string, err error) {
	q.Number = strings.TrimSpace(q.Number)
	if q.Limit == 0 {
		q.Limit = DefaultLimit
	}
	var p []string
	if q.Limit < 1 || q.Limit > MaxLimit {
		p = append(p, fmt.Sprintf("limit %d is not 1 to %d", q.Limit, MaxLimit))
	}
	if q.Offset < 0 {
		p = append(p, fmt.Sprintf("offset %d is negative", q.Offset))
	}
	if q.Number == "" {
		holder, profession = Words(q.Holder), Words(q.Profession)
		if len(holder) < 2 {
			p = append(p, "give the certificate number, or at least two words of the holder's name with the profession")
		}
		if !slices.ContainsFunc(profession, func(w string) bool { return len([]rune(w)) >= 3 }) {
			p = append(p, "give the profession (a word of at least three letters) with the holder's name")
		}
		if len(holder) > maxWords || len(profession) > maxWords {
			p = append(p, fmt.Sprintf("at most %d words of the name and of the profession", maxWords))
		}
	}
	return holder, profession, errs("certificate search", p)
}
