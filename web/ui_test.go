package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"
	"github.com/kasip/kasip/web"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/webtest"
)

// The UI tests run the real server on a real SQLite registry holding the
// real fixtures: both Kazakh seeds, the three Russian register exports, a
// second version of M84120 (so there is something to compare) and one
// generated standard (to check it is marked as such everywhere).

// uiTestToday is the date the tests render for: I55101015 (review
// 2025-12-06) is overdue, M84120 (2026-11-05) is due within 90 days.
var uiTestToday = time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)

type uiTest struct {
	t   *testing.T
	srv *web.Server
	h   http.Handler
}

func newUITest(t *testing.T) *uiTest {
	t.Helper()
	ctx := context.Background()
	reg := webtest.Store(t, "")

	var files []string
	for _, pat := range []string{"../testdata/seeds/*.txt", "../testdata/ru/*.xml"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) != 5 {
		t.Fatalf("expected 5 fixtures, found %v", files)
	}
	var youth *kasip.Standard
	var programmer *kasip.Standard
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sts, err := read.Read(filepath.Base(f), data, read.Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, st := range sts {
			src := st.Sources[0]
			if _, err := reg.Import(ctx, st, []kasip.SourceFile{{Name: src.File, Format: src.Format, SHA256: src.SHA256, Data: data}}); err != nil {
				t.Fatalf("importing %s: %v", f, err)
			}
			switch st.Code {
			case "M84120":
				youth = st
			case "06.001":
				programmer = st
			}
		}
	}
	if youth == nil || programmer == nil {
		t.Fatal("the fixtures lack M84120 or 06.001")
	}

	// Version 2 of M84120: one knowledge item reworded, one ability added.
	v2 := uiClone(t, youth)
	v2.Technical.Version, v2.Technical.Year = "2", 2024
	v2.Order.Date = "2024-02-20" // approved anew: the diff shows dates in the page's format
	k := &v2.Cards[1].Functions[0].Skills[0].Knowledge[0]
	k.Text = kasip.Text{"kk": k.Text["kk"] + " және оның өзгерістері"}
	sk := &v2.Cards[1].Functions[0].Skills[0]
	sk.Abilities = append(sk.Abilities, kasip.Item{Number: len(sk.Abilities) + 1, Text: kasip.Text{"kk": "Әлеуметтік желілерде жастармен жұмыс істеу"}})
	uiImportJSON(t, reg, v2, "M84120-v2.json")

	// A generated (demo) standard.
	gen := uiClone(t, programmer)
	gen.Code, gen.Generated = "DEMO-06.001-901", true
	gen.Title = kasip.Text{"ru": "Программист (демо)"}
	uiImportJSON(t, reg, gen, "DEMO-06.001-901.json")

	svc := webtest.Services(reg)
	svc.Accounts = nil
	srv := webtest.New(t, svc, session.Options{Now: func() time.Time { return uiTestToday }})
	return &uiTest{t: t, srv: srv, h: srv.Handler()}
}

func uiClone(t *testing.T, st *kasip.Standard) *kasip.Standard {
	t.Helper()
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var c kasip.Standard
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// uiImportJSON imports st with its own JSON as the source document.
func uiImportJSON(t *testing.T, reg kasip.Registry, st *kasip.Standard, name string) {
	t.Helper()
	st.Sources = nil
	data, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	st.Sources = []kasip.Source{{File: name, Format: "kasip-json", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), Encoding: "utf-8"}}
	if _, err := reg.Import(context.Background(), st, []kasip.SourceFile{{Name: name, Format: "kasip-json", SHA256: st.Sources[0].SHA256, Data: data}}); err != nil {
		t.Fatalf("importing %s: %v", name, err)
	}
}

// uiPage is a response.
type uiPage struct {
	status int
	header http.Header
	body   string
}

// get requests path with the given request headers ("Name: value").
func (u *uiTest) get(path string, headers ...string) uiPage {
	u.t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	for _, h := range headers {
		name, value, _ := strings.Cut(h, ": ")
		r.Header.Add(name, value)
	}
	w := httptest.NewRecorder()
	u.h.ServeHTTP(w, r)
	b, _ := io.ReadAll(w.Result().Body)
	return uiPage{status: w.Code, header: w.Result().Header, body: string(b)}
}

// page gets path and checks the status, the UI language and the document's
// structure.
func (u *uiTest) page(path string, status int, lang string, headers ...string) uiPage {
	u.t.Helper()
	p := u.get(path, headers...)
	if p.status != status {
		u.t.Fatalf("GET %s: status %d, want %d\n%s", path, p.status, status, uiExcerpt(p.body))
	}
	if ct := p.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		u.t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if want := `<html lang="` + lang + `">`; !strings.Contains(p.body, want) {
		u.t.Errorf("GET %s: no %s", path, want)
	}
	uiCheckStructure(u.t, path, p.body)
	return p
}

func (p uiPage) has(t *testing.T, what ...string) {
	t.Helper()
	for _, s := range what {
		if !strings.Contains(p.body, s) {
			t.Errorf("the page lacks %q", s)
		}
	}
}

func (p uiPage) lacks(t *testing.T, what ...string) {
	t.Helper()
	for _, s := range what {
		if strings.Contains(p.body, s) {
			t.Errorf("the page has %q", s)
		}
	}
}

func uiExcerpt(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// uiCheckStructure fails t when body lacks what every page must have (see
// uiStructureProblems).
func uiCheckStructure(t *testing.T, path, body string) {
	t.Helper()
	for _, p := range uiStructureProblems(body) {
		t.Errorf("%s: %s", path, p)
	}
}

// uiStructureProblems checks what every page must have: it parses, one h1,
// headings that never skip a level going down, a skip link to #main, a
// label for every visible form control, ids used once, and an accessible
// name for every inline svg that is not hidden.
func uiStructureProblems(body string) []string {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	var headings []int
	ids := map[string]int{}
	labels := map[string]bool{}
	var controls []string
	skip := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			if id, ok := attr["id"]; ok {
				ids[id]++
			}
			switch n.Data {
			case "h1", "h2", "h3", "h4", "h5", "h6":
				headings = append(headings, int(n.Data[1]-'0'))
			case "label":
				labels[attr["for"]] = true
			case "input", "select", "textarea":
				if attr["type"] != "hidden" && attr["type"] != "submit" {
					controls = append(controls, attr["id"])
				}
			case "a":
				if attr["href"] == "#main" && strings.Contains(attr["class"], "skip") {
					skip = true
				}
			case "svg":
				if attr["aria-hidden"] != "true" && attr["aria-label"] == "" {
					problems = append(problems, "an svg without aria-label")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(headings) == 0 || headings[0] != 1 {
		problems = append(problems, fmt.Sprintf("the first heading is not h1: %v", headings))
	}
	h1 := 0
	for i, h := range headings {
		if h == 1 {
			h1++
		}
		if i > 0 && h > headings[i-1]+1 {
			problems = append(problems, fmt.Sprintf("heading h%d follows h%d", h, headings[i-1]))
		}
	}
	if h1 != 1 {
		problems = append(problems, fmt.Sprintf("%d h1 elements", h1))
	}
	if !skip {
		problems = append(problems, "no skip link")
	}
	for _, c := range controls {
		if c == "" || !labels[c] {
			problems = append(problems, fmt.Sprintf("form control %q has no label", c))
		}
	}
	for id, n := range ids {
		if n > 1 {
			problems = append(problems, fmt.Sprintf("id %q used %d times", id, n))
		}
	}
	slices.Sort(problems)
	return problems
}

func TestUIStructureProblems(t *testing.T) {
	bad := `<!doctype html><html lang="kk"><body><h2>a</h2><h1>b</h1><h1>c</h1><h4>d</h4>
<input id="x"><select></select><svg></svg><p id="p"></p><p id="p"></p></body></html>`
	want := []string{
		`2 h1 elements`,
		`an svg without aria-label`,
		`form control "" has no label`,
		`form control "x" has no label`,
		`heading h4 follows h1`,
		`id "p" used 2 times`,
		`no skip link`,
		`the first heading is not h1: [2 1 1 4]`,
	}
	if got := uiStructureProblems(bad); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestUIPages(t *testing.T) {
	u := newUITest(t)

	t.Run("home", func(t *testing.T) {
		p := u.page("/", http.StatusOK, "kk")
		p.has(t,
			"Кәсіптік стандарттар тізілімі", // h1 in Kazakh
			`action="/search"`, `name="q"`,
			`<span class="stat-n">6</span>`, // standards
			`<span class="stat-n">7</span>`, // versions: M84120 has two
			"I55101015", "M84120",
			"Қайта қарау мерзімі жақындаған немесе өткен",
		)
		// The language switch keeps the path and sets ?lang=.
		p.has(t, `href="/?lang=ru"`, `href="/?lang=en"`, `aria-current="true"`)
	})

	t.Run("language", func(t *testing.T) {
		p := u.page("/?lang=ru", http.StatusOK, "ru")
		p.has(t, "Реестр профессиональных стандартов", "Недавно добавленные", "Сроки пересмотра")
		c := p.header.Get("Set-Cookie")
		for _, want := range []string{"lang=ru", "HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(c, want) {
				t.Errorf("Set-Cookie %q lacks %s", c, want)
			}
		}
		if p.header.Get("Content-Language") != "ru" {
			t.Errorf("Content-Language %q", p.header.Get("Content-Language"))
		}
		u.page("/standards", http.StatusOK, "en", "Cookie: lang=en").has(t, "Standards found")
		u.page("/standards", http.StatusOK, "ru", "Accept-Language: ru-RU,ru;q=0.9").has(t, "Найдено стандартов")
		// The switch on a page with a query keeps the query.
		u.page("/standards?q=06", http.StatusOK, "kk").has(t, `href="/standards?lang=ru&amp;q=06"`)
	})

	t.Run("standards", func(t *testing.T) {
		p := u.page("/standards", http.StatusOK, "kk")
		p.has(t, "06.001", "06.037", "25.005", "I55101015", "M84120", "DEMO-06.001-901",
			`<label for="f-q">`, "Табылған стандарттар")
		p = u.page("/standards?q=M84120", http.StatusOK, "kk")
		p.has(t, "M84120")
		p.lacks(t, "06.001")
		u.page("/standards?generated=no", http.StatusOK, "kk").lacks(t, "DEMO-06.001-901")
		u.page("/standards?page=abc", http.StatusBadRequest, "kk").has(t, "page")
		u.page("/standards?sort=size&lang=en", http.StatusBadRequest, "en").has(t, "sort", "expected one of")
		u.page("/standards?q="+strings.Repeat("ә", 201), http.StatusBadRequest, "kk")
	})

	t.Run("title order", func(t *testing.T) {
		// Kazakh collation: Қ (I55101015 "Қонақтармен…") after К and
		// before Л, М (M84120 "Мемлекеттік…"); Russian titles keep
		// Russian order (Инженер… before Программист…, Специалист…).
		p := u.page("/standards?sort=title", http.StatusOK, "kk")
		order := uiOrder(p.body, "25.005", "06.001", "06.037", "I55101015", "M84120")
		want := []string{"25.005", "I55101015", "M84120", "06.001", "06.037"}
		// Titles shown in kk: 25.005 Инженер…, I55101015 Қонақтармен…,
		// M84120 Мемлекеттік…, 06.001 Программист, 06.037 Специалист…
		if strings.Join(order, " ") != strings.Join(want, " ") {
			t.Errorf("sorted by title: %v, want %v", order, want)
		}
	})

	t.Run("standard", func(t *testing.T) {
		p := u.page("/standards/M84120", http.StatusOK, "kk")
		p.has(t,
			"Мемлекеттік жастар саясаты саласындағы қызмет",
			"Жастармен жұмыс жөніндегі маман",           // card 2
			"Жастарға сенімді және жүйелі ақпарат беру", // an ability
			"Қазақстан РеспубликасыныңЕңбек кодексі",    // a knowledge item, as written
			"<details", "<summary",
			`role="img"`, "<title>", // the ladder
			"review-overdue", "card-list-mismatch", // lint findings
			`href="/api/v1/standards/M84120/versions/2"`,           // JSON download
			`href="/api/v1/standards/M84120/versions/2/sources/0"`, // source download
			`href="/standards/M84120/v/1"`,                         // versions list
			`href="/standards/M84120/v/2/cards/2"`,                 // card page
		)
		p = u.page("/standards/M84120/v/1", http.StatusOK, "kk")
		p.has(t, `title="Дереккөз: 004_0389e6b855ff2fb2.txt:152"`, // provenance: file:line
			"Бұл стандарттың соңғы нұсқасы емес.")
		// The ladder places card 1 on level 6 and card 2 on level 5 with their related professions.
		svg := p.body[strings.Index(p.body, "<svg class=\"ladder\""):]
		svg = svg[:strings.Index(svg, "</svg>")]
		for _, s := range []string{"Әлеуметтік қызметкер", "Орталық директоры", "Деңгей 6: Орталықтың директоры", "Деңгей 5: Жастармен жұмыс жөніндегі маман"} {
			if !strings.Contains(svg, s) {
				t.Errorf("the ladder lacks %q", s)
			}
		}
	})

	t.Run("standard text language", func(t *testing.T) {
		// A Russian standard in the Kazakh UI: UI strings in Kazakh, the
		// standard's text in Russian marked as such.
		p := u.page("/standards/06.001", http.StatusOK, "kk")
		p.has(t, "Кәсіп карточкалары", `<span lang="ru">Программист</span>`)
		p = u.page("/standards/06.001?lang=ru", http.StatusOK, "ru")
		p.has(t, "Карточки профессий", "<h1>Программист</h1>")
	})

	t.Run("card", func(t *testing.T) {
		p := u.page("/standards/M84120/v/1/cards/2", http.StatusOK, "kk")
		p.has(t, "<h1>Жастармен жұмыс жөніндегі маман</h1>", "3412-0-003",
			"Жастарға консультация беру", // a skill
			`href="/standards/M84120/v/1/cards/1"`, "print-foot",
			// The job description of the card, in the language it has.
			"Осы карточкадан жасалған лауазымдық нұсқаулық",
			`href="/api/v1/standards/M84120/cards/1/job-description?format=docx&amp;lang=kk&amp;version=1"`)
		if p := u.page("/standards/M84120/v/1/cards/2", http.StatusOK, "kk"); strings.Contains(p.body, "lang=ru&amp;version") {
			t.Error("the card page offers a Russian job description of a Kazakh-only card")
		}
		u.page("/standards/06.001/v/1/cards/1?lang=en", http.StatusOK, "en").has(t, "Job description generated from this card", "format=pdf&amp;lang=ru")
		u.page("/standards/M84120/v/1/cards/3", http.StatusNotFound, "kk")
		u.page("/standards/M84120/v/1/cards/0", http.StatusBadRequest, "kk")
		u.page("/standards/M84120/v/1/cards/x?lang=ru", http.StatusBadRequest, "ru").has(t, "Номер карточки")
		u.page("/standards/06.001/v/1/cards/1?lang=en", http.StatusOK, "en").has(t, "Labour actions", "A/01.3")
	})

	t.Run("professions", func(t *testing.T) {
		p := u.page("/professions", http.StatusOK, "kk")
		p.has(t, "Жастармен жұмыс жөніндегі маман", "Қонақтармен", `<label for="p-level">`, `<label for="p-oked">`, "ерікті")
		p = u.page("/professions?level=5", http.StatusOK, "kk")
		p.has(t, "Жастармен жұмыс жөніндегі маман")
		p.lacks(t, "Орталықтың директоры")
		p = u.page("/professions?code=4224", http.StatusOK, "kk")
		p.has(t, "I55101015")
		p.lacks(t, "M84120")
		u.page("/professions?language=ru&lang=ru", http.StatusOK, "ru").lacks(t, "Жастармен жұмыс")
		u.page("/professions?level=9", http.StatusBadRequest, "kk")
		u.page("/professions?oked=M5", http.StatusBadRequest, "kk")
		u.page("/professions?code=abc", http.StatusBadRequest, "kk")
	})

	t.Run("diff", func(t *testing.T) {
		p := u.page("/standards/M84120/diff", http.StatusOK, "kk")
		p.has(t, "Нұсқалар мен өзгерістер", "және оның өзгерістері", "Әлеуметтік желілерде жастармен жұмыс істеу",
			"<ins>", `class="old"`, `class="new"`, "20.02.2024")
		p.lacks(t, "2024-02-20")
		u.page("/standards/M84120/diff?lang=en", http.StatusOK, "en").has(t, "20 Feb 2024")
		u.page("/standards/M84120/diff?from=1&to=1", http.StatusOK, "kk").has(t, "Салыстыру үшін екі түрлі нұсқаны таңдаңыз.")
		u.page("/standards/M84120/diff?from=7", http.StatusNotFound, "kk")
		u.page("/standards/06.001/diff?lang=en", http.StatusOK, "en").has(t, "The registry holds one version of this standard")
		u.page("/standards/NOPE/diff", http.StatusNotFound, "kk")
	})

	t.Run("review", func(t *testing.T) {
		p := u.page("/review", http.StatusOK, "kk")
		overdue := p.body[strings.Index(p.body, `id="overdue"`):strings.Index(p.body, `id="due"`)]
		due := p.body[strings.Index(p.body, `id="due"`):strings.Index(p.body, `id="later"`)]
		if !strings.Contains(overdue, "I55101015") || strings.Contains(overdue, "M84120") {
			t.Errorf("overdue section:\n%s", overdue)
		}
		if !strings.Contains(due, "M84120") {
			t.Errorf("due section:\n%s", due)
		}
		u.page("/review?lang=ru", http.StatusOK, "ru").has(t, "Просроченные", "на 269 дней", "через 65 дней")
		u.page("/review?lang=en", http.StatusOK, "en").has(t, "by 269 days", "in 65 days")
	})

	t.Run("generated", func(t *testing.T) {
		p := u.page("/standards/DEMO-06.001-901", http.StatusOK, "kk")
		p.has(t, "<title>[үлгі] Программист (демо) — Kasip</title>", "badge-gen")
		u.page("/standards?q=DEMO-06.001-901&lang=ru", http.StatusOK, "ru").has(t, "badge-gen", ">демо<")
		u.page("/professions?lang=en&q=%D0%B4%D0%B5%D0%BC%D0%BE", http.StatusOK, "en")
		u.page("/standards/06.001", http.StatusOK, "kk").lacks(t, "badge-gen\"")
	})

	t.Run("not found", func(t *testing.T) {
		u.page("/standards/NOPE", http.StatusNotFound, "kk").has(t, "Бет табылмады", "«NOPE»")
		u.page("/standards/NOPE?lang=ru", http.StatusNotFound, "ru").has(t, "Страница не найдена")
		u.page("/standards/M84120/v/9?lang=en", http.StatusNotFound, "en").has(t, "Page not found", "has no version")
		u.page("/no/such/page", http.StatusNotFound, "kk")
		// A code typed with a Cyrillic М is redirected to the Latin one.
		if p := u.get("/standards/%D0%9C84120/v/1/cards/2?lang=ru"); p.status != http.StatusMovedPermanently || p.header.Get("Location") != "/standards/M84120/v/1/cards/2?lang=ru" {
			t.Errorf("Cyrillic code: %d %q", p.status, p.header.Get("Location"))
		}
		u.page("/standards/%00", http.StatusNotFound, "kk")
		if p := u.get("/api/v1/nothing"); p.status != http.StatusNotFound || !strings.HasPrefix(p.header.Get("Content-Type"), "application/problem+json") {
			t.Errorf("/api/v1/nothing: %d %s", p.status, p.header.Get("Content-Type"))
		}
	})

	t.Run("static", func(t *testing.T) {
		p := u.get("/")
		m := regexp.MustCompile(`href="(/static/app\.[0-9a-f]{8}\.css)"`).FindStringSubmatch(p.body)
		if m == nil {
			t.Fatal("no hashed stylesheet link")
		}
		css := u.get(m[1])
		if css.status != http.StatusOK || !strings.HasPrefix(css.header.Get("Content-Type"), "text/css") {
			t.Fatalf("%s: %d %s", m[1], css.status, css.header.Get("Content-Type"))
		}
		if cc := css.header.Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
			t.Errorf("Cache-Control %q", cc)
		}
		for _, s := range []string{"@page", "size: A4", "@media print", `"Noto Sans", "DejaVu Sans", system-ui`, ":focus-visible"} {
			if !strings.Contains(css.body, s) {
				t.Errorf("the stylesheet lacks %s", s)
			}
		}
		if u.get("/static/app.00000000.css").status != http.StatusNotFound {
			t.Error("an unknown asset is not 404")
		}
	})
}

// uiOrder returns the codes in the order they first appear in body, as
// links to their standards.
func uiOrder(body string, codes ...string) []string {
	type pos struct {
		code string
		at   int
	}
	var ps []pos
	for _, c := range codes {
		if i := strings.Index(body, `href="/standards/`+url.PathEscape(c)+`"`); i >= 0 {
			ps = append(ps, pos{c, i})
		}
	}
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			if ps[j].at < ps[i].at {
				ps[i], ps[j] = ps[j], ps[i]
			}
		}
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.code
	}
	return out
}
