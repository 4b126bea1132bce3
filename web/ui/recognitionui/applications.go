package recognitionui

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui/page"
)

// The pages of applications: a candidate's registration and own
// applications, the lists of each role, and an application's page, where
// each role finds the forms of the steps that are theirs in the
// application's state, and everyone who may see it the audit history.

func recApplicationUIRoutes() []page.UIRoute {
	get, post := http.MethodGet, http.MethodPost
	manager, assessor, candidate := session.Roles(auth.RoleManager), session.Roles(auth.RoleAssessor), session.Roles(auth.RoleCandidate)
	act := func(path string, access session.Access, form string) page.UIRoute {
		return page.UIRoute{Method: post, Path: "/recognition/applications/{id}/" + path, Access: access,
			Page: pageOf(func(s *Server, w http.ResponseWriter, r *http.Request) error { return s.uiRecAct(w, r, form) })}
	}
	return []page.UIRoute{
		{Method: get, Path: "/recognition/me", Access: candidate, Page: pageOf((*Server).uiRecMe)},
		{Method: post, Path: "/recognition/register", Access: candidate, Page: pageOf((*Server).uiRecRegister)},
		{Method: get, Path: "/recognition/applications", Access: session.SignedIn, Page: pageOf((*Server).uiRecApplications)},
		{Method: get, Path: "/recognition/applications/{id}", Access: session.SignedIn, Page: pageOf((*Server).uiRecApplication)},
		{Method: get, Path: "/recognition/applications/{id}/evidence/{evidence}", Access: session.SignedIn, Page: pageOf((*Server).uiRecEvidenceFile)},
		act("confirm-referral", session.Roles(auth.RoleEmployer), "confirm"),
		act("accept", manager, "accept"),
		act("reject", manager, "reject"),
		act("schedule", manager, "schedule"),
		act("results", assessor, "result"),
		act("evidence", session.Roles(auth.RoleAssessor, auth.RoleCandidate), "evidence"),
		act("assessed", assessor, "assessed"),
		act("decide", assessor, "decide"),
		act("appeal", candidate, "appeal"),
		act("redecide", assessor, "redecide"),
		act("close", session.Roles(auth.RoleAdmin, auth.RoleManager), "close"),
	}
}

func uiRecApplicationURL(id int64) string {
	return "/recognition/applications/" + strconv.FormatInt(id, 10)
}

// ---- the candidate's page ----

// uiRecAppRow is an application in a list.
type uiRecAppRow struct {
	ID            int64
	URL           string
	State         string
	StateName     string
	StateBadge    string
	Title         kasip.Text // the programme's
	StandardCode  string
	CardN, Level  int
	Route         string
	Submitted     time.Time
	Deadline      string // what it waits for (message key)
	Due           time.Time
	Overdue       bool
	CandidateName string
}

type uiRecMeData struct {
	UIRecPage
	Candidate    *service.CandidateView
	Rows         []uiRecAppRow
	Vouchers     []recognition.Voucher
	BirthMax     string
	Registered   bool
	Certificates []page.UICertCard // uiCertsOfCandidate
}

// GET /recognition/me (candidate): registration, then one's applications.
func (s *Server) uiRecMe(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecMePage(w, r, nil)
}

func (s *Server) uiRecMePage(w http.ResponseWriter, r *http.Request, fail *UIRecFailure) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	p := session.Principal(r)
	d := &uiRecMeData{UIRecPage: s.RecPage(r, "/recognition/me", nil, i18n.Translate(i18n.RequestLang(r), "My applications"), "me", fail),
		BirthMax: s.Today().Format(time.DateOnly), Registered: p.CandidateID != 0}
	if !d.Registered {
		return s.UIRender(w, r, UIRecStatus(fail), "rec_me", d)
	}
	c, err := rs.GetCandidate(r.Context(), p.CandidateID)
	if err != nil {
		return err
	}
	cv := service.NewCandidateView(c)
	d.Candidate = &cv
	if d.Vouchers, err = rs.Vouchers(r.Context(), c.ID); err != nil {
		return err
	}
	list, _, err := rs.ListApplications(r.Context(), recognition.ApplicationFilter{CandidateID: c.ID})
	if err != nil {
		return err
	}
	if d.Rows, err = s.uiRecAppRows(r, rs, list, false); err != nil {
		return err
	}
	if d.Certificates, err = s.uiCertsOfCandidate(r, c.ID); err != nil {
		return err
	}
	return s.UIRender(w, r, UIRecStatus(fail), "rec_me", d)
}

// POST /recognition/register (candidate)
func (s *Server) uiRecRegister(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.uiRecStoreForm(w, r)
	if err != nil {
		return err
	}
	f := r.PostFormValue
	_, err = s.RecRegisterCandidate(r, rs, service.CandidateInput{Name: f("name"), IIN: f("iin"), BirthDate: f("birth_date"),
		Consent: f("consent") == "on", Contacts: recognition.Contacts{Phone: strings.TrimSpace(f("phone")),
			Email: strings.TrimSpace(f("email")), Address: strings.TrimSpace(f("address"))}})
	if err != nil {
		fail, perr := s.UIRecFail(r, "register", err)
		if perr != nil {
			return perr
		}
		return s.uiRecMePage(w, r, fail)
	}
	return UIRecRedirect(w, r, "/recognition/me", "registered")
}

// uiRecAppRows describes applications for a list; names adds the
// candidates' names (for the staff).
func (s *Server) uiRecAppRows(r *http.Request, rs recognition.Store, list []recognition.Application, names bool) ([]uiRecAppRow, error) {
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		return nil, err
	}
	progs := map[int64]recognition.Programme{}
	out := make([]uiRecAppRow, 0, len(list))
	for _, a := range list {
		prog, ok := progs[a.ProgrammeID]
		if !ok {
			if prog, err = rs.GetProgramme(r.Context(), a.ProgrammeID); err != nil {
				return nil, err
			}
			progs[a.ProgrammeID] = prog
		}
		row := uiRecAppRow{ID: a.ID, URL: uiRecApplicationURL(a.ID), State: a.State, StateName: i18n.UIRecStateName(a.State),
			StateBadge: uiRecStateBadge(a.State), Title: prog.Title, StandardCode: a.StandardCode, CardN: a.Card + 1,
			Level: a.Level, Route: i18n.UIRecRouteName(a.Route), Submitted: a.SubmittedAt}
		if dl, ok := a.Deadline(set); ok {
			row.Deadline, row.Due, row.Overdue = i18n.UIRecDeadlineName(dl.Action), dl.Due, dl.Overdue(s.Opt.Now())
		}
		if names {
			if c, err := rs.GetCandidate(r.Context(), a.CandidateID); err == nil {
				row.CandidateName = c.Name
			}
		}
		out = append(out, row)
	}
	return out, nil
}

// ---- lists ----

type uiRecApplicationsData struct {
	UIRecPage
	Rows     []uiRecAppRow
	States   []page.UIOption
	State    string
	Total    int
	Pager    page.UIPager
	Assigned bool // an assessor's own sessions
	Staff    bool
	Heading  string // message key
}

// GET /recognition/applications?state=&assigned=&page=
func (s *Server) uiRecApplications(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	p, lang := session.Principal(r), i18n.RequestLang(r)
	q := httpx.NewQuery(r)
	pageNo := max(1, q.IntRange("page", 1, 1, 100000))
	f, assigned := s.RecApplicationFilter(r, q)
	if q.Err != nil {
		return httpx.UIBadRequest(fmt.Sprintf(i18n.Translate(lang, "The parameter “%s” is not valid: %s."), q.Err.Name, i18n.APIT(r, q.Err.Reason, q.Err.Args...)))
	}
	if p.Is(auth.RoleAssessor) && r.URL.Query().Get("assigned") == "" {
		assigned = true // an assessor's list is their sessions unless asked otherwise
	}
	f.Limit, f.Offset = page.UIPageSize, (pageNo-1)*page.UIPageSize
	d := &uiRecApplicationsData{UIRecPage: s.RecPage(r, "/recognition/applications", nil, "", "applications", nil), State: f.State, Assigned: assigned,
		Staff: p.Is(auth.RoleAdmin, auth.RoleManager, auth.RoleAssessor)}
	d.Heading = map[auth.Role]string{auth.RoleAssessor: "My sessions", auth.RoleEmployer: "Referrals", auth.RoleCandidate: "My applications"}[p.Role]
	if d.Heading == "" {
		d.Heading = "Applications"
	}
	d.Title = i18n.Translate(lang, d.Heading)
	list, total, err := s.RecListApplications(r, rs, f, assigned)
	if err != nil {
		return err
	}
	if d.Rows, err = s.uiRecAppRows(r, rs, list, d.Staff || p.Is(auth.RoleEmployer)); err != nil {
		return err
	}
	d.Total, d.Pager = total, page.NewPager(r.URL, pageNo, total, page.UIPageSize)
	for _, st := range recognition.States() {
		d.States = append(d.States, page.UIOption{Value: st, Label: i18n.Translate(lang, i18n.UIRecStateName(st)), Selected: st == f.State})
	}
	return s.UIRender(w, r, http.StatusOK, "rec_applications", d)
}

// ---- an application ----

// uiRecResultRow is a (component, unit) the programme assesses, with its
// result so far.
type uiRecResultRow struct {
	Component, ComponentName string
	Unit                     string
	UnitTitle                kasip.Text
	R                        *recognition.Result
	Assessor                 string
	Version                  int64
	ErrKey                   string // the key of its form's failure
	Threshold                int
}

// uiRecSessionView is a session with its assessors named.
type uiRecSessionView struct {
	S         recognition.Session
	When      string // in Kazakhstan's time
	Assessors []string
}

// uiRecDecisionView is a decision with names.
type uiRecDecisionView struct {
	D           recognition.Decision
	OutcomeName string
	Proposed    string // message key of the proposal's outcome
	Assessor    string
	Units       []kasip.Text
}

// uiRecHistoryRow is an entry of the audit history.
type uiRecHistoryRow struct {
	At     time.Time
	When   string // in Kazakhstan's time
	Actor  string
	Action string // message key
	Detail string
}

// uiRecCan says which forms the caller gets in the application's state.
type uiRecCan struct {
	Confirm, Accept, Reject, Schedule, Record, Evidence, Assessed, Decide, Appeal, Redecide, Close bool
}

// Any reports whether any form is offered.
func (c uiRecCan) Any() bool { return c != uiRecCan{} }

type uiRecApplicationData struct {
	UIRecPage
	A             recognition.Application
	StateName     string
	StateBadge    string
	RouteName     string
	Programme     uiRecProgRow
	Candidate     *service.CandidateView
	CandidateName string
	Deadline      string // message key
	Due           time.Time
	Overdue       bool
	Enforced      bool
	Units         []uiRecUnitView
	Components    []recognition.Component
	Results       []uiRecResultRow
	Sessions      []uiRecSessionView
	Evidence      []recognition.Evidence
	Decisions     []uiRecDecisionView
	Appeals       []recognition.Appeal
	History       []uiRecHistoryRow
	Proposal      *recognition.Proposal
	ProposalName  string
	Assessors     []uiRecUser // the centre's, for planning the session
	EvidenceTypes string
	EvidenceMax   int64
	Can           uiRecCan
	Staff         bool
	Whole         bool // the programme assesses the whole card
	SeesEvidence  bool
	Certificate   uiCertOfApplication // uiCertForApplication
}

// GET /recognition/applications/{id}
func (s *Server) uiRecApplication(w http.ResponseWriter, r *http.Request) error {
	id, err := UIPathID(r, "id")
	if err != nil {
		return err
	}
	return s.UIRecApplicationPage(w, r, id, nil)
}

func (s *Server) UIRecApplicationPage(w http.ResponseWriter, r *http.Request, id int64, fail *UIRecFailure) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	a, err := s.RecApplicationFor(r, rs, id)
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	d, err := s.uiRecApplicationData(r, rs, a, fail)
	if err != nil {
		return err
	}
	return s.UIRender(w, r, UIRecStatus(fail), "rec_application", d)
}

func (s *Server) uiRecApplicationData(r *http.Request, rs recognition.Store, a recognition.Application, fail *UIRecFailure) (*uiRecApplicationData, error) {
	ctx, lang, p := r.Context(), i18n.RequestLang(r), session.Principal(r)
	set, err := rs.RecognitionSettings(ctx)
	if err != nil {
		return nil, err
	}
	prog, err := rs.GetProgramme(ctx, a.ProgrammeID)
	if err != nil {
		return nil, err
	}
	c, err := rs.GetCentre(ctx, a.CentreID)
	if err != nil {
		return nil, err
	}
	card, err := s.uiRecCard(r, a.StandardCode, a.StandardVersion, a.Card)
	if err != nil {
		return nil, err
	}
	d := &uiRecApplicationData{UIRecPage: s.RecPage(r, uiRecApplicationURL(a.ID), nil, fmt.Sprintf(i18n.Translate(lang, "Application No. %d"), a.ID), "applications", fail),
		A: a, StateName: i18n.UIRecStateName(a.State), StateBadge: uiRecStateBadge(a.State), RouteName: i18n.UIRecRouteName(a.Route),
		Programme: uiRecProgRowOf(prog, c), Units: uiRecUnits(card, a.Card, prog.Units), Components: prog.Components,
		Appeals: a.Appeals, EvidenceTypes: strings.Join(set.EvidenceTypes, ", "), EvidenceMax: set.EvidenceMaxBytes,
		Staff: p.Is(auth.RoleAdmin) || p.InCentre(a.CentreID), Whole: prog.Whole}
	if p.Is(auth.RoleCandidate) {
		d.Nav = "me"
	}
	if service.SeesEvidence(p, a) {
		d.Evidence, d.SeesEvidence = a.Evidence, true
	}
	if dl, ok := a.Deadline(set); ok {
		d.Deadline, d.Due, d.Overdue, d.Enforced = i18n.UIRecDeadlineName(dl.Action), dl.Due, dl.Overdue(s.Opt.Now()), dl.Enforced
	}
	if cand, err := rs.GetCandidate(ctx, a.CandidateID); err == nil {
		d.CandidateName = cand.Name
		if d.Staff || service.IsCandidateOf(p, a) {
			cv := service.NewCandidateView(cand)
			d.Candidate = &cv
		}
	}
	names := s.RecNamer(r)
	d.uiRecFillResults(prog, names)
	d.uiRecFillDossier(names, lang)
	if d.History, err = s.uiRecHistory(r, rs, a.ID, names); err != nil {
		return nil, err
	}
	if d.Staff && a.State != recognition.StateSubmitted && a.State != recognition.StateRejected && a.State != recognition.StateAccepted {
		prop := recognition.Propose(prog, a.Results)
		d.Proposal, d.ProposalName = &prop, i18n.UIRecOutcomeName(prop.Outcome)
	}
	for _, u := range c.Assessors {
		d.Assessors = append(d.Assessors, uiRecUser{ID: u, Name: names.Name(u)})
	}
	d.Can = uiRecCanOf(p, a, set, s.Opt.Now())
	if d.Certificate, err = s.uiCertForApplication(r, a, uiRecLastDecision(a)); err != nil {
		return nil, err
	}
	return d, nil
}

// uiRecFillResults lists a row for each component and unit it applies to.
func (d *uiRecApplicationData) uiRecFillResults(prog recognition.Programme, names *service.RecNames) {
	titles := map[string]kasip.Text{}
	for _, u := range d.Units {
		titles[u.Path] = u.Title
	}
	for _, c := range prog.Components {
		for _, u := range prog.Units {
			if !prog.Assesses(c, u) {
				continue
			}
			row := uiRecResultRow{Component: c.Kind, ComponentName: i18n.UIRecComponentName(c.Kind), Unit: u, UnitTitle: titles[u],
				ErrKey: "result:" + c.Kind + ":" + u, Threshold: c.Threshold}
			for i := range d.A.Results {
				if res := &d.A.Results[i]; res.Component == c.Kind && res.Unit == u {
					row.R, row.Version, row.Assessor = res, res.Version, names.Name(res.Assessor)
				}
			}
			d.Results = append(d.Results, row)
		}
	}
}

// uiRecFillDossier names the sessions' assessors and the decisions.
func (d *uiRecApplicationData) uiRecFillDossier(names *service.RecNames, lang string) {
	titles := map[string]kasip.Text{}
	for _, u := range d.Units {
		titles[u.Path] = u.Title
	}
	for _, ss := range d.A.Sessions {
		v := uiRecSessionView{S: ss, When: uiRecTime(ss.At, lang)}
		for _, u := range ss.Assessors {
			v.Assessors = append(v.Assessors, names.Name(u))
		}
		d.Sessions = append(d.Sessions, v)
	}
	for _, dec := range d.A.Decisions {
		v := uiRecDecisionView{D: dec, OutcomeName: i18n.UIRecOutcomeName(dec.Outcome), Proposed: i18n.UIRecOutcomeName(dec.Proposed.Outcome),
			Assessor: names.Name(dec.Assessor)}
		for _, u := range dec.Units {
			v.Units = append(v.Units, titles[u])
		}
		d.Decisions = append(d.Decisions, v)
	}
}

// uiRecHistory is the audit log about the application, or, when the log
// has nothing (a store without an auditor), the state history.
func (s *Server) uiRecHistory(r *http.Request, rs recognition.Store, id int64, names *service.RecNames) ([]uiRecHistoryRow, error) {
	es, err := rs.AuditEntries(r.Context(), service.RecApplicationSubject(id))
	if err != nil {
		return nil, err
	}
	var out []uiRecHistoryRow
	for _, e := range es {
		out = append(out, uiRecHistoryRow{At: e.At, When: uiRecTime(e.At, i18n.RequestLang(r)), Actor: names.Name(e.Actor), Action: i18n.UIRecActionName(e.Action), Detail: uiRecEventDetail(e.Data)})
	}
	return out, nil
}

// uiRecEventDetail picks the details of an audit entry worth a line: a
// reason, a result's component, unit and score, an outcome, a file.
func uiRecEventDetail(data []byte) string {
	var m map[string]any
	if json.Unmarshal(data, &m) != nil {
		return ""
	}
	var parts []string
	for _, k := range []string{"component", "unit", "score", "outcome", "name", "reason"} {
		if v, ok := m[k]; ok && fmt.Sprint(v) != "" {
			parts = append(parts, fmt.Sprint(v))
		}
	}
	return strings.Join(parts, " · ")
}

// uiRecCanOf works out the forms of p on a in its state at now. The store
// checks all of it again; this only spares forms that would be refused.
func uiRecCanOf(p auth.Principal, a recognition.Application, set recognition.Settings, now time.Time) uiRecCan {
	var c uiRecCan
	st := a.State
	switch {
	case service.IsReferringEmployer(p, a):
		c.Confirm = st == recognition.StateSubmitted && a.ReferralConfirmedAt.IsZero()
	case service.IsManagerOf(p, a):
		c.Accept = st == recognition.StateSubmitted && (a.Route != recognition.RouteReferral || !a.ReferralConfirmedAt.IsZero())
		c.Reject = st == recognition.StateSubmitted
		c.Schedule = st == recognition.StateAccepted || st == recognition.StateScheduled
		c.Close = uiRecClosable(a, set, now)
	case service.IsAssessorOf(p, a):
		inSession := len(a.Sessions) > 0 && slices.Contains(a.Sessions[len(a.Sessions)-1].Assessors, p.UserID)
		c.Record = st == recognition.StateScheduled && inSession
		c.Evidence = c.Record
		c.Assessed = c.Record && len(a.Results) > 0
		c.Decide = st == recognition.StateAssessed && inSession
		c.Redecide = st == recognition.StateAppealed && len(a.Decisions) > 0 && a.Decisions[len(a.Decisions)-1].Assessor != p.UserID
	case service.IsCandidateOf(p, a):
		c.Appeal = st == recognition.StateDecided && now.Before(a.AppealEnds(set))
		c.Evidence = st == recognition.StateAccepted || st == recognition.StateScheduled
	case p.Is(auth.RoleAdmin):
		c.Close = uiRecClosable(a, set, now)
	}
	return c
}

func uiRecClosable(a recognition.Application, set recognition.Settings, now time.Time) bool {
	return a.State == recognition.StateRedecided || (a.State == recognition.StateDecided && !now.Before(a.AppealEnds(set)))
}

// ---- the actions ----

// errStateChanged: a form posted from a page that showed another state.
var errStateChanged = errors.New("the application changed since the page was shown")

// uiRecAct runs the action form of the application page, after checking
// that the page the form came from showed the application's current
// state: a form sent twice, or from an old page, is refused with 409 and
// the page as it is now.
func (s *Server) uiRecAct(w http.ResponseWriter, r *http.Request, form string) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	id, err := UIPathID(r, "id")
	if err != nil {
		return err
	}
	var up service.RecEvidenceUpload
	if form == "evidence" {
		up, err = s.RecReadUpload(w, r, rs)
		if err != nil && !errors.Is(err, service.ErrEvidenceTooLarge) && !errors.Is(err, kasip.ErrInvalid) {
			return err
		}
	} else if err = page.UIReadForm(w, r); err != nil {
		return err
	}
	a, aerr := s.RecApplicationFor(r, rs, id)
	if aerr != nil {
		return s.UIRecPageError(r, aerr)
	}
	if err == nil {
		err = s.uiRecDo(r, rs, a, form, up)
	}
	if err != nil {
		return s.uiRecActFailed(w, r, rs, a, form, err)
	}
	return UIRecRedirect(w, r, uiRecApplicationURL(id), uiRecDoneOf(form))
}

// uiRecDoneOf is the notice key of a form that succeeded.
func uiRecDoneOf(form string) string {
	if d, ok := map[string]string{"confirm": "confirmed", "accept": "accepted", "reject": "rejected", "schedule": "scheduled",
		"decide": "decided", "appeal": "appealed", "redecide": "redecided", "close": "closed"}[form]; ok {
		return d
	}
	return form // result, evidence, assessed
}

// uiRecDo checks the caller's part and the state the form was shown in,
// then makes the change.
func (s *Server) uiRecDo(r *http.Request, rs recognition.Store, a recognition.Application, form string, up service.RecEvidenceUpload) error {
	x, ok := uiRecActions(s, r, rs, up)[form]
	if !ok {
		return service.ErrHidden
	}
	if !x.Allowed(session.Principal(r), a) {
		return service.ErrRefused
	}
	shown := r.PostFormValue("state")
	if form == "evidence" {
		shown = up.State
	}
	if shown != a.State {
		return fmt.Errorf("%w: %s", errStateChanged, a.State)
	}
	_, _, err := x.Act(r, rs, a)
	return err
}

// uiRecActions are the changes of the application page, with who may
// make them (the same rules as the API's).
func uiRecActions(s *Server, r *http.Request, rs recognition.Store, up service.RecEvidenceUpload) map[string]service.RecAct {
	f := r.PostFormValue
	decision := func() recognition.DecisionInput {
		in := recognition.DecisionInput{Reason: f("reason")}
		if f("confirm") != "on" {
			in.Outcome, in.Units = f("outcome"), r.PostForm["unit"]
		}
		return in
	}
	return map[string]service.RecAct{
		"confirm": {Allowed: service.IsReferringEmployer, Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			_, err := rs.ConfirmReferral(r.Context(), service.RecActor(r), a.ID)
			return nil, 0, err
		}},
		"accept":   {Allowed: service.IsManagerOf, Act: service.Transition(recognition.StateAccepted, nil)},
		"reject":   {Allowed: service.IsManagerOf, Act: service.Transition(recognition.StateRejected, func() string { return f("reason") })},
		"assessed": {Allowed: service.IsAssessorOf, Act: service.Transition(recognition.StateAssessed, nil)},
		"close":    {Allowed: service.IsManagerOrAdmin, Act: service.Transition(recognition.StateClosed, nil)},
		"schedule": {Allowed: service.IsManagerOf, Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			sess, err := uiRecSessionForm(r)
			if err == nil {
				_, err = rs.ScheduleSession(r.Context(), service.RecActor(r), a.ID, sess)
			}
			return nil, 0, err
		}},
		"result": {Allowed: service.IsAssessorOf, Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			score, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(f("score")), ",", ".", 1), 64)
			if err != nil {
				return nil, 0, service.RecErr(kasip.ErrInvalid, "form.score", "value", f("score"))
			}
			version, _ := strconv.ParseInt(f("version"), 10, 64)
			_, err = rs.RecordResult(r.Context(), service.RecActor(r), a.ID, recognition.Result{Component: f("component"), Unit: f("unit"),
				Score: score, Notes: f("notes"), Version: version})
			return nil, 0, err
		}},
		"evidence": {Allowed: service.IsEvidenceUploader, Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			_, err := rs.AddEvidence(r.Context(), service.RecActor(r), a.ID, up.Component, up.Unit, up.Name, up.ContentType, up.Data)
			return nil, 0, err
		}},
		"decide": {Allowed: service.IsAssessorOf, Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			_, err := rs.Decide(r.Context(), service.RecActor(r), a.ID, decision())
			return nil, 0, err
		}},
		"redecide": {Allowed: service.IsAssessorOf, Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			_, err := rs.Redecide(r.Context(), service.RecActor(r), a.ID, decision())
			return nil, 0, err
		}},
		"appeal": {Allowed: service.IsCandidateOf, Act: func(r *http.Request, rs recognition.Store, a recognition.Application) (any, int, error) {
			_, err := rs.Appeal(r.Context(), service.RecActor(r), a.ID, f("reason"))
			return nil, 0, err
		}},
	}
}

// uiRecSessionForm reads the session form; the time is Kazakhstan's.
func uiRecSessionForm(r *http.Request) (recognition.Session, error) {
	f := r.PostFormValue
	at, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(f("at")), uiRecZone)
	if err != nil {
		return recognition.Session{}, service.RecErr(kasip.ErrInvalid, "session.at_required")
	}
	sess := recognition.Session{At: at.UTC(), Online: f("online") == "on", Place: f("place")}
	for _, v := range r.PostForm["assessor"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			sess.Assessors = append(sess.Assessors, n)
		}
	}
	return sess, nil
}

// uiRecActFailed shows the application page with the failure next to the
// form (or an error page for what is no business of the form).
func (s *Server) uiRecActFailed(w http.ResponseWriter, r *http.Request, rs recognition.Store, a recognition.Application, form string, err error) error {
	lang := i18n.RequestLang(r)
	key := form
	if form == "result" {
		key = "result:" + r.PostFormValue("component") + ":" + r.PostFormValue("unit")
	}
	var fail *UIRecFailure
	switch {
	case errors.Is(err, errStateChanged):
		cur, _ := rs.GetApplication(r.Context(), a.ID)
		fail = &page.Failure{Form: "state", Status: http.StatusConflict, Values: r.PostForm,
			Msg: fmt.Sprintf(i18n.Translate(lang, "The application changed since this page was shown: it is now “%s”. Nothing was done; check the page as it is now."),
				i18n.Translate(lang, i18n.UIRecStateName(cur.State)))}
	case errors.Is(err, recognition.ErrStale):
		fail = &page.Failure{Form: key, Status: http.StatusConflict, Values: r.PostForm,
			Msg: i18n.Translate(lang, "Someone else saved this meanwhile.") + " " + s.uiRecStale(r, rs, a.ID, r.PostFormValue("component"), r.PostFormValue("unit"))}
	default:
		var perr error
		if fail, perr = s.UIRecFail(r, key, err); perr != nil {
			return perr
		}
	}
	return s.UIRecApplicationPage(w, r, a.ID, fail)
}

// GET /recognition/applications/{id}/evidence/{evidence}
func (s *Server) uiRecEvidenceFile(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	id, err := UIPathID(r, "id")
	if err != nil {
		return err
	}
	eid, err := UIPathID(r, "evidence")
	if err != nil {
		return err
	}
	a, err := s.RecApplicationFor(r, rs, id)
	if err == nil && !service.SeesEvidence(session.Principal(r), a) {
		err = service.ErrHidden
	}
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	e, data, err := rs.EvidenceFile(r.Context(), eid)
	if err == nil && e.ApplicationID != id {
		err = service.ErrHidden
	}
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	s.WriteEvidence(w, e, data)
	return nil
}
