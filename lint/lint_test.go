package lint

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip"
)

// today is the date the tests lint on: the seeds' review dates are before it.
var today = time.Date(2026, 11, 22, 15, 4, 0, 0, time.FixedZone("ALMT", 5*3600))

func kk(s string) kasip.Text { return kasip.Text{"kk": s} }

func at(line int) kasip.Origin { return kasip.Origin{Line: line} }

func items(line int, texts ...string) []kasip.Item {
	out := make([]kasip.Item, len(texts))
	for i, s := range texts {
		out[i] = kasip.Item{Number: i + 1, Text: kk(s), Origin: at(line + i)}
	}
	return out
}

// clean returns a small Kazakh standard without a single defect; each test
// breaks one thing in it. TestCleanStandard proves it clean, so that no test
// below passes because its fixture happens to trigger something else.
func clean() *kasip.Standard {
	return &kasip.Standard{
		Family: "kz", Code: "I55101015", Title: kk("Қонақтармен өзара әрекеттестікті жүзеге асыру"), Languages: []string{"kk"},
		Scope:         &kasip.Field{Text: kk("Қонақ үйлерде қонақтарға қызмет көрсету"), Origin: at(5)},
		Terms:         []kasip.Term{{Number: 1, Term: kk("Қонақ"), Definition: kk("қонақ үйде уақытша тұратын жеке тұлға"), Origin: at(7)}},
		Abbreviations: []kasip.Term{{Number: 1, Term: kk("ЖРО"), Definition: kk("жастар ресурстық орталығының"), Origin: at(9)}},
		OKED: []kasip.OKEDEntry{
			{Code: "I", Level: "section", Title: kk("Тұру және тамақтану бойынша қызмет көрсету"), Origin: at(24)},
			{Code: "55", Level: "division", Title: kk("Уақытша тұру жөнінде қызмет көрсету"), Origin: at(25)},
			{Code: "55.1", Level: "group", Title: kk("Қонақ үйлердің қызмет көрсетуі"), Origin: at(26)},
			{Code: "55.10", Level: "class", Title: kk("Қонақ үйлердің қызмет көрсетуі"), Origin: at(27)},
			{Code: "55.10.1", Level: "subclass", Title: kk("Мейрамханалары бар қонақ үйлер"), Origin: at(28)},
		},
		Description: &kasip.Field{Text: kk("Қонақтармен байланыс жөніндегі маманның қызметі"), Origin: at(31)},
		CardList:    []kasip.CardRef{{Number: 1, Title: kk("Қонақтармен байланыс менеджері"), Level: 6, Origin: at(33)}},
		Cards:       []kasip.Card{cleanCard()},
		Technical: kasip.Technical{
			Bodies:       []kasip.Developer{{Organization: kk("Қазақстан Республикасының Туризм және спорт министрлігі"), Origin: at(77)}},
			Developers:   []kasip.Developer{{Organization: kk("«Қазақстанның туристік ассоциациясы» заңды тұлғалар бірлестігі"), Origin: at(85)}},
			Council:      &kasip.Decision{Text: kk("23 қараша 2023 жылғы №01-04/12 хаттама"), Number: "01-04/12", Date: "2023-11-23", Origin: at(103)},
			NationalBody: &kasip.Decision{Text: kk("16.01.2024 ж."), Date: "2024-01-16", Origin: at(105)},
			Version:      "2", Year: 2022, VersionText: &kasip.Field{Text: kk("нұсқа 2, 2022 ж."), Origin: at(109)},
			ReviewDate: "2027-12-06", ReviewDateText: &kasip.Field{Text: kk("06.12.2027 ж."), Origin: at(111)},
		},
		Sources: []kasip.Source{{File: "clean.txt", Format: "kz-text"}},
	}
}

func cleanCard() kasip.Card {
	f1 := "Қонақтарды қонақ үй қызметтері туралы ақпаратпен қамтамасыз ету"
	f2 := "Қонақ үй қонақтарының ағынын бақылау"
	return kasip.Card{
		Title: kk("Қонақтармен байланыс менеджері"), Level: 6, Codes: []string{"4224-2"},
		Education:  items(45, "жоғары білім (бакалавриат)"),
		Experience: items(46, "кемінде 1 жыл"),
		Purpose:    items(49, "Қонақтарға кеңес беру.", "Қосымша қызметтерге тапсырыс рәсімдеу."),
		FunctionList: []kasip.FunctionRef{
			{Number: 1, Title: kk(f1), Mandatory: true, Function: 0, Origin: at(51)},
			{Number: 2, Title: kk(f2), Mandatory: true, Function: 1, Origin: at(51)},
		},
		Functions: []kasip.Function{
			{Number: 1, Title: kk(f1), Mandatory: true, Origin: at(53), Skills: []kasip.Skill{
				{Number: 1, Title: kk("Қонақтарды қарсы алу"), Origin: at(53),
					Abilities: items(54, "Қонақтарға қызмет көрсету.", "Қажетті ақпаратты жинау."),
					Knowledge: items(55, "Қызмет көрсету стандарттары.", "Шет тілі.")},
			}},
			{Number: 2, Title: kk(f2), Mandatory: true, Origin: at(60), Skills: []kasip.Skill{
				{Number: 1, Title: kk("Бағдарламалық жасақтамамен жұмыс"), Origin: at(62),
					Abilities: items(62, "Компьютерді пайдалану."),
					Knowledge: items(63, "Бағдарламалық қамтамасыз ету негіздері.")},
			}},
		},
		Competencies: []kasip.Item{{Text: kk("жауапкершілік, ұқыптылық, адалдық"), Origin: at(67)}},
		Origin:       at(37),
	}
}

func lintRule(t *testing.T, id string, st *kasip.Standard) []Finding {
	t.Helper()
	for _, r := range Rules {
		if r.ID == id {
			fs := r.Check(st, Options{Today: today})
			Localize(fs, "en")
			for _, f := range fs {
				if f.Rule != id {
					t.Errorf("rule %s reported a finding under %s: %+v", id, f.Rule, f)
				}
			}
			return fs
		}
	}
	t.Fatalf("no rule %q", id)
	return nil
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n  %s %s %s line %d: %s", f.Rule, f.Severity, f.Path, f.Source.Line, f.Message)
	}
	return b.String()
}

func TestRuleIDs(t *testing.T) {
	want := []string{"empty-section", "function-list-mismatch", "card-list-mismatch", "skill-without-content", "duplicate-title",
		"oked-inconsistent", "review-overdue", "mixed-script", "glued-words", "numbering", "unsplit-list", "mixed-language"}
	var got []string
	for _, r := range Rules {
		got = append(got, r.ID)
		if RuleSummary(r.ID, "en") == "rule."+r.ID || r.Check == nil || (r.Severity != Error && r.Severity != Warning && r.Severity != Info) {
			t.Errorf("rule %s is incomplete: %+v", r.ID, r)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("rule IDs = %v, want %v", got, want)
	}
}

func TestCleanStandard(t *testing.T) {
	if fs := Check(clean(), Options{Today: today}); len(fs) != 0 {
		t.Errorf("clean standard has findings:%s", dump(fs))
	}
}

// ruleCase breaks (or bends) the clean standard. want lists the findings
// expected as "severity path" (plus a part of the message after " ~ "); an
// empty want means the change must not trigger the rule: a near miss.
type ruleCase struct {
	name   string
	change func(*kasip.Standard)
	want   []string
}

func runCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := clean()
			c.change(st)
			fs := lintRule(t, rule, st)
			if len(fs) != len(c.want) {
				t.Fatalf("%d findings, want %d (%v):%s", len(fs), len(c.want), c.want, dump(fs))
			}
			for i, w := range c.want {
				head, part, _ := strings.Cut(w, " ~ ")
				sev, path, _ := strings.Cut(head, " ")
				f := fs[i]
				if string(f.Severity) != sev || f.Path != path || !strings.Contains(f.Message, part) {
					t.Errorf("finding %d = %s %s %q, want %s", i, f.Severity, f.Path, f.Message, w)
				}
			}
		})
	}
}

func TestEmptySection(t *testing.T) {
	runCases(t, "empty-section", []ruleCase{
		{"no code", func(s *kasip.Standard) { s.Code = "" }, []string{"error code"}},
		{"no title", func(s *kasip.Standard) { s.Title = kasip.Text{} }, []string{"error title"}},
		{"no cards", func(s *kasip.Standard) { s.Cards, s.CardList = nil, nil }, []string{"error cards", "warning card_list"}},
		{"empty scope", func(s *kasip.Standard) { s.Scope.Text = kk("") }, []string{"warning scope ~ missing or empty"}},
		{"nil scope", func(s *kasip.Standard) { s.Scope = nil }, []string{"warning scope"}},
		{"abbreviations only a dash", func(s *kasip.Standard) {
			s.Abbreviations = []kasip.Term{{Number: 1, Term: kk("–"), Origin: at(17)}}
		}, []string{`warning abbreviations ~ says only "–"`}},
		{"experience blank", func(s *kasip.Standard) { s.Cards[0].Experience = nil }, []string{"warning cards[0].experience"}},
		{"no council", func(s *kasip.Standard) { s.Technical.Council = nil }, []string{"warning technical.council"}},
		{"no review date", func(s *kasip.Standard) {
			s.Technical.ReviewDate, s.Technical.ReviewDateText = "", nil
		}, []string{"warning technical.review_date"}},
		{"function without skills", func(s *kasip.Standard) { s.Cards[0].Functions[1].Skills = nil }, []string{"warning cards[0].functions[1].skills"}},
		{"card without functions", func(s *kasip.Standard) {
			s.Cards[0].Functions, s.Cards[0].FunctionList = nil, nil
		}, []string{"error cards[0].functions", "warning cards[0].function_list"}},
		{"optional fields may be a dash", func(s *kasip.Standard) {
			s.Cards[0].Regulations = []kasip.Item{{Text: kk("-")}}
			s.Cards[0].SubLevel = "-"
			s.Technical.ExpertOpinion = &kasip.Decision{Text: kk("-")}
		}, nil},
		{"russian standards need no Kazakh sections", func(s *kasip.Standard) {
			s.Family = "ru"
			s.Scope, s.Abbreviations, s.CardList = nil, nil, nil
			s.Technical = kasip.Technical{Developers: s.Technical.Developers}
			s.ActivityKind = &kasip.Field{Text: kk("Педагогика")}
			s.Purpose = &kasip.Field{Text: kk("Оқыту")}
			for i := range s.Cards[0].Functions {
				f := &s.Cards[0].Functions[i]
				f.Abilities, f.Skills = f.Skills[0].Abilities, nil
			}
		}, nil},
	})
}

func TestFunctionListMismatch(t *testing.T) {
	runCases(t, "function-list-mismatch", []ruleCase{
		{"listed, not described", func(s *kasip.Standard) {
			c := &s.Cards[0]
			c.FunctionList = append(c.FunctionList, kasip.FunctionRef{Number: 3, Title: kk("Брондау"), Mandatory: true, Function: -1, Origin: at(51)})
		}, []string{"error cards[0].function_list[2] ~ \"Брондау\""}},
		{"described, not listed", func(s *kasip.Standard) {
			s.Cards[0].FunctionList = s.Cards[0].FunctionList[:1]
		}, []string{"error cards[0].functions[1] ~ (1 functions listed, 2 described)"}},
		{"different wording", func(s *kasip.Standard) {
			s.Cards[0].FunctionList[0].Title = kk("Қонақтарды қонақ үй қызметтері туралы мәліметпен қамтамасыз ету")
		}, []string{`warning cards[0].function_list[0].title ~ "мәліметпен" in the list, "ақпаратпен" in the description`}},
		{"mandatory in list, additional in description", func(s *kasip.Standard) {
			s.Cards[0].Functions[1].Mandatory = false
		}, []string{"warning cards[0].function_list[1].mandatory"}},
		{"abbreviation defined in the list, used in the description", func(s *kasip.Standard) {
			c := &s.Cards[0]
			c.FunctionList[0].Title = kk("Жастар ресурстық орталығының (бұдан әрі - ЖРО) жұмысын басқару")
			c.Functions[0].Title = kk("ЖРО жұмысын басқару")
		}, nil},
		{"case and punctuation only", func(s *kasip.Standard) {
			s.Cards[0].FunctionList[1].Title = kk("қонақ үй қонақтарының  ағынын бақылау;")
		}, nil},
	})
}

func TestCardListMismatch(t *testing.T) {
	runCases(t, "card-list-mismatch", []ruleCase{
		{"level differs", func(s *kasip.Standard) { s.CardList[0].Level = 7 }, []string{"error card_list[0].level ~ at level 7, but the card (line 37) gives level 6"}},
		{"title differs", func(s *kasip.Standard) {
			s.CardList[0].Title = kk("Қонақтармен жұмыс менеджері")
		}, []string{`warning card_list[0].title ~ "жұмыс" in the passport, "байланыс" in the card`}},
		{"listed card missing", func(s *kasip.Standard) {
			s.CardList = append(s.CardList, kasip.CardRef{Number: 2, Title: kk("Консьерж"), Level: 5, Origin: at(34)})
		}, []string{"error card_list[1] ~ (2 listed, 1 described)"}},
		{"card not listed", func(s *kasip.Standard) {
			c := cleanCard()
			c.Title = kk("Консьерж")
			s.Cards = append(s.Cards, c)
		}, []string{"error cards[1] ~ is not in the passport's list"}},
		{"heading and title field differ", func(s *kasip.Standard) {
			s.Cards[0].HeaderTitle = kk("Қонақтармен байланыс маманы")
		}, []string{"warning cards[0].header_title ~ \"маманы\" in the heading"}},
		{"quotes, case and spaces do not count", func(s *kasip.Standard) {
			s.CardList[0].Title = kk("«Қонақтармен  байланыс МЕНЕДЖЕРІ »")
			s.Cards[0].HeaderTitle = kk("Қонақтармен байланыс менеджері »")
		}, nil},
		{"passport without level", func(s *kasip.Standard) { s.CardList[0].Level = 0 }, nil},
	})
}

func TestSkillWithoutContent(t *testing.T) {
	runCases(t, "skill-without-content", []ruleCase{
		{"neither", func(s *kasip.Standard) {
			k := &s.Cards[0].Functions[1].Skills[0]
			k.Abilities, k.Knowledge = nil, nil
		}, []string{"error cards[0].functions[1].skills[0] ~ neither abilities nor knowledge"}},
		{"no abilities", func(s *kasip.Standard) { s.Cards[0].Functions[0].Skills[0].Abilities = nil }, []string{"warning cards[0].functions[0].skills[0].abilities"}},
		{"knowledge only a dash", func(s *kasip.Standard) {
			s.Cards[0].Functions[0].Skills[0].Knowledge = []kasip.Item{{Text: kk("-")}}
		}, []string{"warning cards[0].functions[0].skills[0].knowledge"}},
		{"one item each is enough", func(s *kasip.Standard) {
			k := &s.Cards[0].Functions[0].Skills[0]
			k.Abilities, k.Knowledge = k.Abilities[:1], k.Knowledge[:1]
		}, nil},
	})
}

func TestDuplicateTitle(t *testing.T) {
	runCases(t, "duplicate-title", []ruleCase{
		{"function twice", func(s *kasip.Standard) {
			s.Cards[0].Functions[1].Title = kk("Қонақтарды қонақ үй қызметтері туралы ақпаратпен қамтамасыз ету.")
		}, []string{"warning cards[0].functions[1].title ~ same title as labour function 1"}},
		{"skill twice across functions", func(s *kasip.Standard) {
			s.Cards[0].Functions[1].Skills[0].Title = kk("қонақтарды қарсы алу")
		}, []string{"warning cards[0].functions[1].skills[0].title ~ same title as skill 1 of labour function 1"}},
		{"same skill in another card", func(s *kasip.Standard) {
			c := cleanCard()
			c.Title = kk("Консьерж")
			s.Cards = append(s.Cards, c)
		}, nil},
	})
}

func TestOKEDInconsistent(t *testing.T) {
	runCases(t, "oked-inconsistent", []ruleCase{
		{"division under the wrong section", func(s *kasip.Standard) {
			s.OKED[0].Code = "M" // seed 004: section M, division 84
			s.Code = "M55101015"
		}, []string{
			"error oked[1] ~ belongs to section I",
			"error code ~ division 55 belongs to section I; expected I55101015",
		}},
		{"broken hierarchy", func(s *kasip.Standard) { s.OKED[3].Code = "56.10" },
			[]string{"error oked[3] ~ OKED class 56.10 is listed under group 55.1"}},
		{"no such division", func(s *kasip.Standard) {
			s.OKED = s.OKED[:1]
			s.OKED = append(s.OKED, kasip.OKEDEntry{Code: "54", Origin: at(25)})
		},
			[]string{"error oked[1] ~ division 54 does not exist", "error code ~ division 55, but the OKED entries give division 54"}},
		{"code letter against the entries", func(s *kasip.Standard) { s.Code = "H55101015" },
			[]string{"error code ~ section letter H, but its division 55 belongs to section I", "error code ~ the OKED entries give section I"}},
		{"level does not fit the code", func(s *kasip.Standard) { s.OKED[2].Level = "class" },
			[]string{"error oked[2].level ~ given as a class, but a code of this form is a group"}},
		{"not a code", func(s *kasip.Standard) { s.OKED[4].Code = "55.10.1.2" }, []string{"error oked[4]"}},
		{"codes without dots and with a Cyrillic section", func(s *kasip.Standard) {
			s.OKED[0].Code = "І" // Cyrillic І, normalised for the check
			s.OKED[3].Code = "5510"
			s.OKED[4].Code = "55101"
		}, nil},
		{"several subclasses and a second division", func(s *kasip.Standard) {
			s.OKED = append(s.OKED, kasip.OKEDEntry{Code: "55.10.2"}, kasip.OKEDEntry{Code: "56"}, kasip.OKEDEntry{Code: "56.1"})
		}, nil},
	})
}

func TestReviewOverdue(t *testing.T) {
	runCases(t, "review-overdue", []ruleCase{
		{"passed", func(s *kasip.Standard) {
			s.Technical.ReviewDate = "2026-11-05"
			s.Technical.ReviewDateText.Text = kk("05.11.2026 ж.")
		}, []string{`error technical.review_date ~ 2026-11-05 ("05.11.2026 ж.") passed 17 days before 2026-11-22`}},
		{"yesterday", func(s *kasip.Standard) { s.Technical.ReviewDate = "2026-11-21" }, []string{"error technical.review_date ~ passed 1 day before"}},
		{"soon", func(s *kasip.Standard) { s.Technical.ReviewDate = "2027-01-10" }, []string{"warning technical.review_date ~ is 49 days after"}},
		{"today", func(s *kasip.Standard) { s.Technical.ReviewDate = "2026-11-22" }, []string{"warning technical.review_date ~ is today (2026-11-22)"}},
		{"unreadable", func(s *kasip.Standard) {
			s.Technical.ReviewDate = ""
			s.Technical.ReviewDateText.Text = kk("келесі жылы")
		}, []string{"warning technical.review_date ~ could not be read"}},
		{"far ahead", func(s *kasip.Standard) { s.Technical.ReviewDate = "2027-02-21" }, nil},
		{"no date at all is empty-section's business", func(s *kasip.Standard) {
			s.Technical.ReviewDate, s.Technical.ReviewDateText = "", nil
		}, nil},
	})
}

func TestMixedScript(t *testing.T) {
	runCases(t, "mixed-script", []ruleCase{
		{"code with Cyrillic М", func(s *kasip.Standard) {
			s.Code, s.CodeOriginal = "M84120", "М84120"
		}, []string{`warning code_original ~ code "М84120" is typed with Cyrillic letter М (U+041C) where Latin letters belong; expected "M84120"`}},
		{"occupation code", func(s *kasip.Standard) { s.Cards[0].CodesOriginal = []string{"А4224-2"} },
			[]string{"warning cards[0].codes_original[0]"}},
		{"word with Latin i", func(s *kasip.Standard) {
			s.Cards[0].Purpose[0].Text = kk("Қонақтарға кеңес беру, бiлiм беру.")
		},
			[]string{`warning cards[0].purpose[0].text ~ "бiлiм" mixes Latin and Cyrillic letters (expected "білім")`}},
		{"code in text", func(s *kasip.Standard) {
			s.Cards[0].Education[0].Text = kk("6В01 Педагогикалық ғылымдар")
		},
			[]string{`warning cards[0].education[0].text ~ code "6В01" is typed with Cyrillic letter В`}},
		{"legitimate Latin next to Cyrillic", func(s *kasip.Standard) {
			s.Cards[0].Education[0].Text = kk("6B01 Педагогикалық ғылымдар6B02 IT-маман, VIP санаты, E-mail: kta@kaztour.kz, №201-ө-м, 1ЖРО, «1С» компаниясы")
		}, nil},
	})
}

func TestGluedWords(t *testing.T) {
	runCases(t, "glued-words", []ruleCase{
		{"capital inside a word", func(s *kasip.Standard) {
			s.Cards[0].Functions[0].Skills[0].Knowledge[0].Text = kk("Қазақстан РеспубликасыныңКонституциясы")
		}, []string{`warning cards[0].functions[0].skills[0].knowledge[0].text ~ "РеспубликасыныңКонституциясы" (expected "Республикасының Конституциясы")`}},
		{"number glued to a word", func(s *kasip.Standard) {
			s.Cards[0].Education[0].Text = kk("министрінің 2019 жылғы 11 қазандағы № 394бұйрығы, ғылымдар6B02")
		}, []string{`warning cards[0].education[0].text ~ "394бұйрығы" (expected "394 бұйрығы"); "ғылымдар6B02" (expected "ғылымдар 6B02")`}},
		{"genitive glued to the next word", func(s *kasip.Standard) {
			s.Order = &kasip.Order{Signatory: &kasip.Field{Text: kk("Министрдіңміндетін атқарушы"), Origin: at(16)}}
		}, []string{`warning order.signatory.text ~ "Министрдің міндетін"`}},
		{"names, abbreviations, units and codes", func(s *kasip.Standard) {
			s.Cards[0].Education[0].Text = kk("КазНУ, ҚазМұнайГаз, ЖРО-ның, iPhone, eGov, 6B01, 5кг, 2-ші, тыңдаушылар, 1ЖРО")
		}, nil},
	})
}

func TestMixedLanguage(t *testing.T) {
	runCases(t, "mixed-language", []ruleCase{
		{"Russian version text", func(s *kasip.Standard) { s.Technical.VersionText.Text = kk("версия 2, 2022 г.") },
			[]string{`warning technical.version_text.text ~ "версия" ("нұсқа"); "г." ("ж.")`}},
		{"Russian level words in a Kazakh card list", func(s *kasip.Standard) {
			s.CardList[0].Title = kk("Қонақтармен байланыс менеджері - 6 уровень ОРК")
		}, []string{`warning card_list[0].title ~ "уровень" ("деңгейі"); "ОРК" ("СБШ")`}},
		{"Kazakh words in a Russian text", func(s *kasip.Standard) {
			s.Description.Text = kasip.Text{"ru": "Управление гостиницей және бронирование"}
		}, []string{`warning description.text ~ Russian text`}},
		{"loanwords and initials", func(s *kasip.Standard) {
			s.Cards[0].Experience[0].Text = kk("Менеджер, И. Иванов, интернет, VIP, 2022 ж.")
			s.Description.Text = kasip.Text{"kk": "Қонақ үй", "ru": "Гостиница и туризм"}
		}, nil},
	})
}

func TestNumbering(t *testing.T) {
	runCases(t, "numbering", []ruleCase{
		{"gap", func(s *kasip.Standard) {
			s.Cards[0].Functions[0].Skills[0].Knowledge[1].Number = 3
		}, []string{`warning cards[0].functions[0].skills[0].knowledge[1] ~ knowledge item "Шет тілі.": numbered 3 after 1: number 2 is missing`}},
		{"repeat", func(s *kasip.Standard) { s.Cards[0].Purpose[1].Number = 1 }, []string{"warning cards[0].purpose[1] ~ number 1 is repeated"}},
		{"wrong start", func(s *kasip.Standard) {
			s.Terms[0].Number = 2
		}, []string{"warning terms[0] ~ the list starts at 2"}},
		{"unnumbered item among numbered", func(s *kasip.Standard) { s.Cards[0].Purpose[1].Number = 0 },
			[]string{"warning cards[0].purpose[1] ~ has no number"}},
		{"additional functions restart or continue", func(s *kasip.Standard) {
			c := &s.Cards[0]
			c.FunctionList = append(c.FunctionList, kasip.FunctionRef{Number: 1, Title: kk("Қосымша"), Function: -1},
				kasip.FunctionRef{Number: 2, Title: kk("Қосымша 2"), Function: -1})
			c.Functions = append(c.Functions, kasip.Function{Number: 3, Title: kk("Қосымша"), Skills: c.Functions[0].Skills})
		}, nil},
		{"unnumbered lists and card paragraphs", func(s *kasip.Standard) {
			s.Cards[0].Number = 9
			for i := range s.Cards[0].Purpose {
				s.Cards[0].Purpose[i].Number = 0
			}
		}, nil},
	})
}

func TestUnsplitList(t *testing.T) {
	runCases(t, "unsplit-list", []ruleCase{
		{"next item inside an item", func(s *kasip.Standard) {
			s.Cards[0].Functions[0].Skills[0].Knowledge[1].Text = kk("Қауіпсіздік шаралары 3. Шет тілі")
		}, []string{`warning cards[0].functions[0].skills[0].knowledge[1] ~ at "3. Шет тілі"`}},
		{"glued after a semicolon", func(s *kasip.Standard) {
			s.Cards[0].Purpose[1].Text = kk("ЖРО қызметіне басшылық жасау;3. Жоспарларды әзірлеу")
		}, []string{"warning cards[0].purpose[1]"}},
		{"unnumbered list in one item", func(s *kasip.Standard) {
			s.Cards[0].Competencies[0].Text = kk("1. Жауапкершілік 2. Ұқыптылық")
		}, []string{"warning cards[0].competencies[0]"}},
		{"one run of competencies", func(s *kasip.Standard) {
			s.Cards[0].Competencies[0].Text = kk("Өзін-өзі ұйымдастыру өзін-өзі білім беру тіл тапқыштық аналитикалық қабілеттер ұйымдастырушылық қабілеттер жауапкершілік зейінділік")
		}, []string{"warning cards[0].competencies ~ one run of 13 words"}},
		{"sub-list, dates and separated competencies", func(s *kasip.Standard) {
			s.Cards[0].Purpose[0].Text = kk("Мыналар: 1) Кеңес беру; 2) Ақпарат беру. 2019 жылғы 11.10.2019 № 394")
			s.Cards[0].Competencies[0].Text = kk("Өзін-өзі ұйымдастыру, өзін-өзі білім беру, тіл тапқыштық, аналитикалық қабілеттер, ұйымдастырушылық қабілеттер, жауапкершілік")
		}, nil},
	})
}

func TestNotesBecomeFindings(t *testing.T) {
	st := clean()
	st.Notes = []kasip.Note{
		{Rule: "glued-words", Path: "cards[0].functions[0]", Message: `label "Дағды 1" is glued to its value`, Origin: at(113)},
		{Rule: "unsplit-list", Path: "cards[0].competencies", Message: "29 words with no separator", Origin: at(67)},
		{Rule: "no-such-rule", Path: "title", Message: "ignored"},
	}
	// The own check finds the same run of competencies on the same line: the
	// note wins. Glued words on another line under the noted function stay.
	st.Cards[0].Competencies[0].Text = kk(strings.Repeat("жауапкершілік зейінділік ", 8))
	st.Cards[0].Functions[0].Skills[0].Knowledge[0].Text = kk("Қазақстан РеспубликасыныңКонституциясы")
	fs := Check(st, Options{Today: today})
	want := []string{
		"glued-words cards[0].functions[0].skills[0].knowledge[0].text 55",
		"unsplit-list cards[0].competencies 67",
		"glued-words cards[0].functions[0] 113",
	}
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s %s %d", f.Rule, f.Path, f.Source.Line))
		if f.Source.File != "clean.txt" || f.Severity != Warning {
			t.Errorf("finding %+v: want file clean.txt, severity warning", f)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:%s\nwant %v", dump(fs), want)
	}
}

func TestCheckSortsFindings(t *testing.T) {
	st := clean()
	st.Code = ""                                   // no line
	st.Cards[0].Purpose[1].Number = 1              // line 50
	st.Technical.VersionText.Text = kk("версия 2") // line 109
	st.Cards[0].FunctionList[0].Function = -1      // line 51, and function 1 unlisted (line 53)
	st.Technical.ReviewDate = "2020-01-01"         // line 111
	a := Check(st, Options{Today: today})
	b := Check(st, Options{Today: today})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs differ")
	}
	var lines []int
	for _, f := range a {
		lines = append(lines, f.Source.Line)
	}
	if !slices.IsSorted(lines) || len(a) != 6 {
		t.Errorf("findings not sorted by line or not 6:%s", dump(a))
	}
	if !HasErrors(a) || HasErrors(a[1:2]) {
		t.Errorf("HasErrors wrong:%s", dump(a))
	}
}

func TestQuoteShortens(t *testing.T) {
	long := strings.Repeat("сөз ", 40)
	q := quoteIn("en", long)
	if n := len([]rune(q)); n != quoteMax+2 || !strings.HasSuffix(q, "…\"") {
		t.Errorf("quote gave %d runes: %s", n, q)
	}
	if got := quoteIn("en", "  a \n b "); got != `"a b"` {
		t.Errorf("quote collapses space: got %s", got)
	}
	if got := quoteIn("kk", "a"); got != "«a»" {
		t.Errorf("Kazakh quote = %s, want «a»", got)
	}
}
