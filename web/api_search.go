package web

import (
	"net/http"
	"strings"

	"github.com/kasip/kasip"
)

// Search (issue 4): the API side. The registry answers when it implements
// kasip.Searcher; a registry that cannot search makes these 501.

// Search limits.
const (
	searchDefaultLimit = 20
	searchMaxLimit     = 100
	similarMaxLimit    = 50
)

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
		badParam(w, r, q.err)
		return
	}
	if n, changed := kasip.NormalizeCode(sq.Standard); changed && n != "" && kasip.CodeShaped(sq.Standard) {
		sq.Standard = n
	}
	sr := s.searcher()
	if sr == nil {
		fail(w, r, http.StatusNotImplemented, "search is not available", "")
		return
	}
	res, err := sr.Search(r.Context(), sq)
	if err != nil {
		registryError(w, r, err, "", http.StatusBadRequest)
		return
	}
	normalizeSearchResult(&res)
	writeJSON(w, r, http.StatusOK, res)
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
		badParam(w, r, q.err)
		return
	}
	sr := s.searcher()
	if sr == nil {
		fail(w, r, http.StatusNotImplemented, "search is not available", "")
		return
	}
	if n, changed := kasip.NormalizeCode(code); changed && n != "" && kasip.CodeShaped(code) {
		code = n
	}
	hits, err := sr.Similar(r.Context(), code, path, limit)
	if err != nil {
		registryError(w, r, err, apiT(r, "no standard %q or no item at %q", code, path), http.StatusBadRequest)
		return
	}
	for i := range hits {
		normalizeHit(&hits[i])
	}
	writeJSON(w, r, http.StatusOK, SimilarResponse{Items: nonNilSlice(hits)})
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
