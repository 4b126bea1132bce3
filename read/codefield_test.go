package read

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/lint"
)

// A code field that holds a sentence keeps its Cyrillic letters; the reader
// notes it and lint reports the note, without suggesting a Latin spelling.
func TestTextInCodeFieldKeptAndNoted(t *testing.T) {
	data, err := os.ReadFile(seedYouth)
	if err != nil {
		t.Fatal(err)
	}
	const code = "Кәсіптік стандартқа код әлі берілмеген"
	const occ = "Қызмет атауы жіктеуіште жоқ"
	text := strings.Replace(string(data), "коды: М84120.", "коды: "+code+".", 1)
	text = strings.Replace(text, "Қызмет атауының коды:\t|\t1210-0", "Қызмет атауының коды:\t|\t"+occ, 1)
	sts, err := Read("004_text_code.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := sts[0]
	if st.Code != "" || st.CodeOriginal != code {
		t.Errorf("code %q (original %q), want none and %q as written", st.Code, st.CodeOriginal, code)
	}
	c := st.Cards[0]
	if c.OccupationCode != "" || c.GroupCode != "1210-0-020" || strings.Join(c.Codes, ",") != "1210-0-020" {
		t.Errorf("card codes: occupation %q group %q codes %v", c.OccupationCode, c.GroupCode, c.Codes)
	}
	if !hasUnplaced(st, occ) {
		t.Errorf("the occupation code's text is not kept in unplaced")
	}
	notes := map[string]kasip.Note{}
	for _, n := range st.Notes {
		if strings.Contains(n.Message, "not a code") {
			notes[n.Path] = n
		}
	}
	if n, ok := notes["code"]; !ok || n.Rule != "mixed-script" || n.Origin.Line != 73 {
		t.Errorf("no note on the standard's code at line 73: %+v", st.Notes)
	}
	if _, ok := notes["cards[0].occupation_code"]; !ok {
		t.Errorf("no note on the card's occupation code: %+v", st.Notes)
	}
	var got []string
	for _, f := range lint.Check(st, lint.Options{}) {
		if f.Rule != "mixed-script" || (f.Path != "code" && f.Path != "cards[0].occupation_code") {
			continue
		}
		got = append(got, f.Path+": "+f.Message)
		if !strings.Contains(f.Message, "not a code") {
			t.Errorf("lint treats text as a mistyped code: %s", f.Message)
		}
	}
	if len(got) != 2 {
		t.Errorf("lint findings on the code fields: %q, want the two notes", got)
	}
}

// The Russian register: a code element holding text (an OTF code written
// as a phrase) is kept as written and noted; real codes are still made Latin.
func TestXMLTextInCodeKept(t *testing.T) {
	data := mustReadFile(t, filepath.Join(ruDir, "PS_06.001_reg4.xml"))
	const phrase = "Код не присвоен"
	doc := strings.Replace(string(data), "<CodeOTF>A</CodeOTF>", "<CodeOTF>"+phrase+"</CodeOTF>", 1)
	doc = strings.Replace(doc, "<CodeOTF>B</CodeOTF>", "<CodeOTF>В</CodeOTF>", 1) // Cyrillic В
	st := readRU(t, "PS_06.001_text_code.xml", []byte(doc))[0]
	if st.Cards[0].Code != "" || !hasUnplaced(st, phrase) {
		t.Errorf("card 0 code %q, want none and %q kept in unplaced", st.Cards[0].Code, phrase)
	}
	if st.Cards[1].Code != "B" {
		t.Errorf("card 1 code %q, want Latin B", st.Cards[1].Code)
	}
	found := false
	for _, n := range st.Notes {
		if n.Path == "cards[0].code" && strings.Contains(n.Message, "not a code") && n.Origin.Element != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("no note on cards[0].code: %+v", st.Notes)
	}
}

func hasUnplaced(st *kasip.Standard, text string) bool {
	for _, u := range st.Unplaced {
		if u.Text == text {
			return true
		}
	}
	return false
}

// A heading of the function table written into an item's text (an export
// that flattened the table) sends the text after it to its own list.
func TestXMLLabelInsideItem(t *testing.T) {
	data := mustReadFile(t, filepath.Join(ruDir, "PS_06.001_reg4.xml"))
	want := readRU(t, "PS_06.001_reg4.xml", data)[0].Cards[0].Functions[0]
	const last = "Применять стандартные алгоритмы в соответствующих областях"
	const extra = "Языки программирования высокого уровня"
	doc := strings.Replace(string(data), last+"</RequiredSkill>", last+". Необходимые знания: "+extra+"</RequiredSkill>", 1)
	st := readRU(t, "PS_06.001_label_inside.xml", []byte(doc))[0]
	got := st.Cards[0].Functions[0]
	if len(got.Abilities) != len(want.Abilities) || got.Abilities[len(got.Abilities)-1].Text.Get("ru") != last {
		t.Errorf("abilities %v, want %d ending with %q", got.Abilities, len(want.Abilities), last)
	}
	if len(got.Knowledge) != len(want.Knowledge)+1 || got.Knowledge[len(got.Knowledge)-1].Text.Get("ru") != extra {
		t.Errorf("knowledge %v, want %d items ending with %q", got.Knowledge, len(want.Knowledge)+1, extra)
	}
	noted := false
	for _, n := range st.Notes {
		noted = noted || n.Path == "cards[0].functions[0].abilities[3]" && strings.Contains(n.Message, "Необходимые знания")
	}
	if !noted {
		t.Errorf("no note: %+v", st.Notes)
	}
}
