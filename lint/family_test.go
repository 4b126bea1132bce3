package lint

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"
)

// codeFinding reports whether f is about a classifier code (the register's
// own defect in 06.001, labour function B/04.5 where B/05.4 is meant, is a
// numbering finding and stays).
func codeFinding(f Finding) bool {
	return f.Rule == "oked-inconsistent" || (f.Rule == "mixed-script" && strings.Contains(f.Path, "code"))
}

// TestRussianRegisterCodesClean: the register's OKVED2 and OKZ codes are
// valid and must not be judged by the Kazakh OKED rules.
func TestRussianRegisterCodesClean(t *testing.T) {
	files, _ := filepath.Glob("../testdata/ru/*.xml")
	if len(files) == 0 {
		t.Fatal("no testdata/ru files")
	}
	for _, file := range files {
		sts, err := read.ReadFile(file, read.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range sts {
			if family(st) != "ru" {
				t.Errorf("%s: family %q, want ru", file, family(st))
			}
			for _, f := range Check(st, Options{Today: today}) {
				if codeFinding(f) {
					t.Errorf("%s %s: code finding on a valid register file: %s %s: %s", file, st.Code, f.Rule, f.Path, f.Message)
				}
			}
		}
	}
}

// mutate writes a copy of a real file with one replacement and reads it.
func mutate(t *testing.T, src, old, new string) []*kasip.Standard {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", src, old)
	}
	path := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	sts, err := read.ReadFile(path, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sts
}

func TestClassifierCodesByFamily(t *testing.T) {
	const ru, kz = "../testdata/ru/PS_06.001_reg4.xml", "../testdata/seeds/000_78fd8bd149563dd7.txt"
	for _, c := range []struct {
		name, file, old, new string
		path                 string            // "" when the code is valid
		want                 map[string]string // part of the message by language
	}{
		{"OKVED2 class with six digits is valid", ru, "<CodeOKVED>63.11</CodeOKVED>", "<CodeOKVED>63.11.1</CodeOKVED>", "", nil},
		{"OKVED2 kind with six digits is valid", ru, "<CodeOKVED>63.11</CodeOKVED>", "<CodeOKVED>62.01.11</CodeOKVED>", "", nil},
		{"OKVED2 code of seven digits", ru, "<CodeOKVED>63.11</CodeOKVED>", "<CodeOKVED>63.11.111</CodeOKVED>", "oked[1]",
			map[string]string{"en": `OKVED2 entry "63.11.111" is not an OKVED2 code`, "ru": "запись ОКВЭД 2 «63.11.111» не является кодом ОКВЭД 2", "kk": "ОКВЭД 2 коды емес"}},
		{"OKVED2 code run together", ru, "<CodeOKVED>63.11</CodeOKVED>", "<CodeOKVED>6311</CodeOKVED>", "oked[1]",
			map[string]string{"en": "not an OKVED2 code", "ru": "не является кодом ОКВЭД 2"}},
		{"OKVED2 class that does not exist", ru, "<CodeOKVED>63.11</CodeOKVED>", "<CodeOKVED>54.11</CodeOKVED>", "oked[1]",
			map[string]string{"en": "class 54 does not exist in OKVED2", "ru": "в ОКВЭД 2 нет кода 54 (класс)"}},
		{"OKZ code of five digits", ru, "<CodeOKZ>2131</CodeOKZ><NameOKZ>Разработчики и аналитики компьютерных систем</NameOKZ></UnitOKZ></ListOKZ><ListOKVED>",
			"<CodeOKZ>21311</CodeOKZ><NameOKZ>Разработчики и аналитики компьютерных систем</NameOKZ></UnitOKZ></ListOKZ><ListOKVED>", "occupations[1].code",
			map[string]string{"en": `"21311" is not an OKZ code`, "ru": "«21311» не является кодом ОКЗ", "kk": "«21311» — ОКЗ коды емес"}},
		{"OKZ code of a card", ru, "<CodeOKZ>2132</CodeOKZ><NameOKZ>Программисты</NameOKZ></UnitOKZ></ListOKZ><ListEKS>",
			"<CodeOKZ>213</CodeOKZ><NameOKZ>Программисты</NameOKZ></UnitOKZ></ListOKZ><ListEKS>", "cards[0].classifiers[0].code",
			map[string]string{"en": "not an OKZ code"}},
		{"OKED subclass has five digits in Kazakhstan", kz, "- 55.10.1 ", "- 55.10.11 ", "oked[4]",
			map[string]string{"en": `OKED entry "55.10.11" is not an OKED code`, "ru": "запись ОКЭД «55.10.11» не является кодом ОКЭД", "kk": "ЭҚЖЖ жазбасы «55.10.11» — ЭҚЖЖ коды емес"}},
		{"OKED subclass outside its class", kz, "- 55.10.1 ", "- 54.10.1 ", "oked[4]",
			map[string]string{"en": "OKED subclass 54.10.1 is listed under class 55.10", "ru": "ОКЭД: код 54.10.1 (подкласс) указан под кодом 55.10 (класс)",
				"kk": "ЭҚЖЖ: 54.10.1 коды (сынып тармағы) өзі жатпайтын 55.10 кодының (сынып) астында"}},
		{"OKED division that does not exist", kz, "- 55 Уақытша", "- 54 Уақытша", "oked[1]",
			map[string]string{"en": "division 54 does not exist in OKED", "kk": "ЭҚЖЖ сыныптауышында 54 коды (бөлім) жоқ"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			sts := mutate(t, c.file, c.old, c.new)
			var got []Finding
			for _, st := range sts {
				for _, f := range Check(st, Options{Today: today}) {
					if codeFinding(f) {
						got = append(got, f)
					}
				}
			}
			if c.path == "" {
				for _, f := range got {
					t.Errorf("valid code flagged: %s %s: %s", f.Rule, f.Path, f.Message)
				}
				return
			}
			at := slices.IndexFunc(got, func(f Finding) bool { return f.Path == c.path && f.Severity == Error })
			if at < 0 {
				t.Fatalf("want an error at %s, got:%s", c.path, dump(got))
			}
			for lang, part := range c.want {
				fs := []Finding{got[at]}
				Localize(fs, lang)
				if !strings.Contains(fs[0].Message, part) {
					t.Errorf("%s: %q lacks %q", lang, fs[0].Message, part)
				}
			}
		})
	}
}

// TestFamilyWithoutReaderMark: a model stored without a family is judged
// by its source format and code shape.
func TestFamilyWithoutReaderMark(t *testing.T) {
	for _, c := range []struct {
		st   kasip.Standard
		want string
	}{
		{kasip.Standard{Code: "06.001"}, "ru"},
		{kasip.Standard{Code: "X", Sources: []kasip.Source{{Format: "ru-xml"}}}, "ru"},
		{kasip.Standard{Code: "M84120", Sources: []kasip.Source{{Format: "kz-docx"}}}, "kz"},
		{kasip.Standard{Code: "06.001", Family: "kz"}, "kz"},
	} {
		if got := family(&c.st); got != c.want {
			t.Errorf("family(%s %v %q) = %s, want %s", c.st.Code, c.st.Sources, c.st.Family, got, c.want)
		}
	}
}

// TestSeveralStandardsInOneFile: each finding names its standard.
func TestSeveralStandardsInOneFile(t *testing.T) {
	a, err := os.ReadFile("../testdata/ru/PS_06.001_reg4.xml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../testdata/ru/PS_25.005_reg27.xml")
	if err != nil {
		t.Fatal(err)
	}
	// The register exports several standards as siblings under one
	// <ProfessionalStandarts>: put 25.005 after 06.001, with a broken code.
	inner := func(s string) string {
		s = s[strings.Index(s, "<ProfessionalStandart>"):]
		return s[:strings.LastIndex(s, "</ProfessionalStandart>")+len("</ProfessionalStandart>")]
	}
	second := inner(string(b))
	first := strings.Replace(inner(string(a)), "<CodeOKZ>2131</CodeOKZ>", "<CodeOKZ>213</CodeOKZ>", 1)
	doc := strings.Replace(string(a), inner(string(a)), first+second, 1)
	path := filepath.Join(t.TempDir(), "two.xml")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	sts, err := read.ReadFile(path, read.Options{})
	if err != nil || len(sts) != 2 {
		t.Fatalf("read %d standards, %v; want 2", len(sts), err)
	}
	var all []Finding
	for _, st := range sts {
		all = append(all, Check(st, Options{Today: today, Lang: "ru"})...)
	}
	seen := map[string]int{}
	for _, f := range all {
		seen[f.Standard]++
		if f.Standard != "06.001" && f.Standard != "25.005" {
			t.Errorf("finding names standard %q: %+v", f.Standard, f)
		}
	}
	if seen["06.001"] == 0 || seen["25.005"] == 0 {
		t.Errorf("findings by standard %v, want both", seen)
	}
	var text strings.Builder
	if err := Text(&text, all, "ru"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), ": ошибка: 06.001: «213» не является кодом ОКЗ") || !strings.Contains(text.String(), ": 25.005: ") {
		t.Errorf("text output does not name the standards:\n%s", text.String())
	}
	var js strings.Builder
	if err := JSON(&js, all); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"standard": "25.005"`) || !strings.Contains(js.String(), `"standard": "06.001"`) {
		t.Errorf("JSON does not name the standards")
	}
}
