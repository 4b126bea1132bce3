package store

// Positions, employees and their assessments (see workforce.go).

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/workforce"
)

// wfCard reads the card index of version ("" = the latest) of the standard
// code through q — the transaction of a write, as recStandardCard does, so
// that a PostgreSQL transaction never waits for a second connection of the
// pool — and returns the version key it resolved to.
func (s *Store) wfCard(ctx context.Context, q recQuerier, code, version string, index int) (string, *kasip.Card, error) {
	cond, args := versionCond("st.", version)
	var text []byte
	err := q.QueryRowContext(ctx, s.q(`SELECT m.model FROM standards st JOIN models m ON m.standard_id = st.id
		WHERE st.code = ? AND `+cond), append([]any{code}, args...)...).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		if version == "" {
			return "", nil, workforce.Refuse(workforce.ErrInvalid, "workforce.standard_unknown", "code", code)
		}
		return "", nil, workforce.Refuse(workforce.ErrInvalid, "workforce.standard_version_unknown", "code", code, "version", version)
	}
	if err != nil {
		return "", nil, fmt.Errorf("standard %s%s: %w", code, versionSuffix(version), err)
	}
	var st kasip.Standard
	if err := json.Unmarshal(text, &st); err != nil {
		return "", nil, fmt.Errorf("standard %s%s: decode: %w", code, versionSuffix(version), err)
	}
	key := st.VersionKey()
	if index < 0 || index >= len(st.Cards) {
		return key, nil, recognition.NewError(kasip.ErrInvalid, "standard.no_card", "code", code, "version", key,
			"card", itoa(index+1), "cards", itoa(len(st.Cards)))
	}
	return key, &st.Cards[index], nil
}

const wfPositionColumns = `id, org_id, title, unit, standard_code, standard_version, card, level, required,
	required_for, detailed, edits, revision, demo, created_at, updated_at`

func wfScanPosition(sc wfScanner) (workforce.Position, error) {
	var p workforce.Position
	var requiredFor, edits string
	var created, updated int64
	if err := sc.Scan(&p.ID, &p.OrgID, &p.Title, &p.Unit, &p.Standard, &p.Version, &p.Card, &p.Level, &p.Required,
		&requiredFor, &p.Detailed, &edits, &p.Revision, &p.Demo, &created, &updated); err != nil {
		return p, err
	}
	p.CreatedAt, p.UpdatedAt = recFromMicros(created), recFromMicros(updated)
	p.RequiredFor, p.Edits = map[string]int{}, map[string]workforce.Edit{}
	return p, errors.Join(recDecodeJSON("position required levels", requiredFor, &p.RequiredFor),
		recDecodeJSON("position edits", edits, &p.Edits))
}

func (s *Store) wfLoadPosition(ctx context.Context, q recQuerier, id int64, lock string) (workforce.Position, error) {
	return wfGet(ctx, q, s.q("SELECT "+wfPositionColumns+" FROM wf_positions WHERE id = ?"+lock), id, "workforce.position_unknown", wfScanPosition)
}

// wfNormPosition trims the texts, defaults the required level and makes
// the maps empty rather than nil.
func wfNormPosition(p workforce.Position) workforce.Position {
	p.Title, p.Unit = strings.TrimSpace(p.Title), strings.TrimSpace(p.Unit)
	p.Standard, p.Version = strings.TrimSpace(p.Standard), strings.TrimSpace(p.Version)
	if p.Required == 0 {
		p.Required = workforce.LevelIndependent
	}
	if p.RequiredFor == nil {
		p.RequiredFor = map[string]int{}
	}
	if p.Edits == nil {
		p.Edits = map[string]workforce.Edit{}
	}
	return p
}

// wfDetailedItems are the items of the position's card with abilities and
// knowledge, whether or not the position assesses them: what ratings,
// actions and required levels may name.
func wfDetailedItems(p workforce.Position, card *kasip.Card) []workforce.Item {
	p.Detailed = true
	return workforce.Items(p, card)
}

// wfCheckPaths refuses the paths that are not items.
func wfCheckPaths(items []workforce.Item, paths []string) error {
	known := make(map[string]bool, len(items))
	for _, it := range items {
		known[it.Path] = true
	}
	var errs []error
	for _, p := range paths {
		if !known[p] {
			errs = append(errs, workforce.Refuse(workforce.ErrInvalid, "workforce.rating_path", "path", p))
		}
	}
	return errors.Join(errs...)
}

// wfBindCard resolves the position's version (the latest for ""), copies
// the card's level and checks the required levels name items of the card.
func (s *Store) wfBindCard(ctx context.Context, t *recTx, p *workforce.Position) error {
	version, card, err := s.wfCard(ctx, t, p.Standard, p.Version, p.Card)
	if err != nil {
		return err
	}
	p.Version, p.Level = version, card.Level
	return wfCheckPaths(wfDetailedItems(*p, card), slices.Sorted(maps.Keys(p.RequiredFor)))
}

// CreatePosition stores a position of an organisation bound to a card (at
// the latest version of its standard unless one is given).
func (s *Store) CreatePosition(ctx context.Context, actor int64, p workforce.Position) (workforce.Position, error) {
	p = wfNormPosition(p)
	p.ID, p.Revision = 0, 1
	err := s.recognitionTx(ctx, "create position", func(t *recTx) error {
		org, err := s.wfLoadOrg(ctx, t, p.OrgID, s.recForShare())
		if err != nil {
			return err
		}
		if err := p.Validate(org); err != nil {
			return err
		}
		if err := s.wfBindCard(ctx, t, &p); err != nil {
			return err
		}
		p.CreatedAt, p.UpdatedAt = t.wfNow(), t.wfNow()
		if err := t.QueryRowContext(ctx, s.q(`INSERT INTO wf_positions (org_id, title, unit, standard_code, standard_version,
			card, level, required, required_for, detailed, edits, revision, demo, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			p.OrgID, p.Title, p.Unit, p.Standard, p.Version, p.Card, p.Level, p.Required, mustJSON(p.RequiredFor),
			p.Detailed, mustJSON(p.Edits), p.Revision, p.Demo, recMicros(p.CreatedAt), recMicros(p.UpdatedAt)).Scan(&p.ID); err != nil {
			return err
		}
		t.wfEmit(actor, "position.create", wfSubject("position", p.ID), map[string]any{"org": p.OrgID, "title": p.Title,
			"unit": p.Unit, "standard": p.Standard, "version": p.Version, "card": p.Card, "level": p.Level,
			"required": p.Required, "detailed": p.Detailed, "demo": p.Demo})
		return nil
	})
	return p, err
}

// UpdatePosition changes a position's title, unit, version, required
// levels, detail and edits; its organisation, standard and card stay.
func (s *Store) UpdatePosition(ctx context.Context, actor int64, in workforce.Position) (workforce.Position, error) {
	in = wfNormPosition(in)
	var p workforce.Position
	err := s.recognitionTx(ctx, "update position", func(t *recTx) error {
		old, err := s.wfLoadPosition(ctx, t, in.ID, s.wfForUpdate())
		if err != nil {
			return err
		}
		if in.Revision != old.Revision {
			return wfStale(in.Revision, old.Revision)
		}
		org, err := s.wfLoadOrg(ctx, t, old.OrgID, s.recForShare())
		if err != nil {
			return err
		}
		p = old
		p.Title, p.Unit, p.Version, p.Required, p.RequiredFor, p.Detailed, p.Edits =
			in.Title, in.Unit, in.Version, in.Required, in.RequiredFor, in.Detailed, in.Edits
		if err := p.Validate(org); err != nil {
			return err
		}
		if err := s.wfBindCard(ctx, t, &p); err != nil {
			return err
		}
		data := wfPositionChanges(old, p)
		if len(data) == 0 {
			p = old
			return nil // nothing to write, nothing to audit
		}
		p.Revision, p.UpdatedAt = old.Revision+1, t.wfNow()
		data["revision"] = p.Revision
		if _, err := t.ExecContext(ctx, s.q(`UPDATE wf_positions SET title = ?, unit = ?, standard_version = ?, level = ?,
			required = ?, required_for = ?, detailed = ?, edits = ?, revision = ?, updated_at = ? WHERE id = ?`),
			p.Title, p.Unit, p.Version, p.Level, p.Required, mustJSON(p.RequiredFor), p.Detailed, mustJSON(p.Edits),
			p.Revision, recMicros(p.UpdatedAt), p.ID); err != nil {
			return err
		}
		t.wfEmit(actor, "position.update", wfSubject("position", p.ID), data)
		return nil
	})
	return p, err
}

// wfPositionChanges says what changed: the new values of the fields, the
// keys of the sections edited when the edits changed.
func wfPositionChanges(old, p workforce.Position) map[string]any {
	data := map[string]any{}
	for k, v := range map[string][2]any{"title": {old.Title, p.Title}, "unit": {old.Unit, p.Unit},
		"version": {old.Version, p.Version}, "level": {old.Level, p.Level}, "required": {old.Required, p.Required},
		"detailed": {old.Detailed, p.Detailed}} {
		if v[0] != v[1] {
			data[k] = v[1]
		}
	}
	if !maps.Equal(p.RequiredFor, old.RequiredFor) {
		data["required_for"] = p.RequiredFor
	}
	if mustJSON(p.Edits) != mustJSON(old.Edits) {
		data["edits"] = slices.Sorted(maps.Keys(p.Edits)) // the sections now edited
	}
	return data
}

// GetPosition returns a position.
func (s *Store) GetPosition(ctx context.Context, id int64) (workforce.Position, error) {
	return wfOp(s.wfLoadPosition(ctx, s.r, id, ""))("get position")
}

// ListPositions lists an organisation's positions, by id.
func (s *Store) ListPositions(ctx context.Context, orgID int64) ([]workforce.Position, error) {
	return wfOp(s.wfPositions(ctx, s.r, orgID))("positions of organisation %d", orgID)
}

func (s *Store) wfPositions(ctx context.Context, q recQuerier, orgID int64) ([]workforce.Position, error) {
	return wfList(ctx, q, s.q("SELECT "+wfPositionColumns+" FROM wf_positions WHERE org_id = ? ORDER BY id"), wfScanPosition, orgID)
}

const (
	wfEmployeeColumns  = "id, org_id, name, unit, position_id, user_id, candidate_id, demo, created_at"
	wfEmployeeColumnsE = "e.id, e.org_id, e.name, e.unit, e.position_id, e.user_id, e.candidate_id, e.demo, e.created_at"
)

func wfScanEmployee(sc wfScanner) (workforce.Employee, error) {
	var e workforce.Employee
	var pos, user, cand sql.NullInt64
	var created int64
	err := sc.Scan(&e.ID, &e.OrgID, &e.Name, &e.Unit, &pos, &user, &cand, &e.Demo, &created)
	e.PositionID, e.UserID, e.CandidateID, e.CreatedAt = pos.Int64, user.Int64, cand.Int64, recFromMicros(created)
	return e, err
}

func (s *Store) wfLoadEmployee(ctx context.Context, q recQuerier, id int64, lock string) (workforce.Employee, error) {
	return wfGet(ctx, q, s.q("SELECT "+wfEmployeeColumns+" FROM wf_employees WHERE id = ?"+lock), id, "workforce.employee_unknown", wfScanEmployee)
}

// wfCheckEmployee validates e against its organisation and position, and
// checks the account and candidate record it links to; an account's
// candidate record is linked too when e names none.
func (s *Store) wfCheckEmployee(ctx context.Context, t *recTx, org workforce.Organisation, e *workforce.Employee) error {
	var pos workforce.Position // its ID stays 0 if there is none
	if e.PositionID != 0 {
		var err error
		if pos, err = s.wfLoadPosition(ctx, t, e.PositionID, ""); err != nil && !errors.Is(err, kasip.ErrNotFound) {
			return err
		}
	}
	if err := e.Validate(org, func(id int64) (workforce.Position, bool) { return pos, pos.ID == id }); err != nil {
		return err
	}
	if e.UserID != 0 {
		_, _, cand, err := s.wfUser(ctx, t, e.UserID)
		if err != nil {
			return err
		}
		if e.CandidateID == 0 {
			e.CandidateID = cand
		}
	}
	if e.CandidateID != 0 {
		return s.wfExists(ctx, t, "recognition_candidates", e.CandidateID, "workforce.candidate_unknown")
	}
	return nil
}

// CreateEmployee stores an employee of an organisation.
func (s *Store) CreateEmployee(ctx context.Context, actor int64, e workforce.Employee) (workforce.Employee, error) {
	e.ID, e.Name, e.Unit = 0, strings.TrimSpace(e.Name), strings.TrimSpace(e.Unit)
	err := s.recognitionTx(ctx, "create employee", func(t *recTx) error {
		org, err := s.wfLoadOrg(ctx, t, e.OrgID, s.recForShare())
		if err != nil {
			return err
		}
		if err := s.wfCheckEmployee(ctx, t, org, &e); err != nil {
			return err
		}
		e.CreatedAt = t.wfNow()
		if err := t.QueryRowContext(ctx, s.q(`INSERT INTO wf_employees (org_id, name, unit, position_id, user_id, candidate_id, demo, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			e.OrgID, e.Name, e.Unit, recNullID(e.PositionID), recNullID(e.UserID), recNullID(e.CandidateID), e.Demo,
			recMicros(e.CreatedAt)).Scan(&e.ID); err != nil {
			return err
		}
		// The name is personal data: the audit names the employee by id.
		t.wfEmit(actor, "employee.create", wfSubject("employee", e.ID), map[string]any{"org": e.OrgID, "unit": e.Unit,
			"position": e.PositionID, "user": e.UserID, "candidate": e.CandidateID, "demo": e.Demo})
		return nil
	})
	return e, err
}

// UpdateEmployee changes an employee's name, unit, position and links;
// the organisation stays.
func (s *Store) UpdateEmployee(ctx context.Context, actor int64, in workforce.Employee) (workforce.Employee, error) {
	var e workforce.Employee
	err := s.recognitionTx(ctx, "update employee", func(t *recTx) error {
		old, err := s.wfLoadEmployee(ctx, t, in.ID, s.wfForUpdate())
		if err != nil {
			return err
		}
		org, err := s.wfLoadOrg(ctx, t, old.OrgID, s.recForShare())
		if err != nil {
			return err
		}
		e = old
		e.Name, e.Unit, e.PositionID, e.UserID, e.CandidateID = strings.TrimSpace(in.Name), strings.TrimSpace(in.Unit),
			in.PositionID, in.UserID, in.CandidateID
		if err := s.wfCheckEmployee(ctx, t, org, &e); err != nil {
			return err
		}
		if e == old {
			return nil // nothing to write, nothing to audit
		}
		if _, err := t.ExecContext(ctx, s.q(`UPDATE wf_employees SET name = ?, unit = ?, position_id = ?, user_id = ?,
			candidate_id = ? WHERE id = ?`), e.Name, e.Unit, recNullID(e.PositionID), recNullID(e.UserID),
			recNullID(e.CandidateID), e.ID); err != nil {
			return err
		}
		data := map[string]any{}
		if e.Name != old.Name {
			data["name_changed"] = true
		}
		for k, v := range map[string][2]any{"unit": {old.Unit, e.Unit}, "position": {old.PositionID, e.PositionID},
			"user": {old.UserID, e.UserID}, "candidate": {old.CandidateID, e.CandidateID}} {
			if v[0] != v[1] {
				data[k] = map[string]any{"old": v[0], "new": v[1]}
			}
		}
		t.wfEmit(actor, "employee.update", wfSubject("employee", e.ID), data)
		return nil
	})
	return e, err
}

// GetEmployee returns an employee.
func (s *Store) GetEmployee(ctx context.Context, id int64) (workforce.Employee, error) {
	return wfOp(s.wfLoadEmployee(ctx, s.r, id, ""))("get employee")
}

// ListEmployees lists an organisation's employees (of unit, unless ""),
// by name.
func (s *Store) ListEmployees(ctx context.Context, orgID int64, unit string) ([]workforce.Employee, error) {
	return wfOp(s.wfEmployees(ctx, s.r, orgID, unit))("employees of organisation %d", orgID)
}

// wfUnitCond is the condition on the employees (alias e) of an
// organisation, of unit unless "".
func wfUnitCond(orgID int64, unit string) (string, []any) {
	if unit == "" {
		return "e.org_id = ?", []any{orgID}
	}
	return "e.org_id = ? AND e.unit = ?", []any{orgID, unit}
}

func (s *Store) wfEmployees(ctx context.Context, q recQuerier, orgID int64, unit string) ([]workforce.Employee, error) {
	cond, args := wfUnitCond(orgID, unit)
	return s.wfEmployeesWhere(ctx, q, cond+" ORDER BY e.name "+s.d.binary+", e.id", args...)
}

// EmployeesOfUser lists the employee records linked to an account, by id.
func (s *Store) EmployeesOfUser(ctx context.Context, userID int64) ([]workforce.Employee, error) {
	return wfOp(s.wfEmployeesWhere(ctx, s.r, "e.user_id = ? ORDER BY e.id", userID))("employees of user %d", userID)
}

func (s *Store) wfEmployeesWhere(ctx context.Context, q recQuerier, cond string, args ...any) ([]workforce.Employee, error) {
	return wfList(ctx, q, s.q("SELECT "+wfEmployeeColumnsE+" FROM wf_employees e WHERE "+cond), wfScanEmployee, args...)
}

// Rate records ratings of an employee on items of their position's card
// (abilities and knowledge too, whether or not the position is detailed).
// The employee's ratings are one row, read and written under its lock, so
// that ratings given at once on different items are all kept.
func (s *Store) Rate(ctx context.Context, actor, employeeID int64, in []workforce.RatingInput) (workforce.Assessment, error) {
	var a workforce.Assessment
	err := s.recognitionTx(ctx, "rate", func(t *recTx) error {
		e, err := s.wfLoadEmployee(ctx, t, employeeID, s.recForShare())
		if err != nil {
			return err
		}
		_, items, err := s.wfPositionCard(ctx, t, e)
		if err != nil {
			return err
		}
		if err := workforce.ValidateRatings(items, in); err != nil {
			return err
		}
		if len(in) == 0 { // nothing to write, nothing to audit
			a, err = s.wfLoadAssessment(ctx, t, e.ID, "")
			return err
		}
		// The row first, if missing, so that there is a row to lock.
		now := t.wfNow()
		if _, err := t.ExecContext(ctx, s.q(`INSERT INTO wf_assessments (employee_id, org_id, ratings, updated_at)
			VALUES (?, ?, '{}', ?) ON CONFLICT (employee_id) DO NOTHING`), e.ID, e.OrgID, recMicros(now)); err != nil {
			return err
		}
		if a, err = s.wfLoadAssessment(ctx, t, e.ID, s.recForUpdate()); err != nil {
			return err
		}
		ratings := make([]map[string]any, 0, len(in))
		for _, r := range in {
			a.Apply(r, actor, now)
			// Only whether the evidence changed: what it says may be personal.
			d := map[string]any{"path": r.Path, "evidence": r.Evidence != nil}
			if r.Self != nil {
				d["self"] = *r.Self
			}
			if r.Manager != nil {
				d["manager"] = *r.Manager
			}
			ratings = append(ratings, d)
		}
		units := map[string]workforce.Rating{}
		for _, it := range items {
			if r, ok := a.Ratings[it.Path]; ok && it.IsUnit() {
				units[it.Path] = r
			}
		}
		if _, err := t.ExecContext(ctx, s.q("UPDATE wf_assessments SET ratings = ?, unit_ratings = ?, updated_at = ? WHERE employee_id = ?"),
			mustJSON(a.Ratings), mustJSON(units), recMicros(now), e.ID); err != nil {
			return err
		}
		t.wfEmit(actor, "assessment.rate", wfSubject("employee", e.ID), map[string]any{"ratings": ratings})
		return nil
	})
	return a, err
}

// wfPositionCard is the position of an employee and the items its card
// (at the position's version) offers to rate and plan: every item, as on a
// detailed position.
func (s *Store) wfPositionCard(ctx context.Context, q recQuerier, e workforce.Employee) (workforce.Position, []workforce.Item, error) {
	if e.PositionID == 0 {
		return workforce.Position{}, nil, workforce.Refuse(workforce.ErrConflict, "workforce.employee_no_position", "id", itoa(e.ID))
	}
	pos, err := s.wfLoadPosition(ctx, q, e.PositionID, "")
	if err != nil {
		return pos, nil, err
	}
	_, card, err := s.wfCard(ctx, q, pos.Standard, pos.Version, pos.Card)
	if err != nil {
		return pos, nil, err
	}
	return pos, wfDetailedItems(pos, card), nil
}

// wfLoadAssessment reads an employee's ratings row (locked with lock); an
// employee never rated has none, and gets an empty assessment.
func (s *Store) wfLoadAssessment(ctx context.Context, q recQuerier, employeeID int64, lock string) (workforce.Assessment, error) {
	a := workforce.Assessment{EmployeeID: employeeID, Ratings: map[string]workforce.Rating{}}
	var text string
	var updated int64
	err := q.QueryRowContext(ctx, s.q("SELECT ratings, updated_at FROM wf_assessments WHERE employee_id = ?"+lock), employeeID).
		Scan(&text, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil
	}
	if err != nil {
		return a, fmt.Errorf("assessment of employee %d: %w", employeeID, err)
	}
	a.UpdatedAt = recFromMicros(updated)
	if a.Ratings, err = wfDecodeRatings(text); err != nil {
		return a, fmt.Errorf("assessment of employee %d: %w", employeeID, err)
	}
	return a, nil
}

// Assessment returns an employee's ratings: none, for an employee never
// rated.
func (s *Store) Assessment(ctx context.Context, employeeID int64) (workforce.Assessment, error) {
	if _, err := s.wfLoadEmployee(ctx, s.r, employeeID, ""); err != nil {
		return workforce.Assessment{}, fmt.Errorf("assessment: %w", err)
	}
	return wfOp(s.wfLoadAssessment(ctx, s.r, employeeID, ""))("assessment")
}
