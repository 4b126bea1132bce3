// Package testtool finds the programs tests drive (Chromium, pdftotext,
// zbarimg, LibreOffice): without one a test skips, saying what to
// install, unless KASIP_REQUIRE_ALL=1 says nothing may be skipped.
package testtool

import (
	"os"
	"os/exec"
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
