package workforceui

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/workforce"
)

// ---- an employee: the assessment and the plan ----

// ratingOption is a level to choose in a rating's select; -1 is "not
// given".
type ratingOption struct {
	Level    int
	Label    string
	Selected bool
}

// ratingOptions are "not given" and the levels of the scale, selected
// ticked.
func ratingOptions(lang string, selected int) []ratingOption {
	out := []ratingOption{{Level: workforce.NotGiven, Label: "—", Selected: selected == workforce.NotGiven}}
	for _, l := range workforce.Levels() {
		out = append(out, ratingOption{Level: l, Label: strconv.Itoa(l) + " — " + workforce.LevelName(lang, l), Selected: l == selected})
	}
	return out
}

// itemRow is an item of the position's card in the assessment table.
type itemRow struct {
	I           int
	It          workforce.Item
	KindName    string
	Unit        bool
	Required    int
	Self        int
	Manager     int
	SelfOpts    []ratingOption
	ManagerOpts []ratingOption
	Evidence    string
	Cell        workforce.Cell
	SourceName  string
	Gap         bool
}

// actionRow is an action of a plan.
type actionRow struct {
	service.ActionView
	KindName, StatusName string
	ItemCodes            []string
	Owner                string
	Programme            kasip.Text
	ProgrammeURL         string
	ApplyURL             string // the application form of recognition, for the employee themself
	ApplicationURL       string
	Statuses             []page.UIOption
	CanUpdate            bool
	Employee             string // the employee's name (the plans' overview)
	EmployeeURL          string
	Unit                 string
	Err                  string
}

type employeeData struct {
	wfOrgPage
	E            workforce.Employee
	Position     *workforce.Position
	PositionURL  string
	CardTitle    kasip.Text
	CardURL      string
	Scale        []levelOption
	Items        []itemRow
	A            workforce.Person
	Self         bool
	Manages      bool
	Rates        bool // the caller may give some level
	Plan         []actionRow
	Kinds        []page.UIOption
	GapItems     []itemRow
	AllItems     bool // no item has a gap: the form offers every item
	Programmes   []page.UIOption
	Recognition  bool // the server keeps recognition
	DueDefault   string
	Today        string
	ActionTitle  string
	PickedItems  []string
	ActionKind   string
	ActionNote   string
	ActionDue    string
	HR           bool            // the caller may edit the record
	Units        []page.UIOption // for the edit form
	PosOpts      []page.UIOption // for the edit form
	Login        string          // the linked account's login, for the edit form
	ActionProgID string
}

// GET /orgs/{org}/employees/{employee}
func (s *Server) uiEmployee(w http.ResponseWriter, r *http.Request) error {
	ws, a, e, err := s.employeeStart(r)
	if err != nil {
		return err
	}
	return s.employeePage(w, r, ws, a, e, nil)
}

// employeeStart reads the {employee} of the organisation the caller sees.
func (s *Server) employeeStart(r *http.Request) (workforce.Store, service.OrgAccess, workforce.Employee, error) {
	ws, a, err := s.orgStart(r)
	if err != nil {
		return nil, a, workforce.Employee{}, err
	}
	id, err := pathID(r, "employee")
	if err != nil {
		return nil, a, workforce.Employee{}, err
	}
	e, err := s.WFEmployee(r, ws, a, id)
	if err != nil {
		return nil, a, e, s.pageError(r, err)
	}
	return ws, a, e, nil
}

func (s *Server) employeePage(w http.ResponseWriter, r *http.Request, ws workforce.Store, a service.OrgAccess, e workforce.Employee, fail *wfFailure) error {
	lang := i18n.RequestLang(r)
	cards := service.NewCards(r.Context(), s.Reg)
	v, err := s.WFPerson(r, ws, a, e, cards)
	if err != nil {
		return s.pageError(r, err)
	}
	d := &employeeData{wfOrgPage: s.orgPage(r, a, employeeURL(a.Org.ID, e.ID), nil, e.Name, fail), E: e, Position: v.Position,
		Scale: levelOptions(lang, workforce.LevelNone, -2), A: v.Analysis, Self: v.Self, Manages: v.Manages,
		Recognition: s.Recognition != nil, Today: s.Today().Format(time.DateOnly),
		DueDefault: s.Today().AddDate(0, 3, 0).Format(time.DateOnly)}
	d.Rates = d.Self || d.Manages
	if d.HR = a.HR(); d.HR {
		if err := s.editOptions(r, ws, a, e, d); err != nil {
			return err
		}
	}
	if v.Position != nil {
		d.PositionURL = positionURL(a.Org.ID, v.Position.ID)
		d.CardURL = page.UICardURL(v.Position.Standard, v.Position.Version, v.Position.Card+1)
		if c, ok := cards.Card(*v.Position); ok {
			d.CardTitle = c.Title
		}
	}
	codes := map[string]string{}
	for i, it := range v.Items {
		row := itemRow{I: i, It: it, KindName: nameOf(itemKindNames, it.Kind), Unit: it.IsUnit(), Required: it.Required,
			Self: workforce.NotGiven, Manager: workforce.NotGiven}
		if rt, ok := v.Ratings[it.Path]; ok {
			row.Self, row.Manager, row.Evidence = rt.Self, rt.Manager, rt.Evidence
		}
		if fail != nil && fail.Form == "ratings" {
			row.Self = formIntIn(d.Form, "self_"+strconv.Itoa(i), row.Self)
			row.Manager = formIntIn(d.Form, "manager_"+strconv.Itoa(i), row.Manager)
			if _, ok := d.Form["evidence_"+strconv.Itoa(i)]; ok {
				row.Evidence = d.Form.Get("evidence_" + strconv.Itoa(i))
			}
		}
		row.SelfOpts, row.ManagerOpts = ratingOptions(lang, row.Self), ratingOptions(lang, row.Manager)
		if i < len(v.Analysis.Cells) {
			row.Cell = v.Analysis.Cells[i]
			row.SourceName = nameOf(sourceNames, row.Cell.Source)
			row.Gap = row.Cell.HasGap()
		}
		codes[it.Path] = it.Code
		d.Items = append(d.Items, row)
		if row.Gap {
			d.GapItems = append(d.GapItems, row)
		}
	}
	if len(d.GapItems) == 0 {
		d.GapItems, d.AllItems = d.Items, true
	}
	progs, err := s.cardProgrammes(r, v.Position)
	if err != nil {
		return err
	}
	if fail != nil && fail.Form == "action" {
		d.ActionTitle, d.PickedItems, d.ActionKind = d.Form.Get("title"), d.Form["item"], d.Form.Get("kind")
		d.ActionNote, d.ActionDue, d.ActionProgID = d.Form.Get("note"), d.Form.Get("due"), d.Form.Get("programme_id")
	}
	if d.ActionDue == "" {
		d.ActionDue = d.DueDefault
	}
	d.Kinds = options(actionKindNames, lang, d.ActionKind)
	for _, p := range progs {
		title, _ := page.UIPick(p.Title, lang)
		d.Programmes = append(d.Programmes, page.UIOption{Value: itoa(p.ID), Label: title, Selected: itoa(p.ID) == d.ActionProgID})
	}
	rows := make([]service.PlanRow, len(v.Plan))
	for i, act := range v.Plan {
		rows[i] = service.PlanRow{ActionView: act, Employee: e.Name, Unit: e.Unit}
	}
	if d.Plan, err = s.actionRows(r, a, rows, map[int64]workforce.Employee{e.ID: e}, map[int64]map[string]string{e.ID: codes}, progs, fail); err != nil {
		return err
	}
	return s.UIRender(w, r, pageStatus(fail), "wf_employee", d)
}

// formIntIn reads a whole number of a form's values; def if absent.
func formIntIn(v url.Values, name string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(v.Get(name)))
	if err != nil {
		return def
	}
	return n
}

// cardProgrammes are the approved recognition programmes of the
// position's card, to apply to from a plan.
func (s *Server) cardProgrammes(r *http.Request, pos *workforce.Position) ([]recognition.Programme, error) {
	if pos == nil || s.Recognition == nil {
		return nil, nil
	}
	ps, err := s.Recognition.ListProgrammes(r.Context(), recognition.ProgrammeFilter{Status: recognition.ProgrammeApproved, StandardCode: pos.Standard})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(ps, func(p recognition.Programme) bool { return p.Card != pos.Card }), nil
}

// actionRows describe the actions of plans; people are their employees,
// codes the items' codes by employee and path (a path without one is
// shown as it is), progs the programmes known already.
func (s *Server) actionRows(r *http.Request, a service.OrgAccess, acts []service.PlanRow, people map[int64]workforce.Employee,
	codes map[int64]map[string]string, progs []recognition.Programme, fail *wfFailure) ([]actionRow, error) {
	lang, p := i18n.RequestLang(r), session.Principal(r)
	names := s.RecNamer(r)
	known := map[int64]recognition.Programme{}
	for _, pr := range progs {
		known[pr.ID] = pr
	}
	out := make([]actionRow, 0, len(acts))
	for _, act := range acts {
		e := people[act.EmployeeID]
		row := actionRow{ActionView: act.ActionView, KindName: nameOf(actionKindNames, act.Kind), StatusName: nameOf(statusNames, act.Status),
			Statuses: options(statusNames, lang, act.Status), CanUpdate: a.Manages(e) || a.IsSelf(e),
			Employee: act.Employee, EmployeeURL: employeeURL(a.Org.ID, act.EmployeeID), Unit: act.Unit}
		for _, path := range act.Items {
			if c, ok := codes[act.EmployeeID][path]; ok {
				row.ItemCodes = append(row.ItemCodes, c)
			} else {
				row.ItemCodes = append(row.ItemCodes, path)
			}
		}
		if act.OwnerUserID != 0 {
			row.Owner = names.Name(act.OwnerUserID)
		}
		if act.ProgrammeID != 0 && s.Recognition != nil {
			pr, ok := known[act.ProgrammeID]
			if !ok {
				if got, err := s.Recognition.GetProgramme(r.Context(), act.ProgrammeID); err == nil {
					pr, ok = got, true
					known[pr.ID] = pr
				}
			}
			if ok {
				row.Programme, row.ProgrammeURL = pr.Title, "/recognition/programmes/"+itoa(pr.ID)
			}
		}
		switch {
		case act.ApplicationID != 0:
			row.ApplicationURL = "/recognition/applications/" + itoa(act.ApplicationID)
		case act.Kind == workforce.ActionRecognition && act.ProgrammeID != 0 && act.Open() && a.IsSelf(e) && p.Is(auth.RoleCandidate):
			row.ApplyURL = "/recognition/programmes/" + itoa(act.ProgrammeID) + "?" + url.Values{"plan_action": {itoa(act.ID)}}.Encode() + "#apply"
		}
		if fail != nil && fail.Form == "action-"+itoa(act.ID) {
			row.Err = fail.Msg
		}
		out = append(out, row)
	}
	return out, nil
}

// POST /orgs/{org}/employees/{employee}/ratings: the employee gives their
// own levels, the manager theirs; both the evidence. Only what changed is
// recorded.
func (s *Server) uiRate(w http.ResponseWriter, r *http.Request) error {
	ws, a, e, err := s.employeeStart(r)
	if err != nil {
		return err
	}
	if err := readForm(w, r); err != nil {
		return err
	}
	v, err := s.WFPerson(r, ws, a, e, nil)
	if err != nil {
		return s.pageError(r, err)
	}
	var in []workforce.RatingInput
	for i := 0; i < 5000; i++ {
		k := strconv.Itoa(i)
		path := strings.TrimSpace(r.PostFormValue("path_" + k))
		if path == "" {
			break
		}
		cur, ok := v.Ratings[path]
		if !ok {
			cur = workforce.Rating{Path: path, Self: workforce.NotGiven, Manager: workforce.NotGiven}
		}
		ri := workforce.RatingInput{Path: path}
		if _, ok := r.PostForm["self_"+k]; ok {
			if l := formInt(r, "self_"+k, workforce.NotGiven); l != cur.Self {
				ri.Self = &l
			}
		}
		if _, ok := r.PostForm["manager_"+k]; ok {
			if l := formInt(r, "manager_"+k, workforce.NotGiven); l != cur.Manager {
				ri.Manager = &l
			}
		}
		if _, ok := r.PostForm["evidence_"+k]; ok {
			if ev := strings.TrimSpace(r.PostFormValue("evidence_" + k)); ev != cur.Evidence {
				ri.Evidence = &ev
			}
		}
		if ri.Self != nil || ri.Manager != nil || ri.Evidence != nil {
			in = append(in, ri)
		}
	}
	err = service.WFMayRate(a, e, in)
	if err == nil && len(in) > 0 {
		_, err = ws.Rate(r.Context(), service.RecActor(r), e.ID, in)
	}
	return s.settle(w, r, err, "ratings", func(fail *wfFailure) error { return s.employeePage(w, r, ws, a, e, fail) }, employeeURL(a.Org.ID, e.ID)+"#assessment", "ratings")
}

// POST /orgs/{org}/actions (the employee's manager): an action of the
// employee's plan.
func (s *Server) uiAddAction(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgForm(w, r)
	if err != nil {
		return err
	}
	e, err := s.WFEmployee(r, ws, a, formID(r, "employee_id"))
	if err != nil {
		return s.pageError(r, err)
	}
	f := r.PostFormValue
	act := workforce.Action{OrgID: a.Org.ID, EmployeeID: e.ID, Kind: f("kind"), Title: strings.TrimSpace(f("title")), Items: r.PostForm["item"],
		OwnerUserID: session.Principal(r).UserID, Status: workforce.StatusPlanned, Note: strings.TrimSpace(f("note"))}
	if act.Kind == workforce.ActionRecognition {
		act.ProgrammeID = formID(r, "programme_id")
	}
	err = service.Refuse(a.Manages(e))
	if err == nil && strings.TrimSpace(f("due")) != "" {
		var due time.Time
		if due, err = time.Parse(time.DateOnly, strings.TrimSpace(f("due"))); err != nil {
			err = workforce.Refuse(workforce.ErrInvalid, "workforce.action_due")
		}
		act.Due = due
	}
	if err == nil {
		act, err = ws.AddAction(r.Context(), service.RecActor(r), act)
	}
	return s.settle(w, r, err, "action", func(fail *wfFailure) error { return s.employeePage(w, r, ws, a, e, fail) }, employeeURL(a.Org.ID, e.ID)+"#plan", "action")
}

// POST /orgs/{org}/actions/{action}: the status and progress (the
// manager's and the employee's own); back=plans returns to the overview.
func (s *Server) uiUpdateAction(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgForm(w, r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "action")
	if err != nil {
		return err
	}
	cur, e, err := s.WFAction(r, ws, a, id)
	if err != nil {
		return s.pageError(r, err)
	}
	up := cur
	up.Status = strings.TrimSpace(r.PostFormValue("status"))
	up.Progress = formInt(r, "progress", cur.Progress)
	up.Revision = formInt(r, "revision", cur.Revision)
	if _, ok := r.PostForm["note"]; ok {
		up.Note = strings.TrimSpace(r.PostFormValue("note"))
	}
	up, err = service.WFActionUpdate(a, e, cur, up)
	if err == nil {
		_, err = ws.UpdateAction(r.Context(), service.RecActor(r), up)
	}
	back := r.PostFormValue("back") == "plans"
	if err != nil {
		fail, perr := s.fail(r, "action-"+itoa(id), err)
		if perr != nil {
			return perr
		}
		if back {
			return s.plansPage(w, r, ws, a, fail)
		}
		return s.employeePage(w, r, ws, a, e, fail)
	}
	if back {
		return redirect(w, r, orgURL(a.Org.ID)+"/plans#action-"+itoa(id), "action-updated")
	}
	return redirect(w, r, employeeURL(a.Org.ID, e.ID)+"#action-"+itoa(id), "action-updated")
}

// editOptions fills the choices of the HR's form that edits e.
func (s *Server) editOptions(r *http.Request, ws workforce.Store, a service.OrgAccess, e workforce.Employee, d *employeeData) error {
	d.Units = unitOptions(a.Org, e.Unit)
	ps, err := ws.ListPositions(r.Context(), a.Org.ID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		d.PosOpts = append(d.PosOpts, page.UIOption{Value: itoa(p.ID), Label: p.Title, Selected: p.ID == e.PositionID})
	}
	if e.UserID != 0 && s.Accounts != nil {
		if u, err := s.Accounts.UserByID(r.Context(), e.UserID); err == nil {
			d.Login = u.Login
		}
	}
	return nil
}

// POST /orgs/{org}/employees/{employee} (HR): the name, unit, position
// and linked account of an employee; an empty login unlinks the account.
func (s *Server) uiUpdateEmployee(w http.ResponseWriter, r *http.Request) error {
	ws, a, e, err := s.employeeStart(r)
	if err != nil {
		return err
	}
	if err := readForm(w, r); err != nil {
		return err
	}
	f := r.PostFormValue
	up := e
	up.Name, up.Unit, up.PositionID = strings.TrimSpace(f("name")), strings.TrimSpace(f("unit")), formID(r, "position_id")
	err = service.Refuse(a.HR())
	if err == nil {
		up.UserID, up.CandidateID = 0, 0
		if strings.TrimSpace(f("login")) != "" {
			var u auth.User
			if u, err = s.userByLogin(r.Context(), f("login")); err == nil {
				up.UserID, up.CandidateID = u.ID, u.CandidateID
			}
		}
	}
	if err == nil {
		_, err = ws.UpdateEmployee(r.Context(), service.RecActor(r), up)
	}
	return s.settle(w, r, err, "edit-employee", func(fail *wfFailure) error { return s.employeePage(w, r, ws, a, e, fail) }, employeeURL(a.Org.ID, e.ID), "employee-updated")
}
