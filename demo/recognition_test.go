package demo_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/demodata"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/store"

	"github.com/kasip/kasip/internal/pgtest"
)

// testDatabases returns a fresh SQLite file and, when KASIP_TEST_POSTGRES
// is set, a fresh PostgreSQL database (required when KASIP_REQUIRE_ALL=1).
func testDatabases(t *testing.T) map[string]string {
	t.Helper()
	dbs := map[string]string{"sqlite": filepath.Join(t.TempDir(), "k.db")}
	if dsn := os.Getenv("KASIP_TEST_POSTGRES"); dsn != "" {
		dbs["postgres"] = pgtest.FreshOn(t, dsn)
	} else if os.Getenv("KASIP_REQUIRE_ALL") == "1" {
		t.Fatal("KASIP_TEST_POSTGRES is not set and KASIP_REQUIRE_ALL=1")
	}
	return dbs
}

// openWith opens dsn and imports the bundled documents of the codes.
func openWith(t *testing.T, dsn string, codes ...string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	docs, err := demodata.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if slices.Contains(codes, d.Standard.Code) {
			if _, err := st.Import(ctx, d.Standard, []kasip.SourceFile{d.Source}); err != nil {
				t.Fatalf("import %s: %v", d.Source.Name, err)
			}
		}
	}
	return st
}

// must fails the test on an error and returns the value otherwise:
// must(st.Get(…))(t).
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestSeedRecognition(t *testing.T) {
	for name, dsn := range testDatabases(t) {
		t.Run(name, func(t *testing.T) {
			st := openWith(t, dsn, "M84120")
			ctx := context.Background()
			seed, err := demo.SeedRecognition(ctx, st, demo.SeedOptions{Params: auth.TestParams})
			if err != nil {
				t.Fatal(err)
			}
			if seed.StandardCode != "M84120" {
				t.Errorf("programme of %s card %d, want M84120", seed.StandardCode, seed.Card+1)
			}
			checkAccounts(t, st, seed)
			checkCentres(t, st, seed)
			checkProgramme(t, st, seed)
			checkCandidates(t, st, seed)
			checkApplications(t, st, seed)
			entries := checkAudit(t, st, seed)
			checkSeedAgain(t, st, entries)
		})
	}
}

// checkAccounts: one account per role (three assessors, two candidates),
// each signing in with the password SeedRecognition returned.
func checkAccounts(t *testing.T, st *store.Store, seed *demo.RecognitionSeed) {
	t.Helper()
	ctx := context.Background()
	roles := map[auth.Role]int{}
	for _, a := range seed.Accounts {
		roles[a.Role]++
		u, hash, err := st.Credentials(ctx, a.Login)
		if err != nil {
			t.Fatalf("%s: %v", a.Login, err)
		}
		if err := auth.Authenticate(u, true, hash, a.Password, auth.TestParams); err != nil {
			t.Errorf("%s cannot sign in with the printed password: %v", a.Login, err)
		}
		if u.Role != a.Role || u.ID != a.UserID || !strings.HasSuffix(u.Login, "@demo.kasip") || strings.Contains(hash, a.Password) {
			t.Errorf("account %+v stored as %+v", a, u)
		}
		if u.Role == auth.RoleCandidate && !slices.Contains(seed.Candidates, u.CandidateID) {
			t.Errorf("%s links to candidate %d, not a demo candidate", a.Login, u.CandidateID)
		}
	}
	want := map[auth.Role]int{auth.RoleAdmin: 1, auth.RoleManager: 1, auth.RoleAssessor: 3, auth.RoleCandidate: 2, auth.RoleEmployer: 1}
	if fmt.Sprint(roles) != fmt.Sprint(want) {
		t.Errorf("accounts by role %v, want %v", roles, want)
	}
	if users := must(st.ListUsers(ctx, auth.UserFilter{IncludeDisabled: true}))(t); len(users) != len(seed.Accounts) {
		t.Errorf("%d users, %d accounts returned", len(users), len(seed.Accounts))
	}
}

// checkCentres: the demo centre, marked as such, accredited now with a
// valid BIN and two assessors; the second centre with the third.
func checkCentres(t *testing.T, st *store.Store, seed *demo.RecognitionSeed) {
	t.Helper()
	ctx := context.Background()
	c := must(st.GetCentre(ctx, seed.CentreID))(t)
	if !strings.Contains(c.Name["kk"], "Демо") || !strings.Contains(c.Name["ru"], "Демо") || recognition.ValidateBIN(c.BIN) != nil {
		t.Errorf("centre %+v", c)
	}
	set := must(st.RecognitionSettings(ctx))(t)
	if len(c.Accreditations) != 1 || c.Accreditations[0].StatusAt(time.Now(), set) != recognition.AccreditationActive {
		t.Errorf("accreditations %+v", c.Accreditations)
	}
	other := must(st.GetCentre(ctx, seed.OtherCentreID))(t)
	if len(c.Assessors) != 2 || len(other.Assessors) != 1 || slices.Contains(c.Assessors, other.Assessors[0]) {
		t.Errorf("assessors: demo centre %v, second centre %v", c.Assessors, other.Assessors)
	}
}

// checkProgramme: approved, by the administrator, written by the manager,
// its bank covering every item.
func checkProgramme(t *testing.T, st *store.Store, seed *demo.RecognitionSeed) {
	t.Helper()
	ctx := context.Background()
	p := must(st.GetProgramme(ctx, seed.ProgrammeID))(t)
	if p.Status != recognition.ProgrammeApproved || !p.Whole || p.CentreID != seed.CentreID || p.ApprovedBy == p.AuthorUserID {
		t.Errorf("programme %+v", p)
	}
	rep := must(st.ProgrammeCoverage(ctx, p.ID))(t)
	if !rep.Complete() || rep.KnowledgeCovered != rep.Knowledge || rep.AbilitiesCovered != rep.Abilities || rep.Knowledge == 0 {
		t.Errorf("coverage %+v", rep)
	}
}

// checkCandidates: valid IINs that encode the birth dates, demo names.
func checkCandidates(t *testing.T, st *store.Store, seed *demo.RecognitionSeed) {
	t.Helper()
	for _, id := range seed.Candidates {
		c := must(st.GetCandidate(context.Background(), id))(t)
		if err := recognition.ValidateIIN(c.IIN, c.BirthDate); err != nil || !strings.HasPrefix(c.Name, "Демо ") {
			t.Errorf("candidate %+v: %v", c, err)
		}
	}
}

// checkApplications: one application in each state the screens need, by
// every route, each with the dossier its state implies.
func checkApplications(t *testing.T, st *store.Store, seed *demo.RecognitionSeed) {
	t.Helper()
	ctx := context.Background()
	var states, routes []string
	for _, sa := range seed.Applications {
		a := must(st.GetApplication(ctx, sa.ID))(t)
		if a.State != sa.State || a.Route != sa.Route {
			t.Errorf("application %d is %s by %s, seeded as %s by %s", a.ID, a.State, a.Route, sa.State, sa.Route)
		}
		states, routes = append(states, a.State), append(routes, a.Route)
		if a.Route == recognition.RouteReferral && a.ReferralConfirmedAt.IsZero() {
			t.Errorf("referral %d not confirmed", a.ID)
		}
		checkDossier(t, a)
	}
	slices.Sort(states)
	want := []string{"accepted", "appealed", "assessed", "decided", "rejected", "scheduled", "submitted"}
	if !slices.Equal(states, want) {
		t.Errorf("states %v, want %v", states, want)
	}
	for _, r := range []string{recognition.RouteSelf, recognition.RouteReferral, recognition.RouteVoucher} {
		if !slices.Contains(routes, r) {
			t.Errorf("no application by route %s", r)
		}
	}
}

func checkDossier(t *testing.T, a recognition.Application) {
	t.Helper()
	switch a.State {
	case recognition.StateRejected:
		if a.StateReason == "" {
			t.Errorf("rejection %d without a reason", a.ID)
		}
	case recognition.StateScheduled:
		if len(a.Sessions) != 1 || !a.Sessions[0].At.After(time.Now()) || len(a.Sessions[0].Assessors) != 2 {
			t.Errorf("scheduled %d: sessions %+v", a.ID, a.Sessions)
		}
	case recognition.StateAssessed:
		if len(a.Results) == 0 {
			t.Errorf("assessed %d without results", a.ID)
		}
	case recognition.StateDecided:
		if len(a.Decisions) != 1 || a.Decisions[0].Outcome != recognition.OutcomeWhole {
			t.Errorf("decided %d: %+v", a.ID, a.Decisions)
		}
	case recognition.StateAppealed:
		if len(a.Decisions) != 1 || a.Decisions[0].Outcome != recognition.OutcomeUnits || len(a.Appeals) != 1 {
			t.Errorf("appealed %d: decisions %+v, appeals %+v", a.ID, a.Decisions, a.Appeals)
		}
	}
}

// checkAudit: the log is intact and has the history of every application
// and the creation of every account; it returns the number of entries.
func checkAudit(t *testing.T, st *store.Store, seed *demo.RecognitionSeed) int {
	t.Helper()
	ctx := context.Background()
	ps, n, err := st.VerifyAudit(ctx)
	if err != nil || len(ps) != 0 {
		t.Fatalf("audit log: %v %v", ps, err)
	}
	for _, a := range seed.Applications {
		es := must(st.AuditEntries(ctx, "application/"+strconv.FormatInt(a.ID, 10)))(t)
		if len(es) == 0 || es[0].Action != "recognition.application.submit" {
			t.Errorf("application %d: audit %+v", a.ID, es)
		}
	}
	for _, a := range seed.Accounts {
		if es := must(st.AuditEntries(ctx, "user/"+strconv.FormatInt(a.UserID, 10)))(t); len(es) != 1 {
			t.Errorf("account %s: audit %+v", a.Login, es)
		}
	}
	return n
}

// checkSeedAgain: a second seeding is refused and writes nothing.
func checkSeedAgain(t *testing.T, st *store.Store, entries int) {
	t.Helper()
	ctx := context.Background()
	_, total := must2(st.ListApplications(ctx, recognition.ApplicationFilter{}))(t)
	again, err := demo.SeedRecognition(ctx, st, demo.SeedOptions{Params: auth.TestParams})
	if !errors.Is(err, demo.ErrAlreadySeeded) || again != nil {
		t.Fatalf("second seeding: %+v, %v", again, err)
	}
	_, total2 := must2(st.ListApplications(ctx, recognition.ApplicationFilter{}))(t)
	_, n, _ := st.VerifyAudit(ctx)
	if total2 != total || n != entries {
		t.Errorf("second seeding wrote: %d → %d applications, %d → %d audit entries", total, total2, entries, n)
	}
}

func must2[A, B any](a A, b B, err error) func(t *testing.T) (A, B) {
	return func(t *testing.T) (A, B) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a, b
	}
}

// TestSeedRecognitionOtherSeed: with only the hotel standard in the
// register, the programme is built from it (its defective skill without
// abilities or knowledge gets a task of its own); with no seed standard,
// nothing is written.
func TestSeedRecognitionOtherSeed(t *testing.T) {
	ctx := context.Background()
	st := openWith(t, filepath.Join(t.TempDir(), "k.db"), "I55101015")
	seed, err := demo.SeedRecognition(ctx, st, demo.SeedOptions{Params: auth.TestParams})
	if err != nil {
		t.Fatal(err)
	}
	if seed.StandardCode != "I55101015" || len(seed.Applications) != 7 {
		t.Errorf("seed %+v", seed)
	}
	checkProgramme(t, st, seed)

	empty := openWith(t, filepath.Join(t.TempDir(), "empty.db"))
	if _, err := demo.SeedRecognition(ctx, empty, demo.SeedOptions{Params: auth.TestParams}); !errors.Is(err, demo.ErrNoStandard) {
		t.Fatalf("no standard: %v", err)
	}
	if users := must(empty.ListUsers(ctx, auth.UserFilter{IncludeDisabled: true}))(t); len(users) != 0 {
		t.Errorf("accounts created without a standard: %+v", users)
	}
}

func TestPrintAccounts(t *testing.T) {
	var b bytes.Buffer
	accounts := []demo.Account{{Login: "admin@demo.kasip", Role: auth.RoleAdmin, Password: "SECRETPASSWORD1"},
		{Login: "candidate1@demo.kasip", Role: auth.RoleCandidate, Password: "SECRETPASSWORD2"}}
	if err := demo.PrintAccounts(&b, accounts); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Count(out, demo.AccountsBanner) != 1 || !strings.Contains(out, "not for production") {
		t.Errorf("no banner:\n%s", out)
	}
	for _, a := range accounts {
		line := lineWith(out, a.Login)
		if !strings.Contains(line, string(a.Role)) || !strings.Contains(line, a.Password) {
			t.Errorf("line of %s: %q\n%s", a.Login, line, out)
		}
	}
}

// lineWith returns the line of out that contains s.
func lineWith(out, s string) string {
	for line := range strings.SplitSeq(out, "\n") {
		if strings.Contains(line, s) {
			return line
		}
	}
	return ""
}

// TestSeedTimelineAtEveryHour seeds the recognition and certificate demo
// at hours spread over a day: a session is at 10:00 in Astana on its
// day, and a demo made late in the UTC evening once recorded results
// hours before the session they came from.
func TestSeedTimelineAtEveryHour(t *testing.T) {
	day := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1)
	for _, at := range []time.Duration{0, 4 * time.Hour, 9*time.Hour + 30*time.Minute, 14 * time.Hour,
		19 * time.Hour, 20*time.Hour + 32*time.Minute, 22*time.Hour + 32*time.Minute} {
		now := day.Add(at)
		t.Run(now.Format("15:04"), func(t *testing.T) {
			ctx := context.Background()
			st := openWith(t, filepath.Join(t.TempDir(), "k.db"), "M84120")
			opts := demo.SeedOptions{Now: now, Params: auth.TestParams}
			seed := must(demo.SeedRecognition(ctx, st, opts))(t)
			set := certificate.DefaultSettings()
			set.BaseURL, set.Demo = "https://kasip.invalid", true
			if err := st.SetCertificateSettings(ctx, 0, set); err != nil {
				t.Fatal(err)
			}
			must(demo.SeedCertificates(ctx, st, seed, opts))(t)
			list, _ := must2(st.ListApplications(ctx, recognition.ApplicationFilter{Limit: 100}))(t)
			for _, l := range list {
				for _, p := range demo.TimelineProblems(must(st.GetApplication(ctx, l.ID))(t), now) {
					t.Error(p)
				}
			}
		})
	}
}
