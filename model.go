// Package kasip holds the domain model of Kasip: professional standards as
// published in Kazakhstan (profession cards → labour functions → skills →
// abilities and knowledge) and in the Russian register (generalised labour
// functions → labour functions → actions, abilities, knowledge).
//
// One model holds both families without loss. The package imports nothing of
// the project and no driver: readers, lint, storage and the web layer depend on
// it, never the other way round.
//
// The JSON names below are a published contract (docs/model.md,
// docs/standard.schema.json); change them only with a schema version bump.
package kasip

// SchemaVersion identifies the JSON form of the model.
const SchemaVersion = "kasip.standard/v1"

// Text is a multilingual string: language code ("kk", "ru", "en") → text.
type Text map[string]string

// Get returns the text in lang, or "" when the text has no such language.
func (t Text) Get(lang string) string { return t[lang] }

// Best returns the text in the first of langs that it has, then in kk, ru, en.
func (t Text) Best(langs ...string) string {
	for _, l := range append(langs, "kk", "ru", "en") {
		if s := t[l]; s != "" {
			return s
		}
	}
	for _, s := range t {
		return s
	}
	return ""
}

// IsEmpty reports whether the text has no non-empty value.
func (t Text) IsEmpty() bool {
	for _, s := range t {
		if s != "" {
			return false
		}
	}
	return true
}

// Origin says where in its source document an item came from.
type Origin struct {
	Source  int    `json:"source"`            // index into Standard.Sources
	Line    int    `json:"line,omitempty"`    // 1-based line (text, HTML)
	Element string `json:"element,omitempty"` // element path (XML, DOCX, HTML)
}

// Source describes one document a standard was read from.
type Source struct {
	File     string `json:"file"`
	Format   string `json:"format"` // kz-text, kz-html, kz-docx, ru-xml
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
	Encoding string `json:"encoding"`           // utf-8, utf-8-bom, utf-16le, utf-16be, windows-1251
	Language string `json:"language,omitempty"` // main language of the text
}

// Item is one entry of a list: an ability, a knowledge item, a labour action,
// a purpose, a personal competence, a regulation…
type Item struct {
	Number int    `json:"number,omitempty"` // the number the document gave it, if any
	Text   Text   `json:"text"`
	Origin Origin `json:"origin"`
}

// Term is a defined term or an abbreviation.
type Term struct {
	Number     int    `json:"number,omitempty"`
	Term       Text   `json:"term"`
	Definition Text   `json:"definition"`
	Origin     Origin `json:"origin"`
}

// OKEDEntry is one line of the activity classification (ЭҚЖЖ/ОКЭД, or OKVED
// for Russian standards).
type OKEDEntry struct {
	Code         string `json:"code"`
	CodeOriginal string `json:"code_original,omitempty"`
	Level        string `json:"level"` // section, division, group, class, subclass
	Title        Text   `json:"title"`
	Origin       Origin `json:"origin"`
}

// Classified is an entry of another classifier (OKZ, EKS, OKPDTR, OKSO…).
type Classified struct {
	System string `json:"system"`
	Code   string `json:"code"`
	Title  Text   `json:"title"`
	Origin Origin `json:"origin"`
}

// CardRef is an entry of the passport's list of cards.
type CardRef struct {
	Number int    `json:"number,omitempty"`
	Title  Text   `json:"title"`
	Level  int    `json:"level,omitempty"`
	Origin Origin `json:"origin"`
}

// FunctionRef is an entry of a card's list of labour functions.
type FunctionRef struct {
	Number    int    `json:"number,omitempty"`
	Title     Text   `json:"title"`
	Mandatory bool   `json:"mandatory"`
	Function  int    `json:"function"` // index into Card.Functions it describes, -1 when none
	Origin    Origin `json:"origin"`
}

// AltTitle is another possible title of a profession.
type AltTitle struct {
	Code   string `json:"code,omitempty"`
	Title  Text   `json:"title"`
	Origin Origin `json:"origin"`
}

// Related is a related profession in the framework.
type Related struct {
	Level  int    `json:"level,omitempty"`
	Title  Text   `json:"title"`
	Origin Origin `json:"origin"`
}

// Field is a single valued field kept as written, with its origin.
type Field struct {
	Text   Text   `json:"text"`
	Origin Origin `json:"origin"`
}

// Standard is one professional standard, in one or more languages.
type Standard struct {
	Schema       string   `json:"schema"`
	Family       string   `json:"family"` // "kz" or "ru"
	Code         string   `json:"code"`
	CodeOriginal string   `json:"code_original,omitempty"` // as typed, when normalisation changed it
	Title        Text     `json:"title"`
	Languages    []string `json:"languages"`
	Generated    bool     `json:"generated,omitempty"` // demo data made by Kasip, not a real act

	Order *Order `json:"order,omitempty"`

	Scope              *Field      `json:"scope,omitempty"`
	Terms              []Term      `json:"terms"`
	Abbreviations      []Term      `json:"abbreviations"`
	OKED               []OKEDEntry `json:"oked"`
	Description        *Field      `json:"description,omitempty"`
	CommonRequirements *Field      `json:"common_requirements,omitempty"`
	CardList           []CardRef   `json:"card_list"`
	Cards              []Card      `json:"cards"`

	// Russian register fields.
	RegistrationNumber string       `json:"registration_number,omitempty"`
	ActivityKind       *Field       `json:"activity_kind,omitempty"`
	Purpose            *Field       `json:"purpose,omitempty"`
	Occupations        []Classified `json:"occupations,omitempty"` // OKZ groups of the standard

	Technical Technical `json:"technical"`

	Sources  []Source   `json:"sources"`
	Notes    []Note     `json:"notes"`    // what the reader observed about the text (defects it worked around)
	Unplaced []Unplaced `json:"unplaced"` // source text the reader did not place in the model
	// Conflicts are the places where the documents of a bilingual standard
	// disagree (see Merge): each with every document's value.
	Conflicts []Conflict `json:"conflicts,omitempty"`
}

// Order is the act approving the standard.
type Order struct {
	Body      *Field `json:"body,omitempty"`
	Number    string `json:"number,omitempty"`
	Date      string `json:"date,omitempty"` // ISO 8601
	Signatory *Field `json:"signatory,omitempty"`
	Agreed    *Field `json:"agreed,omitempty"` // "КЕЛІСІЛДІ" block
	Clauses   []Item `json:"clauses"`
}

// Card is a profession card (a Russian OTF).
type Card struct {
	Code           string        `json:"code,omitempty"` // OTF code (RU): "A"
	Number         int           `json:"number,omitempty"`
	Title          Text          `json:"title"`
	HeaderTitle    Text          `json:"header_title,omitempty"` // title in the card's heading, when it differs
	Level          int           `json:"level"`
	SubLevel       string        `json:"sub_level,omitempty"`
	Codes          []string      `json:"codes"`
	CodesOriginal  []string      `json:"codes_original,omitempty"`
	OccupationCode string        `json:"occupation_code,omitempty"`
	GroupCode      string        `json:"group_code,omitempty"`
	TariffLevel    *Field        `json:"tariff_level,omitempty"`
	Education      []Item        `json:"education"`
	Specialities   []Item        `json:"specialities"`
	Qualification  *Field        `json:"qualification,omitempty"`
	Experience     []Item        `json:"experience"`
	Admission      []Item        `json:"admission"` // special conditions for admission to work (RU)
	NonFormal      *Field        `json:"non_formal,omitempty"`
	AltTitles      []AltTitle    `json:"alt_titles"`
	Purpose        []Item        `json:"purpose"`
	FunctionList   []FunctionRef `json:"function_list"`
	Functions      []Function    `json:"functions"`
	Competencies   []Item        `json:"competencies"`
	Regulations    []Item        `json:"regulations"`
	Related        []Related     `json:"related"`
	Other          []Item        `json:"other"`
	Classifiers    []Classified  `json:"classifiers"`
	Origin         Origin        `json:"origin"`
}

// Function is a labour function. Kazakh functions hold skills; Russian ones
// hold actions, abilities and knowledge directly.
type Function struct {
	Code      string  `json:"code,omitempty"` // RU: "A/01.3"
	Number    int     `json:"number,omitempty"`
	Title     Text    `json:"title"`
	Mandatory bool    `json:"mandatory"`
	SubLevel  string  `json:"sub_level,omitempty"`
	Skills    []Skill `json:"skills"`
	Actions   []Item  `json:"actions"`
	Abilities []Item  `json:"abilities"`
	Knowledge []Item  `json:"knowledge"`
	Other     []Item  `json:"other"`
	Origin    Origin  `json:"origin"`
}

// Skill is a skill of a labour function.
type Skill struct {
	Number       int    `json:"number,omitempty"`
	Title        Text   `json:"title"`
	Abilities    []Item `json:"abilities"`
	Knowledge    []Item `json:"knowledge"`
	Recognizable *bool  `json:"recognizable"` // null when the document does not say
	Origin       Origin `json:"origin"`
}

// Technical is chapter 4 of a Kazakh standard (section IV of a Russian one).
type Technical struct {
	Bodies         []Developer `json:"bodies"` // state bodies, with their contacts
	Developers     []Developer `json:"developers"`
	Council        *Decision   `json:"council,omitempty"`        // sectoral council protocol
	NationalBody   *Decision   `json:"national_body,omitempty"`  // national body conclusion
	ExpertOpinion  *Decision   `json:"expert_opinion,omitempty"` // Atameken expert conclusion
	Version        string      `json:"version,omitempty"`
	Year           int         `json:"year,omitempty"`
	VersionText    *Field      `json:"version_text,omitempty"`
	ReviewDate     string      `json:"review_date,omitempty"` // ISO 8601
	ReviewDateText *Field      `json:"review_date_text,omitempty"`
}

// Developer is an organisation (or body) that took part in writing the standard.
type Developer struct {
	Organization Text      `json:"organization"`
	Role         string    `json:"role,omitempty"` // responsible, participant, body
	Contacts     []Contact `json:"contacts"`
	Origin       Origin    `json:"origin"`
}

// Contact is a person named in the technical data.
type Contact struct {
	Role   Text     `json:"role,omitempty"`
	Name   string   `json:"name,omitempty"`
	Emails []string `json:"emails,omitempty"`
	Phones []string `json:"phones,omitempty"`
	Text   Text     `json:"text"` // as written
	Origin Origin   `json:"origin"`
}

// Decision is a protocol or conclusion with its number and date.
type Decision struct {
	Text   Text   `json:"text"`
	Number string `json:"number,omitempty"`
	Date   string `json:"date,omitempty"` // ISO 8601
	Origin Origin `json:"origin"`
}

// Note is something the reader observed about the text while placing it:
// a numbering gap, a list it could not split, a label glued to its value.
// Lint turns notes into findings.
type Note struct {
	Rule    string `json:"rule"` // a lint rule ID
	Path    string `json:"path"` // where in the model
	Message string `json:"message"`
	// Key and Args say the same as Message for lint's catalogue, so that
	// the finding can be shown in the reader's language.
	Key    string `json:"key,omitempty"`
	Args   Args   `json:"args,omitempty"`
	Origin Origin `json:"origin"`
}

// Unplaced is source text that the reader did not place in the model.
type Unplaced struct {
	Kind   string `json:"kind"` // heading, boilerplate, text
	Text   string `json:"text"`
	Origin Origin `json:"origin"`
}

// Unplaced kinds.
const (
	UnplacedHeading     = "heading"
	UnplacedBoilerplate = "boilerplate"
	UnplacedText        = "text"
)
