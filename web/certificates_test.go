package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	uipage "github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/web/webtest"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"

	"github.com/kasip/kasip/internal/pgtest"
)

// The certificate routes on a real store: issuing from a decided
// application, the public verification (page, JSON, credential bytes,
// PDF, status list), the register search, revocation and who may do it,
// and the holder's own page.

// certDecided drives login's application to a decided whole recognition
// (through the API for the candidate's steps, the store for the staff's)
// and sets the certificate settings; it returns the application's ID.
func (e *recEnv) certDecided(prog api.ProgrammeView, login string, birth time.Time, serial int) int64 {
	e.t.Helper()
	return e.certDecidedAs(prog, login, birth, serial, recognition.DecisionInput{})
}

// certDecidedAs is certDecided with the assessor's decision in (an
// override recognising only some units, say).
func (e *recEnv) certDecidedAs(prog api.ProgrammeView, login string, birth time.Time, serial int, in recognition.DecisionInput) int64 {
	e.t.Helper()
	ctx := context.Background()
	e.registerCandidate(login, birth, serial)
	var app api.ApplicationView
	e.checked(e.call(login, "POST", "/api/v1/applications", service.ApplyInput{ProgrammeID: prog.ID, Route: recognition.RouteSelf}),
		"/api/v1/applications", http.StatusCreated, &app)
	must := func(_ any, err error) {
		e.t.Helper()
		if err != nil {
			e.t.Fatal(err)
		}
	}
	must(e.st.TransitionApplication(ctx, e.id(recManager), app.ID, recognition.StateAccepted, ""))
	must(e.st.ScheduleSession(ctx, e.id(recManager), app.ID, recognition.Session{At: recTestStart.Add(24 * time.Hour),
		Place: "Астана", Assessors: []int64{e.id(recAssessor1), e.id(recAssessor2)}}))
	for _, u := range prog.Units {
		must(e.st.RecordResult(ctx, e.id(recAssessor1), app.ID, recognition.Result{Component: recognition.ComponentTheory, Unit: u, Score: 90}))
		must(e.st.RecordResult(ctx, e.id(recAssessor2), app.ID, recognition.Result{Component: recognition.ComponentPractice, Unit: u, Score: 90}))
	}
	must(e.st.TransitionApplication(ctx, e.id(recAssessor1), app.ID, recognition.StateAssessed, ""))
	must(e.st.Decide(ctx, e.id(recAssessor1), app.ID, in))
	set := certificate.DefaultSettings()
	set.BaseURL = e.srv.URL
	if err := e.st.SetCertificateSettings(ctx, e.id(recAdmin), set); err != nil {
		e.t.Fatal(err)
	}
	return app.ID
}

func TestCertificateAPIFlow(t *testing.T) { certAPIFlow(t, newRecEnv(t, "")) }

// TestCertificateAPIFlowPostgres is the issue, verify and revoke path on
// PostgreSQL.
func TestCertificateAPIFlowPostgres(t *testing.T) { certAPIFlow(t, newRecEnv(t, pgtest.Fresh(t))) }

func certAPIFlow(t *testing.T, e *recEnv) {
	prog := e.approvedProgramme()
	birth := time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC)
	appID := e.certDecided(prog, recCandidate, birth, 200)
	issue := fmt.Sprintf("/api/v1/applications/%d/certificate", appID)
	const issuePattern = "/api/v1/applications/{id}/certificate"

	// Who may issue: not the candidate (role), not another centre's
	// manager (object).
	e.problem(e.call(recCandidate, "POST", issue, nil), issuePattern, http.StatusForbidden)
	e.problem(e.call(recOtherMgr, "POST", issue, nil), issuePattern, http.StatusForbidden)
	var c service.CertificateView
	e.checked(e.call(recManager, "POST", issue, nil), issuePattern, http.StatusCreated, &c)
	if c.Status != certificate.StatusValid || c.HolderName != e.users[recCandidate].Name || c.ApplicationID != appID || !c.Whole {
		t.Fatalf("issued %+v", c)
	}
	var again service.CertificateView
	e.checked(e.call(recAdmin, "POST", issue, nil), issuePattern, http.StatusOK, &again)
	if again.Number != c.Number {
		t.Fatalf("issued twice: %s, %s", c.Number, again.Number)
	}
	number := c.Number
	pubPath := "/api/v1/certificates/" + url.PathEscape(number)

	// The public JSON: no internal ids, no reason, nothing personal.
	r := e.call("-", "GET", pubPath, nil)
	var pub service.CertificateView
	e.checked(r, "/api/v1/certificates/{number}", http.StatusOK, &pub)
	cand, err := e.st.CandidateByIIN(context.Background(), recTestIIN(t, birth, true, 200))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{cand.IIN, "1990-01-15", "+7 701", "application_id", "candidate_id"} {
		if strings.Contains(string(r.body), secret) {
			t.Errorf("the public JSON shows %q: %s", secret, r.body)
		}
	}
	e.problem(e.call("-", "GET", "/api/v1/certificates/NO-SUCH-1", nil), "/api/v1/certificates/{number}", http.StatusNotFound)

	certCheckCredential(e, number)
	certCheckPages(e, number, cand.IIN, "действителен")
	certCheckSearch(e, number)
	certRevoke(e, number)
	certCheckHolders(e, number, appID)
}

// certCheckCredential: both addresses serve the stored bytes exactly, and
// the status list the credential names is served with a short cache.
func certCheckCredential(e *recEnv, number string) {
	e.t.Helper()
	want, err := e.st.CertificateCredential(context.Background(), number)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, path := range []string{"/verify/" + url.PathEscape(number) + "/credential.json",
		"/api/v1/certificates/" + url.PathEscape(number) + "/credential"} {
		r := e.do("-", "GET", path, nil)
		if r.StatusCode != http.StatusOK || !bytes.Equal(r.body, want) {
			e.t.Fatalf("GET %s: %d, body equal %v", path, r.StatusCode, bytes.Equal(r.body, want))
		}
		if ct := r.Header.Get("Content-Type"); ct != service.CredentialType {
			e.t.Errorf("GET %s: Content-Type %q", path, ct)
		}
	}
	var cred struct {
		CredentialStatus []struct {
			StatusListCredential string `json:"statusListCredential"`
		} `json:"credentialStatus"`
	}
	if err := json.Unmarshal(want, &cred); err != nil || len(cred.CredentialStatus) == 0 {
		e.t.Fatalf("credential status: %v %s", err, want)
	}
	for _, st := range cred.CredentialStatus {
		path := strings.TrimPrefix(st.StatusListCredential, e.srv.URL)
		r := e.do("-", "GET", path, nil)
		if r.StatusCode != http.StatusOK || r.Header.Get("Cache-Control") != "public, max-age=60" || !json.Valid(r.body) {
			e.t.Errorf("GET %s: %d %q", path, r.StatusCode, r.Header.Get("Cache-Control"))
		}
	}
	if r := e.do("-", "GET", "/status/1/nonsense", nil); r.StatusCode == http.StatusOK {
		e.t.Errorf("a status list of no purpose: %d", r.StatusCode)
	}
}

// certCheckPages: the public page in Russian says genuine and the status,
// never the IIN; the PDF is a PDF; an unknown number has its own 404.
func certCheckPages(e *recEnv, number, iin, status string) {
	e.t.Helper()
	page := e.do("-", "GET", "/verify/"+url.PathEscape(number)+"?lang=ru", nil)
	body := string(page.body)
	if page.StatusCode != http.StatusOK || !strings.Contains(body, "подлинный") || !strings.Contains(body, status) ||
		!strings.Contains(body, e.users[recCandidate].Name) {
		e.t.Fatalf("verify page %d:\n%s", page.StatusCode, certClip(body))
	}
	if strings.Contains(body, iin) || strings.Contains(body, "1990-01-15") {
		e.t.Errorf("the verify page shows the IIN or the birth date")
	}
	missing := e.do("-", "GET", "/verify/NO-SUCH-1?lang=en", nil)
	if missing.StatusCode != http.StatusNotFound || !strings.Contains(string(missing.body), "No such certificate") {
		e.t.Errorf("unknown number: %d", missing.StatusCode)
	}
	pdf := e.do("-", "GET", "/verify/"+url.PathEscape(number)+"/certificate.pdf", nil)
	if pdf.StatusCode != http.StatusOK || !bytes.HasPrefix(pdf.body, []byte("%PDF")) || pdf.Header.Get("Content-Type") != "application/pdf" {
		e.t.Errorf("PDF: %d %q", pdf.StatusCode, pdf.Header.Get("Content-Type"))
	}
}

// certCheckSearch: by number, by name with profession; a name alone is
// refused.
func certCheckSearch(e *recEnv, number string) {
	e.t.Helper()
	const pattern = "/api/v1/certificates"
	var page httpx.Page[service.CertificateView]
	e.checked(e.call("-", "GET", "/api/v1/certificates?number="+url.QueryEscape(number), nil), pattern, http.StatusOK, &page)
	if page.Total != 1 || page.Items[0].Number != number {
		e.t.Errorf("by number: %+v", page)
	}
	q := url.Values{"holder": {e.users[recCandidate].Name}, "profession": {"маман"}}
	e.checked(e.call("-", "GET", pattern+"?"+q.Encode(), nil), pattern, http.StatusOK, &page)
	if page.Total != 1 || page.Items[0].Number != number {
		e.t.Errorf("by name: %+v", page)
	}
	q.Del("profession")
	e.problem(e.call("-", "GET", pattern+"?"+q.Encode(), nil), pattern, http.StatusBadRequest)
	ui := e.do("-", "GET", "/verify?lang=en&"+url.Values{"holder": {e.users[recCandidate].Name}, "profession": {"маман"}}.Encode(), nil)
	if ui.StatusCode != http.StatusOK || !strings.Contains(string(ui.body), number) {
		e.t.Errorf("search page: %d", ui.StatusCode)
	}
}

// certRevoke: another centre's manager may not; the manager revokes with
// a reason; the public page and JSON say revoked at once, with the
// reason (a verifier told not to accept it must learn why); revoked is
// final.
func certRevoke(e *recEnv, number string) {
	e.t.Helper()
	path := "/api/v1/certificates/" + url.PathEscape(number) + "/status"
	const pattern = "/api/v1/certificates/{number}/status"
	const reason = "Құжаттар жалған болып шықты"
	in := service.CertificateStatusInput{Status: certificate.StatusRevoked, Reason: reason}
	e.problem(e.call(recOtherMgr, "POST", path, in), pattern, http.StatusForbidden)
	e.problem(e.call(recCandidate, "POST", path, in), pattern, http.StatusForbidden)
	e.problem(e.call(recManager, "POST", path, service.CertificateStatusInput{Status: certificate.StatusRevoked}), pattern, http.StatusUnprocessableEntity)
	var c service.CertificateView
	e.checked(e.call(recManager, "POST", path, in), pattern, http.StatusOK, &c)
	if c.Status != certificate.StatusRevoked || c.StateReason != reason {
		e.t.Fatalf("revoked %+v", c)
	}
	e.problem(e.call(recManager, "POST", path, service.CertificateStatusInput{Status: certificate.StatusValid, Reason: "x"}), pattern, http.StatusConflict)
	r := e.call("-", "GET", "/api/v1/certificates/"+url.PathEscape(number), nil)
	if !strings.Contains(string(r.body), `"status":"revoked"`) || !strings.Contains(string(r.body), reason) {
		e.t.Errorf("public JSON after revocation: %s", r.body)
	}
	page := e.do("-", "GET", "/verify/"+url.PathEscape(number)+"?lang=ru", nil)
	if !strings.Contains(string(page.body), "Отозван: не принимайте") || !strings.Contains(string(page.body), reason) {
		e.t.Errorf("public page after revocation:\n%s", certClip(string(page.body)))
	}
}

// certCheckHolders: the holder's page lists the certificate; another
// candidate's does not; the application's page links it for the manager.
func certCheckHolders(e *recEnv, number string, appID int64) {
	e.t.Helper()
	mine := e.do(recCandidate, "GET", "/recognition/me", nil)
	if mine.StatusCode != http.StatusOK || !strings.Contains(string(mine.body), number) {
		e.t.Errorf("the holder's page: %d", mine.StatusCode)
	}
	e.registerCandidate(recCandidate2, time.Date(1988, 7, 2, 0, 0, 0, 0, time.UTC), 300)
	other := e.do(recCandidate2, "GET", "/recognition/me", nil)
	if other.StatusCode != http.StatusOK || strings.Contains(string(other.body), number) {
		e.t.Errorf("another candidate's page shows the certificate: %d", other.StatusCode)
	}
	app := e.do(recManager, "GET", fmt.Sprintf("/recognition/applications/%d", appID), nil)
	if !strings.Contains(string(app.body), uipage.UICertURL(number)) {
		e.t.Errorf("the application page does not link the certificate")
	}
	staff := e.do(recManager, "GET", uipage.UICertURL(number), nil)
	if staff.StatusCode != http.StatusOK || !strings.Contains(string(staff.body), "Құжаттар жалған") {
		e.t.Errorf("staff page: %d", staff.StatusCode)
	}
	if r := e.do(recOtherMgr, "GET", uipage.UICertURL(number), nil); r.StatusCode != http.StatusForbidden {
		e.t.Errorf("another centre's manager on the staff page: %d", r.StatusCode)
	}
}

// TestCertificateUIForms issues with the application page's button and
// suspends and reinstates with the staff page's form.
func TestCertificateUIForms(t *testing.T) {
	e := newRecEnv(t, "")
	prog := e.approvedProgramme()
	appID := e.certDecided(prog, recCandidate, time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC), 200)
	page := e.do(recManager, "GET", fmt.Sprintf("/recognition/applications/%d", appID), nil)
	if !strings.Contains(string(page.body), "cert-issue-form") {
		t.Fatal("no issue button on the application page")
	}
	form := func(login, path string, v url.Values) apiResp {
		return e.do(login, "POST", path, strings.NewReader(v.Encode()), "Content-Type", "application/x-www-form-urlencoded")
	}
	r := form(recManager, fmt.Sprintf("/recognition/applications/%d/certificate", appID), url.Values{})
	loc := r.Header.Get("Location")
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/recognition/certificates/") {
		t.Fatalf("issue: %d %q", r.StatusCode, loc)
	}
	number, _ := url.PathUnescape(strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/recognition/certificates/"))
	status := uipage.UICertURL(number) + "/status"
	if r := form(recManager, status, url.Values{"status": {"suspended"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("suspend without a reason: %d", r.StatusCode)
	}
	if r := form(recManager, status, url.Values{"status": {"suspended"}, "reason": {"тексеру"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("suspend: %d %s", r.StatusCode, certClip(string(r.body)))
	}
	if p := e.do("-", "GET", "/verify/"+url.PathEscape(number)+"?lang=en", nil); !strings.Contains(string(p.body), `data-status="suspended"`) {
		t.Errorf("public page after suspension")
	}
	if r := form(recManager, status, url.Values{"status": {"valid"}, "reason": {"тексерілді"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reinstate: %d", r.StatusCode)
	}
	if p := e.do("-", "GET", "/verify/"+url.PathEscape(number)+"?lang=kk", nil); !strings.Contains(string(p.body), `data-status="valid"`) {
		t.Errorf("public page after reinstatement")
	}
}

// TestCertificateRateLimit: the public routes answer 429 with Retry-After
// past the per-address limit.
func TestCertificateRateLimit(t *testing.T) {
	e := newRecEnv(t, "")
	ts := webtest.Start(t, webtest.Services(e.st), session.Options{PasswordParams: auth.TestParams, VerifyRate: 3}).Server
	for i, path := range []string{"/api/v1/certificates/X-1", "/verify/X-1", "/verify/X-1/credential.json", "/api/v1/certificates/X-1", "/verify/X-1"} {
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		want := http.StatusNotFound
		if i >= 3 {
			want = http.StatusTooManyRequests
		}
		if res.StatusCode != want || (want == http.StatusTooManyRequests && res.Header.Get("Retry-After") == "") {
			t.Errorf("request %d %s: %d (Retry-After %q), want %d", i, path, res.StatusCode, res.Header.Get("Retry-After"), want)
		}
	}
}

func certClip(s string) string {
	if i := strings.Index(s, `<main`); i >= 0 {
		s = s[i:]
	}
	if len(s) > 3000 {
		s = s[:3000]
	}
	return s
}
