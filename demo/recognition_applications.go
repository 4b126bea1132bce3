package demo

import (
	"fmt"
	"slices"
	"time"

	"github.com/kasip/kasip/recognition"
)

// The demo applications (see recognition.go).

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

func (sd *seeder) createApplications() error {
	for _, plan := range demoApplications {
		a, err := sd.apply(plan)
		if err != nil {
			return err
		}
		if err := sd.drive(a, plan); err != nil {
			return fmt.Errorf("demo: application %d to %s: %w", a.ID, plan.state, err)
		}
		sd.out.Applications = append(sd.out.Applications, SeededApplication{ID: a.ID, CandidateID: a.CandidateID,
			Route: a.Route, State: plan.state})
	}
	return nil
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

// drive moves a submitted application to the plan's state: the manager
// accepts (or rejects) and schedules, the assessors record results, end
// the assessment and decide, the candidate appeals.
func (sd *seeder) drive(a recognition.Application, plan appPlan) error {
	manager, assessor := sd.user("manager"), sd.user("assessor1")
	if plan.state == recognition.StateRejected {
		_, err := sd.st.TransitionApplication(sd.ctx, manager, a.ID, recognition.StateRejected, demoRejectReason)
		return err
	}
	if plan.state == recognition.StateSubmitted {
		return nil
	}
	for _, step := range demoPath[:slices.Index(demoPath, plan.state)+1] {
		var err error
		switch step {
		case recognition.StateAccepted:
			_, err = sd.st.TransitionApplication(sd.ctx, manager, a.ID, step, "")
		case recognition.StateScheduled:
			_, err = sd.st.ScheduleSession(sd.ctx, manager, a.ID, sd.session(plan.state == recognition.StateScheduled))
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
	}
	return nil
}

// session is an offline assessment by both assessors of the demo centre:
// next week for an application left scheduled, three days ago for one that
// went on to be assessed.
func (sd *seeder) session(upcoming bool) recognition.Session {
	days := -3
	if upcoming {
		days = 7
	}
	y, m, d := sd.opts.Now.In(demoZone).Date()
	return recognition.Session{At: time.Date(y, m, d+days, 10, 0, 0, 0, demoZone),
		Place:     "Астана, Демо көшесі, 1, 101-аудитория / Астана, ул. Демо, 1, ауд. 101",
		Assessors: []int64{sd.user("assessor1"), sd.user("assessor2")}}
}

// recordResults records the theory (first assessor) and practice (second)
// of every unit, passing unless failLast fails the last unit's practice.
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
			if _, err := sd.st.RecordResult(sd.ctx, sd.user(r.assessor), appID, r.res); err != nil {
				return fmt.Errorf("result %s %s: %w", r.res.Component, u, err)
			}
		}
	}
	return nil
}
