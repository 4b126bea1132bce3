package read

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kasip/kasip"
)

// listItem is one item of a split list: its number (0 when unnumbered), its
// text and its byte offset in the list's text.
type listItem struct {
	Number int
	Text   string
	Offset int
}

// listProblem is something the splitter noticed: a gap or repeat in the
// numbering, or a list it could not split with confidence.
type listProblem struct {
	Rule    string // numbering, unsplit-list
	Message string
	Key     string // Message for lint's catalogue
	Args    kasip.Args
	Offset  int
}

// marker is a candidate list number such as "3." or "3)" inside a text.
type marker struct {
	n      int
	start  int // offset of the digits
	body   int // offset where the item's text begins
	strong bool
}

// findMarkers returns the candidate list numbers in s. A candidate is strong
// when it opens the text or follows sentence punctuation (". 2.", ";2.",
// "білу.6."); weak when it follows a plain space and is followed by a capital
// letter or a quote ("шаралары 8. Шет тілі": a missing full stop).
func findMarkers(s string) []marker {
	var out []marker
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' || (i > 0 && s[i-1] >= '0' && s[i-1] <= '9') {
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' && j-i < 3 {
			j++
		}
		if j >= len(s) || (s[j] != '.' && s[j] != ')') || j-i > 2 {
			continue
		}
		if j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' { // 84.12, 2.5
			continue
		}
		n, _ := strconv.Atoi(s[i:j])
		body := j + 1
		for body < len(s) && (s[body] == ' ' || s[body] == '\t' || s[body] == '\n') {
			body++
		}
		if body >= len(s) {
			continue
		}
		strong, ok := boundaryBefore(s, i)
		if !ok {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[body:])
		if !strong && !(unicode.IsUpper(next) || strings.ContainsRune(`"«“„'`, next)) {
			continue
		}
		if !unicode.IsLetter(next) && !strings.ContainsRune(`"«“„'(`, next) && !unicode.IsDigit(next) && !(strong && strings.ContainsRune("-–—", next)) {
			continue
		}
		out = append(out, marker{n: n, start: i, body: body, strong: strong})
	}
	return out
}

// boundaryBefore classifies what precedes offset i: start of text or
// punctuation (strong), a space (weak), anything else (no boundary).
func boundaryBefore(s string, i int) (strong, ok bool) {
	k := i
	sawSpace := false
	for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t' || s[k-1] == '\n') {
		if s[k-1] == '\n' {
			return true, true
		}
		k--
		sawSpace = true
	}
	if k == 0 {
		return true, true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:k])
	switch {
	case strings.ContainsRune(".;:!?", prev):
		return true, true
	case sawSpace && prev != '№' && prev != '-' && prev != '–':
		return false, true
	}
	return false, false
}

// splitNumbered splits a numbered list written in running text ("1. …;2. …",
// "… ережелері. 8. Шет тілі", "1) …"). It follows the numbering: after item
// n it looks for n+1, accepting a jump (a gap, reported) only at a strong
// boundary. Text without numbers comes back as one unnumbered item.
func splitNumbered(s string) ([]listItem, []listProblem) {
	ms := findMarkers(s)
	var chain []marker
	expect := 0
	for _, m := range ms {
		switch {
		case len(chain) == 0 && leadIsBlank(s[:m.start]):
			chain, expect = append(chain, m), m.n+1
		case len(chain) > 0 && m.n == expect:
			chain, expect = append(chain, m), m.n+1
		}
	}
	var problems []listProblem
	chain, problems = addGaps(chain, ms)
	if len(chain) == 0 {
		return []listItem{{Text: cleanItem(s)}}, nil
	}
	if chain[0].n != 1 {
		problems = append(problems, listProblem{Rule: "numbering", Offset: chain[0].start,
			Message: "list starts at " + strconv.Itoa(chain[0].n) + ", expected 1",
			Key:     "note.list-start", Args: kasip.Args{"n": kasip.NumberArg(chain[0].n)}})
	}
	items := make([]listItem, 0, len(chain))
	for k, m := range chain {
		end := len(s)
		if k+1 < len(chain) {
			end = chain[k+1].start
		}
		items = append(items, listItem{Number: m.n, Text: cleanItem(s[m.body:end]), Offset: m.start})
	}
	return items, problems
}

func leadIsBlank(s string) bool { return strings.TrimSpace(s) == "" }

// addGaps inserts strong markers that skip numbers (…5. x; 7. y) into the
// chain, reporting the gap, and reports strong repeats (…3. x; 3. y).
func addGaps(chain, all []marker) ([]marker, []listProblem) {
	if len(chain) == 0 {
		return chain, nil
	}
	var problems []listProblem
	var out []marker
	ci := 0
	last := chain[0]
	out = append(out, last)
	ci = 1
	for _, m := range all {
		if m.start <= last.start {
			continue
		}
		if ci < len(chain) && m.start == chain[ci].start {
			last = chain[ci]
			out = append(out, last)
			ci++
			continue
		}
		nextStart := len(all) + 1<<30
		if ci < len(chain) {
			nextStart = chain[ci].start
		}
		if !m.strong || m.start >= nextStart {
			continue
		}
		// A strong marker between two chain items: a gap or a repeat.
		if m.n > last.n+1 && m.n <= last.n+3 && (ci >= len(chain) || m.n < chain[ci].n) {
			problems = append(problems, listProblem{Rule: "numbering", Offset: m.start,
				Message: "numbering jumps from " + strconv.Itoa(last.n) + " to " + strconv.Itoa(m.n),
				Key:     "note.list-jump", Args: kasip.Args{"from": kasip.NumberArg(last.n), "to": kasip.NumberArg(m.n)}})
			last = m
			out = append(out, m)
		} else if m.n == last.n {
			problems = append(problems, listProblem{Rule: "numbering", Offset: m.start,
				Message: "number " + strconv.Itoa(m.n) + " is used twice",
				Key:     "note.list-repeat", Args: kasip.Args{"n": kasip.NumberArg(m.n)}})
			out = append(out, m)
			last = m
		}
	}
	return out, problems
}

// cleanItem trims an item's text of list punctuation.
func cleanItem(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ";, ")
	return strings.TrimSpace(s)
}

// splitPlain splits an unnumbered list on semicolons, or commas when there
// are no semicolons (personal competencies), or new lines.
func splitPlain(s string) []listItem {
	var parts []string
	off := 0
	sep := ""
	switch {
	case strings.Contains(s, "\n"):
		sep = "\n"
	case strings.Contains(s, ";"):
		sep = ";"
	case strings.Contains(s, ","):
		sep = ","
	}
	if sep == "" {
		return []listItem{{Text: cleanItem(strings.TrimSuffix(s, "."))}}
	}
	parts = strings.Split(s, sep)
	var out []listItem
	for i, p := range parts {
		t := cleanItem(p)
		if i == len(parts)-1 {
			t = strings.TrimSuffix(t, ".")
		}
		t = strings.TrimLeft(t, "-–• ")
		if t != "" {
			out = append(out, listItem{Text: t, Offset: off})
		}
		off += len(p) + len(sep)
	}
	return out
}
