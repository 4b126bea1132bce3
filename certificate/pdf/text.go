package certpdf

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// bi is a fixed Kazakh/Russian label pair; Kazakh always comes first.
type bi struct{ kk, ru string }

func (b bi) String() string { return b.kk + " / " + b.ru }

// Labels printed on every certificate.
var (
	titleKK      = "КӘСІПТІК БІЛІКТІЛІКТІ ТАНУ ТУРАЛЫ СЕРТИФИКАТ"
	titleRU      = "СЕРТИФИКАТ О ПРИЗНАНИИ ПРОФЕССИОНАЛЬНОЙ КВАЛИФИКАЦИИ"
	lblIssuedTo  = bi{"Осы сертификат берілді", "Настоящий сертификат выдан"}
	lblProf      = bi{"Кәсіп (кәсіп карточкасы)", "Профессия (карточка профессии)"}
	lblLevel     = bi{"Біліктілік деңгейі", "Уровень квалификации"}
	lblStandard  = bi{"Кәсіптік стандарт", "Профессиональный стандарт"}
	lblVersion   = bi{"нұсқа", "версия"}
	lblCentre    = bi{"Тану орталығы", "Центр признания"}
	lblScope     = bi{"Тану көлемі", "Объём признания"}
	scopeWhole   = bi{"Толық: біліктілік толығымен танылды", "Полное: квалификация признана полностью"}
	scopePartial = bi{"Ішінара: біліктілік толық танылған жоқ, тек төменде аталған бөліктері ғана танылды", "Частичное: квалификация признана не полностью, признаны только перечисленные ниже части"}
	lblPartial   = bi{"ІШІНАРА ТАНУ. Танылған еңбек функциялары мен дағдылар (тек осылар)", "ЧАСТИЧНОЕ ПРИЗНАНИЕ. Признанные трудовые функции и навыки (только эти)"}
	lblHead      = bi{"Тану орталығының басшысы", "Руководитель центра признания"}
	lblSignature = bi{"қолы", "подпись"}
	lblSeal      = "М.О. / М.П."
	lblBIN       = bi{"БСН", "БИН"}
	lblIssued    = bi{"Берілген күні", "Дата выдачи"}
	lblValid     = bi{"Жарамдылық мерзімі", "Действителен до"}
	lblStatus    = bi{"Мәртебесі", "Статус"}
	lblWhole     = bi{"Кәсіп карточкасы толық көлемде танылды", "Карточка профессии признана в полном объёме"}
	lblWholeList = bi{"Кәсіп карточкасының еңбек функциялары мен дағдылары", "Трудовые функции и навыки карточки профессии"}
	lblNoUnits   = bi{"Көрсетілмеген", "Не указаны"}
	lblColNo     = "№"
	lblColKind   = bi{"Түрі", "Вид"}
	lblColTitle  = bi{"Атауы", "Наименование"}
	lblFunction  = bi{"Еңбек функциясы", "Трудовая функция"}
	lblSkill     = bi{"Дағды", "Навык"}
	lblCont      = bi{"жалғасы", "продолжение"}
	lblPage      = bi{"Бет", "Страница"}
	lblVerifyKK  = "Тексеру: QR-кодты сканерлеңіз немесе төмендегі сілтемені ашыңыз."
	lblVerifyRU  = "Проверка: отсканируйте QR-код или откройте ссылку ниже."
	lblElectron  = bi{"Құжат электрондық түрде қалыптастырылған", "Документ сформирован в электронном виде"}
	demoLines    = []string{
		"ДЕМО — НАҚТЫ СЕРТИФИКАТ ЕМЕС  •  ДЕМОНСТРАЦИЯ — НЕ НАСТОЯЩИЙ СЕРТИФИКАТ",
		"DEMO — not a real certificate",
	}
	demoMark = "ДЕМО · DEMO"
)

// statuses translates the registry's status codes; anything else is
// printed as given.
var statuses = map[string]bi{
	"active":    {"Жарамды", "Действителен"},
	"suspended": {"Тоқтатыла тұрған", "Приостановлен"},
	"revoked":   {"Кері қайтарылған", "Отозван"},
	"expired":   {"Мерзімі өткен", "Истёк"},
}

func statusText(s string) string {
	if b, ok := statuses[strings.ToLower(s)]; ok {
		return b.String()
	}
	return orDash(s)
}

// maxFieldRunes bounds every input string. Nothing longer fits on a page,
// and cutting early keeps wrapping linear in what is actually printed.
const maxFieldRunes = 2000

// clean turns arbitrary input into a single line the embedded font can
// draw: invalid UTF-8 becomes U+FFFD, any run of white space one space,
// control and format characters are dropped, and runes without a glyph
// become "?".
func clean(s string, have *runeSet) string {
	var b strings.Builder
	n, space := 0, false
	for _, r := range s {
		if n >= maxFieldRunes {
			break
		}
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue
		case !have.has(r):
			r = '?'
		}
		if space {
			b.WriteByte(' ')
			space = false
			n++
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// texts returns a language map's values in print order — Kazakh, then
// Russian — leaving out blanks and a Russian text identical to the Kazakh
// one. With neither language present it falls back to any other language
// (in key order, so output stays deterministic) rather than print nothing.
func texts(m map[string]string, have *runeSet) []string {
	kk, ru := clean(m["kk"], have), clean(m["ru"], have)
	var out []string
	if kk != "" {
		out = append(out, kk)
	}
	if ru != "" && ru != kk {
		out = append(out, ru)
	}
	if len(out) > 0 {
		return out
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if s := clean(m[k], have); s != "" {
			return []string{s}
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// date prints a day in the dd.mm.yyyy form used on Kazakh documents, in
// the time's own location (the caller decides which calendar day it is).
func date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("02.01.2006")
}

func level(n int) string {
	if n <= 0 {
		return "—"
	}
	return strconv.Itoa(n)
}

func kindLabel(kind string) (bi, bool) {
	switch strings.ToLower(kind) {
	case KindFunction:
		return lblFunction, true
	case KindSkill:
		return lblSkill, true
	}
	return bi{}, false
}
