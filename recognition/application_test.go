package recognition_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

// almaty returns a time in Kazakhstan's zone (UTC+5).
func almaty(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.FixedZone("KZ", 5*3600))
}

func TestTransitionsTable(t *testing.T) {
	set := recognition.DefaultSettings()
	legal := map[[2]string]bool{}
	for _, from := range recognition.States() {
		for _, to := range recognition.Next(from) {
			legal[[2]string{from, to}] = true
		}
	}
	if len(legal) != 10 {
		t.Errorf("%d legal moves, want 10", len(legal))
	}
	decided := almaty(2025, 3, 3, 12, 0)
	for _, from := range recognition.States() {
		for _, to := range recognition.States() {
			a := recognition.Application{ID: 1, State: from, Route: recognition.RouteSelf, StateSince: decided}
			// Far enough after a decision that closing is allowed, early
			// enough before it that an appeal is.
			at := decided.AddDate(0, 1, 0)
			if to == recognition.StateAppealed {
				at = decided.Add(time.Hour)
			}
			err := a.CheckTransition(to, "a reason", at, set)
			if legal[[2]string{from, to}] != (err == nil) {
				t.Errorf("%s → %s: %v", from, to, err)
			}
			if err != nil && (!errors.Is(err, recognition.ErrIllegalTransition) || !errors.Is(err, recognition.ErrConflict) ||
				!strings.Contains(err.Error(), "cannot become "+to)) {
				t.Errorf("%s → %s: error %v does not say why", from, to, err)
			}
		}
	}
}

func TestTransitionGuards(t *testing.T) {
	set := recognition.DefaultSettings()
	now := almaty(2025, 3, 3, 12, 0)
	a := recognition.Application{ID: 5, State: recognition.StateSubmitted, Route: recognition.RouteSelf, StateSince: now}
	if err := a.CheckTransition(recognition.StateRejected, "  ", now, set); !errors.Is(err, kasip.ErrInvalid) {
		t.Errorf("rejection without a reason: %v", err)
	}
	a.Route = recognition.RouteReferral
	if err := a.CheckTransition(recognition.StateAccepted, "", now, set); !errors.Is(err, recognition.ErrConflict) ||
		!strings.Contains(err.Error(), "not confirmed") {
		t.Errorf("unconfirmed referral accepted: %v", err)
	}
	if d, ok := a.Deadline(set); !ok || d.Action != "confirm-referral" || !d.Due.Equal(almaty(2025, 3, 14, 0, 0)) {
		t.Errorf("referral deadline %+v", d)
	}
	a.ReferralConfirmedAt = now
	if err := a.CheckTransition(recognition.StateAccepted, "", now, set); err != nil {
		t.Errorf("confirmed referral: %v", err)
	}
	if d, _ := a.Deadline(set); d.Action != "accept" || !d.Due.Equal(almaty(2025, 3, 9, 0, 0)) || d.Overdue(now) || !d.Overdue(almaty(2025, 3, 9, 0, 0)) {
		t.Errorf("accept deadline %+v", d)
	}

	// Appeals: 10 days after a decision on 3 March run through 13 March,
	// in Kazakhstan's time.
	d := recognition.Application{ID: 6, State: recognition.StateDecided, StateSince: almaty(2025, 3, 3, 23, 30)}
	end := almaty(2025, 3, 14, 0, 0)
	if got := d.AppealEnds(set); !got.Equal(end) {
		t.Errorf("appeal ends %s, want %s", got, end)
	}
	if err := d.CheckTransition(recognition.StateAppealed, "", end.Add(-time.Second), set); err != nil {
		t.Errorf("appeal on the last second: %v", err)
	}
	if err := d.CheckTransition(recognition.StateAppealed, "", end, set); !errors.Is(err, recognition.ErrDeadline) {
		t.Errorf("appeal after the period: %v", err)
	}
	if err := d.CheckTransition(recognition.StateClosed, "", end.Add(-time.Second), set); !errors.Is(err, recognition.ErrConflict) {
		t.Errorf("closed while appealable: %v", err)
	}
	if err := d.CheckTransition(recognition.StateClosed, "", end, set); err != nil {
		t.Errorf("closed after the period: %v", err)
	}
	set.AppealDays = 30
	if err := d.CheckTransition(recognition.StateAppealed, "", end, set); err != nil {
		t.Errorf("appeal within a longer configured period: %v", err)
	}
}

func TestValidateNew(t *testing.T) {
	for _, c := range []struct {
		a  recognition.Application
		ok bool
	}{
		{recognition.Application{Route: recognition.RouteSelf}, true},
		{recognition.Application{Route: recognition.RouteSelf, VoucherID: 1}, false},
		{recognition.Application{Route: recognition.RouteReferral, EmployerUserID: 9, EmployerBIN: "050440001239"}, true},
		{recognition.Application{Route: recognition.RouteReferral, EmployerUserID: 9, EmployerBIN: "050440001238"}, false},
		{recognition.Application{Route: recognition.RouteReferral}, false},
		{recognition.Application{Route: recognition.RouteVoucher, VoucherID: 3}, true},
		{recognition.Application{Route: recognition.RouteVoucher}, false},
		{recognition.Application{Route: "friend"}, false},
	} {
		if err := c.a.ValidateNew(); (err == nil) != c.ok || (err != nil && !errors.Is(err, kasip.ErrInvalid)) {
			t.Errorf("%+v: %v", c.a, err)
		}
	}
}

func TestVoucherAndSettings(t *testing.T) {
	set := recognition.DefaultSettings()
	if err := set.Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	issued := almaty(2025, 1, 1, 10, 0)
	v := recognition.NewVoucher(1, 2, issued, set)
	// 45 days from 1 January: valid through 15 February.
	if want := almaty(2025, 2, 16, 0, 0); !v.ExpiresAt.Equal(want) || v.Year != 2025 {
		t.Errorf("voucher expires %s year %d, want %s", v.ExpiresAt, v.Year, want)
	}
	if !v.Valid(almaty(2025, 2, 15, 23, 59)) || v.Valid(almaty(2025, 2, 16, 0, 0)) {
		t.Error("voucher validity boundary")
	}
	// Issued on 31 December at 20:00 UTC, which is 1 January in Kazakhstan.
	if v := recognition.NewVoucher(1, 2, time.Date(2024, 12, 31, 20, 0, 0, 0, time.UTC), set); v.Year != 2025 {
		t.Errorf("year %d, want 2025 (the day in UTC+5)", v.Year)
	}
	bad := set
	bad.AppealDays, bad.PassThreshold, bad.EvidenceTypes = 0, 0, []string{"Application/PDF; x=1"}
	err := bad.Validate()
	if !errors.Is(err, kasip.ErrInvalid) || !slices.Equal(errorKeys(err), []string{"settings.days", "settings.threshold", "settings.evidence_type"}) ||
		!strings.Contains(err.Error(), "appeal_days") {
		t.Errorf("bad settings: %v", err)
	}
	if !set.AllowsEvidenceType("application/pdf; charset=binary") || set.AllowsEvidenceType("application/x-msdownload") {
		t.Error("evidence allowlist")
	}
}

func TestCentrePermits(t *testing.T) {
	youth := standard(t, seedYouth)
	set := recognition.DefaultSettings()
	now := almaty(2025, 6, 1, 12, 0)
	acc := recognition.Accreditation{Number: "KZ-1", From: day(2024, 1, 10), Status: recognition.AccreditationActive,
		Scope: []recognition.ScopeEntry{{StandardCode: "M84120", CardNumber: 2, Levels: []int{5}}}}
	acc.DefaultTo(set)
	if recognition.Date(acc.To) != "2027-01-09" {
		t.Errorf("default validity to %s", recognition.Date(acc.To))
	}
	if err := acc.Validate(); err != nil {
		t.Fatal(err)
	}
	c := recognition.Centre{ID: 1, Accreditations: []recognition.Accreditation{acc}}
	if err := c.Permits("M84120", &youth.Cards[1], 1, 5, now, set); err != nil {
		t.Errorf("in scope: %v", err)
	}
	for name, f := range map[string]func() error{
		"other card":  func() error { return c.Permits("M84120", &youth.Cards[0], 0, 6, now, set) },
		"other level": func() error { return c.Permits("M84120", &youth.Cards[1], 1, 4, now, set) },
		"other code":  func() error { return c.Permits("I55101015", &youth.Cards[1], 1, 5, now, set) },
		"expired":     func() error { return c.Permits("M84120", &youth.Cards[1], 1, 5, almaty(2027, 1, 10, 0, 1), set) },
		"not yet":     func() error { return c.Permits("M84120", &youth.Cards[1], 1, 5, almaty(2024, 1, 9, 23, 0), set) },
		"no accreditation": func() error {
			return recognition.Centre{ID: 2}.Permits("M84120", &youth.Cards[1], 1, 5, now, set)
		},
	} {
		if err := f(); !errors.Is(err, recognition.ErrNotAccredited) || !errors.Is(err, recognition.ErrForbidden) {
			t.Errorf("%s: %v, want ErrNotAccredited", name, err)
		}
	}
	if st := acc.StatusAt(almaty(2027, 1, 9, 23, 59), set); st != recognition.AccreditationActive {
		t.Errorf("last day: %s", st)
	}
	if st := acc.StatusAt(almaty(2027, 1, 10, 0, 0), set); st != recognition.AccreditationExpired {
		t.Errorf("after the last day: %s", st)
	}
	c.Accreditations[0].Status = recognition.AccreditationSuspended
	if err := c.Permits("M84120", &youth.Cards[1], 1, 5, now, set); !errors.Is(err, recognition.ErrNotAccredited) || !strings.Contains(err.Error(), "suspended") {
		t.Errorf("suspended: %v", err)
	}
	// Status changes: reasons required, revoked final.
	if err := acc.CheckStatusChange(recognition.AccreditationSuspended, ""); !errors.Is(err, kasip.ErrInvalid) {
		t.Errorf("no reason: %v", err)
	}
	acc.Status = recognition.AccreditationRevoked
	if err := acc.CheckStatusChange(recognition.AccreditationActive, "appeal won"); !errors.Is(err, recognition.ErrIllegalTransition) {
		t.Errorf("revoked → active: %v", err)
	}
	// A Russian card is named by its code.
	cnc := standard(t, xmlCNC)
	e := recognition.ScopeEntry{StandardCode: cnc.Code, CardCode: "B"}
	if !e.Matches(cnc.Code, &cnc.Cards[1], 1, 7) || e.Matches(cnc.Code, &cnc.Cards[0], 0, 6) {
		t.Error("scope by card code")
	}
}

func TestCentreValidate(t *testing.T) {
	c := recognition.Centre{Name: kasip.Text{"kk": "Тану орталығы", "ru": "Центр признания"}, BIN: "050440001239",
		Contacts: recognition.Contacts{Email: "info@example.kz"}}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	c.BIN, c.Name, c.Contacts.Email = "050440001238", nil, "nobody"
	err := c.Validate()
	if !errors.Is(err, kasip.ErrInvalid) || !strings.Contains(err.Error(), "3 problems") {
		t.Errorf("bad centre: %v", err)
	}
}

func TestCandidateValidate(t *testing.T) {
	now := almaty(2025, 6, 1, 12, 0)
	c := recognition.Candidate{Name: "Әлия Серікқызы", IIN: "011231645674", BirthDate: day(2001, 12, 31), ConsentAt: now}
	if err := c.Validate(now); err != nil || c.Sex != "female" {
		t.Fatalf("valid candidate: %v (sex %q)", err, c.Sex)
	}
	c.ConsentAt = time.Time{}
	if err := c.Validate(now); !errors.Is(err, kasip.ErrInvalid) || !strings.Contains(err.Error(), "consent") {
		t.Errorf("no consent: %v", err)
	}
	c.ConsentAt, c.BirthDate = now, day(2001, 12, 30)
	if err := c.Validate(now); !errors.Is(err, kasip.ErrInvalid) || !strings.Contains(err.Error(), "encodes the birth date") {
		t.Errorf("inconsistent birth date: %v", err)
	}
}

func TestProposeAndDecide(t *testing.T) {
	youth := standard(t, seedYouth)
	p := wholeProgramme(youth, 1) // theory (70 %) and practice (60 %) for 4 units
	all := func(theory, practice float64) []recognition.Result {
		var rs []recognition.Result
		for _, u := range p.Units {
			rs = append(rs, recognition.Result{Component: recognition.ComponentTheory, Unit: u, Score: theory},
				recognition.Result{Component: recognition.ComponentPractice, Unit: u, Score: practice})
		}
		return rs
	}
	if pr := recognition.Propose(p, all(70, 60)); pr.Outcome != recognition.OutcomeWhole || len(pr.Units) != 4 {
		t.Errorf("all passed at the thresholds: %+v", pr)
	}
	if pr := recognition.Propose(p, all(69.9, 100)); pr.Outcome != recognition.OutcomeNone || len(pr.Units) != 0 ||
		!slices.Equal(pr.Detail[0].Failed, []string{recognition.ComponentTheory}) {
		t.Errorf("theory failed everywhere: %+v", pr)
	}
	rs := all(90, 90)
	rs[3].Score = 10 // practice of unit 2
	rs = rs[:7]      // no practice result for unit 4
	pr := recognition.Propose(p, rs)
	if pr.Outcome != recognition.OutcomeUnits || !slices.Equal(pr.Units, []string{p.Units[0], p.Units[2]}) {
		t.Errorf("two units passed: %+v", pr)
	}
	if d := pr.Detail[3]; d.Passed || !slices.Equal(d.Missing, []string{recognition.ComponentPractice}) {
		t.Errorf("missing practice: %+v", d)
	}
	if nil == recognition.Propose(p, nil).Units || recognition.Propose(p, nil).Outcome != recognition.OutcomeNone {
		t.Error("no results: want none with an empty list")
	}

	// Confirm, override without and with a reason.
	d, err := recognition.Decide(p, pr, recognition.DecisionInput{}, 42)
	if err != nil || d.Overridden || d.Outcome != recognition.OutcomeUnits || len(d.Units) != 2 {
		t.Errorf("confirm: %+v %v", d, err)
	}
	if _, err := recognition.Decide(p, pr, recognition.DecisionInput{Outcome: recognition.OutcomeNone}, 42); !errors.Is(err, kasip.ErrInvalid) ||
		!strings.Contains(err.Error(), "written reason") {
		t.Errorf("override without reason: %v", err)
	}
	d, err = recognition.Decide(p, pr, recognition.DecisionInput{Outcome: recognition.OutcomeUnits, Units: []string{p.Units[0]},
		Reason: "the practical task of unit 3 was done with help"}, 42)
	if err != nil || !d.Overridden || len(d.Units) != 1 {
		t.Errorf("override: %+v %v", d, err)
	}
	if _, err := recognition.Decide(p, pr, recognition.DecisionInput{Outcome: recognition.OutcomeUnits, Units: []string{"cards[0].functions[0].skills[0]"}, Reason: "x"}, 42); !errors.Is(err, kasip.ErrInvalid) {
		t.Errorf("unit outside the programme: %v", err)
	}

	// A partial programme passing everything recognises its units, not the
	// whole qualification.
	part := p
	part.Whole, part.Units = false, p.Units[:2]
	if pr := recognition.Propose(part, all(100, 100)); pr.Outcome != recognition.OutcomeUnits || len(pr.Units) != 2 {
		t.Errorf("partial programme: %+v", pr)
	}
	if _, err := recognition.Decide(part, pr, recognition.DecisionInput{Outcome: recognition.OutcomeWhole, Reason: "x"}, 1); !errors.Is(err, kasip.ErrInvalid) {
		t.Errorf("whole from a partial programme: %v", err)
	}
}

func TestProposePortfolio(t *testing.T) {
	youth := standard(t, seedYouth)
	p := wholeProgramme(youth, 1)
	p.Components = append(p.Components, recognition.Component{Kind: recognition.ComponentPortfolio, Threshold: 80,
		Format: recognition.FormatOffline, Units: []string{p.Units[1]}})
	if err := p.Validate(&youth.Cards[1]); err != nil {
		t.Fatal(err)
	}
	rs := []recognition.Result{{Component: recognition.ComponentPortfolio, Unit: p.Units[1], Score: 85}}
	pr := recognition.Propose(p, rs)
	if pr.Outcome != recognition.OutcomeUnits || !slices.Equal(pr.Units, []string{p.Units[1]}) || pr.Detail[1].Route != recognition.PassedByPortfolio {
		t.Errorf("portfolio route: %+v", pr)
	}
	rs[0].Score = 79
	if pr := recognition.Propose(p, rs); pr.Outcome != recognition.OutcomeNone {
		t.Errorf("portfolio below the threshold: %+v", pr)
	}
	// Grading sets pass/fail from the component's threshold.
	r := recognition.Result{Component: recognition.ComponentPortfolio, Unit: p.Units[1], Score: 80}
	if err := r.Grade(p); err != nil || !r.Passed {
		t.Errorf("grade: %+v %v", r, err)
	}
	r.Unit = p.Units[0] // the portfolio does not apply to unit 1
	if err := r.Grade(p); !errors.Is(err, kasip.ErrInvalid) {
		t.Errorf("portfolio result for another unit: %v", err)
	}
}

func TestNewEvidence(t *testing.T) {
	youth := standard(t, seedYouth)
	p := wholeProgramme(youth, 1)
	set := recognition.DefaultSettings()
	set.EvidenceMaxBytes = 10
	e, err := recognition.NewEvidence(p, recognition.ComponentPractice, p.Units[0], `C:\scans\акт.pdf`, "application/pdf", []byte("%PDF-1.7"), set)
	sum := sha256.Sum256([]byte("%PDF-1.7"))
	if err != nil || e.Name != "акт.pdf" || e.Size != 8 || e.SHA256 != hex.EncodeToString(sum[:]) || e.ContentType != "application/pdf" {
		t.Errorf("evidence %+v %v", e, err)
	}
	if _, err := recognition.NewEvidence(p, recognition.ComponentPractice, p.Units[0], "x.exe", "application/x-msdownload", []byte("MZ"), set); !errors.Is(err, kasip.ErrInvalid) {
		t.Errorf("type outside the allowlist: %v", err)
	}
	if _, err := recognition.NewEvidence(p, recognition.ComponentPractice, p.Units[0], "big.pdf", "application/pdf", make([]byte, 11), set); !errors.Is(err, kasip.ErrInvalid) {
		t.Errorf("too big: %v", err)
	}
}

// errorKeys lists the message keys err carries.
func errorKeys(err error) []string {
	var keys []string
	for _, e := range recognition.Errors(err) {
		keys = append(keys, e.Key)
	}
	return keys
}

// TestNoTheoryForSkillWithoutKnowledge: a skill the standard describes by
// abilities only (its knowledge list empty, as in real cards) needs no
// theory result: practice alone passes it, and a theory result for it is
// refused as not assessed; a programme examining it only by theory is
// refused.
func TestNoTheoryForSkillWithoutKnowledge(t *testing.T) {
	youth := standard(t, seedYouth)
	card := &youth.Cards[1]
	sk := &card.Functions[0].Skills[0]
	if len(sk.Knowledge) == 0 || len(sk.Abilities) == 0 {
		t.Fatalf("the seed's skill 1.1 changed: %d knowledge, %d abilities", len(sk.Knowledge), len(sk.Abilities))
	}
	sk.Knowledge = nil
	p := wholeProgramme(youth, 1)
	if err := p.Validate(card); err != nil {
		t.Fatalf("programme: %v", err)
	}
	bare := recognition.SkillPath(1, 0, 0)
	var results []recognition.Result
	for _, u := range p.Units {
		results = append(results, recognition.Result{Component: recognition.ComponentPractice, Unit: u, Score: 90})
		if u != bare {
			results = append(results, recognition.Result{Component: recognition.ComponentTheory, Unit: u, Score: 90})
		}
	}
	prop := recognition.Propose(p, results)
	if prop.Outcome != recognition.OutcomeWhole {
		t.Errorf("proposal %s: %+v", prop.Outcome, prop.Detail)
	}
	r := recognition.Result{Component: recognition.ComponentTheory, Unit: bare, Score: 90}
	if err := r.Grade(p); !slices.Equal(errorKeys(err), []string{"result.not_assessed"}) {
		t.Errorf("a theory result for a skill without knowledge: %v", err)
	}
	r.Unit = p.Units[1]
	if err := r.Grade(p); err != nil {
		t.Errorf("a theory result for a skill with knowledge: %v", err)
	}
	p.Components = p.Components[:1] // theory only
	if err := p.Validate(card); !slices.Contains(errorKeys(err), "programme.unit_unassessed") {
		t.Errorf("theory alone for a skill without knowledge: %v", err)
	}
}
