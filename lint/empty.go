package lint

import (
	"fmt"

	"github.com/kasip/kasip"
)

// required is a section or field a standard must fill. The Kazakh template
// (order of the Minister of Labour on the template of professional
// standards) makes every section obligatory; only what a standard is useless
// without is an error, the rest a warning.
type required struct {
	path   string
	what   string // what the section is, with the template's label
	expect string
	sev    Severity
	value  any
	origin kasip.Origin
}

func checkEmpty(st *kasip.Standard, _ Options) []Finding {
	r := newReport(st, "empty-section", Warning)
	for _, q := range standardFields(st) {
		r.need(q)
	}
	for i := range st.Cards {
		for _, q := range cardFields(st, i) {
			r.need(q)
		}
	}
	return r.done()
}

func (r *report) need(q required) {
	blank, says := blankValue(q.value)
	switch {
	case !blank:
	case says == "":
		r.add(q.sev, q.path, q.origin, "%s: missing or empty; expected %s", q.what, q.expect)
	default:
		r.add(q.sev, q.path, q.origin, "%s: the document says only %s; expected %s", q.what, quote(says), q.expect)
	}
}

// standardFields lists the standard-wide sections of st's family. The model
// keeps no line for the code and the title; their findings point at the file.
func standardFields(st *kasip.Standard) []required {
	t := &st.Technical
	none := kasip.Origin{}
	q := []required{
		{"code", "the standard's code", "a code such as M84120 (OKED section letter and digits)", Error, st.Code, none},
		{"title", "the standard's title", "the name of the standard", Error, st.Title, none},
		{"cards", "the list of profession cards", "at least one profession card", Error, st.Cards, none},
	}
	if !isKZ(st) {
		return append(q,
			required{"oked", "the OKVED codes", "the kinds of economic activity the standard covers", Warning, st.OKED, none},
			required{"activity_kind", "the kind of professional activity", "its name", Warning, st.ActivityKind, fieldOrigin(st.ActivityKind, none)},
			required{"purpose", "the main purpose of the kind of activity", "a statement of it", Warning, st.Purpose, fieldOrigin(st.Purpose, none)},
			required{"technical.developers", "the developers (section IV)", "the organisations that developed the standard", Warning, t.Developers, none},
		)
	}
	return append(q,
		required{"scope", "the scope (\"Кәсіптік стандарттың қолдану аясы\")", "where and for what the standard is used", Warning, st.Scope, fieldOrigin(st.Scope, none)},
		required{"terms", "the terms and definitions", "the terms the standard uses, with their definitions", Warning, st.Terms, none},
		required{"abbreviations", "the abbreviations (\"қысқартулар\")", "the abbreviations the standard uses, such as СБШ or БТБА, with their meaning", Warning, st.Abbreviations, none},
		required{"oked", "the OKED classification (\"ЭҚЖЖ\")", "its section, division, group, class and subclass", Warning, st.OKED, none},
		required{"description", "the short description of the standard", "what the field of work comprises", Warning, st.Description, fieldOrigin(st.Description, none)},
		required{"card_list", "the passport's list of profession cards", "every card with its level", Warning, st.CardList, none},
		required{"technical.bodies", "the state body (\"Мемлекеттік органның атауы\")", "the ministry responsible for the standard", Warning, t.Bodies, none},
		required{"technical.developers", "the developer organisations", "the organisations that took part in writing the standard", Warning, t.Developers, none},
		required{"technical.council", "the sectoral council's protocol", "its number and date", Warning, t.Council, decisionOrigin(t.Council)},
		required{"technical.national_body", "the national body's conclusion", "its number and date", Warning, t.NationalBody, decisionOrigin(t.NationalBody)},
		required{"technical.version", "the version number and year", "for example \"нұсқа 1, 2023 ж.\"", Warning,
			struct {
				V string
				T *kasip.Field
			}{t.Version, t.VersionText}, fieldOrigin(t.VersionText, none)},
		required{"technical.review_date", "the planned review date", "a date such as 05.11.2026", Warning,
			struct {
				V string
				T *kasip.Field
			}{t.ReviewDate, t.ReviewDateText}, fieldOrigin(t.ReviewDateText, none)},
	)
}

// cardFields lists what card i must fill, down to its functions and skills.
func cardFields(st *kasip.Standard, i int) []required {
	c := &st.Cards[i]
	p := fmt.Sprintf("cards[%d]", i)
	o := c.Origin
	q := []required{
		{p + ".title", "the title of card " + fmt.Sprint(i+1), "the name of the profession", Error, c.Title, o},
		{p + ".level", cardName(st, i) + ": the qualification level", "a level of the sectoral framework from 1 to 8", Warning, c.Level, o},
		{p + ".education", cardName(st, i) + ": the education requirements", "the level of education and the specialities", Warning, c.Education, listOrigin(c.Education, o)},
		{p + ".functions", cardName(st, i) + ": the labour functions", "at least one labour function with its description", Error, c.Functions, o},
	}
	if isKZ(st) {
		q = append(q,
			required{p + ".codes", cardName(st, i) + ": the occupation codes", "the code of the occupation and of its group in the national classifier", Warning,
				struct {
					C          []string
					Occ, Group string
				}{c.Codes, c.OccupationCode, c.GroupCode}, o},
			required{p + ".experience", cardName(st, i) + ": the work experience requirements", "the experience required, or an explicit statement that none is", Warning, c.Experience, listOrigin(c.Experience, o)},
			required{p + ".purpose", cardName(st, i) + ": the main purpose of the activity", "what the profession is for", Warning, c.Purpose, listOrigin(c.Purpose, o)},
			required{p + ".function_list", cardName(st, i) + ": the list of labour functions", "the mandatory and additional labour functions", Warning, c.FunctionList, o},
			required{p + ".competencies", cardName(st, i) + ": the personal competencies", "the personal qualities the profession requires", Warning, c.Competencies, listOrigin(c.Competencies, o)},
		)
	}
	for j := range c.Functions {
		q = append(q, functionFields(st, i, j)...)
	}
	return q
}

func functionFields(st *kasip.Standard, i, j int) []required {
	f := &st.Cards[i].Functions[j]
	p := fmt.Sprintf("cards[%d].functions[%d]", i, j)
	name := fmt.Sprintf("%s, labour function %d", cardName(st, i), j+1)
	q := []required{{p + ".title", name + ": the title", "the name of the labour function", Error, f.Title, f.Origin}}
	if !isKZ(st) {
		return append(q, required{p, name + ": the labour actions, abilities and knowledge", "what the function requires", Warning,
			struct{ A, B, C []kasip.Item }{f.Actions, f.Abilities, f.Knowledge}, f.Origin})
	}
	q = append(q, required{p + ".skills", name + ": the skills", "at least one skill (\"Дағды\") with its abilities and knowledge", Warning, f.Skills, f.Origin})
	for k := range f.Skills {
		s := &f.Skills[k]
		q = append(q, required{fmt.Sprintf("%s.skills[%d].title", p, k), fmt.Sprintf("%s, skill %d: the title", name, k+1), "the name of the skill", Warning, s.Title, s.Origin})
	}
	return q
}

// nameMax is how much of a card's title messages quote to name it.
const nameMax = 48

// cardName names card i for messages: its number and title.
func cardName(st *kasip.Standard, i int) string {
	t := st.Cards[i].Title.Best(st.Languages...)
	if isBlank(t) {
		return fmt.Sprintf("card %d", i+1)
	}
	return fmt.Sprintf("card %d %s", i+1, quoteN(t, nameMax))
}

func fieldOrigin(f *kasip.Field, fallback kasip.Origin) kasip.Origin {
	if f == nil {
		return fallback
	}
	return f.Origin
}

func decisionOrigin(d *kasip.Decision) kasip.Origin {
	if d == nil {
		return kasip.Origin{}
	}
	return d.Origin
}

func listOrigin(items []kasip.Item, fallback kasip.Origin) kasip.Origin {
	if len(items) == 0 {
		return fallback
	}
	return items[0].Origin
}
