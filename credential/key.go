package credential

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Issuer is a signing key and the verification method that names it: a did:key method
// ("did:key:z6Mk…#z6Mk…"), whose DID is the public key itself and resolves offline, or a did:web
// method ("did:web:example.kz#key-2"), whose key is listed in the DID document served by the
// domain. The DID before '#' is the credential's issuer id.
//
// Issuer deliberately implements neither json.Marshaler nor a printing of its key: secrets are
// written only through MarshalIssuer, so an Issuer embedded in a logged value cannot leak.
type Issuer struct {
	KeyID      string
	PrivateKey ed25519.PrivateKey
}

// GenerateKey returns a did:key issuer with a new Ed25519 key read from random (nil: crypto/rand).
func GenerateKey(random io.Reader) (Issuer, error) {
	_, priv, err := ed25519.GenerateKey(random)
	if err != nil {
		return Issuer{}, fmt.Errorf("generating an Ed25519 key: %w", err)
	}
	return NewDIDKeyIssuer(priv), nil
}

// NewDIDKeyIssuer names priv by its did:key verification method.
func NewDIDKeyIssuer(priv ed25519.PrivateKey) Issuer {
	return Issuer{KeyID: DIDKeyVerificationMethod(priv.Public().(ed25519.PublicKey)), PrivateKey: priv}
}

// DID is the controller of the key: the key id without its fragment.
func (i Issuer) DID() string {
	did, _, _ := strings.Cut(i.KeyID, "#")
	return did
}

// PublicKey is the public half of the signing key.
func (i Issuer) PublicKey() ed25519.PublicKey {
	if len(i.PrivateKey) != ed25519.PrivateKeySize {
		return nil
	}
	return i.PrivateKey.Public().(ed25519.PublicKey)
}

// String names the issuer by its key id only, never printing the secret.
func (i Issuer) String() string { return "credential.Issuer(" + i.KeyID + ")" }

// GoString keeps %#v from printing the secret too.
func (i Issuer) GoString() string { return i.String() }

func (i Issuer) check() error {
	if len(i.PrivateKey) != ed25519.PrivateKeySize {
		return errors.New("issuer has no Ed25519 private key")
	}
	did, frag, ok := strings.Cut(i.KeyID, "#")
	if !ok || frag == "" || !strings.HasPrefix(did, "did:") {
		return fmt.Errorf("issuer key id %q is not a DID URL with a fragment (did:…#…)", i.KeyID)
	}
	return nil
}

// VerificationMethod is the public description of the issuer's key, for a DID document.
func (i Issuer) VerificationMethod() VerificationMethod {
	return VerificationMethod{
		ID:                 i.KeyID,
		Type:               "Multikey",
		Controller:         i.DID(),
		PublicKeyMultibase: EncodePublicKeyMultibase(i.PublicKey()),
	}
}

// multikey is a Multikey verification method document (W3C Controlled Identifiers v1.0 §2.2.2)
// with its secret: the file format of issuer keys.
type multikey struct {
	Context            string `json:"@context,omitempty"`
	ID                 string `json:"id"`
	Type               string `json:"type"`
	Controller         string `json:"controller"`
	PublicKeyMultibase string `json:"publicKeyMultibase"`
	SecretKeyMultibase string `json:"secretKeyMultibase,omitempty"`
	// PrivateKeyMultibase is the name the W3C eddsa test vectors (keyPair.json) use; read only.
	PrivateKeyMultibase string `json:"privateKeyMultibase,omitempty"`
}

// MarshalIssuer writes the issuer's key pair as Multikey JSON, secret included: keep the file
// private.
func MarshalIssuer(i Issuer) ([]byte, error) {
	if err := i.check(); err != nil {
		return nil, err
	}
	mk := multikey{
		Context:            "https://w3id.org/security/multikey/v1",
		ID:                 i.KeyID,
		Type:               "Multikey",
		Controller:         i.DID(),
		PublicKeyMultibase: EncodePublicKeyMultibase(i.PublicKey()),
		SecretKeyMultibase: EncodeSecretKeyMultibase(i.PrivateKey),
	}
	return json.MarshalIndent(mk, "", "  ")
}

// ParseIssuer reads a key pair written by MarshalIssuer. The secret may also be named
// privateKeyMultibase; an id is optional for a did:key pair (it is derived from the key). The
// public key, when given, must match the secret.
func ParseIssuer(data []byte) (Issuer, error) {
	var mk multikey
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&mk); err != nil {
		return Issuer{}, fmt.Errorf("reading issuer key: %w", err)
	}
	secret := mk.SecretKeyMultibase
	if secret == "" {
		secret = mk.PrivateKeyMultibase
	}
	if secret == "" {
		return Issuer{}, errors.New("reading issuer key: no secretKeyMultibase")
	}
	priv, err := DecodeSecretKeyMultibase(secret)
	if err != nil {
		return Issuer{}, fmt.Errorf("reading issuer key: %w", err)
	}
	iss := NewDIDKeyIssuer(priv)
	if mk.PublicKeyMultibase != "" && mk.PublicKeyMultibase != EncodePublicKeyMultibase(iss.PublicKey()) {
		return Issuer{}, errors.New("reading issuer key: publicKeyMultibase does not match the secret key")
	}
	if mk.ID != "" {
		iss.KeyID = mk.ID
	}
	if err := iss.check(); err != nil {
		return Issuer{}, fmt.Errorf("reading issuer key: %w", err)
	}
	if strings.HasPrefix(iss.KeyID, "did:key:") && iss.KeyID != DIDKeyVerificationMethod(iss.PublicKey()) {
		return Issuer{}, fmt.Errorf("reading issuer key: id %q is not the did:key of this key", iss.KeyID)
	}
	return iss, nil
}

// DIDKey returns the did:key DID of an Ed25519 public key: "did:key:" and its Multikey form.
func DIDKey(pub ed25519.PublicKey) string { return "did:key:" + EncodePublicKeyMultibase(pub) }

// DIDKeyVerificationMethod returns the verification method id of pub in its did:key document:
// the DID, '#', and the Multikey form again.
func DIDKeyVerificationMethod(pub ed25519.PublicKey) string {
	return DIDKey(pub) + "#" + EncodePublicKeyMultibase(pub)
}

// ParseDIDKey returns the public key named by a did:key DID or verification method id. A
// fragment, when present, must repeat the key (the only method a did:key document has).
func ParseDIDKey(id string) (ed25519.PublicKey, error) {
	did, frag, hasFrag := strings.Cut(id, "#")
	mb, ok := strings.CutPrefix(did, "did:key:")
	if !ok {
		return nil, fmt.Errorf("%q is not a did:key", id)
	}
	if hasFrag && frag != mb {
		return nil, fmt.Errorf("%q: a did:key document has no method #%s", id, frag)
	}
	pub, err := DecodePublicKeyMultibase(mb)
	if err != nil {
		return nil, fmt.Errorf("did:key: %w", err)
	}
	return pub, nil
}
