package read

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/kasip/kasip"
)

// collected is the text gathered for one label: the segments joined with
// new lines, and where each segment starts so items keep their own lines.
type collected struct {
	text   string
	starts []int
	segs   []segment
}

func collect(segs []segment) collected {
	var c collected
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			b.WriteByte('\n')
		}
		c.starts = append(c.starts, b.Len())
		b.WriteString(stripBullet(s.Text))
	}
	c.text = b.String()
	c.segs = segs
	return c
}

// at returns the segment holding byte offset off.
func (c collected) at(off int) segment {
	k := sort.Search(len(c.starts), func(i int) bool { return c.starts[i] > off }) - 1
	return c.segs[max(k, 0)]
}

// stripBullet removes a list bullet ("- ", "– ", "• ") that opens a line.
func stripBullet(s string) string {
	for _, b := range []string{"- ", "– ", "— ", "• ", "· "} {
		if strings.HasPrefix(s, b) {
			return strings.TrimSpace(s[len(b):])
		}
	}
	return s
}

// flush places the text collected for the current label.
func (in *interp) flush() {
	acc := in.acc
	in.acc = nil
	mode := in.mode
	// A label's value is placed once: a second flush (end of a card, end of
	// the document) must not place it again, empty.
	in.mode = lNone
	if mode == lNone || mode == lOrderCommand || mode == lBody || mode == lDevelopers {
		return
	}
	c := collect(acc)
	start := in.modeStart
	if len(acc) > 0 {
		start = acc[0]
	}
	o := in.origin(start)
	value := strings.TrimSpace(c.text)
	switch mode {
	case lScope:
		in.st.Scope = in.field(value, o)
	case lTerms:
		in.st.Terms = append(in.st.Terms, in.terms(c, "terms")...)
	case lAbbreviations:
		in.st.Abbreviations = append(in.st.Abbreviations, in.terms(c, "abbreviations")...)
	case lTitle:
		in.st.Title[in.lang] = trimQuotes(value)
	case lCode:
		in.setCode(value, o)
	case lOKED:
		in.oked(acc)
	case lDescription:
		in.description(acc)
	case lCardList:
		in.cardList(c)
	case lGroupCode, lOccupationCode:
		in.cardCode(mode, value, o, acc)
	case lCardTitle:
		if value != "" {
			in.cur().Title[in.lang] = trimQuotes(value)
		}
	case lLevel:
		in.cur().Level = firstLevel(value)
	case lSubLevel:
		if !isEmptyValue(value) {
			in.cur().SubLevel = value
		}
	case lTariff:
		in.cur().TariffLevel = in.field(value, o)
	case lEducation:
		in.education(c, o)
	case lExperience:
		in.cur().Experience = in.items(c, in.cardPath("experience"), false)
	case lNonFormal:
		in.cur().NonFormal = in.field(value, o)
	case lAltTitles:
		in.altTitles(c)
	case lPurpose:
		in.cur().Purpose = in.items(c, in.cardPath("purpose"), false)
	case lFunctionList:
		in.functionList(c)
	case lFunction:
		if in.fn >= 0 {
			in.cur().Functions[in.fn].Title[in.lang] = joinLines(value)
		}
	case lSkill:
		if sk := in.curSkill(); sk != nil {
			sk.Title[in.lang] = joinLines(value)
		}
	case lAbilities, lKnowledge:
		in.skillList(mode, c)
	case lRecognizable:
		in.recognizable(acc)
	case lCompetencies:
		in.cur().Competencies = in.items(c, in.cardPath("competencies"), true)
	case lRegulations:
		in.cur().Regulations = in.items(c, in.cardPath("regulations"), true)
	case lRelated:
		in.related(acc)
	case lCouncil, lNationalBody, lExpert:
		in.decision(mode, value, o)
	case lVersion:
		in.version(value, o)
	case lReview:
		in.review(value, o)
	case lAgreed:
		if value != "" {
			in.order().Agreed = &kasip.Field{Text: in.text(joinLines(value)), Origin: o}
		}
	}
}

// field makes a single-valued field, nil when the document leaves it empty.
func (in *interp) field(value string, o kasip.Origin) *kasip.Field {
	if isEmptyValue(value) {
		return nil
	}
	return &kasip.Field{Text: in.text(joinLines(value)), Origin: o}
}

// isEmptyValue is true for "", "-", "–" and other values without a word.
func isEmptyValue(v string) bool { return !hasWordChar(v) }

func joinLines(s string) string { return strings.Join(strings.Fields(s), " ") }

func trimQuotes(s string) string {
	s = joinLines(s)
	s = strings.TrimRight(s, ".:;, ")
	for rs := []rune(s); len(rs) > 1 && strings.ContainsRune(`"«“'`, rs[0]) && strings.ContainsRune(`"»”'`, rs[len(rs)-1]); rs = []rune(s) {
		s = strings.TrimSpace(string(rs[1 : len(rs)-1]))
	}
	return s
}

// items splits collected text into a list: numbered if it is numbered,
// otherwise on new lines, semicolons or (when plain is true) commas.
func (in *interp) items(c collected, path string, plain bool) []kasip.Item {
	if isEmptyValue(c.text) {
		return nil
	}
	parts, problems := splitNumbered(c.text)
	if len(parts) == 1 && parts[0].Number == 0 {
		if plain || strings.Contains(c.text, "\n") {
			parts = splitPlain(c.text)
		}
		if plain && len(parts) == 1 && len(strings.Fields(parts[0].Text)) >= 12 {
			n := len(strings.Fields(parts[0].Text))
			problems = append(problems, listProblem{Rule: "unsplit-list",
				Message: fmt.Sprintf("%d words with no separator; the items could not be told apart", n),
				Key:     "note.run-on", Args: kasip.Args{"words": kasip.NumberArg(n)}})
		}
	}
	for _, p := range problems {
		in.note(p.Rule, path, p.Message, in.origin(c.at(p.Offset)), p.Key, p.Args)
	}
	var out []kasip.Item
	for _, p := range parts {
		t := strings.TrimLeft(p.Text, "-–• ")
		if isEmptyValue(t) {
			continue
		}
		out = append(out, kasip.Item{Number: p.Number, Text: in.text(joinLines(t)), Origin: in.origin(c.at(p.Offset))})
	}
	return out
}

var reTermSplit = regexp.MustCompile(`\s+[–—-]\s+|\s*[–—]\s*`)

// terms reads "1) term – definition" entries.
func (in *interp) terms(c collected, path string) []kasip.Term {
	var out []kasip.Term
	for _, it := range in.items(c, path, false) {
		t := it.Text[in.lang]
		parts := reTermSplit.Split(t, 2)
		term := kasip.Term{Number: it.Number, Term: in.text(strings.TrimSpace(parts[0])), Definition: kasip.Text{}, Origin: it.Origin}
		if len(parts) == 2 {
			term.Definition = in.text(strings.TrimSpace(parts[1]))
		}
		out = append(out, term)
	}
	return out
}

func (in *interp) setCode(value string, o kasip.Origin) {
	raw := strings.Trim(joinLines(value), `"«»`)
	code, typed, isCode := kasip.NormalizeCodeField(raw)
	in.st.Code = code
	switch {
	case !isCode && hasWordChar(raw):
		// The text is kept as written beside the code it may hold.
		in.st.CodeOriginal = strings.TrimRight(strings.TrimSpace(value), ".;,: ")
		in.st.Notes = append(in.st.Notes, notACode("code", raw, o))
	case code != typed:
		in.st.CodeOriginal = strings.TrimRight(strings.TrimSpace(value), ".;,: ")
	}
}

var reOKED = regexp.MustCompile(`^(?:-\s*)?([A-ZА-Я](?:\s|$)|\d{2}(?:\.\d{1,2}){0,2}(?:\.\d)?)\s*(?:(?i:секциясы|секция)\s*)?(.*)$`)

// oked reads the classification lines: "I Тұру…", "55.10.1 …", "M секциясы …".
func (in *interp) oked(segs []segment) {
	for _, s := range segs {
		t := strings.TrimSpace(strings.TrimLeft(s.Text, "-–• "))
		m := reOKED.FindStringSubmatch(t)
		if m == nil {
			if n := len(in.st.OKED); n > 0 {
				e := &in.st.OKED[n-1]
				e.Title[in.lang] = joinLines(e.Title[in.lang] + " " + t)
				continue
			}
			in.unplaced(kasip.UnplacedText, s)
			continue
		}
		raw := strings.TrimSpace(m[1])
		code, changed := kasip.NormalizeCode(raw) // reOKED admits only codes and section letters
		e := kasip.OKEDEntry{Code: code, Level: okedLevel(code), Title: in.text(strings.TrimRight(strings.TrimSpace(m[2]), ";:. ")), Origin: in.origin(s)}
		if changed {
			e.CodeOriginal = raw
		}
		in.st.OKED = append(in.st.OKED, e)
	}
}

// okedLevel names the level of an OKED code by its shape.
func okedLevel(code string) string {
	switch {
	case len(code) == 1:
		return "section"
	case len(code) == 2:
		return "division"
	case strings.Count(code, ".") == 1 && len(code) == 4:
		return "group"
	case strings.Count(code, ".") == 1:
		return "class"
	}
	return "subclass"
}

var reCommon = regexp.MustCompile(`(?i)барлық\s+кәсіптерге|для\s+всех\s+профессий|всем\s+профессиям`)

func (in *interp) description(segs []segment) {
	var desc, common []segment
	for _, s := range segs {
		if reCommon.MatchString(s.Text) || len(common) > 0 {
			common = append(common, s)
		} else {
			desc = append(desc, s)
		}
	}
	if len(desc) > 0 {
		in.st.Description = in.field(collect(desc).text, in.origin(desc[0]))
	}
	if len(common) > 0 {
		in.st.CommonRequirements = in.field(collect(common).text, in.origin(common[0]))
	}
}

var reLevel = regexp.MustCompile(`(?i)(?:(?:сбш|орк|нрк|ұбш)\s*[-–]?\s*(?:нің|ның)?\s*([1-8])\b|\b([1-8])\s*(?:-?\s*(?:ші|шы|ой|ый|й))?\s*(?:деңгей|уров))`)

// cardList reads the passport's list of cards: "1) Title – СБШ 7-ші деңгейі".
func (in *interp) cardList(c collected) {
	for _, it := range in.items(c, "card_list", false) {
		t := it.Text[in.lang]
		ref := kasip.CardRef{Number: it.Number, Origin: it.Origin}
		if loc := reLevel.FindStringSubmatchIndex(t); loc != nil {
			var lv string
			if loc[2] >= 0 {
				lv = t[loc[2]:loc[3]]
			} else {
				lv = t[loc[4]:loc[5]]
			}
			ref.Level = atoi(lv)
			if phrase := t[loc[0]:loc[1]]; in.lang == "kk" && strings.Contains(strings.ToLower(phrase), "уров") {
				in.note("mixed-language", "card_list", fmt.Sprintf("level written in Russian %q in a document written in Kazakh", strings.TrimSpace(t[loc[0]:])), it.Origin,
					"note.level-russian", kasip.Args{"text": kasip.QuoteArg(strings.TrimSpace(t[loc[0]:]))})
			}
			if cut := strings.LastIndexAny(t[:loc[0]], "–—-"); cut > 0 {
				t = t[:cut]
			} else {
				t = t[:loc[0]]
			}
		}
		ref.Title = in.text(trimQuotes(strings.TrimRight(t, " -–—,")))
		in.st.CardList = append(in.st.CardList, ref)
	}
}

// firstLevel returns the first framework level (1..8) in a value.
func firstLevel(v string) int {
	for _, r := range v {
		if r >= '1' && r <= '8' {
			return int(r - '0')
		}
		if r == '9' || r == '0' {
			return 0
		}
	}
	return 0
}

// reCode finds the first code of a code field's value; the text around it
// goes to unplaced.
var reCode = regexp.MustCompile(`[0-9A-Za-zА-Яа-яІі]+(?:[-./][0-9A-Za-zА-Яа-яІі]+)*`)

// textInCode reports a card's code field that holds text and returns the one
// token of it shaped as a code, or "".
func (in *interp) textInCode(mode labelID, value string, segs []segment, o kasip.Origin) string {
	text := joinLines(value)
	path := in.cardPath("occupation_code")
	if mode == lGroupCode {
		path = in.cardPath("group_code")
	}
	in.st.Notes = append(in.st.Notes, notACode(path, text, o))
	if len(segs) > 0 {
		s := segs[0]
		s.Text = text
		in.unplaced(kasip.UnplacedText, s)
	}
	_, typed, _ := kasip.NormalizeCodeField(text)
	return typed
}

func (in *interp) cardCode(mode labelID, value string, o kasip.Origin, segs []segment) {
	c := in.cur()
	if isEmptyValue(value) {
		return
	}
	raw := reCode.FindString(value)
	if !kasip.CodeShaped(raw) {
		// Text, not a code ("Жоқ"): kept in unplaced as written, noted,
		// and only a token of it shaped as a code is taken.
		if raw = in.textInCode(mode, value, segs, o); raw == "" {
			return
		}
		value = raw
	}
	code, changed := kasip.NormalizeCode(raw)
	if rest := strings.TrimSpace(strings.Replace(joinLines(value), raw, "", 1)); hasWordChar(rest) && len(segs) > 0 {
		s := segs[0]
		s.Text = rest
		in.unplaced(kasip.UnplacedText, s)
	}
	if mode == lGroupCode {
		c.GroupCode = code
	} else {
		c.OccupationCode = code
	}
	for _, have := range c.Codes {
		if have == code {
			return
		}
	}
	c.Codes = append(c.Codes, code)
	orig := raw
	if !changed {
		orig = code
	}
	c.CodesOriginal = append(c.CodesOriginal, orig)
}
