package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/credential"
)

var certPurposes = []string{credential.StatusRevocation, credential.StatusSuspension}

// certDrawStatusIndex draws the next index of the newest status list of
// key under baseURL, opening a new list when there is none or it is full.
// The caller holds the key row's lock (certLockActiveKey), so draws for a
// key never race; the list row's own lock is the backstop.
func (s *Store) certDrawStatusIndex(ctx context.Context, t *certTx, key certKey, baseURL string) (list int64, index int, err error) {
	err = t.QueryRowContext(ctx, s.q(`UPDATE certificate_status_lists SET next_index = next_index + 1
		WHERE id = (SELECT MAX(id) FROM certificate_status_lists WHERE issuer_key_id = ? AND base_url = ?)
		AND next_index < size RETURNING id, next_index - 1`), key.row, baseURL).Scan(&list, &index)
	if err == nil {
		return list, index, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, 0, fmt.Errorf("draw a status index: %w", err)
	}
	if err := t.QueryRowContext(ctx, s.q(`INSERT INTO certificate_status_lists (issuer_key_id, size, base_url, next_index, created_at)
		VALUES (?, ?, ?, 1, ?) RETURNING id`), key.row, certListSize, baseURL, recMicros(t.now)).Scan(&list); err != nil {
		return 0, 0, fmt.Errorf("open a status list: %w", err)
	}
	zero := make([]byte, certListSize/8)
	for _, p := range certPurposes {
		if _, err := t.ExecContext(ctx, s.q(`INSERT INTO certificate_status_bits (list_id, purpose, version, bits, updated_at)
			VALUES (?, ?, 0, ?, ?)`), list, p, zero, recMicros(t.now)); err != nil {
			return 0, 0, fmt.Errorf("open status list %d: %w", list, err)
		}
	}
	return list, 0, nil
}

// SetCertificateStatus changes a certificate's status: revoke (final),
// suspend, or reinstate a suspended one (status valid), for a reason, and
// sets or clears its bit in the status list of that purpose in the same
// transaction. Who may do it (the centre's manager, an administrator) is
// the caller's check; the store records the actor.
func (s *Store) SetCertificateStatus(ctx context.Context, actor int64, number, status, reason string) (certificate.Certificate, error) {
	var c certificate.Certificate
	reason = strings.TrimSpace(reason)
	err := s.certificateTx(ctx, "set status of certificate "+number, func(t *certTx) error {
		var err error
		if c, err = s.certLoad(ctx, t, "c.number = ?"+s.recForUpdate(), number); err != nil {
			return err
		}
		if err := c.CheckStatusChange(status, reason); err != nil {
			return err
		}
		if err := s.certFlipBits(ctx, t, c, status); err != nil {
			return err
		}
		if _, err := t.ExecContext(ctx, s.q(`UPDATE certificates SET state = ?, state_reason = ?, state_changed_at = ?,
			state_changed_by_user_id = ? WHERE number = ?`), status, reason, recMicros(t.now), actor, number); err != nil {
			return fmt.Errorf("update certificate: %w", err)
		}
		action := map[string]string{certificate.StatusRevoked: "revoke", certificate.StatusSuspended: "suspend",
			certificate.StatusValid: "reinstate"}[status]
		t.audit(actor, action, certSubject(number), map[string]any{"from": c.State, "to": status, "reason": reason})
		c.State, c.StateReason, c.StateChangedAt, c.StateChangedBy = status, reason, t.now, actor
		return nil
	})
	return c, err
}

// certFlipBits makes the certificate's bits say status: revoked sets the
// revocation bit (and clears a suspension, which no longer matters);
// suspended sets the suspension bit; valid clears it.
func (s *Store) certFlipBits(ctx context.Context, t *certTx, c certificate.Certificate, status string) error {
	switch status {
	case certificate.StatusRevoked:
		if err := s.certSetBit(ctx, t, c, credential.StatusRevocation, true); err != nil {
			return err
		}
		if c.State == certificate.StatusSuspended {
			return s.certSetBit(ctx, t, c, credential.StatusSuspension, false)
		}
		return nil
	case certificate.StatusSuspended:
		return s.certSetBit(ctx, t, c, credential.StatusSuspension, true)
	default:
		return s.certSetBit(ctx, t, c, credential.StatusSuspension, false)
	}
}

// certSetBit rewrites the list's bitstring with the certificate's bit set
// to v and counts a new version. The row lock (PostgreSQL) orders two
// changes of the same list; the version is what the signed-list cache
// keys on, in every process.
func (s *Store) certSetBit(ctx context.Context, t *certTx, c certificate.Certificate, purpose string, v bool) error {
	var bits []byte
	err := t.QueryRowContext(ctx, s.q("SELECT bits FROM certificate_status_bits WHERE list_id = ? AND purpose = ?"+s.recForUpdate()),
		c.StatusListID, purpose).Scan(&bits)
	if err != nil {
		return fmt.Errorf("status list %d (%s): %w", c.StatusListID, purpose, err)
	}
	i := c.StatusIndex
	if i < 0 || i/8 >= len(bits) {
		return fmt.Errorf("status list %d (%s): index %d outside %d bits", c.StatusListID, purpose, i, len(bits)*8)
	}
	bits = slices.Clone(bits)
	if mask := byte(0x80) >> (i % 8); v {
		bits[i/8] |= mask
	} else {
		bits[i/8] &^= mask
	}
	if _, err := t.ExecContext(ctx, s.q(`UPDATE certificate_status_bits SET bits = ?, version = version + 1, updated_at = ?
		WHERE list_id = ? AND purpose = ?`), bits, recMicros(t.now), c.StatusListID, purpose); err != nil {
		return fmt.Errorf("status list %d (%s): %w", c.StatusListID, purpose, err)
	}
	return nil
}

// StatusListCredential returns the signed BitstringStatusListCredential of
// a list for purpose (revocation or suspension), signed by the list's key
// and served at certificate.URLs.StatusList. The signed bytes are cached
// per version of the bits: a request costs one small read unless the list
// changed since it was last signed.
func (s *Store) StatusListCredential(ctx context.Context, listID int64, purpose string) ([]byte, error) {
	if !slices.Contains(certPurposes, purpose) {
		return nil, fmt.Errorf("status list %d: purpose %q: want revocation or suspension: %w", listID, purpose, kasip.ErrInvalid)
	}
	var version int64
	err := s.r.QueryRowContext(ctx, s.q("SELECT version FROM certificate_status_bits WHERE list_id = ? AND purpose = ?"),
		listID, purpose).Scan(&version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("status list %d (%s): %w", listID, purpose, kasip.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("status list %d (%s): %w", listID, purpose, err)
	}
	st := s.certState()
	key := certListKey{listID, purpose}
	st.mu.Lock()
	cached, ok := st.lists[key]
	st.mu.Unlock()
	if ok && cached.version == version {
		return slices.Clone(cached.signed), nil
	}
	signed, version, err := s.certSignList(ctx, listID, purpose)
	if err != nil {
		return nil, fmt.Errorf("status list %d (%s): %w", listID, purpose, err)
	}
	st.mu.Lock()
	// Keep the newest: a slower request may arrive with an older version.
	if cur, ok := st.lists[key]; !ok || cur.version <= version {
		st.lists[key] = certSignedList{version: version, signed: signed}
	}
	st.mu.Unlock()
	return slices.Clone(signed), nil
}

// certSignList reads the bits and their version together and signs them
// with the list's key.
func (s *Store) certSignList(ctx context.Context, listID int64, purpose string) ([]byte, int64, error) {
	var bits []byte
	var version, keyRow int64
	var base string
	err := s.r.QueryRowContext(ctx, s.q(`SELECT b.bits, b.version, l.issuer_key_id, l.base_url FROM certificate_status_bits b
		JOIN certificate_status_lists l ON l.id = b.list_id WHERE b.list_id = ? AND b.purpose = ?`), listID, purpose).
		Scan(&bits, &version, &keyRow, &base)
	if err != nil {
		return nil, 0, err
	}
	list, err := certBitsList(bits)
	if err != nil {
		return nil, 0, err
	}
	key, err := s.certKeyByRow(ctx, s.r, keyRow)
	if err != nil {
		return nil, 0, err
	}
	now := s.recNow()
	unsigned, err := credential.StatusListCredential{ID: certificate.URLs{Base: base}.StatusList(listID, purpose), Issuer: key.issuer.DID(),
		Purpose: purpose, ValidFrom: now, List: list}.Unsigned()
	if err != nil {
		return nil, 0, err
	}
	signed, err := s.certSigner()(unsigned, key.issuer, now)
	return signed, version, err
}

// certBitsList turns a stored bitstring into a credential.StatusList.
func certBitsList(bits []byte) (*credential.StatusList, error) {
	list, err := credential.NewStatusList(len(bits) * 8)
	if err != nil {
		return nil, err
	}
	for i, b := range bits {
		for j := 0; b != 0 && j < 8; j++ {
			if b&(0x80>>j) != 0 {
				if err := list.Set(i*8+j, true); err != nil {
					return nil, err
				}
			}
		}
	}
	return list, nil
}
