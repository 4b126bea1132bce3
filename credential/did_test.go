package credential

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestDIDKeyVector(t *testing.T) {
	iss := vectorIssuer(t)
	const mb = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
	if iss.KeyID != "did:key:"+mb+"#"+mb || iss.DID() != "did:key:"+mb {
		t.Errorf("key id %s, DID %s", iss.KeyID, iss.DID())
	}
	pub, err := DefaultResolver.ResolveKey(context.Background(), iss.KeyID, "assertionMethod")
	if err != nil || !pub.Equal(iss.PublicKey()) {
		t.Errorf("resolved %x (%v)", pub, err)
	}
	if got := EncodeSecretKeyMultibase(iss.PrivateKey); got != "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq" {
		t.Errorf("secret key multibase %s", got)
	}
}

func TestDIDKeyResolveErrors(t *testing.T) {
	iss := vectorIssuer(t)
	mb := EncodePublicKeyMultibase(iss.PublicKey())
	for _, vm := range []string{
		"did:key:" + mb,                 // no fragment
		"did:key:" + mb + "#other",      // not the key
		"did:key:z6Mk#z6Mk",             // too short
		"did:key:zQ3s" + mb[4:] + "#x",  // not ed25519
		"did:key:" + mb[:10] + "0OIl#x", // not base58
		"did:example:123#key-1",         // unsupported method
		"did:web:example.kz#key-1",      // did:web without a web resolver
	} {
		if _, err := DefaultResolver.ResolveKey(context.Background(), vm, "assertionMethod"); !errors.Is(err, ErrUnknownKey) {
			t.Errorf("%s: %v, want unknown key", vm, err)
		}
	}
	if _, err := DefaultResolver.ResolveKey(context.Background(), iss.KeyID, "keyAgreement"); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("keyAgreement: %v", err)
	}
}

func TestDIDBase58(t *testing.T) {
	for _, b := range [][]byte{{}, {0}, {0, 0, 1}, {0xff, 0xfe}, bytes.Repeat([]byte{0xab}, 64)} {
		got, err := decodeBase58(encodeBase58(b))
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%x: round trip %x (%v)", b, got, err)
		}
	}
	if s := encodeBase58([]byte("Hello World!")); s != "2NEpo7TZRRrLZSi2U" {
		t.Errorf("base58(Hello World!) = %s", s)
	}
	if _, err := decodeBase58(strings.Repeat("z", maxBase58Len+1)); err == nil {
		t.Error("overlong base58 accepted")
	}
}

func TestDIDIssuerKeyFile(t *testing.T) {
	iss, err := GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := MarshalIssuer(iss)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseIssuer(b)
	if err != nil || back.KeyID != iss.KeyID || !back.PrivateKey.Equal(iss.PrivateKey) {
		t.Fatalf("round trip: %v %v", back, err)
	}
	var mk map[string]string
	if err := json.Unmarshal(b, &mk); err != nil || mk["type"] != "Multikey" || mk["controller"] != iss.DID() ||
		!strings.HasPrefix(mk["secretKeyMultibase"], "z3u2") || !strings.HasPrefix(mk["publicKeyMultibase"], "z6Mk") {
		t.Errorf("key file %s", b)
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(format, iss); s != "credential.Issuer("+iss.KeyID+")" {
			t.Errorf("%s of an issuer prints %s", format, s)
		}
	}

	// A did:web key keeps its id; a public key that does not match is refused.
	web := Issuer{KeyID: "did:web:example.kz#key-2", PrivateKey: iss.PrivateKey}
	b, err = MarshalIssuer(web)
	if err != nil {
		t.Fatal(err)
	}
	if back, err := ParseIssuer(b); err != nil || back.KeyID != web.KeyID {
		t.Errorf("did:web key file: %v %v", back, err)
	}
	other, _ := GenerateKey(nil)
	bad := strings.Replace(string(b), EncodePublicKeyMultibase(iss.PublicKey()), EncodePublicKeyMultibase(other.PublicKey()), 1)
	if _, err := ParseIssuer([]byte(bad)); err == nil {
		t.Error("mismatched public key accepted")
	}
	if _, err := MarshalIssuer(Issuer{KeyID: "did:key:x"}); err == nil {
		t.Error("issuer without a key marshalled")
	}
}

func TestDIDWebURL(t *testing.T) {
	for did, want := range map[string]string{
		"did:web:example.kz":                   "https://example.kz/.well-known/did.json",
		"did:web:example.kz:centres:almaty":    "https://example.kz/centres/almaty/did.json",
		"did:web:localhost%3A8443":             "https://localhost:8443/.well-known/did.json",
		"did:web:xn--80ak6aa92e.kz:org:centre": "https://xn--80ak6aa92e.kz/org/centre/did.json",
	} {
		if got, err := DIDWebURL(did); err != nil || got != want {
			t.Errorf("%s: %s (%v), want %s", did, got, err, want)
		}
	}
	for _, did := range []string{"did:web:", "did:key:z6Mk", "did:web:a/b", "did:web:user@host", "did:web:example.kz::x", "did:web:example.kz:..", "did:web:%zz"} {
		if got, err := DIDWebURL(did); err == nil {
			t.Errorf("%s: %s, want an error", did, got)
		}
	}
}

// didWebServer serves a DID document at /.well-known/did.json over TLS and returns the DID,
// a resolver using the server's client, and a setter for the document.
func didWebServer(t *testing.T) (did string, r *DIDWebResolver, set func(DIDDocument), fetches *atomic.Int32) {
	var doc atomic.Value
	fetches = new(atomic.Int32)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path != "/.well-known/did.json" {
			http.NotFound(w, req)
			return
		}
		fetches.Add(1)
		w.Header().Set("Content-Type", "application/did+json")
		w.Write(doc.Load().([]byte))
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	did = "did:web:" + strings.ReplaceAll(u.Host, ":", "%3A")
	set = func(d DIDDocument) {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		doc.Store(b)
	}
	return did, NewDIDWebResolver(srv.Client()), set, fetches
}

// TestDIDWebRotation: a DID document listing an old and a new key verifies credentials signed
// with either; once the old key is removed, its credentials no longer verify.
func TestDIDWebRotation(t *testing.T) {
	did, web, setDoc, fetches := didWebServer(t)
	oldKey, _ := GenerateKey(nil)
	newKey, _ := GenerateKey(nil)
	oldIss := Issuer{KeyID: did + "#key-1", PrivateKey: oldKey.PrivateKey}
	newIss := Issuer{KeyID: did + "#key-2", PrivateKey: newKey.PrivateKey}
	setDoc(NewDIDDocument(did, oldIss.VerificationMethod(), newIss.VerificationMethod()))

	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	signedOld := signTestCredential(t, oldIss, testCertificate(did))
	signedNew := signTestCredential(t, newIss, testCertificate(did))
	r := DIDResolver{Web: web}
	for name, signed := range map[string][]byte{"old key": signedOld, "new key": signedNew} {
		if res, err := VerifyAt(context.Background(), signed, r, now); err != nil || res.Verdict != Valid {
			t.Errorf("%s: %v %v", name, res.Verdict, err)
		}
	}
	if n := fetches.Load(); n != 1 {
		t.Errorf("DID document fetched %d times, want 1 (cached)", n)
	}

	// Withdraw the old key: a fresh resolver sees the new document.
	setDoc(NewDIDDocument(did, newIss.VerificationMethod()))
	r.Web = &DIDWebResolver{Fetch: web.Fetch}
	res, err := VerifyAt(context.Background(), signedOld, r, now)
	if res.Verdict != UnknownKey || !errors.Is(err, ErrUnknownKey) {
		t.Errorf("withdrawn key: %v %v", res.Verdict, err)
	}
	if res, err := VerifyAt(context.Background(), signedNew, r, now); err != nil {
		t.Errorf("new key after rotation: %v %v", res.Verdict, err)
	}
	// Offline, a did:web key cannot be found.
	if res, _ := VerifyAt(context.Background(), signedNew, DefaultResolver, now); res.Verdict != UnknownKey {
		t.Errorf("offline did:web: %v", res.Verdict)
	}
}

func TestDIDDocumentChecks(t *testing.T) {
	iss, _ := GenerateKey(nil)
	const did = "did:web:example.kz"
	vm := VerificationMethod{ID: did + "#key-2", Type: "Multikey", Controller: did, PublicKeyMultibase: EncodePublicKeyMultibase(iss.PublicKey())}
	jwk := VerificationMethod{ID: did + "#jwk", Type: "JsonWebKey", Controller: did,
		PublicKeyJwk: &JWK{Kty: "OKP", Crv: "Ed25519", X: base64.RawURLEncoding.EncodeToString(iss.PublicKey())}}
	good := func() map[string]any {
		return map[string]any{
			"@context":           []string{"https://www.w3.org/ns/did/v1"},
			"id":                 did,
			"verificationMethod": []VerificationMethod{vm, jwk},
			"assertionMethod":    []any{"#key-2", did + "#jwk"},
		}
	}
	resolve := func(doc map[string]any, id string) (ed25519.PublicKey, error) {
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return KeyFromDIDDocument(b, id, "assertionMethod")
	}
	for _, id := range []string{did + "#key-2", did + "#jwk"} {
		if pub, err := resolve(good(), id); err != nil || !pub.Equal(iss.PublicKey()) {
			t.Errorf("%s: %v", id, err)
		}
	}
	embedded := good()
	embedded["assertionMethod"] = []any{vm}
	embedded["verificationMethod"] = []any{}
	if _, err := resolve(embedded, vm.ID); err != nil {
		t.Errorf("embedded method: %v", err)
	}
	for name, change := range map[string]func(map[string]any){
		"other DID":            func(d map[string]any) { d["id"] = "did:web:evil.example" },
		"not assertion method": func(d map[string]any) { d["assertionMethod"] = []any{did + "#jwk"} },
		"no relationship":      func(d map[string]any) { delete(d, "assertionMethod") },
		"undescribed":          func(d map[string]any) { d["verificationMethod"] = []VerificationMethod{jwk} },
		"other controller": func(d map[string]any) {
			m := vm
			m.Controller = "did:web:evil.example"
			d["verificationMethod"] = []VerificationMethod{m}
		},
	} {
		doc := good()
		change(doc)
		if _, err := resolve(doc, vm.ID); !errors.Is(err, ErrUnknownKey) {
			t.Errorf("%s: %v, want unknown key", name, err)
		}
	}
	if _, err := KeyFromDIDDocument([]byte("not json"), vm.ID, "assertionMethod"); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("bad document: %v", err)
	}
}
