package service

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/kasip/kasip/workforce"
)

// WFMayRate: the employee gives only their own levels (self) and
// evidence; the manager (HR, the head of the unit) the manager's levels
// and evidence, and not the employee's own.
func WFMayRate(a OrgAccess, e workforce.Employee, in []workforce.RatingInput) error {
	manages, self := a.Manages(e), a.IsSelf(e)
	for _, r := range in {
		if (r.Manager != nil && !manages) || (r.Self != nil && !self) || (r.Evidence != nil && !manages && !self) {
			return ErrRefused
		}
	}
	return nil
}

// WFActionUpdate is the action the caller may store: the manager changes
// anything; the employee only the status, the progress and the note of
// their own action.
func WFActionUpdate(a OrgAccess, e workforce.Employee, cur, up workforce.Action) (workforce.Action, error) {
	up.ID, up.EmployeeID, up.OrgID, up.Demo, up.ApplicationID = cur.ID, cur.EmployeeID, cur.OrgID, cur.Demo, cur.ApplicationID
	switch {
	case a.Manages(e):
		return up, nil
	case a.IsSelf(e):
		own := cur
		own.Status, own.Progress, own.Note, own.Revision = up.Status, up.Progress, up.Note, up.Revision
		return own, nil
	}
	return cur, ErrRefused
}

// PlanRow is an action in the head's overview, with its employee.
type PlanRow struct {
	ActionView
	Employee string `json:"employee_name"`
	Unit     string `json:"unit,omitempty"`
}

// WFPlans are the actions the caller sees (of one employee, unless 0):
// overdue first, then open by due date, then the closed; and the analysis
// of everyone the caller sees they were judged on.
func (s *Server) WFPlans(r *http.Request, ws workforce.Store, a OrgAccess, employee int64) ([]PlanRow, map[int64]Analysed, error) {
	an, cards, err := s.wfPeople(r, ws, a)
	if err != nil {
		return nil, nil, err
	}
	acts, err := ws.ListActions(r.Context(), workforce.ActionFilter{OrgID: a.Org.ID, EmployeeID: employee})
	if err != nil {
		return nil, nil, err
	}
	out := []PlanRow{}
	for _, act := range acts {
		p, ok := an[act.EmployeeID]
		if !ok || !a.Sees(p.Employee) {
			continue
		}
		if !onUnits(act, p.Items) && p.Employee.PositionID != 0 {
			if p, err = s.detailed(r, ws, p.Employee, cards); err != nil {
				return nil, nil, err
			}
			an[act.EmployeeID] = p
		}
		out = append(out, PlanRow{ActionView: s.actionView(act, p.Items, p.Person), Employee: p.Employee.Name, Unit: p.Employee.Unit})
	}
	slices.SortStableFunc(out, func(x, y PlanRow) int {
		return cmp.Or(-cmpBool(x.Overdue, y.Overdue), -cmpBool(x.Open() && !x.GapClosed, y.Open() && !y.GapClosed),
			x.Due.Compare(y.Due), cmp.Compare(x.ID, y.ID))
	})
	return out, an, nil
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Analysed is one employee's analysis over the items of their position's
// card it covers (none when they have no position, or its card is gone).
type Analysed struct {
	workforce.Person
	Items []workforce.Item
}

// wfPeople is the analysis of everyone the caller sees, by employee, over
// the units of their position's card (what the snapshot holds).
func (s *Server) wfPeople(r *http.Request, ws workforce.Store, a OrgAccess) (map[int64]Analysed, *Cards, error) {
	snap, err := ws.Snapshot(r.Context(), a.Org.ID, "")
	if err != nil {
		return nil, nil, err
	}
	cards := NewCards(r.Context(), s.Reg)
	out := map[int64]Analysed{}
	now := s.Opt.Now()
	for _, e := range snap.Employees {
		if !a.Sees(e) {
			continue
		}
		v := Analysed{Person: workforce.Person{Employee: e}}
		if pos, ok := snap.Positions[e.PositionID]; ok {
			if card, ok := cards.Card(pos); ok {
				pos.Detailed = false
				v.Items = workforce.Items(pos, card)
				v.Person = workforce.PersonOf(e, pos, card, v.Items, snap.Assessments[e.ID], snap.Certificates[e.CandidateID], now)
			}
		}
		out[e.ID] = v
	}
	return out, cards, nil
}

// detailed is the analysis of one employee over every item, for an action
// on abilities or knowledge (which the snapshot does not hold).
func (s *Server) detailed(r *http.Request, ws workforce.Store, e workforce.Employee, cards *Cards) (Analysed, error) {
	v := Analysed{Person: workforce.Person{Employee: e}}
	pos, err := ws.GetPosition(r.Context(), e.PositionID)
	if err != nil {
		return v, err
	}
	card, ok := cards.Card(pos)
	if !ok {
		return v, nil
	}
	as, err := ws.Assessment(r.Context(), e.ID)
	if err != nil {
		return v, err
	}
	certs, err := s.holderCertificates(r, e)
	if err != nil {
		return v, err
	}
	v.Items = workforce.Items(pos, card)
	v.Person = workforce.PersonOf(e, pos, card, v.Items, as, certs, s.Opt.Now())
	return v, nil
}

// onUnits reports whether every item the action addresses is one of items.
func onUnits(act workforce.Action, items []workforce.Item) bool {
	for _, p := range act.Items {
		if !slices.ContainsFunc(items, func(it workforce.Item) bool { return it.Path == p }) {
			return false
		}
	}
	return true
}
