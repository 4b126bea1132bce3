package page

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/web/i18n"
)

// uiLadderSVG draws the qualification levels 1..8 as a ladder, with the
// standard's cards on their levels and, beside each card, its related
// professions (Card.Related) on theirs, joined by lines. The picture is
// inline SVG (role="img" with a <title> and an aria-label that says the
// same in words), drawn with presentation attributes only, so it needs no
// style or script and prints as it shows. Titles are shown in the UI
// language when the standard has it, else with their own lang attribute.
// It returns "" when no card has a level from 1 to 8.
func UILadderSVG(st *kasip.Standard, lang string) template.HTML {
	type relEntry struct {
		level int
		title kasip.Text
		cards []int // indices into boxes
		y     float64
	}
	type box struct {
		card  int // index into st.Cards
		level int
		y     float64
	}
	const (
		W       = 1100.0
		top     = 44.0
		boxX    = 112.0
		boxW    = 480.0
		boxH    = 62.0
		boxGap  = 10.0
		relX    = 660.0
		relLine = 17.0
		relGap  = 9.0
		minRow  = 46.0
		pad     = 10.0
	)
	var boxes []box
	byLevel := map[int][]int{} // level → indices into boxes
	var rels []*relEntry
	relAt := map[int][]*relEntry{}
	for i, c := range st.Cards {
		if c.Level < 1 || c.Level > 8 {
			continue
		}
		bi := len(boxes)
		boxes = append(boxes, box{card: i, level: c.Level})
		byLevel[c.Level] = append(byLevel[c.Level], bi)
		for _, r := range c.Related {
			if r.Title.IsEmpty() {
				continue
			}
			lv := r.Level
			if lv < 1 || lv > 8 {
				lv = c.Level
			}
			t, _ := UIPick(r.Title, lang)
			var found *relEntry
			for _, e := range relAt[lv] {
				if s, _ := UIPick(e.title, lang); strings.EqualFold(s, t) {
					found = e
				}
			}
			if found == nil {
				found = &relEntry{level: lv, title: r.Title}
				rels = append(rels, found)
				relAt[lv] = append(relAt[lv], found)
			}
			found.cards = append(found.cards, bi)
		}
	}
	if len(boxes) == 0 {
		return ""
	}

	// Lay out the rows from level 8 at the top down to level 1.
	type row struct{ y, h float64 }
	rows := map[int]row{}
	y := top
	for lv := 8; lv >= 1; lv-- {
		cardsH := float64(len(byLevel[lv]))*(boxH+boxGap) - boxGap
		relH := 0.0
		for _, e := range relAt[lv] {
			t, _ := UIPick(e.title, lang)
			relH += float64(len(UIWrap(t, 58, 2)))*relLine + relGap
		}
		relH -= relGap
		h := max(minRow, cardsH+2*pad, relH+2*pad)
		rows[lv] = row{y, h}
		cy := y + h/2
		by := cy - cardsH/2
		for _, bi := range byLevel[lv] {
			boxes[bi].y = by
			by += boxH + boxGap
		}
		ry := cy - relH/2
		for _, e := range relAt[lv] {
			t, _ := UIPick(e.title, lang)
			n := len(UIWrap(t, 58, 2))
			e.y = ry + float64(n)*relLine/2
			ry += float64(n)*relLine + relGap
		}
		y += h
	}
	H := y + 14

	var b strings.Builder
	esc := html.EscapeString
	langAttr := func(l string) string {
		if l == lang || l == "" {
			return ""
		}
		return ` lang="` + esc(l) + `"`
	}
	tr := func(k string) string { return i18n.Translate(lang, k) }

	// The same content in words, for the title and aria-label.
	var words []string
	for lv := 8; lv >= 1; lv-- {
		for _, bi := range byLevel[lv] {
			c := st.Cards[boxes[bi].card]
			t, _ := UIPick(c.Title, lang)
			s := fmt.Sprintf("%s %d: %s", tr("Level"), lv, t)
			var rel []string
			for _, r := range rels {
				for _, cb := range r.cards {
					if cb == bi {
						rt, _ := UIPick(r.title, lang)
						rel = append(rel, fmt.Sprintf("%s (%s %d)", rt, strings.ToLower(tr("Level")), r.level))
					}
				}
			}
			if len(rel) > 0 {
				s += "; " + tr("related professions") + ": " + strings.Join(rel, ", ")
			}
			words = append(words, s)
		}
	}
	label := tr("Qualification levels of the cards and their related professions") + ". " + strings.Join(words, ". ") + "."

	fmt.Fprintf(&b, `<svg class="ladder" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="%s">`, W, H, W, H, esc(label))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(label))

	// Column headings.
	fmt.Fprintf(&b, `<text x="60" y="26" text-anchor="middle" font-size="12" font-weight="700" fill="#3d4f61">%s</text>`, esc(tr("Level")))
	fmt.Fprintf(&b, `<text x="%g" y="26" font-size="12" font-weight="700" fill="#3d4f61">%s</text>`, boxX, esc(tr("Cards of the standard")))
	fmt.Fprintf(&b, `<text x="%g" y="26" font-size="12" font-weight="700" fill="#3d4f61">%s</text>`, relX-8, esc(tr("Related professions")))

	// Bands, one per level.
	for lv := 8; lv >= 1; lv-- {
		r := rows[lv]
		fill := "#ffffff"
		if lv%2 == 0 {
			fill = "#f6f8fa"
		}
		if len(byLevel[lv]) > 0 {
			fill = "#e9f1f8"
		}
		fmt.Fprintf(&b, `<rect x="8" y="%g" width="%g" height="%g" fill="%s"/>`, r.y, W-16, r.h, fill)
		fmt.Fprintf(&b, `<line x1="8" y1="%g" x2="%g" y2="%g" stroke="#d5dde5" stroke-width="1"/>`, r.y+r.h, W-8, r.y+r.h)
	}
	fmt.Fprintf(&b, `<line x1="8" y1="%g" x2="%g" y2="%g" stroke="#d5dde5" stroke-width="1"/>`, top, W-8, top)

	// The ladder: two rails and a rung per level with its number.
	fmt.Fprintf(&b, `<line x1="40" y1="%g" x2="40" y2="%g" stroke="#5b7083" stroke-width="3" stroke-linecap="round"/>`, top+6, H-20)
	fmt.Fprintf(&b, `<line x1="80" y1="%g" x2="80" y2="%g" stroke="#5b7083" stroke-width="3" stroke-linecap="round"/>`, top+6, H-20)
	for lv := 8; lv >= 1; lv-- {
		r := rows[lv]
		cy := r.y + r.h/2
		fmt.Fprintf(&b, `<line x1="40" y1="%g" x2="80" y2="%g" stroke="#5b7083" stroke-width="3"/>`, cy, cy)
		circle, text := "#ffffff", "#1f4e79"
		if len(byLevel[lv]) > 0 {
			circle, text = "#1f4e79", "#ffffff"
		}
		fmt.Fprintf(&b, `<circle cx="60" cy="%g" r="13" fill="%s" stroke="#1f4e79" stroke-width="2"/>`, cy, circle)
		fmt.Fprintf(&b, `<text x="60" y="%g" text-anchor="middle" font-size="13" font-weight="700" fill="%s">%d</text>`, cy+4.5, text, lv)
	}

	// Connectors first, so boxes and bullets are drawn over them.
	for _, e := range rels {
		for _, bi := range e.cards {
			x1, y1 := boxX+boxW, boxes[bi].y+boxH/2
			x2, y2 := relX-10, e.y
			fmt.Fprintf(&b, `<path d="M%g %g C%g %g %g %g %g %g" fill="none" stroke="#7d93a8" stroke-width="1.3"/>`, x1, y1, x1+34, y1, x2-34, y2, x2, y2)
		}
	}

	// Cards.
	for _, bx := range boxes {
		c := st.Cards[bx.card]
		t, tl := UIPick(c.Title, lang)
		lines := UIWrap(t, 52, 2)
		fmt.Fprintf(&b, `<g><title>%s</title>`, esc(t))
		fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" rx="6" fill="#ffffff" stroke="#1f4e79" stroke-width="1.5"/>`, boxX, bx.y, boxW, boxH)
		fmt.Fprintf(&b, `<rect x="%g" y="%g" width="5" height="%g" rx="2" fill="#1f4e79"/>`, boxX, bx.y, boxH)
		ty, metaY := bx.y+20, bx.y+boxH-9
		if len(lines) == 1 {
			ty, metaY = bx.y+26, bx.y+boxH-14
		}
		fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="13" font-weight="600" fill="#14324a"%s>`, boxX+14, ty, langAttr(tl))
		for i, l := range lines {
			dy := "0"
			if i > 0 {
				dy = "16"
			}
			fmt.Fprintf(&b, `<tspan x="%g" dy="%s">%s</tspan>`, boxX+14, dy, esc(l))
		}
		b.WriteString(`</text>`)
		meta := fmt.Sprintf("%s %d", tr("Card"), bx.card+1)
		if len(c.Codes) > 0 {
			meta += " · " + strings.Join(c.Codes, ", ")
		} else if c.Code != "" {
			meta += " · " + c.Code
		}
		fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="11.5" fill="#46596b">%s</text>`, boxX+14, metaY, esc(UIShorten(meta, 70)))
		b.WriteString(`</g>`)
	}

	// Related professions.
	for _, e := range rels {
		t, tl := UIPick(e.title, lang)
		lines := UIWrap(t, 58, 2)
		top := e.y - float64(len(lines))*relLine/2
		fmt.Fprintf(&b, `<g><title>%s</title>`, esc(t))
		fmt.Fprintf(&b, `<circle cx="%g" cy="%g" r="4.5" fill="#2f6f4e"/>`, relX-6, e.y)
		fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12.5" fill="#1d2733"%s>`, relX+6, top+12.5, langAttr(tl))
		for i, l := range lines {
			dy := "0"
			if i > 0 {
				dy = fmt.Sprint(relLine)
			}
			fmt.Fprintf(&b, `<tspan x="%g" dy="%s">%s</tspan>`, relX+6, dy, esc(l))
		}
		b.WriteString(`</text></g>`)
	}
	if len(rels) == 0 {
		fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" fill="#46596b">%s</text>`, relX-8, top+28, esc(tr("The cards name no related professions.")))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// uiWrap breaks s into lines of at most width letters, at most maxLines of
// them; the last line ends in "…" when text was left out.
func UIWrap(s string, width, maxLines int) []string {
	var lines []string
	cur := ""
	words := strings.Fields(s)
	for i, w := range words {
		switch {
		case cur == "":
			cur = w
		case len([]rune(cur))+1+len([]rune(w)) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
		if len(lines) == maxLines {
			last := lines[maxLines-1]
			if i < len(words) {
				last = UIShorten(last+" "+strings.Join(words[i:], " "), width-1)
			}
			lines[maxLines-1] = last
			return lines
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	for i, l := range lines {
		if len([]rune(l)) > width {
			lines[i] = UIShorten(l, width-1)
		}
	}
	return lines
}
