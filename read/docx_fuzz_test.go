package read

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadDOCX: any input gives either a *Error or standards whose JSON
// marshals, never a panic. Each input is read both as a whole package and
// as the word/document.xml of a valid one, so that the fuzzer reaches the
// XML reader and not only the ZIP checks.
func FuzzReadDOCX(f *testing.F) {
	// A small package made like the fixtures, from a piece of a card: the
	// fuzzer minimises every new input for up to a minute, and a whole
	// fixture would take a short run's time.
	seed, err := os.ReadFile(filepath.Join(fxSeedDir, fxSeeds[0].name+".txt"))
	if err != nil {
		f.Fatal(err)
	}
	lines := strings.Split(string(seed), "\n")
	d := &fxDocx{}
	stray := false
	d.table(fxParse(strings.Join(lines[50:54], "\n"))[0].rows, &stray)
	f.Add(fxZip([]fxFile{{"word/document.xml", fxDocHead + d.body.String() + fxDocTail}, {"word/numbering.xml", d.numbering()}}))
	f.Add([]byte(fxDocHead + d.body.String() + fxDocTail))
	f.Add([]byte(`<w:document xmlns:w="w"><w:body>` + docxP("1", "0", "a") + docxP("2", "1", "b") +
		`<w:tbl>` + docxTr(docxTc(`<w:vMerge w:val="restart"/><w:gridSpan w:val="2"/>`, docxP("", "", "A"))) + docxTr(docxTc(`<w:vMerge/>`, `<w:p/>`)) + `</w:tbl></w:body></w:document>`))
	f.Add([]byte(`<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>x</w:t><w:tab/><w:br/></w:r></w:p><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		check := func(data []byte) {
			if rows, err := docxRows("fuzz.docx", data); err == nil {
				fxCheckRows(t, rows)
			}
			fuzzRead(t, "fuzz.docx", FormatDOCX, data)
		}
		check(data)
		check(fxZip([]fxFile{{"word/document.xml", string(data)}, {"word/numbering.xml", `<w:numbering xmlns:w="w">` + docxTestNumbering + `</w:numbering>`}}))
	})
}
