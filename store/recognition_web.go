package store

// Recognition reads and one change the web server needs that the other
// recognition files do not offer: editing a centre's details, an
// employer's referrals and an assessor's sessions.

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/kasip/kasip/recognition"
)

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

// ListReferrals lists the applications that name employer as the referring
// employer account, newest first, and how many there are. The filter's
// state, limit and offset apply; its centre and candidate do too.
func (s *Store) ListReferrals(ctx context.Context, employer int64, f recognition.ApplicationFilter) ([]recognition.Application, int, error) {
	conds := []string{"employer_user_id = ?"}
	args := []any{employer}
	if f.CentreID != 0 {
		conds, args = append(conds, "centre_id = ?"), append(args, f.CentreID)
	}
	if f.CandidateID != 0 {
		conds, args = append(conds, "candidate_id = ?"), append(args, f.CandidateID)
	}
	if f.State != "" {
		conds, args = append(conds, "state = ?"), append(args, f.State)
	}
	return s.recListWhere(ctx, "list referrals", conds, args, f.Limit, f.Offset)
}

// AssessorApplications lists the applications of centre whose current
// session (the latest) names user as an assessor, newest first: an
// assessor's work list. The assessors of a session are a JSON list, so
// they are matched in Go over the centre's sessions.
func (s *Store) AssessorApplications(ctx context.Context, centre, user int64) ([]recognition.Application, error) {
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT se.application_id, se.assessors FROM recognition_sessions se
		JOIN recognition_applications a ON a.id = se.application_id
		WHERE a.centre_id = ? AND se.id = (SELECT MAX(x.id) FROM recognition_sessions x WHERE x.application_id = se.application_id)`), centre)
	if err != nil {
		return nil, fmt.Errorf("assessor applications: %w", err)
	}
	var ids []any
	for rows.Next() {
		var app int64
		var text string
		if err := rows.Scan(&app, &text); err != nil {
			rows.Close()
			return nil, fmt.Errorf("assessor applications: %w", err)
		}
		var assessors []int64
		if err := json.Unmarshal([]byte(text), &assessors); err != nil {
			rows.Close()
			return nil, fmt.Errorf("assessor applications: session assessors: %w", err)
		}
		if slices.Contains(assessors, user) {
			ids = append(ids, app)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("assessor applications: %w", err)
	}
	if len(ids) == 0 {
		return []recognition.Application{}, nil
	}
	in := "id IN (?" + strings.Repeat(", ?", len(ids)-1) + ")"
	out, _, err := s.recListWhere(ctx, "assessor applications", []string{in}, ids, 0, 0)
	return out, err
}

// recListWhere lists the applications matching conds, newest first, with
// the number matching.
func (s *Store) recListWhere(ctx context.Context, op string, conds []string, args []any, limit, offset int) ([]recognition.Application, int, error) {
	if limit < 0 || offset < 0 {
		return nil, 0, fmt.Errorf("%s: negative limit or offset: %w", op, recognition.ErrInvalid)
	}
	where := whereClause(conds)
	var total int
	if err := s.r.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM recognition_applications"+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", op, err)
	}
	rows, err := s.r.QueryContext(ctx, s.q("SELECT "+recApplicationColumns+" FROM recognition_applications"+where+
		" ORDER BY id DESC LIMIT ? OFFSET ?"), append(args, limitOf(limit), offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	out := []recognition.Application{}
	for rows.Next() {
		a, err := recScanApplication(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", op, err)
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
}
