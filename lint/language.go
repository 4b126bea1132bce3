package lint

import (
	"regexp"
	"slices"
	"strings"

	"github.com/kasip/kasip"
)

// Kazakh and Russian share the Cyrillic alphabet and many loanwords, and
// Kazakh letters appear in Russian texts in names. Counting letters would
// flag half of every document, so mixed-language looks for marker words
// instead: frequent words and abbreviations that exist in one language
// only, with the form the other language uses, for the message.

// russianMarkers are Russian words and abbreviations that do not occur in
// Kazakh text, with the Kazakh the template uses instead ("" when it
// depends on the sentence).
var russianMarkers = map[string]string{
	"уровень": "деңгейі", "уровня": "деңгейі", "уровне": "деңгейінде", "подуровень": "кіші деңгейі", "подуровня": "кіші деңгейі",
	"квалификации": "біліктілік", "квалификаций": "біліктілік", "профессионального": "кәсіптік", "профессиональный": "кәсіптік",
	"профессиональной": "кәсіптік", "профессии": "кәсіп", "стандарта": "стандарты", "название": "атауы", "наименование": "атауы",
	"краткое": "қысқаша", "описание": "сипаттамасы", "версия": "нұсқа", "версии": "нұсқа", "навык": "дағды", "навыки": "дағдылар",
	"умения": "машықтар", "знания": "білім", "трудовая": "еңбек", "трудовые": "еңбек", "трудовой": "еңбек", "функции": "функциялары",
	"приказ": "бұйрық", "приказом": "бұйрығымен", "министерства": "министрлігі", "республики": "Республикасы",
	"казахстан": "Қазақстан", "согласно": "сәйкес", "также": "сондай-ақ", "или": "немесе", "для": "үшін", "при": "", "года": "жылғы",
	"год": "жыл", "по": "бойынша", "и": "және",
	"ОРК": "СБШ", "НРК": "ҰБШ", "ЕТКС": "БТБА", "ОКЭД": "ЭҚЖЖ", "ТОО": "ЖШС", "РК": "ҚР",
}

// kazakhMarkers are Kazakh words and abbreviations that do not occur in
// Russian text, with the Russian the template uses instead.
var kazakhMarkers = map[string]string{
	"және": "и", "бойынша": "по", "деңгейі": "уровень", "деңгей": "уровень", "жылғы": "года", "нұсқа": "версия",
	"нұсқасы": "версия", "үшін": "для", "немесе": "или", "туралы": "о", "кәсіптік": "профессиональный", "еңбек": "трудовая",
	"біліктілік": "квалификация", "дағды": "навык", "білім": "знания", "машықтар": "умения", "білімдер": "знания",
	"СБШ": "ОРК", "ҰБШ": "НРК", "ЭҚЖЖ": "ОКЭД", "БТБА": "ЕТКС", "ЖШС": "ТОО", "ҚР": "РК",
}

// The year abbreviations: "2022 г." in Kazakh text should be "2022 ж.", and
// the other way round.
var (
	reRussianYear = regexp.MustCompile(`(?:^|[\s\d])(гг?\.)`)
	reKazakhYear  = regexp.MustCompile(`\d\s*(ж\.)`)
)

// checkMixedLanguage reports Kazakh texts holding Russian words and Russian
// texts holding Kazakh words. Labels in the other language are seen only by
// the reader, which leaves notes for them.
func checkMixedLanguage(st *kasip.Standard, _ Options) []Finding {
	r := newReport(st, "mixed-language", Warning)
	for _, t := range texts(st) {
		var found []kasip.Message
		switch t.Lang {
		case "kk":
			found = markersIn(t.Value, russianMarkers, reRussianYear, "ж.")
		case "ru":
			found = markersIn(t.Value, kazakhMarkers, reKazakhYear, "г.")
		default:
			continue
		}
		if len(found) > 0 {
			r.add(Warning, t.Path, t.Origin, "mixed-language."+t.Lang+"-text", kasip.Args{"text": quoteArg(t.Value), "words": listArg(found)})
		}
	}
	return r.done()
}

// markersIn returns the marker words of s, each with its equivalent.
// Abbreviations (upper case) and one-letter words match in case: "И." is an
// initial, "и" the conjunction.
func markersIn(s string, markers map[string]string, year *regexp.Regexp, yearFix string) []kasip.Message {
	var found []kasip.Message
	for _, w := range letterRuns(s) {
		key := w
		if len([]rune(w)) > 1 && strings.ToUpper(w) != w {
			key = strings.ToLower(w)
		}
		if fix, ok := markers[key]; ok {
			found = appendMarker(found, w, fix)
		}
	}
	for _, m := range year.FindAllStringSubmatch(s, -1) {
		found = appendMarker(found, m[1], yearFix)
	}
	return found
}

func appendMarker(found []kasip.Message, w, fix string) []kasip.Message {
	m := kasip.Message{Key: "marker.word", Args: kasip.Args{"word": quoteArg(w)}}
	if fix != "" {
		m = kasip.Message{Key: "marker.instead", Args: kasip.Args{"word": quoteArg(w), "fix": quoteArg(fix)}}
	}
	if !slices.ContainsFunc(found, func(f kasip.Message) bool { return sameMessage(f, m) }) {
		found = append(found, m)
	}
	return found
}
