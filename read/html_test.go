package read

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip"
)

// fxCells returns the cells of rows, for comparing with what a test expects.
func fxCells(rows []Row) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r.Cells
	}
	return out
}

func fxSameCells(t *testing.T, got []Row, want [][]string) {
	t.Helper()
	if g := fxCells(got); !reflect.DeepEqual(g, want) {
		t.Errorf("rows:\n got %q\nwant %q", g, want)
	}
}

func TestHTMLRows(t *testing.T) {
	cases := map[string]struct {
		in   string
		want [][]string
	}{
		"paragraphs": {
			"<h1>Title</h1>\n<p>One  two\n three</p><div>Loose<p>In</p>after</div>",
			[][]string{{"Title"}, {"One two three"}, {"Loose"}, {"In"}, {"after"}},
		},
		"br, entities, nbsp": {
			"<p>a<br>b&nbsp;c &amp; d&#1179;&laquo;e&raquo;</p><p>x<br/><br>y</p>",
			[][]string{{"a\nb c & dқ«e»"}, {"x\ny"}},
		},
		"inline tags join words": {
			"<p><b>Дағды</b> 1:<span>Қонақ</span><i>тар</i></p>",
			[][]string{{"Дағды 1:Қонақтар"}},
		},
		"script style comments": {
			"<p>a<script>var x = '<p>no</p>';</script><!-- <p>no</p> --><style>p { color: red }</style>b</p><title>T</title>",
			[][]string{{"ab"}},
		},
		"ordered list outside tables": {
			`<ol start="3"><li>x</li><li value="7">y</li><li>z</li></ol><ul><li>b</li></ul><ol type="a"><li><p>p in li</p></li><li></li><li>last</li></ol>`,
			[][]string{{"3. x"}, {"7. y"}, {"8. z"}, {"- b"}, {"1. p in li"}, {"3. last"}},
		},
		"lists in a cell restart": {
			"<table><tr><td>Машықтар:<ol><li>a</li><li>b</li></ol>Білімдер:<ol><li>c</li><li>d</li></ol></td></tr></table>",
			[][]string{{"Машықтар:\n1. a\n2. b\nБілімдер:\n1. c\n2. d"}},
		},
		"nested list numbers": {
			"<ol><li>a<ol><li>a1</li></ol></li><li>b</li></ol>",
			[][]string{{"1. a"}, {"1. a1"}, {"2. b"}},
		},
		"colspan and rowspan": {
			`<table>
<tr><td rowspan="2">A</td><td colspan="2">B</td></tr>
<tr><td>C</td><td>D</td></tr>
<tr><td>E</td><td rowspan=2 colspan=2>F</td></tr>
<tr><td>G</td></tr>
<tr><th>H</th><th>I</th><th>J</th></tr>
</table>`,
			[][]string{{"A", "B"}, {"", "C", "D"}, {"E", "F"}, {"G", ""}, {"H", "I", "J"}},
		},
		"rowspan in the middle": {
			"<table><tr><td>a</td><td rowspan=3>b</td><td>c</td></tr><tr><td>d</td><td>e</td></tr><tr><td>f</td><td>g</td></tr></table>",
			[][]string{{"a", "b", "c"}, {"d", "", "e"}, {"f", "", "g"}},
		},
		"nested tables follow their row": {
			"<table><tr><td>x<table><tr><td>n1</td><td>n2</td></tr><tr><td>n3</td></tr></table></td><td>y</td></tr><tr><td>z</td></tr></table><p>after</p>",
			[][]string{{"x", "y"}, {"n1", "n2"}, {"n3"}, {"z"}, {"after"}},
		},
		"implied end tags": {
			"<table><tr><td>a<td>b<tr><td>c</table><p>p1<p>p2",
			[][]string{{"a", "b"}, {"c"}, {"p1"}, {"p2"}},
		},
		"cell paragraphs": {
			"<table><tr><td><p>one</p><p>two</p>three<div>four</div></td></tr></table>",
			[][]string{{"one\ntwo\nthree\nfour"}},
		},
		"stray text in a table is kept": {
			"<table>stray<tr><td>a</td></tr></table>",
			[][]string{{"stray"}, {"a"}},
		},
		"empty rows are dropped, empty cells kept": {
			"<table><tr><td></td><td> </td></tr><tr><td>a</td><td></td></tr></table>",
			[][]string{{"a", ""}},
		},
		"escaped fragment stays text": {
			"<table><tr><td>&lt;p&gt;Дағды 2&lt;/p&gt;</td></tr></table>",
			[][]string{{"<p>Дағды 2</p>"}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fxSameCells(t, htmlRows(tc.in), tc.want)
		})
	}
}

func TestHTMLRowsProvenance(t *testing.T) {
	in := "<html>\n<body>\n<p>a</p>\n\n<table>\n<tr>\n<td>x</td>\n<td>\n<table><tr><td>n</td></tr></table></td></tr>\n<tr><td>y</td></tr></table>\nloose\n<ol><li>i</li></ol><p>b</p>"
	got := htmlRows(in)
	type pos struct {
		line int
		elem string
	}
	want := []pos{{3, "p[1]"}, {6, "table[1]/tr[1]"}, {9, "table[1]/tr[1]/td[2]/table[1]/tr[1]"}, {10, "table[1]/tr[2]"}, {11, "body[1]"}, {12, "li[1]"}, {12, "p[2]"}}
	if len(got) != len(want) {
		t.Fatalf("got %d rows %q, want %d", len(got), fxCells(got), len(want))
	}
	for i, w := range want {
		if got[i].Line != w.line || got[i].Element != w.elem {
			t.Errorf("row %d %q: at %d %s, want %d %s", i, got[i].Cells, got[i].Line, got[i].Element, w.line, w.elem)
		}
	}
}

func TestDecodeHTML(t *testing.T) {
	page := func(meta string) string {
		return "<html><head>" + meta + "</head><body><p>Привет, мир</p></body></html>"
	}
	cp := func(s string) []byte { return fxEncode1251(s) }
	cases := map[string]struct {
		data     []byte
		enc, sub string
	}{
		"meta charset":          {cp(page(`<meta charset="windows-1251">`)), EncCP1251, "Привет"},
		"meta http-equiv":       {cp(page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`)), EncCP1251, "Привет"},
		"no meta, cp1251 bytes": {cp(page("")), EncCP1251, "Привет"},
		"stale meta on utf-8":   {[]byte(page(`<meta charset="windows-1251">`)), EncUTF8, "Привет"},
		"ascii with meta":       {[]byte(`<meta charset="cp1251"><p>&#1179;</p>`), EncCP1251, "қ"},
		"koi8-r":                {[]byte("<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>"), "koi8-r", "Привет"},
		"utf-8 bom":             {append([]byte("\xef\xbb\xbf"), page(`<meta charset="windows-1251">`)...), EncUTF8BOM, "Привет"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			text, enc, err := decodeHTML(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if enc != tc.enc {
				t.Errorf("encoding %q, want %q", enc, tc.enc)
			}
			rows := htmlRows(text)
			if len(rows) == 0 || !strings.Contains(rows[len(rows)-1].Cells[0], tc.sub) {
				t.Errorf("rows %q, want %q", fxCells(rows), tc.sub)
			}
		})
	}
}

// TestHTMLCP1251Fixture: the windows-1251 page (Kazakh letters written as
// character references) reads to the same rows as the same part in UTF-8.
func TestHTMLCP1251Fixture(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fxDir, fxCP1251))
	if err != nil {
		t.Fatal(err)
	}
	text, enc, err := decodeHTML(data)
	if err != nil || enc != EncCP1251 {
		t.Fatalf("decodeHTML: %q, %v; want windows-1251", enc, err)
	}
	got := htmlRows(text)
	want := htmlRows(fxHTML(fxSeeds[0].title, fxCardBlocks(t), "utf-8"))
	if !reflect.DeepEqual(fxCells(got), fxCells(want)) {
		t.Errorf("windows-1251 rows differ from UTF-8 rows:\n got %q\nwant %q", fxCells(got), fxCells(want))
	}
	if len(got) < 20 || !strings.Contains(got[0].Cells[0], "Кәсіптер карточкалары") {
		t.Errorf("unexpected rows: %q", fxCells(got)[:min(3, len(got))])
	}
}

// TestHTMLBadInput: bad pages give a *Error quickly, never a panic.
func TestHTMLBadInput(t *testing.T) {
	cases := map[string]struct {
		data []byte
		want string
	}{
		"empty":       {nil, "no text"},
		"markup only": {[]byte("<html><head><title>x</title></head><body><div></div></body></html>"), "no text"},
		"binary":      {[]byte("<html>\x00\x01\x02\x03"), "binary"},
		"nested divs": {[]byte(strings.Repeat("<div>", 100000) + strings.Repeat("</div>", 100000)), "no text"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := readHTML("bad.html", tc.data, kasip.Source{})
			t.Log(err)
			var re *Error
			if !errors.As(err, &re) || !strings.Contains(err.Error(), "bad.html") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want a *Error naming bad.html and saying %q", err, tc.want)
			}
		})
	}
}

// TestHTMLDeepNesting: hostile nesting is read in bounded time and memory,
// and the deep text is kept.
func TestHTMLDeepNesting(t *testing.T) {
	const n = 100000
	cases := map[string]string{
		"divs":   strings.Repeat("<div>", n) + "deep text" + strings.Repeat("</div>", n),
		"tables": strings.Repeat("<table><tr><td>", n) + "deep text",
		"lists":  strings.Repeat("<ol><li>", n) + "deep text",
		"spans":  strings.Repeat("<span>", n) + "deep text",
		"cells":  "<table><tr>" + strings.Repeat("<td colspan=1000 rowspan=65534>x", 2000) + "</table>",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			rows := htmlRows(in)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			var all strings.Builder
			for _, r := range rows {
				all.WriteString(strings.Join(r.Cells, " "))
			}
			if !strings.Contains(all.String(), "deep text") && name != "cells" {
				t.Errorf("deep text lost: %d rows", len(rows))
			}
		})
	}
}

// fxShape is what the end-to-end tests compare between formats: cards with
// level and codes, functions, skills with their numbers of abilities and
// knowledge items and recognizability.
func fxShape(st *kasip.Standard) string {
	var b strings.Builder
	fmt.Fprintf(&b, "code %s, %d cards\n", st.Code, len(st.Cards))
	for _, c := range st.Cards {
		fmt.Fprintf(&b, "card level %d codes %v: %d functions\n", c.Level, c.Codes, len(c.Functions))
		for _, f := range c.Functions {
			fmt.Fprintf(&b, "  function mandatory=%v: %d skills\n", f.Mandatory, len(f.Skills))
			for _, s := range f.Skills {
				r := "null"
				if s.Recognizable != nil {
					r = fmt.Sprint(*s.Recognizable)
				}
				fmt.Fprintf(&b, "    skill: %d abilities, %d knowledge, recognizable %s\n", len(s.Abilities), len(s.Knowledge), r)
			}
		}
	}
	return b.String()
}

// fxCompare reads the seed and its fixture in another format and compares
// their shapes.
func fxCompare(t *testing.T, seed, ext, format string) {
	t.Helper()
	want, err := ReadFile(filepath.Join(fxSeedDir, seed+".txt"), Options{})
	if err != nil {
		t.Fatalf("text seed: %v", err)
	}
	got, err := ReadFile(filepath.Join(fxDir, seed+ext), Options{})
	if err != nil {
		t.Fatalf("%s fixture: %v", ext, err)
	}
	if len(got) != 1 || len(want) != 1 {
		t.Fatalf("%d standards from the fixture, %d from the seed; want 1", len(got), len(want))
	}
	if f := got[0].Sources[0].Format; f != format {
		t.Errorf("format %q, want %q", f, format)
	}
	g, w := fxShape(got[0]), fxShape(want[0])
	t.Logf("%s reads as:\n%s", ext, g)
	if g != w {
		t.Errorf("%s fixture reads differently from the text seed:\n--- %s\n%s--- text\n%s", ext, ext, g, w)
	}
}

func TestHTMLFixturesMatchText(t *testing.T) {
	for _, s := range fxSeeds {
		t.Run(s.name, func(t *testing.T) { fxCompare(t, s.name, ".html", FormatHTML) })
	}
}
