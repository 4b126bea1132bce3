package credential

// Open Badges 3.0 (1EdTech, 2024) AchievementCredential for a recognised professional
// qualification. Field names and multiplicities follow the OB 3.0 data model, appendix B.1
// (https://www.imsglobal.org/spec/ob/v3p0/#achievementcredential), and VC Data Model 2.0.

import (
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Contexts of an OB 3.0 credential: OB 3.0 §B.1.2 requires exactly these two first, in order.
var openBadgeContexts = []string{vcContextV2, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}

// openBadgeType: OB 3.0 accepts "AchievementCredential" or "OpenBadgeCredential" (§B.1.2); the
// 3.0.3 context defines AchievementCredential as an alias whose @id is OpenBadgeCredential, so
// OpenBadgeCredential is the canonical term, and the one the spec's examples and wallets use.
const openBadgeType = "OpenBadgeCredential"

// achievementType: of the OB 3.0 AchievementType enumeration (§B.1.28), "Certification" — a
// "time-limited, revocable, renewable credential awarded by an authoritative body for
// demonstrating the knowledge, skills, and abilities to perform specific tasks or an
// occupation" — describes a recognised qualification with a validity end and a revocation list.
// "Certificate" ("designates requisite knowledge and skills of an occupation") lacks the
// time limit and revocability that the Kasip certificate has.
const achievementType = "Certification"

const demoPrefix = "DEMO — "

// demoNote marks a demonstration certificate in Kazakh, Russian and English.
const demoNote = "DEMO: демонстрациялық сертификат, заңды күші жоқ. / Демонстрационный сертификат, не имеет юридической силы. / Demonstration certificate with no legal effect."

// Certificate is a recognised qualification as Kasip knows it; NewAchievementCredential turns it
// into an OB 3.0 credential.
type Certificate struct {
	Number          string            // the certificate number, shown as the subject's licenseNumber
	HolderName      string            // the person the qualification is recognised for
	AchievementName map[string]string // the qualification's name by language: "kk", "ru", "en"
	Description     string            // what the qualification is
	Level           int               // the card's qualification level (1–8); 0 when not stated
	StandardCode    string            // the professional standard's code
	StandardVersion string            // and its version
	CardTitle       string            // the occupation card the qualification belongs to
	CardURL         string            // the card's page; also the achievement's id
	Units           []Unit            // the recognised units of the card
	// Result says in words how much of the qualification is recognised
	// (whole or partial): the subject's result value; empty for none.
	Result        string
	CentreName    string        // the recognition centre, the issuer
	CentreID      string        // its identifier in the registry
	IssuerDID     string        // the DID whose key signs (the issuer id)
	IssueDate     time.Time     // validFrom
	ValidUntil    time.Time     // validUntil; zero for none
	CredentialURL string        // the credential's public URL, its id; empty: a urn:uuid
	Status        []StatusEntry // credentialStatus entries (revocation, suspension)
	Demo          bool          // issued by a demonstration instance
}

// Unit is one recognised item of a standard (a labour function or skill) with its page.
type Unit struct {
	Code string
	Name string
	URL  string
}

type obCredential struct {
	Context           []string  `json:"@context"`
	ID                string    `json:"id"`
	Type              []string  `json:"type"`
	Issuer            obProfile `json:"issuer"`
	ValidFrom         string    `json:"validFrom"`
	ValidUntil        string    `json:"validUntil,omitempty"`
	Name              string    `json:"name"`
	Description       string    `json:"description,omitempty"`
	CredentialSubject obSubject `json:"credentialSubject"`
	CredentialStatus  any       `json:"credentialStatus,omitempty"`
}

type obProfile struct {
	ID              string         `json:"id"`
	Type            []string       `json:"type"`
	Name            string         `json:"name"`
	OtherIdentifier []obIdentifier `json:"otherIdentifier,omitempty"`
}

type obIdentifier struct {
	Type           string `json:"type"`
	Identifier     string `json:"identifier"`
	IdentifierType string `json:"identifierType"`
}

// obSubject is an AchievementSubject. OB 3.0 requires an id or an identifier; Kasip holders have
// no DID, so the holder's name is given as a plain-text IdentityObject, and as name for display.
type obSubject struct {
	Type          []string           `json:"type"`
	Name          string             `json:"name"`
	Identifier    []obIdentityObject `json:"identifier"`
	LicenseNumber string             `json:"licenseNumber,omitempty"`
	Achievement   obAchievement      `json:"achievement"`
	Result        []obResult         `json:"result,omitempty"`
}

// obResult is an OB 3.0 Result (§B.1.20): here only its value, in words.
type obResult struct {
	Type  []string `json:"type"`
	Value string   `json:"value"`
}

type obIdentityObject struct {
	Type         string `json:"type"`
	Hashed       bool   `json:"hashed"`
	IdentityHash string `json:"identityHash"`
	IdentityType string `json:"identityType"`
}

type obAchievement struct {
	ID              string        `json:"id"`
	Type            []string      `json:"type"`
	AchievementType string        `json:"achievementType"`
	Name            string        `json:"name"`
	Description     string        `json:"description"`
	Criteria        obCriteria    `json:"criteria"`
	HumanCode       string        `json:"humanCode,omitempty"`
	Version         string        `json:"version,omitempty"`
	Alignment       []obAlignment `json:"alignment"`
}

type obCriteria struct {
	Narrative string `json:"narrative"`
}

type obAlignment struct {
	Type              []string `json:"type"`
	TargetName        string   `json:"targetName"`
	TargetURL         string   `json:"targetUrl"`
	TargetDescription string   `json:"targetDescription,omitempty"`
	TargetCode        string   `json:"targetCode,omitempty"`
	TargetFramework   string   `json:"targetFramework"`
}

// NewAchievementCredential returns the unsigned OB 3.0 credential for c, laid out as Sign lays
// out documents (two-space indent).
func NewAchievementCredential(c Certificate) ([]byte, error) {
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("certificate %s: %w", c.Number, err)
	}
	id := c.CredentialURL
	if id == "" {
		var err error
		if id, err = newURNUUID(); err != nil {
			return nil, err
		}
	}
	v := obCredential{
		Context:           openBadgeContexts,
		ID:                id,
		Type:              []string{"VerifiableCredential", openBadgeType},
		Issuer:            c.profile(),
		ValidFrom:         formatTime(c.IssueDate),
		Name:              c.displayName(),
		Description:       c.credentialDescription(),
		CredentialSubject: c.subject(),
	}
	if !c.ValidUntil.IsZero() {
		v.ValidUntil = formatTime(c.ValidUntil)
	}
	switch len(c.Status) {
	case 0:
	case 1: // OB 3.0 gives credentialStatus [0..1]: a single object where there is one
		v.CredentialStatus = c.Status[0]
	default: // VC 2.0 §4.10 allows several, e.g. revocation and suspension
		v.CredentialStatus = c.Status
	}
	return marshalIndent(v)
}

func (c Certificate) check() error {
	var errs []error
	need := func(ok bool, what string) {
		if !ok {
			errs = append(errs, errors.New("no "+what))
		}
	}
	need(c.HolderName != "", "holder name")
	need(c.achievementName() != "", "achievement name")
	need(c.StandardCode != "", "standard code")
	need(c.CardTitle != "" && c.CardURL != "", "card title and URL")
	need(c.CentreName != "", "centre name")
	need(strings.HasPrefix(c.IssuerDID, "did:"), "issuer DID")
	need(!c.IssueDate.IsZero(), "issue date")
	for i, u := range c.Units {
		need(u.Name != "" && u.URL != "", fmt.Sprintf("name and URL of unit %d", i+1))
	}
	if !c.ValidUntil.IsZero() && !c.ValidUntil.After(c.IssueDate) {
		errs = append(errs, errors.New("validity ends before it begins"))
	}
	return errors.Join(errs...)
}

// achievementName joins the languages present, Kazakh first: OB 3.0 types name as a single
// String (§B.1.1), so VC 2.0 language value objects would fail OB validators.
func (c Certificate) achievementName() string {
	var parts []string
	for _, lang := range []string{"kk", "ru", "en"} {
		if s := strings.TrimSpace(c.AchievementName[lang]); s != "" && !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " / ")
}

func (c Certificate) displayName() string {
	if c.Demo {
		return demoPrefix + c.achievementName()
	}
	return c.achievementName()
}

func (c Certificate) credentialDescription() string {
	d := c.Description
	if c.Number != "" {
		d = strings.TrimSpace("№ " + c.Number + ". " + d)
	}
	if c.Demo {
		d = strings.TrimSpace(demoNote + " " + d)
	}
	return d
}

func (c Certificate) profile() obProfile {
	p := obProfile{ID: c.IssuerDID, Type: []string{"Profile"}, Name: c.CentreName}
	if c.CentreID != "" {
		p.OtherIdentifier = []obIdentifier{{Type: "IdentifierEntry", Identifier: c.CentreID, IdentifierType: "identifier"}}
	}
	return p
}

func (c Certificate) subject() obSubject {
	description := c.Description
	if description == "" {
		description = c.narrative()
	}
	if c.Demo {
		description = demoNote + " " + description
	}
	var result []obResult
	if c.Result != "" {
		result = []obResult{{Type: []string{"Result"}, Value: c.Result}}
	}
	return obSubject{
		Type:          []string{"AchievementSubject"},
		Name:          c.HolderName,
		Identifier:    []obIdentityObject{{Type: "IdentityObject", Hashed: false, IdentityHash: c.HolderName, IdentityType: "name"}},
		LicenseNumber: c.Number,
		Achievement: obAchievement{
			ID:              c.CardURL,
			Type:            []string{"Achievement"},
			AchievementType: achievementType,
			Name:            c.displayName(),
			Description:     description,
			Criteria:        obCriteria{Narrative: c.narrative()},
			HumanCode:       c.StandardCode,
			Version:         c.StandardVersion,
			Alignment:       c.alignments(),
		},
		Result: result,
	}
}

// framework names the standard for alignment targetFramework.
func (c Certificate) framework() string {
	f := "Кәсіби стандарт / Профессиональный стандарт " + c.StandardCode
	if c.StandardVersion != "" {
		f += " (" + c.StandardVersion + ")"
	}
	return f
}

func (c Certificate) levelText() string {
	if c.Level <= 0 {
		return ""
	}
	return "Біліктілік деңгейі / Уровень квалификации: " + strconv.Itoa(c.Level)
}

// alignments aligns the achievement with the card and with each recognised unit (OB 3.0
// §B.1.5: targetName and targetUrl required).
func (c Certificate) alignments() []obAlignment {
	al := []obAlignment{{
		Type: []string{"Alignment"}, TargetName: c.CardTitle, TargetURL: c.CardURL,
		TargetDescription: c.levelText(), TargetFramework: c.framework(),
	}}
	for _, u := range c.Units {
		al = append(al, obAlignment{
			Type: []string{"Alignment"}, TargetName: u.Name, TargetURL: u.URL,
			TargetCode: u.Code, TargetFramework: c.framework(),
		})
	}
	return al
}

// narrative is the criteria text (Markdown): the standard, card, level and recognised units.
func (c Certificate) narrative() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s.  \nКарточка: %s.", c.framework(), c.CardTitle)
	if l := c.levelText(); l != "" {
		fmt.Fprintf(&b, "  \n%s.", l)
	}
	if len(c.Units) > 0 {
		b.WriteString("\n\nТанылған бірліктер / Признанные единицы:\n")
		for _, u := range c.Units {
			b.WriteString("\n- ")
			if u.Code != "" {
				b.WriteString(u.Code + " ")
			}
			b.WriteString(u.Name)
		}
	}
	return b.String()
}

// newURNUUID returns a random (version 4) UUID URN, the VC 2.0 way to name a credential that has
// no URL.
func newURNUUID() (string, error) {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		return "", fmt.Errorf("credential id: %w", err)
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]), nil
}
