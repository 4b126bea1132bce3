package analyze

import (
	"strings"
	"unicode/utf8"

	// Snowball stemmers for Russian and English: pure Go ports of the
	// official algorithms, no cgo, so both databases index the same stems.
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// Stem returns the stem of a normalised lower-case word in language lang
// ("kk", "ru" or "en"); other languages are returned unchanged.
func Stem(word, lang string) string {
	switch lang {
	case "kk":
		return kkStem(word)
	case "ru":
		return ruStem(word)
	case "en":
		return english.Stem(word, true)
	}
	return word
}

func ruStem(w string) string { return russian.Stem(w, true) }

// loanStem finishes a Kazakh stem. A stem without Kazakh letters that looks
// Russian (functions, standards, consultations) is a loan: it loses a
// derivational -лық/-лік (консультациялық → консультация) and is passed to
// the Russian stemmer, so that the Kazakh "функцияларының" and the Russian
// "функций" meet on one stem "функц".
func loanStem(w string) string {
	if hasKKLetter(w) || !loanish(w) {
		return w
	}
	return ruStem(w)
}

// loanish reports whether a word without Kazakh letters looks Russian:
// letters native Kazakh lacks, an initial consonant cluster (native words
// never start with two consonants: стандарт, программа) or -ия, -ика.
func loanish(w string) bool {
	if strings.ContainsAny(w, ruOnly) {
		return true
	}
	r0, n := utf8.DecodeRuneInString(w)
	r1, _ := utf8.DecodeRuneInString(w[n:])
	if r1 != utf8.RuneError && !isVowel(r0) && !isVowel(r1) && r0 != 'у' && r1 != 'у' && r1 != 'и' {
		return true
	}
	return strings.HasSuffix(w, "ия") || strings.HasSuffix(w, "ика")
}

// stripLoanDerivation removes -лық/-лік/-дық/-тық… when what remains is a
// Russian loan: "консультациялық", "экономикалық", "психологиялық".
func stripLoanDerivation(w string) string {
	for _, s := range []string{"лық", "лік", "дық", "дік", "тық", "тік"} {
		rem, ok := strings.CutSuffix(w, s)
		if ok && utf8.RuneCountInString(rem) >= 4 && !hasKKLetter(rem) && loanish(rem) {
			return rem
		}
	}
	return w
}
