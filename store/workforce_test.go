package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/internal/pgtest"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/workforce"
)

// wfFix is the certificate fixture (newCertFix: the youth standard, an
// accredited centre, an approved programme of card 2, a candidate) with
// the hotel standard too, the real audit log behind an injectable
// failure, three accounts and an employer with two units.
type wfFix struct {
	*recFix
	hr, head, worker auth.User // worker is the candidate account of f.cand
	org              workforce.Organisation
	seen             int // audit entries checked so far
}

func newWfFix(t *testing.T, s *Store) *wfFix {
	t.Helper()
	f := &wfFix{recFix: newCertFix(t, s)}
	importPath(t, s, seedHotel, kasip.ImportNew)
	logged := s.recognitionAuditor()
	s.SetRecognitionAuditor(func(ctx context.Context, tx *sql.Tx, ev recognition.Event) error {
		f.mu.Lock()
		fail := f.fail
		f.mu.Unlock()
		if fail != nil {
			if err := fail(ev); err != nil {
				return err
			}
		}
		return logged(ctx, tx, ev)
	})
	f.hr = mustUser(t, s, auth.User{Login: "hr@mysal.kz", Name: "Әсел Қайратқызы", Role: auth.RoleEmployer, Employer: "ЖШС Мысал"}, "")
	f.head = mustUser(t, s, auth.User{Login: "head@mysal.kz", Name: "Бауыржан Серікұлы", Role: auth.RoleEmployer, Employer: "ЖШС Мысал"}, "")
	f.worker = mustUser(t, s, auth.User{Login: "aigul@mysal.kz", Name: "Айгүл Нұрланқызы", Role: auth.RoleCandidate, CandidateID: f.cand.ID}, "")
	f.org = recMust(s.CreateOrganisation(f.ctx, f.hr.ID, workforce.Organisation{Kind: workforce.KindEmployer,
		Name: "ЖШС Мысал", BIN: recBIN(t, 101), Units: []string{"Жастар орталығы", "Қонақ үй"}}))(t)
	f.seen = len(recMust(s.AuditEntries(f.ctx, ""))(t))
	return f
}

// audited checks that the audit log grew by the entries want ("action
// subject", in order) since the last check.
func (f *wfFix) audited(t *testing.T, want ...string) {
	t.Helper()
	all := recMust(f.s.AuditEntries(f.ctx, ""))(t)
	var got []string
	for _, e := range all[f.seen:] {
		got = append(got, e.Action+" "+e.Subject)
	}
	f.seen = len(all)
	if !slices.Equal(got, want) {
		t.Errorf("audit entries %q, want %q", got, want)
	}
}

// wfWant checks that err is a refusal of kind with key.
func wfWant(t *testing.T, what string, err error, kind error, key string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want %s", what, key)
		return
	}
	if !errors.Is(err, kind) {
		t.Errorf("%s: %v, want %v", what, err, kind)
	}
	if key != "" && !slices.ContainsFunc(recognition.Errors(err), func(e *recognition.Error) bool { return e.Key == key }) {
		t.Errorf("%s: %v, want the refusal %s", what, err, key)
	}
}

// wfSame compares values as their JSON (times by instant).
func wfSame(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

// position binds a position of the youth worker card (card 2) in unit.
func (f *wfFix) position(t *testing.T, title, unit string) workforce.Position {
	t.Helper()
	return recMust(f.s.CreatePosition(f.ctx, f.hr.ID, workforce.Position{OrgID: f.org.ID, Title: title, Unit: unit,
		Standard: "M84120", Card: 1}))(t)
}

// items are the items of the youth worker card, abilities and knowledge
// included.
func (f *wfFix) items(t *testing.T) []workforce.Item {
	t.Helper()
	st := recMust(f.s.Standard(f.ctx, "M84120", "1"))(t)
	return workforce.Items(workforce.Position{Card: 1, Detailed: true, Required: 3}, &st.Cards[1])
}

func lvl(n int) *int { return &n }

func TestWorkforceOrganisations(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newWfFix(t, s)
		ctx, org := f.ctx, f.org
		if org.ID == 0 || org.CreatedBy != f.hr.ID || org.CreatedAt.IsZero() || len(org.Units) != 2 {
			t.Errorf("created %+v", org)
		}
		wfSame(t, "read back", recMust(s.GetOrganisation(ctx, org.ID))(t), org)
		college := recMust(s.CreateOrganisation(ctx, f.hr.ID, workforce.Organisation{Kind: workforce.KindEducation,
			Name: "  Астана колледжі ", BIN: " " + recBIN(t, 102) + " ", Units: []string{" ", "Бөлім", "Бөлім"}}))(t)
		if college.Name != "Астана колледжі" || !slices.Equal(college.Units, []string{"Бөлім"}) {
			t.Errorf("not normalised: %+v", college)
		}
		f.audited(t, "workforce.org.create "+wfSubject("org", college.ID))
		var names []string
		for _, o := range recMust(s.ListOrganisations(ctx))(t) {
			names = append(names, o.Name)
		}
		if !slices.Equal(names, []string{"Астана колледжі", "ЖШС Мысал"}) {
			t.Errorf("organisations %q", names)
		}

		wfWant(t, "same BIN", second(s.CreateOrganisation(ctx, f.hr.ID, workforce.Organisation{Kind: workforce.KindEmployer,
			Name: "Басқа", BIN: org.BIN})), workforce.ErrConflict, "workforce.org_bin_taken")
		bad := []byte(recBIN(t, 103))
		bad[11] = '0' + (bad[11]-'0'+1)%10
		wfWant(t, "check digit", second(s.CreateOrganisation(ctx, f.hr.ID, workforce.Organisation{Kind: workforce.KindEmployer,
			Name: "Басқа", BIN: string(bad)})), workforce.ErrInvalid, "bin.check_digit")
		wfWant(t, "kind", second(s.CreateOrganisation(ctx, f.hr.ID, workforce.Organisation{Kind: "school",
			Name: "Басқа", BIN: recBIN(t, 104)})), workforce.ErrInvalid, "workforce.org_kind")
		wfWant(t, "unknown", second(s.GetOrganisation(ctx, 999)), kasip.ErrNotFound, "workforce.org_unknown")

		// Name and units change; kind, BIN and the demo mark do not.
		up := org
		up.Name, up.Units, up.Kind, up.BIN, up.Demo = "ЖШС Мысал-Сервис", []string{"Жастар орталығы", "Қонақ үй", "Бухгалтерия"},
			workforce.KindEducation, recBIN(t, 105), true
		got := recMust(s.UpdateOrganisation(ctx, f.hr.ID, up))(t)
		if got.Name != up.Name || len(got.Units) != 3 || got.Kind != workforce.KindEmployer || got.BIN != org.BIN || got.Demo {
			t.Errorf("updated %+v", got)
		}
		wfSame(t, "updated read back", recMust(s.GetOrganisation(ctx, org.ID))(t), got)
		f.audited(t, "workforce.org.update "+wfSubject("org", org.ID))
		recMust(s.UpdateOrganisation(ctx, f.hr.ID, got))(t)
		f.audited(t) // no change, no entry

		// Members.
		m := recMust(s.SetMember(ctx, f.hr.ID, workforce.Member{OrgID: org.ID, UserID: f.hr.ID, Role: workforce.RoleHR}))(t)
		if m.Login != f.hr.Login || m.Name != f.hr.Name {
			t.Errorf("member %+v", m)
		}
		recMust(s.SetMember(ctx, f.hr.ID, workforce.Member{OrgID: org.ID, UserID: f.head.ID, Role: workforce.RoleHR}))(t)
		recMust(s.SetMember(ctx, f.hr.ID, workforce.Member{OrgID: org.ID, UserID: f.head.ID, Role: workforce.RoleHead, Unit: "Қонақ үй"}))(t)
		recMust(s.SetMember(ctx, f.hr.ID, workforce.Member{OrgID: college.ID, UserID: f.head.ID, Role: workforce.RoleMethodologist}))(t)
		orgSub := wfSubject("org", org.ID)
		f.audited(t, "workforce.org.member_set "+orgSub, "workforce.org.member_set "+orgSub, "workforce.org.member_set "+orgSub,
			"workforce.org.member_set "+wfSubject("org", college.ID))
		wfWant(t, "head without unit", second(s.SetMember(ctx, f.hr.ID, workforce.Member{OrgID: org.ID, UserID: f.head.ID,
			Role: workforce.RoleHead})), workforce.ErrInvalid, "workforce.head_unit")
		wfWant(t, "unknown user", second(s.SetMember(ctx, f.hr.ID, workforce.Member{OrgID: org.ID, UserID: 999,
			Role: workforce.RoleHR})), kasip.ErrNotFound, "workforce.user_unknown")
		wfWant(t, "unknown organisation", second(s.SetMember(ctx, f.hr.ID, workforce.Member{OrgID: 999, UserID: f.hr.ID,
			Role: workforce.RoleHR})), kasip.ErrNotFound, "workforce.org_unknown")
		members := recMust(s.Members(ctx, org.ID))(t) // by name, in code points: Б before Ә
		if len(members) != 2 || members[1].UserID != f.hr.ID || members[0].Role != workforce.RoleHead ||
			members[0].Unit != "Қонақ үй" || members[0].Login != f.head.Login || members[0].Name != f.head.Name {
			t.Errorf("members %+v", members)
		}
		if ms := recMust(s.Memberships(ctx, f.head.ID))(t); len(ms) != 2 || ms[0].OrgID != org.ID || ms[1].OrgID != college.ID ||
			ms[1].Role != workforce.RoleMethodologist {
			t.Errorf("memberships %+v", ms)
		}

		// A unit a head is in stays.
		wfWant(t, "unit in use", second(s.UpdateOrganisation(ctx, f.hr.ID, workforce.Organisation{ID: org.ID, Name: got.Name,
			Units: []string{"Жастар орталығы"}})), workforce.ErrConflict, "workforce.unit_in_use")
		if err := s.RemoveMember(ctx, f.hr.ID, org.ID, f.head.ID); err != nil {
			t.Fatal(err)
		}
		wfWant(t, "removed twice", s.RemoveMember(ctx, f.hr.ID, org.ID, f.head.ID), kasip.ErrNotFound, "workforce.member_unknown")
		recMust(s.UpdateOrganisation(ctx, f.hr.ID, workforce.Organisation{ID: org.ID, Name: got.Name, Units: []string{"Жастар орталығы"}}))(t)
		f.audited(t, "workforce.org.member_remove "+orgSub, "workforce.org.update "+orgSub)
		if len(recMust(s.Members(ctx, org.ID))(t)) != 1 {
			t.Error("the member was not removed")
		}
	})
}

func TestWorkforcePositions(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newWfFix(t, s)
		ctx := f.ctx
		items := f.items(t)
		skill, knowledge := items[0].Path, items[4].Path
		p := recMust(s.CreatePosition(ctx, f.hr.ID, workforce.Position{OrgID: f.org.ID, Title: " Жастар ісі жөніндегі маман ",
			Unit: "Жастар орталығы", Standard: "M84120", Card: 1, RequiredFor: map[string]int{knowledge: 2}}))(t)
		if p.Title != "Жастар ісі жөніндегі маман" || p.Version != "1" || p.Level != 5 || p.Required != workforce.LevelIndependent ||
			p.Revision != 1 || p.Detailed || p.RequiredOf(knowledge) != 2 {
			t.Errorf("created %+v", p)
		}
		wfSame(t, "read back", recMust(s.GetPosition(ctx, p.ID))(t), p)
		hotel := recMust(s.CreatePosition(ctx, f.hr.ID, workforce.Position{OrgID: f.org.ID, Title: "Әкімші", Unit: "Қонақ үй",
			Standard: "I55101015", Card: 0, Required: workforce.LevelExpert, Detailed: true}))(t)
		st := recMust(s.Standard(ctx, "I55101015", ""))(t)
		if hotel.Version != st.VersionKey() || hotel.Level != st.Cards[0].Level || hotel.Required != 4 {
			t.Errorf("hotel position %+v", hotel)
		}
		f.audited(t, "workforce.position.create "+wfSubject("position", p.ID), "workforce.position.create "+wfSubject("position", hotel.ID))
		if ps := recMust(s.ListPositions(ctx, f.org.ID))(t); len(ps) != 2 || ps[0].ID != p.ID || ps[1].ID != hotel.ID {
			t.Errorf("positions %+v", ps)
		}

		in := workforce.Position{OrgID: f.org.ID, Title: "Маман", Standard: "M84120", Card: 1}
		for _, c := range []struct {
			name string
			edit func(p *workforce.Position)
			kind error
			key  string
		}{
			{"unknown card", func(p *workforce.Position) { p.Card = 5 }, kasip.ErrInvalid, "standard.no_card"},
			{"unknown standard", func(p *workforce.Position) { p.Standard = "X99999" }, kasip.ErrInvalid, "workforce.standard_unknown"},
			{"unknown version", func(p *workforce.Position) { p.Version = "7" }, kasip.ErrInvalid, "workforce.standard_version_unknown"},
			{"level 7", func(p *workforce.Position) { p.Required = 7 }, kasip.ErrInvalid, "workforce.level"},
			{"required of no item", func(p *workforce.Position) { p.RequiredFor = map[string]int{"cards[1].functions[9]": 2} },
				kasip.ErrInvalid, "workforce.rating_path"},
			{"another unit", func(p *workforce.Position) { p.Unit = "Бухгалтерия" }, kasip.ErrInvalid, "workforce.unit_unknown"},
			{"no title", func(p *workforce.Position) { p.Title = " " }, kasip.ErrInvalid, "workforce.position_title"},
			{"no organisation", func(p *workforce.Position) { p.OrgID = 999 }, kasip.ErrNotFound, "workforce.org_unknown"},
		} {
			bad := in
			c.edit(&bad)
			wfWant(t, c.name, second(s.CreatePosition(ctx, f.hr.ID, bad)), c.kind, c.key)
		}

		// An update from the stored revision bumps it.
		up := p
		up.Title, up.Detailed, up.RequiredFor = "Аға маман", true, map[string]int{skill: 4}
		up.Edits = map[string]workforce.Edit{workforce.EditKey("kk", "duties"): {Lines: []string{"Жоспарлайды."}, Base: "x", By: f.hr.ID}}
		got := recMust(s.UpdatePosition(ctx, f.hr.ID, up))(t)
		if got.Revision != 2 || got.Title != "Аға маман" || !got.Detailed || got.RequiredOf(skill) != 4 || got.RequiredOf(knowledge) != 3 ||
			len(got.Edits) != 1 || !got.UpdatedAt.Equal(f.clock.now()) {
			t.Errorf("updated %+v", got)
		}
		wfSame(t, "updated read back", recMust(s.GetPosition(ctx, p.ID))(t), got)
		f.audited(t, "workforce.position.update "+wfSubject("position", p.ID))
		wfWant(t, "stale", second(s.UpdatePosition(ctx, f.hr.ID, up)), workforce.ErrStale, "workforce.stale")
		up.Revision = 2
		up.Version = "7"
		wfWant(t, "unknown version", second(s.UpdatePosition(ctx, f.hr.ID, up)), kasip.ErrInvalid, "workforce.standard_version_unknown")
		up.Version, up.Required = "", 9
		wfWant(t, "level 9", second(s.UpdatePosition(ctx, f.hr.ID, up)), kasip.ErrInvalid, "workforce.level")
		if again := recMust(s.UpdatePosition(ctx, f.hr.ID, got))(t); again.Revision != 2 {
			t.Errorf("an update changing nothing gave revision %d", again.Revision)
		}
		f.audited(t)
		wfWant(t, "unknown position", second(s.GetPosition(ctx, 999)), kasip.ErrNotFound, "workforce.position_unknown")
		wfWant(t, "update unknown", second(s.UpdatePosition(ctx, f.hr.ID, workforce.Position{ID: 999})), kasip.ErrNotFound, "")
	})
}

func TestWorkforceEmployees(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newWfFix(t, s)
		ctx := f.ctx
		p := f.position(t, "Маман", "Жастар орталығы")
		e := recMust(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: " Айгүл Нұрланқызы ",
			Unit: "Жастар орталығы", PositionID: p.ID, UserID: f.worker.ID}))(t)
		if e.Name != "Айгүл Нұрланқызы" || e.CandidateID != f.cand.ID || e.ID == 0 {
			t.Errorf("created %+v (the account's candidate record %d)", e, f.cand.ID)
		}
		wfSame(t, "read back", recMust(s.GetEmployee(ctx, e.ID))(t), e)
		created := []string{"workforce.position.create " + wfSubject("position", p.ID), "workforce.employee.create " + wfSubject("employee", e.ID)}
		for _, name := range []string{"Ерлан", "Бекзат", "Әлия"} {
			unit := "Қонақ үй"
			if name == "Ерлан" {
				unit = "Жастар орталығы"
			}
			o := recMust(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: name, Unit: unit}))(t)
			created = append(created, "workforce.employee.create "+wfSubject("employee", o.ID))
		}
		f.audited(t, created...)
		var names []string
		for _, e := range recMust(s.ListEmployees(ctx, f.org.ID, ""))(t) {
			names = append(names, e.Name)
		}
		if want := []string{"Айгүл Нұрланқызы", "Бекзат", "Ерлан", "Әлия"}; !slices.Equal(names, want) { // code points
			t.Errorf("employees %q, want %q", names, want)
		}
		if es := recMust(s.ListEmployees(ctx, f.org.ID, "Жастар орталығы"))(t); len(es) != 2 {
			t.Errorf("employees of the unit %+v", es)
		}
		if es := recMust(s.EmployeesOfUser(ctx, f.worker.ID))(t); len(es) != 1 || es[0].ID != e.ID {
			t.Errorf("employees of the account %+v", es)
		}

		other := recMust(s.CreateOrganisation(ctx, f.hr.ID, workforce.Organisation{Kind: workforce.KindEmployer, Name: "Басқа",
			BIN: recBIN(t, 110)}))(t)
		foreign := recMust(s.CreatePosition(ctx, f.hr.ID, workforce.Position{OrgID: other.ID, Title: "Маман", Standard: "M84120", Card: 1}))(t)
		in := workforce.Employee{OrgID: f.org.ID, Name: "Жаңа"}
		for _, c := range []struct {
			name string
			edit func(e *workforce.Employee)
			kind error
			key  string
		}{
			{"another organisation's position", func(e *workforce.Employee) { e.PositionID = foreign.ID }, kasip.ErrInvalid, "workforce.position_unknown"},
			{"no such position", func(e *workforce.Employee) { e.PositionID = 999 }, kasip.ErrInvalid, "workforce.position_unknown"},
			{"unknown user", func(e *workforce.Employee) { e.UserID = 999 }, kasip.ErrNotFound, "workforce.user_unknown"},
			{"unknown candidate", func(e *workforce.Employee) { e.CandidateID = 999 }, kasip.ErrNotFound, "workforce.candidate_unknown"},
			{"unknown unit", func(e *workforce.Employee) { e.Unit = "Бухгалтерия" }, kasip.ErrInvalid, "workforce.unit_unknown"},
			{"no name", func(e *workforce.Employee) { e.Name = "" }, kasip.ErrInvalid, "workforce.employee_name"},
		} {
			bad := in
			c.edit(&bad)
			wfWant(t, c.name, second(s.CreateEmployee(ctx, f.hr.ID, bad)), c.kind, c.key)
		}
		f.audited(t, "workforce.org.create "+wfSubject("org", other.ID), "workforce.position.create "+wfSubject("position", foreign.ID))

		up := e
		up.Name, up.Unit, up.PositionID, up.UserID, up.CandidateID, up.OrgID = "Айгүл Н.", "Қонақ үй", 0, 0, 0, other.ID
		got := recMust(s.UpdateEmployee(ctx, f.hr.ID, up))(t)
		if got.Name != "Айгүл Н." || got.Unit != "Қонақ үй" || got.PositionID != 0 || got.UserID != 0 || got.CandidateID != 0 ||
			got.OrgID != f.org.ID {
			t.Errorf("updated %+v", got)
		}
		wfSame(t, "updated read back", recMust(s.GetEmployee(ctx, e.ID))(t), got)
		f.audited(t, "workforce.employee.update "+wfSubject("employee", e.ID))
		entries := recMust(s.AuditEntries(ctx, wfSubject("employee", e.ID)))(t)
		if last := string(entries[len(entries)-1].Data); strings.Contains(last, "Айгүл") || !strings.Contains(last, "name_changed") {
			t.Errorf("audit data %s: the name is personal data", last)
		}
		wfWant(t, "unknown", second(s.GetEmployee(ctx, 999)), kasip.ErrNotFound, "workforce.employee_unknown")
		wfWant(t, "update unknown", second(s.UpdateEmployee(ctx, f.hr.ID, workforce.Employee{ID: 999, Name: "x"})), kasip.ErrNotFound, "")
	})
}

func TestWorkforceRate(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newWfFix(t, s)
		ctx := f.ctx
		p := f.position(t, "Маман", "")
		e := recMust(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: "Ерлан", PositionID: p.ID}))(t)
		idle := recMust(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: "Бекзат"}))(t)
		f.audited(t, "workforce.position.create "+wfSubject("position", p.ID), "workforce.employee.create "+wfSubject("employee", e.ID),
			"workforce.employee.create "+wfSubject("employee", idle.ID))

		a := recMust(s.Assessment(ctx, e.ID))(t)
		if a.Ratings == nil || len(a.Ratings) != 0 || a.EmployeeID != e.ID {
			t.Errorf("never rated: %+v", a)
		}
		wfWant(t, "unknown employee", second(s.Assessment(ctx, 999)), kasip.ErrNotFound, "workforce.employee_unknown")
		if none := recMust(s.Rate(ctx, f.hr.ID, e.ID, nil))(t); none.Ratings == nil || len(none.Ratings) != 0 {
			t.Errorf("no ratings given: %+v", none)
		}
		f.audited(t) // nothing written

		// Units and, though the position is not detailed, knowledge.
		items := f.items(t)
		unit, knowledge := items[0].Path, items[4].Path
		evidence := "Сертификат «Жастар» & \"бұйрық\" №5\nқосымша <1>"
		a = recMust(s.Rate(ctx, f.head.ID, e.ID, []workforce.RatingInput{{Path: unit, Self: lvl(2), Manager: lvl(3), Evidence: &evidence},
			{Path: knowledge, Self: lvl(4)}}))(t)
		if r := a.Ratings[unit]; r.Self != 2 || r.Manager != 3 || r.Evidence != strings.TrimSpace(evidence) || r.By != f.head.ID ||
			!r.At.Equal(f.clock.now()) {
			t.Errorf("rating %+v", r)
		}
		if r := a.Ratings[knowledge]; r.Self != 4 || r.Manager != workforce.NotGiven {
			t.Errorf("rating %+v", r)
		}
		wfSame(t, "read back", recMust(s.Assessment(ctx, e.ID))(t), a)

		// Another rating keeps the others.
		f.clock.advance(time.Hour)
		a = recMust(s.Rate(ctx, f.hr.ID, e.ID, []workforce.RatingInput{{Path: unit, Manager: lvl(4)}}))(t)
		if r := a.Ratings[unit]; r.Self != 2 || r.Manager != 4 || r.Evidence == "" || r.By != f.hr.ID || len(a.Ratings) != 2 {
			t.Errorf("re-rated %+v", a)
		}
		wfSame(t, "re-rated read back", recMust(s.Assessment(ctx, e.ID))(t), a)
		sub := wfSubject("employee", e.ID)
		f.audited(t, "workforce.assessment.rate "+sub, "workforce.assessment.rate "+sub)
		if data := string(recMust(s.AuditEntries(ctx, sub))(t)[1].Data); strings.Contains(data, "бұйрық") {
			t.Errorf("the audit keeps the evidence: %s", data)
		}

		wfWant(t, "not an item", second(s.Rate(ctx, f.hr.ID, e.ID, []workforce.RatingInput{{Path: "cards[0].functions[0].skills[0]", Self: lvl(2)}})),
			kasip.ErrInvalid, "workforce.rating_path")
		wfWant(t, "level 7", second(s.Rate(ctx, f.hr.ID, e.ID, []workforce.RatingInput{{Path: unit, Manager: lvl(7)}})),
			kasip.ErrInvalid, "workforce.level")
		wfWant(t, "no position", second(s.Rate(ctx, f.hr.ID, idle.ID, []workforce.RatingInput{{Path: unit, Self: lvl(1)}})),
			workforce.ErrConflict, "workforce.employee_no_position")
		wfWant(t, "unknown", second(s.Rate(ctx, f.hr.ID, 999, []workforce.RatingInput{{Path: unit, Self: lvl(1)}})),
			kasip.ErrNotFound, "workforce.employee_unknown")
		wfSame(t, "after refusals", recMust(s.Assessment(ctx, e.ID))(t), a)
		f.audited(t)
	})
}

func TestWorkforceActions(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newWfFix(t, s)
		ctx := f.ctx
		p := f.position(t, "Маман", "Жастар орталығы")
		e := recMust(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: "Айгүл", Unit: "Жастар орталығы",
			PositionID: p.ID, UserID: f.worker.ID}))(t)
		other := recMust(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: "Ерлан", Unit: "Қонақ үй", PositionID: p.ID}))(t)
		idle := recMust(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: "Бекзат"}))(t)
		f.seen = len(recMust(s.AuditEntries(ctx, ""))(t))
		items := f.items(t)
		due := time.Date(2025, 4, 1, 23, 30, 0, 0, time.FixedZone("KZ", 5*3600))

		train := recMust(s.AddAction(ctx, f.hr.ID, workforce.Action{EmployeeID: e.ID, Kind: workforce.ActionTraining,
			Title: " Жастар саясаты курсы ", Items: []string{items[4].Path, items[0].Path, items[0].Path}, OwnerUserID: f.head.ID, Due: due}))(t)
		if train.OrgID != f.org.ID || train.Status != workforce.StatusPlanned || train.Revision != 1 || len(train.Items) != 2 ||
			train.Due.Format(time.DateOnly) != "2025-04-01" || train.Title != "Жастар саясаты курсы" {
			t.Errorf("added %+v", train)
		}
		wfSame(t, "read back", recMust(s.GetAction(ctx, train.ID))(t), train)
		rec := recMust(s.AddAction(ctx, f.hr.ID, workforce.Action{EmployeeID: e.ID, Kind: workforce.ActionRecognition,
			Title: "Біліктілікті тану", ProgrammeID: f.prog.ID, Due: due.AddDate(0, 1, 0)}))(t)
		mentor := recMust(s.AddAction(ctx, f.head.ID, workforce.Action{EmployeeID: other.ID, Kind: workforce.ActionMentoring,
			Title: "Тәлімгер", Due: due.AddDate(0, 0, -10), OwnerUserID: f.head.ID}))(t)
		f.audited(t, "workforce.action.add "+wfSubject("action", train.ID), "workforce.action.add "+wfSubject("action", rec.ID),
			"workforce.action.add "+wfSubject("action", mentor.ID))

		in := workforce.Action{EmployeeID: e.ID, Kind: workforce.ActionTraining, Title: "Курс", Due: due}
		for _, c := range []struct {
			name string
			edit func(a *workforce.Action)
			kind error
			key  string
		}{
			{"recognition without programme", func(a *workforce.Action) { a.Kind = workforce.ActionRecognition }, kasip.ErrInvalid, "workforce.action_programme"},
			{"unknown programme", func(a *workforce.Action) { a.Kind, a.ProgrammeID = workforce.ActionRecognition, 999 },
				kasip.ErrNotFound, "workforce.recognition_programme_unknown"},
			{"programme of a training", func(a *workforce.Action) { a.ProgrammeID = f.prog.ID }, kasip.ErrInvalid, "workforce.action_not_recognition"},
			{"not an item", func(a *workforce.Action) { a.Items = []string{"cards[0].functions[0]"} }, kasip.ErrInvalid, "workforce.rating_path"},
			{"no due day", func(a *workforce.Action) { a.Due = time.Time{} }, kasip.ErrInvalid, "workforce.action_due"},
			{"unknown owner", func(a *workforce.Action) { a.OwnerUserID = 999 }, kasip.ErrNotFound, "workforce.user_unknown"},
			{"no position", func(a *workforce.Action) { a.EmployeeID = idle.ID }, workforce.ErrConflict, "workforce.employee_no_position"},
			{"unknown employee", func(a *workforce.Action) { a.EmployeeID = 999 }, kasip.ErrNotFound, "workforce.employee_unknown"},
			{"another organisation", func(a *workforce.Action) { a.OrgID = 999 }, kasip.ErrNotFound, "workforce.employee_unknown"},
		} {
			bad := in
			c.edit(&bad)
			wfWant(t, c.name, second(s.AddAction(ctx, f.hr.ID, bad)), c.kind, c.key)
		}

		up := train
		up.Status, up.Progress, up.Note, up.EmployeeID = workforce.StatusInProgress, 50, "Бірінші модуль өтті", other.ID
		got := recMust(s.UpdateAction(ctx, f.head.ID, up))(t)
		if got.Revision != 2 || got.Status != workforce.StatusInProgress || got.Progress != 50 || got.EmployeeID != e.ID {
			t.Errorf("updated %+v", got)
		}
		wfSame(t, "updated read back", recMust(s.GetAction(ctx, train.ID))(t), got)
		wfWant(t, "stale", second(s.UpdateAction(ctx, f.head.ID, up)), workforce.ErrStale, "workforce.stale")
		up.Revision, up.Progress = 2, 120
		wfWant(t, "progress", second(s.UpdateAction(ctx, f.head.ID, up)), kasip.ErrInvalid, "workforce.action_progress")
		f.audited(t, "workforce.action.update "+wfSubject("action", train.ID))

		// Linking applications.
		mine := f.apply(recognition.RouteSelf)
		stranger := f.newCandidate(recIIN(t, time.Date(1992, 5, 5, 0, 0, 0, 0, time.UTC), true, 300), 0)
		theirs := recMust(s.Apply(ctx, recCandidateUser, recognition.Application{CandidateID: stranger.ID, ProgrammeID: f.prog.ID,
			Route: recognition.RouteSelf}))(t)
		f.seen = len(recMust(s.AuditEntries(ctx, ""))(t))
		wfWant(t, "foreign application", second(s.LinkApplication(ctx, f.hr.ID, rec.ID, theirs.ID)), workforce.ErrConflict,
			"workforce.application_mismatch")
		wfWant(t, "not a recognition action", second(s.LinkApplication(ctx, f.hr.ID, train.ID, mine.ID)), workforce.ErrConflict,
			"workforce.action_not_recognition")
		wfWant(t, "unknown application", second(s.LinkApplication(ctx, f.hr.ID, rec.ID, 999)), kasip.ErrNotFound, "workforce.application_unknown")
		wfWant(t, "unknown action", second(s.LinkApplication(ctx, f.hr.ID, 999, mine.ID)), kasip.ErrNotFound, "workforce.action_unknown")
		linked := recMust(s.LinkApplication(ctx, f.hr.ID, rec.ID, mine.ID))(t)
		if linked.ApplicationID != mine.ID || linked.Revision != 2 {
			t.Errorf("linked %+v", linked)
		}
		wfSame(t, "linked read back", recMust(s.GetAction(ctx, rec.ID))(t), linked)
		recMust(s.LinkApplication(ctx, f.hr.ID, rec.ID, mine.ID))(t) // again: nothing changes
		f.audited(t, "workforce.action.link_application "+wfSubject("action", rec.ID))
		moved := linked
		moved.Kind, moved.ProgrammeID = workforce.ActionTraining, 0
		wfWant(t, "linked action's kind", second(s.UpdateAction(ctx, f.hr.ID, moved)), workforce.ErrConflict, "workforce.action_linked")
		moved = linked
		moved.Status = workforce.StatusDone
		if got := recMust(s.UpdateAction(ctx, f.hr.ID, moved))(t); got.ApplicationID != mine.ID || got.Revision != 3 {
			t.Errorf("the update of a linked action %+v", got)
		}

		ids := func(af workforce.ActionFilter) []int64 {
			var out []int64
			for _, a := range recMust(s.ListActions(ctx, af))(t) {
				out = append(out, a.ID)
			}
			return out
		}
		for _, c := range []struct {
			f    workforce.ActionFilter
			want []int64
		}{
			{workforce.ActionFilter{OrgID: f.org.ID}, []int64{mentor.ID, train.ID, rec.ID}}, // by due day
			{workforce.ActionFilter{EmployeeID: e.ID}, []int64{train.ID, rec.ID}},
			{workforce.ActionFilter{OrgID: f.org.ID, Unit: "Қонақ үй"}, []int64{mentor.ID}},
			{workforce.ActionFilter{OwnerID: f.head.ID}, []int64{mentor.ID, train.ID}},
			{workforce.ActionFilter{OrgID: 999}, nil},
		} {
			if got := ids(c.f); !slices.Equal(got, c.want) {
				t.Errorf("actions of %+v: %v, want %v", c.f, got, c.want)
			}
		}
	})
}

func TestWorkforceEduProgrammes(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newWfFix(t, s)
		ctx := f.ctx
		college := recMust(s.CreateOrganisation(ctx, f.hr.ID, workforce.Organisation{Kind: workforce.KindEducation,
			Name: "Астана колледжі", BIN: recBIN(t, 120)}))(t)
		f.seen++
		items := f.items(t)
		p := workforce.EduProgramme{OrgID: college.ID, Speciality: "0101000", Title: " Жастармен жұмыс ", Qualification: "Маман",
			Cards: []workforce.CardRef{{Standard: "M84120", Card: 1}, {Standard: "M84120", Version: "1", Card: 0}},
			Modules: []workforce.Module{{Code: "КМ 01", Title: "Жастар саясаты", Credits: 5, Outcomes: []workforce.Outcome{
				{Code: "ОН 1.1", Text: "Жоспарлайды", Items: []workforce.ItemRef{{Standard: "M84120", Path: "cards[1].functions[0]"},
					{Standard: "M84120", Path: items[4].Path}, {Standard: "M84120", Path: "cards[0].functions[0]"}}}}}}}
		got := recMust(s.CreateEduProgramme(ctx, f.hr.ID, p))(t)
		if got.Title != "Жастармен жұмыс" || got.Cards[0].Version != "1" || got.Revision != 1 || got.Modules[0].Credits != 5 {
			t.Errorf("created %+v", got)
		}
		wfSame(t, "read back", recMust(s.GetEduProgramme(ctx, got.ID))(t), got)
		admin := recMust(s.CreateEduProgramme(ctx, f.hr.ID, workforce.EduProgramme{OrgID: college.ID, Speciality: "6B01101",
			Title: "Әкімшілік", Cards: []workforce.CardRef{{Standard: "I55101015", Card: 0}}}))(t)
		f.audited(t, "workforce.eduprogramme.create "+wfSubject("eduprogramme", got.ID),
			"workforce.eduprogramme.create "+wfSubject("eduprogramme", admin.ID))
		var titles []string
		for _, p := range recMust(s.ListEduProgrammes(ctx, college.ID))(t) {
			titles = append(titles, p.Title)
		}
		if !slices.Equal(titles, []string{"Жастармен жұмыс", "Әкімшілік"}) {
			t.Errorf("programmes %q", titles)
		}

		for _, c := range []struct {
			name string
			edit func(p *workforce.EduProgramme)
			kind error
			key  string
		}{
			{"path of no card", func(p *workforce.EduProgramme) { p.Modules[0].Outcomes[0].Items[0].Path = "cards[1].functions[9]" },
				kasip.ErrInvalid, "workforce.outcome_path"},
			{"card not the programme's", func(p *workforce.EduProgramme) { p.Cards = p.Cards[:1] }, kasip.ErrInvalid, "workforce.outcome_path"},
			{"standard not the programme's", func(p *workforce.EduProgramme) { p.Modules[0].Outcomes[0].Items[0].Standard = "I55101015" },
				kasip.ErrInvalid, "workforce.outcome_standard"},
			{"unknown card", func(p *workforce.EduProgramme) { p.Cards[0].Card = 4 }, kasip.ErrInvalid, "standard.no_card"},
			{"unknown version", func(p *workforce.EduProgramme) { p.Cards[1].Version = "3" }, kasip.ErrInvalid, "workforce.standard_version_unknown"},
			{"speciality", func(p *workforce.EduProgramme) { p.Speciality = "x" }, kasip.ErrInvalid, "workforce.speciality"},
			{"no cards", func(p *workforce.EduProgramme) { p.Cards, p.Modules = nil, nil }, kasip.ErrInvalid, "workforce.programme_cards"},
			{"no organisation", func(p *workforce.EduProgramme) { p.OrgID = 999 }, kasip.ErrNotFound, "workforce.org_unknown"},
		} {
			var bad workforce.EduProgramme
			if err := json.Unmarshal([]byte(mustJSON(p)), &bad); err != nil { // a deep copy
				t.Fatal(err)
			}
			c.edit(&bad)
			wfWant(t, c.name, second(s.CreateEduProgramme(ctx, f.hr.ID, bad)), c.kind, c.key)
		}

		up := got
		up.Title, up.Modules = "Жастармен жұмыс (жаңа)", nil
		updated := recMust(s.UpdateEduProgramme(ctx, f.hr.ID, up))(t)
		if updated.Revision != 2 || len(updated.Modules) != 0 || updated.Modules == nil {
			t.Errorf("updated %+v", updated)
		}
		wfSame(t, "updated read back", recMust(s.GetEduProgramme(ctx, got.ID))(t), updated)
		wfWant(t, "stale", second(s.UpdateEduProgramme(ctx, f.hr.ID, up)), workforce.ErrStale, "workforce.stale")
		f.audited(t, "workforce.eduprogramme.update "+wfSubject("eduprogramme", got.ID))
		wfWant(t, "unknown", second(s.GetEduProgramme(ctx, 999)), kasip.ErrNotFound, "workforce.eduprogramme_unknown")
	})
}

func TestWorkforceSnapshot(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newWfFix(t, s)
		ctx := f.ctx
		youth := f.position(t, "Маман", "Жастар орталығы")
		hotel := recMust(s.CreatePosition(ctx, f.hr.ID, workforce.Position{OrgID: f.org.ID, Title: "Әкімші", Unit: "Қонақ үй",
			Standard: "I55101015", Card: 0}))(t)
		a := f.to(f.apply(recognition.RouteSelf), recognition.StateDecided)
		cert := recMust(s.IssueCertificate(ctx, recAssessor1, a.ID))(t)
		other := f.certCandidate("Ерлан Асқарұлы", 2)
		aigul := recMust(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: "Айгүл", Unit: "Жастар орталығы",
			PositionID: youth.ID, UserID: f.worker.ID}))(t)
		erlan := recMust(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: "Ерлан", Unit: "Қонақ үй",
			PositionID: hotel.ID, CandidateID: other.ID}))(t)
		bekzat := recMust(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: "Бекзат", Unit: "Жастар орталығы"}))(t)
		items := f.items(t)
		rated := recMust(s.Rate(ctx, f.head.ID, aigul.ID, []workforce.RatingInput{{Path: items[0].Path, Manager: lvl(3)}}))(t)
		hst := recMust(s.Standard(ctx, "I55101015", ""))(t)
		hitems := workforce.Items(hotel, &hst.Cards[0])
		recMust(s.Rate(ctx, f.head.ID, erlan.ID, []workforce.RatingInput{{Path: hitems[0].Path, Self: lvl(1)}}))(t)

		snap := recMust(s.Snapshot(ctx, f.org.ID, ""))(t)
		var names []string
		for _, e := range snap.Employees {
			names = append(names, e.Name)
		}
		if snap.Org.ID != f.org.ID || !slices.Equal(names, []string{"Айгүл", "Бекзат", "Ерлан"}) || len(snap.Positions) != 2 ||
			len(snap.Assessments) != 2 || len(snap.Certificates) != 1 {
			t.Fatalf("snapshot: org %d, employees %q, %d positions, %d assessments, certificates %v", snap.Org.ID, names,
				len(snap.Positions), len(snap.Assessments), snap.Certificates)
		}
		wfSame(t, "position", snap.Positions[hotel.ID], hotel)
		wfSame(t, "assessment", snap.Assessments[aigul.ID], rated)
		if cs := snap.Certificates[f.cand.ID]; len(cs) != 1 || !certEqual(cs[0], cert) {
			t.Errorf("certificates %+v, want %+v", cs, cert)
		}
		conf := workforce.Confirmed(youth, &recMust(s.Standard(ctx, "M84120", "1"))(t).Cards[1], snap.Certificates[f.cand.ID], f.clock.now())
		if len(conf) == 0 {
			t.Error("the certificate confirms no unit of the position")
		}

		unit := recMust(s.Snapshot(ctx, f.org.ID, "Жастар орталығы"))(t)
		if len(unit.Employees) != 2 || unit.Employees[1].ID != bekzat.ID || len(unit.Assessments) != 1 ||
			len(unit.Certificates) != 1 || len(unit.Positions) != 2 {
			t.Errorf("the unit's snapshot %+v", unit)
		}
		if hotelUnit := recMust(s.Snapshot(ctx, f.org.ID, "Қонақ үй"))(t); len(hotelUnit.Employees) != 1 ||
			len(hotelUnit.Certificates) != 0 || hotelUnit.Assessments[erlan.ID].Ratings[hitems[0].Path].Self != 1 {
			t.Errorf("the hotel's snapshot %+v", hotelUnit)
		}
		wfWant(t, "unknown", second(s.Snapshot(ctx, 999, "")), kasip.ErrNotFound, "workforce.org_unknown")
	})
}

// wfDump is every row of the workforce tables and the audit log, for
// comparing the database before and after failed writes.
func wfDump(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"wf_organisations", "wf_members", "wf_positions", "wf_employees", "wf_assessments",
		"wf_actions", "wf_edu_programmes", "audit_log"} {
		rows, err := s.r.Query("SELECT * FROM " + table + " ORDER BY 1, 2")
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		cols, vals := scanAll(t, rows)
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

func TestWorkforceFailedWritesChangeNothing(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newWfFix(t, s)
		ctx := f.ctx
		p := f.position(t, "Маман", "Жастар орталығы")
		e := recMust(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: "Айгүл", Unit: "Жастар орталығы",
			PositionID: p.ID, UserID: f.worker.ID}))(t)
		unit := f.items(t)[0].Path
		recMust(s.Rate(ctx, f.hr.ID, e.ID, []workforce.RatingInput{{Path: unit, Self: lvl(2)}}))(t)
		act := recMust(s.AddAction(ctx, f.hr.ID, workforce.Action{EmployeeID: e.ID, Kind: workforce.ActionRecognition,
			Title: "Тану", ProgrammeID: f.prog.ID, Due: recStart}))(t)
		edu := recMust(s.CreateEduProgramme(ctx, f.hr.ID, workforce.EduProgramme{OrgID: f.org.ID, Speciality: "0101000",
			Title: "Бағдарлама", Cards: []workforce.CardRef{{Standard: "M84120", Card: 1}}}))(t)
		recMust(s.SetMember(ctx, f.hr.ID, workforce.Member{OrgID: f.org.ID, UserID: f.hr.ID, Role: workforce.RoleHR}))(t)
		foreign := f.newCandidate(recIIN(t, time.Date(1992, 5, 5, 0, 0, 0, 0, time.UTC), true, 300), 0)
		theirs := recMust(s.Apply(ctx, recCandidateUser, recognition.Application{CandidateID: foreign.ID, ProgrammeID: f.prog.ID,
			Route: recognition.RouteSelf}))(t)
		mine := f.apply(recognition.RouteSelf)
		before := wfDump(t, s)

		refused := map[string]func() error{
			"duplicate BIN": func() error {
				return second(s.CreateOrganisation(ctx, f.hr.ID, workforce.Organisation{Kind: workforce.KindEmployer, Name: "x", BIN: f.org.BIN}))
			},
			"unknown card": func() error {
				return second(s.CreatePosition(ctx, f.hr.ID, workforce.Position{OrgID: f.org.ID, Title: "x", Standard: "M84120", Card: 8}))
			},
			"stale position": func() error {
				return second(s.UpdatePosition(ctx, f.hr.ID, workforce.Position{ID: p.ID, Title: "x", Revision: 9}))
			},
			"rating off the card": func() error {
				return second(s.Rate(ctx, f.hr.ID, e.ID, []workforce.RatingInput{{Path: unit, Self: lvl(2)}, {Path: "cards[0].functions[0]", Self: lvl(2)}}))
			},
			"level 7": func() error {
				return second(s.Rate(ctx, f.hr.ID, e.ID, []workforce.RatingInput{{Path: unit, Self: lvl(7)}}))
			},
			"stale action":        func() error { return second(s.UpdateAction(ctx, f.hr.ID, workforce.Action{ID: act.ID, Revision: 5})) },
			"foreign application": func() error { return second(s.LinkApplication(ctx, f.hr.ID, act.ID, theirs.ID)) },
			"employee of no user": func() error {
				return second(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: "x", UserID: 999}))
			},
			"unit in use": func() error {
				return second(s.UpdateOrganisation(ctx, f.hr.ID, workforce.Organisation{ID: f.org.ID, Name: "x", Units: []string{}}))
			},
			"stale programme": func() error { return second(s.UpdateEduProgramme(ctx, f.hr.ID, workforce.EduProgramme{ID: edu.ID})) },
		}
		for name, op := range refused {
			if err := op(); err == nil {
				t.Errorf("%s: no error", name)
			}
		}
		if got := wfDump(t, s); got != before {
			t.Fatalf("refused writes changed the database:\nbefore:\n%.3000s\nafter:\n%.3000s", before, got)
		}

		// Writes that would succeed, failing at their audit entry.
		injected := errors.New("injected audit failure")
		f.mu.Lock()
		f.fail = func(recognition.Event) error { return injected }
		f.mu.Unlock()
		pos := p
		pos.Title = "Аға маман"
		act.Status = workforce.StatusInProgress
		for name, op := range map[string]func() error{
			"organisation": func() error {
				return second(s.CreateOrganisation(ctx, f.hr.ID, workforce.Organisation{Kind: workforce.KindEmployer, Name: "x", BIN: recBIN(t, 130)}))
			},
			"update organisation": func() error {
				return second(s.UpdateOrganisation(ctx, f.hr.ID, workforce.Organisation{ID: f.org.ID, Name: "x", Units: f.org.Units}))
			},
			"member": func() error {
				return second(s.SetMember(ctx, f.hr.ID, workforce.Member{OrgID: f.org.ID, UserID: f.head.ID, Role: workforce.RoleHR}))
			},
			"remove member": func() error { return s.RemoveMember(ctx, f.hr.ID, f.org.ID, f.hr.ID) },
			"position":      func() error { return second(s.UpdatePosition(ctx, f.hr.ID, pos)) },
			"employee": func() error {
				return second(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: "x", PositionID: p.ID}))
			},
			"rate": func() error {
				return second(s.Rate(ctx, f.hr.ID, e.ID, []workforce.RatingInput{{Path: unit, Manager: lvl(3)}}))
			},
			"action": func() error { return second(s.UpdateAction(ctx, f.hr.ID, act)) },
			"link":   func() error { return second(s.LinkApplication(ctx, f.hr.ID, act.ID, mine.ID)) },
			"programme": func() error {
				return second(s.CreateEduProgramme(ctx, f.hr.ID, workforce.EduProgramme{OrgID: f.org.ID, Speciality: "0101000",
					Title: "x", Cards: []workforce.CardRef{{Standard: "M84120", Card: 0}}}))
			},
		} {
			if err := op(); !errors.Is(err, injected) {
				t.Errorf("%s: %v, want the injected failure", name, err)
			}
			if got := wfDump(t, s); got != before {
				t.Fatalf("%s failing at its audit entry changed the database", name)
			}
		}
	})
}

// The fast reading of ratings gives what encoding/json gives, and leaves
// to it what it does not read itself.
func TestWorkforceDecodeRatings(t *testing.T) {
	at := time.Date(2025, 3, 3, 5, 6, 7, 123456000, time.UTC)
	a := workforce.Assessment{}
	for i, ev := range []string{"", "plain", "«кавычки» & <теги> \"quoted\" \\ back\nslash\t\u2028", "\u0001"} {
		a.Apply(workforce.RatingInput{Path: fmt.Sprintf("cards[0].functions[%d]", i), Self: lvl(i), Manager: lvl(-1), Evidence: &ev},
			int64(i), at.Add(time.Duration(i)*time.Second))
	}
	a.Ratings["cards[0].functions[9]"] = workforce.Rating{Path: "cards[0].functions[9]", Self: 2, Manager: 3} // no time, no author
	written := mustJSON(a.Ratings)
	for _, text := range []string{written, "{}", " { } ", strings.ReplaceAll(written, ",", " ,\n "),
		`{"a":{"path":"a","self":1,"extra":true}}`, `{"a\u0062":{"path":"ab","self":1}}`,
		`{"a":{"path":"a","self":-1,"manager":null}}`, `{"a":{"path":"b","updated_at":"2025-03-03T10:00:00+05:00"}}`, `{"a":{}}`} {
		var want map[string]workforce.Rating
		if err := json.Unmarshal([]byte(text), &want); err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		got, err := wfDecodeRatings(text)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v, %v\nwant %+v", text, got, err, want)
		}
	}
	if m, ok := wfFastRatings(written); !ok || len(m) != 5 {
		t.Errorf("the store's own form is not read fast: %v %v", m, ok)
	}
	for _, bad := range []string{"", "{", `{"a":{"path":"a"}`, `{"a":{"path":"a"}}}`, `{"a":{"self":1}`, `[]`, `{"a":{"self":x}}`} {
		if _, err := wfDecodeRatings(bad); err == nil {
			t.Errorf("%q decoded", bad)
		}
	}
}

// BenchmarkWorkforceSnapshot reads an organisation of 5,000 employees on
// the youth worker card (card 2 of M84120), each with 20 ratings, beside
// the baseline of reading the ratings column alone, undecoded.
//
//	go test -run '^$' -bench WorkforceSnapshot ./store
func BenchmarkWorkforceSnapshot(b *testing.B) {
	const employees, ratings = 5000, 20
	for _, backend := range benchBackends(b) {
		b.Run(backend, func(b *testing.B) {
			dsn := filepath.Join(b.TempDir(), "kasip.db")
			if backend == "postgres" {
				dsn = pgtest.Fresh(b)
			}
			s, org := wfBenchStore(b, dsn, employees, ratings)
			ctx := context.Background()
			b.Run("snapshot", func(b *testing.B) {
				for b.Loop() {
					snap, err := s.Snapshot(ctx, org, "")
					if err != nil {
						b.Fatal(err)
					}
					if len(snap.Employees) != employees || len(snap.Assessments) != employees {
						b.Fatalf("%d employees, %d assessments", len(snap.Employees), len(snap.Assessments))
					}
				}
			})
			b.Run("raw-ratings", func(b *testing.B) {
				for b.Loop() {
					rows, err := s.r.QueryContext(ctx, s.q("SELECT ratings FROM wf_assessments WHERE org_id = ?"), org)
					if err != nil {
						b.Fatal(err)
					}
					n, size := 0, 0
					for rows.Next() {
						var text sql.RawBytes
						if err := rows.Scan(&text); err != nil {
							b.Fatal(err)
						}
						n, size = n+1, size+len(text)
					}
					if err := rows.Close(); err != nil || n != employees {
						b.Fatalf("%d rows: %v", n, err)
					}
					b.ReportMetric(float64(size)/float64(n), "B/row")
				}
			})
		})
	}
}

// wfBenchStore fills a store with an organisation of n employees in 10
// units, each with the same k ratings (given through Rate once, then
// copied by SQL), and returns the organisation.
func wfBenchStore(b *testing.B, dsn string, n, k int) (*Store, int64) {
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	s.SetRecognitionClock(func() time.Time { return recStart })
	st, files := doc(b, seedYouth)
	if _, err := s.Import(ctx, st, files); err != nil {
		b.Fatal(err)
	}
	units := make([]string, 10)
	for i := range units {
		units[i] = fmt.Sprintf("Бөлім %d", i+1)
	}
	org := recMust(s.CreateOrganisation(ctx, 1, workforce.Organisation{Kind: workforce.KindEmployer, Name: "Үлкен ұйым",
		BIN: recBIN(b, 140), Units: units}))(b)
	pos := recMust(s.CreatePosition(ctx, 1, workforce.Position{OrgID: org.ID, Title: "Маман", Standard: "M84120", Card: 1, Detailed: true}))(b)
	first := recMust(s.CreateEmployee(ctx, 1, workforce.Employee{OrgID: org.ID, Name: "Қызметкер 00000", Unit: units[0], PositionID: pos.ID}))(b)
	items := workforce.Items(pos, &st.Cards[1])
	var in []workforce.RatingInput
	for i, it := range items[:k] {
		r := workforce.RatingInput{Path: it.Path, Self: lvl(i % 5), Manager: lvl((i + 2) % 5)}
		if i%4 == 0 {
			ev := "Курс сертификаты, 2024 ж."
			r.Evidence = &ev
		}
		in = append(in, r)
	}
	recMust(s.Rate(ctx, 1, first.ID, in))(b)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	for i := 1; i < n; i++ {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO wf_employees (org_id, name, unit, position_id, demo, created_at)
			VALUES (?, ?, ?, ?, FALSE, ?)`), org.ID, fmt.Sprintf("Қызметкер %05d", i), units[i%len(units)], pos.ID, recStart.UnixMicro()); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO wf_assessments (employee_id, org_id, ratings, updated_at)
		SELECT e.id, e.org_id, a.ratings, a.updated_at FROM wf_employees e, wf_assessments a
		WHERE e.org_id = ? AND a.employee_id = ? AND e.id <> a.employee_id`), org.ID, first.ID); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if s.d.name == "postgres" {
		if _, err := s.w.ExecContext(ctx, "ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
	return s, org.ID
}

// BenchmarkWorkforceDecodeRatings is the decoding of one employee's 20
// ratings, fast and by encoding/json.
func BenchmarkWorkforceDecodeRatings(b *testing.B) {
	st, _ := doc(b, seedYouth)
	pos := workforce.Position{Card: 1, Detailed: true, Required: 3}
	a := workforce.Assessment{}
	for i, it := range workforce.Items(pos, &st.Cards[1])[:20] {
		r := workforce.RatingInput{Path: it.Path, Self: lvl(i % 5), Manager: lvl((i + 2) % 5)}
		if i%4 == 0 {
			ev := "Курс сертификаты, 2024 ж."
			r.Evidence = &ev
		}
		a.Apply(r, 12, recStart.UTC())
	}
	text := mustJSON(a.Ratings)
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			if _, ok := wfFastRatings(text); !ok {
				b.Fatal("not read")
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			var m map[string]workforce.Rating
			if err := json.Unmarshal([]byte(text), &m); err != nil {
				b.Fatal(err)
			}
		}
	})
}
