package recognitionui

import (
	"errors"
	"net/http"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui/page"
)

// uiCertOfApplication is the certificate block of an application's page:
// the certificate when issued (with its links), else whether the caller
// may issue it now.
type uiCertOfApplication struct {
	Issued   bool
	C        page.UICertCard
	StaffURL string // the staff's page, for those who may change it
	CanIssue bool
}

// uiCertForApplication fills the block; a registry without certificates
// gets an empty one.
func (s *Server) uiCertForApplication(r *http.Request, a recognition.Application, last recognition.Decision) (uiCertOfApplication, error) {
	var out uiCertOfApplication
	cs, err := s.CertStore()
	if err != nil {
		return out, nil
	}
	staff := service.MayChangeCertificate(session.Principal(r), a.CentreID)
	c, err := cs.CertificateByApplication(r.Context(), a.ID)
	switch {
	case err == nil:
		out.Issued, out.C = true, s.UICertCardOf(c, staff)
		if staff {
			out.StaffURL = page.UICertURL(c.Number)
		}
	case errors.Is(err, kasip.ErrNotFound):
		out.CanIssue = staff && certificate.CheckIssuable(a, last) == nil
	default:
		return out, err
	}
	return out, nil
}

// uiCertsOfCandidate are a candidate's certificates for their own page.
func (s *Server) uiCertsOfCandidate(r *http.Request, candidateID int64) ([]page.UICertCard, error) {
	cs, err := s.CertStore()
	if err != nil || candidateID == 0 {
		return nil, nil
	}
	list, err := cs.CertificatesOfCandidate(r.Context(), candidateID)
	if err != nil {
		return nil, err
	}
	out := make([]page.UICertCard, len(list))
	for i, c := range list {
		out[i] = s.UICertCardOf(c, false)
	}
	return out, nil
}

// uiRecLastDecision is the decision in force: the last one.
func uiRecLastDecision(a recognition.Application) recognition.Decision {
	if len(a.Decisions) == 0 {
		return recognition.Decision{}
	}
	return a.Decisions[len(a.Decisions)-1]
}
