package web

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/kasip/kasip/recognition"
)

// The recognition store explains a refusal in English sentences with the
// values in them ("IIN 900101300001: wrong check digit 1 (expected 7)").
// The sentences a candidate, a manager or an assessor meets most are
// recognised here and said again in Kazakh or Russian, values kept; any
// other sentence stays as the store wrote it.

type detailRule struct {
	re *regexp.Regexp
	kk string // Go regexp replacement templates: $1, $2 … are the values
	ru string
}

var detailRules = []detailRule{
	{regexp.MustCompile(`IIN "([^"]*)" must be 12 digits`),
		`ЖСН «$1» 12 цифрдан тұруы керек`, `ИИН «$1» должен состоять из 12 цифр`},
	{regexp.MustCompile(`BIN "([^"]*)" must be 12 digits`),
		`БСН «$1» 12 цифрдан тұруы керек`, `БИН «$1» должен состоять из 12 цифр`},
	{regexp.MustCompile(`IIN (\d+): wrong check digit (\d) \(expected (\d+)\)`),
		`ЖСН $1: бақылау цифры қате ($2, ал $3 болуы керек)`, `ИИН $1: неверная контрольная цифра ($2 вместо $3)`},
	{regexp.MustCompile(`BIN (\d+): wrong check digit (\d) \(expected (\d+)\)`),
		`БСН $1: бақылау цифры қате ($2, ал $3 болуы керек)`, `БИН $1: неверная контрольная цифра ($2 вместо $3)`},
	{regexp.MustCompile(`IIN (\d+): no check digit exists for its first 11 digits`),
		`ЖСН $1: алғашқы 11 цифры үшін бақылау цифры болмайды, мұндай нөмір жоқ`, `ИИН $1: для первых 11 цифр контрольной цифры не существует, такого номера нет`},
	{regexp.MustCompile(`BIN (\d+): no check digit exists for its first 11 digits`),
		`БСН $1: алғашқы 11 цифры үшін бақылау цифры болмайды, мұндай нөмір жоқ`, `БИН $1: для первых 11 цифр контрольной цифры не существует, такого номера нет`},
	{regexp.MustCompile(`IIN (\d+): 7th digit (\d) must be 1 to 6 \(century and sex\)`),
		`ЖСН $1: 7-цифр ($2) 1-ден 6-ға дейін болуы керек (ғасыр мен жыныс)`, `ИИН $1: 7-я цифра ($2) должна быть от 1 до 6 (век и пол)`},
	{regexp.MustCompile(`IIN (\d+): (\d+) is not a date`),
		`ЖСН $1: $2 — күн емес`, `ИИН $1: $2 — не дата`},
	{regexp.MustCompile(`IIN (\d+) encodes the birth date ([0-9-]+), not ([0-9-]+)`),
		`ЖСН $1 бойынша туған күн — $2, ал $3 емес`, `ИИН $1 указывает дату рождения $2, а не $3`},
	{regexp.MustCompile(`BIN (\d+): registration month (\d+) must be 01 to 12`),
		`БСН $1: тіркеу айы ($2) 01-ден 12-ге дейін болуы керек`, `БИН $1: месяц регистрации ($2) должен быть от 01 до 12`},
	{regexp.MustCompile(`BIN (\d+): 5th digit (\d) must be 4, 5 or 6 \(type of entity\)`),
		`БСН $1: 5-цифр ($2) 4, 5 немесе 6 болуы керек (ұйым түрі)`, `БИН $1: 5-я цифра ($2) должна быть 4, 5 или 6 (тип организации)`},
	{regexp.MustCompile(`application (\d+): the appeal period ended (\d{4}-\d\d-\d\dT[0-9:]+(?:Z|[+-]\d\d:\d\d))`),
		`№$1 өтініш: шағымдану мерзімі $2 аяқталды`, `заявка №$1: срок обжалования истёк $2`},
	{regexp.MustCompile(`application (\d+): the decision may be appealed until (\d{4}-\d\d-\d\dT[0-9:]+(?:Z|[+-]\d\d:\d\d))`),
		`№$1 өтініш: шешімге $2 дейін шағым беруге болады`, `заявка №$1: решение можно обжаловать до $2`},
	{regexp.MustCompile(`the date and time of the session are required`),
		`сессияның күні мен уақыты міндетті`, `дата и время сессии обязательны`},
	{regexp.MustCompile(`the name is required`),
		`аты-жөні міндетті`, `имя обязательно`},
	{regexp.MustCompile(`the date of birth is required`),
		`туған күні міндетті`, `дата рождения обязательна`},
	{regexp.MustCompile(`the date of birth ([0-9-]+) is in the future`),
		`туған күні $1 — болашақтағы күн`, `дата рождения $1 — в будущем`},
	{regexp.MustCompile(`consent to the processing of personal data is required`),
		`дербес деректерді өңдеуге келісім міндетті`, `требуется согласие на обработку персональных данных`},
	{regexp.MustCompile(`application (\d+): the employer has not confirmed the referral yet`),
		`№$1 өтініш: жұмыс беруші жолдаманы әлі растаған жоқ`, `заявка №$1: работодатель ещё не подтвердил направление`},
	{regexp.MustCompile(`application (\d+) is (\w+): cannot become (\w+) \(allowed: ([^)]*)\)`),
		`№$1 өтініш «$2» күйінде, «$3» күйіне өте алмайды (мүмкін: $4)`, `заявка №$1 в состоянии «$2», перейти в «$3» нельзя (можно: $4)`},
}

// localizeDetail says a store's explanation in lang, sentence by sentence
// (the store lists several problems separated by "; "): a known sentence is
// translated, and the English operation names before it ("apply: …") and
// error kind after it are dropped; an unknown one stays as written.
func localizeDetail(lang, msg string) string {
	if lang != "kk" && lang != "ru" {
		return msg
	}
	parts := strings.Split(msg, "; ")
	for i, part := range parts {
		parts[i] = localizeSentence(lang, part)
	}
	return strings.Join(parts, "; ")
}

func localizeSentence(lang, msg string) string {
	for _, r := range detailRules {
		m := r.re.FindStringSubmatchIndex(msg)
		if m == nil {
			continue
		}
		tmpl := r.kk
		if lang == "ru" {
			tmpl = r.ru
		}
		return string(r.re.ExpandString(nil, tmpl, msg, m))
	}
	return msg
}

// uiScopeText names an accreditation's scope entry in lang: "M84120,
// карточка 2, уровни 5" — the store's String is English, for logs.
func uiScopeText(e recognition.ScopeEntry, lang string) string {
	card := strconv.Itoa(e.CardNumber)
	if e.CardCode != "" {
		card = e.CardCode
	}
	levels := make([]string, len(e.Levels))
	for i, l := range e.Levels {
		levels[i] = strconv.Itoa(l)
	}
	var s string
	switch lang {
	case "kk":
		s = e.StandardCode + ", " + card + "-карточка"
		if len(levels) > 0 {
			s += ", деңгейі " + strings.Join(levels, ", ")
		}
	case "ru":
		s = e.StandardCode + ", карточка " + card
		if len(levels) > 0 {
			s += ", уровни " + strings.Join(levels, ", ")
		}
	default:
		s = e.StandardCode + ", card " + card
		if len(levels) > 0 {
			s += ", levels " + strings.Join(levels, ", ")
		}
	}
	return s
}
