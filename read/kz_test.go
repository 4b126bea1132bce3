package read

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kasip/kasip"
)

const (
	seedHotel = "../testdata/seeds/000_78fd8bd149563dd7.txt"
	seedYouth = "../testdata/seeds/004_0389e6b855ff2fb2.txt"
	ruTmpl    = "../testdata/kz/ru_template_M84120.txt"
)

func readOne(t *testing.T, path string) *kasip.Standard {
	t.Helper()
	sts, err := ReadFile(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 1 {
		t.Fatalf("%s: %d standards, want 1", path, len(sts))
	}
	return sts[0]
}

// skillShape is what the tests pin of a skill: numbers of abilities and
// knowledge items, and recognizability ("y", "n", "?").
type skillShape struct {
	abilities, knowledge int
	recognizable         string
}

func shapeOf(st *kasip.Standard) [][][]skillShape {
	var out [][][]skillShape
	for _, c := range st.Cards {
		var fs [][]skillShape
		for _, f := range c.Functions {
			var ss []skillShape
			for _, s := range f.Skills {
				r := "?"
				if s.Recognizable != nil {
					r = map[bool]string{true: "y", false: "n"}[*s.Recognizable]
				}
				ss = append(ss, skillShape{len(s.Abilities), len(s.Knowledge), r})
			}
			fs = append(fs, ss)
		}
		out = append(out, fs)
	}
	return out
}

func sameShape(t *testing.T, got, want [][][]skillShape) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("cards: got %d, want %d", len(got), len(want))
	}
	for c := range want {
		if len(got[c]) != len(want[c]) {
			t.Errorf("card %d: %d functions, want %d", c+1, len(got[c]), len(want[c]))
			continue
		}
		for f := range want[c] {
			if len(got[c][f]) != len(want[c][f]) {
				t.Errorf("card %d function %d: %d skills, want %d", c+1, f+1, len(got[c][f]), len(want[c][f]))
				continue
			}
			for s := range want[c][f] {
				if got[c][f][s] != want[c][f][s] {
					t.Errorf("card %d function %d skill %d: got %+v, want %+v", c+1, f+1, s+1, got[c][f][s], want[c][f][s])
				}
			}
		}
	}
}

func TestSeedHotel(t *testing.T) {
	st := readOne(t, seedHotel)
	if st.Code != "I55101015" || st.CodeOriginal != "" {
		t.Errorf("code = %q (original %q)", st.Code, st.CodeOriginal)
	}
	if got := st.Title["kk"]; got != "Қонақтармен өзара әрекеттестікті жүзеге асыру" {
		t.Errorf("title = %q", got)
	}
	if len(st.Terms) != 9 || len(st.Abbreviations) != 0 || len(st.OKED) != 7 {
		t.Errorf("terms %d, abbreviations %d, OKED %d; want 9, 0, 7", len(st.Terms), len(st.Abbreviations), len(st.OKED))
	}
	c := st.Cards[0]
	if c.Level != 6 || strings.Join(c.Codes, ",") != "4224-2" || c.Title["kk"] != "Қонақтармен байланыс менеджері" {
		t.Errorf("card: level %d codes %v title %q", c.Level, c.Codes, c.Title["kk"])
	}
	sameShape(t, shapeOf(st), [][][]skillShape{{
		{{3, 12, "n"}, {3, 3, "n"}},
		{{0, 0, "n"}, {4, 4, "n"}},
		{{0, 0, "n"}},
	}})
	if len(c.FunctionList) != 3 || len(c.Purpose) != 3 || len(c.Related) != 2 {
		t.Errorf("function list %d, purpose %d, related %d; want 3, 3, 2", len(c.FunctionList), len(c.Purpose), len(c.Related))
	}
	for i, r := range c.FunctionList {
		if r.Function != i || !r.Mandatory {
			t.Errorf("function list entry %d matched %d (mandatory %v)", i+1, r.Function, r.Mandatory)
		}
	}
	k := c.Functions[0].Skills[0].Knowledge
	if k[6].Text["kk"] != "Қауіпсіздік шаралары" || k[7].Text["kk"] != "Шет тілі." {
		t.Errorf("list with a missing full stop split wrongly: %q / %q", k[6].Text["kk"], k[7].Text["kk"])
	}
	tech := st.Technical
	if tech.ReviewDate != "2025-12-06" || tech.VersionText.Text["kk"] != "версия 2, 2022 г." {
		t.Errorf("review date %q, version text %+v", tech.ReviewDate, tech.VersionText)
	}
	if tech.Version != "2" || tech.Year != 2022 || tech.NationalBody == nil || tech.NationalBody.Date != "2024-01-16" {
		t.Errorf("technical: version %q year %d national body %+v", tech.Version, tech.Year, tech.NationalBody)
	}
	if len(tech.Developers) != 1 || len(tech.Developers[0].Contacts) != 4 {
		t.Errorf("developers: %+v", tech.Developers)
	}
}

func TestSeedYouth(t *testing.T) {
	st := readOne(t, seedYouth)
	if st.Code != "M84120" || st.CodeOriginal != "М84120" {
		t.Errorf("code = %q, original %q: want Latin M84120 with the Cyrillic spelling kept", st.Code, st.CodeOriginal)
	}
	if len(st.Cards) != 2 || len(st.CardList) != 2 {
		t.Fatalf("cards %d, card list %d", len(st.Cards), len(st.CardList))
	}
	if st.CardList[0].Level != 7 || st.Cards[0].Level != 6 || st.Cards[1].Level != 5 {
		t.Errorf("levels: list %d, cards %d %d", st.CardList[0].Level, st.Cards[0].Level, st.Cards[1].Level)
	}
	if got := strings.Join(st.Cards[0].Codes, ","); got != "1210-0-020,1210-0" {
		t.Errorf("card 1 codes %s", got)
	}
	if got := strings.Join(st.Cards[1].Codes, ","); got != "3412-0-003,3412-0" {
		t.Errorf("card 2 codes %s", got)
	}
	sameShape(t, shapeOf(st), [][][]skillShape{
		{{{7, 6, "y"}}, {{7, 9, "y"}}, {{4, 7, "y"}}},
		{{{3, 4, "y"}}, {{4, 3, "y"}}, {{3, 5, "y"}}, {{5, 6, "y"}}},
	})
	if got := st.Cards[0].Functions[0].Skills[0].Title["kk"]; got != "ЖРО қызметін ұйымдастыру" {
		t.Errorf("glued skill label not separated: %q", got)
	}
	// The list defines ЖРО; the description uses it.
	if r := st.Cards[0].FunctionList[0]; r.Function != 0 {
		t.Errorf("function list entry 1 (%q) not matched to its description", r.Title["kk"])
	}
	// Card 2 describes four functions but lists three; wording of the first differs.
	fl := st.Cards[1].FunctionList
	if len(fl) != 3 || fl[0].Function != 0 || fl[1].Function != 1 || fl[2].Function != 2 {
		t.Errorf("card 2 function list: %+v", fl)
	}
	if got := len(st.Cards[0].Specialities); got != 4 {
		t.Errorf("card 1 specialities: %d, want 4", got)
	}
	if st.Technical.ReviewDate != "2026-11-05" || st.Technical.Council.Date != "2023-11-23" || st.Technical.Council.Number != "01-04/12" {
		t.Errorf("technical: %+v / %+v", st.Technical.ReviewDate, st.Technical.Council)
	}
	if st.Order == nil || st.Order.Signatory == nil || len(st.Order.Clauses) != 7 {
		t.Errorf("order: %+v", st.Order)
	}
}

func TestRussianTemplate(t *testing.T) {
	st := readOne(t, ruTmpl)
	if st.Languages[0] != "ru" || st.Code != "M84120" || st.Title["ru"] == "" {
		t.Errorf("language %v code %q title %q", st.Languages, st.Code, st.Title["ru"])
	}
	sameShape(t, shapeOf(st), [][][]skillShape{{{{3, 2, "y"}}, {{3, 2, "n"}}}})
	if r := st.Cards[0].FunctionList[1]; r.Function != 1 {
		t.Errorf("abbreviation ОП defined in the list not matched: %+v", r)
	}
	if st.Technical.ReviewDate != "2026-11-05" || st.Technical.NationalBody.Date != "2023-10-13" {
		t.Errorf("dates: %q %+v", st.Technical.ReviewDate, st.Technical.NationalBody)
	}
	for _, n := range st.Notes {
		if n.Rule == "mixed-language" {
			t.Errorf("a Russian document with Russian labels got %v", n)
		}
	}
}

// TestSeedUnplaced pins what the reader leaves out of the model for the
// seeds: headings and boilerplate only.
func TestSeedUnplaced(t *testing.T) {
	want := map[string][]string{
		seedHotel: {
			"3 heading 1-ші тарау. Жалпы ережелер",
			"19 heading 2-ші тарау. Кәсіптік стандарттың паспорты",
			"35 heading 3-ші тарау. Кәсіптер карточкалары",
			"50 heading Еңбек функциялардың сипаттамасы",
			"69 heading СБШ-нің деңгейі:",
			"69 heading Кәсіптің атауы:",
			"73 heading 4-ші тарау. Кәсіптік стандарттың техникалық деректері",
			"81 boilerplate ’ ’",
		},
		seedYouth: {
			"28 boilerplate Бұйрығыменбекітілген",
			`30 heading "Мемлекеттік жастар саясаты саласындағы қызмет" кәсіптік стандарты`,
			"31 heading 1-тарау. Жалпы ережелер",
			"70 heading 2-тарау. Кәсіптік стандарттың паспорты",
			"95 heading 3-тарау. Мамандықтар карточкасы",
			"112 heading Еңбек функцияларының сипаттамасы",
			"130 heading СБШ деңгейі",
			"130 heading Кәсіп атауы",
			"148 heading Еңбек функцияларының сипаттамасы",
			"171 heading СБШ деңгейі",
			"171 heading Кәсіп атауы",
			"175 heading 4-тарау. Кәсіптік стандарттың техникалық деректері",
		},
	}
	for path, lines := range want {
		st := readOne(t, path)
		var got []string
		for _, u := range st.Unplaced {
			got = append(got, strings.Join([]string{strconv.Itoa(u.Origin.Line), u.Kind, u.Text}, " "))
		}
		if strings.Join(got, "\n") != strings.Join(lines, "\n") {
			t.Errorf("%s unplaced:\n%s\nwant:\n%s", filepath.Base(path), strings.Join(got, "\n"), strings.Join(lines, "\n"))
		}
	}
}

// TestProvenance checks that items point at the line they came from.
func TestProvenance(t *testing.T) {
	st := readOne(t, seedYouth)
	if st.Sources[0].SHA256 == "" || st.Sources[0].Format != FormatText || st.Sources[0].Encoding != EncUTF8 {
		t.Errorf("source: %+v", st.Sources[0])
	}
	k := st.Cards[0].Functions[1].Skills[0].Knowledge
	if k[8].Origin.Line != 121 {
		t.Errorf("knowledge item 9 of card 1 function 2 at line %d, want 121", k[8].Origin.Line)
	}
	fl := st.Cards[0].FunctionList
	if fl[0].Origin.Line != 108 || fl[1].Origin.Line != 109 || fl[2].Origin.Line != 110 {
		t.Errorf("function list lines %d %d %d, want 108 109 110", fl[0].Origin.Line, fl[1].Origin.Line, fl[2].Origin.Line)
	}
}

func TestGoldenKZ(t *testing.T) {
	for _, path := range []string{seedHotel, seedYouth, ruTmpl} {
		sts, err := ReadFile(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		checkGolden(t, filepath.Join("..", "testdata", "golden", "kz", name+".json"), sts)
	}
}
