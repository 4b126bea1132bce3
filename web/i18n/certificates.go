package i18n

import (
	"github.com/kasip/kasip/certificate"
)

// The strings of certificates (pages and API problems) in {English,
// Kazakh, Russian}. A certificate is "сертификат" in both languages, as
// printed on the PDF: "Certificate" alone is taken by the accreditation
// certificate (куәлік / свидетельство) of the recognition pages.

var certificateMessages = [][3]string{
	{"Verify a certificate", "Сертификатты тексеру", "Проверить сертификат"},
	{"Certificate verification", "Сертификатты тексеру", "Проверка сертификата"},
	{"Qualification certificate", "Біліктілік сертификаты", "Сертификат о квалификации"},
	{"No such certificate", "Мұндай сертификат жоқ", "Такого сертификата нет"},
	{"There is no certificate numbered %s in the register. It may be mistyped, or the document is not genuine.",
		"Тізілімде %s нөмірлі сертификат жоқ. Нөмір қате терілген болуы мүмкін немесе құжат түпнұсқа емес.",
		"В реестре нет сертификата с номером %s. Возможно, номер набран с ошибкой или документ не подлинный."},
	{"There is no certificate with this number in the register.", "Тізілімде бұл нөмірлі сертификат жоқ.", "В реестре нет сертификата с этим номером."},
	{"Search the register of certificates", "Сертификаттар тізілімінен іздеу", "Искать в реестре сертификатов"},
	{"Demonstration certificate: made from demonstration data, it certifies nothing.",
		"Демонстрациялық сертификат: демо деректерден жасалған, ештеңені растамайды.",
		"Демонстрационный сертификат: создан из демонстрационных данных и ничего не удостоверяет."},
	{"valid", "жарамды", "действителен"},
	{"suspended", "тоқтатылған", "приостановлен"},
	{"since", "бастап", "с"},
	{"Holder", "Иесі", "Владелец"},
	{"Holder's name", "Иесінің аты-жөні", "ФИО владельца"},
	{"Issued", "Берілген күні", "Выдан"},
	{"Valid until", "Жарамдылық мерзімі", "Действителен до"},
	{"The whole qualification is recognised:", "Біліктілік толығымен танылды:", "Квалификация признана полностью:"},
	{"Recognised units of the qualification:", "Біліктіліктің танылған бөліктері:", "Признанные части квалификации:"},
	{"Certificate (PDF)", "Сертификат (PDF)", "Сертификат (PDF)"},
	{"Signed credential (JSON)", "Қол қойылған цифрлық куәлік (JSON)", "Подписанное цифровое удостоверение (JSON)"},
	{"The signed credential can be checked offline with “kasip verify FILE.json”.",
		"Қол қойылған куәлікті желісіз «kasip verify FILE.json» арқылы тексеруге болады.",
		"Подписанное удостоверение можно проверить без сети командой «kasip verify FILE.json»."},
	{"Enter the number printed on the certificate, or the holder's name together with the profession.",
		"Сертификатта басылған нөмірді немесе иесінің аты-жөнін кәсібімен бірге енгізіңіз.",
		"Введите номер, напечатанный на сертификате, или ФИО владельца вместе с профессией."},
	{"Give the certificate number, or at least two words of the holder's name together with the profession.",
		"Сертификат нөмірін немесе иесінің аты-жөнінен кемінде екі сөзді кәсібімен бірге көрсетіңіз.",
		"Укажите номер сертификата или не менее двух слов ФИО владельца вместе с профессией."},
	{"Qualification certificate number", "Сертификат нөмірі", "Номер сертификата"},
	{"Number", "Нөмірі", "Номер"},
	{"Certificates found: %d", "Табылған сертификаттар: %d", "Найдено сертификатов: %d"},
	{"No certificate matches.", "Сәйкес сертификат жоқ.", "Подходящих сертификатов нет."},
	{"Public verification page", "Жария тексеру беті", "Публичная страница проверки"},
	{"The public page and the status list show the change at once. The reason is shown on the public page, so that whoever checks the certificate learns why: do not write the holder's personal details in it.",
		"Жария бет пен күйлер тізімі өзгерісті бірден көрсетеді. Тексеруші себебін білуі үшін ол жария бетте көрсетіледі: оған иесінің жеке деректерін жазбаңыз.",
		"Публичная страница и список статусов сразу покажут изменение. Причина показывается на публичной странице, чтобы проверяющий знал её: не пишите в ней персональные данные владельца."},
	{"Valid: this certificate is genuine and in force.", "Жарамды: бұл сертификат түпнұсқа және күшінде.", "Действителен: сертификат подлинный и действует."},
	{"Suspended: do not rely on this certificate while it is suspended.",
		"Тоқтатылған: күші тоқтатылған кезде бұл сертификатқа сүйенбеңіз.",
		"Приостановлен: не полагайтесь на этот сертификат, пока его действие приостановлено."},
	{"Revoked: do not accept this certificate.", "Кері қайтарылған: бұл сертификатты қабылдамаңыз.", "Отозван: не принимайте этот сертификат."},
	{"Expired: this certificate is no longer valid.", "Мерзімі өткен: бұл сертификат енді жарамсыз.", "Срок действия истёк: сертификат больше не действителен."},
	{"Valid until %s inclusive.", "%s қоса алғанда жарамды.", "Действителен по %s включительно."},
	{"Suspended since %s.", "%s бастап тоқтатылған.", "Приостановлен с %s."},
	{"Revoked on %s.", "%s кері қайтарылды.", "Отозван %s."},
	{"Expired on %s.", "Мерзімі %s өтті.", "Срок истёк %s."},
	{"its period of validity has ended.", "жарамдылық мерзімі аяқталды.", "срок действия закончился."},
	{"The certificate was issued and is in the register of Kasip, but it does not certify the qualification now.",
		"Сертификат берілген және Kasip тізілімінде бар, бірақ қазір біліктілікті растамайды.",
		"Сертификат был выдан и есть в реестре Kasip, но сейчас квалификацию не удостоверяет."},
	{"Partial recognition: only these units of the qualification are recognised, not the whole qualification.",
		"Ішінара тану: біліктілік толық емес, тек мына бөліктері ғана танылды.",
		"Частичное признание: признаны только эти части квалификации, а не вся квалификация."},
	{"Skills", "Дағдылар", "Навыки"},
	{"Head's position in Kazakh (signs the certificates)", "Басшының лауазымы қазақша (сертификаттарға қол қояды)", "Должность руководителя на казахском (подписывает сертификаты)"},
	{"Head's position in Russian (signs the certificates)", "Басшының лауазымы орысша (сертификаттарға қол қояды)", "Должность руководителя на русском (подписывает сертификаты)"},
	{"Head's full name", "Басшының аты-жөні", "ФИО руководителя"},
	{"Head of the centre", "Орталық басшысы", "Руководитель центра"},
	{"Suspend", "Тоқтата тұру", "Приостановить"},
	{"Reinstate", "Қалпына келтіру", "Восстановить"},
	{"Issue the certificate", "Сертификат беру", "Выдать сертификат"},
	{"My certificates", "Менің сертификаттарым", "Мои сертификаты"},
	{"You have no certificate yet.", "Сізде әзірге сертификат жоқ.", "У вас пока нет сертификатов."},
	{"Too many requests", "Сұраулар тым көп", "Слишком много запросов"},
	{"too many requests", "сұраулар тым көп", "слишком много запросов"},
	{"Please wait a little and try again.", "Біраз күтіп, қайталап көріңіз.", "Подождите немного и попробуйте снова."},
	{"The certificate is issued.", "Сертификат берілді.", "Сертификат выдан."},
	{"The status of the certificate is changed.", "Сертификаттың күйі өзгертілді.", "Статус сертификата изменён."},
}

// uiCertStatus is a status as the pages name and colour it, and the
// verdict the public page opens with: a colour, an icon and words that
// cannot be mistaken for one another (a revoked certificate must not
// read like a genuine one with a small red pill).
type UICertStatus struct {
	Name     string // message key
	Badge    string // CSS class
	Verdict  string // CSS class of the verdict block
	Icon     string
	Headline string // message key
	Since    string // message key of the date line, with the date
}

var UICertStatuses = map[string]UICertStatus{
	certificate.StatusValid: {Name: "valid", Badge: "badge badge-ok", Verdict: "verdict verdict-valid", Icon: "✓",
		Headline: "Valid: this certificate is genuine and in force.", Since: "Valid until %s inclusive."},
	certificate.StatusSuspended: {Name: "suspended", Badge: "badge badge-warn", Verdict: "verdict verdict-suspended", Icon: "⏸",
		Headline: "Suspended: do not rely on this certificate while it is suspended.", Since: "Suspended since %s."},
	certificate.StatusRevoked: {Name: "revoked", Badge: "badge badge-bad", Verdict: "verdict verdict-revoked", Icon: "✗",
		Headline: "Revoked: do not accept this certificate.", Since: "Revoked on %s."},
	certificate.StatusExpired: {Name: "expired", Badge: "badge badge-muted", Verdict: "verdict verdict-expired", Icon: "⌛",
		Headline: "Expired: this certificate is no longer valid.", Since: "Expired on %s."},
}
