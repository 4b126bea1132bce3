package analyze

import (
	"strings"
	"unicode/utf8"
)

// Kazakh stemming strips inflectional suffixes from the end in the order
// they can follow one another — predicative, case, possessive, plural —
// at most one suffix of each slot. A suffix is removed only when
//   - the remainder keeps at least minStem runes and a vowel,
//   - the remainder's last sound allows that variant (қонақ+тар, бала+лар,
//     адам+дар: the consonant of a suffix is chosen by the sound before it),
//   - the suffix agrees in vowel harmony with the remainder's last vowel,
//   - and the remainder is not a known word that merely ends like a suffix.
// First and second person singular possessives (-м, -ым, -ң, -ың) and the
// dative -а/-е after them are not stripped: they collide with the endings of
// very common lemmas (білім, адам, бағдарлама) and are rare in standards.
// Derivational suffixes (-лық, -шы, -кер …) make new lemmas and are kept,
// except -лық/-лік after a Russian loan (консультация+лық), see loanStem.

const minStem = 2

// cond tells whether a suffix may follow the remainder rem.
type cond func(rem string) bool

type suffix struct {
	s string
	c cond
}

// Sound classes of the last rune of a remainder. у and и behave as
// consonants before a suffix (тау+дың, оқу+ы), like й.
func isVowel(r rune) bool { return strings.ContainsRune("аәеоөұүыіэюяё", r) }

func isVoiceless(r rune) bool { return strings.ContainsRune("кқпстфхцчшщһбвгд", r) }

func isSonorant(r rune) bool { return strings.ContainsRune("лрйуи", r) }

func isVoicedCons(r rune) bool { return strings.ContainsRune("зж", r) }

func isNasal(r rune) bool { return strings.ContainsRune("мнң", r) }

func endsAgent(rem string) bool {
	return utf8.RuneCountInString(rem) >= 3 && (strings.HasSuffix(rem, "шы") || strings.HasSuffix(rem, "ші"))
}

func isHigh(r rune) bool { return r == 'ы' || r == 'і' }

func last(rem string) rune { r, _ := utf8.DecodeLastRuneInString(rem); return r }

var (
	afterVowel     cond = func(rem string) bool { return isVowel(last(rem)) }
	afterConsonant cond = func(rem string) bool { return !isVowel(last(rem)) }
	afterVoiceless cond = func(rem string) bool { return isVoiceless(last(rem)) }
	afterPoss3     cond = func(rem string) bool { r := last(rem); return r == 'ы' || r == 'і' }
	// d-forms (да, ға, ды): after vowels and voiced consonants.
	afterVoiced cond = func(rem string) bool {
		r := last(rem)
		return isVowel(r) || isSonorant(r) || isVoicedCons(r) || isNasal(r)
	}
	// genitive/ablative д-forms exclude vowels and nasals (they take н-forms).
	afterSonorant cond = func(rem string) bool {
		r := last(rem)
		return isSonorant(r) || isVoicedCons(r)
	}
	afterVowelOrNasal cond = func(rem string) bool { r := last(rem); return isVowel(r) || isNasal(r) }
	afterNasalOrPoss3 cond = func(rem string) bool { r := last(rem); return isNasal(r) || r == 'ы' || r == 'і' }
	afterVowelOrSon   cond = func(rem string) bool { r := last(rem); return isVowel(r) || isSonorant(r) || isVoicedCons(r) }
	pluralL           cond = func(rem string) bool { r := last(rem); return isVowel(r) || strings.ContainsRune("рйуи", r) }
	pluralD           cond = func(rem string) bool { r := last(rem); return isNasal(r) || strings.ContainsRune("лзж", r) }
	afterZh           cond = func(rem string) bool { return isVoicedCons(last(rem)) }
	// -ғы/-гі (жылғы, кейінгі) never follows a vowel: there "гі" is the
	// voiced к of a possessive (еңбегі, қонағы).
	afterSonorantOrNasal cond = func(rem string) bool {
		r := last(rem)
		return isSonorant(r) || isVoicedCons(r) || isNasal(r)
	}
	afterVoicedNasal cond = func(rem string) bool { r := last(rem); return isNasal(r) || isVoicedCons(r) }
	// -мын after a vowel or л р й у; not after ы/і, where "-мін" is far
	// more often possessive + accusative (білім+і+н).
	afterOpenSound cond = func(rem string) bool {
		r := last(rem)
		return (isVowel(r) && !isHigh(r)) || isSonorant(r)
	}
	// -сы/-сі after a vowel other than ы/і: "жұмысы" is жұмыс+ы, not
	// жұмы+сы. Lemmas ending in ы/і (дағды) are in the lexicon.
	// Agent nouns in -шы/-ші (атқарушы, жеткізуші) are the exception:
	// атқарушы+сы.
	afterOpenVowel cond = func(rem string) bool {
		r := last(rem)
		return isVowel(r) && (!isHigh(r) || kkLexicon[rem] || endsAgent(rem))
	}
	// -ы/-і is not split off after ш: a final -шы/-ші is the agent suffix
	// of a profession (тұтынушы, басшы), not a possessive.
	afterConsonantNotSh cond = func(rem string) bool {
		r := last(rem)
		return !isVowel(r) && (r != 'ш' || kkLexicon[rem])
	}
	anySound cond = func(rem string) bool { return true }
)

func pair(back, front string, c cond) []suffix {
	return []suffix{{back, c}, {front, c}}
}

func join(groups ...[]suffix) []suffix {
	var out []suffix
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// slots, innermost last. Within a slot the longest matching suffix wins.
var slots = [][]suffix{
	// predicative personal endings: -мын/-мін, -бын, -пын, -сың, -быз, -пыз
	// (-мыз/-міз is the same as the 1st plural possessive, stripped there).
	join(pair("мын", "мін", afterOpenSound), pair("бын", "бін", afterVoicedNasal),
		pair("пын", "пін", afterVoiceless), pair("сың", "сің", anySound),
		pair("быз", "біз", afterVoicedNasal), pair("пыз", "піз", afterVoiceless)),
	// case endings (one per word), plus the attributive -дағы and -ғы
	join(
		pair("ндағы", "ндегі", afterPoss3), pair("дағы", "дегі", afterVoiced),
		pair("тағы", "тегі", afterVoiceless),
		pair("ның", "нің", afterVowelOrNasal), pair("дың", "дің", afterSonorant),
		pair("тың", "тің", afterVoiceless),
		pair("нан", "нен", afterNasalOrPoss3), pair("дан", "ден", afterVowelOrSon),
		pair("тан", "тен", afterVoiceless),
		[]suffix{{"мен", afterVoiced}, {"бен", afterZh}, {"пен", afterVoiceless}},
		pair("нда", "нде", afterPoss3), pair("да", "де", afterVoiced),
		pair("та", "те", afterVoiceless),
		pair("ға", "ге", afterVoiced), pair("қа", "ке", afterVoiceless),
		pair("на", "не", afterPoss3),
		pair("ғы", "гі", afterSonorantOrNasal), pair("қы", "кі", afterVoiceless),
		pair("ны", "ні", afterVowel), pair("ды", "ді", afterVoiced),
		pair("ты", "ті", afterVoiceless),
		[]suffix{{"н", afterPoss3}},
	),
	// possessive: 1st plural, polite 2nd, 3rd person
	join(pair("ымыз", "іміз", afterConsonant), pair("ыңыз", "іңіз", afterConsonant),
		pair("мыз", "міз", afterVowel), pair("ңыз", "ңіз", afterVowel),
		pair("сы", "сі", afterOpenVowel), pair("ы", "і", afterConsonantNotSh)),
	// plural
	join(pair("лар", "лер", pluralL), pair("дар", "дер", pluralD),
		pair("тар", "тер", afterVoiceless)),
}

// kkLexicon is a small list of frequent lemmas. Stripping stops at them,
// and an ambiguous ending is read so as to reach one of them: "маманы" is
// маман+ы, not мама+ны. Lemmas that merely end like a suffix (дағды, ойын,
// Қазақстан) must be listed here or they lose that ending.
var kkLexicon = set(`дағды қазақстан өзбекстан түркістан ауғанстан
	ойын жиын түйін қиын жақын ағын келісім бөлім өнім
	жоғары төмен білікті тиімді қажетті маңызды жауапты сапалы
	кері әрі өзі ішкі заманауи
	тұлға кеңсе кеңес бөлме жүйе ереже мақала
	маман орган адам заман жан қазан күн
	басқа өзге нұсқа қаулы мүмкін іш күш
	нақты қолайлы белгілі мүдделі тұрақты белсенді кешенді әртүрлі`)

// kkStem returns the stem of a lower-case Kazakh word.
func kkStem(w string) string {
	for i, slot := range slots {
		if kkLexicon[w] {
			return w
		}
		if lem, ok := lexiconReading(w, slots[i:]); ok {
			return lem
		}
		w = stripSlot(w, slot)
	}
	if kkLexicon[w] {
		return w
	}
	if d := stripLoanDerivation(w); d != w {
		return loanStem(d)
	}
	if loanish(w) && !hasKKLetter(w) {
		return loanStem(w)
	}
	return unvoice(w)
}

// lexiconReading looks for a single suffix of the remaining slots whose
// removal leaves a lexicon lemma.
func lexiconReading(w string, rest [][]suffix) (string, bool) {
	for _, slot := range rest {
		for _, sf := range slot {
			rem, ok := strings.CutSuffix(w, sf.s)
			if ok && kkLexicon[rem] && sf.c(rem) && harmonic(rem, sf.s) {
				return rem, true
			}
		}
	}
	return "", false
}

// stripSlot removes the longest suffix of slot that may be stripped from w.
func stripSlot(w string, slot []suffix) string {
	best := w
	for _, sf := range slot {
		rem, ok := strings.CutSuffix(w, sf.s)
		if !ok || len(rem) >= len(best) && best != w || rem == "" {
			continue
		}
		if utf8.RuneCountInString(rem) < minLen(sf.s) || !hasVowel(rem) || !sf.c(rem) || !harmonic(rem, sf.s) {
			continue
		}
		best = rem
	}
	return best
}

// minLen is the shortest remainder (in runes) a suffix may leave. Suffixes
// in н- and с- (ны, на, нда, нан, сы) leave at least three runes: "күні" is
// күн+і, not кү+ні, and "басы" is бас+ы, not ба+сы.
func minLen(s string) int {
	if strings.HasPrefix(s, "н") || strings.HasPrefix(s, "с") {
		return minStem + 1
	}
	return minStem
}

func hasVowel(w string) bool {
	for _, r := range w {
		if isVowel(r) || r == 'у' || r == 'и' {
			return true
		}
	}
	return false
}

// harmony returns 'b' for back, 'f' for front, 0 for neutral vowels.
func harmony(r rune) byte {
	switch {
	case strings.ContainsRune("аоұыяё", r):
		return 'b'
	case strings.ContainsRune("әеөүіэ", r):
		return 'f'
	}
	return 0
}

// harmonic reports whether suffix s agrees with the last back or front vowel
// of rem. Suffixes without a back/front pair (мен, н) always agree.
func harmonic(rem string, s string) bool {
	var want byte
	for _, r := range s {
		if h := harmony(r); h != 0 {
			want = h
		}
	}
	if want == 0 || s == "мен" || s == "бен" || s == "пен" {
		return true
	}
	for len(rem) > 0 {
		r, n := utf8.DecodeLastRuneInString(rem)
		if h := harmony(r); h != 0 {
			return h == want
		}
		rem = rem[:len(rem)-n]
	}
	return true
}

// unvoice undoes the voicing of a final к, қ, п before a vowel-initial
// suffix (қонағы → қонақ, еңбегі → еңбек, кәсібі → кәсіп). Native stems
// almost never end in г, ғ or б, so doing it for every stem is safe and keeps
// all forms of a word on one stem.
func unvoice(w string) string {
	if utf8.RuneCountInString(w) < 3 {
		return w
	}
	r, n := utf8.DecodeLastRuneInString(w)
	switch r {
	case 'г':
		return w[:len(w)-n] + "к"
	case 'ғ':
		return w[:len(w)-n] + "қ"
	case 'б':
		return w[:len(w)-n] + "п"
	}
	return w
}
