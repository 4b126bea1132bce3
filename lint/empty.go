package lint

import (
	"fmt"

	"github.com/kasip/kasip"
)

// required is a section or field a standard must fill. The Kazakh template
// (order of the Minister of Labour on the template of professional
// standards) makes every section obligatory; only what a standard is useless
// without is an error, the rest a warning. what and expect are phrases of
// the catalogue.
type required struct {
	path   string
	what   kasip.Message
	expect string // catalogue key
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
	args := kasip.Args{"what": kasip.ListArg(q.what), "expect": termArg(q.expect)}
	switch {
	case !blank:
	case says == "":
		r.add(q.sev, q.path, q.origin, "empty.missing", args)
	default:
		args["says"] = quoteArg(says)
		r.add(q.sev, q.path, q.origin, "empty.only", args)
	}
}

// field names a section of the standard: what.<name>, expecting expect.<name>.
func field(path, name string, sev Severity, value any, o kasip.Origin) required {
	return required{path, kasip.Message{Key: "what." + name}, "expect." + name, sev, value, o}
}

// standardFields lists the standard-wide sections of st's family. The model
// keeps no line for the code and the title; their findings point at the file.
func standardFields(st *kasip.Standard) []required {
	t := &st.Technical
	none := kasip.Origin{}
	if !isKZ(st) {
		return []required{
			field("code", "code-ru", Error, st.Code, none),
			field("title", "title", Error, st.Title, none),
			field("cards", "cards", Error, st.Cards, none),
			field("oked", "okved", Warning, st.OKED, none),
			field("activity_kind", "activity-kind", Warning, st.ActivityKind, fieldOrigin(st.ActivityKind, none)),
			field("purpose", "purpose-ru", Warning, st.Purpose, fieldOrigin(st.Purpose, none)),
			field("technical.developers", "developers-ru", Warning, t.Developers, none),
		}
	}
	return []required{
		field("code", "code-kz", Error, st.Code, none),
		field("title", "title", Error, st.Title, none),
		field("cards", "cards", Error, st.Cards, none),
		field("scope", "scope", Warning, st.Scope, fieldOrigin(st.Scope, none)),
		field("terms", "terms", Warning, st.Terms, none),
		field("abbreviations", "abbreviations", Warning, st.Abbreviations, none),
		field("oked", "oked", Warning, st.OKED, none),
		field("description", "description", Warning, st.Description, fieldOrigin(st.Description, none)),
		field("card_list", "card-list", Warning, st.CardList, none),
		field("technical.bodies", "bodies", Warning, t.Bodies, none),
		field("technical.developers", "developers", Warning, t.Developers, none),
		field("technical.council", "council", Warning, t.Council, decisionOrigin(t.Council)),
		field("technical.national_body", "national-body", Warning, t.NationalBody, decisionOrigin(t.NationalBody)),
		field("technical.version", "version", Warning,
			struct {
				V string
				T *kasip.Field
			}{t.Version, t.VersionText}, fieldOrigin(t.VersionText, none)),
		field("technical.review_date", "review-date", Warning,
			struct {
				V string
				T *kasip.Field
			}{t.ReviewDate, t.ReviewDateText}, fieldOrigin(t.ReviewDateText, none)),
	}
}

// cardField names a field of card i: "card 2 "Title": <what.name>".
func cardField(st *kasip.Standard, i int, path, name string, sev Severity, value any, o kasip.Origin) required {
	what := kasip.Message{Key: "what.in-card", Args: kasip.Args{"card": cardName(st, i), "field": termArg("what." + name)}}
	return required{path, what, "expect." + name, sev, value, o}
}

// cardFields lists what card i must fill, down to its functions and skills.
func cardFields(st *kasip.Standard, i int) []required {
	c := &st.Cards[i]
	p := fmt.Sprintf("cards[%d]", i)
	o := c.Origin
	q := []required{
		{p + ".title", kasip.Message{Key: "what.card-title", Args: kasip.Args{"n": numArg(i + 1)}}, "expect.card-title", Error, c.Title, o},
		cardField(st, i, p+".level", "level", Warning, c.Level, o),
		cardField(st, i, p+".education", "education", Warning, c.Education, listOrigin(c.Education, o)),
		cardField(st, i, p+".functions", "functions", Error, c.Functions, o),
	}
	if isKZ(st) {
		q = append(q,
			cardField(st, i, p+".codes", "occupation-codes", Warning,
				struct {
					C          []string
					Occ, Group string
				}{c.Codes, c.OccupationCode, c.GroupCode}, o),
			cardField(st, i, p+".experience", "experience", Warning, c.Experience, listOrigin(c.Experience, o)),
			cardField(st, i, p+".purpose", "card-purpose", Warning, c.Purpose, listOrigin(c.Purpose, o)),
			cardField(st, i, p+".function_list", "function-list", Warning, c.FunctionList, o),
			cardField(st, i, p+".competencies", "competencies", Warning, c.Competencies, listOrigin(c.Competencies, o)),
		)
	}
	for j := range c.Functions {
		q = append(q, functionFields(st, i, j)...)
	}
	return q
}

// functionField names a field of function j of card i, or of its skill k+1
// when k >= 0.
func functionField(st *kasip.Standard, i, j, k int, path, name string, sev Severity, value any, o kasip.Origin) required {
	args := kasip.Args{"card": cardName(st, i), "function": numArg(j + 1), "field": termArg("what." + name)}
	key := "what.in-function"
	if k >= 0 {
		key, args["skill"] = "what.in-skill", numArg(k+1)
	}
	return required{path, kasip.Message{Key: key, Args: args}, "expect." + name, sev, value, o}
}

func functionFields(st *kasip.Standard, i, j int) []required {
	f := &st.Cards[i].Functions[j]
	p := fmt.Sprintf("cards[%d].functions[%d]", i, j)
	q := []required{functionField(st, i, j, -1, p+".title", "function-title", Error, f.Title, f.Origin)}
	if !isKZ(st) {
		return append(q, functionField(st, i, j, -1, p, "function-content", Warning,
			struct{ A, B, C []kasip.Item }{f.Actions, f.Abilities, f.Knowledge}, f.Origin))
	}
	q = append(q, functionField(st, i, j, -1, p+".skills", "skills", Warning, f.Skills, f.Origin))
	for k := range f.Skills {
		s := &f.Skills[k]
		q = append(q, functionField(st, i, j, k, fmt.Sprintf("%s.skills[%d].title", p, k), "skill-title", Warning, s.Title, s.Origin))
	}
	return q
}

// nameMax is how much of a card's title messages quote to name it.
const nameMax = 48

// cardName names card i for messages: its number and title.
func cardName(st *kasip.Standard, i int) kasip.Arg {
	t := st.Cards[i].Title.Best(st.Languages...)
	if isBlank(t) {
		return msgArg("name.card-untitled", kasip.Args{"n": numArg(i + 1)})
	}
	return msgArg("name.card", kasip.Args{"n": numArg(i + 1), "title": nameArg(t)})
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
