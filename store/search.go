package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/search"
)

var _ kasip.Searcher = (*Store)(nil)

// Limits of a query.
const (
	defaultSearchLimit = 20
	maxSearchLimit     = 100
	// candidateCap bounds the documents read for one query word (shared
	// among its terms, at least minPerTerm each), best impact first, so
	// that a word found in most documents cannot make a query slow. Both
	// databases read the same rows.
	minPerTerm = 50
	// similarTerms is how many of an item's terms (the highest TF-IDF) are
	// used to find candidates for Similar; similarCandidates how many
	// candidates are then compared in full.
	similarTerms      = 30
	similarCandidates = 60
	similarPerTerm    = 300
)

// SimilarCutoff is the least cosine similarity of a similar item: below
// it items share a few common words but not their subject, and an empty
// list ("nothing similar") says more than unrelated items would.
const SimilarCutoff = 0.25

// candidateCap: see the constants above (a variable for benchmarks).
var candidateCap = 1000

// searchState is the vocabulary and statistics of one generation.
type searchState struct {
	gen   int64
	vocab *search.Vocab
	stats search.Stats
	cands *candCache // candidate lists of this generation

	exactMu sync.Mutex
	exact   map[string]*kasip.CodeMatch // code lookups of this generation (nil: no match)
}

// maxExact bounds the cached code lookups; past it the map starts afresh.
const maxExact = 10_000

// exactCode is Store.exactCode through the generation's cache.
func (s *Store) cachedExactCode(ctx context.Context, st *searchState, term string) (*kasip.CodeMatch, error) {
	st.exactMu.Lock()
	m, ok := st.exact[term]
	st.exactMu.Unlock()
	if ok {
		if m == nil {
			return nil, nil
		}
		c := *m // callers may change theirs
		return &c, nil
	}
	m, err := s.exactCode(ctx, term)
	if err != nil {
		return nil, err
	}
	st.exactMu.Lock()
	if st.exact == nil || len(st.exact) >= maxExact {
		st.exact = map[string]*kasip.CodeMatch{}
	}
	if m != nil {
		c := *m
		st.exact[term] = &c
	} else {
		st.exact[term] = nil
	}
	st.exactMu.Unlock()
	return m, nil
}

// state returns the vocabulary, loaded once per process and reloaded when
// the registry's generation changes (an import here or in another process).
func (s *Store) searchState(ctx context.Context) (*searchState, error) {
	gen, err := s.generation(ctx)
	if err != nil {
		return nil, err
	}
	s.searchMu.Lock()
	defer s.searchMu.Unlock()
	if c := s.searchCache; c != nil && c.gen == gen {
		return c, nil
	}
	st := &searchState{gen: gen, cands: newCandCache(s.cacheRowsLocked())}
	if err := s.r.QueryRowContext(ctx, "SELECT docs, length FROM search_stats WHERE id = 1").Scan(&st.stats.Docs, &st.stats.Length); err != nil {
		return nil, fmt.Errorf("search: read statistics: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, "SELECT term, df, word FROM search_vocab")
	if err != nil {
		return nil, fmt.Errorf("search: read vocabulary: %w", err)
	}
	defer rows.Close()
	var es []search.Entry
	for rows.Next() {
		var e search.Entry
		if err := rows.Scan(&e.Term, &e.DF, &e.Word); err != nil {
			return nil, fmt.Errorf("search: read vocabulary: %w", err)
		}
		es = append(es, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: read vocabulary: %w", err)
	}
	st.vocab = search.NewVocab(es)
	s.searchCache = st
	return st, nil
}

// cand is a matching document while a query is scored: a candidate row
// (shared, read-only) and what this query computed about it.
type cand struct {
	*candRow
	posts []search.Posting
	score float64
	also  []*cand // collapsed: other documents with the same text
}

// maxAlso bounds the places listed with a collapsed hit.
const maxAlso = 50

// collapse keeps the best-ranked of the documents that say the same thing
// (the same text in the same language: one knowledge item under four
// functions, or in a copy of the standard) and lists the others with it, so
// that a page never shows one text twice. ms is in rank order. Across
// versions (allVersions) a text collapses only within one version: there the
// versions are what the reader asked to see.
func collapse(ms []*cand, allVersions bool) []*cand {
	first := make(map[string]*cand, len(ms))
	out := ms[:0:0]
	for _, c := range ms {
		c.also = nil
		key := c.lang + "\x00" + strings.Join(strings.Fields(strings.ToLower(c.text)), " ")
		if allVersions {
			key = c.code + "\x00" + c.version + "\x00" + key
		}
		if f, ok := first[key]; ok {
			f.also = append(f.also, c)
			continue
		}
		first[key] = c
		out = append(out, c)
	}
	return out
}

func checkSearchQuery(q *kasip.SearchQuery) error {
	if q.Level < 0 || q.Level > 8 {
		return fmt.Errorf("search: level %d is not 0..8: %w", q.Level, kasip.ErrInvalid)
	}
	for _, k := range q.Kinds {
		if !search.ValidKind(k) {
			return fmt.Errorf("search: unknown kind %q: %w", k, kasip.ErrInvalid)
		}
	}
	switch q.Language {
	case "", "kk", "ru", "en":
	default:
		return fmt.Errorf("search: unknown language %q: %w", q.Language, kasip.ErrInvalid)
	}
	if q.Offset < 0 {
		return fmt.Errorf("search: negative offset: %w", kasip.ErrInvalid)
	}
	if q.Limit < 0 {
		return fmt.Errorf("search: negative limit: %w", kasip.ErrInvalid)
	}
	if q.Limit == 0 {
		q.Limit = defaultSearchLimit
	}
	q.Limit = min(q.Limit, maxSearchLimit)
	q.OKEDSection = strings.ToUpper(strings.TrimSpace(q.OKEDSection))
	if len(q.OKEDSection) > 1 || (q.OKEDSection != "" && (q.OKEDSection[0] < 'A' || q.OKEDSection[0] > 'Z')) {
		return fmt.Errorf("search: OKED section %q is not a letter: %w", q.OKEDSection, kasip.ErrInvalid)
	}
	q.Standard = strings.TrimSpace(q.Standard)
	return nil
}

// filters returns the conditions on search_docs d of the query's filters.
func searchFilters(q kasip.SearchQuery) ([]string, []any) {
	var conds []string
	var args []any
	if !q.AllVersions {
		conds = append(conds, "d.is_latest")
	}
	if q.Level > 0 {
		conds = append(conds, "d.level = ?")
		args = append(args, q.Level)
	}
	if q.OKEDSection != "" {
		conds = append(conds, `d.oked_sections LIKE ? ESCAPE '\'`)
		args = append(args, "%,"+likeEscape(q.OKEDSection)+",%")
	}
	if q.Standard != "" {
		code := q.Standard
		if kasip.CodeShaped(code) {
			code, _ = kasip.NormalizeCode(code)
		}
		conds = append(conds, "d.code = ?")
		args = append(args, code)
	}
	if q.Language != "" {
		conds = append(conds, "d.lang = ?")
		args = append(args, q.Language)
	}
	if q.Generated != nil {
		conds = append(conds, "d.generated = ?")
		args = append(args, *q.Generated)
	}
	if len(q.Kinds) > 0 {
		conds = append(conds, "d.kind IN ("+placeholders(len(q.Kinds))+")")
		for _, k := range q.Kinds {
			args = append(args, k)
		}
	}
	return conds, args
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// Search answers a query: candidates come from search_postings by term,
// ranking, facets and highlights are computed in Go (package search), so
// both databases give the same page.
func (s *Store) Search(ctx context.Context, q kasip.SearchQuery) (kasip.SearchResult, error) {
	res := kasip.SearchResult{Hits: []kasip.SearchHit{}, Facets: emptyFacets()}
	if err := checkSearchQuery(&q); err != nil {
		return res, err
	}
	leave, err := s.enterSearch(ctx)
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	defer leave()
	st, err := s.searchState(ctx)
	if err != nil {
		return res, err
	}
	pq := search.ParseQuery(q.Text)
	if len(pq.Clauses) == 0 {
		return res, nil
	}
	pq.Expand(st.vocab)
	if code := pq.Code(); code != "" {
		if res.Exact, err = s.cachedExactCode(ctx, st, code); err != nil {
			return res, err
		}
	}

	// Documents with every word come first: read the candidates of the
	// rarest word, then check the others on each candidate's terms. When
	// they do not fill the page, documents with some of the words follow,
	// those with more words first.
	f := &fetcher{s: s, st: st, q: q, pq: pq, byID: map[int64]*cand{}}
	driver := -1
	best := 0
	for i, c := range pq.Clauses {
		df := 0
		for t := range c.Match {
			df += st.vocab.DF(t)
		}
		if driver < 0 || df < best {
			driver, best = i, df
		}
	}
	if best > 0 {
		if err := f.fetch(ctx, driver); err != nil {
			return res, err
		}
	}
	full := match(pq, f.order, true)
	var partial []*cand
	if len(full) < q.Offset+q.Limit && len(pq.Clauses) > 1 && pq.Phrases == 0 {
		for i := range pq.Clauses {
			if i != driver || best == 0 {
				if err := f.fetch(ctx, i); err != nil {
					return res, err
				}
			}
		}
		full = match(pq, f.order, true)
		partial = matchSome(pq, f.order)
	}
	if len(full) == 0 && len(partial) == 0 {
		res.DidYouMean = pq.DidYouMean(q.Text)
		return res, nil
	}
	for _, c := range full {
		c.score = pq.Score(c.kind, c.length, c.posts, st.stats, st.vocab)
	}
	n := float64(len(pq.Clauses))
	for _, c := range partial {
		c.score = pq.Score(c.kind, c.length, c.posts, st.stats, st.vocab) * float64(pq.Matched(c.posts)) / n
	}
	sort.Slice(full, func(i, j int) bool { return before(full[i], full[j]) })
	sort.Slice(partial, func(i, j int) bool { return before(partial[i], partial[j]) })
	matches, folded := foldVariants(append(full, partial...))
	matches = collapse(matches, q.AllVersions)
	res.Facets = facets(matches)
	res.Total = len(matches)
	res.DidYouMean = pq.DidYouMean(q.Text)

	if q.Offset >= len(matches) {
		return res, nil
	}
	page := matches[q.Offset:min(q.Offset+q.Limit, len(matches))]
	hits, err := s.hits(ctx, page)
	if err != nil {
		return res, err
	}
	for i := range hits {
		hits[i].Highlights = pq.Highlights(hits[i].Text)
		hits[i].Variants = folded[page[i].id]
	}
	res.Hits = hits
	return res, nil
}

// foldVariants puts real items before generated (demo) ones, keeping each
// group's order, and folds a generated item whose kind and text an earlier
// item has into that item: demo variants repeat their base's items, and
// forty copies of one sentence are one hit with "+N variants". It returns
// the kept items and, by kept item id, how many were folded into it.
func foldVariants(in []*cand) ([]*cand, map[int64]int) {
	out := make([]*cand, 0, len(in))
	for _, c := range in {
		if !c.gen {
			out = append(out, c)
		}
	}
	first := map[string]int64{}
	for _, c := range out {
		if k := c.kind + "\x00" + c.text; !hasKey(first, k) {
			first[k] = c.id
		}
	}
	folded := map[int64]int{}
	for _, c := range in {
		if !c.gen {
			continue
		}
		k := c.kind + "\x00" + c.text
		if id, ok := first[k]; ok {
			folded[id]++
			continue
		}
		first[k] = c.id
		out = append(out, c)
	}
	return out, folded
}

func emptyFacets() map[string]map[string]int {
	return map[string]map[string]int{"kind": {}, "level": {}, "lang": {}, "oked": {}, "standard": {}}
}

// before is the total order of results: score, then code, path, language
// and version.
func before(a, b *cand) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.code != b.code {
		return a.code < b.code
	}
	if a.path != b.path {
		return a.path < b.path
	}
	if a.lang != b.lang {
		return a.lang < b.lang
	}
	return a.version < b.version
}

func match(pq search.Query, cands []*cand, all bool) []*cand {
	out := []*cand{}
	// The same text recurs across standards (common abilities and
	// knowledge): check a phrase once per text.
	phrase := map[string]bool{}
	for _, c := range cands {
		if !pq.Matches(c.posts, all) {
			continue
		}
		if pq.Phrases > 0 {
			ok, seen := phrase[c.text]
			if !seen {
				ok = pq.PhraseMatch(c.text)
				phrase[c.text] = ok
			}
			if !ok {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// matchSome returns the candidates that have some but not every word.
func matchSome(pq search.Query, cands []*cand) []*cand {
	out := []*cand{}
	for _, c := range cands {
		if pq.Matches(c.posts, false) && !pq.Matches(c.posts, true) {
			out = append(out, c)
		}
	}
	return out
}

func facets(ms []*cand) map[string]map[string]int {
	f := emptyFacets()
	for _, c := range ms {
		f["kind"][c.kind]++
		if c.level > 0 {
			f["level"][strconv.Itoa(c.level)]++
		}
		f["lang"][c.lang]++
		f["standard"][c.code]++
		for _, sec := range c.sections {
			f["oked"][sec]++
		}
	}
	return f
}

// fetcher reads candidate documents: for each term of a query word, the
// documents the filters allow where the term has the highest impact (at
// most candidateCap per word), in (impact desc, doc_id) order on both
// databases. A candidate's postings for every query term come from its
// terms, so the other words are checked without reading their postings.
type fetcher struct {
	s     *Store
	st    *searchState
	q     kasip.SearchQuery
	pq    search.Query
	byID  map[int64]*cand
	order []*cand
	terms map[int32]bool // vocabulary IDs of every term of the query
}

func (f *fetcher) fetch(ctx context.Context, clause int) error {
	if f.terms == nil {
		f.terms = map[int32]bool{}
		for _, t := range f.pq.AllTerms() {
			if id := f.st.vocab.ID(t); id >= 0 {
				f.terms[id] = true
			}
		}
	}
	c := f.pq.Clauses[clause]
	terms := make([]string, 0, len(c.Match))
	for t := range c.Match {
		terms = append(terms, t)
	}
	if len(terms) == 0 {
		return nil
	}
	sort.Strings(terms)
	per := max(minPerTerm, candidateCap/len(terms))
	conds, fargs := searchFilters(f.q)
	for _, t := range terms {
		args := append(append([]any{t}, fargs...), per)
		key := fmt.Sprint(args...) + "\x00" + strings.Join(conds, "\x00")
		rows, err := f.st.cands.get(ctx, key, func(ctx context.Context) ([]*candRow, error) {
			return f.s.readCandidates(ctx, f.st.vocab, conds, args)
		})
		if err != nil {
			return err
		}
		for _, r := range rows {
			if f.byID[r.id] != nil {
				continue
			}
			cc := &cand{candRow: r, posts: f.postings(r.terms)}
			f.byID[r.id] = cc
			f.order = append(f.order, cc)
		}
	}
	return nil
}

// postings counts the query's terms among a document's terms.
func (f *fetcher) postings(terms []int32) []search.Posting {
	var ps []search.Posting
	var ids []int32
	for _, t := range terms {
		if !f.terms[t] {
			continue
		}
		found := false
		for i := range ids {
			if ids[i] == t {
				ps[i].TF++
				found = true
				break
			}
		}
		if !found {
			ids = append(ids, t)
			ps = append(ps, search.Posting{Term: f.st.vocab.Term(t), TF: 1})
		}
	}
	return ps
}

// readCandidates runs the candidate query of one term (args: the term, the
// filters' arguments, the limit).
func (s *Store) readCandidates(ctx context.Context, v *search.Vocab, conds []string, args []any) ([]*candRow, error) {
	query := s.q(`SELECT d.id, d.code, d.path, d.lang, d.kind, d.version, d.level, d.length, d.oked_sections,
		d.terms, d.text, d.generated
		FROM search_postings p JOIN search_docs d ON d.id = p.doc_id
		WHERE p.term = ?` + andConds(conds) + `
		ORDER BY p.impact DESC, p.doc_id LIMIT ?`)
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search: candidates: %w", err)
	}
	defer rows.Close()
	var out []*candRow
	// Codes, versions, languages and kinds repeat from row to row: one
	// string each, for the rows that stay in the cache.
	intern := map[string]string{}
	in := func(s string) string {
		if t, ok := intern[s]; ok {
			return t
		}
		intern[s] = s
		return s
	}
	for rows.Next() {
		r := &candRow{}
		var sections, terms string
		if err := rows.Scan(&r.id, &r.code, &r.path, &r.lang, &r.kind, &r.version, &r.level, &r.length,
			&sections, &terms, &r.text, &r.gen); err != nil {
			return nil, fmt.Errorf("search: candidates: %w", err)
		}
		r.code, r.lang, r.kind, r.version = in(r.code), in(r.lang), in(r.kind), in(r.version)
		for t := range strings.FieldsSeq(terms) {
			if id := v.ID(t); id >= 0 {
				r.terms = append(r.terms, id)
			}
		}
		for _, sec := range strings.Split(strings.Trim(sections, ","), ",") {
			if sec != "" {
				r.sections = append(r.sections, in(sec))
			}
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: candidates: %w", err)
	}
	return out, nil
}

func andConds(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " AND " + strings.Join(conds, " AND ")
}

// hits reads what the page shows of its documents, in the page's order.
func (s *Store) hits(ctx context.Context, page []*cand) ([]kasip.SearchHit, error) {
	if len(page) == 0 {
		return []kasip.SearchHit{}, nil
	}
	args := make([]any, len(page))
	for i, c := range page {
		args[i] = c.id
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT d.id, d.code, d.version, st.title, d.card, d.card_title, d.level,
		d.kind, d.path, d.lang, d.text, d.generated
		FROM search_docs d JOIN standards st ON st.id = d.standard_id
		WHERE d.id IN (`+placeholders(len(page))+`)`), args...)
	if err != nil {
		return nil, fmt.Errorf("search: read hits: %w", err)
	}
	defer rows.Close()
	byID := map[int64]kasip.SearchHit{}
	for rows.Next() {
		var id int64
		var h kasip.SearchHit
		var stTitle, cardTitle string
		if err := rows.Scan(&id, &h.Code, &h.Version, &stTitle, &h.Card, &cardTitle, &h.Level, &h.Kind, &h.Path,
			&h.Lang, &h.Text, &h.Generated); err != nil {
			return nil, fmt.Errorf("search: read hits: %w", err)
		}
		if err := json.Unmarshal([]byte(stTitle), &h.StandardTitle); err != nil {
			return nil, fmt.Errorf("search: decode title: %w", err)
		}
		if err := json.Unmarshal([]byte(cardTitle), &h.CardTitle); err != nil {
			return nil, fmt.Errorf("search: decode card title: %w", err)
		}
		if len(h.CardTitle) == 0 {
			h.CardTitle = nil
		}
		byID[id] = h
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: read hits: %w", err)
	}
	out := make([]kasip.SearchHit, 0, len(page))
	for _, c := range page {
		h, ok := byID[c.id]
		if !ok {
			continue // replaced by an import since the candidates were read
		}
		h.Score = c.score
		h.Highlights = [][2]int{}
		h.AlsoCount = len(c.also)
		for _, o := range c.also[:min(len(c.also), maxAlso)] {
			h.Also = append(h.Also, kasip.SearchPlace{Code: o.code, Version: o.version, Kind: o.kind, Path: o.path})
		}
		out = append(out, h)
	}
	return out, nil
}

// exactCode looks a code up among the codes of standards, cards and
// functions of the latest versions: the standard's own code first, then a
// card's, then a function's.
func (s *Store) exactCode(ctx context.Context, term string) (*kasip.CodeMatch, error) {
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT d.code, d.card, d.path, d.kind, d.terms FROM search_postings p
		JOIN search_docs d ON d.id = p.doc_id
		WHERE p.term = ? AND d.is_latest AND d.kind IN ('standard', 'card', 'function')`), term)
	if err != nil {
		return nil, fmt.Errorf("search: code: %w", err)
	}
	defer rows.Close()
	rank := map[string]int{kasip.KindStandard: 0, kasip.KindCard: 1, kasip.KindFunction: 2}
	var best *kasip.CodeMatch
	bestRank := 99
	for rows.Next() {
		var m kasip.CodeMatch
		var kind, terms string
		if err := rows.Scan(&m.Code, &m.Card, &m.Path, &kind, &terms); err != nil {
			return nil, fmt.Errorf("search: code: %w", err)
		}
		// Codes are stored after the text's terms: the code must be one
		// of them, not a number in the title.
		if !codeOf(terms, term) {
			continue
		}
		// A standard's document also carries its activity (OKED) codes;
		// only its own code makes it the answer.
		if kind == kasip.KindStandard && strings.ToLower(m.Code) != term {
			continue
		}
		r := rank[kind]
		if best == nil || r < bestRank || (r == bestRank && (m.Code < best.Code || (m.Code == best.Code && m.Path < best.Path))) {
			mm := m
			best, bestRank = &mm, r
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: code: %w", err)
	}
	return best, nil
}

// codeOf reports whether term is among the trailing code terms of a
// document's term list (search.Documents appends the item's codes).
func codeOf(terms, term string) bool {
	f := strings.Fields(terms)
	for i := len(f) - 1; i >= 0; i-- {
		if f[i] == term {
			return true
		}
		if !strings.ContainsAny(f[i], "0123456789") {
			return false
		}
	}
	return false
}

// Similar returns the functions and skills of other standards (latest
// versions) whose TF-IDF vectors — title plus abilities, knowledge and
// actions, in every language — are closest by cosine to the function or
// skill at path of standard code.
func (s *Store) Similar(ctx context.Context, code, path string, limit int) ([]kasip.SearchHit, error) {
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, maxSearchLimit)
	if code = strings.TrimSpace(code); kasip.CodeShaped(code) {
		code, _ = kasip.NormalizeCode(code)
	}
	st, err := s.searchState(ctx)
	if err != nil {
		return nil, err
	}
	src, kind, err := s.itemVector(ctx, code, path)
	if err != nil {
		return nil, err
	}
	if kind == "" {
		return nil, fmt.Errorf("similar: %s %s: %w", code, path, kasip.ErrNotFound)
	}
	if kind != kasip.KindFunction && kind != kasip.KindSkill {
		return nil, fmt.Errorf("similar: %s %s is a %s, not a function or skill: %w", code, path, kind, kasip.ErrInvalid)
	}
	// The item's most characteristic terms find the candidates.
	type tw struct {
		t string
		w float64
	}
	var tws []tw
	for t, n := range src {
		tws = append(tws, tw{t, float64(n) * search.IDF(st.stats.Docs, st.vocab.DF(t))})
	}
	sort.Slice(tws, func(i, j int) bool {
		if tws[i].w != tws[j].w {
			return tws[i].w > tws[j].w
		}
		return tws[i].t < tws[j].t
	})
	if len(tws) > similarTerms {
		tws = tws[:similarTerms]
	}
	if len(tws) == 0 {
		return []kasip.SearchHit{}, nil
	}
	type owner struct{ code, path string }
	partial := map[owner]float64{}
	query := s.q(`SELECT p.tf, d.code, d.kind, d.path FROM search_postings p
		JOIN search_docs d ON d.id = p.doc_id
		WHERE p.term = ? AND d.is_latest AND d.code <> ?
		AND d.kind IN ('function', 'skill', 'ability', 'knowledge', 'action')
		ORDER BY p.impact DESC, p.doc_id LIMIT ?`)
	for _, x := range tws {
		rows, err := s.r.QueryContext(ctx, query, x.t, code, similarPerTerm)
		if err != nil {
			return nil, fmt.Errorf("similar: candidates: %w", err)
		}
		for rows.Next() {
			var c, k, p string
			var tf int
			if err := rows.Scan(&tf, &c, &k, &p); err != nil {
				rows.Close()
				return nil, fmt.Errorf("similar: candidates: %w", err)
			}
			if o := search.Owner(k, p); o != "" {
				partial[owner{c, o}] += x.w
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("similar: candidates: %w", err)
		}
	}
	owners := make([]owner, 0, len(partial))
	for o := range partial {
		owners = append(owners, o)
	}
	sort.Slice(owners, func(i, j int) bool {
		a, b := owners[i], owners[j]
		if partial[a] != partial[b] {
			return partial[a] > partial[b]
		}
		if a.code != b.code {
			return a.code < b.code
		}
		return a.path < b.path
	})
	if len(owners) > similarCandidates {
		owners = owners[:similarCandidates]
	}
	type scored struct {
		owner
		sim float64
	}
	var out []scored
	for _, o := range owners {
		vec, _, err := s.itemVector(ctx, o.code, o.path)
		if err != nil {
			return nil, err
		}
		if sim := search.Cosine(src, vec, st.stats, st.vocab); sim >= SimilarCutoff {
			out = append(out, scored{o, sim})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].sim != out[j].sim {
			return out[i].sim > out[j].sim
		}
		if out[i].code != out[j].code {
			return out[i].code < out[j].code
		}
		return out[i].path < out[j].path
	})
	if len(out) > limit {
		out = out[:limit]
	}
	hits := []kasip.SearchHit{}
	for _, o := range out {
		h, err := s.itemHit(ctx, o.code, o.path)
		if err != nil {
			return nil, err
		}
		h.Score = o.sim
		hits = append(hits, h)
	}
	return hits, nil
}

// itemVector returns the term counts of the item at path of code's latest
// version and everything under it, and the item's kind ("" when there is
// no such item).
func (s *Store) itemVector(ctx context.Context, code, path string) (map[string]int, string, error) {
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT d.kind, d.path, d.terms FROM search_docs d
		WHERE d.code = ? AND d.is_latest AND (d.path = ? OR d.path LIKE ? ESCAPE '\')`),
		code, path, likeEscape(path)+".%")
	if err != nil {
		return nil, "", fmt.Errorf("similar: read item: %w", err)
	}
	defer rows.Close()
	vec := map[string]int{}
	kind := ""
	for rows.Next() {
		var k, p, terms string
		if err := rows.Scan(&k, &p, &terms); err != nil {
			return nil, "", fmt.Errorf("similar: read item: %w", err)
		}
		if p == path {
			kind = k
		}
		switch k {
		case kasip.KindFunction, kasip.KindSkill, kasip.KindAbility, kasip.KindKnowledge, kasip.KindAction:
		default:
			continue
		}
		for _, t := range strings.Fields(terms) {
			vec[t]++
		}
	}
	return vec, kind, rows.Err()
}

// itemHit is the hit for an item's title: in Kazakh, else Russian, else
// English.
func (s *Store) itemHit(ctx context.Context, code, path string) (kasip.SearchHit, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, s.q(`SELECT d.id FROM search_docs d WHERE d.code = ? AND d.is_latest AND d.path = ?
		ORDER BY CASE d.lang WHEN 'kk' THEN 0 WHEN 'ru' THEN 1 WHEN 'en' THEN 2 ELSE 3 END, d.lang LIMIT 1`), code, path).Scan(&id)
	if err == sql.ErrNoRows {
		return kasip.SearchHit{}, fmt.Errorf("similar: %s %s: %w", code, path, kasip.ErrNotFound)
	}
	if err != nil {
		return kasip.SearchHit{}, fmt.Errorf("similar: read item: %w", err)
	}
	hs, err := s.hits(ctx, []*cand{{candRow: &candRow{id: id}}})
	if err != nil {
		return kasip.SearchHit{}, err
	}
	if len(hs) == 0 {
		return kasip.SearchHit{}, fmt.Errorf("similar: %s %s: %w", code, path, kasip.ErrNotFound)
	}
	return hs[0], nil
}

func hasKey(m map[string]int64, k string) bool { _, ok := m[k]; return ok }
