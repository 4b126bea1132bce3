// Package report writes the gap analysis and coverage reports of package
// workforce: the heat map of a block as SVG, CSV and XLSX exports of a gap
// analysis, and the XLSX and PDF of an education programme's coverage
// matrix. It is pure: values in, bytes out, in kk, ru or en.
//
// The colours of the heat map are the same everywhere (SVG, XLSX): met
// green, a gap of one level yellow, of two orange, of three or more red,
// not assessed light grey with a diagonal hatch, confirmed by a certificate
// green with a check mark. Since red and green are close in greyscale and
// for the colour-blind, a cell with a gap also carries the gap as text.
package report

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/workforce"
)

// phrase is one wording in kk, ru and en.
type phrase struct{ kk, ru, en string }

// words are the package's own wording: headers, kinds, sources, sheet
// names, legends. Keys are short English ids.
var words = map[string]phrase{
	// Columns of the gap exports.
	"organisation": {"Ұйым", "Организация", "Organisation"},
	"unit":         {"Бөлімше", "Подразделение", "Unit"},
	"employee":     {"Қызметкер", "Сотрудник", "Employee"},
	"position":     {"Лауазым", "Должность", "Position"},
	"standard":     {"Кәсіптік стандарт", "Профессиональный стандарт", "Professional standard"},
	"version":      {"Нұсқа", "Версия", "Version"},
	"card":         {"Карточка", "Карточка", "Card"},
	"item code":    {"Элемент коды", "Код элемента", "Item code"},
	"item kind":    {"Элемент түрі", "Вид элемента", "Item kind"},
	"item":         {"Элемент", "Элемент", "Item"},
	"required":     {"Талап етілетін деңгей", "Требуемый уровень", "Required level"},
	"self":         {"Өзін-өзі бағалау", "Самооценка", "Self-assessment"},
	"manager":      {"Басшының бағалауы", "Оценка руководителя", "Manager's assessment"},
	"certificate":  {"Сертификат", "Сертификат", "Certificate"},
	"assessed":     {"Бағаланған деңгей", "Оцененный уровень", "Assessed level"},
	"source":       {"Бағалау көзі", "Источник оценки", "Source"},
	"gap":          {"Олқылық", "Разрыв", "Gap"},
	"title":        {"Атауы", "Наименование", "Title"},
	"code":         {"Коды", "Код", "Code"},
	"kind":         {"Түрі", "Вид", "Kind"},

	// Kinds of items.
	recognition.KindFunction:  {"еңбек функциясы", "трудовая функция", "labour function"},
	recognition.KindSkill:     {"дағды", "навык", "skill"},
	recognition.KindAbility:   {"білік", "умение", "ability"},
	recognition.KindKnowledge: {"білім", "знание", "knowledge"},

	// Sources of an assessed level.
	"source " + workforce.SourceCertificate: {"сертификат", "сертификат", "certificate"},
	"source " + workforce.SourceManager:     {"басшының бағалауы", "оценка руководителя", "manager's assessment"},
	"source " + workforce.SourceSelf:        {"өзін-өзі бағалау", "самооценка", "self-assessment"},
	"source " + workforce.SourceNone:        {"бағаланбаған", "не оценено", "not assessed"},

	// The heat map and its legend.
	"heat map":       {"Олқылықтар жылу картасы", "Тепловая карта разрывов", "Gap heat map"},
	"heat map label": {"%s: %d қызметкер, %d элемент", "%s: сотрудников — %d, элементов — %d", "%s: %d people, %d items"},
	"cell":           {"талап етілетін деңгей %d, бағаланған деңгей %d (%s), олқылық %d", "требуемый уровень %d, оцененный уровень %d (%s), разрыв %d", "required %d, assessed %d (%s), gap %d"},
	"cell none":      {"талап етілетін деңгей %d, бағаланбаған", "требуемый уровень %d, не оценено", "required %d, not assessed"},
	"more":           {"тағы %d қызметкер көрсетілмеген", "не показано сотрудников: %d", "%d more people not shown"},
	"legend":         {"Шартты белгілер", "Условные обозначения", "Legend"},
	"met":            {"талапқа сай", "соответствует требованию", "meets the requirement"},
	"gap1":           {"1 деңгейге олқылық", "разрыв в 1 уровень", "gap of 1 level"},
	"gap2":           {"2 деңгейге олқылық", "разрыв в 2 уровня", "gap of 2 levels"},
	"gap3":           {"3 және одан көп деңгейге олқылық", "разрыв в 3 уровня и более", "gap of 3 levels or more"},
	"none":           {"бағаланбаған", "не оценено", "not assessed"},
	"confirmed":      {"сертификатпен расталған", "подтверждено сертификатом", "confirmed by a certificate"},

	// Sheets.
	"sheet gaps":      {"Олқылықтар", "Разрывы", "Gaps"},
	"sheet top":       {"Негізгі олқылықтар", "Основные разрывы", "Top gaps"},
	"sheet scale":     {"Шкала", "Шкала", "Scale"},
	"sheet matrix":    {"Матрица", "Матрица", "Matrix"},
	"sheet uncovered": {"Қамтылмаған", "Не охвачено", "Uncovered"},
	"sheet flagged":   {"Қайта қарау керек", "Требуют пересмотра", "Flagged"},

	// Columns of the other sheets.
	"people":          {"Қызметкерлер саны", "Сотрудников", "People"},
	"with gap":        {"Олқылығы барлар", "С разрывом", "People with a gap"},
	"assessed people": {"Бағаланғандар", "Оценено", "Assessed"},
	"missing":         {"Жетіспейтін деңгейлер", "Недостающие уровни", "Missing levels"},
	"mean":            {"Орташа деңгей", "Средний уровень", "Mean level"},
	"confirmed count": {"Сертификатпен расталған", "Подтверждено сертификатом", "Confirmed by a certificate"},
	"gaps count":      {"Олқылығы бар элементтер", "Элементов с разрывом", "Items with a gap"},
	"level":           {"Деңгей", "Уровень", "Level"},
	"meaning":         {"Мағынасы", "Значение", "Meaning"},
	"colour":          {"Түс", "Цвет", "Colour"},
	"scale note":      {"Сертификатпен расталған дағды кемінде 3-деңгей деп есептеледі.", "Навык, подтверждённый сертификатом, засчитывается не ниже уровня 3.", "A unit confirmed by a recognised certificate counts as at least level 3."},
	"total":           {"Барлығы", "Всего", "Total"},
	"module":          {"Модуль", "Модуль", "Module"},
	"modules":         {"Модульдер", "Модули", "Modules"},
	"outcome":         {"Оқыту нәтижесі", "Результат обучения", "Learning outcome"},
	"latest":          {"Соңғы нұсқа", "Последняя версия", "Latest version"},
	"changes":         {"Өзгерістер", "Изменения", "Changes"},
	"path":            {"Жолы", "Путь", "Path"},

	// The coverage PDF.
	"coverage":      {"Кәсіптік стандарт карточкаларын қамту матрицасы", "Матрица охвата карточек профессиональных стандартов", "Coverage of the cards of professional standards"},
	"speciality":    {"Мамандық", "Специальность", "Speciality"},
	"qualification": {"Біліктілік", "Квалификация", "Qualification"},
	"cards":         {"Карточкалар", "Карточки", "Cards"},
	"totals":        {"Қамтылған дағдылар: %d / %d; біліктер мен білім: %d / %d", "Охвачено навыков: %d из %d; умений и знаний: %d из %d", "Units taught: %d of %d; abilities and knowledge: %d of %d"},
	"not taught":    {"оқытылмайды", "не охвачено", "not taught"},
	"uncovered":     {"Ешбір оқыту нәтижесі қамтымайтын элементтер", "Элементы, не охваченные ни одним результатом обучения", "Items no learning outcome teaches"},
	"flagged":       {"Стандарттың жаңа нұсқасы өзгерткен оқыту нәтижелері", "Результаты обучения, затронутые новой версией стандарта", "Learning outcomes a newer version of the standard touches"},
	"nothing":       {"Жоқ.", "Нет.", "None."},
	"page":          {"%d-бет / {nb}", "Стр. %d из {nb}", "Page %d of {nb}"},

	// Change kinds.
	"change " + kasip.ChangeAdded:   {"қосылды", "добавлено", "added"},
	"change " + kasip.ChangeRemoved: {"алынып тасталды", "удалено", "removed"},
	"change " + kasip.ChangeChanged: {"өзгертілді", "изменено", "changed"},
}

// langOf is l if the package speaks it (kk, ru, en), else English.
func langOf(l string) string {
	switch l {
	case "kk", "ru", "en":
		return l
	}
	return "en"
}

// word is the wording of key in lang; an unknown key is itself.
func word(lang, key string) string {
	p, ok := words[key]
	if !ok {
		return key
	}
	switch langOf(lang) {
	case "kk":
		return p.kk
	case "ru":
		return p.ru
	}
	return p.en
}

// kindWord names an item kind in lang.
func kindWord(lang, kind string) string {
	if _, ok := words[kind]; ok {
		return word(lang, kind)
	}
	return kind
}

// sourceWord names the source of an assessed level in lang.
func sourceWord(lang, source string) string {
	if _, ok := words["source "+source]; ok {
		return word(lang, "source "+source)
	}
	return source
}

// changeWord names a change kind in lang.
func changeWord(lang, kind string) string {
	if _, ok := words["change "+kind]; ok {
		return word(lang, "change "+kind)
	}
	return kind
}

// title is t in lang, falling back to kk, ru, en, then any.
func title(t kasip.Text, lang string) string { return t.Best(lang) }

// level is a level as a cell of an export: "" when not given.
func level(l int) string {
	if l == workforce.NotGiven {
		return ""
	}
	return strconv.Itoa(l)
}

// truncate cuts s to at most n runes, the last being "…" when cut.
func truncate(s string, n int) string {
	if n < 1 || utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n-1 {
			return strings.TrimRight(s[:k], " ") + "…"
		}
		i++
	}
	return s
}

// clean is s as a cell of a sheet or CSV can carry it: valid UTF-8, no
// control characters but tabs and line breaks.
func clean(s string) string {
	ok := utf8.ValidString(s)
	if ok {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				ok = false
				break
			}
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// grade is how a cell is shown on the heat map.
type grade int

const (
	gradeNone grade = iota // not assessed
	gradeMet
	gradeConfirmed // met through a certificate
	gradeGap1
	gradeGap2
	gradeGap3 // three levels or more
)

// grades in the order of the legend.
var grades = []grade{gradeMet, gradeGap1, gradeGap2, gradeGap3, gradeNone, gradeConfirmed}

// gradeOf is the grade of c. A certificate below the requirement (a
// requirement of 4 with the certificate's 3) is shown by its gap.
func gradeOf(c workforce.Cell) grade {
	switch {
	case !c.Assessed():
		return gradeNone
	case c.Gap <= 0 && c.Source == workforce.SourceCertificate:
		return gradeConfirmed
	case c.Gap <= 0:
		return gradeMet
	case c.Gap == 1:
		return gradeGap1
	case c.Gap == 2:
		return gradeGap2
	}
	return gradeGap3
}

// Colours of the grades (RGB hex without "#"): a diverging green–red
// ramp whose yellow and orange are light and whose red and green are
// dark, so that the gaps stay apart in greyscale; the cells with a gap
// also carry the gap as text.
const (
	colourMet   = "1A9850"
	colourGap1  = "FEE08B"
	colourGap2  = "FC8D59"
	colourGap3  = "D73027"
	colourNone  = "E0E0E0" // under the hatch
	colourHatch = "9E9E9E" // the hatch's lines
)

// colour is the fill of grade g.
func (g grade) colour() string {
	switch g {
	case gradeMet, gradeConfirmed:
		return colourMet
	case gradeGap1:
		return colourGap1
	case gradeGap2:
		return colourGap2
	case gradeGap3:
		return colourGap3
	}
	return colourNone
}

// ink is the colour of text on grade g.
func (g grade) ink() string {
	switch g {
	case gradeMet, gradeConfirmed, gradeGap3:
		return "FFFFFF"
	}
	return "1A1A1A"
}

// legend is the wording of grade g.
func (g grade) legend(lang string) string {
	return word(lang, [...]string{"none", "met", "confirmed", "gap1", "gap2", "gap3"}[g])
}

// mark is the text inside a cell of grade g with gap n: the gap as
// "−2", a check mark for a certificate.
func (g grade) mark(gap int) string {
	switch g {
	case gradeConfirmed:
		return "✓"
	case gradeGap1, gradeGap2, gradeGap3:
		return "−" + strconv.Itoa(gap)
	}
	return ""
}
