// Package search is the engine behind kasip.Searcher: it flattens standards
// into searchable documents, parses queries, ranks candidates (BM25 with
// field weights), computes highlights, expands misspelt terms by trigram
// similarity and compares items for "similar items". Everything that decides
// an order is computed here in Go, so that the store gives the same results
// on SQLite and PostgreSQL: the databases only fetch candidates by term.
// See docs/search.md ("Index and query").
package search

import (
	"fmt"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/search/analyze"
)

// Doc is one searchable item in one language.
type Doc struct {
	Kind  string // a kasip.Kind* constant
	Path  string // JSON path in the model; "" for the standard itself
	Card  int    // index of the card, -1 for standard-level items
	Level int    // the card's level, 0 for standard-level items
	Lang  string
	Text  string
	// Terms are the analysed terms of Text in order (alternatives at one
	// position follow each other), then the item's codes.
	Terms []string
	// Words are the words of Text as written (lower-cased), one for each
	// analysed term at the start of Terms: what "did you mean" shows.
	Words []string
}

// langOrder is the order in which the languages of a Text are emitted.
var langOrder = []string{"kk", "ru", "en"}

func langsOf(t kasip.Text) []string {
	var out []string
	for _, l := range langOrder {
		if strings.TrimSpace(t[l]) != "" {
			out = append(out, l)
		}
	}
	var rest []string
	for l, s := range t {
		if strings.TrimSpace(s) != "" && l != "kk" && l != "ru" && l != "en" {
			rest = append(rest, l)
		}
	}
	sortStrings(rest)
	return append(out, rest...)
}

// Terms returns the analysed terms of text, in order.
func Terms(text string) []string {
	toks := analyze.Analyze(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Term
	}
	return out
}

// codeTerms returns the analysed terms of codes (each kept whole).
func codeTerms(codes ...string) []string {
	var out []string
	for _, c := range codes {
		if strings.TrimSpace(c) == "" {
			continue
		}
		for _, t := range analyze.Analyze(c) {
			if t.Code {
				out = append(out, t.Term)
			}
		}
	}
	return out
}

type builder struct {
	out []Doc
}

func (b *builder) add(kind, path string, card, level int, t kasip.Text, codes []string) {
	for _, l := range langsOf(t) {
		text := t[l]
		toks := analyze.Analyze(text)
		terms := make([]string, len(toks), len(toks)+len(codes))
		words := make([]string, len(toks))
		for i, tok := range toks {
			terms[i] = tok.Term
			words[i] = strings.ToLower(text[tok.Start:tok.End])
		}
		terms = append(terms, codes...)
		if len(terms) == 0 {
			continue
		}
		b.out = append(b.out, Doc{Kind: kind, Path: path, Card: card, Level: level, Lang: l, Text: text, Terms: terms, Words: words})
	}
}

func (b *builder) items(kind, prefix string, card, level int, items []kasip.Item) {
	for i, it := range items {
		b.add(kind, fmt.Sprintf("%s[%d]", prefix, i), card, level, it.Text, nil)
	}
}

// Documents flattens a standard into its searchable items: the standard's
// title, card titles (with the card's codes), function and skill titles,
// abilities, knowledge, labour actions, terms and abbreviations with their
// definitions; one Doc per item and language.
func Documents(st *kasip.Standard) []Doc {
	b := &builder{}
	// The standard's own code comes last (exact code lookup looks there);
	// its activity codes before it, so that an OKED class such as 55.10.1
	// finds the standards of that activity.
	okeds := make([]string, 0, len(st.OKED))
	for _, o := range st.OKED {
		okeds = append(okeds, o.Code, o.CodeOriginal)
	}
	stCodes := dedup(append(codeTerms(okeds...), codeTerms(st.Code, st.CodeOriginal)...))
	b.add(kasip.KindStandard, "", -1, 0, st.Title, stCodes)
	for i, tm := range st.Terms {
		b.add(kasip.KindTerm, fmt.Sprintf("terms[%d]", i), -1, 0, termText(tm), nil)
	}
	for i, tm := range st.Abbreviations {
		b.add(kasip.KindTerm, fmt.Sprintf("abbreviations[%d]", i), -1, 0, termText(tm), nil)
	}
	for ci := range st.Cards {
		c := &st.Cards[ci]
		cp := fmt.Sprintf("cards[%d]", ci)
		title := c.Title
		if title.IsEmpty() && ci < len(st.CardList) {
			title = st.CardList[ci].Title
		}
		if title.IsEmpty() {
			title = c.HeaderTitle
		}
		codes := append(append([]string{}, c.Codes...), c.CodesOriginal...)
		codes = append(codes, c.OccupationCode, c.GroupCode)
		b.add(kasip.KindCard, cp, ci, c.Level, title, dedup(codeTerms(codes...)))
		// The heading's title and the other possible titles are card
		// titles too (a heading often names the profession in more words).
		head := kasip.Text{}
		for l, h := range c.HeaderTitle {
			if strings.TrimSpace(h) != strings.TrimSpace(title[l]) {
				head[l] = h
			}
		}
		b.add(kasip.KindCard, cp+".header_title", ci, c.Level, head, nil)
		for ai, a := range c.AltTitles {
			b.add(kasip.KindCard, fmt.Sprintf("%s.alt_titles[%d]", cp, ai), ci, c.Level, a.Title, codeTerms(a.Code))
		}
		for fi := range c.Functions {
			f := &c.Functions[fi]
			fp := fmt.Sprintf("%s.functions[%d]", cp, fi)
			b.add(kasip.KindFunction, fp, ci, c.Level, f.Title, codeTerms(f.Code))
			b.items(kasip.KindAction, fp+".actions", ci, c.Level, f.Actions)
			b.items(kasip.KindAbility, fp+".abilities", ci, c.Level, f.Abilities)
			b.items(kasip.KindKnowledge, fp+".knowledge", ci, c.Level, f.Knowledge)
			for si := range f.Skills {
				sk := &f.Skills[si]
				sp := fmt.Sprintf("%s.skills[%d]", fp, si)
				b.add(kasip.KindSkill, sp, ci, c.Level, sk.Title, nil)
				b.items(kasip.KindAbility, sp+".abilities", ci, c.Level, sk.Abilities)
				b.items(kasip.KindKnowledge, sp+".knowledge", ci, c.Level, sk.Knowledge)
			}
		}
	}
	return b.out
}

// termText joins a term and its definition per language: "term — definition".
func termText(tm kasip.Term) kasip.Text {
	out := kasip.Text{}
	for l, s := range tm.Term {
		s = strings.TrimSpace(s)
		if d := strings.TrimSpace(tm.Definition[l]); d != "" {
			if s != "" {
				s += " — " + d
			} else {
				s = d
			}
		}
		if s != "" {
			out[l] = s
		}
	}
	for l, d := range tm.Definition {
		if _, ok := out[l]; !ok && strings.TrimSpace(d) != "" {
			out[l] = strings.TrimSpace(d)
		}
	}
	return out
}

func dedup(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// ValidKind reports whether k is one of the kasip.Kind* constants.
func ValidKind(k string) bool {
	switch k {
	case kasip.KindStandard, kasip.KindCard, kasip.KindFunction, kasip.KindSkill,
		kasip.KindAbility, kasip.KindKnowledge, kasip.KindAction, kasip.KindTerm:
		return true
	}
	return false
}

// KindWeight is the field weight of an item kind: titles rank above
// abilities and knowledge.
func KindWeight(kind string) float64 {
	switch kind {
	case kasip.KindStandard:
		return 3.0
	case kasip.KindCard:
		return 2.5
	case kasip.KindFunction:
		return 2.0
	case kasip.KindSkill:
		return 1.8
	case kasip.KindTerm:
		return 1.2
	}
	return 1.0
}

// Owner returns the path of the function or skill an item belongs to (its
// own path for a function or skill), or "" when it belongs to neither.
func Owner(kind, path string) string {
	switch kind {
	case kasip.KindFunction, kasip.KindSkill:
		return path
	case kasip.KindAbility, kasip.KindKnowledge, kasip.KindAction:
		if i := strings.LastIndexByte(path, '.'); i > 0 {
			return path[:i]
		}
	}
	return ""
}
