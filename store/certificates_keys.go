package store

// Issuer keys: Ed25519 keys named by did:key, one active. The secret is
// stored in the secret column either plain, as credential.MarshalIssuer
// JSON readable by whoever can read the database, or — once the store has
// a key-encryption key (SetIssuerKeySealer, kasip serve
// --issuer-key-file) — sealed under it with AES-256-GCM
// (keySealer). The public key column stays plain: verification
// never needs the secret. Every read of a secret names the row's key id,
// which a sealed secret is bound to, and checks the secret is that key's.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/credential"
)

// certKey is an issuer key row.
type certKey struct {
	row    int64
	issuer credential.Issuer
}

// IssuerKey returns the active issuer key, creating one on first use.
func (s *Store) IssuerKey(ctx context.Context) (credential.Issuer, error) {
	key, err := s.certScanKey(s.r.QueryRowContext(ctx, "SELECT id, key_id, secret FROM certificate_issuer_keys WHERE active"))
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return key.issuer, err
	}
	err = s.certificateTx(ctx, "issuer key", func(t *certTx) error {
		key, err = s.certLockActiveKey(ctx, t)
		return err
	})
	return key.issuer, err
}

// certLockActiveKey reads the active key for signing, creating it on first
// use, and (PostgreSQL) locks its row to the end of the transaction: status
// indexes are drawn under this lock, and a rotation waits for the issues
// under way.
func (s *Store) certLockActiveKey(ctx context.Context, t *certTx) (certKey, error) {
	for range 2 {
		// On PostgreSQL a rotation that committed while this statement
		// waited for the row makes it return nothing: the next round's
		// statement sees the new key.
		key, err := s.certScanKey(t.QueryRowContext(ctx, "SELECT id, key_id, secret FROM certificate_issuer_keys WHERE active"+s.recForUpdate()))
		if !errors.Is(err, sql.ErrNoRows) {
			return key, err
		}
		if err := s.certCreateKey(ctx, t, 0); err != nil {
			return key, err
		}
	}
	return certKey{}, errors.New("issuer key: none is active after creating one")
}

func (s *Store) certScanKey(row *sql.Row) (certKey, error) {
	var key certKey
	var keyID, secret string
	if err := row.Scan(&key.row, &keyID, &secret); err != nil {
		return key, err
	}
	var err error
	key.issuer, err = s.parseIssuerSecret(keyID, secret)
	return key, err
}

// certCreateKey adds a new active key unless one is active. Two processes
// creating the first key at once both insert; the one-active unique index
// makes the second insert do nothing (it waits for the first on
// PostgreSQL), and both then read the same key.
func (s *Store) certCreateKey(ctx context.Context, t *certTx, actor int64) error {
	iss, err := credential.GenerateKey(nil)
	if err != nil {
		return err
	}
	// Sealed when the store has a key-encryption key: a new key is never
	// written plain then.
	secret, err := s.issuerSecret(iss)
	if err != nil {
		return err
	}
	res, err := t.ExecContext(ctx, s.q(`INSERT INTO certificate_issuer_keys (key_id, public_key, secret, active, created_at,
		created_by_user_id) VALUES (?, ?, ?, TRUE, ?, ?) ON CONFLICT DO NOTHING`),
		iss.KeyID, credential.EncodePublicKeyMultibase(iss.PublicKey()), secret, recMicros(t.now), actor)
	if err != nil {
		return fmt.Errorf("create issuer key: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		t.audit(actor, "key.create", "issuer-key", map[string]any{"key": iss.KeyID})
	}
	return nil
}

// RotateIssuerKey retires the active key and makes a new one active, and
// returns it. Retired keys are kept: certificates signed with them still
// verify (a did:key holds its public key), and they go on signing the
// status lists of those certificates.
func (s *Store) RotateIssuerKey(ctx context.Context, actor int64) (credential.Issuer, error) {
	var key certKey
	err := s.certificateTx(ctx, "rotate issuer key", func(t *certTx) error {
		var old string
		err := t.QueryRowContext(ctx, s.q(`UPDATE certificate_issuer_keys SET active = FALSE, retired_at = ?
			WHERE active RETURNING key_id`), recMicros(t.now)).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("retire the active key: %w", err)
		}
		if err := s.certCreateKey(ctx, t, actor); err != nil {
			return err
		}
		if key, err = s.certLockActiveKey(ctx, t); err != nil {
			return err
		}
		t.audit(actor, "key.rotate", "issuer-key", map[string]any{"old": old, "new": key.issuer.KeyID})
		return nil
	})
	return key.issuer, err
}

// IssuerKeys lists every issuer key, public parts only, oldest first: the
// verification methods of a future did:web document.
func (s *Store) IssuerKeys(ctx context.Context) ([]certificate.IssuerKey, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT key_id, public_key, active, created_at, retired_at
		FROM certificate_issuer_keys ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("issuer keys: %w", err)
	}
	defer rows.Close()
	out := []certificate.IssuerKey{}
	for rows.Next() {
		var k certificate.IssuerKey
		var created, retired int64
		if err := rows.Scan(&k.KeyID, &k.PublicKeyMultibase, &k.Active, &created, &retired); err != nil {
			return nil, fmt.Errorf("issuer keys: %w", err)
		}
		k.CreatedAt, k.RetiredAt = recFromMicros(created), recFromMicros(retired)
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("issuer keys: %w", err)
	}
	return out, nil
}

// certKeyByRow reads a key, retired or not, by its row id.
func (s *Store) certKeyByRow(ctx context.Context, q recQuerier, row int64) (certKey, error) {
	var keyID, secret string
	key := certKey{row: row}
	if err := q.QueryRowContext(ctx, s.q("SELECT key_id, secret FROM certificate_issuer_keys WHERE id = ?"), row).Scan(&keyID, &secret); err != nil {
		return key, fmt.Errorf("issuer key %d: %w", row, err)
	}
	var err error
	key.issuer, err = s.parseIssuerSecret(keyID, secret)
	return key, err
}
