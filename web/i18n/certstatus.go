package i18n

import (
	"github.com/kasip/kasip/certificate"
)

// uiCertStatus is a status as the pages name and colour it, and the
// verdict the public page opens with: a colour, an icon and words that
// cannot be mistaken for one another (a revoked certificate must not
// read like a genuine one with a small red pill).
type UICertStatus struct {
	Name     string // message key
	Badge    string // CSS class
	Verdict  string // CSS class of the verdict block
	Icon     string
	Headline string // message key
	Since    string // message key of the date line, with the date
}

var UICertStatuses = map[string]UICertStatus{
	certificate.StatusValid: {Name: "valid", Badge: "badge badge-ok", Verdict: "verdict verdict-valid", Icon: "✓",
		Headline: "Valid: this certificate is genuine and in force.", Since: "Valid until %s inclusive."},
	certificate.StatusSuspended: {Name: "suspended", Badge: "badge badge-warn", Verdict: "verdict verdict-suspended", Icon: "⏸",
		Headline: "Suspended: do not rely on this certificate while it is suspended.", Since: "Suspended since %s."},
	certificate.StatusRevoked: {Name: "revoked", Badge: "badge badge-bad", Verdict: "verdict verdict-revoked", Icon: "✗",
		Headline: "Revoked: do not accept this certificate.", Since: "Revoked on %s."},
	certificate.StatusExpired: {Name: "expired", Badge: "badge badge-muted", Verdict: "verdict verdict-expired", Icon: "⌛",
		Headline: "Expired: this certificate is no longer valid.", Since: "Expired on %s."},
}
