package ui

import (
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
				uc.OldHTML, uc.NewHTML = page.WordDiff(c.Old, c.New)
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
