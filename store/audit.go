package store

// The audit log (package audit) in the audit_log table. An entry's seq and
// prev_hash come from the last entry, so appends must be serialised: two
// appends reading the same last entry would both take its seq + 1 and fork
// the chain. On SQLite every write transaction already holds the database's
// write lock from its first statement (one writer connection, BEGIN
// IMMEDIATE: see openSQLite), across processes too. On PostgreSQL an append
// takes a transaction-scoped advisory lock first, held to the commit or
// rollback of the surrounding transaction; the seq primary key is the
// backstop should a caller ever get around the lock.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kasip/kasip/audit"
)

// auditLockKey is the PostgreSQL advisory lock that serialises appends.
// It differs from migrationLockKey and from the per-code import locks
// (which are FNV hashes; a collision would only make two writers wait for
// each other, never corrupt anything).
const auditLockKey int64 = 0x6b61736970_0a0d // "kasip", then a tag for the audit log

const auditCols = `seq, at, actor, action, subject, data, prev_hash, hash`

// AppendAudit appends e to the audit log inside tx, a write transaction of
// this store, so that a state change and its audit entry commit (or roll
// back) together: a rolled-back append leaves neither an entry nor a gap.
// It fills in Seq, PrevHash and Hash, puts At (now, when zero) in UTC at
// microsecond precision and Data in canonical form, and returns the entry
// as stored.
//
// On PostgreSQL the append holds a lock that makes other appends wait until
// tx ends, so append late in a transaction and commit soon after. tx must
// run at READ COMMITTED (the default): a REPEATABLE READ snapshot taken
// before the lock would miss the last entry, and the append would fail on
// the seq key instead of forking the chain.
func (s *Store) AppendAudit(ctx context.Context, tx *sql.Tx, e audit.Entry) (audit.Entry, error) {
	if e.At.IsZero() {
		e.At = time.Now()
	}
	// Refuse a bad entry before taking the lock (audit.Next checks the same
	// again below, with the real predecessor).
	if _, err := audit.Next(0, "", e); err != nil {
		return audit.Entry{}, err
	}
	if s.d.name == "postgres" {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", auditLockKey); err != nil {
			return audit.Entry{}, fmt.Errorf("audit %s: lock: %w", e.Action, err)
		}
	}
	var seq int64
	var hash string
	err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&seq, &hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return audit.Entry{}, fmt.Errorf("audit %s: last entry: %w", e.Action, err)
	}
	e, err = audit.Next(seq, hash, e)
	if err != nil {
		return audit.Entry{}, err
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO audit_log (`+auditCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		e.Seq, e.At.UnixMicro(), e.Actor, e.Action, e.Subject, string(e.Data), e.PrevHash, e.Hash); err != nil {
		return audit.Entry{}, fmt.Errorf("audit %s: insert entry %d: %w", e.Action, e.Seq, err)
	}
	return e, nil
}

// AppendAuditEntry appends e in a transaction of its own, for events that
// change nothing else in the database.
func (s *Store) AppendAuditEntry(ctx context.Context, e audit.Entry) (audit.Entry, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return audit.Entry{}, fmt.Errorf("audit %s: begin: %w", e.Action, err)
	}
	defer tx.Rollback()
	if e, err = s.AppendAudit(ctx, tx, e); err != nil {
		return audit.Entry{}, err
	}
	if err := tx.Commit(); err != nil {
		return audit.Entry{}, fmt.Errorf("audit %s: commit: %w", e.Action, err)
	}
	return e, nil
}

// AuditEntries returns the entries about subject (e.g. "application/42"),
// or all entries when subject is "", in seq order.
func (s *Store) AuditEntries(ctx context.Context, subject string) ([]audit.Entry, error) {
	var out []audit.Entry
	err := s.scanAudit(ctx, subject, func(e audit.Entry) error {
		out = append(out, e)
		return nil
	})
	return out, err
}

// ScanAudit calls f with every entry in seq order, streaming: the log can
// be longer than memory allows. An error from f stops the scan and is
// returned.
func (s *Store) ScanAudit(ctx context.Context, f func(audit.Entry) error) error {
	return s.scanAudit(ctx, "", f)
}

// VerifyAudit checks the whole log (audit.Verify) and returns its problems,
// none when it is intact, and the number of entries checked.
func (s *Store) VerifyAudit(ctx context.Context) ([]audit.Problem, int, error) {
	var v audit.Verifier
	err := s.ScanAudit(ctx, func(e audit.Entry) error {
		v.Add(e)
		return nil
	})
	if err != nil {
		return nil, v.Count(), err
	}
	return v.Problems(), v.Count(), nil
}

func (s *Store) scanAudit(ctx context.Context, subject string, f func(audit.Entry) error) error {
	query, args := `SELECT `+auditCols+` FROM audit_log ORDER BY seq`, []any(nil)
	if subject != "" {
		query, args = `SELECT `+auditCols+` FROM audit_log WHERE subject = ? ORDER BY seq`, []any{subject}
	}
	// One statement reads one snapshot, on both databases, so entries
	// appended meanwhile cannot make a consistent log look broken.
	rows, err := s.r.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e audit.Entry
		var at int64
		var data string
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Subject, &data, &e.PrevHash, &e.Hash); err != nil {
			return fmt.Errorf("read audit log: %w", err)
		}
		e.At = time.UnixMicro(at).UTC()
		e.Data = []byte(data)
		if err := f(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read audit log: %w", err)
	}
	return nil
}
