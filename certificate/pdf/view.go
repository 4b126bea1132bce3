// Package certpdf renders a professional-qualification recognition
// certificate as a bilingual (Kazakh first, then Russian) A4 PDF with a QR
// code that points at the certificate's public verification page.
//
// The package is deliberately self-contained: callers fill a plain View, so
// the PDF layout never depends on how certificates are stored.
package certpdf

import "time"

// Unit kinds as they appear in Unit.Kind.
const (
	KindFunction = "function" // a labour function of the profession card
	KindSkill    = "skill"    // a skill of the profession card
)

// View is everything printed on a certificate. Language maps are keyed by
// "kk" and "ru"; a missing language is simply left out.
type View struct {
	Number          string
	HolderName      string
	Profession      map[string]string // the profession card title
	Level           int               // qualification level; 0 prints "—"
	StandardCode    string
	StandardVersion string
	StandardTitle   map[string]string
	// Units are the recognised functions and skills. When Whole is set the
	// whole card was recognised and Units lists everything the card holds.
	Units      []Unit
	Whole      bool
	CentreName map[string]string
	CentreBIN  string
	// The head of the recognition centre who signs: the position by
	// language and the name; empty prints a blank line to fill in.
	HeadPosition map[string]string
	HeadName     string
	IssueDate    time.Time
	ValidUntil   time.Time
	Status       string // "active", "suspended", "revoked", "expired" or free text
	VerifyURL    string // encoded in the QR code and printed under it
	Demo         bool   // marks every page as a demonstration, not a real certificate
}

// Unit is one recognised labour function or skill.
type Unit struct {
	Path  string            // position in the card, e.g. "2.1"
	Title map[string]string // by language
	Kind  string            // KindFunction or KindSkill
}
