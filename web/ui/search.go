package ui

import (
	"cmp"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/ui/page"
)

// The search page (issue 4): a search box with filters and facet counts,
// hits grouped by standard and then by card, matches highlighted; search-
// as-you-type suggestions for the script in static/suggest.js; and similar
// items of other standards under each function of a card page.

// uiKindNames are the labels of the item kinds (message keys).
var uiKindNames = map[string]string{
	kasip.KindStandard:  "Standard",
	kasip.KindCard:      "Profession card",
	kasip.KindFunction:  "Labour function",
	kasip.KindSkill:     "Skill",
	kasip.KindAbility:   "Ability",
	kasip.KindKnowledge: "Knowledge item",
	kasip.KindAction:    "Labour action",
	kasip.KindTerm:      "Term",
}

// uiKindLabel translates an item kind.
func uiKindLabel(kind, lang string) string {
	if k, ok := uiKindNames[kind]; ok {
		return i18n.Translate(lang, k)
	}
	return kind
}

type uiSearchData struct {
	page.UIBase
	Q, OKED, Standard, Language, Kind string
	Generated                         string // "", "no" (hide demo data), "yes" (only demo data)
	Level                             int
	Available                         bool // the registry can search
	Searched                          bool // there was a query or a filter
	Filtered                          bool
	Total                             int
	Groups                            []uiSearchGroup
	Fallback                          []uiStdRow // standards matching, when search is not available
	Pager                             page.UIPager
	DidYouMean, DidYouMeanURL         string
	Facets                            []uiFacet
	OKEDOptions                       []page.UIOption
	KindOptions                       []page.UIOption
}

// uiSearchGroup is the hits of one standard.
type uiSearchGroup struct {
	Code, Version string
	Title         kasip.Text
	URL           string
	Generated     bool
	Cards         []uiSearchCard
}

// uiSearchCard is the hits of one card of a standard (N 0: the standard's
// own items).
type uiSearchCard struct {
	N     int
	Title kasip.Text
	Level int
	URL   string
	Hits  []uiSearchHit
}

// uiSearchHit is a hit as shown.
type uiSearchHit struct {
	Kind      string // the kind, translated
	KindKey   string
	HTML      template.HTML // the text with <mark>ed matches
	Lang      string        // the text's language when not the UI language
	URL       string
	Code      string
	StdTitle  kasip.Text
	CardTitle kasip.Text
	Variants  int // generated hits of the same text folded into this one
	Also      int // other places with the same text, collapsed into this hit
}

// uiFacet is one facet: its values with counts and links adding the filter.
type uiFacet struct {
	Param  string // the page's parameter
	Name   string // translated
	Values []uiFacetValue
}

type uiFacetValue struct {
	Label  string
	Lang   string // lang attribute for language names, "" otherwise
	Count  int
	URL    string
	Active bool
}

// uiFacetParams maps the facets of a result to the page's parameters.
var uiFacetParams = []struct{ facet, param, title string }{
	{"kind", "kind", "Item kind"},
	{"level", "level", "Level"},
	{"lang", "language", "Language of the text"},
	{"oked", "oked", "OKED section"},
	{"standard", "standard", "Standard"},
}

func (s *Server) uiSearch(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	lang := i18n.RequestLang(r)
	q := s.uiQuery(r)
	d := &uiSearchData{
		UIBase:   s.UIBase(r, i18n.Translate(lang, "Search the registry")),
		Q:        q.Str("q"),
		Level:    q.IntRange("level", 0, 1, 8),
		OKED:     q.OKEDSection("oked"),
		Standard: q.Str("standard"),
		Language: q.OneOf("language", "kk", "ru", "en"),
		Kind:     q.OneOf("kind", httpx.SearchKinds...),
	}
	d.Generated = q.OneOf("generated", "yes", "no")
	pageNo := q.page()
	if err := q.err(); err != nil {
		return err
	}
	if n, changed := kasip.NormalizeCode(d.Standard); changed && n != "" && kasip.CodeShaped(d.Standard) {
		d.Standard = n
	}
	d.Nav = "search"
	d.Filtered = d.Level != 0 || d.OKED != "" || d.Standard != "" || d.Language != "" || d.Kind != "" || d.Generated != ""
	d.Searched = d.Q != "" || d.Filtered
	for _, k := range httpx.SearchKinds {
		d.KindOptions = append(d.KindOptions, page.UIOption{Value: k, Label: uiKindLabel(k, lang), Selected: k == d.Kind})
	}
	var err error
	if d.OKEDOptions, err = s.uiOKEDOptions(r, d.OKED); err != nil {
		return err
	}
	sr := s.Search
	d.Available = sr != nil
	if !d.Searched {
		return s.UIRender(w, r, http.StatusOK, "search", d)
	}
	if sr == nil {
		// Without a search engine, the standards whose code or title
		// matches are still worth showing.
		rows, total, err := s.uiListStandards(ctx, kasip.StandardFilter{Query: d.Q, Language: d.Language, Sort: "code"}, lang, pageNo)
		if err != nil {
			return err
		}
		d.Fallback, d.Total = s.uiRows(rows), total
		d.Pager = page.NewPager(r.URL, pageNo, total, page.UIPageSize)
		return s.UIRender(w, r, http.StatusOK, "search", d)
	}
	sq := kasip.SearchQuery{
		Text: d.Q, Level: d.Level, OKEDSection: d.OKED, Standard: d.Standard, Language: d.Language,
		Generated: httpx.GeneratedFilter(d.Generated), Limit: page.UIPageSize, Offset: (pageNo - 1) * page.UIPageSize,
	}
	if d.Kind != "" {
		sq.Kinds = []string{d.Kind}
	}
	res, err := sr.Search(ctx, sq)
	if err != nil {
		return err
	}
	if res.Exact != nil {
		if u, err := s.uiExactURL(r, res.Exact); err == nil {
			http.Redirect(w, r, u, http.StatusSeeOther)
			return nil
		} else if !errors.Is(err, kasip.ErrNotFound) {
			return err
		}
	}
	d.Total = res.Total
	d.Groups = uiGroupHits(res.Hits, lang)
	d.Pager = page.NewPager(r.URL, pageNo, res.Total, page.UIPageSize)
	if res.DidYouMean != "" && res.DidYouMean != d.Q {
		d.DidYouMean = res.DidYouMean
		d.DidYouMeanURL = uiWithParam(r.URL, "q", res.DidYouMean)
	}
	d.Facets = uiFacets(r.URL, res.Facets, lang)
	// OKED sections with their titles.
	for i := range d.Facets {
		for j := range d.Facets[i].Values {
			v := &d.Facets[i].Values[j]
			if d.Facets[i].Param != "oked" {
				continue
			}
			if k := slices.IndexFunc(d.OKEDOptions, func(o page.UIOption) bool { return o.Value == v.Label }); k >= 0 {
				v.Label = page.UIShorten(d.OKEDOptions[k].Label, 40)
			}
		}
	}
	return s.UIRender(w, r, http.StatusOK, "search", d)
}

// uiOKEDOptions lists the OKED sections for a select.
func (s *Server) uiOKEDOptions(r *http.Request, selected string) ([]page.UIOption, error) {
	lang := i18n.RequestLang(r)
	nodes, err := s.Reg.OKED(r.Context())
	if err != nil {
		return nil, err
	}
	var out []page.UIOption
	for _, n := range nodes {
		if len(n.Code) != 1 {
			continue
		}
		t, _ := page.UIPick(n.Title, lang)
		label := n.Code
		if t != "" {
			label += " — " + page.UIShorten(t, 60)
		}
		out = append(out, page.UIOption{Value: n.Code, Label: label, Selected: n.Code == selected})
	}
	slices.SortFunc(out, func(a, b page.UIOption) int { return cmp.Compare(a.Value, b.Value) })
	return slices.CompactFunc(out, func(a, b page.UIOption) bool { return a.Value == b.Value }), nil
}

// uiExactURL is the page an exact code match leads to.
func (s *Server) uiExactURL(r *http.Request, m *kasip.CodeMatch) (string, error) {
	if m.Card < 0 {
		return page.UIStandardURL(m.Code, ""), nil
	}
	st, err := s.Reg.Standard(r.Context(), m.Code, "")
	if err != nil {
		return "", err
	}
	if m.Card >= len(st.Cards) {
		return page.UIStandardURL(st.Code, ""), nil
	}
	return page.UICardURL(st.Code, st.VersionKey(), m.Card+1) + UIPathAnchor(m.Path), nil
}

// uiWithParam is u with name set to value (or removed when ""), without
// page and lang.
func uiWithParam(u *url.URL, name, value string) string {
	q := u.Query()
	q.Del("page")
	q.Del("lang")
	if value == "" {
		q.Del(name)
	} else {
		q.Set(name, value)
	}
	if len(q) == 0 {
		return u.EscapedPath()
	}
	return u.EscapedPath() + "?" + q.Encode()
}

var uiPathIndexRe = regexp.MustCompile(`(functions|skills)\[(\d+)\]`)

// uiPathAnchor is the anchor of the card page for a model path: the
// function or the skill the item belongs to.
func UIPathAnchor(path string) string {
	anchor := ""
	for _, m := range uiPathIndexRe.FindAllStringSubmatch(path, -1) {
		n, err := strconv.Atoi(m[2])
		if err != nil {
			return anchor
		}
		switch m[1] {
		case "functions":
			anchor = "function-" + strconv.Itoa(n+1)
		case "skills":
			if anchor == "" {
				return ""
			}
			anchor += "-skill-" + strconv.Itoa(n+1)
		}
	}
	if anchor == "" {
		return ""
	}
	return "#" + anchor
}

// uiHitURL is where a hit is shown: its card's page at the function or
// skill, or the standard's page.
func uiHitURL(h kasip.SearchHit) string {
	if h.Card < 0 {
		return page.UIStandardURL(h.Code, h.Version)
	}
	return page.UICardURL(h.Code, h.Version, h.Card+1) + UIPathAnchor(h.Path)
}

// uiGroupHits groups hits by standard (and version) and then by card,
// groups in the rank order of their first hit.
func uiGroupHits(hits []kasip.SearchHit, lang string) []uiSearchGroup {
	var groups []uiSearchGroup
	index := map[string]int{}
	for _, h := range hits {
		key := h.Code + "\x00" + h.Version
		gi, ok := index[key]
		if !ok {
			gi = len(groups)
			index[key] = gi
			groups = append(groups, uiSearchGroup{Code: h.Code, Version: h.Version, Title: h.StandardTitle, URL: page.UIStandardURL(h.Code, ""), Generated: h.Generated})
		}
		g := &groups[gi]
		n := h.Card + 1
		ci := slices.IndexFunc(g.Cards, func(c uiSearchCard) bool { return c.N == n })
		if ci < 0 {
			c := uiSearchCard{N: n, Title: h.CardTitle, Level: h.Level}
			if n > 0 {
				c.URL = page.UICardURL(h.Code, h.Version, n)
			} else {
				c.URL = page.UIStandardURL(h.Code, h.Version) + "#passport"
			}
			g.Cards = append(g.Cards, c)
			ci = len(g.Cards) - 1
		}
		g.Cards[ci].Hits = append(g.Cards[ci].Hits, uiHit(h, lang))
	}
	return groups
}

func uiHit(h kasip.SearchHit, lang string) uiSearchHit {
	v := uiSearchHit{
		Kind: uiKindLabel(h.Kind, lang), KindKey: h.Kind, HTML: UIHighlight(h.Text, h.Highlights),
		URL: uiHitURL(h), Code: h.Code, StdTitle: h.StandardTitle, CardTitle: h.CardTitle,
		Variants: h.Variants,
		Also:     h.AlsoCount,
	}
	if h.Lang != "" && h.Lang != lang {
		v.Lang = h.Lang
	}
	return v
}

// uiHighlight escapes text and wraps the byte ranges hl in <mark>. Ranges
// out of bounds are clamped, overlapping ones merged, ends inside a
// letter moved to its boundary; every segment is escaped on its own.
func UIHighlight(text string, hl [][2]int) template.HTML {
	rs := slices.Clone(hl)
	slices.SortFunc(rs, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	// Merge ranges that overlap or touch: one <mark> each.
	merged := rs[:0]
	for _, rg := range rs {
		if n := len(merged); n > 0 && rg[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], rg[1])
			continue
		}
		merged = append(merged, rg)
	}
	rs = merged
	var b strings.Builder
	pos := 0
	for _, rg := range rs {
		start, end := max(rg[0], pos), min(rg[1], len(text))
		for start < end && !utf8.RuneStart(text[start]) {
			start++
		}
		for end < len(text) && end > start && !utf8.RuneStart(text[end]) {
			end++
		}
		if start >= end {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[pos:start]))
		b.WriteString("<mark>")
		b.WriteString(template.HTMLEscapeString(text[start:end]))
		b.WriteString("</mark>")
		pos = end
	}
	b.WriteString(template.HTMLEscapeString(text[pos:]))
	return template.HTML(b.String())
}

// uiFacets turns the facet counts into links that add the filter.
func uiFacets(u *url.URL, facets map[string]map[string]int, lang string) []uiFacet {
	cur := u.Query()
	var out []uiFacet
	for _, fp := range uiFacetParams {
		counts := facets[fp.facet]
		if len(counts) == 0 {
			continue
		}
		f := uiFacet{Param: fp.param, Name: i18n.Translate(lang, fp.title)}
		for v, n := range counts {
			if v == "" || n <= 0 {
				continue
			}
			fv := uiFacetValue{Label: v, Count: n, URL: uiWithParam(u, fp.param, v), Active: cur.Get(fp.param) == v}
			switch fp.facet {
			case "kind":
				fv.Label = uiKindLabel(v, lang)
			case "lang":
				fv.Label = page.UILangName(v, lang)
			}
			if fv.Active {
				fv.URL = uiWithParam(u, fp.param, "")
			}
			f.Values = append(f.Values, fv)
		}
		slices.SortFunc(f.Values, func(a, b uiFacetValue) int {
			if fp.facet == "level" {
				return cmp.Compare(a.Label, b.Label)
			}
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Label, b.Label))
		})
		if len(f.Values) > 10 {
			f.Values = f.Values[:10]
		}
		if len(f.Values) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// ---- suggestions ----

// uiSuggestion is one suggestion of search-as-you-type.
type UISuggestion struct {
	Label string `json:"label"`
	Kind  string `json:"kind"` // translated
	Code  string `json:"code"`
	URL   string `json:"url"`
}

const UISuggestMax = 8

// GET /search/suggest?q=: up to 8 titles of standards, cards and functions
// matching what has been typed, as JSON.
func (s *Server) uiSuggest(w http.ResponseWriter, r *http.Request) error {
	lang := i18n.RequestLang(r)
	q := s.uiQuery(r)
	text := q.Str("q")
	if err := q.err(); err != nil {
		return err
	}
	items := []UISuggestion{}
	if len([]rune(text)) >= 2 {
		var err error
		if items, err = s.uiSuggestions(r, text, lang); err != nil {
			return err
		}
	}
	w.Header().Set("Cache-Control", "private, max-age=60")
	httpx.WriteJSON(w, r, http.StatusOK, struct {
		Items []UISuggestion `json:"items"`
	}{items})
	return nil
}

func (s *Server) uiSuggestions(r *http.Request, text, lang string) ([]UISuggestion, error) {
	ctx := r.Context()
	items := []UISuggestion{}
	seen := map[string]bool{}
	add := func(sg UISuggestion) {
		key := sg.Label + "\x00" + sg.URL
		if sg.Label == "" || seen[key] || len(items) >= UISuggestMax {
			return
		}
		seen[key] = true
		items = append(items, sg)
	}
	sr := s.Search
	if sr == nil {
		rows, _, err := s.Reg.ListStandards(ctx, kasip.StandardFilter{Query: text, Sort: "code", Limit: UISuggestMax})
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			t, _ := page.UIPick(row.Title, lang)
			add(UISuggestion{Label: t, Kind: uiKindLabel(kasip.KindStandard, lang), Code: row.Code, URL: page.UIStandardURL(row.Code, "")})
		}
		return items, nil
	}
	qt := text
	if last, _ := utf8.DecodeLastRuneInString(qt); last != ' ' && last != '"' && last != '*' && !strings.Contains(qt, `"`) {
		qt += "*"
	}
	res, err := sr.Search(ctx, kasip.SearchQuery{Text: qt, Kinds: []string{kasip.KindStandard, kasip.KindCard, kasip.KindFunction}, Limit: 3 * UISuggestMax})
	if err != nil && qt != text {
		res, err = sr.Search(ctx, kasip.SearchQuery{Text: text, Kinds: []string{kasip.KindStandard, kasip.KindCard, kasip.KindFunction}, Limit: 3 * UISuggestMax})
	}
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		add(UISuggestion{Label: page.UIShorten(h.Text, 120), Kind: uiKindLabel(h.Kind, lang), Code: h.Code, URL: uiHitURL(h)})
	}
	return items, nil
}

// ---- similar items on a card page ----

const uiSimilarMax = 5

// uiSimilar fills in the similar items of each function of the card cv
// (by its path in the latest version). A registry that cannot search, or an item it
// does not know, leaves them empty; other errors are logged, the page is
// still shown.
func (s *Server) uiSimilar(r *http.Request, code string, cv *uiCardView) {
	sr := s.Search
	if sr == nil {
		return
	}
	lang := i18n.RequestLang(r)
	for j := range cv.Functions {
		fv := &cv.Functions[j]
		hits, err := sr.Similar(r.Context(), code, fv.Path, uiSimilarMax)
		if err != nil {
			if !errors.Is(err, kasip.ErrNotFound) && r.Context().Err() == nil {
				s.Log.Warn("ui: similar items", "code", code, "path", fv.Path, "err", err)
			}
			continue
		}
		for _, h := range hits {
			fv.Similar = append(fv.Similar, uiHit(h, lang))
		}
		fv.SimilarNone = len(hits) == 0
	}
}
