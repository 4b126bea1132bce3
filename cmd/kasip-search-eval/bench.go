package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// latencies is the outcome of one latency scenario.
type latencies struct {
	N        int
	P50, P99 time.Duration
	QPS      float64
	Errors   int
}

// measure runs the queries round-robin from clients goroutines until
// maxQueries have been run or maxTime has passed.
func measure(ctx context.Context, qs []string, clients, maxQueries int, maxTime time.Duration, fn func(context.Context, string) error) latencies {
	var next atomic.Int64
	var errs atomic.Int64
	deadline := time.Now().Add(maxTime)
	per := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(maxQueries) || time.Now().After(deadline) {
					return
				}
				t := time.Now()
				if err := fn(ctx, qs[int(i)%len(qs)]); err != nil {
					errs.Add(1)
				}
				per[c] = append(per[c], time.Since(t))
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	var all []time.Duration
	for _, p := range per {
		all = append(all, p...)
	}
	slices.Sort(all)
	l := latencies{N: len(all), Errors: int(errs.Load())}
	if len(all) > 0 {
		l.P50 = all[len(all)*50/100]
		l.P99 = all[min(len(all)-1, len(all)*99/100)]
		l.QPS = float64(len(all)) / el.Seconds()
	}
	return l
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

// benchmark imports the bundled documents and n generated variants into a
// fresh SQLite file and measures index build time and query latency of
// Kasip and of the FTS5 baseline over the same items.
func benchmark(ctx context.Context, w io.Writer, set []query, c config) error {
	st, cleanup, err := openFresh(ctx, c.BenchDB)
	if err != nil {
		return err
	}
	defer cleanup()
	before, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	runtime.GC()
	t0 := time.Now()
	ng := 0
	if before.Versions == 0 {
		if err := importReal(ctx, st); err != nil {
			return err
		}
		if ng, err = importGenerated(ctx, st, c.Bench); err != nil {
			return err
		}
	}
	build := time.Since(t0)
	var rebuild time.Duration
	if c.Reindex {
		ri, ok := any(st).(interface{ Reindex(context.Context) error })
		if ok {
			t := time.Now()
			if err := ri.Reindex(ctx); err != nil {
				return err
			}
			rebuild = time.Since(t)
		}
	}
	counts, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	items, err := storedItems(ctx, st)
	if err != nil {
		return err
	}
	t1 := time.Now()
	b, err := newBaseline(ctx, items)
	if err != nil {
		return err
	}
	defer b.Close()
	baseBuild := time.Since(t1)

	fmt.Fprintf(w, "\nbenchmark: %d generated standards + the bundled documents (%d codes, %d versions; %d searchable items in the latest versions), GOMAXPROCS %d\n",
		max(ng, counts.Versions-6), counts.Standards, counts.Versions, len(items), runtime.GOMAXPROCS(0))
	if before.Versions == 0 {
		fmt.Fprintf(w, "Kasip import (store + search index): %s = %.0f versions/s\n", build.Round(time.Millisecond), float64(counts.Versions)/build.Seconds())
	} else {
		fmt.Fprintf(w, "Kasip import: not timed (reused %s)\n", c.BenchDB)
	}
	if rebuild > 0 {
		fmt.Fprintf(w, "Kasip search index rebuilt alone (store Reindex, every version): %s = %.0f %% of the import\n", rebuild.Round(time.Millisecond), 100*rebuild.Seconds()/build.Seconds())
	}
	fmt.Fprintf(w, "FTS5 baseline index build over the same items: %s\n", baseBuild.Round(time.Millisecond))

	qs := make([]string, len(set))
	for i, q := range set {
		qs[i] = q.Text
	}
	s, why := searcher(st)
	kfn := func(ctx context.Context, q string) error { _, err := kasipSearch(ctx, s, q); return err }
	bfn := func(ctx context.Context, q string) error { _, err := b.search(ctx, q); return err }
	// Warm up both (caches, prepared statements).
	for _, q := range qs {
		if s != nil {
			kfn(ctx, q)
		}
		bfn(ctx, q)
	}
	type row struct {
		clients  int
		k, kc, b latencies
	}
	var rows []row
	for _, cl := range []int{1, c.Clients} {
		r := row{clients: cl}
		if s != nil {
			// Warm: the candidate cache holds the set's words (filled by
			// the warm-up). Cold: no cache, every query reads the database.
			r.k = measure(ctx, qs, cl, c.MaxQueries, c.MaxTime, kfn)
			st.SetSearchCache(0)
			r.kc = measure(ctx, qs, cl, c.MaxQueries, c.MaxTime, kfn)
			st.SetSearchCache(-1)
			for _, q := range qs {
				kfn(ctx, q)
			}
		}
		r.b = measure(ctx, qs, cl, c.MaxQueries, c.MaxTime, bfn)
		rows = append(rows, r)
	}
	if s == nil {
		fmt.Fprintf(w, "Kasip latency: not measured (%s)\n\n", why)
		fmt.Fprintln(w, "| clients | FTS5 p50 | FTS5 p99 | FTS5 q/s | queries |")
		fmt.Fprintln(w, "|---:|---:|---:|---:|---:|")
		for _, r := range rows {
			fmt.Fprintf(w, "| %d | %s | %s | %.0f | %d |\n", r.clients, ms(r.b.P50), ms(r.b.P99), r.b.QPS, r.b.N)
		}
		return nil
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| clients | Kasip p50 | Kasip p99 | Kasip q/s | Kasip cold p50 | cold p99 | cold q/s | FTS5 p50 | FTS5 p99 | FTS5 q/s | ratio p99 (warm/FTS5) | ratio p99 (cold/FTS5) |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		fmt.Fprintf(w, "| %d | %s | %s | %.0f | %s | %s | %.0f | %s | %s | %.0f | %.2f× | %.2f× |\n", r.clients,
			ms(r.k.P50), ms(r.k.P99), r.k.QPS, ms(r.kc.P50), ms(r.kc.P99), r.kc.QPS, ms(r.b.P50), ms(r.b.P99), r.b.QPS,
			float64(r.k.P99)/float64(max(r.b.P99, 1)), float64(r.kc.P99)/float64(max(r.b.P99, 1)))
		if r.k.Errors+r.kc.Errors+r.b.Errors > 0 {
			fmt.Fprintf(w, "  errors: Kasip %d, cold %d, FTS5 %d\n", r.k.Errors, r.kc.Errors, r.b.Errors)
		}
	}
	return nil
}
