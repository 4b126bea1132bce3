package lint

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/kasip/kasip"
)

// codeFields are the JSON names of the model's fields that hold codes, which
// are Latin letters and digits by definition.
var codeFields = map[string]bool{
	"code": true, "code_original": true, "codes": true, "codes_original": true,
	"occupation_code": true, "group_code": true,
}

// checkMixedScript reports codes typed with Cyrillic look-alike letters
// ("М84120" with a Cyrillic М) and words mixing Latin and Cyrillic letters
// ("бiлiм" with Latin i). Such text looks right but does not match in
// searches, registers or code look-ups.
func checkMixedScript(st *kasip.Standard, _ Options) []Finding {
	r := newReport(st, "mixed-script", Warning)
	r.codeScripts()
	for _, t := range texts(st) {
		if spots := mixedSpots(t.Value); len(spots) > 0 {
			r.add(Warning, t.Path, t.Origin, "mixed-script.text", kasip.Args{"spots": listArg(spots)})
		}
	}
	return r.done()
}

// codeScripts checks every code field of the model.
func (r *report) codeScripts() {
	walk(r.st, func(path string, v reflect.Value, o kasip.Origin) bool {
		if v.Kind() != reflect.String || !codeFields[lastName(path)] {
			return true
		}
		// A code field holding text is the reader's note, not a code to fix.
		if s := v.String(); hasLookalike(s) && isCodeValue(s) {
			fixed, _ := kasip.NormalizeCode(s)
			r.add(Warning, path, o, "mixed-script.code-field", kasip.Args{"code": quoteArg(s), "letters": lookalikes(s), "fixed": quoteArg(fixed)})
		}
		return true
	})
}

func isCodeValue(s string) bool { _, _, ok := kasip.NormalizeCodeField(s); return ok }

// lastName returns the last field name of a path: "codes" for "cards[0].codes[1]".
func lastName(path string) string {
	path = path[strings.LastIndexByte(path, '.')+1:]
	if i := strings.IndexByte(path, '['); i >= 0 {
		path = path[:i]
	}
	return path
}

func hasLookalike(s string) bool { return strings.IndexFunc(s, kasip.IsLatinLookalike) >= 0 }

// lookalikes names the Cyrillic look-alike letters of s: "letter М (U+041C)".
func lookalikes(s string) kasip.Arg {
	var seen []string
	for _, c := range s {
		if kasip.IsLatinLookalike(c) {
			if d := fmt.Sprintf("%c (U+%04X)", c, c); !slices.Contains(seen, d) {
				seen = append(seen, d)
			}
		}
	}
	key := "letters.many"
	if len(seen) == 1 {
		key = "letters.one"
	}
	return msgArg(key, kasip.Args{"list": codeArg(strings.Join(seen, ", "))})
}

// mixedSpots returns a description of each mixed-script token of s.
func mixedSpots(s string) []kasip.Message {
	var spots []kasip.Message
	for _, tok := range tokens(s) {
		if d, ok := mixedToken(tok); ok && !slices.ContainsFunc(spots, func(m kasip.Message) bool { return sameMessage(m, d) }) {
			spots = append(spots, d)
		}
	}
	return spots
}

// tokens splits s into runs of letters and digits.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// mixedToken describes what is wrong with a token, if anything. A word
// mixes scripts when one run of letters holds both; a code (digits with
// upper-case letters only) is wrong with any Cyrillic look-alike in it.
// Runs glued across a digit ("ғылымдар6B02") are glued words, not mixed.
func mixedToken(tok string) (kasip.Message, bool) {
	for _, w := range letterRuns(tok) {
		if hasScript(w, unicode.Latin) && hasScript(w, unicode.Cyrillic) {
			return kasip.Message{Key: "mixed-script.word", Args: kasip.Args{"word": quoteArg(w), "fixed": quoteArg(oneScript(w))}}, true
		}
	}
	if isCodeLike(tok) && hasLookalike(tok) {
		fixed, _ := kasip.NormalizeCode(tok)
		return kasip.Message{Key: "mixed-script.code", Args: kasip.Args{"code": quoteArg(tok), "letters": lookalikes(tok), "fixed": quoteArg(fixed)}}, true
	}
	return kasip.Message{}, false
}

func letterRuns(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

func hasScript(s string, t *unicode.RangeTable) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(t, r) }) >= 0
}

// reCodeShape matches the codes that appear inside texts: specialities of
// the education classifier ("6B01", "7M06") and standard or OKED-based codes
// ("M84120"). Other digit-letter tokens are left alone: "1С" is the Russian
// company's real name, in Cyrillic.
var reCodeShape = regexp.MustCompile(`^(?:\d\p{Lu}\d{2,}|\p{Lu}\d{5,})$`)

// isCodeLike reports a token shaped like a code whose Cyrillic letters all
// have Latin twins: "М84120", "6В01"; not "1ЖРО" (Ж has no twin, so the
// author meant Cyrillic).
func isCodeLike(tok string) bool {
	if !reCodeShape.MatchString(tok) {
		return false
	}
	for _, c := range tok {
		if unicode.Is(unicode.Cyrillic, c) && !kasip.IsLatinLookalike(c) {
			return false
		}
	}
	return true
}

// toCyrillic maps Latin letters to the Cyrillic letters they imitate.
var toCyrillic = map[rune]rune{
	'A': 'А', 'B': 'В', 'E': 'Е', 'K': 'К', 'M': 'М', 'H': 'Н', 'O': 'О', 'P': 'Р', 'C': 'С', 'T': 'Т',
	'X': 'Х', 'Y': 'У', 'I': 'І', 'a': 'а', 'e': 'е', 'o': 'о', 'p': 'р', 'c': 'с', 'x': 'х', 'y': 'у', 'i': 'і',
}

// oneScript rewrites a mixed word in the script most of its letters are in.
func oneScript(w string) string {
	lat, cyr := 0, 0
	for _, c := range w {
		if unicode.Is(unicode.Latin, c) {
			lat++
		} else if unicode.Is(unicode.Cyrillic, c) {
			cyr++
		}
	}
	if lat > cyr {
		s, _ := kasip.NormalizeCode(w)
		return s
	}
	return strings.Map(func(c rune) rune {
		if k, ok := toCyrillic[c]; ok {
			return k
		}
		return c
	}, w)
}

// reGlued* find words run together in Cyrillic text. Each is narrow on
// purpose: company names ("ҚазМұнайГаз"), abbreviations ("КазНУ", "ЖРО-ның"),
// codes ("6B01") and Latin camel case ("iPhone", "eGov") are legitimate.
var (
	// a digit glued to a following word: "№ 394бұйрығы", "1Жастарға".
	reDigitWord = regexp.MustCompile(`\d\p{Cyrillic}*\p{Ll}\p{Cyrillic}*`)
	// a word glued to a following number: "ғылымдар6B02", "ақпарат04".
	reWordDigit = regexp.MustCompile(`\p{Cyrillic}*\p{Ll}\p{Cyrillic}*\d`)
	// a Kazakh genitive glued to the next word: "Министрдіңміндетін".
	reGenitive = regexp.MustCompile(`^(\p{L}{4,}?(?:ның|нің|дың|дің|тың|тің))(\p{Ll}{4,})$`)
)

// checkGlued reports words run together where links or line breaks were
// removed: a lower-case letter directly followed by a capital inside a word
// ("РеспубликасыныңКонституциясы"), a number glued to a word ("394бұйрығы",
// "ғылымдар6B02"), a Kazakh genitive glued to the next word.
func checkGlued(st *kasip.Standard, _ Options) []Finding {
	r := newReport(st, "glued-words", Warning)
	for _, t := range texts(st) {
		if spots := gluedSpots(t.Value); len(spots) > 0 {
			r.add(Warning, t.Path, t.Origin, "glued.words", kasip.Args{"spots": listArg(spots)})
		}
	}
	return r.done()
}

// gluedSpots returns each glued place of s as `"AB" (expected "A B")`.
func gluedSpots(s string) []kasip.Message {
	var spots []kasip.Message
	for _, tok := range tokens(s) {
		for _, fix := range gluedFixes(tok) {
			d := kasip.Message{Key: "glued.spot", Args: kasip.Args{"text": quoteArg(tok), "fixed": quoteArg(fix)}}
			if !slices.ContainsFunc(spots, func(m kasip.Message) bool { return sameMessage(m, d) }) {
				spots = append(spots, d)
			}
		}
	}
	return spots
}

// gluedFixes returns the token split where it is glued, once per kind of
// gluing found.
func gluedFixes(tok string) []string {
	var out []string
	if i := caseGlue(tok); i > 0 {
		out = append(out, tok[:i]+" "+tok[i:])
	}
	if i := digitGlue(tok); i > 0 {
		out = append(out, tok[:i]+" "+tok[i:])
	}
	if m := reGenitive.FindStringSubmatch(tok); m != nil {
		out = append(out, m[1]+" "+m[2])
	}
	return out
}

// caseGlue returns the byte offset of a capital that starts a new word inside
// tok, or 0. The word before it must be at least 4 letters of lower case
// (after an optional initial capital), the word after at least 4 letters,
// and tok must have at most two capitals: "КазНУ" and "ҚазМұнайГаз" stay.
func caseGlue(tok string) int {
	rs := []rune(tok)
	caps := 0
	for _, c := range rs {
		if unicode.IsUpper(c) {
			caps++
		}
	}
	if caps > 2 {
		return 0
	}
	for i := 1; i < len(rs); i++ {
		if isCyrUpper(rs[i]) && isCyrLower(rs[i-1]) && runBefore(rs, i) >= 4 && runAfter(rs, i) >= 4 {
			return len(string(rs[:i]))
		}
	}
	return 0
}

func isCyrUpper(c rune) bool { return unicode.IsUpper(c) && unicode.Is(unicode.Cyrillic, c) }
func isCyrLower(c rune) bool { return unicode.IsLower(c) && unicode.Is(unicode.Cyrillic, c) }

// runBefore counts the letters of the word ending before rs[i]: lower-case
// ones back to a capital (counted) or the start.
func runBefore(rs []rune, i int) int {
	n := 0
	for j := i - 1; j >= 0 && unicode.IsLetter(rs[j]); j-- {
		n++
		if unicode.IsUpper(rs[j]) {
			break
		}
	}
	return n
}

// runAfter counts the capital at rs[i] and the lower-case letters after it.
func runAfter(rs []rune, i int) int {
	n := 1
	for j := i + 1; j < len(rs) && unicode.IsLower(rs[j]); j++ {
		n++
	}
	return n
}

// digitGlue returns the byte offset where a number and a Cyrillic word meet
// without a space, or 0. The word must have three letters or more, so units
// ("5 кг" written "5кг") and suffixes after a hyphen do not count.
func digitGlue(tok string) int {
	if m := reDigitWord.FindStringIndex(tok); m != nil && letters(tok[m[0]+1:m[1]]) >= 3 {
		return m[0] + 1
	}
	if m := reWordDigit.FindStringIndex(tok); m != nil && letters(tok[m[0]:m[1]-1]) >= 3 {
		return m[1] - 1
	}
	return 0
}

func letters(s string) int { return len([]rune(s)) }
