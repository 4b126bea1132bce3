package read

// The Russian register of professional standards exports standards as XML
// with the root <XMLCardInfo>. This reader walks the XML token by token and
// builds a small generic element tree for one <ProfessionalStandart> at a
// time, maps that tree into the model, and then reports every element whose
// text the mapping did not consume as Unplaced. Struct unmarshalling is not
// used on purpose: it silently ignores elements it has no field for, and the
// export's shape varies between standards (optional classifier lists, an
// <OtherCharacteristics> nested in another).

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
)

const (
	xmlRoot     = "XMLCardInfo"
	xmlStandard = "ProfessionalStandart"
	xsiSpace    = "http://www.w3.org/2001/XMLSchema-instance"
)

// xmlLimits bound the work done on hostile input, so that a million nested
// elements or millions of empty ones fail fast in bounded memory.
type xmlLimits struct {
	depth            int // open elements at once; the register's format needs 11
	elements         int // elements in the whole file
	standardElements int // elements of one standard, whose tree is held in memory
}

// The example standard has 528 elements and a depth of 11; these limits
// leave ample room for the largest real standards.
var defaultXMLLimits = xmlLimits{depth: 64, elements: 4_000_000, standardElements: 200_000}

// readXML reads the standards of a register export: one per <ProfessionalStandart>.
func readXML(name string, data []byte, src kasip.Source) ([]*kasip.Standard, error) {
	return parseXML(name, data, src, defaultXMLLimits)
}

func parseXML(name string, data []byte, src kasip.Source, lim xmlLimits) ([]*kasip.Standard, error) {
	text, enc, err := Decode(data)
	if err != nil {
		return nil, &Error{File: name, Line: 1, Expected: "an XML document in UTF-8, UTF-16 with a byte order mark or windows-1251", Err: err}
	}
	src.Encoding = enc
	src.Language = "ru"
	p := &xmlParser{file: name, src: src, lim: lim}
	p.dec = xml.NewDecoder(strings.NewReader(text))
	// The text is already UTF-8, whatever the declaration says; the decoder
	// only needs to be told that the declared label is acceptable.
	p.dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if err := checkDeclaredEncoding(label, enc); err != nil {
			p.charsetErr = &Error{File: name, Line: 1, Element: "?xml", Expected: "encoding utf-8, utf-16 or windows-1251", Err: err}
			return nil, err
		}
		return in, nil
	}
	if err := p.run(); err != nil {
		return nil, err
	}
	return p.out, nil
}

// checkDeclaredEncoding honours the XML declaration. Decode has already
// chosen the encoding from the bytes; when it had to guess windows-1251
// (the bytes were not UTF-8 and had no byte order mark), a declaration naming
// another single-byte encoding means the guess is wrong.
func checkDeclaredEncoding(label, detected string) error {
	l := strings.ToLower(strings.TrimSpace(label))
	switch l {
	case "utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "utf16", "us-ascii", "ascii",
		"windows-1251", "cp1251", "x-cp1251", "cp-1251", "windows1251":
		return nil
	}
	if detected == EncCP1251 {
		return fmt.Errorf("the declaration names encoding %q, which Kasip cannot decode", label)
	}
	return nil // the bytes are unambiguous UTF-8 or UTF-16: they win over a stale declaration
}

// xnode is an element of one standard's tree.
type xnode struct {
	name     string
	path     string // e.g. ProfessionalStandart[1]/ThirdSection/…/LaborAction[3]
	line     int
	text     []byte // character data directly inside the element
	attrs    []xml.Attr
	children []*xnode
	used     bool // the mapping placed the text in the model
}

// xmlFrame is an open element.
type xmlFrame struct {
	name   string
	path   string
	node   *xnode         // nil outside a standard
	counts map[string]int // children opened so far, by name, for path indexes
}

type xmlParser struct {
	file       string
	src        kasip.Source
	lim        xmlLimits
	dec        *xml.Decoder
	charsetErr *Error

	stack      []xmlFrame
	rootSeen   bool
	rootDone   bool
	elements   int // in the file
	inStandard int // in the standard being read
	standards  int // <ProfessionalStandart> elements opened

	out     []*kasip.Standard
	orphans []kasip.Unplaced // text outside any standard
}

func (p *xmlParser) run() error {
	for {
		// Whitespace between tags is a token of its own, so the position
		// before Token is where the next tag starts.
		line, _ := p.dec.InputPos()
		tok, err := p.dec.Token()
		if err == io.EOF {
			return p.finish(line)
		}
		if err != nil {
			return p.malformed(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			err = p.open(t, line)
		case xml.EndElement:
			p.close()
		case xml.CharData:
			err = p.chars(t, line)
		}
		// Comments, processing instructions and directives carry no content
		// of the standard.
		if err != nil {
			return err
		}
	}
}

func (p *xmlParser) top() *xmlFrame {
	if len(p.stack) == 0 {
		return nil
	}
	return &p.stack[len(p.stack)-1]
}

// path is where the reader is, for error messages. Real paths have at most
// 11 steps; a deeper one is hostile input and is shown by its last steps.
func (p *xmlParser) path() string {
	f := p.top()
	if f == nil {
		return ""
	}
	steps := strings.Split(f.path, "/")
	if len(steps) > 12 {
		return "…/" + strings.Join(steps[len(steps)-6:], "/")
	}
	return f.path
}

func (p *xmlParser) open(t xml.StartElement, line int) error {
	name := t.Name.Local
	if len(p.stack) >= p.lim.depth {
		return &Error{File: p.file, Line: line, Element: p.path(),
			Expected: fmt.Sprintf("at most %d nested elements", p.lim.depth),
			Err:      fmt.Errorf("<%s> opens level %d: elements nested too deeply", name, len(p.stack)+1)}
	}
	if p.elements++; p.elements > p.lim.elements {
		return &Error{File: p.file, Line: line, Element: p.path(),
			Expected: fmt.Sprintf("at most %d elements in a file", p.lim.elements),
			Err:      errors.New("too many elements")}
	}
	parent := p.top()
	f := xmlFrame{name: name}
	switch {
	case parent == nil:
		if err := p.openRoot(name, line); err != nil {
			return err
		}
		f.path = name
		p.orphanAttrs(f.path, line, t.Attr)
	case parent.node != nil:
		if p.inStandard++; p.inStandard > p.lim.standardElements {
			return &Error{File: p.file, Line: line, Element: parent.path,
				Expected: fmt.Sprintf("at most %d elements in one standard", p.lim.standardElements),
				Err:      errors.New("too many elements")}
		}
		f.path = parent.path + "/" + parent.segment(name)
		f.node = &xnode{name: name, path: f.path, line: line, attrs: contentAttrs(t.Attr)}
		parent.node.children = append(parent.node.children, f.node)
	case name == xmlStandard:
		p.standards++
		p.inStandard = 1
		f.path = fmt.Sprintf("%s[%d]", xmlStandard, p.standards)
		f.node = &xnode{name: name, path: f.path, line: line, attrs: contentAttrs(t.Attr)}
	default:
		f.path = parent.path + "/" + parent.segment(name)
		p.orphanAttrs(f.path, line, t.Attr)
	}
	p.stack = append(p.stack, f)
	return nil
}

func (p *xmlParser) openRoot(name string, line int) error {
	if p.rootDone {
		return &Error{File: p.file, Line: line, Element: name, Expected: "the end of the file after </" + xmlRoot + ">",
			Err: fmt.Errorf("a second root element <%s>", name)}
	}
	if name != xmlRoot {
		return &Error{File: p.file, Line: line, Element: name, Expected: "root element <" + xmlRoot + "> (the Russian register's XML export)",
			Err: fmt.Errorf("%w: the root element is <%s>", ErrNotStandard, name)}
	}
	p.rootSeen = true
	return nil
}

// segment names a child about to be opened: list items and repeated
// elements get a 1-based index, as in XPath.
func (f *xmlFrame) segment(name string) string {
	if f.counts == nil {
		f.counts = map[string]int{}
	}
	f.counts[name]++
	n := f.counts[name]
	if n > 1 || isListItem(f.name, name) {
		return name + "[" + strconv.Itoa(n) + "]"
	}
	return name
}

// isListItem reports whether child is an entry of the list parent: the
// export names lists by the plural (LaborActions/LaborAction) or by a
// "List" prefix (ListOKZ/UnitOKZ).
func isListItem(parent, child string) bool {
	return parent == child+"s" || strings.HasPrefix(parent, "List")
}

func (p *xmlParser) close() {
	f := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	if f.node != nil && (len(p.stack) == 0 || p.top().node == nil) {
		// A standard is complete: map it and let its tree go.
		p.out = append(p.out, mapStandard(f.node, p.src))
		p.inStandard = 0
	}
	if len(p.stack) == 0 {
		p.rootDone = true
	}
}

func (p *xmlParser) chars(t xml.CharData, line int) error {
	f := p.top()
	if f == nil {
		if len(bytes.TrimSpace(t)) == 0 {
			return nil
		}
		return &Error{File: p.file, Line: line + leadingNewlines(t), Expected: "nothing but the root element <" + xmlRoot + ">",
			Err: errors.New("text outside the root element")}
	}
	if f.node != nil {
		f.node.text = append(f.node.text, t...)
		return nil
	}
	if s := normText(string(t)); s != "" {
		p.orphans = append(p.orphans, kasip.Unplaced{Kind: kasip.UnplacedText, Text: s,
			Origin: kasip.Origin{Line: line + leadingNewlines(t), Element: f.path}})
	}
	return nil
}

func leadingNewlines(b []byte) int {
	lead := b[:len(b)-len(bytes.TrimLeft(b, " \t\r\n"))]
	return bytes.Count(lead, []byte("\n"))
}

// orphanAttrs keeps attribute values of elements outside any standard.
func (p *xmlParser) orphanAttrs(path string, line int, attrs []xml.Attr) {
	for _, a := range contentAttrs(attrs) {
		if s := normText(a.Value); s != "" {
			p.orphans = append(p.orphans, kasip.Unplaced{Kind: kasip.UnplacedText, Text: s,
				Origin: kasip.Origin{Line: line, Element: path + "/@" + a.Name.Local}})
		}
	}
}

// contentAttrs drops namespace declarations and XML Schema instance
// attributes, which are plumbing, not content of the standard.
func contentAttrs(attrs []xml.Attr) []xml.Attr {
	var out []xml.Attr
	for _, a := range attrs {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") ||
			a.Name.Space == xsiSpace || a.Name.Space == "xsi" {
			continue
		}
		out = append(out, a)
	}
	return out
}

func (p *xmlParser) finish(line int) error {
	if !p.rootSeen {
		return &Error{File: p.file, Line: line, Expected: "root element <" + xmlRoot + ">",
			Err: fmt.Errorf("%w: no XML element in the file", ErrNotStandard)}
	}
	if len(p.out) == 0 {
		return &Error{File: p.file, Line: line, Element: xmlRoot, Expected: "at least one <" + xmlStandard + "> element",
			Err: fmt.Errorf("%w: the register export holds no standard", ErrNotStandard)}
	}
	first := p.out[0]
	first.Unplaced = append(first.Unplaced, p.orphans...)
	return nil
}

func (p *xmlParser) malformed(err error) error {
	if p.charsetErr != nil {
		return p.charsetErr
	}
	line, _ := p.dec.InputPos()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line = se.Line
	}
	expected := "well-formed XML"
	if f := p.top(); f != nil {
		expected = "well-formed XML inside <" + f.name + ">"
		if se != nil && se.Msg == "unexpected EOF" {
			expected = "</" + f.name + "> before the end of the file (is the file truncated?)"
		}
	}
	return &Error{File: p.file, Line: line, Element: p.path(), Expected: expected, Err: fmt.Errorf("malformed XML: %w", err)}
}

// Node helpers. All accept a nil node, so that the mapping can ask for
// elements a standard may lack without checking each one.

func (n *xnode) child(name string) *xnode {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

func (n *xnode) all(name string) []*xnode {
	if n == nil {
		return nil
	}
	var out []*xnode
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

// childPrefix returns the first child whose name starts with prefix
// (CodeOKZ, CodeEKS… in a classifier unit).
func (n *xnode) childPrefix(prefix string) *xnode {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if strings.HasPrefix(c.name, prefix) {
			return c
		}
	}
	return nil
}

// peek returns the element's own text, trimmed, with line ends normalised.
func (n *xnode) peek() string {
	if n == nil {
		return ""
	}
	return normText(string(n.text))
}

// take returns the element's text and marks it placed. A lone "-" is how
// the register writes "nothing", so it yields "".
func (n *xnode) take() string {
	if n == nil {
		return ""
	}
	n.used = true
	if s := n.peek(); s != "-" {
		return s
	}
	return ""
}

func (n *xnode) origin() kasip.Origin {
	if n == nil {
		return kasip.Origin{}
	}
	return kasip.Origin{Line: n.line, Element: n.path}
}

func normText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}

// ru makes a Russian text; an empty string gives an empty (not nil) Text so
// that JSON shows {} rather than null.
func ru(s string) kasip.Text {
	if s == "" {
		return kasip.Text{}
	}
	return kasip.Text{"ru": s}
}

// walk visits n and its descendants in document order.
func walk(n *xnode, visit func(*xnode)) {
	visit(n)
	for _, c := range n.children {
		walk(c, visit)
	}
}

// ruMapper places one standard's tree into the model, collecting notes.
type ruMapper struct {
	st *kasip.Standard
}

func mapStandard(ps *xnode, src kasip.Source) *kasip.Standard {
	st := &kasip.Standard{Family: "ru", Languages: []string{"ru"}, Sources: []kasip.Source{src}}
	m := &ruMapper{st: st}
	m.header(ps)
	m.firstSection(ps.child("FirstSection"))
	gwfs := ps.child("ThirdSection").child("WorkFunctions").child("GeneralizedWorkFunctions")
	for i, g := range gwfs.all("GeneralizedWorkFunction") {
		st.Cards = append(st.Cards, m.card(g, i))
	}
	m.developers(ps.child("FourthSection"))
	st.Unplaced = append(st.Unplaced, unplacedIn(ps)...)
	return st
}

func (m *ruMapper) header(ps *xnode) {
	m.st.Title = ru(ps.child("NameProfessionalStandart").take())
	m.st.RegistrationNumber = ps.child("RegistrationNumber").take()
	number := ps.child("OrderNumber").take()
	date := m.date(ps.child("DateOfApproval"))
	if number != "" || date != "" {
		m.st.Order = &kasip.Order{Number: number, Date: date}
	}
}

// date returns the element's date in ISO form. A date it cannot read stays
// unplaced, so that the text is not lost.
func (m *ruMapper) date(n *xnode) string {
	s := n.peek()
	if s == "" || s == "-" {
		n.take()
		return ""
	}
	iso, err := kasip.ParseDate(s)
	if err != nil {
		return ""
	}
	n.used = true
	return iso
}

func (m *ruMapper) firstSection(fs *xnode) {
	m.st.ActivityKind = field(fs.child("KindProfessionalActivity"))
	codeNode := fs.child("CodeKindProfessionalActivity")
	raw := codeNode.take()
	code, _, isCode := kasip.NormalizeCodeField(raw)
	m.st.Code = code
	if code != raw {
		m.st.CodeOriginal = raw // also text that is not a code, as written
	}
	if !isCode && raw != "" {
		m.st.Notes = append(m.st.Notes, notACode("code", raw, codeNode.origin()))
	}
	m.st.Purpose = field(fs.child("PurposeKindProfessionalActivity"))
	eg := fs.child("EmploymentGroup")
	m.st.Occupations, _ = m.classifiers(eg.child("ListOKZ"), "OKZ", "occupations")
	m.st.OKED = m.oked(eg.child("ListOKVED"))
}

func field(n *xnode) *kasip.Field {
	s := n.take()
	if s == "" {
		return nil
	}
	return &kasip.Field{Text: ru(s), Origin: n.origin()}
}

// classifiers reads a ListXXX of units, each with a CodeXXX and a NameXXX.
// It returns the entries and the codes as written, in the same order.
func (m *ruMapper) classifiers(list *xnode, system, path string) ([]kasip.Classified, []string) {
	var out []kasip.Classified
	var raws []string
	if list == nil {
		return nil, nil
	}
	for _, u := range list.children {
		raw, title := u.childPrefix("Code").take(), u.childPrefix("Name").take()
		if raw == "" && title == "" {
			continue // the export writes empty units where a list has none
		}
		code := m.code(raw, fmt.Sprintf("%s[%d].code", path, len(out)), u)
		out = append(out, kasip.Classified{System: system, Code: code, Title: ru(title), Origin: u.origin()})
		raws = append(raws, raw)
	}
	return out, raws
}

func (m *ruMapper) oked(list *xnode) []kasip.OKEDEntry {
	var out []kasip.OKEDEntry
	if list == nil {
		return nil
	}
	for _, u := range list.children {
		raw, title := u.childPrefix("Code").take(), u.childPrefix("Name").take()
		if raw == "" && title == "" {
			continue
		}
		code := m.code(raw, fmt.Sprintf("oked[%d].code", len(out)), u)
		e := kasip.OKEDEntry{Code: code, Level: okvedLevel(code), Title: ru(title), Origin: u.origin()}
		if code != raw {
			e.CodeOriginal = raw
		}
		out = append(out, e)
	}
	return out
}

// okvedLevel tells the level of an OKVED code by its shape. The model's
// levels follow NACE; OKVED2's six-digit codes (62.01.11) have no finer
// level in it and count as subclasses.
func okvedLevel(code string) string {
	if len(code) == 1 && code[0] >= 'A' && code[0] <= 'Z' {
		return "section"
	}
	parts := strings.Split(code, ".")
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return ""
		}
	}
	if len(parts[0]) != 2 {
		return ""
	}
	switch {
	case len(parts) == 1:
		return "division"
	case len(parts) == 2 && len(parts[1]) == 1:
		return "group"
	case len(parts) == 2 && len(parts[1]) == 2:
		return "class"
	case len(parts) == 3 && len(parts[1]) == 2 && len(parts[2]) <= 2:
		return "subclass"
	}
	return ""
}

// code normalises a code; when a Cyrillic look-alike was replaced it leaves
// a note, because Card, Function and Classified keep no original spelling.
// Text that is not a code is kept as written in unplaced, with a note; the
// code is the one token of it shaped as a code, if any.
func (m *ruMapper) code(raw, path string, n *xnode) string {
	code, typed, isCode := kasip.NormalizeCodeField(raw)
	if !isCode && raw != "" {
		m.st.Notes = append(m.st.Notes, notACode(path, raw, n.origin()))
		m.st.Unplaced = append(m.st.Unplaced, kasip.Unplaced{Kind: kasip.UnplacedText, Text: raw, Origin: n.origin()})
		return code
	}
	if changed := code != typed; changed {
		m.note("mixed-script", path, fmt.Sprintf("code %q is typed with Cyrillic look-alike letters; read as %q", raw, code), n,
			"note.code-lookalike", kasip.Args{"code": kasip.QuoteArg(raw), "read": kasip.QuoteArg(code)})
	}
	return code
}

// note records an observation: msg in English, key and args for lint's
// catalogue (docs/lint.md).
func (m *ruMapper) note(rule, path, msg string, n *xnode, key string, args kasip.Args) {
	m.st.Notes = append(m.st.Notes, kasip.Note{Rule: rule, Path: path, Message: msg, Key: key, Args: args, Origin: n.origin()})
}

// card maps a generalised labour function (OTF).
func (m *ruMapper) card(g *xnode, ci int) kasip.Card {
	path := fmt.Sprintf("cards[%d]", ci)
	c := kasip.Card{Origin: g.origin()}
	codeNode := g.child("CodeOTF")
	c.Code = m.code(codeNode.take(), path+".code", codeNode)
	c.Title = ru(g.child("NameOTF").take())
	c.Level = m.level(g.child("LevelOfQualification"))
	for _, it := range m.items(g.child("PossibleJobTitles"), "PossibleJobTitle", path+".alt_titles") {
		c.AltTitles = append(c.AltTitles, kasip.AltTitle{Title: it.Text, Origin: it.Origin})
	}
	c.Education = m.items(g.child("EducationalRequirements"), "EducationalRequirement", path+".education")
	c.Experience = m.items(g.child("RequirementsWorkExperiences"), "RequirementsWorkExperience", path+".experience")
	c.Admission = m.items(g.child("SpecialConditionsForAdmissionToWork"), "", path+".admission")
	c.Other = m.items(g.child("OtherCharacteristics"), "", path+".other")
	m.cardClassifiers(&c, g.child("OtherCharacteristicPlus"), path)
	pwfs := g.child("ParticularWorkFunctions")
	for fi, f := range pwfs.all("ParticularWorkFunction") {
		c.Functions = append(c.Functions, m.function(f, fmt.Sprintf("%s.functions[%d]", path, fi)))
	}
	m.checkFunctionCodes(&c, path)
	return c
}

var reTFCode = regexp.MustCompile(`^[A-Z]/\d{2}\.\d$`)

// checkFunctionCodes notes labour function codes that break the register's
// scheme <OTF>/<number>.<sub-level> (A/01.3, A/02.3…): a repeated or skipped
// number, or a level that is not the function's sub-level. Standard 06.001
// has one (B/04.5 where B/05.4 is meant).
func (m *ruMapper) checkFunctionCodes(c *kasip.Card, path string) {
	for i, f := range c.Functions {
		want := fmt.Sprintf("%s/%02d.%s", c.Code, i+1, f.SubLevel)
		if f.Code == want || !reTFCode.MatchString(f.Code) || !reTFCode.MatchString(want) {
			continue
		}
		m.st.Notes = append(m.st.Notes, kasip.Note{Rule: "numbering", Path: fmt.Sprintf("%s.functions[%d].code", path, i),
			Message: fmt.Sprintf("labour function %d of card %s is coded %q; its position and sub-level give %q", i+1, c.Code, f.Code, want),
			Key:     "note.function-code", Args: kasip.Args{"n": kasip.NumberArg(i + 1), "card": kasip.CodeArg(c.Code), "code": kasip.QuoteArg(f.Code), "want": kasip.QuoteArg(want)},
			Origin: f.Origin})
	}
}

// level reads a qualification level; one that is not a number stays unplaced.
func (m *ruMapper) level(n *xnode) int {
	v, err := strconv.Atoi(n.peek())
	if err != nil {
		return 0
	}
	n.used = true
	return v
}

// cardClassifiers reads OtherCharacteristicPlus: ListOKZ, ListEKS,
// ListOKPDTR, ListOKSO… The OKZ codes are also the card's occupation codes.
func (m *ruMapper) cardClassifiers(c *kasip.Card, plus *xnode, path string) {
	if plus == nil {
		return
	}
	var raws []string
	changed := false
	for _, l := range plus.children {
		system, ok := strings.CutPrefix(l.name, "List")
		if !ok || system == "" {
			continue // not a classifier list: left for Unplaced
		}
		cls, rs := m.classifiers(l, system, fmt.Sprintf("%s.classifiers", path))
		c.Classifiers = append(c.Classifiers, cls...)
		if system != "OKZ" {
			continue
		}
		for i, cl := range cls {
			if cl.Code == "" {
				continue
			}
			c.Codes = append(c.Codes, cl.Code)
			raws = append(raws, rs[i])
			changed = changed || cl.Code != rs[i]
		}
	}
	if changed {
		c.CodesOriginal = raws
	}
}

// function maps a labour function (TF). Russian functions have no skills:
// actions, abilities and knowledge sit on the function itself.
func (m *ruMapper) function(f *xnode, path string) kasip.Function {
	fn := kasip.Function{Mandatory: true, Origin: f.origin()}
	codeNode := f.child("CodeTF")
	fn.Code = m.code(codeNode.take(), path+".code", codeNode)
	fn.Title = ru(f.child("NameTF").take())
	fn.SubLevel = f.child("SubQualification").take()
	fn.Actions = m.items(f.child("LaborActions"), "LaborAction", path+".actions")
	fn.Abilities = m.items(f.child("RequiredSkills"), "RequiredSkill", path+".abilities")
	fn.Knowledge = m.items(f.child("NecessaryKnowledges"), "NecessaryKnowledge", path+".knowledge")
	fn.Other = m.items(f.child("OtherCharacteristics"), "", path+".other")
	fn.Other = append(fn.Other, m.items(f.child("ListFootnes"), "", path+".other")...)
	m.relabel(&fn, path)
	return fn
}

// items places a list: the children named itemName (any element below the
// list when itemName is ""), plus text written directly in the list element.
// Elements of other names stay unplaced rather than being guessed into the
// list. An item is one element, as the register counts them; an item that
// holds several lines gets an unsplit-list note, because it is probably two
// items glued together by the export.
func (m *ruMapper) items(list *xnode, itemName, path string) []kasip.Item {
	if list == nil {
		return nil
	}
	var out []kasip.Item
	add := func(n *xnode) {
		s := n.take()
		if s == "" {
			return
		}
		if strings.Contains(s, "\n") {
			lines := strings.Count(s, "\n") + 1
			m.note("unsplit-list", fmt.Sprintf("%s[%d]", path, len(out)),
				fmt.Sprintf("one item holds %d lines; they may be separate items run together", lines), n, "note.item-lines", kasip.Args{"lines": kasip.NumberArg(lines)})
		}
		out = append(out, kasip.Item{Text: ru(s), Origin: n.origin()})
	}
	add(list)
	for _, c := range list.children {
		switch {
		case itemName == "":
			walk(c, add)
		case c.name == itemName:
			add(c)
		}
	}
	return out
}

// developers maps section IV: the responsible organisation with its head,
// and the participating organisations.
func (m *ruMapper) developers(s *xnode) {
	for _, r := range s.all("ResponsibleDeveloper") {
		if d, ok := responsible(r); ok {
			m.st.Technical.Developers = append(m.st.Technical.Developers, d)
		}
	}
	for _, it := range m.items(s.child("OrganizationDevelopers"), "OrganizationDeveloper", "technical.developers") {
		m.st.Technical.Developers = append(m.st.Technical.Developers,
			kasip.Developer{Organization: it.Text, Role: "participant", Origin: it.Origin})
	}
}

func responsible(r *xnode) (kasip.Developer, bool) {
	d := kasip.Developer{Role: "responsible", Origin: r.origin()}
	org := r.child("ResponsibleDeveloper").take()
	if len(r.children) == 0 {
		org = r.take() // an export that writes the name directly
	}
	d.Organization = ru(org)
	posNode, nameNode := r.child("ThePositionOfHead"), r.child("TheFullNameOfTheHead")
	pos, name := posNode.take(), nameNode.take()
	if pos != "" || name != "" {
		ct := kasip.Contact{Name: name, Text: ru(strings.TrimSpace(pos + " " + name)), Origin: nameNode.origin()}
		if nameNode == nil || name == "" {
			ct.Origin = posNode.origin()
		}
		if pos != "" {
			ct.Role = ru(pos)
		}
		d.Contacts = []kasip.Contact{ct}
	}
	return d, org != "" || len(d.Contacts) > 0
}

// unplacedIn lists the text of every element the mapping did not place, and
// every content attribute, element by element (an element before its
// children, so mixed content comes before the children it surrounds).
func unplacedIn(root *xnode) []kasip.Unplaced {
	var out []kasip.Unplaced
	walk(root, func(n *xnode) {
		if s := n.peek(); s != "" && !n.used {
			out = append(out, kasip.Unplaced{Kind: kasip.UnplacedText, Text: s, Origin: n.origin()})
		}
		for _, a := range n.attrs {
			if s := normText(a.Value); s != "" {
				out = append(out, kasip.Unplaced{Kind: kasip.UnplacedText, Text: s,
					Origin: kasip.Origin{Line: n.line, Element: n.path + "/@" + a.Name.Local}})
			}
		}
	})
	return out
}
