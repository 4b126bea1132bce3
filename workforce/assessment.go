package workforce

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/recognition"
)

// Rating is what is known of one employee on one item of the position's
// card: their own assessment, the manager's, and the evidence. A level of
// -1 means not given.
type Rating struct {
	Path     string    `json:"path"` // model path: a unit, or an ability or knowledge item of one
	Self     int       `json:"self"`
	Manager  int       `json:"manager"`
	Evidence string    `json:"evidence,omitempty"` // what shows it: a document, a link, an observation
	By       int64     `json:"updated_by_user_id,omitempty"`
	At       time.Time `json:"updated_at,omitzero"`
}

// NotGiven is the level of an assessment not made.
const NotGiven = -1

// Assessment is an employee's ratings, by path.
type Assessment struct {
	EmployeeID int64             `json:"employee_id"`
	Ratings    map[string]Rating `json:"ratings"`
	UpdatedAt  time.Time         `json:"updated_at,omitzero"`
}

// RatingInput is one rating to record: the levels given (nil: keep the
// stored one) and the evidence (nil: keep).
type RatingInput struct {
	Path     string  `json:"path"`
	Self     *int    `json:"self,omitempty"`
	Manager  *int    `json:"manager,omitempty"`
	Evidence *string `json:"evidence,omitempty"`
}

// Apply records in on a: the caller has checked who may give which level.
func (a *Assessment) Apply(in RatingInput, by int64, at time.Time) {
	if a.Ratings == nil {
		a.Ratings = map[string]Rating{}
	}
	r, ok := a.Ratings[in.Path]
	if !ok {
		r = Rating{Path: in.Path, Self: NotGiven, Manager: NotGiven}
	}
	if in.Self != nil {
		r.Self = *in.Self
	}
	if in.Manager != nil {
		r.Manager = *in.Manager
	}
	if in.Evidence != nil {
		r.Evidence = strings.TrimSpace(*in.Evidence)
	}
	r.By, r.At = by, at
	a.Ratings[in.Path] = r
	a.UpdatedAt = at
}

// ValidateRatings checks each input names an item of the position's card
// and gives levels on the scale.
func ValidateRatings(items []Item, in []RatingInput) error {
	var p problems
	known := make(map[string]bool, len(items))
	for _, it := range items {
		known[it.Path] = true
	}
	for _, r := range in {
		if !known[r.Path] {
			p.add("workforce.rating_path", "path", r.Path)
		}
		for _, l := range []*int{r.Self, r.Manager} {
			if l != nil && *l != NotGiven && !ValidLevel(*l) {
				p.add("workforce.level", "level", itoa(*l), "path", r.Path)
			}
		}
		if r.Evidence != nil && (utf8.RuneCountInString(*r.Evidence) > MaxText || !utf8.ValidString(*r.Evidence)) {
			p.add("workforce.evidence_long", "max", itoa(MaxText))
		}
	}
	return p.err()
}

// Item is what a position's card asks of a worker and an assessment rates:
// a unit (a skill, or a labour function without skills) and, on a detailed
// position, the abilities and knowledge of each unit.
type Item struct {
	Path     string     `json:"path"`
	Kind     string     `json:"kind"` // skill, function, ability, knowledge
	Unit     string     `json:"unit"` // the unit's path (its own for a unit)
	Function int        `json:"function"`
	Code     string     `json:"code"` // as people cite it: "2.3" (function 2, skill 3); "2.3.k1" for knowledge 1 of it
	Title    kasip.Text `json:"title"`
	Required int        `json:"required"`
}

// IsUnit reports whether the item is a unit, not an ability or knowledge.
func (it Item) IsUnit() bool { return it.Path == it.Unit }

// Items lists what the position asks of card (the position's card, at its
// pinned version), in document order.
func Items(pos Position, card *kasip.Card) []Item {
	var out []Item
	for _, u := range recognition.Units(card, pos.Card) {
		code := itoa(u.Function + 1)
		kind := recognition.KindFunction
		if u.Skill >= 0 {
			code += "." + itoa(u.Skill+1)
			kind = recognition.KindSkill
		}
		out = append(out, Item{Path: u.Path, Kind: kind, Unit: u.Path, Function: u.Function, Code: code,
			Title: u.Title, Required: pos.RequiredOf(u.Path)})
		if !pos.Detailed {
			continue
		}
		for _, refs := range [][]recognition.Ref{u.Abilities, u.Knowledge} {
			for _, r := range refs {
				tag := "a"
				if r.Kind == recognition.KindKnowledge {
					tag = "k"
				}
				out = append(out, Item{Path: r.Path, Kind: r.Kind, Unit: u.Path, Function: u.Function,
					Code: code + "." + tag + itoa(r.Item+1), Title: r.Text, Required: pos.RequiredOf(r.Path)})
			}
		}
	}
	return out
}

// Confirmation is a unit confirmed by a certificate of Kasip's register.
type Confirmation struct {
	Unit   string `json:"unit"`
	Number string `json:"certificate"`
}

// Confirmed lists the units of the position's card that the certificates
// confirm at t: certificates valid at t, of the position's standard and
// card (any version: a unit is matched by path when the versions agree,
// else by its title), for its units or the whole card.
func Confirmed(pos Position, card *kasip.Card, certs []certificate.Certificate, t time.Time) map[string]string {
	out := map[string]string{}
	if len(certs) == 0 {
		return out // most people hold none: skip listing the units
	}
	units := recognition.Units(card, pos.Card)
	for _, c := range certs {
		if c.Status(t) != certificate.StatusValid || c.StandardCode != pos.Standard || c.Card != pos.Card {
			continue
		}
		if c.Whole && c.StandardVersion == pos.Version {
			for _, u := range units {
				setOnce(out, u.Path, c.Number)
			}
			continue
		}
		for _, cu := range c.Units {
			for _, u := range units {
				if unitMatches(u, cu, c.StandardVersion == pos.Version) {
					setOnce(out, u.Path, c.Number)
				}
			}
		}
		if c.Whole { // another version of the whole card: every unit the titles match
			for _, u := range units {
				if slices.ContainsFunc(c.Units, func(cu certificate.Unit) bool { return unitMatches(u, cu, false) }) {
					setOnce(out, u.Path, c.Number)
				}
			}
		}
	}
	return out
}

func setOnce(m map[string]string, k, v string) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// unitMatches: a certificate's unit is the card's unit u. A function
// recognised whole confirms its skills.
func unitMatches(u recognition.Unit, cu certificate.Unit, sameVersion bool) bool {
	if sameVersion {
		return cu.Path == u.Path || (cu.Kind == recognition.KindFunction && strings.HasPrefix(u.Path, cu.Path+"."))
	}
	return sameText(cu.Title, u.Title)
}

func sameText(a, b kasip.Text) bool {
	for lang, s := range a {
		if t := b[lang]; s != "" && t != "" {
			return strings.EqualFold(strings.Join(strings.Fields(s), " "), strings.Join(strings.Fields(t), " "))
		}
	}
	return false
}
