package page

import (
	"net/url"

	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/web/i18n"
)

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
