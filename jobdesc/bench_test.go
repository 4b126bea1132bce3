package jobdesc_test

import (
	"encoding/json"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/jobdesc"
)

// The benchmarks of job descriptions, on the largest card of the M84120
// seed; BenchmarkJobDescBaseline encodes the same card as JSON, the
// plain cost of touching its text, measured in the same run.
// go test ./jobdesc -run '^$' -bench JobDesc -count 6
func largestCard(b *testing.B) (*kasip.Standard, int) {
	st := readStandard(b, real[0].path)
	best, size := 0, 0
	for i, c := range st.Cards {
		data, _ := json.Marshal(c)
		if len(data) > size {
			best, size = i, len(data)
		}
	}
	return st, best
}

func BenchmarkJobDescBaseline(b *testing.B) {
	st, card := largestCard(b)
	for b.Loop() {
		if _, err := json.Marshal(st.Cards[card]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJobDescGenerate(b *testing.B) {
	st, card := largestCard(b)
	for b.Loop() {
		if _, err := jobdesc.Generate(st, card, "kk"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJobDescJSON(b *testing.B) {
	st, card := largestCard(b)
	for b.Loop() {
		d, err := jobdesc.Generate(st, card, "kk")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := json.Marshal(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJobDescDOCX(b *testing.B) {
	st, card := largestCard(b)
	for b.Loop() {
		d, err := jobdesc.Generate(st, card, "kk")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := d.DOCX(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJobDescPDF(b *testing.B) {
	st, card := largestCard(b)
	for b.Loop() {
		d, err := jobdesc.Generate(st, card, "kk")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := d.PDF(); err != nil {
			b.Fatal(err)
		}
	}
}
