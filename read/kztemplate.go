package read

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/kasip/kasip"
)

// Sections of a Kazakh-template document (its chapters).
const (
	secPreamble  = 0 // the approving order, before chapter 1
	secGeneral   = 1
	secPassport  = 2
	secCards     = 3
	secTechnical = 4
)

// interp is the state of the interpreter while it walks the segments of one
// document: where it is (section, card, function, skill), which label the
// text it sees belongs to (mode), and the text collected for that label.
type interp struct {
	name          string
	st            *kasip.Standard
	lang          string
	section       int
	mode          labelID
	modeLbl       match
	acc           []segment
	card          int // index into st.Cards, -1 before the first card
	fn            int // index into the current card's Functions, -1 when none
	skill         int // index into the current function's Skills, -1 when none
	listMandatory bool
	contactRole   string
	orgKind       string // "body" or "developer": where new organisations go
	paras         []paraNum
	sawStandard   bool
	modeStart     segment
}

type paraNum struct {
	n      int
	origin kasip.Origin
}

// interpretKZ places the rows of a Kazakh-template document into the model.
func interpretKZ(name string, rows []Row, src kasip.Source) (*kasip.Standard, error) {
	segs := segmentsOf(rows)
	if len(segs) == 0 {
		return nil, &Error{File: name, Line: 1, Expected: "the text of a professional standard", Err: fmt.Errorf("%w: no text", ErrNotStandard)}
	}
	lang := detectLanguage(segs)
	src.Language = lang
	in := &interp{
		name: name, lang: lang, card: -1, fn: -1, skill: -1,
		st: &kasip.Standard{Family: "kz", Title: kasip.Text{}, Languages: []string{lang}, Sources: []kasip.Source{src}},
	}
	for _, s := range segs {
		in.feed(s)
	}
	in.flush()
	in.finishCard()
	in.checkParagraphs()
	if !in.sawStandard {
		first := segs[0]
		return nil, &Error{File: name, Line: first.Line, Element: first.Element,
			Expected: "a professional standard (chapter headings, a passport with the standard's code, profession cards)",
			Err:      fmt.Errorf("%w: no label of the template was found", ErrNotStandard)}
	}
	return in.st, nil
}

// detectLanguage tells Kazakh from Russian by the letters only Kazakh uses.
func detectLanguage(segs []segment) string {
	kk, cyr := 0, 0
	for _, s := range segs {
		for _, r := range s.Text {
			if unicode.Is(unicode.Cyrillic, r) {
				cyr++
				if strings.ContainsRune("әғқңөұүһіӘҒҚҢӨҰҮҺІ", r) {
					kk++
				}
			}
		}
	}
	if cyr > 0 && kk*100 >= cyr {
		return "kk"
	}
	return "ru"
}

func (in *interp) origin(s segment) kasip.Origin {
	return kasip.Origin{Source: 0, Line: s.Line, Element: s.Element}
}

func (in *interp) text(s string) kasip.Text { return kasip.Text{in.lang: s} }

func (in *interp) unplaced(kind string, s segment) {
	in.st.Unplaced = append(in.st.Unplaced, kasip.Unplaced{Kind: kind, Text: s.Text, Origin: in.origin(s)})
}

// note records an observation: msg in English for the model's readers, key
// and args for lint's catalogue (docs/lint.md), which shows it in kk, ru or en.
func (in *interp) note(rule, path, msg string, o kasip.Origin, key string, args kasip.Args) {
	in.st.Notes = append(in.st.Notes, kasip.Note{Rule: rule, Path: path, Message: msg, Key: key, Args: args, Origin: o})
}

// feedOne takes one segment: a label at its start starts a new mode, other
// text goes to the current mode.
func (in *interp) feedOne(s segment) {
	if in.mode == lRelated {
		if _, ok := matchLabel(s.Text, relatedHeaders); ok {
			in.unplaced(kasip.UnplacedHeading, s)
			return
		}
	}
	if in.section == secCards || in.section == secPassport {
		if title, para, ok := cardHeader(s.Text); ok && s.First {
			in.flush()
			in.startCard(title, para, s)
			return
		}
	}
	m, ok := matchLabel(s.Text, labels)
	if ok && in.allowed(m.id) {
		in.label(m, s)
		return
	}
	in.content(s)
}

// allowed reports whether a label may start here: labels of one chapter are
// ordinary words in another ("Орындаушы" in a knowledge list).
func (in *interp) allowed(id labelID) bool {
	switch id {
	case lOrderCommand, lAgreed, lApproved:
		return in.section == secPreamble
	case lExecutor, lExecutors, lLeader, lEmail, lPhone:
		return in.section == secTechnical || in.section == secPreamble
	case lBody, lDevelopers, lCouncil, lNationalBody, lExpert, lVersion, lReview:
		return in.section == secTechnical || in.section == secCards && in.card >= 0 || in.section == secPassport
	case lGroupCode, lOccupationCode, lCardTitle, lSubLevel, lLevel, lTariff, lEducation, lExperience,
		lNonFormal, lAltTitles, lPurpose, lFunctionsHeading, lFunctionList, lMandatory, lAdditional,
		lFunction, lSkill, lAbilities, lKnowledge, lRecognizable, lCompetencies, lRegulations, lRelated:
		return in.card >= 0
	}
	return true
}

func (in *interp) label(m match, s segment) {
	in.flush()
	in.sawStandard = in.sawStandard || (m.id != lOrderCommand && m.id != lAgreed && m.id != lApproved && m.id != lChapter && m.id != lEmail && m.id != lPhone)
	if m.lang != "" && m.lang != in.lang {
		in.note("mixed-language", in.labelPath(m), fmt.Sprintf("label %q is in %s in a document written in %s", m.text, langName(m.lang), langName(in.lang)), in.origin(s),
			"note.label-language", kasip.Args{"label": kasip.QuoteArg(m.text), "lang": kasip.TermArg("lang." + m.lang), "doc": kasip.TermArg("lang." + in.lang)})
	}
	if m.glued {
		in.note("glued-words", in.labelPath(m), fmt.Sprintf("label %q is glued to its value: %q", m.text, clip(s.Text, 60)), in.origin(s),
			"note.label-glued-value", kasip.Args{"label": kasip.QuoteArg(m.text), "value": kasip.QuoteArg(clip(s.Text, 60))})
	}
	if m.para > 0 && in.section >= secGeneral {
		in.paras = append(in.paras, paraNum{n: m.para, origin: in.origin(s)})
	}
	in.mode, in.modeLbl = m.id, m
	if in.structural(m, s) {
		return
	}
	if m.rest != "" {
		rest := s
		rest.Text = m.rest
		in.acc = append(in.acc, rest)
	} else {
		in.acc = in.acc[:0]
		in.modeStart = s
	}
}

// structural handles labels that change where the interpreter is rather than
// collect a value. It reports whether the label is fully handled.
func (in *interp) structural(m match, s segment) bool {
	switch m.id {
	case lChapter:
		n := atoi(strings.TrimLeft(strings.ToLower(m.text), "главаразделг. "))
		if n == 0 {
			n = atoi(m.text)
		}
		if n >= secTechnical || (n > 0 && n < in.section) {
			in.finishCard()
		}
		if n >= secGeneral && n <= secTechnical {
			in.section = n
		}
		in.unplaced(kasip.UnplacedHeading, s)
		in.mode = lNone
		return true
	case lFunctionsHeading:
		in.unplaced(kasip.UnplacedHeading, s)
		in.mode = lNone
		return true
	case lFunction:
		c := in.cur()
		c.Functions = append(c.Functions, kasip.Function{Number: m.num, Mandatory: true, Title: kasip.Text{}, Origin: in.origin(s)})
		in.fn, in.skill = len(c.Functions)-1, -1
	case lSkill:
		f := in.curFn(s)
		f.Skills = append(f.Skills, kasip.Skill{Number: m.num, Title: kasip.Text{}, Origin: in.origin(s)})
		in.skill = len(f.Skills) - 1
	case lFunctionList, lMandatory:
		in.listMandatory = true
		in.mode = lFunctionList
	case lAdditional:
		in.listMandatory = false
		in.mode = lFunctionList
	case lOrderCommand:
		o := in.order()
		o.Clauses = append(o.Clauses, kasip.Item{Text: in.text(s.Text), Origin: in.origin(s)})
		return true
	case lAgreed:
		in.order()
	case lApproved:
		if !strings.ContainsAny(m.text, " \u00a0") {
			in.note("glued-words", "order", fmt.Sprintf("words glued together: %q", m.text), in.origin(s), "note.words-glued", kasip.Args{"text": kasip.QuoteArg(m.text)})
		}
		in.unplaced(kasip.UnplacedBoilerplate, s)
		in.mode = lNone
		return true
	case lBody, lDevelopers:
		in.orgKind = "developer"
		if m.id == lBody {
			in.orgKind = "body"
		}
		in.contactRole = ""
		if m.rest != "" {
			in.addOrg(m.rest, s)
		}
		return true
	case lExecutor, lExecutors, lLeader:
		in.contactRole = m.text
		in.mode = lDevelopers
		if m.rest != "" {
			in.addContact(m.rest, s)
		}
		return true
	case lEmail, lPhone:
		in.addContactDetail(m.id, m.rest, s)
		in.mode = lDevelopers
		return true
	}
	return false
}

// content handles a segment that is not a label.
func (in *interp) content(s segment) {
	switch in.mode {
	case lNone:
		in.loose(s)
	case lOrderCommand:
		in.clause(s)
	case lBody, lDevelopers:
		if isPerson(s.Text) || (in.contactRole != "" && in.lastOrg() != nil && !looksLikeOrg(s.Text)) {
			in.addContact(s.Text, s)
		} else {
			in.addOrg(s.Text, s)
		}
	default:
		in.acc = append(in.acc, s)
	}
}

// loose places text that follows no label: the standard's heading in the
// preamble, or nothing (reported).
func (in *interp) loose(s segment) {
	low := strings.ToLower(s.Text)
	if in.section == secPreamble && (strings.HasSuffix(strings.TrimRight(low, ". "), "кәсіптік стандарты") ||
		strings.HasSuffix(strings.TrimRight(low, ". "), "профессиональный стандарт")) {
		in.unplaced(kasip.UnplacedHeading, s)
		return
	}
	if !hasWordChar(s.Text) {
		in.unplaced(kasip.UnplacedBoilerplate, s)
		return
	}
	in.unplaced(kasip.UnplacedText, s)
}

func (in *interp) cur() *kasip.Card {
	if in.card < 0 {
		in.st.Cards = append(in.st.Cards, kasip.Card{Title: kasip.Text{}})
		in.card = 0
	}
	return &in.st.Cards[in.card]
}

// curFn returns the current function, creating an untitled one for a skill
// that comes before any function (reported).
func (in *interp) curFn(s segment) *kasip.Function {
	c := in.cur()
	if in.fn < 0 {
		c.Functions = append(c.Functions, kasip.Function{Mandatory: true, Title: kasip.Text{}, Origin: in.origin(s)})
		in.fn = len(c.Functions) - 1
		in.note("function-list-mismatch", in.path(""), "a skill comes before any labour function", in.origin(s), "note.skill-before-function", nil)
	}
	return &c.Functions[in.fn]
}

func (in *interp) curSkill() *kasip.Skill {
	if in.card < 0 || in.fn < 0 || in.skill < 0 {
		return nil
	}
	return &in.st.Cards[in.card].Functions[in.fn].Skills[in.skill]
}

func (in *interp) order() *kasip.Order {
	if in.st.Order == nil {
		in.st.Order = &kasip.Order{}
	}
	return in.st.Order
}

// cardPath is the JSON path of a field of the current card.
func (in *interp) cardPath(field string) string {
	if in.card < 0 {
		return field
	}
	return fmt.Sprintf("cards[%d].%s", in.card, field)
}

// labelPaths says which model field a label fills, for notes about it.
var labelPaths = map[labelID]string{
	lScope: "scope", lTerms: "terms", lAbbreviations: "abbreviations", lTitle: "title", lCode: "code",
	lOKED: "oked", lDescription: "description", lCardList: "card_list",
	lBody: "technical.bodies", lDevelopers: "technical.developers", lCouncil: "technical.council",
	lNationalBody: "technical.national_body", lExpert: "technical.expert_opinion",
	lVersion: "technical.version", lReview: "technical.review_date",
}

var cardLabelPaths = map[labelID]string{
	lGroupCode: "group_code", lOccupationCode: "occupation_code", lCardTitle: "title", lSubLevel: "sub_level",
	lLevel: "level", lTariff: "tariff_level", lEducation: "education", lExperience: "experience",
	lNonFormal: "non_formal", lAltTitles: "alt_titles", lPurpose: "purpose", lFunctionList: "function_list",
	lMandatory: "function_list", lAdditional: "function_list", lCompetencies: "competencies",
	lRegulations: "regulations", lRelated: "related",
}

// labelPath is the JSON path of what label m fills.
func (in *interp) labelPath(m match) string {
	if p, ok := labelPaths[m.id]; ok {
		return p
	}
	if p, ok := cardLabelPaths[m.id]; ok {
		return in.cardPath(p)
	}
	switch m.id {
	case lAbilities:
		return in.path("abilities")
	case lKnowledge:
		return in.path("knowledge")
	case lRecognizable:
		return in.path("recognizable")
	case lOrderCommand, lAgreed, lApproved:
		return "order"
	}
	return in.path("")
}

// path is the JSON path of where the interpreter is, plus field.
func (in *interp) path(field string) string {
	var b strings.Builder
	if in.card >= 0 && in.section == secCards {
		fmt.Fprintf(&b, "cards[%d]", in.card)
		if in.fn >= 0 {
			fmt.Fprintf(&b, ".functions[%d]", in.fn)
			if in.skill >= 0 {
				fmt.Fprintf(&b, ".skills[%d]", in.skill)
			}
		}
	}
	if field != "" {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(field)
	}
	return b.String()
}

func langName(l string) string {
	switch l {
	case "kk":
		return "Kazakh"
	case "ru":
		return "Russian"
	case "en":
		return "English"
	}
	return l
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
