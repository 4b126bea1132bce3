package service

import (
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"
)

// CentreView is a recognition centre as the API shows it. The public sees
// the organisation (name, BIN, region, its contacts) and its
// accreditations; the list of assessors, people, only the centre's staff
// and administrators.
type CentreView struct {
	ID             int64                `json:"id"`
	Name           kasip.Text           `json:"name"`
	BIN            string               `json:"bin"`
	Region         string               `json:"region"`
	Contacts       recognition.Contacts `json:"contacts"`
	Head           recognition.Head     `json:"head"`
	Accredited     bool                 `json:"accredited"` // some accreditation is in force today
	Accreditations []AccreditationView  `json:"accreditations"`
	Assessors      []int64              `json:"assessors,omitempty"`
	CreatedAt      time.Time            `json:"created_at"`
}

// AccreditationView is an accreditation with its status as of today (an
// active one whose last day has passed is expired).
type AccreditationView struct {
	ID              int64                    `json:"id"`
	Number          string                   `json:"number"`
	ValidFrom       string                   `json:"valid_from"`
	ValidTo         string                   `json:"valid_to"`
	Status          string                   `json:"status"`
	Reason          string                   `json:"reason,omitempty"`
	Scope           []recognition.ScopeEntry `json:"scope"`
	StatusChangedAt time.Time                `json:"status_changed_at"`
}

func NewAccreditationView(a recognition.Accreditation, status string) AccreditationView {
	return AccreditationView{ID: a.ID, Number: a.Number, ValidFrom: recDate(a.From), ValidTo: recDate(a.To), Status: status,
		Reason: a.Reason, Scope: httpx.NonNilSlice(a.Scope), StatusChangedAt: a.StatusChangedAt}
}

// recCheckStaffManager: the centre's assessors are kept by administrators
// and by the centre's own manager.
func recCheckStaffManager(p auth.Principal, centre int64) error {
	if p.Is(auth.RoleAdmin) || IsCentreManager(p, centre) {
		return nil
	}
	return ErrRefused
}

var errNotAssessorAccount = RecErr(kasip.ErrInvalid, "centre.not_assessor_account")
