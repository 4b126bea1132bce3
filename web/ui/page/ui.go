package page

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/session"
)

// The server-rendered UI: html/template pages in Kazakh, Russian and English,
// with templates and static files embedded in the binary.
//
// Templates are parsed once per UI language at start-up, with the "t"
// function bound to that language, so a page's strings are looked up without
// any per-request work and html/template escapes each set only once.
// Static files are served under a name carrying a hash of their content
// (/static/app.<sha8>.css) with a year-long immutable cache lifetime; a new
// build changes the name, never the meaning of a cached URL.

//go:embed templates/*.html
var UITemplateFS embed.FS

//go:embed static/*
var uiStaticFS embed.FS

// uiPageSize is the number of rows a list page shows.
const UIPageSize = 20

// uiPages are the page templates; each is parsed with layout.html and
// partials.html and defines "content".
var UIPages = []string{"home", "search", "standards", "standard", "card", "professions", "diff", "review", "error",
	"signin", "account", "admin_users",
	"cert_verify", "cert_search", "cert_staff",
	"rec_hub", "rec_centres", "rec_centre", "rec_programmes", "rec_programme_new", "rec_programme",
	"rec_coverage", "rec_applications", "rec_application", "rec_me", "rec_settings",
	"wf_orgs", "wf_org", "wf_position_new", "wf_position", "wf_employee", "wf_gaps", "wf_plans",
	"wf_programmes", "wf_programme_new", "wf_programme"}

// uiAsset is an embedded static file.
type UIAsset struct {
	name  string // hashed name, e.g. app.1a2b3c4d.css
	data  []byte
	ctype string
	etag  string
}

// uiState holds parsed templates and assets.
type UIState struct {
	Pages    map[string]map[string]*template.Template // lang → page → template
	Assets   map[string]*UIAsset                      // by served name (hashed and plain)
	AssetURL map[string]string                        // plain name → /static/hashed name
	fold     bool                                     // constant translations folded (FoldTranslations)
}

func NewUI() (*UIState, error) { return NewUIFolded(true) }

// newUIFolded parses the templates, folding their constant translations
// (FoldTranslations) or not: tests compare the two.
func NewUIFolded(fold bool) (*UIState, error) {
	u := &UIState{
		fold:     fold,
		Pages:    make(map[string]map[string]*template.Template),
		Assets:   make(map[string]*UIAsset),
		AssetURL: make(map[string]string),
	}
	if err := u.LoadAssets(); err != nil {
		return nil, err
	}
	for _, lang := range i18n.UILangs {
		u.Pages[lang] = make(map[string]*template.Template)
		for _, p := range UIPages {
			t, err := template.New(p).Funcs(u.Funcs(lang)).ParseFS(UITemplateFS,
				"templates/layout.html", "templates/partials.html", "templates/"+p+".html")
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", p, err)
			}
			if u.fold {
				FoldTranslations(t, lang, u.AssetURL)
			}
			u.Pages[lang][p] = t
		}
	}
	return u, nil
}

func (u *UIState) LoadAssets() error {
	entries, err := fs.ReadDir(uiStaticFS, "static")
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := uiStaticFS.ReadFile("static/" + e.Name())
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		h := hex.EncodeToString(sum[:])[:8]
		ext := path.Ext(e.Name())
		hashed := strings.TrimSuffix(e.Name(), ext) + "." + h + ext
		ctype := map[string]string{
			".css": "text/css; charset=utf-8",
			".js":  "text/javascript; charset=utf-8",
			".svg": "image/svg+xml",
			".ico": "image/x-icon",
			".png": "image/png",
			".txt": "text/plain; charset=utf-8",
		}[ext]
		if ctype == "" {
			ctype = http.DetectContentType(data)
		}
		a := &UIAsset{name: hashed, data: data, ctype: ctype, etag: `"` + h + `"`}
		u.Assets[hashed] = a
		u.Assets[e.Name()] = a
		u.AssetURL[e.Name()] = "/static/" + hashed
	}
	return nil
}

// uiHandle adapts a page handler: it sets the language cookie when the
// request chose a language with ?lang=, and turns a returned error into an
// error page with the right status.
func (s *Server) UIHandle(h func(w http.ResponseWriter, r *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if l := r.URL.Query().Get("lang"); i18n.IsUILang(l) {
			http.SetCookie(w, &http.Cookie{
				Name: "lang", Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, SameSite: http.SameSiteLaxMode,
			})
		}
		w.Header().Add("Vary", "Cookie, Accept-Language")
		err := h(w, r)
		if err == nil {
			return
		}
		var ue *httpx.UIError
		switch {
		case errors.As(err, &ue):
		case errors.Is(err, kasip.ErrNotFound):
			ue = &httpx.UIError{Status: http.StatusNotFound, Title: "Page not found", Detail: i18n.Translate(i18n.RequestLang(r), "There is no such standard or version in the registry.")}
		case errors.Is(err, kasip.ErrInvalid):
			ue = &httpx.UIError{Status: http.StatusBadRequest, Title: "Bad request", Detail: err.Error()}
		case r.Context().Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
			s.Log.Debug("ui: request ended early", "path", r.URL.Path, "err", err)
			ue = &httpx.UIError{Status: http.StatusServiceUnavailable, Title: "Something went wrong", Detail: ""}
		default:
			s.Log.Error("ui", "method", r.Method, "path", r.URL.Path, "err", err)
			ue = &httpx.UIError{Status: http.StatusInternalServerError, Title: "Something went wrong", Detail: i18n.Translate(i18n.RequestLang(r), "The page could not be shown. Please try again later.")}
		}
		s.UIErrorPage(w, r, ue)
	}
}

// uiErrorPage renders the error page.
func (s *Server) RenderErrorPage(w http.ResponseWriter, r *http.Request, ue *httpx.UIError) {
	lang := i18n.RequestLang(r)
	d := &uiErrorData{
		UIBase: s.UIBase(r, i18n.Translate(lang, ue.Title)),
		Status: ue.Status,
		Detail: ue.Detail,
	}
	if err := s.UIRender(w, r, ue.Status, "error", d); err != nil {
		s.Log.Error("ui: rendering the error page", "err", err)
		http.Error(w, http.StatusText(ue.Status), ue.Status)
	}
}

type uiErrorData struct {
	UIBase
	Status int
	Detail string
}

// uiNotFound answers paths no route claims.
func (s *Server) UINotFound(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		return &httpx.UIError{Status: http.StatusMethodNotAllowed, Title: "Method not allowed"}
	}
	return httpx.UINotFound(i18n.Translate(i18n.RequestLang(r), "The address may be mistyped, or the page has moved."))
}

// uiRender executes a page into a buffer first, so that a template error
// becomes a clean 500 instead of half a page.
func (s *Server) UIRender(w http.ResponseWriter, r *http.Request, status int, page string, data any) error {
	lang := i18n.RequestLang(r)
	t := s.UI.Pages[lang][page]
	if t == nil {
		return fmt.Errorf("no template %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("rendering %s: %w", page, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", lang)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
	return nil
}

// uiStatic serves an embedded static file. Hashed names are immutable.
func (s *Server) UIStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	a := s.UI.Assets[name]
	if a == nil {
		s.UIErrorPage(w, r, &httpx.UIError{Status: http.StatusNotFound, Title: "Page not found"})
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", a.etag)
	if name == a.name {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, a.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(a.data)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(a.data)
}

// uiBase is what the layout needs on every page.
type UIBase struct {
	Lang      string
	Title     string // page title, translated, for <title>
	TitleLang string // lang of Title when it is not the UI language
	Generated bool   // the page shows a generated (demo) standard
	Nav       string // active section: home, search, standards, professions, review, account, users
	LangLinks []UILangLink
	Today     string // ISO date the page was rendered for
	Me        UIMe   // who is signed in, for the header
}

// uiMe is the signed-in user as the header shows them.
type UIMe struct {
	SignedIn  bool
	Name      string
	Role      string // message key of the role's name
	Admin     bool
	Accounts  bool   // the server has accounts (else no sign-in link)
	SignInURL string // the sign-in page, coming back to this one
}

// uiLangLink is an entry of the language switch.
type UILangLink struct {
	Code    string // kk
	Short   string // Қаз
	Name    string // Қазақша
	URL     string // the current path with ?lang=kk
	Current bool
}

var UILangNames = map[string][2]string{
	"kk": {"Қаз", "Қазақша"},
	"ru": {"Рус", "Русский"},
	"en": {"Eng", "English"},
}

func (s *Server) UIBase(r *http.Request, title string) UIBase {
	return s.UIBaseAt(r, title, r.URL.EscapedPath(), r.URL.Query())
}

// uiBaseAt is uiBase for a page whose address to switch languages at is
// not the request's: a page rendered in answer to a form post links the
// page the form is on.
func (s *Server) UIBaseAt(r *http.Request, title, path string, query url.Values) UIBase {
	lang := i18n.RequestLang(r)
	b := UIBase{Lang: lang, Title: title, Today: s.Today().Format(time.DateOnly), Me: s.uiMe(r)}
	for _, l := range i18n.UILangs {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		q.Set("lang", l)
		b.LangLinks = append(b.LangLinks, UILangLink{
			Code: l, Short: UILangNames[l][0], Name: UILangNames[l][1],
			URL: path + "?" + q.Encode(), Current: l == lang,
		})
	}
	return b
}

// uiMe describes the request's principal for the header.
func (s *Server) uiMe(r *http.Request) UIMe {
	p := session.Principal(r)
	me := UIMe{Accounts: s.Accounts != nil}
	if p.Anonymous() {
		if next := session.SafeNext(r.URL.RequestURI()); next != "" && r.Method == http.MethodGet && next != "/" {
			me.SignInURL = "/signin?" + url.Values{"next": {next}}.Encode()
		} else {
			me.SignInURL = "/signin"
		}
		return me
	}
	me.SignedIn, me.Name, me.Role, me.Admin = true, p.Name, session.RoleName(p.Role), p.Is(auth.RoleAdmin)
	return me
}

// today is the server's current date (Options.Now), at midnight UTC.
func (s *Server) Today() time.Time {
	n := s.Opt.Now().UTC()
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

// URLs of the UI and of the API downloads.

func UIStandardURL(code, version string) string {
	if version == "" {
		return "/standards/" + url.PathEscape(code)
	}
	return "/standards/" + url.PathEscape(code) + "/v/" + url.PathEscape(version)
}

func UICardURL(code, version string, n int) string {
	return UIStandardURL(code, version) + "/cards/" + strconv.Itoa(n)
}

func uiDiffURL(code, from, to string) string {
	q := url.Values{}
	if from != "" {
		q.Set("from", from)
	}
	if to != "" {
		q.Set("to", to)
	}
	u := "/standards/" + url.PathEscape(code) + "/diff"
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

func UIJSONURL(code, version string) string {
	return "/api/v1/standards/" + url.PathEscape(code) + "/versions/" + url.PathEscape(version)
}

func UISourceURL(code, version string, i int) string {
	return UIJSONURL(code, version) + "/sources/" + strconv.Itoa(i)
}
