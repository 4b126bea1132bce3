package kasip

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Merge adds the languages of other, a document of the same standard (same
// code and version) in another language, to into. Entries are aligned by
// structure, never by translating: cards by position when both documents
// have as many (else by occupation codes), functions and skills by position
// (else by number), list items by position when the lists are as long.
//
// A text is only ever added in a language into lacks; an existing text is
// never overwritten. What cannot be aligned is not dropped: other's text of
// it goes to into.Unplaced (kind "text", with its origin) and a line naming
// the path is returned, e.g. "cards[0].functions[1].skills[0].knowledge: 9
// items in kk, 7 in ru". Paths are those of into.
//
// other's sources are appended to into's and its origins re-indexed to
// point at them; its notes (with paths mapped onto into where the card,
// function and skill were aligned) and unplaced text are appended too.
// other itself is not modified.
func Merge(into, other *Standard) (unmerged []string) {
	if into == nil || other == nil {
		return nil
	}
	if into.Code != other.Code || into.VersionKey() != other.VersionKey() {
		return []string{fmt.Sprintf("not merged: %s version %s and %s version %s are not the same standard",
			into.Code, into.VersionKey(), other.Code, other.VersionKey())}
	}
	o, err := clone(other)
	if err != nil {
		return []string{"not merged: " + err.Error()}
	}
	shiftOrigins(o, len(into.Sources))
	m := &merger{into: into, la: langLabel(into), lb: langLabel(o), prefer: o.Languages, paths: map[string]string{}}
	m.standard(o)
	return m.unmerged
}

type merger struct {
	into     *Standard
	la, lb   string   // the languages of into and other, for messages
	prefer   []string // other's languages, to pick the text of an unplaced entry
	paths    map[string]string
	unmerged []string
}

func (m *merger) report(format string, args ...any) {
	m.unmerged = append(m.unmerged, fmt.Sprintf(format, args...))
}

// unplace keeps text of other that has no place in into.
func (m *merger) unplace(t Text, o Origin) { m.unplaceString(t.Best(m.prefer...), o) }

func (m *merger) unplaceString(s string, o Origin) {
	if s = strings.TrimSpace(s); s != "" {
		m.into.Unplaced = append(m.into.Unplaced, Unplaced{Kind: UnplacedText, Text: s, Origin: o})
	}
}

func (m *merger) standard(o *Standard) {
	in := m.into
	m.compare("", in, o)
	addText(&in.Title, o.Title)
	mergeField(&in.Scope, o.Scope)
	mergeField(&in.Description, o.Description)
	mergeField(&in.CommonRequirements, o.CommonRequirements)
	mergeField(&in.ActivityKind, o.ActivityKind)
	mergeField(&in.Purpose, o.Purpose)
	m.order(o.Order)
	m.terms("terms", &in.Terms, o.Terms)
	m.terms("abbreviations", &in.Abbreviations, o.Abbreviations)
	m.oked(o.OKED)
	m.classified("occupations", &in.Occupations, o.Occupations)
	cardMap := m.cards(o.Cards)
	m.cardList(o, cardMap)
	m.technical(&o.Technical)
	m.notes(o.Notes)
	in.Unplaced = append(in.Unplaced, o.Unplaced...)
	in.Sources = append(in.Sources, o.Sources...)
	in.Languages = unionLangs(in.Languages, o.Languages)
}

func (m *merger) order(o *Order) {
	if o == nil {
		return
	}
	if m.into.Order == nil {
		m.into.Order = o
		return
	}
	in := m.into.Order
	m.compare("order", in, o)
	mergeField(&in.Body, o.Body)
	mergeField(&in.Signatory, o.Signatory)
	mergeField(&in.Agreed, o.Agreed)
	m.items("order.clauses", &in.Clauses, o.Clauses)
}

// mergeByPosition merges a list by position when both lists are as long;
// a list only other has becomes the list; otherwise the difference is
// reported and other's entries are kept by unplace. unit names the entries
// in the report ("items ").
func mergeByPosition[T any](m *merger, path, unit string, dst *[]T, src []T, pair func(*T, T), unplace func([]T)) {
	switch {
	case len(src) == 0:
	case len(*dst) == 0:
		*dst = append(*dst, src...) // nothing to align with: other's list is the list
	case len(*dst) == len(src):
		for i := range src {
			pair(&(*dst)[i], src[i])
		}
	default:
		m.report("%s: %d %sin %s, %d in %s", path, len(*dst), unit, m.la, len(src), m.lb)
		unplace(src)
	}
}

// items merges a list by position when both lists are as long; otherwise
// other's items are kept in unplaced and the difference reported.
func (m *merger) items(path string, dst *[]Item, src []Item) {
	mergeByPosition(m, path, "items ", dst, src,
		func(d *Item, s Item) { addText(&d.Text, s.Text) },
		func(s []Item) {
			for _, it := range s {
				m.unplace(it.Text, it.Origin)
			}
		})
}

func (m *merger) terms(path string, dst *[]Term, src []Term) {
	mergeByPosition(m, path, "", dst, src,
		func(d *Term, s Term) { addText(&d.Term, s.Term); addText(&d.Definition, s.Definition) },
		func(s []Term) {
			for _, t := range s {
				m.unplaceString(t.Term.Best(m.prefer...)+" – "+t.Definition.Best(m.prefer...), t.Origin)
			}
		})
}

// oked aligns activity classification entries by code, which does not
// depend on the language.
func (m *merger) oked(src []OKEDEntry) {
	dst := &m.into.OKED
	if len(*dst) == 0 {
		*dst = append(*dst, src...)
		return
	}
	var missing []string
	for _, e := range src {
		if i := slices.IndexFunc(*dst, func(d OKEDEntry) bool { return d.Code == e.Code }); i >= 0 {
			m.compare(index("oked", i), &(*dst)[i], &e)
			addText(&(*dst)[i].Title, e.Title)
			continue
		}
		m.okedConflict(e)
		missing = append(missing, e.Code)
		m.unplaceString(e.Code+" "+e.Title.Best(m.prefer...), e.Origin)
	}
	if len(missing) > 0 {
		m.report("oked: %s in %s only (%d entries in %s, %d in %s)", strings.Join(missing, ", "), m.lb, len(*dst), m.la, len(src), m.lb)
	}
}

// okedConflict reports an entry of other whose code into lacks where into
// has another code at the same level (section M in one, O in the other).
func (m *merger) okedConflict(e OKEDEntry) {
	for i, d := range m.into.OKED {
		if d.Level == e.Level && d.Level != "" {
			m.conflict(index("oked", i)+".code", d.Code+" "+d.Title.Best(), e.Code+" "+e.Title.Best(m.prefer...), false)
			return
		}
	}
	m.conflict("oked", "", e.Code+" "+e.Title.Best(m.prefer...), false)
}

// classified aligns classifier entries by system and code. An entry only
// other has is added: a code means the same in any language.
func (m *merger) classified(path string, dst *[]Classified, src []Classified) {
	had := len(*dst)
	var missing []string
	for _, e := range src {
		if i := slices.IndexFunc(*dst, func(d Classified) bool { return d.System == e.System && d.Code == e.Code }); i >= 0 {
			addText(&(*dst)[i].Title, e.Title)
			continue
		}
		*dst = append(*dst, e)
		missing = append(missing, e.System+" "+e.Code)
	}
	if had > 0 && len(missing) > 0 {
		m.report("%s: %s only in %s, added", path, strings.Join(missing, ", "), m.lb)
	}
}

// cards merges the cards and returns, for each card of other, the index of
// the card of into it was merged into (-1: none).
func (m *merger) cards(src []Card) []int {
	dst := m.into.Cards
	if len(dst) == 0 {
		m.into.Cards = append(m.into.Cards, src...)
		return identity(len(src))
	}
	pair, how := alignCards(dst, src)
	if how != "" {
		m.report("cards: %d in %s, %d in %s; aligned by occupation codes%s", len(dst), m.la, len(src), m.lb, missingNote(pair, len(dst), "cards", m.lb))
	}
	for j := range src {
		i := pair[j]
		if i < 0 {
			m.report("%s cards[%d] %q: no counterpart in %s; its text is kept in unplaced", m.lb, j, src[j].Title.Best(m.prefer...), m.la)
			m.unplaceEntry(&src[j])
			continue
		}
		m.card(index("cards", i), index("cards", j), &dst[i], &src[j])
	}
	return pair
}

// alignCards pairs cards by position when both documents have as many, and
// otherwise by occupation code (or OTF code): the codes are the same in
// every language, the titles are not. how is "" for positional alignment.
func alignCards(dst, src []Card) (pair []int, how string) {
	if len(dst) == len(src) {
		return identity(len(src)), ""
	}
	pair = filled(len(src))
	used := make([]bool, len(dst))
	for j := range src {
		for i := range dst {
			if !used[i] && sameCard(&dst[i], &src[j]) {
				used[i], pair[j] = true, i
				break
			}
		}
	}
	return pair, "codes"
}

func sameCard(a, b *Card) bool {
	switch {
	case a.Code != "" && b.Code != "":
		return a.Code == b.Code
	case a.OccupationCode != "" && b.OccupationCode != "":
		return a.OccupationCode == b.OccupationCode
	}
	return sharesCode(a.Codes, b.Codes)
}

// missingNote names the entries of into that the alignment left without a
// counterpart, for a report line.
func missingNote(pair []int, n int, what, lang string) string {
	var miss []string
	for i := range n {
		if !slices.Contains(pair, i) {
			miss = append(miss, index(what, i))
		}
	}
	if len(miss) == 0 {
		return ""
	}
	verb := "has"
	if len(miss) > 1 {
		verb = "have"
	}
	return "; " + strings.Join(miss, ", ") + " " + verb + " no " + lang + " counterpart"
}

// card merges src (at sp in other) into dst (at p in into).
func (m *merger) card(p, sp string, dst, src *Card) {
	m.paths[sp] = p
	m.compare(p, dst, src)
	addText(&dst.Title, src.Title)
	addText(&dst.HeaderTitle, src.HeaderTitle)
	fillInt(&dst.Level, src.Level)
	fillString(&dst.SubLevel, src.SubLevel)
	fillString(&dst.OccupationCode, src.OccupationCode)
	fillString(&dst.GroupCode, src.GroupCode)
	if len(dst.Codes) == 0 {
		dst.Codes, dst.CodesOriginal = src.Codes, src.CodesOriginal
	}
	mergeField(&dst.TariffLevel, src.TariffLevel)
	mergeField(&dst.Qualification, src.Qualification)
	mergeField(&dst.NonFormal, src.NonFormal)
	m.items(p+".education", &dst.Education, src.Education)
	m.items(p+".specialities", &dst.Specialities, src.Specialities)
	m.items(p+".experience", &dst.Experience, src.Experience)
	m.items(p+".admission", &dst.Admission, src.Admission)
	m.altTitles(p+".alt_titles", &dst.AltTitles, src.AltTitles)
	m.items(p+".purpose", &dst.Purpose, src.Purpose)
	fnMap := m.functions(p, sp, &dst.Functions, src.Functions)
	m.functionList(p+".function_list", &dst.FunctionList, src.FunctionList, fnMap)
	m.items(p+".competencies", &dst.Competencies, src.Competencies)
	m.items(p+".regulations", &dst.Regulations, src.Regulations)
	m.related(p+".related", &dst.Related, src.Related)
	m.items(p+".other", &dst.Other, src.Other)
	m.classified(p+".classifiers", &dst.Classifiers, src.Classifiers)
}

func (m *merger) altTitles(path string, dst *[]AltTitle, src []AltTitle) {
	i := 0
	mergeByPosition(m, path, "", dst, src,
		func(d *AltTitle, s AltTitle) {
			m.compare(index(path, i), d, &s)
			i++
			addText(&d.Title, s.Title)
			fillString(&d.Code, s.Code)
		},
		func(s []AltTitle) {
			for _, a := range s {
				m.unplace(a.Title, a.Origin)
			}
		})
}

func (m *merger) related(path string, dst *[]Related, src []Related) {
	i := 0
	mergeByPosition(m, path, "", dst, src,
		func(d *Related, s Related) {
			m.compare(index(path, i), d, &s)
			i++
			addText(&d.Title, s.Title)
		},
		func(s []Related) {
			for _, r := range s {
				m.unplace(r.Title, r.Origin)
			}
		})
}

// functions merges labour functions: by position when both cards have as
// many, else by TF code or by number. card and sp are the card's paths in
// into and other. It returns the index in dst of each function of src (-1:
// none).
func (m *merger) functions(card, sp string, dst *[]Function, src []Function) []int {
	if len(*dst) == 0 {
		*dst = append(*dst, src...)
		return identity(len(src))
	}
	path := card + ".functions"
	pair := alignNumbered(len(*dst), len(src), func(i, j int) bool {
		a, b := &(*dst)[i], &src[j]
		if a.Code != "" || b.Code != "" {
			return a.Code == b.Code
		}
		return a.Number != 0 && a.Number == b.Number
	})
	if len(*dst) != len(src) {
		m.report("%s: %d in %s, %d in %s; aligned by number%s", path, len(*dst), m.la, len(src), m.lb, missingNote(pair, len(*dst), "functions", m.lb))
	}
	for j := range src {
		i := pair[j]
		if i < 0 {
			m.report("%s %s.functions[%d] %q: no counterpart in %s; its text is kept in unplaced", m.lb, sp, j, src[j].Title.Best(m.prefer...), m.la)
			m.unplaceEntry(&src[j])
			continue
		}
		m.function(index(path, i), index(sp+".functions", j), &(*dst)[i], &src[j])
	}
	return pair
}

// alignNumbered pairs entries by position when the lists are as long, else
// with same (their number or code).
func alignNumbered(n, m int, same func(i, j int) bool) []int {
	if n == m {
		return identity(m)
	}
	pair := filled(m)
	used := make([]bool, n)
	for j := range m {
		for i := range n {
			if !used[i] && same(i, j) {
				used[i], pair[j] = true, i
				break
			}
		}
	}
	return pair
}

func (m *merger) function(p, sp string, dst, src *Function) {
	m.paths[sp] = p
	m.compare(p, dst, src)
	addText(&dst.Title, src.Title)
	fillString(&dst.SubLevel, src.SubLevel)
	m.skills(p, sp, &dst.Skills, src.Skills)
	m.items(p+".actions", &dst.Actions, src.Actions)
	m.items(p+".abilities", &dst.Abilities, src.Abilities)
	m.items(p+".knowledge", &dst.Knowledge, src.Knowledge)
	m.items(p+".other", &dst.Other, src.Other)
}

func (m *merger) skills(fn, sp string, dst *[]Skill, src []Skill) {
	if len(*dst) == 0 {
		*dst = append(*dst, src...)
		return
	}
	path := fn + ".skills"
	pair := alignNumbered(len(*dst), len(src), func(i, j int) bool {
		return (*dst)[i].Number != 0 && (*dst)[i].Number == src[j].Number
	})
	if len(*dst) != len(src) {
		m.report("%s: %d in %s, %d in %s; aligned by number%s", path, len(*dst), m.la, len(src), m.lb, missingNote(pair, len(*dst), "skills", m.lb))
	}
	for j := range src {
		i := pair[j]
		if i < 0 {
			m.report("%s %s.skills[%d] %q: no counterpart in %s; its text is kept in unplaced", m.lb, sp, j, src[j].Title.Best(m.prefer...), m.la)
			m.unplaceEntry(&src[j])
			continue
		}
		m.skill(index(path, i), index(sp+".skills", j), &(*dst)[i], &src[j])
	}
}

func (m *merger) skill(p, sp string, dst, src *Skill) {
	m.paths[sp] = p
	m.compare(p, dst, src)
	addText(&dst.Title, src.Title)
	if dst.Recognizable == nil {
		dst.Recognizable = src.Recognizable
	}
	m.items(p+".abilities", &dst.Abilities, src.Abilities)
	m.items(p+".knowledge", &dst.Knowledge, src.Knowledge)
}

// functionList merges the card's list of functions: by position when as
// long, else through the functions the entries describe.
func (m *merger) functionList(path string, dst *[]FunctionRef, src []FunctionRef, fnMap []int) {
	switch {
	case len(src) == 0:
		return
	case len(*dst) == 0:
		*dst = append(*dst, src...)
		for k := range *dst {
			(*dst)[k].Function = mapIndex(fnMap, (*dst)[k].Function)
		}
		return
	case len(*dst) == len(src):
		for i := range src {
			m.compare(index(path, i), &(*dst)[i], &src[i])
			addText(&(*dst)[i].Title, src[i].Title)
		}
		return
	}
	var lost []FunctionRef
	for _, r := range src {
		target := mapIndex(fnMap, r.Function)
		i := slices.IndexFunc(*dst, func(d FunctionRef) bool { return target >= 0 && d.Function == target })
		if i < 0 {
			lost = append(lost, r)
			continue
		}
		addText(&(*dst)[i].Title, r.Title)
	}
	if len(lost) > 0 {
		m.report("%s: %d in %s, %d in %s; %d %s entries not aligned, kept in unplaced", path, len(*dst), m.la, len(src), m.lb, len(lost), m.lb)
		for _, r := range lost {
			m.unplace(r.Title, r.Origin)
		}
	}
}

func identity(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func mapIndex(pair []int, i int) int {
	if i < 0 || i >= len(pair) {
		return -1
	}
	return pair[i]
}

// cardList merges the passport's list of cards: by position when as long,
// else through the cards the entries name (by number).
func (m *merger) cardList(o *Standard, cardMap []int) {
	dst, src := &m.into.CardList, o.CardList
	switch {
	case len(src) == 0:
		return
	case len(*dst) == 0:
		*dst = append(*dst, src...)
		return
	case len(*dst) == len(src):
		for i := range src {
			m.compare(index("card_list", i), &(*dst)[i], &src[i])
			addText(&(*dst)[i].Title, src[i].Title)
		}
		return
	}
	var lost int
	for j, r := range src {
		i := m.cardRefTarget(o, cardMap, j, r)
		if i < 0 {
			lost++
			m.unplace(r.Title, r.Origin)
			continue
		}
		addText(&(*dst)[i].Title, r.Title)
	}
	m.report("card_list: %d in %s, %d in %s; aligned through the cards%s", len(*dst), m.la, len(src), m.lb, lostNote(lost, m.lb))
}

// cardRefTarget finds the entry of into's card list for other's entry j:
// the card other's entry names (by number, else by position), then the
// card of into it was merged into, then into's entry naming that card.
func (m *merger) cardRefTarget(o *Standard, cardMap []int, j int, r CardRef) int {
	k := j
	if r.Number != 0 {
		k = slices.IndexFunc(o.Cards, func(c Card) bool { return c.Number == r.Number })
	}
	ci := mapIndex(cardMap, k)
	if ci < 0 {
		return -1
	}
	c := &m.into.Cards[ci]
	if c.Number != 0 {
		return slices.IndexFunc(m.into.CardList, func(d CardRef) bool { return d.Number == c.Number })
	}
	if ci < len(m.into.CardList) {
		return ci
	}
	return -1
}

func lostNote(n int, lang string) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; %d %s entries not aligned, kept in unplaced", n, lang)
}

func (m *merger) technical(o *Technical) {
	t := &m.into.Technical
	m.compare("technical", t, o)
	for _, d := range []struct {
		name     string
		dst, src *Decision
	}{{"council", t.Council, o.Council}, {"national_body", t.NationalBody, o.NationalBody}, {"expert_opinion", t.ExpertOpinion, o.ExpertOpinion}} {
		if d.dst != nil && d.src != nil {
			m.compare("technical."+d.name, d.dst, d.src)
		}
	}
	fillString(&t.Version, o.Version)
	fillInt(&t.Year, o.Year)
	fillString(&t.ReviewDate, o.ReviewDate)
	mergeField(&t.VersionText, o.VersionText)
	mergeField(&t.ReviewDateText, o.ReviewDateText)
	mergeDecision(&t.Council, o.Council)
	mergeDecision(&t.NationalBody, o.NationalBody)
	mergeDecision(&t.ExpertOpinion, o.ExpertOpinion)
	m.developers("technical.bodies", &t.Bodies, o.Bodies)
	m.developers("technical.developers", &t.Developers, o.Developers)
}

func (m *merger) developers(path string, dst *[]Developer, src []Developer) {
	i := 0
	mergeByPosition(m, path, "", dst, src,
		func(d *Developer, s Developer) {
			addText(&d.Organization, s.Organization)
			m.contacts(index(path, i)+".contacts", &d.Contacts, s.Contacts)
			i++
		},
		func(s []Developer) { m.unplaceEntry(s) })
}

func (m *merger) contacts(path string, dst *[]Contact, src []Contact) {
	mergeByPosition(m, path, "", dst, src,
		func(d *Contact, s Contact) { addText(&d.Role, s.Role); addText(&d.Text, s.Text) },
		func(s []Contact) { m.unplaceEntry(s) })
}

// notes appends other's notes, with paths mapped onto into's cards,
// functions and skills where they were aligned. A note about a card that
// has no counterpart points at the list of cards.
func (m *merger) notes(src []Note) {
	for _, n := range src {
		n.Path = m.mapPath(n.Path)
		m.into.Notes = append(m.into.Notes, n)
	}
}

func (m *merger) mapPath(p string) string {
	if !strings.HasPrefix(p, "cards[") {
		return p
	}
	for cut := len(p); cut > 0; cut = strings.LastIndexByte(p[:cut], '.') {
		to, ok := m.paths[p[:cut]]
		if !ok {
			continue
		}
		rest := p[cut:]
		if k := strings.IndexByte(rest, '['); k >= 0 {
			// An index below an aligned entry need not be into's index.
			rest = rest[:k]
		}
		return to + rest
	}
	return "cards"
}

var textType = reflect.TypeFor[Text]()

// unplaceAll keeps every text reachable from v (a card, function, skill…
// of other that could not be aligned), each with the origin of the nearest
// entry that has one. Reflection keeps it complete as the model grows.
func (m *merger) unplaceAll(v reflect.Value, o Origin) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			m.unplaceAll(v.Elem(), o)
		}
	case reflect.Slice:
		for i := range v.Len() {
			m.unplaceAll(v.Index(i), o)
		}
	case reflect.Struct:
		if f := v.FieldByName("Origin"); f.IsValid() && f.Type() == originType {
			o = f.Interface().(Origin)
		}
		for i := range v.NumField() {
			m.unplaceAll(v.Field(i), o)
		}
	case reflect.Map:
		if v.Type() == textType {
			m.unplace(v.Interface().(Text), o)
		}
	}
}

func (m *merger) unplaceEntry(v any) { m.unplaceAll(reflect.ValueOf(v), Origin{}) }

// addText adds to *dst the languages of src it lacks; it never replaces a
// text *dst has.
func addText(dst *Text, src Text) {
	for _, l := range textLangs(src) {
		if (*dst)[l] != "" {
			continue
		}
		if *dst == nil {
			*dst = Text{}
		}
		(*dst)[l] = src[l]
	}
}

func mergeField(dst **Field, src *Field) {
	switch {
	case src == nil:
	case *dst == nil:
		*dst = src
	default:
		addText(&(*dst).Text, src.Text)
	}
}

func mergeDecision(dst **Decision, src *Decision) {
	switch {
	case src == nil:
	case *dst == nil:
		*dst = src
	default:
		addText(&(*dst).Text, src.Text)
		fillString(&(*dst).Number, src.Number)
		fillString(&(*dst).Date, src.Date)
	}
}

func fillString(dst *string, src string) {
	if *dst == "" {
		*dst = src
	}
}

func fillInt(dst *int, src int) {
	if *dst == 0 {
		*dst = src
	}
}

// unionLangs returns the languages of both, kk, ru, en first.
func unionLangs(a, b []string) []string {
	t := Text{}
	for _, l := range append(slices.Clone(a), b...) {
		t[l] = l
	}
	return textLangs(t)
}

// langLabel names a document's languages for messages: "kk", "ru", "kk+ru".
func langLabel(s *Standard) string {
	if len(s.Languages) > 0 {
		return strings.Join(s.Languages, "+")
	}
	for _, src := range s.Sources {
		if src.Language != "" {
			return src.Language
		}
	}
	return "document " + strconv.Quote(s.Code)
}

// clone returns a deep copy of s through its JSON form, which holds
// everything the model has.
func clone(s *Standard) (*Standard, error) {
	data, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	var c Standard
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

var originType = reflect.TypeFor[Origin]()

// shiftOrigins adds k to the source index of every origin in s, so that
// they point at s's sources once those are appended after k others.
func shiftOrigins(s *Standard, k int) {
	walkOrigins(reflect.ValueOf(s).Elem(), func(o *Origin) { o.Source += k })
}

// walkOrigins calls f for every Origin reachable from v. Reflection keeps
// it complete as the model grows.
func walkOrigins(v reflect.Value, f func(*Origin)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkOrigins(v.Elem(), f)
		}
	case reflect.Struct:
		if v.Type() == originType {
			f(v.Addr().Interface().(*Origin))
			return
		}
		for i := range v.NumField() {
			walkOrigins(v.Field(i), f)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkOrigins(v.Index(i), f)
		}
	}
}
