package read

import (
	"strings"

	"github.com/kasip/kasip"
)

// readText reads a Kazakh-template standard published as plain text: one
// row per line, table cells separated by tabs or " | ".
func readText(name string, data []byte, src kasip.Source) ([]*kasip.Standard, error) {
	text, enc, err := Decode(data)
	if err != nil {
		return nil, &Error{File: name, Line: 1, Expected: "text in UTF-8, UTF-16 with BOM or windows-1251", Err: err}
	}
	src.Encoding = enc
	st, err := interpretKZ(name, textRows(text), src)
	if err != nil {
		return nil, err
	}
	return []*kasip.Standard{st}, nil
}

// textRows splits text into rows of cells.
func textRows(text string) []Row {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	rows := make([]Row, 0, len(lines))
	for i, line := range lines {
		rows = append(rows, Row{Cells: splitCells(line), Line: i + 1})
	}
	return rows
}

// splitCells splits a line of published text into table cells. The legal
// database exports cells with tabs, sometimes as "\t|\t" or " | ".
func splitCells(line string) []string {
	if strings.Contains(line, "|") {
		line = strings.ReplaceAll(line, "\t|\t", "\t")
		line = strings.ReplaceAll(line, " | ", "\t")
		line = strings.ReplaceAll(line, "\t| ", "\t")
		line = strings.ReplaceAll(line, " |\t", "\t")
		if strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "|\t") {
			line = line[1:]
		}
	}
	cells := strings.Split(line, "\t")
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return cells
}
