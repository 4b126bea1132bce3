package analyze

import (
	"strings"
	"unicode/utf8"
)

// Most people type Kazakh on a Russian keyboard, writing each Kazakh letter
// as the Russian letter it resembles: "кызмет корсету" for "қызмет
// көрсету". Every Kazakh word therefore also gets a folded term: the word
// with its Kazakh letters replaced (ә→а, ғ→г, қ→к, ң→н, ө→о, ұ→у, ү→у,
// һ→х, і→и, and й→и because Latin "i" is written for і, и and й alike),
// then stemmed by foldStem. The same function runs on the query,
// where a word typed without Kazakh letters is already folded, so both sides
// meet on one term whatever letters were typed.

var kkFold = strings.NewReplacer("ә", "а", "ғ", "г", "қ", "к", "ң", "н", "ө", "о",
	"ұ", "у", "ү", "у", "һ", "х", "і", "и", "й", "и")

// Fold writes a lower-case Cyrillic word without Kazakh letters.
func Fold(w string) string {
	if !hasKKLetter(w) && !strings.ContainsRune(w, 'й') {
		return w
	}
	return kkFold.Replace(w)
}

// foldedSlots are the stemmer's suffix slots with folded suffixes. Folding
// loses vowel harmony (ә, ө, ү, і become back vowels), so harmony is not
// checked in folded words; the sound conditions still are, on the folded
// remainder read back as far as it can be (a final и was і).
var foldedSlots = func() [][]suffix {
	out := make([][]suffix, len(slots))
	for i, slot := range slots {
		seen := map[string]bool{}
		for _, sf := range slot {
			f := Fold(sf.s)
			if !seen[f] {
				seen[f] = true
				out[i] = append(out[i], suffix{f, sf.c})
			}
		}
	}
	return out
}()

var foldedLexicon = func() map[string]bool {
	m := make(map[string]bool, len(kkLexicon))
	for w := range kkLexicon {
		m[Fold(w)] = true
	}
	return m
}()

// foldStem stems a folded Kazakh word.
func foldStem(w string) string {
	for _, slot := range foldedSlots {
		if foldedLexicon[w] {
			return w
		}
		w = stripFolded(w, slot)
	}
	if foldedLexicon[w] {
		return w
	}
	for _, s := range []string{"лык", "лик", "дык", "дик", "тык", "тик"} {
		rem, ok := strings.CutSuffix(w, s)
		if ok && utf8.RuneCountInString(rem) >= 4 && loanish(rem) {
			return loanStem(rem)
		}
	}
	if loanish(w) {
		return loanStem(w)
	}
	return unvoice(w)
}

// stripFolded removes the longest suffix of slot that may be stripped from
// the folded word w.
func stripFolded(w string, slot []suffix) string {
	best := w
	for _, sf := range slot {
		rem, ok := strings.CutSuffix(w, sf.s)
		if !ok || rem == "" || len(rem) >= len(best) && best != w {
			continue
		}
		if utf8.RuneCountInString(rem) < minLen(sf.s) || !hasVowel(rem) || !sf.c(unfoldLast(rem)) {
			continue
		}
		best = rem
	}
	return best
}

// unfoldLast reads a final и of a folded word as the і it usually was
// (possessive -і), for the stemmer's sound conditions.
func unfoldLast(rem string) string {
	if r, n := utf8.DecodeLastRuneInString(rem); r == 'и' {
		return rem[:len(rem)-n] + "і"
	}
	return rem
}

// FoldTerm is the folded term of a Kazakh word (Cyrillic, lower case).
func FoldTerm(w string) string { return foldStem(Fold(w)) }

// stopKKFolded are the Kazakh stopwords typed without Kazakh letters
// ("жане", "ушин"): dropped like the stopwords themselves.
var stopKKFolded = func() map[string]bool {
	m := make(map[string]bool, len(stopKK))
	for w := range stopKK {
		m[Fold(w)] = true
	}
	return m
}()
