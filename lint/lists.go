package lint

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
)

// notLists are numbered sequences of the model that are not numbered lists of
// the document: cards carry the paragraph number of their heading ("9.",
// "10."), and the order's clauses mix clause and sub-clause numbers.
func notList(path string) bool { return path == "cards" || path == "order.clauses" }

// checkNumbering reports gaps, repeats, wrong starts and unnumbered items in
// the numbered lists of the model.
func checkNumbering(st *kasip.Standard, _ Options) []Finding {
	r := newReport(st, "numbering", Warning)
	for _, l := range numberedLists(st) {
		if notList(l.Path) {
			continue
		}
		mandatory, additional := groups(l.Items)
		r.sequence(l, mandatory, 0)
		r.sequence(l, additional, lastNumber(l.Items, mandatory)+1)
	}
	return r.done()
}

// groups splits a list of labour functions (or of their references) into the
// mandatory and the additional ones: the template numbers each group, and
// some documents restart at 1 for the additional ones while others go on.
// Other lists are one group.
func groups(items reflect.Value) (first, second []int) {
	for i := range items.Len() {
		if m, ok := mandatoryOf(items.Index(i)); ok && !m {
			second = append(second, i)
		} else {
			first = append(first, i)
		}
	}
	return first, second
}

func lastNumber(items reflect.Value, indexes []int) int {
	last := 0
	for _, i := range indexes {
		last = max(last, numberOf(items.Index(i)))
	}
	return last
}

// sequence checks the numbers of the items at indexes: 1, 2, 3… (or, for
// the additional functions, continuing the mandatory ones at cont).
func (r *report) sequence(l listAt, indexes []int, cont int) {
	numbered := 0
	for _, i := range indexes {
		if numberOf(l.Items.Index(i)) > 0 {
			numbered++
		}
	}
	if numbered == 0 {
		return
	}
	prev := 0
	for _, i := range indexes {
		e := l.Items.Index(i)
		if key, args := seqProblem(prev, numberOf(e), cont); key != "" {
			r.add(Warning, idx(l.Path, i), originOf(e), "numbering.item", kasip.Args{"item": termArg(itemWord(l.Path)),
				"label": shortArg(labelOf(e, r.st.Languages), 60), "problem": msgArg(key, args)})
		}
		if n := numberOf(e); n > 0 {
			prev = n
		} else {
			prev++
		}
	}
}

// seqProblem says what is wrong with number n after prev (0: n is the
// first), as a message key and arguments, or returns "".
func seqProblem(prev, n, cont int) (string, kasip.Args) {
	switch {
	case n == 0:
		return "numbering.unnumbered", kasip.Args{"want": numArg(prev + 1)}
	case prev == 0 && n != 1 && n != cont:
		return "numbering.start", kasip.Args{"n": numArg(n)}
	case prev > 0 && n == prev:
		return "numbering.repeated", kasip.Args{"n": numArg(n), "want": numArg(prev + 1)}
	case prev > 0 && n < prev:
		return "numbering.back", kasip.Args{"n": numArg(n), "prev": numArg(prev), "want": numArg(prev + 1)}
	case prev > 0 && n == prev+2:
		return "numbering.gap", kasip.Args{"n": numArg(n), "prev": numArg(prev), "want": numArg(prev + 1)}
	case prev > 0 && n > prev+2:
		return "numbering.gaps", kasip.Args{"n": numArg(n), "prev": numArg(prev), "want": numArg(prev + 1), "last": numArg(n - 1)}
	}
	return "", nil
}

// itemWord is the catalogue key naming an item of the list at path.
func itemWord(path string) string {
	switch name := lastName(path); name {
	case "abilities", "knowledge", "terms", "abbreviations", "card_list", "function_list", "functions", "skills":
		return "item." + name
	}
	return "item.item"
}

// reMarker finds list numbers inside a text: "…;2. Еңбек", "…білу.6. Оқыту",
// "…шаралары 8. Шет тілі", "2) Қонақ": a number of one to three digits, a
// full stop or parenthesis, and a capital (or a quote) starting the item.
var reMarker = regexp.MustCompile(`(?:^|[^\d])(\d{1,3})[.)]\s*[\p{Lu}"«]`)

// minRunWords is the length from which a single unpunctuated item of
// personal competencies is taken for a list that was never separated.
const minRunWords = 12

// checkUnsplit reports list items that still hold the next item ("…; 2.
// Next") and lists of personal competencies written as one run of words.
func checkUnsplit(st *kasip.Standard, _ Options) []Finding {
	r := newReport(st, "unsplit-list", Warning)
	for _, l := range numberedLists(st) {
		if notList(l.Path) || strings.HasSuffix(l.Path, "functions") || strings.HasSuffix(l.Path, "skills") {
			continue // titles of described functions and skills are not list entries
		}
		for i := range l.Items.Len() {
			r.innerNumbers(l, i)
		}
	}
	for i := range st.Cards {
		r.runOn(i)
	}
	return r.done()
}

// innerNumbers reports an item whose text holds the number of the item that
// should follow it: the split missed a separator. A text that numbers its own
// sub-list from 1 ("мыналар: 1) …; 2) …") is left alone.
func (r *report) innerNumbers(l listAt, i int) {
	e := l.Items.Index(i)
	n := numberOf(e)
	for _, t := range textsOf(e) {
		at := nextMarker(t, n)
		if at < 0 {
			continue
		}
		r.add(Warning, idx(l.Path, i), originOf(e), "unsplit.inner", kasip.Args{"item": termArg(itemWord(l.Path)),
			"text": shortArg(t, 60), "at": shortArg(t[at:], 40)})
		return
	}
}

// nextMarker returns the byte offset of the marker of item n+1 in s, or -1.
// An unnumbered item (n is 0) counts only when it starts with its own "1.".
func nextMarker(s string, n int) int {
	ms := reMarker.FindAllStringSubmatchIndex(s, -1)
	want := n + 1
	if n == 0 {
		if len(ms) == 0 || strings.TrimSpace(s[:ms[0][2]]) != "" || s[ms[0][2]:ms[0][3]] != "1" {
			return -1
		}
		ms, want = ms[1:], 2
	}
	for _, m := range ms {
		switch v, _ := strconv.Atoi(s[m[2]:m[3]]); v {
		case 1:
			return -1 // the item numbers a sub-list of its own
		case want:
			return m[2]
		}
	}
	return -1
}

// runOn reports personal competencies given as one item of many words without
// a comma, semicolon or full stop: the separators were lost, and nobody can
// tell where one competence ends ("тіл тапқыштық аналитикалық қабілеттер").
func (r *report) runOn(i int) {
	c := &r.st.Cards[i]
	if len(c.Competencies) != 1 {
		return
	}
	s := r.text(c.Competencies[0].Text)
	words := strings.Fields(s)
	if len(words) < minRunWords || strings.ContainsAny(s, ",;.•·") {
		return
	}
	r.add(Warning, fmt.Sprintf("cards[%d].competencies", i), c.Competencies[0].Origin, "unsplit.run-on",
		kasip.Args{"card": cardName(r.st, i), "words": numArg(len(words)), "text": shortArg(s, 60)})
}
