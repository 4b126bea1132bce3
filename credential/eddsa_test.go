package credential

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/internal/jcs"
)

const vectors = "testdata/vc-di-eddsa"

func readVector(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectors, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// vectorText is a .txt vector without the line end an editor may have added.
func vectorText(t *testing.T, name string) string {
	return strings.TrimRight(string(readVector(t, name)), "\r\n")
}

func vectorIssuer(t *testing.T) Issuer {
	t.Helper()
	iss, err := ParseIssuer(readVector(t, "keyPair.json"))
	if err != nil {
		t.Fatal(err)
	}
	return iss
}

var vectorCreated = time.Date(2023, 2, 24, 23, 36, 38, 0, time.UTC)

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}

// TestEddsaJCS2022Vectors reproduces every intermediate value of the W3C eddsa-jcs-2022 test
// vectors (w3c/vc-di-eddsa TestVectors) through the code path Sign uses.
func TestEddsaJCS2022Vectors(t *testing.T) {
	iss := vectorIssuer(t)
	keyPair := struct{ PublicKeyMultibase string }{}
	if err := json.Unmarshal(readVector(t, "keyPair.json"), &keyPair); err != nil {
		t.Fatal(err)
	}
	if got := EncodePublicKeyMultibase(iss.PublicKey()); got != keyPair.PublicKeyMultibase {
		t.Fatalf("public key %s, want %s", got, keyPair.PublicKeyMultibase)
	}
	p, h, err := createProof(readVector(t, "unsigned.json"), iss, vectorCreated)
	if err != nil {
		t.Fatal(err)
	}
	config, err := marshalNoEscape(proofConfig{Type: p.Type, Cryptosuite: p.Cryptosuite, Created: p.Created,
		VerificationMethod: p.VerificationMethod, ProofPurpose: p.ProofPurpose, Context: p.Context})
	if err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(t, config, readVector(t, "proofConfigJCS.json")) {
		t.Errorf("proof configuration\n%s\nwant\n%s", config, readVector(t, "proofConfigJCS.json"))
	}
	for _, c := range []struct{ name, got, file string }{
		{"canonical document", string(h.canonDocument), "canonDocJCS.txt"},
		{"document hash", hex.EncodeToString(h.docHash[:]), "docHashJCS.txt"},
		{"canonical proof configuration", string(h.canonProof), "proofCanonJCS.txt"},
		{"proof configuration hash", hex.EncodeToString(h.proofHash[:]), "proofHashJCS.txt"},
		{"combined hash", hex.EncodeToString(h.data()), "combinedHashJCS.txt"},
		{"signature", sigHex(t, p.ProofValue), "sigHexJCS.txt"},
		{"proofValue", p.ProofValue, "sigBTC58JCS.txt"},
	} {
		if want := vectorText(t, c.file); c.got != want {
			t.Errorf("%s (%s):\n got %s\nwant %s", c.name, c.file, c.got, want)
		}
	}
}

func sigHex(t *testing.T, proofValue string) string {
	t.Helper()
	sig, err := decodeMultibase58(proofValue)
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(sig)
}

// TestEddsaSignedDocumentVector: SignAt returns signedJCS.json byte for byte (and so, equal as
// JSON).
func TestEddsaSignedDocumentVector(t *testing.T) {
	signed, err := SignAt(readVector(t, "unsigned.json"), vectorIssuer(t), vectorCreated)
	if err != nil {
		t.Fatal(err)
	}
	want := readVector(t, "signedJCS.json")
	if !jsonEqual(t, signed, want) {
		t.Fatalf("signed document differs from signedJCS.json as JSON:\n%s", signed)
	}
	if !bytes.Equal(signed, want) {
		t.Errorf("signed document equals signedJCS.json as JSON but not byte for byte:\n%s", signed)
	}
}

// TestEddsaVerifyVector verifies the W3C signed vector and rejects it once changed.
func TestEddsaVerifyVector(t *testing.T) {
	doc, _, err := parseObject(readVector(t, "signedJCS.json"))
	if err != nil {
		t.Fatal(err)
	}
	pc, err := verifyProof(context.Background(), doc, DefaultResolver)
	if err != nil {
		t.Fatalf("vector does not verify: %v", err)
	}
	if !pc.created.Equal(vectorCreated) {
		t.Errorf("created %v", pc.created)
	}
	doc["name"] = "Alumni Credential!"
	if _, err := verifyProof(context.Background(), doc, DefaultResolver); !errors.Is(err, ErrBadSignature) {
		t.Errorf("changed vector: %v, want bad signature", err)
	}
}

// TestEddsaVerifyVectorIssuerPolicy: the vector's issuer is an https URL while its key is a
// did:key, so Verify's issuer binding refuses it even though the proof is sound.
func TestEddsaVerifyVectorIssuerPolicy(t *testing.T) {
	res, err := Verify(readVector(t, "signedJCS.json"), nil)
	if res.Verdict != IssuerMismatch || !errors.Is(err, ErrIssuerMismatch) {
		t.Errorf("verdict %v (%v), want issuer mismatch", res.Verdict, err)
	}
}

// TestEddsaAnySerialisationVerifies: verification does not depend on the stored layout.
func TestEddsaAnySerialisationVerifies(t *testing.T) {
	doc, _, err := parseObject(readVector(t, "signedJCS.json"))
	if err != nil {
		t.Fatal(err)
	}
	compact, err1 := json.Marshal(doc)
	jcs, err2 := jcs.Canonicalize(readVector(t, "signedJCS.json"))
	tabs, err3 := json.MarshalIndent(doc, "", "\t")
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"compact": compact, "jcs": jcs, "tabs": tabs} {
		d, _, err := parseObject(b)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := verifyProof(context.Background(), d, DefaultResolver); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestEddsaProofChecks(t *testing.T) {
	signed := string(readVector(t, "signedJCS.json"))
	for _, c := range []struct {
		name, old, new string
		want           error
	}{
		{"cryptosuite", `"cryptosuite": "eddsa-jcs-2022"`, `"cryptosuite": "eddsa-rdfc-2022"`, ErrWrongCryptosuite},
		{"type", `"type": "DataIntegrityProof"`, `"type": "Ed25519Signature2020"`, ErrWrongCryptosuite},
		{"purpose", `"proofPurpose": "assertionMethod"`, `"proofPurpose": "authentication"`, ErrMalformed},
		{"created", `"created": "2023-02-24T23:36:38Z"`, `"created": "2023-02-24T23:36:39Z"`, ErrBadSignature},
		{"created format", `"created": "2023-02-24T23:36:38Z"`, `"created": "yesterday"`, ErrMalformed},
		{"proofValue", `"proofValue": "z2H`, `"proofValue": "z3H`, ErrBadSignature},
		{"proofValue base", `"proofValue": "z2H`, `"proofValue": "u2H`, ErrBadSignature},
		{"key", `"verificationMethod": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#`,
			`"verificationMethod": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#`, ErrUnknownKey},
		{"proof context", `"proofPurpose": "assertionMethod",
    "@context": [
      "https://www.w3.org/ns/credentials/v2",`, `"proofPurpose": "assertionMethod",
    "@context": [
      "https://www.w3.org/ns/credentials/v1",`, ErrBadSignature},
	} {
		changed := strings.Replace(signed, c.old, c.new, 1)
		if changed == signed {
			t.Fatalf("%s: replacement did not apply", c.name)
		}
		doc, _, err := parseObject([]byte(changed))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := verifyProof(context.Background(), doc, DefaultResolver); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

// TestJCSVectors canonicalises the W3C vectors' inputs to their canonical forms.
func TestJCSVectors(t *testing.T) {
	for in, want := range map[string]string{
		"unsigned.json":       "canonDocJCS.txt",
		"proofConfigJCS.json": "proofCanonJCS.txt",
	} {
		got, err := jcs.Canonicalize(readVector(t, in))
		if err != nil {
			t.Fatal(err)
		}
		if w := vectorText(t, want); string(got) != w {
			t.Errorf("%s:\n got %s\nwant %s", in, got, w)
		}
	}
}
