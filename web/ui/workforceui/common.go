package workforceui

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/workforce"
)

// The forms work as page.FormPage says. What the caller may not see
// answers 404, as an organisation that does not exist.

// wfPage is what every organisation page has besides the layout, and
// wfFailure a failed change to show next to its form.
type (
	wfPage    = page.FormPage
	wfFailure = page.Failure
)

// wfOrgPage is a page inside one organisation: its name for the crumbs
// and the caller's standing.
type wfOrgPage struct {
	wfPage
	Org       workforce.Organisation
	OrgURL    string
	KindName  string // message key
	HR        bool   // HR of the organisation (or an administrator)
	Staff     bool   // any member
	Education bool   // an education provider
	MyRole    string // message key of the caller's role in it, "" if none
	SeesGaps  bool   // HR or a head: the gap analysis
	Section   string // the organisation's menu entry the page is under
}

// pageStatus is the status of a page: 200 unless a change failed.
func pageStatus(f *wfFailure) int { return page.StatusOf(f) }

// basePage fills the common part of a page.
func (s *Server) basePage(r *http.Request, path string, query url.Values, title string, fail *wfFailure) wfPage {
	return s.FormPageAt(r, path, query, title, "orgs", fail, doneMessage)
}

// orgPage is basePage for a page of a's organisation.
func (s *Server) orgPage(r *http.Request, a service.OrgAccess, path string, query url.Values, title string, fail *wfFailure) wfOrgPage {
	p := wfOrgPage{wfPage: s.basePage(r, path, query, title, fail), Org: a.Org, OrgURL: orgURL(a.Org.ID),
		KindName: nameOf(kindNames, a.Org.Kind), HR: a.HR(), Staff: a.Staff(), Education: a.Org.Kind == workforce.KindEducation,
		MyRole: nameOf(roleNames, a.Member.Role)}
	_, p.SeesGaps = a.Unit()
	rest := strings.TrimPrefix(path, p.OrgURL)
	switch {
	case rest == "":
		p.Section = "overview"
	case rest == "/gaps":
		p.Section = "gaps"
	case rest == "/plans":
		p.Section = "plans"
	case strings.HasPrefix(rest, "/programmes"):
		p.Section = "programmes"
	}
	return p
}

// doneMessages are the notices after a change succeeded.
var doneMessages = [][2]string{
	{"org", "The organisation is created."},
	{"member", "The member is saved."},
	{"employee", "The employee is added."},
	{"employee-updated", "The employee's record is saved."},
	{"position-updated", "The position is saved."},
	{"member-removed", "The member is removed."},
	{"position", "The position is created."},
	{"section", "The section is saved."},
	{"reverted", "The section is back to the standard's wording."},
	{"upgraded", "The position is moved to the new version of the standard; your edits are kept."},
	{"ratings", "The assessment is saved."},
	{"action", "The action is added to the plan."},
	{"action-updated", "The action is updated."},
	{"programme", "The programme is created."},
	{"module", "The module is added."},
	{"outcome", "The learning outcome is added."},
}

func doneMessage(done string) string {
	if m := nameOf(doneMessages, done); m != "" {
		return m
	}
	return "Saved."
}

// settle ends a change: err nil redirects to path with ?done=done;
// a refusal renders the page again through again with the failure next
// to form; any other error is the error page's.
func (s *Server) settle(w http.ResponseWriter, r *http.Request, err error, form string, again func(*wfFailure) error, path, done string) error {
	if err == nil {
		return redirect(w, r, path, done)
	}
	fail, perr := s.fail(r, form, err)
	if perr != nil {
		return perr
	}
	return again(fail)
}

// redirect sends the browser to path (which may carry a #fragment) with
// ?done=what (303).
func redirect(w http.ResponseWriter, r *http.Request, path, what string) error {
	path, frag, _ := strings.Cut(path, "#")
	u := path + "?done=" + url.QueryEscape(what)
	if frag != "" {
		u += "#" + frag
	}
	http.Redirect(w, r, u, http.StatusSeeOther)
	return nil
}

// fail turns the error of a change into the failure to show next to
// form, or, for errors that are no business of the form (not found, not
// allowed, the database failing), the error for an error page.
func (s *Server) fail(r *http.Request, form string, err error) (*wfFailure, error) {
	lang := i18n.RequestLang(r)
	switch {
	case errors.Is(err, service.ErrHidden), errors.Is(err, service.ErrRefused), errors.Is(err, service.ErrNoWorkforce):
		return nil, s.pageError(r, err)
	}
	var fe *formError
	if errors.As(err, &fe) {
		return &page.Failure{Form: form, Status: http.StatusUnprocessableEntity, Values: r.PostForm,
			Msg: i18n.Translate(lang, "Please correct the form.") + " " + fmt.Sprintf(i18n.Translate(lang, fe.key), fe.args...)}, nil
	}
	return page.StoreFailure(r, form, err)
}

// formError is a mistake in a form the pages find themselves (the
// domain's refusals come as recognition.Error): a message key and its
// arguments.
type formError struct {
	key  string
	args []any
}

func (e *formError) Error() string { return fmt.Sprintf(e.key, e.args...) }

// pageError is the error page of err.
func (s *Server) pageError(r *http.Request, err error) error {
	lang := i18n.RequestLang(r)
	switch {
	case errors.Is(err, service.ErrNoWorkforce):
		return &httpx.UIError{Status: http.StatusNotImplemented, Title: "Organisations are not available",
			Detail: i18n.Translate(lang, "This server does not keep organisations.")}
	case errors.Is(err, service.ErrRefused):
		return &httpx.UIError{Status: http.StatusForbidden, Title: "Access denied", Detail: i18n.Translate(lang, "Your role does not allow this.")}
	case errors.Is(err, kasip.ErrNotFound):
		return httpx.UINotFound(i18n.Translate(lang, "There is no such page, or it is not visible to you."))
	case errors.Is(err, recognition.ErrForbidden):
		return &httpx.UIError{Status: http.StatusForbidden, Title: "Access denied", Detail: i18n.RecDetailText(lang, err)}
	}
	return err
}

// orgStart reads the store, the {org} of the path and the caller's
// standing; the error is the page to answer with (404 for an organisation
// the caller has no standing in).
func (s *Server) orgStart(r *http.Request) (workforce.Store, service.OrgAccess, error) {
	ws, err := s.WFStore()
	if err != nil {
		return nil, service.OrgAccess{}, s.pageError(r, err)
	}
	id, err := pathID(r, "org")
	if err != nil {
		return nil, service.OrgAccess{}, err
	}
	a, err := s.OrgAccessOf(r, ws, id)
	if err != nil {
		return nil, a, s.pageError(r, err)
	}
	return ws, a, nil
}

// orgForm is orgStart for a form post: the form is read too.
func (s *Server) orgForm(w http.ResponseWriter, r *http.Request) (workforce.Store, service.OrgAccess, error) {
	ws, a, err := s.orgStart(r)
	if err != nil {
		return ws, a, err
	}
	return ws, a, readForm(w, r)
}

// maxForm bounds a posted form: an assessment of a detailed card and a
// rewritten section are longer than the account forms.
const maxForm = 256 << 10

// readForm reads a posted form.
func readForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		return httpx.UIBadRequest(i18n.Translate(i18n.RequestLang(r), "The form could not be read."))
	}
	return nil
}

// pathID reads an integer path wildcard; a bad one is a 404.
func pathID(r *http.Request, name string) (int64, error) {
	id, perr := httpx.PathID(r, name)
	if perr != nil {
		return 0, httpx.UINotFound(i18n.Translate(i18n.RequestLang(r), "There is no such page, or it is not visible to you."))
	}
	return id, nil
}

// formInt reads a whole number of a posted form; def when it is empty or
// not a number.
func formInt(r *http.Request, name string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(name)))
	if err != nil {
		return def
	}
	return n
}

// formID reads a positive id of a posted form (0 if none).
func formID(r *http.Request, name string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue(name)), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// ---- addresses ----

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func orgURL(id int64) string { return "/orgs/" + itoa(id) }

func positionURL(org, id int64) string { return orgURL(org) + "/positions/" + itoa(id) }

func employeeURL(org, id int64) string { return orgURL(org) + "/employees/" + itoa(id) }

func eduURL(org, id int64) string { return orgURL(org) + "/programmes/" + itoa(id) }

// ---- names shown for the domain's codes (message keys) ----

var kindNames = [][2]string{
	{"employer", "Employer"},
	{"education", "Education provider"},
}

var roleNames = [][2]string{
	{"hr", "HR"},
	{"head", "Head of a department"},
	{"methodologist", "Methodologist"},
}

var actionKindNames = [][2]string{
	{"training", "Training"},
	{"mentoring", "Mentoring"},
	{"self_study", "Self-study"},
	{"recognition", "Recognition of the qualification"},
}

var statusNames = [][2]string{
	{"planned", "Planned"},
	{"in_progress", "In progress"},
	{"done", "Done"},
	{"cancelled", "Cancelled"},
}

var sourceNames = [][2]string{
	{"certificate", "confirmed by a certificate"},
	{"manager", "the manager's assessment"},
	{"self", "the employee's own assessment"},
	{"none", "not assessed"},
}

var itemKindNames = [][2]string{
	{"function", "Labour function"},
	{"skill", "Skill"},
	{"ability", "Ability"},
	{"knowledge", "Knowledge item"},
}

// nameOf is the name of code in a table ("" if it has none).
func nameOf(table [][2]string, code string) string {
	for _, e := range table {
		if e[0] == code {
			return e[1]
		}
	}
	return ""
}

// options are a name table as the options of a select, selected ticked;
// the labels are translated into lang.
func options(table [][2]string, lang, selected string) []page.UIOption {
	out := make([]page.UIOption, 0, len(table))
	for _, e := range table {
		out = append(out, page.UIOption{Value: e[0], Label: i18n.Translate(lang, e[1]), Selected: e[0] == selected})
	}
	return out
}

// unitOptions are the units of o, selected ticked, after "" (none).
func unitOptions(o workforce.Organisation, selected string) []page.UIOption {
	out := make([]page.UIOption, 0, len(o.Units))
	for _, u := range o.Units {
		out = append(out, page.UIOption{Value: u, Label: u, Selected: u == selected})
	}
	return out
}

// levelOption is a level of the scale with its name.
type levelOption struct {
	Level    int
	Name     string
	Selected bool
}

// levelOptions are the levels from lowest with their names in lang.
func levelOptions(lang string, lowest, selected int) []levelOption {
	var out []levelOption
	for _, l := range workforce.Levels() {
		if l >= lowest {
			out = append(out, levelOption{Level: l, Name: workforce.LevelName(lang, l), Selected: l == selected})
		}
	}
	return out
}
