package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
)

// Recognition centres in the API: public reads, administrator writes, and
// the assessors, which the centre's manager keeps too.

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

// CentreInput is the body that creates or updates a centre.
type CentreInput struct {
	Name     kasip.Text           `json:"name"`
	BIN      string               `json:"bin"`
	Region   string               `json:"region"`
	Contacts recognition.Contacts `json:"contacts"`
	Head     recognition.Head     `json:"head"`
}

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

// AssessorInput names a user to make an assessor.
type AssessorInput struct {
	UserID int64 `json:"user_id"`
}

// centreView builds the view of c at now; staff decides whether the
// assessors are shown.
func centreView(c recognition.Centre, now time.Time, set recognition.Settings, staff bool) CentreView {
	v := CentreView{ID: c.ID, Name: c.Name, BIN: c.BIN, Region: c.Region, Contacts: c.Contacts, Head: c.Head, CreatedAt: c.CreatedAt,
		Accreditations: make([]AccreditationView, 0, len(c.Accreditations))}
	day := set.Day(now)
	for _, a := range c.Accreditations {
		st := a.StatusAt(now, set)
		if st == recognition.AccreditationActive && !day.Before(a.From) {
			v.Accredited = true
		}
		v.Accreditations = append(v.Accreditations, accreditationView(a, st))
	}
	if staff {
		v.Assessors = nonNilSlice(c.Assessors)
	}
	return v
}

func accreditationView(a recognition.Accreditation, status string) AccreditationView {
	return AccreditationView{ID: a.ID, Number: a.Number, ValidFrom: recDate(a.From), ValidTo: recDate(a.To), Status: status,
		Reason: a.Reason, Scope: nonNilSlice(a.Scope), StatusChangedAt: a.StatusChangedAt}
}

// seesCentreStaff reports whether p may see who works for the centre.
func seesCentreStaff(p auth.Principal, centre int64) bool {
	return p.Is(auth.RoleAdmin) || p.InCentre(centre)
}

// GET /api/v1/centres
func (s *Server) apiListCentres(w http.ResponseWriter, r *http.Request) {
	rs, err := s.recStore()
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	cs, err := rs.ListCentres(r.Context())
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	p, now := principal(r), s.opt.Now()
	out := List[CentreView]{Items: make([]CentreView, 0, len(cs))}
	for _, c := range cs {
		out.Items = append(out.Items, centreView(c, now, set, seesCentreStaff(p, c.ID)))
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// GET /api/v1/centres/{id}
func (s *Server) apiGetCentre(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	s.writeCentre(w, r, rs, id, http.StatusOK)
}

// writeCentre answers with the centre's view as it is now.
// writeAccreditation answers with an accreditation and its status today
// (which depends on the settings: the grace of an expired one).
func (s *Server) writeAccreditation(w http.ResponseWriter, r *http.Request, rs RecognitionStore, a recognition.Accreditation, status int) {
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	s.writeJSON(w, r, status, accreditationView(a, a.StatusAt(s.opt.Now(), set)))
}

func (s *Server) writeCentre(w http.ResponseWriter, r *http.Request, rs RecognitionStore, id int64, status int) {
	c, err := rs.GetCentre(r.Context(), id)
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	s.writeJSON(w, r, status, centreView(c, s.opt.Now(), set, seesCentreStaff(principal(r), id)))
}

// recStart gets the recognition store and the id wildcard named name
// (none when name is ""), answering and reporting false on failure.
func (s *Server) recStart(w http.ResponseWriter, r *http.Request, name string) (RecognitionStore, int64, bool) {
	rs, err := s.recStore()
	if err != nil {
		s.recProblem(w, r, err)
		return nil, 0, false
	}
	if name == "" {
		return rs, 0, true
	}
	id, perr := recPathID(r, name)
	if perr != nil {
		s.badParam(w, r, perr)
		return nil, 0, false
	}
	return rs, id, true
}

func (in CentreInput) centre() recognition.Centre {
	return recognition.Centre{Name: in.Name, BIN: strings.TrimSpace(in.BIN), Region: strings.TrimSpace(in.Region), Contacts: in.Contacts,
		Head: in.Head.Normalized()}
}

// POST /api/v1/centres (administrator)
func (s *Server) apiCreateCentre(w http.ResponseWriter, r *http.Request) {
	rs, _, ok := s.recStart(w, r, "")
	if !ok {
		return
	}
	var in CentreInput
	if !s.recReadJSON(w, r, &in) {
		return
	}
	c, err := rs.CreateCentre(r.Context(), recActor(r), in.centre())
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/centres/"+recItoa(c.ID))
	s.writeCentre(w, r, rs, c.ID, http.StatusCreated)
}

// PUT /api/v1/centres/{id} (administrator)
func (s *Server) apiUpdateCentre(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	var in CentreInput
	if !s.recReadJSON(w, r, &in) {
		return
	}
	if _, err := rs.UpdateCentre(r.Context(), recActor(r), id, in.centre()); err != nil {
		s.recProblem(w, r, err)
		return
	}
	s.writeCentre(w, r, rs, id, http.StatusOK)
}

// accreditation turns the input into an accreditation, the dates parsed.
func (in AccreditationInput) accreditation() (recognition.Accreditation, error) {
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

// POST /api/v1/centres/{id}/accreditations (administrator)
func (s *Server) apiAddAccreditation(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	var in AccreditationInput
	if !s.recReadJSON(w, r, &in) {
		return
	}
	a, err := in.accreditation()
	if err == nil {
		a, err = rs.AddAccreditation(r.Context(), recActor(r), id, a)
	}
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	s.writeAccreditation(w, r, rs, a, http.StatusCreated)
}

// PUT /api/v1/centres/{id}/accreditations/{accreditation}/status (administrator)
func (s *Server) apiSetAccreditationStatus(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	accID, perr := recPathID(r, "accreditation")
	if perr != nil {
		s.badParam(w, r, perr)
		return
	}
	var in StatusInput
	if !s.recReadJSON(w, r, &in) {
		return
	}
	a, err := s.recSetAccreditationStatus(r, rs, id, accID, in)
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	s.writeAccreditation(w, r, rs, a, http.StatusOK)
}

// recSetAccreditationStatus changes the status of accreditation accID of
// centre id; an accreditation of another centre is not found there.
func (s *Server) recSetAccreditationStatus(r *http.Request, rs RecognitionStore, id, accID int64, in StatusInput) (recognition.Accreditation, error) {
	c, err := rs.GetCentre(r.Context(), id)
	if err != nil {
		return recognition.Accreditation{}, err
	}
	found := false
	for _, a := range c.Accreditations {
		found = found || a.ID == accID
	}
	if !found {
		return recognition.Accreditation{}, errHidden
	}
	return rs.SetAccreditationStatus(r.Context(), recActor(r), accID, strings.TrimSpace(in.Status), in.Reason)
}

// POST /api/v1/centres/{id}/assessors (administrator, the centre's manager)
func (s *Server) apiAddAssessor(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	var in AssessorInput
	if !s.recReadJSON(w, r, &in) {
		return
	}
	if err := s.recAddAssessor(r, rs, id, in.UserID); err != nil {
		s.recProblem(w, r, err)
		return
	}
	s.writeCentre(w, r, rs, id, http.StatusOK)
}

// DELETE /api/v1/centres/{id}/assessors/{user} (administrator, the centre's manager)
func (s *Server) apiRemoveAssessor(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	user, perr := recPathID(r, "user")
	if perr != nil {
		s.badParam(w, r, perr)
		return
	}
	if err := s.recRemoveAssessor(r, id, user, rs); err != nil {
		s.recProblem(w, r, err)
		return
	}
	s.writeCentre(w, r, rs, id, http.StatusOK)
}

// recCheckStaffManager: the centre's assessors are kept by administrators
// and by the centre's own manager.
func recCheckStaffManager(p auth.Principal, centre int64) error {
	if p.Is(auth.RoleAdmin) || isCentreManager(p, centre) {
		return nil
	}
	return errRefused
}

// recAddAssessor makes user an assessor of the centre: an assessor
// account of that very centre, so that the account's centre and the
// centre's assessors never disagree.
func (s *Server) recAddAssessor(r *http.Request, rs RecognitionStore, centre, user int64) error {
	// The centre first: of a centre that does not exist, nobody is the
	// manager, and "not found" is the truer answer.
	if _, err := rs.GetCentre(r.Context(), centre); err != nil {
		return err
	}
	if err := recCheckStaffManager(principal(r), centre); err != nil {
		return err
	}
	if s.opt.Accounts != nil {
		u, err := s.opt.Accounts.UserByID(r.Context(), user)
		if err != nil {
			return err
		}
		if u.Role != auth.RoleAssessor || u.CentreID != centre {
			return errNotAssessorAccount
		}
	}
	return rs.AddAssessor(r.Context(), recActor(r), centre, user)
}

var errNotAssessorAccount = recErr(kasip.ErrInvalid, "centre.not_assessor_account")

func (s *Server) recRemoveAssessor(r *http.Request, centre, user int64, rs RecognitionStore) error {
	if _, err := rs.GetCentre(r.Context(), centre); err != nil {
		return err
	}
	if err := recCheckStaffManager(principal(r), centre); err != nil {
		return err
	}
	return rs.RemoveAssessor(r.Context(), recActor(r), centre, user)
}

// GET /api/v1/recognition/settings (administrator, manager)
func (s *Server) apiGetRecognitionSettings(w http.ResponseWriter, r *http.Request) {
	rs, _, ok := s.recStart(w, r, "")
	if !ok {
		return
	}
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, set)
}

// PUT /api/v1/recognition/settings (administrator)
func (s *Server) apiSetRecognitionSettings(w http.ResponseWriter, r *http.Request) {
	rs, _, ok := s.recStart(w, r, "")
	if !ok {
		return
	}
	var set recognition.Settings
	if !s.recReadJSON(w, r, &set) {
		return
	}
	if err := rs.SetRecognitionSettings(r.Context(), recActor(r), set); err != nil {
		s.recProblem(w, r, err)
		return
	}
	s.apiGetRecognitionSettings(w, r)
}
