package credential

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Verdict is the outcome of verifying a credential.
type Verdict int

// Verdicts, from the first check that fails: the document is parsed (malformed), its proof read
// (wrong cryptosuite), its key found (unknown key), the signature checked (bad signature), the
// key tied to the issuer (issuer mismatch), and the validity period compared with the time of
// verification (not yet valid, expired). Status (revocation) is a separate check: CheckStatus.
const (
	Valid Verdict = iota
	Malformed
	WrongCryptosuite
	UnknownKey
	BadSignature
	IssuerMismatch
	NotYetValid
	Expired
)

var verdictNames = [...]string{"valid", "malformed", "wrong cryptosuite", "unknown key", "bad signature", "issuer mismatch", "not yet valid", "expired"}

func (v Verdict) String() string {
	if v < 0 || int(v) >= len(verdictNames) {
		return fmt.Sprintf("Verdict(%d)", int(v))
	}
	return verdictNames[v]
}

// The errors Verify returns wrap one of these, one per verdict other than Valid.
var (
	ErrMalformed        = errors.New("malformed")
	ErrWrongCryptosuite = errors.New("wrong cryptosuite")
	ErrUnknownKey       = errors.New("unknown key")
	ErrBadSignature     = errors.New("bad signature")
	ErrIssuerMismatch   = errors.New("issuer mismatch")
	ErrNotYetValid      = errors.New("not yet valid")
	ErrExpired          = errors.New("expired")
)

var verdictErrs = map[error]Verdict{
	ErrMalformed: Malformed, ErrWrongCryptosuite: WrongCryptosuite, ErrUnknownKey: UnknownKey,
	ErrBadSignature: BadSignature, ErrIssuerMismatch: IssuerMismatch, ErrNotYetValid: NotYetValid,
	ErrExpired: Expired,
}

func verdictOf(err error) Verdict {
	for e, v := range verdictErrs {
		if errors.Is(err, e) {
			return v
		}
	}
	return Malformed
}

// VC 2.0 base context; it must come first in a credential's @context (VC Data Model 2.0 §4.3).
const vcContextV2 = "https://www.w3.org/ns/credentials/v2"

// Result describes a verified (or rejected) credential. Fields are filled as far as the
// document could be read.
type Result struct {
	Verdict Verdict
	Reason  string // why the verdict is not Valid, for people

	ID                 string
	Name               string
	Issuer             string // the issuer's id (a DID for Kasip credentials)
	IssuerName         string
	VerificationMethod string
	Created            time.Time // when the proof was made, if it says
	ValidFrom          time.Time // zero when absent
	ValidUntil         time.Time // zero when absent
	Status             []StatusEntry
	Document           map[string]any // the parsed signed document
}

// Verify checks a signed credential at the current time, resolving keys with r.
func Verify(signed []byte, r Resolver) (Result, error) {
	return VerifyAt(context.Background(), signed, r, time.Now())
}

// VerifyAt checks a signed credential as of now, resolving keys with r (nil: DefaultResolver).
// The error is nil exactly when the verdict is Valid; otherwise it wraps the verdict's Err…
// value and says why.
//
// Beyond the proof itself, the key must belong to the issuer: the proof's verification method
// must be a method of the DID in the credential's issuer, or anyone could sign a credential that
// names another issuer with a key of their own.
func VerifyAt(ctx context.Context, signed []byte, r Resolver, now time.Time) (Result, error) {
	res, err := verify(ctx, signed, r, now)
	if err != nil {
		res.Verdict = verdictOf(err)
		res.Reason = err.Error()
	}
	return res, err
}

func verify(ctx context.Context, signed []byte, r Resolver, now time.Time) (Result, error) {
	var res Result
	doc, _, err := parseObject(signed)
	if err != nil {
		return res, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	res.Document = doc
	if err := readCredential(doc, &res); err != nil {
		return res, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if r == nil {
		r = DefaultResolver
	}
	pc, err := verifyProof(ctx, doc, r)
	res.VerificationMethod, res.Created = pc.verificationMethod, pc.created
	if err != nil {
		return res, err
	}
	if did, _, _ := strings.Cut(res.VerificationMethod, "#"); did != res.Issuer {
		return res, fmt.Errorf("%w: signed with a key of %s, but the issuer is %s", ErrIssuerMismatch, did, res.Issuer)
	}
	return res, checkPeriod(res, pc, now)
}

// checkPeriod compares the validity period (and the proof's own expiry) with now.
func checkPeriod(res Result, pc proofCheck, now time.Time) error {
	const layout = time.RFC3339
	switch {
	case !res.ValidFrom.IsZero() && now.Before(res.ValidFrom):
		return fmt.Errorf("%w: valid from %s, checked at %s", ErrNotYetValid, res.ValidFrom.Format(layout), now.UTC().Format(layout))
	case !res.ValidUntil.IsZero() && now.After(res.ValidUntil):
		return fmt.Errorf("%w: valid until %s, checked at %s", ErrExpired, res.ValidUntil.Format(layout), now.UTC().Format(layout))
	case !pc.expires.IsZero() && now.After(pc.expires):
		return fmt.Errorf("%w: the proof expired at %s", ErrExpired, pc.expires.Format(layout))
	}
	return nil
}

// readCredential checks the VC 2.0 structure a verifier relies on and copies the fields of
// interest into res.
func readCredential(doc map[string]any, res *Result) error {
	if ctx := asList(doc["@context"]); len(ctx) == 0 || ctx[0] != vcContextV2 {
		return fmt.Errorf("@context must start with %s", vcContextV2)
	}
	if !hasType(doc, "VerifiableCredential") {
		return fmt.Errorf("type does not include VerifiableCredential")
	}
	if _, ok := doc["credentialSubject"]; !ok {
		return fmt.Errorf("no credentialSubject")
	}
	res.ID, _ = doc["id"].(string)
	res.Name, _ = doc["name"].(string)
	var err error
	if res.Issuer, res.IssuerName, err = readIssuer(doc["issuer"]); err != nil {
		return err
	}
	if res.ValidFrom, err = optionalTime(doc, "validFrom"); err != nil {
		return err
	}
	if res.ValidUntil, err = optionalTime(doc, "validUntil"); err != nil {
		return err
	}
	res.Status, err = readStatusEntries(doc["credentialStatus"])
	return err
}

// readIssuer accepts the issuer as a URL string or an object with an id (VC 2.0 §4.7).
func readIssuer(v any) (id, name string, err error) {
	switch t := v.(type) {
	case string:
		id = t
	case map[string]any:
		id, _ = t["id"].(string)
		name, _ = t["name"].(string)
	}
	if id == "" {
		return "", "", errors.New("no issuer id")
	}
	return id, name, nil
}

// hasType reports whether obj's type (a string or a list of strings) includes want.
func hasType(obj map[string]any, want string) bool {
	for _, t := range asList(obj["type"]) {
		if t == want {
			return true
		}
	}
	return false
}
