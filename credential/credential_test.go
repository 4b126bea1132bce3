package credential

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

var (
	testIssued = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	testUntil  = time.Date(2031, 3, 1, 0, 0, 0, 0, time.UTC)
	testNow    = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
)

// testIssuerKey is a fixed did:key issuer, so failures reproduce.
func testIssuerKey() Issuer {
	return NewDIDKeyIssuer(ed25519.NewKeyFromSeed([]byte("kasip-test-issuer-seed-32-bytes!")))
}

func testCertificate(issuerDID string) Certificate {
	return Certificate{
		Number:          "KZ-2026-000123",
		HolderName:      "Айгүл Серікқызы Нұрланова",
		AchievementName: map[string]string{"kk": "Қонақ үй әкімшісі", "ru": "Администратор гостиницы"},
		Description:     "Recognised qualification of a hotel administrator.",
		Level:           5,
		StandardCode:    "I55101015",
		StandardVersion: "2024",
		CardTitle:       "Администратор гостиницы",
		CardURL:         "https://kasip.example.kz/standards/I55101015/2024/cards/1",
		Units: []Unit{
			{Code: "ТФ 1", Name: "Размещение гостей", URL: "https://kasip.example.kz/standards/I55101015/2024/cards/1#tf-1"},
			{Code: "ТФ 2", Name: "Расчёты с гостями", URL: "https://kasip.example.kz/standards/I55101015/2024/cards/1#tf-2"},
		},
		CentreName:    "Центр подтверждения квалификации «Туризм»",
		CentreID:      "centre-17",
		IssuerDID:     issuerDID,
		IssueDate:     testIssued,
		ValidUntil:    testUntil,
		CredentialURL: "https://kasip.example.kz/credentials/KZ-2026-000123",
	}
}

func signTestCredential(t *testing.T, iss Issuer, c Certificate) []byte {
	t.Helper()
	unsigned, err := NewAchievementCredential(c)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := SignAt(unsigned, iss, testIssued)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// TestCredentialOpenBadge checks the OB 3.0 shape of a built credential.
func TestCredentialOpenBadge(t *testing.T) {
	iss := testIssuerKey()
	c := testCertificate(iss.DID())
	c.Status = []StatusEntry{NewStatusEntry("https://kasip.example.kz/status/1", StatusRevocation, 42)}
	unsigned, err := NewAchievementCredential(c)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Context []string `json:"@context"`
		ID      string
		Type    []string
		Issuer  struct {
			ID, Name string
			Type     []string
		}
		ValidFrom         string
		ValidUntil        string
		Name              string
		CredentialSubject struct {
			Type          []string
			Name          string
			LicenseNumber string
			Identifier    []struct{ Type, IdentityHash, IdentityType string }
			Achievement   struct {
				ID, Name, Description, AchievementType string
				Type                                   []string
				Criteria                               struct{ Narrative string }
				Alignment                              []struct {
					Type                                               []string
					TargetName, TargetURL, TargetCode, TargetFramework string
					TargetDescription                                  string
				}
			}
		}
		CredentialStatus StatusEntry
	}
	if err := json.Unmarshal(unsigned, &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.CredentialSubject
	a := s.Achievement
	checks := []struct {
		what string
		ok   bool
	}{
		{"contexts", strings.Join(doc.Context, " ") == "https://www.w3.org/ns/credentials/v2 https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"},
		{"type", strings.Join(doc.Type, " ") == "VerifiableCredential OpenBadgeCredential"},
		{"id", doc.ID == c.CredentialURL},
		{"issuer", doc.Issuer.ID == iss.DID() && doc.Issuer.Name == c.CentreName && doc.Issuer.Type[0] == "Profile"},
		{"validFrom", doc.ValidFrom == "2026-03-01T09:00:00Z"},
		{"validUntil", doc.ValidUntil == "2031-03-01T00:00:00Z"},
		{"name", doc.Name == "Қонақ үй әкімшісі / Администратор гостиницы"},
		{"subject", s.Type[0] == "AchievementSubject" && s.Name == c.HolderName && s.LicenseNumber == c.Number},
		{"identifier", len(s.Identifier) == 1 && s.Identifier[0].Type == "IdentityObject" && s.Identifier[0].IdentityHash == c.HolderName && s.Identifier[0].IdentityType == "name"},
		{"achievement", a.ID == c.CardURL && a.Type[0] == "Achievement" && a.AchievementType == "Certification" && a.Description == c.Description},
		{"criteria", strings.Contains(a.Criteria.Narrative, "I55101015") && strings.Contains(a.Criteria.Narrative, "Уровень квалификации: 5") && strings.Contains(a.Criteria.Narrative, "ТФ 2 Расчёты с гостями")},
		{"alignments", len(a.Alignment) == 3},
		{"card alignment", a.Alignment[0].TargetName == c.CardTitle && a.Alignment[0].TargetURL == c.CardURL && strings.Contains(a.Alignment[0].TargetDescription, "5") && a.Alignment[0].Type[0] == "Alignment"},
		{"unit alignment", a.Alignment[2].TargetName == "Расчёты с гостями" && a.Alignment[2].TargetCode == "ТФ 2" && a.Alignment[2].TargetURL == c.Units[1].URL && strings.Contains(a.Alignment[2].TargetFramework, "I55101015 (2024)")},
		{"status", doc.CredentialStatus == c.Status[0]},
		{"no DEMO", !strings.Contains(string(unsigned), "DEMO")},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("%s wrong in\n%s", ch.what, unsigned)
		}
	}
}

func TestCredentialDemoMarker(t *testing.T) {
	c := testCertificate(testIssuerKey().DID())
	c.Demo = true
	c.CredentialURL = ""
	c.Status = []StatusEntry{
		NewStatusEntry("https://x.example/status/1", StatusRevocation, 1),
		NewStatusEntry("https://x.example/status/2", StatusSuspension, 1),
	}
	unsigned, err := NewAchievementCredential(c)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ID, Name, Description string
		CredentialSubject     struct {
			Achievement struct{ Name, Description string }
		}
		CredentialStatus []StatusEntry
	}
	if err := json.Unmarshal(unsigned, &doc); err != nil {
		t.Fatal(err)
	}
	a := doc.CredentialSubject.Achievement
	if !strings.HasPrefix(doc.Name, "DEMO — ") || !strings.HasPrefix(a.Name, "DEMO — ") ||
		!strings.HasPrefix(doc.Description, "DEMO:") || !strings.HasPrefix(a.Description, "DEMO:") {
		t.Errorf("demo marker missing:\n%s", unsigned)
	}
	if !strings.HasPrefix(doc.ID, "urn:uuid:") || len(doc.ID) != len("urn:uuid:")+36 || doc.ID[9+14] != '4' {
		t.Errorf("id %s is not a v4 urn:uuid", doc.ID)
	}
	if len(doc.CredentialStatus) != 2 {
		t.Errorf("two status entries should be a list: %s", unsigned)
	}
}

func TestCredentialBuilderErrors(t *testing.T) {
	c := testCertificate("not-a-did")
	c.HolderName = ""
	c.Units[0].URL = ""
	c.ValidUntil = c.IssueDate.Add(-time.Hour)
	_, err := NewAchievementCredential(c)
	for _, want := range []string{"holder name", "issuer DID", "unit 1", "validity ends"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}

// TestCredentialVerdicts signs a built credential and checks each verdict of Verify.
func TestCredentialVerdicts(t *testing.T) {
	iss := testIssuerKey()
	signed := string(signTestCredential(t, iss, testCertificate(iss.DID())))
	ctx := context.Background()

	res, err := VerifyAt(ctx, []byte(signed), nil, testNow)
	if err != nil || res.Verdict != Valid {
		t.Fatalf("fresh credential: %v %v", res.Verdict, err)
	}
	if res.Issuer != iss.DID() || res.IssuerName == "" || res.VerificationMethod != iss.KeyID || !res.ValidUntil.Equal(testUntil) {
		t.Errorf("result %+v", res)
	}

	other, _ := GenerateKey(nil)
	foreign := signTestCredential(t, other, testCertificate(iss.DID()))

	for _, c := range []struct {
		name string
		doc  string
		now  time.Time
		want Verdict
		err  error
	}{
		{"name", strings.Replace(signed, "Айгүл", "Айгуль", 1), testNow, BadSignature, ErrBadSignature},
		{"level", strings.Replace(signed, "квалификации: 5", "квалификации: 6", 1), testNow, BadSignature, ErrBadSignature},
		{"validFrom", strings.Replace(signed, `"validFrom": "2026-03-01T09:00:00Z"`, `"validFrom": "2025-03-01T09:00:00Z"`, 1), testNow, BadSignature, ErrBadSignature},
		{"added member", strings.Replace(signed, `"name":`, `"awardedDate": "2020-01-01T00:00:00Z", "name":`, 1), testNow, BadSignature, ErrBadSignature},
		{"expired", signed, testUntil.Add(time.Second), Expired, ErrExpired},
		{"not yet valid", signed, testIssued.Add(-time.Second), NotYetValid, ErrNotYetValid},
		{"cryptosuite", strings.Replace(signed, "eddsa-jcs-2022", "ecdsa-jcs-2019", 1), testNow, WrongCryptosuite, ErrWrongCryptosuite},
		{"not JSON", signed[:len(signed)-1], testNow, Malformed, ErrMalformed},
		{"no proof", strings.Replace(signed, `"proof"`, `"proof2"`, 1), testNow, Malformed, ErrMalformed},
		{"not a VC", strings.Replace(signed, `"VerifiableCredential",`, ``, 1), testNow, Malformed, ErrMalformed},
		{"unknown key", strings.ReplaceAll(signed, iss.KeyID, other.KeyID+"x"), testNow, UnknownKey, ErrUnknownKey},
		{"foreign key", string(foreign), testNow, IssuerMismatch, ErrIssuerMismatch},
	} {
		if c.doc == signed && c.now.Equal(testNow) {
			t.Fatalf("%s: replacement did not apply", c.name)
		}
		res, err := VerifyAt(ctx, []byte(c.doc), nil, c.now)
		if res.Verdict != c.want || !errors.Is(err, c.err) || res.Reason == "" {
			t.Errorf("%s: %v (%v), want %v", c.name, res.Verdict, err, c.want)
		}
	}
}

// TestCredentialVerdictNames keeps the verdict words the CLI prints.
func TestCredentialVerdictNames(t *testing.T) {
	for v, want := range map[Verdict]string{Valid: "valid", BadSignature: "bad signature", Expired: "expired", Verdict(99): "Verdict(99)"} {
		if v.String() != want {
			t.Errorf("%d: %s", v, v)
		}
	}
}

func TestCredentialSignErrors(t *testing.T) {
	iss := testIssuerKey()
	for name, in := range map[string]string{
		"array":     `[]`,
		"has proof": `{"proof":{}}`,
		"invalid":   `{"a":`,
		"duplicate": `{"a":1,"a":2}`,
	} {
		if _, err := Sign([]byte(in), iss); err == nil {
			t.Errorf("%s: signed", name)
		}
	}
	if _, err := Sign([]byte(`{}`), Issuer{KeyID: iss.KeyID}); err == nil {
		t.Error("signed without a private key")
	}
	if _, err := Sign([]byte(`{}`), Issuer{KeyID: "key-1", PrivateKey: iss.PrivateKey}); err == nil {
		t.Error("signed with a key id that is not a DID URL")
	}
	// An empty object still gets a well-formed proof.
	signed, err := Sign([]byte(` {} `), iss)
	if err != nil || !json.Valid(signed) || !strings.HasPrefix(string(signed), "{\n  \"proof\": {") {
		t.Errorf("empty object: %s %v", signed, err)
	}
}

func FuzzVerify(f *testing.F) {
	iss := testIssuerKey()
	unsigned, err := NewAchievementCredential(testCertificate(iss.DID()))
	if err != nil {
		f.Fatal(err)
	}
	signed, err := SignAt(unsigned, iss, testIssued)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(signed)
	f.Add([]byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":"VerifiableCredential","issuer":"did:key:z","credentialSubject":{},"proof":[{"type":"DataIntegrityProof","cryptosuite":"eddsa-jcs-2022","proofPurpose":"assertionMethod","verificationMethod":"did:key:z6Mk#z6Mk","proofValue":"z1"}]}`))
	f.Add([]byte(`{"credentialStatus":[{"type":"BitstringStatusListEntry"}, 5]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := VerifyAt(context.Background(), data, nil, testNow)
		if (err == nil) != (res.Verdict == Valid) {
			t.Fatalf("verdict %v with error %v", res.Verdict, err)
		}
	})
}
