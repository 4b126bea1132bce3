package recognitionui

import (
	"cmp"
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
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui/page"
)

// The overview of recognition, the centres (a centre's page is its
// manager's dashboard), the settings and the vouchers.

func recCentreUIRoutes() []page.UIRoute {
	return []page.UIRoute{
		{Method: http.MethodGet, Path: "/recognition", Access: session.Public, Page: pageOf((*Server).uiRecHub)},
		{Method: http.MethodPost, Path: "/recognition/vouchers", Access: session.Roles(auth.RoleAdmin), Page: pageOf((*Server).uiRecIssueVoucher)},
		{Method: http.MethodGet, Path: "/recognition/centres", Access: session.Public, Page: pageOf((*Server).uiRecCentres)},
		{Method: http.MethodPost, Path: "/recognition/centres", Access: session.Roles(auth.RoleAdmin), Page: pageOf((*Server).uiRecCreateCentre)},
		{Method: http.MethodGet, Path: "/recognition/centre", Access: session.Roles(auth.RoleManager, auth.RoleAssessor), Page: pageOf((*Server).uiRecMyCentre)},
		{Method: http.MethodGet, Path: "/recognition/centres/{id}", Access: session.Public, Page: pageOf((*Server).uiRecCentre)},
		{Method: http.MethodPost, Path: "/recognition/centres/{id}", Access: session.Roles(auth.RoleAdmin), Page: pageOf((*Server).uiRecUpdateCentre)},
		{Method: http.MethodPost, Path: "/recognition/centres/{id}/accreditations", Access: session.Roles(auth.RoleAdmin), Page: pageOf((*Server).uiRecAddAccreditation)},
		{Method: http.MethodPost, Path: "/recognition/centres/{id}/accreditations/{accreditation}/status", Access: session.Roles(auth.RoleAdmin), Page: pageOf((*Server).uiRecAccreditationStatus)},
		{Method: http.MethodPost, Path: "/recognition/centres/{id}/assessors", Access: session.Roles(auth.RoleAdmin, auth.RoleManager), Page: pageOf((*Server).uiRecAddAssessor)},
		{Method: http.MethodPost, Path: "/recognition/centres/{id}/assessors/{user}/remove", Access: session.Roles(auth.RoleAdmin, auth.RoleManager), Page: pageOf((*Server).uiRecRemoveAssessor)},
		{Method: http.MethodGet, Path: "/recognition/settings", Access: session.Roles(auth.RoleAdmin, auth.RoleManager), Page: pageOf((*Server).uiRecSettings)},
		{Method: http.MethodPost, Path: "/recognition/settings", Access: session.Roles(auth.RoleAdmin), Page: pageOf((*Server).uiRecSaveSettings)},
	}
}

// uiRecCentreRow is a centre in a list.
type uiRecCentreRow struct {
	ID         int64
	URL        string
	Name       kasip.Text
	Region     string
	Accredited bool
	Scope      []string
	Until      time.Time // the last day of the latest accreditation in force
}

// uiRecCentreRows lists the centres with what they may assess today.
func (s *Server) uiRecCentreRows(r *http.Request, rs recognition.Store) ([]uiRecCentreRow, recognition.Settings, error) {
	cs, err := rs.ListCentres(r.Context())
	if err != nil {
		return nil, recognition.Settings{}, err
	}
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		return nil, set, err
	}
	now := s.Opt.Now()
	out := make([]uiRecCentreRow, 0, len(cs))
	for _, c := range cs {
		v := service.NewCentreView(c, now, set, false)
		row := uiRecCentreRow{ID: c.ID, URL: uiRecCentreURL(c.ID), Name: c.Name, Region: c.Region, Accredited: v.Accredited}
		for _, a := range c.Accreditations {
			if a.StatusAt(now, set) != recognition.AccreditationActive {
				continue
			}
			for _, e := range a.Scope {
				row.Scope = append(row.Scope, i18n.UIScopeText(e, i18n.RequestLang(r)))
			}
			if a.To.After(row.Until) {
				row.Until = a.To
			}
		}
		out = append(out, row)
	}
	return out, set, nil
}

func uiRecCentreURL(id int64) string { return "/recognition/centres/" + strconv.FormatInt(id, 10) }

// ---- the overview ----

type uiRecHubData struct {
	UIRecPage
	Centres     []uiRecCentreRow
	Professions []page.UIOption // the cards that have an approved programme
	Role        string          // the caller's role, "" for the public
	CentreURL   string          // a manager's or assessor's centre
	Registered  bool            // a candidate with a candidate record
}

// GET /recognition
func (s *Server) uiRecHub(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecHubPage(w, r, nil)
}

func (s *Server) uiRecHubPage(w http.ResponseWriter, r *http.Request, fail *UIRecFailure) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	lang := i18n.RequestLang(r)
	d := &uiRecHubData{UIRecPage: s.RecPage(r, "/recognition", nil, i18n.Translate(lang, "Recognition of professional qualifications"), "recognition", fail)}
	if d.Centres, _, err = s.uiRecCentreRows(r, rs); err != nil {
		return err
	}
	if d.Professions, err = s.uiRecProfessionOptions(r, rs, ""); err != nil {
		return err
	}
	p := session.Principal(r)
	d.Role, d.Registered = string(p.Role), p.CandidateID != 0
	if p.CentreID != 0 {
		d.CentreURL = uiRecCentreURL(p.CentreID)
	}
	return s.UIRender(w, r, UIRecStatus(fail), "rec_hub", d)
}

// uiRecStatus is the status of a page: the failure's, else 200.
func UIRecStatus(fail *UIRecFailure) int {
	if fail != nil {
		return fail.Status
	}
	return http.StatusOK
}

// uiRecProfessionOptions lists the cards (standard and card) that have an
// approved programme, as "code|card" options for choosing a profession.
func (s *Server) uiRecProfessionOptions(r *http.Request, rs recognition.Store, selected string) ([]page.UIOption, error) {
	progs, err := rs.ListProgrammes(r.Context(), recognition.ProgrammeFilter{Status: recognition.ProgrammeApproved})
	if err != nil {
		return nil, err
	}
	lang := i18n.RequestLang(r)
	seen := map[string]bool{}
	var out []page.UIOption
	for _, p := range progs {
		v := p.StandardCode + "|" + strconv.Itoa(p.Card)
		if seen[v] {
			continue
		}
		seen[v] = true
		title, _ := page.UIPick(p.Title, lang)
		out = append(out, page.UIOption{Value: v, Label: fmt.Sprintf("%s — %s (%s %d)", title, p.StandardCode, i18n.Translate(lang, "level"), p.Level), Selected: v == selected})
	}
	slices.SortFunc(out, func(a, b page.UIOption) int { return cmp.Compare(a.Label, b.Label) })
	return out, nil
}

// POST /recognition/vouchers (administrator): issue a voucher to the
// candidate with the IIN.
func (s *Server) uiRecIssueVoucher(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.uiRecStoreForm(w, r)
	if err != nil {
		return err
	}
	c, err := rs.CandidateByIIN(r.Context(), r.PostFormValue("iin"))
	if err == nil {
		_, err = rs.IssueVoucher(r.Context(), service.RecActor(r), c.ID)
	}
	if err != nil {
		if errors.Is(err, kasip.ErrNotFound) {
			err = service.RecErr(kasip.ErrInvalid, "form.no_candidate")
		}
		fail, perr := s.UIRecFail(r, "voucher", err)
		if perr != nil {
			return perr
		}
		return s.uiRecHubPage(w, r, fail)
	}
	return UIRecRedirect(w, r, "/recognition", "voucher")
}

// ---- centres ----

type uiRecCentresData struct {
	UIRecPage
	Centres []uiRecCentreRow
	Admin   bool
}

// GET /recognition/centres
func (s *Server) uiRecCentres(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecCentresPage(w, r, nil)
}

func (s *Server) uiRecCentresPage(w http.ResponseWriter, r *http.Request, fail *UIRecFailure) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	d := &uiRecCentresData{UIRecPage: s.RecPage(r, "/recognition/centres", nil, i18n.Translate(i18n.RequestLang(r), "Recognition centres"), "recognition", fail),
		Admin: session.Principal(r).Is(auth.RoleAdmin)}
	if d.Centres, _, err = s.uiRecCentreRows(r, rs); err != nil {
		return err
	}
	return s.UIRender(w, r, UIRecStatus(fail), "rec_centres", d)
}

// uiRecCentreForm reads the fields of a centre's form.
func uiRecCentreForm(r *http.Request) recognition.Centre {
	f := r.PostFormValue
	name := kasip.Text{}
	for _, l := range []string{"kk", "ru", "en"} {
		if v := strings.TrimSpace(f("name_" + l)); v != "" {
			name[l] = v
		}
	}
	return recognition.Centre{Name: name, BIN: strings.TrimSpace(f("bin")), Region: strings.TrimSpace(f("region")),
		Contacts: recognition.Contacts{Address: strings.TrimSpace(f("address")), Phone: strings.TrimSpace(f("phone")),
			Email: strings.TrimSpace(f("email")), Website: strings.TrimSpace(f("website"))},
		Head: recognition.Head{Position: kasip.Text{"kk": f("head_position_kk"), "ru": f("head_position_ru")},
			Name: f("head_name")}.Normalized()}
}

// POST /recognition/centres (administrator)
func (s *Server) uiRecCreateCentre(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.uiRecStoreForm(w, r)
	if err != nil {
		return err
	}
	c, err := rs.CreateCentre(r.Context(), service.RecActor(r), uiRecCentreForm(r))
	if err != nil {
		fail, perr := s.UIRecFail(r, "create", err)
		if perr != nil {
			return perr
		}
		return s.uiRecCentresPage(w, r, fail)
	}
	return UIRecRedirect(w, r, uiRecCentreURL(c.ID), "centre")
}

// GET /recognition/centre: the manager's or assessor's own centre.
func (s *Server) uiRecMyCentre(w http.ResponseWriter, r *http.Request) error {
	http.Redirect(w, r, uiRecCentreURL(session.Principal(r).CentreID), http.StatusSeeOther)
	return nil
}

// uiRecAccRow is an accreditation on the centre's page.
type uiRecAccRow struct {
	A          recognition.Accreditation
	Status     string          // as of today
	StatusName string          // its message key
	Moves      []page.UIOption // the statuses an administrator may set
}

// uiRecUser is a user in a list or a choice.
type uiRecUser struct {
	ID   int64
	Name string
}

// uiRecCount is the number of applications in a state.
type uiRecCount struct {
	State, Name, URL string
	N                int
}

type uiRecCentreData struct {
	UIRecPage
	C              recognition.Centre
	Accredited     bool
	Accreditations []uiRecAccRow
	Programmes     []uiRecProgRow
	Admin, Manager bool // an administrator; the centre's manager
	Staff          bool // the centre's manager or assessor, or an administrator
	Assessors      []uiRecUser
	Addable        []uiRecUser // assessor accounts of the centre not yet assessors
	Counts         []uiRecCount
	NewProgramme   string // the programme builder, for the manager
}

// GET /recognition/centres/{id}
func (s *Server) uiRecCentre(w http.ResponseWriter, r *http.Request) error {
	id, err := UIPathID(r, "id")
	if err != nil {
		return err
	}
	return s.uiRecCentrePage(w, r, id, nil)
}

func (s *Server) uiRecCentrePage(w http.ResponseWriter, r *http.Request, id int64, fail *UIRecFailure) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	c, err := rs.GetCentre(r.Context(), id)
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		return err
	}
	lang, p := i18n.RequestLang(r), session.Principal(r)
	title, _ := page.UIPick(c.Name, lang)
	d := &uiRecCentreData{UIRecPage: s.RecPage(r, uiRecCentreURL(id), nil, title, "recognition", fail), C: c,
		Admin: p.Is(auth.RoleAdmin), Manager: service.IsCentreManager(p, id), Staff: service.SeesCentreStaff(p, id)}
	if d.Manager || p.InCentre(id) {
		d.Nav = "my-centre"
	}
	d.Accredited = service.NewCentreView(c, s.Opt.Now(), set, false).Accredited
	for _, a := range c.Accreditations {
		st := a.StatusAt(s.Opt.Now(), set)
		row := uiRecAccRow{A: a, Status: st, StatusName: i18n.UIRecAccreditationName(st)}
		for _, m := range uiRecAccMoves(a.Status) {
			row.Moves = append(row.Moves, page.UIOption{Value: m, Label: i18n.UIRecAccreditationName(m)})
		}
		d.Accreditations = append(d.Accreditations, row)
	}
	if err := s.uiRecCentreDetails(r, rs, d); err != nil {
		return err
	}
	return s.UIRender(w, r, UIRecStatus(fail), "rec_centre", d)
}

// uiRecAccMoves are the statuses an administrator may move an
// accreditation in status to (recognition.Accreditation.CheckStatusChange).
func uiRecAccMoves(status string) []string {
	switch status {
	case recognition.AccreditationActive:
		return []string{recognition.AccreditationSuspended, recognition.AccreditationRevoked, recognition.AccreditationExpired}
	case recognition.AccreditationSuspended:
		return []string{recognition.AccreditationActive, recognition.AccreditationRevoked, recognition.AccreditationExpired}
	}
	return nil
}

// uiRecCentreDetails adds the programmes, and for the staff the
// assessors and the applications by state.
func (s *Server) uiRecCentreDetails(r *http.Request, rs recognition.Store, d *uiRecCentreData) error {
	ctx, p := r.Context(), session.Principal(r)
	progs, err := rs.ListProgrammes(ctx, recognition.ProgrammeFilter{CentreID: d.C.ID})
	if err != nil {
		return err
	}
	for _, prog := range progs {
		if service.ProgrammeVisibility(p, prog) == service.RecVisible {
			d.Programmes = append(d.Programmes, uiRecProgRowOf(prog, d.C))
		}
	}
	if !d.Staff {
		return nil
	}
	names := s.RecNamer(r)
	for _, u := range d.C.Assessors {
		d.Assessors = append(d.Assessors, uiRecUser{ID: u, Name: names.Name(u)})
	}
	if (d.Admin || d.Manager) && s.Accounts != nil {
		us, err := s.Accounts.ListUsers(ctx, auth.UserFilter{Role: auth.RoleAssessor, CentreID: d.C.ID})
		if err != nil {
			return err
		}
		for _, u := range us {
			if !d.C.HasAssessor(u.ID) {
				d.Addable = append(d.Addable, uiRecUser{ID: u.ID, Name: u.Name + " (" + u.Login + ")"})
			}
		}
	}
	if d.Manager {
		d.NewProgramme = "/recognition/programmes/new"
	}
	for _, st := range recognition.States() {
		_, n, err := rs.ListApplications(ctx, recognition.ApplicationFilter{CentreID: d.C.ID, State: st, Limit: 1})
		if err != nil {
			return err
		}
		d.Counts = append(d.Counts, uiRecCount{State: st, Name: i18n.UIRecStateName(st), N: n,
			URL: "/recognition/applications?state=" + st + "&centre=" + strconv.FormatInt(d.C.ID, 10)})
	}
	return nil
}

// uiRecCentreAct runs a change on centre {id} posted from its page.
func (s *Server) uiRecCentreAct(w http.ResponseWriter, r *http.Request, form, done string,
	change func(rs recognition.Store, id int64) error) error {
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
	if err := change(rs, id); err != nil {
		fail, perr := s.UIRecFail(r, form, err)
		if perr != nil {
			return perr
		}
		return s.uiRecCentrePage(w, r, id, fail)
	}
	return UIRecRedirect(w, r, uiRecCentreURL(id), done)
}

// POST /recognition/centres/{id} (administrator)
func (s *Server) uiRecUpdateCentre(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecCentreAct(w, r, "edit", "centre", func(rs recognition.Store, id int64) error {
		_, err := rs.UpdateCentre(r.Context(), service.RecActor(r), id, uiRecCentreForm(r))
		return err
	})
}

// POST /recognition/centres/{id}/accreditations (administrator)
func (s *Server) uiRecAddAccreditation(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecCentreAct(w, r, "accreditation", "accredited", func(rs recognition.Store, id int64) error {
		scope, err := uiRecParseScope(r.PostFormValue("scope"))
		if err != nil {
			return err
		}
		in := service.AccreditationInput{Number: r.PostFormValue("number"), ValidFrom: r.PostFormValue("valid_from"),
			ValidTo: r.PostFormValue("valid_to"), Scope: scope}
		a, err := in.Accreditation()
		if err != nil {
			return err
		}
		_, err = rs.AddAccreditation(r.Context(), service.RecActor(r), id, a)
		return err
	})
}

// uiRecParseScope reads the scope of an accreditation, one card a line:
// the standard's code, the card's number (or code), and optionally the
// levels separated by commas: "M84120 2 5,6".
func uiRecParseScope(text string) ([]recognition.ScopeEntry, error) {
	var out []recognition.ScopeEntry
	for i, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 || len(f) > 3 {
			return nil, service.RecErr(kasip.ErrInvalid, "form.scope_line", "n", strconv.Itoa(i+1))
		}
		e := recognition.ScopeEntry{StandardCode: f[0]}
		if n, err := strconv.Atoi(f[1]); err == nil {
			e.CardNumber = n
		} else {
			e.CardCode = f[1]
		}
		if len(f) == 3 {
			for _, l := range strings.Split(f[2], ",") {
				n, err := strconv.Atoi(strings.TrimSpace(l))
				if err != nil {
					return nil, service.RecErr(kasip.ErrInvalid, "form.scope_level", "n", strconv.Itoa(i+1), "value", l)
				}
				e.Levels = append(e.Levels, n)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// POST /recognition/centres/{id}/accreditations/{accreditation}/status (administrator)
func (s *Server) uiRecAccreditationStatus(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecCentreAct(w, r, "status", "status", func(rs recognition.Store, id int64) error {
		acc, err := UIPathID(r, "accreditation")
		if err != nil {
			return service.ErrHidden
		}
		_, err = s.RecSetAccreditationStatus(r, rs, id, acc, service.StatusInput{Status: r.PostFormValue("status"), Reason: r.PostFormValue("reason")})
		return err
	})
}

// POST /recognition/centres/{id}/assessors (administrator, the centre's manager)
func (s *Server) uiRecAddAssessor(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecCentreAct(w, r, "assessors", "assessor", func(rs recognition.Store, id int64) error {
		return s.RecAddAssessor(r, rs, id, uiFormID(r, "user_id"))
	})
}

// POST /recognition/centres/{id}/assessors/{user}/remove (administrator, the centre's manager)
func (s *Server) uiRecRemoveAssessor(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecCentreAct(w, r, "assessors", "assessor", func(rs recognition.Store, id int64) error {
		user, err := UIPathID(r, "user")
		if err != nil {
			return service.ErrHidden
		}
		return s.RecRemoveAssessor(r, id, user, rs)
	})
}

// ---- settings ----

// uiRecSettingField is a numeric setting on the form.
type uiRecSettingField struct {
	Name, Label string
	Value       int64
	Min, Max    int64
}

type uiRecSettingsData struct {
	UIRecPage
	Set    recognition.Settings
	Fields []uiRecSettingField
	Types  string // the evidence types, one a line
	Admin  bool
}

// GET /recognition/settings (administrator, manager)
func (s *Server) uiRecSettings(w http.ResponseWriter, r *http.Request) error {
	return s.uiRecSettingsPage(w, r, nil)
}

func (s *Server) uiRecSettingsPage(w http.ResponseWriter, r *http.Request, fail *UIRecFailure) error {
	rs, err := s.RecStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		return err
	}
	d := &uiRecSettingsData{UIRecPage: s.RecPage(r, "/recognition/settings", nil, i18n.Translate(i18n.RequestLang(r), "Recognition settings"), "rec-settings", fail),
		Set: set, Types: strings.Join(set.EvidenceTypes, "\n"), Admin: session.Principal(r).Is(auth.RoleAdmin)}
	for _, f := range UIRecSettingFields(&set) {
		d.Fields = append(d.Fields, uiRecSettingField{Name: f.Name, Label: f.label, Value: f.get(), Min: f.min, Max: f.max})
	}
	return s.UIRender(w, r, UIRecStatus(fail), "rec_settings", d)
}

// uiRecSetting binds a form field to a setting.
type uiRecSetting struct {
	Name, label string
	min, max    int64
	get         func() int64
	set         func(int64)
}

func UIRecSettingFields(set *recognition.Settings) []uiRecSetting {
	i := func(name, label string, p *int, min, max int64) uiRecSetting {
		return uiRecSetting{name, label, min, max, func() int64 { return int64(*p) }, func(v int64) { *p = int(v) }}
	}
	return []uiRecSetting{
		i("accreditation_years", "Accreditation is valid, years", &set.AccreditationYears, 1, 3660),
		i("voucher_valid_days", "A voucher is valid, days", &set.VoucherValidDays, 1, 3660),
		i("vouchers_per_year", "Vouchers a candidate may receive a year", &set.VouchersPerYear, 1, 3660),
		i("accept_days", "Days to accept or reject an application", &set.AcceptDays, 1, 3660),
		i("referral_confirm_days", "Days for the employer to confirm a referral", &set.ReferralConfirmDays, 1, 3660),
		i("schedule_days", "Days to plan the assessment", &set.ScheduleDays, 1, 3660),
		i("decision_days", "Days to decide after the assessment", &set.DecisionDays, 1, 3660),
		i("appeal_days", "Days to appeal a decision", &set.AppealDays, 1, 3660),
		i("redecide_days", "Days to decide on an appeal", &set.RedecideDays, 1, 3660),
		i("pass_threshold", "Default pass mark, percent", &set.PassThreshold, 1, 100),
		{"evidence_max_bytes", "Largest evidence file, bytes", 1, 1 << 40,
			func() int64 { return set.EvidenceMaxBytes }, func(v int64) { set.EvidenceMaxBytes = v }},
		i("utc_offset_minutes", "Time zone, minutes from UTC", &set.UTCOffsetMinutes, -720, 840),
	}
}

// POST /recognition/settings (administrator)
func (s *Server) uiRecSaveSettings(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.uiRecStoreForm(w, r)
	if err != nil {
		return err
	}
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		return err
	}
	err = uiRecReadSettings(r, &set)
	if err == nil {
		err = rs.SetRecognitionSettings(r.Context(), service.RecActor(r), set)
	}
	if err != nil {
		fail, perr := s.UIRecFail(r, "settings", err)
		if perr != nil {
			return perr
		}
		return s.uiRecSettingsPage(w, r, fail)
	}
	return UIRecRedirect(w, r, "/recognition/settings", "settings")
}

// uiRecReadSettings fills set from the posted form.
func uiRecReadSettings(r *http.Request, set *recognition.Settings) error {
	for _, f := range UIRecSettingFields(set) {
		v, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue(f.Name)), 10, 64)
		if err != nil {
			return service.RecErr(kasip.ErrInvalid, "form.setting_number", "setting", f.Name, "value", r.PostFormValue(f.Name))
		}
		f.set(v)
	}
	set.EvidenceTypes = nil
	for _, t := range strings.Fields(r.PostFormValue("evidence_types")) {
		set.EvidenceTypes = append(set.EvidenceTypes, strings.ToLower(t))
	}
	return nil
}
