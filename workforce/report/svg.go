package report

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kasip/kasip/workforce"
)

// Layout of the heat map, in CSS pixels.
const (
	svgPad      = 8   // around everything
	svgNameW    = 220 // the row headers: 28 characters at 12px
	svgUnitW    = 40  // a unit's column
	svgDetailW  = 26  // an ability's or knowledge item's
	svgRowH     = 22
	svgNameMax  = 28 // characters of a name in its row header
	svgMinWidth = 340
	svgFont     = "DejaVu Sans, Noto Sans, Arial, sans-serif"
	svgCharW    = 6.8 // a character of 11px text, roughly, to lay out the legend
)

// HeatMapSVG draws block b as an SVG heat map: one row per person (in the
// order of b.People; at most maxRows rows, maxRows < 1 meaning all, then a
// row saying how many more are not drawn), one column per item (the header
// shows its code, units in bold, abilities and knowledge narrower), each
// cell coloured by its grade with a <title> saying what it is in lang, and
// a legend under the map.
func HeatMapSVG(b workforce.Block, lang string, maxRows int) string {
	shown := len(b.People)
	if maxRows > 0 && shown > maxRows {
		shown = maxRows
	}
	more := len(b.People) - shown

	// Columns.
	xs := make([]int, len(b.Items)+1)
	xs[0] = svgPad + svgNameW
	longest := 0
	for i, it := range b.Items {
		w := svgDetailW
		if it.IsUnit() {
			w = svgUnitW
		}
		xs[i+1] = xs[i] + w
		longest = max(longest, utf8.RuneCountInString(it.Code))
	}
	headH := max(48, min(longest, 24)*7+16)
	top := svgPad + headH
	rows := shown
	if more > 0 {
		rows++
	}
	mapBottom := top + rows*svgRowH
	width := max(xs[len(xs)-1]+svgPad, svgMinWidth)

	// The legend flows under the map.
	type entry struct {
		g    grade
		x, y int
	}
	var legend []entry
	lx, ly := svgPad, mapBottom+28
	for _, g := range grades {
		w := 16 + 6 + int(float64(utf8.RuneCountInString(g.legend(lang)))*svgCharW) + 18
		if lx > svgPad && lx+w > width-svgPad {
			lx, ly = svgPad, ly+22
		}
		legend = append(legend, entry{g, lx, ly})
		lx += w
	}
	height := ly + 16 + svgPad

	var s strings.Builder
	label := fmt.Sprintf(word(lang, "heat map label"), blockName(b, lang), len(b.People), len(b.Items))
	hatch := "kasip-hatch-" + strconv.FormatInt(b.Position.ID, 10)

	s.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 `)
	s.WriteString(strconv.Itoa(width) + " " + strconv.Itoa(height))
	s.WriteString(`" width="` + strconv.Itoa(width) + `" height="` + strconv.Itoa(height) + `" aria-label="`)
	esc(&s, label)
	if l := langOf(lang); l == lang {
		s.WriteString(`" lang="` + l)
	}
	s.WriteString(`" font-family="` + svgFont + `" font-size="11">`)
	s.WriteString("<title>")
	esc(&s, word(lang, "heat map")+": "+label)
	s.WriteString("</title>\n")
	s.WriteString(`<defs><pattern id="` + hatch + `" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
		`<rect width="6" height="6" fill="#` + colourNone + `"/><line x1="0" y1="0" x2="0" y2="6" stroke="#` + colourHatch + `" stroke-width="2"/></pattern></defs>` + "\n")
	s.WriteString(`<rect width="100%" height="100%" fill="#FFFFFF"/>` + "\n")

	// The header: the employee column, then the items' codes upright.
	s.WriteString(`<g class="header">`)
	s.WriteString(`<text x="` + strconv.Itoa(svgPad) + `" y="` + strconv.Itoa(top-6) + `" font-size="12" font-weight="bold">`)
	esc(&s, word(lang, "employee"))
	s.WriteString("</text>\n")
	for i, it := range b.Items {
		cx := (xs[i] + xs[i+1]) / 2
		s.WriteString(`<g class="item"><title>`)
		esc(&s, it.Code+" "+title(it.Title, lang)+" ("+kindWord(lang, it.Kind)+")")
		s.WriteString(`</title><text x="` + strconv.Itoa(cx+4) + `" y="` + strconv.Itoa(top-4) +
			`" transform="rotate(-90 ` + strconv.Itoa(cx+4) + " " + strconv.Itoa(top-4) + `)"`)
		if it.IsUnit() {
			s.WriteString(` font-weight="bold"`)
		}
		s.WriteString(">")
		esc(&s, truncate(it.Code, 24))
		s.WriteString("</text></g>\n")
	}
	s.WriteString("</g>\n")

	// What each column says in a cell's title, escaped once.
	heads := make([]string, len(b.Items))
	for i, it := range b.Items {
		heads[i] = escaped(" — " + it.Code + " " + title(it.Title, lang) + ": ")
	}
	// Grown once: a cell is its title and some 230 bytes of markup.
	size := 4096
	for _, h := range heads {
		size += shown * (len(h) + 230)
	}
	for _, p := range b.People[:shown] {
		size += (len(b.Items) + 2) * len(p.Employee.Name)
	}
	s.Grow(size)
	sources := map[string]string{}
	cellFmt, noneFmt := escaped(word(lang, "cell")), escaped(word(lang, "cell none"))

	s.WriteString(`<g class="rows">` + "\n")
	for r, p := range b.People[:shown] {
		y := top + r*svgRowH
		ys, yt := strconv.Itoa(y+1), strconv.Itoa(y+15)
		name := escaped(p.Employee.Name)
		s.WriteString(`<g class="person"><title>` + name + `</title><text x="` + strconv.Itoa(svgPad) + `" y="` + yt + `" font-size="12">`)
		esc(&s, truncate(p.Employee.Name, svgNameMax))
		s.WriteString("</text></g>\n")
		for i := range b.Items {
			var c workforce.Cell
			if i < len(p.Cells) {
				c = p.Cells[i]
			} else {
				c = workforce.NotAssessed(b.Items[i].Required)
			}
			g := gradeOf(c)
			s.WriteString(`<g class="cell `)
			s.WriteString(g.class())
			s.WriteString(`"><title>`)
			s.WriteString(name)
			s.WriteString(heads[i])
			if g == gradeNone {
				fmt.Fprintf(&s, noneFmt, c.Required)
			} else {
				src, ok := sources[c.Source+" "+c.Certificate]
				if !ok {
					src = sourceWord(lang, c.Source)
					if c.Certificate != "" {
						src += " " + c.Certificate
					}
					src = escaped(src)
					sources[c.Source+" "+c.Certificate] = src
				}
				fmt.Fprintf(&s, cellFmt, c.Required, c.Level, src, max(c.Gap, 0))
			}
			w := xs[i+1] - xs[i] - 2
			s.WriteString(`</title><rect x="`)
			s.WriteString(strconv.Itoa(xs[i] + 1))
			s.WriteString(`" y="`)
			s.WriteString(ys)
			s.WriteString(`" width="`)
			s.WriteString(strconv.Itoa(w))
			s.WriteString(`" height="` + strconv.Itoa(svgRowH-2) + `" fill="`)
			if g == gradeNone {
				s.WriteString("url(#" + hatch + ")")
			} else {
				s.WriteString("#" + g.colour())
			}
			s.WriteString(`"/>`)
			if m := g.mark(c.Gap); m != "" {
				s.WriteString(`<text x="`)
				s.WriteString(strconv.Itoa(xs[i] + 1 + w/2))
				s.WriteString(`" y="` + yt + `" text-anchor="middle" fill="#` + g.ink() + `"`)
				if g == gradeConfirmed || g == gradeGap3 {
					s.WriteString(` font-weight="bold"`)
				}
				s.WriteString(">" + m + "</text>")
			}
			s.WriteString("</g>\n")
		}
	}
	if more > 0 {
		y := top + shown*svgRowH
		s.WriteString(`<g class="more"><text x="` + strconv.Itoa(svgPad) + `" y="` + strconv.Itoa(y+15) + `" font-size="12" font-style="italic">`)
		esc(&s, "… "+fmt.Sprintf(word(lang, "more"), more))
		s.WriteString("</text></g>\n")
	}
	s.WriteString("</g>\n")

	// The legend.
	s.WriteString(`<g class="legend"><text x="` + strconv.Itoa(svgPad) + `" y="` + strconv.Itoa(mapBottom+16) + `" font-size="12" font-weight="bold">`)
	esc(&s, word(lang, "legend"))
	s.WriteString("</text>\n")
	for _, e := range legend {
		fill := "#" + e.g.colour()
		if e.g == gradeNone {
			fill = "url(#" + hatch + ")"
		}
		x, y := strconv.Itoa(e.x), strconv.Itoa(e.y)
		s.WriteString(`<g class="` + e.g.class() + `"><rect x="` + x + `" y="` + y + `" width="16" height="16" fill="` + fill + `" stroke="#757575" stroke-width="0.5"/>`)
		if m := e.g.mark(e.g.legendGap()); m != "" {
			s.WriteString(`<text x="` + strconv.Itoa(e.x+8) + `" y="` + strconv.Itoa(e.y+12) + `" text-anchor="middle" fill="#` + e.g.ink() + `">` + m + `</text>`)
		}
		s.WriteString(`<text x="` + strconv.Itoa(e.x+22) + `" y="` + strconv.Itoa(e.y+12) + `">`)
		esc(&s, e.g.legend(lang))
		s.WriteString("</text></g>\n")
	}
	s.WriteString("</g>\n</svg>\n")
	return s.String()
}

// class names a grade in the SVG, for styles and tests.
func (g grade) class() string {
	return [...]string{"none", "met", "confirmed", "gap1", "gap2", "gap3"}[g]
}

// legendGap is the gap the legend writes in a swatch of grade g.
func (g grade) legendGap() int {
	switch g {
	case gradeGap2:
		return 2
	case gradeGap3:
		return 3
	}
	return 1
}

// blockName is what a block is called: the position's title, its card.
func blockName(b workforce.Block, lang string) string {
	name := b.Position.Title
	if b.Card != "" && b.Card != name {
		if name != "" {
			name += " — "
		}
		name += b.Card
	}
	if name == "" {
		name = b.Position.Standard
	}
	return name
}

// esc writes s escaped as XML text or an attribute value: invalid UTF-8
// and characters XML cannot carry become U+FFFD.
func esc(s *strings.Builder, t string) {
	_ = xml.EscapeText(s, []byte(t))
}

// escaped is t escaped.
func escaped(t string) string {
	var s strings.Builder
	esc(&s, t)
	return s.String()
}
