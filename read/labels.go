package read

import (
	"regexp"
	"strings"
)

// labelID names what a label of the Kazakh template introduces.
type labelID int

const (
	lNone labelID = iota
	lChapter
	lScope
	lTerms
	lAbbreviations
	lTitle
	lCode
	lOKED
	lDescription
	lCardList
	lCard
	lGroupCode
	lOccupationCode
	lCardTitle
	lSubLevel
	lLevel
	lTariff
	lEducation
	lSpeciality
	lQualification
	lExperience
	lNonFormal
	lAltTitles
	lPurpose
	lFunctionsHeading
	lFunctionList
	lMandatory
	lAdditional
	lFunction
	lSkill
	lAbilities
	lKnowledge
	lRecognizable
	lCompetencies
	lRegulations
	lRelated
	lRelatedHeader
	lBody
	lDevelopers
	lExecutor
	lExecutors
	lLeader
	lEmail
	lPhone
	lCouncil
	lNationalBody
	lExpert
	lVersion
	lReview
	lOrderCommand
	lAgreed
	lApproved
)

// label is one way a document writes a label: the language it is in and a
// pattern matched at the start of a segment (after an optional paragraph
// number). The pattern's first group, if any, captures a number (function 2,
// skill 1).
type label struct {
	id     labelID
	lang   string
	re     *regexp.Regexp
	needle string // lower-case text the segment must contain; spares a scan of every segment
}

func withNeedle(l label, needle string) label {
	l.needle = needle
	return l
}

func lbl(id labelID, lang, pattern string) label {
	return label{id: id, lang: lang, re: regexp.MustCompile(`^(?i:` + pattern + `)`)}
}

// labels in matching order: longer and more specific first (sub-level before
// level, the skill recognition label before the skill).
var labels = []label{
	lbl(lChapter, "kk", `\d+\s*-\s*(?:ші|шы|ci|ші)?\s*тарау\.?`),
	lbl(lChapter, "ru", `глава\s+\d+\.?|раздел\s+[IVX\d]+\.?`),
	lbl(lScope, "kk", `кәсіптік стандартт(?:ың|ы)\s+қолдану\s+(?:аясы|саласы)`),
	lbl(lScope, "ru", `область\s+применения(?:\s+профессионального\s+стандарта)?`),
	lbl(lTerms, "kk", `осы\s+кәсіптік\s+стандартта\s+мынадай\s+терминдер[^:]*`),
	lbl(lTerms, "ru", `в\s+настоящем\s+профессиональном\s+стандарте\s+(?:применяются|используются)\s+следующие\s+термины[^:]*`),
	lbl(lAbbreviations, "kk", `осы\s+кәсіптік\s+стандартта\s+мынадай\s+қысқартулар[^:]*`),
	lbl(lAbbreviations, "ru", `в\s+настоящем\s+профессиональном\s+стандарте\s+(?:применяются|используются)\s+следующие\s+сокращения[^:]*`),
	lbl(lTitle, "kk", `кәсіптік\s+стандарттың\s+атауы`),
	lbl(lTitle, "ru", `(?:название|наименование)\s+профессионального\s+стандарта`),
	lbl(lCode, "kk", `кәсіптік\s+стандарттың\s+коды`),
	lbl(lCode, "ru", `код\s+профессионального\s+стандарта`),
	lbl(lOKED, "kk", `эқжж\s+секциясын[^:]*`),
	lbl(lOKED, "ru", `указание\s+секции[^:]*|секция,\s+раздел[^:]*`),
	lbl(lDescription, "kk", `кәсіб(?:и|тік)\s+стандарттың\s+қысқаша\s+сипаттамасы`),
	lbl(lDescription, "ru", `краткое\s+описание\s+профессионального\s+стандарта`),
	lbl(lCardList, "kk", `кәсіптер\s+карточкаларының\s+тізімі`),
	lbl(lCardList, "ru", `(?:перечень|список)\s+карточек\s+профессий`),
	lbl(lGroupCode, "kk", `топтың\s+коды|топ\s+коды`),
	lbl(lGroupCode, "ru", `код\s+группы`),
	lbl(lOccupationCode, "kk", `қызмет\s+атауының\s+коды`),
	lbl(lOccupationCode, "ru", `код\s+наименования\s+(?:занятия|профессии)|код\s+занятия`),
	lbl(lOccupationCode, "", `код\s*:`),
	lbl(lCardTitle, "kk", `кәсіптің\s+атауы|кәсіп\s*:`),
	lbl(lCardTitle, "ru", `наименование\s+профессии|профессия\s*:`),
	lbl(lSubLevel, "kk", `сбш\s+бойынша\s+біліктіліктің\s+кіші\s+деңгейі|біліктіліктің\s+кіші\s+деңгейі`),
	lbl(lSubLevel, "ru", `подуровень\s+квалификации(?:\s+по\s+(?:орк|нрк|сбш))?`),
	lbl(lTariff, "kk", `бтба,?\s+[^:|\t]*?біліктілік\s+деңгейі`),
	lbl(lTariff, "ru", `уровень\s+квалификации\s+по\s+(?:етксд?|етк)[^:|\t]*|уровень\s+квалификации\s+по\s+типовым[^:|\t]*`),
	lbl(lLevel, "kk", `сбш\s+бойынша\s+біліктілік\s+деңгейі`),
	lbl(lLevel, "ru", `уровень\s+квалификации(?:\s+по\s+(?:орк|нрк|сбш))?`),
	lbl(lEducation, "kk", `кәсіптік\s+білім\s+деңгейі`),
	lbl(lEducation, "ru", `уровень\s+профессионального\s+образования`),
	lbl(lExperience, "kk", `жұмыс\s+тәжірибесіне\s+қойылатын\s+талаптар`),
	lbl(lExperience, "ru", `требования\s+к\s+опыту\s+(?:практической\s+)?работы`),
	lbl(lNonFormal, "kk", `(?:формалды\s+емес|бейресми)\s+және\s+\S+\s+біліммен\s+байланыс`),
	lbl(lNonFormal, "ru", `связь\s+с\s+неформальным[^:|\t]*`),
	lbl(lAltTitles, "kk", `кәсіптің\s+басқа\s+(?:ықтимал|мүмкін)\s+атаулары`),
	lbl(lAltTitles, "ru", `другие\s+возможные\s+наименования(?:\s+профессии)?`),
	lbl(lPurpose, "kk", `қызметтің\s+негізгі\s+мақсаты`),
	lbl(lPurpose, "ru", `основная\s+цель\s+деятельности`),
	lbl(lFunctionsHeading, "kk", `еңбек\s+функция(?:лардың|ларының)\s+сипаттамасы`),
	lbl(lFunctionsHeading, "ru", `описание\s+трудовых\s+функций`),
	lbl(lFunctionList, "kk", `еңбек\s+функцияларының\s+тізбесі`),
	lbl(lFunctionList, "ru", `перечень\s+трудовых\s+функций`),
	lbl(lMandatory, "kk", `міндетті\s+еңбек\s+функциялары`),
	lbl(lMandatory, "ru", `обязательные\s+трудовые\s+функции`),
	lbl(lAdditional, "kk", `қосымша\s+еңбек\s+функциялары`),
	lbl(lAdditional, "ru", `дополнительные\s+трудовые\s+функции`),
	lbl(lFunction, "kk", `еңбек\s+функциясы\s*(\d+)`),
	lbl(lFunction, "ru", `трудовая\s+функция\s*(\d+)`),
	lbl(lRecognizable, "kk", `дағдыны\s+тану\s+мүмкіндігі`),
	lbl(lRecognizable, "ru", `возможность\s+признания(?:\s+навыка)?`),
	lbl(lSkill, "kk", `дағды\s*(\d+)(?:\s*\([^)]*\))?`),
	lbl(lSkill, "ru", `навык\s*(\d+)(?:\s*\([^)]*\))?`),
	lbl(lAbilities, "kk", `(?:машықтар|машық|қабілеттер|қабілет)\s*:|(?:машықтар|қабілеттер|қабілет)\s*$`),
	lbl(lAbilities, "ru", `умения\s*:|умения\s*$`),
	lbl(lKnowledge, "kk", `(?:білімдер|білім)\s*:|білімдер\s*$|білім\s*$`),
	lbl(lKnowledge, "ru", `знания\s*:|знания\s*$`),
	lbl(lCompetencies, "kk", `жеке\s+құзыреттерге\s+қойылатын\s+талаптар`),
	lbl(lCompetencies, "ru", `требования\s+к\s+личностным\s+компетенциям`),
	lbl(lRegulations, "kk", `техникалық\s+регламенттер\s+мен\s+ұлттық\s+стандарттардың\s+тізімі`),
	lbl(lRegulations, "ru", `перечень\s+технических\s+регламентов[^:|\t]*`),
	lbl(lRelated, "kk", `сбш\s*-?\s*(?:нің|ның)?\s+(?:ішіндегі|шеңберіндегі)\s+басқа\s+кәсіптермен\s+байланыс`),
	lbl(lRelated, "ru", `связь\s+с\s+другими\s+профессиями[^:|\t]*`),
	lbl(lBody, "kk", `мемлекеттік\s+органның\s+атауы`),
	lbl(lBody, "ru", `наименование\s+государственного\s+органа`),
	lbl(lDevelopers, "kk", `(?:әзірлеуге|өзірлеуге)\s+қатысатын\s+ұйымдар(?:\s*\(кәсіпорындар\))?`),
	lbl(lDevelopers, "ru", `организации\s*\(предприятия\)\s*,?\s*участвующие\s+в\s+разработке|организации,\s+участвующие\s+в\s+разработке`),
	lbl(lExecutors, "kk", `орындаушылар`),
	lbl(lExecutors, "ru", `исполнители`),
	lbl(lExecutor, "kk", `орындаушы`),
	lbl(lExecutor, "ru", `исполнитель`),
	lbl(lLeader, "kk", `жоба\s+жетекшісі`),
	lbl(lLeader, "ru", `руководитель\s+проекта`),
	lbl(lEmail, "", `e-?mail\s*:|эл\.\s*почта\s*:|электрондық\s+пошта\s*:`),
	lbl(lPhone, "kk", `телефон\s+нөмірі`),
	lbl(lPhone, "ru", `(?:номер\s+)?телефона?\s*:`),
	lbl(lCouncil, "kk", `кәсіптік\s+біліктілік\s+жөніндегі\s+салалық\s+кеңес`),
	lbl(lCouncil, "ru", `отраслев(?:ой|ого)\s+совет[^:|\t]*`),
	lbl(lNationalBody, "kk", `кәсіптік\s+біліктілік\s+жөніндегі\s+ұлттық\s+орган`),
	lbl(lNationalBody, "ru", `национальн(?:ый|ого)\s+орган[^:|\t]*`),
	lbl(lExpert, "kk", `[«"]?атамекен[»"]?[^:]*палатасы|қазақстан\s+республикасы\s+[«"]атамекен[»"][^:]*палатасы`),
	lbl(lExpert, "ru", `национальная\s+палата\s+предпринимателей[^:]*`),
	lbl(lVersion, "kk", `нұсқа\s+нөмірі\s+және\s+шығарылған\s+жылы`),
	lbl(lVersion, "ru", `номер\s+версии\s+и\s+год\s+выпуска`),
	lbl(lReview, "kk", `бағдарлы\s+жаңарту\s+күні|болжалды\s+қайта\s+қарау\s+күні|(?:бағдарлы|болжалды)\s+(?:қайта\s+қарау|жаңарту)\s+(?:күні|мерзімі)`),
	lbl(lReview, "ru", `ориентировочная\s+дата\s+(?:пересмотра|обновления)`),
	withNeedle(lbl(lOrderCommand, "kk", `.*бұйырамын\s*:?`), "бұйырамын"),
	withNeedle(lbl(lOrderCommand, "ru", `.*приказываю\s*:?`), "приказываю"),
	lbl(lAgreed, "kk", `"?келісілді"?`),
	lbl(lAgreed, "ru", `"?согласовано"?`),
	lbl(lApproved, "kk", `бұйрығымен\s*бекітілген|бұйрығыменбекітілген`),
	lbl(lApproved, "ru", `утвержден(?:\s+приказом)?`),
}

// relatedHeaders are the column headings of the related-professions table.
var relatedHeaders = []label{
	lbl(lRelatedHeader, "kk", `сбш\s*-?\s*(?:нің|ның)?\s*деңгейі\s*:?$|кәсіптің\s+атауы\s*:?$|кәсіп\s+атауы\s*:?$`),
	lbl(lRelatedHeader, "ru", `уровень\s+(?:орк|сбш|квалификации)\s*:?$|наименование\s+профессии\s*:?$`),
}

// cardHeader finds "9. Кәсіптің карточкасы «…»" and `10. "…" кәсіптік карточкасы`.
var (
	reCardHeaderKK = regexp.MustCompile(`(?i)^(?:(\d+)\.\s*)?(?:кәсіптің\s+карточкасы\s*(.*?)|(.*?)\s*кәсіптік\s+карточкасы)\s*:?\s*$`)
	reCardHeaderRU = regexp.MustCompile(`(?i)^(?:(\d+)\.\s*)?(?:карточка\s+профессии\s*(.*?)|(.*?)\s*карточка\s+профессии)\s*:?\s*$`)
	reParaNumber   = regexp.MustCompile(`^(\d{1,2})\.\s*`)
)

// match is a label found at the start of a segment.
type match struct {
	id    labelID
	lang  string
	para  int    // paragraph number before the label ("4. …"), 0 if none
	num   int    // number captured by the label (function 2)
	text  string // the label as written
	rest  string // what follows the label (its inline value), trimmed of ":"
	glued bool   // the value starts right after the label with no separator
}

// matchLabel finds the label at the start of s, if any, from the given table.
func matchLabel(s string, table []label) (match, bool) {
	para := 0
	body := s
	if m := reParaNumber.FindStringSubmatch(s); m != nil {
		para = atoi(m[1])
		body = s[len(m[0]):]
	}
	lower := ""
	for _, l := range table {
		if l.needle != "" {
			if lower == "" {
				lower = strings.ToLower(body)
			}
			if !strings.Contains(lower, l.needle) {
				continue
			}
		}
		loc := l.re.FindStringSubmatchIndex(body)
		if loc == nil {
			continue
		}
		m := match{id: l.id, lang: l.lang, para: para, text: strings.TrimSpace(body[:loc[1]])}
		if len(loc) >= 4 && loc[2] >= 0 {
			m.num = atoi(body[loc[2]:loc[3]])
		}
		rest := body[loc[1]:]
		m.glued = rest != "" && !strings.ContainsAny(rest[:1], " :\t.,;-–(") && !strings.HasSuffix(m.text, ":")
		rest = strings.TrimSpace(rest)
		rest = strings.TrimLeft(rest, ":")
		m.rest = strings.TrimSpace(rest)
		return m, true
	}
	return match{}, false
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
		if n > 1_000_000 {
			break
		}
	}
	return n
}
