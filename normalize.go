package kasip

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// lookalikes maps Cyrillic letters that look like Latin ones to those Latin
// letters. Codes (M84120, I55101015, A/01.3) are Latin by definition; authors
// type them with whatever keyboard layout is active.
var lookalikes = map[rune]rune{
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P',
	'С': 'C', 'Т': 'T', 'У': 'Y', 'Х': 'X', 'І': 'I', 'Ј': 'J', 'Ѕ': 'S',
	'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p',
	'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's',
}

// NormalizeCode returns a classifier or standard code in Latin letters with
// surrounding space and trailing punctuation removed. It reports whether the
// result differs from the trimmed original (a look-alike was replaced). It
// maps every look-alike, so it is for what is known to be a code; a field
// that may hold text goes through NormalizeCodeField.
func NormalizeCode(s string) (code string, changed bool) {
	s = strings.TrimSpace(s)
	return toLatin(strings.TrimRight(s, ".;,: "))
}

// toLatin maps the Cyrillic look-alikes of s to Latin letters.
func toLatin(s string) (string, bool) {
	changed := false
	var b strings.Builder
	for _, r := range s {
		if l, ok := lookalikes[r]; ok {
			r = l
			changed = true
		}
		b.WriteRune(r)
	}
	return b.String(), changed
}

// CodeShaped reports whether tok has the shape of a classifier or standard
// code: letters, digits and the separators - . / only, at least one digit,
// and no letter outside the Latin alphabet and its Cyrillic look-alikes
// (M84120, I55101015, A/01.3, 6В01, 84.12.0, 3412-0-003). A word with a
// number in it ("2-ші", "247қаулысы") is not a code; neither is a word.
func CodeShaped(tok string) bool {
	digit := false
	for _, r := range tok {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r < utf8.RuneSelf && unicode.IsLetter(r), IsLatinLookalike(r), r == '-', r == '.', r == '/':
		default:
			return false
		}
	}
	return digit && utf8.RuneCountInString(tok) <= 24
}

// NormalizeCodeField reads the value of a code field. A code (or a list of
// codes, or an OKED section letter such as "М" or "І") comes back as
// NormalizeCode returns it, with isCode set. Text that is not a code ("Жоқ",
// "Код не присвоен") is not mapped, since that would turn its Cyrillic
// letters into Latin ones: code is then the one token of the text shaped as a
// code, in Latin letters ("М84120 кәсіптік стандарты" gives M84120), or ""
// when there is none or several. typed is what code was read from, as
// written (the whole value, or the token), so code != typed says a look-alike
// was replaced.
func NormalizeCodeField(s string) (code, typed string, isCode bool) {
	s = strings.TrimRight(strings.TrimSpace(s), ".;,: ")
	if r := []rune(s); len(r) == 1 && unicode.IsUpper(r[0]) && (r[0] < utf8.RuneSelf || IsLatinLookalike(r[0])) {
		code, _ = toLatin(s)
		return code, s, true
	}
	var tokens []string
	isCode = s != ""
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return r < utf8.RuneSelf && isSpaceByte(byte(r)) }) {
		// A code closing a sentence ("… M84120.") or inside brackets
		// ("(6B01)") is still a code.
		if core := strings.Trim(tok, ".;,:()«»\""); CodeShaped(core) {
			tokens = append(tokens, core)
		} else {
			isCode = false
		}
	}
	switch {
	case isCode:
		code, _ = toLatin(s)
		return code, s, true
	case len(tokens) == 1:
		code, _ = toLatin(tokens[0])
		return code, tokens[0], false
	}
	return "", "", false
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// IsLatinLookalike reports whether r is a Cyrillic letter that has a Latin twin.
func IsLatinLookalike(r rune) bool { _, ok := lookalikes[r]; return ok }

// ScriptOf returns "latin", "cyrillic" or "" for a rune.
func ScriptOf(r rune) string {
	switch {
	case unicode.Is(unicode.Latin, r):
		return "latin"
	case unicode.Is(unicode.Cyrillic, r):
		return "cyrillic"
	}
	return ""
}

var monthNames = map[string]int{}

func init() {
	months := [][]string{
		{"қаңтар", "январ", "january", "jan"},
		{"ақпан", "феврал", "february", "feb"},
		{"наурыз", "март", "march", "mar"},
		{"сәуір", "апрел", "april", "apr"},
		{"мамыр", "ма", "may"},
		{"маусым", "июн", "june", "jun"},
		{"шілде", "июл", "july", "jul"},
		{"тамыз", "август", "august", "aug"},
		{"қыркүйек", "сентябр", "september", "sep"},
		{"қазан", "октябр", "october", "oct"},
		{"қараша", "ноябр", "november", "nov"},
		{"желтоқсан", "декабр", "december", "dec"},
	}
	for i, names := range months {
		for _, n := range names {
			monthNames[n] = i + 1
		}
	}
}

var (
	reDateNumeric = regexp.MustCompile(`(?:^|[^\d])(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[^\d]|$)`)
	reDateISO     = regexp.MustCompile(`(?:^|[^\d])(\d{4})-(\d{2})-(\d{2})(?:[^\d]|$)`)
	// "21 мамырдағы 2012", "2012 жылғы 21 мамырдағы", "18 ноября 2013 г.", "23 қараша 2023"
	reDayMonth = regexp.MustCompile(`(?i)(\d{1,2})\s+([\p{L}]+)`)
	reYear     = regexp.MustCompile(`(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)`)
)

// ParseDate finds the first date in s, written as 16.01.2024, 2024-01-16,
// "18 ноября 2013 г.", "2012 жылғы 21 мамырдағы" or "23 қараша 2023 жылғы",
// and returns it in ISO 8601 (YYYY-MM-DD).
func ParseDate(s string) (string, error) {
	if m := reDateISO.FindStringSubmatch(s); m != nil {
		return isoDate(m[1], m[2], m[3])
	}
	if m := reDateNumeric.FindStringSubmatch(s); m != nil {
		return isoDate(m[3], m[2], m[1])
	}
	if y := reYear.FindStringSubmatch(s); y != nil {
		for _, m := range reDayMonth.FindAllStringSubmatch(s, -1) {
			if month := monthOf(m[2]); month > 0 {
				return isoDate(y[1], strconv.Itoa(month), m[1])
			}
		}
	}
	return "", fmt.Errorf("no date in %q: expected DD.MM.YYYY, YYYY-MM-DD or day, month name and year", s)
}

func monthOf(word string) int {
	w := strings.ToLower(word)
	best, bestLen := 0, 0
	for name, m := range monthNames {
		if strings.HasPrefix(w, name) && len(name) > bestLen {
			best, bestLen = m, len(name)
		}
	}
	// "ма" alone would match too much: require "мая"/"май" for May in Russian.
	if bestLen == len("ма") && !(strings.HasPrefix(w, "мая") || strings.HasPrefix(w, "май")) {
		return 0
	}
	return best
}

func isoDate(y, m, d string) (string, error) {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != yi || int(t.Month()) != mi || t.Day() != di {
		return "", fmt.Errorf("invalid date %s-%s-%s", y, m, d)
	}
	return t.Format("2006-01-02"), nil
}
