package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/demodata"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/webtest"
)

// BenchmarkVerify is one public verification through the whole handler
// (middleware, lookup, answer) of a real store with the demo
// certificates, without the network: CPU and allocations per request,
// which the load test (cmd/kasip-bench -certificates) multiplies by the
// request rate. go test ./web -run '^$' -bench Verify -benchmem
func BenchmarkVerify(b *testing.B) {
	ctx := context.Background()
	st := webtest.Store(b, "")
	if _, err := demodata.Import(ctx, st); err != nil {
		b.Fatal(err)
	}
	set, err := st.CertificateSettings(ctx)
	if err != nil {
		b.Fatal(err)
	}
	set.BaseURL, set.Demo = "https://kasip.invalid", true
	if err := st.SetCertificateSettings(ctx, 0, set); err != nil {
		b.Fatal(err)
	}
	seed, err := demo.SeedRecognition(ctx, st, demo.SeedOptions{Params: auth.TestParams})
	if err != nil {
		b.Fatal(err)
	}
	certs, err := demo.SeedCertificates(ctx, st, seed, demo.SeedOptions{Params: auth.TestParams})
	if err != nil {
		b.Fatal(err)
	}
	s := webtest.New(b, webtest.Services(st), session.Options{VerifyRate: -1})
	h := s.Handler()
	number := certs[0].Number
	for _, sc := range []struct{ name, path string }{
		{"json", "/api/v1/certificates/" + number},
		{"page", "/verify/" + number},
	} {
		b.Run(sc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, sc.path, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", sc.path, rec.Code)
				}
			}
		})
	}
}
