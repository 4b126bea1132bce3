package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
)

// GET /api/v1/professions
func (s *Server) apiListProfessions(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQuery(r)
	f := kasip.ProfessionFilter{
		Query:       q.Str("q"),
		Level:       q.IntRange("level", 0, 1, 8),
		OKEDSection: q.OKEDSection("oked"),
		CodePrefix:  q.CodePrefix("code"),
		Language:    q.OneOf("lang", contentLanguages...),
		Recognition: q.OneOf("recognition", kasip.RecognitionMandatory, kasip.RecognitionVoluntary),
		Generated:   q.Generated(),
	}
	f.Limit, f.Offset = q.Page()
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	items, total, err := s.Reg.Professions(r.Context(), f)
	if err != nil {
		httpx.RegistryError(w, r, err, "", http.StatusBadRequest)
		return
	}
	for i := range items {
		normalizeProfession(&items[i])
	}
	httpx.WriteJSON(w, r, http.StatusOK, httpx.Page[kasip.Profession]{Items: httpx.NonNilSlice(items), Total: total, Limit: f.Limit, Offset: f.Offset})
}

func normalizeProfession(p *kasip.Profession) {
	p.Codes = httpx.NonNilSlice(p.Codes)
	p.OKEDSections = httpx.NonNilSlice(p.OKEDSections)
	p.Languages = httpx.NonNilSlice(p.Languages)
}

// GET /api/v1/professions/{id}
func (s *Server) apiGetProfession(w http.ResponseWriter, r *http.Request) {
	id, perr := httpx.PathID(r, "id")
	if perr != nil {
		httpx.BadParam(w, r, perr)
		return
	}
	p, err := s.Reg.Profession(r.Context(), id)
	if err != nil {
		httpx.RegistryError(w, r, err, i18n.APIT(r, "no profession with id %d", id), http.StatusBadRequest)
		return
	}
	normalizeProfession(&p)
	httpx.WriteJSON(w, r, http.StatusOK, p)
}

// RecognitionUpdate is the body of PUT /api/v1/professions/{id}/recognition.
type RecognitionUpdate struct {
	Recognition string `json:"recognition"`
}

// PUT /api/v1/professions/{id}/recognition (administrator)
func (s *Server) apiSetRecognition(w http.ResponseWriter, r *http.Request) {
	id, perr := httpx.PathID(r, "id")
	if perr != nil {
		httpx.BadParam(w, r, perr)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		httpx.Fail(w, r, http.StatusUnsupportedMediaType, "unsupported media type", i18n.APIT(r, "expected %s", "application/json"))
		return
	}
	var body RecognitionUpdate
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			httpx.Fail(w, r, http.StatusRequestEntityTooLarge, "request body too large", i18n.APIT(r, "the limit is %d bytes", mbe.Limit))
			return
		}
		httpx.Fail(w, r, http.StatusBadRequest, "invalid request body", i18n.APIT(r, "expected a JSON object %s", `{"recognition": "mandatory" | "voluntary"}`))
		return
	}
	if _, err := dec.Token(); err != io.EOF {
		httpx.Fail(w, r, http.StatusBadRequest, "invalid request body", i18n.APIT(r, "expected a JSON object %s", `{"recognition": "mandatory" | "voluntary"}`))
		return
	}
	if body.Recognition != kasip.RecognitionMandatory && body.Recognition != kasip.RecognitionVoluntary {
		httpx.BadParam(w, r, &httpx.ParamError{Name: "recognition", Reason: "must be one of %s", Args: []any{kasip.RecognitionMandatory + ", " + kasip.RecognitionVoluntary}})
		return
	}
	notFound := i18n.APIT(r, "no profession with id %d", id)
	if err := s.Reg.SetRecognition(r.Context(), id, body.Recognition); err != nil {
		httpx.RegistryError(w, r, err, notFound, http.StatusUnprocessableEntity)
		return
	}
	p, err := s.Reg.Profession(r.Context(), id)
	if err != nil {
		httpx.RegistryError(w, r, err, notFound, http.StatusBadRequest)
		return
	}
	s.Log.Info("recognition changed", "profession", id, "recognition", body.Recognition)
	normalizeProfession(&p)
	httpx.WriteJSON(w, r, http.StatusOK, p)
}

// GET /api/v1/classifiers/oked
func (s *Server) apiOKED(w http.ResponseWriter, r *http.Request) {
	tree, err := s.Reg.OKED(r.Context())
	if err != nil {
		httpx.RegistryError(w, r, err, "", http.StatusBadRequest)
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, httpx.NonNilSlice(tree))
}

// QualificationLevel is a level of the sectoral qualification framework.
type QualificationLevel struct {
	Level       int        `json:"level"`
	Name        kasip.Text `json:"name"`
	Description kasip.Text `json:"description"` // the kind of work: autonomy and responsibility
	Education   kasip.Text `json:"education"`   // the usual ways of reaching it
}

// GET /api/v1/classifiers/levels
func (s *Server) apiLevels(w http.ResponseWriter, r *http.Request) {
	httpx.WriteJSON(w, r, http.StatusOK, qualificationLevels)
}

func qualificationLevelName(n int) kasip.Text {
	return kasip.Text{"kk": fmt.Sprintf("%d-деңгей", n), "ru": fmt.Sprintf("Уровень %d", n), "en": fmt.Sprintf("Level %d", n)}
}

// qualificationLevels are the eight levels of the sectoral qualification frameworks
// (ОРК / СБШ) that profession cards are placed on, after the national
// qualification framework of Kazakhstan, in short.
var qualificationLevels = []QualificationLevel{
	{1, qualificationLevelName(1),
		kasip.Text{
			"kk": "Тікелей басшылықпен қарапайым үлгілік тапсырмаларды орындау; өз жұмысы үшін бақылау арқылы жауап береді.",
			"ru": "Выполнение простых типовых заданий под непосредственным руководством; отвечает за свою работу под контролем.",
			"en": "Simple routine tasks under direct supervision; answers for own work under control.",
		},
		kasip.Text{
			"kk": "Білімге талап қойылмайды немесе қысқа мерзімді оқыту; практикалық тәжірибе.",
			"ru": "Без требований к образованию или краткосрочное обучение; практический опыт.",
			"en": "No formal education required, or short training; practical experience.",
		}},
	{2, qualificationLevelName(2),
		kasip.Text{
			"kk": "Нұсқаулық бойынша шектеулі дербестікпен үлгілік тапсырмаларды орындау; өз жұмысының нәтижесі үшін жауап береді.",
			"ru": "Выполнение типовых заданий по инструкции с ограниченной самостоятельностью; отвечает за результат своей работы.",
			"en": "Routine tasks following instructions with limited autonomy; answers for the result of own work.",
		},
		kasip.Text{
			"kk": "Негізгі орта білім, қысқа мерзімді курстарда кәсіптік даярлық.",
			"ru": "Основное среднее образование, профессиональная подготовка на краткосрочных курсах.",
			"en": "Lower secondary education and short vocational courses.",
		}},
	{3, qualificationLevelName(3),
		kasip.Text{
			"kk": "Нұсқаулық бойынша үлгілік практикалық тапсырмаларды өз бетінше орындау, белгілі тәсілдердің ішінен таңдау; өз нәтижесі үшін жауап береді.",
			"ru": "Самостоятельное выполнение типовых практических заданий по инструкции, выбор способа из известных; отвечает за свой результат.",
			"en": "Standard practical tasks done independently to instructions, choosing among known methods; answers for own results.",
		},
		kasip.Text{
			"kk": "Жалпы орта білім және кәсіптік даярлық немесе техникалық және кәсіптік білім (жұмысшы біліктілігі).",
			"ru": "Общее среднее образование и профессиональная подготовка или техническое и профессиональное образование (квалификация рабочего).",
			"en": "Upper secondary education and vocational training, or technical and vocational education (skilled worker).",
		}},
	{4, qualificationLevelName(4),
		kasip.Text{
			"kk": "Жұмыс жағдайын талдауды қажет ететін практикалық міндеттерді шешу; өз жұмысын дербес жоспарлау, басқалардың жұмысын бақылау; міндеттердің шешімі үшін жауап береді.",
			"ru": "Решение практических задач, требующих анализа рабочей ситуации; самостоятельное планирование своей работы, контроль работы других; отвечает за решение задач.",
			"en": "Practical problems that call for analysing the work situation; plans own work and checks the work of others; answers for solving the tasks.",
		},
		kasip.Text{
			"kk": "Техникалық және кәсіптік білім (жоғары деңгейдегі жұмысшы біліктілігі), практикалық тәжірибе.",
			"ru": "Техническое и профессиональное образование (квалификация рабочего повышенного уровня), практический опыт.",
			"en": "Technical and vocational education (advanced skilled worker), practical experience.",
		}},
	{5, qualificationLevelName(5),
		kasip.Text{
			"kk": "Бөлімшенің жұмысын ұйымдастыру және басқару, әдістерді таңдай отырып практикалық міндеттерді шешу; топтың нәтижесі үшін жауап береді.",
			"ru": "Организация работы подразделения и руководство ею, решение практических задач с выбором методов; отвечает за результат группы.",
			"en": "Organises and leads the work of a unit, solves practical problems choosing the methods; answers for the results of a team.",
		},
		kasip.Text{
			"kk": "Техникалық және кәсіптік білім (орта буын маманы), орта білімнен кейінгі білім, практикалық тәжірибе.",
			"ru": "Техническое и профессиональное образование (специалист среднего звена), послесреднее образование, практический опыт.",
			"en": "Technical and vocational education (mid-level specialist) or post-secondary education, practical experience.",
		}},
	{6, qualificationLevelName(6),
		kasip.Text{
			"kk": "Дербес кәсіби қызмет: саладағы процестерді жоспарлау, әзірлеу және жетілдіру, бөлімшені басқару; бөлімшенің нәтижелері үшін жауап береді.",
			"ru": "Самостоятельная профессиональная деятельность: планирование, разработка и совершенствование процессов в своей области, руководство подразделением; отвечает за результаты подразделения.",
			"en": "Independent professional work: plans, develops and improves processes in a field, manages a unit; answers for the unit's results.",
		},
		kasip.Text{
			"kk": "Жоғары білім (бакалавриат), практикалық тәжірибе.",
			"ru": "Высшее образование (бакалавриат), практический опыт.",
			"en": "Higher education (bachelor's degree), practical experience.",
		}},
	{7, qualificationLevelName(7),
		kasip.Text{
			"kk": "Ұйымды немесе ірі бөлімшені басқару, зерттеушілік және инновациялық тәсілдер, стратегиялық шешімдер; ұйымның нәтижелері үшін жауап береді.",
			"ru": "Управление организацией или крупным подразделением, исследовательские и инновационные подходы, стратегические решения; отвечает за результаты организации.",
			"en": "Manages an organisation or a large unit, uses research and innovation, takes strategic decisions; answers for the organisation's results.",
		},
		kasip.Text{
			"kk": "Жоғары оқу орнынан кейінгі білім (магистратура), практикалық тәжірибе.",
			"ru": "Послевузовское образование (магистратура), практический опыт.",
			"en": "Postgraduate education (master's degree), practical experience.",
		}},
	{8, qualificationLevelName(8),
		kasip.Text{
			"kk": "Саланың немесе кәсіби бағыттың стратегиясын айқындау, зерттеулер жүргізу және жаңа білім жасау; сала деңгейіндегі нәтижелер үшін жауап береді.",
			"ru": "Определение стратегии отрасли или профессиональной области, исследования и создание нового знания; отвечает за результаты на уровне отрасли.",
			"en": "Sets the strategy of an industry or professional field, does research and creates new knowledge; answers for results at the level of the industry.",
		},
		kasip.Text{
			"kk": "Докторантура (PhD), практикалық тәжірибе.",
			"ru": "Докторантура (PhD), практический опыт.",
			"en": "Doctoral studies (PhD), practical experience.",
		}},
}
