package demo

// Demonstration data for the recognition of qualifications: accounts of
// every role, two recognition centres, an approved programme and
// applications in the states each role's screens show. Everything is made
// through the store's own methods, so the validations, the state machine
// and the audit log apply to it as to real data; nothing is written behind
// their back.

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
)

// RecognitionStore is what SeedRecognition needs of the store; *store.Store
// has it. An interface, so that this package does not depend on the store.
type RecognitionStore interface {
	UserByLogin(ctx context.Context, login string) (auth.User, error)
	CreateUser(ctx context.Context, actor int64, u auth.User, passwordHash string, now time.Time) (auth.User, error)

	Professions(ctx context.Context, f kasip.ProfessionFilter) ([]kasip.Profession, int, error)
	Standard(ctx context.Context, code, version string) (*kasip.Standard, error)

	CreateCentre(ctx context.Context, actor int64, c recognition.Centre) (recognition.Centre, error)
	AddAccreditation(ctx context.Context, actor, centreID int64, a recognition.Accreditation) (recognition.Accreditation, error)
	AddAssessor(ctx context.Context, actor, centreID, user int64) error

	CreateProgramme(ctx context.Context, actor int64, p recognition.Programme) (recognition.Programme, error)
	SubmitProgramme(ctx context.Context, actor, id int64) (recognition.Programme, error)
	// SetRecognitionClock sets the clock the store applies recognition
	// rules with (nil: the system clock).
	SetRecognitionClock(now func() time.Time)
	ApproveProgramme(ctx context.Context, admin, id int64) (recognition.Programme, error)

	CreateCandidate(ctx context.Context, actor int64, c recognition.Candidate) (recognition.Candidate, error)
	IssueVoucher(ctx context.Context, actor, candidateID int64) (recognition.Voucher, error)
	Apply(ctx context.Context, actor int64, in recognition.Application) (recognition.Application, error)
	ConfirmReferral(ctx context.Context, actor, id int64) (recognition.Application, error)
	TransitionApplication(ctx context.Context, actor, id int64, to, reason string) (recognition.Application, error)
	ScheduleSession(ctx context.Context, actor, appID int64, sess recognition.Session) (recognition.Session, error)
	RecordResult(ctx context.Context, actor, appID int64, r recognition.Result) (recognition.Result, error)
	Decide(ctx context.Context, actor, appID int64, in recognition.DecisionInput) (recognition.Decision, error)
	Appeal(ctx context.Context, actor, appID int64, reason string) (recognition.Appeal, error)
}

// ErrAlreadySeeded: the database has the demo accounts already. Seeding
// again would duplicate nothing (the logins are unique) but would fail
// half-way; it is refused before anything is written.
var ErrAlreadySeeded = errors.New("demo: the recognition demo data is already in the database")

// ErrNoStandard: neither seed standard a demo programme can be built from
// is in the register of professions.
var ErrNoStandard = errors.New("demo: no seed standard (M84120 or I55101015) in the register of professions")

// seedStandards are the standards the demo programme is built from, in
// order of preference: the Kazakh seeds `kasip serve --demo` imports.
var seedStandards = []string{"M84120", "I55101015"}

// SeedOptions are the settings of SeedRecognition.
type SeedOptions struct {
	// Now is the present, for account creation, consent and session
	// times (the store applies its own clock to the recognition steps, so
	// pass the real present); zero: time.Now().
	Now time.Time
	// Params hash the passwords; zero: auth.DefaultParams. Tests pass
	// auth.TestParams.
	Params auth.Params
}

// Account is a demo account with its password in clear text: print it
// once (PrintAccounts) and keep it nowhere; the store has only its hash.
type Account struct {
	Login    string
	Role     auth.Role
	Name     string
	Password string
	UserID   int64
}

// SeededApplication is one demo application and the state it was left in.
type SeededApplication struct {
	ID          int64
	CandidateID int64
	Route       string
	State       string
}

// RecognitionSeed is what SeedRecognition made.
type RecognitionSeed struct {
	Accounts      []Account
	CentreID      int64 // the demo centre, with the programme
	OtherCentreID int64 // a second centre, with one assessor
	ProgrammeID   int64
	StandardCode  string
	Card          int // 0-based index of the card the programme assesses
	Candidates    []int64
	Applications  []SeededApplication
}

// SeedRecognition fills the recognition part of a demo database: it
// expects the seed standards imported and no demo accounts yet
// (ErrAlreadySeeded otherwise, with nothing written). On another error it
// returns what it made so far along with the error, so that the accounts
// already created can still be printed: their passwords exist nowhere
// else.
func SeedRecognition(ctx context.Context, st RecognitionStore, opts SeedOptions) (*RecognitionSeed, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Params == (auth.Params{}) {
		opts.Params = auth.DefaultParams
	}
	sd := &seeder{ctx: ctx, st: st, opts: opts, out: &RecognitionSeed{}, users: map[string]auth.User{}}
	if err := sd.checkNotSeeded(); err != nil {
		return nil, err
	}
	// What needs no write comes first: a database without a seed standard
	// gets nothing, and the slow password hashing holds no transaction.
	if err := sd.pickCard(); err != nil {
		return nil, err
	}
	secrets, err := hashPasswords(demoAccounts, opts.Params)
	if err != nil {
		return nil, err
	}
	// The accounts come in three batches: the administrator, who creates
	// everything else; the staff once their centres exist (a manager or
	// assessor belongs to one); the candidates once their records exist
	// (a candidate account links to one).
	// Everything happens on the simulated clock, from before the first
	// application on; the store is back on the system clock afterwards.
	defer sd.useClock(opts.Now.Add(-recognitionWindow - 24*time.Hour))()
	for _, step := range []func() error{
		func() error {
			return sd.createAccounts(secrets, func(a accountSpec) bool { return a.role == auth.RoleAdmin })
		},
		sd.createCentres,
		func() error { return sd.createAccounts(secrets, func(a accountSpec) bool { return a.candidate < 0 }) },
		sd.addAssessors,
		sd.createProgramme,
		sd.createCandidates,
		func() error { return sd.createAccounts(secrets, func(accountSpec) bool { return true }) },
		sd.createApplications,
	} {
		if err := step(); err != nil {
			return sd.out, err
		}
	}
	return sd.out, nil
}

// seeder carries the state of one SeedRecognition.
type seeder struct {
	ctx   context.Context
	st    RecognitionStore
	opts  SeedOptions
	out   *RecognitionSeed
	users map[string]auth.User // by accountSpec.key

	standard *kasip.Standard
	card     int
	level    int
	centre   recognition.Centre
	prog     recognition.Programme
	cands    []recognition.Candidate // in the order of demoCandidates
	clock    time.Time               // the simulated present
}

func (sd *seeder) user(key string) int64 { return sd.users[key].ID }

// checkNotSeeded refuses a database that has the demo administrator.
func (sd *seeder) checkNotSeeded() error {
	_, err := sd.st.UserByLogin(sd.ctx, demoAccounts[0].login)
	switch {
	case err == nil:
		return ErrAlreadySeeded
	case errors.Is(err, kasip.ErrNotFound):
		return nil
	}
	return fmt.Errorf("demo: look for the demo accounts: %w", err)
}

// accountSpec is a demo account to create. candidate is the index in
// demoCandidates of the candidate record a candidate account belongs to,
// -1 for the other roles.
type accountSpec struct {
	key, login, name string
	role             auth.Role
	employer         string
	centre           string // "main" or "other": the centre of a manager or assessor
	candidate        int
}

// demoEmployer is the organisation of the demo employer account.
const demoEmployer = "«Демо Жұмыс Беруші» ЖШС / ТОО «Демо работодатель»"

// demoAccounts: one per role, two assessors of the demo centre and one of
// the second centre, two candidates. The administrator comes first (it
// creates the rest, and marks a seeded database).
var demoAccounts = []accountSpec{
	{key: "admin", login: "admin@demo.kasip", name: "Демо Әкімші", role: auth.RoleAdmin, candidate: -1},
	{key: "manager", login: "manager@demo.kasip", name: "Демо Менеджер", role: auth.RoleManager, centre: "main", candidate: -1},
	{key: "assessor1", login: "assessor1@demo.kasip", name: "Демо Бағалаушы Бір", role: auth.RoleAssessor, centre: "main", candidate: -1},
	{key: "assessor2", login: "assessor2@demo.kasip", name: "Демо Бағалаушы Екі", role: auth.RoleAssessor, centre: "main", candidate: -1},
	{key: "assessor3", login: "assessor3@demo.kasip", name: "Демо Бағалаушы Үш (2-орталық)", role: auth.RoleAssessor, centre: "other", candidate: -1},
	{key: "employer", login: "employer@demo.kasip", name: "Демо Жұмыс Беруші", role: auth.RoleEmployer, employer: demoEmployer, candidate: -1},
	{key: "candidate1", login: "candidate1@demo.kasip", name: demoCandidates[0].name, role: auth.RoleCandidate, candidate: 0},
	{key: "candidate2", login: "candidate2@demo.kasip", name: demoCandidates[1].name, role: auth.RoleCandidate, candidate: 1},
}

// secret is an account's password and its hash.
type secret struct{ password, hash string }

// hashPasswords makes a random password per account and its hash, keyed
// by account. Hashing is slow, so it happens before any write.
func hashPasswords(specs []accountSpec, params auth.Params) (map[string]secret, error) {
	out := map[string]secret{}
	for _, a := range specs {
		// 26 characters of base32: 130 bits from crypto/rand.
		pw := rand.Text()
		if err := auth.CheckPasswordPolicy(a.login, pw); err != nil {
			return nil, fmt.Errorf("demo: password of %s: %w", a.login, err)
		}
		hash, err := auth.HashPassword(pw, params)
		if err != nil {
			return nil, fmt.Errorf("demo: password of %s: %w", a.login, err)
		}
		out[a.key] = secret{pw, hash}
	}
	return out, nil
}

// createAccounts creates the accounts that want selects and that do not
// exist yet, in the order of demoAccounts, as the demo administrator (the
// system for the administrator itself).
func (sd *seeder) createAccounts(secrets map[string]secret, want func(accountSpec) bool) error {
	for _, a := range demoAccounts {
		if _, done := sd.users[a.key]; done || !want(a) {
			continue
		}
		u := auth.User{Login: a.login, Name: a.name, Role: a.role, Employer: a.employer}
		switch a.centre {
		case "main":
			u.CentreID = sd.centre.ID
		case "other":
			u.CentreID = sd.out.OtherCentreID
		}
		if a.candidate >= 0 {
			u.CandidateID = sd.cands[a.candidate].ID
		}
		u, err := sd.st.CreateUser(sd.ctx, sd.user("admin"), u, secrets[a.key].hash, sd.clock)
		if err != nil {
			return fmt.Errorf("demo: account %s: %w", a.login, err)
		}
		sd.users[a.key] = u
		sd.out.Accounts = append(sd.out.Accounts, Account{Login: u.Login, Role: u.Role, Name: u.Name,
			Password: secrets[a.key].password, UserID: u.ID})
	}
	return nil
}

// AccountsBanner heads the printed block of demo accounts.
const AccountsBanner = "DEMO ACCOUNTS — demonstration data, not for production"

// PrintAccounts writes the block of demo accounts: login, role and
// password of each. It is printed once, when the accounts are made: the
// passwords are kept nowhere in clear text.
func PrintAccounts(w io.Writer, accounts []Account) error {
	const rule = "================================================================================"
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "\n%s\n%s\n", rule, AccountsBanner)
	fmt.Fprintln(tw, "Random passwords, shown this once only: they are stored nowhere in clear text.")
	fmt.Fprintln(tw, "LOGIN\tROLE\tPASSWORD")
	for _, a := range accounts {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", a.Login, a.Role, a.Password)
	}
	fmt.Fprintf(tw, "%s\n\n", rule)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("print demo accounts: %w", err)
	}
	return nil
}
