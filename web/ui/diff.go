package ui

import (
	"html"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/ui/page"
)

// The versions and diff page: which items were added, removed and changed
// between two versions of a standard (kasip.Diff), changed items side by
// side with the changed words marked.

type uiDiffData struct {
	page.UIBase
	St         *kasip.Standard // the "to" version
	Code       string
	From, To   string
	Versions   []uiVersionRow
	Added      []uiChange
	Removed    []uiChange
	Changed    []uiChange
	Same       bool // from == to
	OneVersion bool
}

// uiChange is a kasip.Change as the page shows it.
type uiChange struct {
	kasip.Change
	Where   string        // the path in words: "Card 1 › Labour function 2 › Skill 1"
	Link    string        // the card page the change is on, if any
	OldHTML template.HTML // Old with removed words marked
	NewHTML template.HTML // New with added words marked
}

func (s *Server) uiDiff(w http.ResponseWriter, r *http.Request) error {
	if uiRedirectCode(w, r) {
		return nil
	}
	ctx := r.Context()
	lang := i18n.RequestLang(r)
	code := strings.TrimSpace(r.PathValue("code"))
	q := s.uiQuery(r)
	from, to := q.Str("from"), q.Str("to")
	if err := q.err(); err != nil {
		return err
	}
	versions, err := s.Reg.Versions(ctx, code)
	if err == nil && len(versions) == 0 {
		err = kasip.ErrNotFound
	}
	if err != nil {
		return s.uiStandardErr(r, err, code, "")
	}
	rows, latest, _ := uiVersionRows(code, versions, "")
	if to == "" {
		to = latest.Version
	}
	if from == "" {
		from = to
		for i, v := range rows {
			if v.Version == to && i > 0 {
				from = rows[i-1].Version
			}
		}
	}
	a, err := s.Reg.Standard(ctx, code, from)
	if err != nil {
		return s.uiStandardErr(r, err, code, from)
	}
	b, err := s.Reg.Standard(ctx, code, to)
	if err != nil {
		return s.uiStandardErr(r, err, code, to)
	}
	d := &uiDiffData{St: b, Code: b.Code, From: from, To: to, Versions: rows, Same: from == to, OneVersion: len(rows) < 2}
	title, _ := page.UIPick(b.Title, lang)
	d.UIBase = s.UIBase(r, i18n.Translate(lang, "Versions and changes")+": "+title)
	d.Nav = "standards"
	d.Generated = b.Generated
	if !d.Same {
		for _, c := range kasip.Diff(a, b) {
			if uiIsDatePath(c.Path) {
				c.Old, c.New = page.UIDate(c.Old, lang), page.UIDate(c.New, lang)
			}
			uc := uiChange{Change: c, Where: page.UIHumanPath(c.Path, lang)}
			if n, ok := uiPathCard(c.Path); ok {
				switch {
				case c.Kind != "removed" && n <= len(b.Cards):
					uc.Link = page.UICardURL(b.Code, to, n)
				case c.Kind == "removed" && n <= len(a.Cards):
					uc.Link = page.UICardURL(a.Code, from, n)
				}
			}
			switch c.Kind {
			case "added":
				d.Added = append(d.Added, uc)
			case "removed":
				d.Removed = append(d.Removed, uc)
			default:
				uc.OldHTML, uc.NewHTML = uiWordDiff(c.Old, c.New)
				d.Changed = append(d.Changed, uc)
			}
		}
	}
	return s.UIRender(w, r, http.StatusOK, "diff", d)
}

// uiIsDatePath says whether a model path names a date (order.date,
// technical.review_date), whose values the page shows in its language's
// date format rather than as ISO dates.
func uiIsDatePath(path string) bool {
	last := path[strings.LastIndexByte(path, '.')+1:]
	return last == "date" || strings.HasSuffix(last, "_date")
}

// uiPathCard is the 1-based card a path is in.
func uiPathCard(p string) (int, bool) {
	m := page.UIPathCardRe.FindStringSubmatch(p)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n + 1, err == nil
}

// uiWordDiff marks the words of old missing from new (<del>) and the words
// of new missing from old (<ins>), by the longest common subsequence of
// words. Long texts (where the table would be large) are shown unmarked.
func uiWordDiff(old, new string) (template.HTML, template.HTML) {
	a, b := strings.Fields(old), strings.Fields(new)
	if len(a)*len(b) > 200_000 || len(a) == 0 || len(b) == 0 {
		return template.HTML(html.EscapeString(old)), template.HTML(html.EscapeString(new))
	}
	// lcs[i][j] = length of the LCS of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var oa, ob []string
	var runA, runB []string
	flush := func() {
		if len(runA) > 0 {
			oa = append(oa, "<del>"+html.EscapeString(strings.Join(runA, " "))+"</del>")
			runA = nil
		}
		if len(runB) > 0 {
			ob = append(ob, "<ins>"+html.EscapeString(strings.Join(runB, " "))+"</ins>")
			runB = nil
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			flush()
			oa = append(oa, html.EscapeString(a[i]))
			ob = append(ob, html.EscapeString(b[j]))
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			runB = append(runB, b[j])
			j++
		default:
			runA = append(runA, a[i])
			i++
		}
	}
	flush()
	return template.HTML(strings.Join(oa, " ")), template.HTML(strings.Join(ob, " "))
}
