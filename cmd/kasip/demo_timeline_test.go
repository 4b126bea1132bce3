package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/store"
)

// TestDemoTimeline walks all demo recognition data `kasip serve --demo`
// makes and checks what real data obeys: every step of an application
// after its submission and in order (sessions before results, results
// before the decision, the decision before the appeal), no step in the
// future, and a certificate issued after its application's decision in
// the year its number names.
func TestDemoTimeline(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	out := serveOnce(t, db)
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now()
	list, total, err := s.ListApplications(ctx, recognition.ApplicationFilter{Limit: 100})
	if err != nil || total < 9 {
		t.Fatalf("%d demo applications, %v", total, err)
	}
	decided := map[int64]time.Time{}
	for _, l := range list {
		a, err := s.GetApplication(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range timeline(a) {
			if p.at.Before(a.SubmittedAt) || p.at.After(now) && p.what != "session" {
				t.Errorf("application %d: %s at %s, submitted %s", a.ID, p.what, p.at, a.SubmittedAt)
			}
		}
		for i := 1; i < len(a.History); i++ {
			if a.History[i].At.Before(a.History[i-1].At) {
				t.Errorf("application %d: %s before %s", a.ID, a.History[i].To, a.History[i-1].To)
			}
		}
		for _, r := range a.Results {
			for _, se := range a.Sessions {
				if r.RecordedAt.Before(se.At) {
					t.Errorf("application %d: result at %s before the session at %s", a.ID, r.RecordedAt, se.At)
				}
			}
			for _, d := range a.Decisions {
				if d.DecidedAt.Before(r.RecordedAt) {
					t.Errorf("application %d: decision at %s before a result at %s", a.ID, d.DecidedAt, r.RecordedAt)
				}
			}
		}
		for _, ap := range a.Appeals {
			for _, d := range a.Decisions {
				if ap.FiledAt.Before(d.DecidedAt) {
					t.Errorf("application %d: appeal at %s before the decision at %s", a.ID, ap.FiledAt, d.DecidedAt)
				}
			}
		}
		for _, se := range a.Sessions {
			if !se.At.After(se.CreatedAt) {
				t.Errorf("application %d: session at %s scheduled at %s", a.ID, se.At, se.CreatedAt)
			}
		}
		if len(a.Decisions) > 0 {
			decided[a.ID] = a.Decisions[len(a.Decisions)-1].DecidedAt
		}
	}
	i := strings.Index(out, demo.CertificatesBanner)
	if i < 0 {
		t.Fatalf("no demo certificates:\n%s", out)
	}
	for _, line := range strings.Split(out[i:], "\n")[1:4] {
		f := strings.Fields(line)
		if len(f) != 2 {
			t.Fatalf("line %q", line)
		}
		c, err := s.Certificate(ctx, f[1][strings.LastIndex(f[1], "/")+1:])
		if err != nil {
			t.Fatal(err)
		}
		parts := strings.Split(c.Number, "-")
		year, _ := strconv.Atoi(parts[min(1, len(parts)-1)])
		if year != c.IssueDate.Year() {
			t.Errorf("%s certificate %s issued %s", f[0], c.Number, c.IssueDate.Format(time.DateOnly))
		}
		d, ok := decided[c.ApplicationID]
		if !ok || c.IssuedAt.Before(d) || c.IssuedAt.After(now) {
			t.Errorf("%s certificate %s issued %s, application %d decided %s", f[0], c.Number, c.IssuedAt, c.ApplicationID, d)
		}
	}
}

type event struct {
	what string
	at   time.Time
}

// timeline lists the dated steps of a.
func timeline(a recognition.Application) []event {
	var out []event
	for _, h := range a.History {
		out = append(out, event{"state " + h.To, h.At})
	}
	for _, s := range a.Sessions {
		out = append(out, event{"session", s.At}, event{"scheduling", s.CreatedAt})
	}
	for _, r := range a.Results {
		out = append(out, event{"result", r.RecordedAt})
	}
	for _, d := range a.Decisions {
		out = append(out, event{"decision", d.DecidedAt})
	}
	for _, ap := range a.Appeals {
		out = append(out, event{"appeal", ap.FiledAt})
	}
	return out
}
