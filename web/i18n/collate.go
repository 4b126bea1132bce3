package i18n

import (
	"cmp"
	"strings"
	"unicode"
)

// Collation for lists sorted in Go: titles in Kazakh, Russian and English
// sort by the Kazakh Cyrillic alphabet, in which the Kazakh letters stand
// next to their Russian neighbours (А Ә Б … Ғ … Қ … Ң … Ө … Ұ Ү … Һ … І …)
// rather than after Я as byte order would put them. Russian words sort as in
// Russian, because the Russian letters keep their relative order.
//
// Digits come first, then Cyrillic, then Latin, then any other letters by
// code point. Case and punctuation are ignored at the first level; spaces
// separate words, so "Ан Б" sorts before "Ана". Ties are broken by case
// (lower first) and finally by the raw strings, so the order is total.

const kazakhAlphabet = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"

var kazakhRank = func() map[rune]int {
	m := make(map[rune]int)
	i := 0
	for _, r := range kazakhAlphabet {
		m[r] = i
		i++
	}
	return m
}()

const (
	rankSpace    = 1
	rankDigit    = 10
	rankCyrillic = 100
	rankLatin    = 200
	rankOther    = 1000
)

// collationRank gives a lower-cased rune its primary weight; 0 means the
// rune is ignored (punctuation, symbols).
func collationRank(r rune) int {
	switch {
	case unicode.IsSpace(r):
		return rankSpace
	case r >= '0' && r <= '9':
		return rankDigit + int(r-'0')
	case r >= 'a' && r <= 'z':
		return rankLatin + int(r-'a')
	}
	if k, ok := kazakhRank[r]; ok {
		return rankCyrillic + k
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return rankOther + int(r)
	}
	return 0
}

// collationKey is the sequence of primary weights of s.
func collationKey(s string) []int {
	key := make([]int, 0, len(s))
	for _, r := range strings.TrimSpace(s) {
		w := collationRank(unicode.ToLower(r))
		if w == 0 || (w == rankSpace && len(key) > 0 && key[len(key)-1] == rankSpace) {
			continue
		}
		key = append(key, w)
	}
	return key
}

// collate compares a and b in Kazakh alphabet order.
func Collate(a, b string) int {
	ka, kb := collationKey(a), collationKey(b)
	for i := 0; i < len(ka) && i < len(kb); i++ {
		if c := cmp.Compare(ka[i], kb[i]); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(len(ka), len(kb)); c != 0 {
		return c
	}
	// Same letters: by punctuation, then lower case before upper case
	// (lower-case letters have the higher code points, hence b, a).
	if c := cmp.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return cmp.Compare(b, a)
}
