package recognition_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"
	"github.com/kasip/kasip/recognition"
)

// Real standards (see ../testdata and docs/DOMAIN.md).
const (
	seedYouth = "../testdata/seeds/004_0389e6b855ff2fb2.txt" // M84120 v1: 2 cards, every skill recognizable
	seedHotel = "../testdata/seeds/000_78fd8bd149563dd7.txt" // I55101015 v2: 1 card, no skill recognizable
	xmlCNC    = "../testdata/ru/PS_25.005_reg27.xml"         // 25.005: functions without skills
)

func standard(t testing.TB, path string) *kasip.Standard {
	t.Helper()
	sts, err := read.ReadFile(path, read.Options{})
	if err != nil || len(sts) != 1 {
		t.Fatalf("read %s: %d standards, %v", path, len(sts), err)
	}
	return sts[0]
}

// wholeProgramme is a whole-card programme of card ci of st with a theory
// and a practice component, and a bank that covers every item: one
// question per knowledge item, one task per ability, and a task for any
// unit that has neither.
func wholeProgramme(st *kasip.Standard, ci int) recognition.Programme {
	card := &st.Cards[ci]
	p := recognition.Programme{StandardCode: st.Code, StandardVersion: st.VersionKey(), Card: ci, Level: card.Level,
		Title: kasip.Text{"kk": card.Title.Best("kk")}, Whole: true,
		Components: []recognition.Component{
			{Kind: recognition.ComponentTheory, Format: recognition.FormatOnline, Minutes: 60},
			{Kind: recognition.ComponentPractice, Threshold: 60, Format: recognition.FormatOffline, Equipment: "компьютер", Minutes: 120},
		}}
	p.Normalize(card, recognition.DefaultSettings())
	fillBank(&p, card)
	return p
}

func fillBank(p *recognition.Programme, card *kasip.Card) {
	for _, u := range recognition.Units(card, p.Card) {
		if !contains(p.Units, u.Path) {
			continue
		}
		for _, k := range u.Knowledge {
			p.Questions = append(p.Questions, recognition.Question{Text: kasip.Text{"kk": "Сұрақ: " + k.Text.Best()},
				Choices: []kasip.Text{{"kk": "иә"}, {"kk": "жоқ"}}, Correct: []int{0}, Knowledge: []string{k.Path}})
		}
		for _, a := range u.Abilities {
			p.Tasks = append(p.Tasks, recognition.Task{Text: kasip.Text{"kk": "Тапсырма: " + a.Text.Best()}, Abilities: []string{a.Path}})
		}
		if len(u.Knowledge)+len(u.Abilities) == 0 {
			p.Tasks = append(p.Tasks, recognition.Task{Text: kasip.Text{"kk": "Тапсырма"}, Units: []string{u.Path}})
		}
	}
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func TestUnitsOfRealCards(t *testing.T) {
	youth := standard(t, seedYouth)
	us := recognition.Units(&youth.Cards[1], 1)
	if len(us) != 4 {
		t.Fatalf("youth worker card: %d units, want 4 (one skill per labour function)", len(us))
	}
	if us[0].Path != "cards[1].functions[0].skills[0]" || !us[0].IsRecognizable() || len(us[0].Knowledge) != 4 || len(us[0].Abilities) != 3 {
		t.Errorf("first unit %+v", us[0])
	}
	if us[0].Knowledge[3].Path != "cards[1].functions[0].skills[0].knowledge[3]" {
		t.Errorf("knowledge path %s", us[0].Knowledge[3].Path)
	}
	cnc := standard(t, xmlCNC)
	us = recognition.Units(&cnc.Cards[0], 0)
	if len(us) != 4 || us[0].Path != "cards[0].functions[0]" || us[0].Skill != -1 || len(us[0].Knowledge) != 21 {
		t.Errorf("Russian card: units %d, first %s skill %d knowledge %d", len(us), us[0].Path, us[0].Skill, len(us[0].Knowledge))
	}
}

func TestResolve(t *testing.T) {
	youth := standard(t, seedYouth)
	card := &youth.Cards[1]
	r, err := recognition.Resolve(card, 1, "cards[1].functions[2].skills[0].abilities[1]")
	if err != nil || r.Kind != recognition.KindAbility || r.Unit != "cards[1].functions[2].skills[0]" || r.Text.IsEmpty() {
		t.Errorf("Resolve = %+v, %v", r, err)
	}
	for _, bad := range []string{
		"", "cards[0].functions[0].skills[0]", // another card
		"cards[1].functions[9]", "cards[1].functions[0].skills[1]",
		"cards[1].functions[0].skills[0].knowledge[99]", "cards[1].functions[0].knowledge[0]", // the function has skills
		"cards[1].functions[0].skills[0].title[0]", "cards[1].functions[x]", "cards[1].functions[01]",
		"cards[1].functions[0].skills[0].knowledge[0].extra[0]", "cards[1]..functions[0]",
	} {
		if _, err := recognition.Resolve(card, 1, bad); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("Resolve(%q) = %v, want ErrInvalid", bad, err)
		}
	}
	cnc := standard(t, xmlCNC)
	if r, err := recognition.Resolve(&cnc.Cards[1], 1, "cards[1].functions[2].knowledge[29]"); err != nil || r.Unit != "cards[1].functions[2]" {
		t.Errorf("Russian knowledge: %+v, %v", r, err)
	}
}

func TestProgrammeValidateAndCoverage(t *testing.T) {
	youth := standard(t, seedYouth)
	card := &youth.Cards[1]
	p := wholeProgramme(youth, 1)
	if err := p.Validate(card); err != nil {
		t.Fatalf("whole programme: %v", err)
	}
	rep := recognition.Coverage(card, p)
	if !rep.Complete() || rep.Knowledge != 18 || rep.KnowledgeCovered != 18 || rep.Abilities != 15 || rep.AbilitiesCovered != 15 {
		t.Errorf("full bank: %+v", rep)
	}
	if fs := p.Functions(); len(fs) != 4 || fs[3] != "cards[1].functions[3]" {
		t.Errorf("functions %v", fs)
	}

	// Drop the question on knowledge[2] of the second skill and the task on
	// its first ability: exactly those two are gaps, with their text.
	gapK := "cards[1].functions[1].skills[0].knowledge[2]"
	gapA := "cards[1].functions[1].skills[0].abilities[0]"
	q := p
	q.Questions = filter(p.Questions, func(x recognition.Question) bool { return x.Knowledge[0] != gapK })
	q.Tasks = filter(p.Tasks, func(x recognition.Task) bool { return len(x.Abilities) == 0 || x.Abilities[0] != gapA })
	rep = recognition.Coverage(card, q)
	if rep.Complete() || len(rep.Gaps) != 2 {
		t.Fatalf("gaps %+v", rep.Gaps)
	}
	want := card.Functions[1].Skills[0].Knowledge[2].Text.Best()
	if g := rep.Gaps[0]; g.Kind != recognition.GapKnowledge || g.Path != gapK || g.Text.Best() != want {
		t.Errorf("gap %+v, want %s %q", g, gapK, want)
	}
	if g := rep.Gaps[1]; g.Kind != recognition.GapAbility || g.Path != gapA || g.Text.IsEmpty() {
		t.Errorf("gap %+v", g)
	}
	if rep.Units[1].KnowledgeCovered != 2 || rep.Units[1].Knowledge != 3 {
		t.Errorf("unit coverage %+v", rep.Units[1])
	}

	// An empty bank: every item is a gap.
	q.Questions, q.Tasks = nil, nil
	if rep := recognition.Coverage(card, q); len(rep.Gaps) != 18+15 {
		t.Errorf("empty bank: %d gaps, want 33", len(rep.Gaps))
	}
}

func filter[T any](s []T, keep func(T) bool) []T {
	var out []T
	for _, x := range s {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func TestPartialProgrammeAndPortfolio(t *testing.T) {
	youth := standard(t, seedYouth)
	card := &youth.Cards[0]
	unit := "cards[0].functions[1].skills[0]"
	p := recognition.Programme{StandardCode: youth.Code, StandardVersion: "1", Card: 0, Level: 6, Units: []string{unit},
		Components: []recognition.Component{
			{Kind: recognition.ComponentTheory, Threshold: 70, Format: recognition.FormatOnline},
			{Kind: recognition.ComponentPortfolio, Threshold: 80, Format: recognition.FormatOffline},
		}}
	fillBank(&p, card)
	if err := p.Validate(card); err != nil {
		t.Fatalf("partial programme with a portfolio of a recognizable skill: %v", err)
	}
	if rep := recognition.Coverage(card, p); len(rep.Units) != 1 || rep.Knowledge != 9 {
		t.Errorf("partial coverage %+v", rep)
	}
	// A question on a skill outside the programme is refused.
	p.Questions = append(p.Questions, recognition.Question{Text: kasip.Text{"kk": "?"},
		Knowledge: []string{"cards[0].functions[0].skills[0].knowledge[0]"}})
	if err := p.Validate(card); !errors.Is(err, kasip.ErrInvalid) || !strings.Contains(err.Error(), "outside the programme's units") {
		t.Errorf("question outside the units: %v", err)
	}

	// The hotel standard marks no skill recognizable: no portfolio route.
	hotel := standard(t, seedHotel)
	h := wholeProgramme(hotel, 0)
	h.Components = append(h.Components, recognition.Component{Kind: recognition.ComponentPortfolio, Threshold: 70,
		Format: recognition.FormatOffline, Units: []string{"cards[0].functions[0].skills[1]"}})
	err := h.Validate(&hotel.Cards[0])
	if !errors.Is(err, kasip.ErrInvalid) || !slices.Equal(errorKeys(err), []string{"programme.portfolio"}) || recognition.Errors(err)[0].Args["unit"] != "cards[0].functions[0].skills[1]" {
		t.Errorf("portfolio of a non-recognizable skill: %v", err)
	}
}

func TestProgrammeValidateProblems(t *testing.T) {
	youth := standard(t, seedYouth)
	card := &youth.Cards[1]
	for name, edit := range map[string]func(p *recognition.Programme){
		"level":         func(p *recognition.Programme) { p.Level = 6 },
		"no units":      func(p *recognition.Programme) { p.Units, p.Whole = nil, false },
		"whole partial": func(p *recognition.Programme) { p.Units = p.Units[:1] },
		"unknown unit":  func(p *recognition.Programme) { p.Whole = false; p.Units = []string{"cards[1].functions[7].skills[0]"} },
		"twice":         func(p *recognition.Programme) { p.Whole = false; p.Units = []string{p.Units[0], p.Units[0]} },
		"no component":  func(p *recognition.Programme) { p.Components = nil },
		"kind":          func(p *recognition.Programme) { p.Components[0].Kind = "oral" },
		"two theory":    func(p *recognition.Programme) { p.Components[1].Kind = recognition.ComponentTheory },
		"threshold":     func(p *recognition.Programme) { p.Components[0].Threshold = 101 },
		"format":        func(p *recognition.Programme) { p.Components[0].Format = "hybrid" },
		"only portfolio": func(p *recognition.Programme) {
			p.Components = p.Components[:1]
			p.Components[0].Kind = recognition.ComponentPortfolio
		},
		"question kind": func(p *recognition.Programme) {
			p.Questions[0].Knowledge = []string{"cards[1].functions[0].skills[0].abilities[0]"}
		},
		"task no link":  func(p *recognition.Programme) { p.Tasks[0].Abilities = nil },
		"correct range": func(p *recognition.Programme) { p.Questions[0].Correct = []int{5} },
	} {
		p := wholeProgramme(youth, 1)
		edit(&p)
		if err := p.Validate(card); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
}

func TestRussianProgramme(t *testing.T) {
	cnc := standard(t, xmlCNC)
	p := wholeProgramme(cnc, 1)
	if err := p.Validate(&cnc.Cards[1]); err != nil {
		t.Fatal(err)
	}
	rep := recognition.Coverage(&cnc.Cards[1], p)
	if !rep.Complete() || len(rep.Units) != 5 {
		t.Errorf("coverage of a Russian card: complete %v, %d units", rep.Complete(), len(rep.Units))
	}
	// Russian functions say nothing of recognizability: no portfolio.
	p.Components = append(p.Components, recognition.Component{Kind: recognition.ComponentPortfolio, Threshold: 50, Format: recognition.FormatOnline})
	if err := p.Validate(&cnc.Cards[1]); !errors.Is(err, kasip.ErrInvalid) {
		t.Errorf("portfolio on a Russian card: %v", err)
	}
}

func TestProgrammeMovesAndNewVersion(t *testing.T) {
	youth := standard(t, seedYouth)
	p := wholeProgramme(youth, 1)
	p.ID, p.Status, p.Version, p.AuthorUserID = 7, recognition.ProgrammeApproved, 2, 10
	if err := p.CheckEditable(); !errors.Is(err, recognition.ErrImmutable) || !errors.Is(err, recognition.ErrConflict) {
		t.Errorf("approved editable: %v", err)
	}
	if err := p.CheckMove(recognition.ProgrammeSubmitted); !errors.Is(err, recognition.ErrIllegalTransition) {
		t.Errorf("approved → submitted: %v", err)
	}
	if err := p.CheckMove(recognition.ProgrammeRetired); err != nil {
		t.Errorf("approved → retired: %v", err)
	}
	n := p.NewVersion(11)
	if n.ID != 0 || n.PreviousID != 7 || n.Version != 3 || n.Status != recognition.ProgrammeDraft || n.AuthorUserID != 11 ||
		len(n.Questions) != len(p.Questions) || n.Questions[0].ID != 0 {
		t.Errorf("new version %+v", n)
	}
	n.Units[0] = "changed"
	if p.Units[0] == "changed" {
		t.Error("the new version shares its units with the old one")
	}
}

func ExampleCoverage() {
	// A one-skill programme with one question and no task.
	card := &kasip.Card{Level: 5, Functions: []kasip.Function{{Mandatory: true, Skills: []kasip.Skill{{
		Title:     kasip.Text{"ru": "Навык"},
		Abilities: []kasip.Item{{Text: kasip.Text{"ru": "Умение"}}},
		Knowledge: []kasip.Item{{Text: kasip.Text{"ru": "Знание 1"}}, {Text: kasip.Text{"ru": "Знание 2"}}},
	}}}}}
	p := recognition.Programme{Card: 0, Units: []string{"cards[0].functions[0].skills[0]"},
		Questions: []recognition.Question{{Knowledge: []string{"cards[0].functions[0].skills[0].knowledge[0]"}}}}
	rep := recognition.Coverage(card, p)
	for _, g := range rep.Gaps {
		fmt.Println(g.Kind, g.Path, g.Text.Best())
	}
	// Output:
	// knowledge cards[0].functions[0].skills[0].knowledge[1] Знание 2
	// ability cards[0].functions[0].skills[0].abilities[0] Умение
}
