package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/demodata"
	"github.com/kasip/kasip/jobdesc"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/store"
	"github.com/kasip/kasip/workforce"
	"github.com/kasip/kasip/workforce/report"
)

// The organisations mode (-workforce N): an employer with N employees on
// one detailed position of a card with 100+ items (25.005, card 2: 5
// units, 192 items), every employee rated on every item; then the gap
// analysis in process (snapshot, analysis, heat map) and the gap page,
// the heat map and the analysis as JSON through a real `kasip serve`
// beside its plain /healthz handler; then job descriptions per second.

const (
	wfBenchStandard = "25.005"
	wfBenchCard     = 1
	wfBenchHR       = "hr@bench.kasip"
)

func workforceBench(ctx context.Context, bin, dsn string, n, c, requests int, maxTime time.Duration) error {
	org, token, err := prepareWorkforce(ctx, dsn, n)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	if err := wfInProcess(ctx, dsn, org); err != nil {
		return err
	}
	if bin != "" {
		if err := wfLoad(ctx, bin, dsn, org, token, c, requests, maxTime); err != nil {
			return fmt.Errorf("load: %w", err)
		}
	}
	return jobDescriptionRate(ctx, dsn)
}

// prepareWorkforce fills an empty database, or reuses the benchmark's
// organisation in one filled before; it returns the organisation and an
// API token of its HR.
func prepareWorkforce(ctx context.Context, dsn string, n int) (int64, string, error) {
	reg, err := store.Open(ctx, dsn)
	if err != nil {
		return 0, "", err
	}
	defer reg.Close()
	now := time.Now()
	hr, err := reg.UserByLogin(ctx, wfBenchHR)
	if errors.Is(err, kasip.ErrNotFound) {
		if _, err := demodata.Import(ctx, reg); err != nil {
			return 0, "", err
		}
		hash, err := auth.HashPassword("bench-password-not-used-1", auth.TestParams)
		if err != nil {
			return 0, "", err
		}
		if hr, err = reg.CreateUser(ctx, 0, auth.User{Login: wfBenchHR, Name: "Bench HR", Role: auth.RoleEmployer, Employer: "Bench"}, hash, now); err != nil {
			return 0, "", err
		}
	} else if err != nil {
		return 0, "", err
	}
	token, _, err := reg.CreateAPIToken(ctx, hr.ID, hr.ID, "bench "+now.Format(time.RFC3339Nano), time.Time{}, now)
	if err != nil {
		return 0, "", err
	}
	ms, err := reg.Memberships(ctx, hr.ID)
	if err != nil {
		return 0, "", err
	}
	if len(ms) > 0 {
		fmt.Printf("organisation %d reused\n", ms[0].OrgID)
		return ms[0].OrgID, token, nil
	}
	start := time.Now()
	bin, err := recognition.CompleteNumber("0701400", 1)
	if err != nil {
		return 0, "", err
	}
	o, err := reg.CreateOrganisation(ctx, 0, workforce.Organisation{Kind: workforce.KindEmployer, Name: "Bench", BIN: bin, Units: []string{"A", "B", "C", "D"}})
	if err != nil {
		return 0, "", err
	}
	if _, err := reg.SetMember(ctx, 0, workforce.Member{OrgID: o.ID, UserID: hr.ID, Role: workforce.RoleHR}); err != nil {
		return 0, "", err
	}
	pos, err := reg.CreatePosition(ctx, hr.ID, workforce.Position{OrgID: o.ID, Title: "Оператор", Standard: wfBenchStandard, Card: wfBenchCard, Required: 3, Detailed: true})
	if err != nil {
		return 0, "", err
	}
	st, err := reg.Standard(ctx, wfBenchStandard, pos.Version)
	if err != nil {
		return 0, "", err
	}
	items := workforce.Items(pos, &st.Cards[wfBenchCard])
	for i := range n {
		e, err := reg.CreateEmployee(ctx, hr.ID, workforce.Employee{OrgID: o.ID, Name: fmt.Sprintf("Қызметкер %05d", i), Unit: o.Units[i%len(o.Units)], PositionID: pos.ID})
		if err != nil {
			return 0, "", err
		}
		in := make([]workforce.RatingInput, len(items))
		for j, it := range items {
			m, s := (i*7+j*3)%5, (i*5+j)%5
			in[j] = workforce.RatingInput{Path: it.Path, Manager: &m, Self: &s}
		}
		if _, err := reg.Rate(ctx, hr.ID, e.ID, in); err != nil {
			return 0, "", err
		}
	}
	fmt.Printf("filled: %d employees × %d items (%d ratings) in %s\n", n, len(items), n*len(items), time.Since(start).Round(time.Millisecond))
	return o.ID, token, nil
}

// wfInProcess times the parts of a gap page: the store's snapshot beside
// reading the ratings' bytes alone, the analysis, the heat maps.
func wfInProcess(ctx context.Context, dsn string, org int64) error {
	reg, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer reg.Close()
	const rounds = 15
	var snapT, rawT, anT, svgT []time.Duration
	var an workforce.Analysis
	cards := map[string]*kasip.Standard{}
	cardOf := func(p workforce.Position) (*kasip.Card, bool) {
		st := cards[p.Standard+" "+p.Version]
		if st == nil {
			if st, err = reg.Standard(ctx, p.Standard, p.Version); err != nil {
				return nil, false
			}
			cards[p.Standard+" "+p.Version] = st
		}
		return &st.Cards[p.Card], true
	}
	for range rounds {
		t0 := time.Now()
		n, err := reg.WorkforceRatingBytesForBenchmark(ctx, org)
		if err != nil {
			return err
		}
		rawT = append(rawT, time.Since(t0))
		t0 = time.Now()
		snap, err := reg.Snapshot(ctx, org, "")
		if err != nil {
			return err
		}
		snapT = append(snapT, time.Since(t0))
		t0 = time.Now()
		an = workforce.Analyse(snap, "", cardOf, time.Now(), 10)
		anT = append(anT, time.Since(t0))
		t0 = time.Now()
		size := 0
		for _, b := range an.Blocks {
			size += len(report.HeatMapSVG(b, "kk", 200))
		}
		svgT = append(svgT, time.Since(t0))
		_ = n
		_ = size
	}
	cells := 0
	for _, b := range an.Blocks {
		cells += len(b.People) * len(b.Items)
	}
	fmt.Printf("in process, %d rounds, %d people, %d cells:\n", rounds, an.People, cells)
	for _, m := range []struct {
		name string
		d    []time.Duration
	}{{"ratings bytes (baseline: SELECT ratings, no decoding)", rawT}, {"store.Snapshot", snapT}, {"workforce.Analyse", anT}, {"report.HeatMapSVG (200 rows)", svgT}} {
		r := sorted(m.d)
		fmt.Printf("  %-55s p50 %s p90 %s max %s\n", m.name, r.pct(50), r.pct(90), r.pct(100))
	}
	return nil
}

// wfLoad asks the server for the gap page, the heat map and the analysis
// as JSON, with c clients, beside the plain /healthz.
func wfLoad(ctx context.Context, bin, dsn string, org int64, token string, c, requests int, maxTime time.Duration) error {
	srv, err := startServe(ctx, bin, dsn)
	if err != nil {
		return err
	}
	defer srv.stop()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c}, Timeout: 60 * time.Second}
	do := bearerDoer(client, token)
	o := strconv.FormatInt(org, 10)
	for _, sc := range []struct {
		name string
		path string
		n    int
	}{
		{"GET /healthz (baseline: a plain handler)", "/healthz", requests},
		{"GET /orgs/{org}/gaps (the page)", "/orgs/" + o + "/gaps?lang=kk", requests},
		{"GET /api/v1/orgs/{org}/gaps/heatmap.svg", "/api/v1/orgs/" + o + "/gaps/heatmap.svg", requests},
		{"GET /orgs/{org}/gaps?unit=A (a unit)", "/orgs/" + o + "/gaps?lang=kk&unit=A", requests},
		{"GET /api/v1/orgs/{org}/gaps (all cells as JSON)", "/api/v1/orgs/" + o + "/gaps", max(requests/10, 20)},
	} {
		u := func(int) string { return srv.base + sc.path }
		run(do, u, 5, c, 30*time.Second) // warm-up
		m := measure(srv, func() result { return run(do, u, sc.n, c, maxTime) })
		fmt.Printf("%s: %d requests in %s, %d clients, %d errors, %.1f req/s, p50 %s, p90 %s, p99 %s, max %s, load %s\n",
			sc.name, m.res.n, m.res.elapsed.Round(time.Millisecond), c, m.res.errors, m.rate(),
			m.res.pct(50), m.res.pct(90), m.res.pct(99), m.res.pct(100), loadAvg())
		m.printCPU()
	}
	fmt.Printf("kasip serve RSS after the load: %s\n", rss(srv.cmd.Process.Pid))
	return nil
}

// bearerDoer sends GETs with the API token.
func bearerDoer(client *http.Client, token string) doer {
	return func(_ int, u string) (int, error) {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			return 0, err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		var sink [32 << 10]byte
		for {
			if _, err := resp.Body.Read(sink[:]); err != nil {
				break
			}
		}
		return resp.StatusCode, nil
	}
}

// jobDescriptionRate generates job descriptions of every card of the
// bundled standards for a few seconds, beside encoding the standard as
// JSON (the baseline: the cheapest answer of the same data).
func jobDescriptionRate(ctx context.Context, dsn string) error {
	reg, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer reg.Close()
	var sts []*kasip.Standard
	for _, code := range []string{"M84120", "I55101015", wfBenchStandard} {
		st, err := reg.Standard(ctx, code, "")
		if err != nil {
			return err
		}
		sts = append(sts, st)
	}
	count := func(f func(st *kasip.Standard, card int) error) (float64, error) {
		n, start := 0, time.Now()
		for time.Since(start) < 3*time.Second {
			for _, st := range sts {
				for ci := range st.Cards {
					if err := f(st, ci); err != nil {
						return 0, err
					}
					n++
				}
			}
		}
		return float64(n) / time.Since(start).Seconds(), nil
	}
	lang := func(st *kasip.Standard, card int) string {
		if l := jobdesc.LanguagesOf(st, card); len(l) > 0 {
			return l[0]
		}
		return "ru"
	}
	base, err := count(func(st *kasip.Standard, _ int) error { _, err := json.Marshal(st); return err })
	if err != nil {
		return err
	}
	gen, err := count(func(st *kasip.Standard, card int) error {
		_, err := jobdesc.Generate(st, card, lang(st, card))
		return err
	})
	if err != nil {
		return err
	}
	docx, err := count(func(st *kasip.Standard, card int) error {
		d, err := jobdesc.Generate(st, card, lang(st, card))
		if err == nil {
			_, err = d.DOCX()
		}
		return err
	})
	if err != nil {
		return err
	}
	fmt.Printf("job descriptions per second, one goroutine: generated %.0f, as DOCX %.0f; baseline json.Marshal of the standard %.0f\n", gen, docx, base)
	return nil
}
