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
		for _, p := range demo.TimelineProblems(a, now) {
			t.Error(p)
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
