package api

import (
	"net/http"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
)

// Recognition centres in the API: public reads, administrator writes, and
// the assessors, which the centre's manager keeps too.

// CentreInput is the body that creates or updates a centre.
type CentreInput struct {
	Name     kasip.Text           `json:"name"`
	BIN      string               `json:"bin"`
	Region   string               `json:"region"`
	Contacts recognition.Contacts `json:"contacts"`
	Head     recognition.Head     `json:"head"`
}

// AssessorInput names a user to make an assessor.
type AssessorInput struct {
	UserID int64 `json:"user_id"`
}

// GET /api/v1/centres
func (s *Server) apiListCentres(w http.ResponseWriter, r *http.Request) {
	rs, err := s.RecStore()
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	cs, err := rs.ListCentres(r.Context())
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	p, now := session.Principal(r), s.Opt.Now()
	out := List[service.CentreView]{Items: make([]service.CentreView, 0, len(cs))}
	for _, c := range cs {
		out.Items = append(out.Items, service.NewCentreView(c, now, set, service.SeesCentreStaff(p, c.ID)))
	}
	httpx.WriteJSON(w, r, http.StatusOK, out)
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
func (s *Server) writeAccreditation(w http.ResponseWriter, r *http.Request, rs recognition.Store, a recognition.Accreditation, status int) {
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, status, service.NewAccreditationView(a, a.StatusAt(s.Opt.Now(), set)))
}

func (s *Server) writeCentre(w http.ResponseWriter, r *http.Request, rs recognition.Store, id int64, status int) {
	c, err := rs.GetCentre(r.Context(), id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, status, service.NewCentreView(c, s.Opt.Now(), set, service.SeesCentreStaff(session.Principal(r), id)))
}

// recStart gets the recognition store and the id wildcard named name
// (none when name is ""), answering and reporting false on failure.
func (s *Server) recStart(w http.ResponseWriter, r *http.Request, name string) (recognition.Store, int64, bool) {
	rs, err := s.RecStore()
	if err != nil {
		s.RecProblem(w, r, err)
		return nil, 0, false
	}
	if name == "" {
		return rs, 0, true
	}
	id, perr := httpx.PathID(r, name)
	if perr != nil {
		httpx.BadParam(w, r, perr)
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
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	c, err := rs.CreateCentre(r.Context(), service.RecActor(r), in.centre())
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/centres/"+service.RecItoa(c.ID))
	s.writeCentre(w, r, rs, c.ID, http.StatusCreated)
}

// PUT /api/v1/centres/{id} (administrator)
func (s *Server) apiUpdateCentre(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	var in CentreInput
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	if _, err := rs.UpdateCentre(r.Context(), service.RecActor(r), id, in.centre()); err != nil {
		s.RecProblem(w, r, err)
		return
	}
	s.writeCentre(w, r, rs, id, http.StatusOK)
}

// POST /api/v1/centres/{id}/accreditations (administrator)
func (s *Server) apiAddAccreditation(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	var in service.AccreditationInput
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	a, err := in.Accreditation()
	if err == nil {
		a, err = rs.AddAccreditation(r.Context(), service.RecActor(r), id, a)
	}
	if err != nil {
		s.RecProblem(w, r, err)
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
	accID, perr := httpx.PathID(r, "accreditation")
	if perr != nil {
		httpx.BadParam(w, r, perr)
		return
	}
	var in service.StatusInput
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	a, err := s.RecSetAccreditationStatus(r, rs, id, accID, in)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	s.writeAccreditation(w, r, rs, a, http.StatusOK)
}

// POST /api/v1/centres/{id}/assessors (administrator, the centre's manager)
func (s *Server) apiAddAssessor(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	var in AssessorInput
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	if err := s.RecAddAssessor(r, rs, id, in.UserID); err != nil {
		s.RecProblem(w, r, err)
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
	user, perr := httpx.PathID(r, "user")
	if perr != nil {
		httpx.BadParam(w, r, perr)
		return
	}
	if err := s.RecRemoveAssessor(r, id, user, rs); err != nil {
		s.RecProblem(w, r, err)
		return
	}
	s.writeCentre(w, r, rs, id, http.StatusOK)
}

// GET /api/v1/recognition/settings (administrator, manager)
func (s *Server) apiGetRecognitionSettings(w http.ResponseWriter, r *http.Request) {
	rs, _, ok := s.recStart(w, r, "")
	if !ok {
		return
	}
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, set)
}

// PUT /api/v1/recognition/settings (administrator)
func (s *Server) apiSetRecognitionSettings(w http.ResponseWriter, r *http.Request) {
	rs, _, ok := s.recStart(w, r, "")
	if !ok {
		return
	}
	var set recognition.Settings
	if !httpx.ReadLargeJSON(w, r, &set) {
		return
	}
	if err := rs.SetRecognitionSettings(r.Context(), service.RecActor(r), set); err != nil {
		s.RecProblem(w, r, err)
		return
	}
	s.apiGetRecognitionSettings(w, r)
}
