package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip/jobdesc"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/workforce"
)

// Organisations in the API: employers and education providers, their
// members, positions, employees, assessments, gap analysis, plans and
// education programmes. The routes need a signed-in caller; what the
// caller may see of an organisation is decided by OrgAccessOf (members and
// the organisation's own employees; others get 404).

// OrgInput is the body that creates or updates an organisation.
type OrgInput struct {
	Kind  string   `json:"kind"`
	Name  string   `json:"name"`
	BIN   string   `json:"bin"`
	Units []string `json:"units"`
}

// MemberInput sets a member's role.
type MemberInput struct {
	Role string `json:"role"`
	Unit string `json:"unit,omitempty"`
}

// PositionInput is the body that creates or updates a position.
type PositionInput struct {
	Title       string         `json:"title"`
	Unit        string         `json:"unit"`
	Standard    string         `json:"standard_code"`
	Version     string         `json:"standard_version"`
	Card        int            `json:"card"`
	Required    int            `json:"required"`
	RequiredFor map[string]int `json:"required_for"`
	Detailed    bool           `json:"detailed"`
	Revision    int            `json:"revision"`
}

// SectionInput is an edited section of a job description.
type SectionInput struct {
	Lines []string `json:"lines"`
}

// EmployeeInput is the body that creates or updates an employee.
type EmployeeInput struct {
	Name        string `json:"name"`
	Unit        string `json:"unit"`
	PositionID  int64  `json:"position_id"`
	UserID      int64  `json:"user_id"`
	CandidateID int64  `json:"candidate_id"`
}

// RatingsInput records ratings of an employee.
type RatingsInput struct {
	Ratings []workforce.RatingInput `json:"ratings"`
}

// ActionInput is the body that adds or updates an action of a plan.
type ActionInput struct {
	EmployeeID  int64    `json:"employee_id"`
	Kind        string   `json:"kind"`
	Title       string   `json:"title"`
	Items       []string `json:"items"`
	OwnerUserID int64    `json:"owner_user_id"`
	Due         string   `json:"due"`
	Status      string   `json:"status"`
	Progress    int      `json:"progress"`
	ProgrammeID int64    `json:"programme_id"`
	Note        string   `json:"note"`
	Revision    int      `json:"revision"`
}

// EduProgrammeInput is the body that creates or updates a programme.
type EduProgrammeInput struct {
	Speciality    string              `json:"speciality"`
	Title         string              `json:"title"`
	Qualification string              `json:"qualification"`
	Cards         []workforce.CardRef `json:"cards"`
	Modules       []workforce.Module  `json:"modules"`
	Revision      int                 `json:"revision"`
}

// OrgView is an organisation with the caller's standing in it.
type OrgView struct {
	workforce.Organisation
	MyRole string `json:"my_role,omitempty"` // hr, head, methodologist; "" for an employee or an administrator
}

// orgStart reads the store, the {org} of the path and the caller's
// standing; on failure it has answered.
func (s *Server) orgStart(w http.ResponseWriter, r *http.Request) (workforce.Store, service.OrgAccess, bool) {
	ws, err := s.WFStore()
	if err != nil {
		s.RecProblem(w, r, err)
		return nil, service.OrgAccess{}, false
	}
	id, perr := httpx.PathID(r, "org")
	if perr != nil {
		httpx.BadParam(w, r, perr)
		return nil, service.OrgAccess{}, false
	}
	a, err := s.OrgAccessOf(r, ws, id)
	if err != nil {
		s.RecProblem(w, r, err)
		return nil, a, false
	}
	return ws, a, true
}

// inOrg reads the object of path parameter name in the {org} of the
// path, through get (which hides what the caller may not see).
func inOrg[T any](s *Server, w http.ResponseWriter, r *http.Request, name string,
	get func(*http.Request, workforce.Store, service.OrgAccess, int64) (T, error)) (workforce.Store, service.OrgAccess, T, bool) {
	var zero T
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return nil, a, zero, false
	}
	id, ok := pathID(w, r, name)
	if !ok {
		return nil, a, zero, false
	}
	v, err := get(r, ws, a, id)
	if err != nil {
		s.RecProblem(w, r, err)
		return nil, a, v, false
	}
	return ws, a, v, true
}

func (s *Server) positionStart(w http.ResponseWriter, r *http.Request) (workforce.Store, service.OrgAccess, workforce.Position, bool) {
	return inOrg(s, w, r, "position", s.WFPosition)
}

func (s *Server) employeeStart(w http.ResponseWriter, r *http.Request) (workforce.Store, service.OrgAccess, workforce.Employee, bool) {
	return inOrg(s, w, r, "employee", s.WFEmployee)
}

func (s *Server) eduStart(w http.ResponseWriter, r *http.Request) (workforce.Store, service.OrgAccess, workforce.EduProgramme, bool) {
	return inOrg(s, w, r, "programme", s.WFEduProgramme)
}

// pathID reads a path ID; on failure it has answered.
func pathID(w http.ResponseWriter, r *http.Request, name string) (int64, bool) {
	id, perr := httpx.PathID(r, name)
	if perr != nil {
		httpx.BadParam(w, r, perr)
		return 0, false
	}
	return id, true
}

// act answers with what op returns, when the caller's standing allows
// it, else 403.
func (s *Server) act(w http.ResponseWriter, r *http.Request, allowed bool, status int, op func() (any, error)) {
	if !allowed {
		s.RecProblem(w, r, service.ErrRefused)
		return
	}
	v, err := op()
	s.answer(w, r, status, v, err)
}

// answer writes v with status, or err as a problem.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, status, v)
}

// GET /api/v1/orgs
func (s *Server) apiListOrgs(w http.ResponseWriter, r *http.Request) {
	ws, err := s.WFStore()
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	os, err := s.WFOrganisations(r, ws)
	out := List[workforce.Organisation]{Items: os}
	s.answer(w, r, http.StatusOK, out, err)
}

// POST /api/v1/orgs (administrator)
func (s *Server) apiCreateOrg(w http.ResponseWriter, r *http.Request) {
	ws, err := s.WFStore()
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	var in OrgInput
	if !httpx.ReadJSON(w, r, &in, `{"kind": "employer", "name": "…", "bin": "…", "units": ["…"]}`) {
		return
	}
	o, err := ws.CreateOrganisation(r.Context(), service.RecActor(r), workforce.Organisation{Kind: in.Kind, Name: in.Name, BIN: in.BIN, Units: in.Units})
	s.answer(w, r, http.StatusCreated, o, err)
}

// GET /api/v1/orgs/{org}
func (s *Server) apiGetOrg(w http.ResponseWriter, r *http.Request) {
	if _, a, ok := s.orgStart(w, r); ok {
		httpx.WriteJSON(w, r, http.StatusOK, OrgView{Organisation: a.Org, MyRole: a.Member.Role})
	}
}

// PUT /api/v1/orgs/{org} (HR): the name and units.
func (s *Server) apiUpdateOrg(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	var in OrgInput
	if !httpx.ReadJSON(w, r, &in, `{"name": "…", "units": ["…"]}`) {
		return
	}
	s.act(w, r, a.HR(), http.StatusOK, func() (any, error) {
		o := a.Org
		o.Name, o.Units = in.Name, in.Units
		return ws.UpdateOrganisation(r.Context(), service.RecActor(r), o)
	})
}

// GET /api/v1/orgs/{org}/members (members)
func (s *Server) apiListMembers(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	s.act(w, r, a.Staff(), http.StatusOK, func() (any, error) {
		ms, err := ws.Members(r.Context(), a.Org.ID)
		return List[workforce.Member]{Items: httpx.NonNilSlice(ms)}, err
	})
}

// PUT /api/v1/orgs/{org}/members/{user} (HR)
func (s *Server) apiSetMember(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	user, ok := pathID(w, r, "user")
	if !ok {
		return
	}
	var in MemberInput
	if !httpx.ReadJSON(w, r, &in, `{"role": "hr|head|methodologist", "unit": "…"}`) {
		return
	}
	s.act(w, r, a.HR(), http.StatusOK, func() (any, error) {
		return ws.SetMember(r.Context(), service.RecActor(r), workforce.Member{OrgID: a.Org.ID, UserID: user, Role: in.Role, Unit: in.Unit})
	})
}

// DELETE /api/v1/orgs/{org}/members/{user} (HR)
func (s *Server) apiRemoveMember(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	user, ok := pathID(w, r, "user")
	if !ok {
		return
	}
	err := service.Refuse(a.HR())
	if err == nil {
		err = ws.RemoveMember(r.Context(), service.RecActor(r), a.Org.ID, user)
	}
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// GET /api/v1/orgs/{org}/positions
func (s *Server) apiListPositions(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	ps, err := ws.ListPositions(r.Context(), a.Org.ID)
	s.answer(w, r, http.StatusOK, List[workforce.Position]{Items: httpx.NonNilSlice(ps)}, err)
}

func (in PositionInput) position(orgID int64) workforce.Position {
	return workforce.Position{OrgID: orgID, Title: in.Title, Unit: strings.TrimSpace(in.Unit), Standard: strings.TrimSpace(in.Standard),
		Version: strings.TrimSpace(in.Version), Card: in.Card, Required: in.Required, RequiredFor: in.RequiredFor,
		Detailed: in.Detailed, Revision: in.Revision}
}

// POST /api/v1/orgs/{org}/positions (HR)
func (s *Server) apiCreatePosition(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	var in PositionInput
	if !httpx.ReadJSON(w, r, &in, `{"title": "…", "standard_code": "…", "card": 0}`) {
		return
	}
	s.act(w, r, a.HR(), http.StatusCreated, func() (any, error) {
		return ws.CreatePosition(r.Context(), service.RecActor(r), in.position(a.Org.ID))
	})
}

// GET /api/v1/orgs/{org}/positions/{position}: the position and what a
// newer version of its standard changes in its card.
func (s *Server) apiGetPosition(w http.ResponseWriter, r *http.Request) {
	_, _, pos, ok := s.positionStart(w, r)
	if !ok {
		return
	}
	v, err := s.WFPositionView(r, pos, "", nil)
	s.answer(w, r, http.StatusOK, v, err)
}

// PUT /api/v1/orgs/{org}/positions/{position} (HR); the edits of the job
// description stay as they are (they change through the section routes).
func (s *Server) apiUpdatePosition(w http.ResponseWriter, r *http.Request) {
	ws, a, pos, ok := s.positionStart(w, r)
	if !ok {
		return
	}
	var in PositionInput
	if !httpx.ReadJSON(w, r, &in, `{"title": "…", "standard_code": "…", "card": 0, "revision": 1}`) {
		return
	}
	s.act(w, r, a.HR(), http.StatusOK, func() (any, error) {
		up := in.position(a.Org.ID)
		up.ID, up.Edits, up.Demo = pos.ID, pos.Edits, pos.Demo
		return ws.UpdatePosition(r.Context(), service.RecActor(r), up)
	})
}

// GET /api/v1/orgs/{org}/positions/{position}/job-description?lang=&format=
func (s *Server) apiPositionDescription(w http.ResponseWriter, r *http.Request) {
	_, _, pos, ok := s.positionStart(w, r)
	if !ok {
		return
	}
	q := httpx.NewQuery(r)
	lang := q.OneOf("lang", "kk", "ru")
	format := q.OneOf("format", jobDescriptionFormats...)
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	cards := service.NewCards(r.Context(), s.Reg)
	if st := cards.Standard(pos.Standard, pos.Version); lang == "" && st != nil {
		lang = jobdesc.LanguageFor(st, pos.Card, i18n.RequestLang(r))
	}
	if lang == "" {
		lang = "kk" // no text, or the standard is gone: WFPositionView says so
	}
	v, err := s.WFPositionView(r, pos, lang, cards)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	if format == "" || format == "json" {
		httpx.WriteJSON(w, r, http.StatusOK, v)
		return
	}
	s.writeDescription(w, r, *v.Description, format, "position-"+itoa(pos.ID)+"-"+lang)
}

// PUT /api/v1/orgs/{org}/positions/{position}/job-description/{lang}/{section} (HR)
func (s *Server) apiEditSection(w http.ResponseWriter, r *http.Request) {
	ws, a, pos, ok := s.positionStart(w, r)
	if !ok {
		return
	}
	var in SectionInput
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	if in.Lines == nil {
		in.Lines = []string{}
	}
	s.editSection(w, r, ws, a, pos, in.Lines)
}

// DELETE /api/v1/orgs/{org}/positions/{position}/job-description/{lang}/{section} (HR):
// back to the standard's wording.
func (s *Server) apiRevertSection(w http.ResponseWriter, r *http.Request) {
	ws, a, pos, ok := s.positionStart(w, r)
	if ok {
		s.editSection(w, r, ws, a, pos, nil)
	}
}

func (s *Server) editSection(w http.ResponseWriter, r *http.Request, ws workforce.Store, a service.OrgAccess, pos workforce.Position, lines []string) {
	lang := r.PathValue("lang")
	if lang != "kk" && lang != "ru" {
		httpx.BadParam(w, r, &httpx.ParamError{Name: "lang", Reason: "must be kk or ru"})
		return
	}
	err := service.Refuse(a.HR())
	if err == nil {
		pos, err = s.WFEditSection(r, ws, pos, lang, r.PathValue("section"), lines)
	}
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	v, err := s.WFPositionView(r, pos, lang, nil)
	s.answer(w, r, http.StatusOK, v, err)
}

// POST /api/v1/orgs/{org}/positions/{position}/upgrade (HR): to the
// latest version of the standard, keeping the edits.
func (s *Server) apiUpgradePosition(w http.ResponseWriter, r *http.Request) {
	ws, a, pos, ok := s.positionStart(w, r)
	if !ok {
		return
	}
	err := service.Refuse(a.HR())
	if err == nil {
		pos, err = s.WFUpgradePosition(r, ws, pos)
	}
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	v, err := s.WFPositionView(r, pos, "", nil)
	s.answer(w, r, http.StatusOK, v, err)
}

// GET /api/v1/orgs/{org}/employees: those the caller sees (HR all, a
// head their unit's, an employee themselves).
func (s *Server) apiListEmployees(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	q := httpx.NewQuery(r)
	unit := q.Str("unit")
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	es, err := ws.ListEmployees(r.Context(), a.Org.ID, unit)
	es = slices.DeleteFunc(es, func(e workforce.Employee) bool { return !a.Sees(e) })
	s.answer(w, r, http.StatusOK, List[workforce.Employee]{Items: httpx.NonNilSlice(es)}, err)
}

func (in EmployeeInput) employee(orgID int64) workforce.Employee {
	return workforce.Employee{OrgID: orgID, Name: strings.TrimSpace(in.Name), Unit: strings.TrimSpace(in.Unit), PositionID: in.PositionID,
		UserID: in.UserID, CandidateID: in.CandidateID}
}

// POST /api/v1/orgs/{org}/employees (HR)
func (s *Server) apiCreateEmployee(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	var in EmployeeInput
	if !httpx.ReadJSON(w, r, &in, `{"name": "…", "unit": "…", "position_id": 1}`) {
		return
	}
	s.act(w, r, a.HR(), http.StatusCreated, func() (any, error) {
		return ws.CreateEmployee(r.Context(), service.RecActor(r), in.employee(a.Org.ID))
	})
}

// GET /api/v1/orgs/{org}/employees/{employee}: the record, the assessment
// against the position's card, and the plan.
func (s *Server) apiGetEmployee(w http.ResponseWriter, r *http.Request) {
	ws, a, e, ok := s.employeeStart(w, r)
	if !ok {
		return
	}
	v, err := s.WFPerson(r, ws, a, e, nil)
	s.answer(w, r, http.StatusOK, v, err)
}

// PUT /api/v1/orgs/{org}/employees/{employee} (HR)
func (s *Server) apiUpdateEmployee(w http.ResponseWriter, r *http.Request) {
	ws, a, e, ok := s.employeeStart(w, r)
	if !ok {
		return
	}
	var in EmployeeInput
	if !httpx.ReadJSON(w, r, &in, `{"name": "…", "unit": "…", "position_id": 1}`) {
		return
	}
	s.act(w, r, a.HR(), http.StatusOK, func() (any, error) {
		up := in.employee(a.Org.ID)
		up.ID, up.Demo = e.ID, e.Demo
		return ws.UpdateEmployee(r.Context(), service.RecActor(r), up)
	})
}

// POST /api/v1/orgs/{org}/employees/{employee}/ratings: the employee gives
// their own levels (self), the manager theirs (manager) and evidence.
func (s *Server) apiRate(w http.ResponseWriter, r *http.Request) {
	ws, a, e, ok := s.employeeStart(w, r)
	if !ok {
		return
	}
	var in RatingsInput
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	if err := service.WFMayRate(a, e, in.Ratings); err != nil {
		s.RecProblem(w, r, err)
		return
	}
	if _, err := ws.Rate(r.Context(), service.RecActor(r), e.ID, in.Ratings); err != nil {
		s.RecProblem(w, r, err)
		return
	}
	v, err := s.WFPerson(r, ws, a, e, nil)
	s.answer(w, r, http.StatusOK, v, err)
}

// GET /api/v1/orgs/{org}/gaps?unit=&format=json|csv|xlsx
func (s *Server) apiGaps(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	q := httpx.NewQuery(r)
	unit := q.Str("unit")
	format := q.OneOf("format", "json", "csv", "xlsx")
	lang := q.OneOf("lang", "kk", "ru", "en")
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	an, err := s.WFAnalysis(r, ws, a, unit, nil)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	if format == "" || format == "json" {
		httpx.WriteJSON(w, r, http.StatusOK, an)
		return
	}
	s.writeReport(w, r, format, "gaps-"+itoa(a.Org.ID), func(b *strings.Builder) error {
		return service.WriteGaps(b, an, format, s.reportLang(r, lang))
	})
}

// GET /api/v1/orgs/{org}/gaps/heatmap.svg?unit=&position=
func (s *Server) apiHeatMap(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	q := httpx.NewQuery(r)
	unit := q.Str("unit")
	position := int64(q.IntRange("position", 0, 1, 1<<31-1))
	lang := q.OneOf("lang", "kk", "ru", "en")
	rows := q.IntRange("rows", service.HeatMapRows, 1, 5000)
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	an, err := s.WFAnalysis(r, ws, a, unit, nil)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	svg, err := service.HeatMaps(an, position, s.reportLang(r, lang), rows)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(svg))
}

// reportLang is the language of an export: asked, else the request's.
func (s *Server) reportLang(r *http.Request, asked string) string {
	if asked != "" {
		return asked
	}
	return i18n.RequestLang(r)
}

// writeReport answers with a CSV, XLSX or PDF file written by write.
func (s *Server) writeReport(w http.ResponseWriter, r *http.Request, format, name string, write func(*strings.Builder) error) {
	var b strings.Builder
	if err := write(&b); err != nil {
		httpx.InternalError(w, r, err)
		return
	}
	writeFile(w, service.ReportContentType(format), name+"."+format, []byte(b.String()))
}

// GET /api/v1/orgs/{org}/actions?employee=: the plans the caller sees,
// overdue actions first.
func (s *Server) apiListActions(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	q := httpx.NewQuery(r)
	emp := int64(q.IntRange("employee", 0, 1, 1<<31-1))
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	v, _, err := s.WFPlans(r, ws, a, emp)
	s.answer(w, r, http.StatusOK, List[service.PlanRow]{Items: v}, err)
}

func (in ActionInput) action(orgID int64) (workforce.Action, error) {
	a := workforce.Action{OrgID: orgID, EmployeeID: in.EmployeeID, Kind: in.Kind, Title: in.Title, Items: in.Items,
		OwnerUserID: in.OwnerUserID, Status: in.Status, Progress: in.Progress, ProgrammeID: in.ProgrammeID, Note: in.Note, Revision: in.Revision}
	if strings.TrimSpace(in.Due) != "" {
		d, err := time.Parse(time.DateOnly, strings.TrimSpace(in.Due))
		if err != nil {
			return a, workforce.Refuse(workforce.ErrInvalid, "workforce.action_due")
		}
		a.Due = d
	}
	return a, nil
}

// POST /api/v1/orgs/{org}/actions (the employee's manager)
func (s *Server) apiAddAction(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	var in ActionInput
	if !httpx.ReadJSON(w, r, &in, `{"employee_id": 1, "kind": "training", "title": "…", "items": ["cards[0].functions[0].skills[0]"], "due": "2027-03-01"}`) {
		return
	}
	act, err := in.action(a.Org.ID)
	if err == nil {
		var e workforce.Employee
		if e, err = s.WFEmployee(r, ws, a, in.EmployeeID); err == nil {
			if err = service.Refuse(a.Manages(e)); err == nil {
				act, err = ws.AddAction(r.Context(), service.RecActor(r), act)
			}
		}
	}
	s.answer(w, r, http.StatusCreated, act, err)
}

// PUT /api/v1/orgs/{org}/actions/{action}: the manager changes anything;
// the employee reports status and progress of their own.
func (s *Server) apiUpdateAction(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	id, ok := pathID(w, r, "action")
	if !ok {
		return
	}
	var in ActionInput
	if !httpx.ReadJSON(w, r, &in, `{"status": "in_progress", "progress": 50, "revision": 1}`) {
		return
	}
	cur, e, err := s.WFAction(r, ws, a, id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	up, err := in.action(a.Org.ID)
	if err == nil {
		up, err = service.WFActionUpdate(a, e, cur, up)
	}
	if err == nil {
		up, err = ws.UpdateAction(r.Context(), service.RecActor(r), up)
	}
	s.answer(w, r, http.StatusOK, up, err)
}

// GET /api/v1/orgs/{org}/programmes (members)
func (s *Server) apiListEduProgrammes(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	s.act(w, r, a.Staff(), http.StatusOK, func() (any, error) {
		ps, err := ws.ListEduProgrammes(r.Context(), a.Org.ID)
		return List[workforce.EduProgramme]{Items: httpx.NonNilSlice(ps)}, err
	})
}

func (in EduProgrammeInput) programme(orgID int64) workforce.EduProgramme {
	return workforce.EduProgramme{OrgID: orgID, Speciality: strings.TrimSpace(in.Speciality), Title: strings.TrimSpace(in.Title),
		Qualification: strings.TrimSpace(in.Qualification), Cards: in.Cards, Modules: in.Modules, Revision: in.Revision}
}

// POST /api/v1/orgs/{org}/programmes (HR, methodologist)
func (s *Server) apiCreateEduProgramme(w http.ResponseWriter, r *http.Request) {
	ws, a, ok := s.orgStart(w, r)
	if !ok {
		return
	}
	var in EduProgrammeInput
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	err := service.Refuse(a.EditsProgrammes() && a.Org.Kind == workforce.KindEducation)
	var pr workforce.EduProgramme
	if err == nil {
		pr, err = ws.CreateEduProgramme(r.Context(), service.RecActor(r), in.programme(a.Org.ID))
	}
	s.answer(w, r, http.StatusCreated, pr, err)
}

// GET /api/v1/orgs/{org}/programmes/{programme}
func (s *Server) apiGetEduProgramme(w http.ResponseWriter, r *http.Request) {
	if _, _, pr, ok := s.eduStart(w, r); ok {
		httpx.WriteJSON(w, r, http.StatusOK, pr)
	}
}

// PUT /api/v1/orgs/{org}/programmes/{programme} (HR, methodologist)
func (s *Server) apiUpdateEduProgramme(w http.ResponseWriter, r *http.Request) {
	ws, a, pr, ok := s.eduStart(w, r)
	if !ok {
		return
	}
	var in EduProgrammeInput
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	err := service.Refuse(a.EditsProgrammes())
	if err == nil {
		up := in.programme(a.Org.ID)
		up.ID, up.Demo = pr.ID, pr.Demo
		pr, err = ws.UpdateEduProgramme(r.Context(), service.RecActor(r), up)
	}
	s.answer(w, r, http.StatusOK, pr, err)
}

// GET /api/v1/orgs/{org}/programmes/{programme}/coverage?format=json|xlsx|pdf
func (s *Server) apiEduCoverage(w http.ResponseWriter, r *http.Request) {
	_, _, pr, ok := s.eduStart(w, r)
	if !ok {
		return
	}
	q := httpx.NewQuery(r)
	format := q.OneOf("format", "json", "xlsx", "pdf")
	lang := q.OneOf("lang", "kk", "ru", "en")
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	m := s.WFCoverage(r, pr)
	if format == "" || format == "json" {
		httpx.WriteJSON(w, r, http.StatusOK, service.NewMatrixView(m))
		return
	}
	s.writeReport(w, r, format, "coverage-"+itoa(pr.ID), func(b *strings.Builder) error {
		return service.WriteCoverage(b, m, format, s.reportLang(r, lang))
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
