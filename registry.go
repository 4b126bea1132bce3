package kasip

import (
	"context"
	"errors"
	"time"
)

// The registry: what the store keeps and the web layer serves. The
// interfaces live here, with the model, so that adapters depend on the
// domain and never on each other (store implements, web consumes).

// Errors the registry returns; the web layer maps them to HTTP statuses.
var (
	ErrNotFound = errors.New("not found")
	ErrInvalid  = errors.New("invalid")
)

// Import statuses.
const (
	ImportNew        = "new"         // a code not seen before
	ImportNewVersion = "new-version" // a known code, a version not stored yet
	ImportUnchanged  = "unchanged"   // this standard was imported from the same source file before, or its content is as stored
	ImportMerged     = "merged"      // another language of a stored version
	ImportUpdated    = "updated"     // the same code, version and language, other content: replaced
)

// Recognition modes of a profession in the register.
const (
	RecognitionMandatory = "mandatory"
	RecognitionVoluntary = "voluntary"
)

// SourceFile is an original document kept with a standard.
type SourceFile struct {
	Name   string
	Format string
	SHA256 string
	Data   []byte
}

// ImportResult says what an import did.
type ImportResult struct {
	Code     string   `json:"code"`
	Version  string   `json:"version"`
	Status   string   `json:"status"`
	Unmerged []string `json:"unmerged,omitempty"` // what a bilingual merge could not align
	// Conflicts are where the merged documents disagree (kasip.Merge),
	// each with both values; they are stored with the version too.
	Conflicts []Conflict `json:"conflicts,omitempty"`
}

// StandardSummary is a row of the list of standards.
type StandardSummary struct {
	Code       string    `json:"code"`
	Version    string    `json:"version"`
	Year       int       `json:"year,omitempty"`
	Title      Text      `json:"title"`
	Family     string    `json:"family"`
	Languages  []string  `json:"languages"`
	Generated  bool      `json:"generated"`
	Cards      int       `json:"cards"`
	ReviewDate string    `json:"review_date,omitempty"`
	Versions   int       `json:"versions"`
	ImportedAt time.Time `json:"imported_at"`
}

// VersionInfo describes one stored version of a standard.
type VersionInfo struct {
	Version    string    `json:"version"`
	Year       int       `json:"year,omitempty"`
	Languages  []string  `json:"languages"`
	ImportedAt time.Time `json:"imported_at"`
	Sources    []Source  `json:"sources"`
}

// StandardFilter selects and orders standards. Sort is one of "code",
// "title", "review", "imported" ("-" prefix for descending).
type StandardFilter struct {
	Query        string // matches code or title, any language, case-insensitive
	Language     string
	Family       string
	Generated    *bool
	ReviewBefore string // ISO date: planned review on or before
	Sort         string
	Limit        int
	Offset       int
}

// Profession is a card of the latest version of a standard, as an entry of
// the register of professions.
type Profession struct {
	ID              int64    `json:"id"`
	StandardCode    string   `json:"standard_code"`
	StandardVersion string   `json:"standard_version"`
	StandardTitle   Text     `json:"standard_title"`
	Card            int      `json:"card"` // index into the standard's cards
	Title           Text     `json:"title"`
	Codes           []string `json:"codes"`
	Level           int      `json:"level"`
	OKEDSections    []string `json:"oked_sections"`
	Languages       []string `json:"languages"`
	Recognition     string   `json:"recognition"` // mandatory, voluntary
	Generated       bool     `json:"generated"`
}

// ProfessionFilter selects professions.
type ProfessionFilter struct {
	Query       string
	Level       int
	OKEDSection string
	CodePrefix  string
	Language    string
	Recognition string
	Generated   *bool // nil: all; false: real cards only; true: generated (demo) only
	Limit       int
	Offset      int
}

// OKEDNode is an entry of the activity classifier as found in the standards.
type OKEDNode struct {
	Code     string      `json:"code"`
	Level    string      `json:"level"`
	Title    Text        `json:"title"`
	Children []*OKEDNode `json:"children,omitempty"`
}

// Counts are the registry's totals.
type Counts struct {
	Standards   int `json:"standards"`
	Versions    int `json:"versions"`
	Professions int `json:"professions"`
}

// Registry is the store of standards and professions.
type Registry interface {
	// Import stores a standard read from sources, atomically: on error
	// nothing changes.
	Import(ctx context.Context, st *Standard, sources []SourceFile) (ImportResult, error)
	// Standard returns a stored version; version "" means the latest.
	Standard(ctx context.Context, code, version string) (*Standard, error)
	Versions(ctx context.Context, code string) ([]VersionInfo, error)
	ListStandards(ctx context.Context, f StandardFilter) ([]StandardSummary, int, error)
	Source(ctx context.Context, code, version string, index int) (SourceFile, error)
	Professions(ctx context.Context, f ProfessionFilter) ([]Profession, int, error)
	Profession(ctx context.Context, id int64) (Profession, error)
	SetRecognition(ctx context.Context, id int64, mode string) error
	OKED(ctx context.Context) ([]*OKEDNode, error)
	Counts(ctx context.Context) (Counts, error)
	Ping(ctx context.Context) error
	Close() error
}

// VersionKey is the version a standard is stored under: the version the
// technical data gives, or "1" when the document gives none (Russian
// register exports carry no version).
func (s *Standard) VersionKey() string {
	if s.Technical.Version != "" {
		return s.Technical.Version
	}
	return "1"
}

// StandardJSONer is implemented by registries that keep the JSON form of
// each standard and can hand it out without decoding and encoding it again:
// the fast path for serving a standard.
type StandardJSONer interface {
	StandardJSON(ctx context.Context, code, version string) ([]byte, error)
}
