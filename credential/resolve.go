package credential

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Resolver finds the public key of a proof's verification method, checking that the method may
// be used for purpose (a verification relationship such as "assertionMethod"). Failures wrap
// ErrUnknownKey.
type Resolver interface {
	ResolveKey(ctx context.Context, verificationMethod, purpose string) (ed25519.PublicKey, error)
}

// DefaultResolver resolves did:key methods, offline, and nothing else.
var DefaultResolver Resolver = DIDResolver{}

// DIDResolver resolves did:key methods offline and, when Web is set, did:web methods through it.
type DIDResolver struct {
	Web *DIDWebResolver
}

// ResolveKey implements Resolver.
func (d DIDResolver) ResolveKey(ctx context.Context, vm, purpose string) (ed25519.PublicKey, error) {
	switch {
	case strings.HasPrefix(vm, "did:key:"):
		return resolveDIDKey(vm, purpose)
	case strings.HasPrefix(vm, "did:web:"):
		if d.Web == nil {
			return nil, fmt.Errorf("%w: %s: did:web resolution is off (offline)", ErrUnknownKey, vm)
		}
		return d.Web.ResolveKey(ctx, vm, purpose)
	}
	return nil, fmt.Errorf("%w: %s: unsupported DID method (did:key and did:web are supported)", ErrUnknownKey, vm)
}

// resolveDIDKey reads the key out of the did:key itself. The Ed25519 key of a did:key document
// serves every verification relationship except keyAgreement (which gets a derived X25519 key).
func resolveDIDKey(vm, purpose string) (ed25519.PublicKey, error) {
	if !strings.Contains(vm, "#") {
		return nil, fmt.Errorf("%w: %s: a verification method needs a #fragment", ErrUnknownKey, vm)
	}
	if purpose == "keyAgreement" {
		return nil, fmt.Errorf("%w: %s is not a key agreement key", ErrUnknownKey, vm)
	}
	pub, err := ParseDIDKey(vm)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnknownKey, err)
	}
	return pub, nil
}

// Fetcher retrieves a document by URL. It is a function so that tests, caches and offline modes
// can stand in for the network.
type Fetcher func(ctx context.Context, url string) ([]byte, error)

// maxFetchSize bounds what a Fetcher reads: DID documents and status lists are kilobytes.
const maxFetchSize = 4 << 20

// HTTPFetcher fetches with GET through client (nil: a client with a 10 s timeout), accepting only
// 200 responses of at most 4 MiB.
func HTTPFetcher(client *http.Client) Fetcher {
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	return func(ctx context.Context, u string) ([]byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, fmt.Errorf("fetching %s: %w", u, err)
		}
		req.Header.Set("Accept", "application/did+json, application/vc+ld+json, application/json;q=0.9, */*;q=0.1")
		resp, err := client.Do(req)
		if err != nil {
			return nil, fmt.Errorf("fetching %s: %w", u, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("fetching %s: %s", u, resp.Status)
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxFetchSize+1))
		if err != nil {
			return nil, fmt.Errorf("fetching %s: %w", u, err)
		}
		if len(body) > maxFetchSize {
			return nil, fmt.Errorf("fetching %s: larger than %d bytes", u, maxFetchSize)
		}
		return body, nil
	}
}

// DIDWebResolver resolves did:web verification methods from the DID document Fetch returns for
// the document's URL (DIDWebURL). A domain rotates keys by adding the new key to its document
// and keeping the old ones listed: credentials signed with an older key keep verifying until
// that key is removed (which is how a compromised key is withdrawn). Documents are cached for
// the resolver's lifetime, so a verifier run fetches each one once.
type DIDWebResolver struct {
	Fetch Fetcher

	mu    sync.Mutex
	cache map[string][]byte
}

// NewDIDWebResolver resolves did:web over HTTPS through client (nil: a 10 s timeout client).
func NewDIDWebResolver(client *http.Client) *DIDWebResolver {
	return &DIDWebResolver{Fetch: HTTPFetcher(client)}
}

// ResolveKey implements Resolver for did:web methods.
func (w *DIDWebResolver) ResolveKey(ctx context.Context, vm, purpose string) (ed25519.PublicKey, error) {
	did, _, _ := strings.Cut(vm, "#")
	doc, err := w.document(ctx, did)
	if err != nil {
		return nil, fmt.Errorf("%w: resolving %s: %w", ErrUnknownKey, did, err)
	}
	return KeyFromDIDDocument(doc, vm, purpose)
}

func (w *DIDWebResolver) document(ctx context.Context, did string) ([]byte, error) {
	u, err := DIDWebURL(did)
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	doc, ok := w.cache[u]
	w.mu.Unlock()
	if ok {
		return doc, nil
	}
	if w.Fetch == nil {
		return nil, errors.New("no fetcher for did:web documents")
	}
	doc, err = w.Fetch(ctx, u)
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	if w.cache == nil {
		w.cache = map[string][]byte{}
	}
	w.cache[u] = doc
	w.mu.Unlock()
	return doc, nil
}

// DIDWebURL maps a did:web DID to the URL of its document (did:web method §3.2):
// did:web:example.kz → https://example.kz/.well-known/did.json, and
// did:web:example.kz:org:centre → https://example.kz/org/centre/did.json. A port is written
// percent-encoded: did:web:localhost%3A8443.
func DIDWebURL(did string) (string, error) {
	rest, ok := strings.CutPrefix(did, "did:web:")
	if !ok || rest == "" {
		return "", fmt.Errorf("%q is not a did:web DID", did)
	}
	parts := strings.Split(rest, ":")
	host, err := url.PathUnescape(parts[0])
	if err != nil {
		return "", fmt.Errorf("%s: bad domain: %w", did, err)
	}
	if u, err := url.Parse("https://" + host); err != nil || u.Host != host || host == "" || u.User != nil {
		return "", fmt.Errorf("%s: %q is not a domain name", did, host)
	}
	path := "/.well-known"
	if len(parts) > 1 {
		path = ""
		for _, p := range parts[1:] {
			if p == "" || p == "." || p == ".." || strings.ContainsAny(p, "/?#%\\") {
				return "", fmt.Errorf("%s: bad path segment %q", did, p)
			}
			path += "/" + p
		}
	}
	return "https://" + host + path + "/did.json", nil
}

// DIDDocument is the subset of a DID document (DID v1.0) an issuer publishes: its keys, all of
// them usable to assert credentials.
type DIDDocument struct {
	Context            []string             `json:"@context"`
	ID                 string               `json:"id"`
	VerificationMethod []VerificationMethod `json:"verificationMethod"`
	AssertionMethod    []string             `json:"assertionMethod"`
}

// VerificationMethod is one public key of a DID document: Multikey (publicKeyMultibase) or
// JsonWebKey (publicKeyJwk, an OKP Ed25519 key).
type VerificationMethod struct {
	ID                 string `json:"id"`
	Type               string `json:"type"`
	Controller         string `json:"controller"`
	PublicKeyMultibase string `json:"publicKeyMultibase,omitempty"`
	PublicKeyJwk       *JWK   `json:"publicKeyJwk,omitempty"`
}

// JWK is an Ed25519 public key as a JSON Web Key (RFC 8037).
type JWK struct {
	Kty string `json:"kty"`
	Crv string `json:"crv"`
	X   string `json:"x"`
}

// NewDIDDocument lists methods (current and older keys) as the assertion methods of did.
func NewDIDDocument(did string, methods ...VerificationMethod) DIDDocument {
	doc := DIDDocument{
		Context:            []string{"https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"},
		ID:                 did,
		VerificationMethod: methods,
		AssertionMethod:    []string{},
	}
	for _, m := range methods {
		doc.AssertionMethod = append(doc.AssertionMethod, m.ID)
	}
	return doc
}

// KeyFromDIDDocument finds the key of verification method vm in a DID document (JSON) that must
// be vm's own DID's document and list vm under the verification relationship purpose, by
// reference or embedded.
func KeyFromDIDDocument(doc []byte, vm, purpose string) (ed25519.PublicKey, error) {
	did, frag, ok := strings.Cut(vm, "#")
	if !ok || frag == "" {
		return nil, fmt.Errorf("%w: %s: a verification method needs a #fragment", ErrUnknownKey, vm)
	}
	var d struct {
		ID                 string               `json:"id"`
		VerificationMethod []VerificationMethod `json:"verificationMethod"`
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("%w: DID document of %s: %w", ErrUnknownKey, did, err)
	}
	if err := json.Unmarshal(doc, &raw); err != nil {
		return nil, fmt.Errorf("%w: DID document of %s: %w", ErrUnknownKey, did, err)
	}
	if d.ID != did {
		return nil, fmt.Errorf("%w: the DID document for %s is that of %q", ErrUnknownKey, did, d.ID)
	}
	m, err := findMethod(did, vm, purpose, raw[purpose], d.VerificationMethod)
	if err != nil {
		return nil, err
	}
	if m.Controller != did {
		return nil, fmt.Errorf("%w: %s is controlled by %q, not %s", ErrUnknownKey, vm, m.Controller, did)
	}
	pub, err := m.publicKey()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrUnknownKey, vm, err)
	}
	return pub, nil
}

// findMethod looks vm up in the relationship list rel, whose entries are method ids (absolute or
// "#fragment") or embedded methods; referenced methods come from methods.
func findMethod(did, vm, purpose string, rel json.RawMessage, methods []VerificationMethod) (VerificationMethod, error) {
	var entries []json.RawMessage
	if len(rel) > 0 {
		if err := json.Unmarshal(rel, &entries); err != nil {
			return VerificationMethod{}, fmt.Errorf("%w: DID document of %s: %s: %w", ErrUnknownKey, did, purpose, err)
		}
	}
	abs := func(id string) string {
		if strings.HasPrefix(id, "#") {
			return did + id
		}
		return id
	}
	for _, e := range entries {
		var ref string
		if json.Unmarshal(e, &ref) == nil {
			if abs(ref) != vm {
				continue
			}
			for _, m := range methods {
				if abs(m.ID) == vm {
					return m, nil
				}
			}
			return VerificationMethod{}, fmt.Errorf("%w: %s is referenced but not described in its DID document", ErrUnknownKey, vm)
		}
		var m VerificationMethod
		if json.Unmarshal(e, &m) == nil && abs(m.ID) == vm {
			return m, nil
		}
	}
	return VerificationMethod{}, fmt.Errorf("%w: %s is not an %s of %s (a removed or unknown key)", ErrUnknownKey, vm, purpose, did)
}

func (m VerificationMethod) publicKey() (ed25519.PublicKey, error) {
	switch {
	case m.PublicKeyMultibase != "":
		return DecodePublicKeyMultibase(m.PublicKeyMultibase)
	case m.PublicKeyJwk != nil:
		if m.PublicKeyJwk.Kty != "OKP" || m.PublicKeyJwk.Crv != "Ed25519" {
			return nil, fmt.Errorf("JWK %s/%s is not an Ed25519 key", m.PublicKeyJwk.Kty, m.PublicKeyJwk.Crv)
		}
		x, err := base64.RawURLEncoding.DecodeString(m.PublicKeyJwk.X)
		if err != nil || len(x) != ed25519.PublicKeySize {
			return nil, errors.New("JWK x is not a base64url Ed25519 public key")
		}
		return ed25519.PublicKey(x), nil
	}
	return nil, fmt.Errorf("method of type %q has neither publicKeyMultibase nor publicKeyJwk", m.Type)
}
