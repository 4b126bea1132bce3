package browser_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"
	"github.com/kasip/kasip/web"
	"github.com/kasip/kasip/web/webtest"
)

// browserServer serves a registry holding the seeds, the Russian register
// standard, and a second version of seed 004.
func browserServer(t *testing.T) string {
	t.Helper()
	reg := webtest.Store(t, "")
	for _, p := range []string{"../../testdata/seeds/000_78fd8bd149563dd7.txt", "../../testdata/seeds/004_0389e6b855ff2fb2.txt", "../../testdata/ru/PS_06.001_reg4.xml"} {
		importFile(t, reg, p, nil)
	}
	// Version 2 of M84120: one knowledge item reworded, the review date moved.
	importFile(t, reg, "../../testdata/seeds/004_0389e6b855ff2fb2.txt", func(st *kasip.Standard, data []byte) []byte {
		st.Technical.Version, st.Technical.Year, st.Technical.ReviewDate = "2", 2025, "2030-01-01"
		k := &st.Cards[0].Functions[0].Skills[0].Knowledge[0]
		k.Text["kk"] = "Қазақстан Республикасының Конституциясы"
		return append(data, []byte("\n")...)
	})
	svc := webtest.Services(reg)
	svc.Accounts = nil
	ts := webtest.Start(t, svc, web.Options{}).Server
	return ts.URL
}

func importFile(t *testing.T, reg kasip.Registry, path string, edit func(*kasip.Standard, []byte) []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sts, err := read.Read(filepath.Base(path), data, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		d := data
		if edit != nil {
			d = edit(st, data)
			sts2, _ := read.Read(filepath.Base(path), d, read.Options{})
			st.Sources = sts2[0].Sources
		}
		src := kasip.SourceFile{Name: st.Sources[0].File, Format: st.Sources[0].Format, SHA256: st.Sources[0].SHA256, Data: d}
		if _, err := reg.Import(context.Background(), st, []kasip.SourceFile{src}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserJourney: home → search → a standard → a card → switch
// language → versions diff, as a person would click through it.
func TestBrowserJourney(t *testing.T) {
	base := browserServer(t)
	b := newTab(t, startChromium(t, 90*time.Second))
	b.run("home and search",
		chromedp.Navigate(base+"/?lang=kk"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "жастар"),
		chromedp.Submit(chromedp.ID("q")),
	)
	// Wait for the results page, not the home page's own links to M84120.
	b.run("results", chromedp.WaitVisible(chromedp.CSS(`.results a[href^="/standards/M84120"]`)))
	if loc := b.location(); !strings.Contains(loc, "q=") {
		t.Errorf("search did not go to the results: %s", loc)
	}
	b.run("open the standard",
		chromedp.Click(chromedp.CSS(`a[href^="/standards/M84120"]`)),
		chromedp.WaitVisible(chromedp.CSS(`article.card`)),
	)
	if h1 := b.text("h1"); !strings.Contains(h1, "Мемлекеттік жастар саясаты") {
		t.Errorf("standard page h1 = %q", h1)
	}
	b.run("open a card",
		chromedp.Click(chromedp.CSS(`a[href*="/cards/"]`)),
		chromedp.WaitVisible(chromedp.CSS(`h1`)),
	)
	if loc, main := b.location(), b.text("main"); !strings.Contains(loc, "/cards/") || !strings.Contains(main, "ЖРО қызметін ұйымдастыру") {
		t.Errorf("card page %s lacks the skill", loc)
	}
	b.run("switch to Russian",
		chromedp.Click(chromedp.CSS(`nav.langs a[hreflang="ru"]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="ru"]`)),
	)
	if lang, loc := b.attr("html", "lang"), b.location(); lang != "ru" || !strings.Contains(loc, "/cards/") {
		t.Errorf("after switching: lang %q at %s", lang, loc)
	}
	b.run("versions diff",
		chromedp.Navigate(base+"/standards/M84120"),
		chromedp.WaitVisible(chromedp.CSS(`a[href*="/diff"]`)),
		chromedp.Click(chromedp.CSS(`a[href*="/diff"]`)),
		chromedp.WaitVisible(chromedp.CSS(`h1`)),
	)
	if lang := b.attr("html", "lang"); lang != "ru" {
		t.Errorf("the language choice was not kept (cookie): %q", lang)
	}
	if main := b.text("main"); !strings.Contains(main, "Қазақстан Республикасының Конституциясы") || !strings.Contains(main, "РеспубликасыныңКонституциясы") {
		t.Errorf("diff page does not show the old and new wording:\n%s", clip(main))
	}
}

// TestBrowserSuggest: typing in the search box offers suggestions; the
// keyboard moves through them, Escape closes them, Enter opens one.
func TestBrowserSuggest(t *testing.T) {
	base := browserServer(t)
	b := newTab(t, startChromium(t, 90*time.Second))
	b.run("type",
		chromedp.Navigate(base+"/?lang=ru"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "програм"),
		chromedp.WaitVisible(chromedp.CSS("#q-suggest li")),
	)
	if exp, ac := b.attr("#q", "aria-expanded"), b.attr("#q", "aria-autocomplete"); exp != "true" || ac != "list" {
		t.Errorf("combobox: aria-expanded %q, aria-autocomplete %q", exp, ac)
	}
	if first := b.text("#q-suggest li"); !strings.Contains(first, "рограммист") {
		t.Errorf("first suggestion %q", first)
	}
	b.run("escape", chromedp.SendKeys(chromedp.ID("q"), kb.Escape), chromedp.WaitNotVisible(chromedp.ID("q-suggest")))
	b.run("type again",
		chromedp.SendKeys(chromedp.ID("q"), "и"),
		chromedp.WaitVisible(chromedp.CSS("#q-suggest li")),
		chromedp.SendKeys(chromedp.ID("q"), kb.ArrowDown),
	)
	if ad := b.attr("#q", "aria-activedescendant"); ad != "q-suggest-0" {
		t.Errorf("after ArrowDown: aria-activedescendant %q", ad)
	}
	b.run("enter",
		chromedp.SendKeys(chromedp.ID("q"), kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("article")),
	)
	if loc := b.location(); !strings.Contains(loc, "/standards/06.001") {
		t.Errorf("Enter on the first suggestion went to %s", loc)
	}
}

// TestBrowserReviewDashboard: the overdue standards are on the dashboard.
func TestBrowserReviewDashboard(t *testing.T) {
	base := browserServer(t)
	b := newTab(t, startChromium(t, 90*time.Second))
	b.run("review dashboard", chromedp.Navigate(base+"/review?lang=en"), chromedp.WaitVisible(chromedp.CSS("h1")))
	// Seed 000 is overdue (2025-12-06); M84120's latest version is due in 2030.
	if main := b.text("main"); !strings.Contains(main, "I55101015") || !strings.Contains(main, "6 Dec 2025") {
		t.Errorf("review dashboard lacks the overdue standard:\n%s", clip(main))
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}
