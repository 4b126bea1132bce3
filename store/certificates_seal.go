package store

// Sealing issuer key secrets under a key-encryption key (KEK) kept outside
// the database, so that a copy of the database (a backup, a replica, a
// read-only account) does not hold a usable signing key.
//
// A sealed secret is text in the same secret column as a plain one:
//
//	sealed:v1:<fingerprint>:<base64 of nonce ‖ AES-256-GCM ciphertext>
//
// The plaintext is the credential.MarshalIssuer JSON a plain secret holds;
// the additional data is the row's key id, so a sealed secret copied to
// another row does not open. The fingerprint names the KEK (not secret:
// a domain-separated SHA-256), so a secret sealed under another KEK is
// told apart from a damaged one. Plain secrets (JSON, starting with '{')
// are still read, so databases from before sealing keep working.

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/kasip/kasip/credential"
)

// IssuerKEKSize is the size of a key-encryption key: AES-256.
const IssuerKEKSize = 32

// ErrIssuerKeySealed is returned when a sealed issuer key is needed (to
// sign a certificate or a status list) by a store given no KEK.
var ErrIssuerKeySealed = errors.New("the secret is sealed; start kasip with --issuer-key-file")

const (
	sealPrefix = "sealed:"
	sealV1     = "sealed:v1:"
	// sealAD prefixes the key id in the additional data: the version and
	// purpose, so the ciphertext means nothing in any other context.
	sealAD = "kasip issuer key secret v1\x00"
)

// keySealer seals and opens issuer key secrets under one KEK.
type keySealer struct {
	aead        cipher.AEAD
	fingerprint string
}

func newKeySealer(kek []byte) (*keySealer, error) {
	if len(kek) != IssuerKEKSize {
		return nil, fmt.Errorf("key-encryption key: %d bytes, want %d", len(kek), IssuerKEKSize)
	}
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, fmt.Errorf("key-encryption key: %w", err)
	}
	aead, err := cipher.NewGCM(block) // 12-byte nonces, 16-byte tags
	if err != nil {
		return nil, fmt.Errorf("key-encryption key: %w", err)
	}
	return &keySealer{aead: aead, fingerprint: IssuerKEKFingerprint(kek)}, nil
}

// IssuerKEKFingerprint names a key-encryption key without revealing it:
// the first 8 bytes of a SHA-256 over a fixed label and the key, in hex.
// Sealed secrets carry it, and kasip keygen prints it.
func IssuerKEKFingerprint(kek []byte) string {
	h := sha256.New()
	h.Write([]byte("kasip issuer KEK fingerprint\x00"))
	h.Write(kek)
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// seal returns the stored form of plain, the secret of keyID.
func (k *keySealer) seal(keyID string, plain []byte) (string, error) {
	nonce := make([]byte, k.aead.NonceSize(), k.aead.NonceSize()+len(plain)+k.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal issuer key %s: %w", keyID, err)
	}
	box := k.aead.Seal(nonce, nonce, plain, []byte(sealAD+keyID))
	return sealV1 + k.fingerprint + ":" + base64.StdEncoding.EncodeToString(box), nil
}

// open returns the plaintext of a sealed secret of keyID. A nil k (no KEK)
// returns ErrIssuerKeySealed.
func (k *keySealer) open(keyID, stored string) ([]byte, error) {
	rest, ok := strings.CutPrefix(stored, sealV1)
	if !ok {
		return nil, fmt.Errorf("issuer key %s: unknown sealed form %q (this kasip reads sealed:v1)", keyID, sealVersion(stored))
	}
	if k == nil {
		return nil, fmt.Errorf("issuer key %s: %w", keyID, ErrIssuerKeySealed)
	}
	fp, text, ok := strings.Cut(rest, ":")
	if !ok {
		return nil, fmt.Errorf("issuer key %s: damaged sealed secret (no fingerprint)", keyID)
	}
	if fp != k.fingerprint {
		return nil, fmt.Errorf("issuer key %s: sealed under another key-encryption key (fingerprint %s; the --issuer-key-file given is %s)",
			keyID, fp, k.fingerprint)
	}
	box, err := base64.StdEncoding.DecodeString(text)
	if err != nil || len(box) < k.aead.NonceSize()+k.aead.Overhead() {
		return nil, fmt.Errorf("issuer key %s: damaged sealed secret (not base64 of a nonce and ciphertext)", keyID)
	}
	n := k.aead.NonceSize()
	plain, err := k.aead.Open(nil, box[:n], box[n:], []byte(sealAD+keyID))
	if err != nil {
		return nil, fmt.Errorf("issuer key %s: the sealed secret does not open under this key-encryption key: altered, or copied from another key's row", keyID)
	}
	return plain, nil
}

// sealVersion is the "sealed:vN" part of a stored secret, for messages.
func sealVersion(stored string) string {
	parts := strings.SplitN(stored, ":", 3)
	if len(parts) < 2 {
		return sealPrefix
	}
	return parts[0] + ":" + parts[1]
}

func isSealed(stored string) bool { return strings.HasPrefix(stored, sealPrefix) }

func (s *Store) keySealer() *keySealer { return s.sealer.Load() }

func (s *Store) setKeySealer(k *keySealer) { s.sealer.Store(k) }

// issuerSecret is the stored form of iss's secret: sealed when the store
// has a KEK, else the plain JSON.
func (s *Store) issuerSecret(iss credential.Issuer) (string, error) {
	plain, err := credential.MarshalIssuer(iss)
	if err != nil {
		return "", err
	}
	defer clear(plain)
	k := s.keySealer()
	if k == nil {
		return string(plain), nil
	}
	return k.seal(iss.KeyID, plain)
}

// parseIssuerSecret reads the stored secret of the key keyID, opening it
// when sealed, and checks that it is that key's.
func (s *Store) parseIssuerSecret(keyID, stored string) (credential.Issuer, error) {
	plain := []byte(stored)
	if isSealed(stored) {
		var err error
		if plain, err = s.keySealer().open(keyID, stored); err != nil {
			return credential.Issuer{}, err
		}
		defer clear(plain)
	}
	iss, err := credential.ParseIssuer(plain)
	if err != nil {
		return iss, fmt.Errorf("issuer key %s: %w", keyID, err)
	}
	if iss.KeyID != keyID {
		return credential.Issuer{}, fmt.Errorf("issuer key %s: the stored secret is that of %s", keyID, iss.KeyID)
	}
	return iss, nil
}

// SetIssuerKeySealer gives the store its key-encryption key (32 bytes,
// IssuerKEKSize): from then on new issuer keys are stored sealed, and
// sealed ones can sign. In one transaction it seals every plain secret in
// place and opens every sealed one, so a wrong KEK or a damaged secret is
// found at start rather than at the first issue; any failure leaves the
// table and the store as they were. It returns how many secrets it sealed
// (audited as certificate.key.seal).
//
// Secrets sealed under another KEK are refused, not re-sealed: changing
// the KEK is not supported yet.
func (s *Store) SetIssuerKeySealer(ctx context.Context, kek []byte) (int, error) {
	k, err := newKeySealer(kek)
	if err != nil {
		return 0, err
	}
	var sealed []string
	err = s.certificateTx(ctx, "seal issuer keys", func(t *certTx) error {
		var err error
		if sealed, err = s.certSealAll(ctx, t, k); err != nil {
			return err
		}
		if len(sealed) > 0 {
			t.audit(0, "key.seal", "issuer-key", map[string]any{"keys": sealed, "kek": k.fingerprint})
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	s.setKeySealer(k)
	return len(sealed), nil
}

type certStoredKey struct {
	row           int64
	keyID, secret string
}

// certSealAll seals the plain secrets under k and checks the sealed ones,
// every key row locked (PostgreSQL) so that two servers starting at once
// do not both seal: the second reads the first's sealed rows.
func (s *Store) certSealAll(ctx context.Context, t *certTx, k *keySealer) ([]string, error) {
	keys, err := s.certStoredKeys(ctx, t)
	if err != nil {
		return nil, err
	}
	var sealed []string
	for _, key := range keys {
		if isSealed(key.secret) {
			plain, err := k.open(key.keyID, key.secret)
			clear(plain)
			if err != nil {
				return nil, err
			}
			continue
		}
		if err := s.certSealRow(ctx, t, k, key); err != nil {
			return nil, err
		}
		sealed = append(sealed, key.keyID)
	}
	return sealed, nil
}

func (s *Store) certStoredKeys(ctx context.Context, t *certTx) ([]certStoredKey, error) {
	rows, err := t.QueryContext(ctx, "SELECT id, key_id, secret FROM certificate_issuer_keys ORDER BY id"+s.recForUpdate())
	if err != nil {
		return nil, fmt.Errorf("issuer keys: %w", err)
	}
	defer rows.Close()
	var keys []certStoredKey
	for rows.Next() {
		var key certStoredKey
		if err := rows.Scan(&key.row, &key.keyID, &key.secret); err != nil {
			return nil, fmt.Errorf("issuer keys: %w", err)
		}
		keys = append(keys, key)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("issuer keys: %w", err)
	}
	return keys, nil
}

// certSealRow replaces a plain secret by its sealed form, after checking
// that it is the row's key: sealing binds it to the key id.
func (s *Store) certSealRow(ctx context.Context, t *certTx, k *keySealer, key certStoredKey) error {
	iss, err := s.parseIssuerSecret(key.keyID, key.secret)
	if err != nil {
		return err
	}
	plain, err := credential.MarshalIssuer(iss)
	if err != nil {
		return fmt.Errorf("issuer key %s: %w", key.keyID, err)
	}
	defer clear(plain)
	box, err := k.seal(key.keyID, plain)
	if err != nil {
		return err
	}
	if _, err := t.ExecContext(ctx, s.q("UPDATE certificate_issuer_keys SET secret = ? WHERE id = ?"), box, key.row); err != nil {
		return fmt.Errorf("seal issuer key %s: %w", key.keyID, err)
	}
	return nil
}

// SealedIssuerKeys counts the issuer keys whose secret is sealed: a server
// started without a KEK warns that it cannot sign with them.
func (s *Store) SealedIssuerKeys(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM certificate_issuer_keys WHERE secret LIKE 'sealed:%'").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count sealed issuer keys: %w", err)
	}
	return n, nil
}
