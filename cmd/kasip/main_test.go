package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	seedHotel = "../../testdata/seeds/000_78fd8bd149563dd7.txt"
	seedYouth = "../../testdata/seeds/004_0389e6b855ff2fb2.txt"
	ruXML     = "../../testdata/ru/PS_06.001_reg4.xml"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestParse(t *testing.T) {
	code, out, errs := runCLI("parse", seedYouth)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var st struct {
		Code  string
		Cards []struct{ Level int }
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	if st.Code != "M84120" || len(st.Cards) != 2 {
		t.Errorf("code %q, %d cards", st.Code, len(st.Cards))
	}
}

func TestParseSeveralIsArray(t *testing.T) {
	data, err := os.ReadFile(ruXML)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i, j := strings.Index(s, "<ProfessionalStandart>"), strings.Index(s, "</ProfessionalStandart>")+len("</ProfessionalStandart>")
	two := s[:j] + s[i:j] + s[j:]
	path := filepath.Join(t.TempDir(), "two.xml")
	if err := os.WriteFile(path, []byte(two), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI("parse", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var sts []map[string]any
	if err := json.Unmarshal([]byte(out), &sts); err != nil || len(sts) != 2 {
		t.Fatalf("want a JSON array of 2 standards: %v", err)
	}
}

func TestParseReport(t *testing.T) {
	code, out, _ := runCLI("parse", "--report", seedHotel)
	if code != 0 || !strings.Contains(out, "8 pieces of text not placed") || !strings.Contains(out, "line 81\tboilerplate") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestParseErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.xml")
	if err := os.WriteFile(bad, []byte("<?xml version=\"1.0\"?>\n<XMLCardInfo>\n<ProfessionalStandarts>\n<ProfessionalStandart><NameProfessionalStandart>X"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  []string
	}{
		{[]string{"parse"}, 2, []string{"usage"}},
		{[]string{"parse", "--format", "pdf", seedHotel}, 2, []string{"unknown format"}},
		{[]string{"frobnicate"}, 2, []string{"unknown command"}},
		{[]string{"parse", filepath.Join(dir, "missing.txt")}, 1, []string{"missing.txt", "no such file"}},
		{[]string{"parse", empty}, 1, []string{"empty.txt", "empty"}},
		{[]string{"parse", bad}, 1, []string{"bad.xml", ":4", "expected"}},
	} {
		code, _, errs := runCLI(tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d (%s)", tc.args, code, tc.code, errs)
		}
		for _, m := range tc.msg {
			if !strings.Contains(errs, m) {
				t.Errorf("%v: stderr %q lacks %q", tc.args, errs, m)
			}
		}
	}
}

func TestLintJSON(t *testing.T) {
	code, out, errs := runCLI("lint", "--json", "--today", "2026-11-22", seedYouth)
	if code != 1 {
		t.Errorf("exit %d, want 1 (the seed has errors): %s", code, errs)
	}
	var fs []struct {
		Rule, Severity, Message, Path string
		Source                        struct {
			File string
			Line int
		}
	}
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, f := range fs {
		rules[f.Rule] = true
		if f.Severity != "error" && f.Severity != "warning" && f.Severity != "info" {
			t.Errorf("severity %q", f.Severity)
		}
		if f.Source.File != "004_0389e6b855ff2fb2.txt" {
			t.Errorf("source %+v", f.Source)
		}
	}
	for _, r := range []string{"card-list-mismatch", "function-list-mismatch", "review-overdue", "oked-inconsistent", "mixed-script", "glued-words"} {
		if !rules[r] {
			t.Errorf("no %s finding on the seed", r)
		}
	}
}

func TestLintTodayMatters(t *testing.T) {
	_, out, _ := runCLI("lint", "--json", "--today", "2024-01-01", seedYouth)
	if strings.Contains(out, "review-overdue") {
		t.Error("review-overdue reported before the review date")
	}
	if code, _, _ := runCLI("lint", "--today", "22.11.2026", seedYouth); code != 2 {
		t.Errorf("bad --today: exit %d, want 2", code)
	}
}

func TestLintText(t *testing.T) {
	_, out, _ := runCLI("lint", "--today", "2026-11-22", seedHotel)
	if !strings.Contains(out, "000_78fd8bd149563dd7.txt:") || !strings.Contains(out, "skill-without-content") {
		t.Errorf("output:\n%s", out)
	}
}

// TestImportPrintsMergeConflicts: importing the Russian text of a stored
// Kazakh standard prints, under the merged line, every disagreement with
// both values, not just "merged".
func TestImportPrintsMergeConflicts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	code, out, errs := runCLI("import", "--db", db, "../../testdata/seeds/004_0389e6b855ff2fb2.txt")
	if code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	code, out, errs = runCLI("import", "--db", db, "../../testdata/kz/ru_template_M84120.txt")
	if code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	for _, want := range []string{"merged       ru_template_M84120.txt M84120 v1, ", "conflicts between the languages:",
		`conflict  oked[0].code: kk "M `, `ru "O `, ".recognizable: kk \"true\", ru \"false\" (kept kk)", "unaligned "} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q:\n%s", want, out)
		}
	}
}
