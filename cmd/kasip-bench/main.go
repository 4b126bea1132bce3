// Command kasip-bench measures the registry: import throughput and peak
// memory, then API latency under concurrent clients against a real
// `kasip serve` process on loopback, and that process's resident memory.
// Every loop is bounded in count and time; it only talks to 127.0.0.1.
// With -certificates N it measures certificates instead (certBench): the
// verification endpoints over a register of N, issuing and PDFs.
//
//	go build -o /tmp/kasip ./cmd/kasip
//	go run ./cmd/kasip-bench -kasip /tmp/kasip -n 1000 -db /tmp/b.db
//	go run ./cmd/kasip-bench -kasip /tmp/kasip -db /tmp/c.db -certificates 1000000 -t 20s -requests 1000000
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/demodata"
	"github.com/kasip/kasip/store"
)

func main() {
	n := flag.Int("n", 1000, "standards to import")
	dsn := flag.String("db", "", "SQLite path or postgres:// DSN (must be empty; with -certificates, empty or filled by an earlier run)")
	bin := flag.String("kasip", "", "path to the kasip binary to load-test (skip the load test when empty)")
	clients := flag.Int("c", 32, "concurrent clients")
	requests := flag.Int("requests", 20000, "requests per scenario (upper bound)")
	maxTime := flag.Duration("t", 30*time.Second, "time limit per scenario")
	var co certOptions
	flag.IntVar(&co.n, "certificates", 0, "certificates mode: fill the register to this many certificates (reused if it holds as many), verify them under load, then measure issuing and PDFs")
	flag.IntVar(&co.issue, "issue", 10000, "certificates mode: certificates to issue through the store (0: skip issuing and PDFs)")
	flag.DurationVar(&co.issueMax, "issue-t", 2*time.Minute, "certificates mode: time limit of issuing")
	flag.IntVar(&co.pdfs, "pdfs", 500, "certificates mode: PDFs to render")
	flag.DurationVar(&co.pdfMax, "pdf-t", time.Minute, "certificates mode: time limit of the PDFs")
	rates := flag.String("rate", "", "certificates mode: open-loop request rates to verify at, comma-separated (e.g. 1000,3000), after the closed loop (-requests 0 skips that)")
	flag.BoolVar(&co.raw, "raw", false, "certificates mode: load with the minimal HTTP/1.1 client, which leaves more of the cores to the server, instead of net/http's")
	flag.StringVar(&co.only, "only", "", "certificates mode: only the verification scenarios whose name contains this (\"/api/\" or \"/verify/\")")
	flag.DurationVar(&co.rateTime, "rate-t", 20*time.Second, "certificates mode: duration of each open-loop run")
	employees := flag.Int("workforce", 0, "organisations mode: an employer with this many employees rated on a card of 192 items; gap analysis in process and under load, then job descriptions per second")
	flag.Parse()
	var err error
	if co.rates, err = parseRates(*rates); err != nil {
		fmt.Fprintln(os.Stderr, "kasip-bench: -rate:", err)
		os.Exit(2)
	}
	if *dsn == "" {
		fmt.Fprintln(os.Stderr, "kasip-bench: -db is required")
		os.Exit(2)
	}
	ctx := context.Background()
	if p := os.Getenv("KASIP_BENCH_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	if *employees > 0 {
		if err := workforceBench(ctx, *bin, *dsn, *employees, *clients, *requests, *maxTime); err != nil {
			fmt.Fprintln(os.Stderr, "kasip-bench:", err)
			os.Exit(1)
		}
		return
	}
	if co.n > 0 {
		if err := certBench(ctx, *bin, *dsn, co, *clients, *requests, *maxTime); err != nil {
			fmt.Fprintln(os.Stderr, "kasip-bench:", err)
			os.Exit(1)
		}
		return
	}
	codes, err := importBench(ctx, *dsn, *n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kasip-bench:", err)
		os.Exit(1)
	}
	if *bin == "" {
		return
	}
	if err := loadBench(ctx, *bin, *dsn, codes, *clients, *requests, *maxTime); err != nil {
		fmt.Fprintln(os.Stderr, "kasip-bench:", err)
		os.Exit(1)
	}
}

// importBench imports n standards (the bundled real ones, then generated
// variants) and reports time, rate and peak memory.
func importBench(ctx context.Context, dsn string, n int) ([]string, error) {
	docs, err := demodata.Load()
	if err != nil {
		return nil, err
	}
	var base []*kasip.Standard
	for _, d := range docs {
		base = append(base, d.Standard)
	}
	gen := demo.Generate(base, n, 1)
	type item struct {
		st  *kasip.Standard
		src kasip.SourceFile
	}
	items := make([]item, 0, n)
	for _, st := range gen {
		if len(items) == n {
			break
		}
		items = append(items, item{st, kasip.SourceFile{Name: st.Code + "-v" + st.VersionKey() + ".json", Format: "kasip-json", SHA256: st.Sources[0].SHA256, Data: demo.Document(st)}})
	}
	reg, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer reg.Close()
	runtime.GC()
	start := time.Now()
	codes := map[string]bool{}
	for _, it := range items {
		if _, err := reg.Import(ctx, it.st, []kasip.SourceFile{it.src}); err != nil {
			return nil, fmt.Errorf("import %s: %w", it.st.Code, err)
		}
		codes[it.st.Code] = true
	}
	el := time.Since(start)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("import: %d standards (%d codes) in %s = %.0f standards/s; peak RSS of the importing process %.0f MiB\n",
		len(items), len(codes), el.Round(time.Millisecond), float64(len(items))/el.Seconds(), float64(ru.Maxrss)/1024)
	out := make([]string, 0, len(codes))
	for c := range codes {
		out = append(out, c)
	}
	return out, nil
}

// parseRates reads -rate: positive numbers, comma-separated.
func parseRates(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		r, err := strconv.ParseFloat(f, 64)
		if err != nil || r <= 0 || math.IsInf(r, 0) {
			return nil, fmt.Errorf("%q is not a positive rate", f)
		}
		out = append(out, r)
	}
	return out, nil
}
