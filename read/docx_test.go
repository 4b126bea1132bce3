package read

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip"
)

// docxOf builds a DOCX package around a document body and, if given,
// numbering and styles parts.
func docxOf(body, numbering, styles string) []byte {
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`
	files := []fxFile{
		{"[Content_Types].xml", fxContentTypes},
		{"_rels/.rels", fxRels},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ` + ns + `><w:body>` + body + `</w:body></w:document>`},
	}
	if numbering != "" {
		files = append(files, fxFile{"word/numbering.xml", `<w:numbering ` + ns + `>` + numbering + `</w:numbering>`})
	}
	if styles != "" {
		files = append(files, fxFile{"word/styles.xml", `<w:styles ` + ns + `>` + styles + `</w:styles>`})
	}
	return fxZip(files)
}

// docxP is a paragraph with optional numbering (numID "" for none).
func docxP(numID, ilvl, text string) string {
	ppr := ""
	if numID != "" {
		ppr = `<w:pPr><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr>`
	}
	return `<w:p>` + ppr + `<w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

// docxTc is a table cell with tcPr content and paragraphs.
func docxTc(tcPr string, paras ...string) string {
	return `<w:tc><w:tcPr>` + tcPr + `</w:tcPr>` + strings.Join(paras, "") + `</w:tc>`
}

func docxTr(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }

const docxTestNumbering = `
<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="30"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="40"><w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="50"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="20"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="30"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="40"/></w:num>
<w:num w:numId="7"><w:abstractNumId w:val="50"/></w:num>
<w:num w:numId="8"><w:abstractNumId w:val="20"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>`

func TestDOCXRows(t *testing.T) {
	cases := map[string]struct {
		body, styles string
		want         [][]string
	}{
		"runs joined, tab, break": {
			`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Қонақ</w:t></w:r><w:r><w:t xml:space="preserve">тар  мен </w:t></w:r>` +
				`<w:r><w:tab/><w:t>байланыс</w:t><w:br/><w:t>менеджері</w:t><w:noBreakHyphen/><w:t>2</w:t></w:r></w:p>`,
			"", [][]string{{"Қонақтар мен байланыс\nменеджері-2"}},
		},
		"numbering restarts as Word does": {
			docxP("1", "0", "a") + docxP("1", "0", "b") + docxP("2", "0", "c") + docxP("2", "0", "d") + docxP("4", "0", "e") +
				docxP("3", "0", "f") + docxP("8", "0", "g") + docxP("3", "0", "h") + docxP("0", "0", "plain") + docxP("99", "0", "unknown"),
			"", [][]string{{"1. a"}, {"2. b"}, {"1. c"}, {"2. d"}, {"3. e"}, {"1) f"}, {"5) g"}, {"6) h"}, {"plain"}, {"unknown"}},
		},
		"multilevel": {
			docxP("1", "0", "a") + docxP("1", "1", "b") + docxP("1", "1", "c") + docxP("1", "2", "x") + docxP("1", "0", "d") + docxP("1", "1", "e"),
			"", [][]string{{"1. a"}, {"1.1. b"}, {"1.2. c"}, {"a) x"}, {"2. d"}, {"2.1. e"}},
		},
		"formats": {
			docxP("5", "0", "bullet") + docxP("6", "0", "roman") + docxP("6", "0", "roman") + docxP("7", "0", "а") + docxP("7", "0", "б"),
			"", [][]string{{"- bullet"}, {"IV. roman"}, {"V. roman"}, {"а) а"}, {"б) б"}},
		},
		"numbering from a style": {
			`<w:p><w:pPr><w:pStyle w:val="MyList"/></w:pPr><w:r><w:t>styled</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:pStyle w:val="MyList"/></w:pPr><w:r><w:t>styled</w:t></w:r></w:p>`,
			`<w:style w:type="paragraph" w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>` +
				`<w:style w:type="paragraph" w:styleId="MyList"><w:basedOn w:val="Base"/></w:style>`,
			[][]string{{"1) styled"}, {"2) styled"}},
		},
		"gridSpan and vMerge": {
			`<w:tbl>` +
				docxTr(docxTc(`<w:vMerge w:val="restart"/>`, docxP("", "", "A")), docxTc(`<w:gridSpan w:val="2"/>`, docxP("", "", "B"))) +
				docxTr(docxTc(`<w:vMerge/>`, `<w:p/>`), docxTc(``, docxP("", "", "C")), docxTc(``, docxP("", "", "D"))) +
				docxTr(docxTc(`<w:vMerge w:val="continue"/>`, `<w:p/>`), docxTc(`<w:gridSpan w:val="2"/>`, `<w:p/>`)) +
				`</w:tbl>`,
			"", [][]string{{"A", "B"}, {"", "C", "D"}},
		},
		"lists in cells restart": {
			`<w:tbl>` + docxTr(docxTc(``, docxP("", "", "Машықтар:"), docxP("1", "0", "a"), docxP("1", "0", "b"), docxP("", "", "Білімдер:"), docxP("2", "0", "c"))) + `</w:tbl>`,
			"", [][]string{{"Машықтар:\n1. a\n2. b\nБілімдер:\n1. c"}},
		},
		"nested tables follow their row": {
			`<w:tbl>` +
				docxTr(docxTc(``, docxP("", "", "x"), `<w:tbl>`+docxTr(docxTc(``, docxP("", "", "n1")), docxTc(``, docxP("", "", "n2")))+docxTr(docxTc(``, docxP("", "", "n3")))+`</w:tbl>`, `<w:p/>`), docxTc(``, docxP("", "", "y"))) +
				docxTr(docxTc(``, docxP("", "", "z"))) +
				`</w:tbl>` + docxP("", "", "after"),
			"", [][]string{{"x", "y"}, {"n1", "n2"}, {"n3"}, {"z"}, {"after"}},
		},
		"tracked changes and fields": {
			`<w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t>new</w:t></w:r></w:ins>` +
				`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t> 5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
				`<w:pPr><w:pPrChange><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr></w:p>`,
			"", [][]string{{"new 5"}},
		},
		"alternate content read once": {
			`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>choice</w:t></mc:Choice><mc:Fallback><w:t>fallback</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
			"", [][]string{{"choice"}},
		},
		"hyperlinks, sdt, smart tags are transparent": {
			`<w:sdt><w:sdtContent><w:p><w:hyperlink><w:r><w:t>Дағды</w:t></w:r></w:hyperlink><w:smartTag><w:r><w:t xml:space="preserve"> 1</w:t></w:r></w:smartTag></w:p></w:sdtContent></w:sdt>`,
			"", [][]string{{"Дағды 1"}},
		},
		"text box text joins its paragraph": {
			`<w:p><w:r><w:t>outer</w:t></w:r><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>`,
			"", [][]string{{"outer\nboxed"}},
		},
		"empty paragraphs and rows are dropped": {
			`<w:p/><w:p><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p><w:tbl>` + docxTr(docxTc(``, `<w:p/>`)) + docxTr(docxTc(``, docxP("", "", "a")), docxTc(``, `<w:p/>`)) + `</w:tbl>`,
			"", [][]string{{"a", ""}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			rows, err := docxRows("t.docx", docxOf(tc.body, docxTestNumbering, tc.styles))
			if err != nil {
				t.Fatal(err)
			}
			fxSameCells(t, rows, tc.want)
		})
	}
}

func TestDOCXRowsProvenance(t *testing.T) {
	body := docxP("", "", "a") + `<w:p/>` + `<w:tbl>` + docxTr(docxTc(``, docxP("", "", "x"))) +
		docxTr(docxTc(``, docxP("", "", "y")), docxTc(``, `<w:tbl>`+docxTr(docxTc(``, docxP("", "", "n")))+`</w:tbl>`, `<w:p/>`)) + `</w:tbl>` + docxP("", "", "b")
	rows, err := docxRows("t.docx", docxOf(body, "", ""))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"body/p[1]", "body/tbl[1]/tr[1]", "body/tbl[1]/tr[2]", "body/tbl[1]/tr[2]/tc[2]/tbl[1]/tr[1]", "body/p[3]"}
	if len(rows) != len(want) {
		t.Fatalf("rows %q", fxCells(rows))
	}
	for i, w := range want {
		if rows[i].Element != w || rows[i].Line != 0 {
			t.Errorf("row %d %q: element %q line %d, want %q", i, rows[i].Cells, rows[i].Element, rows[i].Line, w)
		}
	}
}

// TestDOCXNoNumberingPart: a package without numbering.xml or styles.xml
// reads, without numbers.
func TestDOCXNoNumberingPart(t *testing.T) {
	rows, err := docxRows("t.docx", docxOf(docxP("1", "0", "a"), "", ""))
	if err != nil {
		t.Fatal(err)
	}
	fxSameCells(t, rows, [][]string{{"a"}})
}

// TestDOCXMainPartFromRels: the main part is found through _rels/.rels.
func TestDOCXMainPartFromRels(t *testing.T) {
	data := fxZip([]fxFile{
		{"_rels/.rels", strings.Replace(fxRels, "word/document.xml", "/word/document2.xml", 1)},
		{"word/document2.xml", `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>two</w:t></w:r></w:p></w:body></w:document>`},
	})
	rows, err := docxRows("t.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	fxSameCells(t, rows, [][]string{{"two"}})
}

// docxRawZip writes one member with the sizes and data given, true or not.
func docxRawZip(t *testing.T, name string, declared uint64, deflated []byte, crc uint32) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(deflated)), UncompressedSize64: declared, Modified: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(deflated); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func docxDeflate(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	fw.Close()
	return buf.Bytes()
}

// TestDOCXBadInput: bad packages give a *Error quickly, never a panic.
func TestDOCXBadInput(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join(fxDir, fxSeeds[0].name+".docx"))
	if err != nil {
		t.Fatal(err)
	}
	corrupt := bytes.Clone(fixture)
	for i := len(corrupt) / 3; i < len(corrupt)/3+64; i++ {
		corrupt[i] ^= 0x5a
	}
	big := append([]byte(`<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>`), bytes.Repeat([]byte("a "), 1<<20)...)
	big = append(big, "</w:t></w:r></w:p></w:body></w:document>"...)
	deep := strings.Repeat("<w:tbl><w:tr><w:tc>", 100000)
	cases := map[string]struct {
		data []byte
		want string
	}{
		"empty":           {nil, "a DOCX file (a ZIP package)"},
		"not a zip":       {[]byte("PK\x03\x04 not really a zip"), "a DOCX file (a ZIP package)"},
		"no document.xml": {fxZip([]fxFile{{"word/styles.xml", "<w:styles/>"}}), "a DOCX file with word/document.xml"},
		"truncated":       {fixture[:len(fixture)/2], "a DOCX file (a ZIP package)"},
		"corrupted":       {corrupt, "word/"},
		"declared bomb":   {docxRawZip(t, "word/document.xml", 1<<40, docxDeflate(t, []byte("<x/>")), 0), "zip bomb"},
		"lying sizes":     {docxRawZip(t, "word/document.xml", 100, docxDeflate(t, big), crc32.ChecksumIEEE(big)), "word/document.xml"},
		"not xml":         {fxZip([]fxFile{{"word/document.xml", "<w:document><w:body><w:p>"}}), "well-formed XML"},
		"bad numbering":   {fxZip([]fxFile{{"word/document.xml", "<d/>"}, {"word/numbering.xml", "<w:numbering><"}}), "word/numbering.xml"},
		"no text":         {docxOf(`<w:p/>`, "", ""), "no text"},
		"deep nesting":    {fxZip([]fxFile{{"word/document.xml", "<w:document xmlns:w='w'><w:body>" + deep}}), "nested more than 10000 deep"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := readDOCX("bad.docx", tc.data, kasip.Source{})
			t.Log(err)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			var re *Error
			if !errors.As(err, &re) || !strings.Contains(err.Error(), "bad.docx") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want a *Error naming bad.docx and saying %q", err, tc.want)
			}
		})
	}
}

// TestDOCXSizeLimit: a part that inflates beyond the limit is refused by
// its declared size, and by what it really inflates to.
func TestDOCXSizeLimit(t *testing.T) {
	defer func(old int64) { docxMaxPart = old }(docxMaxPart)
	docxMaxPart = 1 << 20
	body := strings.Repeat(docxP("", "", "Қонақтармен байланыс менеджері"), 30000)
	_, err := docxRows("big.docx", docxOf(body, "", ""))
	if err == nil || !strings.Contains(err.Error(), "at most 1 MB") {
		t.Errorf("declared size: got %v", err)
	}
}

// TestDOCXDeepNesting: deeply nested tables and paragraphs are read in
// bounded time and memory, and their text is kept (deeper than
// docxMaxDepth is an error: see TestDOCXBadInput).
func TestDOCXDeepNesting(t *testing.T) {
	const n = 3000 // ×3 elements each: within docxMaxDepth
	cases := map[string]string{
		"tables":     strings.Repeat("<w:tbl><w:tr><w:tc>", n) + docxP("", "", "deep text") + strings.Repeat("</w:tc></w:tr></w:tbl>", n),
		"paragraphs": strings.Repeat("<w:p>", n) + "<w:r><w:t>deep text</w:t></w:r>" + strings.Repeat("</w:p>", n),
		"wrappers":   strings.Repeat("<w:sdt><w:sdtContent>", n) + docxP("1", "0", "deep text") + strings.Repeat("</w:sdtContent></w:sdt>", n),
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			rows, err := docxRows("deep.docx", docxOf(body, docxTestNumbering, ""))
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			var all strings.Builder
			for _, r := range rows {
				all.WriteString(strings.Join(r.Cells, " "))
			}
			if !strings.Contains(all.String(), "deep text") {
				t.Errorf("deep text lost: %q", all.String()[:min(200, all.Len())])
			}
		})
	}
}

// TestDOCXFixturesAreRealPackages: the fixtures hold the parts Word needs,
// and tables with gridSpan, vMerge and numbered paragraphs.
func TestDOCXFixturesAreRealPackages(t *testing.T) {
	for _, s := range fxSeeds {
		data, err := os.ReadFile(filepath.Join(fxDir, s.name+".docx"))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		doc := ""
		names := map[string]bool{}
		for _, f := range zr.File {
			names[f.Name] = true
			if f.Name == "word/document.xml" {
				rc, _ := f.Open()
				var b bytes.Buffer
				_, _ = b.ReadFrom(rc)
				rc.Close()
				doc = b.String()
			}
		}
		for _, part := range []string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml", "word/numbering.xml", "word/styles.xml"} {
			if !names[part] {
				t.Errorf("%s: no %s", s.name, part)
			}
		}
		for _, tag := range []string{"<w:gridSpan ", `<w:vMerge w:val="restart"/>`, "<w:vMerge/>", "<w:numPr>"} {
			if !strings.Contains(doc, tag) {
				t.Errorf("%s: document.xml has no %s", s.name, tag)
			}
		}
	}
}

func TestDOCXFixturesMatchText(t *testing.T) {
	for _, s := range fxSeeds {
		t.Run(s.name, func(t *testing.T) { fxCompare(t, s.name, ".docx", FormatDOCX) })
	}
}

// TestFixturesSameRows: the HTML and DOCX fixtures give the interpreter the
// same cells (HTML paths and lines aside).
func TestFixturesSameRows(t *testing.T) {
	for _, s := range fxSeeds {
		t.Run(s.name, func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join(fxDir, s.name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			text, _, err := decodeHTML(page)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := os.ReadFile(filepath.Join(fxDir, s.name+".docx"))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := docxRows(s.name+".docx", doc)
			if err != nil {
				t.Fatal(err)
			}
			h, d := fxCells(htmlRows(text)), fxCells(rows)
			for i := range max(len(h), len(d)) {
				if i >= len(h) || i >= len(d) || strings.Join(h[i], "|") != strings.Join(d[i], "|") {
					t.Fatalf("row %d differs:\nhtml %q\ndocx %q", i, h[min(i, len(h)-1)], d[min(i, len(d)-1)])
				}
			}
		})
	}
}
