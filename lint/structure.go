package lint

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/kasip/kasip"
)

// checkFunctionList compares each card's list of labour functions with the
// functions it describes. The reader matched each list entry to a
// description (FunctionRef.Function); what it could not match is missing on
// one side.
func checkFunctionList(st *kasip.Standard, _ Options) []Finding {
	r := newReport(st, "function-list-mismatch", Error)
	for i := range st.Cards {
		if len(st.Cards[i].FunctionList) > 0 {
			r.functionList(i)
		}
	}
	return r.done()
}

func (r *report) functionList(i int) {
	c := &r.st.Cards[i]
	listed := make([]int, len(c.Functions)) // list entry + 1 per function, 0 when none
	for j, ref := range c.FunctionList {
		p := fmt.Sprintf("cards[%d].function_list[%d]", i, j)
		title := r.text(ref.Title)
		if ref.Function < 0 || ref.Function >= len(c.Functions) {
			r.add(Error, p, ref.Origin, "%s lists labour function %s, but no function with this title is described in the card; expected an \"Еңбек функциясы\" block describing it",
				cardName(r.st, i), quote(title))
			continue
		}
		f := &c.Functions[ref.Function]
		if prev := listed[ref.Function]; prev > 0 {
			r.add(Warning, p, ref.Origin, "%s lists labour function %s twice (entries %d and %d of the list)", cardName(r.st, i), quote(title), prev, j+1)
			continue
		}
		listed[ref.Function] = j + 1
		r.compareEntry(p, ref, f, ref.Function)
	}
	for k, f := range c.Functions {
		if listed[k] == 0 {
			r.add(Error, fmt.Sprintf("cards[%d].functions[%d]", i, k), f.Origin,
				"%s describes labour function %d %s, but the card's list of labour functions does not name it; expected it in the list (%d functions listed, %d described)",
				cardName(r.st, i), k+1, quote(r.text(f.Title)), len(c.FunctionList), len(c.Functions))
		}
	}
}

// compareEntry reports a list entry whose wording or kind differs from the
// description the reader matched it to.
func (r *report) compareEntry(p string, ref kasip.FunctionRef, f *kasip.Function, k int) {
	a, b := r.text(ref.Title), r.text(f.Title)
	if !r.sameTitle(a, b) {
		r.add(Warning, p+".title", ref.Origin, "the list names labour function %d %s, but its description is titled %s (%s); expected the same title in both",
			k+1, quote(a), quote(b), wordDiff(a, b, "the list", "the description"))
	}
	if ref.Mandatory != f.Mandatory {
		r.add(Warning, p+".mandatory", ref.Origin, "labour function %s is %s in the list but %s in its description",
			quote(b), kind(ref.Mandatory), kind(f.Mandatory))
	}
}

func kind(mandatory bool) string {
	if mandatory {
		return "mandatory"
	}
	return "additional"
}

// reAside matches a parenthesis that introduces an abbreviation:
// "(бұдан әрі – ЖРО)", "(далее – ЖРО)".
var reAside = regexp.MustCompile(`(?i)\(\s*(?:бұдан\s+әрі|бұдан\s+кейін|далее)[^)]*\)`)

// sameTitle reports whether two titles say the same once the standard's
// abbreviations are spelled out: a list that writes "Жастар ресурстық
// орталығының (бұдан әрі – ЖРО) жұмысын…" and a description that writes
// "ЖРО жұмысын…" name the same function, as the reader spec allows.
func (r *report) sameTitle(a, b string) bool {
	if norm(a) == norm(b) {
		return true
	}
	return r.expand(a) == r.expand(b)
}

func (r *report) expand(s string) string {
	abbr := map[string]string{}
	for _, t := range r.st.Abbreviations {
		if k := norm(r.text(t.Term)); k != "" && !strings.Contains(k, " ") {
			abbr[k] = norm(r.text(t.Definition))
		}
	}
	words := strings.Fields(norm(reAside.ReplaceAllString(s, " ")))
	for i, w := range words {
		if d, ok := abbr[w]; ok && d != "" {
			words[i] = d
		}
	}
	return strings.Join(words, " ")
}

// wordDiff says which words only one of two texts has, so that the author
// sees the difference without comparing two long titles letter by letter.
func wordDiff(a, b, nameA, nameB string) string {
	wa, wb := strings.Fields(norm(a)), strings.Fields(norm(b))
	onlyA := slices.DeleteFunc(slices.Clone(wa), func(w string) bool { return slices.Contains(wb, w) })
	onlyB := slices.DeleteFunc(slices.Clone(wb), func(w string) bool { return slices.Contains(wa, w) })
	var parts []string
	if len(onlyA) > 0 {
		parts = append(parts, fmt.Sprintf("%s in %s", quoteN(strings.Join(onlyA, " "), 40), nameA))
	}
	if len(onlyB) > 0 {
		parts = append(parts, fmt.Sprintf("%s in %s", quoteN(strings.Join(onlyB, " "), 40), nameB))
	}
	if len(parts) == 0 {
		return "the same words in another order"
	}
	return "differing words: " + strings.Join(parts, ", ")
}

// checkCardList compares the passport's list of cards with the cards.
func checkCardList(st *kasip.Standard, _ Options) []Finding {
	r := newReport(st, "card-list-mismatch", Error)
	if len(st.CardList) > 0 {
		r.cardList(pairCards(r))
	}
	r.headerTitles()
	return r.done()
}

// pairCards matches each passport entry to a card: by title first, then the
// remaining ones in order. It returns the card index per entry (-1: none).
func pairCards(r *report) []int {
	st := r.st
	pair := make([]int, len(st.CardList))
	used := make([]bool, len(st.Cards))
	for j, ref := range st.CardList {
		pair[j] = -1
		for i := range st.Cards {
			if !used[i] && r.cardTitleMatches(ref, i) {
				pair[j], used[i] = i, true
				break
			}
		}
	}
	next := 0
	for j := range pair {
		for next < len(used) && used[next] {
			next++
		}
		if pair[j] < 0 && next < len(used) {
			pair[j], used[next] = next, true
		}
	}
	return pair
}

func (r *report) cardTitleMatches(ref kasip.CardRef, i int) bool {
	c := &r.st.Cards[i]
	a := r.text(ref.Title)
	return r.sameTitle(a, r.text(c.Title)) || (!blankText(c.HeaderTitle) && r.sameTitle(a, r.text(c.HeaderTitle)))
}

func (r *report) cardList(pair []int) {
	st := r.st
	used := make([]bool, len(st.Cards))
	for j, ref := range st.CardList {
		p := idx("card_list", j)
		i := pair[j]
		if i < 0 {
			r.add(Error, p, ref.Origin, "the passport lists card %s, but the standard describes no such card (%d listed, %d described); expected a profession card for it",
				quote(r.text(ref.Title)), len(st.CardList), len(st.Cards))
			continue
		}
		used[i] = true
		r.compareCard(p, ref, i)
	}
	for i, c := range st.Cards {
		if !used[i] {
			r.add(Error, idx("cards", i), c.Origin, "%s is not in the passport's list of cards (%d listed, %d described); expected it in the list with its level",
				cardName(st, i), len(st.CardList), len(st.Cards))
		}
	}
}

func (r *report) compareCard(p string, ref kasip.CardRef, i int) {
	c := &r.st.Cards[i]
	if !r.cardTitleMatches(ref, i) {
		a, b := r.text(ref.Title), r.text(c.Title)
		r.add(Warning, p+".title", ref.Origin, "the passport lists card %d as %s, but the card is titled %s (%s); expected the same title in both",
			i+1, quote(a), quote(b), wordDiff(a, b, "the passport", "the card"))
	}
	if ref.Level > 0 && c.Level > 0 && ref.Level != c.Level {
		r.add(Error, p+".level", ref.Origin, "the passport lists %s at level %d, but the card%s gives level %d; expected the same level in both",
			cardName(r.st, i), ref.Level, lineNote(c.Origin), c.Level)
	}
}

// headerTitles reports cards whose heading names them differently from their
// title field: one of the two is a typo.
func (r *report) headerTitles() {
	for i, c := range r.st.Cards {
		a, b := r.text(c.HeaderTitle), r.text(c.Title)
		if isBlank(a) || isBlank(b) || r.sameTitle(a, b) {
			continue
		}
		r.add(Warning, idx("cards", i)+".header_title", c.Origin, "the heading of card %d calls it %s, but its title field says %s (%s); expected one title",
			i+1, quote(a), quote(b), wordDiff(a, b, "the heading", "the title field"))
	}
}

// lineNote returns " (line N)" for an origin with a line, so a message can
// point at the other place of a disagreement.
func lineNote(o kasip.Origin) string {
	if o.Line <= 0 {
		return ""
	}
	return fmt.Sprintf(" (line %d)", o.Line)
}

// checkSkillContent reports skills without abilities or knowledge: a skill is
// assessed on both, so a centre cannot build an exam for it.
func checkSkillContent(st *kasip.Standard, _ Options) []Finding {
	r := newReport(st, "skill-without-content", Error)
	for i, c := range st.Cards {
		for j, f := range c.Functions {
			for k, s := range f.Skills {
				r.skill(fmt.Sprintf("cards[%d].functions[%d].skills[%d]", i, j, k), i, j, k, s)
			}
		}
	}
	return r.done()
}

func (r *report) skill(p string, i, j, k int, s kasip.Skill) {
	noAb, _ := blankValue(s.Abilities)
	noKn, _ := blankValue(s.Knowledge)
	name := fmt.Sprintf("%s, labour function %d, skill %d %s", cardName(r.st, i), j+1, k+1, quoteN(r.text(s.Title), nameMax))
	switch {
	case noAb && noKn:
		r.add(Error, p, s.Origin, "%s has neither abilities nor knowledge; expected a numbered list of abilities (\"Машықтар\"/\"Қабілет\") and of knowledge (\"Білімдер\")", name)
	case noAb:
		r.add(Warning, p+".abilities", s.Origin, "%s has no abilities; expected a numbered list of abilities (\"Машықтар\"/\"Қабілет\")", name)
	case noKn:
		r.add(Warning, p+".knowledge", s.Origin, "%s has no knowledge items; expected a numbered list of knowledge (\"Білімдер\")", name)
	}
}

// checkDuplicates reports a function title used twice in a card, and a skill
// title used twice in a card (within one function or across its functions).
func checkDuplicates(st *kasip.Standard, _ Options) []Finding {
	r := newReport(st, "duplicate-title", Warning)
	for i := range st.Cards {
		r.duplicates(i)
	}
	return r.done()
}

func (r *report) duplicates(i int) {
	c := &r.st.Cards[i]
	fseen := map[string]int{}
	sseen := map[string][2]int{}
	for j, f := range c.Functions {
		p := fmt.Sprintf("cards[%d].functions[%d]", i, j)
		if t := norm(r.text(f.Title)); t != "" {
			if prev, ok := fseen[t]; ok {
				r.add(Warning, p+".title", f.Origin, "%s: labour function %d has the same title as labour function %d: %s; expected each function once",
					cardName(r.st, i), j+1, prev+1, quote(r.text(f.Title)))
			} else {
				fseen[t] = j
			}
		}
		for k, s := range f.Skills {
			t := norm(r.text(s.Title))
			if t == "" {
				continue
			}
			if prev, ok := sseen[t]; ok {
				r.add(Warning, fmt.Sprintf("%s.skills[%d].title", p, k), s.Origin, "%s: skill %d of labour function %d has the same title as skill %d of labour function %d: %s; expected each skill once",
					cardName(r.st, i), k+1, j+1, prev[1]+1, prev[0]+1, quote(r.text(s.Title)))
			} else {
				sseen[t] = [2]int{j, k}
			}
		}
	}
}
