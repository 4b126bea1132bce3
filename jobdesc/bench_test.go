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
	benchWrite(b, func(d jobdesc.Description) ([]byte, error) { return json.Marshal(d) })
}

func BenchmarkJobDescDOCX(b *testing.B) { benchWrite(b, jobdesc.Description.DOCX) }

func BenchmarkJobDescPDF(b *testing.B) { benchWrite(b, jobdesc.Description.PDF) }

// benchWrite generates the largest card's description and writes it.
func benchWrite(b *testing.B, write func(jobdesc.Description) ([]byte, error)) {
	st, card := largestCard(b)
	for b.Loop() {
		d, err := jobdesc.Generate(st, card, "kk")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := write(d); err != nil {
			b.Fatal(err)
		}
	}
}
