package store

import (
	"errors"
	"sync"
	"testing"

	"github.com/kasip/kasip/recognition"
)

// Two assessors save results for the same application at the same time.
// Different rows: every save lands. The same row: exactly one save of each
// version wins and the other gets ErrStale, never a silent overwrite. Run
// with -race, on both databases.
func TestRecognitionConcurrentResults(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		a := f.to(f.apply(recognition.RouteSelf), recognition.StateScheduled)
		units := f.prog.Units

		// Each assessor saves its component for every unit, three times
		// over (create, then two replacements from the version it holds),
		// both at once.
		var wg sync.WaitGroup
		errs := make(chan error, 2*len(units)*3)
		for _, w := range []struct {
			assessor  int64
			component string
		}{{recAssessor1, recognition.ComponentTheory}, {recAssessor2, recognition.ComponentPractice}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, u := range units {
					r := recognition.Result{Component: w.component, Unit: u}
					for i := range 3 {
						r.Score = float64(60 + 10*i)
						saved, err := s.RecordResult(ctx, w.assessor, a.ID, r)
						if err != nil {
							errs <- err
							return
						}
						r.Version = saved.Version
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent saves of different rows: %v", err)
		}
		got := recMust(s.GetApplication(ctx, a.ID))(t).Results
		if len(got) != 2*len(units) {
			t.Fatalf("%d results, want %d", len(got), 2*len(units))
		}
		for _, r := range got {
			if r.Version != 3 || r.Score != 80 {
				t.Errorf("result %s %s: version %d score %v, want 3 and 80", r.Component, r.Unit, r.Version, r.Score)
			}
		}

		// Both assessors save the same row from the same version, many
		// times: each round exactly one wins.
		const rounds = 10
		version := int64(3)
		for round := range rounds {
			results := make([]error, 2)
			var start sync.WaitGroup
			start.Add(1)
			var done sync.WaitGroup
			for i, who := range []int64{recAssessor1, recAssessor2} {
				done.Add(1)
				go func() {
					defer done.Done()
					start.Wait()
					_, results[i] = s.RecordResult(ctx, who, a.ID, recognition.Result{Component: recognition.ComponentTheory,
						Unit: units[0], Score: float64(round), Version: version, Notes: "round"})
				}()
			}
			start.Done()
			done.Wait()
			won := 0
			for _, err := range results {
				switch {
				case err == nil:
					won++
				case errors.Is(err, recognition.ErrStale) && errors.Is(err, recognition.ErrConflict):
				default:
					t.Errorf("round %d: %v", round, err)
				}
			}
			if won != 1 {
				t.Fatalf("round %d: %d saves won, want 1 (%v)", round, won, results)
			}
			version++
		}
		final := recMust(s.GetApplication(ctx, a.ID))(t).Results
		for _, r := range final {
			if r.Component == recognition.ComponentTheory && r.Unit == units[0] && (r.Version != version || r.Score != rounds-1) {
				t.Errorf("contested row: version %d score %v, want %d and %d", r.Version, r.Score, version, rounds-1)
			}
		}
		// And the proposal sees every assessor's results.
		if p := recMust(s.ProposeDecision(ctx, a.ID))(t); p.Outcome != recognition.OutcomeUnits || len(p.Units) != len(units)-1 {
			t.Errorf("proposal %+v (theory of the first unit now scores %d)", p, rounds-1)
		}
	})
}
