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

func recProgrammeSubject(id int64) string { return "programme/" + strconv.FormatInt(id, 10) }

// CreateProgramme stores a new programme, as a draft authored by actor, of
// card p.Card of the pinned standard version. The centre must be
// accredited for the card and level; every path must exist in the card.
func (s *Store) CreateProgramme(ctx context.Context, actor int64, p recognition.Programme) (recognition.Programme, error) {
	err := s.recognitionTx(ctx, "create programme", func(t *recTx) error {
		card, err := s.recStandardCard(ctx, t, p.StandardCode, p.StandardVersion, p.Card)
		if err != nil {
			return err
		}
		p.Normalize(card, t.set)
		p.Version, p.PreviousID, p.Status, p.StatusReason = 1, 0, recognition.ProgrammeDraft, ""
		p.AuthorUserID, p.ApprovedBy = actor, 0
		if err := p.Validate(card); err != nil {
			return err
		}
		if err := s.recCheckPermits(ctx, t, p.CentreID, p.StandardCode, card, p.Card, p.Level); err != nil {
			return err
		}
		if err := s.recInsertProgramme(ctx, t, &p); err != nil {
			return err
		}
		t.emit(actor, "programme.create", recProgrammeSubject(p.ID), map[string]any{
			"centre": p.CentreID, "standard": p.StandardCode, "version": p.StandardVersion, "card": p.Card, "units": p.Units})
		return nil
	})
	return p, err
}

// recCheckPermits checks, under the centre's shared row lock, that the centre
// may assess the card at level now.
func (s *Store) recCheckPermits(ctx context.Context, t *recTx, centreID int64, code string, card *kasip.Card, cardIndex, level int) error {
	c, err := s.recLoadCentre(ctx, t, centreID, true)
	if err != nil {
		return err
	}
	return c.Permits(code, card, cardIndex, level, t.now, t.set)
}

// recInsertProgramme writes p (a new draft) and its bank, setting the ids; a
// version 1 starts its own lineage.
func (s *Store) recInsertProgramme(ctx context.Context, t *recTx, p *recognition.Programme) error {
	p.CreatedAt, p.UpdatedAt = t.now, t.now
	err := t.QueryRowContext(ctx, s.q(`INSERT INTO recognition_programmes
		(centre_id, lineage, version, previous_id, standard_code, standard_version, card, level, title, whole,
		 units, components, status, status_reason, author_user_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?) RETURNING id`),
		p.CentreID, p.Lineage, p.Version, recNullID(p.PreviousID), p.StandardCode, p.StandardVersion, p.Card, p.Level,
		mustJSON(orText(p.Title)), p.Whole, mustJSON(orEmpty(p.Units)), mustJSON(orEmpty(p.Components)),
		p.Status, p.AuthorUserID, recMicros(t.now), recMicros(t.now)).Scan(&p.ID)
	if err != nil {
		return fmt.Errorf("insert programme: %w", err)
	}
	if p.Version == 1 {
		p.Lineage = p.ID
		if _, err := t.ExecContext(ctx, s.q("UPDATE recognition_programmes SET lineage = ? WHERE id = ?"), p.ID, p.ID); err != nil {
			return fmt.Errorf("insert programme: %w", err)
		}
	}
	for i := range p.Questions {
		if err := s.recInsertQuestion(ctx, t, p.ID, &p.Questions[i]); err != nil {
			return err
		}
	}
	for i := range p.Tasks {
		if err := s.recInsertTask(ctx, t, p.ID, &p.Tasks[i]); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) recInsertQuestion(ctx context.Context, t *recTx, programme int64, q *recognition.Question) error {
	if err := t.QueryRowContext(ctx, s.q(`INSERT INTO recognition_questions (programme_id, text, choices, correct, knowledge)
		VALUES (?, ?, ?, ?, ?) RETURNING id`), programme, mustJSON(orText(q.Text)), mustJSON(orEmpty(q.Choices)),
		mustJSON(orEmpty(q.Correct)), mustJSON(orEmpty(q.Knowledge))).Scan(&q.ID); err != nil {
		return fmt.Errorf("insert question: %w", err)
	}
	return nil
}

func (s *Store) recInsertTask(ctx context.Context, t *recTx, programme int64, k *recognition.Task) error {
	if err := t.QueryRowContext(ctx, s.q(`INSERT INTO recognition_tasks (programme_id, text, criteria, abilities, units)
		VALUES (?, ?, ?, ?, ?) RETURNING id`), programme, mustJSON(orText(k.Text)), mustJSON(orText(k.Criteria)),
		mustJSON(orEmpty(k.Abilities)), mustJSON(orEmpty(k.Units))).Scan(&k.ID); err != nil {
		return fmt.Errorf("insert task: %w", err)
	}
	return nil
}

const recProgrammeColumns = `id, centre_id, lineage, version, previous_id, standard_code, standard_version, card, level,
	title, whole, units, components, status, status_reason, author_user_id, approved_by_user_id, approved_at,
	created_at, updated_at`

func recScanProgramme(sc interface{ Scan(...any) error }) (recognition.Programme, error) {
	var p recognition.Programme
	var prev sql.NullInt64
	var title, units, comps string
	var approved, created, updated int64
	if err := sc.Scan(&p.ID, &p.CentreID, &p.Lineage, &p.Version, &prev, &p.StandardCode, &p.StandardVersion,
		&p.Card, &p.Level, &title, &p.Whole, &units, &comps, &p.Status, &p.StatusReason, &p.AuthorUserID,
		&p.ApprovedBy, &approved, &created, &updated); err != nil {
		return p, err
	}
	p.PreviousID = prev.Int64
	p.ApprovedAt, p.CreatedAt, p.UpdatedAt = recFromMicros(approved), recFromMicros(created), recFromMicros(updated)
	return p, errors.Join(recDecodeJSON("programme title", title, &p.Title),
		recDecodeJSON("programme units", units, &p.Units), recDecodeJSON("programme components", comps, &p.Components))
}

// recLoadProgramme reads a programme and its bank through q; lock is "" or a
// row-lock clause (forUpdate, forShare).
func (s *Store) recLoadProgramme(ctx context.Context, q recQuerier, id int64, lock string) (recognition.Programme, error) {
	p, err := recScanProgramme(q.QueryRowContext(ctx, s.q("SELECT "+recProgrammeColumns+" FROM recognition_programmes WHERE id = ?"+lock), id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, recNotFound("programme", id)
	}
	if err != nil {
		return p, fmt.Errorf("programme %d: %w", id, err)
	}
	if p.Questions, err = s.recQuestions(ctx, q, id); err != nil {
		return p, err
	}
	p.Tasks, err = s.recTasks(ctx, q, id)
	return p, err
}

func (s *Store) recQuestions(ctx context.Context, q recQuerier, programme int64) ([]recognition.Question, error) {
	rows, err := q.QueryContext(ctx, s.q("SELECT id, text, choices, correct, knowledge FROM recognition_questions WHERE programme_id = ? ORDER BY id"), programme)
	if err != nil {
		return nil, fmt.Errorf("questions of programme %d: %w", programme, err)
	}
	defer rows.Close()
	out := []recognition.Question{}
	for rows.Next() {
		var x recognition.Question
		var text, choices, correct, knowledge string
		if err := rows.Scan(&x.ID, &text, &choices, &correct, &knowledge); err != nil {
			return nil, fmt.Errorf("questions of programme %d: %w", programme, err)
		}
		if err := errors.Join(recDecodeJSON("question", text, &x.Text), recDecodeJSON("question", choices, &x.Choices),
			recDecodeJSON("question", correct, &x.Correct), recDecodeJSON("question", knowledge, &x.Knowledge)); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

func (s *Store) recTasks(ctx context.Context, q recQuerier, programme int64) ([]recognition.Task, error) {
	rows, err := q.QueryContext(ctx, s.q("SELECT id, text, criteria, abilities, units FROM recognition_tasks WHERE programme_id = ? ORDER BY id"), programme)
	if err != nil {
		return nil, fmt.Errorf("tasks of programme %d: %w", programme, err)
	}
	defer rows.Close()
	out := []recognition.Task{}
	for rows.Next() {
		var x recognition.Task
		var text, criteria, abilities, units string
		if err := rows.Scan(&x.ID, &text, &criteria, &abilities, &units); err != nil {
			return nil, fmt.Errorf("tasks of programme %d: %w", programme, err)
		}
		if err := errors.Join(recDecodeJSON("task", text, &x.Text), recDecodeJSON("task", criteria, &x.Criteria),
			recDecodeJSON("task", abilities, &x.Abilities), recDecodeJSON("task", units, &x.Units)); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// GetProgramme returns a programme with its question and task bank.
func (s *Store) GetProgramme(ctx context.Context, id int64) (recognition.Programme, error) {
	p, err := s.recLoadProgramme(ctx, s.r, id, "")
	if err != nil {
		return p, fmt.Errorf("get programme: %w", err)
	}
	return p, nil
}

// ListProgrammes lists programmes without their banks, by id.
func (s *Store) ListProgrammes(ctx context.Context, f recognition.ProgrammeFilter) ([]recognition.Programme, error) {
	var conds []string
	var args []any
	if f.CentreID != 0 {
		conds, args = append(conds, "centre_id = ?"), append(args, f.CentreID)
	}
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, f.Status)
	}
	if f.StandardCode != "" {
		conds, args = append(conds, "standard_code = ?"), append(args, f.StandardCode)
	}
	rows, err := s.r.QueryContext(ctx, s.q("SELECT "+recProgrammeColumns+" FROM recognition_programmes"+whereClause(conds)+" ORDER BY id"), args...)
	if err != nil {
		return nil, fmt.Errorf("list programmes: %w", err)
	}
	defer rows.Close()
	out := []recognition.Programme{}
	for rows.Next() {
		p, err := recScanProgramme(rows)
		if err != nil {
			return nil, fmt.Errorf("list programmes: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// recEditDraft runs f on a draft programme, locked, with its pinned card, then
// validates the result and stores the programme's own columns (the bank is
// f's business).
func (s *Store) recEditDraft(ctx context.Context, op string, actor, id int64, f func(t *recTx, p *recognition.Programme, card *kasip.Card) error) (recognition.Programme, error) {
	var p recognition.Programme
	err := s.recognitionTx(ctx, op, func(t *recTx) error {
		var err error
		if p, err = s.recLoadProgramme(ctx, t, id, s.recForUpdate()); err != nil {
			return err
		}
		if err := p.CheckEditable(); err != nil {
			return err
		}
		card, err := s.recStandardCard(ctx, t, p.StandardCode, p.StandardVersion, p.Card)
		if err != nil {
			return err
		}
		if err := f(t, &p, card); err != nil {
			return err
		}
		p.UpdatedAt = t.now
		_, err = t.ExecContext(ctx, s.q(`UPDATE recognition_programmes SET title = ?, level = ?, whole = ?, units = ?,
			components = ?, updated_at = ? WHERE id = ?`), mustJSON(orText(p.Title)), p.Level, p.Whole,
			mustJSON(orEmpty(p.Units)), mustJSON(orEmpty(p.Components)), recMicros(t.now), p.ID)
		return err
	})
	return p, err
}

// UpdateProgrammeDraft replaces a draft's title, level, units and
// components with those of in. What the programme is of (centre, standard
// version, card) is fixed: another card is another programme.
func (s *Store) UpdateProgrammeDraft(ctx context.Context, actor, id int64, in recognition.Programme) (recognition.Programme, error) {
	return s.recEditDraft(ctx, "update programme", actor, id, func(t *recTx, p *recognition.Programme, card *kasip.Card) error {
		p.Title, p.Level, p.Whole, p.Units, p.Components = in.Title, in.Level, in.Whole, in.Units, in.Components
		p.Normalize(card, t.set)
		if err := p.Validate(card); err != nil {
			return err
		}
		if err := s.recCheckPermits(ctx, t, p.CentreID, p.StandardCode, card, p.Card, p.Level); err != nil {
			return err
		}
		t.emit(actor, "programme.update", recProgrammeSubject(p.ID), map[string]any{"units": p.Units, "components": p.Components})
		return nil
	})
}

// AddQuestion adds a question to a draft's bank.
func (s *Store) AddQuestion(ctx context.Context, actor, programmeID int64, q recognition.Question) (recognition.Question, error) {
	_, err := s.recEditDraft(ctx, "add question", actor, programmeID, func(t *recTx, p *recognition.Programme, card *kasip.Card) error {
		if err := recognition.ValidateQuestion(card, *p, q); err != nil {
			return err
		}
		if err := s.recInsertQuestion(ctx, t, p.ID, &q); err != nil {
			return err
		}
		p.Questions = append(p.Questions, q)
		t.emit(actor, "programme.question.add", recProgrammeSubject(p.ID), map[string]any{"question": q.ID, "knowledge": q.Knowledge})
		return nil
	})
	return q, err
}

// AddTask adds a practical task to a draft's bank.
func (s *Store) AddTask(ctx context.Context, actor, programmeID int64, k recognition.Task) (recognition.Task, error) {
	_, err := s.recEditDraft(ctx, "add task", actor, programmeID, func(t *recTx, p *recognition.Programme, card *kasip.Card) error {
		if err := recognition.ValidateTask(card, *p, k); err != nil {
			return err
		}
		if err := s.recInsertTask(ctx, t, p.ID, &k); err != nil {
			return err
		}
		p.Tasks = append(p.Tasks, k)
		t.emit(actor, "programme.task.add", recProgrammeSubject(p.ID), map[string]any{"task": k.ID, "abilities": k.Abilities, "units": k.Units})
		return nil
	})
	return k, err
}

// RemoveQuestion and RemoveTask take an entry out of a draft's bank.
func (s *Store) RemoveQuestion(ctx context.Context, actor, programmeID, questionID int64) error {
	return s.recRemoveBankEntry(ctx, actor, programmeID, questionID, "question", "recognition_questions")
}

func (s *Store) RemoveTask(ctx context.Context, actor, programmeID, taskID int64) error {
	return s.recRemoveBankEntry(ctx, actor, programmeID, taskID, "task", "recognition_tasks")
}

func (s *Store) recRemoveBankEntry(ctx context.Context, actor, programmeID, id int64, what, table string) error {
	_, err := s.recEditDraft(ctx, "remove "+what, actor, programmeID, func(t *recTx, p *recognition.Programme, _ *kasip.Card) error {
		res, err := t.ExecContext(ctx, s.q("DELETE FROM "+table+" WHERE id = ? AND programme_id = ?"), id, p.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("programme %d has no %s %d: %w", p.ID, what, id, kasip.ErrNotFound)
		}
		t.emit(actor, "programme."+what+".remove", recProgrammeSubject(p.ID), map[string]any{what: id})
		return nil
	})
	return err
}

// recMoveProgramme changes a programme's status after check, which sees the
// locked programme and its card.
func (s *Store) recMoveProgramme(ctx context.Context, op string, actor, id int64, to, reason string,
	check func(t *recTx, p *recognition.Programme, card *kasip.Card) error) (recognition.Programme, error) {
	var p recognition.Programme
	err := s.recognitionTx(ctx, op, func(t *recTx) error {
		var err error
		if p, err = s.recLoadProgramme(ctx, t, id, s.recForUpdate()); err != nil {
			return err
		}
		if err := p.CheckMove(to); err != nil {
			return err
		}
		card, err := s.recStandardCard(ctx, t, p.StandardCode, p.StandardVersion, p.Card)
		if err != nil {
			return err
		}
		if check != nil {
			if err := check(t, &p, card); err != nil {
				return err
			}
		}
		from := p.Status
		p.Status, p.StatusReason, p.UpdatedAt = to, strings.TrimSpace(reason), t.now
		if _, err := t.ExecContext(ctx, s.q(`UPDATE recognition_programmes SET status = ?, status_reason = ?,
			approved_by_user_id = ?, approved_at = ?, updated_at = ? WHERE id = ?`),
			p.Status, p.StatusReason, p.ApprovedBy, recMicros(p.ApprovedAt), recMicros(t.now), p.ID); err != nil {
			return err
		}
		t.emit(actor, "programme."+to, recProgrammeSubject(p.ID), map[string]any{"from": from, "to": to, "reason": p.StatusReason})
		return nil
	})
	return p, err
}

// recReadyForReview checks what submission and approval both need: a valid
// programme whose bank covers every item of its units.
func recReadyForReview(p *recognition.Programme, card *kasip.Card) error {
	if err := p.Validate(card); err != nil {
		return err
	}
	rep := recognition.Coverage(card, *p)
	if rep.Complete() {
		return nil
	}
	var paths []string
	for _, g := range rep.Gaps {
		paths = append(paths, g.Path)
	}
	const show = 5
	more := ""
	if len(paths) > show {
		more = fmt.Sprintf(" … (+%d)", len(paths)-show)
		paths = paths[:show]
	}
	return recognition.NewError(kasip.ErrInvalid, "programme.gaps", "id", itoa(p.ID), "count", strconv.Itoa(len(rep.Gaps)),
		"items", strings.Join(paths, ", ")+more)
}

// SubmitProgramme submits a draft for approval; its bank must cover
// every item (see ProgrammeCoverage).
func (s *Store) SubmitProgramme(ctx context.Context, actor, id int64) (recognition.Programme, error) {
	return s.recMoveProgramme(ctx, "submit programme", actor, id, recognition.ProgrammeSubmitted, "",
		func(_ *recTx, p *recognition.Programme, card *kasip.Card) error { return recReadyForReview(p, card) })
}

// ReturnProgramme sends a submitted programme back to its author as a
// draft, with the administrator's reason.
func (s *Store) ReturnProgramme(ctx context.Context, admin, id int64, reason string) (recognition.Programme, error) {
	if strings.TrimSpace(reason) == "" {
		return recognition.Programme{}, recognition.NewError(kasip.ErrInvalid, "programme.reason_required")
	}
	return s.recMoveProgramme(ctx, "return programme", admin, id, recognition.ProgrammeDraft, reason, nil)
}

// ApproveProgramme approves a submitted programme. The administrator must
// not be its author (four eyes), and the centre must still be accredited.
func (s *Store) ApproveProgramme(ctx context.Context, admin, id int64) (recognition.Programme, error) {
	return s.recMoveProgramme(ctx, "approve programme", admin, id, recognition.ProgrammeApproved, "",
		func(t *recTx, p *recognition.Programme, card *kasip.Card) error {
			if admin == p.AuthorUserID {
				return recognition.NewError(recognition.ErrForbidden, "programme.own_approval", "user", itoa(admin), "id", itoa(p.ID))
			}
			if err := recReadyForReview(p, card); err != nil {
				return err
			}
			if err := s.recCheckPermits(ctx, t, p.CentreID, p.StandardCode, card, p.Card, p.Level); err != nil {
				return err
			}
			p.ApprovedBy, p.ApprovedAt = admin, t.now
			return nil
		})
}

// RetireProgramme withdraws an approved programme from use: no new
// applications; those under way continue.
func (s *Store) RetireProgramme(ctx context.Context, actor, id int64, reason string) (recognition.Programme, error) {
	if strings.TrimSpace(reason) == "" {
		return recognition.Programme{}, recognition.NewError(kasip.ErrInvalid, "programme.reason_required")
	}
	return s.recMoveProgramme(ctx, "retire programme", actor, id, recognition.ProgrammeRetired, reason, nil)
}

// NewProgrammeVersion copies an approved (or retired) programme, bank
// included, into a new draft version authored by actor: how an approved
// programme changes. A lineage has at most one version in preparation.
func (s *Store) NewProgrammeVersion(ctx context.Context, actor, id int64) (recognition.Programme, error) {
	var n recognition.Programme
	err := s.recognitionTx(ctx, "new programme version", func(t *recTx) error {
		p, err := s.recLoadProgramme(ctx, t, id, s.recForUpdate())
		if err != nil {
			return err
		}
		if p.Status != recognition.ProgrammeApproved && p.Status != recognition.ProgrammeRetired {
			return recognition.NewError(recognition.ErrConflict, "programme.version_draft", "id", itoa(p.ID), "status", p.Status)
		}
		// Lock the lineage's versions so that two new versions cannot both
		// see none in preparation.
		rows, err := t.QueryContext(ctx, s.q("SELECT id, version, status FROM recognition_programmes WHERE lineage = ? ORDER BY version"+s.recForUpdate()), p.Lineage)
		if err != nil {
			return err
		}
		last := 0
		var open int64
		for rows.Next() {
			var vid int64
			var v int
			var st string
			if err := rows.Scan(&vid, &v, &st); err != nil {
				rows.Close()
				return err
			}
			last = max(last, v)
			if st == recognition.ProgrammeDraft || st == recognition.ProgrammeSubmitted {
				open = vid
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if open != 0 {
			return recognition.NewError(recognition.ErrConflict, "programme.version_open", "id", itoa(p.ID), "version", itoa(open))
		}
		n = p.NewVersion(actor)
		n.Version = last + 1
		if err := s.recInsertProgramme(ctx, t, &n); err != nil {
			return err
		}
		t.emit(actor, "programme.new-version", recProgrammeSubject(n.ID), map[string]any{"from": p.ID, "version": n.Version})
		return nil
	})
	return n, err
}

// ProgrammeCoverage reports how the programme's bank covers its units.
func (s *Store) ProgrammeCoverage(ctx context.Context, id int64) (recognition.Report, error) {
	p, err := s.recLoadProgramme(ctx, s.r, id, "")
	if err != nil {
		return recognition.Report{}, fmt.Errorf("programme coverage: %w", err)
	}
	card, err := s.recStandardCard(ctx, s.r, p.StandardCode, p.StandardVersion, p.Card)
	if err != nil {
		return recognition.Report{}, fmt.Errorf("programme coverage: %w", err)
	}
	return recognition.Coverage(card, p), nil
}
