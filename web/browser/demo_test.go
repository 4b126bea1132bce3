package browser_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/demodata"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/store"
	"github.com/kasip/kasip/web"
	"github.com/kasip/kasip/web/webtest"
)

// demoEnv is a server on a temporary database holding what serve --demo
// loads: the seed standards and the recognition demo (accounts with their
// passwords, a centre, an approved programme, applications in every
// state) and, when asked for, the demo certificates, issued for the
// server's own address. Server and store share a clock the test can move.
type demoEnv struct {
	st    *store.Store
	url   string
	seed  *demo.RecognitionSeed
	certs []demo.SeededCertificate
	clock *testClock
}

// testClock is a clock tests move forward.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *testClock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func demoServer(t *testing.T, certificates bool) *demoEnv {
	t.Helper()
	ctx := context.Background()
	st := webtest.Store(t, "")
	if _, err := demodata.Import(ctx, st); err != nil {
		t.Fatal(err)
	}
	e := &demoEnv{st: st, clock: &testClock{t: time.Now()}}
	e.url = webtest.Start(t, webtest.Services(st), web.Options{PasswordParams: auth.TestParams, SignInRate: -1, Now: e.clock.now}).URL
	set, err := st.CertificateSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.BaseURL, set.Demo = e.url, true
	if err := st.SetCertificateSettings(ctx, 0, set); err != nil {
		t.Fatal(err)
	}
	opts := demo.SeedOptions{Now: e.clock.now(), Params: auth.TestParams}
	if e.seed, err = demo.SeedRecognition(ctx, st, opts); err != nil {
		t.Fatal(err)
	}
	if certificates {
		if e.certs, err = demo.SeedCertificates(ctx, st, e.seed, opts); err != nil {
			t.Fatal(err)
		}
	}
	st.SetRecognitionClock(e.clock.now) // the demo leaves its own
	return e
}

// account is the first demo account with role.
func (e *demoEnv) account(t *testing.T, role auth.Role) demo.Account {
	t.Helper()
	for _, a := range e.seed.Accounts {
		if a.Role == role {
			return a
		}
	}
	t.Fatalf("the demo has no %s account", role)
	return demo.Account{}
}

// decided is the demo's decided application.
func (e *demoEnv) decided(t *testing.T) demo.SeededApplication {
	t.Helper()
	for _, a := range e.seed.Applications {
		if a.State == recognition.StateDecided {
			return a
		}
	}
	t.Fatal("the demo has no decided application")
	return demo.SeededApplication{}
}

// certificate is the number of the demo certificate in status.
func (e *demoEnv) certificate(t *testing.T, status string) string {
	t.Helper()
	for _, c := range e.certs {
		if c.Status == status {
			return c.Number
		}
	}
	t.Fatalf("the demo has no %s certificate", status)
	return ""
}
