package report_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/internal/testtool"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/workforce"
	"github.com/kasip/kasip/workforce/report"
)

func TestCoverageXLSX(t *testing.T) {
	m := coverage(t)
	var buf bytes.Buffer
	if err := report.CoverageXLSX(&buf, m, "kk"); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, buf.Bytes())
	sheets := f.GetSheetList()
	if !slices.Equal(sheets, []string{"Матрица", "Қамтылмаған", "Қайта қарау керек"}) {
		t.Fatalf("sheets %q", sheets)
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(m.Rows)+2 {
		t.Fatalf("%d rows, want %d rows and 2 header rows", len(rows), len(m.Rows))
	}
	mods := m.Programme.Modules
	if got := rows[0][3 : 3+len(mods)]; !slices.Equal(got, []string{"ПМ 01", "ПМ 02", "ПМ 03"}) || rows[1][3] != mods[0].Title {
		t.Errorf("header %q / %q", rows[0], rows[1])
	}
	shaded := 0
	for i, r := range m.Rows {
		got := rows[i+2]
		if got[0] != r.Code || got[1] != map[string]string{recognition.KindFunction: "еңбек функциясы", recognition.KindSkill: "дағды",
			recognition.KindAbility: "білік", recognition.KindKnowledge: "білім"}[r.Kind] || got[2] != r.Title.Best("kk") {
			t.Errorf("row %d: %q, want %+v", i+3, got[:3], r)
		}
		for mi, n := range r.Counts {
			if got[3+mi] != strconv.Itoa(n) {
				t.Errorf("row %d (%s), module %d: %q, want %d", i+3, r.Code, mi, got[3+mi], n)
			}
		}
		if got[3+len(mods)] != strconv.Itoa(r.Total) {
			t.Errorf("row %d total %q, want %d", i+3, got[3+len(mods)], r.Total)
		}
		fill := fillOf(t, f, sheets[0], cell(3, i+3))
		if (fill == "FDE0DD") != !r.Taught {
			t.Errorf("row %d (%s, taught %v): fill %q", i+3, r.Code, r.Taught, fill)
		}
		if !r.Taught {
			shaded++
		}
	}
	if shaded == 0 || shaded == len(m.Rows) {
		t.Errorf("%d of %d rows shaded", shaded, len(m.Rows))
	}
	// By hand: 1.1.k1 is taught twice in ПМ 01 and once in ПМ 02.
	for i, r := range m.Rows {
		if r.Code == "1.1.k1" && !slices.Equal(rows[i+2][3:7], []string{"2", "1", "0", "3"}) {
			t.Errorf("1.1.k1: %q", rows[i+2])
		}
	}

	unc, _ := f.GetRows(sheets[1])
	if len(unc) != len(m.Uncovered)+1 {
		t.Errorf("%d uncovered rows, want %d", len(unc)-1, len(m.Uncovered))
	}
	for i, r := range m.Uncovered {
		if unc[i+1][2] != r.Code || unc[i+1][4] != r.Title.Best("kk") {
			t.Errorf("uncovered %d: %q", i, unc[i+1])
		}
	}
	fl, _ := f.GetRows(sheets[2])
	if len(fl) != len(m.Flagged)+1 {
		t.Fatalf("%d flagged rows, want %d", len(fl)-1, len(m.Flagged))
	}
	for i, x := range m.Flagged {
		r := fl[i+1]
		if !strings.HasPrefix(r[0], mods[x.Module].Code+" — ") || !strings.Contains(r[1], mods[x.Module].Outcomes[x.Outcome].Text) ||
			r[5] != "2" || !strings.Contains(r[6], "өзгертілді") || !strings.Contains(r[7], x.Changes[0].Path) {
			t.Errorf("flagged %d: %q", i, r)
		}
	}
}

// pdfToText is the text of a PDF, its spaces collapsed.
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := testtool.Need(t, "poppler-utils", "pdftotext")
	dir := t.TempDir()
	in := filepath.Join(dir, "m.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestCoveragePDF(t *testing.T) {
	m := coverage(t)
	var buf bytes.Buffer
	if err := report.CoveragePDF(&buf, m, "kk"); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", buf.Bytes())
	}
	text := pdfToText(t, buf.Bytes())
	st := youth(t)
	for _, want := range []string{
		m.Programme.Title, "0101000", "Әлеуметтік педагог", // the title, speciality, qualification
		"ПМ 03", "ПМ 01 — Жастарға кеңес беру негіздері", // a module code, the legend
		st.Cards[1].Functions[0].Skills[0].Title.Best("kk"), // a Kazakh item title
		"Ешбір оқыту нәтижесі қамтымайтын элементтер", "Стандарттың жаңа нұсқасы өзгерткен оқыту нәтижелері",
		m.Uncovered[len(m.Uncovered)-1].Code,
	} {
		if !strings.Contains(text, strings.Join(strings.Fields(want), " ")) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	// The header row is repeated on every page of the table.
	if n := strings.Count(text, "Коды Түрі Атауы"); n < 2 {
		t.Errorf("header row %d times", n)
	}
	// Many modules: the matrix in several tables, no panic.
	many := m
	many.Programme.Modules = nil
	for i := range 40 {
		many.Programme.Modules = append(many.Programme.Modules, workforce.Module{Code: "М" + strconv.Itoa(i+1), Title: "Модуль"})
	}
	many.Rows = slices.Clone(m.Rows)
	for i := range many.Rows {
		many.Rows[i].Counts = make([]int, 40)
		many.Rows[i].Counts[39] = 1
	}
	buf.Reset()
	if err := report.CoveragePDF(&buf, many, "ru"); err != nil {
		t.Fatal(err)
	}
	if text := pdfToText(t, buf.Bytes()); !strings.Contains(text, "М40") || !strings.Contains(text, "Модули: М1 – М") {
		t.Errorf("40 modules: %.300s", text)
	}
}

// A matrix with anything as its texts still makes a PDF.
func FuzzCoveragePDF(f *testing.F) {
	f.Add("Жастармен жұмыс", "ПМ 01", "Жастарға консультация беру", "cards[1].title")
	f.Add("", "", "", "")
	f.Add("\xff\xfe\x00", "\t\n\r", strings.Repeat("Ә", 5000), "\U0001F600\U00010000\uFFFF")
	f.Add(strings.Repeat("W", 3000), strings.Repeat("Ы", 200), "a\nb\nc", "%PDF")
	f.Fuzz(func(t *testing.T, title, code, text, path string) {
		m := coverage(t)
		m.Programme.Title, m.Programme.Speciality, m.Programme.Qualification = title, code, text
		m.Programme.Modules = slices.Clone(m.Programme.Modules)
		m.Programme.Modules[0].Code, m.Programme.Modules[1].Title = code, text
		m.Programme.Modules[2].Outcomes = []workforce.Outcome{{Code: code, Text: text}}
		m.Rows = slices.Clone(m.Rows)
		m.Rows[0].Title, m.Rows[1].Code = kasip.Text{"kk": text, "xx": title}, code
		m.Uncovered = append(slices.Clone(m.Uncovered), workforce.Row{Code: code, Kind: text, Title: kasip.Text{"ru": title}})
		m.Flagged = append(slices.Clone(m.Flagged), workforce.FlaggedOutcome{Module: 2, Outcome: 0, Latest: title,
			Item:    workforce.ItemRef{Standard: code, Path: path},
			Changes: []kasip.Change{{Path: path, Kind: text}}})
		var buf bytes.Buffer
		if err := report.CoveragePDF(&buf, m, code); err != nil {
			t.Fatal(err)
		}
		if b := buf.Bytes(); !bytes.HasPrefix(b, []byte("%PDF-1.")) || !bytes.Contains(b[max(0, len(b)-32):], []byte("%%EOF")) {
			t.Fatalf("not a PDF: %.40q … %q", b, b[max(0, len(b)-32):])
		}
	})
}
