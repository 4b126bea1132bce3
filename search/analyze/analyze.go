// Package analyze turns text into search terms. The same analyser runs when a
// document is indexed and when a query is parsed, so both sides always agree
// on what a "word" is. See docs/search.md ("Text analysis") for every step.
package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// appendTerms appends the tokens of one surface word or code.
func appendTerms(out []Token, raw string, p part, pos int, c context) []Token {
	if p.code {
		return append(out, Token{Term: codeTerm(raw), Pos: pos, Start: p.start, End: p.end, Code: true})
	}
	wt := cachedWordTerms(normWord(raw), c)
	for i, t := range wt.terms {
		out = append(out, Token{Term: t, Pos: pos, Start: p.start, End: p.end, Fold: i >= wt.exact})
	}
	return out
}

// words are the terms of a word: terms[:exact] its own, the rest folded
// forms (Kazakh written without Kazakh letters) that rank below them.
type words struct {
	terms []string
	exact int
}

// withFold adds the folded term of the Kazakh reading k of a word.
func withFold(terms []string, k string) words {
	w := words{terms: terms, exact: len(terms)}
	if f := FoldTerm(k); f != "" {
		w.terms = appendNew(terms, f)
	}
	return w
}

// wordTerms returns the terms of a normalised word: none for a stopword, two
// for a Latin word that may be English or Kazakh.
func wordTerms(w string, c context) words {
	switch script(w) {
	case 'c':
		w = strings.ReplaceAll(w, "'", "")
		if stopKK[w] || stopRU[w] || w == "" || stopKKFolded[w] {
			return words{}
		}
		var out []string
		kk := false
		for _, lang := range cyrLangs(w, c) {
			out = appendNew(out, Stem(w, lang))
			kk = kk || lang == "kk"
		}
		if kk {
			return withFold(out, w)
		}
		return words{terms: out, exact: len(out)}
	case 'l':
		return latinTerms(w, c)
	}
	w = strings.ReplaceAll(w, "'", "")
	if w == "" {
		return words{}
	}
	return words{terms: []string{w}, exact: 1}
}

// latinTerms: unmistakable Kazakh Latin is transliterated and stemmed as
// Kazakh; other words are English, and also Kazakh when they could be (only
// Kazakh Latin letters) and the text is not recognisably English.
func latinTerms(w string, c context) words {
	if kazakhLatinSignal(w) {
		k := transliterate(w)
		if stopKK[k] || stopKKFolded[Fold(k)] {
			return words{}
		}
		return withFold([]string{kkStem(k)}, k)
	}
	if stopEN[w] {
		return words{}
	}
	terms := []string{english.Stem(strings.TrimSuffix(w, "'"), true)}
	if !c.english && plausiblyKazakhLatin(w) {
		k := transliterate(w)
		if !stopKK[k] && !stopKKFolded[Fold(k)] {
			return withFold(appendNew(terms, kkStem(k)), k)
		}
	}
	return words{terms: terms, exact: len(terms)}
}

// Token is one search term found in a text.
type Token struct {
	Term       string // normalised, stemmed term (or a code, lower-cased)
	Pos        int    // position of the surface word; alternatives share it
	Start, End int    // byte offsets of the surface word in the original text
	Code       bool   // a code (contains a digit) kept whole and not stemmed
	Fold       bool   // the word's Kazakh letters folded (қ→к …): ranks below its own terms
}

// Analyze splits text into words and codes and returns their search terms.
// Stopwords are dropped but still consume a position, so phrase distances are
// the same at index and at query time. A word that is both plausible English
// and Latin-script Kazakh yields two tokens with the same Pos.
func Analyze(text string) []Token {
	spans := segment(text)
	ctx := detectContext(text, spans)
	var out []Token
	pos := 0
	for _, sp := range spans {
		for _, p := range splitSpan(text, sp) {
			out = appendTerms(out, text[p.start:p.end], p, pos, ctx)
			pos++
		}
	}
	return out
}

// span is a byte range of the original text.
type span struct{ start, end int }

// segment finds maximal runs of word characters, allowing the connectors
// . / - and apostrophes between them, so that codes (55.10.1, A/01.6,
// 3412-0-003) and 2017 Kazakh Latin digraphs (s'ag'at) stay in one run.
func segment(text string) []span {
	var spans []span
	start := -1
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && keepConnector(text, i, r, n):
			// stays inside the current run
		default:
			if start >= 0 {
				spans = append(spans, span{start, i})
				start = -1
			}
		}
		i += n
	}
	if start >= 0 {
		spans = append(spans, span{start, len(text)})
	}
	return spans
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02BC' || r == '`'
}

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

func isConnector(r rune) bool { return r == '.' || r == '/' || isHyphen(r) }

// keepConnector reports whether the connector r at byte i joins the word
// before it to the word after it. A trailing apostrophe is kept after a
// Latin letter because 2017 Kazakh Latin ends words with digraphs (onyn').
func keepConnector(text string, i int, r rune, n int) bool {
	if !isConnector(r) && !isApostrophe(r) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[i+n:])
	if i+n < len(text) && isWordRune(next) {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		return isWordRune(prev)
	}
	if isApostrophe(r) {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		return isDigraphBase(unicode.ToLower(prev))
	}
	return false
}

// isDigraphBase reports whether r starts a 2017 apostrophe digraph (a', g', …).
func isDigraphBase(r rune) bool {
	switch r {
	case 'a', 'g', 'n', 'o', 'u', 'y', 's', 'c', 'i':
		return true
	}
	return false
}

// appendNew appends s unless it is already in list.
func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
