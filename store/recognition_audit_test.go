package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/audit"
	"github.com/kasip/kasip/recognition"
)

// TestRecognitionAuditByDefault: a store as Open returns it writes the
// audit entries of recognition changes without being told to.
func TestRecognitionAuditByDefault(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := recMust(s.CreateCentre(ctx, recAdmin, recognition.Centre{
			Name: kasip.Text{"kk": "Орталық", "ru": "Центр"}, BIN: recBIN(t, 3)}))(t)
		es := recMust(s.AuditEntries(ctx, "centre/"+strconv.FormatInt(c.ID, 10)))(t)
		if len(es) != 1 || es[0].Action != "recognition.centre.create" || es[0].Actor != recAdmin {
			t.Fatalf("entries of the new centre: %+v", es)
		}
		if ps, n := auditFindings(t, s); ps != nil || n != 1 {
			t.Errorf("log: %v, %d entries", ps, n)
		}
	})
}

// recAuditStep is what an application's audit entry is expected to say.
type recAuditStep struct {
	action string
	actor  int64
}

func (r recAuditStep) String() string { return fmt.Sprintf("%s by %d", r.action, r.actor) }

// recExpectedFlow is the audit of a self application driven by recFix.to
// to closed: each transition, and the results in between.
func recExpectedFlow(units int) []recAuditStep {
	app := func(a string, actor int64) recAuditStep { return recAuditStep{"recognition.application." + a, actor} }
	out := []recAuditStep{app("submit", recCandidateUser), app("accepted", recAuthor), app("scheduled", recAuthor)}
	for range units {
		out = append(out, recAuditStep{"recognition.result.record", recAssessor1}, recAuditStep{"recognition.result.record", recAssessor2})
	}
	return append(out, app("assessed", recAssessor1), app("decided", recAssessor1), app("appealed", recCandidateUser),
		app("redecided", recAssessor2), app("closed", recAuthor))
}

func TestRecognitionAuditFlow(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		// The fixture collects the events itself; put back the auditor
		// Open installs.
		s.SetRecognitionAuditor(s.recognitionAuditor())

		a := f.to(f.apply(recognition.RouteSelf), recognition.StateClosed)
		subject := recApplicationSubject(a.ID)
		es := recMust(s.AuditEntries(ctx, subject))(t)
		var got []recAuditStep
		for _, e := range es {
			got = append(got, recAuditStep{e.Action, e.Actor})
		}
		if want := recExpectedFlow(len(f.prog.Units)); !slices.Equal(got, want) {
			t.Fatalf("audit of %s:\n got %v\nwant %v", subject, got, want)
		}

		// Every transition of the history has its entry, in order, by the
		// same actor at the same time.
		var moves []audit.Entry
		for _, e := range es {
			if e.Action != "recognition.result.record" {
				moves = append(moves, e)
			}
		}
		if len(moves) != len(a.History) {
			t.Fatalf("%d transition entries, %d history rows", len(moves), len(a.History))
		}
		for i, h := range a.History {
			if e := moves[i]; e.Actor != h.Actor || !e.At.Equal(h.At) {
				t.Errorf("history %d (%s → %s by %d at %s): entry %d by %d at %s", i, h.From, h.To, h.Actor, h.At, e.Seq, e.Actor, e.At)
			}
		}
		accepted := moves[1]
		if string(accepted.Data) != `{"from":"submitted","to":"accepted"}` {
			t.Errorf("data of the acceptance: %s", accepted.Data)
		}
		if ps, n := auditFindings(t, s); ps != nil || n != len(es) {
			t.Fatalf("log after the flow: %v, %d entries (the application has %d)", ps, n, len(es))
		}

		recAuditNothingOnFailure(t, f, a)

		// Someone with database access rewrites the acceptance.
		auditAllowTampering(t, s)
		if _, err := s.w.ExecContext(ctx, s.q(`UPDATE audit_log SET data = ? WHERE seq = ?`),
			`{"from":"submitted","to":"rejected"}`, accepted.Seq); err != nil {
			t.Fatal(err)
		}
		if ps, _ := auditFindings(t, s); !slices.Equal(ps, []string{fmt.Sprintf("%d:altered", accepted.Seq)}) {
			t.Errorf("tampered log: %v, want entry %d altered", ps, accepted.Seq)
		}
	})
}

// recAuditNothingOnFailure: a refused transition writes no entry, and an
// audit append that cannot commit takes the change down with it.
func recAuditNothingOnFailure(t *testing.T, f *recFix, closed recognition.Application) {
	t.Helper()
	s, ctx := f.s, f.ctx
	before := recMust(s.AuditEntries(ctx, ""))(t)
	_, err := s.TransitionApplication(ctx, recAuthor, closed.ID, recognition.StateAccepted, "")
	recWantErr(t, "accept a closed application", err, recognition.ErrIllegalTransition)

	// The entry is appended, then the transaction fails: neither stays.
	next := f.apply(recognition.RouteSelf)
	injected := errors.New("injected failure after the append")
	def := s.recognitionAuditor()
	s.SetRecognitionAuditor(func(ctx context.Context, tx *sql.Tx, ev recognition.Event) error {
		if err := def(ctx, tx, ev); err != nil {
			return err
		}
		return injected
	})
	_, err = s.TransitionApplication(ctx, recAuthor, next.ID, recognition.StateRejected, "incomplete documents")
	recWantErr(t, "reject with a failing audit", err, injected)
	s.SetRecognitionAuditor(def)
	if got := recMust(s.GetApplication(ctx, next.ID))(t); got.State != recognition.StateSubmitted {
		t.Errorf("the rejection survived its failed audit: %s", got.State)
	}

	after := recMust(s.AuditEntries(ctx, ""))(t)
	// The only new entry is the second application's submission.
	if len(after) != len(before)+1 || after[len(after)-1].Action != "recognition.application.submit" {
		t.Errorf("failed transitions wrote entries: %d before, %d after, last %+v", len(before), len(after), after[len(after)-1])
	}
}
