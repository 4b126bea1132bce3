package web

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// At most VerifyConcurrency verification requests run at once; other
// requests are not held by the gate.
func TestVerificationAdmission(t *testing.T) {
	var running, most atomic.Int32
	h := admitVerifications(2, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := running.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		running.Add(-1)
	}))
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := "/verify/X-1"
			if i%2 == 1 {
				path = "/api/v1/certificates/X-1"
			}
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, path, nil))
		}()
	}
	wg.Wait()
	if m := most.Load(); m != 2 {
		t.Errorf("at most %d verifications ran at once, want 2", m)
	}
	// Other paths pass by the gate.
	most.Store(0)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/standards", nil))
		}()
	}
	wg.Wait()
	if m := most.Load(); m <= 2 {
		t.Errorf("other paths ran at most %d at once: the gate held them", m)
	}
}
