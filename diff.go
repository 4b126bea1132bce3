package kasip

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Change is one difference between two versions of a standard.
type Change struct {
	Path string `json:"path"` // where in the model, e.g. cards[0].functions[1].skills[0].knowledge[3]
	Kind string `json:"kind"` // added, removed, changed
	Old  string `json:"old,omitempty"`
	New  string `json:"new,omitempty"`
}

// Change kinds.
const (
	ChangeAdded   = "added"
	ChangeRemoved = "removed"
	ChangeChanged = "changed"
)

// Diff compares two versions of a standard structurally and returns what b
// changed relative to a, in document order. Paths are JSON paths in b for
// added and changed entries and in a for removed ones.
//
// Entries of lists are aligned by content, not by index: cards by title and
// occupation codes, functions and skills by title, list items by their
// normalised text. So an entry that only moved is not a change, and an
// inserted item does not turn every later one into a "changed". Numbers and
// provenance (origins, sources, notes, unplaced) are not compared: they
// follow from the order and from the files read, not from the content.
//
// Texts are compared in the languages both have, so adding a translation is
// not a change.
func Diff(a, b *Standard) []Change {
	if a == nil || b == nil {
		return nil
	}
	d := &differ{}
	d.passport(a, b)
	d.cards(a.Cards, b.Cards)
	d.technical(&a.Technical, &b.Technical)
	return coalesce(d.out)
}

// coalesce makes sure each path is reported once: a removal and an addition
// at one path are one change, and so are any other two entries there (the
// first old value against the last new one). Alignment already pairs what
// it can; this keeps the promise whatever a list's shape.
func coalesce(cs []Change) []Change {
	at := make(map[string]int, len(cs))
	out := cs[:0:0]
	for _, c := range cs {
		k, dup := at[c.Path]
		if !dup {
			at[c.Path] = len(out)
			out = append(out, c)
			continue
		}
		m := &out[k]
		if m.Old == "" {
			m.Old = c.Old
		}
		if c.New != "" {
			m.New = c.New
		}
		switch {
		case m.Old != "" && m.New != "":
			m.Kind = ChangeChanged
		case m.Old != "":
			m.Kind = ChangeRemoved
		default:
			m.Kind = ChangeAdded
		}
	}
	return out
}

type differ struct{ out []Change }

// value records a change of a single value; an absent value ("") on one side
// makes it an addition or a removal.
func (d *differ) value(p at, old, new string) {
	if old == new {
		return
	}
	kind, path := ChangeChanged, p.b
	switch {
	case old == "":
		kind = ChangeAdded
	case new == "":
		kind, path = ChangeRemoved, p.a
	}
	d.out = append(d.out, Change{Path: path, Kind: kind, Old: old, New: new})
}

// text records a change of a Text compared in the languages both have. With
// no language in common only the presence of a text can change.
func (d *differ) text(p at, a, b Text) {
	common := commonLangs(a, b)
	for _, l := range common {
		if squash(a[l]) != squash(b[l]) {
			d.out = append(d.out, Change{Path: p.b, Kind: ChangeChanged, Old: a[l], New: b[l]})
			return
		}
	}
	if len(common) == 0 && a.IsEmpty() != b.IsEmpty() {
		d.value(p, a.Best(), b.Best())
	}
}

// at is a place in both versions: its path in a and in b (they differ
// below an entry that moved).
type at struct{ a, b string }

func top(name string) at { return at{name, name} }

func (p at) dot(name string) at { return at{join(p.a, name), join(p.b, name)} }

func (p at) pair(i, j int) at { return at{index(p.a, i), index(p.b, j)} }

// walk reports b's entries in order, the paired ones through pair and the
// others as added, then a's unpaired entries as removed.
func (d *differ) walk(p at, ab, ba []int, pair func(q at, i, j int), whatA, whatB func(int) string) {
	for j, i := range ba {
		if i >= 0 {
			pair(p.pair(i, j), i, j)
		} else {
			d.added(index(p.b, j), whatB(j))
		}
	}
	for i, j := range ab {
		if j < 0 {
			d.removed(index(p.a, i), whatA(i))
		}
	}
}

func (d *differ) added(path, what string) {
	d.out = append(d.out, Change{Path: path, Kind: ChangeAdded, New: what})
}

func (d *differ) removed(path, what string) {
	d.out = append(d.out, Change{Path: path, Kind: ChangeRemoved, Old: what})
}

func (d *differ) passport(a, b *Standard) {
	d.text(top("title"), a.Title, b.Title)
	d.value(top("code"), a.Code, b.Code)
	d.value(top("registration_number"), a.RegistrationNumber, b.RegistrationNumber)
	if a.Order != nil || b.Order != nil {
		oa, ob := orZero(a.Order), orZero(b.Order)
		d.value(top("order.number"), oa.Number, ob.Number)
		d.value(top("order.date"), oa.Date, ob.Date)
	}
	d.text(top("activity_kind"), fieldText(a.ActivityKind), fieldText(b.ActivityKind))
	d.text(top("purpose"), fieldText(a.Purpose), fieldText(b.Purpose))
	d.text(top("scope"), fieldText(a.Scope), fieldText(b.Scope))
	d.entries(top("terms"), termEntries(a.Terms), termEntries(b.Terms))
	d.entries(top("abbreviations"), termEntries(a.Abbreviations), termEntries(b.Abbreviations))
	d.entries(top("oked"), okedEntries(a.OKED), okedEntries(b.OKED))
	d.entries(top("occupations"), classifiedEntries(a.Occupations), classifiedEntries(b.Occupations))
	d.text(top("description"), fieldText(a.Description), fieldText(b.Description))
	d.text(top("common_requirements"), fieldText(a.CommonRequirements), fieldText(b.CommonRequirements))
	d.entries(top("card_list"), cardRefEntries(a.CardList), cardRefEntries(b.CardList))
}

func (d *differ) technical(a, b *Technical) {
	d.value(top("technical.version"), a.Version, b.Version)
	d.value(top("technical.year"), itoa(a.Year), itoa(b.Year))
	d.value(top("technical.review_date"), a.ReviewDate, b.ReviewDate)
}

// cards aligns the cards by title and occupation codes, so that a reordered
// card keeps its identity.
func (d *differ) cards(a, b []Card) {
	ab, ba := align(len(a), len(b), matcher{
		same: func(i, j int) bool {
			return sameText(a[i].Title, b[j].Title) && slices.Equal(sorted(a[i].Codes), sorted(b[j].Codes))
		},
		score: func(i, j int) float64 { return cardScore(&a[i], &b[j]) },
		min:   0.5,
	})
	d.walk(top("cards"), ab, ba, func(q at, i, j int) { d.card(q, &a[i], &b[j]) },
		func(i int) string { return a[i].Title.Best() }, func(j int) string { return b[j].Title.Best() })
}

// cardScore says how likely two cards are the same profession: title
// similarity plus a bonus for sharing an occupation code or an OTF code.
func cardScore(a, b *Card) float64 {
	s := similarity(a.Title, b.Title)
	if a.OccupationCode != "" && a.OccupationCode == b.OccupationCode || sharesCode(a.Codes, b.Codes) {
		s++
	}
	if a.Code != "" && a.Code == b.Code {
		s++
	}
	return s
}

func (d *differ) card(p at, a, b *Card) {
	d.value(p.dot("code"), a.Code, b.Code)
	d.text(p.dot("title"), a.Title, b.Title)
	d.text(p.dot("header_title"), a.HeaderTitle, b.HeaderTitle)
	d.value(p.dot("level"), itoa(a.Level), itoa(b.Level))
	d.value(p.dot("sub_level"), a.SubLevel, b.SubLevel)
	d.codes(p.dot("codes"), a.Codes, b.Codes)
	d.value(p.dot("occupation_code"), a.OccupationCode, b.OccupationCode)
	d.value(p.dot("group_code"), a.GroupCode, b.GroupCode)
	d.text(p.dot("tariff_level"), fieldText(a.TariffLevel), fieldText(b.TariffLevel))
	d.items(p.dot("education"), a.Education, b.Education)
	d.items(p.dot("specialities"), a.Specialities, b.Specialities)
	d.text(p.dot("qualification"), fieldText(a.Qualification), fieldText(b.Qualification))
	d.items(p.dot("experience"), a.Experience, b.Experience)
	d.items(p.dot("admission"), a.Admission, b.Admission)
	d.text(p.dot("non_formal"), fieldText(a.NonFormal), fieldText(b.NonFormal))
	d.entries(p.dot("alt_titles"), altTitleEntries(a.AltTitles), altTitleEntries(b.AltTitles))
	d.items(p.dot("purpose"), a.Purpose, b.Purpose)
	d.entries(p.dot("function_list"), functionRefEntries(a.FunctionList), functionRefEntries(b.FunctionList))
	d.functions(p.dot("functions"), a.Functions, b.Functions)
	d.items(p.dot("competencies"), a.Competencies, b.Competencies)
	d.items(p.dot("regulations"), a.Regulations, b.Regulations)
	d.entries(p.dot("related"), relatedEntries(a.Related), relatedEntries(b.Related))
	d.items(p.dot("other"), a.Other, b.Other)
	d.entries(p.dot("classifiers"), classifiedEntries(a.Classifiers), classifiedEntries(b.Classifiers))
}

// functions aligns labour functions within a card by title (and TF code).
func (d *differ) functions(path at, a, b []Function) {
	ab, ba := align(len(a), len(b), matcher{
		same: func(i, j int) bool { return a[i].Code == b[j].Code && sameText(a[i].Title, b[j].Title) },
		score: func(i, j int) float64 {
			s := similarity(a[i].Title, b[j].Title)
			if a[i].Code != "" && a[i].Code == b[j].Code {
				s++
			}
			return s
		},
		min: 0.4,
	})
	d.walk(path, ab, ba, func(q at, i, j int) { d.function(q, &a[i], &b[j]) },
		func(i int) string { return a[i].Title.Best() }, func(j int) string { return b[j].Title.Best() })
}

func (d *differ) function(p at, a, b *Function) {
	d.value(p.dot("code"), a.Code, b.Code)
	d.text(p.dot("title"), a.Title, b.Title)
	d.value(p.dot("mandatory"), strconv.FormatBool(a.Mandatory), strconv.FormatBool(b.Mandatory))
	d.value(p.dot("sub_level"), a.SubLevel, b.SubLevel)
	d.skills(p.dot("skills"), a.Skills, b.Skills)
	d.items(p.dot("actions"), a.Actions, b.Actions)
	d.items(p.dot("abilities"), a.Abilities, b.Abilities)
	d.items(p.dot("knowledge"), a.Knowledge, b.Knowledge)
	d.items(p.dot("other"), a.Other, b.Other)
}

// skills aligns skills by title; skills left over at the same position are
// taken as the same skill renamed, since a function rarely has more than a
// few and their titles are short.
func (d *differ) skills(path at, a, b []Skill) {
	ab, ba := align(len(a), len(b), matcher{
		same:       func(i, j int) bool { return sameText(a[i].Title, b[j].Title) },
		score:      func(i, j int) float64 { return similarity(a[i].Title, b[j].Title) },
		min:        0.4,
		byPosition: true,
	})
	d.walk(path, ab, ba, func(q at, i, j int) { d.skill(q, &a[i], &b[j]) },
		func(i int) string { return a[i].Title.Best() }, func(j int) string { return b[j].Title.Best() })
}

func (d *differ) skill(p at, a, b *Skill) {
	d.text(p.dot("title"), a.Title, b.Title)
	d.items(p.dot("abilities"), a.Abilities, b.Abilities)
	d.items(p.dot("knowledge"), a.Knowledge, b.Knowledge)
	d.value(p.dot("recognizable"), boolp(a.Recognizable), boolp(b.Recognizable))
}

func (d *differ) codes(path at, a, b []string) {
	if !slices.Equal(sorted(a), sorted(b)) {
		d.value(path, strings.Join(a, ", "), strings.Join(b, ", "))
	}
}

func (d *differ) items(path at, a, b []Item) {
	d.entries(path, itemEntries(a), itemEntries(b))
}

// entry is a list entry reduced to what Diff compares: an identity (a code,
// when the entry has one, and a text it is aligned by) and named values.
type entry struct {
	code   string // exact identity when not "" (OKED code, classifier code)
	codeAt string // JSON name of the code, reported when a paired entry's code changed
	idName string // JSON name of the identifying text; "" for an item's own text
	id     Text
	values []namedValue
}

// namedValue is a field of an entry: a plain value, or a Text when text
// is set (compared in the languages both sides have).
type namedValue struct {
	name  string
	value string
	text  Text
}

// entries aligns two lists of entries by code or by normalised text and
// records additions, removals and changes of their fields.
func (d *differ) entries(path at, a, b []entry) {
	ka, kb := entryKeys(a), entryKeys(b)
	ab, ba := align(len(a), len(b), matcher{
		same: func(i, j int) bool {
			return a[i].code == b[j].code && sameKeys(ka[i], kb[j], a[i].id, b[j].id)
		},
		score: func(i, j int) float64 {
			if a[i].code != "" || b[j].code != "" {
				return boolScore(a[i].code == b[j].code)
			}
			return keyDice(ka[i], kb[j], a[i].id, b[j].id)
		},
		min: 0.5,
	})
	d.walk(path, ab, ba, func(q at, i, j int) { d.entry(q, &a[i], &b[j]) },
		func(i int) string { return a[i].describe() }, func(j int) string { return b[j].describe() })
}

func (d *differ) entry(p at, a, b *entry) {
	if b.codeAt != "" {
		d.value(p.dot(b.codeAt), a.code, b.code)
	}
	d.text(p.dot(b.idName), a.id, b.id)
	for k, v := range b.values {
		if v.text != nil || a.values[k].text != nil {
			d.text(p.dot(v.name), a.values[k].text, v.text)
		} else {
			d.value(p.dot(v.name), a.values[k].value, v.value)
		}
	}
}

func (e *entry) describe() string {
	if t := e.id.Best(); t != "" {
		if e.code != "" {
			return e.code + " " + t
		}
		return t
	}
	return e.code
}

func itemEntries(items []Item) []entry {
	out := make([]entry, len(items))
	for i, it := range items {
		out[i] = entry{id: it.Text}
	}
	return out
}

func termEntries(terms []Term) []entry {
	out := make([]entry, len(terms))
	for i, t := range terms {
		out[i] = entry{idName: "term", id: t.Term, values: []namedValue{{name: "definition", text: orEmptyText(t.Definition)}}}
	}
	return out
}

func okedEntries(oked []OKEDEntry) []entry {
	out := make([]entry, len(oked))
	for i, o := range oked {
		out[i] = entry{code: o.Code, codeAt: "code", idName: "title", id: o.Title, values: []namedValue{{name: "level", value: o.Level}}}
	}
	return out
}

func classifiedEntries(cs []Classified) []entry {
	out := make([]entry, len(cs))
	for i, c := range cs {
		out[i] = entry{code: c.System + " " + c.Code, codeAt: "code", idName: "title", id: c.Title}
	}
	return out
}

func cardRefEntries(refs []CardRef) []entry {
	out := make([]entry, len(refs))
	for i, r := range refs {
		out[i] = entry{idName: "title", id: r.Title, values: []namedValue{{name: "level", value: itoa(r.Level)}}}
	}
	return out
}

func functionRefEntries(refs []FunctionRef) []entry {
	out := make([]entry, len(refs))
	for i, r := range refs {
		out[i] = entry{idName: "title", id: r.Title, values: []namedValue{{name: "mandatory", value: strconv.FormatBool(r.Mandatory)}}}
	}
	return out
}

func altTitleEntries(alts []AltTitle) []entry {
	out := make([]entry, len(alts))
	for i, a := range alts {
		out[i] = entry{idName: "title", id: a.Title, values: []namedValue{{name: "code", value: a.Code}}}
	}
	return out
}

func relatedEntries(rel []Related) []entry {
	out := make([]entry, len(rel))
	for i, r := range rel {
		out[i] = entry{idName: "title", id: r.Title, values: []namedValue{{name: "level", value: itoa(r.Level)}}}
	}
	return out
}

// textKey is a text prepared for alignment: normalised per language, and
// the word stems of one language for similarity.
type textKey struct {
	norm  map[string]string
	stems map[string]map[string]bool
}

func entryKeys(es []entry) []textKey {
	out := make([]textKey, len(es))
	for i, e := range es {
		out[i] = keyOf(e.id)
	}
	return out
}

func keyOf(t Text) textKey {
	k := textKey{norm: make(map[string]string, len(t)), stems: make(map[string]map[string]bool, len(t))}
	for l, s := range t {
		if s != "" {
			k.norm[l] = normalize(s)
			k.stems[l] = stemSet(s)
		}
	}
	return k
}

// sameKeys reports whether two texts are equal after normalisation in every
// language both have (and both are empty when they share none).
func sameKeys(a, b textKey, ta, tb Text) bool {
	common := commonLangs(ta, tb)
	if len(common) == 0 {
		return ta.IsEmpty() && tb.IsEmpty()
	}
	for _, l := range common {
		if a.norm[l] != b.norm[l] {
			return false
		}
	}
	return true
}

func sameText(a, b Text) bool { return sameKeys(keyOf(a), keyOf(b), a, b) }

// similarity is the Dice coefficient of the word stems of two texts, in a
// language both have.
func similarity(a, b Text) float64 {
	common := commonLangs(a, b)
	if len(common) == 0 {
		return 0
	}
	return dice(stemSet(a[common[0]]), stemSet(b[common[0]]))
}

// keyDice is similarity for prepared keys.
func keyDice(a, b textKey, ta, tb Text) float64 {
	common := commonLangs(ta, tb)
	if len(common) == 0 {
		return 0
	}
	return dice(a.stems[common[0]], b.stems[common[0]])
}

func dice(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}

// stemSet returns the words of s cut to five letters: enough to keep the
// root of a Kazakh or Russian word and drop most of its endings.
func stemSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words(s) {
		r := []rune(w)
		out[string(r[:min(len(r), 5)])] = true
	}
	return out
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// normalize reduces a text to its lower-case words, for alignment.
func normalize(s string) string { return strings.Join(words(s), " ") }

// squash collapses white space, for deciding whether a text changed: a
// re-wrapped line is not a change, a changed letter or sign is.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// langOrder is the order in which languages are compared and reported.
var langOrder = []string{"kk", "ru", "en"}

// commonLangs returns the languages in which both texts are non-empty, kk,
// ru, en first.
func commonLangs(a, b Text) []string {
	var out []string
	for _, l := range textLangs(a) {
		if b[l] != "" {
			out = append(out, l)
		}
	}
	return out
}

// textLangs returns the languages of t in a fixed order: kk, ru, en, then
// any other sorted.
func textLangs(t Text) []string {
	var out, rest []string
	for _, l := range langOrder {
		if t[l] != "" {
			out = append(out, l)
		}
	}
	for l, s := range t {
		if s != "" && !slices.Contains(langOrder, l) {
			rest = append(rest, l)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// matcher tells align how to pair entries of two lists.
type matcher struct {
	same       func(i, j int) bool    // identical content
	score      func(i, j int) float64 // similarity of the rest
	min        float64                // least score that pairs two entries
	byPosition bool                   // pair what is left at equal indices
}

// align pairs the entries of a list of n with those of a list of m: first
// identical ones (in order, so that duplicates pair up in order), then the
// most similar, preferring nearby positions. It returns for each entry of
// the first list the index of its pair in the second (-1: none), and the
// reverse.
func align(n, m int, mt matcher) (ab, ba []int) {
	ab, ba = filled(n), filled(m)
	for j := range m {
		for i := range n {
			if ab[i] < 0 && mt.same(i, j) {
				ab[i], ba[j] = j, i
				break
			}
		}
	}
	pairSimilar(ab, ba, mt)
	pairGaps(ab, ba)
	if mt.byPosition {
		for k := range min(n, m) {
			if ab[k] < 0 && ba[k] < 0 {
				ab[k], ba[k] = k, k
			}
		}
	}
	return ab, ba
}

// pairGaps pairs, in order, the entries left over between the same two
// paired neighbours in both lists: an entry of the old list and one of the
// new that stand in the same place are one entry whose text changed (too
// much to be recognised by similarity), not a removal and an addition.
// Where pairs cross (entries moved) the gap is empty and nothing is paired.
func pairGaps(ab, ba []int) {
	for i := range ab {
		if ab[i] >= 0 {
			continue
		}
		lo, hi := -1, len(ba)
		for k := i - 1; k >= 0; k-- {
			if ab[k] >= 0 {
				lo = ab[k]
				break
			}
		}
		for k := i + 1; k < len(ab); k++ {
			if ab[k] >= 0 {
				hi = ab[k]
				break
			}
		}
		for j := lo + 1; j < hi; j++ {
			if ba[j] < 0 {
				ab[i], ba[j] = j, i
				break
			}
		}
	}
}

func pairSimilar(ab, ba []int, mt matcher) {
	type cand struct {
		i, j  int
		score float64
	}
	var cs []cand
	for i := range ab {
		if ab[i] >= 0 {
			continue
		}
		for j := range ba {
			if ba[j] < 0 {
				if s := mt.score(i, j); s >= mt.min {
					cs = append(cs, cand{i, j, s})
				}
			}
		}
	}
	slices.SortStableFunc(cs, func(x, y cand) int {
		if x.score != y.score {
			if x.score > y.score {
				return -1
			}
			return 1
		}
		return abs(x.i-x.j) - abs(y.i-y.j)
	})
	for _, c := range cs {
		if ab[c.i] < 0 && ba[c.j] < 0 {
			ab[c.i], ba[c.j] = c.j, c.i
		}
	}
}

func filled(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = -1
	}
	return s
}

func sharesCode(a, b []string) bool {
	for _, c := range a {
		if c != "" && slices.Contains(b, c) {
			return true
		}
	}
	return false
}

func sorted(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

func fieldText(f *Field) Text {
	if f == nil {
		return nil
	}
	return f.Text
}

func orEmptyText(t Text) Text {
	if t == nil {
		return Text{}
	}
	return t
}

func orZero[T any](p *T) T {
	if p == nil {
		var z T
		return z
	}
	return *p
}

func boolp(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}

func boolScore(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// itoa renders an integer field; 0 means "not given" and renders as "".
func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func join(path, name string) string {
	if name == "" {
		return path
	}
	return path + "." + name
}
