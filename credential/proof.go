package credential

// The eddsa-jcs-2022 cryptosuite (W3C Data Integrity EdDSA Cryptosuites v1.0, §3.3): the document
// and the proof configuration are each canonicalised with JCS and hashed with SHA-256; Ed25519
// signs proofHash ‖ documentHash; the signature is the proof's proofValue in multibase base58btc.

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/kasip/kasip/internal/jcs"
)

const (
	proofType   = "DataIntegrityProof"
	cryptosuite = "eddsa-jcs-2022"
	// assertionMethod is the proof purpose of credentials: the issuer asserts the claims.
	assertionMethod = "assertionMethod"
)

// proofConfig is a proof without its value, in the member order the W3C vectors use; Sign writes
// it in this order so that a signed document reads like signedJCS.json.
type proofConfig struct {
	Type               string          `json:"type"`
	Cryptosuite        string          `json:"cryptosuite"`
	Created            string          `json:"created,omitempty"`
	VerificationMethod string          `json:"verificationMethod"`
	ProofPurpose       string          `json:"proofPurpose"`
	Context            json.RawMessage `json:"@context,omitempty"`
	ProofValue         string          `json:"proofValue,omitempty"`
}

// hashInput holds the eddsa-jcs-2022 hashing input and every intermediate value, so tests can
// check each against the W3C vectors.
type hashInput struct {
	canonDocument, canonProof []byte
	docHash, proofHash        [32]byte
}

// newHashInput canonicalises the unsecured document and the proof configuration (each a decoded
// JSON value) and hashes them (spec §3.3.4, "Hashing").
func newHashInput(document, config any) (hashInput, error) {
	var h hashInput
	var err error
	if h.canonDocument, err = jcs.Marshal(document); err != nil {
		return h, fmt.Errorf("canonicalising the document: %w", err)
	}
	if h.canonProof, err = jcs.Marshal(config); err != nil {
		return h, fmt.Errorf("canonicalising the proof configuration: %w", err)
	}
	h.docHash = sha256.Sum256(h.canonDocument)
	h.proofHash = sha256.Sum256(h.canonProof)
	return h, nil
}

// data is what Ed25519 signs: the proof configuration's hash, then the document's.
func (h hashInput) data() []byte {
	return append(h.proofHash[:], h.docHash[:]...)
}

// createProof runs the spec's Create Proof algorithm (§3.3.1) over an unsecured document given
// as JSON text. The proof configuration copies the document's @context, when it has one, so that
// the proof's terms are defined by the same vocabulary (§3.3.5 step 4).
func createProof(unsecured []byte, iss Issuer, created time.Time) (proofConfig, hashInput, error) {
	if err := iss.check(); err != nil {
		return proofConfig{}, hashInput{}, err
	}
	doc, top, err := parseObject(unsecured)
	if err != nil {
		return proofConfig{}, hashInput{}, err
	}
	if _, ok := doc["proof"]; ok {
		return proofConfig{}, hashInput{}, errors.New("the document already has a proof (proof sets are not supported)")
	}
	p := proofConfig{
		Type:               proofType,
		Cryptosuite:        cryptosuite,
		Created:            created.UTC().Truncate(time.Second).Format(time.RFC3339),
		VerificationMethod: iss.KeyID,
		ProofPurpose:       assertionMethod,
	}
	if ctx, ok := top["@context"]; ok {
		var b bytes.Buffer
		if err := json.Compact(&b, ctx); err != nil {
			return proofConfig{}, hashInput{}, fmt.Errorf("document @context: %w", err)
		}
		p.Context = b.Bytes()
	}
	config, err := decodeProofConfig(p)
	if err != nil {
		return proofConfig{}, hashInput{}, err
	}
	h, err := newHashInput(doc, config)
	if err != nil {
		return proofConfig{}, hashInput{}, err
	}
	p.ProofValue = encodeMultibase58(ed25519.Sign(iss.PrivateKey, h.data()))
	return p, h, nil
}

// decodeProofConfig turns the typed configuration into the generic JSON value that is hashed.
func decodeProofConfig(p proofConfig) (any, error) {
	b, err := marshalNoEscape(p)
	if err != nil {
		return nil, fmt.Errorf("proof configuration: %w", err)
	}
	return jcs.Parse(b)
}

// parseObject parses data strictly (see jcs.Parse) as a JSON object, returning it decoded and
// as raw top-level members.
func parseObject(data []byte) (map[string]any, map[string]json.RawMessage, error) {
	v, err := jcs.Parse(data)
	if err != nil {
		return nil, nil, err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, nil, errors.New("the document is not a JSON object")
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, nil, fmt.Errorf("invalid JSON: %w", err)
	}
	return obj, top, nil
}

// marshalNoEscape is json.Marshal without the HTML escaping of <, > and &: documents are data,
// not HTML, and the escapes would only make the stored bytes harder to read.
func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// Sign secures unsigned (a JSON object without a proof) with an eddsa-jcs-2022 proof created now
// and returns the bytes to store and serve verbatim.
func Sign(unsigned []byte, iss Issuer) ([]byte, error) {
	return SignAt(unsigned, iss, time.Now())
}

// SignAt is Sign with the proof's created time given (whole seconds, UTC).
//
// The result is the unsigned document's members in their original order and with their original
// escapes, followed by "proof", indented by two spaces, without a final newline — the layout of
// the W3C vector signedJCS.json, which SignAt reproduces byte for byte. The layout carries no
// meaning: verification re-canonicalises with JCS, so any re-serialisation verifies alike. Store
// and serve these bytes as they are so the file's own hash stays stable.
func SignAt(unsigned []byte, iss Issuer, created time.Time) ([]byte, error) {
	p, _, err := createProof(unsigned, iss, created)
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	proof, err := marshalNoEscape(p)
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	var doc bytes.Buffer
	if err := json.Compact(&doc, unsigned); err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	body := bytes.TrimSuffix(doc.Bytes(), []byte("}"))
	if !bytes.Equal(body, []byte("{")) {
		body = append(body, ',')
	}
	body = append(body, `"proof":`...)
	body = append(append(body, proof...), '}')
	var out bytes.Buffer
	if err := json.Indent(&out, body, "", "  "); err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	return out.Bytes(), nil
}

// proofCheck is what verifying a document's proof established.
type proofCheck struct {
	verificationMethod string
	created            time.Time
	expires            time.Time
}

// verifyProof runs the spec's Verify Proof algorithm (§3.3.2) on a decoded secured document. Its
// errors wrap ErrMalformed, ErrWrongCryptosuite, ErrUnknownKey or ErrBadSignature.
func verifyProof(ctx context.Context, doc map[string]any, r Resolver) (proofCheck, error) {
	proof, err := singleProof(doc["proof"])
	if err != nil {
		return proofCheck{}, err
	}
	var pc proofCheck
	if err := checkProofOptions(proof, &pc); err != nil {
		return pc, err
	}
	proofValue, _ := proof["proofValue"].(string)
	sig, err := decodeMultibase58(proofValue)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return pc, fmt.Errorf("%w: proofValue is not a multibase base58btc Ed25519 signature", ErrBadSignature)
	}
	unsecured := maps.Clone(doc)
	delete(unsecured, "proof")
	options := maps.Clone(proof)
	delete(options, "proofValue")
	if pctx, ok := options["@context"]; ok {
		// The document's @context must begin with the proof's, so a proof cannot bring in a
		// vocabulary the document does not use (§3.3.2 step 5).
		if !contextStartsWith(doc["@context"], pctx) {
			return pc, fmt.Errorf("%w: the document's @context does not start with the proof's @context", ErrBadSignature)
		}
		unsecured["@context"] = pctx
	}
	h, err := newHashInput(unsecured, options)
	if err != nil {
		return pc, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	pub, err := r.ResolveKey(ctx, pc.verificationMethod, assertionMethod)
	if err != nil {
		return pc, err
	}
	if !ed25519.Verify(pub, h.data(), sig) {
		return pc, fmt.Errorf("%w: the signature does not match the document: it was changed after signing, or signed with another key", ErrBadSignature)
	}
	return pc, nil
}

// singleProof accepts one proof, given as an object or a one-element array.
func singleProof(v any) (map[string]any, error) {
	if arr, ok := v.([]any); ok && len(arr) == 1 {
		v = arr[0]
	}
	switch p := v.(type) {
	case map[string]any:
		return p, nil
	case nil:
		return nil, fmt.Errorf("%w: the document has no proof", ErrMalformed)
	case []any:
		return nil, fmt.Errorf("%w: %d proofs (proof sets and chains are not supported)", ErrMalformed, len(p))
	}
	return nil, fmt.Errorf("%w: proof is not an object", ErrMalformed)
}

// checkProofOptions checks the proof's type, cryptosuite, purpose and dates (§3.3.5, §3.3.2).
func checkProofOptions(proof map[string]any, pc *proofCheck) error {
	typ, _ := proof["type"].(string)
	suite, _ := proof["cryptosuite"].(string)
	if typ != proofType || suite != cryptosuite {
		return fmt.Errorf("%w: proof %q/%q; only %s with %s is supported", ErrWrongCryptosuite, typ, suite, proofType, cryptosuite)
	}
	vm, ok := proof["verificationMethod"].(string)
	if !ok || vm == "" {
		return fmt.Errorf("%w: the proof names no verificationMethod", ErrMalformed)
	}
	pc.verificationMethod = vm
	if purpose, _ := proof["proofPurpose"].(string); purpose != assertionMethod {
		return fmt.Errorf("%w: proofPurpose %q; a credential's proof must be %s", ErrMalformed, purpose, assertionMethod)
	}
	var err error
	if pc.created, err = optionalTime(proof, "created"); err != nil {
		return fmt.Errorf("%w: proof %w", ErrMalformed, err)
	}
	if pc.expires, err = optionalTime(proof, "expires"); err != nil {
		return fmt.Errorf("%w: proof %w", ErrMalformed, err)
	}
	return nil
}

// contextStartsWith reports whether the document @context begins with the proof @context; a
// single value counts as a one-element list.
func contextStartsWith(doc, prefix any) bool {
	d, p := asList(doc), asList(prefix)
	if len(p) > len(d) {
		return false
	}
	for i := range p {
		a, errA := jcs.Marshal(d[i])
		b, errB := jcs.Marshal(p[i])
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			return false
		}
	}
	return true
}

func asList(v any) []any {
	switch t := v.(type) {
	case nil:
		return nil
	case []any:
		return t
	}
	return []any{v}
}

// optionalTime reads an XML Schema dateTimeStamp member (RFC 3339 with a time zone) when present.
func optionalTime(obj map[string]any, name string) (time.Time, error) {
	v, ok := obj[name]
	if !ok {
		return time.Time{}, nil
	}
	s, ok := v.(string)
	if !ok {
		return time.Time{}, fmt.Errorf("%s is not a string", name)
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q is not a date-time with a time zone", name, s)
	}
	return t, nil
}
