package store

// Development actions, education programmes and the snapshot of an
// organisation (see workforce.go).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/workforce"
)

const wfActionColumns = `a.id, a.org_id, a.employee_id, a.kind, a.title, a.items, a.owner_user_id, a.due, a.status,
	a.progress, a.programme_id, a.application_id, a.note, a.revision, a.demo, a.created_at, a.updated_at`

func wfScanAction(sc wfScanner) (workforce.Action, error) {
	var a workforce.Action
	var items, due string
	var owner, prog, app sql.NullInt64
	var created, updated int64
	if err := sc.Scan(&a.ID, &a.OrgID, &a.EmployeeID, &a.Kind, &a.Title, &items, &owner, &due, &a.Status, &a.Progress,
		&prog, &app, &a.Note, &a.Revision, &a.Demo, &created, &updated); err != nil {
		return a, err
	}
	a.OwnerUserID, a.ProgrammeID, a.ApplicationID = owner.Int64, prog.Int64, app.Int64
	a.CreatedAt, a.UpdatedAt = recFromMicros(created), recFromMicros(updated)
	var err error
	if a.Due, err = recParseDay(due); err != nil {
		return a, fmt.Errorf("action %d: due: %w", a.ID, err)
	}
	a.Items = []string{}
	return a, recDecodeJSON("action items", items, &a.Items)
}

func (s *Store) wfLoadAction(ctx context.Context, q recQuerier, id int64, lock string) (workforce.Action, error) {
	return wfGet(ctx, q, s.q("SELECT "+wfActionColumns+" FROM wf_actions a WHERE a.id = ?"+lock), id, "workforce.action_unknown", wfScanAction)
}

// wfCheckAction validates a against the items of the position of its
// employee e and checks its owner and recognition programme exist.
func (s *Store) wfCheckAction(ctx context.Context, t *recTx, e workforce.Employee, a workforce.Action) error {
	_, items, err := s.wfPositionCard(ctx, t, e)
	if err != nil {
		return err
	}
	if err := a.Validate(items); err != nil {
		return err
	}
	if a.OwnerUserID != 0 {
		if _, _, _, err := s.wfUser(ctx, t, a.OwnerUserID); err != nil {
			return err
		}
	}
	if a.ProgrammeID != 0 {
		return s.wfExists(ctx, t, "recognition_programmes", a.ProgrammeID, "workforce.recognition_programme_unknown")
	}
	return nil
}

// AddAction adds a step to an employee's development plan. The application
// of a recognition action is linked afterwards (LinkApplication).
func (s *Store) AddAction(ctx context.Context, actor int64, a workforce.Action) (workforce.Action, error) {
	a = a.Normalized()
	a.ID, a.Revision, a.ApplicationID = 0, 1, 0
	err := s.recognitionTx(ctx, "add action", func(t *recTx) error {
		e, err := s.wfLoadEmployee(ctx, t, a.EmployeeID, s.recForShare())
		if err != nil {
			return err
		}
		if a.OrgID != 0 && a.OrgID != e.OrgID {
			return wfMissing("workforce.employee_unknown", a.EmployeeID)
		}
		a.OrgID = e.OrgID
		if err := s.wfCheckAction(ctx, t, e, a); err != nil {
			return err
		}
		a.CreatedAt, a.UpdatedAt = t.wfNow(), t.wfNow()
		if err := t.QueryRowContext(ctx, s.q(`INSERT INTO wf_actions (org_id, employee_id, kind, title, items, owner_user_id,
			due, status, progress, programme_id, application_id, note, revision, demo, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?) RETURNING id`),
			a.OrgID, a.EmployeeID, a.Kind, a.Title, mustJSON(a.Items), recNullID(a.OwnerUserID), recognition.Date(a.Due),
			a.Status, a.Progress, recNullID(a.ProgrammeID), a.Note, a.Revision, a.Demo, recMicros(a.CreatedAt),
			recMicros(a.UpdatedAt)).Scan(&a.ID); err != nil {
			return err
		}
		t.wfEmit(actor, "action.add", wfSubject("action", a.ID), map[string]any{"org": a.OrgID, "employee": a.EmployeeID,
			"kind": a.Kind, "title": a.Title, "items": a.Items, "owner": a.OwnerUserID, "due": recognition.Date(a.Due),
			"status": a.Status, "progress": a.Progress, "programme": a.ProgrammeID, "demo": a.Demo})
		return nil
	})
	return a, err
}

// UpdateAction changes an action; its employee stays, and its linked
// application, which only LinkApplication changes. a.Revision must be the
// stored revision.
func (s *Store) UpdateAction(ctx context.Context, actor int64, in workforce.Action) (workforce.Action, error) {
	in = in.Normalized()
	var a workforce.Action
	err := s.recognitionTx(ctx, "update action", func(t *recTx) error {
		old, err := s.wfLoadAction(ctx, t, in.ID, s.recForUpdate())
		if err != nil {
			return err
		}
		if in.Revision != old.Revision {
			return wfStale(in.Revision, old.Revision)
		}
		e, err := s.wfLoadEmployee(ctx, t, old.EmployeeID, s.recForShare())
		if err != nil {
			return err
		}
		a = old
		a.Kind, a.Title, a.Items, a.OwnerUserID, a.Due = in.Kind, in.Title, in.Items, in.OwnerUserID, in.Due
		a.Status, a.Progress, a.ProgrammeID, a.Note = in.Status, in.Progress, in.ProgrammeID, in.Note
		if old.ApplicationID != 0 && (a.Kind != old.Kind || a.ProgrammeID != old.ProgrammeID) {
			return workforce.Refuse(workforce.ErrConflict, "workforce.action_linked", "application", itoa(old.ApplicationID))
		}
		if err := s.wfCheckAction(ctx, t, e, a); err != nil {
			return err
		}
		data := map[string]any{}
		for k, v := range map[string][2]any{"kind": {old.Kind, a.Kind}, "title": {old.Title, a.Title},
			"owner": {old.OwnerUserID, a.OwnerUserID}, "due": {recognition.Date(old.Due), recognition.Date(a.Due)},
			"status": {old.Status, a.Status}, "progress": {old.Progress, a.Progress}, "programme": {old.ProgrammeID, a.ProgrammeID}} {
			if v[0] != v[1] {
				data[k] = v[1]
			}
		}
		if !slices.Equal(a.Items, old.Items) {
			data["items"] = a.Items
		}
		if a.Note != old.Note {
			data["note_changed"] = true
		}
		if len(data) == 0 {
			a = old
			return nil // nothing to write, nothing to audit
		}
		a.Revision, a.UpdatedAt = old.Revision+1, t.wfNow()
		data["revision"] = a.Revision
		if _, err := t.ExecContext(ctx, s.q(`UPDATE wf_actions SET kind = ?, title = ?, items = ?, owner_user_id = ?, due = ?,
			status = ?, progress = ?, programme_id = ?, note = ?, revision = ?, updated_at = ? WHERE id = ?`),
			a.Kind, a.Title, mustJSON(a.Items), recNullID(a.OwnerUserID), recognition.Date(a.Due), a.Status, a.Progress,
			recNullID(a.ProgrammeID), a.Note, a.Revision, recMicros(a.UpdatedAt), a.ID); err != nil {
			return err
		}
		t.wfEmit(actor, "action.update", wfSubject("action", a.ID), data)
		return nil
	})
	return a, err
}

// LinkApplication links the recognition application filed from a
// recognition action: an application of the employee's candidate record
// for the action's programme.
func (s *Store) LinkApplication(ctx context.Context, actor, actionID, applicationID int64) (workforce.Action, error) {
	var a workforce.Action
	err := s.recognitionTx(ctx, "link application", func(t *recTx) error {
		var err error
		if a, err = s.wfLoadAction(ctx, t, actionID, s.recForUpdate()); err != nil {
			return err
		}
		if a.Kind != workforce.ActionRecognition {
			return workforce.Refuse(workforce.ErrConflict, "workforce.action_not_recognition")
		}
		var candidate, programme int64
		if _, err := wfGet(ctx, t, s.q("SELECT candidate_id, programme_id FROM recognition_applications WHERE id = ?"), applicationID,
			"workforce.application_unknown", func(sc wfScanner) (any, error) { return nil, sc.Scan(&candidate, &programme) }); err != nil {
			return err
		}
		e, err := s.wfLoadEmployee(ctx, t, a.EmployeeID, s.recForShare())
		if err != nil {
			return err
		}
		if programme != a.ProgrammeID || e.CandidateID == 0 || candidate != e.CandidateID {
			return workforce.Refuse(workforce.ErrConflict, "workforce.application_mismatch") // no values: web/service says it too
		}
		if a.ApplicationID == applicationID {
			return nil // already linked
		}
		data := map[string]any{"application": applicationID, "old_application": a.ApplicationID, "programme": programme,
			"revision": a.Revision + 1}
		a.ApplicationID, a.Revision, a.UpdatedAt = applicationID, a.Revision+1, t.wfNow()
		if _, err := t.ExecContext(ctx, s.q("UPDATE wf_actions SET application_id = ?, revision = ?, updated_at = ? WHERE id = ?"),
			a.ApplicationID, a.Revision, recMicros(a.UpdatedAt), a.ID); err != nil {
			return err
		}
		t.wfEmit(actor, "action.link_application", wfSubject("action", a.ID), data)
		return nil
	})
	return a, err
}

// GetAction returns an action.
func (s *Store) GetAction(ctx context.Context, id int64) (workforce.Action, error) {
	return wfOp(s.wfLoadAction(ctx, s.r, id, ""))("get action")
}

// ListActions lists the actions f selects, by due day.
func (s *Store) ListActions(ctx context.Context, f workforce.ActionFilter) ([]workforce.Action, error) {
	from := "wf_actions a"
	if f.Unit != "" {
		from += " JOIN wf_employees e ON e.id = a.employee_id"
	}
	var conds []string
	var args []any
	for _, c := range []struct {
		cond string
		arg  any
		on   bool
	}{{"a.org_id = ?", f.OrgID, f.OrgID != 0}, {"a.employee_id = ?", f.EmployeeID, f.EmployeeID != 0},
		{"e.unit = ?", f.Unit, f.Unit != ""}, {"a.owner_user_id = ?", f.OwnerID, f.OwnerID != 0}} {
		if c.on {
			conds, args = append(conds, c.cond), append(args, c.arg)
		}
	}
	return wfOp(wfList(ctx, s.r, s.q("SELECT "+wfActionColumns+" FROM "+from+whereClause(conds)+" ORDER BY a.due, a.id"),
		wfScanAction, args...))("list actions")
}

const wfEduColumns = "id, org_id, speciality, title, qualification, cards, modules, revision, demo, created_at, updated_at"

func wfScanEdu(sc wfScanner) (workforce.EduProgramme, error) {
	var p workforce.EduProgramme
	var cards, modules string
	var created, updated int64
	if err := sc.Scan(&p.ID, &p.OrgID, &p.Speciality, &p.Title, &p.Qualification, &cards, &modules, &p.Revision, &p.Demo,
		&created, &updated); err != nil {
		return p, err
	}
	p.CreatedAt, p.UpdatedAt = recFromMicros(created), recFromMicros(updated)
	return p, errors.Join(recDecodeJSON("programme cards", cards, &p.Cards), recDecodeJSON("programme modules", modules, &p.Modules))
}

func (s *Store) wfLoadEdu(ctx context.Context, q recQuerier, id int64, lock string) (workforce.EduProgramme, error) {
	return wfGet(ctx, q, s.q("SELECT "+wfEduColumns+" FROM wf_edu_programmes WHERE id = ?"+lock), id, "workforce.eduprogramme_unknown", wfScanEdu)
}

// wfNormEdu trims the texts and makes the lists empty rather than nil,
// in copies of p's lists.
func wfNormEdu(p workforce.EduProgramme) workforce.EduProgramme {
	tr := strings.TrimSpace
	p.Speciality, p.Title, p.Qualification = tr(p.Speciality), tr(p.Title), tr(p.Qualification)
	p.Cards, p.Modules = append([]workforce.CardRef{}, p.Cards...), append([]workforce.Module{}, p.Modules...)
	for i, c := range p.Cards {
		p.Cards[i].Standard, p.Cards[i].Version = tr(c.Standard), tr(c.Version)
	}
	for i := range p.Modules {
		m := &p.Modules[i]
		m.Code, m.Title, m.Outcomes = tr(m.Code), tr(m.Title), append([]workforce.Outcome{}, m.Outcomes...)
		for j := range m.Outcomes {
			o := &m.Outcomes[j]
			o.Code, o.Text, o.Items = tr(o.Code), tr(o.Text), append([]workforce.ItemRef{}, o.Items...)
			for k, it := range o.Items {
				o.Items[k] = workforce.ItemRef{Standard: tr(it.Standard), Path: tr(it.Path)}
			}
		}
	}
	return p
}

// wfCheckEdu validates p, resolves the versions of its cards (the latest
// for "") and checks that every outcome names an item of one of its cards.
func (s *Store) wfCheckEdu(ctx context.Context, t *recTx, p *workforce.EduProgramme) error {
	if err := p.Validate(); err != nil {
		return err
	}
	type bound struct {
		index int
		card  *kasip.Card
	}
	cards := map[string][]bound{}
	for i := range p.Cards {
		c := &p.Cards[i]
		version, card, err := s.wfCard(ctx, t, c.Standard, c.Version, c.Card)
		if err != nil {
			return err
		}
		c.Version = version
		cards[c.Standard] = append(cards[c.Standard], bound{c.Card, card})
	}
	var errs []error
	for _, m := range p.Modules {
		for _, o := range m.Outcomes {
			for _, it := range o.Items {
				if !slices.ContainsFunc(cards[it.Standard], func(b bound) bool {
					_, err := recognition.Resolve(b.card, b.index, it.Path)
					return err == nil
				}) {
					errs = append(errs, workforce.Refuse(workforce.ErrInvalid, "workforce.outcome_path", "code", it.Standard, "path", it.Path))
				}
			}
		}
	}
	return errors.Join(errs...)
}

// CreateEduProgramme stores an education provider's programme.
func (s *Store) CreateEduProgramme(ctx context.Context, actor int64, p workforce.EduProgramme) (workforce.EduProgramme, error) {
	p = wfNormEdu(p)
	p.ID, p.Revision = 0, 1
	err := s.recognitionTx(ctx, "create education programme", func(t *recTx) error {
		if _, err := s.wfLoadOrg(ctx, t, p.OrgID, s.recForShare()); err != nil {
			return err
		}
		if err := s.wfCheckEdu(ctx, t, &p); err != nil {
			return err
		}
		p.CreatedAt, p.UpdatedAt = t.wfNow(), t.wfNow()
		if err := t.QueryRowContext(ctx, s.q(`INSERT INTO wf_edu_programmes (org_id, speciality, title, qualification, cards,
			modules, revision, demo, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			p.OrgID, p.Speciality, p.Title, p.Qualification, mustJSON(p.Cards), mustJSON(p.Modules), p.Revision, p.Demo,
			recMicros(p.CreatedAt), recMicros(p.UpdatedAt)).Scan(&p.ID); err != nil {
			return err
		}
		t.wfEmit(actor, "eduprogramme.create", wfSubject("eduprogramme", p.ID), map[string]any{"org": p.OrgID,
			"speciality": p.Speciality, "title": p.Title, "cards": p.Cards, "modules": len(p.Modules), "demo": p.Demo})
		return nil
	})
	return p, err
}

// UpdateEduProgramme changes a programme's texts, cards and modules;
// p.Revision must be the stored revision.
func (s *Store) UpdateEduProgramme(ctx context.Context, actor int64, in workforce.EduProgramme) (workforce.EduProgramme, error) {
	in = wfNormEdu(in)
	var p workforce.EduProgramme
	err := s.recognitionTx(ctx, "update education programme", func(t *recTx) error {
		old, err := s.wfLoadEdu(ctx, t, in.ID, s.recForUpdate())
		if err != nil {
			return err
		}
		if in.Revision != old.Revision {
			return wfStale(in.Revision, old.Revision)
		}
		p = old
		p.Speciality, p.Title, p.Qualification, p.Cards, p.Modules = in.Speciality, in.Title, in.Qualification, in.Cards, in.Modules
		if err := s.wfCheckEdu(ctx, t, &p); err != nil {
			return err
		}
		data := map[string]any{}
		for k, v := range map[string][3]any{"speciality": {old.Speciality, p.Speciality, p.Speciality},
			"title": {old.Title, p.Title, p.Title}, "qualification": {old.Qualification, p.Qualification, p.Qualification},
			"cards": {mustJSON(old.Cards), mustJSON(p.Cards), p.Cards}, "modules": {mustJSON(old.Modules), mustJSON(p.Modules), len(p.Modules)}} {
			if v[0] != v[1] {
				data[k] = v[2] // the new value; of the modules, their number
			}
		}
		if len(data) == 0 {
			p = old
			return nil // nothing to write, nothing to audit
		}
		p.Revision, p.UpdatedAt = old.Revision+1, t.wfNow()
		data["revision"] = p.Revision
		if _, err := t.ExecContext(ctx, s.q(`UPDATE wf_edu_programmes SET speciality = ?, title = ?, qualification = ?,
			cards = ?, modules = ?, revision = ?, updated_at = ? WHERE id = ?`),
			p.Speciality, p.Title, p.Qualification, mustJSON(p.Cards), mustJSON(p.Modules), p.Revision,
			recMicros(p.UpdatedAt), p.ID); err != nil {
			return err
		}
		t.wfEmit(actor, "eduprogramme.update", wfSubject("eduprogramme", p.ID), data)
		return nil
	})
	return p, err
}

// GetEduProgramme returns an education programme.
func (s *Store) GetEduProgramme(ctx context.Context, id int64) (workforce.EduProgramme, error) {
	return wfOp(s.wfLoadEdu(ctx, s.r, id, ""))("get education programme")
}

// ListEduProgrammes lists an organisation's programmes, by title.
func (s *Store) ListEduProgrammes(ctx context.Context, orgID int64) ([]workforce.EduProgramme, error) {
	return wfOp(wfList(ctx, s.r, s.q("SELECT "+wfEduColumns+" FROM wf_edu_programmes WHERE org_id = ? ORDER BY title "+
		s.d.binary+", id"), wfScanEdu, orgID))("education programmes of organisation %d", orgID)
}

// Snapshot reads what a gap analysis of an organisation (of unit, unless
// "") needs in five queries, whatever its size, in one read transaction so
// that they see one state: the organisation, its employees, its positions,
// the employees' assessments and the certificates of their candidate
// records.
func (s *Store) Snapshot(ctx context.Context, orgID int64, unit string) (snap workforce.Snapshot, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("snapshot of organisation %d: %w", orgID, err)
		}
	}()
	snap = workforce.Snapshot{Positions: map[int64]workforce.Position{}, Assessments: map[int64]workforce.Assessment{},
		Certificates: map[int64][]certificate.Certificate{}}
	var opts *sql.TxOptions
	if s.d.name == "postgres" {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := s.r.BeginTx(ctx, opts)
	if err != nil {
		return snap, err
	}
	defer tx.Rollback()
	if snap.Org, err = s.wfLoadOrg(ctx, tx, orgID, ""); err != nil {
		return snap, err
	}
	if snap.Employees, err = s.wfEmployees(ctx, tx, orgID, unit); err != nil {
		return snap, err
	}
	positions, err := s.wfPositions(ctx, tx, orgID)
	if err != nil {
		return snap, err
	}
	for _, p := range positions {
		snap.Positions[p.ID] = p
	}
	cond, args := wfUnitCond(orgID, unit)
	// The units' ratings only: the analysis of an organisation is over
	// units (workforce.Analyse).
	query := "SELECT a.employee_id, a.unit_ratings, a.updated_at FROM wf_assessments a WHERE a.org_id = ?"
	if unit != "" {
		query = "SELECT a.employee_id, a.unit_ratings, a.updated_at FROM wf_assessments a JOIN wf_employees e ON e.id = a.employee_id WHERE " + cond
	}
	if err := s.wfScanAssessments(ctx, tx, snap.Assessments, query, args...); err != nil {
		return snap, err
	}
	certs, err := wfList(ctx, tx, s.q("SELECT "+certColumns+` FROM certificates c WHERE c.candidate_id IN
		(SELECT e.candidate_id FROM wf_employees e WHERE `+cond+` AND e.candidate_id IS NOT NULL)
		ORDER BY c.candidate_id, c.id`), certScan, args...)
	if err != nil {
		return snap, fmt.Errorf("certificates: %w", err)
	}
	for _, c := range certs {
		snap.Certificates[c.CandidateID] = append(snap.Certificates[c.CandidateID], c)
	}
	return snap, tx.Commit()
}

// wfScanAssessments reads the assessments query selects into out. The
// rows are decoded by GOMAXPROCS goroutines, in batches, while the
// database reads the next ones: decoding is most of a large snapshot's
// time.
func (s *Store) wfScanAssessments(ctx context.Context, q recQuerier, out map[int64]workforce.Assessment, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return fmt.Errorf("assessments: %w", err)
	}
	defer rows.Close()
	type row struct {
		a    workforce.Assessment
		text string
	}
	work := make(chan []row, 16)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for batch := range work {
				for _, r := range batch {
					var err error
					r.a.Ratings, err = wfDecodeRatings(r.text)
					mu.Lock()
					if out[r.a.EmployeeID] = r.a; err != nil {
						errs = append(errs, fmt.Errorf("employee %d: %w", r.a.EmployeeID, err))
					}
					mu.Unlock()
				}
			}
		})
	}
	const size = 64
	batch := make([]row, 0, size)
	for rows.Next() {
		var r row
		var updated int64
		if err = rows.Scan(&r.a.EmployeeID, &r.text, &updated); err != nil {
			break
		}
		r.a.UpdatedAt = recFromMicros(updated)
		if batch = append(batch, r); len(batch) == size {
			work <- batch
			batch = make([]row, 0, size)
		}
	}
	work <- batch
	close(work)
	wg.Wait()
	if err := errors.Join(append(errs, err, rows.Err())...); err != nil {
		return fmt.Errorf("assessments: %w", err)
	}
	return nil
}
