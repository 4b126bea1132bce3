package analyze

import (
	"strings"
	"unicode/utf8"
)

// latinKK maps the Kazakh Latin alphabet of 2021 (ä ğ ı i ñ ö ū ü ş ç q …)
// to Cyrillic. h is taken as х: һ occurs in a handful of Arabic loans only.
// y and i are decided by position (see latinRune). c, w and x are not in the
// 2021 alphabet; informal writing uses them for ц, у and х.
var latinKK = map[rune]string{
	'a': "а", 'ä': "ә", 'ə': "ә", 'b': "б", 'c': "ц", 'ç': "ч", 'd': "д", 'e': "е",
	'f': "ф", 'g': "г", 'ğ': "ғ", 'h': "х", 'ı': "ы", 'j': "ж", 'k': "к", 'l': "л",
	'm': "м", 'n': "н", 'ñ': "ң", 'o': "о", 'ö': "ө", 'p': "п", 'q': "қ", 'r': "р",
	's': "с", 'ş': "ш", 't': "т", 'u': "у", 'ū': "ұ", 'ü': "ү", 'v': "в", 'w': "у",
	'x': "х", 'z': "з",
}

// digraph2017 maps the 2017 apostrophe digraphs. In that alphabet y is ы and
// i' is й (or и), which latinRune's positional rule reproduces for plain y.
var digraph2017 = map[rune]string{
	'a': "ә", 'g': "ғ", 'n': "ң", 'o': "ө", 'u': "ү", 'y': "ұ", 's': "ш", 'c': "ч",
	'i': "й",
}

// informal digraphs used everywhere in chat-style Kazakh Latin.
var informal = map[string]string{"sh": "ш", "ch": "ч", "zh": "ж"}

// kazakhLatinSignal reports whether a lower-case Latin word is unmistakably
// Kazakh: it has a letter of the Kazakh alphabets that English lacks, a q
// not followed by u, or a 2017 apostrophe digraph.
func kazakhLatinSignal(w string) bool {
	if strings.ContainsAny(w, "äğıñöūüşçə") {
		return true
	}
	for i := 0; i < len(w); i++ {
		if w[i] == 'q' && (i+1 == len(w) || w[i+1] != 'u') {
			return true
		}
	}
	return hasDigraph2017(w)
}

// hasDigraph2017 finds a letter+apostrophe pair that is not an English
// contraction (it's, don't, we'll, they're, I've, I'd, I'm, o'clock).
func hasDigraph2017(w string) bool {
	i := strings.IndexByte(w, '\'')
	if i <= 0 || w == "o'clock" {
		return false
	}
	switch w[i+1:] {
	case "s", "t", "ll", "re", "ve", "d", "m":
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(w[:i])
	_, ok := digraph2017[r]
	return ok
}

// plausiblyKazakhLatin reports whether a Latin word could be Kazakh at all:
// only letters of the Kazakh Latin alphabets (no c without apostrophe, w, x)
// and no "th", which Kazakh never writes.
func plausiblyKazakhLatin(w string) bool {
	if strings.Contains(w, "th") {
		return false
	}
	for i, r := range w {
		switch r {
		case 'c':
			if !strings.HasPrefix(w[i+1:], "'") && !strings.HasPrefix(w[i+1:], "h") {
				return false
			}
		case 'w', 'x':
			return false
		}
	}
	return utf8.RuneCountInString(w) >= 2
}

// transliterate writes a lower-case Kazakh Latin word in Cyrillic.
func transliterate(w string) string {
	var b strings.Builder
	rs := []rune(w)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if i+1 < len(rs) && rs[i+1] == '\'' {
			if c, ok := digraph2017[r]; ok {
				b.WriteString(c)
				i++
				continue
			}
		}
		if i+1 < len(rs) {
			if c, ok := informal[string(rs[i:i+2])]; ok {
				b.WriteString(c)
				i++
				continue
			}
		}
		b.WriteString(latinRune(rs, i))
	}
	return b.String()
}

// latinRune transliterates rs[i]. Native Kazakh has no two vowels in a row,
// so y and i after a vowel are the glide й (2021: üy, 2017: üi), elsewhere y
// is ы (2017 and informal) and i is і.
func latinRune(rs []rune, i int) string {
	r := rs[i]
	afterVowel := i > 0 && strings.ContainsRune("aäəeıioöūü", rs[i-1])
	switch r {
	case 'y':
		// "iy" is и+ы (жиын, киім), the usual plain-Latin spelling.
		if afterVowel && rs[i-1] != 'i' {
			return "й"
		}
		return "ы"
	case 'i':
		if afterVowel {
			return "й"
		}
		return "і"
	case '\'':
		return ""
	}
	if c, ok := latinKK[r]; ok {
		return c
	}
	return string(r)
}
