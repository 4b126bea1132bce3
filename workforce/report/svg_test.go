package report_test

import (
	"encoding/xml"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kasip/kasip/workforce"
	"github.com/kasip/kasip/workforce/report"
)

// The SVG's elements the tests read.
type svgDoc struct {
	XMLName xml.Name  `xml:"svg"`
	Role    string    `xml:"role,attr"`
	Label   string    `xml:"aria-label,attr"`
	ViewBox string    `xml:"viewBox,attr"`
	Width   string    `xml:"width,attr"`
	Height  string    `xml:"height,attr"`
	Title   string    `xml:"title"`
	Groups  []svgNode `xml:"g"`
}

type svgNode struct {
	Class  string    `xml:"class,attr"`
	Title  []string  `xml:"title"`
	Rects  []svgRect `xml:"rect"`
	Texts  []svgText `xml:"text"`
	Groups []svgNode `xml:"g"`
}

type svgRect struct {
	Fill  string `xml:"fill,attr"`
	Width string `xml:"width,attr"`
}

type svgText struct {
	Weight string `xml:"font-weight,attr"`
	Text   string `xml:",chardata"`
}

// groups are the <g> of class (its first word) anywhere under nodes, in
// document order.
func groups(nodes []svgNode, class string) []svgNode {
	var out []svgNode
	for _, n := range nodes {
		if strings.Fields(n.Class + " ")[0] == class {
			out = append(out, n)
		}
		out = append(out, groups(n.Groups, class)...)
	}
	return out
}

func parseSVG(t *testing.T, s string) svgDoc {
	t.Helper()
	var d svgDoc
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = true
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("the SVG does not parse: %v\n%.2000s", err, s)
	}
	return d
}

// wantFill is the fill the brief asks for c, worked out here again.
func wantFill(c workforce.Cell) string {
	switch {
	case c.Source == workforce.SourceNone:
		return "url(#kasip-hatch-7)"
	case c.Gap == 0:
		return "#1A9850"
	case c.Gap == 1:
		return "#FEE08B"
	case c.Gap == 2:
		return "#FC8D59"
	}
	return "#D73027"
}

func TestHeatMapSVG(t *testing.T) {
	a, detailed := gapFixture(t)
	t.Run("analysis", func(t *testing.T) { testHeatMap(t, a.Blocks[0]) })
	t.Run("detailed", func(t *testing.T) {
		d := testHeatMap(t, detailed)
		// Abilities and knowledge narrower than units.
		cells := groups(d.Groups, "cell")
		unit, item := cells[0].Rects[0].Width, cells[1].Rects[0].Width
		if !detailed.Items[0].IsUnit() || detailed.Items[1].IsUnit() || atoi(t, item) >= atoi(t, unit) {
			t.Errorf("unit column %s wide, ability column %s", unit, item)
		}
	})
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func testHeatMap(t *testing.T, b workforce.Block) svgDoc {
	s := report.HeatMapSVG(b, "kk", 100)
	d := parseSVG(t, s)
	if d.Role != "img" || d.Label == "" || d.Title == "" || !strings.HasPrefix(d.ViewBox, "0 0 ") {
		t.Errorf("role %q, label %q, title %q, viewBox %q", d.Role, d.Label, d.Title, d.ViewBox)
	}
	if vb := strings.Fields(d.ViewBox); len(vb) != 4 || vb[2] != d.Width || vb[3] != d.Height {
		t.Errorf("viewBox %q, width %q, height %q", d.ViewBox, d.Width, d.Height)
	}
	cells := groups(d.Groups, "cell")
	if len(cells) != len(b.People)*len(b.Items) {
		t.Fatalf("%d cells, want %d people × %d items", len(cells), len(b.People), len(b.Items))
	}
	seen := map[string]int{}
	for k, cell := range cells {
		p, it := b.People[k/len(b.Items)], b.Items[k%len(b.Items)]
		c := p.Cells[k%len(b.Items)]
		if len(cell.Title) != 1 || !strings.HasPrefix(cell.Title[0], p.Employee.Name+" — "+it.Code+" "+it.Title.Best("kk")+": ") {
			t.Fatalf("cell %d (%s, %s): title %q", k, p.Employee.Name, it.Code, cell.Title)
		}
		tip := cell.Title[0]
		want := fmt.Sprintf("талап етілетін деңгей %d, ", c.Required)
		if c.Assessed() {
			want += fmt.Sprintf("бағаланған деңгей %d (", c.Level)
			if !strings.HasSuffix(tip, fmt.Sprintf("олқылық %d", c.Gap)) {
				t.Errorf("cell %d: %q does not end in its gap %d", k, tip, c.Gap)
			}
		} else {
			want += "бағаланбаған"
		}
		if !strings.Contains(tip, want) {
			t.Errorf("cell %d: %q lacks %q", k, tip, want)
		}
		if len(cell.Rects) != 1 || cell.Rects[0].Fill != wantFill(c) {
			t.Errorf("cell %d (%+v): rects %+v, want fill %s", k, c, cell.Rects, wantFill(c))
		}
		// In greyscale the gap is read, a certificate's check mark seen.
		var text string
		if len(cell.Texts) > 0 {
			text = cell.Texts[0].Text
		}
		switch {
		case c.HasGap():
			if text != "−"+strconv.Itoa(c.Gap) {
				t.Errorf("cell %d with a gap of %d says %q", k, c.Gap, text)
			}
		case c.Source == workforce.SourceCertificate:
			if text != "✓" || !strings.Contains(tip, "сертификат KZ-0001") {
				t.Errorf("confirmed cell %d says %q, title %q", k, text, tip)
			}
		case text != "":
			t.Errorf("cell %d without a gap says %q", k, text)
		}
		seen[wantFill(c)]++
	}
	if len(seen) != 5 {
		t.Errorf("the fixture shows %d of the 5 colours: %v", len(seen), seen)
	}

	// Rows: the full name in the title, the shown one cut at 28.
	rows := groups(d.Groups, "person")
	if len(rows) != len(b.People) {
		t.Fatalf("%d row headers", len(rows))
	}
	for i, r := range rows {
		name := b.People[i].Employee.Name
		if len(r.Title) != 1 || r.Title[0] != name || len(r.Texts) != 1 {
			t.Errorf("row %d: %+v, want %q", i, r, name)
			continue
		}
		shown := r.Texts[0].Text
		if n := utf8.RuneCountInString(name); n > 28 {
			if utf8.RuneCountInString(shown) > 28 || !strings.HasSuffix(shown, "…") || !strings.HasPrefix(name, strings.TrimSuffix(shown, "…")) {
				t.Errorf("long name shown as %q", shown)
			}
		} else if shown != name {
			t.Errorf("name %q shown as %q", name, shown)
		}
	}
	if _, p := person(t, b, longName); !strings.Contains(s, longName) || p.Employee.Name != longName {
		t.Error("the Kazakh letters did not survive")
	}
	// The header: codes, units bold.
	heads := groups(d.Groups, "item")
	if len(heads) != len(b.Items) {
		t.Fatalf("%d column headers", len(heads))
	}
	for i, h := range heads {
		if len(h.Texts) != 1 || h.Texts[0].Text != b.Items[i].Code || (h.Texts[0].Weight == "bold") != b.Items[i].IsUnit() {
			t.Errorf("column %d (%s): %+v", i, b.Items[i].Code, h.Texts)
		}
	}
	if n := len(groups(d.Groups, "more")); n != 0 {
		t.Errorf("%d more rows with every person drawn", n)
	}
	legend := groups(d.Groups, "legend")
	if len(legend) != 1 || len(legend[0].Groups) != 6 {
		t.Fatalf("legend %+v", legend)
	}
	for _, e := range legend[0].Groups {
		if len(e.Rects) != 1 || len(e.Texts) == 0 || e.Texts[len(e.Texts)-1].Text == "" {
			t.Errorf("legend entry %+v", e)
		}
	}
	for _, m := range regexp.MustCompile(`font-size="([0-9.]+)"`).FindAllStringSubmatch(s, -1) {
		if n, _ := strconv.ParseFloat(m[1], 64); n < 11 {
			t.Errorf("text of %spx", m[1])
		}
	}
	// Escaped: the name with markup is text, not elements.
	if strings.Contains(s, "<b>") || !strings.Contains(s, "&lt;b&gt;") {
		t.Error("a name's markup is not escaped")
	}
	return d
}

// maxRows draws the first rows and says how many are not drawn.
func TestHeatMapSVGMaxRows(t *testing.T) {
	b := gapAnalysis(t).Blocks[0]
	d := parseSVG(t, report.HeatMapSVG(b, "ru", 2))
	if n := len(groups(d.Groups, "cell")); n != 2*len(b.Items) {
		t.Errorf("%d cells, want 2 rows of %d", n, len(b.Items))
	}
	rows := groups(d.Groups, "person")
	if len(rows) != 2 || rows[0].Title[0] != b.People[0].Employee.Name || rows[1].Title[0] != b.People[1].Employee.Name {
		t.Errorf("rows %+v", rows)
	}
	more := groups(d.Groups, "more")
	if len(more) != 1 || len(more[0].Texts) != 1 || !strings.Contains(more[0].Texts[0].Text, "не показано сотрудников: 3") {
		t.Errorf("more row %+v", more)
	}
	cell := groups(d.Groups, "cell")[0]
	if !strings.Contains(cell.Title[0], "требуемый уровень") {
		t.Errorf("Russian title %q", cell.Title[0])
	}
	// No limit below 1; an empty block is still an image.
	if n := len(groups(parseSVG(t, report.HeatMapSVG(b, "en", 0)).Groups, "cell")); n != len(b.People)*len(b.Items) {
		t.Errorf("maxRows 0: %d cells", n)
	}
	empty := parseSVG(t, report.HeatMapSVG(workforce.Block{}, "en", 10))
	if len(groups(empty.Groups, "cell")) != 0 || len(groups(empty.Groups, "legend")) != 1 {
		t.Errorf("empty block %+v", empty)
	}
}

func FuzzHeatMapSVG(f *testing.F) {
	f.Add("Әсел", "1.1", "Жастарға консультация беру")
	f.Add("<&\"'>", "]]>", "\x00\xff\ufffe")
	f.Fuzz(func(t *testing.T, name, code, title string) {
		b := workforce.Block{
			Position: workforce.Position{ID: 1, Title: title},
			Items:    []workforce.Item{{Path: "p", Unit: "p", Code: code, Title: map[string]string{"kk": title}, Required: 3}},
			People: []workforce.Person{{Employee: workforce.Employee{Name: name},
				Cells: []workforce.Cell{{Required: 3, Level: 1, Source: workforce.SourceManager, Gap: 2}}}},
		}
		d := parseSVG(t, report.HeatMapSVG(b, "kk", 5))
		if len(groups(d.Groups, "cell")) != 1 {
			t.Fatalf("%+v", d)
		}
	})
}
