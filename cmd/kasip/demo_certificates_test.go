package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/store"
)

// TestServeDemoCertificates: `kasip serve --demo` prints the addresses of
// three demo certificates (valid, revoked, suspended); `kasip verify`
// accepts the valid one's credential as downloaded and refuses a tampered
// copy; every demo certificate was issued after its decision (no back-dated
// one).
func TestServeDemoCertificates(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	out := serveOnce(t, db)
	i := strings.Index(out, demo.CertificatesBanner)
	if i < 0 {
		t.Fatalf("no DEMO CERTIFICATES block:\n%s", out)
	}
	numbers := map[string]string{} // status → number
	for _, line := range strings.Split(out[i:], "\n")[1:4] {
		f := strings.Fields(line)
		if len(f) != 2 || !strings.Contains(f[1], "/verify/") {
			t.Fatalf("line %q of the block", line)
		}
		numbers[f[0]] = f[1][strings.LastIndex(f[1], "/")+1:]
	}
	if len(numbers) != 3 || numbers["valid"] == "" || numbers["revoked"] == "" || numbers["suspended"] == "" {
		t.Fatalf("demo certificates %v", numbers)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	file := func(status string, edit func([]byte) []byte) string {
		b, err := s.CertificateCredential(context.Background(), numbers[status])
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.Certificate(context.Background(), numbers[status])
		if err != nil || !c.Demo {
			t.Fatalf("%s: demo %v, %v", numbers[status], c.Demo, err)
		}
		p := filepath.Join(t.TempDir(), status+".json")
		if err := os.WriteFile(p, edit(b), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	same := func(b []byte) []byte { return b }
	tamper := func(b []byte) []byte { return bytes.Replace(b, []byte(`"level":5`), []byte(`"level":6`), 1) }
	if code, vout, verr := runCLI("verify", "--offline", file("valid", same)); code != 0 {
		t.Errorf("verify the demo credential: exit %d: %s %s", code, vout, verr)
	}
	tampered := file("valid", func(b []byte) []byte {
		t2 := tamper(b)
		if bytes.Equal(t2, b) {
			t2 = bytes.Replace(b, []byte("Демо"), []byte("Дема"), 1)
		}
		return t2
	})
	if code, vout, verr := runCLI("verify", "--offline", tampered); code != 1 {
		t.Errorf("verify a tampered copy: exit %d, want 1: %s %s", code, vout, verr)
	}
	for _, status := range []string{"revoked", "suspended"} {
		c, err := s.Certificate(context.Background(), numbers[status])
		if err != nil || c.Status(time.Now()) != status || c.StateReason == "" {
			t.Errorf("the %s demo certificate: status %q, reason %q, %v", status, c.Status(time.Now()), c.StateReason, err)
		}
	}
}
