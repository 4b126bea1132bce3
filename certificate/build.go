package certificate

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

// Source is what a certificate is made from.
type Source struct {
	Application recognition.Application
	// Decision is the decision in force: the last one (a re-decision after
	// an appeal replaces the first).
	Decision recognition.Decision
	// Card is card Application.Card of the pinned standard version
	// (Application.StandardCode, Application.StandardVersion).
	Card          *kasip.Card
	StandardTitle kasip.Text
	Generated     bool // the standard is demo data made by Kasip
	HolderName    string
	Centre        recognition.Centre // its name and BIN are printed
	IssuedAt      time.Time
	IssuedBy      int64
	// Zone is the zone the day of issue is reckoned in
	// (recognition.Settings.Location).
	Zone *time.Location
}

// issuableStates are the states whose decision stands: decided (the
// appeal period may be running: the decision is in force until appealed),
// re-decided, and closed. An appealed decision is suspended by the appeal.
var issuableStates = []string{recognition.StateDecided, recognition.StateRedecided, recognition.StateClosed}

// CheckIssuable refuses an application whose decision does not give a
// certificate: not decided, under appeal, or nothing recognised.
func CheckIssuable(a recognition.Application, d recognition.Decision) error {
	if !slices.Contains(issuableStates, a.State) {
		return recognition.NewError(ErrConflict, "certificate.not_decided", "id", strconv.FormatInt(a.ID, 10), "state", a.State)
	}
	if d.ID == 0 {
		return recognition.NewError(ErrConflict, "application.no_decision", "id", strconv.FormatInt(a.ID, 10))
	}
	if d.Outcome != recognition.OutcomeWhole && d.Outcome != recognition.OutcomeUnits {
		return recognition.NewError(ErrConflict, "certificate.nothing_recognised", "id", strconv.FormatInt(a.ID, 10))
	}
	return nil
}

// New builds the certificate of src under set, without what the store
// allocates (Number, StatusListID, StatusIndex, IssuerKeyID).
func New(src Source, set Settings) (Certificate, error) {
	a, d := src.Application, src.Decision
	if err := CheckIssuable(a, d); err != nil {
		return Certificate{}, err
	}
	var p []string
	if src.Card == nil {
		p = append(p, "the card is missing")
	}
	if strings.TrimSpace(src.HolderName) == "" {
		p = append(p, "the holder's name is missing")
	}
	if src.Centre.Name.IsEmpty() {
		p = append(p, "the centre's name is missing")
	}
	if src.IssuedAt.IsZero() || src.Zone == nil {
		p = append(p, "the time and zone of issue are missing")
	}
	if set.ValidityYears < 1 {
		p = append(p, fmt.Sprintf("validity of %d years", set.ValidityYears))
	}
	if err := errs(fmt.Sprintf("certificate of application %d", a.ID), p); err != nil {
		return Certificate{}, err
	}
	whole := d.Outcome == recognition.OutcomeWhole
	units, err := recognisedUnits(src.Card, a.Card, whole, d.Units)
	if err != nil {
		return Certificate{}, fmt.Errorf("certificate of application %d: %w", a.ID, err)
	}
	c := Certificate{
		ApplicationID: a.ID, DecisionID: d.ID, CandidateID: a.CandidateID,
		HolderName: strings.Join(strings.Fields(src.HolderName), " "),
		Profession: maps.Clone(src.Card.Title), Level: a.Level, StandardCode: a.StandardCode,
		StandardVersion: a.StandardVersion, StandardTitle: maps.Clone(src.StandardTitle), Card: a.Card,
		Whole: whole, Units: units,
		CentreID: a.CentreID, CentreName: maps.Clone(src.Centre.Name), CentreBIN: src.Centre.BIN,
		CentreHead: src.Centre.Head.Normalized(),
		IssuedAt:   src.IssuedAt.UTC(), State: StatusValid, StateChangedAt: src.IssuedAt.UTC(),
		Demo: set.Demo || src.Generated, IssuedBy: src.IssuedBy,
	}
	c.IssueDate, c.ValidUntil, c.ExpiresAt = validity(src.IssuedAt, src.Zone, set.ValidityYears)
	return c, nil
}

// validity returns the day of issue, the last day of validity and the
// first instant after it: issued on the 10th of March 2025 for 5 years,
// valid to the 9th of March 2030 inclusive, expired from midnight that
// night (in zone).
func validity(at time.Time, zone *time.Location, years int) (issue, until, expires time.Time) {
	y, m, d := at.In(zone).Date()
	issue = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	until = issue.AddDate(years, 0, -1)
	expires = time.Date(y+years, m, d, 0, 0, 0, 0, zone).UTC()
	return issue, until, expires
}

// recognisedUnits lists, for a whole qualification, every labour function
// of the card and each of its skills; otherwise the recognised units.
func recognisedUnits(card *kasip.Card, cardIndex int, whole bool, paths []string) ([]Unit, error) {
	if whole {
		var out []Unit
		for fi := range card.Functions {
			f := &card.Functions[fi]
			out = append(out, Unit{Path: recognition.FunctionPath(cardIndex, fi), Code: functionCode(f, fi),
				Kind: KindFunction, Title: maps.Clone(f.Title)})
			for si := range f.Skills {
				out = append(out, skillUnit(card, cardIndex, fi, si))
			}
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("the card has no labour functions: %w", ErrInvalid)
		}
		return out, nil
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("the decision lists no unit: %w", ErrInvalid)
	}
	out := make([]Unit, 0, len(paths))
	for _, path := range paths {
		r, err := recognition.Resolve(card, cardIndex, path)
		if err != nil {
			return nil, err
		}
		switch {
		case r.Kind == recognition.KindSkill:
			out = append(out, skillUnit(card, cardIndex, r.Function, r.Skill))
		case r.Kind == recognition.KindFunction && r.Unit == path:
			f := &card.Functions[r.Function]
			out = append(out, Unit{Path: path, Code: functionCode(f, r.Function), Kind: KindFunction, Title: maps.Clone(f.Title)})
		default:
			return nil, fmt.Errorf("%q is not a unit (a skill, or a labour function without skills): %w", path, ErrInvalid)
		}
	}
	// Document order, whatever order the decision listed them in.
	slices.SortStableFunc(out, func(a, b Unit) int { return compareCodes(a.Path, b.Path) })
	return out, nil
}

func skillUnit(card *kasip.Card, cardIndex, fi, si int) Unit {
	return Unit{Path: recognition.SkillPath(cardIndex, fi, si), Code: strconv.Itoa(fi+1) + "." + strconv.Itoa(si+1),
		Kind: KindSkill, Title: maps.Clone(card.Functions[fi].Skills[si].Title)}
}

// functionCode is a Russian labour function's own code, else its position.
func functionCode(f *kasip.Function, fi int) string {
	if f.Code != "" {
		return f.Code
	}
	return strconv.Itoa(fi + 1)
}

// compareCodes orders model paths by their indexes, numerically.
func compareCodes(a, b string) int {
	ia, ib := pathIndexes(a), pathIndexes(b)
	return slices.Compare(ia, ib)
}

func pathIndexes(p string) []int {
	var out []int
	for _, seg := range strings.Split(p, ".") {
		_, rest, _ := strings.Cut(seg, "[")
		n, _ := strconv.Atoi(strings.TrimSuffix(rest, "]"))
		out = append(out, n)
	}
	return out
}
