package recognition

import (
	"context"
	"time"

	"github.com/kasip/kasip/audit"
	"github.com/kasip/kasip/auth"
)

// Store keeps the recognition process: what the recognition routes of the
// server need of the database (*store.Store implements it on SQLite and
// PostgreSQL). Every change names the acting user, for the audit log.
type Store interface {
	RecognitionSettings(ctx context.Context) (Settings, error)
	SetRecognitionSettings(ctx context.Context, actor int64, set Settings) error

	CreateCentre(ctx context.Context, actor int64, c Centre) (Centre, error)
	UpdateCentre(ctx context.Context, actor, id int64, c Centre) (Centre, error)
	GetCentre(ctx context.Context, id int64) (Centre, error)
	ListCentres(ctx context.Context) ([]Centre, error)
	AddAccreditation(ctx context.Context, actor, centreID int64, a Accreditation) (Accreditation, error)
	SetAccreditationStatus(ctx context.Context, actor, accreditationID int64, status, reason string) (Accreditation, error)
	AddAssessor(ctx context.Context, actor, centreID, user int64) error
	RemoveAssessor(ctx context.Context, actor, centreID, user int64) error

	CreateProgramme(ctx context.Context, actor int64, p Programme) (Programme, error)
	GetProgramme(ctx context.Context, id int64) (Programme, error)
	ListProgrammes(ctx context.Context, f ProgrammeFilter) ([]Programme, error)
	UpdateProgrammeDraft(ctx context.Context, actor, id int64, in Programme) (Programme, error)
	AddQuestion(ctx context.Context, actor, programmeID int64, q Question) (Question, error)
	AddTask(ctx context.Context, actor, programmeID int64, k Task) (Task, error)
	RemoveQuestion(ctx context.Context, actor, programmeID, questionID int64) error
	RemoveTask(ctx context.Context, actor, programmeID, taskID int64) error
	SubmitProgramme(ctx context.Context, actor, id int64) (Programme, error)
	ReturnProgramme(ctx context.Context, admin, id int64, reason string) (Programme, error)
	ApproveProgramme(ctx context.Context, admin, id int64) (Programme, error)
	RetireProgramme(ctx context.Context, actor, id int64, reason string) (Programme, error)
	NewProgrammeVersion(ctx context.Context, actor, id int64) (Programme, error)
	ProgrammeCoverage(ctx context.Context, id int64) (Report, error)

	CreateCandidate(ctx context.Context, actor int64, c Candidate) (Candidate, error)
	GetCandidate(ctx context.Context, id int64) (Candidate, error)
	CandidateByIIN(ctx context.Context, iin string) (Candidate, error)
	LinkCandidate(ctx context.Context, actor, userID, candidateID int64, now time.Time) error
	IssueVoucher(ctx context.Context, actor, candidateID int64) (Voucher, error)
	Vouchers(ctx context.Context, candidateID int64) ([]Voucher, error)

	Apply(ctx context.Context, actor int64, in Application) (Application, error)
	ConfirmReferral(ctx context.Context, actor, id int64) (Application, error)
	TransitionApplication(ctx context.Context, actor, id int64, to, reason string) (Application, error)
	ScheduleSession(ctx context.Context, actor, appID int64, sess Session) (Session, error)
	RecordResult(ctx context.Context, actor, appID int64, r Result) (Result, error)
	AddEvidence(ctx context.Context, actor, appID int64, component, unit, name, contentType string, data []byte) (Evidence, error)
	EvidenceFile(ctx context.Context, id int64) (Evidence, []byte, error)
	ProposeDecision(ctx context.Context, appID int64) (Proposal, error)
	Decide(ctx context.Context, actor, appID int64, in DecisionInput) (Decision, error)
	Appeal(ctx context.Context, actor, appID int64, reason string) (Appeal, error)
	Redecide(ctx context.Context, actor, appID int64, in DecisionInput) (Decision, error)
	GetApplication(ctx context.Context, id int64) (Application, error)
	ListApplications(ctx context.Context, f ApplicationFilter) ([]Application, int, error)
	ListReferrals(ctx context.Context, employer int64, f ApplicationFilter) ([]Application, int, error)
	AssessorApplications(ctx context.Context, centre, user int64) ([]Application, error)

	AuditEntries(ctx context.Context, subject string) ([]audit.Entry, error)
	UserByLogin(ctx context.Context, login string) (auth.User, error)
}
