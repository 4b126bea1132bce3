// Package testtool finds the programs tests drive (Chromium, pdftotext,
// zbarimg, LibreOffice): without one a test skips, saying what to
// install, unless KASIP_REQUIRE_ALL=1 says nothing may be skipped.
package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Need returns the path of the first of names found, else skips t (fails
// it under KASIP_REQUIRE_ALL=1) naming pkg, the Debian package to
// install.
func Need(t testing.TB, pkg string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := names[0] + " not found (apt-get install -y " + pkg + ")"
	if os.Getenv("KASIP_REQUIRE_ALL") == "1" {
		t.Fatal(msg + " and KASIP_REQUIRE_ALL=1")
	}
	t.Skip(msg)
	return ""
}

// SourceFile is a Go source file a test reads.
type SourceFile struct {
	Path string
	Text string
}

// Sources reads the Go files matching patterns, test files left out, in
// order; a pattern that matches no file fails t, so that a test reading
// the code does not quietly read less after a move.
func Sources(t testing.TB, patterns ...string) []SourceFile {
	t.Helper()
	var out []SourceFile
	for _, pattern := range patterns {
		m, err := filepath.Glob(pattern)
		if err != nil || len(m) == 0 {
			t.Fatalf("%s: no files (%v): did the code move?", pattern, err)
		}
		for _, f := range m {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, SourceFile{f, string(b)})
		}
	}
	return out
}
