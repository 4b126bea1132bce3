package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/kasip/kasip"
)

// Search (issue 4): the API side. The registry answers when it implements
// kasip.Searcher; a registry that cannot search makes these 501.

// searchKinds are the item kinds a query may ask for.
var searchKinds = []string{
	kasip.KindStandard, kasip.KindCard, kasip.KindFunction, kasip.KindSkill,
	kasip.KindAbility, kasip.KindKnowledge, kasip.KindAction, kasip.KindTerm,
}

// Search limits.
const (
	searchDefaultLimit = 20
	searchMaxLimit     = 100
	similarMaxLimit    = 50
)

// searcher is the registry as a kasip.Searcher, or nil.
func (s *Server) searcher() kasip.Searcher {
	if sr, ok := s.reg.(kasip.Searcher); ok {
		return sr
	}
	return nil
}

// kinds reads a repeatable parameter of item kinds, each value also a comma
// list.
func (q *apiQuery) kinds(name string) []string {
	var out []string
	for _, raw := range q.v[name] {
		for k := range strings.SplitSeq(raw, ",") {
			k = strings.TrimSpace(k)
			if k == "" {
				continue
			}
			if !slices.Contains(searchKinds, k) {
				q.fail(name, "must be one of %s", strings.Join(searchKinds, ", "))
				return nil
			}
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// boolean reads an optional true/false parameter.
func (q *apiQuery) boolean(name string) bool {
	switch strings.ToLower(q.first(name)) {
	case "", "false", "0", "no":
		return false
	case "true", "1", "yes":
		return true
	}
	q.fail(name, "must be true or false")
	return false
}

// GET /api/v1/search
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := newAPIQuery(r)
	sq := kasip.SearchQuery{
		Text:        q.str("q"),
		Level:       q.intRange("level", 0, 1, 8),
		OKEDSection: q.okedSection("oked"),
		Standard:    q.str("standard"),
		Language:    q.oneOf("lang", contentLanguages...),
		Kinds:       q.kinds("kind"),
		AllVersions: q.boolean("all_versions"),
		Generated:   q.generated(),
		Limit:       q.intRange("limit", searchDefaultLimit, 1, searchMaxLimit),
		Offset:      q.intRange("offset", 0, 0, maxOffset),
	}
	if q.err != nil {
		s.badParam(w, r, q.err)
		return
	}
	if n, changed := kasip.NormalizeCode(sq.Standard); changed && n != "" && kasip.CodeShaped(sq.Standard) {
		sq.Standard = n
	}
	sr := s.searcher()
	if sr == nil {
		s.problem(w, r, http.StatusNotImplemented, "search is not available", "")
		return
	}
	res, err := sr.Search(r.Context(), sq)
	if err != nil {
		s.registryError(w, r, err, "", http.StatusBadRequest)
		return
	}
	normalizeSearchResult(&res)
	s.writeJSON(w, r, http.StatusOK, res)
}

// SimilarResponse is the answer of GET /api/v1/standards/{code}/similar.
type SimilarResponse struct {
	Items []kasip.SearchHit `json:"items"`
}

// GET /api/v1/standards/{code}/similar
func (s *Server) apiSimilar(w http.ResponseWriter, r *http.Request) {
	q := newAPIQuery(r)
	code := strings.TrimSpace(r.PathValue("code"))
	path := q.required("path")
	limit := q.intRange("limit", 10, 1, similarMaxLimit)
	if q.err != nil {
		s.badParam(w, r, q.err)
		return
	}
	sr := s.searcher()
	if sr == nil {
		s.problem(w, r, http.StatusNotImplemented, "search is not available", "")
		return
	}
	if n, changed := kasip.NormalizeCode(code); changed && n != "" && kasip.CodeShaped(code) {
		code = n
	}
	hits, err := sr.Similar(r.Context(), code, path, limit)
	if err != nil {
		s.registryError(w, r, err, apiT(r, "no standard %q or no item at %q", code, path), http.StatusBadRequest)
		return
	}
	for i := range hits {
		normalizeHit(&hits[i])
	}
	s.writeJSON(w, r, http.StatusOK, SimilarResponse{Items: nonNilSlice(hits)})
}

func normalizeSearchResult(res *kasip.SearchResult) {
	res.Hits = nonNilSlice(res.Hits)
	for i := range res.Hits {
		normalizeHit(&res.Hits[i])
	}
	if res.Facets == nil {
		res.Facets = map[string]map[string]int{}
	}
}

func normalizeHit(h *kasip.SearchHit) {
	if h.Highlights == nil {
		h.Highlights = [][2]int{}
	}
	if h.StandardTitle == nil {
		h.StandardTitle = kasip.Text{}
	}
}
