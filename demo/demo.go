// Package demo makes demonstration data: variants of real professional
// standards, for `kasip serve --demo` and for benchmarks.
//
// A variant is a real standard with a new code, renamed profession cards,
// reordered labour functions and list items, and a few items removed, added
// (taken from elsewhere in the same standard) or altered. Some variants get
// a second version, so that an importer builds a version history and the
// diff has something to show.
//
// Generated standards must never be mistaken for real acts, so every one
// has Generated set, TitleSuffix appended to its title in every language it
// has, and a source named "generated:<code>" that describes Document(s). Whatever ties a variant to
// real people or a real act is dropped: the approving order, the register
// number, developers' contacts. Provenance that would point into the real
// document (origins' lines, notes, unplaced text) is dropped too.
package demo

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
)

// TitleSuffix is appended to the title of every generated standard, in
// each language the title has: "demo: not a real standard".
var TitleSuffix = map[string]string{
	"kk": " (демо: нақты стандарт емес)",
	"ru": " (демо: не настоящий стандарт)",
	"en": " (demo: not a real standard)",
}

// SourcePrefix starts the file name of a generated standard's source.
const SourcePrefix = "generated:"

// Generate returns n standards made from base (standards as read; base is
// not modified). The result depends only on base and seed. Codes are in
// the reserved range (CodePrefix, the base code, a counter: M84120 →
// DEMO-M84120-001) and never equal a code of base or of another variant,
// nor any real code; a variant's second
// version has the variant's code, the next version number, the next year
// and a later review date, and comes right after the first in the result.
func Generate(base []*kasip.Standard, n int, seed uint64) []*kasip.Standard {
	g := newGenerator(base, seed)
	if n <= 0 || len(g.bases) == 0 {
		return nil
	}
	out := make([]*kasip.Standard, 0, n)
	for i := 0; len(out) < n; i++ {
		b := &g.bases[i%len(g.bases)]
		v := g.variant(b)
		out = append(out, v)
		if len(out) < n && g.rng.IntN(3) == 0 {
			out = append(out, g.nextVersion(v, b.format))
		}
	}
	return out
}

type generator struct {
	rng   *rand.Rand
	bases []prepared
	used  map[string]bool // codes taken
}

// prepared is a base standard cleaned for demo use; each variant starts
// from a deep copy of it.
type prepared struct {
	std    *kasip.Standard
	format string
}

func newGenerator(base []*kasip.Standard, seed uint64) *generator {
	g := &generator{
		rng:  rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		used: map[string]bool{},
	}
	for _, s := range base {
		if s == nil {
			continue
		}
		g.used[s.Code] = true
		g.bases = append(g.bases, prepare(s))
	}
	return g
}

// prepare copies s without what ties it to real people, a real act or the
// real document's lines.
func prepare(s *kasip.Standard) prepared {
	c := copyOf(s)
	c.Finalize() // lists as [], never null, as the schema wants
	format := "kz-text"
	if len(c.Sources) > 0 {
		format = c.Sources[0].Format
	}
	c.Order = nil
	c.RegistrationNumber = ""
	c.CodeOriginal = ""
	c.Notes, c.Unplaced = []kasip.Note{}, []kasip.Unplaced{}
	for _, list := range [][]kasip.Developer{c.Technical.Bodies, c.Technical.Developers} {
		for i := range list {
			list[i].Contacts = []kasip.Contact{}
		}
	}
	resetOrigins(c)
	return prepared{std: c, format: format}
}

// variant makes one variant of b: a new code, a marked title, renamed
// cards, reordered functions and items, a few edits.
func (g *generator) variant(b *prepared) *kasip.Standard {
	s := copyOf(b.std)
	s.Code = g.newCode(b.std.Code)
	s.Generated = true
	for _, l := range langs(s.Title) {
		s.Title[l] += TitleSuffix[l]
	}
	pool := itemPool(s)
	for ci := range s.Cards {
		g.renameCard(s, ci)
		g.maybeRaiseLevel(s, ci)
		g.reorderFunctions(&s.Cards[ci])
	}
	g.editLists(s, pool, 1)
	stamp(s, b.format)
	return s
}

// nextVersion makes the next version of v: a few more edits, the next
// version number and year, a later review date.
func (g *generator) nextVersion(v *kasip.Standard, format string) *kasip.Standard {
	s := copyOf(v)
	g.editLists(s, itemPool(s), 2)
	t := &s.Technical
	t.Version = nextNumber(v.VersionKey())
	if t.Year != 0 {
		t.Year++
	}
	if d, err := time.Parse(time.DateOnly, t.ReviewDate); err == nil {
		t.ReviewDate = d.AddDate(1, g.rng.IntN(6), 0).Format(time.DateOnly)
	}
	// The texts as written name the old version and date.
	t.VersionText, t.ReviewDateText = nil, nil
	stamp(s, format)
	return s
}

// CodePrefix starts the code of every generated standard. No real code
// can take it: Kazakh codes are a Latin letter and digits (M84120,
// I55101015) and Russian register codes are digits with a dot (06.001), so
// a "DEMO-" code can never shadow a real standard, and a real document
// never lands on a generated code.
const CodePrefix = "DEMO-"

// realCode is the shape of the code of a real act: Kazakh (a Latin letter
// and 4–10 digits) or the Russian register (NN.NNN).
var realCode = regexp.MustCompile(`^(?:[A-Z][0-9]{4,10}|[0-9]{2}\.[0-9]{3})$`)

// IsRealCode reports whether code has the shape of a real standard's code.
func IsRealCode(code string) bool { return realCode.MatchString(code) }

// IsDemoCode reports whether code is in the range reserved for generated
// standards.
func IsDemoCode(code string) bool { return strings.HasPrefix(code, CodePrefix) }

// BaseCode returns the code of the real standard a generated code was made
// from ("DEMO-06.001-002" → "06.001"), and false for any other code.
func BaseCode(code string) (string, bool) {
	if !IsDemoCode(code) {
		return "", false
	}
	rest := code[len(CodePrefix):]
	i := strings.LastIndexByte(rest, '-')
	if i <= 0 {
		return "", false
	}
	return rest[:i], true
}

// newCode returns an unused code in the reserved range for a variant of
// base: CodePrefix, the base code and a counter, e.g. DEMO-M84120-001.
func (g *generator) newCode(base string) string {
	for k := 1; ; k++ {
		c := CodePrefix + base + "-" + pad(k, 3)
		if !g.used[c] {
			g.used[c] = true
			return c
		}
	}
}

func pad(n, width int) string {
	s := strconv.Itoa(n)
	if len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s
}

func nextNumber(v string) string {
	if n, err := strconv.Atoi(v); err == nil {
		return strconv.Itoa(n + 1)
	}
	return v + ".1"
}

// stamp gives s its single generated source. The source stands for
// Document(s) and has its hash and size: equal variants get equal hashes,
// different ones different hashes, so an importer tells them apart as it
// does files, and can keep Document(s) as the source file.
func stamp(s *kasip.Standard, format string) {
	data := Document(s)
	sum := sha256.Sum256(data)
	lang := ""
	if len(s.Languages) > 0 {
		lang = s.Languages[0]
	}
	s.Sources = []kasip.Source{{
		File:     SourcePrefix + s.Code,
		Format:   format,
		SHA256:   hex.EncodeToString(sum[:]),
		Size:     int64(len(data)),
		Encoding: "utf-8",
		Language: lang,
	}}
}

// Document returns the document a generated standard is "read from": its
// JSON without the list of sources, which could not hold its
// own hash. Sources[0] of a generated standard gives the SHA-256 and size
// of exactly these bytes, so this is what to store as its source file.
func Document(s *kasip.Standard) []byte {
	c := *s
	c.Sources = []kasip.Source{}
	data, err := json.Marshal(&c)
	if err != nil {
		panic("demo: a standard does not encode: " + err.Error()) // the model has only encodable types
	}
	return data
}

// Hash returns the SHA-256 (hex) of Document(s).
func Hash(s *kasip.Standard) string {
	sum := sha256.Sum256(Document(s))
	return hex.EncodeToString(sum[:])
}

// copyOf returns a deep copy of s. Reflection rather than a JSON round
// trip: it is several times faster, and generating is mostly copying.
func copyOf(s *kasip.Standard) *kasip.Standard {
	return deepCopy(reflect.ValueOf(s)).Interface().(*kasip.Standard)
}

func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(deepCopy(v.Elem()))
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			c.SetMapIndex(it.Key(), deepCopy(it.Value()))
		}
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v) // scalars
		for i := range v.NumField() {
			if k := v.Field(i).Kind(); k == reflect.Pointer || k == reflect.Slice || k == reflect.Map || k == reflect.Struct {
				c.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return c
	}
	return v
}

// langs returns the languages of t in a fixed order, so that random
// choices do not depend on map order.
func langs(t kasip.Text) []string {
	var out []string
	for l, s := range t {
		if s != "" {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}
