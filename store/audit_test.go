package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kasip/kasip/audit"
)

var auditT0 = time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)

// appendAudit appends n entries about five applications.
func appendAudit(t *testing.T, s *Store, n int) []audit.Entry {
	t.Helper()
	var out []audit.Entry
	for i := range n {
		e, err := s.AppendAuditEntry(context.Background(), audit.Entry{
			At: auditT0.Add(time.Duration(i) * time.Second), Actor: int64(i % 3),
			Action: "application.step", Subject: fmt.Sprintf("application/%d", i%5),
			Data: json.RawMessage(fmt.Sprintf(`{"step":%d,"note":"қадам %d"}`, i, i)),
		})
		if err != nil {
			t.Fatalf("append %d: %v", i, err)
		}
		out = append(out, e)
	}
	return out
}

// auditFindings runs VerifyAudit and returns "seq:kind" per problem.
func auditFindings(t *testing.T, s *Store) ([]string, int) {
	t.Helper()
	ps, n, err := s.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%d:%s", p.Seq, p.Kind))
	}
	return out, n
}

func TestAuditAppendVerify(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if ps, n := auditFindings(t, s); ps != nil || n != 0 {
			t.Fatalf("empty log: %v, %d entries", ps, n)
		}
		written := appendAudit(t, s, 50)
		if ps, n := auditFindings(t, s); ps != nil || n != 50 {
			t.Fatalf("intact log: %v, %d entries", ps, n)
		}
		all, err := s.AuditEntries(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 50 {
			t.Fatalf("%d entries", len(all))
		}
		for i, e := range all {
			w := written[i]
			if e.Seq != int64(i+1) || !e.At.Equal(w.At) || e.Hash != w.Hash || e.PrevHash != w.PrevHash || string(e.Data) != string(w.Data) {
				t.Fatalf("entry %d read back as %+v, written %+v", i, e, w)
			}
		}
		if all[0].PrevHash != audit.GenesisHash || all[1].PrevHash != all[0].Hash {
			t.Error("chain not linked")
		}
		if string(all[3].Data) != `{"note":"қадам 3","step":3}` {
			t.Errorf("data not canonical: %s", all[3].Data)
		}
		one, err := s.AuditEntries(ctx, "application/3")
		if err != nil {
			t.Fatal(err)
		}
		var seqs []int64
		for _, e := range one {
			seqs = append(seqs, e.Seq)
		}
		if !slices.Equal(seqs, []int64{4, 9, 14, 19, 24, 29, 34, 39, 44, 49}) {
			t.Errorf("history of application/3: seqs %v", seqs)
		}

		// Bad entries are refused before anything is written.
		if _, err := s.AppendAuditEntry(ctx, audit.Entry{Action: "Bad Action"}); err == nil {
			t.Error("bad action accepted")
		}
		if _, err := s.AppendAuditEntry(ctx, audit.Entry{Action: "x.y", Data: json.RawMessage(`[1]`)}); err == nil {
			t.Error("data that is not an object accepted")
		}
		// A zero time is now.
		e, err := s.AppendAuditEntry(ctx, audit.Entry{Action: "system.check"})
		if err != nil || e.Seq != 51 || time.Since(e.At) > time.Minute || string(e.Data) != "{}" {
			t.Errorf("entry without time: %+v %v", e, err)
		}
	})
}

// auditAllowTampering drops the triggers that keep audit_log append-only,
// as someone with write access to the database could.
func auditAllowTampering(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	_, err := s.w.ExecContext(ctx, `UPDATE audit_log SET data = '{}' WHERE seq = 1`)
	if err == nil {
		t.Fatal("UPDATE of audit_log succeeded: the append-only trigger is missing")
	}
	if _, err := s.w.ExecContext(ctx, `DELETE FROM audit_log WHERE seq = 1`); err == nil {
		t.Fatal("DELETE from audit_log succeeded: the append-only trigger is missing")
	}
	drop := []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}
	if s.Dialect() == "postgres" {
		drop = []string{"DROP TRIGGER audit_log_no_change ON audit_log"}
	}
	for _, q := range drop {
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// auditWrite overwrites the stored row of entry e.Seq with e's fields.
func auditWrite(t *testing.T, s *Store, seq int64, e audit.Entry) {
	t.Helper()
	_, err := s.w.ExecContext(context.Background(), s.q(`UPDATE audit_log SET at = ?, actor = ?, action = ?, subject = ?,
		data = ?, prev_hash = ?, hash = ? WHERE seq = ?`),
		e.At.UnixMicro(), e.Actor, e.Action, e.Subject, string(e.Data), e.PrevHash, e.Hash, seq)
	if err != nil {
		t.Fatal(err)
	}
}

func TestAuditTamper(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		orig := appendAudit(t, s, 50)
		auditAllowTampering(t, s)
		restore := func() {
			t.Helper()
			if _, err := s.w.ExecContext(ctx, `DELETE FROM audit_log`); err != nil {
				t.Fatal(err)
			}
			for _, e := range orig {
				if _, err := s.w.ExecContext(ctx, s.q(`INSERT INTO audit_log (`+auditCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
					e.Seq, e.At.UnixMicro(), e.Actor, e.Action, e.Subject, string(e.Data), e.PrevHash, e.Hash); err != nil {
					t.Fatal(err)
				}
			}
			if ps, n := auditFindings(t, s); ps != nil || n != 50 {
				t.Fatalf("restored log: %v, %d entries", ps, n)
			}
		}
		for _, tc := range []struct {
			name   string
			tamper func()
			want   []string
			n      int
		}{
			{"data changed", func() {
				e := orig[16]
				e.Data = json.RawMessage(`{"note":"қадам 16","step":999}`)
				auditWrite(t, s, 17, e)
			}, []string{"17:altered"}, 50},
			{"middle entry deleted", func() {
				if _, err := s.w.ExecContext(ctx, `DELETE FROM audit_log WHERE seq = 25`); err != nil {
					t.Fatal(err)
				}
			}, []string{"25:missing"}, 49},
			{"contents of two entries swapped", func() {
				auditWrite(t, s, 10, orig[19])
				auditWrite(t, s, 20, orig[9])
			}, []string{"10:altered", "10:broken-link", "11:broken-link", "20:altered", "20:broken-link", "21:broken-link"}, 50},
			{"hash recomputed, next link not fixed", func() {
				e := orig[29]
				e.Actor = 2
				e.Data = json.RawMessage(`{"step":-1}`)
				var err error
				if e.Hash, err = e.ComputeHash(); err != nil {
					t.Fatal(err)
				}
				auditWrite(t, s, 30, e)
			}, []string{"31:broken-link"}, 50},
			{"first entry deleted", func() {
				if _, err := s.w.ExecContext(ctx, `DELETE FROM audit_log WHERE seq = 1`); err != nil {
					t.Fatal(err)
				}
			}, []string{"1:missing"}, 49},
		} {
			tc.tamper()
			got, n := auditFindings(t, s)
			if !slices.Equal(got, tc.want) || n != tc.n {
				t.Errorf("%s: %v in %d entries, want %v in %d", tc.name, got, n, tc.want, tc.n)
			}
			restore()
		}
	})
}

// Appends from many goroutines, through two stores on one database as two
// kasip processes would, get every seq once and form one chain.
func TestAuditConcurrentAppends(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			stores := []*Store{openStore(t, dsn), openStore(t, dsn)}
			const workers, perWorker = 8, 25
			var wg sync.WaitGroup
			errs := make(chan error, workers*perWorker)
			for w := range workers {
				wg.Go(func() {
					s := stores[w%2]
					for i := range perWorker {
						_, err := s.AppendAuditEntry(context.Background(), audit.Entry{
							At: auditT0, Actor: int64(w + 1), Action: "test.concurrent",
							Subject: fmt.Sprintf("worker/%d", w), Data: json.RawMessage(fmt.Sprintf(`{"i":%d}`, i)),
						})
						if err != nil {
							errs <- err
							return
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			if ps, n := auditFindings(t, stores[0]); ps != nil || n != workers*perWorker {
				t.Fatalf("after concurrent appends: %v in %d entries, want none in %d", ps, n, workers*perWorker)
			}
			all, err := stores[1].AuditEntries(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			for i, e := range all {
				if e.Seq != int64(i+1) {
					t.Fatalf("entry %d has seq %d", i, e.Seq)
				}
			}
		})
	}
}

// An append belongs to the caller's transaction: rolled back with it, it
// leaves no entry and no gap; committed, it is there with the change.
func TestAuditInTransaction(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		appendAudit(t, s, 3)

		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		e, err := s.AppendAudit(ctx, tx, audit.Entry{At: auditT0, Action: "application.accepted", Subject: "application/9"})
		if err != nil || e.Seq != 4 {
			t.Fatalf("append in tx: %+v %v", e, err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		if es, _ := s.AuditEntries(ctx, "application/9"); len(es) != 0 {
			t.Errorf("rolled-back entry is there: %+v", es)
		}

		// A state change and its entry commit together.
		tx, err = s.w.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE registry_state SET generation = generation + 1 WHERE id = 1`)); err != nil {
			t.Fatal(err)
		}
		e, err = s.AppendAudit(ctx, tx, audit.Entry{At: auditT0, Action: "application.accepted", Subject: "application/9"})
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if e.Seq != 4 {
			t.Errorf("seq after a rolled-back append: %d, want 4", e.Seq)
		}
		if ps, n := auditFindings(t, s); ps != nil || n != 4 {
			t.Errorf("after rollback and commit: %v in %d entries", ps, n)
		}
	})
}
