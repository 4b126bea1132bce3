package lint

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

var sample = []Finding{
	{Rule: "review-overdue", Severity: Error, Message: "the planned review date 2026-11-05 passed 17 days before 2026-11-22", Path: "technical.review_date", Source: SourceRef{File: "004.txt", Line: 200}},
	{Rule: "mixed-script", Severity: Warning, Message: `code "М84120" is typed with Cyrillic letter М`, Path: "code_original", Source: SourceRef{File: "004.txt"}},
	{Rule: "numbering", Severity: Info, Message: "<p> kept", Path: "cards[0].purpose", Source: SourceRef{File: "x.docx", Element: "w:body/w:tbl[2]"}},
	{Rule: "glued-words", Severity: Warning, Message: "no source"},
}

func TestText(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, sample); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"004.txt:200: error: the planned review date 2026-11-05 passed 17 days before 2026-11-22 [review-overdue] (technical.review_date)",
		`004.txt: warning: code "М84120" is typed with Cyrillic letter М [mixed-script] (code_original)`,
		"x.docx (w:body/w:tbl[2]): info: <p> kept [numbering] (cards[0].purpose)",
		"-: warning: no source [glued-words]",
		"4 findings: 1 error, 2 warnings, 1 info",
	}
	if got := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n"); !slices.Equal(got, want) {
		t.Errorf("Text wrote\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	b.Reset()
	if err := Text(&b, nil); err != nil || b.String() != "no findings\n" {
		t.Errorf("Text(nil) = %q, %v", b.String(), err)
	}
}

func TestJSON(t *testing.T) {
	for _, fs := range [][]Finding{nil, {}} {
		var b bytes.Buffer
		if err := JSON(&b, fs); err != nil || b.String() != "[]\n" {
			t.Errorf("JSON(%#v) = %q, %v; want []", fs, b.String(), err)
		}
	}
	var b bytes.Buffer
	if err := JSON(&b, sample); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"message": "<p> kept"`) || !strings.Contains(b.String(), `"line": 200`) {
		t.Errorf("JSON escapes HTML or lacks the line:\n%s", b.String())
	}
	var back []Finding
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || !slices.Equal(back, sample) {
		t.Errorf("JSON does not round-trip: %v\n%s", err, b.String())
	}
	var raw []map[string]any
	_ = json.Unmarshal(b.Bytes(), &raw)
	for _, key := range []string{"rule", "severity", "message", "path", "source"} {
		if _, ok := raw[0][key]; !ok {
			t.Errorf("JSON finding lacks %q: %v", key, raw[0])
		}
	}
}
