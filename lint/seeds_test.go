package lint

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kasip/kasip/read"
)

// The two seeds are real standards with real defects, read by the reader.
// These tests pin what the linter finds in them on 2026-11-22. Each defect
// below was checked by hand in the source text (line numbers are the
// seed's).

func lintSeed(t *testing.T, name string) []Finding {
	t.Helper()
	path := filepath.Join("..", "testdata", "seeds", name)
	sts, err := read.ReadFile(path, read.Options{})
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	if len(sts) != 1 {
		t.Fatalf("%s holds %d standards, want 1", name, len(sts))
	}
	fs := Check(sts[0], Options{Today: today})
	for _, f := range fs {
		if f.Source.File != name {
			t.Errorf("finding points at file %q, want %q: %+v", f.Source.File, name, f)
		}
	}
	return fs
}

// want describes an expected finding; empty fields match anything.
type want struct {
	rule, sev, path string
	line            int
	part            string // part of the message
	why             string // the defect in the source, for the failure message
}

func (w want) matches(f Finding) bool {
	return f.Rule == w.rule && (w.sev == "" || string(f.Severity) == w.sev) && (w.path == "" || f.Path == w.path) &&
		(w.line == 0 || f.Source.Line == w.line) && strings.Contains(f.Message, w.part)
}

func expect(t *testing.T, fs []Finding, ws []want) {
	t.Helper()
	for _, w := range ws {
		if !slices.ContainsFunc(fs, w.matches) {
			t.Errorf("missing %s %s at %q line %d (%q): %s", w.sev, w.rule, w.path, w.line, w.part, w.why)
		}
	}
}

// expectOnly checks that rule reports exactly the paths given (none when
// paths is empty): the false positives a rule must not produce on real text.
func expectOnly(t *testing.T, fs []Finding, rule string, paths ...string) {
	t.Helper()
	var got []string
	for _, f := range fs {
		if f.Rule == rule {
			got = append(got, fmt.Sprintf("%s (line %d): %s", f.Path, f.Source.Line, f.Message))
		}
	}
	if len(got) != len(paths) {
		t.Errorf("%s: %d findings, want %d %v:\n  %s", rule, len(got), len(paths), paths, strings.Join(got, "\n  "))
		return
	}
	for i, p := range paths {
		if !strings.HasPrefix(got[i], p+" ") {
			t.Errorf("%s: finding %d is %s, want path %s", rule, i, got[i], p)
		}
	}
}

func TestSeed004(t *testing.T) {
	fs := lintSeed(t, "004_0389e6b855ff2fb2.txt")
	expect(t, fs, []want{
		{"card-list-mismatch", "error", "card_list[0].level", 91, "at level 7, but the card (line 97) gives level 6", "passport: director at СБШ 7 (line 91); card: level 6 (line 101)"},
		{"card-list-mismatch", "warning", "cards[0].header_title", 97, `"консультациялық" in the heading, "консультативтік" in the title field`, "card heading (line 97) and title (line 100) differ"},
		{"function-list-mismatch", "error", "cards[1].functions[3]", 164, "(3 functions listed, 4 described)", "card 2 lists 3 functions (lines 144-146) but describes 4"},
		{"function-list-mismatch", "warning", "cards[1].function_list[0].title", 144, `"кеңес" in the list, "консультация" in the description`, "list says кеңес беруді, description консультация беруді"},
		{"oked-inconsistent", "error", "oked[1]", 77, "listed under section M (oked[0]), but division 84 belongs to section O", "section M with division 84 (lines 75-77)"},
		{"oked-inconsistent", "error", "code", 0, "expected O84120", "code M84120: division 84 is section O"},
		{"review-overdue", "error", "technical.review_date", 0, "2026-11-05", "review date 05.11.2026 (line 200) passed"},
		{"mixed-script", "warning", "code_original", 0, `"М84120" is typed with Cyrillic letter М`, "code typed with a Cyrillic М (line 73)"},
		{"glued-words", "warning", "order.signatory.text", 16, `"Министрдіңміндетін"`, "line 16"},
		{"glued-words", "warning", "", 28, "Бұйрығыменбекітілген", "line 28"},
		{"glued-words", "warning", "cards[0].tariff_level.text", 103, `"394бұйрығы"`, "line 103"},
		{"glued-words", "warning", "", 113, "Дағды 1", `"Дағды 1ЖРО" (line 113)`},
		{"glued-words", "warning", "", 149, "Дағды 1", `"Дағды 1Жастарға" (line 149)`},
		{"glued-words", "warning", "cards[0].functions[0].skills[0].knowledge[0].text", 116, `"РеспубликасыныңКонституциясы"`, "line 116"},
		{"glued-words", "warning", "cards[1].functions[3].skills[0].knowledge[1].text", 167, `"247қаулысы"`, "line 167"},
	})
	expectOnly(t, fs, "oked-inconsistent", "code", "oked[1]")
	// Abbreviation ЖРО defined in card 1's list, used in its descriptions:
	// same functions, no finding.
	expectOnly(t, fs, "function-list-mismatch", "cards[1].function_list[0].title", "cards[1].functions[3]")
	// Neither card has the work experience row of the template.
	expectOnly(t, fs, "empty-section", "cards[0].experience", "cards[1].experience")
	for _, rule := range []string{"skill-without-content", "duplicate-title", "numbering", "unsplit-list", "mixed-language"} {
		expectOnly(t, fs, rule)
	}
	if !HasErrors(fs) {
		t.Error("seed 004 has errors: kasip lint must exit 1")
	}
}

func TestSeed000(t *testing.T) {
	fs := lintSeed(t, "000_78fd8bd149563dd7.txt")
	expect(t, fs, []want{
		{"review-overdue", "error", "technical.review_date", 0, "2025-12-06", "review date 06.12.2025 (line 111) passed"},
		{"skill-without-content", "error", "cards[0].functions[1].skills[0]", 60, "neither abilities nor knowledge", "function 2, skill 1 (line 60)"},
		{"skill-without-content", "error", "cards[0].functions[2].skills[0]", 64, "neither abilities nor knowledge", "function 3, skill 1 (line 64)"},
		{"empty-section", "warning", "scope", 0, "", "scope empty (line 5)"},
		{"empty-section", "warning", "abbreviations", 0, "", `abbreviations only "1) –" (line 17)`},
		{"empty-section", "warning", "cards[0].experience", 37, "", "experience empty (line 46)"},
		{"empty-section", "warning", "technical.council", 0, "", "sectoral council empty (line 103)"},
		{"unsplit-list", "warning", "cards[0].competencies", 67, "", "personal competencies: 29 words, no separator (line 67)"},
		{"mixed-language", "warning", "", 21, "Название профессионального стандарта", "Russian label (line 21)"},
		{"mixed-language", "warning", "", 31, "Краткое описание", "Russian label (line 31)"},
		{"mixed-language", "warning", "", 43, "подуровень квалификации по ОРК", "Russian label (line 43)"},
		{"mixed-language", "warning", "technical.national_body.text", 105, `"г."`, `"16.01.2024 г." (line 105)`},
		{"mixed-language", "warning", "technical.version_text.text", 109, `"версия"`, `"версия 2, 2022 г." (line 109)`},
	})
	expectOnly(t, fs, "skill-without-content", "cards[0].functions[1].skills[0]", "cards[0].functions[2].skills[0]")
	expectOnly(t, fs, "empty-section", "abbreviations", "scope", "technical.council", "cards[0].experience")
	for _, rule := range []string{"function-list-mismatch", "card-list-mismatch", "duplicate-title", "oked-inconsistent", "mixed-script", "glued-words", "numbering"} {
		expectOnly(t, fs, rule)
	}
	if !HasErrors(fs) {
		t.Error("seed 000 has errors: kasip lint must exit 1")
	}
}

// TestSeedGaps pins defects of the seeds that the linter can only report
// once the reader keeps the text they are in. Each failure names what the
// reader drops.
func TestSeedGaps(t *testing.T) {
	fs := lintSeed(t, "000_78fd8bd149563dd7.txt")
	expect(t, fs, []want{
		{"mixed-language", "warning", "", 33, "уровень", `card list "6 уровень ОРК" (line 33): the reader parses the level and keeps no note of the Russian wording`},
		{"mixed-language", "warning", "", 111, `"г."`, `"06.12.2025 г." (line 111): the reader sets review_date but not review_date_text`},
		{"review-overdue", "error", "technical.review_date", 111, "", "the finding has no line: the reader sets no review_date_text (with its origin)"},
	})
	fs = lintSeed(t, "004_0389e6b855ff2fb2.txt")
	expect(t, fs, []want{
		{"review-overdue", "error", "technical.review_date", 200, "", "the finding has no line: the reader sets no review_date_text (with its origin)"},
	})
}

// TestSeedWording pins the Kazakh and Russian wording of the seeds'
// findings: the rule's own messages and the reader's notes alike.
func TestSeedWording(t *testing.T) {
	for _, c := range []struct {
		seed, lang, rule string
		line             int
		part             string
	}{
		{"004_0389e6b855ff2fb2.txt", "kk", "card-list-mismatch", 91, "паспортта 1-карточка «Орталықтың директоры (меңгерушісі) (жастарға ақ…» 7-деңгеймен көрсетілген, ал карточкада (97-жол) 6-деңгей берілген"},
		{"004_0389e6b855ff2fb2.txt", "ru", "card-list-mismatch", 91, "в паспорте карточка 1 «Орталықтың директоры (меңгерушісі) (жастарға ақ…» указана с уровнем 7, а в карточке (строка 97) указан уровень 6"},
		{"004_0389e6b855ff2fb2.txt", "kk", "review-overdue", 200, "жоспарлы қайта қарау күні 2026-11-05 («05.11.2026 ж.») 2026-11-22 күніне дейін 17 күн бұрын өтіп кеткен"},
		{"004_0389e6b855ff2fb2.txt", "ru", "review-overdue", 200, "плановая дата пересмотра 2026-11-05 («05.11.2026 ж.») прошла за 17 дней до 2026-11-22"},
		{"004_0389e6b855ff2fb2.txt", "kk", "glued-words", 113, "«Дағды 1» белгісі мәніне жабысып қалған: «Дағды 1ЖРО қызметін ұйымдастыру»"},
		{"004_0389e6b855ff2fb2.txt", "ru", "glued-words", 113, "метка «Дағды 1» слита со значением: «Дағды 1ЖРО қызметін ұйымдастыру»"},
		{"004_0389e6b855ff2fb2.txt", "kk", "function-list-mismatch", 164, "2-карточка «Жастармен жұмыс жөніндегі маман» 4-еңбек функциясын «Жастарға арналған жобаларды әзірлеу, іске асыру және бағалау» сипаттайды"},
		{"004_0389e6b855ff2fb2.txt", "ru", "function-list-mismatch", 164, "(в перечне 3, описано 4)"},
		{"004_0389e6b855ff2fb2.txt", "ru", "oked-inconsistent", 77, "запись ОКЭД 84 «Мемлекеттік басқару және қорғаныс; міндетті әле…» указана под буквой M (секция, oked[0]), но код 84 (раздел) относится к букве O"},
		{"004_0389e6b855ff2fb2.txt", "kk", "oked-inconsistent", 77, "ЭҚЖЖ жазбасы 84"},
		{"000_78fd8bd149563dd7.txt", "kk", "mixed-language", 21, "«Название профессионального стандарта» белгісі орыс тілінде жазылған, ал құжат қазақ тілінде жазылған"},
		{"000_78fd8bd149563dd7.txt", "ru", "mixed-language", 21, "метка «Название профессионального стандарта» написана на русском языке, а документ — на казахском языке"},
		{"000_78fd8bd149563dd7.txt", "ru", "unsplit-list", 67, "29 слов без разделителей; пункты не удалось разделить"},
		{"000_78fd8bd149563dd7.txt", "kk", "unsplit-list", 67, "бөлгішсіз 29 сөз"},
		{"000_78fd8bd149563dd7.txt", "ru", "skill-without-content", 60, "карточка 1 «Қонақтармен байланыс менеджері», трудовая функция 2, навык 1 «Келген қонақтардың тізімін күнделікті бақылау»: нет ни умений, ни знаний"},
		{"000_78fd8bd149563dd7.txt", "kk", "skill-without-content", 60, "1-карточка «Қонақтармен байланыс менеджері», 2-еңбек функциясы, 1-дағды «Келген қонақтардың тізімін күнделікті бақылау»: машықтар да, білім де жоқ"},
		{"000_78fd8bd149563dd7.txt", "ru", "review-overdue", 111, "прошла за 351 день до 2026-11-22"},
	} {
		fs := lintSeed(t, c.seed)
		Localize(fs, c.lang)
		if !slices.ContainsFunc(fs, func(f Finding) bool {
			return f.Rule == c.rule && f.Source.Line == c.line && strings.Contains(f.Message, c.part)
		}) {
			var got []string
			for _, f := range fs {
				if f.Rule == c.rule && f.Source.Line == c.line {
					got = append(got, f.Message)
				}
			}
			t.Errorf("%s %s line %d in %s: no message with %q; got %q", c.seed, c.rule, c.line, c.lang, c.part, got)
		}
	}
}
