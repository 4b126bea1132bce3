package page

import (
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
