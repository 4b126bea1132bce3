package lint

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/kasip/kasip"
)

// Text writes findings for people in lang, one a line in the form compilers
// use, so that editors can jump to the place, with the standard's code (a
// file may hold several):
//
//	004_0389e6b855ff2fb2.txt:91: error: M84120: the passport lists … [card-list-mismatch] (card_list[0].level)
//
// and a summary line. The messages are rendered anew in lang.
func Text(w io.Writer, fs []Finding, lang string) error {
	b := bufio.NewWriter(w)
	for _, f := range fs {
		fmt.Fprintf(b, "%s: %s: ", location(f.Source), SeverityName(f.Severity, lang))
		if f.Standard != "" {
			b.WriteString(f.Standard + ": ")
		}
		fmt.Fprintf(b, "%s [%s]", Render(lang, f.Key, f.Args), f.Rule)
		if f.Path != "" {
			fmt.Fprintf(b, " (%s)", f.Path)
		}
		b.WriteByte('\n')
	}
	b.WriteString(Summary(fs, lang) + "\n")
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

// Summary counts findings by severity in lang: "3 findings: 1 error, 2
// warnings, 0 info".
func Summary(fs []Finding, lang string) string {
	if len(fs) == 0 {
		return Render(lang, "summary.none", nil)
	}
	n := map[Severity]int{}
	for _, f := range fs {
		n[f.Severity]++
	}
	return Render(lang, "summary.counts", kasip.Args{"findings": numArg(len(fs)),
		"errors": numArg(n[Error]), "warnings": numArg(n[Warning]), "info": numArg(n[Info])})
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
