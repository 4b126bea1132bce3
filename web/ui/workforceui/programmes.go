package workforceui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/workforce"
)

// The education programmes of an education provider: each aligned to
// cards of standards, its modules' learning outcomes naming the items of
// the cards they teach, and the coverage matrix that shows what no module
// teaches.

// cardRefView is a card a programme prepares for.
type cardRefView struct {
	workforce.CardRef
	N     int
	Title kasip.Text
	URL   string
}

// eduRow is a programme in the list.
type eduRow struct {
	P        workforce.EduProgramme
	URL      string
	Cards    []cardRefView
	Totals   workforce.MatrixCounts
	Complete bool
}

type edusData struct {
	wfOrgPage
	Rows     []eduRow
	CanEdit  bool
	NewURL   string
	NotStaff bool
}

// cardRefs describe a programme's cards.
func (s *Server) cardRefs(r *http.Request, cards *service.Cards, pr workforce.EduProgramme) []cardRefView {
	var out []cardRefView
	for _, c := range pr.Cards {
		v := cardRefView{CardRef: c, N: c.Card + 1, URL: page.UICardURL(c.Standard, c.Version, c.Card+1)}
		if st, ok := cards.Ref(c); ok && c.Card < len(st.Cards) {
			v.Title = st.Cards[c.Card].Title
		}
		out = append(out, v)
	}
	return out
}

// GET /orgs/{org}/programmes (members)
func (s *Server) uiEduProgrammes(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgStart(r)
	if err != nil {
		return err
	}
	if !a.Staff() {
		return s.pageError(r, service.ErrRefused)
	}
	lang := i18n.RequestLang(r)
	ps, err := ws.ListEduProgrammes(r.Context(), a.Org.ID)
	if err != nil {
		return err
	}
	d := &edusData{wfOrgPage: s.orgPage(r, a, orgURL(a.Org.ID)+"/programmes", nil, i18n.Translate(lang, "Education programmes"), nil),
		CanEdit: a.EditsProgrammes() && a.Org.Kind == workforce.KindEducation, NewURL: orgURL(a.Org.ID) + "/programmes/new"}
	cards := service.NewCards(r.Context(), s.Reg)
	for _, p := range ps {
		m := s.WFCoverage(r, p)
		t := m.Totals()
		d.Rows = append(d.Rows, eduRow{P: p, URL: eduURL(a.Org.ID, p.ID), Cards: s.cardRefs(r, cards, p), Totals: t,
			Complete: len(m.Uncovered) == 0})
	}
	return s.UIRender(w, r, http.StatusOK, "wf_programmes", d)
}

type eduNewData struct {
	wfOrgPage
	Pick cardPick
}

// GET /orgs/{org}/programmes/new?code=&version=&card= (HR, methodologist
// of an education provider)
func (s *Server) uiNewEduProgramme(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgStart(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	return s.newEduPage(w, r, ws, a, q.Get("code"), q.Get("version"), q.Get("card"), nil)
}

func (s *Server) newEduPage(w http.ResponseWriter, r *http.Request, _ workforce.Store, a service.OrgAccess, code, version, card string, fail *wfFailure) error {
	if !a.EditsProgrammes() || a.Org.Kind != workforce.KindEducation {
		return s.pageError(r, service.ErrRefused)
	}
	lang := i18n.RequestLang(r)
	q := url.Values{"code": {code}, "version": {version}, "card": {card}}
	d := &eduNewData{wfOrgPage: s.orgPage(r, a, orgURL(a.Org.ID)+"/programmes/new", q, i18n.Translate(lang, "New education programme"), fail),
		Pick: s.pickCard(r, code, version, card)}
	return s.UIRender(w, r, pageStatus(fail), "wf_programme_new", d)
}

// POST /orgs/{org}/programmes (HR, methodologist of an education provider)
func (s *Server) uiCreateEduProgramme(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgForm(w, r)
	if err != nil {
		return err
	}
	f := r.PostFormValue
	card, cerr := strconv.Atoi(strings.TrimSpace(f("card")))
	if cerr != nil {
		card = -1
	}
	pr := workforce.EduProgramme{OrgID: a.Org.ID, Speciality: strings.TrimSpace(f("speciality")), Title: strings.TrimSpace(f("title")),
		Qualification: strings.TrimSpace(f("qualification")), Modules: []workforce.Module{},
		Cards: []workforce.CardRef{{Standard: strings.TrimSpace(f("code")), Version: strings.TrimSpace(f("version")), Card: card}}}
	err = service.Refuse(a.EditsProgrammes() && a.Org.Kind == workforce.KindEducation)
	if err == nil {
		pr, err = ws.CreateEduProgramme(r.Context(), service.RecActor(r), pr)
	}
	return s.settle(w, r, err, "programme", func(fail *wfFailure) error {
		return s.newEduPage(w, r, ws, a, f("code"), f("version"), f("card"), fail)
	}, eduURL(a.Org.ID, pr.ID), "programme")
}

// ---- a programme ----

// outcomeView is a learning outcome with the items it teaches.
type outcomeView struct {
	workforce.Outcome
	Items   []matrixItem
	Flagged bool
}

// moduleView is a module with its outcomes.
type moduleView struct {
	I int
	workforce.Module
	Label    string // its code, else its number
	Outcomes []outcomeView
}

// matrixItem is an item of a card as the page names it.
type matrixItem struct {
	Standard, Path, Code, Kind, KindName string
	Title                                kasip.Text
}

// matrixRow is a row of the coverage matrix.
type matrixRow struct {
	workforce.Row
	KindName string
	Function bool
	Detail   bool // an ability or knowledge item
}

// itemGroup is a labour function with its items, for ticking what an
// outcome teaches.
type itemGroup struct {
	Function matrixItem
	Items    []itemBox
}

// itemBox is a checkbox of the outcome form.
type itemBox struct {
	matrixItem
	ID      string
	Value   string // standard|path
	Checked bool
	Detail  bool
}

// flaggedView is an outcome a newer version of a standard touches.
type flaggedView struct {
	Module  string
	Outcome string
	Item    string // in words
	Latest  string
	Changes []changeView
}

type eduData struct {
	wfOrgPage
	P         workforce.EduProgramme
	Cards     []cardRefView
	Modules   []moduleView
	M         workforce.Matrix
	Totals    workforce.MatrixCounts
	Rows      []matrixRow
	Uncovered []matrixRow
	Flagged   []flaggedView
	Groups    []itemGroup
	CanEdit   bool
	MultiCard bool
	Downloads []download
	ModOpts   []page.UIOption
}

// GET /orgs/{org}/programmes/{programme}
func (s *Server) uiEduProgramme(w http.ResponseWriter, r *http.Request) error {
	ws, a, pr, err := s.eduStart(r)
	if err != nil {
		return err
	}
	return s.eduPage(w, r, ws, a, pr, nil)
}

// eduStart reads the {programme} of the organisation.
func (s *Server) eduStart(r *http.Request) (workforce.Store, service.OrgAccess, workforce.EduProgramme, error) {
	ws, a, err := s.orgStart(r)
	if err != nil {
		return nil, a, workforce.EduProgramme{}, err
	}
	id, err := pathID(r, "programme")
	if err != nil {
		return nil, a, workforce.EduProgramme{}, err
	}
	pr, err := s.WFEduProgramme(r, ws, a, id)
	if err != nil {
		return nil, a, pr, s.pageError(r, err)
	}
	return ws, a, pr, nil
}

func (s *Server) eduPage(w http.ResponseWriter, r *http.Request, _ workforce.Store, a service.OrgAccess, pr workforce.EduProgramme, fail *wfFailure) error {
	lang := i18n.RequestLang(r)
	m := s.WFCoverage(r, pr)
	cards := service.NewCards(r.Context(), s.Reg)
	d := &eduData{wfOrgPage: s.orgPage(r, a, eduURL(a.Org.ID, pr.ID), nil, pr.Title, fail), P: pr, Cards: s.cardRefs(r, cards, pr),
		M: m, Totals: m.Totals(), CanEdit: a.EditsProgrammes(), MultiCard: len(pr.Cards) > 1}
	items := map[string]matrixItem{}
	picked := map[string]bool{}
	if fail != nil && fail.Form == "outcome" {
		for _, v := range d.Form["item"] {
			picked[v] = true
		}
	}
	n := 0
	for _, row := range m.Rows {
		mi := matrixItem{Standard: row.Standard, Path: row.Path, Code: row.Code, Kind: row.Kind, KindName: nameOf(itemKindNames, row.Kind), Title: row.Title}
		items[row.Standard+" "+row.Path] = mi
		mr := matrixRow{Row: row, KindName: mi.KindName, Function: row.Kind == "function", Detail: row.Kind == "ability" || row.Kind == "knowledge"}
		d.Rows = append(d.Rows, mr)
		n++
		box := itemBox{matrixItem: mi, ID: "oi-" + strconv.Itoa(n), Value: row.Standard + "|" + row.Path, Detail: mr.Detail}
		box.Checked = picked[box.Value]
		if mr.Function || len(d.Groups) == 0 {
			d.Groups = append(d.Groups, itemGroup{Function: mi})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Items = append(g.Items, box)
	}
	for _, row := range m.Uncovered {
		d.Uncovered = append(d.Uncovered, matrixRow{Row: row, KindName: nameOf(itemKindNames, row.Kind)})
	}
	flagged := map[[2]int]bool{}
	for _, f := range m.Flagged {
		flagged[[2]int{f.Module, f.Outcome}] = true
		fv := flaggedView{Latest: f.Latest, Item: page.UIHumanPath(f.Item.Path, lang)}
		if f.Module < len(pr.Modules) {
			mod := pr.Modules[f.Module]
			fv.Module = moduleLabel(mod, f.Module)
			if f.Outcome < len(mod.Outcomes) {
				fv.Outcome = mod.Outcomes[f.Outcome].Text
			}
		}
		if it, ok := items[f.Item.Standard+" "+f.Item.Path]; ok {
			t, _ := page.UIPick(it.Title, lang)
			fv.Item = it.Code + " " + t
		}
		for _, c := range f.Changes {
			cv := changeView{Change: c, Where: page.UIHumanPath(c.Path, lang), KindKey: nameOf(changeKindNames, c.Kind)}
			if c.Kind == kasip.ChangeChanged {
				cv.OldHTML, cv.NewHTML = page.WordDiff(c.Old, c.New)
			}
			fv.Changes = append(fv.Changes, cv)
		}
		d.Flagged = append(d.Flagged, fv)
	}
	for mi, mod := range pr.Modules {
		mv := moduleView{I: mi, Module: mod, Label: moduleLabel(mod, mi)}
		for oi, o := range mod.Outcomes {
			ov := outcomeView{Outcome: o, Flagged: flagged[[2]int{mi, oi}]}
			for _, it := range o.Items {
				if v, ok := items[it.Standard+" "+it.Path]; ok {
					ov.Items = append(ov.Items, v)
				} else {
					ov.Items = append(ov.Items, matrixItem{Standard: it.Standard, Path: it.Path, Code: it.Path})
				}
			}
			mv.Outcomes = append(mv.Outcomes, ov)
		}
		d.Modules = append(d.Modules, mv)
		d.ModOpts = append(d.ModOpts, page.UIOption{Value: strconv.Itoa(mi), Label: mv.Label + " " + mod.Title,
			Selected: d.Form.Get("module") == strconv.Itoa(mi)})
	}
	for _, f := range strings.Fields("xlsx pdf") {
		d.Downloads = append(d.Downloads, download{Label: strings.ToUpper(f),
			URL: "/api/v1/orgs/" + itoa(a.Org.ID) + "/programmes/" + itoa(pr.ID) + "/coverage?" + url.Values{"format": {f}, "lang": {lang}}.Encode()})
	}
	return s.UIRender(w, r, pageStatus(fail), "wf_programme", d)
}

// moduleLabel is a module's code, else its number.
func moduleLabel(m workforce.Module, i int) string {
	if c := strings.TrimSpace(m.Code); c != "" {
		return c
	}
	return strconv.Itoa(i + 1)
}

// eduAct changes {programme} by read-modify-write: change edits the
// programme read now, the form's revision says which one the page
// showed, so a change made meanwhile is refused as stale.
func (s *Server) eduAct(w http.ResponseWriter, r *http.Request, form, done, anchor string, change func(pr *workforce.EduProgramme) error) error {
	ws, a, pr, err := s.eduStart(r)
	if err != nil {
		return err
	}
	if err := readForm(w, r); err != nil {
		return err
	}
	err = service.Refuse(a.EditsProgrammes())
	if err == nil {
		pr.Revision = formInt(r, "revision", pr.Revision)
		err = change(&pr)
	}
	if err == nil {
		var up workforce.EduProgramme
		if up, err = ws.UpdateEduProgramme(r.Context(), service.RecActor(r), pr); err == nil {
			pr = up
		}
	}
	if err != nil {
		fail, perr := s.fail(r, form, err)
		if perr != nil {
			return perr
		}
		cur, gerr := s.WFEduProgramme(r, ws, a, pr.ID)
		if gerr != nil {
			return s.pageError(r, gerr)
		}
		return s.eduPage(w, r, ws, a, cur, fail)
	}
	return redirect(w, r, eduURL(a.Org.ID, pr.ID)+anchor, done)
}

// POST /orgs/{org}/programmes/{programme}/modules: a module (code, title,
// credits).
func (s *Server) uiAddModule(w http.ResponseWriter, r *http.Request) error {
	return s.eduAct(w, r, "module", "module", "#modules", func(pr *workforce.EduProgramme) error {
		f := r.PostFormValue
		pr.Modules = append(pr.Modules, workforce.Module{Code: strings.TrimSpace(f("code")), Title: strings.TrimSpace(f("title")),
			Credits: max(0, formInt(r, "credits", 0)), Outcomes: []workforce.Outcome{}})
		return nil
	})
}

// POST /orgs/{org}/programmes/{programme}/outcomes: a learning outcome of
// a module and the items of the cards it teaches (item=standard|path).
func (s *Server) uiAddOutcome(w http.ResponseWriter, r *http.Request) error {
	return s.eduAct(w, r, "outcome", "outcome", "#modules", func(pr *workforce.EduProgramme) error {
		f := r.PostFormValue
		mi, err := strconv.Atoi(strings.TrimSpace(f("module")))
		if err != nil || mi < 0 || mi >= len(pr.Modules) {
			return &formError{key: "Choose the module."}
		}
		o := workforce.Outcome{Code: strings.TrimSpace(f("code")), Text: strings.TrimSpace(f("text")), Items: []workforce.ItemRef{}}
		for _, v := range r.PostForm["item"] {
			code, path, ok := strings.Cut(v, "|")
			if !ok {
				return &formError{key: "The form could not be read."}
			}
			o.Items = append(o.Items, workforce.ItemRef{Standard: code, Path: path})
		}
		mods := append([]workforce.Module(nil), pr.Modules...)
		mods[mi].Outcomes = append(append([]workforce.Outcome(nil), mods[mi].Outcomes...), o)
		pr.Modules = mods
		return nil
	})
}
