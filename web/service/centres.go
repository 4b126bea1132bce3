package service

import (
	"net/http"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"

	"github.com/kasip/kasip/web/session"
)

// AccreditationInput adds an accreditation; valid_to may be left out (the
// settings' validity from valid_from).
type AccreditationInput struct {
	Number    string                   `json:"number"`
	ValidFrom string                   `json:"valid_from"`
	ValidTo   string                   `json:"valid_to"`
	Scope     []recognition.ScopeEntry `json:"scope"`
}

// StatusInput changes a status, for a reason.
type StatusInput struct {
	Status string `json:"status"`
	Reason string `json:"reason"`
}

// centreView builds the view of c at now; staff decides whether the
// assessors are shown.
func NewCentreView(c recognition.Centre, now time.Time, set recognition.Settings, staff bool) CentreView {
	v := CentreView{ID: c.ID, Name: c.Name, BIN: c.BIN, Region: c.Region, Contacts: c.Contacts, Head: c.Head, CreatedAt: c.CreatedAt,
		Accreditations: make([]AccreditationView, 0, len(c.Accreditations))}
	day := set.Day(now)
	for _, a := range c.Accreditations {
		st := a.StatusAt(now, set)
		if st == recognition.AccreditationActive && !day.Before(a.From) {
			v.Accredited = true
		}
		v.Accreditations = append(v.Accreditations, NewAccreditationView(a, st))
	}
	if staff {
		v.Assessors = httpx.NonNilSlice(c.Assessors)
	}
	return v
}

// seesCentreStaff reports whether p may see who works for the centre.
func SeesCentreStaff(p auth.Principal, centre int64) bool {
	return p.Is(auth.RoleAdmin) || p.InCentre(centre)
}

// accreditation turns the input into an accreditation, the dates parsed.
func (in AccreditationInput) Accreditation() (recognition.Accreditation, error) {
	from, err := recDay(in.ValidFrom)
	if err != nil {
		return recognition.Accreditation{}, err
	}
	to, err := recDay(in.ValidTo)
	if err != nil {
		return recognition.Accreditation{}, err
	}
	return recognition.Accreditation{Number: strings.TrimSpace(in.Number), From: from, To: to, Scope: in.Scope}, nil
}

// recSetAccreditationStatus changes the status of accreditation accID of
// centre id; an accreditation of another centre is not found there.
func (s *Server) RecSetAccreditationStatus(r *http.Request, rs recognition.Store, id, accID int64, in StatusInput) (recognition.Accreditation, error) {
	c, err := rs.GetCentre(r.Context(), id)
	if err != nil {
		return recognition.Accreditation{}, err
	}
	found := false
	for _, a := range c.Accreditations {
		found = found || a.ID == accID
	}
	if !found {
		return recognition.Accreditation{}, ErrHidden
	}
	return rs.SetAccreditationStatus(r.Context(), RecActor(r), accID, strings.TrimSpace(in.Status), in.Reason)
}

// recAddAssessor makes user an assessor of the centre: an assessor
// account of that very centre, so that the account's centre and the
// centre's assessors never disagree.
func (s *Server) RecAddAssessor(r *http.Request, rs recognition.Store, centre, user int64) error {
	// The centre first: of a centre that does not exist, nobody is the
	// manager, and "not found" is the truer answer.
	if _, err := rs.GetCentre(r.Context(), centre); err != nil {
		return err
	}
	if err := recCheckStaffManager(session.Principal(r), centre); err != nil {
		return err
	}
	if s.Accounts != nil {
		u, err := s.Accounts.UserByID(r.Context(), user)
		if err != nil {
			return err
		}
		if u.Role != auth.RoleAssessor || u.CentreID != centre {
			return errNotAssessorAccount
		}
	}
	return rs.AddAssessor(r.Context(), RecActor(r), centre, user)
}

func (s *Server) RecRemoveAssessor(r *http.Request, centre, user int64, rs recognition.Store) error {
	if _, err := rs.GetCentre(r.Context(), centre); err != nil {
		return err
	}
	if err := recCheckStaffManager(session.Principal(r), centre); err != nil {
		return err
	}
	return rs.RemoveAssessor(r.Context(), RecActor(r), centre, user)
}

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
