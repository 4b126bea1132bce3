package workforce

import (
	"cmp"
	"slices"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
)

// Sources of an assessed level, strongest first.
const (
	SourceCertificate = "certificate" // a recognised certificate of Kasip's register
	SourceManager     = "manager"     // the manager's assessment
	SourceSelf        = "self"        // only the employee's own
	SourceNone        = "none"        // not assessed
)

// Cell is one person on one item: the level required, the level assessed
// and where it comes from, and the gap (required minus assessed, 0 when
// met; NotGiven when not assessed).
type Cell struct {
	Required    int    `json:"required"`
	Self        int    `json:"self"`    // the employee's own level, NotGiven if none
	Manager     int    `json:"manager"` // the manager's, NotGiven if none
	Level       int    `json:"level"`   // NotGiven when not assessed
	Source      string `json:"source"`
	Gap         int    `json:"gap"`
	Certificate string `json:"certificate,omitempty"` // the number confirming the unit
}

// NotAssessed is the cell of an item nobody assessed.
func NotAssessed(required int) Cell {
	return Cell{Required: required, Self: NotGiven, Manager: NotGiven, Level: NotGiven, Source: SourceNone, Gap: NotGiven}
}

// Assessed reports whether a level is known.
func (c Cell) Assessed() bool { return c.Source != SourceNone }

// HasGap reports whether the item is assessed below the requirement.
func (c Cell) HasGap() bool { return c.Gap > 0 }

// CellOf is the cell of item it for rating r (ok: r exists) with the unit
// confirmed by certificate number cert ("" if not). A certificate counts
// as LevelIndependent, or the manager's level when higher; without one the
// manager's level stands, and the employee's own only when no manager
// assessed the item.
func CellOf(it Item, r Rating, ok bool, cert string) Cell {
	c := NotAssessed(it.Required)
	if ok {
		c.Self, c.Manager = r.Self, r.Manager
	}
	switch {
	case cert != "":
		c.Level, c.Source, c.Certificate = LevelIndependent, SourceCertificate, cert
		if ok && r.Manager > c.Level {
			c.Level = r.Manager
		}
	case ok && r.Manager != NotGiven:
		c.Level, c.Source = r.Manager, SourceManager
	case ok && r.Self != NotGiven:
		c.Level, c.Source = r.Self, SourceSelf
	}
	if c.Source != SourceNone {
		c.Gap = max(0, c.Required-c.Level)
	}
	return c
}

// Person is one employee's gap analysis against their position.
type Person struct {
	Employee Employee `json:"employee"`
	Cells    []Cell   `json:"cells"` // aligned with the Block's Items
	// Gaps counts items with a gap, Missing the levels missing in all
	// (the sum of the gaps), Unassessed the items not assessed.
	Gaps       int `json:"gaps"`
	Missing    int `json:"missing"`
	Unassessed int `json:"unassessed"`
}

// Block is the gap analysis of the employees of one position: the rows of
// a heat map (people) over its columns (the items of the position's card).
type Block struct {
	Position Position `json:"position"`
	Card     string   `json:"card_title,omitempty"` // filled by the caller, in the reader's language
	Items    []Item   `json:"items"`
	People   []Person `json:"people"`
	// ItemGaps are the columns' totals, aligned with Items.
	ItemGaps []ItemGap `json:"item_gaps"`
}

// ItemGap is one item over a group of people.
type ItemGap struct {
	Position  int64   `json:"position_id"`
	Item      Item    `json:"item"`
	People    int     `json:"people"`     // in the group
	Assessed  int     `json:"assessed"`   // of them, assessed
	WithGap   int     `json:"with_gap"`   // of those, below the requirement
	Missing   int     `json:"missing"`    // levels missing, summed
	MeanLevel float64 `json:"mean_level"` // over the assessed
	Confirmed int     `json:"confirmed"`  // by a certificate
}

// Analysis is the gap analysis of an organisation (or of one unit): one
// block per position that has employees, and the top gaps across them.
type Analysis struct {
	Org        Organisation `json:"organisation"`
	Unit       string       `json:"unit,omitempty"`
	At         time.Time    `json:"at"`
	Blocks     []Block      `json:"blocks"`
	Top        []ItemGap    `json:"top_gaps"`
	People     int          `json:"people"`
	WithGap    int          `json:"people_with_gaps"`
	Unassessed int          `json:"people_unassessed"` // no item assessed at all
	Unplaced   []Employee   `json:"without_position"`  // employees with no position (or one whose card is gone)
}

// CardOf finds the card a position is bound to, at its pinned version.
type CardOf func(pos Position) (*kasip.Card, bool)

// Analyse computes the gap analysis of snap at t, the cards coming from
// cards. Within a block people are ordered by missing levels, most first,
// then name, so the heat map's top rows are who needs most. Top holds the
// ItemGaps with the most people below the requirement, at most topN.
func Analyse(snap Snapshot, unit string, cards CardOf, t time.Time, topN int) Analysis {
	a := Analysis{Org: snap.Org, Unit: unit, At: t, Blocks: []Block{}, Top: []ItemGap{}, Unplaced: []Employee{}}
	byPos := map[int64][]Employee{}
	for _, e := range snap.Employees {
		if unit != "" && e.Unit != unit {
			continue
		}
		a.People++
		byPos[e.PositionID] = append(byPos[e.PositionID], e)
	}
	ids := make([]int64, 0, len(byPos))
	for id := range byPos {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		pos, ok := snap.Positions[id]
		var card *kasip.Card
		if ok {
			card, ok = cards(pos)
		}
		if !ok {
			a.Unplaced = append(a.Unplaced, byPos[id]...)
			continue
		}
		b := analyseBlock(pos, card, byPos[id], snap, t)
		for _, p := range b.People {
			if p.Gaps > 0 {
				a.WithGap++
			}
			if p.Unassessed == len(b.Items) {
				a.Unassessed++
			}
		}
		a.Top = append(a.Top, b.ItemGaps...)
		a.Blocks = append(a.Blocks, b)
	}
	a.Top = slices.DeleteFunc(a.Top, func(g ItemGap) bool { return g.WithGap == 0 })
	slices.SortStableFunc(a.Top, func(x, y ItemGap) int {
		return cmp.Or(cmp.Compare(y.WithGap, x.WithGap), cmp.Compare(y.Missing, x.Missing))
	})
	if len(a.Top) > topN {
		a.Top = a.Top[:topN]
	}
	return a
}

// analyseBlock is the block of the people in pos. Its columns are the
// card's units (skills, or labour functions without skills): the heat map
// is skills × people; a detailed position's abilities and knowledge are on
// each person's own analysis (PersonOf over Items).
func analyseBlock(pos Position, card *kasip.Card, people []Employee, snap Snapshot, t time.Time) Block {
	units := pos
	units.Detailed = false
	b := Block{Position: pos, Items: Items(units, card)}
	b.ItemGaps = make([]ItemGap, len(b.Items))
	for i, it := range b.Items {
		b.ItemGaps[i] = ItemGap{Position: pos.ID, Item: it}
	}
	sum := make([]int, len(b.Items))
	for _, e := range people {
		var certs []certificate.Certificate
		if e.CandidateID != 0 {
			certs = snap.Certificates[e.CandidateID]
		}
		p := PersonOf(e, pos, card, b.Items, snap.Assessments[e.ID], certs, t)
		for i, c := range p.Cells {
			g := &b.ItemGaps[i]
			g.People++
			if !c.Assessed() {
				continue
			}
			g.Assessed++
			sum[i] += c.Level
			if c.HasGap() {
				g.WithGap++
				g.Missing += c.Gap
			}
			if c.Source == SourceCertificate {
				g.Confirmed++
			}
		}
		b.People = append(b.People, p)
	}
	for i := range b.ItemGaps {
		if n := b.ItemGaps[i].Assessed; n > 0 {
			b.ItemGaps[i].MeanLevel = float64(sum[i]) / float64(n)
		}
	}
	slices.SortStableFunc(b.People, func(x, y Person) int {
		return cmp.Or(cmp.Compare(y.Missing, x.Missing), cmp.Compare(x.Employee.Name, y.Employee.Name))
	})
	return b
}

// PersonOf is one employee's analysis over items (Items of pos and card).
func PersonOf(e Employee, pos Position, card *kasip.Card, items []Item, as Assessment, certs []certificate.Certificate, t time.Time) Person {
	confirmed := Confirmed(pos, card, certs, t)
	p := Person{Employee: e, Cells: make([]Cell, len(items))}
	for i, it := range items {
		r, ok := as.Ratings[it.Path]
		c := CellOf(it, r, ok, confirmed[it.Unit])
		p.Cells[i] = c
		switch {
		case !c.Assessed():
			p.Unassessed++
		case c.HasGap():
			p.Gaps++
			p.Missing += c.Gap
		}
	}
	return p
}

// Closed reports whether an action's gaps are closed for p over items:
// every item it addresses is assessed (or confirmed) at the requirement.
// An action addressing no item is never closed by the analysis.
func Closed(a Action, items []Item, p Person) bool {
	if len(a.Items) == 0 {
		return false
	}
	idx := make(map[string]int, len(items))
	for i, it := range items {
		idx[it.Path] = i
	}
	for _, path := range a.Items {
		i, ok := idx[path]
		if !ok || !p.Cells[i].Assessed() || p.Cells[i].HasGap() {
			return false
		}
	}
	return true
}
