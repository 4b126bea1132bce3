package i18n

import (
	"strconv"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
)

// The recognition store refuses with keyed errors (recognition.Error): a
// message key and the values it names. They are said here in Kazakh and
// Russian from recDetailMessages, in English from recognition.Messages,
// with the values that are codes of the domain (states, components,
// outcomes) named in the reader's language too. An error without a key
// says nothing in kk and ru rather than English: the problem's title, and
// the form's lead, already say what kind of refusal it is.

// RecDetailMessages: key → {kk, ru}; {name} is a value. The refusals of
// organisations (package workforce, which refuses with recognition's
// keyed errors) are in workforceDetails.
var RecDetailMessages = joinDetails(recDetails, workforceDetails)

// joinDetails is the catalogues in one map.
func joinDetails(parts ...map[string][2]string) map[string][2]string {
	out := map[string][2]string{}
	for _, p := range parts {
		for k, v := range p {
			out[k] = v
		}
	}
	return out
}

var recDetails = map[string][2]string{
	"invalid": {"{reason}", "{reason}"},

	"iin.length":         {"ЖСН «{number}» 12 цифрдан тұруы керек", "ИИН «{number}» должен состоять из 12 цифр"},
	"iin.no_check_digit": {"ЖСН {number}: алғашқы 11 цифры үшін бақылау цифры болмайды, мұндай нөмір жоқ", "ИИН {number}: для первых 11 цифр контрольной цифры не существует, такого номера нет"},
	"iin.check_digit":    {"ЖСН {number}: бақылау цифры қате ({digit}, ал {expected} болуы керек)", "ИИН {number}: неверная контрольная цифра ({digit} вместо {expected})"},
	"iin.century":        {"ЖСН {number}: 7-цифр ({digit}) 1-ден 6-ға дейін болуы керек (ғасыр мен жыныс)", "ИИН {number}: 7-я цифра ({digit}) должна быть от 1 до 6 (век и пол)"},
	"iin.date":           {"ЖСН {number}: {date} — күн емес", "ИИН {number}: {date} — не дата"},
	"iin.birth_date":     {"ЖСН {number} бойынша туған күн — {encoded}, ал {date} емес", "ИИН {number} указывает дату рождения {encoded}, а не {date}"},
	"bin.length":         {"БСН «{number}» 12 цифрдан тұруы керек", "БИН «{number}» должен состоять из 12 цифр"},
	"bin.no_check_digit": {"БСН {number}: алғашқы 11 цифры үшін бақылау цифры болмайды, мұндай нөмір жоқ", "БИН {number}: для первых 11 цифр контрольной цифры не существует, такого номера нет"},
	"bin.check_digit":    {"БСН {number}: бақылау цифры қате ({digit}, ал {expected} болуы керек)", "БИН {number}: неверная контрольная цифра ({digit} вместо {expected})"},
	"bin.month":          {"БСН {number}: тіркеу айы ({month}) 01-ден 12-ге дейін болуы керек", "БИН {number}: месяц регистрации ({month}) должен быть от 01 до 12"},
	"bin.type":           {"БСН {number}: 5-цифр ({digit}) 4, 5 немесе 6 болуы керек (ұйым түрі)", "БИН {number}: 5-я цифра ({digit}) должна быть 4, 5 или 6 (тип организации)"},

	"contacts.email": {"«{email}» — электрондық пошта мекенжайы емес", "«{email}» — не адрес электронной почты"},

	"centre.name_required":  {"орталықтың атауы міндетті", "название центра обязательно"},
	"centre.name_lang":      {"атаудың тілі «{lang}»: kk, ru немесе en болуы керек", "язык названия «{lang}»: нужен kk, ru или en"},
	"centre.head_lang":      {"басшы лауазымының тілі «{lang}»: kk, ru немесе en болуы керек", "язык должности руководителя «{lang}»: нужен kk, ru или en"},
	"centre.head_long":      {"басшының лауазымы мен аты-жөні әрқайсысы {max} таңбадан аспауы керек", "должность и ФИО руководителя — не более {max} символов каждое"},
	"centre.bin_taken":      {"БСН {bin} бар орталық тіркелген", "центр с БИН {bin} уже зарегистрирован"},
	"centre.not_accredited": {"№{id} орталық {code} стандартының {card}-карточкасын {level}-деңгейде {date} күні бағалай алмайды: оны қамтитын қолданыстағы аккредиттеу жоқ", "центр №{id} не может оценивать карточку {card} стандарта {code} на уровне {level} на {date}: действующей аккредитации, которая бы её охватывала, нет"},
	"centre.assessor_not":   {"№{user} пайдаланушы №{centre} орталықтың бағалаушысы емес", "пользователь №{user} не асессор центра №{centre}"},

	"accreditation.number_required":   {"аккредиттеу куәлігінің нөмірі міндетті", "номер свидетельства об аккредитации обязателен"},
	"accreditation.period_required":   {"қолданылу мерзімінің басы мен соңы міндетті", "начало и конец срока действия обязательны"},
	"accreditation.period_order":      {"мерзімнің соңы {to} басынан {from} бұрын", "конец срока {to} раньше начала {from}"},
	"accreditation.scope_empty":       {"аккредиттеу аясында бірде-бір карточка жоқ", "в области аккредитации нет ни одной карточки"},
	"accreditation.scope_code":        {"аясының {n}-жолы: стандарт коды міндетті", "строка {n} области: код стандарта обязателен"},
	"accreditation.scope_card":        {"аясының {n}-жолы: карточка нөмірін немесе кодын көрсетіңіз (біреуін ғана)", "строка {n} области: укажите либо номер, либо код карточки"},
	"accreditation.scope_card_number": {"аясының {n}-жолы: {card} — карточка нөмірі емес", "строка {n} области: {card} — не номер карточки"},
	"accreditation.scope_level":       {"аясының {n}-жолы: {level}-деңгей 1-ден 8-ге дейін болуы керек", "строка {n} области: уровень {level} должен быть от 1 до 8"},
	"accreditation.reason_required":   {"№{number} аккредиттеу: күйін өзгерту үшін себебі міндетті", "аккредитация №{number}: для смены статуса нужна причина"},
	"accreditation.transition":        {"№{number} аккредиттеу «{status}» күйінде, «{to}» күйіне өте алмайды (мүмкін: {allowed})", "аккредитация №{number} в статусе «{status}», перейти в «{to}» нельзя (можно: {allowed})"},

	"candidate.name_required":    {"аты-жөні міндетті", "имя обязательно"},
	"candidate.birth_required":   {"туған күні міндетті", "дата рождения обязательна"},
	"candidate.birth_future":     {"туған күні {date} — болашақтағы күн", "дата рождения {date} — в будущем"},
	"candidate.consent_required": {"дербес деректерді өңдеуге келісім міндетті", "требуется согласие на обработку персональных данных"},
	"candidate.consent_future":   {"келісім болашақ уақытпен берілген ({at})", "согласие датировано будущим ({at})"},
	"candidate.iin_taken":        {"ЖСН {iin} бар үміткер тіркелген", "кандидат с ИИН {iin} уже зарегистрирован"},
	"candidate.voucher_limit":    {"№{id} үміткердің {year} жылға {count} ваучері бар, бұл — ең көп рұқсат етілгені", "у кандидата №{id} уже {count} ваучер(а) на {year} год — это предел"},

	"application.self_extra":             {"өз бастамасымен берілген өтінішке жұмыс беруші де, ваучер де көрсетілмейді", "в заявке по собственной инициативе не указываются ни работодатель, ни ваучер"},
	"application.referral_no_employer":   {"жолдамада оны растайтын жұмыс берушінің тіркелгісі көрсетілуі керек", "в направлении нужно указать учётную запись работодателя, который его подтвердит"},
	"application.referral_voucher":       {"жолдама бойынша өтінішке ваучер қолданылмайды", "по направлению ваучер не используется"},
	"application.voucher_required":       {"ваучер міндетті", "ваучер обязателен"},
	"application.voucher_employer":       {"ваучер бойынша өтінішке жұмыс беруші көрсетілмейді", "в заявке по ваучеру работодатель не указывается"},
	"application.route":                  {"«{route}» жолы белгісіз: өз бастамасымен, жолдама немесе ваучер болуы керек", "неизвестный путь «{route}»: нужен по собственной инициативе, по направлению или по ваучеру"},
	"application.transition":             {"№{id} өтініш «{state}» күйінде, «{to}» күйіне өте алмайды (мүмкін: {allowed})", "заявка №{id} в состоянии «{state}», перейти в «{to}» нельзя (можно: {allowed})"},
	"application.reject_reason":          {"№{id} өтініш: бас тартудың себебі міндетті", "заявка №{id}: для отказа нужна причина"},
	"application.referral_unconfirmed":   {"№{id} өтініш: жұмыс беруші жолдаманы әлі растаған жоқ", "заявка №{id}: работодатель ещё не подтвердил направление"},
	"application.appeal_ended":           {"№{id} өтініш: шағымдану мерзімі {at} аяқталды", "заявка №{id}: срок обжалования истёк {at}"},
	"application.appeal_open":            {"№{id} өтініш: шешімге {at} дейін шағым беруге болады", "заявка №{id}: решение можно обжаловать до {at}"},
	"application.programme_not_approved": {"№{programme} бағдарлама «{status}» күйінде; өтініштер тек бекітілген бағдарламаларға қабылданады", "программа №{programme} в статусе «{status}»; заявки принимаются только на утверждённые программы"},
	"application.programme_centre":       {"№{programme} бағдарламаны басқа орталық жүргізеді", "программу №{programme} ведёт другой центр"},
	"application.not_registered":         {"{code} стандартының {card}-карточкасы кәсіптер тізілімінде жоқ", "карточки {card} стандарта {code} нет в реестре профессий"},
	"application.duplicate":              {"№{candidate} үміткердің №{programme} бағдарлама бойынша №{id} өтініші қаралып жатыр", "у кандидата №{candidate} уже рассматривается заявка №{id} по программе №{programme}"},
	"application.not_referral":           {"№{id} өтініш жолдама бойынша емес", "заявка №{id} подана не по направлению"},
	"application.referral_employer":      {"№{id} өтініш: жолдаманы тек жолдаған жұмыс беруші растай алады", "заявка №{id}: подтвердить направление может только направивший работодатель"},
	"application.referral_state":         {"№{id} өтініш «{state}» күйінде; жолдама өтініш берілген кезде расталады", "заявка №{id} в состоянии «{state}»; направление подтверждается, пока заявка подана"},
	"application.referral_confirmed":     {"№{id} өтініш: жолдама бұрын расталған", "заявка №{id}: направление уже подтверждено"},
	"application.state_by_session":       {"№{id} өтініш: бұл күйге сессияны жоспарлау арқылы өтеді", "заявка №{id}: в это состояние переводит назначение сессии"},
	"application.state_by_decision":      {"№{id} өтініш: «{to}» күйіне шешім жазу арқылы өтеді", "заявка №{id}: в состояние «{to}» переводит запись решения"},
	"application.state_by_appeal":        {"№{id} өтініш: бұл күйге шағым беру арқылы өтеді", "заявка №{id}: в это состояние переводит подача апелляции"},
	"application.state_unknown":          {"№{id} өтініш: «{to}» күйі белгісіз", "заявка №{id}: неизвестное состояние «{to}»"},
	"application.no_result":              {"№{id} өтініш: бірде-бір нәтиже жазылмаған", "заявка №{id}: не записано ни одного результата"},
	"application.no_session":             {"№{id} өтініштің сессиясы жоқ", "у заявки №{id} нет сессии"},
	"application.results_state":          {"№{id} өтініш «{state}» күйінде; нәтижелер сессия жоспарланған кезде жазылады", "заявка №{id} в состоянии «{state}»; результаты записываются, пока сессия назначена"},
	"application.evidence_state":         {"№{id} өтініш «{state}» күйінде; дәлелдер сессия жоспарланған кезде тіркеледі", "заявка №{id} в состоянии «{state}»; доказательства прикладываются, пока сессия назначена"},
	"application.no_decision":            {"№{id} өтініш бойынша шешім жоқ", "по заявке №{id} нет решения"},
	"application.no_appeal":              {"№{id} өтініш бойынша шағым жоқ", "по заявке №{id} нет апелляции"},
	"application.redecide_same":          {"шағым берілген шешімді №{user} пайдаланушы шығарған; қайта шешімді орталықтың басқа бағалаушысы шығаруы керек", "обжалованное решение принял пользователь №{user}; повторное решение должен принять другой асессор центра"},

	"voucher.other_candidate": {"№{id} ваучер басқа үміткерге берілген", "ваучер №{id} выдан другому кандидату"},
	"voucher.expired":         {"№{id} ваучердің мерзімі {at} аяқталды", "срок ваучера №{id} истёк {at}"},
	"voucher.used":            {"№{id} ваучер №{application} өтініште қолданылған", "ваучер №{id} использован в заявке №{application}"},

	"session.at_required":       {"сессияның күні мен уақыты міндетті", "дата и время сессии обязательны"},
	"session.place_required":    {"күндізгі сессияның өтетін орны міндетті", "для очной сессии нужно место проведения"},
	"session.assessor_required": {"кемінде бір бағалаушы міндетті", "нужен хотя бы один асессор"},
	"session.assessor_bad":      {"№{user} бағалаушы — пайдаланушы емес немесе екі рет көрсетілген", "асессор №{user} — не пользователь или указан дважды"},
	"session.not_assessor":      {"№{user} пайдаланушы №{id} өтініш сессиясының бағалаушысы емес", "пользователь №{user} не асессор сессии заявки №{id}"},

	"result.not_assessed": {"«{component}» бөлімі «{unit}» бірлігін бағаламайды", "часть «{component}» не оценивает «{unit}»"},
	"result.score":        {"{score} балы пайыз емес", "балл {score} — не процент"},
	"result.version":      {"нәтиженің {version} нұсқасы жарамсыз", "версия результата {version} недопустима"},
	"result.none":         {"«{unit}» бойынша «{component}» нәтижесі жоқ, ауыстыратын ештеңе жоқ: оны 0 нұсқасымен сақтаңыз", "результата «{component}» по «{unit}» нет, заменять нечего: сохраните его с версией 0"},
	"result.stale":        {"«{unit}» бойынша «{component}» нәтижесі {version} нұсқада (сақтаған №{user} пайдаланушы), {given} емес: бетті жаңартыңыз", "результат «{component}» по «{unit}» уже в версии {version} (сохранил пользователь №{user}), а не {given}: обновите страницу"},

	"evidence.name":    {"файлдың аты жоқ немесе тым ұзын", "имя файла отсутствует или слишком длинное"},
	"evidence.type":    {"«{type}» файл түріне рұқсат жоқ (рұқсат етілгені: {allowed})", "тип файла «{type}» не разрешён (разрешены: {allowed})"},
	"evidence.content": {"файл «{declared}» деп көрсетілген, бірақ мазмұны бойынша — «{detected}»: рұқсат етілген түрдегі файлдың өзін жіберіңіз", "файл заявлен как «{declared}», но по содержимому это «{detected}»: пришлите сам файл разрешённого типа"},
	"evidence.empty":   {"файл бос", "файл пуст"},
	"evidence.size":    {"файл {size} байт, шегі — {limit}", "в файле {size} байт, больше предела в {limit}"},

	"decision.whole_partial":   {"бағдарлама жекелеген бірліктерді бағалайды; ол бойынша біліктілікті толық тануға болмайды", "программа оценивает отдельные единицы; по ней нельзя признать квалификацию целиком"},
	"decision.units_required":  {"танылған бірліктерді көрсетіңіз", "перечислите признанные единицы"},
	"decision.none_units":      {"«танылмады» шешімі бірде-бір бірлікті танымайды", "решение «не признано» не признаёт ни одной единицы"},
	"decision.outcome":         {"«{outcome}» нәтижесі белгісіз", "неизвестный итог «{outcome}»"},
	"decision.reason_required": {"шешім («{outcome}» {units}) ұсыныстан («{proposed}» {proposed_units}) өзгеше; жазбаша себебі міндетті", "решение («{outcome}» {units}) отличается от предложения («{proposed}» {proposed_units}); нужна письменная причина"},

	"appeal.grounds_required": {"шағымның негіздемесі міндетті", "основания апелляции обязательны"},

	"programme.transition":        {"№{id} бағдарлама «{status}» күйінде, «{to}» күйіне өте алмайды (мүмкін: {allowed})", "программа №{id} в статусе «{status}», перейти в «{to}» нельзя (можно: {allowed})"},
	"programme.immutable":         {"№{id} бағдарлама «{status}» күйінде; оны жаңа нұсқа арқылы өзгертіңіз", "программа №{id} в статусе «{status}»; меняйте её через новую версию"},
	"programme.no_card":           {"бағдарламада карточка көрсетілмеген", "в программе не указана карточка"},
	"programme.standard_required": {"стандарт коды мен нұсқасы міндетті", "код и версия стандарта обязательны"},
	"programme.level":             {"{level}-деңгей 1-ден 8-ге дейін болуы керек", "уровень {level} должен быть от 1 до 8"},
	"programme.level_card":        {"{level}-деңгей карточканың деңгейі ({card_level}) емес", "уровень {level} — не уровень карточки ({card_level})"},
	"programme.no_unit":           {"бірде-бір бірлік жоқ: бағаланатын дағдыларды көрсетіңіз немесе бағдарламаны бүкіл карточкаға жасаңыз", "нет ни одной единицы: перечислите оцениваемые навыки или сделайте программу на всю карточку"},
	"programme.not_skill":         {"«{unit}» — карточканың дағдысы емес (не дағдысыз еңбек функциясы емес)", "«{unit}» — не навык карточки (и не трудовая функция без навыков)"},
	"programme.unit_twice":        {"«{unit}» бірлігі екі рет көрсетілген", "единица «{unit}» указана дважды"},
	"programme.whole_units":       {"бүкіл карточкаға арналған бағдарлама карточканың барлық {units} бірлігін қамтиды, {listed} емес", "программа на всю карточку охватывает все {units} единиц карточки, а не {listed}"},
	"programme.no_components":     {"бағдарламада бірде-бір бөлім жоқ", "в программе нет ни одной части"},
	"programme.no_component":      {"бағдарламада «{component}» бөлімі жоқ", "в программе нет части «{component}»"},
	"programme.component_kind":    {"«{component}» бөлім түрі белгісіз", "неизвестный вид части «{component}»"},
	"programme.component_twice":   {"екі «{component}» бөлімі", "две части «{component}»"},
	"programme.threshold":         {"{item}: өту шегі {threshold}% 1-ден 100-ге дейін болуы керек", "{item}: проходной порог {threshold}% должен быть от 1 до 100"},
	"programme.format":            {"{item}: «{format}» өткізу түрі белгісіз", "{item}: неизвестная форма проведения «{format}»"},
	"programme.minutes":           {"{item}: ұзақтығы {minutes} минут жарамсыз", "{item}: продолжительность {minutes} минут недопустима"},
	"programme.not_unit":          {"«{unit}» — бағдарламаның бірлігі емес", "«{unit}» — не единица программы"},
	"programme.item_not_unit":     {"{item}: «{unit}» — бағдарламаның бірлігі емес", "{item}: «{unit}» — не единица программы"},
	"programme.portfolio":         {"«{unit}» үшін портфолио жолына болмайды: стандарт оны танылатын деп белгілемеген", "портфолио для «{unit}» нельзя: стандарт не отмечает её как признаваемую"},
	"programme.unit_unassessed":   {"«{unit}» бірлігінің теориялық не практикалық бөлімі жоқ", "у единицы «{unit}» нет теоретической или практической части"},
	"programme.no_text":           {"{item}: мәтіні жоқ", "{item}: нет текста"},
	"programme.no_knowledge":      {"{item}: бірде-бір білімге байланбаған", "{item}: не связан ни с одним знанием"},
	"programme.correct":           {"{item}: {answer} дұрыс жауабы нұсқалардың ішінде жоқ", "{item}: правильного ответа {answer} нет среди вариантов"},
	"programme.no_ability":        {"{item}: бірде-бір білікке не дағдыға байланбаған", "{item}: не связано ни с одним умением или навыком"},
	"programme.bad_path":          {"{item}: «{path}» — карточканың элементі емес", "{item}: «{path}» — не элемент карточки"},
	"programme.link_kind":         {"{item}: «{path}» — {kind}, ал {want} емес", "{item}: «{path}» — {kind}, а не {want}"},
	"programme.link_outside":      {"{item}: «{path}» бағдарлама бірліктерінен тыс", "{item}: «{path}» вне единиц программы"},
	"programme.gaps":              {"№{id} бағдарлама: тапсырмалар банкі {count} элементті тексермейді ({items})", "программа №{id}: банк заданий не проверяет {count} элементов ({items})"},
	"programme.reason_required":   {"себебі міндетті", "нужна причина"},
	"programme.version_draft":     {"№{id} бағдарлама «{status}» күйінде: жаңа нұсқа жасамай, оны өзгертіңіз", "программа №{id} в статусе «{status}»: измените её вместо новой версии"},
	"programme.version_open":      {"№{id} бағдарламаның {version} нұсқасы дайындалып жатыр", "у программы №{id} уже готовится версия {version}"},
	"programme.own_approval":      {"№{id} бағдарламаны №{user} пайдаланушы жазған, ол оны бекіте алмайды", "программу №{id} написал пользователь №{user}, утвердить её он не может"},

	"certificate.not_decided":        {"№{id} өтініш «{state}» күйінде: куәлік күшіндегі шешім бойынша беріледі", "заявка №{id} в состоянии «{state}»: свидетельство выдаётся по решению, вступившему в силу"},
	"certificate.nothing_recognised": {"№{id} өтініш: шешім ештеңені танымайды", "заявка №{id}: решение ничего не признаёт"},
	"certificate.status_unknown":     {"№{number} куәлік: «{to}» мәртебесі белгісіз", "свидетельство №{number}: неизвестный статус «{to}»"},
	"certificate.reason_required":    {"№{number} куәлік: мәртебесін өзгерту үшін себебі міндетті", "свидетельство №{number}: для смены статуса нужна причина"},
	"certificate.transition":         {"№{number} куәлік «{status}» мәртебесінде, «{to}» мәртебесіне өте алмайды (мүмкін: {allowed})", "свидетельство №{number} в статусе «{status}», перейти в «{to}» нельзя (можно: {allowed})"},

	"request.multipart":            {"component, unit және file бөліктері бар multipart/form-data денесі күтілді", "ожидалось тело multipart/form-data с частями component, unit и file"},
	"request.file_missing":         {"файл бөлігі жоқ", "нет части с файлом"},
	"candidate.account_registered": {"бұл тіркелгі үміткер ретінде тіркеліп қойған", "эта учётная запись уже зарегистрирована как кандидат"},
	"candidate.not_registered":     {"алдымен үміткер ретінде тіркеліңіз", "сначала зарегистрируйтесь как кандидат"},
	"application.employer_login":   {"жолдамада жұмыс берушінің логині көрсетілуі керек", "в направлении нужно указать логин работодателя"},
	"application.no_employer":      {"«{login}» жұмыс беруші тіркелгісі жоқ", "учётной записи работодателя «{login}» нет"},
	"centre.not_assessor_account":  {"пайдаланушы бұл орталықтың бағалаушы тіркелгісі емес", "пользователь — не учётная запись асессора этого центра"},
	"form.score":                   {"«{value}» балы сан емес", "балл «{value}» — не число"},
	"form.no_candidate":            {"Бұл ЖСН-мен тіркелген кандидат жоқ", "Кандидата с таким ИИН нет"},
	"form.scope_line":              {"аясының {n}-жолы: стандарт кодын, карточканы және деңгейлерді жазыңыз, мысалы M84120 2 5", "строка {n} области: напишите код стандарта, карточку и уровни, например M84120 2 5"},
	"form.scope_level":             {"аясының {n}-жолы: «{value}» деңгейі сан емес", "строка {n} области: уровень «{value}» — не число"},
	"form.setting_number":          {"{setting}: «{value}» бүтін сан емес", "{setting}: «{value}» — не целое число"},
	"form.level":                   {"деңгейі сан емес", "уровень — не число"},
	"form.component_numbers":       {"«{component}»: өту шегі мен ұзақтығы бүтін сан болуы керек", "«{component}»: проходной балл и продолжительность — целые числа"},
	"form.correct":                 {"«{value}» дұрыс жауабы сан емес", "правильный ответ «{value}» — не число"},

	"standard.no_card": {"{code} стандартының {version} нұсқасында {card}-карточка жоқ (барлығы {cards})", "в версии {version} стандарта {code} нет карточки {card} (всего {cards})"},

	"path.empty": {"жол бос", "путь пуст"},
	"path.bad":   {"«{path}» — карточка элементіне жол емес", "«{path}» — не путь к элементу карточки"},

	"settings.days":           {"{setting}: 1-ден 3660-қа дейін болуы керек, {value} емес", "{setting}: должно быть от 1 до 3660, а не {value}"},
	"settings.threshold":      {"өту шегі 1-ден 100-ге дейінгі пайыз болуы керек, {value} емес", "проходной порог должен быть процентом от 1 до 100, а не {value}"},
	"settings.evidence_max":   {"дәлел файлының ең үлкен өлшемі оң сан болуы керек", "наибольший размер файла доказательства должен быть положительным"},
	"settings.evidence_types": {"дәлел файлдарының кемінде бір түрін көрсетіңіз", "укажите хотя бы один тип файлов доказательств"},
	"settings.evidence_type":  {"«{type}» — параметрсіз кіші әріппен жазылған файл түрі емес", "«{type}» — не тип файла строчными буквами без параметров"},
	"settings.offset":         {"UTC-ден {value} минут айырма жоқ", "смещения от UTC на {value} минут не бывает"},
}

// recDetailText says the refusals err carries in lang, joined by "; ";
// without any, English gets the store's own words and kk and ru nothing.
func RecDetailText(lang string, err error) string {
	es := recognition.Errors(err)
	if len(es) == 0 {
		if lang == "en" {
			return uiRecDetail(err)
		}
		return ""
	}
	parts := make([]string, 0, len(es))
	for _, e := range es {
		parts = append(parts, recErrorText(lang, e))
	}
	return strings.Join(parts, "; ")
}

// recErrorText is one refusal in lang.
func recErrorText(lang string, e *recognition.Error) string {
	tmpl := recognition.English(e.Key)
	if m, ok := RecDetailMessages[e.Key]; ok && (lang == "kk" || lang == "ru") {
		tmpl = m[0]
		if lang == "ru" {
			tmpl = m[1]
		}
	}
	args := make(map[string]string, len(e.Args))
	for name, v := range e.Args {
		args[name] = recArgText(lang, e.Key, name, v)
	}
	return recognition.Render(tmpl, args)
}

// recArgText names a value in lang when it is one of the domain's codes;
// other values (numbers, codes of standards, what a person typed) stay.
func recArgText(lang, key, name, v string) string {
	var names func(string) string
	switch name {
	case "state", "to", "status", "allowed":
		switch {
		case strings.HasPrefix(key, "programme."), key == "application.programme_not_approved":
			names = UIRecProgrammeStatusName
		case strings.HasPrefix(key, "accreditation."):
			names = UIRecAccreditationName
		case strings.HasPrefix(key, "certificate.") && key != "certificate.not_decided":
			names = func(s string) string {
				if st, ok := UICertStatuses[s]; ok {
					return st.Name
				}
				return s
			}
		default:
			names = UIRecStateName
		}
	case "component":
		names = UIRecComponentName
	case "outcome", "proposed":
		names = UIRecOutcomeName
	case "kind", "want":
		names = recItemKindName
	case "item":
		return recItemText(lang, v)
	case "setting":
		names = recSettingName
	default:
		return v
	}
	if name == "allowed" {
		if v == "—" {
			return v
		}
		list := strings.Split(v, ", ")
		for i, s := range list {
			list[i] = Translate(lang, names(s))
		}
		return strings.Join(list, ", ")
	}
	return Translate(lang, names(v))
}

// recItemText names a part of a programme ("question 3", "task",
// "component theory") in lang.
func recItemText(lang, v string) string {
	word, rest, _ := strings.Cut(v, " ")
	switch word {
	case "component":
		return Translate(lang, "component") + " «" + Translate(lang, UIRecComponentName(rest)) + "»"
	case "question", "task":
		s := Translate(lang, word)
		if _, err := strconv.Atoi(rest); err == nil {
			s += " №" + rest
		}
		return s
	}
	return v
}

// recItemKindName is the message key of a kind of card item.
func recItemKindName(kind string) string {
	if k, ok := map[string]string{recognition.KindKnowledge: "knowledge item", recognition.KindAbility: "ability",
		recognition.KindSkill: "skill", recognition.KindFunction: "labour function"}[kind]; ok {
		return k
	}
	return kind
}

// recSettingName is the message key of a recognition setting.
func recSettingName(name string) string {
	return "setting " + name
}

var recognitionDetailMessages = [][3]string{
	{"component", "бөлім", "часть"},
	{"question", "сұрақ", "вопрос"},
	{"task", "тапсырма", "задание"},
	{"knowledge item", "білім", "знание"},
	{"ability", "білік", "умение"},
	{"skill", "дағды", "навык"},
	{"labour function", "еңбек функциясы", "трудовая функция"},
	{"setting accreditation_years", "аккредиттеу мерзімі (жыл)", "срок аккредитации (лет)"},
	{"setting voucher_valid_days", "ваучердің қолданылу мерзімі (күн)", "срок действия ваучера (дней)"},
	{"setting vouchers_per_year", "бір жылға ваучерлер саны", "число ваучеров на год"},
	{"setting accept_days", "өтінішті қабылдау мерзімі (күн)", "срок приёма заявки (дней)"},
	{"setting referral_confirm_days", "жолдаманы растау мерзімі (күн)", "срок подтверждения направления (дней)"},
	{"setting schedule_days", "бағалауды жоспарлау мерзімі (күн)", "срок назначения оценки (дней)"},
	{"setting decision_days", "шешім шығару мерзімі (күн)", "срок решения (дней)"},
	{"setting appeal_days", "шағымдану мерзімі (күн)", "срок обжалования (дней)"},
	{"setting redecide_days", "шағым бойынша шешім мерзімі (күн)", "срок решения по апелляции (дней)"},
}

// uiScopeText names an accreditation's scope entry in lang: "M84120,
// карточка 2, уровни 5" — the store's String is English, for logs.
func UIScopeText(e recognition.ScopeEntry, lang string) string {
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

// uiRecDetail is the store's explanation, without the operation names it
// is wrapped in ("apply: …") and the kind it ends with (": conflict").
func uiRecDetail(err error) string {
	msg := err.Error()
	for _, kind := range []error{recognition.ErrStale, recognition.ErrDeadline, recognition.ErrIllegalTransition,
		recognition.ErrNotAccredited, recognition.ErrLimit, recognition.ErrConflict, recognition.ErrForbidden, kasip.ErrInvalid, kasip.ErrNotFound, auth.ErrInvalid} {
		msg = strings.TrimSuffix(msg, ": "+kind.Error())
	}
	return msg
}
