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
			r.add(Error, p, ref.Origin, "function-list.undescribed", kasip.Args{"card": cardName(r.st, i), "title": quoteArg(title)})
			continue
		}
		f := &c.Functions[ref.Function]
		if prev := listed[ref.Function]; prev > 0 {
			r.add(Warning, p, ref.Origin, "function-list.twice", kasip.Args{"card": cardName(r.st, i), "title": quoteArg(title), "first": numArg(prev), "second": numArg(j + 1)})
			continue
		}
		listed[ref.Function] = j + 1
		r.compareEntry(p, ref, f, ref.Function)
	}
	for k, f := range c.Functions {
		if listed[k] == 0 {
			r.add(Error, fmt.Sprintf("cards[%d].functions[%d]", i, k), f.Origin, "function-list.unlisted", kasip.Args{"card": cardName(r.st, i),
				"n": numArg(k + 1), "title": quoteArg(r.text(f.Title)), "listed": numArg(len(c.FunctionList)), "described": numArg(len(c.Functions))})
		}
	}
}

// compareEntry reports a list entry whose wording or kind differs from the
// description the reader matched it to.
func (r *report) compareEntry(p string, ref kasip.FunctionRef, f *kasip.Function, k int) {
	a, b := r.text(ref.Title), r.text(f.Title)
	if !r.sameTitle(a, b) {
		r.add(Warning, p+".title", ref.Origin, "function-list.title", kasip.Args{"n": numArg(k + 1), "listed": quoteArg(a), "described": quoteArg(b),
			"diff": wordDiff(a, b, "diff.the-list", "diff.the-description")})
	}
	if ref.Mandatory != f.Mandatory {
		r.add(Warning, p+".mandatory", ref.Origin, "function-list.kind", kasip.Args{"title": quoteArg(b),
			"listed": termArg(kind(ref.Mandatory)), "described": termArg(kind(f.Mandatory))})
	}
}

func kind(mandatory bool) string {
	if mandatory {
		return "kind.mandatory"
	}
	return "kind.additional"
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
// nameA and nameB are catalogue keys naming the two places.
func wordDiff(a, b, nameA, nameB string) kasip.Arg {
	wa, wb := strings.Fields(norm(a)), strings.Fields(norm(b))
	onlyA := slices.DeleteFunc(slices.Clone(wa), func(w string) bool { return slices.Contains(wb, w) })
	onlyB := slices.DeleteFunc(slices.Clone(wb), func(w string) bool { return slices.Contains(wa, w) })
	wordsA := shortArg(strings.Join(onlyA, " "), 40)
	wordsB := shortArg(strings.Join(onlyB, " "), 40)
	switch {
	case len(onlyA) > 0 && len(onlyB) > 0:
		return msgArg("diff.both", kasip.Args{"a": wordsA, "in_a": termArg(nameA), "b": wordsB, "in_b": termArg(nameB)})
	case len(onlyA) > 0:
		return msgArg("diff.one", kasip.Args{"a": wordsA, "in_a": termArg(nameA)})
	case len(onlyB) > 0:
		return msgArg("diff.one", kasip.Args{"a": wordsB, "in_a": termArg(nameB)})
	}
	return msgArg("diff.order", nil)
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
			r.add(Error, p, ref.Origin, "card-list.undescribed", kasip.Args{"title": quoteArg(r.text(ref.Title)), "listed": numArg(len(st.CardList)), "described": numArg(len(st.Cards))})
			continue
		}
		used[i] = true
		r.compareCard(p, ref, i)
	}
	for i, c := range st.Cards {
		if !used[i] {
			r.add(Error, idx("cards", i), c.Origin, "card-list.unlisted", kasip.Args{"card": cardName(st, i), "listed": numArg(len(st.CardList)), "described": numArg(len(st.Cards))})
		}
	}
}

func (r *report) compareCard(p string, ref kasip.CardRef, i int) {
	c := &r.st.Cards[i]
	if !r.cardTitleMatches(ref, i) {
		a, b := r.text(ref.Title), r.text(c.Title)
		r.add(Warning, p+".title", ref.Origin, "card-list.title", kasip.Args{"n": numArg(i + 1), "listed": quoteArg(a), "titled": quoteArg(b),
			"diff": wordDiff(a, b, "diff.the-passport", "diff.the-card")})
	}
	if ref.Level > 0 && c.Level > 0 && ref.Level != c.Level {
		args := kasip.Args{"card": cardName(r.st, i), "listed": numArg(ref.Level), "given": numArg(c.Level)}
		key := "card-list.level"
		if c.Origin.Line > 0 {
			key, args["line"] = "card-list.level-at", numArg(c.Origin.Line)
		}
		r.add(Error, p+".level", ref.Origin, key, args)
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
		r.add(Warning, idx("cards", i)+".header_title", c.Origin, "card-list.header", kasip.Args{"n": numArg(i + 1), "heading": quoteArg(a), "title": quoteArg(b),
			"diff": wordDiff(a, b, "diff.the-heading", "diff.the-title-field")})
	}
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
	name := msgArg("name.skill", kasip.Args{"card": cardName(r.st, i), "function": numArg(j + 1), "skill": numArg(k + 1), "title": nameArg(r.text(s.Title))})
	args := kasip.Args{"skill": name}
	switch {
	case noAb && noKn:
		r.add(Error, p, s.Origin, "skill.empty", args)
	case noAb:
		r.add(Warning, p+".abilities", s.Origin, "skill.no-abilities", args)
	case noKn:
		r.add(Warning, p+".knowledge", s.Origin, "skill.no-knowledge", args)
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
				r.add(Warning, p+".title", f.Origin, "duplicate.function", kasip.Args{"card": cardName(r.st, i), "n": numArg(j + 1), "first": numArg(prev + 1), "title": quoteArg(r.text(f.Title))})
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
				r.add(Warning, fmt.Sprintf("%s.skills[%d].title", p, k), s.Origin, "duplicate.skill", kasip.Args{"card": cardName(r.st, i),
					"skill": numArg(k + 1), "function": numArg(j + 1), "first_skill": numArg(prev[1] + 1), "first_function": numArg(prev[0] + 1), "title": quoteArg(r.text(s.Title))})
			} else {
				sseen[t] = [2]int{j, k}
			}
		}
	}
}
