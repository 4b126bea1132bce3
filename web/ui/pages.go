package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/jobdesc"
	"github.com/kasip/kasip/lint"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/web/ui/workforceui"
)

// The page handlers. Each reads and checks its parameters (a bad one is a
// 400 page naming it), asks the registry, builds a view and renders it.

// uiReasons are the page catalogue's words for a parameter that is not
// valid.
var uiReasons = httpx.Reasons{
	TooLong:  "at most %d characters",
	IntRange: "expected a whole number from %d to %d",
	OneOf:    "expected one of %s",
	OKED:     "expected an OKED section letter, A to U",
}

// uiQuery reads the query parameters of a page, keeping the first
// problem.
type uiQuery struct {
	*httpx.Query
	lang string
}

func (s *Server) uiQuery(r *http.Request) *uiQuery {
	return &uiQuery{Query: httpx.NewQueryWith(r, uiReasons), lang: i18n.RequestLang(r)}
}

// err is the 400 page of the first parameter that is not valid.
func (q *uiQuery) err() error {
	if q.Err == nil {
		return nil
	}
	return httpx.UIBadRequest(fmt.Sprintf(i18n.Translate(q.lang, "The parameter “%s” is not valid: %s."),
		q.Err.Name, fmt.Sprintf(i18n.Translate(q.lang, q.Err.Reason), q.Err.Args...)))
}

// page reads ?page= (1-based).
func (q *uiQuery) page() int { return q.IntRange("page", 1, 1, 100000) }

// uiCollectAll is how many rows a list fetches to sort them in Go by the
// Kazakh alphabet; larger results keep the registry's order.
const uiCollectAll = 5000

// ---- home ----

type uiHomeData struct {
	page.UIBase
	Counts   kasip.Counts
	Recent   []uiStdRow
	Due      []uiStdRow
	DueTotal int
}

func (s *Server) uiHome(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	lang := i18n.RequestLang(r)
	d := &uiHomeData{UIBase: s.UIBase(r, i18n.Translate(lang, "Registry of professional standards"))}
	d.Nav = "home"
	var err error
	if d.Counts, err = s.Reg.Counts(ctx); err != nil {
		return err
	}
	recent, _, err := s.Reg.ListStandards(ctx, kasip.StandardFilter{Sort: "-imported", Limit: 6})
	if err != nil {
		return err
	}
	d.Recent = s.uiRows(recent)
	due, total, err := s.Reg.ListStandards(ctx, kasip.StandardFilter{
		ReviewBefore: s.Today().AddDate(0, 0, uiReviewDue).Format(time.DateOnly), Sort: "review", Limit: 8,
	})
	if err != nil {
		return err
	}
	d.Due, d.DueTotal = s.uiRows(due), total
	return s.UIRender(w, r, http.StatusOK, "home", d)
}

// ---- list of standards ----

var uiStandardSorts = []string{"code", "-code", "title", "-title", "review", "-review", "imported", "-imported"}

type uiStandardsData struct {
	page.UIBase
	Q, Language, Family, Generated, Sort string
	Rows                                 []uiStdRow
	Total                                int
	Pager                                page.UIPager
	Sorts                                []page.UIOption
	Filtered                             bool
}

func (s *Server) uiStandards(w http.ResponseWriter, r *http.Request) error {
	lang := i18n.RequestLang(r)
	q := s.uiQuery(r)
	d := &uiStandardsData{
		UIBase:    s.UIBase(r, i18n.Translate(lang, "Standards")),
		Q:         q.Str("q"),
		Language:  q.OneOf("language", "kk", "ru", "en"),
		Family:    q.OneOf("family", "kz", "ru"),
		Generated: q.OneOf("generated", "yes", "no"),
		Sort:      q.OneOf("sort", uiStandardSorts...),
	}
	pageNo := q.page()
	if err := q.err(); err != nil {
		return err
	}
	d.Nav = "standards"
	if d.Sort == "" {
		d.Sort = "code"
	}
	d.Filtered = d.Q != "" || d.Language != "" || d.Family != "" || d.Generated != ""
	f := kasip.StandardFilter{Query: d.Q, Language: d.Language, Family: d.Family, Sort: d.Sort, Generated: httpx.GeneratedFilter(d.Generated)}
	rows, total, err := s.uiListStandards(r.Context(), f, lang, pageNo)
	if err != nil {
		return err
	}
	d.Rows, d.Total = s.uiRows(rows), total
	d.Pager = page.NewPager(r.URL, pageNo, total, page.UIPageSize)
	for _, o := range []struct{ v, k string }{
		{"code", "Code, A to Z"}, {"-code", "Code, Z to A"},
		{"title", "Title, A to Z"}, {"-title", "Title, Z to A"},
		{"review", "Review date, earliest first"}, {"-review", "Review date, latest first"},
		{"-imported", "Recently added first"}, {"imported", "Added earliest first"},
	} {
		d.Sorts = append(d.Sorts, page.UIOption{Value: o.v, Label: i18n.Translate(lang, o.k), Selected: o.v == d.Sort})
	}
	return s.UIRender(w, r, http.StatusOK, "standards", d)
}

// uiListStandards returns page (1-based) of the standards f selects. Sorted
// by title, the rows are sorted here by the Kazakh alphabet in the UI
// language (the registry's collation need not know it).
func (s *Server) uiListStandards(ctx context.Context, f kasip.StandardFilter, lang string, pageNo int) ([]kasip.StandardSummary, int, error) {
	f.Limit, f.Offset = page.UIPageSize, (pageNo-1)*page.UIPageSize
	rows, total, err := s.Reg.ListStandards(ctx, f)
	if err != nil || (f.Sort != "title" && f.Sort != "-title") || total > uiCollectAll {
		return rows, total, err
	}
	if pageNo > 1 || total > len(rows) {
		f.Limit, f.Offset = total, 0
		if rows, total, err = s.Reg.ListStandards(ctx, f); err != nil {
			return nil, 0, err
		}
	}
	slices.SortStableFunc(rows, func(a, b kasip.StandardSummary) int {
		ta, _ := page.UIPick(a.Title, lang)
		tb, _ := page.UIPick(b.Title, lang)
		return cmp.Or(i18n.Collate(ta, tb), cmp.Compare(a.Code, b.Code))
	})
	if f.Sort == "-title" {
		slices.Reverse(rows)
	}
	return uiPageOf(rows, pageNo), total, nil
}

func uiPageOf[T any](all []T, pageNo int) []T {
	lo := min(len(all), (pageNo-1)*page.UIPageSize)
	hi := min(len(all), lo+page.UIPageSize)
	return all[lo:hi]
}

// ---- a standard ----

type uiStandardData struct {
	page.UIBase
	St            *kasip.Standard
	Code          string
	Version       string
	URL           string
	IsLatest      bool
	Latest        uiVersionRow
	Versions      []uiVersionRow
	Cards         []uiCardView
	Findings      []uiFinding
	ErrorFindings []uiFinding
	OtherFindings []uiFinding
	Errors        int
	Warnings      int
	Ladder        template.HTML
	JSON          string
	Sources       []uiSourceLink
	Review        string
	ReviewDays    int
	PrevVersion   string // the version before this one, for "compare"
	DescSrc       uiSrc
	OKEDSrc       []uiSrc
	CardLinks     []string // passport card list → card page
}

type uiSourceLink struct {
	kasip.Source
	URL string
}

func (s *Server) uiStandard(w http.ResponseWriter, r *http.Request) error {
	if uiRedirectCode(w, r) {
		return nil
	}
	ctx := r.Context()
	lang := i18n.RequestLang(r)
	code, version := strings.TrimSpace(r.PathValue("code")), r.PathValue("version")
	st, err := s.Reg.Standard(ctx, code, version)
	if err != nil {
		return s.uiStandardErr(r, err, code, version)
	}
	versions, err := s.Reg.Versions(ctx, st.Code)
	if err != nil {
		return err
	}
	if version == "" {
		version = st.VersionKey()
	}
	d := &uiStandardData{St: st, Code: st.Code, Version: version, URL: page.UIStandardURL(st.Code, version), JSON: page.UIJSONURL(st.Code, version)}
	title, tl := page.UIPick(st.Title, lang)
	d.UIBase = s.UIBase(r, title)
	if tl != lang {
		d.TitleLang = tl
	}
	d.Nav = "standards"
	d.Generated = st.Generated
	d.Versions, d.Latest, d.PrevVersion = uiVersionRows(st.Code, versions, version)
	d.IsLatest = d.Latest.Version == version
	v := &uiViewer{st: st, code: st.Code, version: version}
	for i := range st.Cards {
		d.Cards = append(d.Cards, v.card(i))
	}
	for i := range st.CardList {
		link := ""
		if i < len(st.Cards) {
			link = "#card-" + strconv.Itoa(i+1)
		}
		d.CardLinks = append(d.CardLinks, link)
	}
	for _, o := range st.OKED {
		d.OKEDSrc = append(d.OKEDSrc, v.src(o.Origin))
	}
	d.DescSrc = v.fieldSrc(st.Description)
	fs := lint.Check(st, lint.Options{Today: s.Today(), Lang: lang})
	d.Findings = uiFindings(fs, lang)
	for _, f := range d.Findings {
		switch f.Finding.Severity {
		case lint.Error:
			d.Errors++
			d.ErrorFindings = append(d.ErrorFindings, f)
			continue
		case lint.Warning:
			d.Warnings++
		}
		d.OtherFindings = append(d.OtherFindings, f)
	}
	for i, src := range st.Sources {
		d.Sources = append(d.Sources, uiSourceLink{Source: src, URL: page.UISourceURL(st.Code, version, i)})
	}
	d.Review, d.ReviewDays = s.reviewStatus(st.Technical.ReviewDate)
	d.Ladder = page.UILadderSVG(st, lang)
	return s.UIRender(w, r, http.StatusOK, "standard", d)
}

// uiRedirectCode redirects a request whose {code} is typed with Cyrillic
// look-alike letters (М84120) to the code in Latin letters, as the registry
// stores it, and reports whether it did.
func uiRedirectCode(w http.ResponseWriter, r *http.Request) bool {
	code := r.PathValue("code")
	n, changed := kasip.NormalizeCode(code)
	if !changed || n == "" || !kasip.CodeShaped(code) || !strings.HasPrefix(r.URL.Path, "/standards/"+code) {
		return false
	}
	u := *r.URL
	u.Path = "/standards/" + n + strings.TrimPrefix(r.URL.Path, "/standards/"+code)
	u.RawPath = ""
	http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
	return true
}

// uiStandardErr turns a registry error for code/version into a page error.
func (s *Server) uiStandardErr(r *http.Request, err error, code, version string) error {
	if !errors.Is(err, kasip.ErrNotFound) {
		return err
	}
	lang := i18n.RequestLang(r)
	if version == "" {
		return httpx.UINotFound(fmt.Sprintf(i18n.Translate(lang, "There is no standard with the code “%s” in the registry."), code))
	}
	return httpx.UINotFound(fmt.Sprintf(i18n.Translate(lang, "The standard “%s” has no version “%s”."), code, version))
}

// uiVersionRows lists versions oldest first, marking the current and the
// latest, and returns the latest and the version before current.
func uiVersionRows(code string, versions []kasip.VersionInfo, current string) ([]uiVersionRow, uiVersionRow, string) {
	vs := slices.Clone(versions)
	uiSortVersions(vs)
	var rows []uiVersionRow
	prev := ""
	for i, vi := range vs {
		rows = append(rows, uiVersionRow{VersionInfo: vi, URL: page.UIStandardURL(code, vi.Version), Current: vi.Version == current, Latest: i == len(vs)-1})
		if vi.Version == current && i > 0 {
			prev = vs[i-1].Version
		}
	}
	var latest uiVersionRow
	if len(rows) > 0 {
		latest = rows[len(rows)-1]
	}
	return rows, latest, prev
}

// ---- a card ----

type uiCardData struct {
	page.UIBase
	St       *kasip.Standard
	Code     string
	Version  string
	StdURL   string
	Card     uiCardView
	Count    int
	Prev     string
	Next     string
	IsLatest bool
	// JobDesc are the downloads of the card's job description, a format
	// and language each, in the languages the card has.
	JobDesc []uiJobDescLink
	// Positions are the links that create a position from the card, one
	// per organisation whose HR the signed-in user is.
	Positions []workforceui.PositionLink
}

// uiJobDescLink is one download of a card's job description.
type uiJobDescLink struct {
	Format, Lang, URL string
}

// uiJobDescLinks are the job description downloads of card n (1-based)
// of st, version as the page shows it.
func uiJobDescLinks(st *kasip.Standard, version string, n int) []uiJobDescLink {
	var out []uiJobDescLink
	for _, lang := range jobdesc.LanguagesOf(st, n-1) {
		for _, format := range jobdesc.Files {
			q := url.Values{"lang": {lang}, "format": {format}}
			if version != "" {
				q.Set("version", version)
			}
			out = append(out, uiJobDescLink{Format: strings.ToUpper(format), Lang: lang,
				URL: "/api/v1/standards/" + url.PathEscape(st.Code) + "/cards/" + strconv.Itoa(n-1) + "/job-description?" + q.Encode()})
		}
	}
	return out
}

func (s *Server) uiCard(w http.ResponseWriter, r *http.Request) error {
	if uiRedirectCode(w, r) {
		return nil
	}
	ctx := r.Context()
	lang := i18n.RequestLang(r)
	code, version := strings.TrimSpace(r.PathValue("code")), r.PathValue("version")
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		return httpx.UIBadRequest(fmt.Sprintf(i18n.Translate(lang, "The card number “%s” is not valid: expected a whole number from 1."), r.PathValue("n")))
	}
	st, err := s.Reg.Standard(ctx, code, version)
	if err != nil {
		return s.uiStandardErr(r, err, code, version)
	}
	if n > len(st.Cards) {
		return httpx.UINotFound(fmt.Sprintf(i18n.Translate(lang, "The standard “%s” has no card %d."), st.Code, n))
	}
	v := &uiViewer{st: st, code: st.Code, version: version}
	d := &uiCardData{St: st, Code: st.Code, Version: version, StdURL: page.UIStandardURL(st.Code, version), Card: v.card(n - 1), Count: len(st.Cards),
		JobDesc: uiJobDescLinks(st, version, n), Positions: workforceui.PositionLinks(s.Server, r, st.Code, version, n-1)}
	s.uiSimilar(r, st.Code, &d.Card)
	title, tl := page.UIPick(st.Cards[n-1].Title, lang)
	d.UIBase = s.UIBase(r, title)
	if tl != lang {
		d.TitleLang = tl
	}
	d.Nav = "standards"
	d.Generated = st.Generated
	if n > 1 {
		d.Prev = page.UICardURL(st.Code, version, n-1)
	}
	if n < len(st.Cards) {
		d.Next = page.UICardURL(st.Code, version, n+1)
	}
	return s.UIRender(w, r, http.StatusOK, "card", d)
}

// ---- register of professions ----

type uiProfessionsData struct {
	page.UIBase
	Q, OKED, Code, Language, Recognition string
	Generated                            string // "", "no" (hide demo data), "yes" (only demo data)
	Level                                int
	Rows                                 []uiProfRow
	Total                                int
	Pager                                page.UIPager
	OKEDOptions                          []page.UIOption
	Filtered                             bool
}

type uiProfRow struct {
	kasip.Profession
	URL    string
	StdURL string
}

func (s *Server) uiProfessions(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	lang := i18n.RequestLang(r)
	q := s.uiQuery(r)
	d := &uiProfessionsData{
		UIBase:      s.UIBase(r, i18n.Translate(lang, "Register of professions")),
		Q:           q.Str("q"),
		Level:       q.IntRange("level", 0, 1, 8),
		OKED:        q.OKEDSection("oked"),
		Code:        q.Str("code"),
		Language:    q.OneOf("language", "kk", "ru", "en"),
		Recognition: q.OneOf("recognition", kasip.RecognitionMandatory, kasip.RecognitionVoluntary),
		Generated:   q.OneOf("generated", "yes", "no"),
	}
	pageNo := q.page()
	if strings.IndexFunc(d.Code, func(r rune) bool { return !unicode.IsDigit(r) && r != '-' && r != '.' }) >= 0 {
		q.Fail("code", "expected the start of an occupation code, such as 3412 or 3412-0")
	}
	if err := q.err(); err != nil {
		return err
	}
	d.Nav = "professions"
	d.Filtered = d.Q != "" || d.Level != 0 || d.OKED != "" || d.Code != "" || d.Language != "" || d.Recognition != "" || d.Generated != ""
	f := kasip.ProfessionFilter{Query: d.Q, Level: d.Level, OKEDSection: d.OKED, CodePrefix: d.Code, Language: d.Language, Recognition: d.Recognition,
		Generated: httpx.GeneratedFilter(d.Generated)}
	f.Limit, f.Offset = page.UIPageSize, (pageNo-1)*page.UIPageSize
	rows, total, err := s.Reg.Professions(ctx, f)
	if err != nil {
		return err
	}
	if total <= uiCollectAll {
		// Sort the whole result by title in the Kazakh alphabet.
		if pageNo > 1 || total > len(rows) {
			f.Limit, f.Offset = total, 0
			if rows, total, err = s.Reg.Professions(ctx, f); err != nil {
				return err
			}
		}
		uiSortProfessions(rows, lang)
		rows = uiPageOf(rows, pageNo)
	}
	d.Total = total
	for _, p := range rows {
		d.Rows = append(d.Rows, uiProfRow{Profession: p, URL: page.UICardURL(p.StandardCode, p.StandardVersion, p.Card+1), StdURL: page.UIStandardURL(p.StandardCode, "")})
	}
	d.Pager = page.NewPager(r.URL, pageNo, total, page.UIPageSize)
	nodes, err := s.Reg.OKED(ctx)
	if err != nil {
		return err
	}
	for _, n := range nodes {
		if len(n.Code) != 1 {
			continue
		}
		t, _ := page.UIPick(n.Title, lang)
		label := n.Code
		if t != "" {
			label += " — " + page.UIShorten(t, 60)
		}
		d.OKEDOptions = append(d.OKEDOptions, page.UIOption{Value: n.Code, Label: label, Selected: n.Code == d.OKED})
	}
	slices.SortFunc(d.OKEDOptions, func(a, b page.UIOption) int { return cmp.Compare(a.Value, b.Value) })
	d.OKEDOptions = slices.CompactFunc(d.OKEDOptions, func(a, b page.UIOption) bool { return a.Value == b.Value })
	return s.UIRender(w, r, http.StatusOK, "professions", d)
}

func uiSortProfessions(rows []kasip.Profession, lang string) {
	slices.SortStableFunc(rows, func(a, b kasip.Profession) int {
		ta, _ := page.UIPick(a.Title, lang)
		tb, _ := page.UIPick(b.Title, lang)
		return cmp.Or(i18n.Collate(ta, tb), cmp.Compare(a.Level, b.Level), cmp.Compare(a.StandardCode, b.StandardCode), cmp.Compare(a.Card, b.Card))
	})
}

// ---- review dashboard ----

type uiReviewData struct {
	page.UIBase
	Overdue, Due, Later []uiStdRow
	NoDate              int
	Horizon             string // today + 90 days
}

func (s *Server) uiReview(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	lang := i18n.RequestLang(r)
	d := &uiReviewData{UIBase: s.UIBase(r, i18n.Translate(lang, "Review dashboard"))}
	d.Nav = "review"
	d.Horizon = s.Today().AddDate(0, 0, uiReviewDue).Format(time.DateOnly)
	const chunk, most = 500, 20000
	dated := 0
	for off := 0; off < most; off += chunk {
		rows, total, err := s.Reg.ListStandards(ctx, kasip.StandardFilter{ReviewBefore: "9999-12-31", Sort: "review", Limit: chunk, Offset: off})
		if err != nil {
			return err
		}
		dated = total
		for _, row := range s.uiRows(rows) {
			switch row.Review {
			case "overdue":
				d.Overdue = append(d.Overdue, row)
			case "due":
				d.Due = append(d.Due, row)
			case "later":
				d.Later = append(d.Later, row)
			}
		}
		if len(rows) < chunk || off+len(rows) >= total {
			break
		}
	}
	counts, err := s.Reg.Counts(ctx)
	if err != nil {
		return err
	}
	d.NoDate = max(0, counts.Standards-dated)
	return s.UIRender(w, r, http.StatusOK, "review", d)
}
