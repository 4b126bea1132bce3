package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"

	"github.com/kasip/kasip/internal/pgtest"
)

// The whole recognition process through the API, as each role.

func TestRecognitionAPIFlow(t *testing.T) {
	recAPIFlow(t, newRecEnv(t, ""))
}

// The same flow on PostgreSQL, when KASIP_TEST_POSTGRES names a server.
func TestRecognitionAPIFlowPostgres(t *testing.T) {
	recAPIFlow(t, newRecEnv(t, pgtest.Fresh(t)))
}

// recProgrammeInput is a whole-card programme of the youth worker card
// (index 1) with a bank covering every item but, when leaveOut, the last
// knowledge item of the last unit.
func (e *recEnv) programmeInput(leaveOut bool) (service.ProgrammeInput, service.QuestionInput) {
	e.t.Helper()
	st, err := e.st.Standard(context.Background(), "M84120", "1")
	if err != nil {
		e.t.Fatal(err)
	}
	in := service.ProgrammeInput{StandardCode: "M84120", StandardVersion: "1", Card: 1, Whole: true,
		Components: []recognition.Component{
			{Kind: recognition.ComponentTheory, Format: recognition.FormatOnline, Minutes: 60},
			{Kind: recognition.ComponentPractice, Threshold: 60, Format: recognition.FormatOffline, Equipment: "ноутбук", Minutes: 90},
		}}
	for _, u := range recognition.Units(&st.Cards[1], 1) {
		for _, k := range u.Knowledge {
			in.Questions = append(in.Questions, service.QuestionInput{Text: kasip.Text{"kk": "Сұрақ: " + k.Text.Best()}, Knowledge: []string{k.Path}})
		}
		for _, a := range u.Abilities {
			in.Tasks = append(in.Tasks, service.TaskInput{Text: kasip.Text{"kk": "Тапсырма: " + a.Text.Best()}, Abilities: []string{a.Path}})
		}
	}
	var last service.QuestionInput
	if leaveOut {
		last = in.Questions[len(in.Questions)-1]
		in.Questions = in.Questions[:len(in.Questions)-1]
	}
	return in, last
}

// approvedProgramme creates, completes, submits and approves the
// programme through the API, checking the refusals on the way.
func (e *recEnv) approvedProgramme() api.ProgrammeView {
	e.t.Helper()
	in, last := e.programmeInput(true)
	var p api.ProgrammeView
	e.checked(e.call(recManager, "POST", "/api/v1/programmes", in), "/api/v1/programmes", http.StatusCreated, &p)
	if p.Status != recognition.ProgrammeDraft || p.Level != 5 || len(p.Units) != 4 || p.CentreID != e.centre || len(p.Questions) == 0 {
		e.t.Fatalf("created %+v", p.Programme)
	}
	base := fmt.Sprintf("/api/v1/programmes/%d", p.ID)
	// One knowledge item untested: the report lists it, submitting fails.
	var cov service.CoverageView
	e.checked(e.call(recManager, "GET", base+"/coverage", nil), "/api/v1/programmes/{id}/coverage", http.StatusOK, &cov)
	if cov.Complete || len(cov.Gaps) != 1 || cov.Gaps[0].Path != last.Knowledge[0] {
		e.t.Fatalf("coverage %+v", cov)
	}
	e.problem(e.call(recManager, "POST", base+"/submit", nil), "/api/v1/programmes/{id}/submit", http.StatusUnprocessableEntity)
	// A draft is not public, nor seen by another centre.
	e.problem(e.call("-", "GET", base, nil), "/api/v1/programmes/{id}", http.StatusNotFound)
	e.problem(e.call(recOtherMgr, "GET", base, nil), "/api/v1/programmes/{id}", http.StatusNotFound)
	e.problem(e.call(recOtherMgr, "POST", base+"/questions", last), "", http.StatusNotFound)
	e.checked(e.call(recManager, "POST", base+"/questions", last), "/api/v1/programmes/{id}/questions", http.StatusCreated, &p)
	e.checked(e.call(recManager, "GET", base+"/coverage", nil), "/api/v1/programmes/{id}/coverage", http.StatusOK, &cov)
	if !cov.Complete {
		e.t.Fatalf("coverage %+v", cov)
	}
	e.checked(e.call(recManager, "POST", base+"/submit", nil), "/api/v1/programmes/{id}/submit", http.StatusOK, &p)
	// The manager may not approve (their own) programme; the store also
	// refuses an author who is an administrator (four eyes).
	e.problem(e.call(recManager, "POST", base+"/approve", nil), "/api/v1/programmes/{id}/approve", http.StatusForbidden)
	if _, err := e.st.ApproveProgramme(context.Background(), p.AuthorUserID, p.ID); err == nil {
		e.t.Fatal("the store let the author approve")
	}
	e.checked(e.call(recAdmin, "POST", base+"/approve", nil), "/api/v1/programmes/{id}/approve", http.StatusOK, &p)
	if p.Status != recognition.ProgrammeApproved || p.ApprovedBy != e.id(recAdmin) {
		e.t.Fatalf("approved %+v", p.Programme)
	}
	// Public now, without the bank (exam questions are not public).
	var pub api.ProgrammeView
	e.checked(e.call("-", "GET", base, nil), "/api/v1/programmes/{id}", http.StatusOK, &pub)
	if len(pub.Questions) != 0 || pub.QuestionCount != len(p.Questions) || pub.QuestionCount == 0 {
		e.t.Errorf("public programme shows questions %d, count %d", len(pub.Questions), pub.QuestionCount)
	}
	var list api.List[api.ProgrammeView]
	e.checked(e.call("-", "GET", "/api/v1/programmes?standard=M84120&card=1", nil), "/api/v1/programmes", http.StatusOK, &list)
	if len(list.Items) != 1 || list.Items[0].ID != p.ID {
		e.t.Errorf("public list %+v", list)
	}
	return p
}

// registerCandidate registers login's candidate record (birth date, serial
// of the IIN) and returns it.
func (e *recEnv) registerCandidate(login string, birth time.Time, serial int) service.CandidateView {
	e.t.Helper()
	var c service.CandidateView
	e.checked(e.call(login, "POST", "/api/v1/candidates", service.CandidateInput{Name: e.users[login].Name,
		IIN: recTestIIN(e.t, birth, true, serial), BirthDate: birth.Format(time.DateOnly), Consent: true,
		Contacts: recognition.Contacts{Phone: "+7 701 000 0000"}}), "/api/v1/candidates", http.StatusCreated, &c)
	return c
}

func recAPIFlow(t *testing.T, e *recEnv) {
	prog := e.approvedProgramme()
	birth := time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC)

	// Registration: the IIN must have its check digit and encode the date
	// of birth; consent is required.
	iin := recTestIIN(t, birth, true, 200)
	bad := []service.CandidateInput{
		{Name: "А", IIN: iin[:11] + fmt.Sprint((int(iin[11]-'0')+1)%10), BirthDate: "1990-01-15", Consent: true},
		{Name: "А", IIN: iin, BirthDate: "1990-01-16", Consent: true},
		{Name: "А", IIN: iin, BirthDate: "1990-01-15"},
	}
	for _, in := range bad {
		p := e.problem(e.call(recCandidate, "POST", "/api/v1/candidates", in), "/api/v1/candidates", http.StatusUnprocessableEntity)
		// The detail is in the request's language (Kazakh by default).
		if !strings.Contains(p.Detail, "ЖСН") && !strings.Contains(p.Detail, "келісім") {
			t.Errorf("%+v: detail %q", in, p.Detail)
		}
	}
	e.problem(e.call(recCandidate, "GET", "/api/v1/candidates/me", nil), "/api/v1/candidates/me", http.StatusNotFound)
	cand := e.registerCandidate(recCandidate, birth, 200)
	if cand.IIN != iin || cand.Sex != "female" {
		t.Fatalf("candidate %+v", cand)
	}
	// The next request's session sees the link.
	var me service.CandidateView
	e.checked(e.call(recCandidate, "GET", "/api/v1/candidates/me", nil), "/api/v1/candidates/me", http.StatusOK, &me)
	e.problem(e.call(recCandidate, "POST", "/api/v1/candidates", service.CandidateInput{Name: "x", IIN: iin, BirthDate: "1990-01-15", Consent: true}),
		"/api/v1/candidates", http.StatusConflict)
	e.registerCandidate(recCandidate2, time.Date(1988, 7, 2, 0, 0, 0, 0, time.UTC), 300)

	// Apply.
	var app api.ApplicationView
	e.checked(e.call(recCandidate, "POST", "/api/v1/applications", service.ApplyInput{ProgrammeID: prog.ID, Route: recognition.RouteSelf}),
		"/api/v1/applications", http.StatusCreated, &app)
	if app.State != recognition.StateSubmitted || app.Deadline == nil || app.Deadline.Action != "accept" {
		t.Fatalf("application %+v", app)
	}
	base := fmt.Sprintf("/api/v1/applications/%d", app.ID)

	// Who sees it: not another candidate nor an employer (404), not
	// another centre (403).
	e.problem(e.call(recCandidate2, "GET", base, nil), "/api/v1/applications/{id}", http.StatusNotFound)
	e.problem(e.call(recEmployer, "GET", base, nil), "/api/v1/applications/{id}", http.StatusNotFound)
	e.problem(e.call(recOtherAssr, "GET", base, nil), "/api/v1/applications/{id}", http.StatusForbidden)
	e.problem(e.call("-", "GET", base, nil), "/api/v1/applications/{id}", http.StatusUnauthorized)
	var mine httpx.Page[api.ApplicationView]
	e.checked(e.call(recCandidate2, "GET", "/api/v1/applications", nil), "/api/v1/applications", http.StatusOK, &mine)
	if mine.Total != 0 {
		t.Errorf("another candidate lists %+v", mine)
	}

	// The centre accepts; the same request again is a conflict.
	e.checked(e.call(recManager, "POST", base+"/accept", nil), "/api/v1/applications/{id}/accept", http.StatusOK, &app)
	p := e.problem(e.call(recManager, "POST", base+"/accept", nil), "/api/v1/applications/{id}/accept", http.StatusConflict)
	if !strings.Contains(p.Detail, "«Қабылданды» күйінде") || len(latinWords(p.Detail)) > 0 {
		t.Errorf("replayed accept: %+v", p)
	}
	e.problem(e.call(recOtherMgr, "POST", base+"/sessions", api.SessionInput{}), "", http.StatusForbidden)
	var sess recognition.Session
	e.checked(e.call(recManager, "POST", base+"/sessions", api.SessionInput{At: recTestStart.Add(7 * 24 * time.Hour),
		Place: "Астана, Мәңгілік Ел 8", Assessors: []int64{e.id(recAssessor1), e.id(recAssessor2)}}),
		"/api/v1/applications/{id}/sessions", http.StatusCreated, &sess)

	// Results: an assessor of another centre is refused; assessors of the
	// session record theory and practice.
	unit := prog.Units[0]
	e.problem(e.call(recOtherAssr, "PUT", base+"/results", api.ResultInput{Component: "theory", Unit: unit, Score: 90}),
		"/api/v1/applications/{id}/results", http.StatusForbidden)
	for _, u := range prog.Units {
		var res recognition.Result
		e.checked(e.call(recAssessor1, "PUT", base+"/results", api.ResultInput{Component: "theory", Unit: u, Score: 90}),
			"/api/v1/applications/{id}/results", http.StatusOK, &res)
		e.checked(e.call(recAssessor2, "PUT", base+"/results", api.ResultInput{Component: "practice", Unit: u, Score: 80, Notes: "орындады"}),
			"/api/v1/applications/{id}/results", http.StatusOK, &res)
		if res.Version != 1 || !res.Passed {
			t.Fatalf("result %+v", res)
		}
	}
	// A stale version: assessor 2 saves theory of unit 0 from version 0,
	// which assessor 1 has saved meanwhile.
	r := e.call(recAssessor2, "PUT", base+"/results", api.ResultInput{Component: "theory", Unit: unit, Score: 50})
	e.problem(r, "/api/v1/applications/{id}/results", http.StatusConflict)
	var stale api.StaleResult
	e.wantJSON(r, http.StatusConflict, &stale)
	if stale.CurrentVersion != 1 || stale.SavedBy != e.id(recAssessor1) || !strings.Contains(stale.SavedByName, "Бағалаушы Бірінші") {
		t.Errorf("stale %+v", stale)
	}
	var res recognition.Result
	e.checked(e.call(recAssessor2, "PUT", base+"/results", api.ResultInput{Component: "theory", Unit: unit, Score: 95, Version: 1}),
		"/api/v1/applications/{id}/results", http.StatusOK, &res)
	if res.Version != 2 {
		t.Errorf("result %+v", res)
	}

	e.checkEvidence(base, unit)
	var assigned httpx.Page[api.ApplicationView]
	e.checked(e.call(recAssessor1, "GET", "/api/v1/applications?assigned=true", nil), "/api/v1/applications", http.StatusOK, &assigned)
	if assigned.Total != 1 || assigned.Items[0].ID != app.ID {
		t.Errorf("assessor's sessions %+v", assigned)
	}
	e.checked(e.call(recOtherAssr, "GET", "/api/v1/applications?assigned=true", nil), "/api/v1/applications", http.StatusOK, &assigned)
	if assigned.Total != 0 {
		t.Errorf("another centre's assessor's sessions %+v", assigned)
	}

	var prop recognition.Proposal
	e.checked(e.call(recManager, "GET", base+"/proposal", nil), "/api/v1/applications/{id}/proposal", http.StatusOK, &prop)
	if prop.Outcome != recognition.OutcomeWhole {
		t.Errorf("proposal %+v", prop)
	}
	e.checked(e.call(recAssessor1, "POST", base+"/assessed", nil), "/api/v1/applications/{id}/assessed", http.StatusOK, &app)
	// Overriding without a reason is refused; confirming is not.
	e.problem(e.call(recAssessor1, "POST", base+"/decision", recognition.DecisionInput{Outcome: "none"}),
		"/api/v1/applications/{id}/decision", http.StatusUnprocessableEntity)
	var dec recognition.Decision
	e.checked(e.call(recAssessor1, "POST", base+"/decision", recognition.DecisionInput{}), "/api/v1/applications/{id}/decision", http.StatusCreated, &dec)
	if dec.Outcome != recognition.OutcomeWhole || dec.Overridden {
		t.Errorf("decision %+v", dec)
	}

	// The appeal: the candidate only; re-decided by the other assessor.
	e.problem(e.call(recCandidate2, "POST", base+"/appeal", api.ReasonInput{Reason: "x"}), "/api/v1/applications/{id}/appeal", http.StatusNotFound)
	var ap recognition.Appeal
	e.checked(e.call(recCandidate, "POST", base+"/appeal", api.ReasonInput{Reason: "Тапсырма түсіндірілмеді"}), "/api/v1/applications/{id}/appeal", http.StatusCreated, &ap)
	e.problem(e.call(recAssessor1, "POST", base+"/redecision", recognition.DecisionInput{}), "/api/v1/applications/{id}/redecision", http.StatusForbidden)
	e.checked(e.call(recAssessor2, "POST", base+"/redecision", recognition.DecisionInput{Outcome: "units", Units: prog.Units[:2], Reason: "practice 2 and 3 not shown"}),
		"/api/v1/applications/{id}/redecision", http.StatusCreated, &dec)
	if !dec.Overridden || dec.AppealID != ap.ID {
		t.Errorf("re-decision %+v", dec)
	}
	e.checked(e.call(recManager, "POST", base+"/close", nil), "/api/v1/applications/{id}/close", http.StatusOK, &app)
	if app.State != recognition.StateClosed || len(app.History) != 8 || len(app.Decisions) != 2 {
		t.Errorf("closed %+v", app)
	}
	e.checked(e.call(recCandidate, "GET", base, nil), "/api/v1/applications/{id}", http.StatusOK, &app)

	// The audit history names who did each step.
	var hist api.List[api.HistoryEntry]
	e.checked(e.call(recCandidate, "GET", base+"/history", nil), "/api/v1/applications/{id}/history", http.StatusOK, &hist)
	var actions []string
	for _, h := range hist.Items {
		actions = append(actions, h.Action)
	}
	for _, want := range []string{"recognition.application.submit", "recognition.application.accepted", "recognition.application.scheduled",
		"recognition.result.record", "recognition.evidence.add", "recognition.application.assessed", "recognition.application.decided",
		"recognition.application.appealed", "recognition.application.redecided", "recognition.application.closed"} {
		if !slices.Contains(actions, want) {
			t.Errorf("history lacks %s: %v", want, actions)
		}
	}
	// Staff see logins; the candidate sees names only (no staff addresses).
	if hist.Items[0].Actor != "Айгүл Нұрланқызы" || hist.Items[len(hist.Items)-1].Actor != "Менеджер Айдос" {
		t.Errorf("entries %+v", hist.Items)
	}
	e.checked(e.call(recManager, "GET", base+"/history", nil), "/api/v1/applications/{id}/history", http.StatusOK, &hist)
	if hist.Items[0].Actor != "Айгүл Нұрланқызы ("+recCandidate+")" {
		t.Errorf("first entry %+v", hist.Items[0])
	}

	e.checkReferral(prog.ID)
	e.checkVouchersAndSettings(cand.ID)
	e.checkCentres()
}

// checkEvidence uploads, downloads and refuses evidence files.
func (e *recEnv) checkEvidence(base, unit string) {
	e.t.Helper()
	upload := func(login, name, ctype string, data []byte, header ...string) apiResp {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("component", "practice")
		mw.WriteField("unit", unit)
		h := make(map[string][]string)
		h["Content-Disposition"] = []string{fmt.Sprintf(`form-data; name="file"; filename=%q`, name)}
		h["Content-Type"] = []string{ctype}
		fw, _ := mw.CreatePart(h)
		fw.Write(data)
		mw.Close()
		return e.do(login, "POST", base+"/evidence", &buf, append([]string{"Content-Type", mw.FormDataContentType()}, header...)...)
	}
	var ev recognition.Evidence
	e.checked(upload(recAssessor2, "хаттама.txt", "text/plain", []byte("practical task protocol")), "/api/v1/applications/{id}/evidence", http.StatusCreated, &ev)
	r := e.call(recCandidate, "GET", fmt.Sprintf("%s/evidence/%d", base, ev.ID), nil)
	if r.StatusCode != 200 || string(r.body) != "practical task protocol" || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") {
		e.t.Errorf("download: %s %v", r, r.Header)
	}
	e.problem(upload(recAssessor2, "page.html", "text/html", []byte("<script>alert(1)</script>")), "/api/v1/applications/{id}/evidence", http.StatusUnprocessableEntity)
	// A PNG sent as a PDF is refused by its content, in the caller's
	// language, naming both types.
	var pngFile bytes.Buffer
	if err := png.Encode(&pngFile, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		e.t.Fatal(err)
	}
	for lang, word := range map[string]string{"en": "declared as", "kk": "деп көрсетілген", "ru": "заявлен как"} {
		p := e.problem(upload(recAssessor2, "акт.pdf", "application/pdf", pngFile.Bytes(), "Accept-Language", lang),
			"/api/v1/applications/{id}/evidence", http.StatusUnprocessableEntity)
		if !strings.Contains(p.Detail, word) || !strings.Contains(p.Detail, "application/pdf") || !strings.Contains(p.Detail, "image/png") {
			e.t.Errorf("%s: a PNG as PDF: %+v", lang, p)
		}
	}
	set := recognition.DefaultSettings()
	set.EvidenceMaxBytes = 100
	e.checked(e.call(recAdmin, "PUT", "/api/v1/recognition/settings", set), "/api/v1/recognition/settings", http.StatusOK, nil)
	e.problem(upload(recAssessor2, "big.txt", "text/plain", bytes.Repeat([]byte("x"), 1000)), "/api/v1/applications/{id}/evidence", http.StatusRequestEntityTooLarge)
	e.checked(e.call(recAdmin, "PUT", "/api/v1/recognition/settings", recognition.DefaultSettings()), "/api/v1/recognition/settings", http.StatusOK, nil)
	e.problem(upload(recOtherAssr, "x.txt", "text/plain", []byte("x")), "/api/v1/applications/{id}/evidence", http.StatusForbidden)
}

// checkReferral: an employer's referral is confirmed before the centre
// may accept it, by that employer only.
func (e *recEnv) checkReferral(prog int64) {
	e.t.Helper()
	var app api.ApplicationView
	e.checked(e.call(recCandidate2, "POST", "/api/v1/applications", service.ApplyInput{ProgrammeID: prog, Route: recognition.RouteReferral,
		EmployerLogin: recEmployer}), "/api/v1/applications", http.StatusCreated, &app)
	if app.EmployerUserID != e.id(recEmployer) || app.EmployerName != "ЖШС Мысал" || app.Deadline.Action != "confirm-referral" {
		e.t.Fatalf("referral %+v", app)
	}
	base := fmt.Sprintf("/api/v1/applications/%d", app.ID)
	e.problem(e.call(recManager, "POST", base+"/accept", nil), "/api/v1/applications/{id}/accept", http.StatusConflict)
	var list httpx.Page[api.ApplicationView]
	e.checked(e.call(recEmployer, "GET", "/api/v1/applications?state=submitted", nil), "/api/v1/applications", http.StatusOK, &list)
	if list.Total != 1 || list.Items[0].ID != app.ID {
		e.t.Errorf("employer's list %+v", list)
	}
	e.problem(e.call(recCandidate2, "POST", base+"/confirm-referral", nil), "/api/v1/applications/{id}/confirm-referral", http.StatusForbidden)
	e.checked(e.call(recEmployer, "POST", base+"/confirm-referral", nil), "/api/v1/applications/{id}/confirm-referral", http.StatusOK, &app)
	e.checked(e.call(recManager, "POST", base+"/accept", nil), "/api/v1/applications/{id}/accept", http.StatusOK, &app)
	// A self application with an unknown employer login is refused.
	e.problem(e.call(recCandidate2, "POST", "/api/v1/applications", service.ApplyInput{ProgrammeID: prog, Route: recognition.RouteReferral,
		EmployerLogin: recManager}), "/api/v1/applications", http.StatusUnprocessableEntity)
}

func (e *recEnv) checkVouchersAndSettings(cand int64) {
	e.t.Helper()
	path := fmt.Sprintf("/api/v1/candidates/%d/vouchers", cand)
	var v recognition.Voucher
	e.checked(e.call(recAdmin, "POST", path, nil), "/api/v1/candidates/{id}/vouchers", http.StatusCreated, &v)
	e.problem(e.call(recAdmin, "POST", path, nil), "/api/v1/candidates/{id}/vouchers", http.StatusConflict) // one a year
	var vs api.List[recognition.Voucher]
	e.checked(e.call(recCandidate, "GET", path, nil), "/api/v1/candidates/{id}/vouchers", http.StatusOK, &vs)
	if len(vs.Items) != 1 || vs.Items[0].ID != v.ID {
		e.t.Errorf("vouchers %+v", vs)
	}
	e.problem(e.call(recCandidate2, "GET", path, nil), "/api/v1/candidates/{id}/vouchers", http.StatusNotFound)
	e.problem(e.call(recManager, "POST", path, nil), "/api/v1/candidates/{id}/vouchers", http.StatusForbidden)
	var c service.CandidateView
	e.checked(e.call(recManager, "GET", fmt.Sprintf("/api/v1/candidates/%d", cand), nil), "/api/v1/candidates/{id}", http.StatusOK, &c)
	e.problem(e.call(recOtherMgr, "GET", fmt.Sprintf("/api/v1/candidates/%d", cand), nil), "/api/v1/candidates/{id}", http.StatusNotFound)

	var set recognition.Settings
	e.checked(e.call(recManager, "GET", "/api/v1/recognition/settings", nil), "/api/v1/recognition/settings", http.StatusOK, &set)
	e.problem(e.call(recManager, "PUT", "/api/v1/recognition/settings", set), "/api/v1/recognition/settings", http.StatusForbidden)
	set.AppealDays = 0
	e.problem(e.call(recAdmin, "PUT", "/api/v1/recognition/settings", set), "/api/v1/recognition/settings", http.StatusUnprocessableEntity)
}

func (e *recEnv) checkCentres() {
	e.t.Helper()
	var list api.List[service.CentreView]
	e.checked(e.call("-", "GET", "/api/v1/centres", nil), "/api/v1/centres", http.StatusOK, &list)
	if len(list.Items) != 2 || !list.Items[0].Accredited || list.Items[0].Assessors != nil {
		e.t.Errorf("public centres %+v", list)
	}
	var c service.CentreView
	e.checked(e.call(recManager, "GET", fmt.Sprintf("/api/v1/centres/%d", e.centre), nil), "/api/v1/centres/{id}", http.StatusOK, &c)
	if len(c.Assessors) != 2 {
		e.t.Errorf("staff view %+v", c)
	}
	// Dates out of order.
	e.problem(e.call("", "POST", fmt.Sprintf("/api/v1/centres/%d/accreditations", e.centre), service.AccreditationInput{Number: "KZ-RC-9",
		ValidFrom: "2025-05-01", ValidTo: "2025-04-30", Scope: []recognition.ScopeEntry{{StandardCode: "M84120", CardNumber: 1}}}),
		"/api/v1/centres/{id}/accreditations", http.StatusUnprocessableEntity)
	// The manager keeps the assessors of their own centre only.
	e.problem(e.call(recManager, "POST", fmt.Sprintf("/api/v1/centres/%d/assessors", e.other), api.AssessorInput{UserID: e.id(recOtherAssr)}),
		"/api/v1/centres/{id}/assessors", http.StatusForbidden)
	e.problem(e.call(recManager, "POST", fmt.Sprintf("/api/v1/centres/%d/assessors", e.centre), api.AssessorInput{UserID: e.id(recOtherAssr)}),
		"/api/v1/centres/{id}/assessors", http.StatusUnprocessableEntity)
	e.checked(e.call(recManager, "DELETE", fmt.Sprintf("/api/v1/centres/%d/assessors/%d", e.centre, e.id(recAssessor2)), nil),
		"/api/v1/centres/{id}/assessors/{user}", http.StatusOK, &c)
	e.checked(e.call(recManager, "POST", fmt.Sprintf("/api/v1/centres/%d/assessors", e.centre), api.AssessorInput{UserID: e.id(recAssessor2)}),
		"/api/v1/centres/{id}/assessors", http.StatusOK, &c)
	// An accreditation suspended (with a reason) stops new programmes.
	acc := c.Accreditations[0].ID
	e.problem(e.call("", "PUT", fmt.Sprintf("/api/v1/centres/%d/accreditations/%d/status", e.centre, acc), service.StatusInput{Status: "suspended"}),
		"/api/v1/centres/{id}/accreditations/{accreditation}/status", http.StatusUnprocessableEntity)
	e.problem(e.call("", "PUT", fmt.Sprintf("/api/v1/centres/%d/accreditations/%d/status", e.other, acc), service.StatusInput{Status: "suspended", Reason: "x"}),
		"/api/v1/centres/{id}/accreditations/{accreditation}/status", http.StatusNotFound)
	var a service.AccreditationView
	e.checked(e.call(recAdmin, "PUT", fmt.Sprintf("/api/v1/centres/%d/accreditations/%d/status", e.centre, acc), service.StatusInput{Status: "suspended", Reason: "inspection"}),
		"/api/v1/centres/{id}/accreditations/{accreditation}/status", http.StatusOK, &a)
	in, _ := e.programmeInput(false)
	e.problem(e.call(recManager, "POST", "/api/v1/programmes", in), "/api/v1/programmes", http.StatusForbidden)
	e.checked(e.call(recAdmin, "PUT", fmt.Sprintf("/api/v1/centres/%d", e.centre), api.CentreInput{Name: kasip.Text{"kk": "Жаңа атау"},
		BIN: "050440001239", Region: "Алматы"}), "/api/v1/centres/{id}", http.StatusOK, &c)
	if c.Region != "Алматы" || c.Accredited {
		e.t.Errorf("updated %+v", c)
	}
}

// Two assessors saving results of different units at the same time lose
// none of each other's (go test -race).
func TestRecognitionConcurrentResultsAPI(t *testing.T) {
	recConcurrentResults(t, newRecEnv(t, ""))
}

// The same on PostgreSQL, where the saves really run side by side.
func TestRecognitionConcurrentResultsAPIPostgres(t *testing.T) {
	recConcurrentResults(t, newRecEnv(t, pgtest.Fresh(t)))
}

func recConcurrentResults(t *testing.T, e *recEnv) {
	prog := e.approvedProgramme()
	e.registerCandidate(recCandidate, time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC), 200)
	var app api.ApplicationView
	e.wantJSON(e.call(recCandidate, "POST", "/api/v1/applications", service.ApplyInput{ProgrammeID: prog.ID, Route: recognition.RouteSelf}), http.StatusCreated, &app)
	base := fmt.Sprintf("/api/v1/applications/%d", app.ID)
	e.wantJSON(e.call(recManager, "POST", base+"/accept", nil), http.StatusOK, nil)
	e.wantJSON(e.call(recManager, "POST", base+"/sessions", api.SessionInput{At: recTestStart.Add(48 * time.Hour), Online: true,
		Assessors: []int64{e.id(recAssessor1), e.id(recAssessor2)}}), http.StatusCreated, nil)
	// Sign both in first: the cookie jars are then only read.
	e.client(recAssessor1)
	e.client(recAssessor2)
	var wg sync.WaitGroup
	errs := make(chan string, 2*len(prog.Units)*2)
	for round := range 2 {
		for i, login := range []string{recAssessor1, recAssessor2} {
			for j, u := range prog.Units {
				if j%2 != i {
					continue // assessor 1 takes the even units, 2 the odd
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					for _, comp := range []string{"theory", "practice"} {
						r := e.call(login, "PUT", base+"/results", api.ResultInput{Component: comp, Unit: u, Score: float64(70 + j), Version: int64(round)})
						if r.StatusCode != http.StatusOK {
							errs <- fmt.Sprintf("%s %s %s round %d: %s", login, comp, u, round, r)
						}
					}
				}()
			}
		}
		wg.Wait() // the second round replaces the first's versions
	}
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
	var got api.ApplicationView
	e.wantJSON(e.call(recManager, "GET", base, nil), http.StatusOK, &got)
	if len(got.Results) != 2*len(prog.Units) {
		t.Fatalf("%d results, want %d: %+v", len(got.Results), 2*len(prog.Units), got.Results)
	}
	for _, r := range got.Results {
		if r.Version != 2 {
			t.Errorf("result %s %s at version %d, want 2", r.Component, r.Unit, r.Version)
		}
	}
}

// The appeal period is enforced: a decided application may be appealed
// within it, closed only after it; the clock is the store's and the
// server's.
func TestRecognitionAppealDeadlineAPI(t *testing.T) {
	e := newRecEnv(t, "")
	prog := e.approvedProgramme()
	e.registerCandidate(recCandidate, time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC), 200)
	var app api.ApplicationView
	e.wantJSON(e.call(recCandidate, "POST", "/api/v1/applications", service.ApplyInput{ProgrammeID: prog.ID, Route: recognition.RouteSelf}), http.StatusCreated, &app)
	base := fmt.Sprintf("/api/v1/applications/%d", app.ID)
	e.wantJSON(e.call(recManager, "POST", base+"/accept", nil), http.StatusOK, nil)
	e.wantJSON(e.call(recManager, "POST", base+"/sessions", api.SessionInput{At: recTestStart, Online: true,
		Assessors: []int64{e.id(recAssessor1)}}), http.StatusCreated, nil)
	for _, u := range prog.Units {
		e.wantJSON(e.call(recAssessor1, "PUT", base+"/results", api.ResultInput{Component: "theory", Unit: u, Score: 30}), http.StatusOK, nil)
	}
	e.wantJSON(e.call(recAssessor1, "POST", base+"/assessed", nil), http.StatusOK, nil)
	var dec recognition.Decision
	e.wantJSON(e.call(recAssessor1, "POST", base+"/decision", recognition.DecisionInput{}), http.StatusCreated, &dec)
	if dec.Outcome != recognition.OutcomeNone {
		t.Errorf("decision %+v", dec)
	}
	e.wantJSON(e.call(recCandidate, "GET", base, nil), http.StatusOK, &app)
	if app.Deadline == nil || app.Deadline.Action != "appeal" || !app.Deadline.Enforced {
		t.Fatalf("deadline %+v", app.Deadline)
	}
	e.problem(e.call(recManager, "POST", base+"/close", nil), "/api/v1/applications/{id}/close", http.StatusConflict)
	e.clock.advance(12 * 24 * time.Hour) // past the 10 days: sessions have ended too
	e.signIn(recCandidate)
	e.signIn(recManager)
	p := e.problem(e.call(recCandidate, "POST", base+"/appeal", api.ReasonInput{Reason: "late"}), "/api/v1/applications/{id}/appeal", http.StatusConflict)
	if !strings.Contains(p.Detail, "шағымдану мерзімі") || !strings.Contains(p.Detail, "аяқталды") || len(latinWords(p.Title+p.Detail)) > 0 {
		t.Errorf("late appeal: %+v", p)
	}
	p = e.problem(e.call(recCandidate, "POST", base+"/appeal?lang=ru", api.ReasonInput{Reason: "поздно"}), "/api/v1/applications/{id}/appeal", http.StatusConflict)
	if !strings.Contains(p.Detail, "срок обжалования истёк") || len(latinWords(p.Title+p.Detail)) > 0 {
		t.Errorf("late appeal (ru): %+v", p)
	}
	e.checked(e.call(recManager, "POST", base+"/close", nil), "/api/v1/applications/{id}/close", http.StatusOK, &app)
}

// The object rules on their own: who sees an application, a programme,
// the evidence.
func TestRecognitionVisibilityRules(t *testing.T) {
	a := recognition.Application{ID: 1, CandidateID: 7, CentreID: 3, Route: recognition.RouteReferral, EmployerUserID: 50}
	for _, tc := range []struct {
		p             auth.Principal
		app, evidence bool
		v             service.RecVisibility
	}{
		{auth.Principal{UserID: 1, Role: auth.RoleAdmin}, true, true, service.RecVisible},
		{session.MachineAdmin, true, true, service.RecVisible},
		{auth.Principal{UserID: 2, Role: auth.RoleCandidate, CandidateID: 7}, true, true, service.RecVisible},
		{auth.Principal{UserID: 3, Role: auth.RoleCandidate, CandidateID: 8}, false, false, service.RecHidden},
		{auth.Principal{UserID: 4, Role: auth.RoleCandidate}, false, false, service.RecHidden},
		{auth.Principal{UserID: 5, Role: auth.RoleManager, CentreID: 3}, true, true, service.RecVisible},
		{auth.Principal{UserID: 6, Role: auth.RoleAssessor, CentreID: 4}, false, false, service.RecForbidden},
		{auth.Principal{UserID: 50, Role: auth.RoleEmployer, Employer: "x"}, true, false, service.RecVisible},
		{auth.Principal{UserID: 51, Role: auth.RoleEmployer, Employer: "y"}, false, false, service.RecHidden},
		{auth.Principal{}, false, false, service.RecHidden},
	} {
		v := service.ApplicationVisibility(tc.p, a)
		if v != tc.v || (v == service.RecVisible) != tc.app || service.SeesEvidence(tc.p, a) != tc.evidence {
			t.Errorf("%+v: visibility %v, evidence %v", tc.p, v, service.SeesEvidence(tc.p, a))
		}
	}
	draft := recognition.Programme{CentreID: 3, Status: recognition.ProgrammeDraft}
	if service.ProgrammeVisibility(auth.Principal{}, draft) != service.RecHidden || service.ProgrammeVisibility(auth.Principal{UserID: 5, Role: auth.RoleManager, CentreID: 4}, draft) != service.RecHidden ||
		service.ProgrammeVisibility(auth.Principal{UserID: 5, Role: auth.RoleAssessor, CentreID: 3}, draft) != service.RecVisible {
		t.Error("draft programme visibility")
	}
	draft.Status = recognition.ProgrammeApproved
	if service.ProgrammeVisibility(auth.Principal{}, draft) != service.RecVisible || service.SeesBank(auth.Principal{}, draft) {
		t.Error("approved programme: public, without its bank")
	}
}
