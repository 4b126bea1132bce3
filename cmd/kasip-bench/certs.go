package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/demodata"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/store"
)

// The certificates mode (-certificates N): a register of N certificates,
// verified by -c clients (32) through a real `kasip serve --verify-rate -1`,
// then issuing and PDF rendering through the store.

// certOptions are the flags of the certificates mode.
type certOptions struct {
	n        int           // certificates in the register
	issue    int           // certificates to issue (upper bound)
	issueMax time.Duration // time limit of the issuing measurement
	pdfs     int           // PDFs to render (upper bound)
	pdfMax   time.Duration // time limit of the PDF measurement
	rates    []float64     // open-loop request rates to verify at
	rateTime time.Duration // duration of each open-loop run
	raw      bool          // the raw HTTP/1.1 client (rawDoer) instead of net/http's
	only     string        // only the scenarios whose name has this ("/api/", "/verify/")
}

// benchBaseURL is the base URL signed into the benchmark's certificates
// when the database has none: a name that resolves nowhere.
const benchBaseURL = "https://kasip.invalid"

// benchActor is the demo account that issues, as in the demo data.
const benchActor = "manager@demo.kasip"

// certBench runs the certificates mode.
func certBench(ctx context.Context, bin, dsn string, o certOptions, c, requests int, maxTime time.Duration) error {
	numbers, app, err := prepareCertificates(ctx, dsn, o.n)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	if bin != "" {
		if err := certLoad(ctx, bin, dsn, numbers, c, requests, maxTime, o); err != nil {
			return fmt.Errorf("load: %w", err)
		}
	}
	if o.issue > 0 {
		if err := issueBench(ctx, dsn, app, o); err != nil {
			return fmt.Errorf("issue: %w", err)
		}
	}
	return nil
}

// prepareCertificates makes sure the database holds at least n
// certificates: one issued through the whole recognition workflow (the
// demo data: bundled standards, centre, programme, a decided application)
// and the rest copied from it in bulk. A database that holds n already is
// reused as it is. It returns every number and the application of the
// real certificate (the one the issuing measurement clones).
func prepareCertificates(ctx context.Context, dsn string, n int) ([]string, int64, error) {
	reg, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, 0, err
	}
	defer reg.Close()
	numbers, err := reg.CertificateNumbersForBenchmark(ctx)
	if err != nil {
		return nil, 0, err
	}
	first := slices.IndexFunc(numbers, func(s string) bool { return !strings.HasPrefix(s, "B-") })
	if first < 0 {
		start := time.Now()
		number, err := issueFirst(ctx, reg)
		if err != nil {
			return nil, 0, err
		}
		fmt.Printf("prepare: demo data and the first certificate %s issued in %s\n", number, time.Since(start).Round(time.Millisecond))
		numbers = append(numbers, number)
		first = len(numbers) - 1
	}
	template, err := reg.Certificate(ctx, numbers[first])
	if err != nil {
		return nil, 0, err
	}
	if missing := n - len(numbers); missing > 0 {
		start := time.Now()
		last := start
		bulk, err := reg.BulkInsertCertificatesForBenchmark(ctx, template.Number, missing, func(done int) {
			if time.Since(last) > 10*time.Second || done == missing {
				last = time.Now()
				fmt.Printf("prepare: %d/%d bulk certificates, %s\n", done, missing, time.Since(start).Round(time.Second))
			}
		})
		if err != nil {
			return nil, 0, err
		}
		el := time.Since(start)
		fmt.Printf("prepare: %d certificates inserted in bulk in %s = %.0f/s (copies of %s)\n",
			missing, el.Round(time.Millisecond), float64(missing)/el.Seconds(), template.Number)
		numbers = append(numbers, bulk...)
	} else {
		fmt.Printf("prepare: reusing the database, %d certificates\n", len(numbers))
	}
	return numbers, template.ApplicationID, nil
}

// issueFirst fills an empty database with the bundled standards and the
// recognition demo data, and issues the decided demo application's
// certificate, through the store's own methods.
func issueFirst(ctx context.Context, reg *store.Store) (string, error) {
	counts, err := reg.Counts(ctx)
	if err != nil {
		return "", err
	}
	if counts.Standards == 0 {
		docs, err := demodata.Load()
		if err != nil {
			return "", err
		}
		for _, d := range docs {
			if _, err := reg.Import(ctx, d.Standard, []kasip.SourceFile{d.Source}); err != nil {
				return "", fmt.Errorf("import %s: %w", d.Source.Name, err)
			}
		}
	}
	set, err := reg.CertificateSettings(ctx)
	if err != nil {
		return "", err
	}
	if set.BaseURL == "" {
		set.BaseURL = benchBaseURL
		if err := reg.SetCertificateSettings(ctx, 0, set); err != nil {
			return "", err
		}
	}
	// Cheap password hashes: the accounts' passwords are never printed.
	seed, err := demo.SeedRecognition(ctx, reg, demo.SeedOptions{Params: auth.TestParams})
	if err != nil {
		return "", fmt.Errorf("recognition demo data: %w", err)
	}
	actor, err := reg.UserByLogin(ctx, benchActor)
	if err != nil {
		return "", fmt.Errorf("account %s: %w", benchActor, err)
	}
	for _, a := range seed.Applications {
		if a.State == recognition.StateDecided {
			c, err := reg.IssueCertificate(ctx, actor.ID, a.ID)
			if err != nil {
				return "", err
			}
			return c.Number, nil
		}
	}
	return "", errors.New("the demo data has no decided application")
}

// certLoad starts `kasip serve --verify-rate -1` (no per-address limit:
// every request comes from 127.0.0.1) and verifies random existing
// numbers by the API and by the HTML page: first in a closed loop (c
// clients, each sending its next request when the last is answered: the
// most the server does), then open-loop at each of rates for rateTime
// (the latency users arriving at that rate see).
func certLoad(ctx context.Context, bin, dsn string, numbers []string, c, requests int, maxTime time.Duration, o certOptions) error {
	srv, err := startServe(ctx, bin, dsn, "--verify-rate", "-1")
	if err != nil {
		return err
	}
	defer srv.stop()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c}, Timeout: 10 * time.Second}
	// Request i asks for a number spread over the whole register by a
	// multiplicative hash: every run asks the same sequence, and
	// consecutive requests hit unrelated pages of the B-tree.
	pick := func(i int) string {
		return url.PathEscape(numbers[(uint64(i)*0x9E3779B97F4A7C15>>11)%uint64(len(numbers))])
	}
	for _, sc := range []struct {
		name string
		url  func(int) string
	}{
		{"GET /api/v1/certificates/{number}", func(i int) string { return srv.base + "/api/v1/certificates/" + pick(i) }},
		{"GET /verify/{number}", func(i int) string { return srv.base + "/verify/" + pick(i) }},
	} {
		if o.only != "" && !strings.Contains(sc.name, o.only) {
			continue
		}
		do := netHTTPDoer(client)
		if o.raw {
			do = rawDoer(c)
		}
		run(do, sc.url, 500, c, 10*time.Second) // warm-up
		fmt.Println(probe())
		if requests > 0 {
			m := measure(srv, func() result { return run(do, sc.url, requests, c, maxTime) })
			fmt.Printf("%s, closed loop: %d requests in %s, %d clients, %d errors, %.0f req/s, p50 %s, p99 %s, load %s\n",
				sc.name, m.res.n, m.res.elapsed.Round(time.Millisecond), c, m.res.errors, m.rate(),
				m.res.pct(50), m.res.pct(99), loadAvg())
			m.printCPU()
		}
		for _, rate := range o.rates {
			m := measure(srv, func() result { return runRate(do, sc.url, rate, o.rateTime, c) })
			fmt.Printf("%s, open loop at %.0f req/s: %d requests in %s, at most %d connections, %d errors, %.0f req/s, p50 %s, p90 %s, p99 %s, p99.9 %s, max %s, load %s\n",
				sc.name, rate, m.res.n, m.res.elapsed.Round(time.Millisecond), c, m.res.errors, m.rate(),
				m.res.pct(50), m.res.pct(90), m.res.pct(99), m.res.pctf(99.9), m.res.pct(100), loadAvg())
			m.printCPU()
		}
	}
	fmt.Printf("kasip serve RSS after the load: %s (%s) (%d certificates)\n", rss(srv.cmd.Process.Pid),
		procStatus(srv.cmd.Process.Pid, "RssAnon", "RssFile", "RssShmem"), len(numbers))
	return nil
}

// issueBench issues up to o.issue certificates through the store, each
// from a fresh clone of the real certificate's decided application
// (IssueCertificate: read, number, status index, build, sign, insert,
// audit, commit), then renders up to o.pdfs of them as PDF
// (CertificatePDF: read and render), both sequentially on one goroutine.
func issueBench(ctx context.Context, dsn string, app int64, o certOptions) error {
	reg, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer reg.Close()
	actor, err := reg.UserByLogin(ctx, benchActor)
	if err != nil {
		return fmt.Errorf("account %s: %w", benchActor, err)
	}
	start := time.Now()
	apps, err := reg.CloneDecidedApplicationsForBenchmark(ctx, app, o.issue)
	if err != nil {
		return err
	}
	fmt.Printf("issue: %d decided applications cloned in %s (not timed below)\n", len(apps), time.Since(start).Round(time.Millisecond))
	var issued []string
	var lat []time.Duration
	start = time.Now()
	deadline := start.Add(o.issueMax)
	for _, id := range apps {
		if time.Now().After(deadline) {
			break
		}
		t0 := time.Now()
		c, err := reg.IssueCertificate(ctx, actor.ID, id)
		if err != nil {
			return err
		}
		lat = append(lat, time.Since(t0))
		issued = append(issued, c.Number)
	}
	el := time.Since(start)
	r := sorted(lat)
	fmt.Printf("issue: %d certificates issued (signed and stored) in %s = %.0f/s, p50 %s, p99 %s, load %s\n",
		len(issued), el.Round(time.Millisecond), float64(len(issued))/el.Seconds(), r.pct(50), r.pct(99), loadAvg())
	if len(issued) < o.issue {
		fmt.Printf("issue: time limit %s reached before %d; %d would take %s at this rate (extrapolated)\n",
			o.issueMax, o.issue, o.issue, (time.Duration(float64(el) / float64(len(issued)) * float64(o.issue))).Round(time.Second))
	}
	lat, start, deadline = nil, time.Now(), time.Now().Add(o.pdfMax)
	var size int
	for i := 0; i < o.pdfs && i < len(issued) && time.Now().Before(deadline); i++ {
		t0 := time.Now()
		pdf, err := reg.CertificatePDF(ctx, issued[i])
		if err != nil {
			return err
		}
		lat = append(lat, time.Since(t0))
		size += len(pdf)
	}
	el = time.Since(start)
	if len(lat) == 0 {
		return nil
	}
	r = sorted(lat)
	perPDF := el / time.Duration(len(lat))
	fmt.Printf("pdf: %d PDFs rendered in %s = %.1f/s, p50 %s, p99 %s, %d KB each, load %s\n",
		len(lat), el.Round(time.Millisecond), float64(len(lat))/el.Seconds(), r.pct(50), r.pct(99),
		size/len(lat)/1024, loadAvg())
	fmt.Printf("pdf: 10,000 PDFs would take %s on one core at this rate (extrapolated)\n", (perPDF * 10000).Round(time.Second))
	return nil
}

// measured is a load run with the CPU time it cost.
type measured struct {
	res                   result
	server, self, machine time.Duration
}

// measure runs f and reads the CPU time the server, this process and the
// whole machine spent meanwhile.
func measure(srv *server, f func() result) measured {
	srv0, self0, busy0 := cpuTime(srv.cmd.Process.Pid), selfCPU(), machineBusy()
	res := f()
	return measured{res: res, server: cpuTime(srv.cmd.Process.Pid) - srv0, self: selfCPU() - self0, machine: machineBusy() - busy0}
}

func (m measured) rate() float64 { return float64(m.res.n) / m.res.elapsed.Seconds() }

// printCPU says where the two cores went: the server's CPU and the load
// generator's own, per request and as cores busy; and the whole machine's
// (the database server's processes, other users).
func (m measured) printCPU() {
	n, el := float64(max(m.res.n, 1)), m.res.elapsed.Seconds()
	fmt.Printf("  CPU: server %.0f µs/request (%.2f cores), load generator %.0f µs/request (%.2f cores), machine %.2f cores busy\n",
		float64(m.server.Microseconds())/n, m.server.Seconds()/el,
		float64(m.self.Microseconds())/n, m.self.Seconds()/el, m.machine.Seconds()/el)
}

// sorted is a result of latencies alone, for its percentiles.
func sorted(lat []time.Duration) result {
	l := slices.Clone(lat)
	slices.Sort(l)
	return result{n: len(l), lat: l}
}

// cpuTime is a process's user plus system CPU time, from /proc (0 when
// unreadable).
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses and may
	// hold spaces: utime and stime are fields 14 and 15 of the line.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / clockTicks
}

// clockTicks is USER_HZ, the unit of /proc/PID/stat times: 100 on Linux.
const clockTicks = 100

// selfCPU is this process's user plus system CPU time.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// machineBusy is the CPU time all cores spent not idle (nor waiting for
// I/O) since boot, from the first line of /proc/stat.
func machineBusy() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	f := strings.Fields(string(line))
	var busy int64
	for i, v := range f[1:] {
		n, _ := strconv.ParseInt(v, 10, 64)
		// user nice system idle iowait irq softirq steal guest guest_nice;
		// guest time is counted in user already.
		if i != 3 && i != 4 && i < 8 {
			busy += n
		}
	}
	return time.Duration(busy) * time.Second / clockTicks
}

// procStatus reads fields of /proc/PID/status: what the resident memory
// is made of (anonymous: heaps and caches; file: mapped files).
func procStatus(pid int, keys ...string) string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown"
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(l, ":")
		if ok && slices.Contains(keys, k) {
			out = append(out, k+" "+strings.TrimSpace(v))
		}
	}
	return strings.Join(out, ", ")
}

// loadAvg is the machine's 1-minute load average: the benchmark shares
// the cores with whatever else runs.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "unknown"
	}
	return f[0]
}
