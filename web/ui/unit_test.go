package ui

import (
	"encoding/xml"
	"net/url"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/ui/page"
)

func TestUIHumanPath(t *testing.T) {
	cases := []struct{ path, lang, want string }{
		{"cards[0].functions[1].skills[0].knowledge[3]", "en", "Card 1 › Labour function 2 › Skill 1 › Knowledge item 4"},
		{"cards[0].functions[1].skills[0].knowledge[3]", "ru", "Карточка 1 › Трудовая функция 2 › Навык 1 › Знание 4"},
		{"cards[2].title.ru", "kk", "Карточка 3 › Атауы › (орысша)"},
		{"technical.review_date", "en", "Technical data › Planned review date"},
		{"mystery[4].thing", "en", "mystery 5 › thing"},
	}
	for _, c := range cases {
		if got := page.UIHumanPath(c.path, c.lang); got != c.want {
			t.Errorf("uiHumanPath(%q, %s) = %q, want %q", c.path, c.lang, got, c.want)
		}
	}
	if n, ok := uiPathCard("cards[2].functions[0]"); !ok || n != 3 {
		t.Errorf("uiPathCard = %d, %v", n, ok)
	}
	if _, ok := uiPathCard("technical.version"); ok {
		t.Error("uiPathCard found a card in technical.version")
	}
}

func TestUIWordDiff(t *testing.T) {
	o, n := page.WordDiff("Жастарға сенімді ақпарат беру", "Жастарға сенімді және жүйелі ақпарат <b>беру</b>")
	if string(o) != "Жастарға сенімді ақпарат <del>беру</del>" {
		t.Errorf("old: %s", o)
	}
	if string(n) != "Жастарға сенімді <ins>және жүйелі</ins> ақпарат <ins>&lt;b&gt;беру&lt;/b&gt;</ins>" {
		t.Errorf("new: %s", n)
	}
	o, n = page.WordDiff("", "<x>")
	if string(o) != "" || string(n) != "&lt;x&gt;" {
		t.Errorf("empty old: %q %q", o, n)
	}
}

func TestUIDays(t *testing.T) {
	cases := map[int][3]string{ // en, ru, kk
		1:   {"1 day", "1 день", "1 күн"},
		2:   {"2 days", "2 дня", "2 күн"},
		5:   {"5 days", "5 дней", "5 күн"},
		11:  {"11 days", "11 дней", "11 күн"},
		21:  {"21 days", "21 день", "21 күн"},
		112: {"112 days", "112 дней", "112 күн"},
		124: {"124 days", "124 дня", "124 күн"},
	}
	for n, want := range cases {
		for i, lang := range []string{"en", "ru", "kk"} {
			if got := page.UIDays(n, lang); got != want[i] {
				t.Errorf("uiDays(%d, %s) = %q, want %q", n, lang, got, want[i])
			}
		}
	}
}

func TestUIWrap(t *testing.T) {
	got := page.UIWrap("Орталықтың директоры (меңгерушісі) (жастарға ақпарат, жастарға консультативтік қызметтер)", 30, 2)
	if len(got) != 2 || !strings.HasSuffix(got[1], "…") {
		t.Errorf("wrap: %q", got)
	}
	for _, l := range got {
		if n := len([]rune(l)); n > 30 {
			t.Errorf("line of %d letters: %q", n, l)
		}
	}
	if got := page.UIWrap("Маман", 30, 2); len(got) != 1 || got[0] != "Маман" {
		t.Errorf("short: %q", got)
	}
}

func TestUIPager(t *testing.T) {
	u, _ := url.Parse("/standards?q=%D0%B0&page=7&lang=ru")
	p := page.NewPager(u, 7, 400, 20)
	if p.Pages != 20 || p.Prev != "/standards?page=6&q=%D0%B0" || p.Next != "/standards?page=8&q=%D0%B0" {
		t.Errorf("pager: %+v", p)
	}
	var ns []int
	gaps := 0
	for _, l := range p.Links {
		if l.Gap {
			gaps++
			continue
		}
		ns = append(ns, l.N)
	}
	if gaps != 2 || len(ns) != 7 || ns[0] != 1 || ns[6] != 20 {
		t.Errorf("links: %v, %d gaps", ns, gaps)
	}
	if p := page.NewPager(u, 1, 5, 20); len(p.Links) != 0 || p.Prev != "" || p.Next != "" {
		t.Errorf("one page: %+v", p)
	}
}

func TestUILadderSVG(t *testing.T) {
	st := &kasip.Standard{Cards: []kasip.Card{
		{Title: kasip.Text{"kk": "Жастармен жұмыс жөніндегі маман", "ru": "Специалист по работе с молодёжью"}, Level: 5, Codes: []string{"3412-0-003"},
			Related: []kasip.Related{{Level: 5, Title: kasip.Text{"kk": "Әлеуметтік қызметкер"}}, {Level: 6, Title: kasip.Text{"kk": "Орталық директоры & <басшы>"}}}},
		{Title: kasip.Text{"kk": "Директор"}, Level: 6,
			Related: []kasip.Related{{Level: 6, Title: kasip.Text{"kk": "Орталық директоры & <басшы>"}}}},
		{Title: kasip.Text{"kk": "Деңгейсіз"}}, // no level: not drawn
	}}
	svg := string(page.UILadderSVG(st, "ru"))
	// Well-formed XML.
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("not well-formed: %v\n%s", err, svg)
			}
			break
		}
	}
	for _, s := range []string{`role="img"`, `aria-label="`, "<title>", "Специалист по работе с молодёжью", `lang="kk"`, "Орталық директоры &amp; &lt;басшы&gt;", ">8</text>", ">1</text>"} {
		if !strings.Contains(svg, s) {
			t.Errorf("the ladder lacks %q", s)
		}
	}
	if strings.Contains(svg, "Деңгейсіз") {
		t.Error("a card without a level is drawn")
	}
	// The shared related profession is drawn once, joined to both cards.
	if n := strings.Count(svg, `<circle cx="654"`); n != 2 {
		t.Errorf("%d related professions drawn, want 2", n)
	}
	if n := strings.Count(svg, "<path "); n != 3 {
		t.Errorf("%d connectors, want 3", n)
	}
	if page.UILadderSVG(&kasip.Standard{}, "kk") != "" {
		t.Error("a standard without cards has a ladder")
	}
}

func TestUIParses(t *testing.T) {
	u, err := page.NewUI()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.UILangs {
		for _, p := range page.UIPages {
			if u.Pages[lang][p] == nil {
				t.Errorf("no %s page in %s", p, lang)
			}
		}
	}
	if !strings.HasPrefix(u.AssetURL["app.css"], "/static/app.") {
		t.Errorf("app.css is served as %q", u.AssetURL["app.css"])
	}
}
