package workforce

import (
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

// Row is one row of a coverage matrix: a labour function, a unit of it, or
// an ability or knowledge item of a unit.
type Row struct {
	Standard string     `json:"standard_code"`
	Card     int        `json:"card"`
	Path     string     `json:"path"`
	Kind     string     `json:"kind"` // function, skill, ability, knowledge
	Code     string     `json:"code"` // "2", "2.3", "2.3.k1"
	Title    kasip.Text `json:"title"`
	// Counts are, per module (aligned with the programme's Modules), the
	// outcomes that teach the row's item itself. Total adds up every
	// module's; Taught also counts the items under it (a function is
	// taught when any of its units is).
	Counts []int `json:"counts"`
	Total  int   `json:"total"`
	Taught bool  `json:"taught"`
}

// Matrix is the coverage of the cards of a programme by its modules.
type Matrix struct {
	Programme EduProgramme `json:"programme"`
	Rows      []Row        `json:"rows"`
	// Uncovered are the rows of units, abilities and knowledge that no
	// outcome teaches (functions are covered through their units).
	Uncovered []Row `json:"uncovered"`
	// Units and UnitsTaught count units; Items and ItemsTaught abilities
	// and knowledge.
	Units, UnitsTaught int `json:"-"`
	Items, ItemsTaught int `json:"-"`
	// Flagged are the outcomes touched by a newer version of a card's
	// standard; filled by Flag.
	Flagged []FlaggedOutcome `json:"flagged"`
}

// Counts of the matrix for JSON.
type MatrixCounts struct {
	Units       int `json:"units"`
	UnitsTaught int `json:"units_taught"`
	Items       int `json:"items"`
	ItemsTaught int `json:"items_taught"`
}

// Totals are the matrix's counts.
func (m Matrix) Totals() MatrixCounts {
	return MatrixCounts{m.Units, m.UnitsTaught, m.Items, m.ItemsTaught}
}

// Coverage builds the matrix of pr over its cards, std giving the standard
// of each of its CardRefs (at the programme's version).
func Coverage(pr EduProgramme, std func(CardRef) (*kasip.Standard, bool)) Matrix {
	m := Matrix{Programme: pr, Rows: []Row{}, Uncovered: []Row{}, Flagged: []FlaggedOutcome{}}
	counts := map[string][]int{} // standard + " " + path → per module
	for mi, mod := range pr.Modules {
		for _, o := range mod.Outcomes {
			seen := map[string]bool{}
			for _, it := range o.Items {
				k := it.Standard + " " + it.Path
				if seen[k] {
					continue
				}
				seen[k] = true
				if counts[k] == nil {
					counts[k] = make([]int, len(pr.Modules))
				}
				counts[k][mi]++
			}
		}
	}
	for _, ref := range pr.Cards {
		st, ok := std(ref)
		if !ok || ref.Card < 0 || ref.Card >= len(st.Cards) {
			continue
		}
		m.addCard(ref, &st.Cards[ref.Card], counts, len(pr.Modules))
	}
	return m
}

func (m *Matrix) addCard(ref CardRef, card *kasip.Card, counts map[string][]int, modules int) {
	row := func(path, kind, code string, title kasip.Text) Row {
		r := Row{Standard: ref.Standard, Card: ref.Card, Path: path, Kind: kind, Code: code, Title: title, Counts: counts[ref.Standard+" "+path]}
		if r.Counts == nil {
			r.Counts = make([]int, modules)
		}
		for _, n := range r.Counts {
			r.Total += n
		}
		r.Taught = r.Total > 0
		return r
	}
	units := recognition.Units(card, ref.Card)
	for fi := range card.Functions {
		fnAt := len(m.Rows)
		fpath := recognition.FunctionPath(ref.Card, fi)
		m.Rows = append(m.Rows, row(fpath, recognition.KindFunction, itoa(fi+1), card.Functions[fi].Title))
		for _, u := range units {
			if u.Function != fi {
				continue
			}
			code := itoa(fi + 1)
			unitRow := m.Rows[fnAt]
			if u.Skill >= 0 {
				code += "." + itoa(u.Skill+1)
				unitRow = row(u.Path, recognition.KindSkill, code, u.Title)
			}
			var sub []Row
			for _, refs := range [][]recognition.Ref{u.Abilities, u.Knowledge} {
				for _, r := range refs {
					tag := "a"
					if r.Kind == recognition.KindKnowledge {
						tag = "k"
					}
					ir := row(r.Path, r.Kind, code+"."+tag+itoa(r.Item+1), r.Text)
					m.Items++
					if ir.Taught {
						m.ItemsTaught++
						unitRow.Taught = true
					} else {
						m.Uncovered = append(m.Uncovered, ir)
					}
					sub = append(sub, ir)
				}
			}
			m.Units++
			if unitRow.Taught {
				m.UnitsTaught++
			} else {
				m.Uncovered = append(m.Uncovered, unitRow)
			}
			if u.Skill >= 0 {
				m.Rows = append(m.Rows, unitRow)
			} else {
				m.Rows[fnAt].Taught = m.Rows[fnAt].Taught || unitRow.Taught
			}
			if unitRow.Taught {
				m.Rows[fnAt].Taught = true
			}
			m.Rows = append(m.Rows, sub...)
		}
	}
}

// FlaggedOutcome is a learning outcome whose items a newer version of the
// standard changed or removed.
type FlaggedOutcome struct {
	Module  int            `json:"module"`  // index in Modules
	Outcome int            `json:"outcome"` // index in the module's Outcomes
	Item    ItemRef        `json:"item"`
	Latest  string         `json:"latest_version"`
	Changes []kasip.Change `json:"changes"`
}

// Flag marks the outcomes of m's programme that a newer version of a
// card's standard touches: latest gives, for a CardRef, the latest version
// and its changes against the programme's version (nil when it is the
// latest). An outcome is flagged for an item when a change is at the
// item, inside it or at an item it is inside (a skill retitled touches
// the knowledge taught under it).
func (m *Matrix) Flag(latest func(CardRef) (string, []kasip.Change)) {
	for _, ref := range m.Programme.Cards {
		version, changes := latest(ref)
		if len(changes) == 0 {
			continue
		}
		for mi, mod := range m.Programme.Modules {
			for oi, o := range mod.Outcomes {
				for _, it := range o.Items {
					if it.Standard != ref.Standard {
						continue
					}
					var hit []kasip.Change
					for _, c := range changes {
						if related(c.Path, it.Path) {
							hit = append(hit, c)
						}
					}
					if len(hit) > 0 {
						m.Flagged = append(m.Flagged, FlaggedOutcome{Module: mi, Outcome: oi, Item: it, Latest: version, Changes: hit})
					}
				}
			}
		}
	}
}

// related: the change at c is at the item at it, inside it, or at a
// function or skill it is inside. A change of an entry's field (its title,
// its text) belongs to the entry. Changes of the card's own fields (its
// title, its codes) touch no outcome.
func related(c, it string) bool {
	owner := c
	if i := strings.LastIndexByte(c, '.'); i >= 0 && !strings.Contains(c[i:], "[") {
		owner = c[:i]
	}
	return owner == it || strings.HasPrefix(owner, it+".") ||
		(strings.HasPrefix(it, owner+".") && strings.Contains(owner, ".functions["))
}
