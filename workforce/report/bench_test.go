package report_test

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/kasip/kasip/workforce"
	"github.com/kasip/kasip/workforce/report"
)

// bigBlock is a block of people × items (items from the youth card,
// repeated when more are asked), every kind of cell among them.
func bigBlock(tb testing.TB, people, items int) workforce.Block {
	tb.Helper()
	_, src := gapFixture(tb)
	b := workforce.Block{Position: src.Position}
	for i := range items {
		b.Items = append(b.Items, src.Items[i%len(src.Items)])
	}
	b.ItemGaps = make([]workforce.ItemGap, items)
	for p := range people {
		pr := workforce.Person{Employee: workforce.Employee{ID: int64(p + 1), Name: "Қызметкер Әсел Нұрланқызы " + strconv.Itoa(p+1), Unit: "Орталық"},
			Cells: make([]workforce.Cell, items)}
		for i, it := range b.Items {
			c := workforce.Cell{Required: it.Required, Level: (p + i) % 6, Source: workforce.SourceManager}
			switch c.Level {
			case 5:
				c.Level, c.Source = workforce.NotGiven, workforce.SourceNone
			case 4:
				c.Source, c.Certificate = workforce.SourceCertificate, "KZ-1"
			}
			c.Gap = workforce.NotGiven
			if c.Source != workforce.SourceNone {
				c.Gap = max(0, c.Required-c.Level)
			}
			pr.Cells[i] = c
		}
		b.People = append(b.People, pr)
	}
	return b
}

func BenchmarkHeatMapSVG(b *testing.B) {
	blk := bigBlock(b, 5000, 30)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(report.HeatMapSVG(blk, "kk", 200))
	}
	b.ReportMetric(float64(n), "bytes")
}

// The baseline: fmt writing as many plain rects as the heat map draws
// cells (200 rows × 30 items).
func BenchmarkHeatMapSVGBaselineRects(b *testing.B) {
	b.ReportAllocs()
	var n int
	for b.Loop() {
		var s strings.Builder
		s.WriteString(`<svg xmlns="http://www.w3.org/2000/svg">`)
		for r := range 200 {
			for c := range 30 {
				fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%d" height="%d" fill="#%s"/>`, 228+c*40, 56+r*22, 38, 20, "FC8D59")
			}
		}
		s.WriteString("</svg>")
		n = s.Len()
	}
	b.ReportMetric(float64(n), "bytes")
}

func BenchmarkGapsXLSX(b *testing.B) {
	a := gapAnalysis(b)
	a.Blocks = []workforce.Block{bigBlock(b, 5000, 30)}
	b.ReportAllocs()
	for b.Loop() {
		var w countWriter
		if err := report.GapsXLSX(&w, a, "kk"); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(w), "bytes")
	}
}

func BenchmarkGapsCSV(b *testing.B) {
	a := gapAnalysis(b)
	a.Blocks = []workforce.Block{bigBlock(b, 5000, 30)}
	b.ReportAllocs()
	for b.Loop() {
		var w countWriter
		if err := report.GapsCSV(&w, a, "kk"); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(w), "bytes")
	}
}

// countWriter counts what is written to it.
type countWriter int

func (w *countWriter) Write(p []byte) (int, error) { *w += countWriter(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
