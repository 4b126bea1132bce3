package service

import (
	"fmt"
	"io"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/workforce"
	"github.com/kasip/kasip/workforce/report"
)

// HeatMapRows is how many people a heat map draws unless asked for more.
const HeatMapRows = 200

// ReportContentType is the media type of an export format.
func ReportContentType(format string) string {
	switch format {
	case "csv":
		return "text/csv; charset=utf-8"
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "pdf":
		return "application/pdf"
	}
	return "application/octet-stream"
}

// WriteGaps writes the analysis as CSV or XLSX.
func WriteGaps(w io.Writer, an workforce.Analysis, format, lang string) error {
	if format == "csv" {
		return report.GapsCSV(w, an, lang)
	}
	return report.GapsXLSX(w, an, lang)
}

// WriteCoverage writes the coverage matrix as XLSX or PDF.
func WriteCoverage(w io.Writer, m workforce.Matrix, format, lang string) error {
	if format == "pdf" {
		return report.CoveragePDF(w, m, lang)
	}
	return report.CoverageXLSX(w, m, lang)
}

// HeatMaps is the heat map of the block of position (0: the first block).
func HeatMaps(an workforce.Analysis, position int64, lang string, rows int) (string, error) {
	for _, b := range an.Blocks {
		if position == 0 || b.Position.ID == position {
			return report.HeatMapSVG(b, lang, rows), nil
		}
	}
	return "", fmt.Errorf("no staff on position %d: %w", position, kasip.ErrNotFound)
}

// MatrixView is a coverage matrix with its counts, for JSON.
type MatrixView struct {
	workforce.Matrix
	Totals workforce.MatrixCounts `json:"totals"`
}

// NewMatrixView is m's view.
func NewMatrixView(m workforce.Matrix) MatrixView { return MatrixView{Matrix: m, Totals: m.Totals()} }
