package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kasip/kasip/recognition"

	"github.com/kasip/kasip"
)

func recApplicationSubject(id int64) string { return "application/" + strconv.FormatInt(id, 10) }

// Apply submits a candidate's application to be assessed against an
// approved programme by its centre, which must be accredited for the
// programme's card and level; the card must be in the register of
// professions. The application copies the standard, card and level. CentreID may be left 0 (it is the
// programme's). Route voucher needs a voucher of the candidate that is
// still valid and not used by another application (a rejected one
// releases it); route referral an employer account, which must confirm
// before the centre can accept.
func (s *Store) Apply(ctx context.Context, actor int64, in recognition.Application) (recognition.Application, error) {
	a := recognition.Application{CandidateID: in.CandidateID, ProgrammeID: in.ProgrammeID, CentreID: in.CentreID,
		Route: in.Route, EmployerUserID: in.EmployerUserID, EmployerName: strings.TrimSpace(in.EmployerName),
		EmployerBIN: strings.TrimSpace(in.EmployerBIN), VoucherID: in.VoucherID, CreatedBy: actor}
	if err := a.ValidateNew(); err != nil {
		return a, fmt.Errorf("apply: %w", err)
	}
	err := s.recognitionTx(ctx, "apply", func(t *recTx) error {
		if _, err := s.recCandidateWhere(ctx, t, "id = ?", a.CandidateID); err != nil {
			return err
		}
		// Shared lock: the programme cannot be retired under the
		// application, nor the centre's accreditation change.
		p, err := s.recLoadProgramme(ctx, t, a.ProgrammeID, s.recForShare())
		if err != nil {
			return err
		}
		if p.Status != recognition.ProgrammeApproved {
			return recognition.NewError(recognition.ErrConflict, "application.programme_not_approved", "programme", itoa(p.ID), "status", p.Status)
		}
		if a.CentreID != 0 && a.CentreID != p.CentreID {
			return recognition.NewError(kasip.ErrInvalid, "application.programme_centre", "programme", itoa(p.ID))
		}
		a.CentreID, a.StandardCode, a.StandardVersion, a.Card, a.Level = p.CentreID, p.StandardCode, p.StandardVersion, p.Card, p.Level
		card, err := s.recStandardCard(ctx, t, p.StandardCode, p.StandardVersion, p.Card)
		if err != nil {
			return err
		}
		if err := s.recCheckPermits(ctx, t, a.CentreID, a.StandardCode, card, a.Card, a.Level); err != nil {
			return err
		}
		if err := s.recCheckRegister(ctx, t, a.StandardCode, a.Card); err != nil {
			return err
		}
		if err := s.recCheckOpenApplication(ctx, t, a.CandidateID, a.ProgrammeID); err != nil {
			return err
		}
		if a.Route == recognition.RouteVoucher {
			if err := s.recCheckVoucher(ctx, t, a.VoucherID, a.CandidateID); err != nil {
				return err
			}
		}
		a.State, a.StateSince, a.SubmittedAt = recognition.StateSubmitted, t.now, t.now
		if err := t.QueryRowContext(ctx, s.q(`INSERT INTO recognition_applications
			(candidate_id, programme_id, centre_id, standard_code, standard_version, card, level, route,
			 employer_user_id, employer_name, employer_bin, voucher_id, state, state_since, submitted_at, created_by_user_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			a.CandidateID, a.ProgrammeID, a.CentreID, a.StandardCode, a.StandardVersion, a.Card, a.Level, a.Route,
			a.EmployerUserID, a.EmployerName, a.EmployerBIN, recNullID(a.VoucherID), a.State, recMicros(t.now), recMicros(t.now),
			actor).Scan(&a.ID); err != nil {
			return err
		}
		if err := s.recLogState(ctx, t, a.ID, "", a.State, "", actor); err != nil {
			return err
		}
		t.emit(actor, "application.submit", recApplicationSubject(a.ID), map[string]any{
			"candidate": a.CandidateID, "programme": a.ProgrammeID, "centre": a.CentreID, "route": a.Route, "voucher": a.VoucherID})
		return nil
	})
	return a, err
}

// recCheckRegister checks that the card is in the register of professions
// (the professions table: the cards of the latest version of each
// standard): recognition is carried out for registered professions only.
func (s *Store) recCheckRegister(ctx context.Context, t *recTx, code string, card int) error {
	var n int
	if err := t.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM professions WHERE standard_code = ? AND card = ?"), code, card).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return recognition.NewError(recognition.ErrConflict, "application.not_registered", "code", code, "card", strconv.Itoa(card+1))
	}
	return nil
}

// recCheckOpenApplication refuses a second application of the candidate for
// the same programme while one is under way.
func (s *Store) recCheckOpenApplication(ctx context.Context, t *recTx, candidate, programme int64) error {
	var id int64
	err := t.QueryRowContext(ctx, s.q(`SELECT id FROM recognition_applications WHERE candidate_id = ? AND programme_id = ?
		AND state NOT IN ('rejected', 'closed') ORDER BY id LIMIT 1`), candidate, programme).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	return recognition.NewError(recognition.ErrConflict, "application.duplicate", "candidate", itoa(candidate), "id", itoa(id), "programme", itoa(programme))
}

// recCheckVoucher locks the voucher and checks that the candidate may use it
// now.
func (s *Store) recCheckVoucher(ctx context.Context, t *recTx, voucherID, candidate int64) error {
	if _, err := t.ExecContext(ctx, s.q("SELECT id FROM recognition_vouchers WHERE id = ?"+s.recForUpdate()), voucherID); err != nil {
		return err
	}
	vs, err := s.recVouchers(ctx, t, "v.id = ?", voucherID)
	if err != nil {
		return err
	}
	if len(vs) == 0 {
		return recNotFound("voucher", voucherID)
	}
	v := vs[0]
	switch {
	case v.CandidateID != candidate:
		return recognition.NewError(recognition.ErrForbidden, "voucher.other_candidate", "id", itoa(v.ID))
	case !v.Valid(t.now):
		return recognition.NewError(recognition.ErrDeadline, "voucher.expired", "id", itoa(v.ID), "at", recognition.Moment(v.ExpiresAt))
	case v.ApplicationID != 0:
		return recognition.NewError(recognition.ErrConflict, "voucher.used", "id", itoa(v.ID), "application", itoa(v.ApplicationID))
	}
	return nil
}

// recLogState appends a row to the application's history.
func (s *Store) recLogState(ctx context.Context, t *recTx, id int64, from, to, reason string, actor int64) error {
	_, err := t.ExecContext(ctx, s.q(`INSERT INTO recognition_application_events
		(application_id, from_state, to_state, reason, actor_user_id, at) VALUES (?, ?, ?, ?, ?, ?)`),
		id, from, to, reason, actor, recMicros(t.now))
	if err != nil {
		return fmt.Errorf("application %d history: %w", id, err)
	}
	return nil
}

// recSetState moves a locked application to state to (already checked) and
// records the move in its history and the audit.
func (s *Store) recSetState(ctx context.Context, t *recTx, a *recognition.Application, to, reason string, actor int64, data map[string]any) error {
	from := a.State
	reason = strings.TrimSpace(reason)
	if _, err := t.ExecContext(ctx, s.q("UPDATE recognition_applications SET state = ?, state_reason = ?, state_since = ? WHERE id = ?"),
		to, reason, recMicros(t.now), a.ID); err != nil {
		return fmt.Errorf("application %d: %w", a.ID, err)
	}
	if err := s.recLogState(ctx, t, a.ID, from, to, reason, actor); err != nil {
		return err
	}
	a.State, a.StateReason, a.StateSince = to, reason, t.now
	a.History = append(a.History, recognition.StateChange{From: from, To: to, Reason: reason, Actor: actor, At: t.now})
	if data == nil {
		data = map[string]any{}
	}
	data["from"], data["to"] = from, to
	if reason != "" {
		data["reason"] = reason
	}
	t.emit(actor, "application."+to, recApplicationSubject(a.ID), data)
	return nil
}

const recApplicationColumns = `id, candidate_id, programme_id, centre_id, standard_code, standard_version, card, level,
	route, employer_user_id, employer_name, employer_bin, referral_confirmed_at, voucher_id, state, state_reason,
	state_since, submitted_at, created_by_user_id`

func recScanApplication(sc interface{ Scan(...any) error }) (recognition.Application, error) {
	var a recognition.Application
	var voucher sql.NullInt64
	var confirmed, since, submitted int64
	err := sc.Scan(&a.ID, &a.CandidateID, &a.ProgrammeID, &a.CentreID, &a.StandardCode, &a.StandardVersion, &a.Card,
		&a.Level, &a.Route, &a.EmployerUserID, &a.EmployerName, &a.EmployerBIN, &confirmed, &voucher, &a.State,
		&a.StateReason, &since, &submitted, &a.CreatedBy)
	a.VoucherID = voucher.Int64
	a.ReferralConfirmedAt, a.StateSince, a.SubmittedAt = recFromMicros(confirmed), recFromMicros(since), recFromMicros(submitted)
	return a, err
}

// recLoadApplication reads an application's row through q, locked with lock
// ("" or a row-lock clause).
func (s *Store) recLoadApplication(ctx context.Context, q recQuerier, id int64, lock string) (recognition.Application, error) {
	a, err := recScanApplication(q.QueryRowContext(ctx, s.q("SELECT "+recApplicationColumns+" FROM recognition_applications WHERE id = ?"+lock), id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, recNotFound("application", id)
	}
	if err != nil {
		return a, fmt.Errorf("application %d: %w", id, err)
	}
	return a, nil
}

// ConfirmReferral is the employer's confirmation of a referral; only the
// employer account the referral names may give it.
func (s *Store) ConfirmReferral(ctx context.Context, actor, id int64) (recognition.Application, error) {
	var a recognition.Application
	err := s.recognitionTx(ctx, "confirm referral", func(t *recTx) error {
		var err error
		if a, err = s.recLoadApplication(ctx, t, id, s.recForUpdate()); err != nil {
			return err
		}
		switch {
		case a.Route != recognition.RouteReferral:
			return recognition.NewError(kasip.ErrInvalid, "application.not_referral", "id", itoa(id))
		case actor != a.EmployerUserID:
			return recognition.NewError(recognition.ErrForbidden, "application.referral_employer", "id", itoa(id))
		case a.State != recognition.StateSubmitted:
			return recognition.NewError(recognition.ErrIllegalTransition, "application.referral_state", "id", itoa(id), "state", a.State)
		case !a.ReferralConfirmedAt.IsZero():
			return recognition.NewError(recognition.ErrConflict, "application.referral_confirmed", "id", itoa(id))
		}
		a.ReferralConfirmedAt = t.now
		if _, err := t.ExecContext(ctx, s.q(`UPDATE recognition_applications SET referral_confirmed_at = ?,
			referral_confirmed_by_user_id = ? WHERE id = ?`), recMicros(t.now), actor, id); err != nil {
			return err
		}
		t.emit(actor, "application.referral-confirm", recApplicationSubject(id), nil)
		return nil
	})
	return a, err
}

// TransitionApplication makes the moves that need no more than a reason:
// accepted, rejected (with a reason), assessed, closed. The others have
// their own methods: ScheduleSession, Decide, Appeal, Redecide.
func (s *Store) TransitionApplication(ctx context.Context, actor, id int64, to, reason string) (recognition.Application, error) {
	var a recognition.Application
	switch to {
	case recognition.StateAccepted, recognition.StateRejected, recognition.StateAssessed, recognition.StateClosed:
	case recognition.StateScheduled:
		return a, recognition.NewError(kasip.ErrInvalid, "application.state_by_session", "id", itoa(id))
	case recognition.StateDecided, recognition.StateRedecided:
		return a, recognition.NewError(kasip.ErrInvalid, "application.state_by_decision", "id", itoa(id), "to", to)
	case recognition.StateAppealed:
		return a, recognition.NewError(kasip.ErrInvalid, "application.state_by_appeal", "id", itoa(id))
	default:
		return a, recognition.NewError(kasip.ErrInvalid, "application.state_unknown", "id", itoa(id), "to", to)
	}
	err := s.recognitionTx(ctx, "application "+to, func(t *recTx) error {
		var err error
		if a, err = s.recLoadApplication(ctx, t, id, s.recForUpdate()); err != nil {
			return err
		}
		if err := a.CheckTransition(to, reason, t.now, t.set); err != nil {
			return err
		}
		switch to {
		case recognition.StateAccepted:
			if err := s.recCheckApplicationPermits(ctx, t, a); err != nil {
				return err
			}
		case recognition.StateAssessed:
			if err := s.recCheckAssessed(ctx, t, a, actor); err != nil {
				return err
			}
		}
		return s.recSetState(ctx, t, &a, to, reason, actor, nil)
	})
	return a, err
}

// recCheckApplicationPermits checks that the application's centre may still
// assess its card and level.
func (s *Store) recCheckApplicationPermits(ctx context.Context, t *recTx, a recognition.Application) error {
	card, err := s.recStandardCard(ctx, t, a.StandardCode, a.StandardVersion, a.Card)
	if err != nil {
		return err
	}
	return s.recCheckPermits(ctx, t, a.CentreID, a.StandardCode, card, a.Card, a.Level)
}

// recCheckAssessed: an assessor of the session ends the assessment, once
// something was recorded.
func (s *Store) recCheckAssessed(ctx context.Context, t *recTx, a recognition.Application, actor int64) error {
	if _, err := s.recSessionAssessor(ctx, t, a, actor); err != nil {
		return err
	}
	var n int
	if err := t.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM recognition_results WHERE application_id = ?"), a.ID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return recognition.NewError(recognition.ErrConflict, "application.no_result", "id", itoa(a.ID))
	}
	return nil
}

// recSessionAssessor returns the application's current session, checking
// that actor is one of its assessors and still an assessor of the centre.
func (s *Store) recSessionAssessor(ctx context.Context, q recQuerier, a recognition.Application, actor int64) (recognition.Session, error) {
	ss, err := s.recSessions(ctx, q, a.ID)
	if err != nil {
		return recognition.Session{}, err
	}
	if len(ss) == 0 {
		return recognition.Session{}, recognition.NewError(recognition.ErrConflict, "application.no_session", "id", itoa(a.ID))
	}
	cur := ss[len(ss)-1]
	if !slices.Contains(cur.Assessors, actor) {
		return cur, recognition.NewError(recognition.ErrForbidden, "session.not_assessor", "user", itoa(actor), "id", itoa(a.ID))
	}
	if err := s.recCheckCentreAssessor(ctx, q, a.CentreID, actor); err != nil {
		return cur, err
	}
	return cur, nil
}

func (s *Store) recCheckCentreAssessor(ctx context.Context, q recQuerier, centre, user int64) error {
	var n int
	if err := q.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM recognition_assessors WHERE centre_id = ? AND user_id = ?"),
		centre, user).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return recognition.NewError(recognition.ErrForbidden, "centre.assessor_not", "user", itoa(user), "centre", itoa(centre))
	}
	return nil
}

// GetApplication returns an application with its dossier: history,
// recSessions, results, evidence (metadata), decisions and appeals.
func (s *Store) GetApplication(ctx context.Context, id int64) (recognition.Application, error) {
	a, err := s.recLoadApplication(ctx, s.r, id, "")
	if err != nil {
		return a, fmt.Errorf("get application: %w", err)
	}
	if err := s.recLoadDossier(ctx, s.r, &a); err != nil {
		return a, fmt.Errorf("get application %d: %w", id, err)
	}
	return a, nil
}

func (s *Store) recLoadDossier(ctx context.Context, q recQuerier, a *recognition.Application) error {
	var err error
	if a.History, err = s.recHistory(ctx, q, a.ID); err != nil {
		return err
	}
	if a.Sessions, err = s.recSessions(ctx, q, a.ID); err != nil {
		return err
	}
	if a.Results, err = s.recResults(ctx, q, a.ID); err != nil {
		return err
	}
	if a.Evidence, err = s.recEvidence(ctx, q, a.ID); err != nil {
		return err
	}
	if a.Decisions, err = s.recDecisions(ctx, q, a.ID); err != nil {
		return err
	}
	a.Appeals, err = s.recAppeals(ctx, q, a.ID)
	return err
}

func (s *Store) recHistory(ctx context.Context, q recQuerier, id int64) ([]recognition.StateChange, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT from_state, to_state, reason, actor_user_id, at
		FROM recognition_application_events WHERE application_id = ? ORDER BY id`), id)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer rows.Close()
	out := []recognition.StateChange{}
	for rows.Next() {
		var c recognition.StateChange
		var at int64
		if err := rows.Scan(&c.From, &c.To, &c.Reason, &c.Actor, &at); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		c.At = recFromMicros(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// ListApplications lists applications without their dossiers, newest
// first, and the number matching the filter.
func (s *Store) ListApplications(ctx context.Context, f recognition.ApplicationFilter) ([]recognition.Application, int, error) {
	var conds []string
	var args []any
	if f.CentreID != 0 {
		conds, args = append(conds, "centre_id = ?"), append(args, f.CentreID)
	}
	if f.CandidateID != 0 {
		conds, args = append(conds, "candidate_id = ?"), append(args, f.CandidateID)
	}
	if f.State != "" {
		if !slices.Contains(recognition.States(), f.State) {
			return nil, 0, fmt.Errorf("list applications: unknown state %q: %w", f.State, kasip.ErrInvalid)
		}
		conds, args = append(conds, "state = ?"), append(args, f.State)
	}
	if f.Limit < 0 || f.Offset < 0 {
		return nil, 0, fmt.Errorf("list applications: negative limit or offset: %w", kasip.ErrInvalid)
	}
	where := whereClause(conds)
	var total int
	if err := s.r.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM recognition_applications"+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list applications: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, s.q("SELECT "+recApplicationColumns+" FROM recognition_applications"+where+
		" ORDER BY id DESC LIMIT ? OFFSET ?"), append(args, limitOf(f.Limit), f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list applications: %w", err)
	}
	defer rows.Close()
	out := []recognition.Application{}
	for rows.Next() {
		a, err := recScanApplication(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list applications: %w", err)
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
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
