package certificate

import (
	"slices"
	"strings"
	"time"

	"github.com/kasip/kasip"
	certpdf "github.com/kasip/kasip/certificate/pdf"
	"github.com/kasip/kasip/credential"
)

// Descriptions of what was recognised, in Kazakh and Russian: the
// credential's description.
const (
	wholeText = "Кәсіптік біліктілік толық танылды / Профессиональная квалификация признана полностью"
	unitsText = "ІШІНАРА ТАНУ: кәсіптік біліктілік толық танылған жоқ, тек мына еңбек функциялары мен дағдылар танылды / " +
		"ЧАСТИЧНОЕ ПРИЗНАНИЕ: профессиональная квалификация признана не полностью, признаны только эти трудовые функции и навыки"
	// The subject's result: whole or partial, in words.
	wholeResult   = "Толық тану / Полное признание"
	partialResult = "Ішінара тану / Частичное признание"
)

// Credential describes c for credential.NewAchievementCredential: issued by
// issuerDID, linking to the pages of urls. The achievement is the card; it
// is aligned with every recognised unit by the unit's place on the card's
// page, so that a verifier can read what the standard asks of it.
func Credential(c Certificate, issuerDID string, urls URLs) credential.Certificate {
	cc := credential.Certificate{
		Number:          c.Number,
		HolderName:      c.HolderName,
		AchievementName: map[string]string(c.Profession),
		Description:     unitsText,
		Level:           c.Level,
		StandardCode:    c.StandardCode,
		StandardVersion: c.StandardVersion,
		CardTitle:       joined(c.Profession),
		CardURL:         urls.Card(c.StandardCode, c.StandardVersion, c.Card),
		CentreName:      joined(c.CentreName),
		// The BIN, not Kasip's row id: it names the centre outside Kasip
		// too (the state register of legal entities).
		CentreID:  c.CentreBIN,
		IssuerDID: issuerDID,
		IssueDate: c.IssuedAt,
		// The last second of the last day: verifiers (package credential
		// among them) treat validUntil as included, and at ExpiresAt the
		// certificate is expired.
		ValidUntil:    c.ExpiresAt.Add(-time.Second),
		CredentialURL: urls.Credential(c.Number),
		Demo:          c.Demo,
	}
	cc.Result = partialResult
	if c.Whole {
		cc.Description, cc.Result = wholeText, wholeResult
	}
	if !c.Whole {
		// The titles, not only the codes: the description is what a
		// wallet shows.
		var titles []string
		for _, u := range c.Units {
			titles = append(titles, u.Code+" "+joined(u.Title))
		}
		cc.Description += ": " + strings.Join(titles, "; ")
	}
	for _, u := range c.Units {
		name := joined(u.Title)
		if name == "" {
			name = "№ " + u.Code
		}
		cc.Units = append(cc.Units, credential.Unit{Code: u.Code, Name: name,
			URL: urls.Unit(c.StandardCode, c.StandardVersion, c.Card, u.Path)})
	}
	if c.StatusListID != 0 {
		for _, purpose := range []string{credential.StatusRevocation, credential.StatusSuspension} {
			cc.Status = append(cc.Status, credential.NewStatusEntry(urls.StatusList(c.StatusListID, purpose), purpose, c.StatusIndex))
		}
	}
	return cc
}

// joined is a text in Kazakh and Russian, "kk / ru", or whichever exists.
func joined(t kasip.Text) string {
	var parts []string
	for _, l := range []string{"kk", "ru", "en"} {
		if s := strings.TrimSpace(t[l]); s != "" && !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
		if len(parts) == 2 {
			break
		}
	}
	if len(parts) == 0 {
		return strings.TrimSpace(t.Best())
	}
	return strings.Join(parts, " / ")
}

// pdfStatus is certpdf's word for a status: it calls valid "active".
var pdfStatus = map[string]string{StatusValid: "active"}

// View is c as certpdf prints it, with the status in effect at t and the
// QR code pointing at its verification page.
func View(c Certificate, urls URLs, at time.Time) certpdf.View {
	status := c.Status(at)
	if s, ok := pdfStatus[status]; ok {
		status = s
	}
	v := certpdf.View{
		Number: c.Number, HolderName: c.HolderName, Profession: c.Profession, Level: c.Level,
		StandardCode: c.StandardCode, StandardVersion: c.StandardVersion, StandardTitle: c.StandardTitle,
		Whole: c.Whole, CentreName: c.CentreName, CentreBIN: c.CentreBIN,
		HeadPosition: c.CentreHead.Position, HeadName: c.CentreHead.Name,
		IssueDate: c.IssueDate, ValidUntil: c.ValidUntil, Status: status,
		VerifyURL: urls.Verify(c.Number), Demo: c.Demo,
	}
	for _, u := range c.Units {
		kind := certpdf.KindSkill
		if u.Kind == KindFunction {
			kind = certpdf.KindFunction
		}
		v.Units = append(v.Units, certpdf.Unit{Path: u.Code, Title: u.Title, Kind: kind})
	}
	return v
}
