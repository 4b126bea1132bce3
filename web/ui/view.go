package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/lint"
	"github.com/kasip/kasip/web/ui/page"
)

// View models: the model as the templates show it, with URLs and source
// references resolved in Go so the templates stay simple.

// uiSrc says where an item came from in its source document.
type uiSrc struct {
	File    string
	Line    int
	Element string
	URL     string // download of the source file
}

// Ref is "file:line" or "file element".
func (s uiSrc) Ref() string {
	switch {
	case s.File == "":
		return ""
	case s.Line > 0:
		return s.File + ":" + strconv.Itoa(s.Line)
	case s.Element != "":
		return s.File + " " + s.Element
	}
	return s.File
}

// Short is the element's last step ("Knowledge[3]"), for the chip.
func (s uiSrc) Short() string {
	e := strings.TrimRight(s.Element, "/")
	if i := strings.LastIndex(e, "/"); i >= 0 {
		e = e[i+1:]
	}
	return e
}

// uiItem is an entry of a list with its source.
type uiItem struct {
	Number int
	Text   kasip.Text
	Src    uiSrc
}

type uiSkillView struct {
	S         *kasip.Skill
	Anchor    string // id on the card page
	Recog     string // "yes", "no" or "" (the document does not say)
	Src       uiSrc
	Abilities []uiItem
	Knowledge []uiItem
}

type uiFunctionView struct {
	N       int
	F       *kasip.Function
	Path    string        // in the model, e.g. cards[0].functions[1]
	Anchor  string        // id on the card page
	Similar []uiSearchHit // items of other standards most like it
	// SimilarNone: the registry searched and nothing passed the similarity cut-off.
	SimilarNone bool
	Src         uiSrc
	Skills      []uiSkillView
	Actions     []uiItem
	Abilities   []uiItem
	Knowledge   []uiItem
	Other       []uiItem
}

// uiCardView is a card with everything the card page shows.
type uiCardView struct {
	N      int // 1-based position, as in the URL
	URL    string
	Anchor string
	C      *kasip.Card
	Src    uiSrc

	Functions    []uiFunctionView
	Education    []uiItem
	Specialities []uiItem
	Experience   []uiItem
	Admission    []uiItem
	Purpose      []uiItem
	Competencies []uiItem
	Regulations  []uiItem
	Other        []uiItem
	Related      []uiRelated
	AltTitles    []uiAlt
	Classifiers  []uiClassified
}

type uiRelated struct {
	Level int
	Title kasip.Text
	Src   uiSrc
}

type uiAlt struct {
	Code  string
	Title kasip.Text
	Src   uiSrc
}

type uiClassified struct {
	System, Code string
	Title        kasip.Text
	Src          uiSrc
}

// uiViewer builds views of one stored version of a standard.
type uiViewer struct {
	st      *kasip.Standard
	code    string
	version string
}

func (v *uiViewer) src(o kasip.Origin) uiSrc {
	if o.Line == 0 && o.Element == "" {
		return uiSrc{}
	}
	if o.Source < 0 || o.Source >= len(v.st.Sources) {
		return uiSrc{}
	}
	return uiSrc{File: v.st.Sources[o.Source].File, Line: o.Line, Element: o.Element, URL: page.UISourceURL(v.code, v.version, o.Source)}
}

func (v *uiViewer) fieldSrc(f *kasip.Field) uiSrc {
	if f == nil {
		return uiSrc{}
	}
	return v.src(f.Origin)
}

func (v *uiViewer) items(list []kasip.Item) []uiItem {
	out := make([]uiItem, 0, len(list))
	for _, it := range list {
		if it.Text.IsEmpty() {
			continue
		}
		out = append(out, uiItem{Number: it.Number, Text: it.Text, Src: v.src(it.Origin)})
	}
	return out
}

func (v *uiViewer) card(i int) uiCardView {
	c := &v.st.Cards[i]
	cv := uiCardView{
		N: i + 1, URL: page.UICardURL(v.code, v.version, i+1), Anchor: "card-" + strconv.Itoa(i+1), C: c, Src: v.src(c.Origin),
		Education: v.items(c.Education), Specialities: v.items(c.Specialities), Experience: v.items(c.Experience),
		Admission: v.items(c.Admission), Purpose: v.items(c.Purpose), Competencies: v.items(c.Competencies),
		Regulations: v.items(c.Regulations), Other: v.items(c.Other),
	}
	for j := range c.Functions {
		f := &c.Functions[j]
		n := j + 1
		if f.Number > 0 {
			n = f.Number
		}
		fv := uiFunctionView{
			N: n, F: f, Src: v.src(f.Origin),
			Path:    "cards[" + strconv.Itoa(i) + "].functions[" + strconv.Itoa(j) + "]",
			Anchor:  "function-" + strconv.Itoa(j+1),
			Actions: v.items(f.Actions), Abilities: v.items(f.Abilities), Knowledge: v.items(f.Knowledge), Other: v.items(f.Other),
		}
		for k := range f.Skills {
			sk := &f.Skills[k]
			sv := uiSkillView{S: sk, Src: v.src(sk.Origin), Abilities: v.items(sk.Abilities), Knowledge: v.items(sk.Knowledge),
				Anchor: "function-" + strconv.Itoa(j+1) + "-skill-" + strconv.Itoa(k+1)}
			if sk.Recognizable != nil {
				sv.Recog = map[bool]string{true: "yes", false: "no"}[*sk.Recognizable]
			}
			fv.Skills = append(fv.Skills, sv)
		}
		cv.Functions = append(cv.Functions, fv)
	}
	for _, r := range c.Related {
		cv.Related = append(cv.Related, uiRelated{Level: r.Level, Title: r.Title, Src: v.src(r.Origin)})
	}
	for _, a := range c.AltTitles {
		cv.AltTitles = append(cv.AltTitles, uiAlt{Code: a.Code, Title: a.Title, Src: v.src(a.Origin)})
	}
	for _, k := range c.Classifiers {
		cv.Classifiers = append(cv.Classifiers, uiClassified{System: k.System, Code: k.Code, Title: k.Title, Src: v.src(k.Origin)})
	}
	return cv
}

// uiStdRow is a row of a list of standards.
type uiStdRow struct {
	kasip.StandardSummary
	URL    string
	Review string // overdue, due, later or ""
	Days   int    // days to the review date (negative: overdue)
}

// DaysAbs is |Days|, for "overdue by N days".
func (r uiStdRow) DaysAbs() int {
	if r.Days < 0 {
		return -r.Days
	}
	return r.Days
}

// uiReviewDue is how far ahead a review counts as due (as lint's rule).
const uiReviewDue = 90

// reviewStatus classifies a planned review date against today.
func (s *Server) reviewStatus(iso string) (string, int) {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return "", 0
	}
	days := int(d.Sub(s.Today()).Hours() / 24)
	switch {
	case days < 0:
		return "overdue", days
	case days <= uiReviewDue:
		return "due", days
	}
	return "later", days
}

func (s *Server) uiRows(list []kasip.StandardSummary) []uiStdRow {
	out := make([]uiStdRow, 0, len(list))
	for _, x := range list {
		row := uiStdRow{StandardSummary: x, URL: page.UIStandardURL(x.Code, "")}
		row.Review, row.Days = s.reviewStatus(x.ReviewDate)
		out = append(out, row)
	}
	return out
}

// uiVersionRow is a stored version in the versions list.
type uiVersionRow struct {
	kasip.VersionInfo
	URL     string
	Current bool
	Latest  bool
}

// uiCompareVersions orders version keys: numerically when both are numbers
// ("2" < "10"), else as strings.
func uiCompareVersions(a, b string) int {
	na, ea := strconv.ParseFloat(a, 64)
	nb, eb := strconv.ParseFloat(b, 64)
	if ea == nil && eb == nil && na != nb {
		return cmp.Compare(na, nb)
	}
	return cmp.Compare(a, b)
}

// uiSortVersions orders versions oldest first.
func uiSortVersions(vs []kasip.VersionInfo) {
	slices.SortStableFunc(vs, func(a, b kasip.VersionInfo) int {
		return cmp.Or(uiCompareVersions(a.Version, b.Version), cmp.Compare(a.Year, b.Year))
	})
}

// uiFinding is a lint finding as the standard page lists it: the finding
// was checked in the page's language, so its message is too.
type uiFinding struct {
	lint.Finding
	Summary  string // what the rule checks, in the page's language
	Severity string // the severity in the page's language (Finding.Severity stays the class)
	Where    string // file:line or element
}

func uiFindings(fs []lint.Finding, lang string) []uiFinding {
	out := make([]uiFinding, 0, len(fs))
	for _, f := range fs {
		w := f.Source.File
		switch {
		case f.Source.Line > 0:
			w += ":" + strconv.Itoa(f.Source.Line)
		case f.Source.Element != "":
			w += " " + f.Source.Element
		}
		out = append(out, uiFinding{Finding: f, Summary: lint.RuleSummary(f.Rule, lang), Severity: lint.SeverityName(f.Severity, lang), Where: w})
	}
	// Errors first, then warnings, then the rest; lint's order within.
	rank := map[lint.Severity]int{lint.Error: 0, lint.Warning: 1, lint.Info: 2}
	slices.SortStableFunc(out, func(a, b uiFinding) int { return cmp.Compare(rank[a.Finding.Severity], rank[b.Finding.Severity]) })
	return out
}
