package workforceui

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/jobdesc"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/workforce"
)

// ---- a new position ----

// cardOption is a card of a standard to bind to.
type cardOption struct {
	Index    int // 0-based
	N        int // 1-based, as people count them
	Title    kasip.Text
	Level    int
	Selected bool
}

// cardPick is the standard and card chosen on a form that binds to a
// card: the code typed, then the cards of that standard to choose from.
type cardPick struct {
	Code, Version string
	Card          int // 0-based
	Cards         []cardOption
	StdTitle      kasip.Text
	StdURL        string
	Missing       bool // the code names no standard of the registry
}

// pickCard reads code, version and card ("" for none) and lists the cards
// of that standard version.
func (s *Server) pickCard(r *http.Request, code, version, card string) cardPick {
	p := cardPick{Code: strings.TrimSpace(code), Version: strings.TrimSpace(version)}
	p.Card, _ = strconv.Atoi(strings.TrimSpace(card))
	if p.Code == "" {
		return p
	}
	st, err := s.Reg.Standard(r.Context(), p.Code, p.Version)
	if err != nil {
		p.Missing = true
		return p
	}
	p.Code, p.StdTitle, p.StdURL = st.Code, st.Title, page.UIStandardURL(st.Code, p.Version)
	for i := range st.Cards {
		p.Cards = append(p.Cards, cardOption{Index: i, N: i + 1, Title: st.Cards[i].Title, Level: st.Cards[i].Level, Selected: i == p.Card})
	}
	return p
}

type positionNewData struct {
	wfOrgPage
	Pick      cardPick
	Title     string
	Units     []page.UIOption
	Levels    []levelOption
	Detailed  bool
	CardTitle string // the default title: the chosen card's
}

// GET /orgs/{org}/positions/new?code=&version=&card= (HR): a position
// from a card.
func (s *Server) uiNewPosition(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgStart(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	return s.newPositionPage(w, r, ws, a, q.Get("code"), q.Get("version"), q.Get("card"), nil)
}

func (s *Server) newPositionPage(w http.ResponseWriter, r *http.Request, _ workforce.Store, a service.OrgAccess, code, version, card string, fail *wfFailure) error {
	if !a.HR() {
		return s.pageError(r, service.ErrRefused)
	}
	lang := i18n.RequestLang(r)
	q := url.Values{"code": {code}, "version": {version}, "card": {card}}
	d := &positionNewData{wfOrgPage: s.orgPage(r, a, orgURL(a.Org.ID)+"/positions/new", q, i18n.Translate(lang, "New position"), fail),
		Pick: s.pickCard(r, code, version, card)}
	required := workforce.LevelIndependent
	if fail != nil {
		d.Title, d.Detailed = d.Form.Get("title"), d.Form.Get("detailed") == "on"
		required = formInt(r, "required", required)
	}
	for _, c := range d.Pick.Cards {
		if c.Selected {
			d.CardTitle, _ = page.UIPick(c.Title, lang)
		}
	}
	if d.Title == "" {
		d.Title = d.CardTitle
	}
	d.Units = unitOptions(a.Org, d.Form.Get("unit"))
	d.Levels = levelOptions(lang, workforce.LevelAware, required)
	return s.UIRender(w, r, pageStatus(fail), "wf_position_new", d)
}

// POST /orgs/{org}/positions (HR)
func (s *Server) uiCreatePosition(w http.ResponseWriter, r *http.Request) error {
	ws, a, err := s.orgForm(w, r)
	if err != nil {
		return err
	}
	f := r.PostFormValue
	card, cerr := strconv.Atoi(strings.TrimSpace(f("card")))
	if cerr != nil {
		card = -1
	}
	pos := workforce.Position{OrgID: a.Org.ID, Title: strings.TrimSpace(f("title")), Unit: strings.TrimSpace(f("unit")),
		Standard: strings.TrimSpace(f("code")), Version: strings.TrimSpace(f("version")), Card: card,
		Required: formInt(r, "required", 0), Detailed: f("detailed") == "on"}
	if pos.Title == "" { // the card's title, in the page's language
		for _, c := range s.pickCard(r, pos.Standard, pos.Version, f("card")).Cards {
			if c.Index == card {
				pos.Title, _ = page.UIPick(c.Title, i18n.RequestLang(r))
			}
		}
	}
	err = service.Refuse(a.HR())
	if err == nil {
		pos, err = ws.CreatePosition(r.Context(), service.RecActor(r), pos)
	}
	return s.settle(w, r, err, "position", func(fail *wfFailure) error {
		return s.newPositionPage(w, r, ws, a, f("code"), f("version"), f("card"), fail)
	}, positionURL(a.Org.ID, pos.ID), "position")
}

// ---- a position and its job description ----

// lineView is a line of the job description with where it comes from.
type lineView struct {
	jobdesc.Line
	From []sourceView
}

// sourceView is an item of the standard a line states.
type sourceView struct {
	Where string // in words: "Card 2 › Labour function 1 › Skill 3 › Title"
	Path  string // the model path
	URL   string // the card page
}

// sectionView is a section of the description with its state and, for
// HR, the form to rewrite it.
type sectionView struct {
	Key, Title string
	Lines      []lineView
	Edited     bool
	Outdated   bool
	Generated  []lineView // the standard's wording of an edited section
	Text       string     // the lines as the textarea shows them
	Action     string     // where the edit posts
	Err        string
}

// changeView is a change of the card in a newer version.
type changeView struct {
	kasip.Change
	Where   string
	KindKey string // message key
	OldHTML template.HTML
	NewHTML template.HTML
}

type positionData struct {
	wfOrgPage
	P          workforce.Position
	V          service.PositionView
	DescLang   string   // the description's language
	DescLangs  []string // the languages it can be written in
	DescLinks  []page.UIOption
	Downloads  []download
	Sections   []sectionView
	Changes    []changeView
	CardURL    string
	NewCardURL string
	CardTitle  kasip.Text
	LevelName  string
	Employees  []employeeRow
	Generated  bool            // the standard is demo data
	Units      []page.UIOption // for HR's edit form
	Levels     []levelOption
}

// download is a file to download.
type download struct {
	Label, URL, Lang string
}

// GET /orgs/{org}/positions/{position}?desc=kk|ru: the job description in
// the UI language when it is Kazakh or Russian (else the first the card
// has), desc choosing another.
func (s *Server) uiPosition(w http.ResponseWriter, r *http.Request) error {
	ws, a, pos, err := s.positionStart(r)
	if err != nil {
		return err
	}
	return s.positionPage(w, r, ws, a, pos, r.URL.Query().Get("desc"), nil)
}

// positionStart reads the {position} of the organisation.
func (s *Server) positionStart(r *http.Request) (workforce.Store, service.OrgAccess, workforce.Position, error) {
	ws, a, err := s.orgStart(r)
	if err != nil {
		return nil, a, workforce.Position{}, err
	}
	id, err := pathID(r, "position")
	if err != nil {
		return nil, a, workforce.Position{}, err
	}
	pos, err := s.WFPosition(r, ws, a, id)
	if err != nil {
		return nil, a, pos, s.pageError(r, err)
	}
	return ws, a, pos, nil
}

func (s *Server) positionPage(w http.ResponseWriter, r *http.Request, ws workforce.Store, a service.OrgAccess, pos workforce.Position, desc string, fail *wfFailure) error {
	lang := i18n.RequestLang(r)
	cards := service.NewCards(r.Context(), s.Reg)
	st := cards.Standard(pos.Standard, pos.Version)
	if st == nil {
		return fmt.Errorf("position %d: standard %s version %s: %w", pos.ID, pos.Standard, pos.Version, kasip.ErrNotFound)
	}
	langs := jobdesc.LanguagesOf(st, pos.Card)
	desc = jobdesc.LanguageFor(st, pos.Card, desc, lang)
	v, err := s.WFPositionView(r, pos, desc, cards)
	if err != nil {
		return err
	}
	base := positionURL(a.Org.ID, pos.ID)
	q := url.Values{}
	if desc != "" {
		q.Set("desc", desc)
	}
	d := &positionData{wfOrgPage: s.orgPage(r, a, base, q, pos.Title, fail), P: pos, V: v, DescLang: desc, DescLangs: langs,
		CardURL: page.UICardURL(pos.Standard, pos.Version, pos.Card+1), LevelName: workforce.LevelName(lang, pos.Required),
		Generated: st.Generated, Units: unitOptions(a.Org, pos.Unit), Levels: levelOptions(lang, workforce.LevelAware, pos.Required)}
	if pos.Card < len(st.Cards) {
		d.CardTitle = st.Cards[pos.Card].Title
	}
	for _, l := range langs {
		d.DescLinks = append(d.DescLinks, page.UIOption{Value: l, Label: page.UILangName(l, lang), Selected: l == desc})
		for _, f := range jobdesc.Files {
			d.Downloads = append(d.Downloads, download{Label: strings.ToUpper(f), Lang: l,
				URL: "/api/v1/orgs/" + itoa(a.Org.ID) + "/positions/" + itoa(pos.ID) + "/job-description?" + url.Values{"lang": {l}, "format": {f}}.Encode()})
		}
	}
	if v.Description != nil {
		sources := func(ls []jobdesc.Line) []lineView {
			out := make([]lineView, len(ls))
			for i, l := range ls {
				out[i] = lineView{Line: l, From: sourceViews(l.Sources, pos, lang)}
			}
			return out
		}
		for i, sec := range v.Description.Sections {
			sv := sectionView{Key: sec.Key, Title: sec.Title, Lines: sources(sec.Lines),
				Action: base + "/sections/" + desc + "/" + url.PathEscape(sec.Key)}
			if i < len(v.Sections) && v.Sections[i].Edited {
				sv.Edited, sv.Outdated, sv.Generated = true, v.Sections[i].Outdated, sources(v.Sections[i].Generated)
			}
			texts := make([]string, len(sec.Lines))
			for j, l := range sec.Lines {
				texts[j] = l.Text
			}
			sv.Text = strings.Join(texts, "\n")
			if fail != nil && fail.Form == "section-"+sec.Key {
				sv.Err, sv.Text = fail.Msg, d.Form.Get("lines")
			}
			d.Sections = append(d.Sections, sv)
		}
	}
	if v.Latest != "" {
		d.NewCardURL = page.UICardURL(pos.Standard, v.Latest, pos.Card+1)
	}
	for _, c := range v.Changes {
		cv := changeView{Change: c, Where: page.UIHumanPath(c.Path, lang), KindKey: nameOf(changeKindNames, c.Kind)}
		if c.Kind == kasip.ChangeChanged {
			cv.OldHTML, cv.NewHTML = page.WordDiff(c.Old, c.New)
		}
		d.Changes = append(d.Changes, cv)
	}
	es, err := ws.ListEmployees(r.Context(), a.Org.ID, "")
	if err != nil {
		return err
	}
	for _, e := range es {
		if e.PositionID == pos.ID && a.Sees(e) {
			d.Employees = append(d.Employees, employeeRow{E: e, URL: employeeURL(a.Org.ID, e.ID)})
		}
	}
	return s.UIRender(w, r, pageStatus(fail), "wf_position", d)
}

var changeKindNames = [][2]string{
	{"added", "added"},
	{"removed", "removed"},
	{"changed", "changed"},
}

// sourceViews say which items of the standard a line states: its sources
// are JSON pointers into the standard's model ("/cards/1/functions/0/title").
func sourceViews(ptrs []string, pos workforce.Position, lang string) []sourceView {
	var out []sourceView
	for _, p := range ptrs {
		path := pointerPath(p)
		sv := sourceView{Path: path, Where: page.UIHumanPath(path, lang)}
		if m := page.UIPathCardRe.FindStringSubmatch(path); m != nil {
			n, _ := strconv.Atoi(m[1])
			sv.URL = page.UICardURL(pos.Standard, pos.Version, n+1)
		}
		out = append(out, sv)
	}
	return out
}

// pointerPath turns a JSON pointer into a model path:
// "/cards/1/functions/0/title" → "cards[1].functions[0].title".
func pointerPath(ptr string) string {
	var b strings.Builder
	for _, step := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		step = strings.ReplaceAll(strings.ReplaceAll(step, "~1", "/"), "~0", "~")
		if _, err := strconv.Atoi(step); err == nil && b.Len() > 0 {
			b.WriteString("[" + step + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(step)
	}
	return b.String()
}

// positionAct runs a change of {position} posted from its page (HR only).
func (s *Server) positionAct(w http.ResponseWriter, r *http.Request, form, done string,
	change func(ws workforce.Store, pos workforce.Position) (workforce.Position, error)) error {
	ws, a, pos, err := s.positionStart(r)
	if err != nil {
		return err
	}
	if err := readForm(w, r); err != nil {
		return err
	}
	desc := r.PathValue("lang")
	err = service.Refuse(a.HR())
	if err == nil {
		if rev := formInt(r, "revision", 0); rev > 0 {
			pos.Revision = rev // a form sent after someone else saved is stale
		}
		var changed workforce.Position
		if changed, err = change(ws, pos); err == nil {
			pos = changed
		}
	}
	if err != nil {
		fail, perr := s.fail(r, form, err)
		if perr != nil {
			return perr
		}
		cur, gerr := s.WFPosition(r, ws, a, pos.ID) // as stored now
		if gerr != nil {
			return s.pageError(r, gerr)
		}
		return s.positionPage(w, r, ws, a, cur, desc, fail)
	}
	u := positionURL(a.Org.ID, pos.ID)
	if desc != "" {
		return redirect(w, r, u+"?desc="+url.QueryEscape(desc)+"#sec-"+r.PathValue("section"), done)
	}
	return redirect(w, r, u, done)
}

// POST /orgs/{org}/positions/{position}/sections/{lang}/{section} (HR):
// the section's lines, one clause a line.
func (s *Server) uiEditSection(w http.ResponseWriter, r *http.Request) error {
	return s.positionAct(w, r, "section-"+r.PathValue("section"), "section", func(ws workforce.Store, pos workforce.Position) (workforce.Position, error) {
		lang := r.PathValue("lang")
		if !slices.Contains(jobdesc.Languages, lang) {
			return pos, workforce.Refuse(workforce.ErrInvalid, "workforce.edit_section", "section", lang+"/"+r.PathValue("section"))
		}
		lines := strings.Split(strings.ReplaceAll(r.PostFormValue("lines"), "\r\n", "\n"), "\n")
		return s.WFEditSection(r, ws, pos, lang, r.PathValue("section"), lines)
	})
}

// POST /orgs/{org}/positions/{position}/sections/{lang}/{section}/revert
// (HR): back to the standard's wording.
func (s *Server) uiRevertSection(w http.ResponseWriter, r *http.Request) error {
	return s.positionAct(w, r, "section-"+r.PathValue("section"), "reverted", func(ws workforce.Store, pos workforce.Position) (workforce.Position, error) {
		lang := r.PathValue("lang")
		if !slices.Contains(jobdesc.Languages, lang) {
			return pos, workforce.Refuse(workforce.ErrInvalid, "workforce.edit_section", "section", lang+"/"+r.PathValue("section"))
		}
		return s.WFEditSection(r, ws, pos, lang, r.PathValue("section"), nil)
	})
}

// POST /orgs/{org}/positions/{position}/upgrade (HR): to the latest
// version of the standard, keeping the edits.
// POST /orgs/{org}/positions/{position} (HR): the title, unit, required
// level and whether abilities and knowledge are assessed; the card, its
// version and the edits of the description stay.
func (s *Server) uiUpdatePosition(w http.ResponseWriter, r *http.Request) error {
	return s.positionAct(w, r, "edit-position", "position-updated", func(ws workforce.Store, pos workforce.Position) (workforce.Position, error) {
		pos.Title, pos.Unit = strings.TrimSpace(r.PostFormValue("title")), strings.TrimSpace(r.PostFormValue("unit"))
		pos.Required, pos.Detailed = formInt(r, "required", pos.Required), r.PostFormValue("detailed") != ""
		return ws.UpdatePosition(r.Context(), service.RecActor(r), pos)
	})
}

func (s *Server) uiUpgradePosition(w http.ResponseWriter, r *http.Request) error {
	return s.positionAct(w, r, "upgrade", "upgraded", func(ws workforce.Store, pos workforce.Position) (workforce.Position, error) {
		return s.WFUpgradePosition(r, ws, pos)
	})
}
