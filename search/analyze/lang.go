package analyze

import "strings"

// context is what the whole text says about its language. Many Kazakh
// words (жастар, адам, бала) use only letters shared with Russian, so a word
// alone cannot tell; the other words of the same text usually can.
type context struct {
	cyr     byte // 'k' Kazakh, 'r' Russian, 0 unknown
	english bool // Latin words are English only (English stopwords, no Kazakh Latin)
}

// ruEndings are inflections that Kazakh words do not have.
var ruEndings = []string{"ого", "его", "ому", "ему", "ий", "ый", "ая", "яя", "ое",
	"ые", "ие", "ых", "их", "ов", "ев", "ами", "ями", "ать", "ить", "ться",
	"ется", "ются", "ение", "ения", "ании", "ание", "ции"}

func detectContext(text string, spans []span) context {
	var kk, ru, en, kkLat int
	for _, sp := range spans {
		w := toLower(text[sp.start:sp.end])
		switch {
		case hasKKLetter(w) || stopKK[w]:
			kk++
		case strings.ContainsAny(w, "ъьэщё") || stopRU[w] || hasAnySuffix(w, ruEndings):
			ru++
		case stopEN[w]:
			en++
		case script(w) == 'l' && kazakhLatinSignal(w):
			kkLat++
		}
	}
	var c context
	switch {
	case kk > 0 && kk >= ru:
		c.cyr = 'k'
	case ru > kk:
		c.cyr = 'r'
	}
	c.english = en > 0 && kkLat == 0
	return c
}

func hasAnySuffix(w string, sfx []string) bool {
	for _, s := range sfx {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// cyrLangs picks the stemmers of a Cyrillic word: Kazakh letters decide at
// once; otherwise the text's context. With no context (a one-word query such
// as "жастар" or "шара") a word that ends in an unambiguous Kazakh suffix
// chain (plural, ablative, instrumental …) is Kazakh; any other word gets
// both stems, so the query finds Kazakh and Russian documents alike.
func cyrLangs(w string, c context) []string {
	switch {
	case hasKKLetter(w):
		return kkOnly
	case strings.ContainsAny(w, "ъьэщ"):
		return ruOnlyLang
	case c.cyr == 'k':
		return kkOnly
	case c.cyr == 'r':
		return ruOnlyLang
	case kazakhMorphology(w):
		return kkOnly
	}
	return []string{"kk", "ru"}
}

var (
	kkOnly     = []string{"kk"}
	ruOnlyLang = []string{"ru"}
)

// kazakhMorphology reports whether the Kazakh stemmer removes a plural or a
// case suffix that Russian words rarely end in.
func kazakhMorphology(w string) bool {
	for _, s := range []string{"лар", "лер", "дар", "дер", "тар", "тер", "дан", "ден",
		"тан", "тен", "нан", "нен", "мен", "бен", "пен", "лары", "лері", "дары",
		"тары", "ларды", "лерді", "дарды", "тарды", "терді", "дағы", "дегі"} {
		if strings.HasSuffix(w, s) && kkStem(w) != w {
			return true
		}
	}
	return false
}
