package web

// The strings of certificates (pages and API problems) in {English,
// Kazakh, Russian}. A certificate is "сертификат" in both languages, as
// printed on the PDF: "Certificate" alone is taken by the accreditation
// certificate (куәлік / свидетельство) of the recognition pages.

var _ = registerMessages(
	[3]string{"Verify a certificate", "Сертификатты тексеру", "Проверить сертификат"},
	[3]string{"Certificate verification", "Сертификатты тексеру", "Проверка сертификата"},
	[3]string{"Qualification certificate", "Біліктілік сертификаты", "Сертификат о квалификации"},
	[3]string{"No such certificate", "Мұндай сертификат жоқ", "Такого сертификата нет"},
	[3]string{"There is no certificate numbered %s in the register. It may be mistyped, or the document is not genuine.",
		"Тізілімде %s нөмірлі сертификат жоқ. Нөмір қате терілген болуы мүмкін немесе құжат түпнұсқа емес.",
		"В реестре нет сертификата с номером %s. Возможно, номер набран с ошибкой или документ не подлинный."},
	[3]string{"There is no certificate with this number in the register.", "Тізілімде бұл нөмірлі сертификат жоқ.", "В реестре нет сертификата с этим номером."},
	[3]string{"Search the register of certificates", "Сертификаттар тізілімінен іздеу", "Искать в реестре сертификатов"},
	[3]string{"Demonstration certificate: made from demonstration data, it certifies nothing.",
		"Демонстрациялық сертификат: демо деректерден жасалған, ештеңені растамайды.",
		"Демонстрационный сертификат: создан из демонстрационных данных и ничего не удостоверяет."},
	[3]string{"This certificate is in the register of Kasip: it is genuine.", "Бұл сертификат Kasip тізілімінде бар: ол түпнұсқа.", "Этот сертификат есть в реестре Kasip: он подлинный."},
	[3]string{"valid", "жарамды", "действителен"},
	[3]string{"suspended", "тоқтатылған", "приостановлен"},
	[3]string{"since", "бастап", "с"},
	[3]string{"Holder", "Иесі", "Владелец"},
	[3]string{"Holder's name", "Иесінің аты-жөні", "ФИО владельца"},
	[3]string{"Issued", "Берілген күні", "Выдан"},
	[3]string{"Valid until", "Жарамдылық мерзімі", "Действителен до"},
	[3]string{"The whole qualification is recognised:", "Біліктілік толығымен танылды:", "Квалификация признана полностью:"},
	[3]string{"Recognised units of the qualification:", "Біліктіліктің танылған бөліктері:", "Признанные части квалификации:"},
	[3]string{"Certificate (PDF)", "Сертификат (PDF)", "Сертификат (PDF)"},
	[3]string{"Signed credential (JSON)", "Қол қойылған цифрлық куәлік (JSON)", "Подписанное цифровое удостоверение (JSON)"},
	[3]string{"The signed credential can be checked offline with “kasip verify FILE.json”.",
		"Қол қойылған куәлікті желісіз «kasip verify FILE.json» арқылы тексеруге болады.",
		"Подписанное удостоверение можно проверить без сети командой «kasip verify FILE.json»."},
	[3]string{"Enter the number printed on the certificate, or the holder's name together with the profession.",
		"Сертификатта басылған нөмірді немесе иесінің аты-жөнін кәсібімен бірге енгізіңіз.",
		"Введите номер, напечатанный на сертификате, или ФИО владельца вместе с профессией."},
	[3]string{"Give the certificate number, or at least two words of the holder's name together with the profession.",
		"Сертификат нөмірін немесе иесінің аты-жөнінен кемінде екі сөзді кәсібімен бірге көрсетіңіз.",
		"Укажите номер сертификата или не менее двух слов ФИО владельца вместе с профессией."},
	[3]string{"Qualification certificate number", "Сертификат нөмірі", "Номер сертификата"},
	[3]string{"Number", "Нөмірі", "Номер"},
	[3]string{"Certificates found: %d", "Табылған сертификаттар: %d", "Найдено сертификатов: %d"},
	[3]string{"No certificate matches.", "Сәйкес сертификат жоқ.", "Подходящих сертификатов нет."},
	[3]string{"Public verification page", "Жария тексеру беті", "Публичная страница проверки"},
	[3]string{"The public page and the status list show the change at once. The reason is kept in the audit log; it is not shown to the public.",
		"Жария бет пен күйлер тізімі өзгерісті бірден көрсетеді. Себебі аудит журналында сақталады, жұртшылыққа көрсетілмейді.",
		"Публичная страница и список статусов сразу покажут изменение. Причина хранится в журнале аудита и публике не показывается."},
	[3]string{"Suspend", "Тоқтата тұру", "Приостановить"},
	[3]string{"Reinstate", "Қалпына келтіру", "Восстановить"},
	[3]string{"Issue the certificate", "Сертификат беру", "Выдать сертификат"},
	[3]string{"My certificates", "Менің сертификаттарым", "Мои сертификаты"},
	[3]string{"You have no certificate yet.", "Сізде әзірге сертификат жоқ.", "У вас пока нет сертификатов."},
	[3]string{"Too many requests", "Сұраулар тым көп", "Слишком много запросов"},
	[3]string{"too many requests", "сұраулар тым көп", "слишком много запросов"},
	[3]string{"Please wait a little and try again.", "Біраз күтіп, қайталап көріңіз.", "Подождите немного и попробуйте снова."},
	[3]string{"The certificate is issued.", "Сертификат берілді.", "Сертификат выдан."},
	[3]string{"The status of the certificate is changed.", "Сертификаттың күйі өзгертілді.", "Статус сертификата изменён."},
)

// The notices after the certificate forms (uiRecDone of the recognition
// pages, which the redirects use).
var _ = func() bool {
	uiRecDone["issued"] = "The certificate is issued."
	uiRecDone["certificate-status"] = "The status of the certificate is changed."
	return true
}()
