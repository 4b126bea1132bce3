package api

import (
	"net/http"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
)

// Candidates and vouchers in the API. A candidate's account registers its
// own candidate record (name, IIN, date of birth, contacts, consent to the
// processing of personal data), which is then linked to the account; the
// IIN is personal data, shown only to the candidate, administrators and
// the staff of a centre the candidate applied to.

// POST /api/v1/candidates (candidate)
func (s *Server) apiRegisterCandidate(w http.ResponseWriter, r *http.Request) {
	rs, _, ok := s.recStart(w, r, "")
	if !ok {
		return
	}
	var in service.CandidateInput
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	c, err := s.RecRegisterCandidate(r, rs, in)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/candidates/"+service.RecItoa(c.ID))
	httpx.WriteJSON(w, r, http.StatusCreated, service.NewCandidateView(c))
}

// GET /api/v1/candidates/me (candidate)
func (s *Server) apiMyCandidate(w http.ResponseWriter, r *http.Request) {
	rs, _, ok := s.recStart(w, r, "")
	if !ok {
		return
	}
	id := session.Principal(r).CandidateID
	if id == 0 {
		httpx.Fail(w, r, http.StatusNotFound, "not found", i18n.APIT(r, "This account is not registered as a candidate yet."))
		return
	}
	c, err := rs.GetCandidate(r.Context(), id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, service.NewCandidateView(c))
}

// recCandidateFor loads a candidate the caller may see: their own record,
// any for an administrator, and for a centre's staff the candidates who
// applied to that centre.
func (s *Server) recCandidateFor(r *http.Request, rs recognition.Store, id int64) (recognition.Candidate, error) {
	p := session.Principal(r)
	allowed := p.Is(auth.RoleAdmin) || (p.Is(auth.RoleCandidate) && p.CandidateID == id)
	if !allowed && p.Is(auth.RoleManager, auth.RoleAssessor) && p.CentreID != 0 {
		_, n, err := rs.ListApplications(r.Context(), recognition.ApplicationFilter{CentreID: p.CentreID, CandidateID: id, Limit: 1})
		if err != nil {
			return recognition.Candidate{}, err
		}
		allowed = n > 0
	}
	if !allowed {
		return recognition.Candidate{}, service.ErrHidden
	}
	return rs.GetCandidate(r.Context(), id)
}

// GET /api/v1/candidates/{id}
func (s *Server) apiGetCandidate(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	c, err := s.recCandidateFor(r, rs, id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, service.NewCandidateView(c))
}

// GET /api/v1/candidates/{id}/vouchers (administrator, the candidate)
func (s *Server) apiListVouchers(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	if p := session.Principal(r); !p.Is(auth.RoleAdmin) && !(p.Is(auth.RoleCandidate) && p.CandidateID == id) {
		s.RecProblem(w, r, service.ErrHidden)
		return
	}
	vs, err := rs.Vouchers(r.Context(), id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, List[recognition.Voucher]{Items: httpx.NonNilSlice(vs)})
}

// POST /api/v1/candidates/{id}/vouchers (administrator)
func (s *Server) apiIssueVoucher(w http.ResponseWriter, r *http.Request) {
	rs, id, ok := s.recStart(w, r, "id")
	if !ok {
		return
	}
	v, err := rs.IssueVoucher(r.Context(), service.RecActor(r), id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, http.StatusCreated, v)
}
