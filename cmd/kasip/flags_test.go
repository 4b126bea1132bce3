package main

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestParseFlags(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		rest   []string
		format string
		report bool
	}{
		{[]string{"a", "-format", "kz-text", "b"}, []string{"a", "b"}, "kz-text", false},
		{[]string{"a", "b", "--format=ru-xml", "--report"}, []string{"a", "b"}, "ru-xml", true},
		{[]string{"--report", "a", "--", "--format", "-"}, []string{"a", "--format", "-"}, "", true},
		{[]string{"-", "--report=false", "a"}, []string{"-", "a"}, "", false},
		{[]string{"--report", "true"}, []string{"true"}, "", true}, // a bool flag takes no separate value
		{[]string{"a", "--format", "--report"}, []string{"a"}, "--report", false},
		{nil, []string{}, "", false},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		format := fs.String("format", "", "")
		report := fs.Bool("report", false, "")
		if err := parseFlags(fs, tc.args); err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		if !reflect.DeepEqual(fs.Args(), tc.rest) || *format != tc.format || *report != tc.report {
			t.Errorf("%q: args %q format %q report %v, want %q %q %v", tc.args, fs.Args(), *format, *report, tc.rest, tc.format, tc.report)
		}
	}
	for _, args := range [][]string{{"a", "--nope"}, {"a", "--format"}, {"--report=maybe", "a"}} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(new(strings.Builder))
		fs.String("format", "", "")
		fs.Bool("report", false, "")
		if err := parseFlags(fs, args); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

// TestFlagsAnywhere runs every subcommand through run with its flags before,
// between and after its arguments; each case succeeds only when every flag
// was taken (a wrong database, version or output format fails it).
func TestFlagsAnywhere(t *testing.T) {
	dir := t.TempDir()
	// A flag lost on the way must not touch the working directory's kasip.db.
	t.Setenv("KASIP_DB", filepath.Join(dir, "lost.db"))
	db := filepath.Join(dir, "k.db")
	if code, _, errs := runCLI("import", "--db", db, seedYouth, ruXML); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	cred, _ := writeCredential(t, "", 0)
	isJSONArray := func(out string) bool {
		var v []any
		return json.Unmarshal([]byte(out), &v) == nil
	}
	hasReport := func(out string) bool { return strings.Contains(out, "pieces of text not placed") }
	isStandard := func(out string) bool { return strings.Contains(out, `"code": "M84120"`) }
	isValid := func(out string) bool { return strings.Contains(out, "\nVALID\n") }
	isIntact := func(out string) bool { return strings.Contains(out, "audit log intact") }
	imported := func(out string) bool { return strings.Contains(out, "2 files") || strings.Contains(out, "unchanged") }
	created := func(out string) bool { return strings.Contains(out, "password") }
	keyFile := func(name string) string { return filepath.Join(dir, name+".key") }
	for _, tc := range []struct {
		name string
		args []string
		code int
		ok   func(stdout string) bool
	}{
		{"parse before", []string{"parse", "--report", "--format", "kz-text", seedYouth}, 0, hasReport},
		{"parse after", []string{"parse", seedYouth, "--format=kz-text", "--report"}, 0, hasReport},
		{"parse around", []string{"parse", "--format", "kz-text", seedYouth, "--report"}, 0, hasReport},
		{"lint before", []string{"lint", "--json", "--today", "2026-11-22", seedYouth, seedHotel}, 1, isJSONArray},
		{"lint between", []string{"lint", seedYouth, "--json", seedHotel, "--today", "2026-11-22"}, 1, isJSONArray},
		{"lint after", []string{"lint", seedYouth, seedHotel, "--today", "2026-11-22", "--json"}, 1, isJSONArray},
		{"import before", []string{"import", "--db", db, seedYouth, ruXML}, 0, imported},
		{"import between", []string{"import", seedYouth, "--db", db, ruXML}, 0, imported},
		{"import after", []string{"import", seedYouth, ruXML, "--db=" + db}, 0, imported},
		{"export before", []string{"export", "--db", db, "--version", "1", "M84120"}, 0, isStandard},
		{"export around", []string{"export", "--db", db, "M84120", "--version", "1"}, 0, isStandard},
		{"export after", []string{"export", "M84120", "--version", "1", "--format", "json", "--db", db}, 0, isStandard},
		{"verify before", []string{"verify", "--offline", "--now", verifyNow, cred}, 0, isValid},
		{"verify after", []string{"verify", cred, "--now", verifyNow, "--offline"}, 0, isValid},
		{"verify around", []string{"verify", "--now=" + verifyNow, cred, "--offline"}, 0, isValid},
		{"audit before", []string{"audit", "--db", db, "verify"}, 0, isIntact},
		{"audit after", []string{"audit", "verify", "--db", db}, 0, isIntact},
		{"user before", []string{"user", "--db", db, "--role", "admin", "add", "--login", "admin1", "--name", "A"}, 0, created},
		{"user after", []string{"user", "add", "--login", "admin2", "--name", "A", "--role", "admin", "--db", db}, 0, created},
		{"keygen", []string{"keygen", "--issuer-key-file", keyFile("a")}, 0, func(out string) bool { return strings.Contains(out, keyFile("a")) }},
		{"keygen =", []string{"keygen", "--issuer-key-file=" + keyFile("b")}, 0, func(out string) bool { return strings.Contains(out, keyFile("b")) }},
		{"serve stray argument", []string{"serve", "--addr", "127.0.0.1:0", "stray", "--db", db}, 2, func(string) bool { return true }},
		{"export two codes", []string{"export", "M84120", "--db", db, "06.001"}, 2, func(string) bool { return true }},
	} {
		code, out, errs := runCLI(tc.args...)
		if code != tc.code || !tc.ok(out) {
			t.Errorf("%s: %q: exit %d, want %d\nstdout: %.300s\nstderr: %.300s", tc.name, tc.args, code, tc.code, out, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "lost.db")); err == nil {
		t.Error("a --db flag was lost: the default database was created")
	}
}

// TestServeFlagsAfterAddr starts serve with its flags in the -flag=value
// form, after the others: it must serve from the database named.
func TestServeFlagsAfterAddr(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done := startServe(t, ctx, "--db="+db, "--verify-rate", "-1")
	var page map[string]any
	if code := getJSON(t, base+"/api/v1/standards", &page); code != 200 {
		t.Errorf("standards: %d", code)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d", code)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("--db=%s not used: %v", db, err)
	}
}

// TestUsageMatchesFlags asks each subcommand for its flags (-h prints the
// FlagSet's defaults) and checks that the usage and docs/cli.md show each
// of them on the subcommand's synopsis line, the same line in both.
func TestUsageMatchesFlags(t *testing.T) {
	docs, err := os.ReadFile("../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	flagLine := regexp.MustCompile(`(?m)^\s+-([a-z-]+)`)
	for _, cmd := range []string{"serve", "import", "export", "parse", "lint", "verify", "audit verify", "user add", "keygen"} {
		line := ""
		for _, l := range strings.Split(usage, "\n") {
			if strings.HasPrefix(l, "  kasip "+cmd+" ") {
				line = strings.TrimSpace(l)
			}
		}
		if line == "" {
			t.Errorf("%s: no synopsis line in the usage", cmd)
			continue
		}
		if !strings.Contains(string(docs), "\n"+line+"\n") {
			t.Errorf("%s: docs/cli.md lacks the usage's line %q", cmd, line)
		}
		_, _, errs := runCLI(append(strings.Fields(cmd), "-h")...)
		names := flagLine.FindAllStringSubmatch(errs, -1)
		if len(names) == 0 {
			t.Errorf("%s -h: no flags listed: %s", cmd, errs)
		}
		for _, m := range names {
			if !strings.Contains(line, "--"+m[1]+" ") && !strings.Contains(line, "--"+m[1]+"]") {
				t.Errorf("%s: the usage %q does not show --%s", cmd, line, m[1])
			}
		}
	}
}
