package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"
)

func cmdParse(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "", "force the input format: kz-text, kz-html, kz-docx, ru-xml")
	report := fs.Bool("report", false, "list the source text not placed in the model instead of the JSON")
	if err := parseFlags(fs, args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: kasip parse [--format F] [--report] FILE")
		return 2
	}
	if err := checkFormat(*format); err != nil {
		fmt.Fprintln(stderr, "kasip parse:", err)
		return 2
	}
	sts, err := read.ReadFile(fs.Arg(0), read.Options{Format: *format})
	if err != nil {
		fmt.Fprintln(stderr, "kasip parse:", err)
		return 1
	}
	if *report {
		return printReport(stdout, sts)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	var v any = sts
	if len(sts) == 1 {
		v = sts[0]
	}
	if err := enc.Encode(v); err != nil {
		fmt.Fprintln(stderr, "kasip parse:", err)
		return 1
	}
	return 0
}

func checkFormat(f string) error {
	if f == "" {
		return nil
	}
	for _, k := range read.Formats {
		if f == k {
			return nil
		}
	}
	return fmt.Errorf("unknown format %q (want one of %v)", f, read.Formats)
}

// printReport lists, per standard, the source text the reader did not place.
func printReport(w io.Writer, sts []*kasip.Standard) int {
	for _, st := range sts {
		file := st.Sources[0].File
		fmt.Fprintf(w, "%s: %s: %d pieces of text not placed in the model\n", file, st.Code, len(st.Unplaced))
		for _, u := range st.Unplaced {
			where := fmt.Sprintf("line %d", u.Origin.Line)
			if u.Origin.Element != "" {
				where = u.Origin.Element
				if u.Origin.Line > 0 {
					where = fmt.Sprintf("line %d, %s", u.Origin.Line, u.Origin.Element)
				}
			}
			fmt.Fprintf(w, "  %s\t%-11s\t%s\n", where, u.Kind, u.Text)
		}
	}
	return 0
}
