package browser_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/jobdesc"
	"github.com/kasip/kasip/recognition"
	websession "github.com/kasip/kasip/web/session"
	uipage "github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/workforce"
)

// TestBrowserWorkforceFlow: standards at work in a real browser, on the
// demo data. Only the organisation and its HR member are made through the
// store; the rest goes through the pages and their forms, in Russian. The
// HR opens the programme's card and creates a position from it (the job
// description, and its DOCX fetched with the browser's session), adds two
// employees on the organisation's page (the first linked to the demo
// candidate whose application is decided), assesses them (the first 1 on
// every unit, the second 3), reads the heat map (the first person's cells
// a gap of 2, the second's met) and plans a recognition action with the
// programme. The centre's manager issues the certificate of the decided
// application; the HR's heat map then shows the first person's units
// confirmed by it, and the action says its gap is closed.
func TestBrowserWorkforceFlow(t *testing.T) {
	chromium(t) // skips (or fails with KASIP_REQUIRE_ALL=1) before anything is set up
	start := time.Now()
	ctx := context.Background()
	e := demoServer(t, false)
	admin := wfAccount(t, e, "admin@demo.kasip")
	hrAcc := wfAccount(t, e, "employer@demo.kasip")
	manager := wfAccount(t, e, "manager@demo.kasip")
	const candLogin = "candidate1@demo.kasip"
	app := e.decided(t)
	candUser, err := e.st.UserByLogin(ctx, candLogin)
	if err != nil {
		t.Fatal(err)
	}
	if candUser.CandidateID == 0 || candUser.CandidateID != app.CandidateID {
		t.Fatalf("%s is candidate %d; the decided application %d is candidate %d's", candLogin, candUser.CandidateID, app.ID, app.CandidateID)
	}
	prog, err := e.st.GetProgramme(ctx, e.seed.ProgrammeID)
	if err != nil {
		t.Fatal(err)
	}
	if prog.StandardCode != e.seed.StandardCode || prog.Card != e.seed.Card {
		t.Fatalf("the programme is of %s card %d, the seed says %s card %d", prog.StandardCode, prog.Card, e.seed.StandardCode, e.seed.Card)
	}
	std, err := e.st.Standard(ctx, prog.StandardCode, prog.StandardVersion)
	if err != nil {
		t.Fatal(err)
	}
	units := recognition.Units(&std.Cards[prog.Card], prog.Card)
	if len(units) == 0 {
		t.Fatalf("%s card %d has no unit", prog.StandardCode, prog.Card+1)
	}
	progTitle := prog.Title.Best("ru")

	// ---- Set up through the store: the organisation and its HR. ----
	bin, err := recognition.CompleteNumber("0501400", 1)
	if err != nil {
		t.Fatal(err)
	}
	org, err := e.st.CreateOrganisation(ctx, admin.UserID, workforce.Organisation{Kind: workforce.KindEmployer,
		Name: "ТОО «Тестовый работодатель»", BIN: bin})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.SetMember(ctx, admin.UserID, workforce.Member{OrgID: org.ID, UserID: hrAcc.UserID, Role: workforce.RoleHR}); err != nil {
		t.Fatal(err)
	}
	orgURL := "/orgs/" + strconv.FormatInt(org.ID, 10)

	root := startChromium(t, 3*time.Minute, chromedp.WindowSize(1280, 1000), chromedp.Flag("lang", "en-US"))
	b := wfTab(t, root, e.url)

	// ---- The HR creates a position from the programme's card. ----
	wfSignIn(b, "HR", hrAcc)
	// The card page numbers the cards from 1 in the standard's order (the
	// handler reads Cards[n-1]), whatever number the card itself carries.
	cardURL := uipage.UICardURL(prog.StandardCode, prog.StandardVersion, prog.Card+1)
	b.step("open the card", chromedp.Navigate(e.url+cardURL), chromedp.WaitVisible(chromedp.CSS("main h1")))
	b.want("the card offers a position", "#create-position", "Создать должность по этой карточке", org.Name)
	b.follow("create a position from this card", `#create-position a[href^="`+orgURL+`/positions/new?"]`)
	b.want("the new position's form", "main h1", "Новая должность")
	if v := recEval[string](b, "the card chosen", `document.querySelector("#p-card").value`); v != strconv.Itoa(prog.Card) {
		b.fatalf("the card chosen", "the form has card %q, want %d", v, prog.Card)
	}
	if v := recEval[string](b, "the required level", `document.querySelector("#p-required").value`); v != "3" {
		b.fatalf("the required level", "the form requires %q, want 3 by default", v)
	}
	title := "Ведущий специалист по работе с молодёжью"
	b.step("type the title", chromedp.Clear(chromedp.ID("p-title")), chromedp.SendKeys(chromedp.ID("p-title"), title))
	if v := recEval[string](b, "the title typed", `document.querySelector("#p-title").value`); v != title {
		b.fatalf("the title typed", "the field holds %q", v)
	}
	b.submit("create the position", `form[action="`+orgURL+`/positions"] button[type="submit"]`)
	b.want("the notice", recNotice, "Должность создана.")
	b.want("the position's page", "main h1", title)
	positionID := wfIDOf(b.location(), "positions")
	if positionID == "" {
		b.fatalf("create the position", "not on a position's page")
	}
	b.want("the position's facts", "dl.facts", "Требуемый уровень", "3 —", "единицы")
	b.want("the job description", "#job-description", "Должностная инструкция", title)
	descLang := recEval[string](b, "the description's language", `document.querySelector("#job-description .wf-jd").lang`)
	if descLang != "ru" { // the page's language, which the card has
		b.fatalf("the description's language", "%q, want ru", descLang)
	}
	if n := b.count("#job-description section.wf-section"); n != len(jobdesc.SectionKeys) {
		b.fatalf("the description's sections", "%d sections, want %d", n, len(jobdesc.SectionKeys))
	}
	for i, key := range jobdesc.SectionKeys {
		if h := b.text("#h-sec-" + key); !strings.HasPrefix(h, strconv.Itoa(i+1)+". ") {
			b.fatalf("the description's sections", "section %s is headed %q, want number %d", key, h, i+1)
		}
	}
	nums := recEval[[]string](b, "the duties' numbers", `Array.from(document.querySelectorAll("#sec-duties ol.wf-lines > li > .wf-num"), n => n.textContent.trim())`)
	if len(nums) == 0 {
		b.fatalf("the duties", "no numbered line")
	}
	numbered := regexp.MustCompile(`^3\.\d+(\.\d+)*$`)
	for _, n := range nums {
		if !numbered.MatchString(n) {
			b.fatalf("the duties", "line numbers %q: %q is not numbered within section 3", nums, n)
		}
	}
	// The first duty: the text of its line, without the number and the
	// source's details.
	duty := recEval[string](b, "the first duty", `Array.from(document.querySelector("#sec-duties ol.wf-lines > li").childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join("").trim()`)
	if duty == "" {
		b.fatalf("the first duty", "the line has no text")
	}

	// ---- The DOCX, fetched with the browser's session cookie. ----
	docx := `#job-description a[href*="format=docx"][hreflang="` + descLang + `"]`
	if n := b.count(docx); n != 1 {
		b.fatalf("the DOCX link", "%d links match %s", n, docx)
	}
	body, ctype := wfFetch(b, e.url+wfAttr(b, docx, "href"))
	if ctype != jobdesc.DocxContentType {
		t.Errorf("the DOCX is served as %q", ctype)
	}
	text := wfDocxText(t, body)
	for _, want := range []string{title, nums[0] + ". " + duty} {
		if !strings.Contains(text, want) {
			t.Errorf("the DOCX lacks %q:\n%s", want, text)
		}
	}

	// ---- Two employees, added on the organisation's page. ----
	type employee struct{ name, login, url string }
	staff := []*employee{{name: "Демо Кандидат Бір", login: candLogin}, {name: "Айгерим Тестова"}}
	for _, em := range staff {
		b.follow("back to the organisation", `nav.crumbs a[href="`+orgURL+`"]`)
		b.want("the organisation's page", "main h1", org.Name)
		fill := []chromedp.Action[chromedp.Void]{
			chromedp.SendKeys(chromedp.ID("e-name"), em.name),
			chromedp.SetValue(chromedp.ID("e-position"), positionID),
		}
		if em.login != "" {
			fill = append(fill, chromedp.SendKeys(chromedp.ID("e-login"), em.login))
		}
		b.submit("add "+em.name, `form[action="`+orgURL+`/employees"] button[type="submit"]`, fill...)
		b.want("the notice", recNotice, "Сотрудник добавлен.")
		b.want("the employee's page", ".page-head", em.name, "Должность: "+title)
		id := wfIDOf(b.location(), "employees")
		if id == "" {
			b.fatalf("add "+em.name, "not on an employee's page")
		}
		em.url = orgURL + "/employees/" + id
	}

	// ---- The HR assesses both: 1 and 3 on every unit. ----
	for i, level := range []int{1, 3} {
		em := staff[i]
		b.step("open "+em.name, chromedp.Navigate(e.url+em.url), chromedp.WaitVisible(chromedp.CSS("table.wf-assessment")))
		if n := b.count(`table.wf-assessment select[name^="manager_"]`); n != len(units) {
			b.fatalf("the assessment form", "%d manager's levels to give, want one per unit (%d)", n, len(units))
		}
		if n := b.count(`table.wf-assessment select[name^="self_"]`); n != 0 {
			b.fatalf("the assessment form", "HR is offered the employee's own levels")
		}
		var fill []chromedp.Action[chromedp.Void]
		for u := range units {
			fill = append(fill, chromedp.SetValue(chromedp.ID("mgr-"+strconv.Itoa(u)), strconv.Itoa(level)))
		}
		b.submit("assess "+em.name, `form[action="`+em.url+`/ratings"] button[type="submit"]`, fill...)
		b.want("the notice", recNotice, "Оценка сохранена.")
		rows := b.texts("table.wf-assessment tbody tr")
		gaps := b.texts("table.wf-assessment tbody tr.wf-gap")
		if len(rows) != len(units) {
			b.fatalf("the assessment", "%d rows, want %d", len(rows), len(units))
		}
		wantGaps := 0
		if level < 3 {
			wantGaps = len(units)
		}
		if len(gaps) != wantGaps {
			b.fatalf("the assessment", "%d rows with a gap, want %d", len(gaps), wantGaps)
		}
		for _, r := range rows {
			if !strings.Contains(r, "оценка руководителя") || (level < 3) != strings.Contains(r, "−2") {
				b.fatalf("the assessment", "row %q: want the manager's level %d and a gap of %d", r, level, 3-min(level, 3))
			}
		}
		b.want("the summary", "#assessment p.meta", fmt.Sprintf("Элементы с разрывом: %d", wantGaps))
	}
	b.step("open the organisation", chromedp.Navigate(e.url+orgURL), chromedp.WaitVisible(chromedp.ID("employees")))
	b.want("the first employee's gaps", `#employees tr:has(a[href="`+staff[0].url+`"]) .badge-warn`, strconv.Itoa(len(units)))
	b.want("the second employee's gaps", `#employees tr:has(a[href="`+staff[1].url+`"]) .badge-ok`, "0")

	// ---- The heat map: a gap of 2 on every unit of the first, the second met. ----
	gapsURL := e.url + orgURL + "/gaps?lang=ru"
	mapSel := "#map-" + positionID + " svg"
	b.step("open the gap analysis", chromedp.Navigate(gapsURL), chromedp.WaitVisible(chromedp.CSS(mapSel)))
	if h := b.text("main h1"); h != "Анализ разрывов" {
		b.fatalf("the gap analysis in Russian", "the heading is %q", h)
	}
	if l := recEval[string](b, "the page's language", `document.documentElement.lang`); l != "ru" {
		b.fatalf("the gap analysis in Russian", "the page is in %q", l)
	}
	wfStats(b, "2 человек", "1 с разрывами")
	b.want("the largest gaps", "#top table", title)
	cells := wfCells(b, mapSel, []string{staff[0].name, staff[1].name}, len(units))
	for _, c := range cells[staff[0].name] {
		if c.Class != "cell gap2" || c.Mark != "−2" || c.Fill != "#FC8D59" ||
			!strings.Contains(c.Title, "требуемый уровень 3, оцененный уровень 1 (оценка руководителя), разрыв 2") {
			b.fatalf("the first person's cells", "a cell is %+v, want a gap of 2", c)
		}
	}
	for _, c := range cells[staff[1].name] {
		if c.Class != "cell met" || c.Mark != "" || c.Fill != "#1A9850" ||
			!strings.Contains(c.Title, "требуемый уровень 3, оцененный уровень 3 (оценка руководителя), разрыв 0") {
			b.fatalf("the second person's cells", "a cell is %+v, want met", c)
		}
	}

	// ---- A recognition action on the first employee's plan. ----
	b.step("open "+staff[0].name, chromedp.Navigate(e.url+staff[0].url), chromedp.WaitVisible(chromedp.ID("a-kind")))
	b.want("no plan yet", "#plan", "Пока не запланировано ни одного мероприятия.")
	b.want("the items with a gap", "fieldset.wf-items legend", "Элементы с разрывом")
	if n := b.count(`fieldset.wf-items input[name="item"]`); n != len(units) {
		b.fatalf("the items with a gap", "%d items offered, want %d", n, len(units))
	}
	progs := recEval[[]string](b, "the programmes offered", `Array.from(document.querySelectorAll("#a-programme option"), o => o.value)`)
	progID := strconv.FormatInt(prog.ID, 10)
	if !slices.Contains(progs, progID) {
		b.fatalf("the programmes offered", "no programme %s among %q", progID, progs)
	}
	due := time.Now().In(time.FixedZone("KZ", 5*3600)).AddDate(0, 1, 0)
	actionTitle := "Подтвердить квалификацию в центре признания"
	fill := []chromedp.Action[chromedp.Void]{
		chromedp.SetValue(chromedp.ID("a-kind"), workforce.ActionRecognition),
		chromedp.SendKeys(chromedp.ID("a-title"), actionTitle),
	}
	for u := range units {
		fill = append(fill, chromedp.Click(chromedp.CSS(`fieldset.wf-items input[name="item"][value="`+units[u].Path+`"]`)))
	}
	// The date field types in the order of the en-US format.
	fill = append(fill, chromedp.SendKeys(chromedp.ID("a-due"), due.Format("01022006")),
		chromedp.SetValue(chromedp.ID("a-programme"), progID))
	b.step("fill the action", fill...)
	if v := recEval[string](b, "the due date", `document.querySelector("#a-due").value`); v != due.Format(time.DateOnly) {
		b.fatalf("the due date", "the field holds %q, want %s", v, due.Format(time.DateOnly))
	}
	if n := b.count(`fieldset.wf-items input[name="item"]:checked`); n != len(units) {
		b.fatalf("the items", "%d of %d ticked", n, len(units))
	}
	b.submit("add the action", `form[action="`+orgURL+`/actions"] button[type="submit"]`)
	b.want("the notice", recNotice, "Мероприятие добавлено в план.")
	action := "#plan tbody tr"
	if n := b.count(action); n != 1 {
		b.fatalf("the plan", "%d actions, want 1", n)
	}
	b.want("the action", action, "Признание квалификации", actionTitle, progTitle, hrAcc.Name, "Запланировано")
	if got := wfAttr(b, action+" time", "datetime"); got != due.Format(time.DateOnly) {
		b.fatalf("the action's due date", "%q, want %s", got, due.Format(time.DateOnly))
	}
	if strings.Contains(b.text(action), "разрыв закрыт") || b.count(action+" .badge-ok, "+action+".wf-overdue") != 0 {
		b.fatalf("the action", "a new action with the gaps open says its gap is closed, or is overdue: %q", b.text(action))
	}
	if href := wfAttr(b, action+` a[href^="/recognition/programmes/"]`, "href"); href != "/recognition/programmes/"+progID {
		b.fatalf("the action's programme", "links to %q", href)
	}

	// ---- The centre's manager issues the certificate. ----
	wfSignOut(b)
	wfSignIn(b, "manager", manager)
	appURL := fmt.Sprintf("/recognition/applications/%d", app.ID)
	b.step("open the decided application", chromedp.Navigate(e.url+appURL), chromedp.WaitVisible(chromedp.CSS("#cert-issue-form button")))
	b.want("the decision", "#decisions", "Квалификация признана полностью")
	b.load("issue the certificate", chromedp.Click(chromedp.CSS("#cert-issue-form button")))
	loc := b.location()
	if !strings.Contains(loc, "/recognition/certificates/") {
		b.fatalf("issue the certificate", "not on a certificate's page")
	}
	number := strings.SplitN(loc[strings.LastIndex(loc, "/")+1:], "?", 2)[0]
	cert, err := e.st.Certificate(ctx, number)
	if err != nil {
		t.Fatalf("certificate %s: %v", number, err)
	}
	if !cert.Whole || cert.CandidateID != app.CandidateID || cert.StandardVersion != prog.StandardVersion || cert.Card != prog.Card {
		t.Fatalf("certificate %s: whole %v, candidate %d, %s v%s card %d; want the whole card %d of v%s for candidate %d",
			number, cert.Whole, cert.CandidateID, cert.StandardCode, cert.StandardVersion, cert.Card, prog.Card, prog.StandardVersion, app.CandidateID)
	}
	recognised := map[string]bool{}
	for _, u := range cert.Units {
		recognised[u.Path] = true
	}
	for _, u := range units {
		if !recognised[u.Path] {
			t.Fatalf("certificate %s recognises the whole card but does not list unit %s: %+v", number, u.Path, cert.Units)
		}
	}

	// ---- The HR sees the units confirmed and the gap closed. ----
	wfSignOut(b)
	wfSignIn(b, "HR", hrAcc)
	b.step("open the gap analysis again", chromedp.Navigate(gapsURL), chromedp.WaitVisible(chromedp.CSS(mapSel)))
	wfStats(b, "2 человек", "0 с разрывами")
	b.want("no gap left", "#top", "У оценённых сотрудников разрывов нет.")
	cells = wfCells(b, mapSel, []string{staff[0].name, staff[1].name}, len(units))
	for _, c := range cells[staff[0].name] {
		if c.Class != "cell confirmed" || c.Mark != "✓" || c.Fill != "#1A9850" ||
			!strings.Contains(c.Title, "требуемый уровень 3, оцененный уровень 3 (сертификат "+number+"), разрыв 0") {
			b.fatalf("the first person's cells", "a cell is %+v, want confirmed by certificate %s", c, number)
		}
	}
	for _, c := range cells[staff[1].name] {
		if c.Class != "cell met" {
			b.fatalf("the second person's cells", "a cell is %+v, want met", c)
		}
	}
	b.step("open "+staff[0].name+" again", chromedp.Navigate(e.url+staff[0].url), chromedp.WaitVisible(chromedp.ID("plan")))
	if n := b.count("table.wf-assessment tbody tr.wf-gap"); n != 0 {
		b.fatalf("the assessment", "%d rows with a gap after the certificate", n)
	}
	for _, r := range b.texts("table.wf-assessment tbody tr") {
		if !strings.Contains(r, "✓ "+number) || !strings.Contains(r, "подтверждено сертификатом") {
			b.fatalf("the assessment", "row %q is not confirmed by certificate %s", r, number)
		}
	}
	b.want("the summary", "#assessment p.meta", "Элементы с разрывом: 0")
	b.want("the action's gap is closed", action, actionTitle, "Запланировано", "разрыв закрыт")
	t.Logf("the workforce flow took %s in the browser", time.Since(start).Round(time.Millisecond))
}

// wfAccount is the demo account with login.
func wfAccount(t *testing.T, e *demoEnv, login string) demo.Account {
	t.Helper()
	for _, a := range e.seed.Accounts {
		if a.Login == login {
			return a
		}
	}
	t.Fatalf("the demo has no account %s", login)
	return demo.Account{}
}

// wfTab opens a tab in a browser context of its own; people sign in and
// out of it in turn.
func wfTab(t *testing.T, root context.Context, base string) *recTab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return &recTab{t: t, role: "nobody", ctx: ctx, base: base}
}

// wfSignIn signs a demo account in through the sign-in form, in Russian.
func wfSignIn(b *recTab, role string, a demo.Account) {
	b.t.Helper()
	b.role = role
	b.step("open the sign-in page", chromedp.Navigate(b.base+"/signin?lang=ru"), chromedp.WaitVisible(chromedp.ID("signin-login")))
	b.submit("sign in", `form[action="/signin"] button[type="submit"]`,
		chromedp.SendKeys(chromedp.ID("signin-login"), a.Login),
		chromedp.SendKeys(chromedp.ID("signin-password"), a.Password))
	b.want("the header names the user", ".me-name", a.Name)
}

// wfSignOut signs out with the header's button.
func wfSignOut(b *recTab) {
	b.t.Helper()
	b.load("sign out", chromedp.Click(chromedp.CSS(`form.signout button[type="submit"]`)))
	if n := b.count(".me-name"); n != 0 {
		b.fatalf("sign out", "the header still names someone")
	}
	b.role = "nobody"
}

// wfAttr is the attribute name of the first element matching css, which
// must exist.
func wfAttr(b *recTab, css, name string) string {
	b.t.Helper()
	if b.count(css) == 0 {
		b.fatalf("read "+css, "no element matches")
	}
	return recEval[string](b, "read "+css+"["+name+"]", `document.querySelector(`+recJS(css)+`).getAttribute(`+recJS(name)+`) || ""`)
}

// wfStats checks the figures of the gap analysis: each of want is one of
// them, number and label ("2 человек").
func wfStats(b *recTab, want ...string) {
	b.t.Helper()
	var got []string
	for _, s := range b.texts("ul.stats li") {
		got = append(got, strings.Join(strings.Fields(s), " "))
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			b.fatalf("the figures", "%q, without %q", got, w)
		}
	}
}

// wfIDOf is the id in an address …/{kind}/{id}….
func wfIDOf(loc, kind string) string {
	m := regexp.MustCompile(`/` + kind + `/(\d+)(?:[/?#]|$)`).FindStringSubmatch(loc)
	if m == nil {
		return ""
	}
	return m[1]
}

// wfFetch GETs url with the tab's cookies (the session cookie is
// HttpOnly: read through the DevTools protocol) and returns the body and
// its content type; the answer must be 200.
func wfFetch(b *recTab, url string) ([]byte, string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, recStepTimeout)
	defer cancel()
	var getCookies chromedp.Action[[]*network.Cookie] = func(ctx context.Context, t *chromedp.Target) ([]*network.Cookie, error) {
		res, err := cdp.Call(ctx, t, network.GetCookies, network.GetCookiesParams{URLs: []string{url}})
		return res.Cookies, err
	}
	cookies, err := chromedp.Run(ctx, getCookies)
	if err != nil {
		b.fatalf("read the cookies", "%v", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	session := false
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		session = session || c.Name == websession.SessionCookieName && c.HTTPOnly
	}
	if !session {
		b.fatalf("read the cookies", "no HttpOnly %s cookie among %d", websession.SessionCookieName, len(cookies))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		b.t.Fatalf("GET %s: %d %v: %.300s", url, res.StatusCode, err, body)
	}
	return body, res.Header.Get("Content-Type")
}

// wfDocxText is the text of a DOCX's word/document.xml, a line a
// paragraph.
func wfDocxText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the DOCX is no zip: %v", err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatalf("the DOCX: %v", err)
	}
	defer f.Close()
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	var text strings.Builder
	inText := false
	dec := xml.NewDecoder(f)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the DOCX's document.xml: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Space == w && tok.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if tok.Name.Space == w && tok.Name.Local == "p" {
				text.WriteString("\n")
			}
		case xml.CharData:
			if inText {
				text.Write(tok)
			}
		}
	}
	return text.String()
}

// wfCell is a cell of a heat map as the SVG draws it.
type wfCell struct {
	Class, Title, Mark, Fill string
}

// wfCells reads the cells of the heat map svg, by person: each of people
// must have n cells (a cell's title starts with the person's name).
func wfCells(b *recTab, svg string, people []string, n int) map[string][]wfCell {
	b.t.Helper()
	all := recEval[[]wfCell](b, "read the heat map", `Array.from(document.querySelectorAll(`+recJS(svg+" g.cell")+`), g => ({
		Class: g.getAttribute("class"),
		Title: g.querySelector("title").textContent,
		Mark: g.querySelector("text") ? g.querySelector("text").textContent : "",
		Fill: g.querySelector("rect").getAttribute("fill")}))`)
	out := map[string][]wfCell{}
	for _, c := range all {
		for _, p := range people {
			if strings.HasPrefix(c.Title, p+" — ") {
				out[p] = append(out[p], c)
			}
		}
	}
	for _, p := range people {
		if len(out[p]) != n {
			b.fatalf("the heat map", "%d cells of %s, want %d (all cells: %+v)", len(out[p]), p, n, all)
		}
	}
	if len(all) != n*len(people) {
		b.fatalf("the heat map", "%d cells, want %d", len(all), n*len(people))
	}
	return out
}
