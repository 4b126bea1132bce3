package read

import (
	"encoding/json"
	"fmt"
	"os"

	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kasip/kasip"
)

// The layout tests render both text seeds as HTML and DOCX in the layouts
// published standards use for the labels of a skill (the label in its own
// cell, at the start of the list's cell, after the abilities list in the same
// cell on its own line, in its own <p>, after a <br>, on the same line, glued
// to the last word; Russian labels) and require the same structure as the
// text reading, texts included.

// fxDeepShape is the structure of the cards with every text that matters.
// With loose, items are compared without their closing punctuation (a
// layout that glues a label to the last word drops it).
func fxDeepShape(st *kasip.Standard, loose bool) string {
	item := func(s string) string {
		if loose {
			return strings.TrimRight(s, ".;, ")
		}
		return s
	}
	var b strings.Builder
	lang := st.Languages[0]
	fmt.Fprintf(&b, "code %q, %d cards\n", st.Code, len(st.Cards))
	for _, c := range st.Cards {
		fmt.Fprintf(&b, "card %q level %d codes %v: %d functions\n", c.Title[lang], c.Level, c.Codes, len(c.Functions))
		for _, f := range c.Functions {
			fmt.Fprintf(&b, " function %d %q mandatory=%v: %d skills\n", f.Number, f.Title[lang], f.Mandatory, len(f.Skills))
			for _, s := range f.Skills {
				r := "null"
				if s.Recognizable != nil {
					r = fmt.Sprint(*s.Recognizable)
				}
				fmt.Fprintf(&b, "  skill %d %q recognizable %s\n", s.Number, s.Title[lang], r)
				for _, it := range s.Abilities {
					fmt.Fprintf(&b, "   ability %d %q\n", it.Number, item(it.Text[lang]))
				}
				for _, it := range s.Knowledge {
					fmt.Fprintf(&b, "   knowledge %d %q\n", it.Number, item(it.Text[lang]))
				}
			}
		}
	}
	return b.String()
}

// fxCopy copies blocks deeply enough for a layout to change cell lines.
func fxCopy(blocks []fxBlock) []fxBlock {
	out := make([]fxBlock, len(blocks))
	for i, b := range blocks {
		out[i] = b
		out[i].rows = make([][]fxCell, len(b.rows))
		for r, row := range b.rows {
			out[i].rows[r] = make([]fxCell, len(row))
			for c, cell := range row {
				cell.lines = append([]string(nil), cell.lines...)
				out[i].rows[r][c] = cell
			}
		}
	}
	return out
}

// fxIsLabel reports whether a cell line starts with a template label that
// may stand inside a cell (no paragraph number, no order clause).
func fxIsLabel(line string) bool {
	m, ok := matchLabel(strings.TrimPrefix(line, fxPlain), labels)
	return ok && m.para == 0 && m.id != lOrderCommand && m.id != lChapter
}

// fxEachCell calls f on every table cell that has text.
func fxEachCell(blocks []fxBlock, f func(c *fxCell)) {
	for i := range blocks {
		for _, row := range blocks[i].rows {
			for c := range row {
				if !row[c].cont && len(row[c].lines) > 0 {
					f(&row[c])
				}
			}
		}
	}
}

// fxLiftLabels moves a label that opens a row of its own ("Білімдер: 1. …"
// under the abilities list) into the cell above it, so that both lists share
// a cell. It returns how many it moved.
func fxLiftLabels(blocks []fxBlock) int {
	n := 0
	for i := range blocks {
		rows := blocks[i].rows
		for r := 1; r < len(rows); r++ {
			j, filled := -1, 0
			for c, cell := range rows[r] {
				if !cell.cont && len(cell.lines) > 0 {
					j, filled = c, filled+1
				}
			}
			if filled != 1 || !fxIsLabel(rows[r][j].lines[0]) || j >= len(rows[r-1]) {
				continue
			}
			above := &rows[r-1][j]
			if above.cont || len(above.lines) == 0 || fxIsLabel(above.lines[len(above.lines)-1]) {
				continue
			}
			above.lines = append(above.lines, rows[r][j].lines...)
			rows[r][j].lines = nil
			n++
		}
	}
	return n
}

// fxJoinLabels writes each label that starts a line of a cell after the line
// before it, separated by sep, as one paragraph. glue drops the punctuation
// that ends the line before, so the label sticks to its last word.
func fxJoinLabels(blocks []fxBlock, sep string, glue bool) int {
	n := 0
	fxEachCell(blocks, func(c *fxCell) {
		var out []string
		for _, l := range c.lines {
			if len(out) == 0 || !fxIsLabel(l) || fxIsLabel(out[len(out)-1]) {
				out = append(out, l)
				continue
			}
			prev := strings.TrimPrefix(out[len(out)-1], fxPlain)
			if glue {
				prev = strings.TrimRight(prev, ".;, ")
			}
			out[len(out)-1] = fxPlain + prev + sep + l
			n++
		}
		c.lines = out
	})
	return n
}

// fxLabelFirst puts a label that stands alone on its line at the start of
// the next line ("Білім:" then "1. …" becomes "Білім: 1. …").
func fxLabelFirst(blocks []fxBlock) int {
	n := 0
	fxEachCell(blocks, func(c *fxCell) {
		var out []string
		for i := 0; i < len(c.lines); i++ {
			l := c.lines[i]
			if m, ok := matchLabel(l, labels); ok && m.rest == "" && i+1 < len(c.lines) && !fxIsLabel(c.lines[i+1]) {
				l = l + " " + c.lines[i+1]
				i++
				n++
			}
			out = append(out, l)
		}
		c.lines = out
	})
	return n
}

var (
	fxAbilitiesKK = regexp.MustCompile(`^(?:Машықтар|Машық|Қабілеттер|Қабілет)\s*:`)
	fxKnowledgeKK = regexp.MustCompile(`^(?:Білімдер|Білім)\s*:`)
)

// fxRussianLabels writes the skill's labels in Russian, as some Kazakh
// documents do.
func fxRussianLabels(blocks []fxBlock) int {
	n := 0
	fxEachCell(blocks, func(c *fxCell) {
		for i, l := range c.lines {
			r := fxAbilitiesKK.ReplaceAllString(l, "Умения:")
			r = fxKnowledgeKK.ReplaceAllString(r, "Знания:")
			if r != l {
				c.lines[i] = r
				n++
			}
		}
	})
	return n
}

// fxLayouts are the layouts tested; each returns how many labels it moved.
var fxLayouts = []struct {
	name  string
	apply func([]fxBlock) int
	loose bool
}{
	{"label in its own cell or paragraph", func([]fxBlock) int { return 1 }, false},
	{"label at the start of the list's cell", fxLabelFirst, false},
	{"label after the list in the same cell, own paragraph", fxLiftLabels, false},
	{"label after the list on the same line", func(b []fxBlock) int { return fxLiftLabels(b) + fxJoinLabels(b, " ", false) }, false},
	{"label after the list after a line break", func(b []fxBlock) int { return fxLiftLabels(b) + fxJoinLabels(b, fxBreak, false) }, false},
	{"label glued after the full stop", func(b []fxBlock) int { return fxLiftLabels(b) + fxJoinLabels(b, "", false) }, false},
	{"label glued to the last word", func(b []fxBlock) int { return fxLiftLabels(b) + fxJoinLabels(b, "", true) }, true},
	{"Russian labels after the list on the same line", func(b []fxBlock) int {
		return fxRussianLabels(b) + fxLiftLabels(b) + fxJoinLabels(b, " ", false)
	}, false},
}

func TestLabelLayoutsMatchText(t *testing.T) {
	changed := map[string]int{}
	for _, seed := range fxSeeds {
		want, err := ReadFile(filepath.Join(fxSeedDir, seed.name+".txt"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		blocks := fxSeedBlocks(t, seed.name)
		for _, l := range fxLayouts {
			b := fxCopy(blocks)
			changed[l.name] += l.apply(b)
			ws := fxDeepShape(want[0], l.loose)
			for _, f := range []struct {
				ext  string
				data []byte
			}{{".html", []byte(fxHTML(seed.title, b, "utf-8"))}, {".docx", fxDOCX(seed.title, b)}} {
				t.Run(seed.name+"/"+l.name+"/"+f.ext, func(t *testing.T) {
					got, err := Read(seed.name+f.ext, f.data, Options{})
					if err != nil {
						t.Fatal(err)
					}
					if gs := fxDeepShape(got[0], l.loose); gs != ws {
						t.Errorf("reads differently from the text seed:\n%s", fxLineDiff(gs, ws))
					}
				})
			}
		}
	}
	for _, l := range fxLayouts {
		if changed[l.name] == 0 {
			t.Errorf("layout %q changed nothing in the seeds", l.name)
		}
	}
}

// fxLineDiff shows the first lines where got and want differ.
func fxLineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(g), len(w)) && shown < 6; i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			fmt.Fprintf(&b, "line %d\n got  %s\n want %s\n", i+1, gl, wl)
			shown++
		}
	}
	return b.String()
}

// fxModel is the JSON of a standard without origins, sources, notes and
// unplaced text: what a reading places, wherever its lines are.
func fxModel(t *testing.T, st *kasip.Standard) string {
	t.Helper()
	data, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	var strip func(any) any
	strip = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for _, k := range []string{"origin", "sources", "notes", "unplaced"} {
				delete(x, k)
			}
			for k, e := range x {
				x[k] = strip(e)
			}
		case []any:
			for i, e := range x {
				x[i] = strip(e)
			}
		}
		return v
	}
	out, err := json.MarshalIndent(strip(v), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// fxInlineLabels writes every line of a text seed that starts with a
// template label (with its value cell) at the end of the line before it,
// when that line ends a sentence or a list: "…өткізу. Білім: 1. …". The
// label's own line is left empty so that other lines keep their numbers.
func fxInlineLabels(text, sep string) (string, int) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	n := 0
	for i := 1; i < len(lines); i++ {
		cells := splitCells(lines[i])
		var filled []string
		for _, c := range cells {
			if c != "" {
				filled = append(filled, c)
			}
		}
		if len(filled) == 0 || len(filled) > 2 || !fxIsLabel(filled[0]) {
			continue
		}
		p := i - 1
		for p > 0 && strings.TrimSpace(lines[p]) == "" {
			p--
		}
		prev := strings.TrimRight(lines[p], " \t")
		if !strings.HasSuffix(prev, ".") && !strings.HasSuffix(prev, ";") {
			continue
		}
		joined := filled[0]
		if len(filled) == 2 {
			if !strings.HasSuffix(joined, ":") {
				joined += ":"
			}
			joined += " " + filled[1]
		}
		lines[p] = prev + sep + joined
		lines[i] = ""
		n++
	}
	return strings.Join(lines, "\n"), n
}

// TestInlineLabelsMatchText: every template label read where it stands after
// other text on a line reads as it does on a line of its own.
func TestInlineLabelsMatchText(t *testing.T) {
	for _, seed := range fxSeeds {
		data, err := os.ReadFile(filepath.Join(fxSeedDir, seed.name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := Read(seed.name+".txt", data, Options{})
		if err != nil {
			t.Fatal(err)
		}
		wm := fxModel(t, want[0])
		for _, sep := range []string{" ", ""} {
			text, n := fxInlineLabels(string(data), sep)
			if n < 3 {
				t.Errorf("%s: only %d labels moved", seed.name, n)
			}
			got, err := Read(seed.name+".txt", []byte(text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if gm := fxModel(t, got[0]); gm != wm {
				t.Errorf("%s, %d labels after other text (separator %q), reads differently:\n%s", seed.name, n, sep, fxLineDiff(gm, wm))
			}
		}
	}
}
