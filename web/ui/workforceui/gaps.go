package workforceui

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/workforce"
	"github.com/kasip/kasip/workforce/report"
)

// ---- the gap analysis ----

// topRow is one of the top gaps.
type topRow struct {
	G           workforce.ItemGap
	Position    string
	PositionURL string
	Mean        string
}

// heatMap is the heat map of one position's staff.
type heatMap struct {
	ID          string // for the heading's id
	Position    string
	PositionURL string
	CardTitle   kasip.Text
	People      int
	SVG         template.HTML // written (and escaped inside) by package report
}

type gapsData struct {
	wfOrgPage
	A         workforce.Analysis
	Top       []topRow
	Maps      []heatMap
	Unplaced  []employeeRow
	Units     []page.UIOption
	Unit      string
	Downloads []download
	Filter    bool // the caller may choose the unit (HR)
}

// GET /orgs/{org}/gaps?unit=: the gap analysis of the staff the caller
// sees (HR: the organisation's or a unit's; a head: their unit's).
func (s *Server) uiGaps(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgStart(r)
	if err != nil {
		return err
	}
	lang := i18n.RequestLang(r)
	unit := r.URL.Query().Get("unit")
	if !a.Org.HasUnit(unit) {
		unit = ""
	}
	cards := service.NewCards(r.Context(), s.Reg)
	an, err := s.WFAnalysis(r, ws, a, unit, cards)
	if err != nil {
		return s.pageError(r, err)
	}
	d := &gapsData{wfOrgPage: s.orgPage(r, a, orgURL(a.Org.ID)+"/gaps", nil, i18n.Translate(lang, "Gap analysis"), nil), A: an, Unit: an.Unit}
	own, _ := a.Unit()
	d.Filter = own == ""
	d.Units = unitOptions(a.Org, an.Unit)
	titles := map[int64]string{}
	for i := range an.Blocks {
		b := &an.Blocks[i]
		titles[b.Position.ID] = b.Position.Title
		if c, ok := cards.Card(b.Position); ok {
			b.Card, _ = page.UIPick(c.Title, lang)
		}
	}
	for _, b := range an.Blocks {
		hm := heatMap{ID: itoa(b.Position.ID), Position: b.Position.Title, PositionURL: positionURL(a.Org.ID, b.Position.ID),
			People: len(b.People), SVG: template.HTML(report.HeatMapSVG(b, lang, service.HeatMapRows))}
		if c, ok := cards.Card(b.Position); ok {
			hm.CardTitle = c.Title
		}
		d.Maps = append(d.Maps, hm)
	}
	for _, g := range an.Top {
		d.Top = append(d.Top, topRow{G: g, Position: titles[g.Position], PositionURL: positionURL(a.Org.ID, g.Position),
			Mean: strconv.FormatFloat(g.MeanLevel, 'f', 1, 64)})
	}
	for _, e := range an.Unplaced {
		d.Unplaced = append(d.Unplaced, employeeRow{E: e, URL: employeeURL(a.Org.ID, e.ID)})
	}
	for _, f := range strings.Fields("csv xlsx") {
		q := url.Values{"format": {f}, "lang": {lang}}
		if an.Unit != "" {
			q.Set("unit", an.Unit)
		}
		d.Downloads = append(d.Downloads, download{Label: strings.ToUpper(f), URL: "/api/v1/orgs/" + itoa(a.Org.ID) + "/gaps?" + q.Encode()})
	}
	return s.UIRender(w, r, http.StatusOK, "wf_gaps", d)
}

// ---- the plans ----

type plansData struct {
	wfOrgPage
	Rows     []actionRow
	Statuses []page.UIOption
	Status   string
	Overdue  int
	All      int
}

// GET /orgs/{org}/plans?status=: every action the caller sees, overdue
// first.
func (s *Server) uiPlans(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgStart(r)
	if err != nil {
		return err
	}
	return s.plansPage(w, r, ws, a, nil)
}

func (s *Server) plansPage(w http.ResponseWriter, r *http.Request, ws workforce.Store, a service.OrgAccess, fail *wfFailure) error {
	lang := i18n.RequestLang(r)
	status := r.URL.Query().Get("status")
	if !slices.Contains(workforce.ActionStatuses(), status) {
		status = ""
	}
	q := url.Values{}
	if status != "" {
		q.Set("status", status)
	}
	d := &plansData{wfOrgPage: s.orgPage(r, a, orgURL(a.Org.ID)+"/plans", q, i18n.Translate(lang, "Development plans"), fail), Status: status}
	d.Statuses = options(statusNames, lang, status)
	plans, an, err := s.WFPlans(r, ws, a, 0)
	if err != nil {
		return s.pageError(r, err)
	}
	es, err := ws.ListEmployees(r.Context(), a.Org.ID, "")
	if err != nil {
		return err
	}
	people := map[int64]workforce.Employee{}
	for _, e := range es {
		people[e.ID] = e
	}
	codes := map[int64]map[string]string{}
	for id, p := range an {
		m := map[string]string{}
		for _, it := range p.Items {
			m[it.Path] = it.Code
		}
		codes[id] = m
	}
	d.All = len(plans)
	var shown []service.PlanRow
	for _, p := range plans {
		if p.Overdue {
			d.Overdue++
		}
		if status == "" || p.Status == status {
			shown = append(shown, p)
		}
	}
	if d.Rows, err = s.actionRows(r, a, shown, people, codes, nil, fail); err != nil {
		return err
	}
	return s.UIRender(w, r, pageStatus(fail), "wf_plans", d)
}
