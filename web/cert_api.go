package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/certificate"
)

// The certificate API: public reads (rate-limited) and the staff's writes.
var _ = registerAPIRoutes(certAPIRoutes()...)

func certAPIRoutes() []apiRoute {
	staff := roles(auth.RoleAdmin, auth.RoleManager)
	return []apiRoute{
		{http.MethodPost, "/api/v1/applications/{id}/certificate", staff, (*Server).apiIssueCertificate},
		{http.MethodGet, "/api/v1/certificates", public, (*Server).apiSearchCertificates},
		{http.MethodGet, "/api/v1/certificates/{number}", public, (*Server).apiGetCertificate},
		{http.MethodGet, "/api/v1/certificates/{number}/credential", public, (*Server).apiCertificateCredential},
		{http.MethodPost, "/api/v1/certificates/{number}/status", staff, (*Server).apiSetCertificateStatus},
	}
}

// CertificateStatusInput is the body of a status change.
type CertificateStatusInput struct {
	Status string `json:"status"` // revoked, suspended, valid (reinstate a suspended one)
	Reason string `json:"reason"`
}

// POST /api/v1/applications/{id}/certificate (the centre's manager, an
// administrator): issue the certificate of a decided application. 201 with
// the new certificate; 200 with the one issued before, which issuing
// again returns unchanged.
func (s *Server) apiIssueCertificate(w http.ResponseWriter, r *http.Request) {
	id, perr := recPathID(r, "id")
	if perr != nil {
		s.badParam(w, r, perr)
		return
	}
	c, fresh, err := s.certIssue(r, id)
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	status := http.StatusOK
	if fresh {
		status = http.StatusCreated
	}
	s.writeJSON(w, r, status, s.certStaffView(c))
}

// certIssue issues application id's certificate for the caller, who must
// see the application and manage its centre (or administer); fresh is
// false when it had been issued already.
func (s *Server) certIssue(r *http.Request, id int64) (c certificate.Certificate, fresh bool, err error) {
	rs, err := s.recStore()
	if err != nil {
		return c, false, err
	}
	cs, err := s.certStore()
	if err != nil {
		return c, false, err
	}
	a, err := s.recApplicationFor(r, rs, id)
	if err != nil {
		return c, false, err
	}
	if !mayChangeCertificate(principal(r), a.CentreID) {
		return c, false, fmt.Errorf("application %d: %w", id, errRefused)
	}
	if c, err = cs.CertificateByApplication(r.Context(), id); err == nil {
		return c, false, nil
	} else if !errors.Is(err, kasip.ErrNotFound) {
		return c, false, err
	}
	c, err = cs.IssueCertificate(r.Context(), recActor(r), id)
	return c, err == nil, err
}

// GET /api/v1/certificates/{number} (public)
func (s *Server) apiGetCertificate(w http.ResponseWriter, r *http.Request) {
	if s.certLimited(w, r) {
		return
	}
	cs, err := s.certStore()
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	c, err := cs.PublicCertificate(r.Context(), r.PathValue("number"))
	if err != nil {
		s.certAPIError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, s.certPublicView(c))
}

// certAPIError answers an unknown number with a 404 that says so.
func (s *Server) certAPIError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, kasip.ErrNotFound) {
		s.problem(w, r, http.StatusNotFound, "not found", apiT(r, "There is no certificate with this number in the register."))
		return
	}
	s.recProblem(w, r, err)
}

// GET /api/v1/certificates/{number}/credential (public): the signed
// credential, byte for byte as issued.
func (s *Server) apiCertificateCredential(w http.ResponseWriter, r *http.Request) {
	s.certDownload(w, r, false, func(err error) { s.certAPIError(w, r, err) })
}

// GET /api/v1/certificates?number=… or ?holder=…&profession=… (public)
func (s *Server) apiSearchCertificates(w http.ResponseWriter, r *http.Request) {
	if s.certLimited(w, r) {
		return
	}
	cs, err := s.certStore()
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	q := newAPIQuery(r)
	in := certificate.Query{Number: q.str("number"), Holder: q.str("holder"), Profession: q.str("profession"),
		Limit: q.intRange("limit", certificate.DefaultLimit, 1, certificate.MaxLimit), Offset: q.intRange("offset", 0, 0, maxOffset)}
	if q.err != nil {
		s.badParam(w, r, q.err)
		return
	}
	found, total, err := cs.SearchCertificates(r.Context(), in)
	if err != nil {
		s.registryError(w, r, err, "", http.StatusBadRequest)
		return
	}
	page := Page[CertificateView]{Items: make([]CertificateView, len(found)), Total: total, Limit: in.Limit, Offset: in.Offset}
	for i, p := range found {
		page.Items[i] = CertificateView{Public: p, Links: certLinks("", p.Number)}
	}
	s.writeJSON(w, r, http.StatusOK, page)
}

// POST /api/v1/certificates/{number}/status (the issuing centre's manager,
// an administrator): revoke, suspend or reinstate, for a reason.
func (s *Server) apiSetCertificateStatus(w http.ResponseWriter, r *http.Request) {
	var in CertificateStatusInput
	if !s.recReadJSON(w, r, &in) {
		return
	}
	c, err := s.certSetStatus(r, r.PathValue("number"), in)
	if err != nil {
		s.certAPIError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, s.certStaffView(c))
}

// certSetStatus changes a certificate's status for the caller, who must
// manage the issuing centre or administer.
func (s *Server) certSetStatus(r *http.Request, number string, in CertificateStatusInput) (certificate.Certificate, error) {
	cs, err := s.certStore()
	if err != nil {
		return certificate.Certificate{}, err
	}
	c, err := cs.Certificate(r.Context(), number)
	if err != nil {
		return c, err
	}
	if !mayChangeCertificate(principal(r), c.CentreID) {
		return c, fmt.Errorf("certificate %s: %w", number, errRefused)
	}
	return cs.SetCertificateStatus(r.Context(), recActor(r), number, in.Status, in.Reason)
}
