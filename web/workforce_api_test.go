package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/workforce"
)

// The organisation routes admit any signed-in account at the access
// layer (creating an organisation: administrators); the organisation
// itself is checked by the handler (TestOrgIsolation).
var _ = expectAccess(map[string]allowed{
	"GET /api/v1/orgs":                                                                anySignedIn,
	"POST /api/v1/orgs":                                                               only(auth.RoleAdmin),
	"GET /api/v1/orgs/{org}":                                                          anySignedIn,
	"PUT /api/v1/orgs/{org}":                                                          anySignedIn,
	"GET /api/v1/orgs/{org}/members":                                                  anySignedIn,
	"PUT /api/v1/orgs/{org}/members/{user}":                                           anySignedIn,
	"DELETE /api/v1/orgs/{org}/members/{user}":                                        anySignedIn,
	"GET /api/v1/orgs/{org}/positions":                                                anySignedIn,
	"POST /api/v1/orgs/{org}/positions":                                               anySignedIn,
	"GET /api/v1/orgs/{org}/positions/{position}":                                     anySignedIn,
	"PUT /api/v1/orgs/{org}/positions/{position}":                                     anySignedIn,
	"GET /api/v1/orgs/{org}/positions/{position}/job-description":                     anySignedIn,
	"PUT /api/v1/orgs/{org}/positions/{position}/job-description/{lang}/{section}":    anySignedIn,
	"DELETE /api/v1/orgs/{org}/positions/{position}/job-description/{lang}/{section}": anySignedIn,
	"POST /api/v1/orgs/{org}/positions/{position}/upgrade":                            anySignedIn,
	"GET /api/v1/orgs/{org}/employees":                                                anySignedIn,
	"POST /api/v1/orgs/{org}/employees":                                               anySignedIn,
	"GET /api/v1/orgs/{org}/employees/{employee}":                                     anySignedIn,
	"PUT /api/v1/orgs/{org}/employees/{employee}":                                     anySignedIn,
	"POST /api/v1/orgs/{org}/employees/{employee}/ratings":                            anySignedIn,
	"GET /api/v1/orgs/{org}/gaps":                                                     anySignedIn,
	"GET /api/v1/orgs/{org}/gaps/heatmap.svg":                                         anySignedIn,
	"GET /api/v1/orgs/{org}/actions":                                                  anySignedIn,
	"POST /api/v1/orgs/{org}/actions":                                                 anySignedIn,
	"PUT /api/v1/orgs/{org}/actions/{action}":                                         anySignedIn,
	"GET /api/v1/orgs/{org}/programmes":                                               anySignedIn,
	"POST /api/v1/orgs/{org}/programmes":                                              anySignedIn,
	"GET /api/v1/orgs/{org}/programmes/{programme}":                                   anySignedIn,
	"PUT /api/v1/orgs/{org}/programmes/{programme}":                                   anySignedIn,
	"GET /api/v1/orgs/{org}/programmes/{programme}/coverage":                          anySignedIn,
})

// wfEnv is an auth environment with the youth standard and two employers,
// each with an HR account.
type wfEnv struct {
	*authEnv
	hrA, hrB   string // session cookies
	orgA, orgB int64
	posA, empA int64
	progA      int64
	eduA       int64
}

func (e *wfEnv) call(cookie, method, path string, body any) apiResp {
	e.t.Helper()
	var hdr []string
	var rd *strings.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = strings.NewReader(string(b))
		hdr = []string{"Content-Type", "application/json"}
	}
	if rd == nil {
		return e.req(method, path, nil, withCookie(cookie, hdr...)...)
	}
	return e.req(method, path, rd, withCookie(cookie, hdr...)...)
}

func (e *wfEnv) must(r apiResp, status int, v any) {
	e.t.Helper()
	if r.StatusCode != status {
		e.t.Fatalf("want %d, got %s", status, r)
	}
	if v != nil {
		if err := json.Unmarshal(r.body, v); err != nil {
			e.t.Fatalf("decode %s: %v", r.body, err)
		}
	}
}

func newWFEnv(t *testing.T) *wfEnv {
	e := &wfEnv{authEnv: newAuthEnv(t, sqliteDSN(t), session.Options{})}
	if r := e.importFiles(apiReadFixtures(t, "../testdata/seeds/004_0389e6b855ff2fb2.txt"), bearer(apiTestToken)...); r.StatusCode != http.StatusOK {
		t.Fatalf("import: %s", r)
	}
	admin := e.mustSignIn(auth.RoleAdmin)
	for i, who := range []string{"a", "b"} {
		u := e.addUser(auth.User{Login: "hr-" + who + "@example.kz", Name: "HR " + who, Role: auth.RoleEmployer})
		bin, _ := recognition.CompleteNumber(fmt.Sprintf("0601400%d", i), 0)
		var o workforce.Organisation
		e.must(e.call(admin, "POST", "/api/v1/orgs", api.OrgInput{Kind: "employer", Name: "Ұйым " + who, BIN: bin, Units: []string{"Бөлім"}}), 201, &o)
		e.must(e.call(admin, "PUT", fmt.Sprintf("/api/v1/orgs/%d/members/%d", o.ID, u.ID), api.MemberInput{Role: "hr"}), 200, nil)
		c := e.mustSignInAs(u.Login)
		if i == 0 {
			e.hrA, e.orgA = c, o.ID
		} else {
			e.hrB, e.orgB = c, o.ID
		}
	}
	return e
}

// The flow through the API: a position from a card, its description with
// an edit kept, an employee rated, the gap analysis, a plan action.
func TestWorkforceAPIFlow(t *testing.T) {
	e := newWFEnv(t)
	org := fmt.Sprintf("/api/v1/orgs/%d", e.orgA)
	var pos workforce.Position
	e.must(e.call(e.hrA, "POST", org+"/positions", api.PositionInput{Title: "Жастар маманы", Unit: "Бөлім", Standard: "M84120", Card: 1}), 201, &pos)
	if pos.Version != "1" || pos.Level != 5 || pos.Required != workforce.LevelIndependent {
		t.Fatalf("position %+v", pos)
	}
	// The description, edited in one section, keeps the edit.
	var pv struct {
		Description struct {
			Sections []struct {
				Key   string `json:"key"`
				Lines []struct {
					Text    string   `json:"text"`
					Sources []string `json:"sources"`
				} `json:"lines"`
			} `json:"sections"`
		} `json:"job_description"`
		Sections []workforce.SectionState `json:"sections"`
	}
	e.must(e.call(e.hrA, "PUT", fmt.Sprintf("%s/positions/%d/job-description/kk/rights", org, pos.ID), api.SectionInput{Lines: []string{"Өз құқығы"}}), 200, &pv)
	e.must(e.call(e.hrA, "GET", fmt.Sprintf("%s/positions/%d/job-description?lang=kk", org, pos.ID), nil), 200, &pv)
	rights := pv.Description.Sections[5]
	if rights.Key != "rights" || len(rights.Lines) != 1 || rights.Lines[0].Text != "Өз құқығы" || !pv.Sections[5].Edited {
		t.Errorf("rights after the edit: %+v %+v", rights, pv.Sections[5])
	}
	if d := pv.Description.Sections[2]; len(d.Lines) == 0 || len(d.Lines[0].Sources) == 0 {
		t.Errorf("duties not traceable: %+v", d)
	}
	// The seed has no Russian: a Russian description is not found (it
	// was a 500), and without lang the card's own language is taken.
	if r := e.call(e.hrA, "GET", fmt.Sprintf("%s/positions/%d/job-description?lang=ru", org, pos.ID), nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("a Russian description of a Kazakh-only card: %s", r)
	}
	e.must(e.call(e.hrA, "GET", fmt.Sprintf("%s/positions/%d/job-description", org, pos.ID), nil), 200, nil)
	if r := e.call(e.hrA, "GET", fmt.Sprintf("%s/positions/%d/job-description?lang=kk&format=docx", org, pos.ID), nil); r.StatusCode != 200 || !strings.HasPrefix(string(r.body), "PK") {
		t.Errorf("docx: %d", r.StatusCode)
	}
	var emp workforce.Employee
	e.must(e.call(e.hrA, "POST", org+"/employees", api.EmployeeInput{Name: "Әйгерім", Unit: "Бөлім", PositionID: pos.ID}), 201, &emp)
	var person struct {
		Items    []workforce.Item `json:"items"`
		Analysis workforce.Person `json:"analysis"`
	}
	e.must(e.call(e.hrA, "GET", fmt.Sprintf("%s/employees/%d", org, emp.ID), nil), 200, &person)
	if len(person.Items) != 4 || person.Analysis.Unassessed != 4 {
		t.Fatalf("person before assessment: %+v", person)
	}
	two := 2
	e.must(e.call(e.hrA, "POST", fmt.Sprintf("%s/employees/%d/ratings", org, emp.ID),
		api.RatingsInput{Ratings: []workforce.RatingInput{{Path: person.Items[0].Path, Manager: &two}}}), 200, &person)
	if person.Analysis.Gaps != 1 || person.Analysis.Missing != 1 {
		t.Errorf("after rating: %+v", person.Analysis)
	}
	// HR is not the employee: it may not give the employee's own level.
	r := e.call(e.hrA, "POST", fmt.Sprintf("%s/employees/%d/ratings", org, emp.ID),
		api.RatingsInput{Ratings: []workforce.RatingInput{{Path: person.Items[0].Path, Self: &two}}})
	if r.StatusCode != http.StatusForbidden {
		t.Errorf("HR giving a self level: %s", r)
	}
	var an workforce.Analysis
	e.must(e.call(e.hrA, "GET", org+"/gaps", nil), 200, &an)
	if an.People != 1 || an.WithGap != 1 || len(an.Top) != 1 || an.Top[0].Item.Path != person.Items[0].Path {
		t.Errorf("analysis %+v", an)
	}
	var act workforce.Action
	e.must(e.call(e.hrA, "POST", org+"/actions", api.ActionInput{EmployeeID: emp.ID, Kind: "training", Title: "Курс",
		Items: []string{person.Items[0].Path}, Due: "2025-07-01"}), 201, &act)
	three := 3
	e.must(e.call(e.hrA, "POST", fmt.Sprintf("%s/employees/%d/ratings", org, emp.ID),
		api.RatingsInput{Ratings: []workforce.RatingInput{{Path: person.Items[0].Path, Manager: &three}}}), 200, nil)
	var plans struct {
		Items []struct {
			ID        int64 `json:"id"`
			GapClosed bool  `json:"gap_closed"`
		} `json:"items"`
	}
	e.must(e.call(e.hrA, "GET", org+"/actions", nil), 200, &plans)
	if len(plans.Items) != 1 || !plans.Items[0].GapClosed {
		t.Errorf("plan after the gap closed: %+v", plans)
	}
	// Every change is in the audit log.
	entries, err := e.st.AuditEntries(context.Background(), fmt.Sprintf("employee/%d", emp.ID))
	if err != nil || len(entries) < 3 {
		t.Errorf("audit of the employee: %d entries, %v", len(entries), err)
	}
}

// An HR user of organisation B gets 404 on everything of organisation A,
// and A's lists never show B's objects.
func TestOrgIsolation(t *testing.T) {
	e := newWFEnv(t)
	org := fmt.Sprintf("/api/v1/orgs/%d", e.orgA)
	var pos workforce.Position
	e.must(e.call(e.hrA, "POST", org+"/positions", api.PositionInput{Title: "Маман", Standard: "M84120", Card: 1}), 201, &pos)
	var emp workforce.Employee
	e.must(e.call(e.hrA, "POST", org+"/employees", api.EmployeeInput{Name: "Әйгерім", PositionID: pos.ID}), 201, &emp)
	var act workforce.Action
	e.must(e.call(e.hrA, "POST", org+"/actions", api.ActionInput{EmployeeID: emp.ID, Kind: "self_study", Title: "Оқу", Due: "2025-08-01"}), 201, &act)
	for _, rt := range api.APIRouteTable() {
		if !strings.HasPrefix(rt.Path, "/api/v1/orgs/{org}") {
			continue
		}
		path := strings.NewReplacer("{org}", fmt.Sprint(e.orgA), "{position}", fmt.Sprint(pos.ID), "{employee}", fmt.Sprint(emp.ID),
			"{action}", fmt.Sprint(act.ID), "{user}", "1", "{programme}", "1", "{lang}", "kk", "{section}", "rights").Replace(rt.Path)
		r := e.call(e.hrB, rt.Method, path, map[string]any{})
		if r.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s as HR of another organisation: %s", rt.Method, path, r)
		}
	}
	var list struct {
		Items []workforce.Organisation `json:"items"`
	}
	e.must(e.call(e.hrB, "GET", "/api/v1/orgs", nil), 200, &list)
	if len(list.Items) != 1 || list.Items[0].ID != e.orgB {
		t.Errorf("HR B lists %+v", list.Items)
	}
	// A candidate with no standing sees no organisation either.
	c := e.mustSignIn(auth.RoleCandidate)
	if r := e.call(c, "GET", org, nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("candidate: %s", r)
	}
}
