package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kasip/kasip/lint"
	"github.com/kasip/kasip/read"
)

func cmdLint(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print findings as a JSON array (key, args and the message in --lang)")
	today := fs.String("today", "", "the date date rules use, YYYY-MM-DD (default: today)")
	format := fs.String("format", "", "force the input format: kz-text, kz-html, kz-docx, ru-xml")
	langFlag := fs.String("lang", "", "the language of the messages: kk, ru or en (default: $KASIP_LANG, then the locale, else en)")
	if err := parseFlags(fs, args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: kasip lint [--json] [--lang kk|ru|en] [--today YYYY-MM-DD] [--format F] FILE…")
		return 2
	}
	if err := checkFormat(*format); err != nil {
		fmt.Fprintln(stderr, "kasip lint:", err)
		return 2
	}
	lang, err := lintLang(*langFlag, os.Getenv)
	if err != nil {
		fmt.Fprintln(stderr, "kasip lint:", err)
		return 2
	}
	opt := lint.Options{Today: time.Now().UTC().Truncate(24 * time.Hour), Lang: lang}
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
	if *asJSON {
		err = lint.JSON(stdout, all)
	} else {
		err = lint.Text(stdout, all, lang)
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

// lintLang is the language of lint's messages: --lang, then KASIP_LANG,
// then the locale's language (LC_ALL, LC_MESSAGES, LANG, the first one set,
// as POSIX orders them: ru_RU.UTF-8 gives ru), else English. A language
// asked for by name that lint does not speak is an error; a locale lint does
// not speak (C, de_DE) gives English.
func lintLang(flagValue string, getenv func(string) string) (string, error) {
	if flagValue != "" {
		if !lint.IsLang(flagValue) {
			return "", fmt.Errorf("--lang %q: expected kk, ru or en", flagValue)
		}
		return flagValue, nil
	}
	if v := getenv("KASIP_LANG"); v != "" {
		if !lint.IsLang(v) {
			return "", fmt.Errorf("KASIP_LANG=%q: expected kk, ru or en", v)
		}
		return v, nil
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return localeLang(v), nil
		}
	}
	return "en", nil
}

// localeLang is the language of a POSIX locale name such as ru_RU.UTF-8 or
// kk_KZ@cyrillic, or en when lint does not speak it.
func localeLang(locale string) string {
	l, _, _ := strings.Cut(locale, ".")
	l, _, _ = strings.Cut(l, "@")
	l, _, _ = strings.Cut(l, "_")
	if l = strings.ToLower(l); lint.IsLang(l) {
		return l
	}
	return "en"
}
