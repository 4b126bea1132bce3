// Package jobdesc generates a job description (лауазымдық нұсқаулық /
// должностная инструкция) from a card of a professional standard, in
// Kazakh or Russian, in the structure employers in Kazakhstan and Russia
// use: general provisions, qualification requirements, duties, what the
// worker must know and be able to do, rights, responsibility and
// relations. Every line taken from the standard names the items it comes
// from (JSON pointers into the standard's model); the rest are the
// template's own wording, marked as such. The package is pure: the
// writers (DOCX, PDF) and the API build on Description.
package jobdesc

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
)

// Languages are the languages a description is written in.
var Languages = []string{"kk", "ru"}

// SectionKeys are the keys of a description's sections, in order.
var SectionKeys = []string{"general", "qualification", "duties", "knowledge", "abilities", "rights", "responsibility", "relations"}

// Files are the file formats a description is written as (Description.DOCX
// and Description.PDF).
var Files = []string{"docx", "pdf"}

// Description is a generated job description.
type Description struct {
	Lang     string    `json:"lang"`
	Title    string    `json:"title"` // the position: the card's title (a Russian card's first possible job title)
	Standard Reference `json:"standard"`
	Card     int       `json:"card"` // 0-based index of the card in the standard
	Level    int       `json:"level,omitempty"`
	Sections []Section `json:"sections"`
}

// Reference names the standard a description comes from.
type Reference struct {
	Code      string `json:"code"`
	Version   string `json:"version,omitempty"`
	Title     string `json:"title"`
	Generated bool   `json:"generated,omitempty"` // demo data, not a real act
}

// Section is one numbered section.
type Section struct {
	Key   string `json:"key"`   // general, qualification, duties, knowledge, abilities, rights, responsibility, relations
	Title string `json:"title"` // numbered, in the description's language
	Lines []Line `json:"lines"`
}

// Line is one numbered clause. Sources are the JSON pointers of the items
// of the standard it states (several when the same text stands in more
// than one skill); a template line has none.
type Line struct {
	Number   string   `json:"number"` // "3.2"
	Text     string   `json:"text"`
	Sources  []string `json:"sources,omitempty"`
	Template bool     `json:"template,omitempty"`
	// Lang is the language of Text when the standard has no text of the
	// item in the description's language ("" when it has): the item is
	// stated as the standard words it rather than left out.
	Lang  string `json:"lang,omitempty"`
	Level int    `json:"level,omitempty"` // 1 for a clause under the one before (a skill under its function)
}

// LanguagesOf are the Languages the description of card (0-based) of st
// can be written in: those its title has.
func LanguagesOf(st *kasip.Standard, card int) []string {
	var out []string
	if card < 0 || card >= len(st.Cards) {
		return nil
	}
	for _, l := range Languages {
		if strings.TrimSpace(st.Cards[card].Title.Get(l)) != "" {
			out = append(out, l)
		}
	}
	return out
}

// LanguageFor is the language to describe card (0-based) of st in for a
// reader who asked for the languages asked, in order: the first of them
// the card has text in, else the first it has ("" when it has none).
func LanguageFor(st *kasip.Standard, card int, asked ...string) string {
	has := LanguagesOf(st, card)
	for _, l := range asked {
		if slices.Contains(has, l) {
			return l
		}
	}
	if len(has) > 0 {
		return has[0]
	}
	return ""
}

// ErrLanguage is returned for a language the description cannot be
// written in: not one of Languages, or one the card has no text in.
var ErrLanguage = errors.New("jobdesc: language")

// Generate writes the description of card (0-based) of st in lang.
func Generate(st *kasip.Standard, card int, lang string) (Description, error) {
	w, ok := wordings[lang]
	if !ok {
		return Description{}, fmt.Errorf("%w %q: want one of %s", ErrLanguage, lang, strings.Join(Languages, ", "))
	}
	if card < 0 || card >= len(st.Cards) {
		return Description{}, fmt.Errorf("jobdesc: %w: standard %s has %d cards, no card %d", kasip.ErrNotFound, st.Code, len(st.Cards), card)
	}
	c := &st.Cards[card]
	title := strings.TrimSpace(c.Title.Get(lang))
	if title == "" {
		return Description{}, fmt.Errorf("%w: card %d of standard %s has no text in %s", ErrLanguage, card, st.Code, lang)
	}
	g := &generator{st: st, c: c, lang: lang, w: w, base: "/cards/" + strconv.Itoa(card)}
	g.position, g.positionSource = title, g.base+"/title"
	if st.Family == "ru" {
		// A Russian card is a generalised labour function; the positions
		// it fits are its possible job titles.
		for i, a := range c.AltTitles {
			if t := g.text(a.Title); t != "" {
				g.position, g.positionSource = t, g.base+"/alt_titles/"+strconv.Itoa(i)+"/title"
				break
			}
		}
	}
	d := Description{Lang: lang, Title: g.position, Card: card, Level: c.Level,
		Standard: Reference{Code: st.Code, Version: st.Technical.Version, Title: g.stdTitle(), Generated: st.Generated}}
	sections := []struct {
		key   string
		lines []Line
	}{
		{"general", g.general()}, {"qualification", g.qualification()}, {"duties", g.duties()},
		{"knowledge", g.knowledge()}, {"abilities", g.abilities()},
		{"rights", template(w.rights...)}, {"responsibility", template(w.responsibility...)}, {"relations", template(w.relations...)},
	}
	for i, sec := range sections {
		if sec.lines == nil {
			sec.lines = []Line{} // an empty section, not null, in JSON
		}
		number(sec.lines, i+1)
		d.Sections = append(d.Sections, Section{Key: sec.key, Title: strconv.Itoa(i+1) + ". " + w.sections[sec.key], Lines: sec.lines})
	}
	return d, nil
}

// number gives the lines of section n their numbers: n.1, n.2, and
// n.2.1 for a line under the one before.
func number(lines []Line, n int) {
	top, sub := 0, 0
	for i := range lines {
		if lines[i].Level == 0 || top == 0 {
			top, sub = top+1, 0
			lines[i].Number = fmt.Sprintf("%d.%d", n, top)
			continue
		}
		sub++
		lines[i].Number = fmt.Sprintf("%d.%d.%d", n, top, sub)
	}
}

type generator struct {
	st   *kasip.Standard
	c    *kasip.Card
	lang string
	w    wording
	base string // the card's JSON pointer
	// position is the title of the position and positionSource where it
	// comes from.
	position, positionSource string
}

func (g *generator) text(t kasip.Text) string { return strings.TrimSpace(t.Get(g.lang)) }

// item is a line of an item's text: in the description's language, else
// in the first of kk, ru, en the standard has (marked with Lang), so that
// an item without a translation is not silently left out; ok is false
// when the item has no text at all.
func (g *generator) item(t kasip.Text, sources ...string) (Line, bool) {
	if s := g.text(t); s != "" {
		return Line{Text: s, Sources: sources}, true
	}
	for _, l := range []string{"kk", "ru", "en"} {
		if s := strings.TrimSpace(t.Get(l)); s != "" {
			return Line{Text: s, Sources: sources, Lang: l}, true
		}
	}
	return Line{}, false
}

// stdTitle is the standard's title in the description's language, else
// as the standard has it (a Russian register standard's title is Russian
// only).
func (g *generator) stdTitle() string {
	if t := g.text(g.st.Title); t != "" {
		return t
	}
	return strings.TrimSpace(g.st.Title.Best())
}

// template is the lines of the template's own wording.
func template(texts ...string) []Line {
	out := make([]Line, len(texts))
	for i, t := range texts {
		out[i] = Line{Text: t, Template: true}
	}
	return out
}

func (g *generator) general() []Line {
	w := g.w
	out := []Line{{Text: fmt.Sprintf(w.purpose, g.position), Sources: []string{g.positionSource}}}
	ref := fmt.Sprintf(w.basis, g.stdTitle(), g.st.Code, g.text(g.c.Title))
	if v := g.st.Technical.Version; v != "" {
		ref = fmt.Sprintf(w.basisVersion, g.stdTitle(), g.st.Code, v, g.text(g.c.Title))
	}
	out = append(out, Line{Text: ref, Sources: []string{"/title", g.base + "/title"}})
	if g.c.Level > 0 {
		lv := strconv.Itoa(g.c.Level)
		if g.c.SubLevel != "" {
			lv += " (" + g.c.SubLevel + ")"
		}
		out = append(out, Line{Text: fmt.Sprintf(w.level, lv), Sources: []string{g.base + "/level"}})
	}
	if len(g.c.Codes) > 0 {
		out = append(out, Line{Text: fmt.Sprintf(w.codes, strings.Join(g.c.Codes, ", ")), Sources: []string{g.base + "/codes"}})
	}
	if len(g.c.Purpose) > 0 {
		out = append(out, g.items(w.purposeLabel, "/purpose", g.c.Purpose)...)
	}
	return append(out, template(w.appointment)...)
}

// items are the lines of a list of items, each prefixed with label.
func (g *generator) items(label, field string, items []kasip.Item) []Line {
	var out []Line
	for i, it := range items {
		if l, ok := g.item(it.Text, g.base+field+"/"+strconv.Itoa(i)); ok {
			l.Text = label + ": " + l.Text
			out = append(out, l)
		}
	}
	return out
}

func (g *generator) qualification() []Line {
	w := g.w
	var out []Line
	out = append(out, g.items(w.education, "/education", g.c.Education)...)
	out = append(out, g.items(w.specialities, "/specialities", g.c.Specialities)...)
	if q := g.c.Qualification; q != nil && g.text(q.Text) != "" {
		out = append(out, Line{Text: w.qualificationLabel + ": " + g.text(q.Text), Sources: []string{g.base + "/qualification"}})
	}
	out = append(out, g.items(w.experience, "/experience", g.c.Experience)...)
	out = append(out, g.items(w.admission, "/admission", g.c.Admission)...)
	if len(out) == 0 {
		out = template(w.noRequirements)
	}
	return out
}

// duties are the labour functions, each with its skills (Kazakh
// template) or its labour actions (Russian register) under it.
func (g *generator) duties() []Line {
	var out []Line
	for fi, f := range g.c.Functions {
		fp := g.base + "/functions/" + strconv.Itoa(fi)
		if l, ok := g.item(f.Title, fp+"/title"); ok {
			out = append(out, l)
		}
		for si, s := range f.Skills {
			if l, ok := g.item(s.Title, fp+"/skills/"+strconv.Itoa(si)+"/title"); ok {
				l.Level = 1
				out = append(out, l)
			}
		}
		for ai, a := range f.Actions {
			if l, ok := g.item(a.Text, fp+"/actions/"+strconv.Itoa(ai)); ok {
				l.Level = 1
				out = append(out, l)
			}
		}
	}
	return out
}

func (g *generator) knowledge() []Line {
	return g.collect(func(s kasip.Skill) []kasip.Item { return s.Knowledge }, func(f kasip.Function) []kasip.Item { return f.Knowledge }, "knowledge")
}

func (g *generator) abilities() []Line {
	return g.collect(func(s kasip.Skill) []kasip.Item { return s.Abilities }, func(f kasip.Function) []kasip.Item { return f.Abilities }, "abilities")
}

// collect lists the items of every skill and function of the card once
// by text, in order, each line with every place it stands.
func (g *generator) collect(ofSkill func(kasip.Skill) []kasip.Item, ofFunction func(kasip.Function) []kasip.Item, field string) []Line {
	var out []Line
	at := map[string]int{}
	add := func(items []kasip.Item, path string) {
		for i, it := range items {
			src := path + "/" + field + "/" + strconv.Itoa(i)
			l, ok := g.item(it.Text, src)
			if !ok {
				continue
			}
			key := strings.ToLower(l.Text)
			if j, ok := at[key]; ok {
				out[j].Sources = append(out[j].Sources, src)
				continue
			}
			at[key] = len(out)
			out = append(out, l)
		}
	}
	for fi, f := range g.c.Functions {
		fp := g.base + "/functions/" + strconv.Itoa(fi)
		for si, s := range f.Skills {
			add(ofSkill(s), fp+"/skills/"+strconv.Itoa(si))
		}
		add(ofFunction(f), fp)
	}
	return out
}

// Heading is the document's heading: "ЛАУАЗЫМДЫҚ НҰСҚАУЛЫҚ" or
// "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ".
func (d Description) Heading() string { return wordings[d.Lang].heading }

// Demo is the notice a description of demo data carries ("" otherwise).
func (d Description) Demo() string {
	if d.Standard.Generated {
		return wordings[d.Lang].demo
	}
	return ""
}
