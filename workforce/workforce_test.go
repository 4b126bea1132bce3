package workforce_test

import (
	"errors"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/jobdesc"
	"github.com/kasip/kasip/read"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/workforce"
)

const youthSeed = "../testdata/seeds/004_0389e6b855ff2fb2.txt" // M84120 v1: card 1 is the youth worker, 4 units

func youth(t *testing.T) *kasip.Standard {
	t.Helper()
	sts, err := read.ReadFile(youthSeed, read.Options{})
	if err != nil || len(sts) != 1 {
		t.Fatalf("read %s: %v", youthSeed, err)
	}
	return sts[0]
}

func lvl(n int) *int { return &n }

var now = time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC)

// A person's cells follow the rules: the manager's level over the
// employee's own, a valid certificate at least independent, a revoked one
// nothing; the gap is required minus assessed.
func TestPersonCells(t *testing.T) {
	st := youth(t)
	card := &st.Cards[1]
	pos := workforce.Position{ID: 1, Standard: st.Code, Version: st.VersionKey(), Card: 1, Required: workforce.LevelIndependent,
		RequiredFor: map[string]int{"cards[1].functions[0].skills[0]": workforce.LevelExpert}}
	items := workforce.Items(pos, card)
	if len(items) != 4 {
		t.Fatalf("%d items of an undetailed position on card 2, want its 4 units", len(items))
	}
	var as workforce.Assessment
	as.Apply(workforce.RatingInput{Path: items[0].Path, Self: lvl(4), Manager: lvl(2)}, 7, now)
	as.Apply(workforce.RatingInput{Path: items[1].Path, Self: lvl(1)}, 7, now)
	as.Apply(workforce.RatingInput{Path: items[2].Path, Manager: lvl(4)}, 7, now)
	cert := certificate.Certificate{Number: "KZ-1", StandardCode: st.Code, StandardVersion: st.VersionKey(), Card: 1, State: certificate.StatusValid,
		ExpiresAt: now.AddDate(1, 0, 0), Units: []certificate.Unit{{Path: items[3].Path, Kind: recognition.KindSkill}}}
	p := workforce.PersonOf(workforce.Employee{ID: 1, Name: "Әсел"}, pos, card, items, as, []certificate.Certificate{cert}, now)
	want := []workforce.Cell{
		{Required: 4, Self: 4, Manager: 2, Level: 2, Source: workforce.SourceManager, Gap: 2},
		{Required: 3, Self: 1, Manager: -1, Level: 1, Source: workforce.SourceSelf, Gap: 2},
		{Required: 3, Self: -1, Manager: 4, Level: 4, Source: workforce.SourceManager, Gap: 0},
		{Required: 3, Self: -1, Manager: -1, Level: 3, Source: workforce.SourceCertificate, Gap: 0, Certificate: "KZ-1"},
	}
	for i, c := range p.Cells {
		if c != want[i] {
			t.Errorf("cell %d (%s): %+v, want %+v", i, items[i].Code, c, want[i])
		}
	}
	if p.Gaps != 2 || p.Missing != 4 || p.Unassessed != 0 {
		t.Errorf("person %+v", p)
	}
	// Revoked: the unit is no longer confirmed, and not assessed.
	cert.State = certificate.StatusRevoked
	p = workforce.PersonOf(workforce.Employee{ID: 1}, pos, card, items, as, []certificate.Certificate{cert}, now)
	if c := p.Cells[3]; c.Assessed() || c.Certificate != "" || p.Unassessed != 1 {
		t.Errorf("after revocation: %+v, unassessed %d", c, p.Unassessed)
	}
	// Expired: the same.
	cert.State, cert.ExpiresAt = certificate.StatusValid, now.Add(-time.Hour)
	if p = workforce.PersonOf(workforce.Employee{ID: 1}, pos, card, items, as, []certificate.Certificate{cert}, now); p.Cells[3].Assessed() {
		t.Errorf("expired certificate still confirms: %+v", p.Cells[3])
	}
	// A certificate of another card confirms nothing.
	cert.ExpiresAt, cert.Card = now.AddDate(1, 0, 0), 0
	if p = workforce.PersonOf(workforce.Employee{ID: 1}, pos, card, items, as, []certificate.Certificate{cert}, now); p.Cells[3].Assessed() {
		t.Errorf("certificate of card 1 confirms card 2: %+v", p.Cells[3])
	}
	// An action on the two gaps closes when both are met.
	act := workforce.Action{Items: []string{items[0].Path, items[1].Path}}
	if workforce.Closed(act, items, p) {
		t.Error("closed with gaps open")
	}
	as.Apply(workforce.RatingInput{Path: items[0].Path, Manager: lvl(4)}, 7, now)
	as.Apply(workforce.RatingInput{Path: items[1].Path, Manager: lvl(3)}, 7, now)
	p = workforce.PersonOf(workforce.Employee{ID: 1}, pos, card, items, as, nil, now)
	if !workforce.Closed(act, items, p) {
		t.Errorf("not closed: %+v", p.Cells[:2])
	}
}

// The analysis of an organisation: a block per position, people ordered by
// what they miss, the top gaps by people below the requirement.
func TestAnalyse(t *testing.T) {
	st := youth(t)
	pos := workforce.Position{ID: 5, Standard: st.Code, Version: st.VersionKey(), Card: 1, Required: 3}
	items := workforce.Items(pos, &st.Cards[1])
	snap := workforce.Snapshot{Org: workforce.Organisation{ID: 1}, Positions: map[int64]workforce.Position{5: pos}, Assessments: map[int64]workforce.Assessment{}}
	for i, name := range []string{"Айгүл", "Бауыржан", "Гүлнар"} {
		e := workforce.Employee{ID: int64(i + 1), Name: name, PositionID: 5, Unit: "A"}
		snap.Employees = append(snap.Employees, e)
		var as workforce.Assessment
		for j, it := range items {
			if i == 2 && j > 0 {
				break // Гүлнар: one item assessed
			}
			as.Apply(workforce.RatingInput{Path: it.Path, Manager: lvl((i + j) % 4)}, 1, now)
		}
		snap.Assessments[e.ID] = as
	}
	snap.Employees = append(snap.Employees, workforce.Employee{ID: 9, Name: "Без должности"})
	cards := func(p workforce.Position) (*kasip.Card, bool) { return &st.Cards[p.Card], true }
	a := workforce.Analyse(snap, "", cards, now, 3)
	if a.People != 4 || len(a.Blocks) != 1 || len(a.Unplaced) != 1 || a.Unplaced[0].ID != 9 {
		t.Fatalf("analysis: people %d, blocks %d, unplaced %v", a.People, len(a.Blocks), a.Unplaced)
	}
	b := a.Blocks[0]
	// Levels: Айгүл 0 1 2 3 (missing 3+2+1), Бауыржан 1 2 3 0 (2+1+3), Гүлнар 2 (1).
	if b.People[0].Missing != 6 || b.People[1].Missing != 6 || b.People[2].Employee.Name != "Гүлнар" || b.People[2].Unassessed != 3 {
		t.Errorf("order: %+v", b.People)
	}
	if b.People[0].Employee.Name != "Айгүл" {
		t.Errorf("equal missing: by name, got %s first", b.People[0].Employee.Name)
	}
	g := b.ItemGaps[0] // levels 0, 1, 2: all three below 3
	if g.People != 3 || g.Assessed != 3 || g.WithGap != 3 || g.Missing != 6 || g.MeanLevel != 1 {
		t.Errorf("item 1: %+v", g)
	}
	if len(a.Top) != 3 || a.Top[0].Item.Path != items[0].Path || a.WithGap != 3 {
		t.Errorf("top %+v, with gap %d", a.Top, a.WithGap)
	}
	if u := workforce.Analyse(snap, "B", cards, now, 3); u.People != 0 || len(u.Blocks) != 0 {
		t.Errorf("unit B: %+v", u)
	}
}

// The coverage matrix counted by hand on the youth worker card: three
// modules, outcomes mapping a unit, knowledge under it, and a function.
func TestCoverageByHand(t *testing.T) {
	st := youth(t)
	card := &st.Cards[1]
	units := recognition.Units(card, 1)
	u0, u1 := units[0], units[1]
	if len(u0.Knowledge) < 2 {
		t.Fatalf("unit %s has %d knowledge items", u0.Path, len(u0.Knowledge))
	}
	ref := workforce.CardRef{Standard: st.Code, Version: st.VersionKey(), Card: 1}
	it := func(path string) workforce.ItemRef { return workforce.ItemRef{Standard: st.Code, Path: path} }
	pr := workforce.EduProgramme{Speciality: "0101000", Title: "Жастармен жұмыс", Cards: []workforce.CardRef{ref}, Modules: []workforce.Module{
		{Code: "M1", Title: "Кіріспе", Outcomes: []workforce.Outcome{
			{Text: "a", Items: []workforce.ItemRef{it(u0.Path), it(u0.Knowledge[0].Path)}},
			{Text: "b", Items: []workforce.ItemRef{it(u0.Knowledge[0].Path), it(u0.Knowledge[0].Path)}}, // the same item twice counts once
		}},
		{Code: "M2", Title: "Практика", Outcomes: []workforce.Outcome{{Text: "c", Items: []workforce.ItemRef{it(u0.Knowledge[0].Path)}}}},
		{Code: "M3", Title: "Бос", Outcomes: []workforce.Outcome{}},
	}}
	if err := pr.Validate(); err != nil {
		t.Fatal(err)
	}
	m := workforce.Coverage(pr, func(workforce.CardRef) (*kasip.Standard, bool) { return st, true })
	row := func(path string) workforce.Row {
		for _, r := range m.Rows {
			if r.Path == path {
				return r
			}
		}
		t.Fatalf("no row %s", path)
		return workforce.Row{}
	}
	if r := row(u0.Knowledge[0].Path); r.Counts[0] != 2 || r.Counts[1] != 1 || r.Counts[2] != 0 || r.Total != 3 {
		t.Errorf("knowledge row %+v", r)
	}
	if r := row(u0.Path); r.Counts[0] != 1 || r.Total != 1 || !r.Taught {
		t.Errorf("unit row %+v", r)
	}
	if r := row(u1.Path); r.Taught || r.Total != 0 {
		t.Errorf("unit 2 taught: %+v", r)
	}
	if r := row(recognition.FunctionPath(1, u0.Function)); !r.Taught {
		t.Errorf("function of a taught unit not taught: %+v", r)
	}
	var items, knowledge int
	for _, u := range units {
		items += len(u.Abilities) + len(u.Knowledge)
		knowledge += len(u.Knowledge)
	}
	tot := m.Totals()
	if tot.Units != len(units) || tot.UnitsTaught != 1 || tot.Items != items || tot.ItemsTaught != 1 {
		t.Errorf("totals %+v (units %d, items %d)", tot, len(units), items)
	}
	if len(m.Uncovered) != len(units)-1+items-1 {
		t.Errorf("%d uncovered, want %d", len(m.Uncovered), len(units)-1+items-1)
	}
	// A newer version retitling the unit flags the outcomes under it.
	m.Flag(func(workforce.CardRef) (string, []kasip.Change) {
		return "2", []kasip.Change{{Path: u0.Path + ".title", Kind: kasip.ChangeChanged}, {Path: "cards[1].title", Kind: kasip.ChangeChanged}}
	})
	if len(m.Flagged) != 5 { // a: two items, b: one item twice, c: one item
		t.Errorf("%d flagged: %+v", len(m.Flagged), m.Flagged)
	}
}

// Edits of a job description replace the generated section, and say when
// the standard's wording has changed under them.
func TestDescribeKeepsEdits(t *testing.T) {
	st := youth(t)
	pos := workforce.Position{Title: "Жастар ісі жөніндегі маман", Standard: st.Code, Card: 1, Required: 3}
	d, _, err := workforce.Describe(pos, st, "kk")
	if err != nil {
		t.Fatal(err)
	}
	duties := d.Sections[2]
	pos.Edits = map[string]workforce.Edit{workforce.EditKey("kk", "duties"): workforce.NewEdit(duties, []string{"Бірінші міндет", " ", "Екінші"}, 1, now)}
	if err := pos.Validate(workforce.Organisation{}); err != nil {
		t.Fatal(err)
	}
	d2, states, err := workforce.Describe(pos, st, "kk")
	if err != nil {
		t.Fatal(err)
	}
	if d2.Title != pos.Title || len(d2.Sections[2].Lines) != 2 || d2.Sections[2].Lines[1].Number != "3.2" || len(d2.Sections[2].Lines[1].Sources) != 0 {
		t.Errorf("edited duties %+v", d2.Sections[2])
	}
	if !states[2].Edited || states[2].Outdated || states[3].Edited {
		t.Errorf("states %+v", states)
	}
	// The standard changes the duties: the edit stays, marked outdated.
	st.Cards[1].Functions[0].Title = kasip.Text{"kk": "Жаңа атау"}
	_, states, _ = workforce.Describe(pos, st, "kk")
	if !states[2].Outdated {
		t.Error("a changed standard does not mark the edit outdated")
	}
	pos.Edits["en/duties"] = workforce.Edit{}
	if err := pos.Validate(workforce.Organisation{}); !errors.Is(err, kasip.ErrInvalid) {
		t.Errorf("edit in en: %v", err)
	}
	if len(jobdesc.SectionKeys) != len(d.Sections) {
		t.Errorf("SectionKeys %v", jobdesc.SectionKeys)
	}
}

// BINs are checked with their check digit; units must be the
// organisation's.
func TestOrganisationValidate(t *testing.T) {
	bin, err := recognition.CompleteNumber("0501400", 1)
	if err != nil {
		t.Fatal(err)
	}
	good := workforce.Organisation{Kind: workforce.KindEmployer, Name: " Қонақ үй ", BIN: bin, Units: []string{"Ресепшн", "Ресепшн", " "}}.Normalized()
	if err := good.Validate(); err != nil || len(good.Units) != 1 || good.Name != "Қонақ үй" {
		t.Errorf("valid organisation %+v: %v", good, err)
	}
	bad := good
	bad.BIN, bad.Kind = "123456789012", "shop"
	err = bad.Validate()
	if es := recognition.Errors(err); len(es) < 2 {
		t.Errorf("want the kind and the BIN refused, got %v", err)
	}
	if err := (workforce.Member{UserID: 1, Role: workforce.RoleHead}).Validate(good); !errors.Is(err, kasip.ErrInvalid) {
		t.Errorf("head without unit: %v", err)
	}
	if err := (workforce.Member{UserID: 1, Role: workforce.RoleHead, Unit: "Ресепшн"}).Validate(good); err != nil {
		t.Errorf("head of a unit: %v", err)
	}
}
