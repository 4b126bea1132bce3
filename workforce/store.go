package workforce

import (
	"context"

	"github.com/kasip/kasip/certificate"
)

// Store keeps organisations and what they do with standards: what the
// workforce routes of the server need of the database (*store.Store
// implements it on SQLite and PostgreSQL). Every change names the acting
// user and is written to the audit log in its transaction. The store
// checks what needs the registry: that a position's card exists at its
// version (and copies its level), that ratings, actions and outcomes name
// items of the cards. Who may do what is the web layer's (web/service).
type Store interface {
	CreateOrganisation(ctx context.Context, actor int64, o Organisation) (Organisation, error)
	// UpdateOrganisation changes the name and units (not the kind, BIN or demo mark).
	UpdateOrganisation(ctx context.Context, actor int64, o Organisation) (Organisation, error)
	GetOrganisation(ctx context.Context, id int64) (Organisation, error)
	ListOrganisations(ctx context.Context) ([]Organisation, error)
	// SetMember adds the user to the organisation or changes their role.
	SetMember(ctx context.Context, actor int64, m Member) (Member, error)
	RemoveMember(ctx context.Context, actor, orgID, userID int64) error
	Members(ctx context.Context, orgID int64) ([]Member, error)
	Memberships(ctx context.Context, userID int64) ([]Member, error)

	CreatePosition(ctx context.Context, actor int64, p Position) (Position, error)
	// UpdatePosition stores p; p.Revision must be the stored revision
	// (else ErrStale), and the stored one is bumped.
	UpdatePosition(ctx context.Context, actor int64, p Position) (Position, error)
	GetPosition(ctx context.Context, id int64) (Position, error)
	ListPositions(ctx context.Context, orgID int64) ([]Position, error)

	CreateEmployee(ctx context.Context, actor int64, e Employee) (Employee, error)
	UpdateEmployee(ctx context.Context, actor int64, e Employee) (Employee, error)
	GetEmployee(ctx context.Context, id int64) (Employee, error)
	// ListEmployees lists an organisation's employees (of unit, unless
	// ""), by name.
	ListEmployees(ctx context.Context, orgID int64, unit string) ([]Employee, error)
	// EmployeesOfUser are the employee records linked to an account.
	EmployeesOfUser(ctx context.Context, userID int64) ([]Employee, error)

	// Rate records ratings of an employee against their position's card.
	Rate(ctx context.Context, actor, employeeID int64, in []RatingInput) (Assessment, error)
	Assessment(ctx context.Context, employeeID int64) (Assessment, error)

	AddAction(ctx context.Context, actor int64, a Action) (Action, error)
	// UpdateAction stores a (revision checked as for positions).
	UpdateAction(ctx context.Context, actor int64, a Action) (Action, error)
	GetAction(ctx context.Context, id int64) (Action, error)
	ListActions(ctx context.Context, f ActionFilter) ([]Action, error)
	// LinkApplication records the recognition application filed from a
	// recognition action; the application must be the employee's
	// candidate's, for the action's programme.
	LinkApplication(ctx context.Context, actor, actionID, applicationID int64) (Action, error)

	CreateEduProgramme(ctx context.Context, actor int64, p EduProgramme) (EduProgramme, error)
	UpdateEduProgramme(ctx context.Context, actor int64, p EduProgramme) (EduProgramme, error)
	GetEduProgramme(ctx context.Context, id int64) (EduProgramme, error)
	ListEduProgrammes(ctx context.Context, orgID int64) ([]EduProgramme, error)

	// Snapshot reads what a gap analysis of the organisation (of unit,
	// unless "") needs, in a few queries. Its assessments hold the ratings
	// of units only, which is what Analyse reads; Assessment has all.
	Snapshot(ctx context.Context, orgID int64, unit string) (Snapshot, error)
}

// Snapshot is an organisation's staff with their positions, assessments and
// the certificates of their linked candidate records.
type Snapshot struct {
	Org          Organisation
	Employees    []Employee // by name
	Positions    map[int64]Position
	Assessments  map[int64]Assessment                // by employee
	Certificates map[int64][]certificate.Certificate // by candidate
}
