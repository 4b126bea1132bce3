package read

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/kasip/kasip"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
)

// maxHTMLNesting bounds the tables, lists and blocks the HTML reader keeps
// apart. Deeper ones are still read, as plain text of the innermost kept
// container, so that hostile nesting costs neither stack nor memory.
const maxHTMLNesting = 64

// maxHTMLSpanColumns bounds the grid columns whose rowspans the reader
// tracks. Standards' tables have a handful of columns; the bound keeps a
// hostile colspan="1000" on every cell from costing time per row.
const maxHTMLSpanColumns = 64

// readHTML reads a Kazakh-template standard published as an HTML page.
func readHTML(name string, data []byte, src kasip.Source) ([]*kasip.Standard, error) {
	text, enc, err := decodeHTML(data)
	if err != nil {
		return nil, &Error{File: name, Line: 1, Expected: "an HTML page in UTF-8, UTF-16 with BOM or windows-1251", Err: err}
	}
	src.Encoding = enc
	rows := htmlRows(text)
	if len(rows) == 0 {
		return nil, &Error{File: name, Expected: "an HTML page with text", Err: fmt.Errorf("%w: the page has no text outside markup", ErrNotStandard)}
	}
	st, err := interpretKZ(name, rows, src)
	if err != nil {
		return nil, err
	}
	return []*kasip.Standard{st}, nil
}

// decodeHTML decodes a page. A byte order mark wins; then valid UTF-8 (a
// stale <meta> declaring windows-1251 on a page re-saved as UTF-8 is
// common); then the charset the page declares; then windows-1251.
func decodeHTML(data []byte) (string, string, error) {
	text, enc, err := Decode(data)
	if err != nil || (enc != EncUTF8 && enc != EncCP1251) {
		return text, enc, err
	}
	label, cm := htmlDeclaredCharset(data)
	switch {
	case cm == nil:
		return text, enc, nil
	case enc == EncUTF8 && htmlIsASCII(data):
		return text, label, nil // identical in the declared charset
	case enc == EncUTF8, label == EncCP1251:
		return text, enc, nil
	}
	b, err := cm.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("decoding %s: %w", label, err)
	}
	return checkText(string(b), label)
}

// htmlCharsets are the single-byte charsets Cyrillic pages declare.
var htmlCharsets = map[string]struct {
	name string
	cm   *charmap.Charmap
}{
	"windows-1251": {EncCP1251, charmap.Windows1251},
	"cp1251":       {EncCP1251, charmap.Windows1251},
	"x-cp1251":     {EncCP1251, charmap.Windows1251},
	"koi8-r":       {"koi8-r", charmap.KOI8R},
	"koi8-u":       {"koi8-u", charmap.KOI8U},
	"iso-8859-5":   {"iso-8859-5", charmap.ISO8859_5},
	"ibm866":       {"ibm866", charmap.CodePage866},
	"cp866":        {"ibm866", charmap.CodePage866},
	"windows-1252": {"windows-1252", charmap.Windows1252},
	"iso-8859-1":   {"windows-1252", charmap.Windows1252},
}

// htmlDeclaredCharset looks for <meta charset> or <meta http-equiv=Content-Type>
// in the head of the page, as browsers do, and returns the charset if it is
// one of htmlCharsets.
func htmlDeclaredCharset(data []byte) (string, *charmap.Charmap) {
	z := html.NewTokenizer(bytes.NewReader(data[:min(len(data), 4096)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return "", nil
		case html.StartTagToken, html.SelfClosingTagToken:
			if name, attr := z.TagName(); attr && string(name) == "meta" {
				if cs, ok := htmlCharsets[htmlMetaCharset(z)]; ok {
					return cs.name, cs.cm
				}
			}
		}
	}
}

// htmlMetaCharset returns the charset a <meta> tag declares, lower-cased.
func htmlMetaCharset(z *html.Tokenizer) string {
	for {
		k, v, more := z.TagAttr()
		switch key := string(k); {
		case key == "charset":
			return strings.ToLower(strings.TrimSpace(string(v)))
		case key == "content":
			if _, cs, ok := strings.Cut(strings.ToLower(string(v)), "charset="); ok {
				return strings.Trim(strings.TrimSpace(cs), `"';`)
			}
		}
		if !more {
			return ""
		}
	}
}

func htmlIsASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// cellText collects the text of one cell or paragraph the way a reader sees it:
// whitespace collapsed within a line, lines separated by "\n", no empty
// lines, and a list item's number written before its first word. The HTML
// and DOCX readers share it so that both give the interpreter the same text.
type cellText struct {
	b       strings.Builder
	started bool   // the current line has text
	nl      bool   // a line break is due before the next text
	space   bool   // a space is due before the next word
	prefix  string // list number waiting for the item's first word
}

// write adds running text.
func (f *cellText) write(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\ufeff' {
			f.space = f.started && (f.space || r != '\ufeff')
			continue
		}
		switch {
		case !f.started:
			if f.nl {
				f.b.WriteByte('\n')
				f.nl = false
			}
			f.b.WriteString(f.prefix)
			f.prefix = ""
			f.started = true
		case f.space:
			f.b.WriteByte(' ')
		}
		f.space = false
		f.b.WriteRune(r)
	}
}

// brk ends the current line, if it has text.
func (f *cellText) brk() {
	if f.started {
		f.started, f.nl = false, true
	}
	f.space = false
}

// item starts a list item whose text will follow prefix ("1. ", "- ").
func (f *cellText) item(prefix string) {
	f.brk()
	f.prefix = prefix
}

// lines adds text whose "\n" are line breaks.
func (f *cellText) lines(s string) {
	for i, l := range strings.Split(s, "\n") {
		if i > 0 {
			f.brk()
		}
		f.write(l)
	}
}

func (f *cellText) String() string { return f.b.String() }
func (f *cellText) empty() bool    { return f.b.Len() == 0 }

// htmlBlockTags end a paragraph outside tables and a line inside a cell.
var htmlBlockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"caption": true, "center": true, "dd": true, "details": true, "dialog": true, "dir": true,
	"div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true, "figure": true,
	"footer": true, "form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "header": true, "hgroup": true, "hr": true, "html": true, "legend": true,
	"main": true, "menu": true, "nav": true, "p": true, "pre": true, "section": true, "summary": true,
}

// htmlSkipTags hold no document text: scripts, styles, the page title
// (metadata, repeated in the body) and embedded frames.
var htmlSkipTags = map[string]bool{
	"script": true, "style": true, "title": true, "noscript": true, "iframe": true,
	"noembed": true, "noframes": true,
}

// htmlReader turns a token stream into rows (see htmlRows).
type htmlReader struct {
	z      *html.Tokenizer
	rows   []Row
	seen   map[string]int // start tags seen so far, by name, for element paths
	skip   string         // element whose content is being skipped
	para   cellText       // paragraph outside tables
	pLine  int            // line where the paragraph started, 0 before it has
	pElem  string         // its element path
	blocks []string       // element paths of open blocks outside tables
	deepB  int            // blocks opened beyond maxHTMLNesting
	tables []*htmlTable
	deepT  int // tables opened beyond maxHTMLNesting, read as text
	lists  []htmlList
	deepL  int
	top    int // top-level tables seen
}

type htmlList struct {
	ordered bool
	next    int
}

type htmlTable struct {
	path   string
	rows   int
	row    *htmlRow
	cover  []htmlCover // by grid column: a rowspan reaching down from above
	active int         // covers with rows left
	lists  int         // len(lists) when the table opened
}

type htmlCover struct{ rows, width int }

type htmlRow struct {
	Row
	col    int       // next grid column
	cell   *cellText // open cell, nil between cells
	cellAt int       // grid column of the open cell
	span   int       // its colspan
	down   int       // its rowspan
	lists  int       // len(lists) when the cell opened
	nested int       // tables nested in this row so far
	after  []Row     // rows of those tables, placed after this row
}

// htmlRows flattens an HTML page into rows: one per table row (one cell per
// <td>/<th>; a cell covered by a rowspan from above is ""), one per
// paragraph, heading, list item or loose text outside tables. Rows of nested
// tables follow the row that contains them. Inside a cell, paragraphs, <br>
// and list items are separated by "\n"; ordered list items carry their
// number ("1. ", honouring start= and value=), bullets carry "- ".
func htmlRows(text string) []Row {
	h := &htmlReader{z: html.NewTokenizer(strings.NewReader(text)), seen: map[string]int{}}
	line := 1
	for {
		tt := h.z.Next()
		if tt == html.ErrorToken {
			break
		}
		// Count before Text() or TagAttr(), which unescape in place.
		raw := h.z.Raw()
		lead := len(raw) - len(bytes.TrimLeftFunc(raw, unicode.IsSpace))
		textLine := line + bytes.Count(raw[:lead], []byte{'\n'})
		nls := bytes.Count(raw, []byte{'\n'})
		switch tt {
		case html.TextToken:
			if h.skip == "" {
				h.text(string(h.z.Text()), textLine)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			h.start(line)
		case html.EndTagToken:
			h.end()
		}
		line += nls
	}
	for len(h.tables) > 0 {
		h.closeTable()
	}
	h.flushPara()
	return h.rows
}

// start handles a start tag found at line.
func (h *htmlReader) start(line int) {
	name, hasAttr := h.z.TagName()
	tag := string(name)
	if h.skip != "" {
		return
	}
	if htmlSkipTags[tag] {
		h.skip = tag
		return
	}
	if htmlBlockTags[tag] || tag == "li" {
		h.seen[tag]++ // only these name rows; other names could be endless
	}
	switch tag {
	case "table":
		h.openTable(line)
	case "tr":
		h.openRow(line)
	case "td", "th":
		h.openCell(line, h.attrs(hasAttr))
	case "br":
		if f := h.current(); f != nil {
			f.brk()
		}
	case "ol", "ul":
		h.openList(tag, h.attrs(hasAttr))
	case "li":
		h.openItem(line, h.attrs(hasAttr))
	default:
		if htmlBlockTags[tag] {
			h.openBlock(tag, line)
		}
	}
}

// end handles an end tag.
func (h *htmlReader) end() {
	name, _ := h.z.TagName()
	tag := string(name)
	if h.skip != "" {
		if tag == h.skip {
			h.skip = ""
		}
		return
	}
	switch tag {
	case "table":
		h.closeTable()
	case "tr":
		if t := h.table(); t != nil {
			h.closeRow(t)
		}
	case "td", "th":
		if t := h.table(); t != nil && t.row != nil {
			h.closeCell(t)
		}
	case "ol", "ul":
		h.closeList()
	case "li":
		h.endItem()
	default:
		if htmlBlockTags[tag] {
			h.closeBlock()
		}
	}
}

// attrs returns the attributes the reader uses, lower-cased keys.
func (h *htmlReader) attrs(has bool) map[string]string {
	m := map[string]string{}
	for has {
		var k, v []byte
		k, v, has = h.z.TagAttr()
		switch key := string(k); key {
		case "start", "value", "colspan", "rowspan":
			m[key] = strings.TrimSpace(string(v))
		}
	}
	return m
}

// htmlAttrInt parses a numeric attribute, clamped to [lo, hi].
func htmlAttrInt(m map[string]string, key string, def, lo, hi int) int {
	n, err := strconv.Atoi(m[key])
	if err != nil {
		return def
	}
	return max(lo, min(hi, n))
}

// kept returns the innermost table the reader keeps apart, or nil.
func (h *htmlReader) kept() *htmlTable {
	if len(h.tables) == 0 {
		return nil
	}
	return h.tables[len(h.tables)-1]
}

// table returns the innermost open table whose structure is read, or nil
// outside tables and inside tables nested too deep.
func (h *htmlReader) table() *htmlTable {
	if h.deepT > 0 {
		return nil
	}
	return h.kept()
}

// current returns where text goes now: the open cell, the paragraph outside
// tables, or nil inside a table between cells.
func (h *htmlReader) current() *cellText {
	if len(h.tables) == 0 {
		return &h.para
	}
	if r := h.tables[len(h.tables)-1].row; r != nil && r.cell != nil {
		return r.cell
	}
	return nil
}

// text adds a text token that starts (its first non-space) at line.
func (h *htmlReader) text(s string, line int) {
	f := h.current()
	blank := strings.TrimFunc(s, unicode.IsSpace) == ""
	if f == nil {
		if blank {
			return
		}
		// Text between cells: browsers move it out of the table; keeping
		// it in a cell of its own loses nothing and keeps the order.
		t := h.kept()
		h.openCellIn(t, line, nil)
		f = t.row.cell
	}
	if f == &h.para && h.pLine == 0 && !blank {
		h.pLine, h.pElem = line, "body"
		if len(h.blocks) > 0 {
			h.pElem = h.blocks[len(h.blocks)-1]
		}
	}
	f.write(s)
}

// boundary ends the current paragraph outside tables or line inside a cell.
func (h *htmlReader) boundary() {
	if len(h.tables) == 0 {
		h.flushPara()
		return
	}
	if f := h.current(); f != nil {
		f.brk()
	}
}

// flushPara emits the paragraph outside tables, if it has text. A list
// number still waiting for its text (<li><p>text) is kept.
func (h *htmlReader) flushPara() {
	prefix := h.para.prefix
	if !h.para.empty() {
		h.rows = append(h.rows, Row{Cells: []string{h.para.String()}, Line: h.pLine, Element: h.pElem})
		prefix = ""
	}
	h.para = cellText{prefix: prefix}
	h.pLine, h.pElem = 0, ""
}

// endItem ends <li>: a number whose item had no text is dropped.
func (h *htmlReader) endItem() {
	h.boundary()
	if f := h.current(); f != nil {
		f.prefix = ""
	}
}

// openBlock starts a paragraph-like element.
func (h *htmlReader) openBlock(tag string, line int) {
	h.boundary()
	if len(h.tables) > 0 {
		return
	}
	elem := fmt.Sprintf("%s[%d]", tag, h.seen[tag])
	h.pLine, h.pElem = line, elem
	if len(h.blocks) < maxHTMLNesting {
		h.blocks = append(h.blocks, elem)
	} else {
		h.deepB++
	}
}

// closeBlock ends a paragraph-like element. End tags are not matched
// against start tags: HTML leaves many out, and the path is only a hint.
func (h *htmlReader) closeBlock() {
	h.boundary()
	if len(h.tables) > 0 {
		return
	}
	switch {
	case h.deepB > 0:
		h.deepB--
	case len(h.blocks) > 0:
		h.blocks = h.blocks[:len(h.blocks)-1]
	}
}

// openList starts <ol> or <ul>.
func (h *htmlReader) openList(tag string, attrs map[string]string) {
	h.boundary()
	if len(h.lists) >= maxHTMLNesting {
		h.deepL++
		return
	}
	h.lists = append(h.lists, htmlList{ordered: tag == "ol", next: htmlAttrInt(attrs, "start", 1, -1e9, 1e9)})
}

// closeList ends <ol> or <ul>; a stray end tag cannot close a list opened
// outside the current cell or table.
func (h *htmlReader) closeList() {
	h.endItem()
	switch {
	case h.deepL > 0:
		h.deepL--
	case len(h.lists) > h.listBase():
		h.lists = h.lists[:len(h.lists)-1]
	}
}

// listBase is the number of lists opened outside the current cell.
func (h *htmlReader) listBase() int {
	if t := h.kept(); t != nil {
		if t.row != nil && t.row.cell != nil {
			return t.row.lists
		}
		return t.lists
	}
	return 0
}

// openItem starts <li>: its number (or bullet) is written before its text.
func (h *htmlReader) openItem(line int, attrs map[string]string) {
	prefix := "- "
	if len(h.lists) > h.listBase() {
		l := &h.lists[len(h.lists)-1]
		if l.ordered {
			l.next = htmlAttrInt(attrs, "value", l.next, -1e9, 1e9)
			prefix = strconv.Itoa(l.next) + ". "
			l.next++
		}
	}
	if len(h.tables) > 0 {
		if f := h.current(); f != nil {
			f.item(prefix)
		}
		return
	}
	h.flushPara()
	h.pLine, h.pElem = line, fmt.Sprintf("li[%d]", h.seen["li"])
	h.para.prefix = prefix
}

// openTable starts a table; beyond maxHTMLNesting, its cells are read as
// text of the innermost kept cell.
func (h *htmlReader) openTable(line int) {
	h.boundary()
	if h.deepT > 0 || len(h.tables) >= maxHTMLNesting {
		h.deepT++
		return
	}
	var path string
	if len(h.tables) == 0 {
		h.top++
		path = fmt.Sprintf("table[%d]", h.top)
	} else {
		parent := h.kept()
		if parent.row == nil || parent.row.cell == nil {
			h.openCellIn(parent, line, nil)
		}
		r := parent.row
		r.nested++
		path = fmt.Sprintf("%s/td[%d]/table[%d]", r.Element, len(r.Cells)+1, r.nested)
	}
	h.tables = append(h.tables, &htmlTable{path: path, lists: len(h.lists)})
}

// closeTable ends the innermost table.
func (h *htmlReader) closeTable() {
	if h.deepT > 0 {
		h.deepT--
		h.boundary()
		return
	}
	if len(h.tables) == 0 {
		return
	}
	t := h.tables[len(h.tables)-1]
	h.closeRow(t)
	h.tables = h.tables[:len(h.tables)-1]
	h.lists = h.lists[:min(len(h.lists), t.lists)]
}

// openRow starts <tr>.
func (h *htmlReader) openRow(line int) {
	if t := h.table(); t != nil {
		h.openRowIn(t, line)
	} else {
		h.boundary()
	}
}

func (h *htmlReader) openRowIn(t *htmlTable, line int) {
	h.closeRow(t)
	t.rows++
	t.row = &htmlRow{Row: Row{Line: line, Element: fmt.Sprintf("%s/tr[%d]", t.path, t.rows)}}
}

// openCell starts <td> or <th>, first placing "" for the columns a rowspan
// from above covers.
func (h *htmlReader) openCell(line int, attrs map[string]string) {
	switch t := h.table(); {
	case t != nil:
		h.openCellIn(t, line, attrs)
	case h.deepT > 0:
		if f := h.current(); f != nil {
			f.write(" ") // cells of a table nested too deep: words apart
		}
	default:
		h.boundary()
	}
}

func (h *htmlReader) openCellIn(t *htmlTable, line int, attrs map[string]string) {
	if t.row == nil {
		h.openRowIn(t, line)
	}
	h.closeCell(t)
	r := t.row
	h.fillCovered(t, false)
	r.cell, r.cellAt, r.lists = &cellText{}, r.col, len(h.lists)
	r.span = htmlAttrInt(attrs, "colspan", 1, 1, 1000)
	r.down = htmlAttrInt(attrs, "rowspan", 1, 1, 65534)
}

// fillCovered places "" for covered columns at the row's position, or for
// all remaining ones when the row ends.
func (h *htmlReader) fillCovered(t *htmlTable, all bool) {
	r := t.row
	if t.active == 0 {
		return
	}
	for c := r.col; c < len(t.cover); {
		cv := t.cover[c]
		if cv.rows == 0 {
			if !all {
				return
			}
			c++
			continue
		}
		r.Cells = append(r.Cells, "")
		c += max(cv.width, 1)
		if !all {
			r.col = c
		}
	}
}

// closeCell ends the open cell of t's row, if any.
func (h *htmlReader) closeCell(t *htmlTable) {
	r := t.row
	if r == nil || r.cell == nil {
		return
	}
	r.Cells = append(r.Cells, r.cell.String())
	if r.down > 1 && r.cellAt < maxHTMLSpanColumns {
		for len(t.cover) <= r.cellAt {
			t.cover = append(t.cover, htmlCover{})
		}
		if t.cover[r.cellAt].rows == 0 {
			t.active++
		}
		t.cover[r.cellAt] = htmlCover{rows: r.down, width: r.span}
	}
	r.col = r.cellAt + r.span
	r.cell = nil
	h.lists = h.lists[:min(len(h.lists), r.lists)]
}

// closeRow ends the open row of t and emits it, followed by the rows of
// tables nested in it.
func (h *htmlReader) closeRow(t *htmlTable) {
	r := t.row
	if r == nil {
		return
	}
	h.closeCell(t)
	h.fillCovered(t, true)
	for i := range t.cover {
		if t.active == 0 {
			break
		}
		if cv := &t.cover[i]; cv.rows > 0 {
			if cv.rows--; cv.rows == 0 {
				t.active--
			}
		}
	}
	t.row = nil
	level := len(h.tables) - 1 // t is always the innermost table
	if cellsHaveText(r.Cells) {
		h.emit(level, r.Row)
	}
	h.emit(level, r.after...)
}

// emit places rows that belong below the table at index level: after the
// row that contains that table, or in the output.
func (h *htmlReader) emit(level int, rows ...Row) {
	if level > 0 {
		if r := h.tables[level-1].row; r != nil {
			r.after = append(r.after, rows...)
			return
		}
	}
	h.rows = append(h.rows, rows...)
}

// cellsHaveText reports whether any cell is not empty.
func cellsHaveText(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return true
		}
	}
	return false
}
