package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

// Users of the recognition tests (accounts are another package's; here
// they are just ids).
const (
	recAdmin         = 1  // approves programmes
	recAuthor        = 2  // writes programmes, centre staff
	recAssessor1     = 10 // assessors of the centre
	recAssessor2     = 11
	recOtherAssessor = 20 // an assessor of another centre
	recEmployer      = 30
	recCandidateUser = 40
)

// recStart is the time the tests begin at: a Monday in Astana.
var recStart = time.Date(2025, 3, 3, 10, 0, 0, 0, time.FixedZone("KZ", 5*3600))

type recClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *recClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *recClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

const recDay = 24 * time.Hour

// recFix is a store with the youth standard imported, an accredited
// centre with two assessors, another centre with one, an approved
// whole-card programme for the youth worker card (card 2, level 5) and a
// candidate. The clock is the test's; the audit events are collected.
type recFix struct {
	t      *testing.T
	s      *Store
	ctx    context.Context
	clock  *recClock
	centre recognition.Centre
	other  recognition.Centre
	acc    recognition.Accreditation
	prog   recognition.Programme
	cand   recognition.Candidate

	mu     sync.Mutex
	events []recognition.Event
	fail   func(ev recognition.Event) error // injected audit failure
}

func newRecFix(t *testing.T, s *Store) *recFix {
	t.Helper()
	f := &recFix{t: t, s: s, ctx: context.Background(), clock: &recClock{t: recStart}}
	s.SetRecognitionClock(f.clock.now)
	s.SetRecognitionAuditor(func(ctx context.Context, tx *sql.Tx, ev recognition.Event) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.fail != nil {
			if err := f.fail(ev); err != nil {
				return err
			}
		}
		// The hook runs inside the mutation's transaction.
		if _, err := tx.ExecContext(ctx, "SELECT 1"); err != nil {
			return err
		}
		f.events = append(f.events, ev)
		return nil
	})
	importPath(t, s, seedYouth, kasip.ImportNew)
	f.centre = f.newCentre("050440001239", "Жастар тану орталығы")
	f.acc = recMust(s.AddAccreditation(f.ctx, recAdmin, f.centre.ID, recognition.Accreditation{
		Number: "KZ-RC-0001", From: recStart.AddDate(0, -1, 0),
		Scope: []recognition.ScopeEntry{{StandardCode: "M84120", CardNumber: 2, Levels: []int{5}}}}))(t)
	for _, u := range []int64{recAssessor1, recAssessor2} {
		if err := s.AddAssessor(f.ctx, recAdmin, f.centre.ID, u); err != nil {
			t.Fatal(err)
		}
	}
	f.other = f.newCentre(recBIN(t, 7), "Басқа орталық")
	recMust(s.AddAccreditation(f.ctx, recAdmin, f.other.ID, recognition.Accreditation{
		Number: "KZ-RC-0002", From: recStart.AddDate(0, -1, 0),
		Scope: []recognition.ScopeEntry{{StandardCode: "M84120", CardNumber: 2}}}))(t)
	if err := s.AddAssessor(f.ctx, recAdmin, f.other.ID, recOtherAssessor); err != nil {
		t.Fatal(err)
	}
	f.prog = f.approved(f.programme(nil))
	f.cand = f.newCandidate(recIIN(t, time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC), false, 200), recCandidateUser)
	return f
}

// recMust fails the test on an error and returns the value otherwise:
// recMust(s.Get(…))(t).
func recMust[T any](v T, err error) func(t testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// recWantErr checks that err wraps every one of targets.
func recWantErr(t testing.TB, what string, err error, targets ...error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want %v", what, targets)
		return
	}
	for _, target := range targets {
		if !errors.Is(err, target) {
			t.Errorf("%s: %v, want %v", what, err, target)
		}
	}
}

// recIIN and recBIN make valid identification numbers (check digit: the
// weighted sum mod 11, with the second weights when the first give 10).
func recIIN(t testing.TB, birth time.Time, female bool, serial int) string {
	return recMust(recognition.MakeIIN(birth, female, serial))(t)
}

func recBIN(t testing.TB, serial int) string {
	return recMust(recognition.CompleteNumber("10054", serial))(t)
}

func (f *recFix) newCentre(bin, name string) recognition.Centre {
	f.t.Helper()
	return recMust(f.s.CreateCentre(f.ctx, recAdmin, recognition.Centre{
		Name: kasip.Text{"kk": name, "ru": name}, BIN: bin, Region: "Астана",
		Contacts: recognition.Contacts{Email: "info@example.kz", Phone: "+7 7172 000000"}}))(f.t)
}

func (f *recFix) newCandidate(iin string, user int64) recognition.Candidate {
	f.t.Helper()
	birth, _, err := recognition.IINBirthDate(iin)
	if err != nil {
		f.t.Fatal(err)
	}
	return recMust(f.s.CreateCandidate(f.ctx, recAuthor, recognition.Candidate{Name: "Айгүл Нұрланқызы", IIN: iin,
		BirthDate: birth, ConsentAt: f.clock.now(), UserID: user, Contacts: recognition.Contacts{Email: "a@example.kz"}}))(f.t)
}

// programme returns a programme of the youth worker card covering units
// (nil: the whole card) with a theory and a practice component and a bank
// that covers every item.
func (f *recFix) programme(units []string) recognition.Programme {
	f.t.Helper()
	st := recMust(f.s.Standard(f.ctx, "M84120", "1"))(f.t)
	card := &st.Cards[1]
	p := recognition.Programme{CentreID: f.centre.ID, StandardCode: "M84120", StandardVersion: "1", Card: 1, Level: 5,
		Title: kasip.Text{"kk": "Жастармен жұмыс жөніндегі маман"}, Whole: units == nil, Units: units,
		Components: []recognition.Component{
			{Kind: recognition.ComponentTheory, Format: recognition.FormatOnline, Minutes: 60},
			{Kind: recognition.ComponentPractice, Threshold: 60, Format: recognition.FormatOffline, Equipment: "ноутбук", Minutes: 90},
		}}
	for _, u := range recognition.Units(card, 1) {
		if units != nil && !slices.Contains(units, u.Path) {
			continue
		}
		for _, k := range u.Knowledge {
			p.Questions = append(p.Questions, recognition.Question{Text: kasip.Text{"kk": "Сұрақ: " + k.Text.Best()}, Knowledge: []string{k.Path}})
		}
		for _, a := range u.Abilities {
			p.Tasks = append(p.Tasks, recognition.Task{Text: kasip.Text{"kk": "Тапсырма: " + a.Text.Best()}, Abilities: []string{a.Path}})
		}
	}
	return p
}

// approved creates, submits and approves p.
func (f *recFix) approved(p recognition.Programme) recognition.Programme {
	f.t.Helper()
	p = recMust(f.s.CreateProgramme(f.ctx, recAuthor, p))(f.t)
	recMust(f.s.SubmitProgramme(f.ctx, recAuthor, p.ID))(f.t)
	return recMust(f.s.ApproveProgramme(f.ctx, recAdmin, p.ID))(f.t)
}

func (f *recFix) apply(route string) recognition.Application {
	f.t.Helper()
	in := recognition.Application{CandidateID: f.cand.ID, ProgrammeID: f.prog.ID, Route: route}
	if route == recognition.RouteReferral {
		in.EmployerUserID, in.EmployerName, in.EmployerBIN = recEmployer, "ЖШС Мысал", recBIN(f.t, 11)
	}
	return recMust(f.s.Apply(f.ctx, recCandidateUser, in))(f.t)
}

// to drives a self application forward from its state to state, every
// result passing.
func (f *recFix) to(a recognition.Application, state string) recognition.Application {
	f.t.Helper()
	s, ctx := f.s, f.ctx
	steps := []string{recognition.StateAccepted, recognition.StateScheduled, recognition.StateAssessed,
		recognition.StateDecided, recognition.StateAppealed, recognition.StateRedecided, recognition.StateClosed}
	for _, st := range steps[slices.Index(steps, a.State)+1 : slices.Index(steps, state)+1] {
		var err error
		switch st {
		case recognition.StateAccepted:
			_, err = s.TransitionApplication(ctx, recAuthor, a.ID, st, "")
		case recognition.StateScheduled:
			_, err = s.ScheduleSession(ctx, recAuthor, a.ID, recognition.Session{At: f.clock.now().Add(7 * recDay),
				Place: "Астана, Мәңгілік Ел 8", Assessors: []int64{recAssessor1, recAssessor2}})
		case recognition.StateAssessed:
			f.recordAll(a.ID, 90, 80)
			_, err = s.TransitionApplication(ctx, recAssessor1, a.ID, st, "")
		case recognition.StateDecided:
			_, err = s.Decide(ctx, recAssessor1, a.ID, recognition.DecisionInput{})
		case recognition.StateAppealed:
			_, err = s.Appeal(ctx, recCandidateUser, a.ID, "the practical task was not explained")
		case recognition.StateRedecided:
			_, err = s.Redecide(ctx, recAssessor2, a.ID, recognition.DecisionInput{})
		case recognition.StateClosed:
			f.clock.advance(30 * recDay)
			_, err = s.TransitionApplication(ctx, recAuthor, a.ID, st, "")
		}
		if err != nil {
			f.t.Fatalf("to %s: %v", st, err)
		}
	}
	return recMust(s.GetApplication(ctx, a.ID))(f.t)
}

// recordAll records theory (by assessor 1) and practice (by assessor 2)
// for every unit of the application's programme.
func (f *recFix) recordAll(appID int64, theory, practice float64) {
	f.t.Helper()
	for _, u := range f.prog.Units {
		recMust(f.s.RecordResult(f.ctx, recAssessor1, appID, recognition.Result{Component: recognition.ComponentTheory, Unit: u, Score: theory}))(f.t)
		recMust(f.s.RecordResult(f.ctx, recAssessor2, appID, recognition.Result{Component: recognition.ComponentPractice, Unit: u, Score: practice, Notes: "орындады"}))(f.t)
	}
}

func (f *recFix) actions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, ev := range f.events {
		out = append(out, ev.Action)
	}
	return out
}

// recSnapshot is every row of the recognition tables, for comparing the
// database before and after a failed operation.
func recSnapshot(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"recognition_settings", "recognition_centres", "recognition_accreditations",
		"recognition_assessors", "recognition_programmes", "recognition_questions", "recognition_tasks",
		"recognition_candidates", "recognition_vouchers", "recognition_applications", "recognition_application_events",
		"recognition_sessions", "recognition_results", "recognition_evidence", "recognition_evidence_data",
		"recognition_appeals", "recognition_decisions"} {
		rows, err := s.r.Query("SELECT * FROM " + table + " LIMIT 0")
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		cols, _ := rows.Columns()
		rows.Close()
		order := make([]string, len(cols))
		for i := range cols {
			order[i] = fmt.Sprint(i + 1)
		}
		if rows, err = s.r.Query("SELECT * FROM " + table + " ORDER BY " + strings.Join(order, ", ")); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		_, vals := scanAll(t, rows)
		for _, row := range vals {
			b.WriteString(table)
			for i, v := range row {
				fmt.Fprintf(&b, "|%s=%v", cols[i], v)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestRecognitionHappyFlow(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		// The programme as stored: whole card, bank covering everything.
		p := recMust(s.GetProgramme(ctx, f.prog.ID))(t)
		if p.Status != recognition.ProgrammeApproved || p.ApprovedBy != recAdmin || p.AuthorUserID != recAuthor ||
			len(p.Units) != 4 || len(p.Questions) != 18 || len(p.Tasks) != 15 || p.Components[0].Threshold != 70 || p.Lineage != p.ID {
			t.Fatalf("programme %+v", p)
		}
		rep := recMust(s.ProgrammeCoverage(ctx, p.ID))(t)
		if !rep.Complete() || rep.KnowledgeCovered != 18 || rep.AbilitiesCovered != 15 {
			t.Errorf("coverage %+v", rep)
		}

		a := f.apply(recognition.RouteSelf)
		if a.CentreID != f.centre.ID || a.StandardCode != "M84120" || a.Card != 1 || a.Level != 5 || a.State != recognition.StateSubmitted {
			t.Fatalf("application %+v", a)
		}
		a = f.to(a, recognition.StateAssessed)
		prop := recMust(s.ProposeDecision(ctx, a.ID))(t)
		if prop.Outcome != recognition.OutcomeWhole || len(prop.Units) != 4 {
			t.Fatalf("proposal %+v", prop)
		}
		d1 := recMust(s.Decide(ctx, recAssessor1, a.ID, recognition.DecisionInput{}))(t)
		if d1.Outcome != recognition.OutcomeWhole || d1.Overridden || d1.Assessor != recAssessor1 {
			t.Errorf("decision %+v", d1)
		}
		f.clock.advance(2 * recDay)
		ap := recMust(s.Appeal(ctx, recCandidateUser, a.ID, "Практикалық тапсырма түсіндірілмеді"))(t)
		if ap.DecisionID != d1.ID {
			t.Errorf("appeal %+v", ap)
		}
		d2 := recMust(s.Redecide(ctx, recAssessor2, a.ID, recognition.DecisionInput{Outcome: recognition.OutcomeUnits,
			Units: p.Units[:3], Reason: "the fourth practical task was done with help"}))(t)
		if !d2.Overridden || d2.AppealID != ap.ID || len(d2.Units) != 3 {
			t.Errorf("re-decision %+v", d2)
		}
		a = recMust(s.TransitionApplication(ctx, recAuthor, a.ID, recognition.StateClosed, ""))(t)

		got := recMust(s.GetApplication(ctx, a.ID))(t)
		var states []string
		for _, h := range got.History {
			states = append(states, h.To)
		}
		want := []string{"submitted", "accepted", "scheduled", "assessed", "decided", "appealed", "redecided", "closed"}
		if !slices.Equal(states, want) || got.State != recognition.StateClosed {
			t.Errorf("history %v, want %v", states, want)
		}
		if len(got.Decisions) != 2 || got.Decisions[0].Outcome != recognition.OutcomeWhole || got.Decisions[0].Overridden ||
			got.Decisions[1].Reason == "" || len(got.Appeals) != 1 || len(got.Sessions) != 1 || len(got.Results) != 8 {
			t.Errorf("dossier: %d decisions %+v, %d appeals, %d sessions, %d results",
				len(got.Decisions), got.Decisions, len(got.Appeals), len(got.Sessions), len(got.Results))
		}
		if r := got.Results[0]; r.Version != 1 || !r.Passed || r.Assessor == 0 {
			t.Errorf("result %+v", r)
		}
		if got.Decisions[0].Proposed.Outcome != recognition.OutcomeWhole {
			t.Errorf("the proposal is kept with the decision: %+v", got.Decisions[0].Proposed)
		}

		// Lists and filters.
		as, n := recMust2(s.ListApplications(ctx, recognition.ApplicationFilter{CentreID: f.centre.ID}))(t)
		if n != 1 || len(as) != 1 || as[0].ID != a.ID {
			t.Errorf("list by centre: %d %+v", n, as)
		}
		if _, n := recMust2(s.ListApplications(ctx, recognition.ApplicationFilter{State: recognition.StateSubmitted}))(t); n != 0 {
			t.Errorf("list submitted: %d", n)
		}
		if _, _, err := s.ListApplications(ctx, recognition.ApplicationFilter{State: "lost"}); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("unknown state: %v", err)
		}
		cs := recMust(s.ListCentres(ctx))(t)
		if len(cs) != 2 || len(cs[0].Accreditations) != 1 || !slices.Equal(cs[0].Assessors, []int64{recAssessor1, recAssessor2}) {
			t.Errorf("centres %+v", cs)
		}
		if ps := recMust(s.ListProgrammes(ctx, recognition.ProgrammeFilter{CentreID: f.centre.ID, Status: recognition.ProgrammeApproved}))(t); len(ps) != 1 {
			t.Errorf("programmes %+v", ps)
		}

		// Every mutation reached the auditor, inside its transaction.
		acts := f.actions()
		for _, w := range []string{"recognition.centre.create", "recognition.accreditation.add", "recognition.assessor.add",
			"recognition.programme.create", "recognition.programme.submitted", "recognition.programme.approved",
			"recognition.candidate.create", "recognition.application.submit", "recognition.application.accepted",
			"recognition.application.scheduled", "recognition.result.record", "recognition.application.assessed",
			"recognition.application.decided", "recognition.application.appealed", "recognition.application.redecided",
			"recognition.application.closed"} {
			if !slices.Contains(acts, w) {
				t.Errorf("no audit event %s in %v", w, acts)
			}
		}
	})
}

func recMust2[T any](v T, n int, err error) func(t testing.TB) (T, int) {
	return func(t testing.TB) (T, int) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v, n
	}
}

func TestRecognitionIllegalTransitions(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		a := f.apply(recognition.RouteSelf)
		recWantErr(t, "submitted → assessed", second(s.TransitionApplication(ctx, recAssessor1, a.ID, recognition.StateAssessed, "")),
			recognition.ErrIllegalTransition, recognition.ErrConflict)
		recWantErr(t, "decided through the generic call", second(s.TransitionApplication(ctx, recAssessor1, a.ID, recognition.StateDecided, "")), kasip.ErrInvalid)
		recWantErr(t, "schedule while submitted", second(s.ScheduleSession(ctx, recAuthor, a.ID, recognition.Session{
			At: recStart, Online: true, Assessors: []int64{recAssessor1}})), recognition.ErrIllegalTransition)
		recWantErr(t, "decide while submitted", second(s.Decide(ctx, recAssessor1, a.ID, recognition.DecisionInput{})), recognition.ErrIllegalTransition)
		recWantErr(t, "appeal while submitted", second(s.Appeal(ctx, recCandidateUser, a.ID, "x")), recognition.ErrIllegalTransition)
		recWantErr(t, "reject without a reason", second(s.TransitionApplication(ctx, recAuthor, a.ID, recognition.StateRejected, " ")), kasip.ErrInvalid)
		recWantErr(t, "unknown application", second(s.TransitionApplication(ctx, recAuthor, 999, recognition.StateAccepted, "")), kasip.ErrNotFound)

		a = recMust(s.TransitionApplication(ctx, recAuthor, a.ID, recognition.StateAccepted, ""))(t)
		recWantErr(t, "result while accepted", second(s.RecordResult(ctx, recAssessor1, a.ID, recognition.Result{
			Component: recognition.ComponentTheory, Unit: f.prog.Units[0], Score: 90})), recognition.ErrIllegalTransition)
		recWantErr(t, "accepted → closed", second(s.TransitionApplication(ctx, recAuthor, a.ID, recognition.StateClosed, "")), recognition.ErrIllegalTransition)
		a = f.to(a, recognition.StateScheduled)
		recWantErr(t, "assessed by a non-assessor", second(s.TransitionApplication(ctx, recAuthor, a.ID, recognition.StateAssessed, "")), recognition.ErrForbidden)
		recWantErr(t, "assessed without results", second(s.TransitionApplication(ctx, recAssessor1, a.ID, recognition.StateAssessed, "")), recognition.ErrConflict)
		recWantErr(t, "redecide while scheduled", second(s.Redecide(ctx, recAssessor2, a.ID, recognition.DecisionInput{})), recognition.ErrIllegalTransition)

		// A rejected application is final.
		b := recMust(s.Apply(ctx, recCandidateUser, recognition.Application{CandidateID: f.newCandidate(recIIN(t,
			time.Date(2001, 12, 31, 0, 0, 0, 0, time.UTC), true, 4567), 0).ID, ProgrammeID: f.prog.ID, Route: recognition.RouteSelf}))(t)
		b = recMust(s.TransitionApplication(ctx, recAuthor, b.ID, recognition.StateRejected, "documents incomplete"))(t)
		if b.StateReason != "documents incomplete" {
			t.Errorf("rejection reason %q", b.StateReason)
		}
		recWantErr(t, "rejected → accepted", second(s.TransitionApplication(ctx, recAuthor, b.ID, recognition.StateAccepted, "")), recognition.ErrIllegalTransition)
		if h := recMust(s.GetApplication(ctx, b.ID))(t).History; len(h) != 2 || h[1].Reason != "documents incomplete" || h[1].Actor != recAuthor {
			t.Errorf("history %+v", h)
		}
	})
}

func TestRecognitionScope(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		// A centre without accreditation.
		bare := f.newCentre(recBIN(t, 300), "Аккредиттелмеген")
		p := f.programme(nil)
		p.CentreID = bare.ID
		recWantErr(t, "programme of an unaccredited centre", second(s.CreateProgramme(ctx, recAuthor, p)), recognition.ErrNotAccredited, recognition.ErrForbidden)
		// A card out of scope: the centre is accredited for card 2 only.
		q := f.programme(nil)
		q.Card, q.Level, q.Units, q.Questions, q.Tasks = 0, 6, nil, nil, nil
		recWantErr(t, "card out of scope", second(s.CreateProgramme(ctx, recAuthor, q)), recognition.ErrNotAccredited)
		// A card and version that do not exist.
		q.Card = 5
		recWantErr(t, "no such card", second(s.CreateProgramme(ctx, recAuthor, q)), kasip.ErrInvalid)
		q.Card, q.StandardVersion = 1, "9"
		recWantErr(t, "no such version", second(s.CreateProgramme(ctx, recAuthor, q)), kasip.ErrNotFound)

		// Suspended: no applications; reinstated: applications again.
		recMust(s.SetAccreditationStatus(ctx, recAdmin, f.acc.ID, recognition.AccreditationSuspended, "inspection found breaches"))(t)
		recWantErr(t, "apply to a suspended centre", second(s.Apply(ctx, recCandidateUser, recognition.Application{
			CandidateID: f.cand.ID, ProgrammeID: f.prog.ID, Route: recognition.RouteSelf})), recognition.ErrNotAccredited)
		recWantErr(t, "status change without a reason", second(s.SetAccreditationStatus(ctx, recAdmin, f.acc.ID, recognition.AccreditationActive, "")), kasip.ErrInvalid)
		recMust(s.SetAccreditationStatus(ctx, recAdmin, f.acc.ID, recognition.AccreditationActive, "breaches remedied"))(t)
		a := f.apply(recognition.RouteSelf)

		// Expired by date: three years from a month before the start.
		f.clock.advance(3 * 365 * recDay)
		c := recMust(s.GetCentre(ctx, f.centre.ID))(t)
		if st := c.Accreditations[0].StatusAt(f.clock.now(), recognition.DefaultSettings()); st != recognition.AccreditationExpired {
			t.Errorf("status after three years: %s (valid to %s)", st, recognition.Date(c.Accreditations[0].To))
		}
		recWantErr(t, "accept with an expired accreditation", second(s.TransitionApplication(ctx, recAuthor, a.ID, recognition.StateAccepted, "")), recognition.ErrNotAccredited)
		other := f.newCandidate(recIIN(t, time.Date(1977, 7, 7, 0, 0, 0, 0, time.UTC), true, 1), 0)
		recWantErr(t, "apply with an expired accreditation", second(s.Apply(ctx, recCandidateUser, recognition.Application{
			CandidateID: other.ID, ProgrammeID: f.prog.ID, Route: recognition.RouteSelf})), recognition.ErrNotAccredited)

		// A card that left the register of professions takes no application.
		if _, err := s.w.Exec(s.q("DELETE FROM professions WHERE standard_code = ? AND card = ?"), "M84120", 1); err != nil {
			t.Fatal(err)
		}
		f.clock.advance(-3 * 365 * recDay)
		recWantErr(t, "card not in the register", second(s.Apply(ctx, recCandidateUser, recognition.Application{
			CandidateID: other.ID, ProgrammeID: f.prog.ID, Route: recognition.RouteSelf})), recognition.ErrConflict)
		f.clock.advance(3 * 365 * recDay)

		// Revoked is final.
		recMust(s.SetAccreditationStatus(ctx, recAdmin, f.acc.ID, recognition.AccreditationRevoked, "fraud"))(t)
		recWantErr(t, "revoked → active", second(s.SetAccreditationStatus(ctx, recAdmin, f.acc.ID, recognition.AccreditationActive, "x")), recognition.ErrIllegalTransition)
		// Another centre's programme of the same card elsewhere.
		recWantErr(t, "centre mismatch", second(s.Apply(ctx, recCandidateUser, recognition.Application{
			CandidateID: other.ID, ProgrammeID: f.prog.ID, CentreID: f.other.ID, Route: recognition.RouteSelf})), kasip.ErrInvalid)
	})
}

func TestRecognitionVouchers(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		v1 := recMust(s.IssueVoucher(ctx, recAdmin, f.cand.ID))(t)
		recWantErr(t, "second voucher in a year", second(s.IssueVoucher(ctx, recAdmin, f.cand.ID)), recognition.ErrLimit, recognition.ErrConflict)
		recWantErr(t, "voucher of no candidate", second(s.IssueVoucher(ctx, recAdmin, 999)), kasip.ErrNotFound)

		// Expired after 45 days.
		f.clock.advance(46 * recDay)
		recWantErr(t, "expired voucher", second(s.Apply(ctx, recCandidateUser, recognition.Application{CandidateID: f.cand.ID,
			ProgrammeID: f.prog.ID, Route: recognition.RouteVoucher, VoucherID: v1.ID})), recognition.ErrDeadline)

		// The limit is a setting.
		set := recMust(s.RecognitionSettings(ctx))(t)
		set.VouchersPerYear = 2
		if err := s.SetRecognitionSettings(ctx, recAdmin, set); err != nil {
			t.Fatal(err)
		}
		v2 := recMust(s.IssueVoucher(ctx, recAdmin, f.cand.ID))(t)
		recWantErr(t, "third voucher in a year", second(s.IssueVoucher(ctx, recAdmin, f.cand.ID)), recognition.ErrLimit)
		other := f.newCandidate(recIIN(t, time.Date(1985, 5, 5, 0, 0, 0, 0, time.UTC), false, 77), 0)
		recWantErr(t, "another candidate's voucher", second(s.Apply(ctx, recCandidateUser, recognition.Application{CandidateID: other.ID,
			ProgrammeID: f.prog.ID, Route: recognition.RouteVoucher, VoucherID: v2.ID})), recognition.ErrForbidden)

		a := recMust(s.Apply(ctx, recCandidateUser, recognition.Application{CandidateID: f.cand.ID,
			ProgrammeID: f.prog.ID, Route: recognition.RouteVoucher, VoucherID: v2.ID}))(t)
		// Used: another programme cannot take it while the application lives.
		part := f.approved(f.programme([]string{"cards[1].functions[0].skills[0]"}))
		recWantErr(t, "voucher used twice", second(s.Apply(ctx, recCandidateUser, recognition.Application{CandidateID: f.cand.ID,
			ProgrammeID: part.ID, Route: recognition.RouteVoucher, VoucherID: v2.ID})), recognition.ErrConflict)
		recWantErr(t, "second application for one programme", second(s.Apply(ctx, recCandidateUser, recognition.Application{
			CandidateID: f.cand.ID, ProgrammeID: f.prog.ID, Route: recognition.RouteSelf})), recognition.ErrConflict)
		// A rejection releases the voucher.
		recMust(s.TransitionApplication(ctx, recAuthor, a.ID, recognition.StateRejected, "wrong programme chosen"))(t)
		recMust(s.Apply(ctx, recCandidateUser, recognition.Application{CandidateID: f.cand.ID,
			ProgrammeID: part.ID, Route: recognition.RouteVoucher, VoucherID: v2.ID}))(t)
		vs := recMust(s.Vouchers(ctx, f.cand.ID))(t)
		if len(vs) != 2 || vs[1].ApplicationID == 0 || vs[0].ApplicationID != 0 {
			t.Errorf("vouchers %+v", vs)
		}

		// A new calendar year (in Kazakhstan's zone) has room again.
		f.clock.advance(time.Date(2026, 1, 1, 0, 0, 1, 0, recStart.Location()).Sub(f.clock.now()))
		if v := recMust(s.IssueVoucher(ctx, recAdmin, f.cand.ID))(t); v.Year != 2026 {
			t.Errorf("voucher year %d", v.Year)
		}
	})
}

func TestRecognitionReferral(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		a := f.apply(recognition.RouteReferral)
		recWantErr(t, "accept before confirmation", second(s.TransitionApplication(ctx, recAuthor, a.ID, recognition.StateAccepted, "")), recognition.ErrConflict)
		recWantErr(t, "confirmed by someone else", second(s.ConfirmReferral(ctx, recEmployer+1, a.ID)), recognition.ErrForbidden)
		a = recMust(s.ConfirmReferral(ctx, recEmployer, a.ID))(t)
		if a.ReferralConfirmedAt.IsZero() {
			t.Error("not confirmed")
		}
		recWantErr(t, "confirmed twice", second(s.ConfirmReferral(ctx, recEmployer, a.ID)), recognition.ErrConflict)
		recMust(s.TransitionApplication(ctx, recAuthor, a.ID, recognition.StateAccepted, ""))(t)
		recWantErr(t, "referral without employer", second(s.Apply(ctx, recCandidateUser, recognition.Application{
			CandidateID: f.cand.ID, ProgrammeID: f.prog.ID, Route: recognition.RouteReferral})), kasip.ErrInvalid)
	})
}

func TestRecognitionProgrammeLifecycle(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		// A draft with an incomplete bank cannot be submitted; the gaps
		// are reported with their text.
		p := f.programme(nil)
		p.Questions = p.Questions[1:]
		p = recMust(s.CreateProgramme(ctx, recAuthor, p))(t)
		rep := recMust(s.ProgrammeCoverage(ctx, p.ID))(t)
		if len(rep.Gaps) != 1 || rep.Gaps[0].Path != "cards[1].functions[0].skills[0].knowledge[0]" || rep.Gaps[0].Text.IsEmpty() {
			t.Errorf("gaps %+v", rep.Gaps)
		}
		recWantErr(t, "submit with gaps", second(s.SubmitProgramme(ctx, recAuthor, p.ID)), kasip.ErrInvalid)
		q := recMust(s.AddQuestion(ctx, recAuthor, p.ID, recognition.Question{Text: kasip.Text{"kk": "Жастар саясаты туралы заң?"},
			Knowledge: []string{"cards[1].functions[0].skills[0].knowledge[0]"}}))(t)
		recWantErr(t, "question on an ability", second(s.AddQuestion(ctx, recAuthor, p.ID, recognition.Question{Text: kasip.Text{"kk": "?"},
			Knowledge: []string{"cards[1].functions[0].skills[0].abilities[0]"}})), kasip.ErrInvalid)
		recMust(s.SubmitProgramme(ctx, recAuthor, p.ID))(t)
		recWantErr(t, "edit while submitted", second(s.AddQuestion(ctx, recAuthor, p.ID, recognition.Question{Text: kasip.Text{"kk": "?"},
			Knowledge: []string{"cards[1].functions[0].skills[0].knowledge[1]"}})), recognition.ErrImmutable)
		recWantErr(t, "approved by its author", second(s.ApproveProgramme(ctx, recAuthor, p.ID)), recognition.ErrForbidden)
		p = recMust(s.ReturnProgramme(ctx, recAdmin, p.ID, "add questions on the law"))(t)
		if p.Status != recognition.ProgrammeDraft || p.StatusReason == "" {
			t.Errorf("returned %+v", p)
		}
		if err := s.RemoveQuestion(ctx, recAuthor, p.ID, q.ID); err != nil {
			t.Fatal(err)
		}
		recWantErr(t, "remove twice", s.RemoveQuestion(ctx, recAuthor, p.ID, q.ID), kasip.ErrNotFound)
		recMust(s.AddQuestion(ctx, recAuthor, p.ID, q))(t)
		recMust(s.SubmitProgramme(ctx, recAuthor, p.ID))(t)
		p = recMust(s.ApproveProgramme(ctx, recAdmin, p.ID))(t)

		// Approved: immutable.
		before := recSnapshot(t, s)
		recWantErr(t, "update approved", second(s.UpdateProgrammeDraft(ctx, recAuthor, p.ID, p)), recognition.ErrImmutable)
		recWantErr(t, "add task to approved", second(s.AddTask(ctx, recAuthor, p.ID, recognition.Task{Text: kasip.Text{"kk": "x"},
			Units: []string{p.Units[0]}})), recognition.ErrImmutable)
		recWantErr(t, "remove from approved", s.RemoveTask(ctx, recAuthor, p.ID, p.Tasks[0].ID), recognition.ErrImmutable)
		recWantErr(t, "submit approved", second(s.SubmitProgramme(ctx, recAuthor, p.ID)), recognition.ErrIllegalTransition)
		if recSnapshot(t, s) != before {
			t.Error("refused changes changed the database")
		}

		// A change is a new version: a draft copy, bank included.
		v2 := recMust(s.NewProgrammeVersion(ctx, recAssessor1, p.ID))(t)
		if v2.Version != 2 || v2.Lineage != p.ID || v2.PreviousID != p.ID || v2.Status != recognition.ProgrammeDraft ||
			v2.AuthorUserID != recAssessor1 || len(v2.Questions) != 18 || v2.Questions[0].ID == p.Questions[0].ID {
			t.Errorf("new version %+v", v2)
		}
		recWantErr(t, "two versions in preparation", second(s.NewProgrammeVersion(ctx, recAuthor, p.ID)), recognition.ErrConflict)
		upd := v2
		upd.Components[0].Threshold = 80
		v2 = recMust(s.UpdateProgrammeDraft(ctx, recAssessor1, v2.ID, upd))(t)
		recMust(s.SubmitProgramme(ctx, recAssessor1, v2.ID))(t)
		recWantErr(t, "approved by the new version's author", second(s.ApproveProgramme(ctx, recAssessor1, v2.ID)), recognition.ErrForbidden)
		recMust(s.ApproveProgramme(ctx, recAuthor, v2.ID))(t)
		if old := recMust(s.GetProgramme(ctx, p.ID))(t); old.Components[0].Threshold != 70 || old.Status != recognition.ProgrammeApproved {
			t.Errorf("the old version changed: %+v", old.Components)
		}
		recMust(s.RetireProgramme(ctx, recAdmin, p.ID, "replaced by version 2"))(t)
		recWantErr(t, "apply to a retired programme", second(s.Apply(ctx, recCandidateUser, recognition.Application{
			CandidateID: f.cand.ID, ProgrammeID: p.ID, Route: recognition.RouteSelf})), recognition.ErrConflict)
	})
}

func TestRecognitionPortfolioRefused(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		// The hotel standard marks no skill recognizable.
		importPath(t, s, seedHotel, kasip.ImportNew)
		recMust(s.AddAccreditation(ctx, recAdmin, f.centre.ID, recognition.Accreditation{Number: "KZ-RC-0003",
			From: recStart, Scope: []recognition.ScopeEntry{{StandardCode: "I55101015", CardNumber: 1}}}))(t)
		hotel := recognition.Programme{CentreID: f.centre.ID, StandardCode: "I55101015", StandardVersion: "2", Card: 0, Level: 6,
			Units: []string{"cards[0].functions[1].skills[1]"},
			Components: []recognition.Component{
				{Kind: recognition.ComponentPractice, Format: recognition.FormatOffline},
				{Kind: recognition.ComponentPortfolio, Format: recognition.FormatOffline},
			}}
		err := second(s.CreateProgramme(ctx, recAuthor, hotel))
		recWantErr(t, "portfolio of a non-recognizable skill", err, kasip.ErrInvalid)
		if err != nil && !strings.Contains(err.Error(), "portfolio route refused") {
			t.Errorf("error does not say why: %v", err)
		}
		hotel.Components = hotel.Components[:1]
		d := recMust(s.CreateProgramme(ctx, recAuthor, hotel))(t)
		d.Components = append(d.Components, recognition.Component{Kind: recognition.ComponentPortfolio, Format: recognition.FormatOnline})
		recWantErr(t, "portfolio added by update", second(s.UpdateProgrammeDraft(ctx, recAuthor, d.ID, d)), kasip.ErrInvalid)

		// The youth standard's skills are recognizable: allowed.
		y := f.programme([]string{"cards[1].functions[2].skills[0]"})
		y.Components = append(y.Components, recognition.Component{Kind: recognition.ComponentPortfolio, Threshold: 75, Format: recognition.FormatOffline})
		y = f.approved(y)
		if c, ok := y.Component(recognition.ComponentPortfolio); !ok || c.Threshold != 75 {
			t.Errorf("portfolio component %+v", y.Components)
		}
	})
}

func TestRecognitionAppealDeadline(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		a := f.to(f.apply(recognition.RouteSelf), recognition.StateDecided)
		recWantErr(t, "close while appealable", second(s.TransitionApplication(ctx, recAuthor, a.ID, recognition.StateClosed, "")), recognition.ErrConflict)
		recWantErr(t, "appeal without grounds", second(s.Appeal(ctx, recCandidateUser, a.ID, "")), kasip.ErrInvalid)
		f.clock.advance(11 * recDay) // decided on day 0 at 10:00: the period ran through day 10
		recWantErr(t, "appeal after the period", second(s.Appeal(ctx, recCandidateUser, a.ID, "late")), recognition.ErrDeadline)
		recMust(s.TransitionApplication(ctx, recAuthor, a.ID, recognition.StateClosed, ""))(t)
	})
}

func TestRecognitionAssessorRules(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		a := f.to(f.apply(recognition.RouteSelf), recognition.StateAccepted)
		recWantErr(t, "session with another centre's assessor", second(s.ScheduleSession(ctx, recAuthor, a.ID, recognition.Session{
			At: recStart, Online: true, Assessors: []int64{recAssessor1, recOtherAssessor}})), recognition.ErrForbidden)
		recWantErr(t, "offline session without a place", second(s.ScheduleSession(ctx, recAuthor, a.ID, recognition.Session{
			At: recStart, Assessors: []int64{recAssessor1}})), kasip.ErrInvalid)
		a = f.to(a, recognition.StateScheduled)
		r := recognition.Result{Component: recognition.ComponentTheory, Unit: f.prog.Units[0], Score: 50}
		recWantErr(t, "result by another centre's assessor", second(s.RecordResult(ctx, recOtherAssessor, a.ID, r)), recognition.ErrForbidden)
		r.Unit = "cards[1].functions[9].skills[0]"
		recWantErr(t, "result for no unit", second(s.RecordResult(ctx, recAssessor1, a.ID, r)), kasip.ErrInvalid)
		r.Unit, r.Score = f.prog.Units[0], 101
		recWantErr(t, "score over 100", second(s.RecordResult(ctx, recAssessor1, a.ID, r)), kasip.ErrInvalid)
		a = f.to(a, recognition.StateAssessed)
		recWantErr(t, "decision by another centre's assessor", second(s.Decide(ctx, recOtherAssessor, a.ID, recognition.DecisionInput{})), recognition.ErrForbidden)
		recWantErr(t, "override without a reason", second(s.Decide(ctx, recAssessor1, a.ID, recognition.DecisionInput{Outcome: recognition.OutcomeNone})), kasip.ErrInvalid)
		a = f.to(a, recognition.StateAppealed)
		recWantErr(t, "re-decision by the decider", second(s.Redecide(ctx, recAssessor1, a.ID, recognition.DecisionInput{})), recognition.ErrForbidden)
		recWantErr(t, "re-decision by another centre's assessor", second(s.Redecide(ctx, recOtherAssessor, a.ID, recognition.DecisionInput{})), recognition.ErrForbidden)
		// A removed assessor no longer decides.
		if err := s.RemoveAssessor(ctx, recAdmin, f.centre.ID, recAssessor2); err != nil {
			t.Fatal(err)
		}
		recWantErr(t, "re-decision by a removed assessor", second(s.Redecide(ctx, recAssessor2, a.ID, recognition.DecisionInput{})), recognition.ErrForbidden)
		if err := s.AddAssessor(ctx, recAdmin, f.centre.ID, recAssessor2); err != nil {
			t.Fatal(err)
		}
		d := recMust(s.Redecide(ctx, recAssessor2, a.ID, recognition.DecisionInput{}))(t)
		if d.Assessor != recAssessor2 || d.Outcome != recognition.OutcomeWhole {
			t.Errorf("re-decision %+v", d)
		}
	})
}

func TestRecognitionEvidence(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		a := f.to(f.apply(recognition.RouteSelf), recognition.StateAccepted)
		pdf := []byte("%PDF-1.7\n% портфолио\n")
		// The candidate's own account adds portfolio evidence once accepted.
		e := recMust(s.AddEvidence(ctx, recCandidateUser, a.ID, recognition.ComponentPractice, f.prog.Units[0], "сертификат.pdf", "application/pdf", pdf))(t)
		recWantErr(t, "evidence by a stranger before the session", second(s.AddEvidence(ctx, recAssessor1, a.ID,
			recognition.ComponentPractice, f.prog.Units[0], "a.pdf", "application/pdf", pdf)), recognition.ErrConflict)
		a = f.to(a, recognition.StateScheduled)
		recMust(s.AddEvidence(ctx, recAssessor1, a.ID, recognition.ComponentPractice, f.prog.Units[0], "photo.png", "image/png", recPNG(t)))(t)
		recWantErr(t, "a PNG declared a PDF", second(s.AddEvidence(ctx, recAssessor1, a.ID, recognition.ComponentPractice, f.prog.Units[0],
			"scan.pdf", "application/pdf", recPNG(t))), kasip.ErrInvalid)
		recWantErr(t, "executable", second(s.AddEvidence(ctx, recAssessor1, a.ID, recognition.ComponentPractice, f.prog.Units[0],
			"run.exe", "application/x-msdownload", []byte("MZ"))), kasip.ErrInvalid)
		set := recMust(s.RecognitionSettings(ctx))(t)
		set.EvidenceMaxBytes = 8
		if err := s.SetRecognitionSettings(ctx, recAdmin, set); err != nil {
			t.Fatal(err)
		}
		recWantErr(t, "over the size limit", second(s.AddEvidence(ctx, recAssessor1, a.ID, recognition.ComponentPractice, f.prog.Units[0],
			"big.pdf", "application/pdf", pdf)), kasip.ErrInvalid)
		got, data, err := s.EvidenceFile(ctx, e.ID)
		if err != nil || string(data) != string(pdf) || got.SHA256 != e.SHA256 || got.Size != int64(len(pdf)) || got.Name != "сертификат.pdf" {
			t.Errorf("evidence file %+v %q %v", got, data, err)
		}
		if ev := recMust(s.GetApplication(ctx, a.ID))(t).Evidence; len(ev) != 2 {
			t.Errorf("evidence in the dossier: %+v", ev)
		}
		if _, _, err := s.EvidenceFile(ctx, 999); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("missing evidence: %v", err)
		}
	})
}

func TestRecognitionCandidatesAndSettings(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		birth := time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC)
		ok := recognition.Candidate{Name: "Ерлан", IIN: "900115301235", BirthDate: birth, ConsentAt: f.clock.now()}
		for name, edit := range map[string]func(c *recognition.Candidate){
			"check digit":    func(c *recognition.Candidate) { c.IIN = "900115301234" },
			"birth date":     func(c *recognition.Candidate) { c.BirthDate = birth.AddDate(0, 0, 1) },
			"no consent":     func(c *recognition.Candidate) { c.ConsentAt = time.Time{} },
			"future consent": func(c *recognition.Candidate) { c.ConsentAt = f.clock.now().Add(recDay) },
			"no name":        func(c *recognition.Candidate) { c.Name = " " },
		} {
			c := ok
			edit(&c)
			recWantErr(t, name, second(s.CreateCandidate(ctx, recAuthor, c)), kasip.ErrInvalid)
		}
		c := recMust(s.CreateCandidate(ctx, recAuthor, ok))(t)
		if c.Sex != "male" || !c.BirthDate.Equal(birth) {
			t.Errorf("candidate %+v", c)
		}
		recWantErr(t, "same IIN twice", second(s.CreateCandidate(ctx, recAuthor, ok)), recognition.ErrConflict)
		if got := recMust(s.CandidateByIIN(ctx, "900115301235"))(t); got.ID != c.ID || !got.ConsentAt.Equal(ok.ConsentAt.UTC().Truncate(time.Microsecond)) {
			t.Errorf("by IIN %+v", got)
		}
		recWantErr(t, "unknown candidate", second(s.GetCandidate(ctx, 999)), kasip.ErrNotFound)
		recWantErr(t, "centre with a bad BIN", second(s.CreateCentre(ctx, recAdmin, recognition.Centre{Name: kasip.Text{"ru": "Ц"}, BIN: "050440001238"})), kasip.ErrInvalid)
		recWantErr(t, "centre BIN twice", second(s.CreateCentre(ctx, recAdmin, recognition.Centre{Name: kasip.Text{"ru": "Ц"}, BIN: f.centre.BIN})), recognition.ErrConflict)

		// Settings: defaults, refused, stored.
		set := recMust(s.RecognitionSettings(ctx))(t)
		if set.AppealDays != 10 || set.VoucherValidDays != 45 || set.AccreditationYears != 3 {
			t.Errorf("defaults %+v", set)
		}
		set.AppealDays = 0
		recWantErr(t, "invalid settings", s.SetRecognitionSettings(ctx, recAdmin, set), kasip.ErrInvalid)
		set.AppealDays, set.AccreditationYears = 15, 5
		if err := s.SetRecognitionSettings(ctx, recAdmin, set); err != nil {
			t.Fatal(err)
		}
		if got := recMust(s.RecognitionSettings(ctx))(t); got.AppealDays != 15 {
			t.Errorf("stored settings %+v", got)
		}
		acc := recMust(s.AddAccreditation(ctx, recAdmin, f.other.ID, recognition.Accreditation{Number: "KZ-RC-0009",
			From: time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC), Scope: []recognition.ScopeEntry{{StandardCode: "M84120", CardNumber: 1}}}))(t)
		if recognition.Date(acc.To) != "2030-01-09" {
			t.Errorf("accreditation with 5-year setting valid to %s", recognition.Date(acc.To))
		}
	})
}

// A failed operation leaves the database as it was: validation failures,
// state refusals, and failures injected by the auditor at the very end of
// the transaction.
func TestRecognitionFailedOperationUnchanged(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		a := f.to(f.apply(recognition.RouteSelf), recognition.StateScheduled)
		recMust(s.RecordResult(ctx, recAssessor1, a.ID, recognition.Result{Component: recognition.ComponentTheory, Unit: f.prog.Units[0], Score: 80}))(t)
		before := recSnapshot(t, s)

		recWantErr(t, "stale result", second(s.RecordResult(ctx, recAssessor2, a.ID, recognition.Result{
			Component: recognition.ComponentTheory, Unit: f.prog.Units[0], Score: 10})), recognition.ErrStale)
		bad := f.programme(nil)
		bad.Level = 4
		recWantErr(t, "invalid programme", second(s.CreateProgramme(ctx, recAuthor, bad)), kasip.ErrInvalid)

		injected := errors.New("injected audit failure")
		f.mu.Lock()
		f.fail = func(recognition.Event) error { return injected }
		f.mu.Unlock()
		for name, op := range map[string]func() error{
			"record result": func() error {
				return second(s.RecordResult(ctx, recAssessor1, a.ID, recognition.Result{Component: recognition.ComponentPractice, Unit: f.prog.Units[0], Score: 80}))
			},
			"update result": func() error {
				return second(s.RecordResult(ctx, recAssessor1, a.ID, recognition.Result{Component: recognition.ComponentTheory, Unit: f.prog.Units[0], Score: 99, Version: 1}))
			},
			"evidence": func() error {
				return second(s.AddEvidence(ctx, recAssessor1, a.ID, recognition.ComponentTheory, f.prog.Units[0], "a.pdf", "application/pdf", []byte("%PDF-1.7\n")))
			},
			"reschedule": func() error {
				return second(s.ScheduleSession(ctx, recAuthor, a.ID, recognition.Session{At: recStart, Online: true, Assessors: []int64{recAssessor1}}))
			},
			"candidate": func() error {
				c := recognition.Candidate{Name: "x", IIN: "011231645674", BirthDate: time.Date(2001, 12, 31, 0, 0, 0, 0, time.UTC), ConsentAt: recStart}
				return second(s.CreateCandidate(ctx, recAuthor, c))
			},
			"voucher":     func() error { return second(s.IssueVoucher(ctx, recAdmin, f.cand.ID)) },
			"programme":   func() error { return second(s.CreateProgramme(ctx, recAuthor, f.programme(nil))) },
			"new version": func() error { return second(s.NewProgrammeVersion(ctx, recAuthor, f.prog.ID)) },
			"centre": func() error {
				return second(s.CreateCentre(ctx, recAdmin, recognition.Centre{Name: kasip.Text{"kk": "Ж"}, BIN: recBIN(t, 900)}))
			},
			"suspend": func() error {
				return second(s.SetAccreditationStatus(ctx, recAdmin, f.acc.ID, recognition.AccreditationSuspended, "check"))
			},
			"settings": func() error { return s.SetRecognitionSettings(ctx, recAdmin, recognition.DefaultSettings()) },
		} {
			if err := op(); !errors.Is(err, injected) {
				t.Errorf("%s: %v, want the injected failure", name, err)
			}
		}
		f.mu.Lock()
		f.fail = func(ev recognition.Event) error {
			if ev.Action == "recognition.application.decided" {
				return injected
			}
			return nil
		}
		f.mu.Unlock()
		if got := recSnapshot(t, s); got != before {
			t.Errorf("failed operations changed the database:\nbefore:\n%.3000s\nafter:\n%.3000s", before, got)
		}
		// The decision fails at its last step: the results and the
		// assessed state stay, the decision row does not.
		for i, u := range f.prog.Units {
			if i > 0 {
				recMust(s.RecordResult(ctx, recAssessor1, a.ID, recognition.Result{Component: recognition.ComponentTheory, Unit: u, Score: 80}))(t)
			}
			recMust(s.RecordResult(ctx, recAssessor2, a.ID, recognition.Result{Component: recognition.ComponentPractice, Unit: u, Score: 80}))(t)
		}
		recMust(s.TransitionApplication(ctx, recAssessor2, a.ID, recognition.StateAssessed, ""))(t)
		mid := recSnapshot(t, s)
		recWantErr(t, "decide with a failing audit", second(s.Decide(ctx, recAssessor1, a.ID, recognition.DecisionInput{})), injected)
		if recSnapshot(t, s) != mid {
			t.Error("a failed decision changed the database")
		}
		f.mu.Lock()
		f.fail = nil
		f.mu.Unlock()
		recMust(s.Decide(ctx, recAssessor1, a.ID, recognition.DecisionInput{}))(t)
		if recSnapshot(t, s) == mid {
			t.Error("the snapshot does not see a decision")
		}
	})
}
