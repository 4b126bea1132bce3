package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/kasip/kasip/internal/fonts"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/workforce"
)

// Layout of the coverage PDF, in millimetres (A4 landscape).
const (
	pdfFamily          = "DejaVu"
	pdfPageW, pdfPageH = 297.0, 210.0
	pdfMargin          = 12.0
	pdfBottom          = 14.0
	pdfCodeW           = 20.0
	pdfKindW           = 24.0
	pdfTotalW          = 15.0
	pdfMinTitleW       = 90.0
	pdfMinModW         = 8.0
	pdfMaxModW         = 14.0
	pdfHeadH           = 9.0
	pdfLine            = 3.6 // a line of the table's 8pt text
	pdfMaxLines        = 12  // of a title in a row: longer ones are cut
	pdfList            = 4.6 // a line of the lists' 9pt text
)

// Colours of the PDF (RGB).
var (
	pdfHeadFill = [3]int{235, 235, 235}
	pdfShade    = [3]int{0xFD, 0xE0, 0xDD} // colourUncovered
	pdfBorder   = [3]int{170, 170, 170}
)

// pdfText is s as the PDF can carry it, as in jobdesc: valid UTF-8 (fpdf
// panics on invalid), no control characters, line breaks as spaces; and
// no character beyond the Basic Multilingual Plane, which fpdf's width
// tables do not reach (and DejaVu has no glyph for).
func pdfText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20 || r == 0x7f || r == 0xFFFE || r == 0xFFFF:
			return -1
		case r > 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// CoveragePDF writes the coverage matrix m as an A4 landscape PDF in
// DejaVu Sans: the programme's title, speciality, qualification and
// cards, a legend of the modules, the matrix as a table (the header row
// repeated on every page, rows no outcome teaches shaded; more modules
// than fit across a page make several tables of the rows), then the
// items no outcome teaches and the outcomes a newer version of a
// standard touches. Nothing is written to w unless the whole document
// is made; a panic of the PDF library is returned as an error.
func CoveragePDF(w io.Writer, m workforce.Matrix, lang string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("coverage PDF: %v", r)
		}
	}()
	var buf bytes.Buffer
	if err := coveragePDF(&buf, m, lang); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// pdfDoc is a coverage PDF being written.
type pdfDoc struct {
	*fpdf.Fpdf
	lang string
}

func coveragePDF(w io.Writer, m workforce.Matrix, lang string) error {
	pr := m.Programme
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "L", UnitStr: "mm", SizeStr: "A4"})
	d := pdfDoc{pdf, lang}
	pdf.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	pdf.SetAutoPageBreak(true, pdfBottom)
	pdf.AliasNbPages("{nb}")
	pdf.AddUTF8FontFromBytes(pdfFamily, "", fonts.Regular)
	pdf.AddUTF8FontFromBytes(pdfFamily, "B", fonts.Bold)
	stamp := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC) // the same matrix, the same bytes
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(pdfText(pr.Title), true)
	pdf.SetSubject(pdfText(word(lang, "coverage")), true)
	pdf.SetCreator("Kasip", false)
	pdf.SetLang(langOf(lang))
	pdf.SetFooterFunc(func() {
		pdf.SetY(-pdfBottom + 4)
		pdf.SetFont(pdfFamily, "", 7.5)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(180, 4, pdfText(truncate(pr.Speciality+" "+pr.Title, 120)), "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 4, pdfText(fmt.Sprintf(word(lang, "page"), pdf.PageNo())), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()

	// The programme.
	d.para("", 9, 4.5, [3]int{90, 90, 90}, word(lang, "coverage"))
	d.para("B", 15, 7, [3]int{}, orDash(pr.Title))
	var facts []string
	if pr.Speciality != "" {
		facts = append(facts, word(lang, "speciality")+": "+pr.Speciality)
	}
	if pr.Qualification != "" {
		facts = append(facts, word(lang, "qualification")+": "+pr.Qualification)
	}
	if len(facts) > 0 {
		d.para("", 10, 5, [3]int{}, strings.Join(facts, " · "))
	}
	if len(pr.Cards) > 0 {
		cards := make([]string, len(pr.Cards))
		for i, c := range pr.Cards {
			cards[i] = fmt.Sprintf("%s v%s, %s %d", c.Standard, c.Version, strings.ToLower(word(lang, "card")), c.Card+1)
		}
		d.para("", 10, 5, [3]int{}, word(lang, "cards")+": "+strings.Join(cards, "; "))
	}
	d.para("", 10, 5, [3]int{}, fmt.Sprintf(word(lang, "totals"), m.UnitsTaught, m.Units, m.ItemsTaught, m.Items))

	// The legend: the modules' codes, and the shading.
	pdf.Ln(2)
	d.para("B", 10, 5, [3]int{}, word(lang, "modules"))
	for _, mod := range pr.Modules {
		d.para("", 8.5, 4.2, [3]int{}, orDash(moduleName(mod)))
	}
	pdf.Ln(1)
	if y := pdf.GetY(); y+5 > pdfPageH-pdfBottom {
		pdf.AddPage()
	}
	y := pdf.GetY()
	pdf.SetFillColor(pdfShade[0], pdfShade[1], pdfShade[2])
	pdf.SetDrawColor(pdfBorder[0], pdfBorder[1], pdfBorder[2])
	pdf.Rect(pdfMargin, y+0.5, 8, 3.5, "FD")
	pdf.SetXY(pdfMargin+9, y)
	pdf.SetFont(pdfFamily, "", 8.5)
	pdf.CellFormat(0, 4.5, pdfText(word(lang, "not taught")), "", 1, "L", false, 0, "")
	pdf.Ln(3)

	// The matrix, in groups of the modules that fit across the page.
	avail := pdfPageW - 2*pdfMargin - pdfCodeW - pdfKindW - pdfTotalW
	per := max(1, int((avail-pdfMinTitleW)/pdfMinModW))
	n := len(pr.Modules)
	for lo := 0; lo == 0 || lo < n; lo += per {
		hi := min(lo+per, n)
		if n > per {
			d.para("B", 9, 5, [3]int{}, word(lang, "modules")+": "+pr.Modules[lo].Code+" – "+pr.Modules[hi-1].Code)
		}
		d.table(m, lo, hi, avail)
		pdf.Ln(4)
	}
	pdf.SetAutoPageBreak(true, pdfBottom)

	// What no outcome teaches.
	multi := len(pr.Cards) > 1
	d.heading(word(lang, "uncovered"))
	if len(m.Uncovered) == 0 {
		d.para("", 9, pdfList, [3]int{}, word(lang, "nothing"))
	}
	for _, r := range m.Uncovered {
		s := r.Code + "  " + title(r.Title, lang) + " (" + kindWord(lang, r.Kind) + ")"
		if multi {
			s = fmt.Sprintf("%s/%d  %s", r.Standard, r.Card+1, s)
		}
		d.para("", 9, pdfList, [3]int{}, s)
	}

	// What a newer version touches.
	pdf.Ln(3)
	d.heading(word(lang, "flagged"))
	if len(m.Flagged) == 0 {
		d.para("", 9, pdfList, [3]int{}, word(lang, "nothing"))
	}
	rows := rowIndex(m)
	for _, fl := range m.Flagged {
		mod, out := flaggedOutcome(m, fl)
		item := fl.Item.Standard + " " + fl.Item.Path
		if r, ok := rows[fl.Item.Standard+" "+fl.Item.Path]; ok {
			item = r.Code + " " + title(r.Title, lang)
		}
		changes := make([]string, len(fl.Changes))
		for i, c := range fl.Changes {
			changes[i] = changeWord(lang, c.Kind) + " " + c.Path
		}
		d.para("B", 9, pdfList, [3]int{}, mod+": "+truncate(out, 600))
		d.para("", 9, pdfList, [3]int{}, word(lang, "item")+": "+item+" — "+word(lang, "latest")+": "+fl.Latest+" — "+
			word(lang, "changes")+": "+strings.Join(changes, "; "))
		pdf.Ln(1)
	}

	if err := pdf.Error(); err != nil {
		return fmt.Errorf("coverage PDF: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("coverage PDF: %w", err)
	}
	return nil
}

// orDash is s, or a dash when it is blank.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// para writes s as a paragraph across the page.
func (d pdfDoc) para(style string, size, line float64, rgb [3]int, s string) {
	d.SetFont(pdfFamily, style, size)
	d.SetTextColor(rgb[0], rgb[1], rgb[2])
	d.SetX(pdfMargin)
	d.MultiCell(0, line, pdfText(s), "", "L", false)
}

// heading writes s as a heading, on a new page when little of this one
// is left under it.
func (d pdfDoc) heading(s string) {
	if d.GetY()+20 > pdfPageH-pdfBottom {
		d.AddPage()
	}
	d.para("B", 11, 6, [3]int{}, s)
}

// lines is s split to width w in the current font, at most n lines, the
// last ending in "…" when cut; one empty line for an empty s.
func (d pdfDoc) lines(s string, w float64, n int) []string {
	ls := d.SplitText(pdfText(s), w)
	if len(ls) == 0 {
		return []string{""}
	}
	if len(ls) > n {
		ls = ls[:n]
		last := []rune(strings.TrimRight(ls[n-1], " "))
		if len(last) > 1 {
			last = last[:len(last)-1]
		}
		ls[n-1] = string(last) + "…"
	}
	return ls
}

// column is a column of the table.
type column struct {
	w     float64
	align string
}

// cells draws one row of the table at y, height h: each column's lines
// in a bordered box, filled when fill.
func (d pdfDoc) cells(y, h float64, cols []column, texts [][]string, fill bool, indent float64) {
	x := pdfMargin
	style := "D"
	if fill {
		style = "FD"
	}
	for i, c := range cols {
		d.Rect(x, y, c.w, h, style)
		for j, l := range texts[i] {
			in := 0.0
			if i == 2 {
				in = indent
			}
			d.SetXY(x+in, y+0.8+float64(j)*pdfLine)
			d.CellFormat(c.w-in, pdfLine, l, "", 0, c.align, false, 0, "")
		}
		x += c.w
	}
}

// table draws the rows of m over modules lo…hi-1, the header repeated on
// each page.
func (d pdfDoc) table(m workforce.Matrix, lo, hi int, avail float64) {
	mods := m.Programme.Modules[lo:hi]
	modW := 0.0
	if len(mods) > 0 {
		modW = min(pdfMaxModW, (avail-pdfMinTitleW)/float64(len(mods)))
	}
	titleW := avail - modW*float64(len(mods))
	cols := []column{{pdfCodeW, "L"}, {pdfKindW, "L"}, {titleW, "L"}}
	for range mods {
		cols = append(cols, column{modW, "C"})
	}
	cols = append(cols, column{pdfTotalW, "C"})

	d.SetAutoPageBreak(false, pdfBottom)
	defer d.SetAutoPageBreak(true, pdfBottom)
	d.SetDrawColor(pdfBorder[0], pdfBorder[1], pdfBorder[2])
	d.SetLineWidth(0.2)
	head := func() {
		d.SetFont(pdfFamily, "B", 7)
		d.SetTextColor(0, 0, 0)
		d.SetFillColor(pdfHeadFill[0], pdfHeadFill[1], pdfHeadFill[2])
		texts := [][]string{d.lines(word(d.lang, "code"), pdfCodeW, 2), d.lines(word(d.lang, "kind"), pdfKindW, 2), d.lines(word(d.lang, "title"), titleW, 2)}
		for _, mod := range mods {
			texts = append(texts, d.lines(mod.Code, modW, 2))
		}
		texts = append(texts, d.lines(word(d.lang, "total"), pdfTotalW, 2))
		y := d.GetY()
		d.cells(y, pdfHeadH, cols, texts, true, 0)
		d.SetY(y + pdfHeadH)
	}
	if d.GetY()+pdfHeadH+2*pdfLine > pdfPageH-pdfBottom {
		d.AddPage()
	}
	head()
	texts := make([][]string, len(cols))
	for _, r := range m.Rows {
		style, indent := "", 0.0
		switch r.Kind {
		case recognition.KindFunction:
			style = "B"
		case recognition.KindSkill:
			indent = 2
		default:
			indent = 4
		}
		d.SetFont(pdfFamily, style, 8)
		texts[0] = d.lines(r.Code, pdfCodeW, 3)
		texts[1] = d.lines(kindWord(d.lang, r.Kind), pdfKindW, 3)
		texts[2] = d.lines(title(r.Title, d.lang), titleW-indent, pdfMaxLines)
		for i := range mods {
			s := ""
			if k := lo + i; k < len(r.Counts) && r.Counts[k] != 0 {
				s = itoa(r.Counts[k])
			}
			texts[3+i] = []string{s}
		}
		texts[len(cols)-1] = []string{itoa(r.Total)}
		lines := 1
		for _, t := range texts {
			lines = max(lines, len(t))
		}
		h := float64(lines)*pdfLine + 1.6
		if d.GetY()+h > pdfPageH-pdfBottom {
			d.AddPage()
			head()
			d.SetFont(pdfFamily, style, 8)
		}
		d.SetTextColor(0, 0, 0)
		d.SetFillColor(pdfShade[0], pdfShade[1], pdfShade[2])
		y := d.GetY()
		d.cells(y, h, cols, texts, !r.Taught, indent)
		d.SetY(y + h)
	}
}
