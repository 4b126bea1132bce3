package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/kasip/kasip/workforce"
)

// gapColumns are the header keys of the gap rows, in order.
var gapColumns = []string{"organisation", "unit", "employee", "position", "standard", "version", "card",
	"item code", "item kind", "item", "required", "self", "manager", "certificate", "assessed", "source", "gap"}

// gapRow is one person on one item, as the exports write it. Levels are
// workforce.NotGiven when not given.
type gapRow struct {
	org, unit, employee, position, standard, version string
	card                                             int // 1-based
	code, kind, item                                 string
	required, self, manager                          int
	certificate                                      string
	level                                            int
	source                                           string
	gap                                              int
	grade                                            grade
}

// eachGap calls fn with every person × item of a, block by block.
//
// The analysis keeps, per cell, the level that counts and where it comes
// from, not both ratings: the employee's own level is known when it is
// the one that counts, the manager's when it counts (or, under a
// certificate, when it raised the level above the certificate's).
func eachGap(a workforce.Analysis, lang string, fn func(r *gapRow) error) error {
	var r gapRow
	r.org = a.Org.Name
	for _, b := range a.Blocks {
		kinds, titles := make([]string, len(b.Items)), make([]string, len(b.Items))
		for i, it := range b.Items {
			kinds[i], titles[i] = kindWord(lang, it.Kind), title(it.Title, lang)
		}
		r.position, r.standard, r.version, r.card = b.Position.Title, b.Position.Standard, b.Position.Version, b.Position.Card+1
		for _, p := range b.People {
			r.employee, r.unit = p.Employee.Name, p.Employee.Unit
			for i, it := range b.Items {
				c := cellAt(b, p, i)
				r.code, r.kind, r.item = it.Code, kinds[i], titles[i]
				r.required, r.level, r.gap, r.certificate = c.Required, c.Level, c.Gap, c.Certificate
				r.self, r.manager = c.Self, c.Manager
				if !c.Assessed() {
					r.level, r.gap = workforce.NotGiven, workforce.NotGiven
				}
				r.source = sourceWord(lang, c.Source)
				r.grade = gradeOf(c)
				if err := fn(&r); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// cellAt is p's cell on item i of b (not assessed when p has none).
func cellAt(b workforce.Block, p workforce.Person, i int) workforce.Cell {
	if i < len(p.Cells) {
		return p.Cells[i]
	}
	return workforce.NotAssessed(b.Items[i].Required)
}

// GapsCSV writes one row per person × item of a, after a header in lang:
// UTF-8 with a byte order mark (so that Excel reads Cyrillic right), CRLF
// line ends, levels as numbers and "" when not given. A text starting
// with = + - @ is written after an apostrophe, so that a spreadsheet does
// not run it as a formula.
func GapsCSV(w io.Writer, a workforce.Analysis, lang string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	rec := make([]string, len(gapColumns))
	for i, k := range gapColumns {
		rec[i] = word(lang, k)
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	err := eachGap(a, lang, func(r *gapRow) error {
		rec = append(rec[:0], safeCSV(r.org), safeCSV(r.unit), safeCSV(r.employee), safeCSV(r.position),
			clean(r.standard), clean(r.version), strconv.Itoa(r.card), clean(r.code), r.kind, safeCSV(r.item),
			level(r.required), level(r.self), level(r.manager), safeCSV(r.certificate), level(r.level), r.source, level(r.gap))
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// safeCSV is s cleaned, after an apostrophe when a spreadsheet would
// take it for a formula.
func safeCSV(s string) string {
	s = clean(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// xlsxStyles are the styles of a workbook.
type xlsxStyles struct {
	header, headerWrap, title, text, wrap, number, mean, bold, shade int
	// grades: by grade, and for a gap by its size (1…4).
	grade map[grade]int
	gap   [workforce.MaxLevel + 1]int
}

func newStyles(f *excelize.File) (*xlsxStyles, error) {
	var err error
	st := &xlsxStyles{grade: map[grade]int{}}
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEEEEE"}}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	st.header = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: grey, Alignment: top})
	st.headerWrap = add(&excelize.Style{Font: &excelize.Font{Size: 9}, Fill: grey,
		Alignment: &excelize.Alignment{Vertical: "bottom", WrapText: true, TextRotation: 90}})
	st.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	st.text = add(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	st.wrap = add(&excelize.Style{Alignment: top})
	st.number = add(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	oneDecimal := "0.0"
	st.mean = add(&excelize.Style{CustomNumFmt: &oneDecimal, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	st.bold = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top})
	st.shade = add(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourUncovered}}, Alignment: top})
	for _, g := range grades {
		st.grade[g] = add(gradeStyle(g, ""))
	}
	// A gap cell shows the level and, for greyscale print, the gap: "2 (−1)".
	for n := 1; n <= workforce.MaxLevel; n++ {
		g := gradeOf(workforce.Cell{Source: workforce.SourceManager, Gap: n})
		st.gap[n] = add(gradeStyle(g, `0" (`+g.mark(n)+`)"`))
	}
	st.grade[gradeConfirmed] = add(gradeStyle(gradeConfirmed, `0" ✓"`))
	return st, err
}

// colourUncovered shades the coverage rows no outcome teaches.
const colourUncovered = "FDE0DD"

// gradeStyle is the style of a heat map cell of grade g, with the
// number format format ("" for none).
func gradeStyle(g grade, format string) *excelize.Style {
	s := &excelize.Style{
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{g.colour()}},
		Font:      &excelize.Font{Color: g.ink(), Bold: g == gradeConfirmed || g == gradeGap3},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
		Border: []excelize.Border{{Type: "left", Color: "FFFFFF", Style: 1}, {Type: "right", Color: "FFFFFF", Style: 1},
			{Type: "top", Color: "FFFFFF", Style: 1}, {Type: "bottom", Color: "FFFFFF", Style: 1}},
	}
	if g == gradeNone { // light grey hatched
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 13, Color: []string{colourHatch}}
	}
	if format != "" {
		s.CustomNumFmt = &format
	}
	return s
}

// cellStyle is the style of a heat map cell c.
func (st *xlsxStyles) cellStyle(c workforce.Cell) int {
	g := gradeOf(c)
	if c.Gap >= 1 && c.Gap <= workforce.MaxLevel && g != gradeConfirmed && g != gradeMet {
		return st.gap[c.Gap]
	}
	return st.grade[g]
}

// sheetNames makes the names of a workbook's sheets: at most 31
// characters (UTF-16 units), none of : \ / ? * [ ], not starting or
// ending with an apostrophe, unique regardless of case.
type sheetNames map[string]bool

func (n sheetNames) name(s, fallback string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`:\/?*[]`, r):
			return '-'
		case r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Trim(s, "' ")
	if s == "" {
		s = fallback
	}
	base := s
	for i := 2; ; i++ {
		s = utf16Cut(s, excelize.MaxSheetNameLength)
		if !n[strings.ToLower(s)] {
			break
		}
		suffix := " (" + strconv.Itoa(i) + ")"
		s = utf16Cut(base, excelize.MaxSheetNameLength-len(suffix)) + suffix
	}
	n[strings.ToLower(s)] = true
	return s
}

// utf16Cut is s cut to at most n UTF-16 units, on a character, then
// trimmed of spaces and apostrophes at its end.
func utf16Cut(s string, n int) string {
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n {
			return strings.TrimRight(s[:i], "' ")
		}
	}
	return s
}

// GapsXLSX writes a as a workbook: sheet 1 the rows of GapsCSV, then a
// sheet per block with its heat map as a matrix (people × item codes,
// the assessed level in each cell coloured as in the SVG), the top gaps
// and the scale with the colours.
func GapsXLSX(w io.Writer, a workforce.Analysis, lang string) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("gaps workbook: %w", err)
	}
	names := sheetNames{}
	first := names.name(word(lang, "sheet gaps"), "Gaps")
	blockSheets := make([]string, len(a.Blocks))
	for i, b := range a.Blocks {
		blockSheets[i] = names.name(b.Position.Title, word(lang, "position")+" "+strconv.Itoa(i+1))
	}
	topSheet, scaleSheet := names.name(word(lang, "sheet top"), "Top gaps"), names.name(word(lang, "sheet scale"), "Scale")
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return err
	}
	for _, s := range append(append([]string(nil), blockSheets...), topSheet, scaleSheet) {
		if _, err := f.NewSheet(s); err != nil {
			return fmt.Errorf("gaps workbook: sheet %q: %w", s, err)
		}
	}
	_ = f.SetDocProps(&excelize.DocProperties{Creator: "Kasip", Title: clean(word(lang, "sheet gaps") + ": " + a.Org.Name),
		Language: langOf(lang), Created: a.At.UTC().Format("2006-01-02T15:04:05Z")})

	if err := gapsSheet(f, first, st, a, lang); err != nil {
		return err
	}
	for i, b := range a.Blocks {
		if err := blockSheet(f, blockSheets[i], st, b, lang); err != nil {
			return err
		}
	}
	if err := topSheetOf(f, topSheet, st, a, lang); err != nil {
		return err
	}
	if err := scaleSheetOf(f, scaleSheet, st, lang); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("gaps workbook: %w", err)
	}
	return nil
}

// cellName is the name of the cell at 1-based col, row.
func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// num is l as a sheet's value: nil (no value) when not given.
func num(l int) any {
	if l == workforce.NotGiven {
		return nil
	}
	return l
}

// str is s cleaned as a sheet's value: nil (no cell) when empty.
func str(s string) any {
	if s == "" {
		return nil
	}
	return clean(s)
}

func gapsSheet(f *excelize.File, sheet string, st *xlsxStyles, a workforce.Analysis, lang string) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	widths := []float64{24, 18, 30, 30, 12, 8, 8, 10, 14, 60, 10, 10, 10, 14, 10, 18, 8}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(gapColumns))
	for i, k := range gapColumns {
		head[i] = excelize.Cell{StyleID: st.header, Value: word(lang, k)}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	row := 1
	vals := make([]any, len(gapColumns))
	err = eachGap(a, lang, func(r *gapRow) error {
		row++
		gapCell := any(nil)
		if r.gap != workforce.NotGiven {
			gapCell = excelize.Cell{StyleID: st.grade[r.grade], Value: r.gap}
		}
		vals = append(vals[:0], str(r.org), str(r.unit), str(r.employee), str(r.position), str(r.standard),
			str(r.version), r.card, str(r.code), r.kind, str(r.item), r.required, num(r.self), num(r.manager),
			str(r.certificate), num(r.level), r.source, gapCell)
		return sw.SetRow(cellName(1, row), vals)
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

func blockSheet(f *excelize.File, sheet string, st *xlsxStyles, b workforce.Block, lang string) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	n := len(b.Items)
	if err := sw.SetColWidth(1, 1, 34); err != nil {
		return err
	}
	for i, it := range b.Items {
		wd := 6.0
		if it.IsUnit() {
			wd = 9
		}
		if err := sw.SetColWidth(i+2, i+2, wd); err != nil {
			return err
		}
	}
	if err := sw.SetColWidth(n+2, n+3, 12); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 2, TopLeftCell: "B3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	codes := make([]any, 0, n+3)
	titles := make([]any, 0, n+3)
	codes = append(codes, excelize.Cell{StyleID: st.header, Value: clean(blockName(b, lang))})
	titles = append(titles, excelize.Cell{StyleID: st.header, Value: word(lang, "employee")})
	for _, it := range b.Items {
		codes = append(codes, excelize.Cell{StyleID: st.header, Value: clean(it.Code)})
		titles = append(titles, excelize.Cell{StyleID: st.headerWrap, Value: clean(truncate(title(it.Title, lang), 120))})
	}
	codes = append(codes, excelize.Cell{StyleID: st.header, Value: word(lang, "gaps count")}, excelize.Cell{StyleID: st.header, Value: word(lang, "missing")})
	titles = append(titles, excelize.Cell{StyleID: st.header}, excelize.Cell{StyleID: st.header})
	if err := sw.SetRow("A1", codes, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", titles, excelize.RowOpts{Height: 170}); err != nil {
		return err
	}
	vals := make([]any, n+3)
	for r, p := range b.People {
		vals = vals[:0]
		vals = append(vals, clean(p.Employee.Name))
		for i := range b.Items {
			c := cellAt(b, p, i)
			v := any("")
			if c.Assessed() {
				v = c.Level
			}
			vals = append(vals, excelize.Cell{StyleID: st.cellStyle(c), Value: v})
		}
		vals = append(vals, excelize.Cell{StyleID: st.number, Value: p.Gaps}, excelize.Cell{StyleID: st.number, Value: p.Missing})
		if err := sw.SetRow(cellName(1, r+3), vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func topSheetOf(f *excelize.File, sheet string, st *xlsxStyles, a workforce.Analysis, lang string) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	cols := []string{"position", "item code", "item kind", "item", "people", "assessed people", "with gap", "missing", "mean", "confirmed count"}
	widths := []float64{30, 10, 14, 60, 10, 10, 10, 10, 10, 12}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, k := range cols {
		head[i] = excelize.Cell{StyleID: st.header, Value: word(lang, k)}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	positions := map[int64]string{}
	for _, b := range a.Blocks {
		positions[b.Position.ID] = b.Position.Title
	}
	for i, g := range a.Top {
		row := []any{
			excelize.Cell{StyleID: st.wrap, Value: clean(positions[g.Position])},
			excelize.Cell{StyleID: st.wrap, Value: clean(g.Item.Code)},
			excelize.Cell{StyleID: st.wrap, Value: kindWord(lang, g.Item.Kind)},
			excelize.Cell{StyleID: st.wrap, Value: clean(title(g.Item.Title, lang))},
			excelize.Cell{StyleID: st.number, Value: g.People},
			excelize.Cell{StyleID: st.number, Value: g.Assessed},
			excelize.Cell{StyleID: st.number, Value: g.WithGap},
			excelize.Cell{StyleID: st.number, Value: g.Missing},
			excelize.Cell{StyleID: st.mean, Value: g.MeanLevel},
			excelize.Cell{StyleID: st.number, Value: g.Confirmed},
		}
		if err := sw.SetRow(cellName(1, i+2), row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func scaleSheetOf(f *excelize.File, sheet string, st *xlsxStyles, lang string) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 12); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 50); err != nil {
		return err
	}
	row := 0
	put := func(vals ...any) error {
		row++
		return sw.SetRow(cellName(1, row), vals)
	}
	if err := put(excelize.Cell{StyleID: st.header, Value: word(lang, "level")}, excelize.Cell{StyleID: st.header, Value: word(lang, "meaning")}); err != nil {
		return err
	}
	for _, l := range workforce.Levels() {
		if err := put(excelize.Cell{StyleID: st.number, Value: l}, excelize.Cell{StyleID: st.text, Value: workforce.LevelName(langOf(lang), l)}); err != nil {
			return err
		}
	}
	if err := put(nil, excelize.Cell{StyleID: st.wrap, Value: word(lang, "scale note")}); err != nil {
		return err
	}
	row++
	if err := put(excelize.Cell{StyleID: st.header, Value: word(lang, "colour")}, excelize.Cell{StyleID: st.header, Value: word(lang, "legend")}); err != nil {
		return err
	}
	for _, g := range grades {
		if err := put(excelize.Cell{StyleID: st.grade[g], Value: g.mark(g.legendGap())}, excelize.Cell{StyleID: st.text, Value: g.legend(lang)}); err != nil {
			return err
		}
	}
	return sw.Flush()
}
