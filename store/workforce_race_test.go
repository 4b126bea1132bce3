package store

import (
	"errors"
	"sync"
	"testing"

	"github.com/kasip/kasip/workforce"
)

// Eight raters rate the same employee at once, each on an item of its
// own, several times over, starting before the employee has any rating
// row: every rating is kept, none lost to another's read-modify-write.
// Then eight updates of one position from the same revision: exactly one
// wins, the others are stale. Run with -race, on both databases.
func TestWorkforceConcurrentRatings(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newWfFix(t, s)
		ctx := f.ctx
		p := f.position(t, "Маман", "")
		e := recMust(s.CreateEmployee(ctx, f.hr.ID, workforce.Employee{OrgID: f.org.ID, Name: "Айгүл", PositionID: p.ID}))(t)
		items := f.items(t)
		const raters, rounds = 8, 4
		if len(items) < raters {
			t.Fatalf("%d items", len(items))
		}
		var start, done sync.WaitGroup
		start.Add(1)
		errs := make(chan error, raters*rounds)
		for i := range raters {
			done.Add(1)
			go func() {
				defer done.Done()
				start.Wait()
				for round := range rounds {
					self, manager := round%5, (i+round)%5
					if _, err := s.Rate(ctx, int64(100+i), e.ID, []workforce.RatingInput{{Path: items[i].Path, Self: &self, Manager: &manager}}); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		start.Done()
		done.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent rating: %v", err)
		}
		a := recMust(s.Assessment(ctx, e.ID))(t)
		if len(a.Ratings) != raters {
			t.Fatalf("%d ratings kept, want %d: %+v", len(a.Ratings), raters, a.Ratings)
		}
		for i := range raters {
			r := a.Ratings[items[i].Path]
			if r.Self != (rounds-1)%5 || r.Manager != (i+rounds-1)%5 || r.By != int64(100+i) {
				t.Errorf("rating of %s: %+v, want the last round of rater %d", items[i].Path, r, i)
			}
		}
		entries := recMust(s.AuditEntries(ctx, wfSubject("employee", e.ID)))(t)
		if len(entries) != 1+raters*rounds {
			t.Errorf("%d audit entries, want the creation and %d ratings", len(entries), raters*rounds)
		}

		results := make([]error, raters)
		start.Add(1)
		for i := range raters {
			done.Add(1)
			go func() {
				defer done.Done()
				start.Wait()
				up := p
				up.Title = "Маман " + string(rune('A'+i))
				_, results[i] = s.UpdatePosition(ctx, f.hr.ID, up)
			}()
		}
		start.Done()
		done.Wait()
		won := 0
		for _, err := range results {
			switch {
			case err == nil:
				won++
			case errors.Is(err, workforce.ErrStale):
			default:
				t.Errorf("concurrent update: %v", err)
			}
		}
		if got := recMust(s.GetPosition(ctx, p.ID))(t); won != 1 || got.Revision != 2 {
			t.Errorf("%d updates won, revision %d: want one, and revision 2", won, got.Revision)
		}
	})
}
