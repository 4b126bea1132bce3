package store

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
	certpdf "github.com/kasip/kasip/certificate/pdf"
	"github.com/kasip/kasip/credential"
	"github.com/kasip/kasip/recognition"

	"github.com/kasip/kasip/internal/pgtest"
)

// Benchmarks of issuing and looking up certificates. Numbers and their
// reading are in the certificates report; run with
//
//	go test -run '^$' -bench Certificate -benchtime 2s ./store

// certBench is a store with one application decided through the
// recognition workflow (the template the benchmarks clone) and the
// issuing settings saved. It is newCertFix for testing.TB.
type certBench struct {
	s   *Store
	ctx context.Context
	app int64
}

func newCertBench(tb testing.TB, dsn string) certBench {
	tb.Helper()
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	s.SetRecognitionClock(func() time.Time { return recStart })
	st, files := doc(tb, seedYouth)
	if _, err := s.Import(ctx, st, files); err != nil {
		tb.Fatal(err)
	}
	set := certificate.DefaultSettings()
	set.BaseURL = certBase
	if err := s.SetCertificateSettings(ctx, recAdmin, set); err != nil {
		tb.Fatal(err)
	}
	centre := recMust(s.CreateCentre(ctx, recAdmin, recognition.Centre{Name: kasip.Text{"kk": "Жастар тану орталығы"},
		BIN: "050440001239", Region: "Астана"}))(tb)
	recMust(s.AddAccreditation(ctx, recAdmin, centre.ID, recognition.Accreditation{Number: "KZ-RC-0001",
		From: recStart.AddDate(0, -1, 0), Scope: []recognition.ScopeEntry{{StandardCode: "M84120", CardNumber: 2}}}))(tb)
	if err := s.AddAssessor(ctx, recAdmin, centre.ID, recAssessor1); err != nil {
		tb.Fatal(err)
	}
	prog := certBenchProgramme(tb, s, st, centre.ID)
	birth := time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC)
	cand := recMust(s.CreateCandidate(ctx, recAuthor, recognition.Candidate{Name: "Әлихан Ғабитұлы Құнанбаев",
		IIN: recIIN(tb, birth, false, 200), BirthDate: birth, ConsentAt: recStart}))(tb)
	a := recMust(s.Apply(ctx, recCandidateUser, recognition.Application{CandidateID: cand.ID, ProgrammeID: prog.ID,
		Route: recognition.RouteSelf}))(tb)
	recMust(s.TransitionApplication(ctx, recAuthor, a.ID, recognition.StateAccepted, ""))(tb)
	recMust(s.ScheduleSession(ctx, recAuthor, a.ID, recognition.Session{At: recStart.Add(recDay), Place: "Астана",
		Assessors: []int64{recAssessor1}}))(tb)
	for _, u := range prog.Units {
		for _, c := range []string{recognition.ComponentTheory, recognition.ComponentPractice} {
			recMust(s.RecordResult(ctx, recAssessor1, a.ID, recognition.Result{Component: c, Unit: u, Score: 90}))(tb)
		}
	}
	recMust(s.TransitionApplication(ctx, recAssessor1, a.ID, recognition.StateAssessed, ""))(tb)
	recMust(s.Decide(ctx, recAssessor1, a.ID, recognition.DecisionInput{}))(tb)
	return certBench{s: s, ctx: ctx, app: a.ID}
}

// certBenchProgramme is an approved whole-card programme of the youth
// worker card whose bank covers every item (as recFix.programme).
func certBenchProgramme(tb testing.TB, s *Store, st *kasip.Standard, centre int64) recognition.Programme {
	ctx := context.Background()
	p := recognition.Programme{CentreID: centre, StandardCode: "M84120", StandardVersion: "1", Card: 1, Level: 5,
		Title: kasip.Text{"kk": "Жастармен жұмыс жөніндегі маман"}, Whole: true,
		Components: []recognition.Component{
			{Kind: recognition.ComponentTheory, Format: recognition.FormatOnline, Minutes: 60},
			{Kind: recognition.ComponentPractice, Format: recognition.FormatOffline, Minutes: 90}}}
	for _, u := range recognition.Units(&st.Cards[1], 1) {
		for _, k := range u.Knowledge {
			p.Questions = append(p.Questions, recognition.Question{Text: kasip.Text{"kk": k.Text.Best()}, Knowledge: []string{k.Path}})
		}
		for _, a := range u.Abilities {
			p.Tasks = append(p.Tasks, recognition.Task{Text: kasip.Text{"kk": a.Text.Best()}, Abilities: []string{a.Path}})
		}
	}
	p = recMust(s.CreateProgramme(ctx, recAuthor, p))(tb)
	recMust(s.SubmitProgramme(ctx, recAuthor, p.ID))(tb)
	return recMust(s.ApproveProgramme(ctx, recAdmin, p.ID))(tb)
}

// BenchmarkCertificateIssue is IssueCertificate on SQLite: read the
// application, decision, candidate, centre and card, draw the number and
// the status index, build and sign the credential, insert, audit, commit.
// The decided applications are clones of one (certCloneDecided), made
// outside the timer.
func BenchmarkCertificateIssue(b *testing.B) {
	cb := newCertBench(b, filepath.Join(b.TempDir(), "kasip.db"))
	var pool []int64
	for b.Loop() {
		if len(pool) == 0 {
			b.StopTimer()
			pool = certCloneDecided(b, cb.s, cb.app, 1000)
			b.StartTimer()
		}
		if _, err := cb.s.IssueCertificate(cb.ctx, recAdmin, pool[0]); err != nil {
			b.Fatal(err)
		}
		pool = pool[1:]
	}
}

// certBenchIssued issues the template application's certificate and
// returns it with its unsigned credential and the issuer.
func certBenchIssued(b *testing.B) (certBench, certificate.Certificate, []byte, credential.Issuer) {
	cb := newCertBench(b, filepath.Join(b.TempDir(), "kasip.db"))
	c := recMust(cb.s.IssueCertificate(cb.ctx, recAdmin, cb.app))(b)
	iss := recMust(cb.s.IssuerKey(cb.ctx))(b)
	unsigned, err := credential.NewAchievementCredential(certificate.Credential(c, iss.DID(), certificate.URLs{Base: certBase}))
	if err != nil {
		b.Fatal(err)
	}
	return cb, c, unsigned, iss
}

// BenchmarkCertificateSign is signing alone (JCS of the ~8 KB credential
// and its proof options, SHA-256, Ed25519), and building plus signing.
func BenchmarkCertificateSign(b *testing.B) {
	_, c, unsigned, iss := certBenchIssued(b)
	b.Run("sign", func(b *testing.B) {
		for b.Loop() {
			if _, err := credential.Sign(unsigned, iss); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("build+sign", func(b *testing.B) {
		for b.Loop() {
			u, err := credential.NewAchievementCredential(certificate.Credential(c, iss.DID(), certificate.URLs{Base: certBase}))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := credential.Sign(u, iss); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("verify", func(b *testing.B) {
		signed := recMust(credential.Sign(unsigned, iss))(b)
		for b.Loop() {
			if _, err := credential.VerifyAt(context.Background(), signed, nil, recStart); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCertificatePDF renders a whole-card certificate (8 units).
func BenchmarkCertificatePDF(b *testing.B) {
	_, c, _, _ := certBenchIssued(b)
	v := certificate.View(c, certificate.URLs{Base: certBase}, recStart)
	for b.Loop() {
		if _, err := certpdf.Render(v); err != nil {
			b.Fatal(err)
		}
	}
}

// certBulkIssue inserts n certificates copied from template, for lookup
// benchmarks, with BulkInsertCertificatesForBenchmark (what it fakes is
// said there), and returns their numbers; bulkHolderName(id) is the holder
// of "B-<id>".
func certBulkIssue(tb testing.TB, s *Store, template certificate.Certificate, n int) []string {
	tb.Helper()
	numbers, err := s.BulkInsertCertificatesForBenchmark(context.Background(), template.Number, n, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return numbers
}

// certCheckBulk checks a few bulk certificates: holder, words, credential.
func certCheckBulk(tb testing.TB, s *Store, numbers []string) {
	tb.Helper()
	ctx := context.Background()
	for _, number := range []string{numbers[0], numbers[len(numbers)/2], numbers[len(numbers)-1]} {
		id, _ := strconv.ParseInt(strings.TrimPrefix(number, "B-"), 10, 64)
		c := recMust(s.Certificate(ctx, number))(tb)
		if c.HolderName != bulkHolderName(id) {
			tb.Fatalf("%s: holder %q, want %q", number, c.HolderName, bulkHolderName(id))
		}
		page, _ := recMust2(s.SearchCertificates(ctx, certificate.Query{Holder: c.HolderName, Profession: "маман", Limit: 100}))(tb)
		if !slices.ContainsFunc(page, func(p certificate.Public) bool { return p.Number == number }) {
			tb.Fatalf("%s: not found by its holder's name", number)
		}
		if _, err := s.CertificateCredential(ctx, number); err != nil {
			tb.Fatal(err)
		}
	}
}

// TestCertificateBulkHelper keeps the benchmarks' bulk insert honest.
func TestCertificateBulkHelper(t *testing.T) {
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			cb := newCertBench(t, be.dsn(t))
			template := recMust(cb.s.IssueCertificate(cb.ctx, recAdmin, cb.app))(t)
			certCheckBulk(t, cb.s, certBulkIssue(t, cb.s, template, 2000))
		})
	}
}

// BenchmarkCertificateLookup is Certificate(number) among 100,000
// certificates inserted in bulk (certBulkIssue), on each backend; and the
// public search by name and profession, which scans.
func BenchmarkCertificateLookup(b *testing.B) {
	const n = 100_000
	for _, be := range []struct {
		name string
		dsn  func(b *testing.B) string
	}{
		{"sqlite", func(b *testing.B) string { return filepath.Join(b.TempDir(), "kasip.db") }},
		{"postgres", func(b *testing.B) string { return pgtest.Fresh(b) }},
	} {
		b.Run(be.name, func(b *testing.B) {
			cb := newCertBench(b, be.dsn(b))
			template := recMust(cb.s.IssueCertificate(cb.ctx, recAdmin, cb.app))(b)
			start := time.Now()
			numbers := certBulkIssue(b, cb.s, template, n)
			b.Logf("%s: %d certificates inserted in %v", be.name, n, time.Since(start).Round(time.Millisecond))
			certCheckBulk(b, cb.s, numbers)
			r := rand.New(rand.NewPCG(1, 2))
			b.Run("number", func(b *testing.B) {
				for b.Loop() {
					if _, err := cb.s.Certificate(cb.ctx, numbers[r.IntN(n)]); err != nil {
						b.Fatal(err)
					}
				}
			})
			// Every lookup decoding its texts afresh: a register whose
			// certificates share no profession, centre or units.
			b.Run("number-texts-not-remembered", func(b *testing.B) {
				for b.Loop() {
					certTextMemo.reset()
					certUnitsMemo.reset()
					if _, err := cb.s.Certificate(cb.ctx, numbers[r.IntN(n)]); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("credential", func(b *testing.B) {
				for b.Loop() {
					if _, err := cb.s.CertificateCredential(cb.ctx, numbers[r.IntN(n)]); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("search-name", func(b *testing.B) {
				var found int
				for b.Loop() {
					id, _ := strconv.ParseInt(strings.TrimPrefix(numbers[r.IntN(n)], "B-"), 10, 64)
					parts := strings.Fields(bulkHolderName(id)) // given name and surname
					q := certificate.Query{Holder: parts[2] + " " + parts[0], Profession: "маман"}
					page, total, err := cb.s.SearchCertificates(cb.ctx, q)
					if err != nil || total == 0 || len(page) == 0 {
						b.Fatalf("search %q: %d, %v", q.Holder, total, err)
					}
					found += total
				}
				b.ReportMetric(float64(found)/float64(b.N), "matches/op")
			})
			b.Run("status-list-cached", func(b *testing.B) {
				for b.Loop() {
					if _, err := cb.s.StatusListCredential(cb.ctx, template.StatusListID, credential.StatusRevocation); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
