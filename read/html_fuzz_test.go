package read

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadHTML: any input gives either a *Error or standards whose JSON
// marshals, never a panic; and the rows keep the reader's promises.
func FuzzReadHTML(f *testing.F) {
	for _, name := range []string{fxSeeds[0].name + ".html", fxSeeds[1].name + ".html", fxCP1251} {
		data, err := os.ReadFile(filepath.Join(fxDir, name))
		if err != nil {
			f.Fatal(err)
		}
		// Slices of a page: the fuzzer minimises every new input for up
		// to a minute, and a whole page would take a short run's time.
		f.Add(data[:min(len(data), 600)])
		if i := bytes.Index(data, []byte("<table")); i >= 0 {
			f.Add(data[i:min(len(data), i+800)])
		}
	}
	f.Add([]byte("<table><tr><td rowspan=2>a<td colspan=3>b<tr><td>c<table><tr><td>n</table></table>"))
	f.Add([]byte("<ol start=3><li>x<li value=9><p>y</p></ol><ul><li>z</ul><br><script>x</script>"))
	f.Add([]byte(`<meta charset="windows-1251"><p>` + "\xcf\xf0\xe8\xe2\xe5\xf2 &#1179;&nbsp;"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fxCheckRows(t, htmlRows(string(data)))
		fuzzRead(t, "fuzz.html", FormatHTML, data)
	})
}

// fxCheckRows checks what htmlRows and docxRows promise: rows with text,
// cells whose lines are trimmed, not empty and free of tabs.
func fxCheckRows(t *testing.T, rows []Row) {
	t.Helper()
	for i, r := range rows {
		if !cellsHaveText(r.Cells) {
			t.Fatalf("row %d has no text: %q", i, r.Cells)
		}
		for _, c := range r.Cells {
			if c == "" {
				continue
			}
			for _, l := range strings.Split(c, "\n") {
				if l == "" || l != strings.TrimSpace(l) || strings.ContainsAny(l, "\t\r\u00a0") {
					t.Fatalf("row %d: cell %q has a bad line %q", i, c, l)
				}
			}
		}
	}
}
