package report_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/kasip/kasip/workforce"
	"github.com/kasip/kasip/workforce/report"
)

var kkHeader = []string{"Ұйым", "Бөлімше", "Қызметкер", "Лауазым", "Кәсіптік стандарт", "Нұсқа", "Карточка",
	"Элемент коды", "Элемент түрі", "Элемент", "Талап етілетін деңгей", "Өзін-өзі бағалау", "Басшының бағалауы",
	"Сертификат", "Бағаланған деңгей", "Бағалау көзі", "Олқылық"}

// lv is a level as the exports write it.
func lv(l int) string {
	if l == workforce.NotGiven {
		return ""
	}
	return strconv.Itoa(l)
}

func TestGapsCSV(t *testing.T) {
	a := gapAnalysis(t)
	b := a.Blocks[0]
	var buf bytes.Buffer
	if err := report.GapsCSV(&buf, a, "kk"); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	if !strings.HasPrefix(raw, "\uFEFF") {
		t.Fatal("no byte order mark")
	}
	if strings.Count(raw, "\r\n") != strings.Count(raw, "\n") {
		t.Error("not every line ends in CRLF")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(raw, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], kkHeader) {
		t.Errorf("header %q", recs[0])
	}
	if len(recs) != 1+len(b.People)*len(b.Items) {
		t.Fatalf("%d records, want 1 + %d × %d", len(recs), len(b.People), len(b.Items))
	}
	for k, rec := range recs[1:] {
		p, it := b.People[k/len(b.Items)], b.Items[k%len(b.Items)]
		c := p.Cells[k%len(b.Items)]
		if rec[0] != a.Org.Name || rec[1] != "Орталық" || rec[2] != p.Employee.Name || rec[3] != b.Position.Title ||
			rec[4] != "M84120" || rec[6] != "2" || rec[7] != it.Code || rec[9] != it.Title.Best("kk") {
			t.Fatalf("record %d: %q", k, rec)
		}
		if rec[10] != lv(c.Required) || rec[14] != lv(c.Level) || rec[16] != lv(c.Gap) || rec[13] != c.Certificate {
			t.Fatalf("record %d: %q, cell %+v", k, rec, c)
		}
	}
	// By hand: Бауыржан, 1.1 needs 4, the manager gave 0 and he 4: both
	// columns say so, the manager's counts.
	i, _ := person(t, b, "Бауыржан Сейітов")
	rec := recs[1+i*len(b.Items)]
	if got := rec[8:]; !slices.Equal(got, []string{"дағды", b.Items[0].Title.Best("kk"), "4", "4", "0", "", "0", "басшының бағалауы", "4"}) {
		t.Errorf("Бауыржан on 1.1: %q", got)
	}
	// Гүлнар: only her own 2, on 1.1 needing 4.
	i, _ = person(t, b, "Гүлнар Иманова")
	if rec := recs[1+i*len(b.Items)]; rec[11] != "2" || rec[12] != "" || rec[14] != "2" || rec[15] != "өзін-өзі бағалау" || rec[16] != "2" {
		t.Errorf("Гүлнар on 1.1: %q", rec)
	}
	// Дәурен: 1.1 by his certificate, short of 4; the last unit not assessed.
	i, p := person(t, b, "Дәурен Жақсылықов")
	if rec := recs[1+i*len(b.Items)]; rec[13] != "KZ-0001" || rec[14] != "3" || rec[15] != "сертификат" || rec[16] != "1" || rec[11] != "" {
		t.Errorf("Дәурен on 1.1: %q", rec)
	}
	if j := len(b.Items) - 1; p.Cells[j].Assessed() {
		t.Errorf("Дәурен assessed on %s", b.Items[j].Code)
	} else if rec := recs[1+i*len(b.Items)+j]; rec[11] != "" || rec[12] != "" || rec[14] != "" || rec[15] != "бағаланбаған" || rec[16] != "" {
		t.Errorf("Дәурен unassessed: %q", rec)
	}

	// A name a spreadsheet would run is written as text.
	b.People = slices.Clone(b.People)
	b.People[0].Employee.Name = "=HYPERLINK(\"http://x\")"
	a.Blocks = []workforce.Block{b}
	buf.Reset()
	if err := report.GapsCSV(&buf, a, "en"); err != nil {
		t.Fatal(err)
	}
	recs, _ = csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if recs[0][2] != "Employee" || recs[1][2] != "'=HYPERLINK(\"http://x\")" {
		t.Errorf("formula name: %q / %q", recs[0][2], recs[1][2])
	}
}

// fillOf is the fill colour of a cell, upper case.
func fillOf(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.ToUpper(st.Fill.Color[0])
}

func openXLSX(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func cell(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func TestGapsXLSX(t *testing.T) {
	a := gapAnalysis(t)
	b := a.Blocks[0]
	var buf bytes.Buffer
	if err := report.GapsXLSX(&buf, a, "kk"); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, buf.Bytes())
	sheets := f.GetSheetList()
	if len(sheets) != 4 || sheets[0] != "Олқылықтар" || sheets[2] != "Негізгі олқылықтар" || sheets[3] != "Шкала" {
		t.Fatalf("sheets %q", sheets)
	}
	block := sheets[1]
	if len(utf16.Encode([]rune(block))) > 31 || strings.ContainsAny(block, `[]:*?/\`) || !strings.HasPrefix(block, "Жастар ісі жөніндегі маман") {
		t.Errorf("block sheet named %q", block)
	}

	// Sheet 1: the CSV's rows.
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(b.People)*len(b.Items) || !slices.Equal(rows[0], kkHeader) {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	for _, k := range []int{0, 1, 5, len(rows) / 2, len(rows) - 2} {
		p, c := b.People[k/len(b.Items)], b.People[k/len(b.Items)].Cells[k%len(b.Items)]
		r := rows[1+k]
		for len(r) < 17 {
			r = append(r, "")
		}
		if r[2] != p.Employee.Name || r[7] != b.Items[k%len(b.Items)].Code || r[10] != lv(c.Required) || r[14] != lv(c.Level) || r[16] != lv(c.Gap) {
			t.Errorf("row %d: %q, cell %+v", k+2, r, c)
		}
	}
	if p, err := f.GetPanes(sheets[0]); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("sheet 1 panes %+v %v", p, err)
	}

	// The block: codes, titles, then a person a row, the level in each cell.
	for j, it := range b.Items {
		if v, _ := f.GetCellValue(block, cell(j+2, 1)); v != it.Code {
			t.Errorf("header %d: %q, want %q", j, v, it.Code)
		}
	}
	if v, _ := f.GetCellValue(block, "B2"); v != b.Items[0].Title.Best("kk") {
		t.Errorf("title of 1.1: %q", v)
	}
	wantFill := map[int]string{0: "1A9850", 1: "FEE08B", 2: "FC8D59", 3: "D73027", 4: "D73027"}
	checked := map[string]int{}
	for i, p := range b.People {
		if v, _ := f.GetCellValue(block, cell(1, i+3)); v != p.Employee.Name {
			t.Errorf("row %d: %q, want %q", i+3, v, p.Employee.Name)
		}
		for j, c := range p.Cells {
			ref := cell(j+2, i+3)
			v, _ := f.GetCellValue(block, ref)
			if v != lv(c.Level) {
				t.Errorf("%s (%s, %s): %q, cell %+v", ref, p.Employee.Name, b.Items[j].Code, v, c)
			}
			if !c.Assessed() {
				continue
			}
			if got := fillOf(t, f, block, ref); got != wantFill[c.Gap] {
				t.Errorf("%s with gap %d: fill %s, want %s", ref, c.Gap, got, wantFill[c.Gap])
			}
			checked[wantFill[c.Gap]]++
		}
	}
	if len(checked) != 4 {
		t.Errorf("fills checked %v", checked)
	}
	if p, err := f.GetPanes(block); err != nil || !p.Freeze || p.XSplit != 1 || p.YSplit != 2 {
		t.Errorf("block panes %+v %v", p, err)
	}

	// Top gaps: a row each; the scale names the levels.
	top, _ := f.GetRows(sheets[2])
	if len(top) != 1+len(a.Top) || len(a.Top) == 0 {
		t.Fatalf("%d top rows for %d top gaps", len(top), len(a.Top))
	}
	if g := a.Top[0]; top[1][1] != g.Item.Code || top[1][6] != strconv.Itoa(g.WithGap) || top[1][7] != strconv.Itoa(g.Missing) {
		t.Errorf("top gap 1: %q, want %+v", top[1], g)
	}
	scale, _ := f.GetRows(sheets[3])
	var text strings.Builder
	for _, r := range scale {
		text.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, l := range workforce.Levels() {
		if !strings.Contains(text.String(), strconv.Itoa(l)+"|"+workforce.LevelName("kk", l)) {
			t.Errorf("scale lacks level %d:\n%s", l, text.String())
		}
	}
	for _, w := range []string{"талапқа сай", "бағаланбаған", "сертификатпен расталған"} {
		if !strings.Contains(text.String(), w) {
			t.Errorf("scale lacks %q", w)
		}
	}

	// Sheet names in Russian and English.
	for lang, want := range map[string]string{"ru": "Разрывы", "en": "Gaps"} {
		buf.Reset()
		if err := report.GapsXLSX(&buf, a, lang); err != nil {
			t.Fatal(err)
		}
		if s := openXLSX(t, buf.Bytes()).GetSheetList(); s[0] != want {
			t.Errorf("%s: sheets %q", lang, s)
		}
	}
}

// Sheet names stay valid and apart however positions are called.
func TestGapsXLSXSheetNames(t *testing.T) {
	a := gapAnalysis(t)
	b := a.Blocks[0]
	a.Blocks = nil
	for i, title := range []string{"", "Олқылықтар", "'x'", strings.Repeat("Қ", 40), strings.Repeat("Қ", 40), "a/b\\c?d*e[f]g:h", "\x00\x01"} {
		c := b
		c.Position.Title, c.Position.ID = title, int64(i)
		a.Blocks = append(a.Blocks, c)
	}
	var buf bytes.Buffer
	if err := report.GapsXLSX(&buf, a, "kk"); err != nil {
		t.Fatal(err)
	}
	sheets := openXLSX(t, buf.Bytes()).GetSheetList()
	if len(sheets) != 2+len(a.Blocks)+1 {
		t.Fatalf("sheets %q", sheets)
	}
	seen := map[string]bool{}
	for _, s := range sheets {
		if seen[strings.ToLower(s)] || s == "" || len(utf16.Encode([]rune(s))) > 31 || strings.ContainsAny(s, `[]:*?/\`) {
			t.Errorf("sheet %q", s)
		}
		seen[strings.ToLower(s)] = true
	}
}
