package api

import (
	"net/http"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
)

// Search (issue 4): the API side. The registry answers when it implements
// kasip.Searcher; a registry that cannot search makes these 501.

// Search limits.
const (
	SearchDefaultLimit = 20
	searchMaxLimit     = 100
	similarMaxLimit    = 50
)

// GET /api/v1/search
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQuery(r)
	sq := kasip.SearchQuery{
		Text:        q.Str("q"),
		Level:       q.IntRange("level", 0, 1, 8),
		OKEDSection: q.OKEDSection("oked"),
		Standard:    q.Str("standard"),
		Language:    q.OneOf("lang", contentLanguages...),
		Kinds:       q.Kinds("kind"),
		AllVersions: q.Boolean("all_versions"),
		Generated:   q.Generated(),
		Limit:       q.IntRange("limit", SearchDefaultLimit, 1, searchMaxLimit),
		Offset:      q.IntRange("offset", 0, 0, httpx.MaxOffset),
	}
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	if n, changed := kasip.NormalizeCode(sq.Standard); changed && n != "" && kasip.CodeShaped(sq.Standard) {
		sq.Standard = n
	}
	sr := s.Search
	if sr == nil {
		httpx.Fail(w, r, http.StatusNotImplemented, "search is not available", "")
		return
	}
	res, err := sr.Search(r.Context(), sq)
	if err != nil {
		httpx.RegistryError(w, r, err, "", http.StatusBadRequest)
		return
	}
	normalizeSearchResult(&res)
	httpx.WriteJSON(w, r, http.StatusOK, res)
}

// SimilarResponse is the answer of GET /api/v1/standards/{code}/similar.
type SimilarResponse struct {
	Items []kasip.SearchHit `json:"items"`
}

// GET /api/v1/standards/{code}/similar
func (s *Server) apiSimilar(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQuery(r)
	code := strings.TrimSpace(r.PathValue("code"))
	path := q.Required("path")
	limit := q.IntRange("limit", 10, 1, similarMaxLimit)
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	sr := s.Search
	if sr == nil {
		httpx.Fail(w, r, http.StatusNotImplemented, "search is not available", "")
		return
	}
	if n, changed := kasip.NormalizeCode(code); changed && n != "" && kasip.CodeShaped(code) {
		code = n
	}
	hits, err := sr.Similar(r.Context(), code, path, limit)
	if err != nil {
		httpx.RegistryError(w, r, err, i18n.APIT(r, "no standard %q or no item at %q", code, path), http.StatusBadRequest)
		return
	}
	for i := range hits {
		normalizeHit(&hits[i])
	}
	httpx.WriteJSON(w, r, http.StatusOK, SimilarResponse{Items: httpx.NonNilSlice(hits)})
}

func normalizeSearchResult(res *kasip.SearchResult) {
	res.Hits = httpx.NonNilSlice(res.Hits)
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
