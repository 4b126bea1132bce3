package read

import (
	"strings"
	"unicode"
)

// stems returns the words of s cut to five letters, after expanding known
// abbreviations and removing "(бұдан әрі – X)" definitions. Five letters keep
// the root of a Kazakh or Russian word and drop most of its endings.
func stems(s string, abbr map[string]string) map[string]bool {
	s = reHereafter.ReplaceAllString(s, " ")
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		base := w
		if i := strings.IndexAny(base, "-"); i > 0 {
			base = base[:i]
		}
		if exp, ok := abbr[base]; ok {
			for _, e := range strings.Fields(strings.ToLower(exp)) {
				out[stem(e)] = true
			}
			continue
		}
		out[stem(w)] = true
	}
	return out
}

func stem(w string) string {
	r := []rune(strings.Trim(w, `"«»().,;:`))
	if len(r) > 5 {
		r = r[:5]
	}
	return string(r)
}

// similarity is the Dice coefficient of the stems of a and b.
func similarity(a, b string, abbr map[string]string) float64 {
	sa, sb := stems(a, abbr), stems(b, abbr)
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	common := 0
	for w := range sa {
		if sb[w] {
			common++
		}
	}
	return 2 * float64(common) / float64(len(sa)+len(sb))
}

// normTitle is a title reduced for comparison: lower case, words only.
func normTitle(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}
