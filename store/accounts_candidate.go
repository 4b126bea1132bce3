package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
)

// AuditCandidateLinked is the audit action of linking a candidate account
// to its candidate record; the subject is "user/<id>".
const AuditCandidateLinked = "user.candidate_linked"

// LinkCandidate links the candidate account userID to the candidate record
// candidateID: the user's candidate_id and the record's user_id, both in
// one transaction with the audit entry. A candidate registers themselves
// in two steps (the record is created by the recognition store, then
// linked here), so linking again to the same record is not an error: a
// retry after a failure between the steps completes the registration.
//
// Refused: a user who is not a candidate (auth.ErrInvalid), one already
// linked to another record, and a record that belongs to another user
// (both recognition.ErrConflict).
func (s *Store) LinkCandidate(ctx context.Context, actor, userID, candidateID int64, now time.Time) error {
	return s.accountsTx(ctx, "link candidate", func(tx *sql.Tx) error {
		var role string
		var linked int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT role, candidate_id FROM users WHERE id = ?`), userID).Scan(&role, &linked)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("link candidate: user %d: %w", userID, kasip.ErrNotFound)
		case err != nil:
			return fmt.Errorf("link candidate: user %d: %w", userID, err)
		case auth.Role(role) != auth.RoleCandidate:
			return fmt.Errorf("link candidate: user %d is a %s, not a candidate: %w", userID, role, auth.ErrInvalid)
		case linked != 0 && linked != candidateID:
			return fmt.Errorf("link candidate: user %d is already linked to candidate %d: %w", userID, linked, recognition.ErrConflict)
		}
		var owner int64
		err = tx.QueryRowContext(ctx, s.q(`SELECT user_id FROM recognition_candidates WHERE id = ?`), candidateID).Scan(&owner)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("link candidate: candidate %d: %w", candidateID, kasip.ErrNotFound)
		case err != nil:
			return fmt.Errorf("link candidate: candidate %d: %w", candidateID, err)
		case owner != 0 && owner != userID:
			return fmt.Errorf("link candidate: candidate %d belongs to another account: %w", candidateID, recognition.ErrConflict)
		}
		if linked == candidateID && owner == userID {
			return nil // already done: nothing to write, nothing to audit
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE users SET candidate_id = ? WHERE id = ?`), candidateID, userID); err != nil {
			return fmt.Errorf("link candidate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE recognition_candidates SET user_id = ? WHERE id = ?`), userID, candidateID); err != nil {
			return fmt.Errorf("link candidate: %w", err)
		}
		return s.auditAccount(ctx, tx, actor, AuditCandidateLinked, userID, map[string]any{"candidate_id": candidateID}, now)
	})
}
