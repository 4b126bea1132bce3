package recognition

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
)

// Kinds of model item a path can point at within a card.
const (
	KindFunction  = "function"
	KindSkill     = "skill"
	KindAbility   = "ability"
	KindKnowledge = "knowledge"
)

// Ref is a resolved model path within a card.
type Ref struct {
	Path     string
	Kind     string // function, skill, ability, knowledge
	Function int
	Skill    int // -1 when the item belongs to the function directly
	Item     int // index of the ability or knowledge item, -1 otherwise
	// Unit is the path of the unit the item belongs to: the skill, or the
	// function when it has no skills.
	Unit string
	Text kasip.Text // the item's text or title
}

// FunctionPath, SkillPath and ItemPath build model paths.
func FunctionPath(card, fn int) string { return fmt.Sprintf("cards[%d].functions[%d]", card, fn) }

func SkillPath(card, fn, sk int) string {
	return fmt.Sprintf("%s.skills[%d]", FunctionPath(card, fn), sk)
}

// Resolve finds what a path points at in card, which is card number
// cardIndex (0-based) of its standard. Paths outside the card, malformed or
// pointing past the end of a list are ErrInvalid.
func Resolve(card *kasip.Card, cardIndex int, path string) (Ref, error) {
	segs, err := parsePath(path)
	if err != nil {
		return Ref{}, err
	}
	bad := func(why string) (Ref, error) {
		return Ref{}, invalid("path.bad", "path", path).Wrap(errors.New(why))
	}
	if len(segs) < 2 || segs[0].name != "cards" || segs[1].name != "functions" {
		return bad("must start with cards[i].functions[j]")
	}
	if segs[0].idx != cardIndex {
		return bad(fmt.Sprintf("not in card %d of the programme", cardIndex))
	}
	if segs[1].idx >= len(card.Functions) {
		return bad("no such labour function")
	}
	f := &card.Functions[segs[1].idx]
	r := Ref{Path: path, Kind: KindFunction, Function: segs[1].idx, Skill: -1, Item: -1, Text: f.Title}
	r.Unit = FunctionPath(cardIndex, r.Function)
	rest := segs[2:]
	abilities, knowledge := f.Abilities, f.Knowledge
	if len(rest) > 0 && rest[0].name == "skills" {
		if rest[0].idx >= len(f.Skills) {
			return bad("no such skill")
		}
		sk := &f.Skills[rest[0].idx]
		r.Kind, r.Skill, r.Text = KindSkill, rest[0].idx, sk.Title
		r.Unit = SkillPath(cardIndex, r.Function, r.Skill)
		abilities, knowledge = sk.Abilities, sk.Knowledge
		rest = rest[1:]
	} else if len(f.Skills) > 0 {
		// A function with skills is assessed through them: its own lists
		// (if any) are not a unit's.
		if len(rest) == 0 {
			r.Unit = ""
			return r, nil
		}
		return bad("the labour function has skills: point into one of them")
	}
	switch {
	case len(rest) == 0:
		return r, nil
	case len(rest) > 1:
		return bad("too long")
	case rest[0].name == "abilities":
		if rest[0].idx >= len(abilities) {
			return bad("no such ability")
		}
		r.Kind, r.Item, r.Text = KindAbility, rest[0].idx, abilities[rest[0].idx].Text
	case rest[0].name == "knowledge":
		if rest[0].idx >= len(knowledge) {
			return bad("no such knowledge item")
		}
		r.Kind, r.Item, r.Text = KindKnowledge, rest[0].idx, knowledge[rest[0].idx].Text
	default:
		return bad(fmt.Sprintf("unknown list %q", rest[0].name))
	}
	return r, nil
}

type segment struct {
	name string
	idx  int
}

// parsePath splits "cards[0].functions[1]" into its named, indexed parts.
// Every part must have an index: paths here always point at list entries.
func parsePath(path string) ([]segment, error) {
	if path == "" {
		return nil, invalid("path.empty")
	}
	var out []segment
	for _, part := range strings.Split(path, ".") {
		name, rest, ok := strings.Cut(part, "[")
		num, ok2 := strings.CutSuffix(rest, "]")
		i, err := strconv.Atoi(num)
		if !ok || !ok2 || name == "" || err != nil || i < 0 || strconv.Itoa(i) != num {
			return nil, invalid("path.bad", "path", path).Wrap(fmt.Errorf("malformed part %q", part))
		}
		out = append(out, segment{name, i})
	}
	return out, nil
}

// Unit is an assessable unit of a card: a skill, or a labour function
// without skills. Its abilities and knowledge are what a programme must
// cover.
type Unit struct {
	Path      string
	Function  int
	Skill     int // -1 for a function without skills
	Title     kasip.Text
	Mandatory bool // the labour function is mandatory
	// Recognizable is the standard's mark that the skill can be recognised
	// separately (on its own, or through a portfolio); nil when it says
	// nothing (always nil for functions without skills).
	Recognizable *bool
	Abilities    []Ref
	Knowledge    []Ref
}

// Units lists the assessable units of card (card number cardIndex), in
// document order.
func Units(card *kasip.Card, cardIndex int) []Unit {
	var out []Unit
	for fi := range card.Functions {
		f := &card.Functions[fi]
		if len(f.Skills) == 0 {
			p := FunctionPath(cardIndex, fi)
			out = append(out, Unit{Path: p, Function: fi, Skill: -1, Title: f.Title, Mandatory: f.Mandatory,
				Abilities: itemRefs(p, fi, -1, KindAbility, "abilities", f.Abilities),
				Knowledge: itemRefs(p, fi, -1, KindKnowledge, "knowledge", f.Knowledge)})
			continue
		}
		for si := range f.Skills {
			sk := &f.Skills[si]
			p := SkillPath(cardIndex, fi, si)
			out = append(out, Unit{Path: p, Function: fi, Skill: si, Title: sk.Title, Mandatory: f.Mandatory,
				Recognizable: sk.Recognizable,
				Abilities:    itemRefs(p, fi, si, KindAbility, "abilities", sk.Abilities),
				Knowledge:    itemRefs(p, fi, si, KindKnowledge, "knowledge", sk.Knowledge)})
		}
	}
	return out
}

func itemRefs(unit string, fi, si int, kind, list string, items []kasip.Item) []Ref {
	out := make([]Ref, len(items))
	for i, it := range items {
		out[i] = Ref{Path: fmt.Sprintf("%s.%s[%d]", unit, list, i), Kind: kind, Function: fi, Skill: si,
			Item: i, Unit: unit, Text: it.Text}
	}
	return out
}

// IsRecognizable reports whether the standard marks the unit recognizable.
func (u Unit) IsRecognizable() bool { return u.Recognizable != nil && *u.Recognizable }
