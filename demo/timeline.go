package demo

import (
	"fmt"
	"time"

	"github.com/kasip/kasip/recognition"
)

// TimelineProblems lists where a's steps break the order real data obeys:
// every step after the submission and none after now (but a session,
// which may be booked ahead); the states in order; each session after
// it was booked; results after the sessions, the decision after the
// results, the appeal after the decision. The demo's tests check its
// applications with it, as made at any hour.
func TimelineProblems(a recognition.Application, now time.Time) []string {
	var out []string
	bad := func(format string, args ...any) {
		out = append(out, fmt.Sprintf("application %d: ", a.ID)+fmt.Sprintf(format, args...))
	}
	for _, p := range steps(a) {
		if p.at.Before(a.SubmittedAt) || p.at.After(now) && p.what != "session" {
			bad("%s at %s, submitted %s", p.what, p.at, a.SubmittedAt)
		}
	}
	for i := 1; i < len(a.History); i++ {
		if a.History[i].At.Before(a.History[i-1].At) {
			bad("%s before %s", a.History[i].To, a.History[i-1].To)
		}
	}
	for _, se := range a.Sessions {
		if !se.At.After(se.CreatedAt) {
			bad("session at %s scheduled at %s", se.At, se.CreatedAt)
		}
		for _, r := range a.Results {
			if r.RecordedAt.Before(se.At) {
				bad("result at %s before the session at %s", r.RecordedAt, se.At)
			}
		}
	}
	for _, d := range a.Decisions {
		for _, r := range a.Results {
			if d.DecidedAt.Before(r.RecordedAt) {
				bad("decision at %s before a result at %s", d.DecidedAt, r.RecordedAt)
			}
		}
		for _, ap := range a.Appeals {
			if ap.FiledAt.Before(d.DecidedAt) {
				bad("appeal at %s before the decision at %s", ap.FiledAt, d.DecidedAt)
			}
		}
	}
	return out
}

// step is one dated step of an application.
type step struct {
	what string
	at   time.Time
}

// steps lists the dated steps of a.
func steps(a recognition.Application) []step {
	var out []step
	for _, h := range a.History {
		out = append(out, step{"state " + h.To, h.At})
	}
	for _, s := range a.Sessions {
		out = append(out, step{"session", s.At}, step{"scheduling", s.CreatedAt})
	}
	for _, r := range a.Results {
		out = append(out, step{"result", r.RecordedAt})
	}
	for _, d := range a.Decisions {
		out = append(out, step{"decision", d.DecidedAt})
	}
	for _, ap := range a.Appeals {
		out = append(out, step{"appeal", ap.FiledAt})
	}
	return out
}
