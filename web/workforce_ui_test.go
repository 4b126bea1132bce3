package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/workforce"
)

// The organisation pages (standards at work) need a signed-in caller;
// the organisation itself is the handler's (others get 404, see
// TestWorkforceUIIsolation). Creating an organisation is the
// administrator's, as in the API.
var _ = expectAccess(map[string]allowed{
	"GET /orgs":                              anySignedIn,
	"POST /orgs":                             only(auth.RoleAdmin),
	"GET /orgs/{org}":                        anySignedIn,
	"POST /orgs/{org}/members":               anySignedIn,
	"POST /orgs/{org}/members/{user}/remove": anySignedIn,
	"POST /orgs/{org}/positions/{position}":  anySignedIn,
	"POST /orgs/{org}/employees":             anySignedIn,
	"GET /orgs/{org}/positions/new":          anySignedIn,
	"POST /orgs/{org}/positions":             anySignedIn,
	"GET /orgs/{org}/positions/{position}":   anySignedIn,
	"POST /orgs/{org}/positions/{position}/sections/{lang}/{section}":        anySignedIn,
	"POST /orgs/{org}/positions/{position}/sections/{lang}/{section}/revert": anySignedIn,
	"POST /orgs/{org}/positions/{position}/upgrade":                          anySignedIn,
	"GET /orgs/{org}/employees/{employee}":                                   anySignedIn,
	"POST /orgs/{org}/employees/{employee}":                                  anySignedIn,
	"POST /orgs/{org}/employees/{employee}/ratings":                          anySignedIn,
	"POST /orgs/{org}/actions":                                               anySignedIn,
	"POST /orgs/{org}/actions/{action}":                                      anySignedIn,
	"GET /orgs/{org}/gaps":                                                   anySignedIn,
	"GET /orgs/{org}/plans":                                                  anySignedIn,
	"GET /orgs/{org}/programmes":                                             anySignedIn,
	"GET /orgs/{org}/programmes/new":                                         anySignedIn,
	"POST /orgs/{org}/programmes":                                            anySignedIn,
	"GET /orgs/{org}/programmes/{programme}":                                 anySignedIn,
	"POST /orgs/{org}/programmes/{programme}/modules":                        anySignedIn,
	"POST /orgs/{org}/programmes/{programme}/outcomes":                       anySignedIn,
})

// wfUIEnv is an auth environment with the youth standard (M84120), an
// employer A with its HR, another employer B with its HR, and an
// education provider C with a methodologist; everyone signed in through
// the sign-in form.
type wfUIEnv struct {
	*authEnv
	admin, hrA, hrB, method, self string // session cookies
	orgA, orgB, orgC              int64
	selfLogin                     string
}

func newWFUIEnv(t *testing.T) *wfUIEnv {
	e := &wfUIEnv{authEnv: newAuthEnv(t, sqliteDSN(t), session.Options{})}
	if r := e.importFiles(apiReadFixtures(t, "../testdata/seeds/004_0389e6b855ff2fb2.txt"), bearer(apiTestToken)...); r.StatusCode != http.StatusOK {
		t.Fatalf("import: %s", r)
	}
	e.admin = e.signIn(e.users[auth.RoleAdmin].Login)
	mk := func(kind, name string, n int) int64 {
		bin, _ := recognition.CompleteNumber(fmt.Sprintf("0601400%d", n), 0)
		loc := e.post(e.admin, "/orgs", url.Values{"kind": {kind}, "name": {name}, "bin": {bin}, "units": {"Бөлім\nЕкінші бөлім\n"}})
		id, err := strconv.ParseInt(strings.TrimPrefix(strings.Split(loc, "?")[0], "/orgs/"), 10, 64)
		if err != nil {
			t.Fatalf("created at %q", loc)
		}
		return id
	}
	e.orgA, e.orgB, e.orgC = mk(workforce.KindEmployer, "Ұйым А", 1), mk(workforce.KindEmployer, "Ұйым Б", 2), mk(workforce.KindEducation, "Колледж", 3)
	for _, m := range []struct {
		login string
		org   int64
		role  string
	}{{"hr-a@example.kz", e.orgA, "hr"}, {"hr-b@example.kz", e.orgB, "hr"}, {"method@example.kz", e.orgC, "methodologist"}} {
		e.addUser(auth.User{Login: m.login, Name: "Тест " + m.login, Role: auth.RoleEmployer})
		e.post(e.admin, fmt.Sprintf("/orgs/%d/members", m.org), url.Values{"login": {m.login}, "role": {m.role}})
	}
	e.hrA, e.hrB, e.method = e.signIn("hr-a@example.kz"), e.signIn("hr-b@example.kz"), e.signIn("method@example.kz")
	e.selfLogin = e.users[auth.RoleCandidate].Login
	e.self = e.signIn(e.selfLogin)
	return e
}

func (e *wfUIEnv) signIn(login string) string {
	e.t.Helper()
	c, r := e.formSignIn(login, authTestPassword, "")
	if c == "" {
		e.t.Fatalf("sign in %s: %d", login, r.StatusCode)
	}
	return c
}

// get GETs path with cookie, wants status and a well-formed page.
func (e *wfUIEnv) get(cookie, path string, status int, want ...string) string {
	e.t.Helper()
	r := e.req(http.MethodGet, path, nil, withCookie(cookie)...)
	body := string(r.body)
	if r.StatusCode != status {
		e.t.Fatalf("GET %s: %d, want %d\n%s", path, r.StatusCode, status, uiExcerpt(uiText(body)))
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		uiCheckStructure(e.t, path, body)
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			e.t.Errorf("GET %s: no %q in\n%s", path, w, uiExcerpt(uiText(body)))
		}
	}
	return body
}

// post sends a form and wants a redirect (303) with ?done=; it returns
// where to.
func (e *wfUIEnv) post(cookie, path string, form url.Values) string {
	e.t.Helper()
	r := e.postForm(path, form, withCookie(cookie)...)
	if r.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("POST %s: %d, want 303\n%s", path, r.StatusCode, uiExcerpt(uiText(string(r.body))))
	}
	loc := r.Header.Get("Location")
	if !strings.Contains(loc, "done=") {
		e.t.Errorf("POST %s: redirected to %q", path, loc)
	}
	return loc
}

// postStatus sends a form and wants status.
func (e *wfUIEnv) postStatus(cookie, path string, form url.Values, status int, want ...string) string {
	e.t.Helper()
	r := e.postForm(path, form, withCookie(cookie)...)
	body := string(r.body)
	if r.StatusCode != status {
		e.t.Fatalf("POST %s: %d, want %d\n%s", path, r.StatusCode, status, uiExcerpt(uiText(body)))
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			e.t.Errorf("POST %s: no %q in\n%s", path, w, uiExcerpt(uiText(body)))
		}
	}
	return body
}

// idAfter is the id in a redirect to prefix<id>?…
func idAfter(t *testing.T, loc, prefix string) int64 {
	t.Helper()
	s := strings.TrimPrefix(strings.Split(strings.Split(loc, "?")[0], "#")[0], prefix)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("%q is not %s<id>", loc, prefix)
	}
	return id
}

// attr finds the first value of the pattern's group in body, unescaped.
func attr(t *testing.T, body, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no %s in the page", pattern)
	}
	return html.UnescapeString(m[1])
}

// The h1 of each page, by language.
var wfH1 = map[string]map[string]string{
	"orgs":  {"kk": "Ұйымдар", "ru": "Организации", "en": "Organisations"},
	"gaps":  {"kk": "Олқылықтар талдауы", "ru": "Анализ разрывов", "en": "Gap analysis"},
	"plans": {"kk": "Даму жоспарлары", "ru": "Планы развития", "en": "Development plans"},
	"edus":  {"kk": "Білім беру бағдарламалары", "ru": "Образовательные программы", "en": "Education programmes"},
	"new":   {"kk": "Жаңа лауазым", "ru": "Новая должность", "en": "New position"},
	"jd":    {"kk": "Лауазымдық нұсқаулық", "ru": "Должностная инструкция", "en": "Job description"},
	"plan":  {"kk": "Даму жоспары", "ru": "План развития", "en": "Development plan"},
	"cov":   {"kk": "Қамту матрицасы", "ru": "Матрица покрытия", "en": "Coverage matrix"},
}

// h1Of is the text of the page's h1.
func h1Of(body string) string {
	m := regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(uiText(m[1]))
}

// The flow through the pages: a position from a card with a section
// edited and kept, an employee rated, a plan action added and updated,
// the gap analysis and the plans, an education programme with a module
// and an outcome counted in the coverage matrix; every page in the three
// languages.
func TestWorkforceUIFlow(t *testing.T) {
	e := newWFUIEnv(t)
	org := fmt.Sprintf("/orgs/%d", e.orgA)

	for _, lang := range []string{"kk", "ru", "en"} {
		b := e.get(e.hrA, "/orgs?lang="+lang, 200, "Ұйым А")
		if h := h1Of(b); h != wfH1["orgs"][lang] {
			t.Errorf("/orgs in %s: h1 %q", lang, h)
		}
		if strings.Contains(b, "Ұйым Б") {
			t.Errorf("HR of A sees B in the list")
		}
		e.get(e.hrA, org+"?lang="+lang, 200, "Ұйым А", `action="`+org+`/employees"`, `action="`+org+`/members"`)
		b = e.get(e.hrA, org+"/positions/new?code=M84120&card=1&lang="+lang, 200, `name="card"`)
		if h := h1Of(b); h != wfH1["new"][lang] {
			t.Errorf("new position in %s: h1 %q", lang, h)
		}
	}
	// The admin sees every organisation and the form that makes one.
	e.get(e.admin, "/orgs?lang=en", 200, "Ұйым А", "Ұйым Б", "Колледж", `action="/orgs"`)
	// The card page offers HR a position from the card.
	e.get(e.hrA, "/standards/M84120/v/1/cards/2?lang=kk", 200, org+"/positions/new?card=1&amp;code=M84120")

	// A position from card 2 (index 1), the card's title taken.
	loc := e.post(e.hrA, org+"/positions", url.Values{"code": {"M84120"}, "card": {"1"}, "title": {""}, "unit": {"Бөлім"}, "required": {"3"}})
	pos := idAfter(t, loc, org+"/positions/")
	posURL := fmt.Sprintf("%s/positions/%d", org, pos)
	for _, lang := range []string{"kk", "ru", "en"} {
		b := e.get(e.hrA, posURL+"?lang="+lang, 200, wfH1["jd"][lang], `/job-description?format=docx&amp;lang=`, `class="wf-src"`)
		if !strings.Contains(b, `lang="kk" class="wf-jd"`) { // the seed is in Kazakh only
			t.Errorf("the %s page does not show the Kazakh description", lang)
		}
	}
	// A section edited is kept and marked; another reverted.
	b := e.get(e.hrA, posURL+"?desc=kk&lang=kk", 200)
	rev := attr(t, b, `name="revision" value="(\d+)"`)
	e.post(e.hrA, posURL+"/sections/kk/duties", url.Values{"revision": {rev}, "lines": {"Бірінші міндет\r\nЕкінші міндет"}})
	b = e.get(e.hrA, posURL+"?desc=kk&lang=kk", 200, "Бірінші міндет", "Екінші міндет", "түзетілген", "Салыстыру үшін")
	// The same form again is stale: someone saved meanwhile.
	e.postStatus(e.hrA, posURL+"/sections/kk/duties", url.Values{"revision": {rev}, "lines": {"Басқа"}}, http.StatusConflict, `class="error-box"`)
	rev = attr(t, b, `name="revision" value="(\d+)"`)
	e.post(e.hrA, posURL+"/sections/kk/duties/revert", url.Values{"revision": {rev}})
	b = e.get(e.hrA, posURL+"?desc=kk&lang=en", 200)
	if strings.Contains(b, "Бірінші міндет") {
		t.Errorf("the reverted section still has the edit")
	}
	rev = attr(t, b, `name="revision" value="(\d+)"`)
	e.post(e.hrA, posURL+"/sections/kk/rights", url.Values{"revision": {rev}, "lines": {"Демалыс құқығы"}})
	e.get(e.hrA, posURL+"?lang=ru", 200, "Демалыс құқығы", "изменено")
	// The card has no Russian: no Russian section to edit.
	e.postStatus(e.hrA, posURL+"/sections/ru/rights", url.Values{"lines": {"Право"}}, http.StatusUnprocessableEntity, `class="error-box"`)
	// The standard has one version: nothing to move to.
	if strings.Contains(b, "/upgrade") {
		t.Errorf("an upgrade is offered with one version")
	}
	// HR adds a head of a unit and removes them again.
	e.addUser(auth.User{Login: "head-a@example.kz", Name: "Бөлім басшысы", Role: auth.RoleEmployer})
	e.post(e.hrA, org+"/members", url.Values{"login": {"head-a@example.kz"}, "role": {"head"}, "unit": {"Бөлім"}})
	b = e.get(e.hrA, org+"?lang=kk", 200, "head-a@example.kz")
	head := attr(t, b, `action="`+org+`/members/(\d+)/remove"[^<]*<button[^>]*aria-label="[^"]*Бөлім басшысы"`)
	e.post(e.hrA, org+"/members/"+head+"/remove", url.Values{})
	if b = e.get(e.hrA, org+"?lang=kk&done=member-removed", 200, "Мүше шығарылды."); strings.Contains(b, "head-a@example.kz") {
		t.Error("the removed member is still listed")
	}
	// HR edits the position: title and required level; the edit of the
	// description stays.
	b = e.get(e.hrA, posURL+"?lang=kk", 200, `action="`+posURL+`"`)
	rev = attr(t, b, `name="revision" value="(\d+)"`)
	e.post(e.hrA, posURL, url.Values{"revision": {rev}, "title": {"Аға маман"}, "unit": {"Бөлім"}, "required": {"4"}})
	e.get(e.hrA, posURL+"?lang=kk&done=position-updated", 200, "Аға маман", "Лауазым сақталды.", "Демалыс құқығы", "4 — "+workforce.LevelName("kk", 4))
	e.postStatus(e.hrA, posURL, url.Values{"revision": {rev}, "title": {"Ескі"}, "required": {"3"}}, http.StatusConflict, `class="error-box"`)
	e.post(e.hrA, posURL, url.Values{"revision": {attr(t, e.get(e.hrA, posURL, 200), `name="revision" value="(\d+)"`)}, "title": {"Жастармен жұмыс жөніндегі маман"}, "unit": {"Бөлім"}, "required": {"3"}})

	// An employee linked to the candidate's account.
	loc = e.post(e.hrA, org+"/employees", url.Values{"name": {"Айгүл Нұрланқызы"}, "unit": {"Бөлім"}, "position_id": {strconv.FormatInt(pos, 10)}, "login": {e.selfLogin}})
	emp := idAfter(t, loc, org+"/employees/")
	empURL := fmt.Sprintf("%s/employees/%d", org, emp)
	e.postStatus(e.hrA, org+"/employees", url.Values{"name": {"Ешкім"}, "login": {"nobody@example.kz"}}, http.StatusUnprocessableEntity, "nobody@example.kz")
	for _, lang := range []string{"kk", "ru", "en"} {
		b = e.get(e.hrA, empURL+"?lang="+lang, 200, wfH1["plan"][lang], workforce.LevelName(lang, 0), workforce.LevelName(lang, 4), `name="manager_0"`)
		if strings.Contains(b, `name="self_0"`) {
			t.Errorf("HR gets the employee's own levels")
		}
	}
	path := attr(t, b, `name="path_0" value="([^"]+)"`)
	e.post(e.hrA, empURL+"/ratings", url.Values{"path_0": {path}, "manager_0": {"1"}, "evidence_0": {"Бақылау"}})
	b = e.get(e.hrA, empURL+"?lang=kk", 200, "Бақылау", "−2")
	// The employee rates themself, and sees no manager's levels to give.
	b = e.get(e.self, empURL+"?lang=ru", 200, `name="self_0"`)
	if strings.Contains(b, `name="manager_0"`) {
		t.Errorf("the employee gets the manager's levels")
	}
	e.post(e.self, empURL+"/ratings", url.Values{"path_0": {path}, "self_0": {"2"}})
	e.get(e.hrA, empURL+"?lang=en", 200, "−2") // the manager's level counts
	// HR edits the record: a new name, the account kept; the employee
	// cannot.
	e.post(e.hrA, empURL, url.Values{"name": {"Айгүл Нұрланқызы-Сейіт"}, "unit": {"Бөлім"}, "position_id": {strconv.FormatInt(pos, 10)}, "login": {e.selfLogin}})
	e.get(e.hrA, empURL+"?lang=kk&done=employee-updated", 200, "Айгүл Нұрланқызы-Сейіт", "Қызметкердің деректері сақталды.", `value="`+e.selfLogin+`"`)
	e.postStatus(e.self, empURL, url.Values{"name": {"Басқа"}}, http.StatusForbidden, "")
	// The employee may not give the manager's level.
	e.postStatus(e.self, empURL+"/ratings", url.Values{"path_0": {path}, "manager_0": {"4"}}, http.StatusForbidden)

	// A plan action for the gap, updated from the overview.
	e.post(e.hrA, org+"/actions", url.Values{"employee_id": {strconv.FormatInt(emp, 10)}, "kind": {"training"}, "title": {"Жастармен жұмыс курсы"},
		"item": {path}, "due": {"2025-09-01"}})
	e.postStatus(e.hrA, org+"/actions", url.Values{"employee_id": {strconv.FormatInt(emp, 10)}, "kind": {"training"}, "title": {""}, "due": {"2025-09-01"}},
		http.StatusUnprocessableEntity, `class="error-box"`)
	b = e.get(e.hrA, empURL+"?lang=kk", 200, "Жастармен жұмыс курсы", "Оқыту")
	act := attr(t, b, `id="action-(\d+)"`)
	e.post(e.hrA, org+"/actions/"+act, url.Values{"status": {"in_progress"}, "progress": {"40"}, "revision": {"1"}, "back": {"plans"}})
	for _, lang := range []string{"kk", "ru", "en"} {
		b = e.get(e.hrA, org+"/plans?lang="+lang, 200, "Жастармен жұмыс курсы", `value="40"`)
		if h := h1Of(b); h != wfH1["plans"][lang] {
			t.Errorf("plans in %s: h1 %q", lang, h)
		}
	}
	e.get(e.hrA, org+"/plans?status=done&lang=en", 200, "No action matches.")
	// The employee reports progress on their own action.
	e.post(e.self, org+"/actions/"+act, url.Values{"status": {"in_progress"}, "progress": {"60"}, "revision": {"2"}})
	e.get(e.self, empURL+"?lang=kk", 200, `value="60"`)

	// The gap analysis with its heat map and downloads.
	for _, lang := range []string{"kk", "ru", "en"} {
		b = e.get(e.hrA, org+"/gaps?lang="+lang, 200, "<svg", "format=csv", "format=xlsx", "Айгүл")
		if h := h1Of(b); h != wfH1["gaps"][lang] {
			t.Errorf("gaps in %s: h1 %q", lang, h)
		}
	}
	e.get(e.hrA, org+"/gaps?unit="+url.QueryEscape("Екінші бөлім")+"&lang=en", 200, "Екінші бөлім")
	// The employee has no gap analysis of the organisation.
	e.get(e.self, org+"/gaps", http.StatusForbidden)

	// An education programme, a module, an outcome: the matrix counts it.
	edu := fmt.Sprintf("/orgs/%d", e.orgC)
	e.get(e.method, edu+"/programmes/new?code=M84120&card=1&lang=kk", 200, `name="speciality"`)
	loc = e.post(e.method, edu+"/programmes", url.Values{"code": {"M84120"}, "card": {"1"}, "speciality": {"6B01101"},
		"title": {"Жастар саясаты"}, "qualification": {"Бакалавр"}})
	prog := idAfter(t, loc, edu+"/programmes/")
	progURL := fmt.Sprintf("%s/programmes/%d", edu, prog)
	b = e.get(e.method, progURL+"?lang=en", 200, "Coverage matrix", "not taught")
	e.post(e.method, progURL+"/modules", url.Values{"revision": {attr(t, b, `name="revision" value="(\d+)"`)}, "code": {"ПМ 01"}, "title": {"Жастармен жұмыс"}})
	b = e.get(e.method, progURL+"?lang=kk", 200, "ПМ 01", `name="module"`)
	item := attr(t, b, `name="item" type="checkbox" value="(M84120\|[^"]+skills\[0\])"`)
	e.post(e.method, progURL+"/outcomes", url.Values{"revision": {attr(t, b, `name="revision" value="(\d+)"`)}, "module": {"0"},
		"text": {"Жастармен жұмысты жоспарлайды"}, "item": {item}})
	for _, lang := range []string{"kk", "ru", "en"} {
		b = e.get(e.method, progURL+"?lang="+lang, 200, "Жастармен жұмысты жоспарлайды", wfH1["cov"][lang], "format=xlsx", "format=pdf")
		matrix := regexp.MustCompile(`(?s)<table class="list wf-matrix">.*?</table>`).FindString(b)
		if !strings.Contains(matrix, `<td class="num">1</td>`) || !strings.Contains(matrix, `<strong>1</strong>`) {
			t.Errorf("coverage in %s: no count 1 in the matrix", lang)
		}
	}
	for _, lang := range []string{"kk", "ru", "en"} {
		b = e.get(e.method, edu+"/programmes?lang="+lang, 200, "6B01101")
		if h := h1Of(b); h != wfH1["edus"][lang] {
			t.Errorf("programmes in %s: h1 %q", lang, h)
		}
	}
	// A stale module form.
	e.postStatus(e.method, progURL+"/modules", url.Values{"revision": {"1"}, "title": {"Тағы"}}, http.StatusConflict)
	// An employer has no programmes to make.
	e.get(e.hrA, org+"/programmes/new?code=M84120", http.StatusForbidden)
}

// An HR of another organisation gets 404 on every page and form of the
// first, as for an organisation that does not exist.
func TestWorkforceUIIsolation(t *testing.T) {
	e := newWFUIEnv(t)
	org := fmt.Sprintf("/orgs/%d", e.orgA)
	pos := idAfter(t, e.post(e.hrA, org+"/positions", url.Values{"code": {"M84120"}, "card": {"1"}, "title": {"Маман"}, "required": {"3"}}), org+"/positions/")
	emp := idAfter(t, e.post(e.hrA, org+"/employees", url.Values{"name": {"Қызметкер"}, "position_id": {strconv.FormatInt(pos, 10)}}), org+"/employees/")
	b := e.get(e.hrA, fmt.Sprintf("%s/employees/%d", org, emp), 200)
	path := attr(t, b, `name="path_0" value="([^"]+)"`)
	e.post(e.hrA, org+"/actions", url.Values{"employee_id": {strconv.FormatInt(emp, 10)}, "kind": {"mentoring"}, "title": {"Тәлімгер"}, "item": {path}, "due": {"2025-10-01"}})
	act := attr(t, e.get(e.hrA, fmt.Sprintf("%s/employees/%d", org, emp), 200), `id="action-(\d+)"`)
	edu := fmt.Sprintf("/orgs/%d", e.orgC)
	prog := idAfter(t, e.post(e.method, edu+"/programmes", url.Values{"code": {"M84120"}, "card": {"1"}, "speciality": {"6B01101"}, "title": {"Бағдарлама"}}), edu+"/programmes/")

	gets := []string{org, org + "/positions/new?code=M84120", fmt.Sprintf("%s/positions/%d", org, pos), fmt.Sprintf("%s/employees/%d", org, emp),
		org + "/gaps", org + "/plans", org + "/programmes"}
	posts := map[string]url.Values{
		org + "/members": {"login": {"hr-b@example.kz"}, "role": {"hr"}},
		org + "/members/" + strconv.FormatInt(e.users[auth.RoleAdmin].ID, 10) + "/remove": {},
		org + "/employees":                                                 {"name": {"Бөтен"}},
		fmt.Sprintf("%s/employees/%d", org, emp):                           {"name": {"Бөтен"}},
		fmt.Sprintf("%s/positions/%d", org, pos):                           {"title": {"Бөтен"}, "required": {"3"}},
		org + "/positions":                                                 {"code": {"M84120"}, "card": {"1"}, "title": {"Бөтен"}, "required": {"3"}},
		fmt.Sprintf("%s/positions/%d/sections/kk/duties", org, pos):        {"lines": {"Бөтен"}},
		fmt.Sprintf("%s/positions/%d/sections/kk/duties/revert", org, pos): {},
		fmt.Sprintf("%s/positions/%d/upgrade", org, pos):                   {},
		fmt.Sprintf("%s/employees/%d/ratings", org, emp):                   {"path_0": {path}, "manager_0": {"4"}},
		org + "/actions":                                                   {"employee_id": {strconv.FormatInt(emp, 10)}, "kind": {"training"}, "title": {"Бөтен"}, "due": {"2025-10-01"}},
		org + "/actions/" + act:                                            {"status": {"done"}, "progress": {"100"}},
		edu + "/programmes":                                                {"code": {"M84120"}, "card": {"1"}, "speciality": {"6B01101"}, "title": {"Бөтен"}},
		fmt.Sprintf("%s/programmes/%d/modules", edu, prog):                 {"title": {"Бөтен"}},
		fmt.Sprintf("%s/programmes/%d/outcomes", edu, prog):                {"module": {"0"}, "text": {"Бөтен"}},
	}
	for _, lang := range []string{"kk", "ru", "en"} {
		for _, p := range append(gets, edu, edu+"/programmes", fmt.Sprintf("%s/programmes/%d", edu, prog), edu+"/programmes/new") {
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			e.get(e.hrB, p+sep+"lang="+lang, http.StatusNotFound)
		}
	}
	for p, form := range posts {
		e.postStatus(e.hrB, p, form, http.StatusNotFound)
	}
	// Nothing changed: the action is still planned, the position not edited.
	e.get(e.hrA, fmt.Sprintf("%s/employees/%d?lang=en", org, emp), 200, "Planned")
	if b := e.get(e.hrA, fmt.Sprintf("%s/positions/%d?lang=kk", org, pos), 200); strings.Contains(b, "Бөтен") {
		t.Errorf("B's edit reached A's position")
	}
	// The candidate, no employee of A, gets 404 too.
	e.get(e.self, org, http.StatusNotFound)
}

// A newer version of the standard: the position's page shows what it
// changes in the card, HR moves the position to it, the edits stay, and
// the edited section whose wording changed is marked.
func TestWorkforceUIUpgrade(t *testing.T) {
	e := newWFUIEnv(t)
	org := fmt.Sprintf("/orgs/%d", e.orgA)
	pos := idAfter(t, e.post(e.hrA, org+"/positions", url.Values{"code": {"M84120"}, "card": {"1"}, "title": {"Маман"}, "required": {"3"}}), org+"/positions/")
	posURL := fmt.Sprintf("%s/positions/%d", org, pos)
	b := e.get(e.hrA, posURL+"?lang=kk", 200)
	e.post(e.hrA, posURL+"/sections/kk/knowledge", url.Values{"revision": {attr(t, b, `name="revision" value="(\d+)"`)}, "lines": {"Өз сөзімізбен білім"}})
	if strings.Contains(b, "/upgrade") {
		t.Fatal("an upgrade is offered with one version")
	}

	youth, err := e.st.Standard(context.Background(), "M84120", "")
	if err != nil {
		t.Fatal(err)
	}
	v2 := uiClone(t, youth)
	v2.Technical.Version, v2.Technical.Year = "2", 2024
	k := &v2.Cards[1].Functions[0].Skills[0].Knowledge[0]
	k.Text = kasip.Text{"kk": k.Text["kk"] + " және оның өзгерістері"}
	uiImportJSON(t, e.st, v2, "M84120-v2.json")

	for _, lang := range []string{"kk", "ru", "en"} {
		e.get(e.hrA, posURL+"?lang="+lang, 200, "<ins>және оның өзгерістері</ins>", posURL+"/upgrade")
	}
	b = e.get(e.hrA, posURL+"?lang=en", 200, "Move to version 2 (your edits are kept)")
	// A stale form is refused; the current one moves the position.
	e.postStatus(e.hrA, posURL+"/upgrade", url.Values{"revision": {"1"}}, http.StatusConflict)
	e.post(e.hrA, posURL+"/upgrade", url.Values{"revision": {attr(t, b, `name="revision" value="(\d+)"`)}})
	b = e.get(e.hrA, posURL+"?lang=kk", 200, "M84120 v2", "Өз сөзімізбен білім", "түзетуіңізден кейін стандарттың тұжырымы өзгерді", "және оның өзгерістері")
	if strings.Contains(b, posURL+"/upgrade") {
		t.Errorf("an upgrade is still offered on the latest version")
	}
}
