package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/workforce"
)

// CoverageXLSX writes the coverage matrix m as a workbook: the sheet
// "Matrix" (a row per row of m: code, kind, title in lang, a column per
// module with its count, the total, then the row's standard and card;
// two header rows, module codes then titles; rows no outcome teaches
// shaded), the sheet "Uncovered" listing m.Uncovered and the sheet
// "Flagged" listing m.Flagged. Sheet names are in lang.
func CoverageXLSX(w io.Writer, m workforce.Matrix, lang string) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("coverage workbook: %w", err)
	}
	names := sheetNames{}
	matrix := names.name(word(lang, "sheet matrix"), "Matrix")
	uncovered := names.name(word(lang, "sheet uncovered"), "Uncovered")
	flagged := names.name(word(lang, "sheet flagged"), "Flagged")
	if err := f.SetSheetName("Sheet1", matrix); err != nil {
		return err
	}
	for _, s := range []string{uncovered, flagged} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	_ = f.SetDocProps(&excelize.DocProperties{Creator: "Kasip", Title: clean(m.Programme.Title), Language: langOf(lang)})
	if err := matrixSheet(f, matrix, st, m, lang); err != nil {
		return fmt.Errorf("coverage workbook: %w", err)
	}
	if err := uncoveredSheet(f, uncovered, st, m, lang); err != nil {
		return fmt.Errorf("coverage workbook: %w", err)
	}
	if err := flaggedSheet(f, flagged, st, m, lang); err != nil {
		return fmt.Errorf("coverage workbook: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("coverage workbook: %w", err)
	}
	return nil
}

// header writes a header row of keys in lang at row 1, with widths.
func header(sw *excelize.StreamWriter, st *xlsxStyles, lang string, keys []string, widths []float64) error {
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(keys))
	for i, k := range keys {
		head[i] = excelize.Cell{StyleID: st.header, Value: word(lang, k)}
	}
	return sw.SetRow("A1", head, excelize.RowOpts{Height: 30})
}

func matrixSheet(f *excelize.File, sheet string, st *xlsxStyles, m workforce.Matrix, lang string) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	mods := m.Programme.Modules
	widths := map[int]float64{1: 10, 2: 16, 3: 60}
	for i := range mods {
		widths[4+i] = 7
	}
	widths[4+len(mods)], widths[5+len(mods)], widths[6+len(mods)] = 8, 16, 8
	for c := 1; c <= 6+len(mods); c++ {
		if err := sw.SetColWidth(c, c, widths[c]); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 3, YSplit: 2, TopLeftCell: "D3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	h := func(v any) excelize.Cell { return excelize.Cell{StyleID: st.header, Value: v} }
	codes := []any{h(word(lang, "code")), h(word(lang, "kind")), h(word(lang, "title"))}
	titles := []any{h(nil), h(nil), h(word(lang, "modules"))}
	for _, mod := range mods {
		codes = append(codes, h(clean(mod.Code)))
		titles = append(titles, excelize.Cell{StyleID: st.headerWrap, Value: clean(truncate(mod.Title, 120))})
	}
	codes = append(codes, h(word(lang, "total")), h(word(lang, "standard")), h(word(lang, "card")))
	titles = append(titles, h(nil), h(nil), h(nil))
	if err := sw.SetRow("A1", codes, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", titles, excelize.RowOpts{Height: 140}); err != nil {
		return err
	}
	vals := make([]any, 0, 6+len(mods))
	for i, r := range m.Rows {
		text, num := st.wrap, st.number
		if r.Kind == recognition.KindFunction {
			text = st.bold
		}
		if !r.Taught {
			text, num = st.shade, st.shade
		}
		vals = append(vals[:0],
			excelize.Cell{StyleID: text, Value: clean(r.Code)},
			excelize.Cell{StyleID: text, Value: kindWord(lang, r.Kind)},
			excelize.Cell{StyleID: text, Value: clean(title(r.Title, lang))})
		for mi := range mods {
			n := 0
			if mi < len(r.Counts) {
				n = r.Counts[mi]
			}
			vals = append(vals, excelize.Cell{StyleID: num, Value: n})
		}
		vals = append(vals, excelize.Cell{StyleID: num, Value: r.Total},
			excelize.Cell{StyleID: text, Value: clean(r.Standard)}, excelize.Cell{StyleID: num, Value: r.Card + 1})
		if err := sw.SetRow(cellName(1, i+3), vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func uncoveredSheet(f *excelize.File, sheet string, st *xlsxStyles, m workforce.Matrix, lang string) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := header(sw, st, lang, []string{"standard", "card", "code", "kind", "title"}, []float64{16, 8, 10, 16, 80}); err != nil {
		return err
	}
	for i, r := range m.Uncovered {
		row := []any{clean(r.Standard), r.Card + 1, clean(r.Code), kindWord(lang, r.Kind), excelize.Cell{StyleID: st.wrap, Value: clean(title(r.Title, lang))}}
		if err := sw.SetRow(cellName(1, i+2), row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func flaggedSheet(f *excelize.File, sheet string, st *xlsxStyles, m workforce.Matrix, lang string) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	keys := []string{"module", "outcome", "standard", "item code", "item", "latest", "changes", "path"}
	if err := header(sw, st, lang, keys, []float64{28, 50, 14, 10, 50, 10, 16, 50}); err != nil {
		return err
	}
	rows := rowIndex(m)
	for i, fl := range m.Flagged {
		mod, out := flaggedOutcome(m, fl)
		code, item := fl.Item.Path, ""
		if r, ok := rows[fl.Item.Standard+" "+fl.Item.Path]; ok {
			code, item = r.Code, title(r.Title, lang)
		}
		kinds, paths := changeLines(fl, lang)
		row := []any{
			excelize.Cell{StyleID: st.wrap, Value: clean(mod)},
			excelize.Cell{StyleID: st.wrap, Value: clean(out)},
			excelize.Cell{StyleID: st.wrap, Value: clean(fl.Item.Standard)},
			excelize.Cell{StyleID: st.wrap, Value: clean(code)},
			excelize.Cell{StyleID: st.wrap, Value: clean(item)},
			excelize.Cell{StyleID: st.wrap, Value: clean(fl.Latest)},
			excelize.Cell{StyleID: st.wrap, Value: clean(kinds)},
			excelize.Cell{StyleID: st.wrap, Value: clean(paths)},
		}
		if err := sw.SetRow(cellName(1, i+2), row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// rowIndex finds the rows of m by standard and path.
func rowIndex(m workforce.Matrix) map[string]workforce.Row {
	idx := make(map[string]workforce.Row, len(m.Rows))
	for _, r := range m.Rows {
		idx[r.Standard+" "+r.Path] = r
	}
	return idx
}

// flaggedOutcome names the module ("PM 03 — Title") and the outcome
// ("РО 3.1 text") of fl; "" for an index out of the programme.
func flaggedOutcome(m workforce.Matrix, fl workforce.FlaggedOutcome) (module, outcome string) {
	if fl.Module < 0 || fl.Module >= len(m.Programme.Modules) {
		return "", ""
	}
	mod := m.Programme.Modules[fl.Module]
	module = moduleName(mod)
	if fl.Outcome >= 0 && fl.Outcome < len(mod.Outcomes) {
		o := mod.Outcomes[fl.Outcome]
		outcome = strings.TrimSpace(o.Code + " " + o.Text)
	}
	return module, outcome
}

// moduleName is "code — title", or the one of them given.
func moduleName(mod workforce.Module) string {
	switch {
	case mod.Code == "":
		return mod.Title
	case mod.Title == "":
		return mod.Code
	}
	return mod.Code + " — " + mod.Title
}

// changeLines are the kinds (in lang) and paths of fl's changes, a line
// each.
func changeLines(fl workforce.FlaggedOutcome, lang string) (kinds, paths string) {
	k, p := make([]string, len(fl.Changes)), make([]string, len(fl.Changes))
	for i, c := range fl.Changes {
		k[i], p[i] = changeWord(lang, c.Kind), c.Path
	}
	return strings.Join(k, "\n"), strings.Join(p, "\n")
}

// itoa is n in decimal.
func itoa(n int) string { return strconv.Itoa(n) }
