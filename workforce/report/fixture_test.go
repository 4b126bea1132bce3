package report_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/read"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/workforce"
)

// The youth worker card of M84120 (Kazakh, two cards): card 2 has four
// units, 37 items on a detailed position.
const youthSeed = "../../testdata/seeds/004_0389e6b855ff2fb2.txt"

var (
	now = time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC)

	youthOnce sync.Once
	youthStd  *kasip.Standard
	youthErr  error
)

// youth reads the seed once; callers must not change it.
func youth(t testing.TB) *kasip.Standard {
	t.Helper()
	youthOnce.Do(func() {
		var sts []*kasip.Standard
		sts, youthErr = read.ReadFile(youthSeed, read.Options{})
		if youthErr == nil && len(sts) == 1 && len(sts[0].Cards) == 2 {
			youthStd = sts[0]
		} else if youthErr == nil {
			youthErr = errUnexpected
		}
	})
	if youthErr != nil {
		t.Fatalf("read %s: %v", youthSeed, youthErr)
	}
	return youthStd
}

var errUnexpected = errors.New("not one standard of two cards")

func lvl(n int) *int { return &n }

// Names of the staff: a long one with every Kazakh letter, one that
// needs escaping.
const (
	longName   = "Әсел Ғалымқызы Қоңыр-Өмірұлы Үмбет Һәкім Іңкәр"
	escapeName = `Ерлан <b>"Қ" & 'Ж'</b>`
	posTitle   = "Жастар ісі жөніндегі маман [аға]: жоба/бағдарлама*?"
)

// gapAnalysis is the analysis of five employees on a detailed position
// on card 2 of the youth standard: levels by hand, a certificate, one
// unit needing level 4.
func gapAnalysis(t testing.TB) workforce.Analysis {
	t.Helper()
	a, _ := gapFixture(t)
	return a
}

// gapFixture is gapAnalysis and, beside it, the block of the same people
// over every item of the detailed position (units, abilities and
// knowledge), made with PersonOf: the heat map of a person's own
// analysis, whatever columns Analyse puts in its blocks.
func gapFixture(t testing.TB) (workforce.Analysis, workforce.Block) {
	t.Helper()
	st := youth(t)
	card := &st.Cards[1]
	pos := workforce.Position{ID: 7, OrgID: 1, Title: posTitle, Unit: "Орталық", Standard: st.Code, Version: st.VersionKey(),
		Card: 1, Required: workforce.LevelIndependent, Detailed: true}
	items := workforce.Items(pos, card)
	pos.RequiredFor = map[string]int{items[0].Path: workforce.LevelExpert}
	items = workforce.Items(pos, card)
	units := recognition.Units(card, 1)

	snap := workforce.Snapshot{
		Org:          workforce.Organisation{ID: 1, Kind: workforce.KindEmployer, Name: "Астана жастар ресурстық орталығы", Units: []string{"Орталық"}},
		Positions:    map[int64]workforce.Position{7: pos},
		Assessments:  map[int64]workforce.Assessment{},
		Certificates: map[int64][]certificate.Certificate{},
	}
	add := func(id int64, name string, rate func(j int, it workforce.Item) *workforce.RatingInput) {
		e := workforce.Employee{ID: id, OrgID: 1, Name: name, Unit: "Орталық", PositionID: 7}
		snap.Employees = append(snap.Employees, e)
		var as workforce.Assessment
		for j, it := range items {
			if in := rate(j, it); in != nil {
				in.Path = it.Path
				as.Apply(*in, 1, now)
			}
		}
		snap.Assessments[id] = as
	}
	// Manager's levels 0…4 round the items: every gap there is.
	add(1, "Бауыржан Сейітов", func(j int, _ workforce.Item) *workforce.RatingInput {
		return &workforce.RatingInput{Self: lvl(4), Manager: lvl(j % 5)}
	})
	// Only her own assessment, of the first ten items.
	add(2, "Гүлнар Иманова", func(j int, _ workforce.Item) *workforce.RatingInput {
		if j >= 10 {
			return nil
		}
		return &workforce.RatingInput{Self: lvl(2)}
	})
	// Level 1 everywhere.
	add(3, longName, func(int, workforce.Item) *workforce.RatingInput { return &workforce.RatingInput{Manager: lvl(1)} })
	// The units at 4, nothing else.
	add(4, escapeName, func(_ int, it workforce.Item) *workforce.RatingInput {
		if !it.IsUnit() {
			return nil
		}
		return &workforce.RatingInput{Manager: lvl(4)}
	})
	// No assessment, a certificate of units 1.1 (needing 4: a gap of 1)
	// and 2.1 (met).
	add(5, "Дәурен Жақсылықов", func(int, workforce.Item) *workforce.RatingInput { return nil })
	snap.Employees[4].CandidateID = 55
	snap.Certificates[55] = []certificate.Certificate{{Number: "KZ-0001", StandardCode: st.Code, StandardVersion: st.VersionKey(),
		Card: 1, State: certificate.StatusValid, ExpiresAt: now.AddDate(1, 0, 0),
		Units: []certificate.Unit{{Path: units[0].Path, Kind: recognition.KindSkill}, {Path: units[1].Path, Kind: recognition.KindSkill}}}}

	cards := func(p workforce.Position) (*kasip.Card, bool) {
		if p.Standard != st.Code || p.Card < 0 || p.Card >= len(st.Cards) {
			return nil, false
		}
		return &st.Cards[p.Card], true
	}
	a := workforce.Analyse(snap, "", cards, now, 10)
	if len(a.Blocks) != 1 || len(a.Blocks[0].People) != 5 || len(a.Blocks[0].Items) < len(units) || len(items) != 37 {
		t.Fatalf("analysis: %d blocks, %d unplaced", len(a.Blocks), len(a.Unplaced))
	}
	detailed := workforce.Block{Position: pos, Items: items}
	for _, e := range snap.Employees {
		detailed.People = append(detailed.People, workforce.PersonOf(e, pos, card, items, snap.Assessments[e.ID], snap.Certificates[e.CandidateID], now))
	}
	return a, detailed
}

// person is the person called name in b.
func person(t testing.TB, b workforce.Block, name string) (int, workforce.Person) {
	t.Helper()
	for i, p := range b.People {
		if p.Employee.Name == name {
			return i, p
		}
	}
	t.Fatalf("no %s in the block", name)
	return 0, workforce.Person{}
}

// coverage is a programme of three modules over card 2 of the youth
// standard, flagged by a newer version retitling its first unit.
func coverage(t testing.TB) workforce.Matrix {
	t.Helper()
	st := youth(t)
	units := recognition.Units(&st.Cards[1], 1)
	u0, u1, u2 := units[0], units[1], units[2]
	ref := workforce.CardRef{Standard: st.Code, Version: st.VersionKey(), Card: 1}
	it := func(path string) workforce.ItemRef { return workforce.ItemRef{Standard: st.Code, Path: path} }
	pr := workforce.EduProgramme{ID: 3, Speciality: "0101000", Title: "Жастармен жұмыс: әлеуметтік педагогика",
		Qualification: "Әлеуметтік педагог", Cards: []workforce.CardRef{ref}, Modules: []workforce.Module{
			{Code: "ПМ 01", Title: "Жастарға кеңес беру негіздері", Outcomes: []workforce.Outcome{
				{Code: "ОН 1.1", Text: "Жастарға бастапқы кеңес береді", Items: []workforce.ItemRef{it(u0.Path), it(u0.Knowledge[0].Path)}},
				{Code: "ОН 1.2", Text: "Заңнаманы біледі", Items: []workforce.ItemRef{it(u0.Knowledge[0].Path), it(u0.Knowledge[1].Path)}},
			}},
			{Code: "ПМ 02", Title: "Оқыту іс-шаралары", Outcomes: []workforce.Outcome{
				{Text: "Оқыту іс-шараларын өткізеді", Items: []workforce.ItemRef{it(u1.Path), it(u1.Abilities[0].Path), it(u0.Knowledge[0].Path)}},
			}},
			{Code: "ПМ 03", Title: "Сапаны арттыру", Outcomes: []workforce.Outcome{
				{Text: "Кері байланыс жинайды", Items: []workforce.ItemRef{it(u2.Abilities[0].Path)}},
			}},
		}}
	if err := pr.Validate(); err != nil {
		t.Fatal(err)
	}
	m := workforce.Coverage(pr, func(workforce.CardRef) (*kasip.Standard, bool) { return st, true })
	m.Flag(func(workforce.CardRef) (string, []kasip.Change) {
		return "2", []kasip.Change{{Path: u0.Path + ".title", Kind: kasip.ChangeChanged}, {Path: u0.Knowledge[1].Path, Kind: kasip.ChangeRemoved}}
	})
	if len(m.Rows) == 0 || len(m.Uncovered) == 0 || len(m.Flagged) == 0 {
		t.Fatalf("matrix: %d rows, %d uncovered, %d flagged", len(m.Rows), len(m.Uncovered), len(m.Flagged))
	}
	return m
}
