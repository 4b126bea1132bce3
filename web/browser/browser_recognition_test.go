package browser_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web"
	"github.com/kasip/kasip/web/webtest"
)

// The whole recognition process in a real browser, through the pages and
// their forms, each role in its own browser context signed in through
// /signin: the manager builds a programme and fills its bank until the
// coverage is complete, submits it; the administrator approves it; the
// candidate registers and applies; the manager accepts and plans the
// session; assessor 1 records every result, completes the assessment and
// decides; the candidate appeals; assessor 2 re-decides; the candidate's
// page shows it, with the history, in Russian, Kazakh and English.
//
// Only what is not part of the process is set up through the store: the
// standard (and so its register entry), the centre with its
// accreditation and assessors, and the accounts.

const (
	recBrowserPassword = "Correct horse battery 7"
	recStepTimeout     = 20 * time.Second
	// The state badge of an application or a programme page.
	recBadge = ".page-head .meta > span"
	// The notice of a change that succeeded.
	recNotice = `p.ok[role="status"]`
)

// recBrowserEnv is the server and what the flow needs to know of its data.
type recBrowserEnv struct {
	base  string
	ids   map[string]int64  // login → user id
	names map[string]string // login → name
	units []recognition.Unit
}

// The accounts, by login.
const (
	rbAdmin     = "admin@kasip.test"
	rbManager   = "manager@centre.test"
	rbAssessor1 = "assessor1@centre.test"
	rbAssessor2 = "assessor2@centre.test"
	rbCandidate = "aigul@example.kz"
)

func recBrowserServer(t *testing.T) *recBrowserEnv {
	t.Helper()
	ctx := context.Background()
	st := webtest.Store(t, "")
	// The youth standard M84120; importing it enters its cards in the
	// register of professions, which an application needs.
	importFile(t, st, "../../testdata/seeds/004_0389e6b855ff2fb2.txt", nil)
	profs, _, err := st.Professions(ctx, kasip.ProfessionFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(profs, func(p kasip.Profession) bool { return p.StandardCode == "M84120" && p.Card == 1 })
	if i < 0 {
		t.Fatalf("M84120 card 2 is not in the register of professions: %+v", profs)
	}
	if err := st.SetRecognition(ctx, profs[i].ID, kasip.RecognitionVoluntary); err != nil {
		t.Fatal(err)
	}
	std, err := st.Standard(ctx, "M84120", "1")
	if err != nil {
		t.Fatal(err)
	}
	e := &recBrowserEnv{ids: map[string]int64{}, names: map[string]string{}, units: recognition.Units(&std.Cards[1], 1)}

	// The centre, accredited a month ago for card 2 at level 5.
	c, err := st.CreateCentre(ctx, 0, recognition.Centre{Name: kasip.Text{"kk": "Жастар тану орталығы", "ru": "Центр признания «Жастар»"},
		BIN: "050440001239", Region: "Астана", Contacts: recognition.Contacts{Email: "info@example.kz"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddAccreditation(ctx, 0, c.ID, recognition.Accreditation{Number: "KZ-RC-0001", From: time.Now().AddDate(0, -1, 0),
		Scope: []recognition.ScopeEntry{{StandardCode: "M84120", CardNumber: 2, Levels: []int{5}}}}); err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(recBrowserPassword, auth.TestParams)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []auth.User{
		{Login: rbAdmin, Name: "Әкімші Әлия", Role: auth.RoleAdmin},
		{Login: rbManager, Name: "Менеджер Айдос", Role: auth.RoleManager, CentreID: c.ID},
		{Login: rbAssessor1, Name: "Бағалаушы Бірінші", Role: auth.RoleAssessor, CentreID: c.ID},
		{Login: rbAssessor2, Name: "Бағалаушы Екінші", Role: auth.RoleAssessor, CentreID: c.ID},
		{Login: rbCandidate, Name: "Айгүл Нұрланқызы", Role: auth.RoleCandidate},
	} {
		created, err := st.CreateUser(ctx, 0, u, hash, time.Now())
		if err != nil {
			t.Fatalf("create user %s: %v", u.Login, err)
		}
		e.ids[u.Login], e.names[u.Login] = created.ID, created.Name
	}
	for _, a := range []string{rbAssessor1, rbAssessor2} {
		if err := st.AddAssessor(ctx, 0, c.ID, e.ids[a]); err != nil {
			t.Fatal(err)
		}
	}
	ts := webtest.Start(t, webtest.Services(st), web.Options{PasswordParams: auth.TestParams, SignInRate: -1, Logger: slog.New(slog.DiscardHandler)}).Server
	e.base = ts.URL
	return e
}

// recBrowserIIN makes a valid IIN of a woman born on birth (the seventh
// digit: century and sex; the twelfth: the check digit).
func recBrowserIIN(t *testing.T, birth time.Time) string {
	t.Helper()
	iin, err := recognition.MakeIIN(birth, true, 200)
	if err != nil {
		t.Fatal(err)
	}
	return iin
}

// recBrowser is the browser: one Chromium, a browser context per role.
type recBrowser struct {
	t    *testing.T
	root context.Context
	env  *recBrowserEnv
}

func newRecBrowser(t *testing.T, env *recBrowserEnv) *recBrowser {
	t.Helper()
	// A bound on the whole run; each step has its own, shorter one. The
	// date fields are typed in the order of the en-US format: month, day,
	// year, then hours, minutes, AM/PM.
	root := startChromium(t, 3*time.Minute, chromedp.WindowSize(1280, 1000), chromedp.Flag("lang", "en-US"))
	return &recBrowser{t: t, root: root, env: env}
}

// recTab is a page of one role's browser context.
type recTab struct {
	t    *testing.T
	role string
	ctx  context.Context
	base string
}

// signIn opens a fresh browser context and signs login in through the
// sign-in form, in Russian.
func (rb *recBrowser) signIn(role, login string) *recTab {
	t := rb.t
	t.Helper()
	ctx, cancel := chromedp.NewContext(rb.root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatalf("%s: open a tab: %v", role, err)
	}
	b := &recTab{t: t, role: role, ctx: ctx, base: rb.env.base}
	b.step("open the sign-in page", chromedp.Navigate(b.base+"/signin?lang=ru"), chromedp.WaitVisible(chromedp.ID("signin-login")))
	b.submit("sign in", `form[action="/signin"] button[type="submit"]`,
		chromedp.SendKeys(chromedp.ID("signin-login"), login),
		chromedp.SendKeys(chromedp.ID("signin-password"), recBrowserPassword))
	b.want("the header names the user", ".me-name", rb.env.names[login])
	return b
}

// step runs actions within the step timeout.
func (b *recTab) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, recStepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.fatalf(what, "%v", err)
	}
}

// submit runs the actions that fill a form, clicks sel and waits for the
// page the server answers with, which must show no error next to a form.
func (b *recTab) submit(what, sel string, fill ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	b.send(what, append(fill, chromedp.Click(chromedp.CSS(sel)))...)
}

// send runs actions, the last of which sends a form, waits for the page
// the server answers with, which must show no error next to a form.
func (b *recTab) send(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	b.load(what, actions...)
	if errs := b.texts(".error-box"); len(errs) > 0 {
		b.fatalf(what, "the page shows an error: %q", errs)
	}
}

// load runs actions, the last of which makes the browser load a page,
// and waits for that page.
func (b *recTab) load(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, recStepTimeout)
	defer cancel()
	n := len(actions) - 1
	if err := chromedp.Do(ctx, actions[:n]...); err != nil {
		b.fatalf(what, "%v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, actions[n])); err != nil {
		b.fatalf(what, "waiting for the next page: %v", err)
	}
}

// follow clicks a link and waits for its page.
func (b *recTab) follow(what, sel string) {
	b.t.Helper()
	b.load(what, chromedp.Click(chromedp.CSS(sel)))
}

// eval evaluates a JavaScript expression (only to read the page).
func recEval[T any](b *recTab, what, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, recStepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.fatalf(what, "evaluate %s: %v", expr, err)
	}
	return v
}

func recJS(s string) string {
	j, _ := json.Marshal(s)
	return string(j)
}

// texts is the visible text of every element matching css.
func (b *recTab) texts(css string) []string {
	b.t.Helper()
	return recEval[[]string](b, "read "+css, `Array.from(document.querySelectorAll(`+recJS(css)+`), e => e.innerText.trim())`)
}

// text is the visible text of the first element matching css, which
// must exist.
func (b *recTab) text(css string) string {
	b.t.Helper()
	ts := b.texts(css)
	if len(ts) == 0 {
		b.fatalf("read "+css, "no element matches")
	}
	return ts[0]
}

// want checks that the first element matching css shows every one of
// the strings.
func (b *recTab) want(what, css string, want ...string) string {
	b.t.Helper()
	got := b.text(css)
	for _, w := range want {
		if !strings.Contains(got, w) {
			b.fatalf(what, "%s shows %q, without %q", css, got, w)
		}
	}
	return got
}

// wantBadge checks the state label of the page, exactly.
func (b *recTab) wantBadge(what, label string) {
	b.t.Helper()
	if got := b.text(recBadge); got != label {
		b.fatalf(what, "the state label is %q, want %q", got, label)
	}
}

// count is how many elements match css.
func (b *recTab) count(css string) int {
	b.t.Helper()
	return recEval[int](b, "count "+css, `document.querySelectorAll(`+recJS(css)+`).length`)
}

func (b *recTab) location() string {
	b.t.Helper()
	return recEval[string](b, "location", `location.href`)
}

// fatalf ends the test with the page's address and visible text.
func (b *recTab) fatalf(what, format string, args ...any) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		body = "(cannot read the page: " + err.Error() + ")"
	}
	b.t.Fatalf("%s: %s: %s\nURL: %s\nPage:\n%s", b.role, what, fmt.Sprintf(format, args...), loc, recClip(body))
}

func recClip(s string) string {
	if r := []rune(s); len(r) > 6000 {
		return string(r[:6000]) + "…"
	}
	return s
}

// recPickRange selects, with the keyboard, n options of the list box sel
// from the option number from (0-based): Home, arrows down to the first,
// then Shift with the arrow down to the last.
func recPickRange(sel string, from, n int) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Focus(chromedp.CSS(sel)),
		chromedp.KeyEvent(kb.Home),
		chromedp.KeyEvent(strings.Repeat(kb.ArrowDown, from)),
		chromedp.KeyEvent(strings.Repeat(kb.ArrowDown, n-1), chromedp.KeyModifiers(chromedp.ModifierShift)),
	)
}

// selected is the values of the selected options of a list box.
func (b *recTab) selected(sel string) []string {
	b.t.Helper()
	return recEval[[]string](b, "read the selection of "+sel, `Array.from(document.querySelector(`+recJS(sel)+`).selectedOptions, o => o.value)`)
}

// recIDOf is the id in an address /recognition/{kind}/{id}….
func recIDOf(loc, kind string) string {
	_, rest, ok := strings.Cut(loc, "/recognition/"+kind+"/")
	if !ok {
		return ""
	}
	if f := strings.FieldsFunc(rest, func(r rune) bool { return r < '0' || r > '9' }); len(f) > 0 && strings.HasPrefix(rest, f[0]) {
		return f[0]
	}
	return ""
}

func TestBrowserRecognitionFlow(t *testing.T) {
	chromium(t) // skips (or fails with KASIP_REQUIRE_ALL=1) before anything is set up
	start := time.Now()
	env := recBrowserServer(t)
	rb := newRecBrowser(t, env)

	// ---- The manager builds the programme. ----
	mgr := rb.signIn("manager", rbManager)
	mgr.follow("open my centre", `nav.main-nav a[href="/recognition/centre"]`)
	mgr.want("the centre's page", "h1", "Центр признания «Жастар»")
	mgr.follow("new programme", `a.button[href="/recognition/programmes/new"]`)
	pick := "M84120|1|1"
	if opts := recEval[[]string](mgr, "the cards offered", `Array.from(document.querySelectorAll("#np-pick option"), o => o.value)`); !slices.Contains(opts, pick) {
		mgr.fatalf("the cards offered", "no %s among %q", pick, opts)
	}
	// The centre's scope has this one card, offered first.
	if v := recEval[string](mgr, "the card chosen", `document.querySelector("#np-pick").value`); v != pick {
		mgr.fatalf("the card chosen", "the choice is %q, want %q", v, pick)
	}
	mgr.submit("choose the card", `form[action="/recognition/programmes/new"] button[type="submit"]`)
	mgr.want("the builder's second step", "#h-units", "2. Единицы и компоненты")
	if n := mgr.count(`input[name="unit"]`); n != len(env.units) {
		mgr.fatalf("the builder's units", "%d unit boxes, want %d", n, len(env.units))
	}
	if n := mgr.count(`#np-whole:checked, #c-theory:checked, #c-practice:checked`); n != 3 {
		mgr.fatalf("the builder's defaults", "the whole card, theory and practice are not all ticked (%d of 3)", n)
	}
	mgr.submit("create the draft", `form.rec-wide button[type="submit"]`,
		chromedp.SendKeys(chromedp.ID("c-practice-threshold"), "60"),
		chromedp.SendKeys(chromedp.ID("c-practice-equipment"), "ноутбук"))
	progID := recIDOf(mgr.location(), "programmes")
	if progID == "" {
		mgr.fatalf("create the draft", "not on a programme's page")
	}
	progURL := "/recognition/programmes/" + progID
	mgr.wantBadge("the new draft", "Черновик")
	mgr.want("the notice", recNotice, "Создано.")
	mgr.want("the components", "dl.facts", "Практика (умения и навыки): проходной балл 60%", "ноутбук")
	items := 0
	for _, u := range env.units {
		items += len(u.Knowledge) + len(u.Abilities)
	}
	mgr.want("the draft lists its gaps", `form[action$="/submit"]`, fmt.Sprintf("Непроверяемых элементов: %d", items))

	mgr.follow("the coverage report", `#manage a[href$="/coverage"]`)
	mgr.want("coverage before the bank", "main", fmt.Sprintf("Непроверяемых элементов: %d", items))
	if n := mgr.count("#gaps li"); n != items {
		mgr.fatalf("coverage before the bank", "%d gaps listed, want %d", n, items)
	}
	mgr.follow("back to the bank", `a.button[href$="#bank"]`)

	// One question per unit for its knowledge items, one task per unit
	// for its abilities, picked in the list boxes with the keyboard.
	kFrom, aFrom, questions, tasks := 0, 0, 0, 0
	for i, u := range env.units {
		n := i + 1
		if len(u.Knowledge) > 0 {
			mgr.step(fmt.Sprintf("unit %d: question text and knowledge", n),
				chromedp.SendKeys(chromedp.ID("q-text-ru"), fmt.Sprintf("Вопрос по разделу %d", n)),
				recPickRange("#q-knowledge", kFrom, len(u.Knowledge)))
			var want []string
			for _, k := range u.Knowledge {
				want = append(want, k.Path)
			}
			if got := mgr.selected("#q-knowledge"); !slices.Equal(got, want) {
				mgr.fatalf(fmt.Sprintf("unit %d: knowledge picked", n), "selected %q, want %q", got, want)
			}
			mgr.submit(fmt.Sprintf("unit %d: add the question", n), `#add-question button[type="submit"]`)
			questions++
			mgr.want("the question is added", recNotice, "Вопрос добавлен.")
			mgr.want("the question is in the bank", "#bank", fmt.Sprintf("Теоретические вопросы (%d)", questions))
			kFrom += len(u.Knowledge)
		}
		if len(u.Abilities) > 0 {
			mgr.step(fmt.Sprintf("unit %d: task text and abilities", n),
				chromedp.SendKeys(chromedp.ID("t-text-ru"), fmt.Sprintf("Задание по разделу %d", n)),
				recPickRange("#t-abilities", aFrom, len(u.Abilities)))
			var want []string
			for _, a := range u.Abilities {
				want = append(want, a.Path)
			}
			if got := mgr.selected("#t-abilities"); !slices.Equal(got, want) {
				mgr.fatalf(fmt.Sprintf("unit %d: abilities picked", n), "selected %q, want %q", got, want)
			}
			mgr.submit(fmt.Sprintf("unit %d: add the task", n), `#add-task button[type="submit"]`)
			tasks++
			mgr.want("the task is added", recNotice, "Задание добавлено.")
			mgr.want("the task is in the bank", "#bank", fmt.Sprintf("Практические задания (%d)", tasks))
			aFrom += len(u.Abilities)
		}
	}
	mgr.want("the bank", "#bank", "Вопрос по разделу 1", "Задание по разделу 1")
	mgr.want("the bank is complete", `form[action$="/submit"]`, "Банк покрывает все элементы")
	mgr.follow("the coverage report again", `#manage a[href$="/coverage"]`)
	mgr.want("coverage is complete", "main", "Банк покрывает все элементы", "Пробелов нет")
	if n := mgr.count("#gaps li"); n != 0 {
		mgr.fatalf("coverage is complete", "%d gaps listed", n)
	}
	mgr.follow("back to the programme", `a.button[href$="#bank"]`)
	mgr.submit("submit for approval", `form[action$="/submit"] button[type="submit"]`)
	mgr.wantBadge("submitted", "Ожидает утверждения")
	mgr.want("the notice", recNotice, "Программа подана на утверждение.")

	// ---- The administrator approves it. ----
	adm := rb.signIn("administrator", rbAdmin)
	adm.follow("programmes to approve", `nav.main-nav a[href="/recognition/approvals"]`)
	adm.want("the programme awaits approval", "table.list", "M84120", "Ожидает утверждения")
	adm.follow("open the programme", `table.list a[href="`+progURL+`"]`)
	adm.want("the review shows the coverage", "#review", "Банк покрывает все элементы")
	adm.submit("approve", `form[action$="/approve"] button[type="submit"]`)
	adm.wantBadge("approved", "Утверждена")
	adm.want("the notice", recNotice, "Программа утверждена.")
	adm.want("the approver", "dl.facts", "Утвердил", env.names[rbAdmin])

	// ---- The candidate registers and applies. ----
	cand := rb.signIn("candidate", rbCandidate)
	cand.follow("my applications", `nav.main-nav a[href="/recognition/me"]`)
	birth := time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC)
	iin := recBrowserIIN(t, birth)
	// A birth date the IIN does not encode is refused next to the form.
	cand.load("register with a wrong birth date",
		chromedp.SendKeys(chromedp.ID("cr-name"), env.names[rbCandidate]),
		chromedp.SendKeys(chromedp.ID("cr-iin"), iin),
		chromedp.SendKeys(chromedp.ID("cr-birth"), "01161990"),
		chromedp.SendKeys(chromedp.ID("cr-phone"), "+7 701 000 0000"),
		chromedp.Click(chromedp.ID("cr-consent")),
		chromedp.Click(chromedp.CSS(`#register button[type="submit"]`)))
	cand.want("the refusal", "#register .error-box", "Исправьте форму.", iin)
	if v := recEval[string](cand, "the IIN is kept", `document.querySelector("#cr-iin").value`); v != iin {
		cand.fatalf("the IIN is kept", "the IIN field holds %q", v)
	}
	// The page keeps what was typed, but not (today) the consent.
	fix := []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.ID("cr-birth"), "01151990")}
	if cand.count("#cr-consent:checked") == 0 {
		fix = append(fix, chromedp.Click(chromedp.ID("cr-consent")))
	}
	cand.submit("register", `#register button[type="submit"]`, fix...)
	cand.want("registered", recNotice, "Вы зарегистрированы как кандидат.")
	cand.want("the record", "dl.facts", env.names[rbCandidate], iin, "15.01.1990")
	cand.follow("choose a profession and a programme", `a.button[href="/recognition/programmes"]`)
	// The profession list starts with “any”; the arrow picks the next.
	cand.step("choose the profession", chromedp.Focus(chromedp.ID("pr-profession")), chromedp.KeyEvent(kb.ArrowDown))
	if v := recEval[string](cand, "the profession chosen", `document.querySelector("#pr-profession").value`); v != "M84120|1" {
		cand.fatalf("the profession chosen", "the choice is %q", v)
	}
	cand.submit("filter by profession", `form.filters button[type="submit"]`)
	cand.want("one programme", ".result-count", "Найдено программ: 1")
	cand.follow("open the programme", `table.list a[href="`+progURL+`"]`)
	cand.wantBadge("the programme is approved", "Утверждена")
	if n := cand.count("#bank"); n != 0 {
		cand.fatalf("the bank is not public", "the candidate sees the bank")
	}
	cand.submit("apply", `#apply button[type="submit"]`, chromedp.Click(chromedp.ID("ap-self")))
	appID := recIDOf(cand.location(), "applications")
	if appID == "" {
		cand.fatalf("apply", "not on an application's page")
	}
	appURL := "/recognition/applications/" + appID
	cand.wantBadge("submitted", "Подано")
	cand.want("the notice", recNotice, "Ваше заявление подано.")
	cand.want("what it waits for", "dl.facts", "Центр принимает или отклоняет")
	cand.want("the history", "#history", "Заявление подано", env.names[rbCandidate])

	// ---- The manager accepts and plans the session. ----
	mgr.follow("applications", `nav.main-nav a[href="/recognition/applications"]`)
	mgr.want("the new application", "table.list", env.names[rbCandidate], "Подано")
	mgr.follow("open the application", `table.list a[href="`+appURL+`"]`)
	mgr.wantBadge("submitted", "Подано")
	mgr.submit("accept", `form[action$="/accept"] button[type="submit"]`)
	mgr.wantBadge("accepted", "Принято")
	mgr.want("the notice", recNotice, "Заявление принято.")
	at := time.Now().In(time.FixedZone("KZ", 5*3600)).AddDate(0, 0, 7)
	at = time.Date(at.Year(), at.Month(), at.Day(), 10, 0, 0, 0, at.Location())
	mgr.submit("plan the session", `form[action$="/schedule"] button[type="submit"]`,
		// The year takes up to six digits: an arrow moves on to the time.
		chromedp.SendKeys(chromedp.ID("sc-at"), at.Format("01022006")+kb.ArrowRight+at.Format("0304PM")),
		chromedp.SendKeys(chromedp.ID("sc-place"), "Астана, Мәңгілік Ел 8"),
		chromedp.Click(chromedp.ID(fmt.Sprintf("sc-as-%d", env.ids[rbAssessor1]))),
		chromedp.Click(chromedp.ID(fmt.Sprintf("sc-as-%d", env.ids[rbAssessor2]))))
	mgr.wantBadge("scheduled", "Оценка назначена")
	mgr.want("the notice", recNotice, "Сессия оценки назначена.")
	mgr.want("the session", "#h-sessions + ul", at.Format("02.01.2006 15:04"), "Астана, Мәңгілік Ел 8", env.names[rbAssessor1], env.names[rbAssessor2])

	// ---- Assessor 1 records every result, completes, decides. ----
	as1 := rb.signIn("assessor 1", rbAssessor1)
	as1.follow("my sessions", `nav.main-nav a[href="/recognition/applications"]`)
	as1.want("the session's application", "table.list", env.names[rbCandidate], "Оценка назначена")
	as1.follow("open the application", `table.list a[href="`+appURL+`"]`)
	if n := as1.count("form.rec-result-form"); n != 2*len(env.units) {
		as1.fatalf("the result forms", "%d forms, want %d (theory and practice of %d units)", n, 2*len(env.units), len(env.units))
	}
	for _, comp := range []struct{ kind, score string }{{"theory", "85"}, {"practice", "75"}} {
		for _, u := range env.units {
			field := fmt.Sprintf(`[id="rs-result:%s:%s-score"]`, comp.kind, u.Path)
			// Typing the score and Enter sends the result's form.
			as1.send(fmt.Sprintf("%s result of %s", comp.kind, u.Path), chromedp.SendKeys(chromedp.CSS(field), comp.score+"\n"))
			as1.want("the notice", recNotice, "Результат сохранён.")
			row := `.rec-result:has(` + field + `)`
			as1.want("the saved result", row, comp.score+"%", env.names[rbAssessor1])
			as1.want("the saved result passes", row+" .badge-ok", "сдано")
		}
	}
	as1.wantBadge("still scheduled", "Оценка назначена")
	as1.submit("complete the assessment", `form[action$="/assessed"] button[type="submit"]`)
	as1.wantBadge("assessed", "Оценено")
	as1.want("the proposal", `form[action$="/decide"]`, "Правила программы предлагают", "Квалификация признана полностью")
	if n := as1.count("#dc-confirm:checked"); n != 1 {
		as1.fatalf("the proposal", "“confirm the proposal” is not ticked")
	}
	as1.submit("decide", `form[action$="/decide"] button[type="submit"]`)
	as1.wantBadge("decided", "Решение принято")
	as1.want("the notice", recNotice, "Решение записано.")
	as1.want("the decision", "#decisions", "Квалификация признана полностью", env.names[rbAssessor1])

	// ---- The candidate sees the decision and appeals. ----
	cand.follow("my applications", `nav.main-nav a[href="/recognition/me"]`)
	cand.want("the application's row", "table.list", "Решение принято", "Кандидат может подать апелляцию")
	cand.follow("open the application", `table.list a[href="`+appURL+`"]`)
	cand.wantBadge("decided", "Решение принято")
	cand.want("the decision", "#decisions", "Квалификация признана полностью")
	cand.want("the appeal period", "dl.facts", "Кандидат может подать апелляцию")
	reason := "Практическое задание не было объяснено"
	cand.submit("appeal", `form[action$="/appeal"] button[type="submit"]`, chromedp.SendKeys(chromedp.ID("apl-reason"), reason))
	cand.wantBadge("appealed", "Подана апелляция")
	cand.want("the notice", recNotice, "Ваша апелляция подана.")
	cand.want("the appeal", "#appeals", reason)

	// ---- The assessor who decided may not re-decide; assessor 2 does. ----
	as1.load("reload", chromedp.Reload())
	as1.wantBadge("appealed", "Подана апелляция")
	if n := as1.count(`form[action$="/redecide"]`); n != 0 {
		as1.fatalf("no re-decision by the same assessor", "assessor 1 is offered the re-decision")
	}
	as2 := rb.signIn("assessor 2", rbAssessor2)
	as2.follow("my sessions", `nav.main-nav a[href="/recognition/applications"]`)
	as2.follow("open the application", `table.list a[href="`+appURL+`"]`)
	as2.wantBadge("appealed", "Подана апелляция")
	as2.want("the re-decision form", `form[action$="/redecide"]`, "Решение по апелляции", "Квалификация признана полностью")
	as2.submit("re-decide", `form[action$="/redecide"] button[type="submit"]`)
	as2.wantBadge("re-decided", "Решение по апелляции принято")
	as2.want("the notice", recNotice, "Решение по апелляции записано.")

	// ---- The candidate's page shows the re-decision and the history. ----
	cand.load("reload", chromedp.Reload())
	cand.wantBadge("re-decided", "Решение по апелляции принято")
	decisions := cand.texts("#decisions .rec-result")
	if len(decisions) != 2 || !strings.Contains(decisions[1], "по апелляции") || !strings.Contains(decisions[1], env.names[rbAssessor2]) ||
		!strings.Contains(decisions[1], "Квалификация признана полностью") {
		cand.fatalf("the decisions", "%q", decisions)
	}
	history := cand.texts("#history tbody tr")
	want := []string{"Заявление подано", "Принято", "Сессия назначена"}
	for range 2 * len(env.units) {
		want = append(want, "Результат сохранён")
	}
	want = append(want, "Оценка завершена", "Решение принято", "Апелляция подана", "Решение по апелляции принято")
	actors := map[string]string{"Заявление подано": rbCandidate, "Принято": rbManager, "Сессия назначена": rbManager,
		"Результат сохранён": rbAssessor1, "Оценка завершена": rbAssessor1, "Решение принято": rbAssessor1,
		"Апелляция подана": rbCandidate, "Решение по апелляции принято": rbAssessor2}
	if len(history) != len(want) {
		cand.fatalf("the history", "%d entries, want %d: %q", len(history), len(want), history)
	}
	for i, w := range want {
		cols := strings.Split(history[i], "\t")
		if len(cols) != 3 || !strings.HasPrefix(cols[2], w) || cols[1] != env.names[actors[w]] {
			cand.fatalf("the history", "entry %d is %q, want %q by %s", i+1, history[i], w, env.names[actors[w]])
		}
	}
	if body := cand.text("main"); strings.Contains(body, "@centre.test") {
		cand.fatalf("the candidate's page", "it shows the staff's logins")
	}

	// ---- The same page in Kazakh and English. ----
	for _, l := range []struct{ lang, label, outcome, history string }{
		{"kk", "Апелляция бойынша шешім қабылданды", "Толық біліктілік танылды", "Өтініш берілді"},
		{"en", "Re-decided", "The whole qualification is recognised", "Application submitted"},
	} {
		cand.follow("switch to "+l.lang, `nav.langs a[hreflang="`+l.lang+`"]`)
		if lang := recEval[string](cand, "the language", `document.documentElement.lang`); lang != l.lang {
			cand.fatalf("switch to "+l.lang, "the page is in %q", lang)
		}
		if loc := cand.location(); !strings.Contains(loc, appURL) {
			cand.fatalf("switch to "+l.lang, "the switch left the application for %s", loc)
		}
		cand.wantBadge("the state in "+l.lang, l.label)
		cand.want("the decision in "+l.lang, "#decisions", l.outcome)
		cand.want("the history in "+l.lang, "#history", l.history)
	}
	t.Logf("the recognition flow took %s in the browser", time.Since(start).Round(time.Millisecond))
}
