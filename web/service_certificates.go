package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
)

// CertificateStatusInput is the body of a status change.
type CertificateStatusInput struct {
	Status string `json:"status"` // revoked, suspended, valid (reinstate a suspended one)
	Reason string `json:"reason"`
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
	writeJSON(w, r, http.StatusOK, s.certPublicView(c))
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
