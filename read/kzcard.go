package read

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/kasip/kasip"
)

// cardHeader recognises the heading that opens a profession card and
// returns the title it names and its paragraph number.
func cardHeader(s string) (title string, para int, ok bool) {
	// The patterns scan the whole segment; most segments are not headings.
	if !strings.Contains(strings.ToLower(s), "карточка") {
		return "", 0, false
	}
	for _, re := range []*regexp.Regexp{reCardHeaderKK, reCardHeaderRU} {
		m := re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		t := m[2]
		if t == "" {
			t = m[3]
		}
		return trimQuotes(t), atoi(m[1]), true
	}
	return "", 0, false
}

func (in *interp) startCard(title string, para int, s segment) {
	in.finishCard()
	in.sawStandard = true
	if in.section < secCards {
		in.section = secCards
	}
	if para > 0 {
		in.paras = append(in.paras, paraNum{n: para, origin: in.origin(s)})
	}
	in.st.Cards = append(in.st.Cards, kasip.Card{Number: len(in.st.Cards) + 1, Title: kasip.Text{}, HeaderTitle: in.text(title), Origin: in.origin(s)})
	in.card, in.fn, in.skill = len(in.st.Cards)-1, -1, -1
	in.mode = lNone
}

// finishCard completes the current card: its title, codes and the matching
// of its list of functions to their descriptions.
func (in *interp) finishCard() {
	if in.card < 0 || in.card >= len(in.st.Cards) {
		return
	}
	in.flush()
	c := &in.st.Cards[in.card]
	if c.Title.IsEmpty() && !c.HeaderTitle.IsEmpty() {
		c.Title = c.HeaderTitle
	}
	if normTitle(c.HeaderTitle.Best(in.lang)) == normTitle(c.Title.Best(in.lang)) {
		c.HeaderTitle = nil
	}
	same := len(c.CodesOriginal) == len(c.Codes)
	for i := range c.Codes {
		if same && c.CodesOriginal[i] != c.Codes[i] {
			same = false
		}
	}
	if same {
		c.CodesOriginal = nil
	}
	in.matchFunctions(c)
	in.fn, in.skill = -1, -1
	in.mode = lNone
}

var reSubLabel = regexp.MustCompile(`(?i)(білім\s+деңгейі|мамандығы|мамандық|мамандықтар|біліктілік|уровень\s+образования|специальност[ьи]|квалификация)\s*:`)

// education reads "Білім деңгейі: … Мамандық: … Біліктілік: …", which real
// documents also glue together ("кейінгіМамандығы:6B01 …6B02 …").
func (in *interp) education(c collected, o kasip.Origin) {
	card := in.cur()
	text := c.text
	locs := reSubLabel.FindAllStringSubmatchIndex(text, -1)
	type part struct {
		key, val string
		off      int
	}
	var parts []part
	prev, key := 0, ""
	for _, l := range locs {
		parts = append(parts, part{key, text[prev:l[0]], prev})
		key = strings.ToLower(text[l[2]:l[3]])
		prev = l[1]
		if l[0] > 0 && isGlued(text[:l[0]]) {
			in.note("glued-words", in.cardPath("education"), fmt.Sprintf("label %q is glued to the text before it", text[l[2]:l[3]]), in.origin(c.at(l[0])),
				"note.label-glued-before", kasip.Args{"label": kasip.QuoteArg(text[l[2]:l[3]])})
		}
	}
	parts = append(parts, part{key, text[prev:], prev})
	for _, p := range parts {
		v := strings.TrimSpace(p.val)
		if isEmptyValue(v) {
			continue
		}
		po := in.origin(c.at(p.off))
		switch {
		case strings.HasPrefix(p.key, "мамандық") || strings.HasPrefix(p.key, "мамандығ") || strings.HasPrefix(p.key, "специальн"):
			specs, ref := splitSpecialities(v)
			for _, sp := range specs {
				card.Specialities = append(card.Specialities, kasip.Item{Text: in.text(sp), Origin: po})
			}
			if ref != "" {
				card.Education = append(card.Education, kasip.Item{Text: in.text(ref), Origin: po})
			}
		case strings.HasPrefix(p.key, "біліктілік") || strings.HasPrefix(p.key, "квалификац"):
			card.Qualification = in.field(v, po)
		default:
			card.Education = append(card.Education, kasip.Item{Text: in.text(joinLines(v)), Origin: po})
		}
	}
}

// isGlued reports whether text ends in a lower-case letter (the next label
// starts right after it, with no space).
func isGlued(before string) bool {
	r := []rune(before)
	if len(r) == 0 {
		return false
	}
	last := r[len(r)-1]
	return last != ' ' && last != '\n' && last != '\t' && last != '.' && last != ':' && last != ';' && last != ','
}

var reSpecCode = regexp.MustCompile(`(\d[A-ZА-Я]\d{2,3}|\b\d{2}(?:\d{2})?|\d{2})\s+\p{Lu}`)

// splitSpecialities splits "6B01 Педагогикалық ғылымдар6B02 Өнер…" at the
// codes, and separates the trailing reference to the classifier's act
// (which starts with a quotation mark).
func splitSpecialities(v string) ([]string, string) {
	ref := ""
	if i := strings.IndexAny(v, `"«`); i > 0 {
		ref = strings.TrimSpace(v[i:])
		v = v[:i]
	}
	locs := reSpecCode.FindAllStringSubmatchIndex(v, -1)
	if len(locs) == 0 {
		return []string{joinLines(strings.TrimRight(v, ".;, "))}, ref
	}
	var out []string
	if lead := strings.TrimSpace(v[:locs[0][2]]); hasWordChar(lead) {
		out = append(out, joinLines(lead))
	}
	for k, l := range locs {
		end := len(v)
		if k+1 < len(locs) {
			end = locs[k+1][2]
		}
		out = append(out, joinLines(strings.TrimRight(v[l[2]:end], ".;, ")))
	}
	return out, ref
}

var reAltCode = regexp.MustCompile(`^(\d{4}(?:-\d(?:-\d{3})?)?)\s+(.+)$`)

func (in *interp) altTitles(c collected) {
	card := in.cur()
	for _, it := range in.items(c, in.cardPath("alt_titles"), true) {
		t := it.Text[in.lang]
		at := kasip.AltTitle{Title: in.text(t), Origin: it.Origin}
		if m := reAltCode.FindStringSubmatch(t); m != nil {
			at.Code, at.Title = m[1], in.text(strings.TrimSpace(m[2]))
		}
		card.AltTitles = append(card.AltTitles, at)
	}
}

func (in *interp) functionList(c collected) {
	card := in.cur()
	for _, it := range in.items(c, in.cardPath("function_list"), false) {
		card.FunctionList = append(card.FunctionList, kasip.FunctionRef{
			Number: it.Number, Title: it.Text, Mandatory: in.listMandatory, Function: -1, Origin: it.Origin,
		})
	}
}

// skillList places abilities or knowledge: under the current skill, or under
// the function when the document gives them without a skill.
func (in *interp) skillList(mode labelID, c collected) {
	name := "abilities"
	if mode == lKnowledge {
		name = "knowledge"
	}
	items := in.items(c, in.path(name), false)
	if sk := in.curSkill(); sk != nil {
		if mode == lAbilities {
			sk.Abilities = append(sk.Abilities, items...)
		} else {
			sk.Knowledge = append(sk.Knowledge, items...)
		}
		return
	}
	if in.fn >= 0 {
		f := &in.cur().Functions[in.fn]
		if mode == lAbilities {
			f.Abilities = append(f.Abilities, items...)
		} else {
			f.Knowledge = append(f.Knowledge, items...)
		}
		return
	}
	for _, s := range c.segs {
		in.unplaced(kasip.UnplacedText, s)
	}
}

var (
	reYes = regexp.MustCompile(`(?i)^(?:ұсынылады|иә|да|бар|мүмкін|возможно|предусмотрен[ао]?|рекомендуется|\+|yes)`)
	reNo  = regexp.MustCompile(`(?i)^(?:[-–—]|жоқ|нет|ұсынылмайды|мүмкін емес|не\s+предусмотрен[ао]?|невозможно|no)$`)
)

// recognizable reads "Дағдыны тану мүмкіндігі": ұсынылады → true, "-" → false,
// nothing → unknown (null).
func (in *interp) recognizable(segs []segment) {
	sk := in.curSkill()
	if len(segs) == 0 {
		return
	}
	v := strings.TrimRight(strings.TrimSpace(segs[0].Text), ".")
	var val *bool
	switch {
	case reNo.MatchString(v):
		f := false
		val = &f
	case reYes.MatchString(v):
		t := true
		val = &t
	default:
		in.unplaced(kasip.UnplacedText, segs[0])
	}
	if sk != nil {
		sk.Recognizable = val
	} else if val != nil {
		in.unplaced(kasip.UnplacedText, segs[0])
	}
	for _, s := range segs[1:] {
		in.unplaced(kasip.UnplacedText, s)
	}
}

// related reads the rows "level | title" of related professions.
func (in *interp) related(segs []segment) {
	card := in.cur()
	level := 0
	for _, s := range segs {
		t := strings.TrimSpace(s.Text)
		if len(t) == 1 && t[0] >= '1' && t[0] <= '8' {
			level = int(t[0] - '0')
			continue
		}
		if isEmptyValue(t) {
			continue
		}
		card.Related = append(card.Related, kasip.Related{Level: level, Title: in.text(joinLines(t)), Origin: in.origin(s)})
		level = 0
	}
}

// matchFunctions links each entry of the card's list of functions to the
// function described, by number and wording; wording may differ, and an
// abbreviation may be defined in the list and used in the description.
func (in *interp) matchFunctions(c *kasip.Card) {
	abbr := in.abbreviations()
	used := make([]bool, len(c.Functions))
	for i := range c.FunctionList {
		ref := &c.FunctionList[i]
		best, bestScore := -1, 0.0
		for j := range c.Functions {
			if used[j] {
				continue
			}
			score := similarity(ref.Title.Best(in.lang), c.Functions[j].Title.Best(in.lang), abbr)
			if ref.Number > 0 && ref.Number == c.Functions[j].Number && ref.Mandatory {
				score += 0.15
			}
			if score > bestScore {
				best, bestScore = j, score
			}
		}
		if best >= 0 && bestScore >= 0.5 {
			used[best] = true
			ref.Function = best
			c.Functions[best].Mandatory = ref.Mandatory
		}
	}
}

var reHereafter = regexp.MustCompile(`(?i)\(\s*(?:бұдан\s+әрі|далее)\s*[-–—]?\s*([^)]+?)\s*\)`)

// abbreviations gathers the document's abbreviations: its list, and those
// defined in passing "(бұдан әрі – ЖРО)".
func (in *interp) abbreviations() map[string]string {
	out := map[string]string{}
	for _, t := range in.st.Abbreviations {
		out[strings.ToLower(t.Term.Best(in.lang))] = t.Definition.Best(in.lang)
	}
	if in.card >= 0 {
		for _, r := range in.st.Cards[in.card].FunctionList {
			t := r.Title.Best(in.lang)
			if m := reHereafter.FindStringSubmatchIndex(t); m != nil {
				short := strings.ToLower(t[m[2]:m[3]])
				words := strings.Fields(t[:m[0]])
				n := len([]rune(short))
				if n <= len(words) {
					out[short] = strings.Join(words[len(words)-n:], " ")
				}
			}
		}
	}
	return out
}
