package certpdf

import (
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW, pageH   = 210.0, 297.0
	left, right    = 18.0, 192.0
	contentW       = right - left
	top            = 15.0
	frameOuter     = 7.0 // inset of the thick outer frame line
	frameInner     = 9.0 // inset of the thin inner frame line
	footerTop      = 222.0
	firstPageLimit = footerTop - 4 // units on page 1 stop above the footer
	pageLimit      = 276.0         // units on later pages stop above the page number
	pageNoY        = 280.0
	qrSymbol       = 32.0 // QR code without its quiet zone; at least 30 mm to scan from paper
	qrQuiet        = 4    // quiet-zone modules go-qrcode adds on each side
	ptMM           = 25.4 / 72
	family         = "DejaVu"
	nbAlias        = "{nb}"
)

type rgb struct{ r, g, b int }

var (
	navy  = rgb{22, 50, 92}
	gold  = rgb{181, 145, 62}
	gray  = rgb{92, 97, 105}
	ink   = rgb{20, 20, 24}
	soft  = rgb{205, 210, 218}
	shade = rgb{240, 243, 248}
	red   = rgb{180, 28, 42}
	white = rgb{255, 255, 255}
)

// doc is one certificate being drawn.
type doc struct {
	pdf *fpdf.Fpdf
	c   content
	qr  [][]bool // QR modules including the quiet zone
}

func (d *doc) font(style string, size float64, c rgb) {
	d.pdf.SetFont(family, style, size)
	d.pdf.SetTextColor(c.r, c.g, c.b)
}

func (d *doc) fill(c rgb) { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *doc) draw(c rgb) { d.pdf.SetDrawColor(c.r, c.g, c.b) }

// lineHeight is the leading of the current font: 1.25 × its size.
func (d *doc) lineHeight() float64 {
	_, mm := d.pdf.GetFontSize()
	return mm * 1.25
}

// fit picks the largest size up to size at which s fits in w on one line,
// but never below min (longer text then wraps); headings stay on one line
// whenever that is still readable.
func (d *doc) fit(style, s string, w, size, min float64, c rgb) {
	for ; size > min; size -= 0.5 {
		d.font(style, size, c)
		if d.pdf.GetStringWidth(s) <= w {
			return
		}
	}
	d.font(style, min, c)
}

// wrap breaks s into lines no wider than w in the current font. At most
// max lines are kept (0: no limit); a cut is marked with an ellipsis so
// the page layout stays bounded whatever the input length.
func (d *doc) wrap(s string, w float64, max int) []string {
	if s == "" {
		return nil
	}
	lines := d.pdf.SplitText(s, w)
	if max > 0 && len(lines) > max {
		lines = lines[:max]
		lines[max-1] = d.ellipsize(lines[max-1], w)
	}
	return lines
}

func (d *doc) ellipsize(s string, w float64) string {
	r := []rune(strings.TrimRight(s, " "))
	for len(r) > 0 && d.pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// put writes lines from (x, y) in a column of width w and returns the y
// below the last line.
func (d *doc) put(x, y, w float64, lines []string, align string) float64 {
	h := d.lineHeight()
	for _, l := range lines {
		d.pdf.SetXY(x, y)
		d.pdf.CellFormat(w, h, l, "", 0, align, false, 0, "")
		y += h
	}
	return y
}

func (d *doc) block(x, y, w float64, s string, max int, align string) float64 {
	return d.put(x, y, w, d.wrap(s, w, max), align)
}

// para is a run of text in one style, wrapped to at most max lines.
type para struct {
	text  string
	style string
	size  float64
	color rgb
	max   int
}

func (d *doc) paras(x, y, w float64, ps []para) float64 {
	for _, p := range ps {
		d.font(p.style, p.size, p.color)
		y = d.block(x, y, w, p.text, p.max, "L")
	}
	return y
}

func (d *doc) hline(x1, x2, y, width float64, c rgb) {
	d.draw(c)
	d.pdf.SetLineWidth(width)
	d.pdf.Line(x1, y, x2, y)
}

// newPage starts a page with its frame, page number and, for demo
// certificates, the watermark and banner. It returns where content starts.
func (d *doc) newPage() float64 {
	if d.pdf.PageNo() > 0 {
		d.finishPage()
	}
	d.pdf.AddPage()
	d.frame()
	d.pageNumber()
	if d.c.demo {
		return d.demoBanner(top)
	}
	return top
}

func (d *doc) frame() {
	d.draw(navy)
	d.pdf.SetLineWidth(0.9)
	d.pdf.Rect(frameOuter, frameOuter, pageW-2*frameOuter, pageH-2*frameOuter, "D")
	d.draw(gold)
	d.pdf.SetLineWidth(0.35)
	d.pdf.Rect(frameInner, frameInner, pageW-2*frameInner, pageH-2*frameInner, "D")
}

func (d *doc) pageNumber() {
	d.font("", 7, gray)
	s := lblPage.String() + " " + strconv.Itoa(d.pdf.PageNo()) + " / " + nbAlias
	d.put(left, pageNoY, contentW, []string{s}, "C")
}

// finishPage completes the current page. The demo watermark goes last so
// that table shading cannot hide it; it is faint and multiplied, so the
// text under it stays readable.
func (d *doc) finishPage() {
	if d.c.demo {
		d.watermark()
	}
}

// watermark puts a large, faint diagonal "ДЕМО · DEMO" across the page so
// that a printed or cropped demo page cannot pass for a real certificate.
func (d *doc) watermark() {
	d.pdf.SetAlpha(0.13, "Multiply")
	d.font("B", 70, red)
	w := d.pdf.GetStringWidth(demoMark)
	d.pdf.TransformBegin()
	d.pdf.TransformRotate(55, pageW/2, pageH/2)
	d.pdf.Text(pageW/2-w/2, pageH/2+8, demoMark)
	d.pdf.TransformEnd()
	d.pdf.SetAlpha(1, "Normal")
}

// demoBanner is the plain-text warning at the top of every demo page, in
// Kazakh, Russian and English; unlike the watermark it survives text
// extraction and screen readers.
func (d *doc) demoBanner(y float64) float64 {
	d.font("B", 8, white)
	h := float64(len(demoLines))*d.lineHeight() + 3
	d.fill(red)
	d.pdf.RoundedRect(left, y, contentW, h, 1.5, "1234", "F")
	yy := y + 1.5
	for _, l := range demoLines {
		d.fit("B", l, contentW-6, 8, 6, white)
		yy = d.put(left, yy, contentW, []string{l}, "C")
	}
	return y + h + 3
}
