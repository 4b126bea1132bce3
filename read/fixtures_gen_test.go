package read

// The HTML and DOCX fixtures in testdata/kz are made from the text seeds by
// this generator, so that the three formats hold the same content and must
// read to the same standard. Regenerate them (rarely; they are committed)
// with:
//
//	go test ./read -run TestGenerateFixtures -genfixtures
//
// Text lines become paragraphs; lines with table cells become table rows.
// In the tables, an empty leading cell under a row of three or more cells
// becomes a rowspan (vMerge) continuation, the last cell of a short row
// spans the remaining columns (colspan, gridSpan), text lines that continue
// a cell (a list that goes on, a "Білім:" label) are put back into it, and
// numbered lists written in running text ("1. …2. …") become <ol><li> and
// numbered Word paragraphs. One stray HTML fragment is kept as published.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

var genFixtures = flag.Bool("genfixtures", false, "regenerate the HTML and DOCX fixtures in testdata/kz from the text seeds")

// fxSeeds are the seeds the fixtures are made from, with their titles.
var fxSeeds = []struct{ name, title string }{
	{"000_78fd8bd149563dd7", "«Қонақтармен өзара әрекеттестікті жүзеге асыру» кәсіптік стандарты"},
	{"004_0389e6b855ff2fb2", "«Мемлекеттік жастар саясаты саласындағы қызмет» кәсіптік стандартын бекіту туралы"},
}

const (
	fxSeedDir = "../testdata/seeds"
	fxDir     = "../testdata/kz"
	// fxCP1251 is the windows-1251 page: chapter 3 (the card) of seed 000.
	fxCP1251 = "000_78fd8bd149563dd7_card.cp1251.html"
)

func TestGenerateFixtures(t *testing.T) {
	if !*genFixtures {
		t.Skip("run with -genfixtures to regenerate testdata/kz/*.html and *.docx")
	}
	for _, s := range fxSeeds {
		blocks := fxSeedBlocks(t, s.name)
		fxWrite(t, s.name+".html", []byte(fxHTML(s.title, blocks, "utf-8")))
		fxWrite(t, s.name+".docx", fxDOCX(s.title, blocks))
	}
	fxWrite(t, fxCP1251, fxEncode1251(fxHTML(fxSeeds[0].title, fxCardBlocks(t), "windows-1251")))
}

func fxSeedBlocks(t *testing.T, name string) []fxBlock {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fxSeedDir, name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return fxParse(string(data))
}

// fxCardBlocks are the blocks of chapter 3 of seed 000 (its card).
func fxCardBlocks(t *testing.T) []fxBlock {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fxSeedDir, fxSeeds[0].name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	from, to := strings.Index(text, "3-ші тарау"), strings.Index(text, "4-ші тарау")
	if from < 0 || to < from {
		t.Fatal("seed 000 has no chapter 3")
	}
	return fxParse(text[from:to])
}

func fxWrite(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(fxDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fxDir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", name, len(data))
}

// fxBlock is a paragraph, a list paragraph or a table of the document.
type fxBlock struct {
	kind string // "p", "heading", "bullet" (" - …"), "item" ("1) …"), "table"
	text string
	num  int // number of an "item"
	rows [][]fxCell
}

// fxCell is a table cell: its text lines, and how it is merged.
type fxCell struct {
	lines []string
	cont  bool // covered by the cell above (rowspan / vMerge continuation)
	down  int  // rows it spans, counting its own
	span  int  // columns it spans
}

var (
	fxClause  = regexp.MustCompile(`^\d+\.\s`)
	fxItemRe  = regexp.MustCompile(`^(\d+)\)\s+`)
	fxListNum = regexp.MustCompile(`^(\d+)[.)]\s`)
	fxChapter = regexp.MustCompile(`^\d+-(ші\s+)?тарау\.`)
)

// fxSplit splits a text line into cells as the text reader does.
func fxSplit(line string) []string {
	line = strings.ReplaceAll(line, "\t|\t", "\t")
	line = strings.ReplaceAll(line, " | ", "\t")
	cells := strings.Split(line, "\t")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// fxParse turns seed text into blocks.
func fxParse(text string) []fxBlock {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var blocks []fxBlock
	tbl := -1 // index of the open table
	for i, line := range lines {
		trim := strings.TrimSpace(line)
		cells := fxSplit(line)
		switch {
		case trim == "":
			if !fxNextIsRow(lines, i) {
				tbl = -1
			}
		case len(cells) > 1:
			if tbl < 0 {
				blocks = append(blocks, fxBlock{kind: "table"})
				tbl = len(blocks) - 1
			}
			blocks[tbl].rows = append(blocks[tbl].rows, fxRow(cells))
		case tbl >= 0 && fxContinues(blocks[tbl].rows, lines, i):
			c := fxLastCell(blocks[tbl].rows)
			c.lines = append(c.lines, trim)
		case tbl >= 0 && fxNextIsRow(lines, i) && !fxClause.MatchString(trim):
			blocks[tbl].rows = append(blocks[tbl].rows, []fxCell{{lines: []string{trim}, down: 1, span: 1}})
		default:
			tbl = -1
			blocks = append(blocks, fxParagraph(trim))
		}
	}
	for i := range blocks {
		if blocks[i].kind == "table" {
			fxMerge(blocks[i].rows)
		}
	}
	return blocks
}

func fxParagraph(trim string) fxBlock {
	switch {
	case strings.HasPrefix(trim, "- "):
		return fxBlock{kind: "bullet", text: strings.TrimSpace(trim[2:])}
	case fxChapter.MatchString(trim):
		return fxBlock{kind: "heading", text: trim}
	}
	if m := fxItemRe.FindStringSubmatch(trim); m != nil {
		n, _ := strconv.Atoi(m[1])
		return fxBlock{kind: "item", num: n, text: trim[len(m[0]):]}
	}
	return fxBlock{kind: "p", text: trim}
}

// fxRow makes a table row from text cells; trailing empty cells become the
// span of the last one, but a label keeps its (empty) value cell.
func fxRow(cells []string) []fxCell {
	n := len(cells)
	for n > 2 && cells[n-1] == "" {
		n--
	}
	row := make([]fxCell, n)
	for i, c := range cells[:n] {
		row[i] = fxCell{down: 1, span: 1}
		if c != "" {
			row[i].lines = []string{c}
		}
	}
	return row
}

// fxNextIsRow reports whether the next non-blank line after i has cells.
func fxNextIsRow(lines []string, i int) bool {
	for _, l := range lines[i+1:] {
		if strings.TrimSpace(l) != "" {
			return len(fxSplit(l)) > 1
		}
	}
	return false
}

// fxLastCell is the last non-empty cell of the last row.
func fxLastCell(rows [][]fxCell) *fxCell {
	row := rows[len(rows)-1]
	for i := len(row) - 1; i > 0; i-- {
		if len(row[i].lines) > 0 {
			return &row[i]
		}
	}
	return &row[0]
}

// fxContinues reports whether line i, which has no cells, goes on with the
// last cell: the next item of its list, the first after its label, or a
// label ("Білім:") that opens a list on the next line.
func fxContinues(rows [][]fxCell, lines []string, i int) bool {
	c := fxLastCell(rows)
	if len(c.lines) == 0 {
		return false
	}
	last := c.lines[len(c.lines)-1]
	trim := strings.TrimSpace(lines[i])
	if n := fxLeadNum(trim); n > 0 {
		return (n == 1 && strings.HasSuffix(last, ":")) || fxLeadNum(last) == n-1
	}
	next := ""
	if i+1 < len(lines) {
		next = strings.TrimSpace(lines[i+1])
	}
	return strings.HasSuffix(trim, ":") && utf8.RuneCountInString(trim) <= 40 && fxLeadNum(next) == 1
}

func fxLeadNum(s string) int {
	m := fxListNum.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func fxEmpty(c fxCell) bool { return len(c.lines) == 0 && !c.cont }

// fxMerge marks rowspan continuations and sets the last cell's colspan.
func fxMerge(rows [][]fxCell) {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	for ri := 1; ri < len(rows); ri++ {
		row, above := rows[ri], rows[ri-1]
		for ci := 0; ci < len(row)-1 && fxEmpty(row[ci]); ci++ {
			if ci >= len(above)-1 || !(above[ci].cont || (len(above[ci].lines) > 0 && fxFilled(above) >= 3)) {
				break
			}
			row[ci].cont = true
			origin := ri - 1
			for rows[origin][ci].cont {
				origin--
			}
			rows[origin][ci].down++
		}
	}
	for _, r := range rows {
		r[len(r)-1].span = cols - len(r) + 1
	}
}

// fxFilled counts the cells of a row that have text.
func fxFilled(row []fxCell) int {
	n := 0
	for _, c := range row {
		if len(c.lines) > 0 {
			n++
		}
	}
	return n
}

// fxPart is a piece of a cell: a line of text, or a numbered list.
type fxPart struct {
	text  string
	items []fxItem
	delim string // "." or ")"
}

type fxItem struct {
	num  int
	text string
}

// A cell line starting with fxPlain is written as one paragraph as it is,
// not cut into lists; fxBreak inside it is a line break (<br>, <w:br/>).
// The layout tests use them to put a label after a list in the same cell.
const (
	fxPlain = "\x00"
	fxBreak = "\x01"
)

var (
	fxBlockTag = regexp.MustCompile(`(?i)</?(?:p|ol|ul|li|br|div)\b[^<>]*>`)
	fxAnyTag   = regexp.MustCompile(`<[^<>]*>`)
)

// fxParts cuts a cell into lines (at stray block tags too) and its lines
// into labels and numbered lists.
func fxParts(c fxCell) []fxPart {
	var out []fxPart
	for _, line := range c.lines {
		if plain, ok := strings.CutPrefix(line, fxPlain); ok {
			out = append(out, fxPart{text: plain})
			continue
		}
		line = fxAnyTag.ReplaceAllString(fxBlockTag.ReplaceAllString(line, "\n"), "")
		for _, l := range strings.Split(line, "\n") {
			if l = strings.TrimSpace(l); l != "" && !fxGoesOn(out, l) {
				out = append(out, fxList(l)...)
			}
		}
	}
	return out
}

// fxGoesOn adds line l to the list that ends parts when l is its next item
// ("2. …" after a list ending at 1), as lists broken over lines are.
func fxGoesOn(parts []fxPart, l string) bool {
	n := fxLeadNum(l)
	if n < 2 || len(parts) == 0 {
		return false
	}
	last := &parts[len(parts)-1]
	digits := len(strconv.Itoa(n))
	if last.items == nil || last.items[len(last.items)-1].num != n-1 || l[digits:digits+1] != last.delim {
		return false
	}
	last.items = append(last.items, fxItem{n, strings.TrimSpace(l[digits+1:])})
	return true
}

// fxList finds a numbered list written in running text: "1." (or "1)")
// opening the text or following a label, then 2., 3.… in order, each after
// a space or punctuation; a number may be skipped after punctuation.
func fxList(s string) []fxPart {
	start, delim := fxFirst(s)
	if start < 0 {
		return []fxPart{{text: s}}
	}
	type mark struct{ n, at, body int }
	marks := []mark{{1, start, start + 2}}
	for pos, n := start+2, 2; ; n++ {
		at := fxFind(s, pos, n, delim, false)
		if at < 0 {
			if at = fxFind(s, pos, n+1, delim, true); at < 0 {
				break
			}
			n++
		}
		body := at + len(strconv.Itoa(n)) + 1
		marks = append(marks, mark{n, at, body})
		pos = body
	}
	if len(marks) < 2 && start > 0 {
		return []fxPart{{text: s}} // "Label: 1. x" alone is no list
	}
	var out []fxPart
	if label := strings.TrimSpace(s[:start]); label != "" {
		out = append(out, fxPart{text: label})
	}
	list := fxPart{delim: delim}
	for i, m := range marks {
		end := len(s)
		if i+1 < len(marks) {
			end = marks[i+1].at
		}
		list.items = append(list.items, fxItem{m.n, strings.TrimSpace(s[m.body:end])})
	}
	return append(out, list)
}

// fxFirst finds "1." or "1)" at the start of s or after a label ending in ":".
func fxFirst(s string) (int, string) {
	for _, d := range []string{".", ")"} {
		if strings.HasPrefix(s, "1"+d+" ") {
			return 0, d
		}
		if i := strings.Index(s, ": 1"+d+" "); i >= 0 && !strings.Contains(s[:i], "1"+d+" ") {
			return i + 2, d
		}
	}
	return -1, ""
}

// fxFind finds number n followed by delim at or after pos, not inside a
// longer number, before a letter or quote; strict asks for punctuation
// before it.
func fxFind(s string, pos, n int, delim string, strict bool) int {
	pat := strconv.Itoa(n) + delim
	for i := pos; i < len(s); {
		k := strings.Index(s[i:], pat)
		if k < 0 {
			return -1
		}
		at := i + k
		i = at + 1
		prev, _ := utf8.DecodeLastRuneInString(s[:at])
		glued, _ := utf8.DecodeRuneInString(s[at+len(pat):])
		if prev >= '0' && prev <= '9' || glued >= '0' && glued <= '9' || strings.TrimSpace(s[at+len(pat):]) == "" {
			continue // 12., 2.5, a number ending the text
		}
		punct := strings.ContainsRune(".;:", prev)
		if punct || (!strict && prev == ' ') {
			return at
		}
	}
	return -1
}

// fxHTML renders blocks as a published HTML page.
func fxHTML(title string, blocks []fxBlock, charset string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="kk">
<head>
<meta charset="%s">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>
body { font-family: "Times New Roman", serif; font-size: 15px; }
table { border-collapse: collapse; width: 100%%; margin: 8px 0; }
td, th { border: 1px solid #000; vertical-align: top; padding: 2px 6px; }
h3 { text-align: center; font-size: 15px; }
</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){ dataLayer.push(arguments); }</script>
</head>
<body>
<!-- Құжаттың мәтіні / Текст документа -->
<div class="container_gamma text text_upd">
`, charset, html.EscapeString(title))
	stray := false
	for i := 0; i < len(blocks); i++ {
		blk := blocks[i]
		switch blk.kind {
		case "heading":
			fmt.Fprintf(&b, "<h3 id=\"z%d\">%s</h3>\n", i, html.EscapeString(blk.text))
		case "bullet":
			b.WriteString("<ul>\n")
			for ; i < len(blocks) && blocks[i].kind == "bullet"; i++ {
				fmt.Fprintf(&b, "<li>%s</li>\n", html.EscapeString(blocks[i].text))
			}
			i--
			b.WriteString("</ul>\n")
		case "item":
			fmt.Fprintf(&b, "<p id=\"z%d\">%d) %s</p>\n", i, blk.num, html.EscapeString(blk.text))
		case "table":
			fxHTMLTable(&b, blk.rows, &stray)
		default:
			fmt.Fprintf(&b, "<p id=\"z%d\">%s</p>\n", i, fxNbsp(html.EscapeString(blk.text)))
		}
	}
	b.WriteString("</div>\n<script>document.querySelectorAll('table').forEach(function (t) { t.classList.add('ready'); });</script>\n</body>\n</html>\n")
	return b.String()
}

// fxNbsp writes a clause number as published: "5.&nbsp;Кәсіптік…".
func fxNbsp(s string) string {
	if m := fxClause.FindString(s); m != "" {
		return strings.TrimSpace(m) + "&nbsp;" + s[len(m):]
	}
	return s
}

func fxHTMLTable(b *strings.Builder, rows [][]fxCell, stray *bool) {
	b.WriteString("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\">\n<tbody>\n")
	for _, row := range rows {
		b.WriteString("<tr>\n")
		for _, c := range row {
			if c.cont {
				continue
			}
			b.WriteString("<td")
			if c.down > 1 {
				fmt.Fprintf(b, " rowspan=\"%d\"", c.down)
			}
			if c.span > 1 {
				fmt.Fprintf(b, " colspan=\"%d\"", c.span)
			}
			b.WriteString(">")
			fxHTMLCell(b, c, stray)
			b.WriteString("</td>\n")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
}

// fxHTMLCell writes a cell's content; the first cell holding a stray HTML
// fragment keeps it, escaped, as the legal database shows it.
func fxHTMLCell(b *strings.Builder, c fxCell, stray *bool) {
	if !*stray && len(c.lines) == 1 && strings.Contains(c.lines[0], "<p>") {
		*stray = true
		b.WriteString(html.EscapeString(c.lines[0]))
		return
	}
	parts := fxParts(c)
	lists := false
	for _, p := range parts {
		lists = lists || p.items != nil
	}
	for i, p := range parts {
		switch {
		case p.items != nil:
			fxHTMLList(b, p)
		case lists:
			fmt.Fprintf(b, "<p>%s</p>", fxHTMLText(p.text))
		default:
			if i > 0 {
				b.WriteString("<br>\n")
			}
			b.WriteString(fxHTMLText(p.text))
		}
	}
}

// fxHTMLText escapes text and writes its fxBreak as <br>.
func fxHTMLText(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), fxBreak, "<br>")
}

// fxHTMLList writes a list; "1)" lists keep their numbers as text, since
// <ol> would show "1.".
func fxHTMLList(b *strings.Builder, p fxPart) {
	if p.delim == ")" {
		for _, it := range p.items {
			fmt.Fprintf(b, "<p>%d) %s</p>", it.num, html.EscapeString(it.text))
		}
		return
	}
	b.WriteString("\n<ol>\n")
	want := 1
	for _, it := range p.items {
		if it.num != want {
			fmt.Fprintf(b, "<li value=\"%d\">%s</li>\n", it.num, html.EscapeString(it.text))
		} else {
			fmt.Fprintf(b, "<li>%s</li>\n", html.EscapeString(it.text))
		}
		want = it.num + 1
	}
	b.WriteString("</ol>\n")
}

// fxEncode1251 encodes a page in windows-1251; letters the code page lacks
// (the Kazakh ә, ғ, қ, ң, ө, ұ, ү, һ) become numeric character references,
// as browsers and editors write them.
func fxEncode1251(s string) []byte {
	var b bytes.Buffer
	for _, r := range s {
		if r < 0x80 {
			b.WriteByte(byte(r))
		} else if c, ok := charmap.Windows1251.EncodeRune(r); ok {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "&#%d;", r)
		}
	}
	return b.Bytes()
}

// fxDocx builds word/document.xml and word/numbering.xml.
type fxDocx struct {
	body strings.Builder
	nums []fxNum // w:num instances, numIds 1…
}

// fxNum is a w:num: an abstract list (0 "%1.", 1 "%1)", 2 bullet) and the
// number it (re)starts at.
type fxNum struct{ abstract, start int }

// Page: A4 with 30 mm left and 15 mm right margins.
const fxTextWidth = 11906 - 1701 - 850

// fxDOCX renders blocks as a DOCX package.
func fxDOCX(title string, blocks []fxBlock) []byte {
	d := &fxDocx{}
	stray := false
	for i := 0; i < len(blocks); i++ {
		blk := blocks[i]
		switch blk.kind {
		case "heading":
			d.para(`<w:pStyle w:val="Heading3"/>`, blk.text)
		case "bullet", "item":
			i = d.listParas(blocks, i) - 1
		case "table":
			d.table(blk.rows, &stray)
			d.para("", "") // Word separates tables by a paragraph
		default:
			d.para(`<w:jc w:val="both"/>`, blk.text)
		}
	}
	return fxZip([]fxFile{
		{"[Content_Types].xml", fxContentTypes},
		{"_rels/.rels", fxRels},
		{"docProps/core.xml", fmt.Sprintf(fxCore, html.EscapeString(title))},
		{"docProps/app.xml", fxApp},
		{"word/_rels/document.xml.rels", fxDocRels},
		{"word/document.xml", fxDocHead + d.body.String() + fxDocTail},
		{"word/styles.xml", fxStyles},
		{"word/numbering.xml", d.numbering()},
	})
}

// newList starts a list; Word writes a restart as a new w:num on the same
// abstract list with a w:startOverride.
func (d *fxDocx) newList(abstract, start int) int {
	d.nums = append(d.nums, fxNum{abstract, start})
	return len(d.nums)
}

func fxNumPr(numID int) string {
	return fmt.Sprintf(`<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>`, numID)
}

// listParas writes the run of bullet or "N)" paragraphs starting at i as a
// numbered list (a new one where the numbering does not go on by one), and
// returns the index after it.
func (d *fxDocx) listParas(blocks []fxBlock, i int) int {
	kind, id, want := blocks[i].kind, 0, 0
	for ; i < len(blocks) && blocks[i].kind == kind; i++ {
		blk := blocks[i]
		switch {
		case kind == "bullet" && id == 0:
			id = d.newList(2, 1)
		case kind == "item" && blk.num != want:
			id = d.newList(1, blk.num)
		}
		want = blk.num + 1
		d.para(fxNumPr(id), blk.text)
	}
	return i
}

// para writes a paragraph; long text is split into two runs mid-word, as
// Word does after edits, so that readers must join runs without spaces.
func (d *fxDocx) para(pPr, text string) {
	d.body.WriteString("<w:p>")
	if pPr != "" {
		d.body.WriteString("<w:pPr>" + pPr + "</w:pPr>")
	}
	rs := []rune(text)
	if len(rs) > 40 {
		d.run(string(rs[:len(rs)/2]))
		d.run(string(rs[len(rs)/2:]))
	} else if text != "" {
		d.run(text)
	}
	d.body.WriteString("</w:p>\n")
}

func (d *fxDocx) run(text string) {
	for i, piece := range strings.Split(text, fxBreak) {
		if i > 0 {
			d.body.WriteString(`<w:r><w:br/></w:r>`)
		}
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(piece))
		fmt.Fprintf(&d.body, `<w:r><w:t xml:space="preserve">%s</w:t></w:r>`, b.String())
	}
}

// table writes a table with gridSpan and vMerge for merged cells.
func (d *fxDocx) table(rows [][]fxCell, stray *bool) {
	cols := 0
	for _, c := range rows[0] {
		cols += c.span
	}
	width := fxTextWidth / cols
	d.body.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>`)
	fmt.Fprintf(&d.body, `<w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`, width*cols)
	for range cols {
		fmt.Fprintf(&d.body, `<w:gridCol w:w="%d"/>`, width)
	}
	d.body.WriteString("</w:tblGrid>\n")
	for _, row := range rows {
		d.body.WriteString("<w:tr>")
		for _, c := range row {
			d.cell(c, width, stray)
		}
		d.body.WriteString("</w:tr>\n")
	}
	d.body.WriteString("</w:tbl>\n")
}

func (d *fxDocx) cell(c fxCell, width int, stray *bool) {
	fmt.Fprintf(&d.body, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width*c.span)
	if c.span > 1 {
		fmt.Fprintf(&d.body, `<w:gridSpan w:val="%d"/>`, c.span)
	}
	switch {
	case c.cont:
		d.body.WriteString(`<w:vMerge/>`)
	case c.down > 1:
		d.body.WriteString(`<w:vMerge w:val="restart"/>`)
	}
	d.body.WriteString("</w:tcPr>")
	switch {
	case c.cont || len(c.lines) == 0:
		d.para("", "") // a cell holds at least one paragraph
	case !*stray && len(c.lines) == 1 && strings.Contains(c.lines[0], "<p>"):
		*stray = true
		d.para("", c.lines[0])
	default:
		d.cellParts(fxParts(c))
	}
	d.body.WriteString("</w:tc>")
}

// cellParts writes a cell's labels and lists as paragraphs.
func (d *fxDocx) cellParts(parts []fxPart) {
	for _, p := range parts {
		if p.items == nil {
			d.para("", p.text)
			continue
		}
		abstract, id, want := map[string]int{".": 0, ")": 1}[p.delim], 0, 1
		for _, it := range p.items {
			if id == 0 || it.num != want {
				id = d.newList(abstract, it.num)
			}
			want = it.num + 1
			d.para(fxNumPr(id), it.text)
		}
	}
}

// numbering writes word/numbering.xml.
func (d *fxDocx) numbering() string {
	var b strings.Builder
	b.WriteString(fxNumberingHead)
	for i, n := range d.nums {
		fmt.Fprintf(&b, `<w:num w:numId="%d"><w:abstractNumId w:val="%d"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="%d"/></w:lvlOverride></w:num>`+"\n", i+1, n.abstract, n.start)
	}
	b.WriteString("</w:numbering>\n")
	return b.String()
}

// fxFile is a member of a ZIP package.
type fxFile struct{ name, body string }

// fxZip writes a ZIP package with fixed times, so that regenerated
// fixtures are byte-identical.
func fxZip(files []fxFile) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: time.Date(2024, 1, 16, 9, 0, 0, 0, time.UTC)})
		if err != nil {
			panic(err)
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

const fxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`

const fxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`

const fxDocRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`

const fxCore = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title><dc:language>kk-KZ</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-16T09:00:00Z</dcterms:created></cp:coreProperties>`

const fxApp = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Kasip fixture generator</Application></Properties>`

const fxDocHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>
`

const fxDocTail = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>
`

const fxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="kk-KZ" w:eastAsia="ru-RU" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style></w:styles>
`

const fxNumberingHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
`
