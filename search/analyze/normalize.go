package analyze

import (
	"strings"
	"unicode"

	"github.com/kasip/kasip"
	"golang.org/x/text/unicode/norm"
)

// cyrTwin maps Latin letters to the Cyrillic letters they are mistaken for.
// Case matters: a capital H looks like Н, a small h like һ; a capital B or T
// looks like В or Т, their small forms look like nothing Cyrillic. ə (Latin
// schwa, on Azerbaijani keyboards) is the usual stand-in for ә.
var cyrTwin = map[rune]rune{
	'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'I': 'І', 'K': 'К', 'M': 'М',
	'O': 'О', 'P': 'Р', 'T': 'Т', 'X': 'Х', 'Y': 'У', 'Ə': 'Ә',
	'a': 'а', 'c': 'с', 'e': 'е', 'h': 'һ', 'i': 'і', 'k': 'к', 'm': 'м', 'o': 'о',
	'p': 'р', 'x': 'х', 'y': 'у', 'ə': 'ә',
}

// normWord returns the NFC, script-repaired, lower-cased form of a word with
// ё folded to е and every apostrophe variant written as '.
func normWord(raw string) string {
	w := norm.NFC.String(raw)
	w = fixScript(w)
	w = toLower(w)
	return strings.Map(func(r rune) rune {
		switch {
		case r == 'ё':
			return 'е'
		case isApostrophe(r):
			return '\''
		}
		return r
	}, w)
}

func toLower(s string) string { return strings.ToLower(s) }

// fixScript repairs a word that mixes Latin and Cyrillic letters. Only the
// minority script is changed, and only when all its letters have a twin in
// the majority script: "Кoнак" (Latin o) becomes Cyrillic, "wоrker"
// (Cyrillic о) becomes Latin, a genuine mix ("iPhone-ды") is left alone.
func fixScript(w string) string {
	var cyr, lat int
	latTwins, cyrTwins := true, true
	for _, r := range w {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
			cyrTwins = cyrTwins && kasip.IsLatinLookalike(r)
		case unicode.Is(unicode.Latin, r):
			lat++
			_, ok := cyrTwin[r]
			latTwins = latTwins && ok
		}
	}
	switch {
	case cyr == 0 || lat == 0:
		return w
	case cyr >= lat && latTwins:
		return strings.Map(func(r rune) rune {
			if c, ok := cyrTwin[r]; ok {
				return c
			}
			return r
		}, w)
	case lat > cyr && cyrTwins:
		c, _ := kasip.NormalizeCode(w)
		return c
	}
	return w
}

// script classifies a normalised word: 'c' Cyrillic, 'l' Latin, 0 other or
// mixed.
func script(w string) byte {
	var cyr, lat, other bool
	for _, r := range w {
		switch {
		case !unicode.IsLetter(r):
		case unicode.Is(unicode.Cyrillic, r):
			cyr = true
		case unicode.Is(unicode.Latin, r):
			lat = true
		default:
			other = true
		}
	}
	switch {
	case cyr && !lat && !other:
		return 'c'
	case lat && !cyr && !other:
		return 'l'
	}
	return 0
}

// kkLetters are the Cyrillic letters used by Kazakh and not by Russian.
const kkLetters = "әғқңөұүһі"

func hasKKLetter(w string) bool { return strings.ContainsAny(w, kkLetters) }

// ruOnly are letters that native Kazakh words do not use: a word with them is
// Russian, or a Russian loan inside Kazakh text.
const ruOnly = "вфцчщъьэюё"

// Normalize is the normalised form of a surface word (NFC, script repaired,
// lower case, ё as е, apostrophes as '), as terms are made from.
func Normalize(word string) string { return normWord(word) }
