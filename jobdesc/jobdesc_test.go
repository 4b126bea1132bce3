package jobdesc_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/internal/testtool"
	"github.com/kasip/kasip/jobdesc"
	"github.com/kasip/kasip/read"
)

// real is a real document of the repository and the language its
// descriptions are written in.
var real = []struct{ path, lang string }{
	{"../testdata/seeds/004_0389e6b855ff2fb2.txt", "kk"},
	{"../testdata/seeds/000_78fd8bd149563dd7.txt", "kk"},
	{"../testdata/kz/ru_template_M84120.txt", "ru"},
	{"../testdata/ru/PS_06.001_reg4.xml", "ru"},
	{"../testdata/ru/PS_25.005_reg27.xml", "ru"},
}

func readStandard(t testing.TB, path string) *kasip.Standard {
	t.Helper()
	sts, err := read.ReadFile(path, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sts[0]
}

// TestGenerateTraceable: on every card of real standards, every line
// taken from the standard names items whose text it states, and every
// skill, labour action, ability and knowledge item of the card stands in
// the description: nothing the card asks of a worker is left out.
func TestGenerateTraceable(t *testing.T) {
	for _, doc := range real {
		st := readStandard(t, doc.path)
		model, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		var tree any
		if err := json.Unmarshal(model, &tree); err != nil {
			t.Fatal(err)
		}
		for ci := range st.Cards {
			d, err := jobdesc.Generate(st, ci, doc.lang)
			if err != nil {
				t.Fatalf("%s card %d: %v", doc.path, ci, err)
			}
			if len(d.Sections) != len(jobdesc.SectionKeys) {
				t.Fatalf("%s card %d: %d sections", doc.path, ci, len(d.Sections))
			}
			for i, s := range d.Sections {
				if s.Key != jobdesc.SectionKeys[i] {
					t.Errorf("%s card %d: section %d is %q, SectionKeys say %q", doc.path, ci, i, s.Key, jobdesc.SectionKeys[i])
				}
			}
			used := map[string]bool{}
			for _, s := range d.Sections {
				for _, l := range s.Lines {
					if l.Template != (len(l.Sources) == 0) {
						t.Errorf("%s card %d %s: template %v with sources %v", doc.path, ci, l.Number, l.Template, l.Sources)
					}
					for _, src := range l.Sources {
						used[src] = true
						v := pointer(t, tree, src, doc.lang)
						if v == "" || !strings.Contains(l.Text, v) && src != "/title" {
							t.Errorf("%s card %d %s: %q does not state %s = %q", doc.path, ci, l.Number, l.Text, src, v)
						}
					}
				}
			}
			for _, want := range cardItems(st.Cards[ci], ci, doc.lang) {
				if !used[want] {
					t.Errorf("%s card %d: %s is in no line", doc.path, ci, want)
				}
			}
		}
	}
}

// cardItems are the pointers of what a card asks of a worker.
func cardItems(c kasip.Card, ci int, lang string) []string {
	var out []string
	base := "/cards/" + strconv.Itoa(ci) + "/functions/"
	add := func(prefix string, items []kasip.Item) {
		for i, it := range items {
			if it.Text.Get(lang) != "" {
				out = append(out, prefix+strconv.Itoa(i))
			}
		}
	}
	for fi, f := range c.Functions {
		fp := base + strconv.Itoa(fi)
		for si, s := range f.Skills {
			sp := fp + "/skills/" + strconv.Itoa(si)
			if s.Title.Get(lang) != "" {
				out = append(out, sp+"/title")
			}
			add(sp+"/abilities/", s.Abilities)
			add(sp+"/knowledge/", s.Knowledge)
		}
		add(fp+"/actions/", f.Actions)
		add(fp+"/abilities/", f.Abilities)
		add(fp+"/knowledge/", f.Knowledge)
	}
	return out
}

// pointer resolves a JSON pointer in the model to text: a Text in lang,
// a string, a number, or a list of strings joined with ", ".
func pointer(t *testing.T, tree any, ptr, lang string) string {
	t.Helper()
	v := tree
	for _, part := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		switch n := v.(type) {
		case map[string]any:
			v = n[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i >= len(n) {
				t.Fatalf("pointer %s: no %s", ptr, part)
			}
			v = n[i]
		default:
			t.Fatalf("pointer %s: %s of a %T", ptr, part, v)
		}
	}
	switch n := v.(type) {
	case map[string]any:
		if text, ok := n["text"].(map[string]any); ok { // an Item or a Field
			n = text
		}
		s, _ := n[lang].(string)
		if s == "" {
			s, _ = n["ru"].(string) // a Russian register standard's title
		}
		return strings.TrimSpace(s)
	case string:
		return n
	case float64:
		return strconv.Itoa(int(n))
	case []any:
		var parts []string
		for _, x := range n {
			parts = append(parts, x.(string))
		}
		return strings.Join(parts, ", ")
	}
	t.Fatalf("pointer %s: a %T", ptr, v)
	return ""
}

func TestGenerateRefuses(t *testing.T) {
	kk := readStandard(t, real[0].path)
	for _, tc := range []struct {
		st   *kasip.Standard
		card int
		lang string
		want error
	}{
		{kk, 0, "en", jobdesc.ErrLanguage},
		{kk, 0, "ru", jobdesc.ErrLanguage}, // a Kazakh-only standard
		{kk, len(kk.Cards), "kk", kasip.ErrNotFound},
		{kk, -1, "kk", kasip.ErrNotFound},
	} {
		if _, err := jobdesc.Generate(tc.st, tc.card, tc.lang); !errors.Is(err, tc.want) {
			t.Errorf("card %d in %s: %v, want %v", tc.card, tc.lang, err, tc.want)
		}
	}
}

// TestDOCXReadsBack opens the DOCX as a word processor would: a zip of
// well-formed XML parts, the content types naming the main document, and
// the document's paragraphs the description's text, line for line.
func TestDOCXReadsBack(t *testing.T) {
	for _, doc := range real[:3] {
		d, b := firstCard(t, doc.path, doc.lang, jobdesc.Description.DOCX)
		again, _ := d.DOCX()
		if !bytes.Equal(b, again) {
			t.Error("two DOCX of one description differ")
		}
		paras := docxParagraphs(t, b)
		want := strings.Split(strings.TrimSpace(strings.ReplaceAll(d.Text(), "\n\n", "\n")), "\n")
		if strings.Join(paras, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: the DOCX reads back as\n%s\nwant\n%s", doc.path, strings.Join(paras, "\n"), strings.Join(want, "\n"))
		}
	}
}

// docxParagraphs checks every part of a DOCX and returns the text of the
// main document's paragraphs.
func docxParagraphs(t *testing.T, b []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		var cur *strings.Builder
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
			if f.Name != "word/document.xml" {
				continue
			}
			switch e := tok.(type) {
			case xml.StartElement:
				if e.Name.Local == "p" {
					cur = &strings.Builder{}
				}
			case xml.CharData:
				if cur != nil {
					cur.Write(e)
				}
			case xml.EndElement:
				if e.Name.Local == "p" && cur != nil {
					paras = append(paras, cur.String())
					cur = nil
				}
			}
		}
		rc.Close()
	}
	for _, n := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"} {
		if !names[n] {
			t.Errorf("the DOCX has no %s", n)
		}
	}
	return paras
}

// TestPDFText: the PDF's text, as pdftotext reads it, has the heading,
// the position and the first knowledge item, Kazakh letters intact.
func TestPDFText(t *testing.T) {
	pdftotext := testtool.Need(t, "poppler-utils", "pdftotext")
	for _, doc := range real[:3] {
		d, b := firstCard(t, doc.path, doc.lang, jobdesc.Description.PDF)
		file := filepath.Join(t.TempDir(), "jd.pdf")
		if err := os.WriteFile(file, b, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		// The first words of the first knowledge item (a long one wraps).
		know := strings.Fields(d.Sections[3].Lines[0].Text)
		for _, want := range []string{d.Heading(), d.Title, d.Sections[3].Title, strings.Join(know[:min(4, len(know))], " ")} {
			if !strings.Contains(text, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("%s: the PDF's text lacks %q", doc.path, want)
			}
		}
	}
}

// TestDOCXOpensInLibreOffice converts the DOCX with LibreOffice headless,
// as an office suite opens it, and reads the text of its PDF: the
// heading, the position and every section title are there, Kazakh and
// Russian letters intact.
func TestDOCXOpensInLibreOffice(t *testing.T) {
	soffice := testtool.Need(t, "libreoffice-writer-nogui", "libreoffice", "soffice")
	pdftotext := testtool.Need(t, "poppler-utils", "pdftotext")
	for _, doc := range []struct{ path, lang string }{real[0], real[2]} {
		d, b := firstCard(t, doc.path, doc.lang, jobdesc.Description.DOCX)
		dir := t.TempDir()
		file := filepath.Join(dir, "jd.docx")
		if err := os.WriteFile(file, b, 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--headless", "--convert-to", "pdf", "--outdir", dir, file)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("libreoffice: %v\n%s", err, out)
		}
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(dir, "jd.pdf"), "-").Output()
		if err != nil {
			t.Fatalf("LibreOffice made no readable PDF: %v", err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		wants := []string{d.Heading(), d.Title}
		for _, s := range d.Sections {
			wants = append(wants, s.Title)
		}
		for _, want := range wants {
			if !strings.Contains(text, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("%s: LibreOffice shows no %q", doc.path, want)
			}
		}
	}
}

// firstCard is the description of the first card of the document at path
// in lang, and the file write makes of it.
func firstCard(t *testing.T, path, lang string, write func(jobdesc.Description) ([]byte, error)) (jobdesc.Description, []byte) {
	t.Helper()
	d, err := jobdesc.Generate(readStandard(t, path), 0, lang)
	if err != nil {
		t.Fatal(err)
	}
	b, err := write(d)
	if err != nil {
		t.Fatal(err)
	}
	return d, b
}

// TestEmptySection: a card without knowledge still has the section, an
// empty list in JSON as the OpenAPI document says, not null; an item
// without text in the description's language is stated in the language
// the standard has it in, marked, not left out (as on a merged standard
// whose translation is abridged).
func TestEmptySection(t *testing.T) {
	st := &kasip.Standard{Code: "X", Title: kasip.Text{"kk": "Стандарт"}, Cards: []kasip.Card{{
		Title: kasip.Text{"kk": "Маман"},
		Functions: []kasip.Function{{Title: kasip.Text{"kk": "Функция"}, Skills: []kasip.Skill{{
			Title: kasip.Text{"kk": "Дағды"}, Abilities: []kasip.Item{{Text: kasip.Text{"ru": "Только по-русски"}}}}}}},
	}}}
	d, err := jobdesc.Generate(st, 0, "kk")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d.Sections[3])
	if err != nil {
		t.Fatal(err)
	}
	if d.Sections[3].Key != "knowledge" || !strings.Contains(string(b), `"lines":[]`) {
		t.Errorf("the empty knowledge section: %s", b)
	}
	ab := d.Sections[4]
	if len(ab.Lines) != 1 || ab.Lines[0].Text != "Только по-русски" || ab.Lines[0].Lang != "ru" || len(ab.Lines[0].Sources) != 1 {
		t.Errorf("an ability only in Russian, in a Kazakh description: %+v", ab.Lines)
	}
	if l := d.Sections[2].Lines; len(l) != 2 || l[0].Lang != "" {
		t.Errorf("duties %+v", l)
	}
}
