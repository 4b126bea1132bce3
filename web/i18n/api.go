package i18n

import (
	"fmt"
	"net/http"
)

// Messages of the JSON API (problem titles and details), added to messages
// at start. Keys are the English text; several are fmt formats, whose
// translations take the same arguments in the same order (or name them
// with %[n]).
var APIMessages = map[string]map[string]string{
	// Problem titles.
	"invalid parameter": {
		"kk": "Параметр қате",
		"ru": "Неверный параметр",
		"en": "Invalid parameter",
	},
	"not found": {
		"kk": "Табылмады",
		"ru": "Не найдено",
		"en": "Not found",
	},
	"method not allowed": {
		"kk": "Бұл әдіске рұқсат жоқ",
		"ru": "Метод не разрешён",
		"en": "Method not allowed",
	},
	"administrator endpoints are disabled": {
		"kk": "Әкімші әрекеттері өшірулі",
		"ru": "Действия администратора отключены",
		"en": "Administrator endpoints are disabled",
	},
	"administrator token required": {
		"kk": "Әкімші токені қажет",
		"ru": "Требуется токен администратора",
		"en": "Administrator token required",
	},
	"internal error": {
		"kk": "Сервердің ішкі қатесі",
		"ru": "Внутренняя ошибка сервера",
		"en": "Internal error",
	},
	"database not ready": {
		"kk": "Дерекқор дайын емес",
		"ru": "База данных не готова",
		"en": "Database not ready",
	},
	"invalid request": {
		"kk": "Сұрау қате",
		"ru": "Неверный запрос",
		"en": "Invalid request",
	},
	"request cancelled": {
		"kk": "Сұрау тоқтатылды",
		"ru": "Запрос прерван",
		"en": "Request cancelled",
	},
	"unsupported media type": {
		"kk": "Деректер түріне қолдау көрсетілмейді",
		"ru": "Неподдерживаемый тип данных",
		"en": "Unsupported media type",
	},
	"invalid request body": {
		"kk": "Сұрау денесі қате",
		"ru": "Неверное тело запроса",
		"en": "Invalid request body",
	},
	"request body too large": {
		"kk": "Сұрау тым үлкен",
		"ru": "Слишком большой запрос",
		"en": "Request body too large",
	},
	"cross-origin request refused": {
		"kk": "Басқа сайттан келген сұрау қабылданбады",
		"ru": "Запрос с другого сайта отклонён",
		"en": "Cross-origin request refused",
	},
	"not a professional standard": {
		"kk": "Файл кәсіптік стандарт емес",
		"ru": "Файл не является профессиональным стандартом",
		"en": "Not a professional standard",
	},

	// Details.
	"parameter %q: %s": {
		"kk": "«%s» параметрі: %s",
		"ru": "параметр «%s»: %s",
		"en": "parameter %q: %s",
	},
	"must be at most %d characters": {
		"kk": "%d таңбадан аспауы керек",
		"ru": "должен быть не длиннее %d символов",
		"en": "must be at most %d characters",
	},
	"must be an integer from %d to %d": {
		"kk": "%d мен %d аралығындағы бүтін сан болуы керек",
		"ru": "должен быть целым числом от %d до %d",
		"en": "must be an integer from %d to %d",
	},
	"must be one of %s": {
		"kk": "мына мәндердің бірі болуы керек: %s",
		"ru": "должен быть одним из значений: %s",
		"en": "must be one of %s",
	},
	"must be a date as YYYY-MM-DD": {
		"kk": "ЖЖЖЖ-АА-КК түріндегі күн болуы керек",
		"ru": "должен быть датой в виде ГГГГ-ММ-ДД",
		"en": "must be a date as YYYY-MM-DD",
	},
	"is required": {
		"kk": "міндетті",
		"ru": "обязателен",
		"en": "is required",
	},
	"must be a standard code": {
		"kk": "стандарттың коды болуы керек",
		"ru": "должен быть кодом стандарта",
		"en": "must be a standard code",
	},
	"must be an OKED section letter (A–U)": {
		"kk": "ЭҚЖЖ бөлімінің әрпі (A–U) болуы керек",
		"ru": "должен быть буквой раздела ОКЭД (A–U)",
		"en": "must be an OKED section letter (A–U)",
	},
	"must be the beginning of an occupation code (digits, \".\" and \"-\")": {
		"kk": "кәсіп кодының басы болуы керек (цифрлар, «.» және «-»)",
		"ru": "должен быть началом кода занятия (цифры, «.» и «-»)",
		"en": "must be the beginning of an occupation code (digits, \".\" and \"-\")",
	},
	"must be a positive integer": {
		"kk": "оң бүтін сан болуы керек",
		"ru": "должен быть положительным целым числом",
		"en": "must be a positive integer",
	},
	"standard %q has no card %d": {
		"kk": "%[1]q стандартында %[2]d-карточка жоқ",
		"ru": "в стандарте %[1]q нет карточки %[2]d",
		"en": "standard %q has no card %d",
	},
	"card %d of standard %q has no text in %s": {
		"kk": "%[2]q стандартының %[1]d-карточкасында %[3]s тіліндегі мәтін жоқ",
		"ru": "у карточки %[1]d стандарта %[2]q нет текста на языке %[3]s",
		"en": "card %d of standard %q has no text in %s",
	},
	"no standard with code %q": {
		"kk": "«%s» коды бар стандарт жоқ",
		"ru": "стандарта с кодом «%s» нет",
		"en": "no standard with code %q",
	},
	"no version %q of standard %q": {
		"kk": "«%[2]s» стандартының «%[1]s» нұсқасы жоқ",
		"ru": "у стандарта «%[2]s» нет версии «%[1]s»",
		"en": "no version %q of standard %q",
	},
	"no source %d of version %q of standard %q": {
		"kk": "«%[3]s» стандартының «%[2]s» нұсқасында %[1]d нөмірлі бастапқы файл жоқ",
		"ru": "у версии «%[2]s» стандарта «%[3]s» нет исходного файла № %[1]d",
		"en": "no source %d of version %q of standard %q",
	},
	"no profession with id %d": {
		"kk": "%d идентификаторы бар кәсіп жоқ",
		"ru": "профессии с идентификатором %d нет",
		"en": "no profession with id %d",
	},
	"expected %s": {
		"kk": "күтілгені: %s",
		"ru": "ожидается %s",
		"en": "expected %s",
	},
	"expected a JSON object %s": {
		"kk": "JSON нысаны күтіледі: %s",
		"ru": "ожидается объект JSON %s",
		"en": "expected a JSON object %s",
	},
	"the limit is %d bytes": {
		"kk": "шегі — %d байт",
		"ru": "предел — %d байт",
		"en": "the limit is %d bytes",
	},
	"search is not available": {
		"kk": "Іздеу қолжетімсіз",
		"ru": "Поиск недоступен",
		"en": "Search is not available",
	},
	"must be true or false": {
		"kk": "true немесе false болуы керек",
		"ru": "должно быть true или false",
		"en": "must be true or false",
	},
	"no standard %q or no item at %q": {
		"kk": "%q стандарты жоқ немесе онда %q элементі жоқ",
		"ru": "нет стандарта %q или элемента %q в нём",
		"en": "no standard %q or no item at %q",
	},
}

func init() {
	// Entries another file already gives win, language by language, so the
	// UI and the API can share a key without one silently replacing the
	// other's wording.
	for key, tr := range APIMessages {
		m := Messages[key]
		if m == nil {
			m = map[string]string{}
			Messages[key] = m
		}
		for lang, s := range tr {
			if m[lang] == "" {
				m[lang] = s
			}
		}
	}
}

// apiT translates a message key into the request's language and formats it.
func APIT(r *http.Request, key string, args ...any) string {
	s := Translate(RequestLang(r), key)
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
