package certpdf

// Page 1: issuer, bilingual title, number, holder, the certificate's
// fields and, at the bottom, the dates, status and QR code.

const (
	labelW = 52.0
	valueX = left + labelW + 4
	valueW = right - valueX
)

func (d *doc) header(y float64) float64 {
	for _, s := range d.c.centre {
		d.font("", 8.5, gray)
		y = d.block(left, y, contentW, s, 2, "C")
	}
	y += 3
	d.fit("B", titleKK, contentW, 15, 10, navy)
	y = d.block(left, y, contentW, titleKK, 2, "C")
	d.fit("B", titleRU, contentW, 12, 9, navy)
	y = d.block(left, y+0.5, contentW, titleRU, 2, "C")
	y += 2.5
	d.hline(pageW/2-30, pageW/2+30, y, 0.5, gold)
	y += 2.5
	d.font("B", 11, navy)
	y = d.block(left, y, contentW, "№ "+orDash(d.c.number), 1, "C")
	y += 3.5
	d.font("", 8.5, gray)
	y = d.block(left, y, contentW, lblIssuedTo.String(), 1, "C")
	y += 1
	d.fit("B", orDash(d.c.holder), contentW, 20, 13, ink)
	y = d.block(left, y, contentW, orDash(d.c.holder), 2, "C")
	return y + 4
}

// fields prints the label/value table. Line limits keep the table short
// enough that page 1 always has room for it above the footer.
func (d *doc) fields(y float64) float64 {
	d.hline(left, right, y, 0.3, soft)
	y = d.field(y, lblProf, d.langParas(d.c.profession, 11, 2, true))
	y = d.field(y, lblLevel, []para{{d.c.level, "B", 11, ink, 1}})
	std := []para{{orDash(d.c.stdLine), "", 9.5, ink, 2}}
	y = d.field(y, lblStandard, append(std, d.langParas(d.c.stdTitle, 9.5, 2, false)...))
	centre := append(d.langParas(d.c.centre, 9.5, 2, false),
		para{lblBIN.String() + ": " + orDash(d.c.bin), "", 8.5, gray, 1})
	y = d.field(y, lblCentre, centre)
	scope := scopePartial
	if d.c.whole {
		scope = scopeWhole
	}
	return d.field(y, lblScope, []para{{scope.kk, "B", 9.5, ink, 2}, {scope.ru, "B", 9.5, ink, 2}})
}

// signatureHeight is the room the signature block takes.
const signatureHeight = 24.0

// signature prints, after the units, the head of the centre's position
// and name, a line to sign on and the place of the seal, on a new page
// when the last one has no room left.
func (d *doc) signature(y, limit float64) {
	if y+signatureHeight > limit {
		y = d.continuation()
	}
	y += 3
	const w = 95.0
	pos := []para{{lblHead.kk, "B", 8, navy, 1}, {lblHead.ru, "", 8, gray, 1}}
	for _, t := range d.c.headPos {
		pos = append(pos, para{t, "", 9, ink, 1})
	}
	yl := d.paras(left, y, w, pos)
	sx := left + w + 4
	d.hline(sx, right, y+7, 0.3, ink)
	d.font("", 7, gray)
	d.block(sx, y+7.5, right-sx, "("+lblSignature.String()+")", 1, "C")
	d.font("B", 9.5, ink)
	d.block(sx, y+11, right-sx, orDash(d.c.headName), 1, "C")
	d.font("B", 9, gray)
	d.block(left, max(yl, y+11)+1, w, lblSeal, 1, "L")
}

// langParas prints the Kazakh text (optionally bold) above the Russian.
func (d *doc) langParas(ts []string, size float64, max int, boldFirst bool) []para {
	if len(ts) == 0 {
		return []para{{"—", "", size, ink, 1}}
	}
	ps := make([]para, len(ts))
	for i, t := range ts {
		style := ""
		if i == 0 && boldFirst {
			style = "B"
		}
		ps[i] = para{t, style, size, ink, max}
	}
	return ps
}

func (d *doc) field(y float64, label bi, value []para) float64 {
	const pad = 1.8
	ly := d.paras(left, y+pad, labelW, []para{
		{label.kk, "B", 8, navy, 2},
		{label.ru, "", 8, gray, 2},
	})
	vy := d.paras(valueX, y+pad, valueW, value)
	y = max(ly, vy) + pad
	d.hline(left, right, y, 0.3, soft)
	return y
}

// footer fills the bottom of page 1: number, dates and status on the left,
// the QR code bottom right with the verification URL printed under it.
// Every left-hand line is limited to one line so the block always ends
// above the URL, which may take the full width.
func (d *doc) footer() {
	y := footerTop
	d.hline(left, right, y, 0.5, navy)
	qx, qy := right-qrSymbol, y+5
	quiet := d.drawQR(qx, qy, qrSymbol)

	d.font("", 7.5, navy)
	d.block(left, qy+qrSymbol+quiet, contentW, d.c.url, 3, "R")

	w := qx - quiet - 3 - left
	yy := y + 4
	d.font("B", 10, navy)
	yy = d.block(left, yy, w, "Сертификат № "+orDash(d.c.number), 1, "L") + 1
	d.font("", 8.5, ink)
	for _, l := range []string{
		lblIssued.String() + ": " + d.c.issued,
		lblValid.String() + ": " + d.c.valid,
		lblStatus.String() + ": " + d.c.status,
	} {
		yy = d.block(left, yy, w, l, 1, "L")
	}
	yy += 2
	d.font("", 7.5, gray)
	yy = d.block(left, yy, w, lblVerifyKK, 2, "L")
	yy = d.block(left, yy, w, lblVerifyRU, 2, "L")
	d.block(left, yy+1, w, lblElectron.String(), 1, "L")
}

// drawQR draws the code as vector squares, so it stays sharp at any print
// or scan resolution, with size the width of the symbol proper. It returns
// the width of the white quiet zone drawn around it.
func (d *doc) drawQR(x, y, size float64) float64 {
	n := len(d.qr)
	core := n - 2*qrQuiet
	if core <= 0 {
		return 0
	}
	m := size / float64(core)
	ox, oy := x-qrQuiet*m, y-qrQuiet*m
	d.fill(white)
	d.pdf.Rect(ox, oy, float64(n)*m, float64(n)*m, "F")
	d.fill(rgb{0, 0, 0})
	for r, row := range d.qr {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			// A hair of overlap hides the seams renderers leave between
			// adjacent rectangles.
			d.pdf.Rect(ox+float64(start)*m, oy+float64(r)*m, float64(c-start)*m+0.02, m+0.02, "F")
		}
	}
	return qrQuiet * m
}
