package kasip_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/internal/schematest"
)

// The JSON form of the model is a published contract: docs/standard.schema.json
// describes it and docs/model.md explains it. These tests keep the model types (Standard and its parts), the
// schema and the golden outputs in step.

func ptr[T any](v T) *T { return &v }

func org(src, line int) kasip.Origin { return kasip.Origin{Source: src, Line: line} }

func el(path string) kasip.Origin { return kasip.Origin{Source: 0, Element: path} }

func item(n int, kk string, o kasip.Origin) kasip.Item {
	return kasip.Item{Number: n, Text: kasip.Text{"kk": kk}, Origin: o}
}

func field(kk, ru string, o kasip.Origin) *kasip.Field {
	t := kasip.Text{"kk": kk}
	if ru != "" {
		t["ru"] = ru
	}
	return &kasip.Field{Text: t, Origin: o}
}

// fullKZ is a Kazakh standard, read from a Kazakh and a Russian publication,
// with every field of the Kazakh family set.
func fullKZ() *kasip.Standard {
	s := &kasip.Standard{
		Family:       "kz",
		Code:         "M84120",
		CodeOriginal: "М84120",
		Title:        kasip.Text{"kk": "Мемлекеттік жастар саясаты саласындағы қызмет", "ru": "Деятельность в сфере государственной молодёжной политики"},
		Languages:    []string{"kk", "ru"},
		Generated:    true,
		Order: &kasip.Order{
			Body:      field("Қазақстан Республикасы Мәдениет және ақпарат министрі", "", org(0, 1)),
			Number:    "123",
			Date:      "2023-12-01",
			Signatory: field("Министрдің міндетін атқарушы Қ. Ысқақов", "", org(0, 16)),
			Agreed:    field("Қазақстан Республикасының Еңбек және халықты әлеуметтік қорғау министрлігі", "", org(0, 19)),
			Clauses:   []kasip.Item{item(1, "Қоса беріліп отырған кәсіптік стандарты бекітілсін.", org(0, 3))},
		},
		Scope: field("жастар жұмысын жүзеге асыру", "", org(0, 32)),
		Terms: []kasip.Term{{Number: 1, Term: kasip.Text{"kk": "білім"}, Definition: kasip.Text{"kk": "зерделенген және меңгерілген ақпарат"}, Origin: org(0, 36)}},
		Abbreviations: []kasip.Term{
			{Number: 3, Term: kasip.Text{"kk": "ЖРО"}, Definition: kasip.Text{"kk": "жастар ресурстық орталығының"}, Origin: org(0, 66)},
			{Number: 4, Term: kasip.Text{"kk": "СБШ"}, Definition: kasip.Text{}, Origin: org(1, 60)},
		},
		OKED: []kasip.OKEDEntry{
			{Code: "M", CodeOriginal: "М", Level: "section", Title: kasip.Text{"kk": "кәсіби, ғылыми және техникалық қызмет"}, Origin: org(0, 77)},
			{Code: "84.12.0", Level: "subclass", Title: kasip.Text{"kk": "Мекемелердің қызметін реттеу"}, Origin: org(0, 85)},
		},
		Description:        field("жастармен жұмысты ұйымдастыру", "", org(0, 87)),
		CommonRequirements: field("еңбекті қорғау ережелері мен нормалары", "", org(0, 89)),
		CardList: []kasip.CardRef{
			{Number: 1, Title: kasip.Text{"kk": "Орталықтың директоры"}, Level: 7, Origin: org(0, 93)},
		},
		Cards: []kasip.Card{{
			Number:         9,
			Title:          kasip.Text{"kk": "Орталықтың директоры (меңгерушісі)"},
			HeaderTitle:    kasip.Text{"kk": "Орталықтың директоры (меңгерушісі) (жастарға консультациялық қызметтер)"},
			Level:          6,
			SubLevel:       "6.1",
			Codes:          []string{"1210-0-020", "1210-0"},
			CodesOriginal:  []string{"1210-0-020", "1210-0"},
			OccupationCode: "1210-0",
			GroupCode:      "1210-0-020",
			TariffLevel:    field("БА Менеджер", "", org(0, 105)),
			Education:      []kasip.Item{item(0, "Жоғары/жоғары оқу орнынан кейінгі", org(0, 106))},
			Specialities:   []kasip.Item{item(0, "6B01 Педагогикалық ғылымдар", org(0, 106))},
			Qualification:  field("-", "", org(0, 106)),
			Experience:     []kasip.Item{item(0, "кемінде 3 жыл", org(0, 107))},
			NonFormal:      field("Қажет емес", "", org(0, 108)),
			AltTitles:      []kasip.AltTitle{{Code: "1210-0-057", Title: kasip.Text{"kk": "Орталықтың директоры"}, Origin: org(0, 109)}},
			Purpose:        []kasip.Item{item(0, "Ынтымақтастықты қамтамасыз ету", org(0, 110))},
			FunctionList: []kasip.FunctionRef{
				{Number: 1, Title: kasip.Text{"kk": "ЖРО жұмысын басқару"}, Mandatory: true, Function: 0, Origin: org(0, 111)},
				{Number: 2, Title: kasip.Text{"kk": "Жобаларды әзірлеу"}, Mandatory: false, Function: 1, Origin: org(0, 114)},
				{Number: 3, Title: kasip.Text{"kk": "Сипатталмаған функция"}, Mandatory: false, Function: -1, Origin: org(0, 115)},
			},
			Functions: []kasip.Function{
				{
					Number:    1,
					Title:     kasip.Text{"kk": "ЖРО жұмысын басқару және ұйымдастыру"},
					Mandatory: true,
					Skills: []kasip.Skill{
						{
							Number:       1,
							Title:        kasip.Text{"kk": "ЖРО қызметін ұйымдастыру"},
							Abilities:    []kasip.Item{item(1, "ЖРО қызметіне басшылық жасау", org(0, 118))},
							Knowledge:    []kasip.Item{item(1, "Қазақстан Республикасының Конституциясы", org(0, 120))},
							Recognizable: ptr(true),
							Origin:       org(0, 117),
						},
						{
							Number:       2,
							Title:        kasip.Text{"kk": "Құжаттамамен жұмыс"},
							Abilities:    []kasip.Item{},
							Knowledge:    []kasip.Item{},
							Recognizable: ptr(false),
							Origin:       org(1, 118),
						},
						{Title: kasip.Text{"kk": "Тану туралы айтылмаған дағды"}, Origin: org(0, 122)},
					},
					Other:  []kasip.Item{item(0, "Ескерту", org(0, 123))},
					Origin: org(0, 116),
				},
				{Number: 2, Title: kasip.Text{"kk": "Жобаларды әзірлеу"}, Origin: org(0, 124)},
			},
			Competencies: []kasip.Item{item(0, "Бастамашылық", org(0, 130))},
			Regulations:  []kasip.Item{item(1, "ҚР СТ 1234-2020", org(0, 131))},
			Related:      []kasip.Related{{Level: 6, Title: kasip.Text{"kk": "Орталық директоры"}, Origin: org(0, 134)}},
			Origin:       org(0, 101),
		}},
		Technical: kasip.Technical{
			Bodies: []kasip.Developer{{
				Organization: kasip.Text{"kk": "Қазақстан Республикасының Мәдениет және ақпарат министрлігі"},
				Role:         "body",
				Contacts: []kasip.Contact{{
					Role:   kasip.Text{"kk": "Орындаушы"},
					Name:   "Есекеева М.М.",
					Emails: []string{"m.esekeeva@mki.gov.kz"},
					Phones: []string{"74-05-08"},
					Text:   kasip.Text{"kk": "Есекеева М.М., m.esekeeva@mki.gov.kz, 74-05-08."},
					Origin: org(0, 191),
				}},
				Origin: org(0, 190),
			}},
			Developers: []kasip.Developer{{
				Organization: kasip.Text{"kk": "\"Жастар\" ғылыми-зерттеу орталығы\" ЖШС"},
				Role:         "participant",
				Contacts: []kasip.Contact{{
					Role:   kasip.Text{"kk": "Орындаушы"},
					Name:   "Қайдарова Т.Қ.",
					Emails: []string{"t.kaidarova@eljastary.kz"},
					Phones: []string{"27-04-36"},
					Text:   kasip.Text{"kk": "Қайдарова Т.Қ., t.kaidarova@eljastary.kz, 27-04-36."},
					Origin: org(0, 198),
				}},
				Origin: org(0, 196),
			}},
			Council:        &kasip.Decision{Text: kasip.Text{"kk": "23 қараша 2023 жылғы №01- 04/12 хаттама"}, Number: "01- 04/12", Date: "2023-11-23", Origin: org(0, 200)},
			NationalBody:   &kasip.Decision{Text: kasip.Text{"kk": "13 қазандағы 2023 жылғы № 3346 қорытындысы"}, Number: "3346", Date: "2023-10-13", Origin: org(0, 201)},
			ExpertOpinion:  &kasip.Decision{Text: kasip.Text{"kk": "3 қарашадағы 2023 жылғы № 14790/30"}, Number: "14790/30", Date: "2023-11-03", Origin: org(0, 202)},
			Version:        "1",
			Year:           2023,
			VersionText:    field("нұсқа 1, 2023 ж.", "", org(0, 203)),
			ReviewDate:     "2026-11-05",
			ReviewDateText: field("05.11.2026 ж.", "", org(0, 204)),
		},
		Sources: []kasip.Source{
			{File: "004_0389e6b855ff2fb2.txt", Format: "kz-text", SHA256: strings.Repeat("0123456789abcdef", 4), Size: 61234, Encoding: "utf-8", Language: "kk"},
			{File: "004_ru.html", Format: "kz-html", SHA256: strings.Repeat("fedcba9876543210", 4), Size: 91234, Encoding: "windows-1251", Language: "ru"},
		},
		Notes: []kasip.Note{{Rule: "glued-words", Path: "cards[0].functions[0].skills[0].title", Message: "label glued to its value: \"Дағды 1ЖРО\"",
			Key: "note.label-glued-value", Args: kasip.Args{"label": kasip.QuoteArg("Дағды"), "value": kasip.QuoteArg("Дағды 1ЖРО")}, Origin: org(0, 117)}},
		Conflicts: []kasip.Conflict{{Path: "cards[0].functions[0].skills[0].recognizable", Kind: kasip.ConflictDiffers, Kept: "kk",
			Values: []kasip.ConflictValue{{Lang: "kk", Value: "true"}, {Lang: "ru", Value: "false"}}}},
		Unplaced: []kasip.Unplaced{
			{Kind: kasip.UnplacedHeading, Text: "1-тарау. Жалпы ережелер", Origin: org(0, 31)},
			{Kind: kasip.UnplacedBoilerplate, Text: "БҰЙЫРАМЫН:", Origin: org(0, 1)},
			{Kind: kasip.UnplacedText, Text: "’ ’", Origin: kasip.Origin{Source: 1, Line: 9, Element: "body/p[4]"}},
		},
	}
	s.Finalize()
	return s
}

// fullRU is a Russian register standard with every field of that family set.
func fullRU() *kasip.Standard {
	const ps = "XMLCardInfo/ProfessionalStandarts/ProfessionalStandart[1]"
	const otf = ps + "/ThirdSection/WorkFunctions/GeneralizedWorkFunctions/GeneralizedWorkFunction[1]"
	const tf = otf + "/ParticularWorkFunctions/ParticularWorkFunction[1]"
	s := &kasip.Standard{
		Family:    "ru",
		Code:      "06.001",
		Title:     kasip.Text{"ru": "Программист"},
		Languages: []string{"ru"},
		Order:     &kasip.Order{Number: "679н", Date: "2013-11-18"},
		OKED: []kasip.OKEDEntry{
			{Code: "62.0", Level: "group", Title: kasip.Text{"ru": "Разработка компьютерного программного обеспечения"}, Origin: el(ps + "/FirstSection/EmploymentGroup/ListOKVED/UnitOKVED[1]")},
		},
		Cards: []kasip.Card{{
			Code:  "A",
			Title: kasip.Text{"ru": "Разработка и отладка программного кода"},
			Level: 3,
			Codes: []string{"2132"},
			AltTitles: []kasip.AltTitle{
				{Title: kasip.Text{"ru": "Младший программист"}, Origin: el(otf + "/PossibleJobTitles/PossibleJobTitle[1]")},
			},
			Education:  []kasip.Item{{Text: kasip.Text{"ru": "Среднее профессиональное образование"}, Origin: el(otf + "/EducationalRequirements/EducationalRequirement[1]")}},
			Experience: []kasip.Item{{Text: kasip.Text{"ru": "Не менее года"}, Origin: el(otf + "/RequirementsWorkExperiences/RequirementsWorkExperience[1]")}},
			Admission:  []kasip.Item{{Text: kasip.Text{"ru": "Медицинский осмотр"}, Origin: el(otf + "/SpecialConditionsForAdmissionToWork/SpecialConditionForAdmissionToWork[1]")}},
			Other:      []kasip.Item{{Text: kasip.Text{"ru": "Иные характеристики"}, Origin: el(otf + "/OtherCharacteristics/OtherCharacteristic[1]")}},
			Classifiers: []kasip.Classified{
				{System: "OKZ", Code: "2132", Title: kasip.Text{"ru": "Программисты"}, Origin: el(otf + "/OtherCharacteristicPlus/ListOKZ/UnitOKZ[1]")},
				{System: "EKS", Code: "-", Title: kasip.Text{"ru": "Техник-программист"}, Origin: el(otf + "/OtherCharacteristicPlus/ListEKS/UnitEKS[1]")},
			},
			Functions: []kasip.Function{{
				Code:      "A/01.3",
				Title:     kasip.Text{"ru": "Формализация и алгоритмизация поставленных задач"},
				Mandatory: true,
				SubLevel:  "3",
				Actions:   []kasip.Item{{Text: kasip.Text{"ru": "Составление формализованных описаний решений"}, Origin: el(tf + "/LaborActions/LaborAction[1]")}},
				Abilities: []kasip.Item{{Text: kasip.Text{"ru": "Использовать методы и приемы формализации задач"}, Origin: el(tf + "/RequiredSkills/RequiredSkill[1]")}},
				Knowledge: []kasip.Item{{Text: kasip.Text{"ru": "Методы и приемы формализации задач"}, Origin: el(tf + "/NecessaryKnowledges/NecessaryKnowledge[1]")}},
				Origin:    el(tf),
			}},
			Origin: el(otf),
		}},
		RegistrationNumber: "4",
		ActivityKind:       &kasip.Field{Text: kasip.Text{"ru": "Разработка программного обеспечения"}, Origin: el(ps + "/FirstSection/KindProfessionalActivity")},
		Purpose:            &kasip.Field{Text: kasip.Text{"ru": "Разработка, отладка, проверка работоспособности, модификация программного обеспечения"}, Origin: el(ps + "/FirstSection/PurposeKindProfessionalActivity")},
		Occupations: []kasip.Classified{
			{System: "OKZ", Code: "2132", Title: kasip.Text{"ru": "Программисты"}, Origin: el(ps + "/FirstSection/EmploymentGroup/ListOKZ/UnitOKZ[1]")},
		},
		Technical: kasip.Technical{
			Developers: []kasip.Developer{
				{
					Organization: kasip.Text{"ru": "МЭСИ"},
					Role:         "responsible",
					Contacts:     []kasip.Contact{{Role: kasip.Text{"ru": "и.о. ректора"}, Name: "Минашкин В.Г.", Text: kasip.Text{"ru": "и.о. ректора Минашкин В.Г."}, Origin: el(ps + "/FourthSection/ResponsibleDeveloper")}},
					Origin:       el(ps + "/FourthSection/ResponsibleDeveloper"),
				},
				{Organization: kasip.Text{"ru": "Фирма «1С» города Москвы"}, Role: "body", Origin: el(ps + "/FourthSection/OrganizationDevelopers/OrganizationDeveloper[1]")},
			},
		},
		Sources: []kasip.Source{{File: "PS_06.001_reg4.xml", Format: "ru-xml", SHA256: strings.Repeat("a1", 32), Size: 33271, Encoding: "utf-8-bom", Language: "ru"}},
	}
	s.Finalize()
	return s
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSchemaFullStandards: fully populated standards of both families conform.
func TestSchemaFullStandards(t *testing.T) {
	for name, s := range map[string]*kasip.Standard{"kz": fullKZ(), "ru": fullRU()} {
		t.Run(name, func(t *testing.T) {
			if err := schematest.Check(mustJSON(t, s)); err != nil {
				t.Fatalf("a fully populated %s standard does not conform:\n%v", name, err)
			}
		})
	}
	t.Run("array", func(t *testing.T) {
		schematest.Validate(t, mustJSON(t, []*kasip.Standard{fullKZ(), fullRU()}))
	})
	t.Run("minimal", func(t *testing.T) {
		s := &kasip.Standard{Family: "kz", Sources: []kasip.Source{{File: "x.txt", Format: "kz-text", SHA256: strings.Repeat("0", 64), Encoding: "utf-8"}}}
		s.Finalize()
		schematest.Validate(t, mustJSON(t, s))
	})
}

// TestSchemaFixturesCoverModel: the hand-built standards set every field of
// every struct of the model at least once (with a non-zero value), so that a
// field added to the model types without the schema being updated is caught above.
func TestSchemaFixturesCoverModel(t *testing.T) {
	set := map[string]bool{}
	all := map[string]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			tp := v.Type()
			for i := range tp.NumField() {
				f := tp.Field(i)
				if !f.IsExported() {
					continue
				}
				key := tp.Name() + "." + f.Name
				all[key] = true
				fv := v.Field(i)
				nonZero := !fv.IsZero()
				if fv.Kind() == reflect.Slice || fv.Kind() == reflect.Map {
					nonZero = fv.Len() > 0
				}
				if nonZero {
					set[key] = true
				}
				walk(fv)
			}
		}
	}
	walk(reflect.ValueOf(fullKZ()))
	walk(reflect.ValueOf(fullRU()))

	// Every struct type reachable from Standard, even through an unset field.
	var types func(tp reflect.Type, seen map[reflect.Type]bool)
	types = func(tp reflect.Type, seen map[reflect.Type]bool) {
		for tp.Kind() == reflect.Pointer || tp.Kind() == reflect.Slice {
			tp = tp.Elem()
		}
		if tp.Kind() != reflect.Struct || seen[tp] {
			return
		}
		seen[tp] = true
		for i := range tp.NumField() {
			f := tp.Field(i)
			if f.IsExported() {
				all[tp.Name()+"."+f.Name] = true
				types(f.Type, seen)
			}
		}
	}
	types(reflect.TypeFor[kasip.Standard](), map[reflect.Type]bool{})

	var missing []string
	for k := range all {
		if !set[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("fullKZ/fullRU leave these model fields unset; set them (and check docs/standard.schema.json describes them): %s",
			strings.Join(missing, ", "))
	}
}

func loadSchemaDoc(t *testing.T) map[string]any {
	t.Helper()
	p, err := schematest.Path()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestSchemaMatchesModel: for every struct of the model, the schema's object
// lists exactly the JSON names of its fields, requires exactly those without
// omitempty, and forbids any other property.
func TestSchemaMatchesModel(t *testing.T) {
	doc := loadSchemaDoc(t)
	defs, _ := doc["$defs"].(map[string]any)
	objects := map[string]reflect.Type{
		"": reflect.TypeFor[kasip.Standard](),
	}
	for _, tp := range []reflect.Type{
		reflect.TypeFor[kasip.Origin](), reflect.TypeFor[kasip.Source](), reflect.TypeFor[kasip.Item](),
		reflect.TypeFor[kasip.Term](), reflect.TypeFor[kasip.OKEDEntry](), reflect.TypeFor[kasip.Classified](),
		reflect.TypeFor[kasip.CardRef](), reflect.TypeFor[kasip.FunctionRef](), reflect.TypeFor[kasip.AltTitle](),
		reflect.TypeFor[kasip.Related](), reflect.TypeFor[kasip.Field](), reflect.TypeFor[kasip.Order](),
		reflect.TypeFor[kasip.Card](), reflect.TypeFor[kasip.Function](), reflect.TypeFor[kasip.Skill](),
		reflect.TypeFor[kasip.Technical](), reflect.TypeFor[kasip.Developer](), reflect.TypeFor[kasip.Contact](),
		reflect.TypeFor[kasip.Decision](), reflect.TypeFor[kasip.Note](), reflect.TypeFor[kasip.Unplaced](),
	} {
		objects[tp.Name()] = tp
	}
	for name, tp := range objects {
		sch := doc
		where := "top level"
		if name != "" {
			sch, _ = defs[name].(map[string]any)
			where = "$defs/" + name
			if sch == nil {
				t.Errorf("schema has no %s for %s", where, tp)
				continue
			}
		}
		if sch["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties must be false", where)
		}
		props, _ := sch["properties"].(map[string]any)
		var gotProps, gotReq, wantProps, wantReq []string
		for p, v := range props {
			gotProps = append(gotProps, p)
			if d, _ := v.(map[string]any)["description"].(string); d == "" {
				t.Errorf("%s: property %s has no description", where, p)
			}
		}
		for _, r := range sch["required"].([]any) {
			gotReq = append(gotReq, r.(string))
		}
		for i := range tp.NumField() {
			tag := tp.Field(i).Tag.Get("json")
			jname, opts, _ := strings.Cut(tag, ",")
			if jname == "-" || jname == "" {
				continue
			}
			wantProps = append(wantProps, jname)
			if !strings.Contains(","+opts+",", ",omitempty,") {
				wantReq = append(wantReq, jname)
			}
		}
		slices.Sort(gotProps)
		slices.Sort(gotReq)
		slices.Sort(wantProps)
		slices.Sort(wantReq)
		for i := range tp.NumField() {
			f := tp.Field(i)
			jname, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			p, ok := props[jname].(map[string]any)
			if !ok {
				continue
			}
			if got, want := schemaShape(defs, p), goShape(f.Type); got != want {
				t.Errorf("%s: property %s is %s in the schema, %s (%s) in the model", where, jname, got, want, f.Type)
			}
		}
		if !slices.Equal(gotProps, wantProps) {
			t.Errorf("%s: schema properties %v, model (%s) has %v", where, gotProps, tp, wantProps)
		}
		if !slices.Equal(gotReq, wantReq) {
			t.Errorf("%s: schema requires %v, model (%s) always emits %v", where, gotReq, tp, wantReq)
		}
	}
	if id := doc["$id"]; id != "https://kasip.kz/schema/standard/v1.json" {
		t.Errorf("$id = %v", id)
	}
	if c := doc["properties"].(map[string]any)["schema"].(map[string]any)["const"]; c != kasip.SchemaVersion {
		t.Errorf("schema const %v, kasip.SchemaVersion %q", c, kasip.SchemaVersion)
	}
}

// goShape describes a Go field type the way schemaShape describes a schema.
func goShape(tp reflect.Type) string {
	switch {
	case tp == reflect.TypeFor[kasip.Text]():
		return "text"
	case tp.Kind() == reflect.Pointer && tp.Elem().Kind() == reflect.Bool:
		return "boolean|null"
	case tp.Kind() == reflect.Pointer:
		return goShape(tp.Elem())
	case tp.Kind() == reflect.Slice:
		return "[]" + goShape(tp.Elem())
	case tp.Kind() == reflect.Map && tp.Key().Kind() == reflect.String:
		return "map:" + goShape(tp.Elem())
	case tp.Kind() == reflect.Struct:
		return "object:" + tp.Name()
	case tp.Kind() == reflect.String:
		return "string"
	case tp.Kind() == reflect.Bool:
		return "boolean"
	case tp.Kind() >= reflect.Int && tp.Kind() <= reflect.Int64:
		return "integer"
	}
	return "unknown:" + tp.String()
}

// schemaShape describes a property schema: its type, following $ref.
func schemaShape(defs map[string]any, p map[string]any) string {
	if ref, ok := p["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		switch name {
		case "Text", "NonEmptyText":
			return "text"
		}
		def, _ := defs[name].(map[string]any)
		if def == nil {
			return "missing:" + ref
		}
		if def["type"] == "object" {
			return "object:" + name
		}
		return schemaShape(defs, def)
	}
	if c, ok := p["const"]; ok {
		switch c.(type) {
		case string:
			return "string"
		case bool:
			return "boolean"
		}
	}
	switch tp := p["type"].(type) {
	case string:
		if tp == "array" {
			items, _ := p["items"].(map[string]any)
			return "[]" + schemaShape(defs, items)
		}
		if vals, ok := p["additionalProperties"].(map[string]any); ok && tp == "object" {
			return "map:" + schemaShape(defs, vals)
		}
		return tp
	case []any:
		var s []string
		for _, x := range tp {
			s = append(s, x.(string))
		}
		sort.Strings(s)
		return strings.Join(s, "|")
	}
	return "untyped"
}

// TestSchemaLookalikePattern: the schema's Code pattern forbids exactly the
// Cyrillic letters that kasip.NormalizeCode replaces.
func TestSchemaLookalikePattern(t *testing.T) {
	doc := loadSchemaDoc(t)
	code := doc["$defs"].(map[string]any)["Code"].(map[string]any)
	pat := code["allOf"].([]any)[0].(map[string]any)["pattern"].(string)
	re := regexp.MustCompile(pat)
	for r := rune(0); r < 0x0530; r++ {
		if !unicode.IsLetter(r) {
			continue
		}
		if ok, want := re.MatchString(string(r)), !kasip.IsLatinLookalike(r); ok != want {
			t.Errorf("%q (U+%04X): pattern matches %v, IsLatinLookalike %v", r, r, ok, !want)
		}
		norm, _ := kasip.NormalizeCode("A" + string(r) + "1")
		if !re.MatchString(norm) {
			t.Errorf("NormalizeCode output %q does not match the schema's Code pattern", norm)
		}
	}
}

// mutate applies f to the decoded JSON of s and re-encodes it.
func mutate(t *testing.T, s *kasip.Standard, f func(doc map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(mustJSON(t, s), &doc); err != nil {
		t.Fatal(err)
	}
	f(doc)
	return mustJSON(t, doc)
}

// at walks a dotted path ("cards.0.functions.0") and returns the container
// and the last key; it fails the test if the path does not exist, so that a
// mutation never silently does nothing.
func at(t *testing.T, doc any, path string) (parent any, last string) {
	t.Helper()
	keys := strings.Split(path, ".")
	cur := doc
	for _, k := range keys[:len(keys)-1] {
		cur = step(t, cur, k, path)
	}
	return cur, keys[len(keys)-1]
}

func step(t *testing.T, cur any, k, path string) any {
	t.Helper()
	switch c := cur.(type) {
	case map[string]any:
		v, ok := c[k]
		if !ok {
			t.Fatalf("mutation path %s: no key %q", path, k)
		}
		return v
	case []any:
		i, err := strconv.Atoi(k)
		if err != nil || i < 0 || i >= len(c) {
			t.Fatalf("mutation path %s: no index %q", path, k)
		}
		return c[i]
	}
	t.Fatalf("mutation path %s: %q is not in an object or array", path, k)
	return nil
}

func set(t *testing.T, doc any, path string, v any) {
	t.Helper()
	parent, k := at(t, doc, path)
	switch c := parent.(type) {
	case map[string]any:
		c[k] = v
	case []any:
		i, err := strconv.Atoi(k)
		if err != nil || i < 0 || i >= len(c) {
			t.Fatalf("mutation path %s: no index %q", path, k)
		}
		c[i] = v
	default:
		t.Fatalf("mutation path %s: cannot set", path)
	}
}

func del(t *testing.T, doc any, path string) {
	t.Helper()
	parent, k := at(t, doc, path)
	m, ok := parent.(map[string]any)
	if !ok {
		t.Fatalf("mutation path %s: not an object", path)
	}
	if _, ok := m[k]; !ok {
		t.Fatalf("mutation path %s: no key %q to delete", path, k)
	}
	delete(m, k)
}

func get(t *testing.T, doc any, path string) any {
	t.Helper()
	parent, k := at(t, doc, path)
	return step(t, parent, k, path)
}

// TestSchemaRejects: documents that break the contract do not validate.
func TestSchemaRejects(t *testing.T) {
	const skill = "cards.0.functions.0.skills.0"
	type mutation struct {
		name string
		base func() *kasip.Standard
		loc  string // JSON pointer the error must name
		f    func(t *testing.T, d map[string]any)
	}
	kz, ru := fullKZ, fullRU
	cases := []mutation{
		// The cases the issue names.
		{"level as string", kz, "/cards/0/level", func(t *testing.T, d map[string]any) { set(t, d, "cards.0.level", "6") }},
		{"codes as numbers", kz, "/cards/0/codes/0", func(t *testing.T, d map[string]any) { set(t, d, "cards.0.codes", []any{1210, 0}) }},
		{"unknown top-level property", kz, "", func(t *testing.T, d map[string]any) { d["extra"] = true }},
		{"unknown skill property", kz, "/cards/0/functions/0/skills/0", func(t *testing.T, d map[string]any) { set(t, d, skill+".ability", []any{}) }},
		{"unknown origin property", kz, "/cards/0/origin", func(t *testing.T, d map[string]any) { set(t, d, "cards.0.origin.column", 3) }},
		{"recognizable as yes", kz, "/cards/0/functions/0/skills/0/recognizable", func(t *testing.T, d map[string]any) { set(t, d, skill+".recognizable", "yes") }},
		{"recognizable missing", kz, "/cards/0/functions/0/skills/0", func(t *testing.T, d map[string]any) { del(t, d, skill+".recognizable") }},
		{"title missing", kz, "", func(t *testing.T, d map[string]any) { del(t, d, "title") }},
		{"card title missing", kz, "/cards/0", func(t *testing.T, d map[string]any) { del(t, d, "cards.0.title") }},
		{"skill title missing", kz, "/cards/0/functions/0/skills/0", func(t *testing.T, d map[string]any) { del(t, d, skill+".title") }},
		{"function mandatory missing", kz, "/cards/0/functions/0", func(t *testing.T, d map[string]any) { del(t, d, "cards.0.functions.0.mandatory") }},
		{"text key de", kz, "", func(t *testing.T, d map[string]any) { set(t, d, "title", map[string]any{"de": "Jugendpolitik"}) }},
		{"text key kz", kz, "", func(t *testing.T, d map[string]any) { set(t, d, skill+".abilities.0.text", map[string]any{"kz": "x"}) }},
		{"text as string", kz, "/cards/0/title", func(t *testing.T, d map[string]any) {
			set(t, d, "cards.0.title", "Орталықтың директоры")
		}},
		{"text value empty", kz, "/title/ru", func(t *testing.T, d map[string]any) { set(t, d, "title.ru", "") }},
		{"item with empty text", kz, "/cards/0/functions/0/skills/0/knowledge/0/text", func(t *testing.T, d map[string]any) { set(t, d, skill+".knowledge.0.text", map[string]any{}) }},
		// Types, nulls and ranges.
		{"level 9", kz, "/cards/0/level", func(t *testing.T, d map[string]any) { set(t, d, "cards.0.level", 9) }},
		{"level -1", kz, "/cards/0/level", func(t *testing.T, d map[string]any) { set(t, d, "cards.0.level", -1) }},
		{"level 6.5", kz, "/cards/0/level", func(t *testing.T, d map[string]any) { set(t, d, "cards.0.level", 6.5) }},
		{"card list level 0", kz, "/card_list/0/level", func(t *testing.T, d map[string]any) { set(t, d, "card_list.0.level", 0) }},
		{"number 0", kz, "/cards/0/functions/0/skills/0/number", func(t *testing.T, d map[string]any) { set(t, d, skill+".number", 0) }},
		{"cards null", kz, "/cards", func(t *testing.T, d map[string]any) { set(t, d, "cards", nil) }},
		{"skills null", kz, "/cards/0/functions/0/skills", func(t *testing.T, d map[string]any) { set(t, d, "cards.0.functions.0.skills", nil) }},
		{"abilities as string", kz, "/cards/0/functions/0/skills/0/abilities", func(t *testing.T, d map[string]any) { set(t, d, skill+".abilities", "1. ...") }},
		{"mandatory as string", kz, "/cards/0/functions/0/mandatory", func(t *testing.T, d map[string]any) { set(t, d, "cards.0.functions.0.mandatory", "true") }},
		{"function index -2", kz, "/cards/0/function_list/0/function", func(t *testing.T, d map[string]any) { set(t, d, "cards.0.function_list.0.function", -2) }},
		{"origin without source", kz, "/cards/0/origin", func(t *testing.T, d map[string]any) { del(t, d, "cards.0.origin.source") }},
		{"origin line 0", kz, "/cards/0/origin/line", func(t *testing.T, d map[string]any) { set(t, d, "cards.0.origin.line", 0) }},
		{"item without origin", kz, "/cards/0/functions/0/skills/0/abilities/0", func(t *testing.T, d map[string]any) { del(t, d, skill+".abilities.0.origin") }},
		{"generated false", kz, "/generated", func(t *testing.T, d map[string]any) { set(t, d, "generated", false) }},
		// Closed sets.
		{"family by", kz, "/family", func(t *testing.T, d map[string]any) { set(t, d, "family", "by") }},
		{"schema v2", kz, "/schema", func(t *testing.T, d map[string]any) { set(t, d, "schema", "kasip.standard/v2") }},
		{"language kz", kz, "/languages/0", func(t *testing.T, d map[string]any) { set(t, d, "languages", []any{"kz"}) }},
		{"unplaced kind note", kz, "/unplaced/0/kind", func(t *testing.T, d map[string]any) { set(t, d, "unplaced.0.kind", "note") }},
		{"source format pdf", kz, "/sources/0/format", func(t *testing.T, d map[string]any) { set(t, d, "sources.0.format", "pdf") }},
		{"encoding latin1", kz, "/sources/0/encoding", func(t *testing.T, d map[string]any) { set(t, d, "sources.0.encoding", "latin1") }},
		{"encoding empty", kz, "/sources/0/encoding", func(t *testing.T, d map[string]any) { set(t, d, "sources.0.encoding", "") }},
		{"sha256 upper case", kz, "/sources/0/sha256", func(t *testing.T, d map[string]any) {
			set(t, d, "sources.0.sha256", strings.ToUpper(get(t, d, "sources.0.sha256").(string)))
		}},
		{"sha256 short", kz, "/sources/0/sha256", func(t *testing.T, d map[string]any) { set(t, d, "sources.0.sha256", "abc") }},
		{"no sources", kz, "/sources", func(t *testing.T, d map[string]any) { set(t, d, "sources", []any{}) }},
		{"oked level", kz, "/oked/0/level", func(t *testing.T, d map[string]any) { set(t, d, "oked.0.level", "sektsiya") }},
		{"developer role", kz, "/technical/developers/0/role", func(t *testing.T, d map[string]any) { set(t, d, "technical.developers.0.role", "author") }},
		{"note rule unknown", kz, "/notes/0/rule", func(t *testing.T, d map[string]any) { set(t, d, "notes.0.rule", "typo") }},
		// Dates.
		{"review date not ISO", kz, "/technical/review_date", func(t *testing.T, d map[string]any) { set(t, d, "technical.review_date", "05.11.2026") }},
		{"review date impossible", kz, "/technical/review_date", func(t *testing.T, d map[string]any) { set(t, d, "technical.review_date", "2026-02-30") }},
		{"order date with time", kz, "/order/date", func(t *testing.T, d map[string]any) { set(t, d, "order.date", "2023-12-01T00:00:00Z") }},
		{"council date", kz, "/technical/council/date", func(t *testing.T, d map[string]any) { set(t, d, "technical.council.date", "23 қараша 2023") }},
		// Codes.
		{"code with Cyrillic М", kz, "/code", func(t *testing.T, d map[string]any) { set(t, d, "code", "М84120") }},
		{"card code with Cyrillic", kz, "/cards/0/codes/0", func(t *testing.T, d map[string]any) { set(t, d, "cards.0.codes.0", "1210-0-О20") }},
		{"oked code with Cyrillic", kz, "/oked/0/code", func(t *testing.T, d map[string]any) { set(t, d, "oked.0.code", "М") }},
		{"code with trailing dot", kz, "/code", func(t *testing.T, d map[string]any) { set(t, d, "code", "M84120.") }},
		{"code with space", kz, "/code", func(t *testing.T, d map[string]any) { set(t, d, "code", " M84120") }},
		{"TF code with Cyrillic А", ru, "/cards/0/functions/0/code", func(t *testing.T, d map[string]any) { set(t, d, "cards.0.functions.0.code", "А/01.3") }},
		// Family rules.
		{"ru function with skills", ru, "/cards/0/functions/0/skills", func(t *testing.T, d map[string]any) {
			set(t, d, "cards.0.functions.0.skills", []any{get(t, mutateDoc(t, fullKZ()), skill)})
		}},
		{"kz function with actions", kz, "/cards/0/functions/0/actions", func(t *testing.T, d map[string]any) {
			set(t, d, "cards.0.functions.0.actions", []any{get(t, d, skill+".abilities.0")})
		}},
		{"ru from kz-text", ru, "/sources/0/format", func(t *testing.T, d map[string]any) { set(t, d, "sources.0.format", "kz-text") }},
		{"kz from ru-xml", kz, "/sources/1/format", func(t *testing.T, d map[string]any) { set(t, d, "sources.1.format", "ru-xml") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := mutate(t, c.base(), func(d map[string]any) { c.f(t, d) })
			err := schematest.Check(data)
			if err == nil {
				t.Fatalf("the schema accepts a document it must reject (%s)", c.name)
			}
			msg := err.Error()
			if i := strings.Index(msg, "\n"); i >= 0 {
				msg = strings.TrimSpace(msg[i+1:])
			}
			if !strings.Contains(msg, "at '"+c.loc+"'") {
				t.Errorf("rejected, but not at %q:\n%s", c.loc, msg)
			}
			t.Log(msg)
		})
	}
}

func mutateDoc(t *testing.T, s *kasip.Standard) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(mustJSON(t, s), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestSchemaGoldens: every golden output under testdata/golden conforms.
// Each file holds one standard or an array of them (kasip parse output).
func TestSchemaGoldens(t *testing.T) {
	root := filepath.Join("testdata", "golden")
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".json") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	standards := 0
	for _, f := range files {
		t.Run(filepath.ToSlash(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '[' {
				var arr []json.RawMessage
				if err := json.Unmarshal(trimmed, &arr); err == nil {
					standards += len(arr)
				}
			} else {
				standards++
			}
			if err := schematest.Check(data); err != nil {
				t.Fatalf("%s does not conform to %s:\n%v", f, schematest.SchemaFile, err)
			}
		})
	}
	t.Logf("checked %d golden file(s) under %s holding %d standard(s)", len(files), root, standards)
	if len(files) == 0 && os.Getenv("KASIP_REQUIRE_ALL") == "1" {
		t.Fatalf("KASIP_REQUIRE_ALL=1 but there are no golden JSON files under %s", root)
	}
}

// TestSchemaDocExample: the abridged standard in docs/model.md conforms.
func TestSchemaDocExample(t *testing.T) {
	p, err := schematest.Path()
	if err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(filepath.Dir(p), "model.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(md), "```json\n")
	if !ok {
		t.Fatal("docs/model.md has no ```json example")
	}
	example, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("docs/model.md: unterminated ```json block")
	}
	if err := schematest.Check([]byte(example)); err != nil {
		t.Errorf("the example in docs/model.md does not conform to the schema:\n%v", err)
	}
}
