package main

import (
	"github.com/kasip/kasip/internal/kktyping"
	"strings"
	"unicode/utf8"
)

// Derived groups: every Kazakh query of the set as people also type it, with
// the same judgements (what is relevant does not change with the keyboard).
// They are generated rather than written so that they cover the whole Kazakh
// part of the set, not a few chosen examples.
var derivedGroups = []string{"kk-folded", "kk-latin-plain", "kk-typo"}

// derive adds the derived queries of the set's Kazakh queries that have a
// Kazakh letter: folded (Russian keyboard), plain Latin, and with a letter
// dropped from the middle of its longest word (at least 6 letters).
func derive(set []query) []query {
	out := set
	for _, q := range set {
		if q.Group != "kk" || kktyping.RussianKeyboard(q.Text) == q.Text {
			continue
		}
		out = append(out, query{Group: "kk-folded", Text: kktyping.RussianKeyboard(q.Text), Rel: q.Rel})
		out = append(out, query{Group: "kk-latin-plain", Text: kktyping.PlainLatin(q.Text), Rel: q.Rel})
		if t := dropLetter(q.Text); t != "" {
			out = append(out, query{Group: "kk-typo", Text: t, Rel: q.Rel})
		}
	}
	return out
}

// dropLetter removes the middle letter of the longest word of text, or
// returns "" when no word has 6 letters.
func dropLetter(text string) string {
	words := strings.Fields(text)
	best := -1
	for i, w := range words {
		if n := utf8.RuneCountInString(w); n >= 6 && (best < 0 || n > utf8.RuneCountInString(words[best])) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	rs := []rune(words[best])
	words[best] = string(rs[:len(rs)/2]) + string(rs[len(rs)/2+1:])
	return strings.Join(words, " ")
}
