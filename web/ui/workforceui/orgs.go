package workforceui

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/workforce"
)

// ---- the list of organisations ----

// orgRow is an organisation in the list.
type orgRow struct {
	O        workforce.Organisation
	URL      string
	KindName string
}

type orgsData struct {
	wfPage
	Rows  []orgRow
	Admin bool
	Kinds []page.UIOption
}

// GET /orgs: the caller's organisations (an administrator's: all, with
// the form that creates one).
func (s *Server) uiOrgs(w http.ResponseWriter, r *http.Request) error {
	return s.orgsPage(w, r, nil)
}

func (s *Server) orgsPage(w http.ResponseWriter, r *http.Request, fail *wfFailure) error {
	ws, err := s.WFStore()
	if err != nil {
		return s.pageError(r, err)
	}
	lang := i18n.RequestLang(r)
	os, err := s.WFOrganisations(r, ws)
	if err != nil {
		return err
	}
	d := &orgsData{wfPage: s.basePage(r, "/orgs", nil, i18n.Translate(lang, "Organisations"), fail),
		Admin: session.Principal(r).Is(auth.RoleAdmin)}
	for _, o := range os {
		d.Rows = append(d.Rows, orgRow{O: o, URL: orgURL(o.ID), KindName: nameOf(kindNames, o.Kind)})
	}
	d.Kinds = options(kindNames, lang, d.Form.Get("kind"))
	return s.UIRender(w, r, pageStatus(fail), "wf_orgs", d)
}

// POST /orgs (administrator)
func (s *Server) uiCreateOrg(w http.ResponseWriter, r *http.Request) error {
	ws, err := s.WFStore()
	if err != nil {
		return s.pageError(r, err)
	}
	if err := readForm(w, r); err != nil {
		return err
	}
	f := r.PostFormValue
	o, err := ws.CreateOrganisation(r.Context(), service.RecActor(r), workforce.Organisation{Kind: f("kind"), Name: f("name"),
		BIN: strings.TrimSpace(f("bin")), Units: strings.Split(f("units"), "\n")})
	return s.settle(w, r, err, "org", func(fail *wfFailure) error { return s.orgsPage(w, r, fail) }, orgURL(o.ID), "org")
}

// ---- an organisation ----

// positionRow is a position in a list.
type positionRow struct {
	P         workforce.Position
	URL       string
	CardN     int
	CardTitle kasip.Text
	Employees int
}

// employeeRow is an employee in a list.
type employeeRow struct {
	E          workforce.Employee
	URL        string
	Position   string
	Gaps       int
	Unassessed bool // nothing assessed yet
	Assessed   bool // the position's card is known, so gaps are counted
}

type orgData struct {
	wfOrgPage
	Members   []workforce.Member
	RoleNames map[string]string // role → message key
	Positions []positionRow
	Employees []employeeRow
	Roles     []page.UIOption
	Units     []page.UIOption
	PosOpts   []page.UIOption
	Gaps      bool // the caller sees a gap analysis
}

// GET /orgs/{org}: the organisation, its members, positions and the
// employees the caller sees.
func (s *Server) uiOrg(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgStart(r)
	if err != nil {
		return err
	}
	return s.orgOverview(w, r, ws, a, nil)
}

func (s *Server) orgOverview(w http.ResponseWriter, r *http.Request, ws workforce.Store, a service.OrgAccess, fail *wfFailure) error {
	ctx, lang := r.Context(), i18n.RequestLang(r)
	d := &orgData{wfOrgPage: s.orgPage(r, a, orgURL(a.Org.ID), nil, a.Org.Name, fail), RoleNames: map[string]string{}}
	for _, e := range roleNames {
		d.RoleNames[e[0]] = e[1]
	}
	if a.Staff() {
		ms, err := ws.Members(ctx, a.Org.ID)
		if err != nil {
			return err
		}
		d.Members = ms
	}
	ps, err := ws.ListPositions(ctx, a.Org.ID)
	if err != nil {
		return err
	}
	es, err := ws.ListEmployees(ctx, a.Org.ID, "")
	if err != nil {
		return err
	}
	es = slices.DeleteFunc(es, func(e workforce.Employee) bool { return !a.Sees(e) })
	cards := service.NewCards(ctx, s.Reg)
	titles := map[int64]string{}
	count := map[int64]int{}
	for _, e := range es {
		count[e.PositionID]++
	}
	for _, p := range ps {
		row := positionRow{P: p, URL: positionURL(a.Org.ID, p.ID), CardN: p.Card + 1, Employees: count[p.ID]}
		if c, ok := cards.Card(p); ok {
			row.CardTitle = c.Title
		}
		d.Positions = append(d.Positions, row)
		titles[p.ID] = p.Title
		d.PosOpts = append(d.PosOpts, page.UIOption{Value: itoa(p.ID), Label: p.Title, Selected: d.Form.Get("position_id") == itoa(p.ID)})
	}
	people, err := s.peopleOf(r, ws, a, es, cards)
	if err != nil {
		return err
	}
	for _, e := range es {
		row := employeeRow{E: e, URL: employeeURL(a.Org.ID, e.ID), Position: titles[e.PositionID]}
		if p, ok := people[e.ID]; ok {
			row.Assessed, row.Gaps, row.Unassessed = true, p.Gaps, p.Unassessed == len(p.Cells)
		}
		d.Employees = append(d.Employees, row)
	}
	_, d.Gaps = a.Unit()
	d.Roles = options(roleNames, lang, d.Form.Get("role"))
	d.Units = unitOptions(a.Org, d.Form.Get("unit"))
	return s.UIRender(w, r, pageStatus(fail), "wf_org", d)
}

// peopleOf is the analysis of each of es the caller sees, by employee:
// from the gap analysis for HR and heads, else one by one (the caller's
// own records). Employees without a position (or whose card is gone) are
// not in it.
func (s *Server) peopleOf(r *http.Request, ws workforce.Store, a service.OrgAccess, es []workforce.Employee, cards *service.Cards) (map[int64]service.Analysed, error) {
	out := map[int64]service.Analysed{}
	if _, ok := a.Unit(); ok {
		an, err := s.WFAnalysis(r, ws, a, "", cards)
		if err != nil {
			return nil, err
		}
		for _, b := range an.Blocks {
			for _, p := range b.People {
				out[p.Employee.ID] = service.Analysed{Person: p, Items: b.Items}
			}
		}
		return out, nil
	}
	for _, e := range es {
		if !a.Sees(e) {
			continue
		}
		v, err := s.WFPerson(r, ws, a, e, cards)
		if err != nil {
			return nil, err
		}
		if len(v.Items) > 0 {
			out[e.ID] = service.Analysed{Person: v.Analysis, Items: v.Items}
		}
	}
	return out, nil
}

// POST /orgs/{org}/members (HR): an account, by login, gets a role.
func (s *Server) uiSetMember(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgForm(w, r)
	if err != nil {
		return err
	}
	err = service.Refuse(a.HR())
	var u auth.User
	if err == nil {
		u, err = s.userByLogin(r.Context(), r.PostFormValue("login"))
	}
	if err == nil {
		_, err = ws.SetMember(r.Context(), service.RecActor(r), workforce.Member{OrgID: a.Org.ID, UserID: u.ID,
			Role: r.PostFormValue("role"), Unit: strings.TrimSpace(r.PostFormValue("unit"))})
	}
	return s.settle(w, r, err, "member", func(fail *wfFailure) error { return s.orgOverview(w, r, ws, a, fail) }, orgURL(a.Org.ID)+"#members", "member")
}

// POST /orgs/{org}/members/{user}/remove (HR)
func (s *Server) uiRemoveMember(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgForm(w, r)
	if err != nil {
		return err
	}
	user, err := pathID(r, "user")
	if err != nil {
		return err
	}
	if err = service.Refuse(a.HR()); err == nil {
		err = ws.RemoveMember(r.Context(), service.RecActor(r), a.Org.ID, user)
	}
	return s.settle(w, r, err, "member", func(fail *wfFailure) error { return s.orgOverview(w, r, ws, a, fail) }, orgURL(a.Org.ID)+"#members", "member-removed")
}

// userByLogin finds an account by its login (any letter case); an unknown
// or disabled one is a refusal of the form.
func (s *Server) userByLogin(ctx context.Context, login string) (auth.User, error) {
	login = strings.TrimSpace(login)
	if login == "" || s.Accounts == nil {
		return auth.User{}, &formError{key: "Give the login of the account."}
	}
	u, _, err := s.Accounts.Credentials(ctx, login)
	if errors.Is(err, kasip.ErrNotFound) || (err == nil && u.Disabled) {
		return auth.User{}, &formError{key: "There is no account with the login “%s”.", args: []any{login}}
	}
	return u, err
}

// POST /orgs/{org}/employees (HR): name, unit, position and, optionally,
// the account to link (by login; a candidate account's certificates then
// count in the assessment).
func (s *Server) uiCreateEmployee(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgForm(w, r)
	if err != nil {
		return err
	}
	f := r.PostFormValue
	e := workforce.Employee{OrgID: a.Org.ID, Name: strings.TrimSpace(f("name")), Unit: strings.TrimSpace(f("unit")), PositionID: formID(r, "position_id")}
	err = service.Refuse(a.HR())
	if err == nil && strings.TrimSpace(f("login")) != "" {
		var u auth.User
		if u, err = s.userByLogin(r.Context(), f("login")); err == nil {
			e.UserID, e.CandidateID = u.ID, u.CandidateID
		}
	}
	if err == nil {
		e, err = ws.CreateEmployee(r.Context(), service.RecActor(r), e)
	}
	return s.settle(w, r, err, "employee", func(fail *wfFailure) error { return s.orgOverview(w, r, ws, a, fail) }, employeeURL(a.Org.ID, e.ID), "employee")
}

// ---- the card page's link ----

// PositionLink is where the HR of an organisation creates a position from
// a card.
type PositionLink struct {
	Org string // the organisation's name
	URL string
}

// PositionLinks are, for the card (0-based) of a standard version, the
// links "create a position from this card" of the organisations whose HR
// the caller is (none for the public and for an administrator who is no
// member: the administrator's organisations are all).
func PositionLinks(ps *page.Server, r *http.Request, code, version string, card int) []PositionLink {
	p := session.Principal(r)
	if p.UserID == 0 || ps.Workforce == nil {
		return nil
	}
	ms, err := ps.Workforce.Memberships(r.Context(), p.UserID)
	if err != nil {
		return nil
	}
	var out []PositionLink
	for _, m := range ms {
		if m.Role != workforce.RoleHR {
			continue
		}
		o, err := ps.Workforce.GetOrganisation(r.Context(), m.OrgID)
		if err != nil || o.Kind != workforce.KindEmployer {
			continue
		}
		q := url.Values{"code": {code}, "version": {version}, "card": {strconv.Itoa(card)}}
		out = append(out, PositionLink{Org: o.Name, URL: orgURL(o.ID) + "/positions/new?" + q.Encode()})
	}
	return out
}
