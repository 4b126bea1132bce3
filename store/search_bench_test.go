package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/demo"
)

// TestSearchLatency imports KASIP_SEARCH_BENCH_N generated standards into
// a SQLite store and reports the index build time and the latency of the
// relevance queries (p50, p99). It is skipped unless the variable is set:
//
//	KASIP_SEARCH_BENCH_N=10000 go test ./store -run SearchLatency -v -timeout 2h
func TestSearchLatency(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("KASIP_SEARCH_BENCH_N"))
	dsn := os.Getenv("KASIP_SEARCH_BENCH_DB") // a registry to import into (or, without N, only to query)
	if n <= 0 && dsn == "" {
		t.Skip("set KASIP_SEARCH_BENCH_N (or KASIP_SEARCH_BENCH_DB) to run")
	}
	if dsn == "" {
		dsn = filepath.Join(t.TempDir(), "bench.db")
	}
	if c, _ := strconv.Atoi(os.Getenv("KASIP_SEARCH_CAP")); c > 0 {
		defer func(old int) { candidateCap = old }(candidateCap)
		candidateCap = c
	}
	ctx := context.Background()
	s := openStore(t, dsn)
	var base []*kasip.Standard
	for _, p := range []string{seedHotel, seedYouth, xmlProg, xmlNetwork, xmlCNC, youthRU} {
		st, _ := doc(t, p)
		base = append(base, st)
	}
	start := time.Now()
	if n == 0 {
		base = nil
	}
	for _, st := range demo.Generate(base, n, 1) {
		data := demo.Document(st)
		if _, err := s.Import(ctx, st, []kasip.SourceFile{{Name: st.Sources[0].File, Format: st.Sources[0].Format, Data: data}}); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("imported %d generated standards in %v", n, time.Since(start))
	var docs int
	s.r.QueryRow("SELECT docs FROM search_stats").Scan(&docs)
	t.Logf("%d search documents", docs)
	if _, err := s.Search(ctx, kasip.SearchQuery{Text: "warm up"}); err != nil {
		t.Fatal(err)
	}
	var lat []time.Duration
	for range 3 {
		for _, q := range relevanceQueries {
			t0 := time.Now()
			if _, err := s.Search(ctx, kasip.SearchQuery{Text: q}); err != nil {
				t.Fatal(err)
			}
			d := time.Since(t0)
			lat = append(lat, d)
			if d > 50*time.Millisecond {
				t.Logf("slow: %q %v", q, d)
			}
		}
	}
	slices.Sort(lat)
	t.Logf("queries %d: p50 %v, p99 %v, max %v", len(lat), lat[len(lat)/2], lat[len(lat)*99/100], lat[len(lat)-1])
}
