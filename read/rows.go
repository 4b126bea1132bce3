package read

// Row is one row of a Kazakh-template document after its format is taken
// away: a line of text split into table cells, a table row of HTML or DOCX,
// or a paragraph (one cell). Cells may hold several lines ("\n"); empty cells
// are kept so that column positions survive, and the interpreter skips them.
type Row struct {
	Cells   []string
	Line    int    // 1-based line in the source, 0 when the format has no lines
	Element string // element path in the source (HTML, DOCX), "" for text
}
