package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var reServing = regexp.MustCompile(`serving on (http://\S+)`)

// server is a running `kasip serve` on loopback.
type server struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT
}

// startServe starts `kasip serve` on a free loopback port against dsn,
// with extra flags, and waits for its address. Only a loopback address
// is accepted.
func startServe(ctx context.Context, bin, dsn string, extra ...string) (*server, error) {
	cmd := exec.CommandContext(ctx, bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--db", dsn}, extra...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	srv := &server{cmd: cmd}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		srv.stop()
		return nil, fmt.Errorf("kasip serve did not start: %w", err)
	}
	m := reServing.FindStringSubmatch(line)
	if m == nil {
		srv.stop()
		return nil, fmt.Errorf("unexpected first line %q", line)
	}
	srv.base = m[1]
	if !strings.HasPrefix(srv.base, "http://127.0.0.1:") && !strings.HasPrefix(srv.base, "http://localhost:") {
		srv.stop()
		return nil, fmt.Errorf("refusing to load-test a non-loopback address %s", srv.base)
	}
	return srv, nil
}

// stop kills the server it started and waits for it.
func (s *server) stop() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
}

// loadBench starts `kasip serve` on loopback against dsn, runs the
// scenarios with c concurrent clients, and reads the server's RSS.
func loadBench(ctx context.Context, bin, dsn string, codes []string, c, requests int, maxTime time.Duration) error {
	srv, err := startServe(ctx, bin, dsn)
	if err != nil {
		return err
	}
	defer srv.stop()
	base := srv.base
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c}, Timeout: 10 * time.Second}
	get := func(i int) string { return base + "/api/v1/standards/" + url.PathEscape(codes[i%len(codes)]) }
	list := func(i int) string {
		return fmt.Sprintf("%s/api/v1/standards?limit=50&offset=%d", base, (i*50)%max(len(codes)-50, 1))
	}
	for _, sc := range []struct {
		name string
		url  func(int) string
	}{{"get a standard", get}, {"list standards", list}} {
		do := netHTTPDoer(client)
		run(do, sc.url, 200, c, 10*time.Second) // warm-up
		res := run(do, sc.url, requests, c, maxTime)
		fmt.Printf("%s: %d requests, %d clients, %d errors, %.0f req/s, p50 %s, p99 %s\n",
			sc.name, res.n, c, res.errors, float64(res.n)/res.elapsed.Seconds(), res.pct(50), res.pct(99))
	}
	fmt.Printf("kasip serve RSS after the load: %s (%d standards)\n", rss(srv.cmd.Process.Pid), len(codes))
	return nil
}

type result struct {
	n, errors int
	lat       []time.Duration
	elapsed   time.Duration
}

func (r result) pct(p int) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[(len(r.lat)-1)*p/100].Round(10 * time.Microsecond)
}

// run issues at most total requests from c clients, stopping at maxTime.
func run(do doer, u func(int) string, total, c int, maxTime time.Duration) result {
	deadline := time.Now().Add(maxTime)
	return drive(do, u, c, func(i int64, _ time.Time) (time.Time, bool) {
		now := time.Now()
		return now, i < int64(total) && !now.After(deadline)
	})
}

// drive runs c workers that take request indexes in turn and send them
// through do; when(i, start) says when request i counts from (after
// waiting for that time if it is ahead) and whether to send it at all.
// A request's latency runs from that time to its answer.
func drive(do doer, u func(int) string, c int, when func(i int64, start time.Time) (time.Time, bool)) result {
	var next, errs atomic.Int64
	lats := make([][]time.Duration, c)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				from, ok := when(i, start)
				if !ok {
					return
				}
				if wait := time.Until(from); wait > 0 {
					time.Sleep(wait)
				}
				status, err := do(w, u(int(i)))
				if err != nil || status != 200 {
					errs.Add(1)
					continue
				}
				lats[w] = append(lats[w], time.Since(from))
			}
		}(w)
	}
	wg.Wait()
	var all []time.Duration
	for _, l := range lats {
		all = append(all, l...)
	}
	slices.Sort(all)
	return result{n: len(all), errors: int(errs.Load()), lat: all, elapsed: time.Since(start)}
}

// rss reads a process's resident set size from /proc.
func rss(pid int) string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmRSS:"))
		}
	}
	return "unknown"
}

// runRate is the open-loop counterpart of run: it offers rate requests
// per second for d, whatever the answers' speed, through at most c
// connections (the bound: a client never opens more). Request k is due
// at start + k/rate; a connection takes the next due request, waits for
// its time and sends it, and its latency is counted from when it was due,
// not from when it was sent. So a request that waited because all c
// connections were busy counts its wait: the percentiles are what a
// stream of users arriving at that rate would see, without the
// "coordinated omission" of a closed loop, whose clients slow down with
// the server and hide its queue.
func runRate(do doer, u func(int) string, rate float64, d time.Duration, c int) result {
	total := int64(rate * d.Seconds())
	period := float64(time.Second) / rate
	return drive(do, u, c, func(k int64, start time.Time) (time.Time, bool) {
		return start.Add(time.Duration(float64(k) * period)), k < total
	})
}

// pctf is the p-th percentile for a fractional p (99.9).
func (r result) pctf(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[int(float64(len(r.lat)-1)*p/100)].Round(10 * time.Microsecond)
}
