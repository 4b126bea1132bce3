package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

func recCandidateSubject(id int64) string { return "candidate/" + strconv.FormatInt(id, 10) }

// CreateCandidate stores a candidate. The IIN must be valid and encode the
// date of birth; consent to data processing is required. An IIN is one
// person: a second candidate with it is ErrConflict.
func (s *Store) CreateCandidate(ctx context.Context, actor int64, c recognition.Candidate) (recognition.Candidate, error) {
	c.Name, c.IIN = strings.TrimSpace(c.Name), strings.TrimSpace(c.IIN)
	c.BirthDate = recDayOf(c.BirthDate)
	err := s.recognitionTx(ctx, "create candidate", func(t *recTx) error {
		if err := c.Validate(t.now); err != nil {
			return err
		}
		var n int
		if err := t.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM recognition_candidates WHERE iin = ?"), c.IIN).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return recognition.NewError(recognition.ErrConflict, "candidate.iin_taken", "iin", c.IIN)
		}
		c.CreatedAt = t.now
		if err := t.QueryRowContext(ctx, s.q(`INSERT INTO recognition_candidates
			(name, iin, birth_date, sex, contacts, consent_at, user_id, created_at, created_by_user_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			c.Name, c.IIN, recognition.Date(c.BirthDate), c.Sex, mustJSON(c.Contacts), recMicros(c.ConsentAt),
			c.UserID, recMicros(t.now), actor).Scan(&c.ID); err != nil {
			return err
		}
		// The IIN is personal data: the audit names the candidate by id.
		t.emit(actor, "candidate.create", recCandidateSubject(c.ID), map[string]any{"consent_at": c.ConsentAt})
		return nil
	})
	return c, err
}

const recCandidateColumns = "id, name, iin, birth_date, sex, contacts, consent_at, user_id, created_at"

func recScanCandidate(sc interface{ Scan(...any) error }) (recognition.Candidate, error) {
	var c recognition.Candidate
	var birth, contacts string
	var consent, created int64
	if err := sc.Scan(&c.ID, &c.Name, &c.IIN, &birth, &c.Sex, &contacts, &consent, &c.UserID, &created); err != nil {
		return c, err
	}
	var err error
	if c.BirthDate, err = recParseDay(birth); err != nil {
		return c, fmt.Errorf("candidate %d: %w", c.ID, err)
	}
	c.ConsentAt, c.CreatedAt = recFromMicros(consent), recFromMicros(created)
	return c, recDecodeJSON("candidate contacts", contacts, &c.Contacts)
}

// GetCandidate returns a candidate.
func (s *Store) GetCandidate(ctx context.Context, id int64) (recognition.Candidate, error) {
	return s.recCandidateWhere(ctx, s.r, "id = ?", id)
}

// CandidateByIIN returns the candidate with the IIN.
func (s *Store) CandidateByIIN(ctx context.Context, iin string) (recognition.Candidate, error) {
	return s.recCandidateWhere(ctx, s.r, "iin = ?", strings.TrimSpace(iin))
}

func (s *Store) recCandidateWhere(ctx context.Context, q recQuerier, cond string, arg any) (recognition.Candidate, error) {
	c, err := recScanCandidate(q.QueryRowContext(ctx, s.q("SELECT "+recCandidateColumns+" FROM recognition_candidates WHERE "+cond), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("candidate %v: %w", arg, kasip.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("candidate %v: %w", arg, err)
	}
	return c, nil
}

// IssueVoucher issues a state voucher to a candidate, within the yearly
// limit of the settings.
func (s *Store) IssueVoucher(ctx context.Context, actor, candidateID int64) (recognition.Voucher, error) {
	var v recognition.Voucher
	err := s.recognitionTx(ctx, "issue voucher", func(t *recTx) error {
		// The candidate's row lock makes the count and the insert one step
		// on PostgreSQL: two issues at once cannot both see room left.
		var id int64
		err := t.QueryRowContext(ctx, s.q("SELECT id FROM recognition_candidates WHERE id = ?"+s.recForUpdate()), candidateID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return recNotFound("candidate", candidateID)
		}
		if err != nil {
			return err
		}
		v = recognition.NewVoucher(candidateID, actor, t.now, t.set)
		var n int
		if err := t.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM recognition_vouchers WHERE candidate_id = ? AND year = ?"),
			candidateID, v.Year).Scan(&n); err != nil {
			return err
		}
		if n >= t.set.VouchersPerYear {
			return recognition.NewError(recognition.ErrLimit, "candidate.voucher_limit", "id", itoa(candidateID), "count", strconv.Itoa(n), "year", strconv.Itoa(v.Year))
		}
		if err := t.QueryRowContext(ctx, s.q(`INSERT INTO recognition_vouchers
			(candidate_id, issued_at, expires_at, year, issued_by_user_id) VALUES (?, ?, ?, ?, ?) RETURNING id`),
			candidateID, recMicros(v.IssuedAt), recMicros(v.ExpiresAt), v.Year, actor).Scan(&v.ID); err != nil {
			return err
		}
		t.emit(actor, "voucher.issue", recCandidateSubject(candidateID), map[string]any{"voucher": v.ID, "expires_at": v.ExpiresAt})
		return nil
	})
	return v, err
}

// Vouchers lists a candidate's vouchers, with the application using each.
func (s *Store) Vouchers(ctx context.Context, candidateID int64) ([]recognition.Voucher, error) {
	return s.recVouchers(ctx, s.r, "v.candidate_id = ?", candidateID)
}

func (s *Store) recVouchers(ctx context.Context, q recQuerier, cond string, args ...any) ([]recognition.Voucher, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT v.id, v.candidate_id, v.issued_at, v.expires_at, v.year, v.issued_by_user_id,
		COALESCE((SELECT MAX(a.id) FROM recognition_applications a WHERE a.voucher_id = v.id AND a.state <> 'rejected'), 0)
		FROM recognition_vouchers v WHERE `+cond+" ORDER BY v.id"), args...)
	if err != nil {
		return nil, fmt.Errorf("vouchers: %w", err)
	}
	defer rows.Close()
	out := []recognition.Voucher{}
	for rows.Next() {
		var v recognition.Voucher
		var issued, expires int64
		if err := rows.Scan(&v.ID, &v.CandidateID, &issued, &expires, &v.Year, &v.IssuedBy, &v.ApplicationID); err != nil {
			return nil, fmt.Errorf("vouchers: %w", err)
		}
		v.IssuedAt, v.ExpiresAt = recFromMicros(issued), recFromMicros(expires)
		out = append(out, v)
	}
	return out, rows.Err()
}
