package read

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
)

// docxMaxPart bounds the uncompressed size of word/document.xml. A zip
// bomb declares, or inflates to, far more than a real standard (a few MB
// of XML); the document is streamed, so the bound is about time.
var docxMaxPart int64 = 200 << 20

// docxMaxSmallPart bounds the parts decoded whole (relationships,
// numbering, styles: a few hundred KB in real files), whose structs cost
// memory in proportion.
const docxMaxSmallPart = 16 << 20

// maxDOCXNesting bounds the paragraphs, tables, rows and cells the DOCX
// reader keeps apart; deeper ones are read as text of the innermost kept one.
const maxDOCXNesting = 64

// errDOCXPartTooBig is returned when a part inflates beyond docxMaxPart.
var errDOCXPartTooBig = errors.New("part inflates beyond the size limit")

// readDOCX reads a Kazakh-template standard published as a DOCX file.
func readDOCX(name string, data []byte, src kasip.Source) ([]*kasip.Standard, error) {
	rows, err := docxRows(name, data)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, &Error{File: name, Element: "word/document.xml", Expected: "a document with text", Err: fmt.Errorf("%w: the document has no text", ErrNotStandard)}
	}
	src.Encoding = EncUTF8
	st, err := interpretKZ(name, rows, src)
	if err != nil {
		return nil, err
	}
	return []*kasip.Standard{st}, nil
}

// docxRows flattens the main document of a DOCX package into rows: one per
// table row (one cell per <w:tc>, whatever its gridSpan; a vertically
// merged continuation is ""), one per paragraph outside tables. Rows of
// nested tables follow the row that contains them. Inside a cell,
// paragraphs are separated by "\n"; numbered paragraphs carry their number
// as Word shows it ("1. ", "2) "), bullets carry "- ".
func docxRows(name string, data []byte) ([]Row, error) {
	pkg, err := openDOCX(name, data)
	if err != nil {
		return nil, err
	}
	num, err := pkg.numbering()
	if err != nil {
		return nil, err
	}
	styles, err := pkg.styles()
	if err != nil {
		return nil, err
	}
	rc, err := pkg.open(pkg.main, docxMaxPart)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	p := &docxParser{dec: xml.NewDecoder(rc), num: num, styles: styles}
	if err := p.run(); err != nil {
		return nil, &Error{File: name, Element: pkg.main + ": " + p.where(), Expected: docxExpected(pkg.main, err), Err: err}
	}
	return p.rows, nil
}

// docxExpected says what a failure to read the main part means: a damaged
// ZIP member, a part too big, or broken XML.
func docxExpected(part string, err error) string {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, errDOCXPartTooBig):
		return "a smaller " + part
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.As(err, &corrupt):
		return "an intact ZIP member " + part + " (the package is damaged)"
	}
	return "well-formed XML in " + part
}

// docxPackage is an opened DOCX (OPC) package.
type docxPackage struct {
	name string
	zr   *zip.Reader
	main string // main document part, normally word/document.xml
}

// openDOCX opens the ZIP package and finds its main document part.
func openDOCX(name string, data []byte) (*docxPackage, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, &Error{File: name, Expected: "a DOCX file (a ZIP package)", Err: err}
	}
	p := &docxPackage{name: name, zr: zr, main: "word/document.xml"}
	if m := p.officeDocument(); m != "" && p.file(m) != nil {
		p.main = m
	}
	if p.file(p.main) == nil {
		return nil, &Error{File: name, Element: p.main, Expected: "a DOCX file with word/document.xml", Err: fmt.Errorf("the package has no %s", p.main)}
	}
	return p, nil
}

// file returns the package member called name (part names ignore case).
func (p *docxPackage) file(name string) *zip.File {
	for _, f := range p.zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, `\`, "/"), name) {
			return f
		}
	}
	return nil
}

// open opens a part for reading, refusing parts that inflate beyond limit
// bytes.
func (p *docxPackage) open(name string, limit int64) (io.ReadCloser, error) {
	f := p.file(name)
	if f.UncompressedSize64 > uint64(limit) {
		return nil, &Error{File: p.name, Element: name, Expected: fmt.Sprintf("a part of at most %d MB", limit>>20),
			Err: fmt.Errorf("the part declares %d bytes unpacked: a zip bomb?", f.UncompressedSize64)}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{File: p.name, Element: name, Expected: "a readable ZIP member", Err: err}
	}
	return &docxCappedReader{rc: rc, left: limit, limit: limit}, nil
}

// docxCappedReader fails once more than left bytes are read, whatever the
// ZIP headers claim.
type docxCappedReader struct {
	rc          io.ReadCloser
	left, limit int64
}

func (c *docxCappedReader) Read(b []byte) (int, error) {
	if c.left <= 0 {
		return 0, fmt.Errorf("%w of %d MB", errDOCXPartTooBig, c.limit>>20)
	}
	if int64(len(b)) > c.left {
		b = b[:c.left]
	}
	n, err := c.rc.Read(b)
	c.left -= int64(n)
	return n, err
}

func (c *docxCappedReader) Close() error { return c.rc.Close() }

// unmarshal decodes a small part, if the package has it. encoding/xml's
// Unmarshal bounds its own nesting depth.
func (p *docxPackage) unmarshal(name string, v any) (bool, error) {
	if p.file(name) == nil {
		return false, nil
	}
	rc, err := p.open(name, docxMaxSmallPart)
	if err != nil {
		return false, err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return false, &Error{File: p.name, Element: name, Expected: docxExpected(name, err), Err: err}
	}
	return true, nil
}

// officeDocument returns the main part named in _rels/.rels, or "".
func (p *docxPackage) officeDocument() string {
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if ok, err := p.unmarshal("_rels/.rels", &rels); !ok || err != nil {
		return ""
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			return strings.TrimPrefix(path.Clean("/"+r.Target), "/")
		}
	}
	return ""
}

// sibling names a part in the main part's folder (word/numbering.xml).
func (p *docxPackage) sibling(name string) string {
	return path.Join(path.Dir(p.main), name)
}

// docxParser streams word/document.xml into rows.
type docxParser struct {
	dec    *xml.Decoder
	num    *docxNumbering
	styles map[string]docxStyle
	rows   []Row
	frames []*docxFrame
	names  []string // local names of open elements, up to docxMaxNames
	depth  int
	skip   int // depth of a subtree that holds no text (deletions…), 0 when none
	inText bool
	paras  int      // paragraphs outside tables
	tables int      // tables outside tables
	loose  cellText // text outside any paragraph: not valid DOCX, kept anyway
}

// docxMaxNames bounds the element names the parser remembers for parent().
const docxMaxNames = 1024

// docxMaxDepth bounds element nesting. Word nests a few dozen levels;
// encoding/xml keeps every open element, so a hostile part nesting millions
// deep would cost gigabytes before its first error.
const docxMaxDepth = 10000

// Frame kinds.
const (
	docxPara  = 'p'
	docxTable = 't'
	docxRow   = 'r'
	docxCell  = 'c'
)

// docxFrame is an open paragraph, table, row or cell.
type docxFrame struct {
	kind  byte
	depth int
	f     cellText // text of a paragraph or cell (or stray text of a table or row)
	// paragraph
	pPr          int // depth of the paragraph's own w:pPr while inside it
	numID, style string
	ilvl         int
	hasNum       bool
	// table and row
	path   string
	rows   int
	row    Row
	nested int
	after  []Row
}

// docxSkip elements hold no current text: deleted or moved-away runs, field
// instructions, the fallback copy of alternate content, previous
// properties of tracked changes.
var docxSkip = map[string]bool{
	"del": true, "moveFrom": true, "delText": true, "instrText": true, "delInstrText": true,
	"Fallback": true, "pPrChange": true, "rPrChange": true, "sectPrChange": true,
	"tblPrChange": true, "tblGridChange": true, "trPrChange": true, "tcPrChange": true,
	"numberingChange": true,
}

// run reads the document to its end.
func (p *docxParser) run() error {
	for {
		tok, err := p.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			p.start(t)
			if p.depth > docxMaxDepth {
				return fmt.Errorf("elements nested more than %d deep", docxMaxDepth)
			}
		case xml.EndElement:
			p.end(t.Name.Local)
		case xml.CharData:
			if p.inText && p.skip == 0 {
				p.current().write(string(t))
			}
		}
	}
	p.flushLoose()
	return nil
}

// where describes the parser's position for error messages.
func (p *docxParser) where() string {
	line, col := p.dec.InputPos()
	s := fmt.Sprintf("line %d, column %d", line, col)
	for i := len(p.frames) - 1; i >= 0; i-- {
		if fr := p.frames[i]; fr.kind == docxRow {
			path := fr.row.Element
			if len(path) > 120 { // deeply nested: the end says where
				path = "…" + path[len(path)-100:]
			}
			return path + ", " + s
		}
	}
	return fmt.Sprintf("body/p[%d], %s", p.paras+1, s)
}

// parent returns the local name of the parent of the element at p.depth.
func (p *docxParser) parent() string {
	if i := p.depth - 2; i >= 0 && i < len(p.names) {
		return p.names[i]
	}
	return ""
}

// top returns the innermost open frame, or nil.
func (p *docxParser) top() *docxFrame {
	if len(p.frames) == 0 {
		return nil
	}
	return p.frames[len(p.frames)-1]
}

// current returns where text goes now.
func (p *docxParser) current() *cellText {
	if t := p.top(); t != nil {
		return &t.f
	}
	return &p.loose
}

// start handles a start element.
func (p *docxParser) start(se xml.StartElement) {
	p.depth++
	local := se.Name.Local
	if p.depth-1 == len(p.names) && len(p.names) < docxMaxNames {
		p.names = append(p.names, local)
	}
	if p.skip > 0 {
		return
	}
	if docxSkip[local] {
		p.skip = p.depth
		return
	}
	switch local {
	case "p":
		p.push(docxPara)
	case "tbl":
		p.openTable()
	case "tr":
		p.openRow()
	case "tc":
		p.openCell()
	case "t":
		p.inText = true
	default:
		p.inline(local, se.Attr)
	}
}

// inline handles run content and the properties the reader needs.
func (p *docxParser) inline(local string, attrs []xml.Attr) {
	t := p.top()
	inRun := p.parent() == "r"
	switch {
	case inRun && (local == "tab" || local == "ptab"):
		p.current().write(" ")
	case inRun && (local == "br" || local == "cr"):
		p.current().brk()
	case inRun && local == "noBreakHyphen":
		p.current().write("-")
	case t == nil:
	case t.kind == docxPara && local == "pPr" && p.depth == t.depth+1:
		t.pPr = p.depth
	case t.kind == docxPara && t.pPr > 0:
		p.paraProperty(t, local, attrVal(attrs))
	}
}

// paraProperty records the paragraph's style and numbering.
func (p *docxParser) paraProperty(t *docxFrame, local, val string) {
	switch {
	case local == "pStyle" && p.depth == t.pPr+1:
		t.style = val
	case local == "numId" && p.depth == t.pPr+2 && p.parent() == "numPr":
		t.numID, t.hasNum = val, true
	case local == "ilvl" && p.depth == t.pPr+2 && p.parent() == "numPr":
		t.ilvl, _ = strconv.Atoi(val)
	}
}

// attrVal returns the w:val attribute.
func attrVal(attrs []xml.Attr) string {
	for _, a := range attrs {
		if a.Name.Local == "val" {
			return a.Value
		}
	}
	return ""
}

// end handles an end element.
func (p *docxParser) end(local string) {
	defer func() {
		if p.depth-1 < len(p.names) {
			p.names = p.names[:p.depth-1]
		}
		p.depth--
	}()
	if p.skip > 0 {
		if p.depth == p.skip {
			p.skip = 0
		}
		return
	}
	t := p.top()
	mine := t != nil && t.depth == p.depth
	switch {
	case local == "t":
		p.inText = false
	case local == "pPr" && t != nil && t.kind == docxPara && t.pPr == p.depth:
		t.pPr = 0
	case !mine:
		p.flattened(local)
	case t.kind == docxPara:
		p.closePara()
	case t.kind == docxTable:
		p.closeTable()
	case t.kind == docxRow:
		p.closeRow()
	case t.kind == docxCell:
		p.closeCell()
	}
}

// flattened ends an element the parser did not keep apart (nested too deep
// or misplaced): its text stays in the enclosing frame, on its own line.
func (p *docxParser) flattened(local string) {
	switch local {
	case "p", "tbl", "tr":
		p.current().brk()
	case "tc":
		p.current().write(" ")
	}
}

// push opens a frame, unless nesting is too deep.
func (p *docxParser) push(kind byte) *docxFrame {
	if len(p.frames) >= maxDOCXNesting {
		p.current().brk()
		return nil
	}
	if len(p.frames) == 0 {
		p.flushLoose()
	}
	fr := &docxFrame{kind: kind, depth: p.depth}
	p.frames = append(p.frames, fr)
	return fr
}

func (p *docxParser) pop() *docxFrame {
	fr := p.top()
	p.frames = p.frames[:len(p.frames)-1]
	return fr
}

// closePara ends a paragraph: into its cell (or the paragraph holding its
// text box), or as a row of its own.
func (p *docxParser) closePara() {
	fr := p.pop()
	prefix := p.prefix(fr)
	text := fr.f.String()
	parent := p.top()
	if parent == nil {
		p.paras++
		if text != "" {
			p.emit(Row{Cells: []string{prefix + text}, Element: fmt.Sprintf("body/p[%d]", p.paras)})
		}
		return
	}
	if parent.kind == docxPara || parent.kind == docxCell {
		parent.f.item(prefix)
		parent.f.lines(text)
		parent.f.brk()
		parent.f.prefix = ""
		return
	}
	if text != "" { // a paragraph straight in a table or row: not valid DOCX
		p.emit(Row{Cells: []string{prefix + text}, Element: p.where()})
	}
}

// prefix returns the number Word shows before the paragraph, from its own
// numbering or its style's.
func (p *docxParser) prefix(fr *docxFrame) string {
	numID, ilvl, ok := fr.numID, fr.ilvl, fr.hasNum
	if !ok {
		numID, ilvl, ok = docxStyleNumbering(p.styles, fr.style)
	}
	if !ok {
		return ""
	}
	return p.num.prefix(numID, ilvl)
}

// openTable starts a table; its path says where it sits.
func (p *docxParser) openTable() {
	var path string
	if n := len(p.frames); n >= 2 && p.frames[n-1].kind == docxCell && p.frames[n-2].kind == docxRow {
		r := p.frames[n-2]
		r.nested++
		path = fmt.Sprintf("%s/tc[%d]/tbl[%d]", r.row.Element, len(r.row.Cells)+1, r.nested)
	} else {
		path = fmt.Sprintf("body/tbl[%d]", p.tables+1)
	}
	if fr := p.push(docxTable); fr != nil {
		fr.path = path
		if strings.HasPrefix(path, "body/tbl[") {
			p.tables++
		}
	}
}

func (p *docxParser) closeTable() {
	fr := p.pop()
	if !fr.f.empty() {
		p.emit(Row{Cells: []string{fr.f.String()}, Element: fr.path})
	}
}

// openRow starts a table row (possibly wrapped in w:sdt or w:customXml).
func (p *docxParser) openRow() {
	t := p.top()
	if t == nil || t.kind != docxTable {
		p.current().brk()
		return
	}
	t.rows++
	if fr := p.push(docxRow); fr != nil {
		fr.row.Element = fmt.Sprintf("%s/tr[%d]", t.path, t.rows)
	}
}

// closeRow emits the row, then the rows of tables nested in it.
func (p *docxParser) closeRow() {
	fr := p.pop()
	if !fr.f.empty() {
		fr.row.Cells = append(fr.row.Cells, fr.f.String())
	}
	if cellsHaveText(fr.row.Cells) {
		p.emit(fr.row)
	}
	p.emit(fr.after...)
}

// openCell starts a table cell.
func (p *docxParser) openCell() {
	if t := p.top(); t == nil || t.kind != docxRow {
		p.current().write(" ")
		return
	}
	p.push(docxCell)
}

// closeCell adds the cell to its row. A vertically merged continuation
// (<w:vMerge/>) holds no text, so it is "" in its position; should one
// hold text all the same, the text is kept.
func (p *docxParser) closeCell() {
	fr := p.pop()
	r := p.top()
	r.row.Cells = append(r.row.Cells, fr.f.String())
}

// emit places rows after the innermost open row (they belong to a table
// nested in it), or in the output.
func (p *docxParser) emit(rows ...Row) {
	for i := len(p.frames) - 1; i >= 0; i-- {
		if fr := p.frames[i]; fr.kind == docxRow {
			fr.after = append(fr.after, rows...)
			return
		}
	}
	p.rows = append(p.rows, rows...)
}

// flushLoose emits text found outside any paragraph.
func (p *docxParser) flushLoose() {
	if !p.loose.empty() {
		p.rows = append(p.rows, Row{Cells: []string{p.loose.String()}, Element: fmt.Sprintf("body/p[%d]", p.paras+1)})
		p.loose = cellText{}
	}
}

// Numbering, as Word does it: counters belong to the abstract definition,
// so numIds sharing one continue each other's count; a numId's
// w:startOverride restarts a level the first time that numId is used
// (this is how Word's "Restart numbering" is written).

// docxLevel is one level of a list definition.
type docxLevel struct {
	start   int
	format  string // numFmt: decimal, lowerLetter, bullet, none…
	text    string // lvlText: "%1.", "%1.%2)"
	restart int    // lvlRestart; -1 when absent (restart after any upper level)
	legal   bool   // isLgl: upper levels shown as decimal
}

// docxAbstract is an abstract numbering definition with its counters.
type docxAbstract struct {
	levels [9]*docxLevel
	count  [9]int
	used   [9]bool
}

// docxNum is a w:num: an abstract definition and its overrides.
type docxNum struct {
	abs      *docxAbstract
	levels   [9]*docxLevel // full level overrides
	start    [9]int
	hasStart [9]bool
	applied  [9]bool
}

type docxNumbering struct{ nums map[string]*docxNum }

// XML shapes of word/numbering.xml.
type (
	docxVal struct {
		Val string `xml:"val,attr"`
	}
	docxLvl struct {
		Ilvl    int      `xml:"ilvl,attr"`
		Start   *docxVal `xml:"start"`
		Fmt     *docxVal `xml:"numFmt"`
		Text    *docxVal `xml:"lvlText"`
		Restart *docxVal `xml:"lvlRestart"`
		Legal   *docxVal `xml:"isLgl"`
	}
	docxNumberingXML struct {
		Abstract []struct {
			ID     string    `xml:"abstractNumId,attr"`
			Levels []docxLvl `xml:"lvl"`
		} `xml:"abstractNum"`
		Num []struct {
			ID       string  `xml:"numId,attr"`
			Abstract docxVal `xml:"abstractNumId"`
			Override []struct {
				Ilvl  int      `xml:"ilvl,attr"`
				Start *docxVal `xml:"startOverride"`
				Lvl   *docxLvl `xml:"lvl"`
			} `xml:"lvlOverride"`
		} `xml:"num"`
	}
)

// numbering reads word/numbering.xml; a package without one has no lists.
func (p *docxPackage) numbering() (*docxNumbering, error) {
	var x docxNumberingXML
	if _, err := p.unmarshal(p.sibling("numbering.xml"), &x); err != nil {
		return nil, err
	}
	abs := map[string]*docxAbstract{}
	for _, a := range x.Abstract {
		d := &docxAbstract{}
		for _, l := range a.Levels {
			if l.Ilvl >= 0 && l.Ilvl < 9 {
				d.levels[l.Ilvl] = l.level()
			}
		}
		abs[a.ID] = d
	}
	n := &docxNumbering{nums: map[string]*docxNum{}}
	for _, x := range x.Num {
		num := &docxNum{abs: abs[x.Abstract.Val]}
		for _, o := range x.Override {
			if o.Ilvl < 0 || o.Ilvl >= 9 {
				continue
			}
			if o.Lvl != nil {
				num.levels[o.Ilvl] = o.Lvl.level()
				if o.Lvl.Start != nil {
					num.start[o.Ilvl], num.hasStart[o.Ilvl] = num.levels[o.Ilvl].start, true
				}
			}
			if o.Start != nil {
				num.start[o.Ilvl], num.hasStart[o.Ilvl] = docxAtoi(o.Start.Val, 0), true
			}
		}
		n.nums[x.ID] = num
	}
	return n, nil
}

// level converts a parsed w:lvl.
func (l docxLvl) level() *docxLevel {
	d := &docxLevel{format: "decimal", text: fmt.Sprintf("%%%d.", l.Ilvl+1), restart: -1}
	if l.Start != nil {
		d.start = docxAtoi(l.Start.Val, 0) // ECMA-376: absent start means 0
	}
	if l.Fmt != nil {
		d.format = l.Fmt.Val
	}
	if l.Text != nil {
		d.text = l.Text.Val
	}
	if l.Restart != nil {
		d.restart = docxAtoi(l.Restart.Val, -1)
	}
	d.legal = l.Legal != nil && l.Legal.Val != "0" && l.Legal.Val != "false"
	return d
}

// docxAtoi parses a decimal attribute, clamped so that counters cannot overflow.
func docxAtoi(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return max(-1e9, min(1e9, n))
}

// level returns the definition of level i of num.
func (n *docxNum) level(i int) *docxLevel {
	if d := n.levels[i]; d != nil {
		return d
	}
	if d := n.abs.levels[i]; d != nil {
		return d
	}
	return &docxLevel{start: 1, format: "decimal", text: fmt.Sprintf("%%%d.", i+1), restart: -1}
}

// prefix advances the counter of (numID, ilvl) and returns the number text
// followed by a space: "3. ", "2.1) ", "- " for bullets, "" for none.
func (n *docxNumbering) prefix(numID string, ilvl int) string {
	num := n.nums[numID]
	if num == nil || num.abs == nil { // numId 0 means "not numbered"
		return ""
	}
	ilvl = max(0, min(8, ilvl))
	a, def := num.abs, num.level(ilvl)
	switch {
	case num.hasStart[ilvl] && !num.applied[ilvl]:
		a.count[ilvl], num.applied[ilvl] = num.start[ilvl], true
	case !a.used[ilvl]:
		a.count[ilvl] = def.start
	default:
		a.count[ilvl]++
	}
	a.used[ilvl] = true
	for l := ilvl + 1; l < 9; l++ {
		if r := num.level(l).restart; r < 0 || ilvl < r {
			a.used[l] = false
		}
	}
	switch def.format {
	case "bullet":
		return "- "
	case "none":
		return ""
	}
	s := strings.TrimSpace(n.render(num, def))
	if s == "" {
		return ""
	}
	return s + " "
}

// render substitutes %1…%9 in the level text with the counters.
func (n *docxNumbering) render(num *docxNum, def *docxLevel) string {
	var b strings.Builder
	t := def.text
	for i := 0; i < len(t); i++ {
		if t[i] != '%' || i+1 == len(t) || t[i+1] < '1' || t[i+1] > '9' {
			b.WriteByte(t[i])
			continue
		}
		l := int(t[i+1] - '1')
		i++
		d, v := num.level(l), num.abs.count[l]
		if !num.abs.used[l] {
			v = d.start
		}
		format := d.format
		if def.legal || format == "bullet" || format == "none" {
			format = "decimal"
		}
		b.WriteString(docxFormat(v, format))
	}
	return b.String()
}

// docxFormat writes n in a Word number format; formats the reader does
// not know, and values they cannot show, fall back to decimal.
func docxFormat(n int, format string) string {
	switch format {
	case "decimalZero":
		return fmt.Sprintf("%02d", n)
	case "lowerLetter", "upperLetter":
		s := docxAlpha(n, "abcdefghijklmnopqrstuvwxyz")
		if format == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "russianLower", "russianUpper":
		s := docxAlpha(n, "абвгдежзиклмнопрстуфхцчшщэюя")
		if format == "russianUpper" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		s := docxRoman(n)
		if format == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	}
	return strconv.Itoa(n)
}

// docxAlpha numbers as Word does: a…z, then aa…zz, then aaa…
func docxAlpha(n int, letters string) string {
	abc := []rune(letters)
	if n < 1 || n > 20*len(abc) {
		return strconv.Itoa(n)
	}
	return strings.Repeat(string(abc[(n-1)%len(abc)]), (n-1)/len(abc)+1)
}

// docxRoman writes 1…3999 in Roman numerals.
func docxRoman(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for ; n >= v; n -= v {
			b.WriteString(syms[i])
		}
	}
	return b.String()
}

// docxStyle is the numbering a paragraph style gives, and its parent.
type docxStyle struct {
	numID, basedOn string
	ilvl           int
	hasNum         bool
}

// styles reads the numbering of paragraph styles from word/styles.xml
// (a "List Number" style numbers paragraphs without their own w:numPr).
func (p *docxPackage) styles() (map[string]docxStyle, error) {
	var x struct {
		Style []struct {
			ID      string  `xml:"styleId,attr"`
			BasedOn docxVal `xml:"basedOn"`
			NumPr   *struct {
				Ilvl  *docxVal `xml:"ilvl"`
				NumID *docxVal `xml:"numId"`
			} `xml:"pPr>numPr"`
		} `xml:"style"`
	}
	if _, err := p.unmarshal(p.sibling("styles.xml"), &x); err != nil {
		return nil, err
	}
	m := map[string]docxStyle{}
	for _, s := range x.Style {
		st := docxStyle{basedOn: s.BasedOn.Val}
		if s.NumPr != nil && s.NumPr.NumID != nil {
			st.numID, st.hasNum = s.NumPr.NumID.Val, true
			if s.NumPr.Ilvl != nil {
				st.ilvl = docxAtoi(s.NumPr.Ilvl.Val, 0)
			}
		}
		m[s.ID] = st
	}
	return m, nil
}

// docxStyleNumbering follows a style and its parents (at most 16, against
// cycles) to the first that numbers paragraphs.
func docxStyleNumbering(styles map[string]docxStyle, id string) (string, int, bool) {
	for range 16 {
		s, ok := styles[id]
		if !ok {
			return "", 0, false
		}
		if s.hasNum {
			return s.numID, s.ilvl, true
		}
		id = s.basedOn
	}
	return "", 0, false
}
