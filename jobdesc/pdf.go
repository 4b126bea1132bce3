package jobdesc

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/kasip/kasip/internal/fonts"
)

// PDF layout, in millimetres (A4, the margins of Kazakh office documents).
const (
	pdfLeft, pdfRight, pdfTop, pdfBottom = 30.0, 15.0, 20.0, 20.0
	pdfIndent                            = 10.0
	pdfFamily                            = "DejaVu"
)

// pdfFace is how a part is set: font style and size, line height,
// alignment and the red of its colour.
type pdfFace struct {
	style      string
	size, line float64
	align      string
	red        int
}

var pdfFaces = map[part]pdfFace{
	partHeading: {"B", 14, 7, "C", 0},
	partTitle:   {"B", 12, 6, "C", 0},
	partDemo:    {"", 10, 5, "C", 192},
	partSection: {"B", 11, 6, "L", 0},
	partClause:  {"", 10.5, 5, "J", 0},
}

// PDFContentType is the media type of a PDF file.
const PDFContentType = "application/pdf"

// pdfText is s as the PDF can carry it: fpdf panics on invalid UTF-8
// (FuzzDOCX found it in SetTitle), and control characters have no glyph;
// a clause is one paragraph, its line breaks spaces.
func pdfText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20 || r == 0x7f || r == 0xFFFE || r == 0xFFFF:
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// PDF writes d as an A4 PDF set in DejaVu Sans, page numbers at the foot.
func (d Description) PDF() ([]byte, error) {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetMargins(pdfLeft, pdfTop, pdfRight)
	pdf.SetAutoPageBreak(true, pdfBottom)
	pdf.AliasNbPages("{nb}")
	pdf.AddUTF8FontFromBytes(pdfFamily, "", fonts.Regular)
	pdf.AddUTF8FontFromBytes(pdfFamily, "B", fonts.Bold)
	// A fixed date keeps the bytes of one description the same.
	stamp := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(pdfText(d.Heading()+": "+d.Title), true)
	pdf.SetSubject(pdfText(d.Standard.Code+" "+d.Standard.Title), true)
	pdf.SetCreator("Kasip", false)
	pdf.SetLang(d.Lang)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-pdfBottom + 5)
		pdf.SetFont(pdfFamily, "", 8)
		pdf.CellFormat(0, 5, pdfText(fmt.Sprintf("%s %s · %d / {nb}", d.Standard.Code, d.Standard.Version, pdf.PageNo())), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	w := 210 - pdfLeft - pdfRight
	for _, p := range d.paragraphs() {
		f := pdfFaces[p.part]
		if p.part == partSection {
			pdf.Ln(4)
		}
		pdf.SetFont(pdfFamily, f.style, f.size)
		pdf.SetTextColor(f.red, 0, 0)
		x := pdfLeft
		if p.indent {
			x += pdfIndent
		}
		pdf.SetX(x)
		pdf.MultiCell(w-(x-pdfLeft), f.line, pdfText(p.text), "", f.align, false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("job description PDF: %w", err)
	}
	return buf.Bytes(), nil
}
