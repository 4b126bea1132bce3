package read_test

// Parse throughput of every reader (issue 2, point 10). Run with
//
//	go test ./read -run '^$' -bench . -benchtime 2s -count 3
//
// Every sub-benchmark reports MB/s (b.SetBytes), allocations, and docs/s:
// input documents (files) read per second. The synthetic multi-standard XML
// also reports stds/s, the standards read per second. Figures are recorded in
// docs/benchmarks.md.

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kasip/kasip/read"
)

// benchFixtures lists the fixture globs of each format, in report order.
var benchFixtures = []struct {
	format string
	globs  []string
}{
	{read.FormatText, []string{"../testdata/seeds/*.txt", "../testdata/kz/*.txt"}},
	{read.FormatHTML, []string{"../testdata/kz/*.html"}},
	{read.FormatDOCX, []string{"../testdata/kz/*.docx"}},
	{read.FormatXML, []string{"../testdata/ru/*.xml"}},
}

func BenchmarkRead(b *testing.B) {
	for _, f := range benchFixtures {
		var files []string
		for _, g := range f.globs {
			m, err := filepath.Glob(g)
			if err != nil {
				b.Fatal(err)
			}
			files = append(files, m...)
		}
		if len(files) == 0 {
			b.Run(f.format, func(b *testing.B) {
				b.Skipf("no %s fixture yet (%s)", f.format, strings.Join(f.globs, ", "))
			})
			continue
		}
		for _, path := range files {
			base := filepath.Base(path)
			name := f.format + "/" + strings.TrimSuffix(base, filepath.Ext(base))
			b.Run(name, func(b *testing.B) {
				data, err := os.ReadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				benchRead(b, f.format, base, data)
			})
		}
	}

	// A 5 MB Kazakh text standard: the card chapter of the larger seed
	// repeated until the document reaches the size. The interpreter should
	// scale linearly, so MB/s here should be close to the seed's.
	b.Run("kz-text/large-5MB", func(b *testing.B) {
		data := largeKZText(b, "../testdata/seeds/004_0389e6b855ff2fb2.txt", 5<<20)
		benchRead(b, read.FormatText, "large-5MB.txt", data)
	})

	// A register export holding 50 standards: the example's
	// <ProfessionalStandart> element repeated 50 times.
	b.Run("ru-xml/multi-50x-PS_06.001_reg4", func(b *testing.B) {
		data := multiXML(b, "../testdata/ru/PS_06.001_reg4.xml", 50)
		benchRead(b, read.FormatXML, "multi-50x.xml", data)
	})
}

// benchRead measures read.Read on data, which must be detected as format.
// A reader that is not finished yet skips the benchmark.
func benchRead(b *testing.B, format, name string, data []byte) {
	b.Helper()
	if got := read.Detect(data); got != format {
		b.Fatalf("%s is detected as %s, want %s", name, got, format)
	}
	out, err := read.Read(name, data, read.Options{})
	if err != nil {
		if strings.Contains(err.Error(), "not implemented") {
			b.Skipf("%s reader not implemented yet: %v", format, err)
		}
		b.Fatalf("read %s: %v", name, err)
	}
	if len(out) == 0 {
		b.Fatalf("read %s: no standard", name)
	}
	stds := len(out)

	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	// Within a b.Loop loop b.N is 0 and is only set when the loop ends, so
	// count the documents read here.
	n := 0
	for b.Loop() {
		if _, err := read.Read(name, data, read.Options{}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	sec := b.Elapsed().Seconds()
	if sec > 0 {
		b.ReportMetric(float64(n)/sec, "docs/s")
		if stds > 1 {
			b.ReportMetric(float64(n*stds)/sec, "stds/s")
		}
	}
}

var (
	chapter3 = regexp.MustCompile(`^3-(ші )?тарау`)
	chapter4 = regexp.MustCompile(`^4-(ші )?тарау`)
)

// largeKZText builds a Kazakh text standard of at least size bytes from the
// seed at path: the seed's beginning up to and including the heading of the
// card chapter (chapter 3), the card chapter repeated, and the rest (chapter
// 4, technical data).
func largeKZText(b *testing.B, path string, size int) []byte {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	start, end := -1, -1
	for i, l := range lines {
		switch {
		case start < 0 && chapter3.MatchString(l):
			start = i + 1
		case start >= 0 && chapter4.MatchString(l):
			end = i
		}
		if end >= 0 {
			break
		}
	}
	if start < 0 || end < start {
		b.Fatalf("%s: no card chapter (3-тарау … 4-тарау) found", path)
	}
	cards := strings.Join(lines[start:end], "")
	head := strings.Join(lines[:start], "")
	tail := strings.Join(lines[end:], "")
	var buf bytes.Buffer
	buf.WriteString(head)
	for buf.Len()+len(tail) < size {
		buf.WriteString(cards)
	}
	buf.WriteString(tail)
	return buf.Bytes()
}

// multiXML builds a register export holding copies standards: the single
// <ProfessionalStandart> of the file at path repeated.
func multiXML(b *testing.B, path string, copies int) []byte {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	const open, closing = "<ProfessionalStandart>", "</ProfessionalStandart>"
	i := bytes.Index(data, []byte(open))
	j := bytes.LastIndex(data, []byte(closing))
	if i < 0 || j < i {
		b.Fatalf("%s: no %s element", path, open)
	}
	j += len(closing)
	var buf bytes.Buffer
	buf.Write(data[:i])
	for k := 0; k < copies; k++ {
		if k > 0 {
			buf.WriteString("\n")
		}
		buf.Write(data[i:j])
	}
	buf.Write(data[j:])
	if got := bytes.Count(buf.Bytes(), []byte(open)); got != copies {
		b.Fatalf("multiXML: %d standards, want %d", got, copies)
	}
	return buf.Bytes()
}
