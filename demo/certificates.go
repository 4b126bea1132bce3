package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/recognition"
)

// Demonstration certificates: one valid (the first candidate's decided
// application, so that their page lists it), one revoked with a reason,
// one suspended with a reason. Two more applicants are driven to a
// decision for the last two, through the same store methods as every other
// demo application. There is no expired demo certificate: an honest one
// needs a whole recognition history (accreditation, programme, decision)
// older than the validity period, and a back-dated certificate would
// predate its own application; the tests make expired certificates by
// moving the clock instead.

// CertificateStore is what SeedCertificates needs besides RecognitionStore.
type CertificateStore interface {
	RecognitionStore
	GetProgramme(ctx context.Context, id int64) (recognition.Programme, error)
	IssueCertificate(ctx context.Context, actor, applicationID int64) (certificate.Certificate, error)
	SetCertificateStatus(ctx context.Context, actor int64, number, status, reason string) (certificate.Certificate, error)
}

// SeededCertificate is a demo certificate and the status it was left in.
type SeededCertificate struct {
	Number string
	Status string // valid, revoked, suspended
}

// demoSuspendReason is the demo suspension's reason (shown on the public
// check page, so it names no person).
const demoSuspendReason = "Демо: тексеру аяқталғанша тоқтатылды / Демо: приостановлено до окончания проверки"

// demoRevokeReason is the demo revocation's reason (staff only).
const demoRevokeReason = "Демо: құжаттар жарамсыз деп танылды / Демо: документы признаны недействительными"

// demoCertCandidates are the applicants of the revoked and the suspended
// certificate.
var demoCertCandidates = []candidateSpec{
	{name: "Серік Болатұлы Ахметов", birth: day(1987, 9, 14)},
	{name: "Дана Ерланқызы Жұмабаева", birth: day(1993, 2, 27), female: true},
}

// SeedCertificates issues the three demo certificates on what
// SeedRecognition made. The certificate settings must have a base URL and
// the demo flag.
func SeedCertificates(ctx context.Context, st CertificateStore, seed *RecognitionSeed, opts SeedOptions) ([]SeededCertificate, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	sd, err := resumeSeeder(ctx, st, seed, opts)
	if err != nil {
		return nil, err
	}
	valid, err := sd.decidedApplication()
	if err != nil {
		return nil, err
	}
	// After the recognition demo's history, on the simulated clock: the
	// two applicants are registered, assessed and decided, then the
	// certificates are issued, after every decision they certify.
	defer sd.useClock(opts.Now.Add(-certificateWindow - time.Hour))()
	apps, err := sd.newDecided()
	if err != nil {
		return nil, err
	}
	revokedApp, suspendedApp := apps[0], apps[1]
	sd.at(opts.Now.Add(-certificateWindow + demoWindowLength))
	manager := sd.user("manager")
	var out []SeededCertificate
	c, err := st.IssueCertificate(ctx, manager, valid)
	if err != nil {
		return out, fmt.Errorf("demo: certificate of application %d: %w", valid, err)
	}
	out = append(out, SeededCertificate{c.Number, certificate.StatusValid})
	sd.tick()
	if c, err = st.IssueCertificate(ctx, manager, revokedApp); err != nil {
		return out, fmt.Errorf("demo: certificate of application %d: %w", revokedApp, err)
	}
	sd.tick()
	if _, err = st.SetCertificateStatus(ctx, manager, c.Number, certificate.StatusRevoked, demoRevokeReason); err != nil {
		return out, fmt.Errorf("demo: revoke %s: %w", c.Number, err)
	}
	out = append(out, SeededCertificate{c.Number, certificate.StatusRevoked})
	sd.tick()
	if c, err = st.IssueCertificate(ctx, manager, suspendedApp); err != nil {
		return out, fmt.Errorf("demo: certificate of application %d: %w", suspendedApp, err)
	}
	sd.tick()
	if _, err = st.SetCertificateStatus(ctx, manager, c.Number, certificate.StatusSuspended, demoSuspendReason); err != nil {
		return out, fmt.Errorf("demo: suspend %s: %w", c.Number, err)
	}
	out = append(out, SeededCertificate{c.Number, certificate.StatusSuspended})
	return out, nil
}

// resumeSeeder rebuilds the seeder of a finished SeedRecognition: its
// accounts, programme and candidates.
func resumeSeeder(ctx context.Context, st CertificateStore, seed *RecognitionSeed, opts SeedOptions) (*seeder, error) {
	sd := &seeder{ctx: ctx, st: st, opts: opts, out: seed, users: map[string]auth.User{}}
	for _, a := range demoAccounts {
		u, err := st.UserByLogin(ctx, a.login)
		if err != nil {
			return nil, fmt.Errorf("demo: account %s: %w", a.login, err)
		}
		sd.users[a.key] = u
	}
	prog, err := st.GetProgramme(ctx, seed.ProgrammeID)
	if err != nil {
		return nil, fmt.Errorf("demo: programme %d: %w", seed.ProgrammeID, err)
	}
	sd.prog = prog
	for _, id := range seed.Candidates {
		sd.cands = append(sd.cands, recognition.Candidate{ID: id})
	}
	return sd, nil
}

// decidedApplication is the demo application SeedRecognition decided.
func (sd *seeder) decidedApplication() (int64, error) {
	for _, a := range sd.out.Applications {
		if a.State == recognition.StateDecided {
			return a.ID, nil
		}
	}
	return 0, fmt.Errorf("demo: no decided application to certify")
}

// newDecided registers the demo certificate candidates (no account: the
// manager acts for them) and drives their applications to a decision; it
// returns the applications' ids.
func (sd *seeder) newDecided() ([]int64, error) {
	var plans []appPlan
	for i, c := range demoCertCandidates {
		iin, err := demoIIN(c.birth, c.female, 9500+10*i)
		if err != nil {
			return nil, err
		}
		sd.tick()
		cand, err := sd.st.CreateCandidate(sd.ctx, sd.user("manager"), recognition.Candidate{Name: c.name, IIN: iin,
			BirthDate: c.birth, ConsentAt: sd.clock})
		if err != nil {
			return nil, fmt.Errorf("demo: candidate %s: %w", c.name, err)
		}
		sd.cands = append(sd.cands, cand)
		plans = append(plans, appPlan{candidate: len(sd.cands) - 1, route: recognition.RouteSelf, state: recognition.StateDecided})
	}
	apps, err := sd.run(plans, sd.clock.Add(time.Hour))
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(apps))
	for i, a := range apps {
		ids[i] = a.ID
	}
	return ids, nil
}

// CertificatesBanner heads the printed block of demo certificates.
const CertificatesBanner = "DEMO CERTIFICATES — open these addresses to verify them"

// PrintCertificates writes the verification addresses of the demo
// certificates.
func PrintCertificates(w io.Writer, urls certificate.URLs, certs []SeededCertificate) error {
	const rule = "================================================================================"
	if _, err := fmt.Fprintf(w, "%s\n%s\n", rule, CertificatesBanner); err != nil {
		return fmt.Errorf("print demo certificates: %w", err)
	}
	for _, c := range certs {
		fmt.Fprintf(w, "%-9s %s\n", c.Status, urls.Verify(c.Number))
	}
	_, err := fmt.Fprintf(w, "%s\n\n", rule)
	return err
}
