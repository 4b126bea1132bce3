package lint

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// Text writes findings for people, one a line in the form compilers use, so
// that editors can jump to the place:
//
//	004_0389e6b855ff2fb2.txt:91: error: the passport lists … [card-list-mismatch] (card_list[0].level)
//
// and a summary line.
func Text(w io.Writer, fs []Finding) error {
	b := bufio.NewWriter(w)
	for _, f := range fs {
		fmt.Fprintf(b, "%s: %s: %s [%s]", location(f.Source), f.Severity, f.Message, f.Rule)
		if f.Path != "" {
			fmt.Fprintf(b, " (%s)", f.Path)
		}
		b.WriteByte('\n')
	}
	b.WriteString(Summary(fs) + "\n")
	return b.Flush()
}

// location writes a source reference as file:line, file (element) or file.
func location(s SourceRef) string {
	loc := s.File
	if loc == "" {
		loc = "-"
	}
	switch {
	case s.Line > 0:
		loc += ":" + strconv.Itoa(s.Line)
	case s.Element != "":
		loc += " (" + s.Element + ")"
	}
	return loc
}

// Summary counts findings by severity: "3 findings: 1 error, 2 warnings, 0 info".
func Summary(fs []Finding) string {
	if len(fs) == 0 {
		return "no findings"
	}
	n := map[Severity]int{}
	for _, f := range fs {
		n[f.Severity]++
	}
	return fmt.Sprintf("%s: %s, %s, %d info", plural(len(fs), "finding"),
		plural(n[Error], "error"), plural(n[Warning], "warning"), n[Info])
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// JSON writes findings as an indented JSON array, [] when there are none:
// tools reading the output need not handle null. HTML is not escaped, so
// quoted source text ("<p>Дағды 2") stays readable.
func JSON(w io.Writer, fs []Finding) error {
	if fs == nil {
		fs = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(fs)
}
