package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

// ScheduleSession plans the assessment of an accepted application (or
// replaces the plan of a scheduled one). The assessors must be assessors
// of the application's centre, and the centre still accredited.
func (s *Store) ScheduleSession(ctx context.Context, actor, appID int64, sess recognition.Session) (recognition.Session, error) {
	if err := sess.Validate(); err != nil {
		return sess, fmt.Errorf("schedule session: %w", err)
	}
	err := s.recognitionTx(ctx, "schedule session", func(t *recTx) error {
		a, err := s.recLoadApplication(ctx, t, appID, s.recForUpdate())
		if err != nil {
			return err
		}
		if err := a.CheckTransition(recognition.StateScheduled, "", t.now, t.set); err != nil {
			return err
		}
		if err := s.recCheckApplicationPermits(ctx, t, a); err != nil {
			return err
		}
		for _, u := range sess.Assessors {
			if err := s.recCheckCentreAssessor(ctx, t, a.CentreID, u); err != nil {
				return err
			}
		}
		sess.ID, sess.ApplicationID, sess.CreatedBy, sess.CreatedAt = 0, appID, actor, t.now
		sess.Place = strings.TrimSpace(sess.Place)
		if err := t.QueryRowContext(ctx, s.q(`INSERT INTO recognition_sessions
			(application_id, at, online, place, assessors, created_at, created_by_user_id)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), appID, recMicros(sess.At), sess.Online, sess.Place,
			mustJSON(sess.Assessors), recMicros(t.now), actor).Scan(&sess.ID); err != nil {
			return err
		}
		return s.recSetState(ctx, t, &a, recognition.StateScheduled, "", actor, map[string]any{
			"session": sess.ID, "at": sess.At, "online": sess.Online, "assessors": sess.Assessors})
	})
	return sess, err
}

func (s *Store) recSessions(ctx context.Context, q recQuerier, appID int64) ([]recognition.Session, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT id, at, online, place, assessors, created_by_user_id, created_at
		FROM recognition_sessions WHERE application_id = ? ORDER BY id`), appID)
	if err != nil {
		return nil, fmt.Errorf("sessions: %w", err)
	}
	defer rows.Close()
	out := []recognition.Session{}
	for rows.Next() {
		x := recognition.Session{ApplicationID: appID}
		var at, created int64
		var assessors string
		if err := rows.Scan(&x.ID, &at, &x.Online, &x.Place, &assessors, &x.CreatedBy, &created); err != nil {
			return nil, fmt.Errorf("sessions: %w", err)
		}
		x.At, x.CreatedAt = recFromMicros(at), recFromMicros(created)
		if err := recDecodeJSON("session assessors", assessors, &x.Assessors); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// RecordResult saves the result of one component for one unit, by an
// assessor of the current session, while the application is scheduled.
//
// Concurrency: results are rows keyed by (application, component, unit),
// so assessors saving different results never write the same row, and
// each save takes the application's row lock only shared (PostgreSQL):
// saves run side by side, yet none across a state change. The same row is
// guarded by optimistic versioning: r.Version is the version the assessor
// started from — 0 creates the row (INSERT … ON CONFLICT DO NOTHING), n
// replaces version n (UPDATE … WHERE version = n) — and a mismatch is
// recognition.ErrStale, so a save never silently overwrites another
// assessor's. The returned result carries the new version.
func (s *Store) RecordResult(ctx context.Context, actor, appID int64, r recognition.Result) (recognition.Result, error) {
	err := s.recognitionTx(ctx, "record result", func(t *recTx) error {
		a, err := s.recLoadApplication(ctx, t, appID, s.recForShare())
		if err != nil {
			return err
		}
		if a.State != recognition.StateScheduled {
			return recognition.NewError(recognition.ErrIllegalTransition, "application.results_state", "id", itoa(appID), "state", a.State)
		}
		if _, err := s.recSessionAssessor(ctx, t, a, actor); err != nil {
			return err
		}
		p, err := s.recLoadProgramme(ctx, t, a.ProgrammeID, "")
		if err != nil {
			return err
		}
		if err := r.Grade(p); err != nil {
			return err
		}
		r.Assessor, r.RecordedAt, r.Notes = actor, t.now, strings.TrimSpace(r.Notes)
		if err := s.recSaveResult(ctx, t, appID, &r); err != nil {
			return err
		}
		t.emit(actor, "result.record", recApplicationSubject(appID), map[string]any{
			"component": r.Component, "unit": r.Unit, "score": r.Score, "passed": r.Passed, "version": r.Version})
		return nil
	})
	return r, err
}

// recSaveResult inserts (r.Version 0) or replaces (r.Version n) a result row
// and sets r.Version to the row's new version.
func (s *Store) recSaveResult(ctx context.Context, t *recTx, appID int64, r *recognition.Result) error {
	var res sql.Result
	var err error
	if r.Version == 0 {
		res, err = t.ExecContext(ctx, s.q(`INSERT INTO recognition_results
			(application_id, component, unit, score, passed, notes, assessor_user_id, version, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT (application_id, component, unit) DO NOTHING`),
			appID, r.Component, r.Unit, r.Score, r.Passed, r.Notes, r.Assessor, recMicros(r.RecordedAt))
	} else {
		res, err = t.ExecContext(ctx, s.q(`UPDATE recognition_results SET score = ?, passed = ?, notes = ?,
			assessor_user_id = ?, version = version + 1, recorded_at = ?
			WHERE application_id = ? AND component = ? AND unit = ? AND version = ?`),
			r.Score, r.Passed, r.Notes, r.Assessor, recMicros(r.RecordedAt), appID, r.Component, r.Unit, r.Version)
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 1 {
		r.Version++
		return nil
	}
	var cur int64
	var by int64
	err = t.QueryRowContext(ctx, s.q(`SELECT version, assessor_user_id FROM recognition_results
		WHERE application_id = ? AND component = ? AND unit = ?`), appID, r.Component, r.Unit).Scan(&cur, &by)
	if errors.Is(err, sql.ErrNoRows) {
		return recognition.NewError(recognition.ErrStale, "result.none", "component", r.Component, "unit", r.Unit)
	}
	if err != nil {
		return err
	}
	return recognition.NewError(recognition.ErrStale, "result.stale", "component", r.Component, "unit", r.Unit, "version", itoa(cur),
		"user", itoa(by), "given", itoa(r.Version))
}

func (s *Store) recResults(ctx context.Context, q recQuerier, appID int64) ([]recognition.Result, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT component, unit, score, passed, notes, assessor_user_id, version, recorded_at
		FROM recognition_results WHERE application_id = ? ORDER BY component, unit`), appID)
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	defer rows.Close()
	out := []recognition.Result{}
	for rows.Next() {
		var r recognition.Result
		var at int64
		if err := rows.Scan(&r.Component, &r.Unit, &r.Score, &r.Passed, &r.Notes, &r.Assessor, &r.Version, &at); err != nil {
			return nil, fmt.Errorf("results: %w", err)
		}
		r.RecordedAt = recFromMicros(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// AddEvidence stores a file supporting a result: by an assessor of the
// current session while the application is scheduled, or by the candidate
// (their own account) from acceptance on, for a portfolio. The type
// allowlist and size limit are settings.
func (s *Store) AddEvidence(ctx context.Context, actor, appID int64, component, unit, name, contentType string, data []byte) (recognition.Evidence, error) {
	var e recognition.Evidence
	err := s.recognitionTx(ctx, "add evidence", func(t *recTx) error {
		a, err := s.recLoadApplication(ctx, t, appID, s.recForShare())
		if err != nil {
			return err
		}
		if err := s.recCheckEvidenceActor(ctx, t, a, actor); err != nil {
			return err
		}
		p, err := s.recLoadProgramme(ctx, t, a.ProgrammeID, "")
		if err != nil {
			return err
		}
		if e, err = recognition.NewEvidence(p, component, unit, name, contentType, data, t.set); err != nil {
			return err
		}
		e.ApplicationID, e.UploadedBy, e.UploadedAt = appID, actor, t.now
		if err := t.QueryRowContext(ctx, s.q(`INSERT INTO recognition_evidence
			(application_id, component, unit, name, content_type, size, sha256, uploaded_by_user_id, uploaded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), appID, e.Component, e.Unit, e.Name, e.ContentType,
			e.Size, e.SHA256, actor, recMicros(t.now)).Scan(&e.ID); err != nil {
			return err
		}
		if _, err := t.ExecContext(ctx, s.q("INSERT INTO recognition_evidence_data (evidence_id, data) VALUES (?, ?)"), e.ID, data); err != nil {
			return err
		}
		t.emit(actor, "evidence.add", recApplicationSubject(appID), map[string]any{
			"evidence": e.ID, "name": e.Name, "content_type": e.ContentType, "size": e.Size, "sha256": e.SHA256})
		return nil
	})
	return e, err
}

func (s *Store) recCheckEvidenceActor(ctx context.Context, t *recTx, a recognition.Application, actor int64) error {
	if actor != 0 {
		var user int64
		if err := t.QueryRowContext(ctx, s.q("SELECT user_id FROM recognition_candidates WHERE id = ?"), a.CandidateID).Scan(&user); err != nil {
			return err
		}
		if user == actor {
			if a.State != recognition.StateAccepted && a.State != recognition.StateScheduled {
				return recognition.NewError(recognition.ErrIllegalTransition, "application.evidence_state", "id", itoa(a.ID), "state", a.State)
			}
			return nil
		}
	}
	if a.State != recognition.StateScheduled {
		return recognition.NewError(recognition.ErrIllegalTransition, "application.evidence_state", "id", itoa(a.ID), "state", a.State)
	}
	_, err := s.recSessionAssessor(ctx, t, a, actor)
	return err
}

const recEvidenceColumns = "id, application_id, component, unit, name, content_type, size, sha256, uploaded_by_user_id, uploaded_at"

func recScanEvidence(sc interface{ Scan(...any) error }) (recognition.Evidence, error) {
	var e recognition.Evidence
	var at int64
	err := sc.Scan(&e.ID, &e.ApplicationID, &e.Component, &e.Unit, &e.Name, &e.ContentType, &e.Size, &e.SHA256, &e.UploadedBy, &at)
	e.UploadedAt = recFromMicros(at)
	return e, err
}

func (s *Store) recEvidence(ctx context.Context, q recQuerier, appID int64) ([]recognition.Evidence, error) {
	rows, err := q.QueryContext(ctx, s.q("SELECT "+recEvidenceColumns+" FROM recognition_evidence WHERE application_id = ? ORDER BY id"), appID)
	if err != nil {
		return nil, fmt.Errorf("evidence: %w", err)
	}
	defer rows.Close()
	out := []recognition.Evidence{}
	for rows.Next() {
		e, err := recScanEvidence(rows)
		if err != nil {
			return nil, fmt.Errorf("evidence: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EvidenceFile returns an evidence file's metadata and bytes.
func (s *Store) EvidenceFile(ctx context.Context, id int64) (recognition.Evidence, []byte, error) {
	e, err := recScanEvidence(s.r.QueryRowContext(ctx, s.q("SELECT "+recEvidenceColumns+" FROM recognition_evidence WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, nil, fmt.Errorf("evidence file: %w", recNotFound("evidence", id))
	}
	if err != nil {
		return e, nil, fmt.Errorf("evidence file %d: %w", id, err)
	}
	var data []byte
	if err := s.r.QueryRowContext(ctx, s.q("SELECT data FROM recognition_evidence_data WHERE evidence_id = ?"), id).Scan(&data); err != nil {
		return e, nil, fmt.Errorf("evidence file %d: %w", id, err)
	}
	return e, data, nil
}

// ProposeDecision applies the programme's rules to the results recorded
// so far.
func (s *Store) ProposeDecision(ctx context.Context, appID int64) (recognition.Proposal, error) {
	p, err := s.recProposal(ctx, s.r, appID)
	if err != nil {
		return p, fmt.Errorf("propose decision: %w", err)
	}
	return p, nil
}

func (s *Store) recProposal(ctx context.Context, q recQuerier, appID int64) (recognition.Proposal, error) {
	a, err := s.recLoadApplication(ctx, q, appID, "")
	if err != nil {
		return recognition.Proposal{}, err
	}
	p, err := s.recLoadProgramme(ctx, q, a.ProgrammeID, "")
	if err != nil {
		return recognition.Proposal{}, err
	}
	rs, err := s.recResults(ctx, q, appID)
	if err != nil {
		return recognition.Proposal{}, err
	}
	return recognition.Propose(p, rs), nil
}

// Decide records the decision on an assessed application: an assessor of
// its session confirms the proposal of the programme's rules (in.Outcome
// "") or overrides it with a written reason.
func (s *Store) Decide(ctx context.Context, actor, appID int64, in recognition.DecisionInput) (recognition.Decision, error) {
	var d recognition.Decision
	err := s.recognitionTx(ctx, "decide", func(t *recTx) error {
		a, err := s.recLoadApplication(ctx, t, appID, s.recForUpdate())
		if err != nil {
			return err
		}
		if err := a.CheckTransition(recognition.StateDecided, "", t.now, t.set); err != nil {
			return err
		}
		if _, err := s.recSessionAssessor(ctx, t, a, actor); err != nil {
			return err
		}
		if d, err = s.recMakeDecision(ctx, t, a, in, actor, 0); err != nil {
			return err
		}
		return s.recSetState(ctx, t, &a, recognition.StateDecided, "", actor, map[string]any{
			"decision": d.ID, "outcome": d.Outcome, "units": d.Units, "overridden": d.Overridden})
	})
	return d, err
}

// recMakeDecision checks the centre may still decide, turns the input into a
// decision on the current proposal and inserts it; appeal is the appeal it
// answers (0 for a first decision), part of the row from the start since
// recDecisions are never updated.
func (s *Store) recMakeDecision(ctx context.Context, t *recTx, a recognition.Application, in recognition.DecisionInput, actor, appeal int64) (recognition.Decision, error) {
	if err := s.recCheckApplicationPermits(ctx, t, a); err != nil {
		return recognition.Decision{}, err
	}
	p, err := s.recLoadProgramme(ctx, t, a.ProgrammeID, "")
	if err != nil {
		return recognition.Decision{}, err
	}
	rs, err := s.recResults(ctx, t, a.ID)
	if err != nil {
		return recognition.Decision{}, err
	}
	d, err := recognition.Decide(p, recognition.Propose(p, rs), in, actor)
	if err != nil {
		return d, err
	}
	d.ApplicationID, d.DecidedAt, d.AppealID = a.ID, t.now, appeal
	return d, s.recInsertDecision(ctx, t, &d)
}

func (s *Store) recInsertDecision(ctx context.Context, t *recTx, d *recognition.Decision) error {
	return t.QueryRowContext(ctx, s.q(`INSERT INTO recognition_decisions
		(application_id, outcome, units, proposal, overridden, reason, assessor_user_id, appeal_id, decided_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), d.ApplicationID, d.Outcome, mustJSON(orEmpty(d.Units)),
		mustJSON(d.Proposed), d.Overridden, d.Reason, d.Assessor, recNullID(d.AppealID), recMicros(d.DecidedAt)).Scan(&d.ID)
}

func (s *Store) recDecisions(ctx context.Context, q recQuerier, appID int64) ([]recognition.Decision, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT id, outcome, units, proposal, overridden, reason, assessor_user_id, appeal_id, decided_at
		FROM recognition_decisions WHERE application_id = ? ORDER BY id`), appID)
	if err != nil {
		return nil, fmt.Errorf("decisions: %w", err)
	}
	defer rows.Close()
	out := []recognition.Decision{}
	for rows.Next() {
		d := recognition.Decision{ApplicationID: appID}
		var units, proposal string
		var appeal sql.NullInt64
		var at int64
		if err := rows.Scan(&d.ID, &d.Outcome, &units, &proposal, &d.Overridden, &d.Reason, &d.Assessor, &appeal, &at); err != nil {
			return nil, fmt.Errorf("decisions: %w", err)
		}
		d.AppealID, d.DecidedAt = appeal.Int64, recFromMicros(at)
		if err := errors.Join(recDecodeJSON("decision units", units, &d.Units), recDecodeJSON("decision proposal", proposal, &d.Proposed)); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Appeal files the candidate's appeal against the decision, within the
// appeal period of the settings.
func (s *Store) Appeal(ctx context.Context, actor, appID int64, reason string) (recognition.Appeal, error) {
	ap := recognition.Appeal{ApplicationID: appID, Reason: strings.TrimSpace(reason), FiledBy: actor}
	if ap.Reason == "" {
		return ap, recognition.NewError(kasip.ErrInvalid, "appeal.grounds_required")
	}
	err := s.recognitionTx(ctx, "appeal", func(t *recTx) error {
		a, err := s.recLoadApplication(ctx, t, appID, s.recForUpdate())
		if err != nil {
			return err
		}
		if err := a.CheckTransition(recognition.StateAppealed, ap.Reason, t.now, t.set); err != nil {
			return err
		}
		ds, err := s.recDecisions(ctx, t, appID)
		if err != nil {
			return err
		}
		if len(ds) == 0 {
			return recognition.NewError(recognition.ErrConflict, "application.no_decision", "id", itoa(appID))
		}
		ap.DecisionID, ap.FiledAt = ds[len(ds)-1].ID, t.now
		if err := t.QueryRowContext(ctx, s.q(`INSERT INTO recognition_appeals
			(application_id, decision_id, reason, filed_by_user_id, filed_at) VALUES (?, ?, ?, ?, ?) RETURNING id`),
			appID, ap.DecisionID, ap.Reason, actor, recMicros(t.now)).Scan(&ap.ID); err != nil {
			return err
		}
		return s.recSetState(ctx, t, &a, recognition.StateAppealed, ap.Reason, actor, map[string]any{
			"appeal": ap.ID, "decision": ap.DecisionID})
	})
	return ap, err
}

func (s *Store) recAppeals(ctx context.Context, q recQuerier, appID int64) ([]recognition.Appeal, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT id, decision_id, reason, filed_by_user_id, filed_at
		FROM recognition_appeals WHERE application_id = ? ORDER BY id`), appID)
	if err != nil {
		return nil, fmt.Errorf("appeals: %w", err)
	}
	defer rows.Close()
	out := []recognition.Appeal{}
	for rows.Next() {
		ap := recognition.Appeal{ApplicationID: appID}
		var at int64
		if err := rows.Scan(&ap.ID, &ap.DecisionID, &ap.Reason, &ap.FiledBy, &at); err != nil {
			return nil, fmt.Errorf("appeals: %w", err)
		}
		ap.FiledAt = recFromMicros(at)
		out = append(out, ap)
	}
	return out, rows.Err()
}

// Redecide records the decision on an appeal, as a new decision: by an
// assessor of the centre other than the one whose decision is appealed.
func (s *Store) Redecide(ctx context.Context, actor, appID int64, in recognition.DecisionInput) (recognition.Decision, error) {
	var d recognition.Decision
	err := s.recognitionTx(ctx, "redecide", func(t *recTx) error {
		a, err := s.recLoadApplication(ctx, t, appID, s.recForUpdate())
		if err != nil {
			return err
		}
		if err := a.CheckTransition(recognition.StateRedecided, "", t.now, t.set); err != nil {
			return err
		}
		aps, err := s.recAppeals(ctx, t, appID)
		if err != nil {
			return err
		}
		if len(aps) == 0 {
			return recognition.NewError(recognition.ErrConflict, "application.no_appeal", "id", itoa(appID))
		}
		ap := aps[len(aps)-1]
		var decider int64
		if err := t.QueryRowContext(ctx, s.q("SELECT assessor_user_id FROM recognition_decisions WHERE id = ?"), ap.DecisionID).Scan(&decider); err != nil {
			return err
		}
		if actor == decider {
			return recognition.NewError(recognition.ErrForbidden, "application.redecide_same", "user", itoa(actor))
		}
		if err := s.recCheckCentreAssessor(ctx, t, a.CentreID, actor); err != nil {
			return err
		}
		if d, err = s.recMakeDecision(ctx, t, a, in, actor, ap.ID); err != nil {
			return err
		}
		return s.recSetState(ctx, t, &a, recognition.StateRedecided, "", actor, map[string]any{
			"decision": d.ID, "appeal": ap.ID, "outcome": d.Outcome, "units": d.Units, "overridden": d.Overridden})
	})
	return d, err
}
