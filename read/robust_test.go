package read

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// TestBadInput: each bad input gives a clear *Error (or, for a damaged but
// readable document, a result), never a panic or a hang.
func TestBadInput(t *testing.T) {
	seed, err := os.ReadFile(seedYouth)
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 1<<16)
	for i := range random {
		random[i] = byte(rnd.UintN(256))
	}
	cases := map[string]struct {
		data   []byte
		format string
		want   string // substring of the error; "" means a result is fine too
	}{
		"empty":               {nil, "", "empty"},
		"blank":               {[]byte(" \n\t\n"), "", "empty"},
		"binary":              {append([]byte("\x7fELF\x02\x01\x01\x00"), random[:512]...), "", "binary"},
		"random bytes":        {random, "", "expected"},
		"random as text":      {random, FormatText, "expected"},
		"random as xml":       {random, FormatXML, "expected"},
		"random as html":      {random, FormatHTML, ""},
		"random as docx":      {random, FormatDOCX, "expected"},
		"not a standard":      {[]byte("Hello, world.\nThis is a letter, not a standard.\n"), "", "not a professional standard"},
		"truncated at half":   {seed[:len(seed)/2], "", ""},
		"truncated in a rune": {seed[:1001], "", ""},
		"unknown format":      {seed, "pdf", "unknown format"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			sts, err := Read("bad.txt", tc.data, Options{Format: tc.format})
			if tc.want == "" {
				if err == nil && len(sts) == 0 {
					t.Fatal("no error and no standard")
				}
				return
			}
			var re *Error
			if !errors.As(err, &re) {
				t.Fatalf("got %v (%T), want a *read.Error", err, err)
			}
			if !strings.Contains(err.Error(), "bad.txt") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q should name the file and say %q", err, tc.want)
			}
		})
	}
}

// TestTruncatedKeepsWhatIsThere: half a standard still reads, with what the
// first half holds.
func TestTruncatedKeepsWhatIsThere(t *testing.T) {
	seed, err := os.ReadFile(seedYouth)
	if err != nil {
		t.Fatal(err)
	}
	cut := bytes.Index(seed, []byte("10. \"Жастармен"))
	sts, err := Read("half.txt", seed[:cut], Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sts[0].Cards) != 1 || len(sts[0].Cards[0].Functions) != 3 || sts[0].Technical.ReviewDate != "" {
		t.Errorf("truncated read: %d cards", len(sts[0].Cards))
	}
}

func TestTooLarge(t *testing.T) {
	_, err := Read("big.txt", make([]byte, 2048), Options{MaxSize: 1024})
	if err == nil || !strings.Contains(err.Error(), "at most 1024 bytes") {
		t.Errorf("got %v", err)
	}
}

// TestLargeInput reads a 50 MB document: the seed's cards repeated. It must
// finish (in linear time: see docs/benchmarks.md) and keep every card.
func TestLargeInput(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB input: skipped with -short")
	}
	seed, err := os.ReadFile(seedYouth)
	if err != nil {
		t.Fatal(err)
	}
	s := string(seed)
	start := strings.Index(s, "9. \"Орталықтың")
	end := strings.Index(s, "4-тарау.")
	var b strings.Builder
	b.WriteString(s[:start])
	n := 0
	for b.Len() < 50<<20 {
		b.WriteString(s[start:end])
		n++
	}
	b.WriteString(s[end:])
	sts, err := Read("big.txt", []byte(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(sts[0].Cards); got != 2*n {
		t.Errorf("%d cards, want %d", got, 2*n)
	}
}
