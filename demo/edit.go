package demo

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kasip/kasip"
)

// profession is a profession noun in each language (lower case), swapped
// into card titles. The same row is used in every language of a title so
// that a bilingual card stays a translation of itself.
type profession struct{ kk, ru, en string }

var professions = []profession{
	{"маман", "специалист", "specialist"},
	{"менеджер", "менеджер", "manager"},
	{"инженер", "инженер", "engineer"},
	{"техник", "техник", "technician"},
	{"оператор", "оператор", "operator"},
	{"кеңесші", "консультант", "consultant"},
	{"үйлестіруші", "координатор", "coordinator"},
	{"талдаушы", "аналитик", "analyst"},
	{"нұсқаушы", "инструктор", "instructor"},
	{"әкімші", "администратор", "administrator"},
	{"сарапшы", "эксперт", "expert"},
	{"директор", "директор", "director"},
	{"шебер", "мастер", "foreman"},
	{"жетекші", "руководитель", "head"},
}

func (p profession) in(lang string) string {
	switch lang {
	case "kk":
		return p.kk
	case "ru":
		return p.ru
	}
	return p.en
}

// qualifier is a phrase appended to an altered item, in each language.
type qualifier struct{ kk, ru, en string }

var qualifiers = []qualifier{
	{"цифрлық құралдарды қолдана отырып", "с использованием цифровых инструментов", "using digital tools"},
	{"нормативтік талаптарға сәйкес", "в соответствии с нормативными требованиями", "in line with the regulations"},
	{"сапа стандарттарын сақтай отырып", "с соблюдением стандартов качества", "following quality standards"},
	{"ұйымның ішкі рәсімдеріне сәйкес", "согласно внутренним процедурам организации", "according to internal procedures"},
}

func (q qualifier) in(lang string) string {
	switch lang {
	case "kk":
		return q.kk
	case "ru":
		return q.ru
	}
	return q.en
}

// renameCard swaps the profession word of card ci's title for another
// profession, in the card, its heading and the passport's card list.
func (g *generator) renameCard(s *kasip.Standard, ci int) {
	if g.rng.IntN(5) == 0 {
		return // some cards keep their title, as in a real revision
	}
	r := g.rng.IntN(len(professions))
	c := &s.Cards[ci]
	c.Title = renamed(c.Title, r)
	if len(c.HeaderTitle) > 0 {
		c.HeaderTitle = renamed(c.HeaderTitle, r)
	}
	if k := refFor(s, ci); k >= 0 {
		s.CardList[k].Title = renamed(s.CardList[k].Title, r)
	}
}

// maybeRaiseLevel raises a card's level now and then, as a revision does
// when a profession's duties grow.
func (g *generator) maybeRaiseLevel(s *kasip.Standard, ci int) {
	c := &s.Cards[ci]
	if g.rng.IntN(6) != 0 || c.Level < 1 || c.Level >= 8 {
		return
	}
	c.Level++
	if k := refFor(s, ci); k >= 0 && s.CardList[k].Level != 0 {
		s.CardList[k].Level = c.Level
	}
}

// refFor returns the index of the card list entry of card ci (-1: none).
func refFor(s *kasip.Standard, ci int) int {
	if n := s.Cards[ci].Number; n != 0 {
		if k := slices.IndexFunc(s.CardList, func(r kasip.CardRef) bool { return r.Number == n }); k >= 0 {
			return k
		}
	}
	if len(s.CardList) == len(s.Cards) {
		return ci
	}
	return -1
}

// renamed returns t with profession r swapped in, in every language.
func renamed(t kasip.Text, r int) kasip.Text {
	out := kasip.Text{}
	for _, l := range langs(t) {
		out[l] = renameIn(t[l], l, r)
	}
	return out
}

// renameIn swaps the first profession word of s for profession r (another
// one if s names r already); a title without one gets r as its profile.
func renameIn(s, lang string, r int) string {
	toks := strings.Split(s, " ")
	for i, tok := range toks {
		if rep, ok := swapWord(tok, lang, r); ok {
			toks[i] = rep
			return strings.Join(toks, " ")
		}
	}
	p := professions[r].in(lang)
	switch lang {
	case "kk":
		return s + " (" + p + " бейіні)"
	case "ru":
		return s + " (профиль: " + p + ")"
	}
	return s + " (" + p + " track)"
}

// swapWord replaces tok when it is a profession word: exactly, or in Kazakh
// with a possessive ending (директоры, менеджері), which the new word gets
// in the form its last vowel asks for.
func swapWord(tok, lang string, r int) (string, bool) {
	lead := strings.IndexFunc(tok, unicode.IsLetter)
	if lead < 0 {
		return "", false
	}
	end := strings.LastIndexFunc(tok, unicode.IsLetter)
	_, size := utf8.DecodeRuneInString(tok[end:])
	core := tok[lead : end+size]
	low := strings.ToLower(core)
	for k, p := range professions {
		w := p.in(lang)
		possessive := false
		switch {
		case low == w:
		case lang == "kk" && strings.HasPrefix(low, w) && isPossessive(low[len(w):]):
			possessive = true
		default:
			continue
		}
		if k == r {
			r = (r + 1) % len(professions)
		}
		nw := professions[r].in(lang)
		if possessive {
			nw += possessiveEnding(nw)
		}
		return tok[:lead] + matchCase(nw, core) + tok[end+size:], true
	}
	return "", false
}

func isPossessive(ending string) bool {
	switch ending {
	case "ы", "і", "сы", "сі":
		return true
	}
	return false
}

// possessiveEnding is the Kazakh third-person possessive ending of w: -сы/-сі
// after a vowel, -ы/-і after a consonant, back or front after w's last
// vowel.
func possessiveEnding(w string) string {
	front := false
	for _, r := range w {
		switch {
		case strings.ContainsRune("аоұыя", r):
			front = false
		case strings.ContainsRune("әеөүіэ", r):
			front = true
		}
	}
	last, _ := utf8.DecodeLastRuneInString(w)
	vowel := strings.ContainsRune("аоұыяәеөүіэуиюё", last)
	switch {
	case vowel && front:
		return "сі"
	case vowel:
		return "сы"
	case front:
		return "і"
	}
	return "ы"
}

// matchCase gives w the case of the first letter of like.
func matchCase(w, like string) string {
	first, _ := utf8.DecodeRuneInString(like)
	if !unicode.IsUpper(first) {
		return w
	}
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}

// reorderFunctions shuffles a card's labour functions now and then, keeping
// its list of functions pointing at them and in their order.
func (g *generator) reorderFunctions(c *kasip.Card) {
	n := len(c.Functions)
	if n < 2 || g.rng.IntN(2) == 0 {
		return
	}
	perm := g.rng.Perm(n)
	inv := make([]int, n)
	fs := make([]kasip.Function, n)
	for i, p := range perm {
		fs[i] = c.Functions[p]
		inv[p] = i
	}
	c.Functions = fs
	for k := range c.FunctionList {
		if f := c.FunctionList[k].Function; f >= 0 && f < n {
			c.FunctionList[k].Function = inv[f]
		}
	}
	slices.SortStableFunc(c.FunctionList, func(a, b kasip.FunctionRef) int { return order(a.Function) - order(b.Function) })
	for i := range c.Functions {
		if c.Functions[i].Number != 0 {
			c.Functions[i].Number = i + 1
		}
	}
	for k := range c.FunctionList {
		if c.FunctionList[k].Number != 0 {
			c.FunctionList[k].Number = k + 1
		}
	}
}

// order puts entries that describe no function (-1) last.
func order(f int) int {
	if f < 0 {
		return 1 << 30
	}
	return f
}

// list is an item list of the standard with its kind (its JSON name), so
// that an added item comes from a list of the same kind.
type list struct {
	kind  string
	items *[]kasip.Item
}

func itemLists(s *kasip.Standard) []list {
	var out []list
	for ci := range s.Cards {
		c := &s.Cards[ci]
		out = append(out, list{"purpose", &c.Purpose}, list{"competencies", &c.Competencies})
		for fi := range c.Functions {
			f := &c.Functions[fi]
			out = append(out, list{"actions", &f.Actions}, list{"abilities", &f.Abilities}, list{"knowledge", &f.Knowledge})
			for si := range f.Skills {
				sk := &f.Skills[si]
				out = append(out, list{"abilities", &sk.Abilities}, list{"knowledge", &sk.Knowledge})
			}
		}
	}
	return out
}

// itemPool collects the items of s by kind.
func itemPool(s *kasip.Standard) map[string][]kasip.Item {
	pool := map[string][]kasip.Item{}
	for _, l := range itemLists(s) {
		pool[l.kind] = append(pool[l.kind], *l.items...)
	}
	return pool
}

// editLists reorders, removes, adds and alters a few items; intensity
// scales how many.
func (g *generator) editLists(s *kasip.Standard, pool map[string][]kasip.Item, intensity int) {
	for _, l := range itemLists(s) {
		items := *l.items
		if len(items) >= 2 && g.rng.IntN(3) == 0 {
			i, j := g.rng.IntN(len(items)), g.rng.IntN(len(items))
			items[i], items[j] = items[j], items[i]
		}
		if len(items) >= 2 && g.rng.IntN(12) < intensity {
			i := g.rng.IntN(len(items))
			items = slices.Delete(items, i, i+1)
		}
		// An empty list stays empty: the card did not have such a section.
		if len(items) > 0 && g.rng.IntN(12) < intensity {
			if it, ok := g.pick(pool[l.kind], items); ok {
				items = slices.Insert(items, g.rng.IntN(len(items)+1), it)
			}
		}
		if len(items) > 0 && g.rng.IntN(8) < intensity {
			i := g.rng.IntN(len(items))
			items[i].Text = g.altered(items[i].Text)
		}
		renumber(items)
		*l.items = items
	}
}

// pick returns a copy of an item of pool that items does not have yet.
func (g *generator) pick(pool, items []kasip.Item) (kasip.Item, bool) {
	for range 4 {
		if len(pool) == 0 {
			break
		}
		it := pool[g.rng.IntN(len(pool))]
		t := it.Text.Best()
		if !slices.ContainsFunc(items, func(x kasip.Item) bool { return x.Text.Best() == t }) {
			return kasip.Item{Text: maps.Clone(it.Text), Origin: it.Origin}, true
		}
	}
	return kasip.Item{}, false
}

// altered returns t with a qualifier appended in each of its languages (a
// new map: items may share texts).
func (g *generator) altered(t kasip.Text) kasip.Text {
	q := qualifiers[g.rng.IntN(len(qualifiers))]
	out := kasip.Text{}
	for _, l := range langs(t) {
		out[l] = strings.TrimRight(t[l], " .;,:") + ", " + q.in(l)
	}
	return out
}

// renumber numbers a list 1, 2, … after its items moved, when the
// document numbered it.
func renumber(items []kasip.Item) {
	if !slices.ContainsFunc(items, func(it kasip.Item) bool { return it.Number != 0 }) {
		return
	}
	for i := range items {
		items[i].Number = i + 1
	}
}

var originType = reflect.TypeFor[kasip.Origin]()

// resetOrigins points every origin of s at its one generated source, with
// no line or element: those were lines of the real document.
func resetOrigins(s *kasip.Standard) { reset(reflect.ValueOf(s).Elem()) }

func reset(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			reset(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			reset(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == originType {
			v.Set(reflect.Zero(originType))
			return
		}
		for i := range v.NumField() {
			reset(v.Field(i))
		}
	}
}
