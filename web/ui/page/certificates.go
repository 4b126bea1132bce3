package page

import (
	"net/url"

	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
)

// uiCertCard is a certificate on a page: the public facts and links.
type UICertCard struct {
	P      certificate.Public
	Status i18n.UICertStatus
	Links  service.CertificateLinks
	// Reason of the last status change: the staff's page only.
	Reason string
}

// uiCertURL is the staff's page of a certificate.
func UICertURL(number string) string { return "/recognition/certificates/" + url.PathEscape(number) }

func (s *Server) UICertCardOf(c certificate.Certificate, staff bool) UICertCard {
	v := s.CertPublicView(c)
	card := UICertCard{P: v.Public, Status: i18n.UICertStatuses[v.Status], Links: v.Links}
	if staff {
		card.Reason = c.StateReason
	}
	return card
}
