package read

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"

	"github.com/kasip/kasip"
)

const ruDir = "../testdata/ru"

var ruExample = filepath.Join(ruDir, "PS_06.001_reg4.xml")

// readRU reads data through the whole Read path, as the CLI does.
func readRU(t *testing.T, name string, data []byte) []*kasip.Standard {
	t.Helper()
	sts, err := Read(name, data, Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return sts
}

func mustReadFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// counts are the sizes a test pins of one standard.
type counts struct {
	cards, functions, actions, abilities, knowledge int
}

func countsOf(st *kasip.Standard) counts {
	n := counts{cards: len(st.Cards)}
	for _, c := range st.Cards {
		n.functions += len(c.Functions)
		for _, f := range c.Functions {
			n.actions += len(f.Actions)
			n.abilities += len(f.Abilities)
			n.knowledge += len(f.Knowledge)
		}
	}
	return n
}

func TestXMLExample(t *testing.T) {
	sts := readRU(t, "PS_06.001_reg4.xml", mustReadFile(t, ruExample))
	if len(sts) != 1 {
		t.Fatalf("%d standards, want 1", len(sts))
	}
	st := sts[0]
	if got, want := countsOf(st), (counts{4, 15, 59, 52, 64}); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
	if st.Family != "ru" || st.Code != "06.001" || st.CodeOriginal != "" || st.Title.Get("ru") != "Программист" ||
		st.RegistrationNumber != "4" || !slices.Equal(st.Languages, []string{"ru"}) {
		t.Errorf("header: family %q code %q (%q) title %q reg %q langs %v", st.Family, st.Code, st.CodeOriginal, st.Title, st.RegistrationNumber, st.Languages)
	}
	if st.Order == nil || st.Order.Number != "679н" || st.Order.Date != "2013-11-18" {
		t.Errorf("order %+v, want 679н of 2013-11-18", st.Order)
	}
	if st.ActivityKind.Text.Get("ru") != "Разработка программного обеспечения" || st.Purpose == nil {
		t.Errorf("activity kind %v, purpose %v", st.ActivityKind, st.Purpose)
	}
	src := st.Sources[0]
	if src.File != "PS_06.001_reg4.xml" || src.Format != FormatXML || src.Encoding != EncUTF8 || src.Language != "ru" || len(src.SHA256) != 64 || src.Size != 48385 {
		t.Errorf("source %+v", src)
	}
	checkExampleClassifiers(t, st)
	checkExampleCards(t, st)
	checkExampleDevelopers(t, st)
	if len(st.Unplaced) != 0 {
		t.Errorf("unplaced %v; want none", st.Unplaced)
	}
	// The fifth function of card B is coded B/04.5 with sub-level 4: a
	// defect of the standard, which the reader keeps and notes.
	if len(st.Notes) != 1 || st.Notes[0].Rule != "numbering" || st.Notes[0].Path != "cards[1].functions[4].code" ||
		!strings.Contains(st.Notes[0].Message, `"B/05.4"`) {
		t.Errorf("notes %+v, want one numbering note on B/04.5", st.Notes)
	}
}

func checkExampleClassifiers(t *testing.T, st *kasip.Standard) {
	t.Helper()
	var occ []string
	for _, o := range st.Occupations {
		occ = append(occ, o.System+":"+o.Code)
	}
	if !slices.Equal(occ, []string{"OKZ:2132", "OKZ:2131"}) {
		t.Errorf("occupations %v", occ)
	}
	var oked []string
	for _, e := range st.OKED {
		oked = append(oked, e.Code+":"+e.Level)
	}
	if !slices.Equal(oked, []string{"62.0:group", "63.11:class"}) {
		t.Errorf("OKED %v", oked)
	}
	if got := st.OKED[1].Origin.Element; got != "ProfessionalStandart[1]/FirstSection/EmploymentGroup/ListOKVED/UnitOKVED[2]" {
		t.Errorf("OKED origin %q", got)
	}
}

func checkExampleCards(t *testing.T, st *kasip.Standard) {
	t.Helper()
	wantCards := []struct {
		code      string
		level     int
		functions []string
		codes     []string
	}{
		{"A", 3, []string{"A/01.3", "A/02.3", "A/03.3", "A/04.3", "A/05.3"}, []string{"2132"}},
		{"B", 4, []string{"B/01.4", "B/02.4", "B/03.4", "B/04.4", "B/04.5"}, []string{"2132", "2131"}},
		{"C", 5, []string{"C/01.5", "C/02.5"}, []string{"2132", "2131"}},
		{"D", 6, []string{"D/01.6", "D/02.6", "D/03.6"}, []string{"2132", "2131"}},
	}
	for i, w := range wantCards {
		c := st.Cards[i]
		var fcodes []string
		for _, f := range c.Functions {
			fcodes = append(fcodes, f.Code)
			if !f.Mandatory || f.SubLevel != fmt.Sprint(w.level) || len(f.Skills) != 0 {
				t.Errorf("function %s: mandatory %v, sub-level %q, %d skills", f.Code, f.Mandatory, f.SubLevel, len(f.Skills))
			}
		}
		if c.Code != w.code || c.Level != w.level || !slices.Equal(fcodes, w.functions) || !slices.Equal(c.Codes, w.codes) {
			t.Errorf("card %d: code %q level %d functions %v codes %v; want %+v", i, c.Code, c.Level, fcodes, c.Codes, w)
		}
	}
	a := st.Cards[0]
	if len(a.AltTitles) != 2 || a.AltTitles[1].Title.Get("ru") != "Техник-программист" || len(a.Education) != 2 || len(a.Experience) != 0 {
		t.Errorf("card A: alt titles %v, education %v, experience %v", a.AltTitles, a.Education, a.Experience)
	}
	var systems []string
	for _, c := range a.Classifiers {
		systems = append(systems, c.System+":"+c.Code)
	}
	if !slices.Equal(systems, []string{"OKZ:2132", "EKS:", "OKSO:230101", "OKSO:230103", "OKSO:230105"}) {
		t.Errorf("card A classifiers %v", systems)
	}
	if got := st.Cards[1].Experience; len(got) != 1 || !strings.Contains(got[0].Text.Get("ru"), "6 месяцев") {
		t.Errorf("card B experience %v", got)
	}
	act := st.Cards[1].Functions[0].Actions[2]
	wantEl := "ProfessionalStandart[1]/ThirdSection/WorkFunctions/GeneralizedWorkFunctions/GeneralizedWorkFunction[2]/ParticularWorkFunctions/ParticularWorkFunction[1]/LaborActions/LaborAction[3]"
	if act.Origin != (kasip.Origin{Source: 0, Line: 4, Element: wantEl}) {
		t.Errorf("origin %+v, want line 4 and %s", act.Origin, wantEl)
	}
	if got := st.Cards[3].Origin.Element; got != "ProfessionalStandart[1]/ThirdSection/WorkFunctions/GeneralizedWorkFunctions/GeneralizedWorkFunction[4]" {
		t.Errorf("card D origin %q", got)
	}
}

func checkExampleDevelopers(t *testing.T, st *kasip.Standard) {
	t.Helper()
	devs := st.Technical.Developers
	if len(devs) != 5 {
		t.Fatalf("%d developers, want 1 responsible and 4 participants", len(devs))
	}
	r := devs[0]
	if r.Role != "responsible" || !strings.Contains(r.Organization.Get("ru"), "МЭСИ") || len(r.Contacts) != 1 ||
		r.Contacts[0].Name != "Минашкин В.Г." || r.Contacts[0].Role.Get("ru") != "и.о. ректора" {
		t.Errorf("responsible developer %+v", r)
	}
	for _, d := range devs[1:] {
		if d.Role != "participant" || d.Organization.IsEmpty() {
			t.Errorf("participant %+v", d)
		}
	}
	if devs[4].Organization.Get("ru") != "Ассоциация предприятий компьютерных и информационных технологий (АП КИТ) города Москвы" {
		t.Errorf("last participant %v", devs[4].Organization)
	}
}

// splitExample returns the example's text before, inside and after its one
// <ProfessionalStandart> element.
func splitExample(t *testing.T) (head, ps, tail string) {
	t.Helper()
	raw := string(mustReadFile(t, ruExample))
	i := strings.Index(raw, "<ProfessionalStandart>")
	j := strings.LastIndex(raw, "</ProfessionalStandart>") + len("</ProfessionalStandart>")
	return raw[:i], raw[i:j], raw[j:]
}

func TestXMLMultiStandard(t *testing.T) {
	head, ps, tail := splitExample(t)
	second := strings.Replace(ps, "<NameProfessionalStandart>Программист<", "<NameProfessionalStandart>Второй стандарт<", 1)
	second = strings.Replace(second, "<CodeKindProfessionalActivity>06.001<", "<CodeKindProfessionalActivity>06.999<", 1)
	sts := readRU(t, "two.xml", []byte(head+ps+"\n"+second+tail))
	if len(sts) != 2 {
		t.Fatalf("%d standards, want 2", len(sts))
	}
	if sts[0].Code != "06.001" || sts[1].Code != "06.999" || sts[1].Title.Get("ru") != "Второй стандарт" {
		t.Errorf("order of standards: %q %q %q", sts[0].Code, sts[1].Code, sts[1].Title)
	}
	for i, st := range sts {
		if got := countsOf(st); got != (counts{4, 15, 59, 52, 64}) {
			t.Errorf("standard %d: counts %+v", i, got)
		}
		if st.Sources[0].File != "two.xml" || len(st.Unplaced) != 0 {
			t.Errorf("standard %d: source %+v, unplaced %v", i, st.Sources[0], st.Unplaced)
		}
	}
	o := sts[1].Cards[0].Functions[0].Knowledge[0].Origin
	if !strings.HasPrefix(o.Element, "ProfessionalStandart[2]/") || o.Line != 5 {
		t.Errorf("second standard's origin %+v, want ProfessionalStandart[2]/… on line 5", o)
	}
}

func TestXMLUnplaced(t *testing.T) {
	head, ps, tail := splitExample(t)
	ps = strings.Replace(ps, "<CodeOTF>B</CodeOTF>", "<CodeOTF>B</CodeOTF>\n<Comment>проверить формулировки</Comment><Empty/>", 1)
	ps = strings.Replace(ps, "<LaborActions><LaborAction>", "<LaborActions><Note>не действие</Note><LaborAction status=\"draft\">", 1)
	ps = strings.Replace(ps, "<DateOfApproval>18.11.2013</DateOfApproval>", "<DateOfApproval>когда-то</DateOfApproval>", 1)
	ps = strings.Replace(ps, "<ListFootnes/>", "<ListFootnes/>стрелка", 1)
	head = strings.Replace(head, "<ProfessionalStandarts>", "<Exported>2024-01-01</Exported><ProfessionalStandarts>", 1)
	st := readRU(t, "unplaced.xml", []byte(head+ps+tail))[0]

	const gwf = "ProfessionalStandart[1]/ThirdSection/WorkFunctions/GeneralizedWorkFunctions/GeneralizedWorkFunction["
	want := []kasip.Unplaced{
		{Kind: "text", Text: "когда-то", Origin: kasip.Origin{Line: 4, Element: "ProfessionalStandart[1]/DateOfApproval"}},
		{Kind: "text", Text: "стрелка", Origin: kasip.Origin{Line: 4, Element: gwf + "1]/ParticularWorkFunctions/ParticularWorkFunction[1]"}},
		{Kind: "text", Text: "не действие", Origin: kasip.Origin{Line: 4, Element: gwf + "1]/ParticularWorkFunctions/ParticularWorkFunction[1]/LaborActions/Note"}},
		{Kind: "text", Text: "draft", Origin: kasip.Origin{Line: 4, Element: gwf + "1]/ParticularWorkFunctions/ParticularWorkFunction[1]/LaborActions/LaborAction[1]/@status"}},
		{Kind: "text", Text: "проверить формулировки", Origin: kasip.Origin{Line: 5, Element: gwf + "2]/Comment"}},
		{Kind: "text", Text: "2024-01-01", Origin: kasip.Origin{Line: 3, Element: "XMLCardInfo/Exported"}},
	}
	if !slices.Equal(st.Unplaced, want) {
		t.Errorf("unplaced:\n got %+v\nwant %+v", st.Unplaced, want)
	}
	if st.Order == nil || st.Order.Date != "" || st.Order.Number != "679н" {
		t.Errorf("order %+v: an unreadable date must stay out of the model", st.Order)
	}
	if got := countsOf(st); got != (counts{4, 15, 59, 52, 64}) {
		t.Errorf("counts %+v: unknown elements must not become items", got)
	}
}

func TestXMLCodes(t *testing.T) {
	head, ps, tail := splitExample(t)
	ps = strings.Replace(ps, "<CodeOTF>A</CodeOTF>", "<CodeOTF>А</CodeOTF>", 1)       // Cyrillic А
	ps = strings.Replace(ps, "<CodeTF>A/01.3</CodeTF>", "<CodeTF>А/01.3</CodeTF>", 1) // Cyrillic А
	ps = strings.Replace(ps, "<CodeKindProfessionalActivity>06.001<", "<CodeKindProfessionalActivity>06.001.<", 1)
	ps = strings.Replace(ps, "<CodeOKZ>2132</CodeOKZ>", "<CodeOKZ>2132.</CodeOKZ>", 2)
	st := readRU(t, "codes.xml", []byte(head+ps+tail))[0]
	if st.Code != "06.001" || st.CodeOriginal != "06.001." {
		t.Errorf("code %q original %q", st.Code, st.CodeOriginal)
	}
	a := st.Cards[0]
	if a.Code != "A" || a.Functions[0].Code != "A/01.3" {
		t.Errorf("codes %q %q, want Latin A", a.Code, a.Functions[0].Code)
	}
	if !slices.Equal(a.Codes, []string{"2132"}) || !slices.Equal(a.CodesOriginal, []string{"2132."}) || st.Occupations[0].Code != "2132" {
		t.Errorf("OKZ codes %v (original %v), occupation %q", a.Codes, a.CodesOriginal, st.Occupations[0].Code)
	}
	var rules []string
	for _, n := range st.Notes {
		rules = append(rules, n.Rule+" "+n.Path)
	}
	if !slices.Equal(rules, []string{"mixed-script cards[0].code", "mixed-script cards[0].functions[0].code", "numbering cards[1].functions[4].code"}) {
		t.Errorf("notes %v", st.Notes)
	}
}

func TestOKVEDLevel(t *testing.T) {
	for code, want := range map[string]string{
		"J": "section", "62": "division", "62.0": "group", "62.01": "class", "62.01.1": "subclass",
		"62.01.11": "subclass", "6": "", "62.": "", "62.012": "", "x1": "", "": "",
	} {
		if got := okvedLevel(code); got != want {
			t.Errorf("okvedLevel(%q) = %q, want %q", code, got, want)
		}
	}
}

// xmlErrorCase is malformed input and what the error must say.
type xmlErrorCase struct {
	name     string
	data     string
	line     int
	expected string // a part of Error.Expected
	notStd   bool   // the error wraps ErrNotStandard
}

func xmlErrorCases(t *testing.T) []xmlErrorCase {
	_, ps, _ := splitExample(t)
	example := string(mustReadFile(t, ruExample))
	cut := strings.Index(example, "<LaborAction>Проверка работоспособности")
	return []xmlErrorCase{
		{"malformed", "<?xml version=\"1.0\"?>\n<XMLCardInfo>\n<ProfessionalStandarts>\n<ProfessionalStandart><NameProfessionalStandart>X</Name>", 4, "inside <NameProfessionalStandart>", false},
		{"truncated", example[:cut], 4, "</LaborActions> before the end of the file (is the file truncated?)", false},
		{"nested", "<XMLCardInfo>\n" + strings.Repeat("<a>", 1_000_000), 2, "at most 64 nested elements", false},
		{"nested in a standard", "<XMLCardInfo><ProfessionalStandarts><ProfessionalStandart>" + strings.Repeat("<x>", 1_000_000), 1, "at most 64 nested elements", false},
		{"declaration only", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", 2, "root element <XMLCardInfo>", true},
		{"wrong root", "<?xml version=\"1.0\"?>\n<html><body>Программист</body></html>", 2, "root element <XMLCardInfo>", true},
		{"no standard", "<?xml version=\"1.0\"?>\n<XMLCardInfo>\n<ProfessionalStandarts/>\n</XMLCardInfo>\n", 5, "at least one <ProfessionalStandart>", true},
		{"binary", "\x00\x01\x02\x03PK\x03\x04<XMLCardInfo>\x00", 1, "an XML document in UTF-8", false},
		{"second root", "<XMLCardInfo>" + ps + "</XMLCardInfo>\n<XMLCardInfo/>", 2, "the end of the file after </XMLCardInfo>", false},
		{"text after root", "<XMLCardInfo>" + ps + "</XMLCardInfo>\n\nхвост", 3, "nothing but the root element", false},
		{"undefined entity", "<XMLCardInfo>\n<ProfessionalStandarts><ProfessionalStandart>&nbsp;", 2, "well-formed XML inside <ProfessionalStandart>", false},
		{"bad declared encoding", "<?xml version=\"1.0\" encoding=\"koi8-r\"?>\n<XMLCardInfo>\xf0\xd2\xcf</XMLCardInfo>", 1, "encoding utf-8, utf-16 or windows-1251", false},
	}
}

func TestXMLErrors(t *testing.T) {
	for _, tc := range xmlErrorCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			sts, err := Read("bad.xml", []byte(tc.data), Options{Format: FormatXML})
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("took %v: bad input must fail fast", elapsed)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %d standards and error %v, want *Error", len(sts), err)
			}
			msg := err.Error()
			if e.Line != tc.line || !strings.Contains(msg, fmt.Sprintf("bad.xml:%d", tc.line)) {
				t.Errorf("line %d in %q, want %d", e.Line, msg, tc.line)
			}
			if !strings.Contains(e.Expected, tc.expected) || !strings.Contains(msg, "expected "+e.Expected) {
				t.Errorf("message %q does not say it expected %q", msg, tc.expected)
			}
			if errors.Is(err, ErrNotStandard) != tc.notStd {
				t.Errorf("errors.Is(ErrNotStandard) = %v, want %v", !tc.notStd, tc.notStd)
			}
		})
	}
}

func TestXMLLimits(t *testing.T) {
	_, ps, _ := splitExample(t)
	doc := []byte("<XMLCardInfo>\n<ProfessionalStandarts>" + ps + ps + "</ProfessionalStandarts></XMLCardInfo>")
	for _, tc := range []struct {
		lim      xmlLimits
		expected string
	}{
		{xmlLimits{depth: 64, elements: 1000, standardElements: 1000}, "at most 1000 elements in a file"},
		{xmlLimits{depth: 64, elements: 10000, standardElements: 100}, "at most 100 elements in one standard"},
		{xmlLimits{depth: 5, elements: 10000, standardElements: 1000}, "at most 5 nested elements"},
	} {
		_, err := parseXML("lim.xml", doc, kasip.Source{}, tc.lim)
		var e *Error
		if !errors.As(err, &e) || e.Expected != tc.expected || e.Line == 0 || e.Element == "" {
			t.Errorf("limits %+v: error %v, want one that expects %q at a line and element", tc.lim, err, tc.expected)
		}
	}
	if _, err := parseXML("lim.xml", doc, kasip.Source{}, defaultXMLLimits); err != nil {
		t.Errorf("default limits reject two real standards: %v", err)
	}
}

// ruFixtures lists the register files under testdata/ru.
func ruFixtures(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(ruDir, "*.xml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("fixtures %v: %v", files, err)
	}
	return files
}

// encodeAs returns text in the encoding enc, with its XML declaration
// naming that encoding.
func encodeAs(t *testing.T, text, enc string) []byte {
	t.Helper()
	decl := map[string]string{EncUTF8BOM: "utf-8", EncUTF16LE: "utf-16", EncUTF16BE: "UTF-16", EncCP1251: "windows-1251"}[enc]
	text = strings.Replace(text, `encoding="utf-8"`, `encoding="`+decl+`"`, 1)
	switch enc {
	case EncUTF8BOM:
		return append([]byte{0xEF, 0xBB, 0xBF}, text...)
	case EncCP1251:
		b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatalf("windows-1251: %v", err)
		}
		return b
	}
	u := utf16.Encode([]rune(text))
	out := []byte{0xFF, 0xFE}
	if enc == EncUTF16BE {
		out = []byte{0xFE, 0xFF}
	}
	for _, c := range u {
		if enc == EncUTF16BE {
			out = append(out, byte(c>>8), byte(c))
		} else {
			out = append(out, byte(c), byte(c>>8))
		}
	}
	return out
}

// modelJSON is the JSON of standards without their sources, which differ
// between encodings of the same text (hash, size, encoding).
func modelJSON(t *testing.T, sts []*kasip.Standard) string {
	t.Helper()
	var copies []kasip.Standard
	for _, s := range sts {
		c := *s
		c.Sources = nil
		copies = append(copies, c)
	}
	b, err := json.Marshal(copies)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestXMLEncodings(t *testing.T) {
	for _, path := range ruFixtures(t) {
		data := mustReadFile(t, path)
		want := modelJSON(t, readRU(t, filepath.Base(path), data))
		for _, enc := range []string{EncUTF8BOM, EncUTF16LE, EncUTF16BE, EncCP1251} {
			sts := readRU(t, filepath.Base(path), encodeAs(t, string(data), enc))
			if got := sts[0].Sources[0].Encoding; got != enc {
				t.Errorf("%s as %s: source encoding %q", path, enc, got)
			}
			if modelJSON(t, sts) != want {
				t.Errorf("%s as %s: the model differs from the UTF-8 file's", path, enc)
			}
		}
	}
}

// tagTexts returns the texts of the elements <tag>…</tag> in raw XML that
// hold something other than nothing or "-", found by a regular expression
// rather than by the reader, so that the tests check the reader against an
// independent count.
func tagTexts(raw, tag string) []string {
	re := regexp.MustCompile(`(?s)<` + tag + `>(.*?)</` + tag + `>`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(raw, -1) {
		if s := strings.TrimSpace(m[1]); s != "" && s != "-" {
			out = append(out, s)
		}
	}
	return out
}

func TestXMLRealFiles(t *testing.T) {
	for _, path := range ruFixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data := mustReadFile(t, path)
			raw := string(data)
			st := readRU(t, filepath.Base(path), data)[0]
			want := counts{
				cards:     strings.Count(raw, "<GeneralizedWorkFunction>"),
				functions: strings.Count(raw, "<ParticularWorkFunction>"),
				actions:   len(tagTexts(raw, "LaborAction")),
				abilities: len(tagTexts(raw, "RequiredSkill")),
				knowledge: len(tagTexts(raw, "NecessaryKnowledge")),
			}
			if got := countsOf(st); got != want || want.cards == 0 {
				t.Errorf("counts %+v, file holds %+v", got, want)
			}
			var levels, codes, subs []string
			for _, c := range st.Cards {
				levels = append(levels, fmt.Sprint(c.Level))
				for _, f := range c.Functions {
					codes = append(codes, f.Code)
					subs = append(subs, f.SubLevel)
				}
			}
			if !slices.Equal(levels, tagTexts(raw, "LevelOfQualification")) || !slices.Equal(codes, tagTexts(raw, "CodeTF")) ||
				!slices.Equal(subs, tagTexts(raw, "SubQualification")) {
				t.Errorf("levels %v, TF codes %v, sub-levels %v differ from the file", levels, codes, subs)
			}
			if len(st.Unplaced) != 0 {
				t.Errorf("unplaced text in a real register file: %+v", st.Unplaced)
			}
		})
	}
}

// The export of standard 25.005 glues two knowledge items with a carriage
// return; the reader keeps the element as one item and says so.
func TestXMLGluedItemNote(t *testing.T) {
	st := readRU(t, "PS_25.005_reg27.xml", mustReadFile(t, filepath.Join(ruDir, "PS_25.005_reg27.xml")))[0]
	k := st.Cards[1].Functions[3].Knowledge[0]
	if k.Text.Get("ru") != "Терминология и общие понятия по программному управлению станками с ЧПУ\nФормализованные языки программирования" || k.Origin.Line != 4 {
		t.Errorf("glued item %+v", k)
	}
	if len(st.Notes) != 1 || st.Notes[0].Rule != "unsplit-list" || st.Notes[0].Path != "cards[1].functions[3].knowledge[0]" {
		t.Errorf("notes %+v", st.Notes)
	}
	if len(st.Occupations) != 0 || len(st.OKED) != 0 {
		t.Errorf("empty OKZ/OKVED units must not become entries: %v %v", st.Occupations, st.OKED)
	}
}

func TestGoldenRU(t *testing.T) {
	for _, path := range ruFixtures(t) {
		name := filepath.Base(path)
		sts := readRU(t, name, mustReadFile(t, path))
		checkGolden(t, filepath.Join("..", "testdata", "golden", "ru", strings.TrimSuffix(name, ".xml")+".json"), sts)
	}
}
