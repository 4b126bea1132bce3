package recognition

import (
	"mime"
	"strconv"
	"strings"
	"time"
)

// Settings are the rules the law leaves to regulations. Every deadline is a
// number of calendar days (the law speaks of working days in places; a
// calendar-day setting is the agreed approximation until a working-day
// calendar exists). Days are reckoned in the zone given by UTCOffsetMinutes.
type Settings struct {
	// Accreditation certificates are valid this many years by default.
	AccreditationYears int `json:"accreditation_years"`
	// A voucher is valid this many days from the day of issue, and a
	// candidate may receive at most VouchersPerYear per calendar year.
	VoucherValidDays int `json:"voucher_valid_days"`
	VouchersPerYear  int `json:"vouchers_per_year"`
	// Days the centre has to accept or reject a submitted application, the
	// employer to confirm a referral, the centre to schedule an accepted
	// application and to decide after the assessment. These produce due
	// dates (see Application.Deadline); they do not block the late action,
	// which would only hurt the candidate.
	AcceptDays          int `json:"accept_days"`
	ReferralConfirmDays int `json:"referral_confirm_days"`
	ScheduleDays        int `json:"schedule_days"`
	DecisionDays        int `json:"decision_days"`
	// Days after a decision during which the candidate may appeal; enforced.
	// A decided application cannot be closed before the period ends.
	AppealDays int `json:"appeal_days"`
	// Days the centre has to re-decide an appeal (a due date).
	RedecideDays int `json:"redecide_days"`
	// Default pass threshold of a component, in percent, when the programme
	// does not set one.
	PassThreshold int `json:"pass_threshold"`
	// Evidence files: allowed media types and the size limit in bytes.
	EvidenceTypes    []string `json:"evidence_types"`
	EvidenceMaxBytes int64    `json:"evidence_max_bytes"`
	// The zone calendar days are reckoned in: Kazakhstan has used a single
	// zone, UTC+5, since 2024. A fixed offset rather than a zone name, so
	// that no tz database is needed at run time.
	UTCOffsetMinutes int `json:"utc_offset_minutes"`
}

// DefaultSettings are the values used until an administrator changes them.
func DefaultSettings() Settings {
	return Settings{
		AccreditationYears:  3,
		VoucherValidDays:    45,
		VouchersPerYear:     1,
		AcceptDays:          5,
		ReferralConfirmDays: 10,
		ScheduleDays:        30,
		DecisionDays:        5,
		AppealDays:          10,
		RedecideDays:        10,
		PassThreshold:       70,
		EvidenceTypes: []string{
			"application/pdf", "image/jpeg", "image/png",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			"video/mp4", "text/plain",
		},
		EvidenceMaxBytes: 20 << 20,
		UTCOffsetMinutes: 5 * 60,
	}
}

// Validate reports every setting that is out of range.
func (s Settings) Validate() error {
	var p problems
	positive := []struct {
		name string
		v    int
	}{
		{"accreditation_years", s.AccreditationYears},
		{"voucher_valid_days", s.VoucherValidDays},
		{"vouchers_per_year", s.VouchersPerYear},
		{"accept_days", s.AcceptDays},
		{"referral_confirm_days", s.ReferralConfirmDays},
		{"schedule_days", s.ScheduleDays},
		{"decision_days", s.DecisionDays},
		{"appeal_days", s.AppealDays},
		{"redecide_days", s.RedecideDays},
	}
	for _, f := range positive {
		if f.v < 1 || f.v > 3660 {
			p.add("settings.days", "setting", f.name, "value", strconv.Itoa(f.v))
		}
	}
	if s.PassThreshold < 1 || s.PassThreshold > 100 {
		p.add("settings.threshold", "value", strconv.Itoa(s.PassThreshold))
	}
	if s.EvidenceMaxBytes < 1 {
		p.add("settings.evidence_max")
	}
	if len(s.EvidenceTypes) == 0 {
		p.add("settings.evidence_types")
	}
	for _, t := range s.EvidenceTypes {
		if mt, _, err := mime.ParseMediaType(t); err != nil || mt != strings.ToLower(t) {
			p.add("settings.evidence_type", "type", t)
		}
	}
	if s.UTCOffsetMinutes < -12*60 || s.UTCOffsetMinutes > 14*60 {
		p.add("settings.offset", "value", strconv.Itoa(s.UTCOffsetMinutes))
	}
	return p.err("recognition settings")
}

// Location is the zone calendar days are reckoned in.
func (s Settings) Location() *time.Location {
	return time.FixedZone("", s.UTCOffsetMinutes*60)
}

// Day returns the calendar day of t in the settings' zone, as midnight UTC
// of that date: the form dates take throughout the package.
func (s Settings) Day(t time.Time) time.Time {
	y, m, d := t.In(s.Location()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// after returns the first instant (in the settings' zone) of the day that
// follows the day of t plus days: the moment a period of days beginning on
// the day of t has run out. A period of 10 days from a decision on the 1st
// runs through the 11th.
func (s Settings) after(t time.Time, days int) time.Time {
	loc := s.Location()
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d+days+1, 0, 0, 0, 0, loc)
}

// AllowsEvidenceType reports whether the media type (parameters ignored) is
// in the allowlist.
func (s Settings) AllowsEvidenceType(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	for _, t := range s.EvidenceTypes {
		if t == mt {
			return true
		}
	}
	return false
}

// Date formats a day (as Day returns it) as ISO 8601.
func Date(t time.Time) string { return t.Format(time.DateOnly) }
