package service

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/session"
)

// CertificateStatusInput is the body of a status change.
type CertificateStatusInput struct {
	Status string `json:"status"` // revoked, suspended, valid (reinstate a suspended one)
	Reason string `json:"reason"`
}

// certIssue issues application id's certificate for the caller, who must
// see the application and manage its centre (or administer); fresh is
// false when it had been issued already.
func (s *Server) CertIssue(r *http.Request, id int64) (c certificate.Certificate, fresh bool, err error) {
	rs, err := s.RecStore()
	if err != nil {
		return c, false, err
	}
	cs, err := s.CertStore()
	if err != nil {
		return c, false, err
	}
	a, err := s.RecApplicationFor(r, rs, id)
	if err != nil {
		return c, false, err
	}
	if !MayChangeCertificate(session.Principal(r), a.CentreID) {
		return c, false, fmt.Errorf("application %d: %w", id, ErrRefused)
	}
	if c, err = cs.CertificateByApplication(r.Context(), id); err == nil {
		return c, false, nil
	} else if !errors.Is(err, kasip.ErrNotFound) {
		return c, false, err
	}
	c, err = cs.IssueCertificate(r.Context(), RecActor(r), id)
	return c, err == nil, err
}

// GET /api/v1/certificates/{number} (public)
func (s *Server) APIGetCertificate(w http.ResponseWriter, r *http.Request) {
	if s.CertLimited(w, r) {
		return
	}
	cs, err := s.CertStore()
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	c, err := cs.PublicCertificate(r.Context(), r.PathValue("number"))
	if err != nil {
		s.CertAPIError(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, s.CertPublicView(c))
}

// certSetStatus changes a certificate's status for the caller, who must
// manage the issuing centre or administer.
func (s *Server) CertSetStatus(r *http.Request, number string, in CertificateStatusInput) (certificate.Certificate, error) {
	cs, err := s.CertStore()
	if err != nil {
		return certificate.Certificate{}, err
	}
	c, err := cs.Certificate(r.Context(), number)
	if err != nil {
		return c, err
	}
	if !MayChangeCertificate(session.Principal(r), c.CentreID) {
		return c, fmt.Errorf("certificate %s: %w", number, ErrRefused)
	}
	return cs.SetCertificateStatus(r.Context(), RecActor(r), number, in.Status, in.Reason)
}
