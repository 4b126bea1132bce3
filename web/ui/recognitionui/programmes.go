package recognitionui

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui/page"
)

// The pages of qualification programmes: the public list (choosing a
// profession and a centre), the administrator's approvals, the manager's
// programme builder, a programme's page with its bank, and the coverage
// report.

func recProgrammeUIRoutes() []page.UIRoute {
	get, post := http.MethodGet, http.MethodPost
	manager, admin := session.Roles(auth.RoleManager), session.Roles(auth.RoleAdmin)
	return []page.UIRoute{
		{Method: get, Path: "/recognition/programmes", Access: session.Public, Page: pageOf((*Server).uiRecProgrammes)},
		{Method: get, Path: "/recognition/approvals", Access: admin, Page: pageOf((*Server).uiRecApprovals)},
		{Method: get, Path: "/recognition/programmes/new", Access: manager, Page: pageOf((*Server).uiRecNewProgramme)},
		{Method: post, Path: "/recognition/programmes", Access: manager, Page: pageOf((*Server).uiRecCreateProgramme)},
		{Method: get, Path: "/recognition/programmes/{id}", Access: session.Public, Page: pageOf((*Server).uiRecProgramme)},
		{Method: get, Path: "/recognition/programmes/{id}/edit", Access: manager, Page: pageOf((*Server).uiRecEditProgramme)},
		{Method: post, Path: "/recognition/programmes/{id}", Access: manager, Page: pageOf((*Server).uiRecUpdateProgramme)},
		{Method: get, Path: "/recognition/programmes/{id}/coverage", Access: session.Public, Page: pageOf((*Server).uiRecCoverage)},
		{Method: post, Path: "/recognition/programmes/{id}/questions", Access: manager, Page: pageOf((*Server).uiRecAddQuestion)},
		{Method: post, Path: "/recognition/programmes/{id}/questions/{entry}/remove", Access: manager, Page: pageOf((*Server).uiRecRemoveQuestion)},
		{Method: post, Path: "/recognition/programmes/{id}/tasks", Access: manager, Page: pageOf((*Server).uiRecAddTask)},
		{Method: post, Path: "/recognition/programmes/{id}/tasks/{entry}/remove", Access: manager, Page: pageOf((*Server).uiRecRemoveTask)},
		{Method: post, Path: "/recognition/programmes/{id}/submit", Access: manager, Page: pageOf((*Server).uiRecSubmitProgramme)},
		{Method: post, Path: "/recognition/programmes/{id}/versions", Access: manager, Page: pageOf((*Server).uiRecNewVersion)},
		{Method: post, Path: "/recognition/programmes/{id}/approve", Access: admin, Page: pageOf((*Server).uiRecApproveProgramme)},
		{Method: post, Path: "/recognition/programmes/{id}/return", Access: admin, Page: pageOf((*Server).uiRecReturnProgramme)},
		{Method: post, Path: "/recognition/programmes/{id}/retire", Access: session.Roles(auth.RoleAdmin, auth.RoleManager), Page: pageOf((*Server).uiRecRetireProgramme)},
		{Method: post, Path: "/recognition/programmes/{id}/apply", Access: session.Roles(auth.RoleCandidate), Page: pageOf((*Server).uiRecApply)},
	}
}

func uiRecProgrammeURL(id int64) string {
	return "/recognition/programmes/" + strconv.FormatInt(id, 10)
}

// uiRecProgRow is a programme in a list.
type uiRecProgRow struct {
	ID              int64
	URL             string
	Title           kasip.Text
	StandardCode    string
	StandardVersion string
	CardN           int // 1-based
	Level           int
	Version         int
	Status          string
	StatusName      string
	CentreName      kasip.Text
	CentreURL       string
}

func uiRecProgRowOf(p recognition.Programme, c recognition.Centre) uiRecProgRow {
	return uiRecProgRow{ID: p.ID, URL: uiRecProgrammeURL(p.ID), Title: p.Title, StandardCode: p.StandardCode,
		StandardVersion: p.StandardVersion, CardN: p.Card + 1, Level: p.Level, Version: p.Version, Status: p.Status,
		StatusName: i18n.UIRecProgrammeStatusName(p.Status), CentreName: c.Name, CentreURL: uiRecCentreURL(c.ID)}
}

// ---- lists ----

type uiRecProgrammesData struct {
	UIRecPage
	Rows        []uiRecProgRow
	Professions []page.UIOption
	Centres     []page.UIOption
	Approvals   bool // the administrator's list of programmes awaiting approval
	Filtered    bool
}

// GET /recognition/programmes?profession=CODE|CARD&centre=ID
func (s *Server) uiRecProgrammes(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecProgrammeList(w, r, false)
}

// GET /recognition/approvals (administrator)
func (s *Server) uiRecApprovals(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecProgrammeList(w, r, true)
}

func (s *Server) uiRecProgrammeList(w http.ResponseWriter, r *http.Request, approvals bool) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	lang, q := i18n.RequestLang(r), r.URL.Query()
	title, nav, status := "Qualification programmes", "recognition", recognition.ProgrammeApproved
	if approvals {
		title, nav, status = "Programmes to approve", "approvals", recognition.ProgrammeSubmitted
	}
	d := &uiRecProgrammesData{UIRecPage: s.RecPage(r, r.URL.Path, nil, i18n.Translate(lang, title), nav, nil), Approvals: approvals}
	profession, centre := q.Get("profession"), q.Get("centre")
	d.Filtered = profession != "" || centre != ""
	code, cardText, _ := strings.Cut(profession, "|")
	card, err := strconv.Atoi(cardText)
	if profession != "" && err != nil {
		return httpx.UIBadRequest(fmt.Sprintf(i18n.Translate(lang, "The parameter “%s” is not valid: %s."), "profession", "CODE|CARD"))
	}
	centreID, _ := strconv.ParseInt(centre, 10, 64)
	progs, err := rs.ListProgrammes(r.Context(), recognition.ProgrammeFilter{Status: status, StandardCode: code, CentreID: centreID})
	if err != nil {
		return err
	}
	centres, err := rs.ListCentres(r.Context())
	if err != nil {
		return err
	}
	byID := map[int64]recognition.Centre{}
	for _, c := range centres {
		byID[c.ID] = c
		name, _ := page.UIPick(c.Name, lang)
		d.Centres = append(d.Centres, page.UIOption{Value: strconv.FormatInt(c.ID, 10), Label: name, Selected: c.ID == centreID})
	}
	for _, p := range progs {
		if profession == "" || p.Card == card {
			d.Rows = append(d.Rows, uiRecProgRowOf(p, byID[p.CentreID]))
		}
	}
	if d.Professions, err = s.uiRecProfessionOptions(r, rs, profession); err != nil {
		return err
	}
	return s.UIRender(w, r, http.StatusOK, "rec_programmes", d)
}

// ---- the units of a card, for the forms ----

// uiRecUnitView is a unit of a card with its items, for ticking units and
// linking questions and tasks.
type uiRecUnitView struct {
	Path         string
	Title        kasip.Text
	Recognizable bool
	Mandatory    bool
	Selected     bool
	Abilities    []recognition.Ref
	Knowledge    []recognition.Ref
}

// uiRecUnits lists the units of card (number cardIndex), those in
// selected ticked.
func uiRecUnits(card *kasip.Card, cardIndex int, selected []string) []uiRecUnitView {
	var out []uiRecUnitView
	for _, u := range recognition.Units(card, cardIndex) {
		out = append(out, uiRecUnitView{Path: u.Path, Title: u.Title, Recognizable: u.IsRecognizable(), Mandatory: u.Mandatory,
			Selected: slices.Contains(selected, u.Path), Abilities: u.Abilities, Knowledge: u.Knowledge})
	}
	return out
}

// uiRecCard loads card (0-based) of a standard version.
func (s *Server) uiRecCard(r *http.Request, code, version string, card int) (*kasip.Card, error) {
	st, err := s.Reg.Standard(r.Context(), code, version)
	if err != nil {
		return nil, err
	}
	if card < 0 || card >= len(st.Cards) {
		return nil, fmt.Errorf("standard %s version %s has no card %d: %w", code, version, card+1, kasip.ErrNotFound)
	}
	return &st.Cards[card], nil
}

// uiRecCompForm is a component on the programme form.
type uiRecCompForm struct {
	Kind, Name string
	On         bool
	Threshold  int
	Format     string
	Equipment  string
	Minutes    int
	Units      []string
}

// uiRecCompForms are the three components, filled from comps.
func uiRecCompForms(comps []recognition.Component) []uiRecCompForm {
	var out []uiRecCompForm
	for _, kind := range []string{recognition.ComponentTheory, recognition.ComponentPractice, recognition.ComponentPortfolio} {
		f := uiRecCompForm{Kind: kind, Name: i18n.UIRecComponentName(kind), Format: recognition.FormatOffline}
		for _, c := range comps {
			if c.Kind == kind {
				f.On, f.Threshold, f.Format, f.Equipment, f.Minutes, f.Units = true, c.Threshold, c.Format, c.Equipment, c.Minutes, c.Units
			}
		}
		out = append(out, f)
	}
	return out
}

// uiRecProgrammeForm reads the programme form: title, whole, units and
// components.
func uiRecProgrammeForm(r *http.Request) (recognition.Programme, error) {
	f := r.PostFormValue
	p := recognition.Programme{Title: kasip.Text{}, Whole: f("whole") == "on", Units: r.PostForm["unit"]}
	for _, l := range []string{"kk", "ru", "en"} {
		if v := strings.TrimSpace(f("title_" + l)); v != "" {
			p.Title[l] = v
		}
	}
	level, err := strconv.Atoi(strings.TrimSpace(f("level")))
	if err != nil {
		return p, service.RecErr(kasip.ErrInvalid, "form.level")
	}
	p.Level = level
	if p.Whole {
		p.Units = nil // all of them (recognition.Programme.Normalize)
	}
	for _, kind := range []string{recognition.ComponentTheory, recognition.ComponentPractice, recognition.ComponentPortfolio} {
		if f("comp_"+kind) != "on" {
			continue
		}
		c := recognition.Component{Kind: kind, Format: f(kind + "_format"), Equipment: strings.TrimSpace(f(kind + "_equipment")),
			Units: r.PostForm[kind+"_units"]}
		var err1, err2 error
		c.Threshold, err1 = uiRecAtoi(f(kind + "_threshold"))
		c.Minutes, err2 = uiRecAtoi(f(kind + "_minutes"))
		if err1 != nil || err2 != nil {
			return p, service.RecErr(kasip.ErrInvalid, "form.component_numbers", "component", kind)
		}
		p.Components = append(p.Components, c)
	}
	return p, nil
}

// uiRecAtoi reads a whole number; "" is 0.
func uiRecAtoi(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	return strconv.Atoi(s)
}

// ---- the programme builder ----

type uiRecNewData struct {
	UIRecPage
	Action     string          // where the form posts
	Editing    bool            // a draft's units and components, not a new programme
	Back       string          // the draft's page
	Picks      []page.UIOption // standard|version|card the centre may assess
	Pick       string
	Code       string
	Version    string
	Card       int // 0-based
	CardN      int
	CardTitle  kasip.Text
	CardURL    string
	Level      int
	Units      []uiRecUnitView
	Components []uiRecCompForm
	Whole      bool
	TitleKK    string
	TitleRU    string
}

// GET /recognition/programmes/new?pick=CODE|VERSION|CARD (manager): first
// the card, from the centre's accreditation scope; then the units and
// components.
func (s *Server) uiRecNewProgramme(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecNewPage(w, r, r.URL.Query().Get("pick"), nil)
}

func (s *Server) uiRecNewPage(w http.ResponseWriter, r *http.Request, pick string, fail *UIRecFailure) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	lang := i18n.RequestLang(r)
	d := &uiRecNewData{UIRecPage: s.RecPage(r, "/recognition/programmes/new", url.Values{"pick": {pick}}, i18n.Translate(lang, "New qualification programme"), "my-centre", fail), Pick: pick,
		Action: "/recognition/programmes"}
	if d.Picks, err = s.uiRecPicks(r, rs, pick); err != nil {
		return err
	}
	if pick == "" {
		return s.UIRender(w, r, UIRecStatus(fail), "rec_programme_new", d)
	}
	code, version, card, ok := uiRecParsePick(pick)
	if !ok {
		return httpx.UIBadRequest(fmt.Sprintf(i18n.Translate(lang, "The parameter “%s” is not valid: %s."), "pick", "CODE|VERSION|CARD"))
	}
	c, err := s.uiRecCard(r, code, version, card)
	if err != nil {
		return err
	}
	d.Code, d.Version, d.Card, d.CardN, d.CardTitle, d.Level = code, version, card, card+1, c.Title, c.Level
	d.CardURL = page.UICardURL(code, version, card+1)
	d.Whole = true
	d.TitleKK, d.TitleRU = c.Title["kk"], c.Title["ru"]
	selected := []string{}
	comps := []recognition.Component{{Kind: recognition.ComponentTheory, Format: recognition.FormatOnline, Minutes: 60},
		{Kind: recognition.ComponentPractice, Format: recognition.FormatOffline, Minutes: 90}}
	if fail != nil {
		prog, _ := uiRecProgrammeForm(r)
		d.Whole, selected, comps = prog.Whole, prog.Units, prog.Components
		d.TitleKK, d.TitleRU = prog.Title["kk"], prog.Title["ru"]
	}
	d.Units, d.Components = uiRecUnits(c, card, selected), uiRecCompForms(comps)
	return s.UIRender(w, r, UIRecStatus(fail), "rec_programme_new", d)
}

func uiRecParsePick(pick string) (code, version string, card int, ok bool) {
	parts := strings.Split(pick, "|")
	if len(parts) != 3 {
		return "", "", 0, false
	}
	n, err := strconv.Atoi(parts[2])
	if err != nil || n < 0 {
		return "", "", 0, false
	}
	return parts[0], parts[1], n, true
}

// uiRecPicks lists the cards the manager's centre may build programmes
// for: every version of the standards in its accreditations in force,
// each card the scope covers.
func (s *Server) uiRecPicks(r *http.Request, rs recognition.Store, selected string) ([]page.UIOption, error) {
	ctx, lang := r.Context(), i18n.RequestLang(r)
	c, err := rs.GetCentre(ctx, session.Principal(r).CentreID)
	if err != nil {
		return nil, err
	}
	set, err := rs.RecognitionSettings(ctx)
	if err != nil {
		return nil, err
	}
	var out []page.UIOption
	seen := map[string]bool{}
	for _, a := range c.Accreditations {
		if a.StatusAt(s.Opt.Now(), set) != recognition.AccreditationActive {
			continue
		}
		for _, e := range a.Scope {
			vs, err := s.Reg.Versions(ctx, e.StandardCode)
			if err != nil {
				continue // a scope may name a standard not imported yet
			}
			for _, v := range vs {
				st, err := s.Reg.Standard(ctx, e.StandardCode, v.Version)
				if err != nil {
					return nil, err
				}
				for i := range st.Cards {
					card := &st.Cards[i]
					val := fmt.Sprintf("%s|%s|%d", e.StandardCode, v.Version, i)
					if seen[val] || !e.Matches(e.StandardCode, card, i, card.Level) {
						continue
					}
					seen[val] = true
					title, _ := page.UIPick(card.Title, lang)
					out = append(out, page.UIOption{Value: val, Selected: val == selected, Label: fmt.Sprintf("%s %s %s — %s %d: %s (%s %d)",
						e.StandardCode, i18n.Translate(lang, "version"), v.Version, i18n.Translate(lang, "Card"), i+1, title, i18n.Translate(lang, "level"), card.Level)})
				}
			}
		}
	}
	return out, nil
}

// POST /recognition/programmes (manager)
func (s *Server) uiRecCreateProgramme(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.uiRecStoreForm(w, r)
	if err != nil {
		return err
	}
	pick := r.PostFormValue("pick")
	code, version, card, ok := uiRecParsePick(pick)
	if !ok {
		return httpx.UIBadRequest(i18n.Translate(i18n.RequestLang(r), "The form could not be read."))
	}
	prog, err := uiRecProgrammeForm(r)
	var created recognition.Programme
	if err == nil {
		in := service.ProgrammeInput{StandardCode: code, StandardVersion: version, Card: card, Level: prog.Level, Title: prog.Title,
			Whole: prog.Whole, Units: prog.Units, Components: prog.Components}
		created, err = s.RecCreateProgramme(r, rs, in)
	}
	if err != nil {
		fail, perr := s.UIRecFail(r, "programme", err)
		if perr != nil {
			return perr
		}
		return s.uiRecNewPage(w, r, pick, fail)
	}
	return UIRecRedirect(w, r, uiRecProgrammeURL(created.ID), "created")
}

// ---- a programme ----

// uiRecBankRow is a question or task of the bank.
type uiRecBankRow struct {
	ID    int64
	Text  kasip.Text
	Extra kasip.Text // a task's criteria
	Links []string   // "path — text" of what it tests
	N     int        // choices of a question
}

type uiRecProgrammeData struct {
	UIRecPage
	P          recognition.Programme
	Row        uiRecProgRow
	CardTitle  kasip.Text
	CardURL    string
	Units      []uiRecUnitView
	Components []uiRecCompForm
	UnitTitles map[string]kasip.Text
	Bank       bool
	Questions  []uiRecBankRow
	Tasks      []uiRecBankRow
	Coverage   service.CoverageView
	Author     string
	Approver   string
	Manager    bool // the centre's manager
	Admin      bool
	Editable   bool // a draft its manager may change
	// A candidate may apply: registered (else a link to register), with
	// their valid unused vouchers to choose from.
	Candidate  bool
	Registered bool
	Vouchers   []page.UIOption
	// PlanAction is the recognition action of the candidate's development
	// plan the application is filed from (?plan_action=), carried by the
	// form; 0 for none.
	PlanAction int64
}

// GET /recognition/programmes/{id}
func (s *Server) uiRecProgramme(w http.ResponseWriter, r *http.Request) error {
	id, err := UIPathID(r, "id")
	if err != nil {
		return err
	}
	return s.uiRecProgrammePage(w, r, id, nil)
}

func (s *Server) uiRecProgrammePage(w http.ResponseWriter, r *http.Request, id int64, fail *UIRecFailure) error {
	d, err := s.uiRecProgrammeData(r, id, fail)
	if err != nil {
		return err
	}
	return s.UIRender(w, r, UIRecStatus(fail), "rec_programme", d)
}

func (s *Server) uiRecProgrammeData(r *http.Request, id int64, fail *UIRecFailure) (*uiRecProgrammeData, error) {
	rs, err := s.RecStore()
	if err != nil {
		return nil, s.UIRecPageError(r, err)
	}
	prog, err := s.RecProgrammeFor(r, rs, id)
	if err != nil {
		return nil, s.UIRecPageError(r, err)
	}
	c, err := rs.GetCentre(r.Context(), prog.CentreID)
	if err != nil {
		return nil, err
	}
	card, err := s.uiRecCard(r, prog.StandardCode, prog.StandardVersion, prog.Card)
	if err != nil {
		return nil, err
	}
	lang, p := i18n.RequestLang(r), session.Principal(r)
	title, _ := page.UIPick(prog.Title, lang)
	d := &uiRecProgrammeData{UIRecPage: s.RecPage(r, uiRecProgrammeURL(id), nil, title, "recognition", fail), P: prog, Row: uiRecProgRowOf(prog, c),
		CardTitle: card.Title, CardURL: page.UICardURL(prog.StandardCode, prog.StandardVersion, prog.Card+1),
		Units: uiRecUnits(card, prog.Card, prog.Units), Components: uiRecCompForms(prog.Components),
		UnitTitles: map[string]kasip.Text{}, Bank: service.SeesBank(p, prog), Manager: service.IsCentreManager(p, prog.CentreID),
		Admin: p.Is(auth.RoleAdmin), Candidate: p.Is(auth.RoleCandidate), Registered: p.CandidateID != 0}
	d.Editable = d.Manager && prog.Status == recognition.ProgrammeDraft
	d.PlanAction, _ = strconv.ParseInt(r.URL.Query().Get("plan_action"), 10, 64)
	if fail != nil {
		d.PlanAction = uiFormID(r, "plan_action")
	}
	if d.Admin && prog.Status == recognition.ProgrammeSubmitted {
		d.Nav = "approvals"
	}
	for _, u := range d.Units {
		d.UnitTitles[u.Path] = u.Title
	}
	names := s.RecNamer(r)
	d.Author = names.Name(prog.AuthorUserID)
	if prog.ApprovedBy != 0 {
		d.Approver = names.Name(prog.ApprovedBy)
	}
	if d.Bank {
		d.uiRecFillBank(card)
		d.Coverage.Report = recognition.Coverage(card, prog)
		d.Coverage.Complete = d.Coverage.Report.Complete()
	}
	if d.Candidate && d.Registered && prog.Status == recognition.ProgrammeApproved {
		if d.Vouchers, err = s.uiRecVoucherOptions(r, rs); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// uiRecFillBank describes the bank's questions and tasks with the items
// they test.
func (d *uiRecProgrammeData) uiRecFillBank(card *kasip.Card) {
	link := func(path string) string {
		ref, err := recognition.Resolve(card, d.P.Card, path)
		if err != nil {
			return path
		}
		return path + " — " + ref.Text.Best()
	}
	for _, q := range d.P.Questions {
		row := uiRecBankRow{ID: q.ID, Text: q.Text, N: len(q.Choices)}
		for _, k := range q.Knowledge {
			row.Links = append(row.Links, link(k))
		}
		d.Questions = append(d.Questions, row)
	}
	for _, t := range d.P.Tasks {
		row := uiRecBankRow{ID: t.ID, Text: t.Text, Extra: t.Criteria}
		for _, a := range append(slices.Clone(t.Abilities), t.Units...) {
			row.Links = append(row.Links, link(a))
		}
		d.Tasks = append(d.Tasks, row)
	}
}

// uiRecVoucherOptions lists the caller's vouchers that are valid and
// unused.
func (s *Server) uiRecVoucherOptions(r *http.Request, rs recognition.Store) ([]page.UIOption, error) {
	vs, err := rs.Vouchers(r.Context(), session.Principal(r).CandidateID)
	if err != nil {
		return nil, err
	}
	lang := i18n.RequestLang(r)
	var out []page.UIOption
	for _, v := range vs {
		if v.ApplicationID == 0 && v.Valid(s.Opt.Now()) {
			out = append(out, page.UIOption{Value: strconv.FormatInt(v.ID, 10),
				Label: fmt.Sprintf(i18n.Translate(lang, "Voucher No. %d, valid until %s"), v.ID, uiRecTime(v.ExpiresAt, lang))})
		}
	}
	return out, nil
}

// uiRecProgrammeAct runs a change on programme {id} posted from its page;
// done is the notice, next the programme to go to (0: the same).
func (s *Server) uiRecProgrammeAct(w http.ResponseWriter, r *http.Request, form, done string,
	change func(rs recognition.Store, prog recognition.Programme) (next int64, err error)) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	id, err := UIPathID(r, "id")
	if err != nil {
		return err
	}
	if err := page.UIReadForm(w, r); err != nil {
		return err
	}
	prog, err := s.RecProgrammeFor(r, rs, id)
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	next, err := change(rs, prog)
	if err != nil {
		fail, perr := s.UIRecFail(r, form, err)
		if perr != nil {
			return perr
		}
		return s.uiRecProgrammePage(w, r, id, fail)
	}
	if next == 0 {
		next = id
	}
	return UIRecRedirect(w, r, uiRecProgrammeURL(next), done)
}

// managed runs change only for the programme's manager.
func managed(r *http.Request, change func(rs recognition.Store, prog recognition.Programme) (int64, error)) func(recognition.Store, recognition.Programme) (int64, error) {
	return func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		if !service.IsCentreManager(session.Principal(r), prog.CentreID) {
			return 0, service.ErrRefused
		}
		return change(rs, prog)
	}
}

// GET /recognition/programmes/{id}/edit (manager): the builder's form
// for a draft's units and components.
func (s *Server) uiRecEditProgramme(w http.ResponseWriter, r *http.Request) error {
	id, err := UIPathID(r, "id")
	if err != nil {
		return err
	}
	return s.uiRecEditPage(w, r, id, nil)
}

func (s *Server) uiRecEditPage(w http.ResponseWriter, r *http.Request, id int64, fail *UIRecFailure) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	prog, err := s.RecProgrammeFor(r, rs, id)
	if err == nil && !service.IsCentreManager(session.Principal(r), prog.CentreID) {
		err = service.ErrRefused
	}
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	card, err := s.uiRecCard(r, prog.StandardCode, prog.StandardVersion, prog.Card)
	if err != nil {
		return err
	}
	lang := i18n.RequestLang(r)
	d := &uiRecNewData{UIRecPage: s.RecPage(r, uiRecProgrammeURL(id)+"/edit", nil, i18n.Translate(lang, "Edit the draft"), "my-centre", fail), Editing: true,
		Action: uiRecProgrammeURL(id), Back: uiRecProgrammeURL(id), Code: prog.StandardCode, Version: prog.StandardVersion,
		Card: prog.Card, CardN: prog.Card + 1, CardTitle: card.Title, CardURL: page.UICardURL(prog.StandardCode, prog.StandardVersion, prog.Card+1),
		Level: prog.Level, Whole: prog.Whole, TitleKK: prog.Title["kk"], TitleRU: prog.Title["ru"]}
	units, comps := prog.Units, prog.Components
	if fail != nil {
		in, _ := uiRecProgrammeForm(r)
		d.Whole, units, comps, d.TitleKK, d.TitleRU = in.Whole, in.Units, in.Components, in.Title["kk"], in.Title["ru"]
	}
	d.Units, d.Components = uiRecUnits(card, prog.Card, units), uiRecCompForms(comps)
	return s.UIRender(w, r, UIRecStatus(fail), "rec_programme_new", d)
}

// POST /recognition/programmes/{id} (manager): the draft's units and
// components; a failure shows the form again.
func (s *Server) uiRecUpdateProgramme(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	id, err := UIPathID(r, "id")
	if err != nil {
		return err
	}
	if err := page.UIReadForm(w, r); err != nil {
		return err
	}
	prog, err := s.RecProgrammeFor(r, rs, id)
	if err == nil && !service.IsCentreManager(session.Principal(r), prog.CentreID) {
		err = service.ErrRefused
	}
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	in, err := uiRecProgrammeForm(r)
	if err == nil {
		_, err = rs.UpdateProgrammeDraft(r.Context(), service.RecActor(r), id, in)
	}
	if err != nil {
		fail, perr := s.UIRecFail(r, "programme", err)
		if perr != nil {
			return perr
		}
		return s.uiRecEditPage(w, r, id, fail)
	}
	return UIRecRedirect(w, r, uiRecProgrammeURL(id), "programme")
}

// POST /recognition/programmes/{id}/questions (manager)
func (s *Server) uiRecAddQuestion(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecProgrammeAct(w, r, "question", "question", managed(r, func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		q, err := uiRecQuestionForm(r)
		if err != nil {
			return 0, err
		}
		_, err = rs.AddQuestion(r.Context(), service.RecActor(r), prog.ID, q)
		return 0, err
	}))
}

// uiRecQuestionForm reads a question: its text, the choices (one a line)
// and the numbers of the correct ones (from 1), and the knowledge items.
func uiRecQuestionForm(r *http.Request) (recognition.Question, error) {
	q := recognition.Question{Text: uiRecText(r, "text"), Knowledge: r.PostForm["knowledge"]}
	for _, line := range strings.Split(r.PostFormValue("choices"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			q.Choices = append(q.Choices, kasip.Text{"kk": line})
		}
	}
	for _, f := range strings.FieldsFunc(r.PostFormValue("correct"), func(c rune) bool { return c == ',' || c == ' ' }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return q, service.RecErr(kasip.ErrInvalid, "form.correct", "value", f)
		}
		q.Correct = append(q.Correct, n-1)
	}
	return q, nil
}

// uiRecText reads a text in kk and ru from the fields name_kk and name_ru.
func uiRecText(r *http.Request, name string) kasip.Text {
	t := kasip.Text{}
	for _, l := range []string{"kk", "ru", "en"} {
		if v := strings.TrimSpace(r.PostFormValue(name + "_" + l)); v != "" {
			t[l] = v
		}
	}
	return t
}

// POST /recognition/programmes/{id}/tasks (manager)
func (s *Server) uiRecAddTask(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecProgrammeAct(w, r, "task", "task", managed(r, func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		t := recognition.Task{Text: uiRecText(r, "text"), Criteria: uiRecText(r, "criteria"),
			Abilities: r.PostForm["ability"], Units: r.PostForm["task_unit"]}
		_, err := rs.AddTask(r.Context(), service.RecActor(r), prog.ID, t)
		return 0, err
	}))
}

// POST /recognition/programmes/{id}/questions/{entry}/remove (manager)
func (s *Server) uiRecRemoveQuestion(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecRemoveEntry(w, r, recognition.Store.RemoveQuestion)
}

// POST /recognition/programmes/{id}/tasks/{entry}/remove (manager)
func (s *Server) uiRecRemoveTask(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecRemoveEntry(w, r, recognition.Store.RemoveTask)
}

func (s *Server) uiRecRemoveEntry(w http.ResponseWriter, r *http.Request, remove func(recognition.Store, context.Context, int64, int64, int64) error) error {
	return s.uiRecProgrammeAct(w, r, "bank", "removed", managed(r, func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		entry, err := UIPathID(r, "entry")
		if err != nil {
			return 0, service.ErrHidden
		}
		return 0, remove(rs, r.Context(), service.RecActor(r), prog.ID, entry)
	}))
}

// POST /recognition/programmes/{id}/submit (manager)
func (s *Server) uiRecSubmitProgramme(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecProgrammeAct(w, r, "submit", "submitted", managed(r, func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		_, err := rs.SubmitProgramme(r.Context(), service.RecActor(r), prog.ID)
		return 0, err
	}))
}

// POST /recognition/programmes/{id}/versions (manager)
func (s *Server) uiRecNewVersion(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecProgrammeAct(w, r, "version", "version", managed(r, func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		n, err := rs.NewProgrammeVersion(r.Context(), service.RecActor(r), prog.ID)
		return n.ID, err
	}))
}

// POST /recognition/programmes/{id}/approve (administrator)
func (s *Server) uiRecApproveProgramme(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecProgrammeAct(w, r, "review", "approved", func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		_, err := rs.ApproveProgramme(r.Context(), service.RecActor(r), prog.ID)
		return 0, err
	})
}

// POST /recognition/programmes/{id}/return (administrator)
func (s *Server) uiRecReturnProgramme(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecProgrammeAct(w, r, "review", "returned", func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		_, err := rs.ReturnProgramme(r.Context(), service.RecActor(r), prog.ID, r.PostFormValue("reason"))
		return 0, err
	})
}

// POST /recognition/programmes/{id}/retire (administrator, the centre's manager)
func (s *Server) uiRecRetireProgramme(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecProgrammeAct(w, r, "retire", "retired", func(rs recognition.Store, prog recognition.Programme) (int64, error) {
		if p := session.Principal(r); !p.Is(auth.RoleAdmin) && !service.IsCentreManager(p, prog.CentreID) {
			return 0, service.ErrRefused
		}
		_, err := rs.RetireProgramme(r.Context(), service.RecActor(r), prog.ID, r.PostFormValue("reason"))
		return 0, err
	})
}

// POST /recognition/programmes/{id}/apply (candidate)
func (s *Server) uiRecApply(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	id, err := UIPathID(r, "id")
	if err != nil {
		return err
	}
	if err := page.UIReadForm(w, r); err != nil {
		return err
	}
	if session.Principal(r).CandidateID == 0 {
		http.Redirect(w, r, "/recognition/me", http.StatusSeeOther)
		return nil
	}
	a, err := s.RecApply(r, rs, service.ApplyInput{ProgrammeID: id, Route: r.PostFormValue("route"), EmployerLogin: r.PostFormValue("employer_login"),
		EmployerName: r.PostFormValue("employer_name"), EmployerBIN: r.PostFormValue("employer_bin"), VoucherID: uiFormID(r, "voucher_id"),
		PlanAction: uiFormID(r, "plan_action")})
	if err != nil {
		fail, perr := s.UIRecFail(r, "apply", err)
		if perr != nil {
			return perr
		}
		return s.uiRecProgrammePage(w, r, id, fail)
	}
	return UIRecRedirect(w, r, uiRecApplicationURL(a.ID), "applied")
}

// ---- the coverage report ----

type uiRecCoverageData struct {
	UIRecPage
	P         recognition.Programme
	Row       uiRecProgRow
	Report    recognition.Report
	Complete  bool
	CanSubmit bool
}

// GET /recognition/programmes/{id}/coverage
func (s *Server) uiRecCoverage(w http.ResponseWriter, r *http.Request) error {
	id, err := UIPathID(r, "id")
	if err != nil {
		return err
	}
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	prog, err := s.RecProgrammeFor(r, rs, id)
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	rep, err := rs.ProgrammeCoverage(r.Context(), id)
	if err != nil {
		return err
	}
	c, err := rs.GetCentre(r.Context(), prog.CentreID)
	if err != nil {
		return err
	}
	lang := i18n.RequestLang(r)
	title, _ := page.UIPick(prog.Title, lang)
	d := &uiRecCoverageData{UIRecPage: s.RecPage(r, r.URL.Path, nil, i18n.Translate(lang, "Coverage report")+": "+title, "recognition", nil),
		P: prog, Row: uiRecProgRowOf(prog, c), Report: rep, Complete: rep.Complete(),
		CanSubmit: service.IsCentreManager(session.Principal(r), prog.CentreID) && prog.Status == recognition.ProgrammeDraft}
	return s.UIRender(w, r, http.StatusOK, "rec_coverage", d)
}
