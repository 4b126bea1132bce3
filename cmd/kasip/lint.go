package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/kasip/kasip/lint"
	"github.com/kasip/kasip/read"
)

func cmdLint(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print findings as a JSON array")
	today := fs.String("today", "", "the date date rules use, YYYY-MM-DD (default: today)")
	format := fs.String("format", "", "force the input format: kz-text, kz-html, kz-docx, ru-xml")
	if err := parseFlags(fs, args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: kasip lint [--json] [--today YYYY-MM-DD] [--format F] FILE…")
		return 2
	}
	if err := checkFormat(*format); err != nil {
		fmt.Fprintln(stderr, "kasip lint:", err)
		return 2
	}
	opt := lint.Options{Today: time.Now().UTC().Truncate(24 * time.Hour)}
	if *today != "" {
		t, err := time.Parse("2006-01-02", *today)
		if err != nil {
			fmt.Fprintf(stderr, "kasip lint: --today %q: expected a date as YYYY-MM-DD\n", *today)
			return 2
		}
		opt.Today = t
	}
	var all []lint.Finding
	status := 0
	for _, path := range fs.Args() {
		sts, err := read.ReadFile(path, read.Options{Format: *format})
		if err != nil {
			fmt.Fprintln(stderr, "kasip lint:", err)
			status = 1
			continue
		}
		for _, st := range sts {
			all = append(all, lint.Check(st, opt)...)
		}
	}
	var err error
	if *asJSON {
		err = lint.JSON(stdout, all)
	} else {
		err = lint.Text(stdout, all)
	}
	if err != nil {
		fmt.Fprintln(stderr, "kasip lint:", err)
		return 1
	}
	if lint.HasErrors(all) {
		status = 1
	}
	return status
}
