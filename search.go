package kasip

import "context"

// Search: the query side of the registry (issue 4). The analysis of text
// lives in search/analyze; the engine in search/; the store indexes the
// latest version of every standard and answers these queries identically
// on SQLite and PostgreSQL.

// Kinds of searchable items.
const (
	KindStandard  = "standard"
	KindCard      = "card"
	KindFunction  = "function"
	KindSkill     = "skill"
	KindAbility   = "ability"
	KindKnowledge = "knowledge"
	KindAction    = "action"
	KindTerm      = "term"
)

// SearchQuery is what a person asks for.
type SearchQuery struct {
	Text        string   // words, "quoted phrases", prefix*, or a code
	Level       int      // 1..8, 0 = any
	OKEDSection string   // a section letter
	Standard    string   // a standard code
	Language    string   // kk, ru, en
	Kinds       []string // item kinds, none = all
	AllVersions bool     // search every stored version, not only the latest
	Generated   *bool    // nil: real and generated (demo) items; false: real only; true: generated only
	Limit       int      // default 20, at most 100
	Offset      int
}

// SearchHit is one item found.
type SearchHit struct {
	Code          string   `json:"code"`
	Version       string   `json:"version"`
	StandardTitle Text     `json:"standard_title"`
	Card          int      `json:"card"` // index of the card, -1 for standard-level items
	CardTitle     Text     `json:"card_title,omitempty"`
	Level         int      `json:"level,omitempty"`
	Kind          string   `json:"kind"`
	Path          string   `json:"path"` // where in the model, e.g. cards[0].functions[1].skills[0].knowledge[3]
	Lang          string   `json:"lang"`
	Text          string   `json:"text"`
	Highlights    [][2]int `json:"highlights"` // byte ranges of Text that matched
	Score         float64  `json:"score"`
	Generated     bool     `json:"generated,omitempty"`
	// Variants counts further generated hits with the same kind and text
	// folded into this one, so near-identical demo variants of one item
	// do not crowd the page.
	Variants int `json:"variants,omitempty"`
	// Also are the other places with the same text (the same knowledge
	// item under other functions or in other standards), collapsed into
	// this hit; AlsoCount is how many there are (Also holds at most 50).
	Also      []SearchPlace `json:"also,omitempty"`
	AlsoCount int           `json:"also_count,omitempty"`
}

// SearchPlace is where an item with the same text as a hit also occurs.
type SearchPlace struct {
	Code    string `json:"code"`
	Version string `json:"version"`
	Kind    string `json:"kind"`
	Path    string `json:"path"`
}

// CodeMatch is an exact code lookup: the query was a standard, card or
// function code.
type CodeMatch struct {
	Code string `json:"code"` // the standard
	Card int    `json:"card"` // -1 when the code is the standard's
	Path string `json:"path"`
}

// SearchResult is a page of hits with facet counts over all matches.
type SearchResult struct {
	Hits       []SearchHit               `json:"hits"`
	Total      int                       `json:"total"`
	Facets     map[string]map[string]int `json:"facets"` // kind, level, lang, oked, standard → value → count
	DidYouMean string                    `json:"did_you_mean,omitempty"`
	Exact      *CodeMatch                `json:"exact,omitempty"`
}

// Searcher is implemented by registries that can search.
type Searcher interface {
	Search(ctx context.Context, q SearchQuery) (SearchResult, error)
	// Similar returns the items of other standards most like the function
	// or skill at path of standard code (latest version).
	Similar(ctx context.Context, code, path string, limit int) ([]SearchHit, error)
}
