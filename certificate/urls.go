package certificate

import (
	"net/url"
	"strconv"
	"strings"
)

// URLs are the public addresses of certificates and of what their
// credentials point at. They are signed into credentials and printed in QR
// codes, so they must stay served for as long as a certificate is valid:
// the web layer serves exactly these paths.
//
//	/verify/{number}                     the public verification page (QR code)
//	/verify/{number}/credential.json     the signed credential, byte for byte as issued
//	/verify/{number}/certificate.pdf     the PDF
//	/status/{list}/{purpose}             a signed status list (purpose: revocation, suspension)
//	/standards/{code}/v/{version}/cards/{n}#function-{f}-skill-{s}
//	                                     a recognised unit on the card page (the UI's anchors)
type URLs struct {
	Base string // "https://kasip.kz", no trailing slash
}

func (u URLs) base() string { return strings.TrimRight(u.Base, "/") }

// Verify is the verification page of a certificate.
func (u URLs) Verify(number string) string { return u.base() + "/verify/" + url.PathEscape(number) }

// Credential is where the signed credential is served; the credential's id.
func (u URLs) Credential(number string) string { return u.Verify(number) + "/credential.json" }

// PDF is where the certificate's PDF is served.
func (u URLs) PDF(number string) string { return u.Verify(number) + "/certificate.pdf" }

// StatusList is where a status list credential is served; its id.
func (u URLs) StatusList(list int64, purpose string) string {
	return u.base() + "/status/" + strconv.FormatInt(list, 10) + "/" + url.PathEscape(purpose)
}

// Card is the page of card index cardIndex (0-based) of a standard version.
func (u URLs) Card(code, version string, cardIndex int) string {
	return u.base() + "/standards/" + url.PathEscape(code) + "/v/" + url.PathEscape(version) +
		"/cards/" + strconv.Itoa(cardIndex+1)
}

// Unit is the place of a unit (model path) on its card's page. Paths are
// "cards[c].functions[f]" or "cards[c].functions[f].skills[s]".
func (u URLs) Unit(code, version string, cardIndex int, path string) string {
	return u.Card(code, version, cardIndex) + anchor(path)
}

// anchor is the card page's id of the function or skill a path names
// ("#function-2-skill-1"), the same ids the UI gives them.
func anchor(path string) string {
	idx := pathIndexes(path)
	switch len(idx) {
	case 2:
		return "#function-" + strconv.Itoa(idx[1]+1)
	case 3:
		return "#function-" + strconv.Itoa(idx[1]+1) + "-skill-" + strconv.Itoa(idx[2]+1)
	}
	return ""
}
