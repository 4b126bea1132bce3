package recognition

import (
	"strings"
	"time"
)

// Candidate is a person seeking recognition.
type Candidate struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"` // full name as in the identity document
	IIN       string    `json:"iin"`
	BirthDate time.Time `json:"birth_date"` // a day (midnight UTC)
	Sex       string    `json:"sex"`        // from the IIN: male, female
	Contacts  Contacts  `json:"contacts"`
	// ConsentAt is when the candidate consented to the processing of their
	// personal data; required (the law on personal data), never in the
	// future.
	ConsentAt time.Time `json:"consent_at"`
	UserID    int64     `json:"user_id,omitempty"` // the candidate's account, when they have one
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks a new candidate at time now, and fills Sex from the IIN.
func (c *Candidate) Validate(now time.Time) error {
	var p problems
	if strings.TrimSpace(c.Name) == "" {
		p.add("candidate.name_required")
	}
	if c.BirthDate.IsZero() {
		p.add("candidate.birth_required")
	}
	if err := ValidateIIN(c.IIN, c.BirthDate); err != nil {
		p.addErr(err)
	} else {
		_, c.Sex, _ = IINBirthDate(c.IIN)
	}
	if !c.BirthDate.IsZero() && c.BirthDate.After(now) {
		p.add("candidate.birth_future", "date", Date(c.BirthDate))
	}
	switch {
	case c.ConsentAt.IsZero():
		p.add("candidate.consent_required")
	case c.ConsentAt.After(now.Add(time.Minute)): // a minute of clock skew
		p.add("candidate.consent_future", "at", Moment(c.ConsentAt))
	}
	c.Contacts.validate(&p)
	return p.err("candidate")
}

// Voucher is a state voucher: the candidate's assessment is paid by the
// state. Valid VoucherValidDays from the day of issue; used by at most one
// application that is not rejected.
type Voucher struct {
	ID          int64     `json:"id"`
	CandidateID int64     `json:"candidate_id"`
	IssuedAt    time.Time `json:"issued_at"`
	// ExpiresAt is the first instant it is no longer valid.
	ExpiresAt time.Time `json:"expires_at"`
	Year      int       `json:"year"` // calendar year of issue, for the yearly limit
	IssuedBy  int64     `json:"issued_by_user_id"`
	// ApplicationID is the application using it, 0 when free.
	ApplicationID int64 `json:"application_id,omitempty"`
}

// NewVoucher makes the voucher issued to candidate at now.
func NewVoucher(candidate, issuer int64, now time.Time, set Settings) Voucher {
	return Voucher{CandidateID: candidate, IssuedAt: now, IssuedBy: issuer,
		ExpiresAt: set.after(now, set.VoucherValidDays), Year: set.Day(now).Year()}
}

// Valid reports whether the voucher can still be used at t.
func (v Voucher) Valid(t time.Time) bool { return t.Before(v.ExpiresAt) }
