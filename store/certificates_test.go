package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/credential"
	"github.com/kasip/kasip/recognition"
)

const certBase = "https://kasip.example"

// newCertFix is the recognition fixture (newRecFix) with the issuing
// settings saved.
func newCertFix(t *testing.T, s *Store) *recFix {
	t.Helper()
	f := newRecFix(t, s)
	set := certificate.DefaultSettings()
	set.BaseURL = certBase
	if err := s.SetCertificateSettings(f.ctx, recAdmin, set); err != nil {
		t.Fatal(err)
	}
	return f
}

// certCandidate makes a candidate named name; n makes the IIN unique (it
// is the day of birth after the 1st of January 1985).
func (f *recFix) certCandidate(name string, n int) recognition.Candidate {
	f.t.Helper()
	birth := time.Date(1985, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	return recMust(f.s.CreateCandidate(f.ctx, recAuthor, recognition.Candidate{Name: name,
		IIN: recIIN(f.t, birth, n%2 == 1, 300), BirthDate: birth, ConsentAt: f.clock.now(),
		Contacts: recognition.Contacts{Email: fmt.Sprintf("private%d@example.kz", n), Phone: "+7 701 555 00 00"}}))(f.t)
}

// certApply makes an application of a new candidate named name to the
// fixture's programme, driven to state through the recognition store's
// methods (every result passing), as a centre would.
func (f *recFix) certApply(name string, n int, state string) recognition.Application {
	f.t.Helper()
	c := f.certCandidate(name, n)
	a := recMust(f.s.Apply(f.ctx, recCandidateUser, recognition.Application{CandidateID: c.ID, ProgrammeID: f.prog.ID,
		Route: recognition.RouteSelf}))(f.t)
	return f.to(a, state)
}

// certDecidedApps is n decided applications: one through the workflow,
// the others its clones.
func certDecidedApps(t *testing.T, s *Store, f *recFix, n int) []int64 {
	t.Helper()
	a := f.certApply("Әлихан Құнанбаев", 1, recognition.StateDecided)
	return append([]int64{a.ID}, certCloneDecided(t, s, a.ID, n-1)...)
}

// certCloneDecided copies a decided application, its row and its
// decisions, n times by SQL: the same candidate, programme and decision,
// without the workflow. For tests and benchmarks that need many decided
// applications fast; the copies are what the workflow would leave.
func certCloneDecided(tb testing.TB, s *Store, appID int64, n int) []int64 {
	tb.Helper()
	ctx := context.Background()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	const cols = `candidate_id, programme_id, centre_id, standard_code, standard_version, card, level, route,
		employer_user_id, employer_name, employer_bin, referral_confirmed_at, referral_confirmed_by_user_id, voucher_id,
		state, state_reason, state_since, submitted_at, created_by_user_id`
	const dcols = `outcome, units, proposal, overridden, reason, assessor_user_id, appeal_id, decided_at`
	ids := make([]int64, n)
	for i := range ids {
		if err := tx.QueryRowContext(ctx, s.q("INSERT INTO recognition_applications ("+cols+") SELECT "+cols+
			" FROM recognition_applications WHERE id = ? RETURNING id"), appID).Scan(&ids[i]); err != nil {
			tb.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO recognition_decisions (application_id, "+dcols+") SELECT ?, "+dcols+
			" FROM recognition_decisions WHERE application_id = ? ORDER BY id"), ids[i], appID); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return ids
}

// setCertSigner replaces the store's credential signer (nil: the real one).
func setCertSigner(s *Store, f func([]byte, credential.Issuer, time.Time) ([]byte, error)) {
	if f == nil {
		f = credential.SignAt
	}
	st := s.certState()
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sign = f
}

// certSeq is the running number at the end of a number.
func certSeq(t testing.TB, number string) int {
	t.Helper()
	i := strings.LastIndexByte(number, '-')
	n, err := strconv.Atoi(number[i+1:])
	if err != nil {
		t.Fatalf("number %q: %v", number, err)
	}
	return n
}

func TestCertificateIssue(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newCertFix(t, s)
		ctx := f.ctx
		a := f.certApply("Әлихан Ғабитұлы Құнанбаев", 1, recognition.StateDecided)
		c := recMust(s.IssueCertificate(ctx, recAssessor1, a.ID))(t)
		if want := fmt.Sprintf("%d-2025-000001", f.centre.ID); c.Number != want {
			t.Errorf("number %q, want %q", c.Number, want)
		}
		if c.HolderName != "Әлихан Ғабитұлы Құнанбаев" || !c.Whole || len(c.Units) != 8 || c.Level != 5 ||
			c.Profession["kk"] != "Жастармен жұмыс жөніндегі маман" || c.StandardCode != "M84120" ||
			c.CentreBIN != f.centre.BIN || c.State != certificate.StatusValid || c.Demo || c.IssuedBy != recAssessor1 {
			t.Errorf("certificate %+v", c)
		}
		if got := c.IssueDate.Format(time.DateOnly) + " " + c.ValidUntil.Format(time.DateOnly); got != "2025-03-03 2030-03-02" {
			t.Errorf("validity %s", got)
		}

		// The stored certificate reads back the same.
		if got := recMust(s.Certificate(ctx, c.Number))(t); !certEqual(got, c) {
			t.Errorf("read back\n%+v\nwant\n%+v", got, c)
		}
		if got := recMust(s.CertificateByApplication(ctx, a.ID))(t); got.Number != c.Number {
			t.Errorf("by application: %s", got.Number)
		}

		// The credential verifies, signed by the active key, and is the
		// bytes signed.
		signed := recMust(s.CertificateCredential(ctx, c.Number))(t)
		res, err := credential.VerifyAt(ctx, signed, nil, f.clock.now())
		if err != nil {
			t.Fatalf("verify: %v", err)
		}
		key := recMust(s.IssuerKey(ctx))(t)
		if res.Issuer != key.DID() || res.VerificationMethod != key.KeyID || c.IssuerKeyID != key.KeyID ||
			res.ID != certBase+"/verify/"+c.Number+"/credential.json" || len(res.Status) != 2 {
			t.Errorf("verified %+v", res)
		}
		if !bytes.Contains(signed, []byte(`"licenseNumber": "`+c.Number+`"`)) {
			t.Error("the credential does not carry the number")
		}

		// The PDF renders.
		pdf := recMust(s.CertificatePDF(ctx, c.Number))(t)
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 1000 {
			t.Errorf("PDF of %d bytes", len(pdf))
		}

		// A second issue returns the certificate, changing nothing.
		again := recMust(s.IssueCertificate(ctx, recAdmin, a.ID))(t)
		if !certEqual(again, c) {
			t.Errorf("second issue gave %+v", again)
		}
		if got := recMust(s.CertificateCredential(ctx, c.Number))(t); !bytes.Equal(got, signed) {
			t.Error("the credential changed")
		}
		entries := recMust(s.AuditEntries(ctx, "certificate/"+c.Number))(t)
		if len(entries) != 1 || entries[0].Action != "certificate.issue" || entries[0].Actor != recAssessor1 {
			t.Errorf("audit %+v", entries)
		}
		cs := recMust(s.CertificatesOfCandidate(ctx, a.CandidateID))(t)
		if len(cs) != 1 || cs[0].Number != c.Number {
			t.Errorf("certificates of the candidate: %+v", cs)
		}
		if _, err := s.Certificate(ctx, "nope"); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("unknown number: %v", err)
		}
		if _, err := s.CertificateCredential(ctx, "nope"); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("unknown credential: %v", err)
		}
		if _, err := s.IssueCertificate(ctx, recAdmin, 99999); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("unknown application: %v", err)
		}
	})
}

// certEqual compares certificates, times by instant.
func certEqual(a, b certificate.Certificate) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func TestCertificateRefused(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newCertFix(t, s)
		ctx := f.ctx
		// Not decided yet; under appeal.
		for i, state := range []string{recognition.StateAssessed, recognition.StateAppealed} {
			a := f.certApply("Асан Үсенов", 10+i, state)
			if _, err := s.IssueCertificate(ctx, recAdmin, a.ID); !errors.Is(err, recognition.ErrConflict) {
				t.Errorf("%s application: %v", state, err)
			}
		}
		// Decided, but nothing recognised.
		a := f.certApply("Өмір Серікұлы", 12, recognition.StateScheduled)
		f.recordAll(a.ID, 10, 10)
		recMust(s.TransitionApplication(ctx, recAssessor1, a.ID, recognition.StateAssessed, ""))(t)
		if d := recMust(s.Decide(ctx, recAssessor1, a.ID, recognition.DecisionInput{}))(t); d.Outcome != recognition.OutcomeNone {
			t.Fatalf("decision %s", d.Outcome)
		}
		if _, err := s.IssueCertificate(ctx, recAdmin, a.ID); !errors.Is(err, recognition.ErrConflict) {
			t.Errorf("nothing recognised: %v", err)
		}
		// A re-decision is the decision in force.
		r := f.certApply("Қайрат Нұрұлы", 13, recognition.StateRedecided)
		c := recMust(s.IssueCertificate(ctx, recAdmin, r.ID))(t)
		if last := r.Decisions[len(r.Decisions)-1]; c.DecisionID != last.ID || last.AppealID == 0 {
			t.Errorf("certificate of decision %d, want the re-decision %d", c.DecisionID, last.ID)
		}
		// Without a base URL nothing is issued.
		set := recMust(s.CertificateSettings(ctx))(t)
		set.BaseURL = ""
		if err := s.SetCertificateSettings(ctx, recAdmin, set); err != nil {
			t.Fatal(err)
		}
		d := f.certApply("Дана Әбілқызы", 14, recognition.StateDecided)
		if _, err := s.IssueCertificate(ctx, recAdmin, d.ID); !errors.Is(err, kasip.ErrInvalid) || !strings.Contains(err.Error(), "base_url") {
			t.Errorf("without a base URL: %v", err)
		}
		set.NumberFormat = "{centre}{seq}"
		if err := s.SetCertificateSettings(ctx, recAdmin, set); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("ambiguous number format accepted: %v", err)
		}
		// None of this consumed a number: the next is 2.
		set.BaseURL, set.NumberFormat = certBase, certificate.DefaultSettings().NumberFormat
		if err := s.SetCertificateSettings(ctx, recAdmin, set); err != nil {
			t.Fatal(err)
		}
		if c := recMust(s.IssueCertificate(ctx, recAdmin, d.ID))(t); certSeq(t, c.Number) != 2 {
			t.Errorf("next number %s, want …-000002", c.Number)
		}
	})
}

// TestCertificateNumberingConcurrent issues 50 certificates from 8
// goroutines through two stores on one database (two processes): the
// numbers are 1 to 50, none missing, none twice; so are the status
// indexes. Run it with -race.
func TestCertificateNumberingConcurrent(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			s1 := openStore(t, dsn)
			f := newCertFix(t, s1)
			s2 := openStore(t, dsn)
			s2.SetRecognitionClock(f.clock.now)
			const n, workers = 50, 8
			first := f.certApply("Әлихан Құнанбаев", 1, recognition.StateDecided)
			apps := append([]int64{first.ID}, certCloneDecided(t, s1, first.ID, n-1)...)

			work := make(chan int64)
			var mu sync.Mutex
			var got []certificate.Certificate
			var wg sync.WaitGroup
			for w := range workers {
				s := []*Store{s1, s2}[w%2]
				wg.Go(func() {
					for id := range work {
						c, err := s.IssueCertificate(f.ctx, recAdmin, id)
						if err != nil {
							t.Errorf("issue %d: %v", id, err)
							continue
						}
						mu.Lock()
						got = append(got, c)
						mu.Unlock()
					}
				})
			}
			// Every application twice: the second issue must return the
			// first's certificate, even when both run at once.
			for _, id := range append(slices.Clone(apps), apps...) {
				work <- id
			}
			close(work)
			wg.Wait()

			byApp := map[int64]string{}
			var seqs, indexes []int
			for _, c := range got {
				if prev, ok := byApp[c.ApplicationID]; ok {
					if prev != c.Number {
						t.Errorf("application %d got %s and %s", c.ApplicationID, prev, c.Number)
					}
					continue
				}
				byApp[c.ApplicationID] = c.Number
				seqs = append(seqs, certSeq(t, c.Number))
				indexes = append(indexes, c.StatusIndex)
				if c.StatusListID != got[0].StatusListID {
					t.Errorf("%s in list %d, want %d", c.Number, c.StatusListID, got[0].StatusListID)
				}
			}
			slices.Sort(seqs)
			slices.Sort(indexes)
			for i := range n {
				if i >= len(seqs) || seqs[i] != i+1 || indexes[i] != i {
					t.Fatalf("numbers %v\nindexes %v\nwant 1..%d and 0..%d", seqs, indexes, n, n-1)
				}
			}
			var rows int
			if err := s1.r.QueryRow("SELECT COUNT(*) FROM certificates").Scan(&rows); err != nil || rows != n {
				t.Errorf("%d certificates stored (%v), want %d", rows, err, n)
			}
		})
	}
}

// TestCertificateFailedIssue: an issue that fails after drawing its number
// — the signer fails, or the insert breaks a constraint — leaves no
// certificate, and the number is drawn again by the next issue.
func TestCertificateFailedIssue(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newCertFix(t, s)
		ctx := f.ctx
		apps := certDecidedApps(t, s, f, 4)
		before := recMust(s.AuditEntries(ctx, ""))(t)

		failure := errors.New("HSM unavailable")
		setCertSigner(s, func([]byte, credential.Issuer, time.Time) ([]byte, error) { return nil, failure })
		if _, err := s.IssueCertificate(ctx, recAdmin, apps[0]); !errors.Is(err, failure) {
			t.Fatalf("issue with a failing signer: %v", err)
		}
		setCertSigner(s, nil)
		if _, err := s.CertificateByApplication(ctx, apps[0]); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("a certificate was left: %v", err)
		}
		if after := recMust(s.AuditEntries(ctx, ""))(t); len(after) != len(before) {
			t.Errorf("audit entries %d → %d", len(before), len(after))
		}
		c1 := recMust(s.IssueCertificate(ctx, recAdmin, apps[0]))(t)
		if certSeq(t, c1.Number) != 1 || c1.StatusIndex != 0 {
			t.Errorf("after the failure: %s index %d, want number 1 and index 0", c1.Number, c1.StatusIndex)
		}

		// A number format whose literal prefix gives a number already
		// issued: the insert fails on the unique number, and the
		// counter of that format's scope is not advanced.
		set := recMust(s.CertificateSettings(ctx))(t)
		set.NumberFormat = strings.TrimSuffix(c1.Number, "1") + "{seq:01}" // the same text, counted in scope (0, 0)
		if err := s.SetCertificateSettings(ctx, recAdmin, set); err != nil {
			t.Fatal(err)
		}
		if _, err := s.IssueCertificate(ctx, recAdmin, apps[1]); err == nil {
			t.Fatal("a duplicate number was issued")
		}
		set.NumberFormat = "X-{seq}"
		if err := s.SetCertificateSettings(ctx, recAdmin, set); err != nil {
			t.Fatal(err)
		}
		c2 := recMust(s.IssueCertificate(ctx, recAdmin, apps[1]))(t)
		if c2.Number != "X-1" || c2.StatusIndex != 1 {
			t.Errorf("after the constraint failure: %s index %d, want X-1 and index 1", c2.Number, c2.StatusIndex)
		}
	})
}

// certStatus fetches the list credential an entry of a certificate's
// credential points at and reports the bit.
func certStatus(t *testing.T, s *Store, now time.Time, number, purpose string) bool {
	t.Helper()
	ctx := context.Background()
	res, err := credential.VerifyAt(ctx, recMust(s.CertificateCredential(ctx, number))(t), nil, now)
	if err != nil {
		t.Fatal(err)
	}
	c := recMust(s.Certificate(ctx, number))(t)
	for _, e := range res.Status {
		if e.StatusPurpose != purpose {
			continue
		}
		if want := certBase + "/status/" + strconv.FormatInt(c.StatusListID, 10) + "/" + purpose; e.StatusListCredential != want {
			t.Fatalf("entry points at %s, want %s", e.StatusListCredential, want)
		}
		list := recMust(s.StatusListCredential(ctx, c.StatusListID, purpose))(t)
		set, err := credential.CheckStatus(ctx, e, list, res.Issuer, nil, now)
		if err != nil {
			t.Fatalf("check %s status of %s: %v", purpose, number, err)
		}
		return set
	}
	t.Fatalf("%s has no %s entry", number, purpose)
	return false
}

func TestCertificateStatus(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newCertFix(t, s)
		ctx := f.ctx
		apps := certDecidedApps(t, s, f, 3)
		var cs []certificate.Certificate
		for _, id := range apps {
			cs = append(cs, recMust(s.IssueCertificate(ctx, recAdmin, id))(t))
		}
		rev, sus := cs[0].Number, cs[1].Number
		now := f.clock.now
		for _, c := range cs {
			if certStatus(t, s, now(), c.Number, credential.StatusRevocation) || certStatus(t, s, now(), c.Number, credential.StatusSuspension) {
				t.Errorf("%s: a bit is set before any change", c.Number)
			}
		}
		listBefore := recMust(s.StatusListCredential(ctx, cs[0].StatusListID, credential.StatusRevocation))(t)

		// Revoke: the revocation bit is set, final.
		if _, err := s.SetCertificateStatus(ctx, recAdmin, rev, certificate.StatusRevoked, ""); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("revoke without a reason: %v", err)
		}
		f.clock.advance(recDay)
		c := recMust(s.SetCertificateStatus(ctx, recAdmin, rev, certificate.StatusRevoked, "forged diploma"))(t)
		if c.State != certificate.StatusRevoked || c.StateReason != "forged diploma" || c.StateChangedBy != recAdmin {
			t.Errorf("revoked %+v", c)
		}
		if !certStatus(t, s, now(), rev, credential.StatusRevocation) || certStatus(t, s, now(), rev, credential.StatusSuspension) {
			t.Error("revoked: want the revocation bit only")
		}
		for _, to := range []string{certificate.StatusValid, certificate.StatusSuspended, certificate.StatusRevoked} {
			if _, err := s.SetCertificateStatus(ctx, recAdmin, rev, to, "undo"); !errors.Is(err, recognition.ErrConflict) {
				t.Errorf("revoked → %s: %v", to, err)
			}
		}
		if got := recMust(s.StatusListCredential(ctx, cs[0].StatusListID, credential.StatusRevocation))(t); bytes.Equal(got, listBefore) {
			t.Error("the list credential did not change with the bits")
		}

		// Suspend, then reinstate; then revoke from suspended.
		recMust(s.SetCertificateStatus(ctx, recAdmin, sus, certificate.StatusSuspended, "under review"))(t)
		if !certStatus(t, s, now(), sus, credential.StatusSuspension) || certStatus(t, s, now(), sus, credential.StatusRevocation) {
			t.Error("suspended: want the suspension bit only")
		}
		if got := recMust(s.Certificate(ctx, sus))(t).Status(now()); got != certificate.StatusSuspended {
			t.Errorf("status %s", got)
		}
		recMust(s.SetCertificateStatus(ctx, recAdmin, sus, certificate.StatusValid, "review closed"))(t)
		if certStatus(t, s, now(), sus, credential.StatusSuspension) {
			t.Error("reinstated: the suspension bit is still set")
		}
		recMust(s.SetCertificateStatus(ctx, recAdmin, sus, certificate.StatusSuspended, "again"))(t)
		recMust(s.SetCertificateStatus(ctx, recAdmin, sus, certificate.StatusRevoked, "confirmed"))(t)
		if !certStatus(t, s, now(), sus, credential.StatusRevocation) || certStatus(t, s, now(), sus, credential.StatusSuspension) {
			t.Error("revoked after a suspension: want the revocation bit only")
		}
		// The third is untouched; the bits are its neighbours'.
		if certStatus(t, s, now(), cs[2].Number, credential.StatusRevocation) {
			t.Error("a neighbour's revocation set another bit")
		}
		actions := []string{}
		for _, e := range recMust(s.AuditEntries(ctx, "certificate/"+sus))(t) {
			actions = append(actions, e.Action)
		}
		if want := []string{"certificate.issue", "certificate.suspend", "certificate.reinstate", "certificate.suspend", "certificate.revoke"}; !slices.Equal(actions, want) {
			t.Errorf("audit %v, want %v", actions, want)
		}

		// Expired is computed from the dates: the day after the last.
		valid := recMust(s.Certificate(ctx, cs[2].Number))(t)
		if got := valid.Status(valid.ExpiresAt.Add(-time.Minute)); got != certificate.StatusValid {
			t.Errorf("before expiry %s", got)
		}
		f.clock.advance(valid.ExpiresAt.Sub(now()))
		if got := valid.Status(now()); got != certificate.StatusExpired {
			t.Errorf("at expiry %s", got)
		}
		page, _ := recMust2(s.SearchCertificates(ctx, certificate.Query{Number: valid.Number}))(t)
		if len(page) != 1 || page[0].Status != certificate.StatusExpired || page[0].StatusSince != valid.ValidUntil.AddDate(0, 0, 1).Format(time.DateOnly) {
			t.Errorf("search shows %+v", page)
		}
		// The public lookup shows what the full one does: revoked, revoked
		// after a suspension, expired; before and at expiry.
		for _, c := range cs {
			for _, at := range []time.Time{valid.ExpiresAt.Add(-time.Minute), now()} {
				full := recMust(s.Certificate(ctx, c.Number))(t).Public(at)
				pub := recMust(s.PublicCertificate(ctx, c.Number))(t).Public(at)
				if !reflect.DeepEqual(full, pub) {
					t.Errorf("%s at %s: public lookup %+v, full %+v", c.Number, at, pub, full)
				}
			}
		}
		if _, err := s.PublicCertificate(ctx, "nope"); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("public lookup of an unknown number: %v", err)
		}
		if _, err := s.SetCertificateStatus(ctx, recAdmin, "nope", certificate.StatusRevoked, "x"); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("unknown number: %v", err)
		}
		if _, err := s.StatusListCredential(ctx, 999, credential.StatusRevocation); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("unknown list: %v", err)
		}
		if _, err := s.StatusListCredential(ctx, cs[0].StatusListID, "refresh"); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("unknown purpose: %v", err)
		}
	})
}

// TestStatusListCache: the signed list is reused while its bits do not
// change, and a change made through another store (process) is seen.
func TestStatusListCache(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			s1 := openStore(t, dsn)
			f := newCertFix(t, s1)
			s2 := openStore(t, dsn)
			s2.SetRecognitionClock(f.clock.now)
			a := f.certApply("Әлихан Құнанбаев", 1, recognition.StateDecided)
			c := recMust(s1.IssueCertificate(f.ctx, recAdmin, a.ID))(t)
			list := func(s *Store) []byte {
				return recMust(s.StatusListCredential(f.ctx, c.StatusListID, credential.StatusSuspension))(t)
			}
			first := list(s1)
			f.clock.advance(time.Hour) // a new signature would have a new time
			if !bytes.Equal(list(s1), first) {
				t.Error("signed again though the bits did not change")
			}
			recMust(s2.SetCertificateStatus(f.ctx, recAdmin, c.Number, certificate.StatusSuspended, "review"))(t)
			if bytes.Equal(list(s1), first) {
				t.Error("the other store's change is not seen")
			}
			if !certStatus(t, s1, f.clock.now(), c.Number, credential.StatusSuspension) {
				t.Error("suspension bit not set")
			}
		})
	}
}

func TestCertificateKeyRotation(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newCertFix(t, s)
		ctx := f.ctx
		apps := certDecidedApps(t, s, f, 2)
		old := recMust(s.IssuerKey(ctx))(t)
		c1 := recMust(s.IssueCertificate(ctx, recAdmin, apps[0]))(t)
		fresh := recMust(s.RotateIssuerKey(ctx, recAdmin))(t)
		if fresh.KeyID == old.KeyID {
			t.Fatal("rotation kept the key")
		}
		if k := recMust(s.IssuerKey(ctx))(t); k.KeyID != fresh.KeyID {
			t.Errorf("active key %s, want %s", k.KeyID, fresh.KeyID)
		}
		c2 := recMust(s.IssueCertificate(ctx, recAdmin, apps[1]))(t)
		if c1.IssuerKeyID != old.KeyID || c2.IssuerKeyID != fresh.KeyID || c1.StatusListID == c2.StatusListID || c2.StatusIndex != 0 {
			t.Errorf("certificates signed by %s (list %d) and %s (list %d index %d)", c1.IssuerKeyID, c1.StatusListID,
				c2.IssuerKeyID, c2.StatusListID, c2.StatusIndex)
		}
		for _, c := range []certificate.Certificate{c1, c2} {
			res, err := credential.VerifyAt(ctx, recMust(s.CertificateCredential(ctx, c.Number))(t), nil, f.clock.now())
			if err != nil || res.VerificationMethod != c.IssuerKeyID {
				t.Errorf("%s: %v, signed by %s", c.Number, err, res.VerificationMethod)
			}
		}
		// The old key still signs the old certificate's status list.
		recMust(s.SetCertificateStatus(ctx, recAdmin, c1.Number, certificate.StatusRevoked, "error in the name"))(t)
		if !certStatus(t, s, f.clock.now(), c1.Number, credential.StatusRevocation) {
			t.Error("revocation under the old key not seen")
		}
		keys := recMust(s.IssuerKeys(ctx))(t)
		if len(keys) != 2 || keys[0].KeyID != old.KeyID || keys[0].Active || keys[0].RetiredAt.IsZero() ||
			keys[1].KeyID != fresh.KeyID || !keys[1].Active {
			t.Errorf("keys %+v", keys)
		}
	})
}

func TestCertificateSearch(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newCertFix(t, s)
		ctx := f.ctx
		names := []string{"Әлихан Ғабитұлы Құнанбаев", "Өмірзақ Үсенов", "Әлихан Сейітұлы Бөкейханов", "Әлихан Ғабитұлы Бөкейханов"}
		var cs []certificate.Certificate
		var cands []recognition.Candidate
		for i, name := range names {
			a := f.certApply(name, 1+i, recognition.StateDecided)
			cands = append(cands, recMust(s.GetCandidate(ctx, a.CandidateID))(t))
			cs = append(cs, recMust(s.IssueCertificate(ctx, recAdmin, a.ID))(t))
		}
		search := func(q certificate.Query) ([]string, int) {
			t.Helper()
			page, total := recMust2(s.SearchCertificates(ctx, q))(t)
			var out []string
			for _, p := range page {
				out = append(out, p.HolderName)
			}
			return out, total
		}
		if got, n := search(certificate.Query{Number: " " + cs[1].Number + " "}); n != 1 || !slices.Equal(got, names[1:2]) {
			t.Errorf("by number: %v %d", got, n)
		}
		if got, n := search(certificate.Query{Number: cs[1].Number + "0"}); n != 0 || len(got) != 0 {
			t.Errorf("by a wrong number: %v", got)
		}
		for _, q := range []certificate.Query{
			{Holder: "Құнанбаев Әлихан", Profession: "жастармен"},
			{Holder: "ҚҰНАНБАЕВ әлихан", Profession: "Жұмыс жөніндегі"},
			{Holder: "Кунанбаев Алихан", Profession: "M84120"}, // no Kazakh keyboard; the standard's code
			{Holder: "Әлихан Ғабитұлы Құнанбаев", Profession: "МАМАН"},
		} {
			if got, n := search(q); n != 1 || !slices.Equal(got, names[:1]) {
				t.Errorf("%+v: %v %d", q, got, n)
			}
		}
		if got, n := search(certificate.Query{Holder: "Құнанбаев Әлихан", Profession: "аспаз"}); n != 0 {
			t.Errorf("another profession: %v", got)
		}
		if got, n := search(certificate.Query{Holder: "Құнан Әлихан", Profession: "маман"}); n != 0 {
			t.Errorf("part of a word of the name: %v", got)
		}
		// Paging, newest first: two holders are Әлихан Ғабитұлы.
		got, n := search(certificate.Query{Holder: "әлихан ғабитұлы", Profession: "маман", Limit: 1, Offset: 1})
		if n != 2 || !slices.Equal(got, names[:1]) {
			t.Errorf("second page of one: %v of %d", got, n)
		}
		if got, n = search(certificate.Query{Holder: "әлихан ғабитұлы", Profession: "маман", Limit: 1}); n != 2 || !slices.Equal(got, names[3:]) {
			t.Errorf("first page of one: %v of %d", got, n)
		}
		if _, _, err := s.SearchCertificates(ctx, certificate.Query{Holder: "Құнанбаев Әлихан"}); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("a name without a profession: %v", err)
		}

		// Nothing private is returned.
		page, _ := recMust2(s.SearchCertificates(ctx, certificate.Query{Holder: "Құнанбаев Әлихан", Profession: "маман"}))(t)
		raw, _ := json.Marshal(page)
		for _, leak := range []string{cands[0].IIN, cands[0].BirthDate.Format(time.DateOnly), cands[0].Contacts.Email,
			cands[0].Contacts.Phone, "iin", "birth", "candidate", "application", "contacts"} {
			if bytes.Contains(raw, []byte(leak)) {
				t.Errorf("search result shows %q: %s", leak, raw)
			}
		}
	})
}

// TestIssuerKeyFirstUse: processes asking for the issuer key of a new
// database at once all get the same key, and one key is stored.
func TestIssuerKeyFirstUse(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			stores := []*Store{openStore(t, dsn), openStore(t, dsn)}
			ids := make([]string, 8)
			var wg sync.WaitGroup
			for i := range ids {
				wg.Go(func() {
					iss, err := stores[i%2].IssuerKey(context.Background())
					if err != nil {
						t.Error(err)
					}
					ids[i] = iss.KeyID
				})
			}
			wg.Wait()
			if ids[0] == "" || slices.ContainsFunc(ids, func(id string) bool { return id != ids[0] }) {
				t.Errorf("keys %v", ids)
			}
			keys := recMust(stores[0].IssuerKeys(context.Background()))(t)
			if len(keys) != 1 || !keys[0].Active || keys[0].KeyID != ids[0] {
				t.Errorf("stored keys %+v", keys)
			}
			entries := recMust(stores[1].AuditEntries(context.Background(), "issuer-key"))(t)
			if len(entries) != 1 || entries[0].Action != "certificate.key.create" {
				t.Errorf("audit %+v", entries)
			}
		})
	}
}
