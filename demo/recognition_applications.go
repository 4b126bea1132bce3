package demo

import (
	"fmt"
	"slices"
	"time"

	"github.com/kasip/kasip/recognition"
)

// The demo applications (see SeedRecognition).

// appPlan is a demo application: who applies by which route, and the
// state it is driven to.
type appPlan struct {
	candidate int // index in demoCandidates
	route     string
	state     string
	// failLast fails the practical task of the last unit, so that the
	// decision recognises some units only and the appeal has a point.
	failLast bool
}

// demoApplications put content on every role's screens: one application
// per state a demo needs, by every route. The first candidate's rejected
// application comes before the second one (a candidate has one
// application under way per programme).
var demoApplications = []appPlan{
	{candidate: 0, route: recognition.RouteSelf, state: recognition.StateRejected},
	{candidate: 0, route: recognition.RouteVoucher, state: recognition.StateDecided},
	{candidate: 1, route: recognition.RouteReferral, state: recognition.StateAppealed, failLast: true},
	{candidate: 2, route: recognition.RouteSelf, state: recognition.StateSubmitted},
	{candidate: 3, route: recognition.RouteReferral, state: recognition.StateAccepted},
	{candidate: 4, route: recognition.RouteSelf, state: recognition.StateScheduled},
	{candidate: 5, route: recognition.RouteVoucher, state: recognition.StateAssessed},
}

const (
	demoRejectReason = "Жеке куәліктің көшірмесі оқылмайды / Копия удостоверения личности нечитаема"
	demoAppealReason = "Практикалық тапсырманың шарттары түсіндірілмеді / Условия практического задания не были разъяснены"
)

// demoPath is the order the states after submission are reached in.
var demoPath = []string{recognition.StateAccepted, recognition.StateScheduled, recognition.StateAssessed,
	recognition.StateDecided, recognition.StateAppealed}

// The demo's history is made as real data is: through the store's
// operations, in time order, on a simulated clock the store applies its
// rules with. Every application goes through the same phases together
// (all submitted, then all accepted or rejected, scheduled, assessed,
// decided, appealed), so that no step of one predates an earlier step of
// another in the audit log, and every session falls after its
// application's submission and before its results and decision.

// Phases of a demo window: acceptance, scheduling and the session's day
// after its start; the results, decision and appeal after the session.
const (
	demoAcceptAfter   = 24 * time.Hour
	demoScheduleAfter = 48 * time.Hour
	demoSessionAfter  = 5 * 24 * time.Hour // the session's day
	demoAssessFor     = 2 * time.Hour      // the results, after the session
	demoDecideAfter   = 24 * time.Hour     // after the session
	demoAppealAfter   = 48 * time.Hour     // after the session
	demoWindowLength  = demoSessionAfter + 10*time.Hour + demoAppealAfter
	demoStep          = 10 * time.Minute // between two operations of a phase
)

// recognitionWindow starts the history of the recognition demo's
// applications, so that it ends (the appeal, within demoWindowLength) before
// the certificate window starts.
const (
	recognitionWindow = 20 * 24 * time.Hour
	certificateWindow = 9 * 24 * time.Hour
)

// at moves the simulated clock forward to t (never back: the log is in
// time order).
func (sd *seeder) at(t time.Time) {
	if t.After(sd.clock) {
		sd.clock = t
	}
}

// tick advances the simulated clock by one step.
func (sd *seeder) tick() { sd.clock = sd.clock.Add(demoStep) }

// useClock makes the store apply its rules at the simulated clock, from
// start; the returned function puts it back on the system clock.
func (sd *seeder) useClock(start time.Time) func() {
	sd.clock = start
	sd.st.SetRecognitionClock(func() time.Time { return sd.clock })
	return func() { sd.st.SetRecognitionClock(nil) }
}

func (sd *seeder) createApplications() error {
	apps, err := sd.run(demoApplications, sd.opts.Now.Add(-recognitionWindow))
	for i, a := range apps {
		sd.out.Applications = append(sd.out.Applications, SeededApplication{ID: a.ID, CandidateID: a.CandidateID,
			Route: a.Route, State: demoApplications[i].state})
	}
	return err
}

// run submits the applications of plans from start on and drives them,
// phase by phase, to their states. It returns those it submitted.
func (sd *seeder) run(plans []appPlan, start time.Time) ([]recognition.Application, error) {
	sd.at(start)
	var apps []recognition.Application
	for _, plan := range plans {
		sd.tick()
		a, err := sd.apply(plan)
		if err != nil {
			return apps, err
		}
		apps = append(apps, a)
		// A rejection is made on the day of submission, before the
		// candidate's next application (one under way per programme).
		if plan.state == recognition.StateRejected {
			sd.tick()
			if _, err := sd.st.TransitionApplication(sd.ctx, sd.user("manager"), a.ID, recognition.StateRejected, demoRejectReason); err != nil {
				return apps, fmt.Errorf("demo: reject application %d: %w", a.ID, err)
			}
		}
	}
	// The session is at 10:00 in Astana on its day, which can be up to 14
	// hours before or 10 after start+demoSessionAfter; the steps after it
	// count from the session itself, so results never predate it
	// whatever the hour the demo is made.
	session := sd.session(start.Add(demoSessionAfter)).At
	phases := []struct {
		step string
		at   time.Time
	}{
		{recognition.StateAccepted, start.Add(demoAcceptAfter)},
		{recognition.StateScheduled, start.Add(demoScheduleAfter)},
		{recognition.StateAssessed, session.Add(demoAssessFor)},
		{recognition.StateDecided, session.Add(demoDecideAfter)},
		{recognition.StateAppealed, session.Add(demoAppealAfter)},
	}
	for _, ph := range phases {
		sd.at(ph.at)
		for i, plan := range plans {
			if !sd.reaches(plan, ph.step) {
				continue
			}
			sd.tick()
			if err := sd.step(apps[i], plan, ph.step, session); err != nil {
				return apps, fmt.Errorf("demo: application %d to %s: %w", apps[i].ID, plan.state, err)
			}
		}
	}
	return apps, nil
}

// reaches reports whether plan's application goes through step after
// submission.
func (sd *seeder) reaches(plan appPlan, step string) bool {
	switch plan.state {
	case recognition.StateRejected, recognition.StateSubmitted:
		return false
	}
	return slices.Index(demoPath, step) <= slices.Index(demoPath, plan.state)
}

// candidateActor is the account a candidate acts with: their own when they
// have one, else the centre's manager, who registered them.
func (sd *seeder) candidateActor(candidate int) int64 {
	for _, a := range demoAccounts {
		if a.candidate == candidate {
			return sd.user(a.key)
		}
	}
	return sd.user("manager")
}

// apply submits the application by its route: a voucher is issued first;
// a referral is made by the employer, who confirms it.
func (sd *seeder) apply(plan appPlan) (recognition.Application, error) {
	in := recognition.Application{CandidateID: sd.cands[plan.candidate].ID, ProgrammeID: sd.prog.ID, Route: plan.route}
	actor, employer := sd.candidateActor(plan.candidate), sd.user("employer")
	switch plan.route {
	case recognition.RouteReferral:
		bin, err := demoBIN(21)
		if err != nil {
			return in, err
		}
		in.EmployerUserID, in.EmployerName, in.EmployerBIN = employer, demoEmployer, bin
		actor = employer
	case recognition.RouteVoucher:
		v, err := sd.st.IssueVoucher(sd.ctx, sd.user("admin"), in.CandidateID)
		if err != nil {
			return in, fmt.Errorf("demo: voucher for candidate %d: %w", in.CandidateID, err)
		}
		in.VoucherID = v.ID
	}
	a, err := sd.st.Apply(sd.ctx, actor, in)
	if err != nil {
		return a, fmt.Errorf("demo: application of candidate %d (%s): %w", in.CandidateID, plan.route, err)
	}
	if plan.route == recognition.RouteReferral {
		if a, err = sd.st.ConfirmReferral(sd.ctx, employer, a.ID); err != nil {
			return a, fmt.Errorf("demo: confirm referral %d: %w", a.ID, err)
		}
	}
	return a, nil
}

// step takes application a one step: the manager accepts and
// schedules, the assessors record results and end the assessment, the
// assessor decides, the candidate appeals. session is when the window's
// assessments take place; an application left scheduled gets one a week
// after the present instead.
func (sd *seeder) step(a recognition.Application, plan appPlan, step string, session time.Time) error {
	manager, assessor := sd.user("manager"), sd.user("assessor1")
	var err error
	switch step {
	case recognition.StateAccepted:
		_, err = sd.st.TransitionApplication(sd.ctx, manager, a.ID, step, "")
	case recognition.StateScheduled:
		at := session
		if plan.state == recognition.StateScheduled {
			at = sd.opts.Now.Add(7 * 24 * time.Hour)
		}
		_, err = sd.st.ScheduleSession(sd.ctx, manager, a.ID, sd.session(at))
	case recognition.StateAssessed:
		if err = sd.recordResults(a.ID, plan.failLast); err == nil {
			_, err = sd.st.TransitionApplication(sd.ctx, assessor, a.ID, step, "")
		}
	case recognition.StateDecided:
		// The assessor confirms what the programme's rules propose.
		_, err = sd.st.Decide(sd.ctx, assessor, a.ID, recognition.DecisionInput{})
	case recognition.StateAppealed:
		_, err = sd.st.Appeal(sd.ctx, sd.candidateActor(plan.candidate), a.ID, demoAppealReason)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", step, err)
	}
	return nil
}

// session is an offline assessment by both assessors of the demo centre
// on the day of at, at 10:00 in Astana.
func (sd *seeder) session(at time.Time) recognition.Session {
	y, m, d := at.In(demoZone).Date()
	return recognition.Session{At: time.Date(y, m, d, 10, 0, 0, 0, demoZone),
		Place:     "Астана, Демо көшесі, 1, 101-аудитория / Астана, ул. Демо, 1, ауд. 101",
		Assessors: []int64{sd.user("assessor1"), sd.user("assessor2")}}
}

// recordResults records the theory (first assessor) and practice (second)
// of every unit, passing unless failLast fails the last unit's practice.
// assesses says whether the demo programme assesses unit by a component of
// kind, as the store's rules will check.
func (sd *seeder) assesses(kind, unit string) bool {
	for _, c := range sd.prog.Components {
		if c.Kind == kind && sd.prog.Assesses(c, unit) {
			return true
		}
	}
	return false
}

func (sd *seeder) recordResults(appID int64, failLast bool) error {
	units := sd.prog.Units
	for i, u := range units {
		practice := 90.0
		if failLast && i == len(units)-1 {
			practice = 55
		}
		for _, r := range []struct {
			assessor string
			res      recognition.Result
		}{
			{"assessor1", recognition.Result{Component: recognition.ComponentTheory, Unit: u, Score: 85}},
			{"assessor2", recognition.Result{Component: recognition.ComponentPractice, Unit: u, Score: practice,
				Notes: "Демо нәтиже / Демо результат"}},
		} {
			if !sd.assesses(r.res.Component, u) {
				continue // a skill without knowledge items has no theory result
			}
			if _, err := sd.st.RecordResult(sd.ctx, sd.user(r.assessor), appID, r.res); err != nil {
				return fmt.Errorf("result %s %s: %w", r.res.Component, u, err)
			}
		}
	}
	return nil
}
