package service

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/jobdesc"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/workforce"
)

// Standards at work: who may see and change what in an organisation, and
// the computations the API and the pages both show (a position's job
// description and changes, the gap analysis, a person's plan, a
// programme's coverage).

// ErrNoWorkforce: the server keeps no organisations (501).
var ErrNoWorkforce = errors.New("this registry does not keep organisations")

// WFStore returns the organisations' store.
func (s *Server) WFStore() (workforce.Store, error) {
	if s.Workforce == nil {
		return nil, ErrNoWorkforce
	}
	return s.Workforce, nil
}

// OrgAccess is how the caller stands to one organisation: as an
// administrator, as a member in a role, or as one of its employees (with
// their own record only). Anyone else does not learn it exists.
type OrgAccess struct {
	Org    workforce.Organisation
	Admin  bool
	Member workforce.Member // Role "" when not a member
	Self   []int64          // the caller's own employee records
}

// OrgAccessOf reads the organisation and the caller's standing in it: a
// caller with none gets ErrHidden (404), as for an organisation that does
// not exist, so organisations do not see each other.
func (s *Server) OrgAccessOf(r *http.Request, ws workforce.Store, orgID int64) (OrgAccess, error) {
	p := session.Principal(r)
	o, err := ws.GetOrganisation(r.Context(), orgID)
	if err != nil {
		if errors.Is(err, kasip.ErrNotFound) {
			return OrgAccess{}, ErrHidden
		}
		return OrgAccess{}, err
	}
	a := OrgAccess{Org: o, Admin: p.Is(auth.RoleAdmin)}
	if p.UserID != 0 {
		ms, err := ws.Memberships(r.Context(), p.UserID)
		if err != nil {
			return a, err
		}
		for _, m := range ms {
			if m.OrgID == orgID {
				a.Member = m
			}
		}
		es, err := ws.EmployeesOfUser(r.Context(), p.UserID)
		if err != nil {
			return a, err
		}
		for _, e := range es {
			if e.OrgID == orgID {
				a.Self = append(a.Self, e.ID)
			}
		}
	}
	if !a.Admin && a.Member.Role == "" && len(a.Self) == 0 {
		return OrgAccess{}, ErrHidden
	}
	return a, nil
}

// HR: the administrator or the organisation's HR: everything in it.
func (a OrgAccess) HR() bool { return a.Admin || a.Member.Role == workforce.RoleHR }

// Staff: a member in any role (HR, a head, a methodologist).
func (a OrgAccess) Staff() bool { return a.Admin || a.Member.Role != "" }

// Manages reports whether the caller assesses and plans for e: HR, or
// the head of e's unit.
func (a OrgAccess) Manages(e workforce.Employee) bool {
	return a.HR() || (a.Member.Role == workforce.RoleHead && a.Member.Unit == e.Unit)
}

// IsSelf reports whether e is the caller's own record.
func (a OrgAccess) IsSelf(e workforce.Employee) bool { return slices.Contains(a.Self, e.ID) }

// Sees reports whether the caller may see e's record, assessment and plan.
func (a OrgAccess) Sees(e workforce.Employee) bool { return a.Manages(e) || a.IsSelf(e) }

// EditsProgrammes: HR or a methodologist of an education provider.
func (a OrgAccess) EditsProgrammes() bool {
	return a.HR() || a.Member.Role == workforce.RoleMethodologist
}

// Unit is the unit whose staff the caller sees as a group: "" (all) for
// HR, the head's unit for a head.
func (a OrgAccess) Unit() (string, bool) {
	switch {
	case a.HR():
		return "", true
	case a.Member.Role == workforce.RoleHead:
		return a.Member.Unit, true
	}
	return "", false
}

// Refuse is ErrRefused unless ok.
func Refuse(ok bool) error {
	if ok {
		return nil
	}
	return ErrRefused
}

// Cards reads the cards positions and programmes are bound to, each
// standard version once: one serves one request (it is not safe for
// concurrent use), and a handler hands its own to the operations it calls.
type Cards struct {
	reg kasip.Registry
	ctx context.Context
	std map[[2]string]*kasip.Standard
}

// orNew is c, or new Cards of the request when c is nil.
func (s *Server) orNew(r *http.Request, c *Cards) *Cards {
	if c == nil {
		return NewCards(r.Context(), s.Reg)
	}
	return c
}

// NewCards reads from reg.
func NewCards(ctx context.Context, reg kasip.Registry) *Cards {
	return &Cards{reg: reg, ctx: ctx, std: map[[2]string]*kasip.Standard{}}
}

// Standard is code at version ("" the latest), nil when it is gone.
func (c *Cards) Standard(code, version string) *kasip.Standard {
	k := [2]string{code, version}
	if st, ok := c.std[k]; ok {
		return st
	}
	st, err := c.reg.Standard(c.ctx, code, version)
	if err != nil {
		st = nil
	}
	c.std[k] = st
	return st
}

// Card is the card a position is bound to.
func (c *Cards) Card(pos workforce.Position) (*kasip.Card, bool) {
	st := c.Standard(pos.Standard, pos.Version)
	if st == nil || pos.Card < 0 || pos.Card >= len(st.Cards) {
		return nil, false
	}
	return &st.Cards[pos.Card], true
}

// Ref is the standard of a programme's card.
func (c *Cards) Ref(ref workforce.CardRef) (*kasip.Standard, bool) {
	st := c.Standard(ref.Standard, ref.Version)
	return st, st != nil
}

// Latest is, for a CardRef, the latest version of its standard and the
// changes within the card since ref's version (nil when ref is the latest).
func (c *Cards) Latest(ref workforce.CardRef) (string, []kasip.Change) {
	old, cur := c.Standard(ref.Standard, ref.Version), c.Standard(ref.Standard, "")
	if old == nil || cur == nil || cur.VersionKey() == old.VersionKey() {
		return "", nil
	}
	return cur.VersionKey(), workforce.CardChanges(old, cur, ref.Card)
}

// PositionChanges are what a newer version of the position's standard
// changed in its card: the latest version ("" when the position is on
// it) and the changes.
func (c *Cards) PositionChanges(pos workforce.Position) (string, []kasip.Change) {
	return c.Latest(workforce.CardRef{Standard: pos.Standard, Version: pos.Version, Card: pos.Card})
}

// TopGaps is how many top gaps an analysis lists.
const TopGaps = 10

// WFAnalysis is the gap analysis the caller may see: the organisation's
// (HR), or of the head's unit; unit narrows it further for HR. The cards
// are read through cards (nil: the call's own).
func (s *Server) WFAnalysis(r *http.Request, ws workforce.Store, a OrgAccess, unit string, cards *Cards) (workforce.Analysis, error) {
	own, ok := a.Unit()
	if !ok {
		return workforce.Analysis{}, ErrRefused
	}
	if own != "" {
		unit = own
	}
	snap, err := ws.Snapshot(r.Context(), a.Org.ID, unit)
	if err != nil {
		return workforce.Analysis{}, err
	}
	return workforce.Analyse(snap, unit, s.orNew(r, cards).Card, s.Opt.Now(), TopGaps), nil
}

// PersonView is one employee's assessment against their position: the
// items, the cells, and the plan with what the analysis says of each
// action.
type PersonView struct {
	Employee workforce.Employee          `json:"employee"`
	Position *workforce.Position         `json:"position,omitempty"`
	Items    []workforce.Item            `json:"items"`
	Ratings  map[string]workforce.Rating `json:"ratings"`
	Analysis workforce.Person            `json:"analysis"`
	Plan     []ActionView                `json:"plan"`
	// Manages: the caller may give the manager's levels and plan; Self:
	// this is the caller's own record (their own levels).
	Manages bool `json:"can_manage"`
	Self    bool `json:"is_self"`
}

// ActionView is an action with what the analysis says of it now.
type ActionView struct {
	workforce.Action
	// GapClosed: every item it addresses is assessed (or confirmed) at the
	// requirement: the plan closed the gap.
	GapClosed bool `json:"gap_closed"`
	Overdue   bool `json:"overdue"`
}

// WFPerson is e's view for the caller, who must see e (cards as for
// WFAnalysis).
func (s *Server) WFPerson(r *http.Request, ws workforce.Store, a OrgAccess, e workforce.Employee, cards *Cards) (PersonView, error) {
	if !a.Sees(e) {
		return PersonView{}, ErrHidden
	}
	v := PersonView{Employee: e, Items: []workforce.Item{}, Plan: []ActionView{}, Manages: a.Manages(e), Self: a.IsSelf(e)}
	as, err := ws.Assessment(r.Context(), e.ID)
	if err != nil {
		return v, err
	}
	v.Ratings = as.Ratings
	actions, err := ws.ListActions(r.Context(), workforce.ActionFilter{OrgID: e.OrgID, EmployeeID: e.ID})
	if err != nil {
		return v, err
	}
	if e.PositionID != 0 {
		pos, err := ws.GetPosition(r.Context(), e.PositionID)
		if err != nil {
			return v, err
		}
		v.Position = &pos
		if card, ok := s.orNew(r, cards).Card(pos); ok {
			certs, err := s.holderCertificates(r, e)
			if err != nil {
				return v, err
			}
			v.Items = workforce.Items(pos, card)
			v.Analysis = workforce.PersonOf(e, pos, card, v.Items, as, certs, s.Opt.Now())
		}
	}
	for _, act := range actions {
		v.Plan = append(v.Plan, s.actionView(act, v.Items, v.Analysis))
	}
	return v, nil
}

func (s *Server) actionView(act workforce.Action, items []workforce.Item, p workforce.Person) ActionView {
	closed := len(p.Cells) == len(items) && workforce.Closed(act, items, p)
	return ActionView{Action: act, GapClosed: closed, Overdue: !closed && act.Overdue(s.Opt.Now(), kazakhstan)}
}

// kazakhstan is the zone the days of plans are counted in (UTC+5, the
// zone of the recognition settings' default).
var kazakhstan = time.FixedZone("UTC+5", 5*3600)

// holderCertificates are the certificates of e's candidate record.
func (s *Server) holderCertificates(r *http.Request, e workforce.Employee) ([]certificate.Certificate, error) {
	if e.CandidateID == 0 || s.Certificates == nil {
		return nil, nil
	}
	return s.Certificates.CertificatesOfCandidate(r.Context(), e.CandidateID)
}

// WFOrganisations are the organisations the caller sees: every one for an
// administrator, else those they are a member or an employee of.
func (s *Server) WFOrganisations(r *http.Request, ws workforce.Store) ([]workforce.Organisation, error) {
	all, err := ws.ListOrganisations(r.Context())
	if err != nil {
		return nil, err
	}
	p := session.Principal(r)
	if p.Is(auth.RoleAdmin) {
		return all, nil
	}
	mine := map[int64]bool{}
	if p.UserID != 0 {
		ms, err := ws.Memberships(r.Context(), p.UserID)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			mine[m.OrgID] = true
		}
		es, err := ws.EmployeesOfUser(r.Context(), p.UserID)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			mine[e.OrgID] = true
		}
	}
	out := []workforce.Organisation{}
	for _, o := range all {
		if mine[o.ID] {
			out = append(out, o)
		}
	}
	return out, nil
}

// WFEmployee reads an employee of the organisation the caller may see.
func (s *Server) WFEmployee(r *http.Request, ws workforce.Store, a OrgAccess, id int64) (workforce.Employee, error) {
	e, err := ws.GetEmployee(r.Context(), id)
	if err != nil || e.OrgID != a.Org.ID || !a.Sees(e) {
		if err == nil || errors.Is(err, kasip.ErrNotFound) {
			err = ErrHidden
		}
		return e, err
	}
	return e, nil
}

// WFPosition reads a position of the organisation; every member and
// employee sees the organisation's positions.
func (s *Server) WFPosition(r *http.Request, ws workforce.Store, a OrgAccess, id int64) (workforce.Position, error) {
	pos, err := ws.GetPosition(r.Context(), id)
	if err != nil || pos.OrgID != a.Org.ID {
		if err == nil || errors.Is(err, kasip.ErrNotFound) {
			err = ErrHidden
		}
		return pos, err
	}
	return pos, nil
}

// WFAction reads an action of an employee the caller sees.
func (s *Server) WFAction(r *http.Request, ws workforce.Store, a OrgAccess, id int64) (workforce.Action, workforce.Employee, error) {
	act, err := ws.GetAction(r.Context(), id)
	if err != nil || act.OrgID != a.Org.ID {
		if err == nil || errors.Is(err, kasip.ErrNotFound) {
			err = ErrHidden
		}
		return act, workforce.Employee{}, err
	}
	e, err := s.WFEmployee(r, ws, a, act.EmployeeID)
	return act, e, err
}

// WFEduProgramme reads a programme of the organisation; members see them.
func (s *Server) WFEduProgramme(r *http.Request, ws workforce.Store, a OrgAccess, id int64) (workforce.EduProgramme, error) {
	pr, err := ws.GetEduProgramme(r.Context(), id)
	if err != nil || pr.OrgID != a.Org.ID || !a.Staff() {
		if err == nil || errors.Is(err, kasip.ErrNotFound) {
			err = ErrHidden
		}
		return pr, err
	}
	return pr, nil
}

// WFCoverage is the programme's coverage matrix with the outcomes a newer
// version of a standard touches flagged.
func (s *Server) WFCoverage(r *http.Request, pr workforce.EduProgramme) workforce.Matrix {
	cards := NewCards(r.Context(), s.Reg)
	m := workforce.Coverage(pr, cards.Ref)
	m.Flag(cards.Latest)
	return m
}

// PositionView is a position with its job description in one language
// and what a newer version of its standard changes.
type PositionView struct {
	Position    workforce.Position       `json:"position"`
	Description *jobdesc.Description     `json:"job_description,omitempty"`
	Sections    []workforce.SectionState `json:"sections,omitempty"`
	Latest      string                   `json:"latest_version,omitempty"`
	Changes     []kasip.Change           `json:"changes"`
	Employees   int                      `json:"employees"`
}

// WFPositionView describes pos in lang ("" for no description); a
// language the card has no text in is not found (cards as for
// WFAnalysis).
func (s *Server) WFPositionView(r *http.Request, pos workforce.Position, lang string, cards *Cards) (PositionView, error) {
	cards = s.orNew(r, cards)
	v := PositionView{Position: pos, Changes: []kasip.Change{}}
	v.Latest, v.Changes = cards.PositionChanges(pos)
	if v.Changes == nil {
		v.Changes = []kasip.Change{}
	}
	if lang == "" {
		return v, nil
	}
	st := cards.Standard(pos.Standard, pos.Version)
	if st == nil {
		return v, fmt.Errorf("position %d: standard %s version %s: %w", pos.ID, pos.Standard, pos.Version, kasip.ErrNotFound)
	}
	d, states, err := workforce.Describe(pos, st, lang)
	if errors.Is(err, jobdesc.ErrLanguage) {
		return v, fmt.Errorf("%w: %w", kasip.ErrNotFound, err)
	}
	if err != nil {
		return v, err
	}
	v.Description, v.Sections = &d, states
	return v, nil
}

// WFEditSection stores the caller's wording of a section of pos's
// description in lang (lines nil: back to the standard's wording).
func (s *Server) WFEditSection(r *http.Request, ws workforce.Store, pos workforce.Position, lang, section string, lines []string) (workforce.Position, error) {
	st, err := s.Reg.Standard(r.Context(), pos.Standard, pos.Version)
	if err != nil {
		return pos, err
	}
	d, err := jobdesc.Generate(st, pos.Card, lang)
	if err != nil {
		return pos, fmt.Errorf("%w: %v", kasip.ErrInvalid, err)
	}
	i := slices.IndexFunc(d.Sections, func(sec jobdesc.Section) bool { return sec.Key == section })
	if i < 0 {
		return pos, workforce.Refuse(workforce.ErrInvalid, "workforce.edit_section", "section", section)
	}
	edits := maps.Clone(pos.Edits)
	if edits == nil {
		edits = map[string]workforce.Edit{}
	}
	key := workforce.EditKey(lang, section)
	if lines == nil {
		delete(edits, key)
	} else {
		edits[key] = workforce.NewEdit(d.Sections[i], lines, RecActor(r), s.Opt.Now())
	}
	pos.Edits = edits
	return ws.UpdatePosition(r.Context(), RecActor(r), pos)
}

// WFUpgradePosition moves pos to the latest version of its standard; the
// edits stay (the description shows where the standard's wording of an
// edited section changed).
func (s *Server) WFUpgradePosition(r *http.Request, ws workforce.Store, pos workforce.Position) (workforce.Position, error) {
	latest, _ := NewCards(r.Context(), s.Reg).PositionChanges(pos)
	if latest == "" {
		return pos, workforce.Refuse(workforce.ErrConflict, "workforce.position_latest", "version", pos.Version)
	}
	pos.Version = latest
	return ws.UpdatePosition(r.Context(), RecActor(r), pos)
}
