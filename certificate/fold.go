package certificate

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The public register is searched by a holder's name, typed by people on
// whatever keyboard they have. Names are compared folded, in Go, the same
// way at write and at query time, so that neither database's collation or
// locale matters (PostgreSQL under the C locale does not even lower-case
// Cyrillic):
//
//   - Unicode normalisation (NFC) and lower case: Ә and ә, Қ and қ, I and i;
//   - ё as е;
//   - each Kazakh letter as the Russian letter typed for it where a keyboard
//     lacks it (ә→а, ғ→г, қ→к, ң→н, ө→о, ұ→у, ү→у, һ→х, і→и), so that
//     "Нурланкызы" finds "Нұрланқызы" and "НҰРЛАНҚЫЗЫ";
//   - Latin look-alikes inside a Cyrillic word (an "о" typed on the Latin
//     layout) as the Cyrillic letters they look like, and the Latin schwa
//     ə as ә;
//   - anything but letters and digits separates words.
var kazakhFold = map[rune]rune{
	'ә': 'а', 'ғ': 'г', 'қ': 'к', 'ң': 'н', 'ө': 'о', 'ұ': 'у', 'ү': 'у', 'һ': 'х', 'і': 'и', 'ё': 'е',
}

// latinTwin maps Latin letters to the Cyrillic ones they are mistaken for.
// Case matters, so it is applied before lower-casing: a capital H looks like
// Н, a small h like һ.
var latinTwin = map[rune]rune{
	'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'I': 'І', 'K': 'К', 'M': 'М',
	'O': 'О', 'P': 'Р', 'T': 'Т', 'X': 'Х', 'Y': 'У', 'Ə': 'Ә',
	'a': 'а', 'c': 'с', 'e': 'е', 'h': 'һ', 'i': 'і', 'k': 'к', 'm': 'м', 'o': 'о',
	'p': 'р', 'x': 'х', 'y': 'у', 'ə': 'ә',
}

// Words returns the folded words of s.
func Words(s string) []string {
	words := strings.FieldsFunc(norm.NFC.String(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
	for i, w := range words {
		words[i] = foldWord(w)
	}
	return words
}

func foldWord(w string) string {
	cyrillic := strings.IndexFunc(w, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0
	w = strings.Map(func(r rune) rune {
		if t, ok := latinTwin[r]; ok && (cyrillic || r == 'ə' || r == 'Ə') {
			return t
		}
		return r
	}, w)
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) { // e.g. the dot of a lower-cased İ
			return -1
		}
		if f, ok := kazakhFold[r]; ok {
			return f
		}
		return r
	}, strings.ToLower(w))
}

// Key is the folded words of s, each between spaces (" нурлан асан "), so
// that a LIKE '% word %' finds a whole word, in any order, on any database.
func Key(s string) string {
	w := Words(s)
	if len(w) == 0 {
		return ""
	}
	return " " + strings.Join(w, " ") + " "
}
