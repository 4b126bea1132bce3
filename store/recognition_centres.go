package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip/recognition"

	"github.com/kasip/kasip"
)

// CreateCentre stores a new recognition centre. Its accreditations and
// assessors are added separately.
func (s *Store) CreateCentre(ctx context.Context, actor int64, c recognition.Centre) (recognition.Centre, error) {
	if err := c.Validate(); err != nil {
		return c, fmt.Errorf("create centre: %w", err)
	}
	c.Accreditations, c.Assessors, c.Head = nil, nil, c.Head.Normalized()
	err := s.recognitionTx(ctx, "create centre", func(t *recTx) error {
		var n int
		if err := t.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM recognition_centres WHERE bin = ?"), c.BIN).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return recognition.NewError(recognition.ErrConflict, "centre.bin_taken", "bin", c.BIN)
		}
		c.CreatedAt = t.now
		if err := t.QueryRowContext(ctx, s.q(`INSERT INTO recognition_centres
			(name, bin, region, contacts, head, created_at, created_by_user_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			mustJSON(c.Name), c.BIN, c.Region, mustJSON(c.Contacts), mustJSON(c.Head), recMicros(t.now), actor).Scan(&c.ID); err != nil {
			return err
		}
		t.emit(actor, "centre.create", recCentreSubject(c.ID), map[string]any{"bin": c.BIN, "name": c.Name})
		return nil
	})
	return c, err
}

func recCentreSubject(id int64) string { return "centre/" + strconv.FormatInt(id, 10) }

// GetCentre returns a centre with its accreditations and assessors.
func (s *Store) GetCentre(ctx context.Context, id int64) (recognition.Centre, error) {
	c, err := s.recLoadCentre(ctx, s.r, id, false)
	if err != nil {
		return c, fmt.Errorf("get centre: %w", err)
	}
	return c, nil
}

// ListCentres returns every centre with its accreditations and assessors,
// by id.
func (s *Store) ListCentres(ctx context.Context) ([]recognition.Centre, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT id FROM recognition_centres ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("list centres: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list centres: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list centres: %w", err)
	}
	out := make([]recognition.Centre, 0, len(ids))
	for _, id := range ids {
		c, err := s.recLoadCentre(ctx, s.r, id, false)
		if err != nil {
			return nil, fmt.Errorf("list centres: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// recLoadCentre reads a centre, its accreditations and assessors through q;
// lock takes the centre's row lock first (PostgreSQL), so that a scope
// check and the write it allows see one state of the accreditations.
func (s *Store) recLoadCentre(ctx context.Context, q recQuerier, id int64, lock bool) (recognition.Centre, error) {
	c := recognition.Centre{ID: id, Accreditations: []recognition.Accreditation{}, Assessors: []int64{}}
	var name, contacts, head string
	var created int64
	lockSQL := ""
	if lock {
		lockSQL = s.recForShare()
	}
	err := q.QueryRowContext(ctx, s.q("SELECT name, bin, region, contacts, head, created_at FROM recognition_centres WHERE id = ?"+lockSQL), id).
		Scan(&name, &c.BIN, &c.Region, &contacts, &head, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return c, recNotFound("centre", id)
	}
	if err != nil {
		return c, fmt.Errorf("centre %d: %w", id, err)
	}
	c.CreatedAt = recFromMicros(created)
	if err := recDecodeJSON("centre name", name, &c.Name); err != nil {
		return c, err
	}
	if err := recDecodeJSON("centre contacts", contacts, &c.Contacts); err != nil {
		return c, err
	}
	if err := recDecodeJSON("centre head", head, &c.Head); err != nil {
		return c, err
	}
	if c.Accreditations, err = s.recAccreditations(ctx, q, "centre_id = ?", id); err != nil {
		return c, err
	}
	rows, err := q.QueryContext(ctx, s.q("SELECT user_id FROM recognition_assessors WHERE centre_id = ? ORDER BY user_id"), id)
	if err != nil {
		return c, fmt.Errorf("assessors of centre %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var u int64
		if err := rows.Scan(&u); err != nil {
			return c, fmt.Errorf("assessors of centre %d: %w", id, err)
		}
		c.Assessors = append(c.Assessors, u)
	}
	return c, rows.Err()
}

const recAccreditationColumns = "id, centre_id, number, valid_from, valid_to, status, reason, scope, status_changed_at"

func (s *Store) recAccreditations(ctx context.Context, q recQuerier, cond string, args ...any) ([]recognition.Accreditation, error) {
	rows, err := q.QueryContext(ctx, s.q("SELECT "+recAccreditationColumns+" FROM recognition_accreditations WHERE "+cond+" ORDER BY id"), args...)
	if err != nil {
		return nil, fmt.Errorf("accreditations: %w", err)
	}
	defer rows.Close()
	out := []recognition.Accreditation{}
	for rows.Next() {
		a, err := recScanAccreditation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func recScanAccreditation(sc interface{ Scan(...any) error }) (recognition.Accreditation, error) {
	var a recognition.Accreditation
	var from, to, scope string
	var changed int64
	if err := sc.Scan(&a.ID, &a.CentreID, &a.Number, &from, &to, &a.Status, &a.Reason, &scope, &changed); err != nil {
		return a, fmt.Errorf("accreditation: %w", err)
	}
	var err1, err2 error
	a.From, err1 = recParseDay(from)
	a.To, err2 = recParseDay(to)
	if err := errors.Join(err1, err2); err != nil {
		return a, fmt.Errorf("accreditation %d: %w", a.ID, err)
	}
	a.StatusChangedAt = recFromMicros(changed)
	return a, recDecodeJSON("accreditation scope", scope, &a.Scope)
}

// AddAccreditation records an accreditation certificate of a centre,
// active from now on. A zero To is From plus the settings' validity.
func (s *Store) AddAccreditation(ctx context.Context, actor, centreID int64, a recognition.Accreditation) (recognition.Accreditation, error) {
	err := s.recognitionTx(ctx, "add accreditation", func(t *recTx) error {
		if _, err := s.recLoadCentre(ctx, t, centreID, true); err != nil {
			return err
		}
		a.ID, a.CentreID, a.Status, a.Reason, a.StatusChangedAt = 0, centreID, recognition.AccreditationActive, "", t.now
		a.From, a.To = recDayOf(a.From), recDayOf(a.To)
		a.DefaultTo(t.set)
		for i := range a.Scope {
			a.Scope[i].StandardCode = strings.TrimSpace(a.Scope[i].StandardCode)
		}
		if err := a.Validate(); err != nil {
			return err
		}
		var n int
		if err := t.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM recognition_accreditations WHERE number = ?"), a.Number).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("accreditation number %s exists: %w", a.Number, recognition.ErrConflict)
		}
		if err := t.QueryRowContext(ctx, s.q(`INSERT INTO recognition_accreditations
			(centre_id, number, valid_from, valid_to, status, reason, scope, created_at, created_by_user_id,
			 status_changed_at, status_changed_by_user_id)
			VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?) RETURNING id`),
			centreID, a.Number, recognition.Date(a.From), recognition.Date(a.To), a.Status, mustJSON(a.Scope),
			recMicros(t.now), actor, recMicros(t.now), actor).Scan(&a.ID); err != nil {
			return err
		}
		t.emit(actor, "accreditation.add", recCentreSubject(centreID), map[string]any{
			"accreditation": a.ID, "number": a.Number, "from": recognition.Date(a.From), "to": recognition.Date(a.To), "scope": a.Scope})
		return nil
	})
	return a, err
}

// recDayOf keeps the calendar date of t as midnight UTC: the caller's date,
// whatever zone it was given in.
func recDayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// SetAccreditationStatus suspends, reinstates, revokes or expires an
// accreditation, for a reason.
func (s *Store) SetAccreditationStatus(ctx context.Context, actor, accreditationID int64, status, reason string) (recognition.Accreditation, error) {
	var a recognition.Accreditation
	err := s.recognitionTx(ctx, "set accreditation status", func(t *recTx) error {
		// The centre's row lock first: scope checks hold it shared (see
		// recLoadCentre), so none runs across this change.
		var centreID int64
		err := t.QueryRowContext(ctx, s.q("SELECT centre_id FROM recognition_accreditations WHERE id = ?"), accreditationID).Scan(&centreID)
		if errors.Is(err, sql.ErrNoRows) {
			return recNotFound("accreditation", accreditationID)
		}
		if err != nil {
			return err
		}
		if _, err := t.ExecContext(ctx, s.q("SELECT id FROM recognition_centres WHERE id = ?"+s.recForUpdate()), centreID); err != nil {
			return err
		}
		if a, err = recScanAccreditation(t.QueryRowContext(ctx, s.q("SELECT "+recAccreditationColumns+
			" FROM recognition_accreditations WHERE id = ?"), accreditationID)); err != nil {
			return err
		}
		if err := a.CheckStatusChange(status, reason); err != nil {
			return err
		}
		old := a.Status
		a.Status, a.Reason, a.StatusChangedAt = status, strings.TrimSpace(reason), t.now
		if _, err := t.ExecContext(ctx, s.q(`UPDATE recognition_accreditations SET status = ?, reason = ?,
			status_changed_at = ?, status_changed_by_user_id = ? WHERE id = ?`),
			a.Status, a.Reason, recMicros(t.now), actor, a.ID); err != nil {
			return err
		}
		t.emit(actor, "accreditation.status", recCentreSubject(a.CentreID), map[string]any{
			"accreditation": a.ID, "from": old, "to": status, "reason": a.Reason})
		return nil
	})
	return a, err
}

// AddAssessor makes user an assessor of the centre.
func (s *Store) AddAssessor(ctx context.Context, actor, centreID, user int64) error {
	if user <= 0 {
		return fmt.Errorf("add assessor: user id %d: %w", user, kasip.ErrInvalid)
	}
	return s.recognitionTx(ctx, "add assessor", func(t *recTx) error {
		if _, err := s.recLoadCentre(ctx, t, centreID, true); err != nil {
			return err
		}
		res, err := t.ExecContext(ctx, s.q(`INSERT INTO recognition_assessors (centre_id, user_id, added_at, added_by_user_id)
			VALUES (?, ?, ?, ?) ON CONFLICT (centre_id, user_id) DO NOTHING`), centreID, user, recMicros(t.now), actor)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			t.emit(actor, "assessor.add", recCentreSubject(centreID), map[string]any{"user": user})
		}
		return nil
	})
}

// RemoveAssessor ends user's role as an assessor of the centre. Their past
// recResults and decisions stay as they are.
func (s *Store) RemoveAssessor(ctx context.Context, actor, centreID, user int64) error {
	return s.recognitionTx(ctx, "remove assessor", func(t *recTx) error {
		res, err := t.ExecContext(ctx, s.q("DELETE FROM recognition_assessors WHERE centre_id = ? AND user_id = ?"), centreID, user)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("user %d is not an assessor of centre %d: %w", user, centreID, kasip.ErrNotFound)
		}
		t.emit(actor, "assessor.remove", recCentreSubject(centreID), map[string]any{"user": user})
		return nil
	})
}

// UpdateCentre replaces a centre's name, BIN, region and contacts. Its
// accreditations and assessors change through their own methods.
func (s *Store) UpdateCentre(ctx context.Context, actor, id int64, in recognition.Centre) (recognition.Centre, error) {
	if err := in.Validate(); err != nil {
		return in, fmt.Errorf("update centre: %w", err)
	}
	var c recognition.Centre
	err := s.recognitionTx(ctx, "update centre", func(t *recTx) error {
		var err error
		if c, err = s.recLoadCentre(ctx, t, id, true); err != nil {
			return err
		}
		var n int
		if err := t.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM recognition_centres WHERE bin = ? AND id <> ?"), in.BIN, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("another centre has BIN %s: %w", in.BIN, recognition.ErrConflict)
		}
		old := map[string]any{"name": c.Name, "bin": c.BIN, "region": c.Region, "contacts": c.Contacts, "head": c.Head}
		c.Name, c.BIN, c.Region, c.Contacts, c.Head = in.Name, in.BIN, strings.TrimSpace(in.Region), in.Contacts, in.Head.Normalized()
		if _, err := t.ExecContext(ctx, s.q("UPDATE recognition_centres SET name = ?, bin = ?, region = ?, contacts = ?, head = ? WHERE id = ?"),
			mustJSON(c.Name), c.BIN, c.Region, mustJSON(c.Contacts), mustJSON(c.Head), id); err != nil {
			return err
		}
		t.emit(actor, "centre.update", recCentreSubject(id), map[string]any{"old": old,
			"new": map[string]any{"name": c.Name, "bin": c.BIN, "region": c.Region, "contacts": c.Contacts, "head": c.Head}})
		return nil
	})
	return c, err
}
