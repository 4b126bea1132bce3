package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/textproto"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/ui/recognitionui"
)

// The recognition process through the pages: every form posted with the
// fields the page has, redirects followed, the pages checked.

// uiClient is login's browser signed in through the sign-in form.
func (e *recEnv) uiClient(login string) *http.Client {
	e.t.Helper()
	key := "ui:" + login
	if c := e.jars[key]; c != nil {
		return c
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := url.Values{"login": {login}, "password": {recTestPassword}}
	res, err := c.Post(e.srv.URL+"/signin", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		e.t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("sign in %s through the form: %d", login, res.StatusCode)
	}
	e.jars[key] = c
	return c
}

// uiDo sends a request from login's browser ("-": the public).
func (e *recEnv) uiDo(login, method, path string, body *bytes.Buffer, header ...string) apiResp {
	e.t.Helper()
	return e.uiDoAt(e.srv.URL, login, method, path, body, header...)
}

// uiDoAt is uiDo to the server at base. The cookie jar keys on the host,
// not the port, so login's session reaches another server on the same
// store too.
func (e *recEnv) uiDoAt(base, login, method, path string, body *bytes.Buffer, header ...string) apiResp {
	e.t.Helper()
	var rd *bytes.Reader
	if body != nil {
		rd = bytes.NewReader(body.Bytes())
	}
	req, err := http.NewRequest(method, base+path, nil)
	if rd != nil {
		req, err = http.NewRequest(method, base+path, rd)
	}
	if err != nil {
		e.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if login != "-" {
		c = e.uiClient(login)
	}
	res, err := c.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	return apiResp{res, b.Bytes()}
}

// page GETs path as login, wants status, checks the page's structure and
// that it has every one of want.
func (e *recEnv) page(login, path string, status int, want ...string) string {
	e.t.Helper()
	r := e.uiDo(login, http.MethodGet, path, nil)
	if r.StatusCode != status {
		e.t.Fatalf("GET %s as %s: %d, want %d\n%s", path, login, r.StatusCode, status, uiExcerpt(uiText(string(r.body))))
	}
	body := string(r.body)
	uiCheckStructure(e.t, path, body)
	for _, w := range want {
		if !strings.Contains(body, w) {
			e.t.Errorf("GET %s as %s: no %q in\n%s", path, login, w, uiExcerpt(uiText(body)))
		}
	}
	return body
}

// post sends a form as login and wants a redirect (303) to a page with
// ?done=; it returns where to.
func (e *recEnv) post(login, path string, form url.Values) string {
	e.t.Helper()
	r := e.postRaw(login, path, form)
	if r.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("POST %s as %s: %d, want 303\n%s", path, login, r.StatusCode, uiExcerpt(uiText(string(r.body))))
	}
	loc := r.Header.Get("Location")
	if !strings.Contains(loc, "done=") {
		e.t.Errorf("POST %s: redirected to %q", path, loc)
	}
	return loc
}

func (e *recEnv) postRaw(login, path string, form url.Values, header ...string) apiResp {
	e.t.Helper()
	return e.uiDo(login, http.MethodPost, path, bytes.NewBufferString(form.Encode()),
		append([]string{"Content-Type", "application/x-www-form-urlencoded"}, header...)...)
}

// postFail sends a form that must fail with status, the page showing
// want next to the form.
func (e *recEnv) postFail(login, path string, form url.Values, status int, want ...string) string {
	e.t.Helper()
	r := e.postRaw(login, path, form)
	body := string(r.body)
	if r.StatusCode != status {
		e.t.Fatalf("POST %s as %s: %d, want %d\n%s", path, login, r.StatusCode, status, uiExcerpt(uiText(body)))
	}
	if status != http.StatusForbidden && status != http.StatusNotFound && !strings.Contains(body, `class="error-box" role="alert"`) {
		e.t.Errorf("POST %s: no error next to the form", path)
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			e.t.Errorf("POST %s: no %q in\n%s", path, w, uiExcerpt(uiText(body)))
		}
	}
	return body
}

// uiText strips tags, for readable failure messages.
func uiText(s string) string {
	s = regexp.MustCompile(`(?s)<head>.*?</head>|<[^>]+>`).ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(s), " ")
}

var uiAppIDRe = regexp.MustCompile(`/recognition/(?:applications|programmes)/(\d+)`)

func uiIDOf(t *testing.T, loc string) string {
	t.Helper()
	m := uiAppIDRe.FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("no id in %q", loc)
	}
	return m[1]
}

func TestRecognitionUIFlow(t *testing.T) {
	e := newRecEnv(t, "")
	ctx := context.Background()

	// The public overview, in three languages.
	e.page("-", "/recognition?lang=kk", 200, "Кәсіптік біліктілікті тану", "Жастар тану орталығы")
	e.page("-", "/recognition?lang=ru", 200, "Признание профессиональной квалификации", "Центры признания")
	e.page("-", "/recognition?lang=en", 200, "Recognition of professional qualifications")

	// The manager builds a programme: the card from the centre's scope,
	// then units and components, then the bank item by item.
	pick := "M84120|1|1"
	e.page(recManager, "/recognition/programmes/new?lang=en", 200, `value="M84120|1|1"`)
	e.page(recManager, "/recognition/programmes/new?lang=en&pick="+url.QueryEscape(pick), 200, "Units assessed", "cards[1].functions[0]")
	e.postFail(recManager, "/recognition/programmes?lang=en", url.Values{"pick": {pick}, "level": {"5"}, "whole": {"on"}}, http.StatusUnprocessableEntity, "no component")
	loc := e.post(recManager, "/recognition/programmes", url.Values{"pick": {pick}, "level": {"5"}, "whole": {"on"}, "title_kk": {"Жастармен жұмыс"},
		"comp_theory": {"on"}, "theory_format": {"online"}, "theory_minutes": {"60"},
		"comp_practice": {"on"}, "practice_format": {"offline"}, "practice_threshold": {"60"}, "practice_minutes": {"90"}, "practice_equipment": {"ноутбук"}})
	progID := uiIDOf(t, loc)
	progURL := "/recognition/programmes/" + progID
	e.page(recManager, progURL+"?lang=en", 200, "Draft", "Add a question", "Submit for approval")
	e.page(recManager, progURL+"/coverage?lang=en", 200, "knowledge without a question", "ability without a task")
	st, err := e.st.Standard(ctx, "M84120", "1")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range recognition.Units(&st.Cards[1], 1) {
		for _, k := range u.Knowledge {
			e.post(recManager, progURL+"/questions", url.Values{"text_kk": {"Сұрақ: " + k.Text.Best()}, "knowledge": {k.Path}})
		}
		for _, a := range u.Abilities {
			e.post(recManager, progURL+"/tasks", url.Values{"text_kk": {"Тапсырма: " + a.Text.Best()}, "ability": {a.Path}})
		}
	}
	e.postFail(recManager, progURL+"/questions?lang=en", url.Values{"text_kk": {"?"}}, http.StatusUnprocessableEntity, "linked to no knowledge item")
	e.page(recManager, progURL+"/coverage?lang=en", 200, "No gap")
	e.post(recManager, progURL+"/submit", nil)
	// The manager cannot approve; the administrator sees it awaiting
	// approval and approves it.
	e.postFail(recManager, progURL+"/approve", nil, http.StatusForbidden)
	e.page(recAdmin, "/recognition/approvals?lang=en", 200, progURL)
	e.post(recAdmin, progURL+"/approve", nil)
	e.page("-", progURL+"?lang=en", 200, "Approved", "Questions: 18, tasks: 15")

	// The candidate registers (a wrong IIN first), finds the programme by
	// profession and applies.
	birth := time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC)
	iin := recTestIIN(t, birth, true, 200)
	e.page(recCandidate, "/recognition/me?lang=en", 200, "Register as a candidate")
	reg := url.Values{"name": {"Айгүл Нұрланқызы"}, "iin": {iin}, "birth_date": {"1990-01-16"}, "consent": {"on"}}
	e.postFail(recCandidate, "/recognition/register?lang=en", reg, http.StatusUnprocessableEntity, "encodes the birth date")
	reg.Set("birth_date", "1990-01-15")
	e.post(recCandidate, "/recognition/register", reg)
	e.page(recCandidate, "/recognition/programmes?lang=en&profession="+url.QueryEscape("M84120|1"), 200, progURL)
	e.page(recCandidate, progURL+"?lang=en", 200, "Apply for recognition")
	loc = e.post(recCandidate, progURL+"/apply", url.Values{"route": {"self"}})
	appURL := "/recognition/applications/" + uiIDOf(t, loc)
	e.page(recCandidate, appURL+"?lang=en", 200, "Submitted", "The centre accepts or rejects", "Application submitted")
	// Others do not see it.
	e.page(recCandidate2, appURL, http.StatusNotFound)
	e.page(recOtherAssr, appURL, http.StatusForbidden)
	e.page(recEmployer, appURL, http.StatusNotFound)

	// The centre accepts; the same form sent again is refused with 409.
	e.page(recManager, appURL+"?lang=en", 200, "Accept the application")
	accept := url.Values{"state": {"submitted"}}
	e.post(recManager, appURL+"/accept", accept)
	// (The page answering the post switches language at the page's own
	// address, not at the address that only takes posts.)
	e.postFail(recManager, appURL+"/accept?lang=en", accept, http.StatusConflict, "The application changed since this page was shown", "Accepted",
		`href="`+appURL+`?lang=kk"`)
	// A form from another site is refused by the cross-origin protection.
	r := e.postRaw(recManager, appURL+"/schedule", url.Values{"state": {"accepted"}}, "Sec-Fetch-Site", "cross-site")
	if r.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site post: %d", r.StatusCode)
	}
	e.post(recManager, appURL+"/schedule", url.Values{"state": {"accepted"}, "at": {"2025-03-10T10:00"}, "place": {"Астана"},
		"assessor": {fmt.Sprint(e.id(recAssessor1)), fmt.Sprint(e.id(recAssessor2))}})

	// The assessors record the results, one form per component and unit.
	e.page(recAssessor1, "/recognition/applications?lang=en", 200, appURL, "My sessions")
	body := e.page(recAssessor1, appURL+"?lang=en", 200, "Results", "Score, %")
	prog, err := e.st.GetProgramme(ctx, mustAtoi(t, progID))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range prog.Units {
		if !strings.Contains(body, `value="`+u+`"`) {
			t.Errorf("no result form for %s", u)
		}
		e.post(recAssessor1, appURL+"/results", url.Values{"state": {"scheduled"}, "component": {"theory"}, "unit": {u}, "version": {"0"}, "score": {"85"}})
		e.post(recAssessor2, appURL+"/results", url.Values{"state": {"scheduled"}, "component": {"practice"}, "unit": {u}, "version": {"0"}, "score": {"75"}, "notes": {"жақсы"}})
	}
	// Assessor 2 saves over assessor 1's theory result from the page they
	// loaded before it was saved: refused, saying who saved it.
	e.postFail(recAssessor2, appURL+"/results?lang=en", url.Values{"state": {"scheduled"}, "component": {"theory"}, "unit": {prog.Units[0]},
		"version": {"0"}, "score": {"40"}}, http.StatusConflict, "Someone else saved this meanwhile", "Бағалаушы Бірінші")
	// An assessor of another centre may not record.
	e.postFail(recOtherAssr, appURL+"/results", url.Values{"state": {"scheduled"}, "component": {"theory"}, "unit": {prog.Units[0]},
		"version": {"1"}, "score": {"10"}}, http.StatusForbidden)
	e.uploadEvidence(appURL, prog.Units[0])
	e.post(recAssessor1, appURL+"/assessed", url.Values{"state": {"scheduled"}})
	e.page(recAssessor1, appURL+"?lang=en", 200, "The whole qualification is recognised", "Record the decision")
	e.postFail(recAssessor1, appURL+"/decide?lang=en", url.Values{"state": {"assessed"}, "outcome": {"none"}}, http.StatusUnprocessableEntity, "a written reason is required")
	e.post(recAssessor1, appURL+"/decide", url.Values{"state": {"assessed"}, "confirm": {"on"}})

	// The candidate sees the decision and appeals; another assessor
	// re-decides; the manager closes.
	e.page(recCandidate, appURL+"?lang=en", 200, "The whole qualification is recognised", "Appeal the decision", "The candidate may appeal")
	e.post(recCandidate, appURL+"/appeal", url.Values{"state": {"decided"}, "reason": {"Тапсырма түсіндірілмеді"}})
	e.postFail(recAssessor1, appURL+"/redecide", url.Values{"state": {"appealed"}, "confirm": {"on"}}, http.StatusForbidden)
	e.page(recAssessor2, appURL+"?lang=en", 200, "Decide on the appeal")
	e.post(recAssessor2, appURL+"/redecide", url.Values{"state": {"appealed"}, "confirm": {"on"}})
	e.post(recManager, appURL+"/close", url.Values{"state": {"redecided"}})
	body = e.page(recCandidate, appURL+"?lang=ru", 200, "Закрыто", "Апелляция подана", "Бағалаушы Екінші", "Решение по апелляции принято")
	if strings.Contains(body, "@centre.test") {
		t.Error("the candidate's page shows the staff's logins")
	}
	e.page(recManager, appURL+"?lang=ru", 200, "Айгүл Нұрланқызы ("+recCandidate+")", "Бағалаушы Екінші ("+recAssessor2+")")

	e.uiReferral(progURL)
	e.uiAdminPages()
}

func mustAtoi(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// uploadEvidence attaches a file through the page's multipart form.
func (e *recEnv) uploadEvidence(appURL, unit string) {
	e.t.Helper()
	e.uploadMislabelledEvidence(appURL, unit)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("state", "scheduled")
	mw.WriteField("component", "practice")
	mw.WriteField("unit", unit)
	fw, _ := mw.CreateFormFile("file", "фото.txt")
	fw.Write([]byte("the practical task, photographed"))
	mw.Close()
	r := e.uiDo(recAssessor2, http.MethodPost, appURL+"/evidence", &buf, "Content-Type", mw.FormDataContentType())
	if r.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("evidence: %d %s", r.StatusCode, uiExcerpt(uiText(string(r.body))))
	}
	body := e.page(recCandidate, appURL, 200, "фото.txt")
	m := regexp.MustCompile(`href="(` + regexp.QuoteMeta(appURL) + `/evidence/\d+)"`).FindStringSubmatch(body)
	if m == nil {
		e.t.Fatal("no evidence link")
	}
	r = e.uiDo(recCandidate, http.MethodGet, m[1], nil)
	if r.StatusCode != 200 || string(r.body) != "the practical task, photographed" || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") {
		e.t.Errorf("evidence download: %d %q", r.StatusCode, r.body)
	}
}

// uploadMislabelledEvidence: a PNG the browser declares a PDF is refused
// on the page, which names both types.
func (e *recEnv) uploadMislabelledEvidence(appURL, unit string) {
	e.t.Helper()
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		e.t.Fatal(err)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("state", "scheduled")
	mw.WriteField("component", "practice")
	mw.WriteField("unit", unit)
	fw, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Disposition": {`form-data; name="file"; filename="акт.pdf"`},
		"Content-Type": {"application/pdf"}})
	fw.Write(img.Bytes())
	mw.Close()
	r := e.uiDo(recAssessor2, http.MethodPost, appURL+"/evidence?lang=ru", &buf, "Content-Type", mw.FormDataContentType())
	text := uiText(string(r.body))
	if r.StatusCode == http.StatusSeeOther || !strings.Contains(text, "заявлен как «application/pdf»") || !strings.Contains(text, "«image/png»") {
		e.t.Errorf("a PNG as PDF on the page: %d %s", r.StatusCode, uiExcerpt(text))
	}
}

// uiReferral: an employer confirms a referral on the page.
func (e *recEnv) uiReferral(progURL string) {
	e.t.Helper()
	e.post(recCandidate2, "/recognition/register", url.Values{"name": {"Нұрлан Сәкенұлы"},
		"iin": {recTestIIN(e.t, time.Date(1988, 7, 2, 0, 0, 0, 0, time.UTC), false, 300)}, "birth_date": {"1988-07-02"}, "consent": {"on"}})
	loc := e.post(recCandidate2, progURL+"/apply", url.Values{"route": {"referral"}, "employer_login": {recEmployer}})
	appURL := "/recognition/applications/" + uiIDOf(e.t, loc)
	e.page(recEmployer, "/recognition/applications?lang=en", 200, appURL, "Referrals")
	e.page(recManager, appURL+"?lang=en", 200, "not confirmed yet")
	e.page(recEmployer, appURL+"?lang=en", 200, "Confirm the referral")
	e.post(recEmployer, appURL+"/confirm-referral", url.Values{"state": {"submitted"}})
	e.page(recManager, appURL+"?lang=en", 200, "Accept the application")
	e.post(recManager, appURL+"/reject", url.Values{"state": {"submitted"}, "reason": {"документы неполные"}})
	e.page(recCandidate2, appURL+"?lang=en", 200, "Rejected", "документы неполные")
}

// uiAdminPages: centres, accreditations, settings and vouchers.
func (e *recEnv) uiAdminPages() {
	e.t.Helper()
	loc := e.post(recAdmin, "/recognition/centres", url.Values{"name_kk": {"Үшінші орталық"}, "bin": {recTestBIN(e.t, 40)}, "region": {"Шымкент"}})
	centreURL := strings.Split(loc, "?")[0]
	acc := url.Values{"number": {"KZ-RC-0003"}, "valid_from": {"2025-05-01"}, "valid_to": {"2025-04-01"}, "scope": {"M84120 2 5"}}
	e.postFail(recAdmin, centreURL+"/accreditations?lang=en", acc, http.StatusUnprocessableEntity, "is before valid from")
	acc.Set("valid_to", "")
	e.post(recAdmin, centreURL+"/accreditations", acc)
	e.page("-", centreURL+"?lang=en", 200, "KZ-RC-0003", "M84120, card 2, levels 5")
	e.page(recManager, fmt.Sprintf("/recognition/centres/%d?lang=en", e.centre), 200, "Applications by state", "Бағалаушы Бірінші", "New qualification programme")
	e.page(recManager, "/recognition/settings?lang=en", 200, "Days to appeal a decision")
	e.postFail(recManager, "/recognition/settings", url.Values{}, http.StatusForbidden)
	form := url.Values{"evidence_types": {"application/pdf\ntext/plain"}}
	for _, f := range recognitionui.UIRecSettingFields(&recognition.Settings{}) {
		form.Set(f.Name, "10")
	}
	form.Set("utc_offset_minutes", "300")
	form.Set("evidence_max_bytes", "1000000")
	e.post(recAdmin, "/recognition/settings", form)
	e.page(recAdmin, "/recognition/settings?lang=en", 200, `value="1000000"`)
	e.postFail(recAdmin, "/recognition/vouchers?lang=en", url.Values{"iin": {"000000000000"}}, http.StatusUnprocessableEntity, "No candidate has this IIN")
	e.post(recAdmin, "/recognition/vouchers", url.Values{"iin": {recTestIIN(e.t, time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC), true, 200)}})
	e.page(recCandidate, "/recognition/me?lang=en", 200, "Voucher No.")
}
