package read

import (
	"regexp"
	"strings"
)

// segment is the unit the interpreter works on: a piece of a cell, split at
// line breaks and at stray HTML block tags, with where it came from.
type segment struct {
	Text    string
	Line    int
	Element string
	Row     int  // index of the row
	Cell    int  // index of the cell in the row
	First   bool // first non-empty segment of its row
}

var (
	// Published texts carry fragments of the HTML they were cut from.
	reBlockTag  = regexp.MustCompile(`(?i)</?(?:p|ol|ul|li|br|div|tr|td|th|table|tbody|h[1-6])\b[^<>]*>`)
	reInlineTag = regexp.MustCompile(`(?i)</?(?:span|b|i|u|em|strong|a|sup|sub|font)\b[^<>]*>`)
	reSpaces    = regexp.MustCompile(`[ \t\x{00A0}\x{2007}\x{202F}]+`)
)

// entities are the HTML entities left in published text.
var entities = strings.NewReplacer("&nbsp;", " ", "&quot;", `"`, "&laquo;", "«", "&raquo;", "»", "&amp;", "&")

// segmentsOf flattens rows into segments, dropping markup and empty pieces.
func segmentsOf(rows []Row) []segment {
	var out []segment
	for ri, r := range rows {
		first := true
		for ci, cell := range r.Cells {
			for _, piece := range splitCell(cell) {
				out = append(out, segment{Text: piece, Line: r.Line, Element: r.Element, Row: ri, Cell: ci, First: first})
				first = false
			}
		}
	}
	return out
}

// splitCell removes markup and returns the non-empty lines of a cell.
func splitCell(cell string) []string {
	if strings.ContainsRune(cell, '<') {
		cell = reBlockTag.ReplaceAllString(cell, "\n")
		cell = reInlineTag.ReplaceAllString(cell, "")
	}
	if strings.ContainsRune(cell, '&') {
		cell = entities.Replace(cell)
	}
	var out []string
	for _, l := range strings.Split(cell, "\n") {
		l = strings.TrimSpace(reSpaces.ReplaceAllString(l, " "))
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
