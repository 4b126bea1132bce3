package httpx

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
)

// Reasons are the message keys a Query reports a parameter with: the API
// and the pages word the same checks for their own catalogues.
type Reasons struct {
	TooLong  string // %d: the longest text
	IntRange string // %d, %d: the bounds
	OneOf    string // %s: the allowed values
	OKED     string
}

// APIReasons are the API catalogue's keys.
var APIReasons = Reasons{
	TooLong:  "must be at most %d characters",
	IntRange: "must be an integer from %d to %d",
	OneOf:    "must be one of %s",
	OKED:     "must be an OKED section letter (A–U)",
}

// Query reads and validates query parameters, keeping the first error.
type Query struct {
	v       map[string][]string
	reasons Reasons
	Err     *ParamError
}

// NewQuery reads the query of r with the API's messages.
func NewQuery(r *http.Request) *Query { return NewQueryWith(r, APIReasons) }

// NewQueryWith reads the query of r, reporting with reasons.
func NewQueryWith(r *http.Request, reasons Reasons) *Query {
	return &Query{v: r.URL.Query(), reasons: reasons}
}

// Fail keeps the first failure.
func (q *Query) Fail(name, reason string, args ...any) {
	if q.Err == nil {
		q.Err = &ParamError{Name: name, Reason: reason, Args: args}
	}
}

// MaxQueryLen bounds a free-text parameter.
const MaxQueryLen = 200

// Str reads a free-text parameter, trimmed, of at most MaxQueryLen
// characters.
func (q *Query) Str(name string) string {
	v := strings.TrimSpace(q.first(name))
	if len([]rune(v)) > MaxQueryLen {
		q.Fail(name, q.reasons.TooLong, MaxQueryLen)
		return ""
	}
	return v
}

func (q *Query) first(name string) string {
	if vs := q.v[name]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// IntRange reads an optional integer in [lo, hi]; def when absent.
func (q *Query) IntRange(name string, def, lo, hi int) int {
	raw := q.first(name)
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		q.Fail(name, q.reasons.IntRange, lo, hi)
		return def
	}
	return n
}

// OneOf reads an optional value from allowed ("" when absent).
func (q *Query) OneOf(name string, allowed ...string) string {
	raw := q.first(name)
	if raw == "" || slices.Contains(allowed, raw) {
		return raw
	}
	q.Fail(name, q.reasons.OneOf, strings.Join(allowed, ", "))
	return ""
}

// Boolean reads an optional true/false parameter.
func (q *Query) Boolean(name string) bool {
	switch strings.ToLower(q.first(name)) {
	case "", "false", "0", "no":
		return false
	case "true", "1", "yes":
		return true
	}
	q.Fail(name, "must be true or false")
	return false
}

// Date reads an optional ISO 8601 date (YYYY-MM-DD).
func (q *Query) Date(name string) (time.Time, bool) {
	raw := q.first(name)
	if raw == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, raw)
	if err != nil {
		q.Fail(name, "must be a date as YYYY-MM-DD")
		return time.Time{}, false
	}
	return t, true
}

// Required reads a parameter that must be present.
func (q *Query) Required(name string) string {
	v := q.Str(name)
	if v == "" && q.Err == nil {
		q.Fail(name, "is required")
	}
	return v
}

// Pagination limits.
const (
	DefaultLimit = 50
	MaxLimit     = 200
	MaxOffset    = 1_000_000_000
)

// Page reads limit and offset.
func (q *Query) Page() (limit, offset int) {
	return q.IntRange("limit", DefaultLimit, 1, MaxLimit), q.IntRange("offset", 0, 0, MaxOffset)
}

// GeneratedValues are the accepted values of the generated parameter:
// exclude (or false) leaves generated demo data out, only (or true) shows
// nothing else, include or absent shows both.
var GeneratedValues = []string{"include", "exclude", "only", "true", "false"}

// Generated reads the generated parameter of lists and search.
func (q *Query) Generated() *bool {
	return GeneratedFilter(q.OneOf("generated", GeneratedValues...))
}

// GeneratedFilter is the registry's filter for a value of the generated
// parameter (the pages' yes and no included): nil shows both.
func GeneratedFilter(v string) *bool {
	switch v {
	case "exclude", "false", "no":
		return new(false)
	case "only", "true", "yes":
		return new(true)
	}
	return nil
}

// SearchKinds are the item kinds a query may ask for.
var SearchKinds = []string{
	kasip.KindStandard, kasip.KindCard, kasip.KindFunction, kasip.KindSkill,
	kasip.KindAbility, kasip.KindKnowledge, kasip.KindAction, kasip.KindTerm,
}

// Kinds reads a repeatable parameter of item kinds, each value also a
// comma list.
func (q *Query) Kinds(name string) []string {
	var out []string
	for _, raw := range q.v[name] {
		for k := range strings.SplitSeq(raw, ",") {
			k = strings.TrimSpace(k)
			if k == "" {
				continue
			}
			if !slices.Contains(SearchKinds, k) {
				q.Fail(name, q.reasons.OneOf, strings.Join(SearchKinds, ", "))
				return nil
			}
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// OKEDSection reads an OKED section: one Latin letter (A–U in the
// classification), case-insensitive, upper-cased.
func (q *Query) OKEDSection(name string) string {
	raw := strings.TrimSpace(q.first(name))
	if raw == "" {
		return ""
	}
	if len(raw) != 1 || !('A' <= raw[0] && raw[0] <= 'Z' || 'a' <= raw[0] && raw[0] <= 'z') {
		q.Fail(name, q.reasons.OKED)
		return ""
	}
	return strings.ToUpper(raw)
}

// OccupationCodePrefix is the beginning of an occupation code: digits,
// with the dots and hyphens the classifiers write.
var OccupationCodePrefix = regexp.MustCompile(`^[0-9][0-9.\-]{0,19}$`)

// CodePrefix reads the beginning of an occupation code.
func (q *Query) CodePrefix(name string) string {
	raw := strings.TrimSpace(q.first(name))
	if raw == "" {
		return ""
	}
	if !OccupationCodePrefix.MatchString(raw) {
		q.Fail(name, "must be the beginning of an occupation code (digits, \".\" and \"-\")")
		return ""
	}
	return raw
}
