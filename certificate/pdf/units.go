package certpdf

import "strconv"

// The units table: № | kind and path | Kazakh and Russian titles.
const (
	colNoW    = 8.0
	colKindX  = left + colNoW
	colKindW  = 38.0
	colTitleX = colKindX + colKindW + 2
	colTitleW = right - colTitleX
	rowPad    = 1.4
	maxTitle  = 6 // lines per language; keeps any row well under a page
)

// cell is a column's text in one style.
type cell struct {
	lines []string
	style string
	size  float64
	color rgb
}

func (c cell) height() float64 { return float64(len(c.lines)) * c.size * ptMM * 1.25 }

type row struct {
	no          string
	kind, title []cell
	h           float64
}

// units prints the section heading and the rows from y on, starting new
// pages as needed. The heading, table head and first row are kept
// together so a heading is never orphaned at the foot of page 1. It
// returns where the table ends and the limit of that page.
func (d *doc) units(y float64) (float64, float64) {
	rows := make([]row, len(d.c.units))
	for i, u := range d.c.units {
		rows[i] = d.measure(i, u)
	}
	limit := firstPageLimit
	need := d.headingHeight() + d.tableHeadHeight()
	if len(rows) > 0 {
		need += rows[0].h
	}
	if y+need > limit {
		y, limit = d.continuation(), pageLimit
	}
	y = d.heading(y)
	if len(rows) == 0 {
		d.font("", 9, gray)
		return d.block(left, y, contentW, lblNoUnits.String(), 1, "L"), limit
	}
	y = d.tableHead(y)
	for i, r := range rows {
		if y+r.h > limit {
			y, limit = d.continuation(), pageLimit
			y = d.tableHead(y)
		}
		d.drawRow(r, y, i%2 == 1)
		y += r.h
	}
	return y, limit
}

func (d *doc) headingLines() []para {
	if d.c.whole {
		return []para{
			{lblWhole.kk, "B", 9.5, navy, 2},
			{lblWhole.ru, "B", 9.5, navy, 2},
			{lblWholeList.String(), "", 8, gray, 2},
		}
	}
	return []para{
		{lblPartial.kk, "B", 9.5, navy, 2},
		{lblPartial.ru, "B", 9.5, navy, 2},
	}
}

func (d *doc) headingHeight() float64 {
	h := 4.0
	for _, p := range d.headingLines() {
		d.font(p.style, p.size, p.color)
		h += float64(len(d.wrap(p.text, contentW, p.max))) * d.lineHeight()
	}
	return h
}

func (d *doc) heading(y float64) float64 {
	return d.paras(left, y+2, contentW, d.headingLines()) + 2
}

func (d *doc) tableHeadHeight() float64 { return 2*7.5*ptMM*1.25 + 2*rowPad }

func (d *doc) tableHead(y float64) float64 {
	h := d.tableHeadHeight()
	d.fill(navy)
	d.pdf.Rect(left, y, contentW, h, "F")
	d.font("B", 7.5, white)
	d.put(left, y+rowPad, colNoW, []string{lblColNo}, "C")
	d.put(colKindX, y+rowPad, colKindW, []string{lblColKind.kk, lblColKind.ru}, "L")
	d.put(colTitleX, y+rowPad, colTitleW, []string{lblColTitle.kk, lblColTitle.ru}, "L")
	return y + h
}

// continuation starts a further page headed with the number and holder,
// so a detached page still says which certificate it belongs to.
func (d *doc) continuation() float64 {
	y := d.newPage()
	d.font("B", 10, navy)
	head := "Сертификат № " + orDash(d.c.number) + " — " + lblCont.String()
	y = d.block(left, y, contentW, head, 2, "L")
	d.font("", 9, ink)
	y = d.block(left, y, contentW, orDash(d.c.holder), 2, "L")
	d.hline(left, right, y+1.5, 0.5, navy)
	return y + 4
}

func (d *doc) measure(i int, u unitText) row {
	r := row{no: strconv.Itoa(i+1) + "."}
	if u.hasKind {
		r.kind = append(r.kind, d.cellOf([]string{u.kind.kk, u.kind.ru}, colKindW, "B", 7.5, navy, 1))
	}
	if u.path != "" {
		r.kind = append(r.kind, d.cellOf([]string{u.path}, colKindW, "", 7.5, gray, 2))
	}
	titles := u.titles
	if len(titles) == 0 {
		titles = []string{"—"}
	}
	for j, t := range titles {
		c := ink
		if j > 0 {
			c = gray // the Russian line reads as the translation
		}
		r.title = append(r.title, d.cellOf([]string{t}, colTitleW, "", 9, c, maxTitle))
	}
	r.h = max(stack(r.kind), stack(r.title)) + 2*rowPad
	return r
}

// cellOf wraps each text separately (max lines each) into one styled cell.
func (d *doc) cellOf(texts []string, w float64, style string, size float64, c rgb, max int) cell {
	d.font(style, size, c)
	out := cell{style: style, size: size, color: c}
	for _, t := range texts {
		out.lines = append(out.lines, d.wrap(t, w, max)...)
	}
	return out
}

func stack(cs []cell) float64 {
	h := 0.0
	for _, c := range cs {
		h += c.height()
	}
	return h
}

func (d *doc) drawRow(r row, y float64, shaded bool) {
	if shaded {
		d.fill(shade)
		d.pdf.Rect(left, y, contentW, r.h, "F")
	}
	d.font("", 8.5, gray)
	d.put(left, y+rowPad, colNoW, []string{r.no}, "C")
	d.drawCells(colKindX, y+rowPad, colKindW, r.kind)
	d.drawCells(colTitleX, y+rowPad, colTitleW, r.title)
	d.hline(left, right, y+r.h, 0.2, soft)
}

func (d *doc) drawCells(x, y, w float64, cs []cell) {
	for _, c := range cs {
		d.font(c.style, c.size, c.color)
		y = d.put(x, y, w, c.lines, "L")
	}
}
