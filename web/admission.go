package web

import (
	"net/http"
	"runtime"
	"strings"
)

// Verification requests (the public certificate pages and API, status
// lists) are short and CPU-bound: a lookup by number, a template or a JSON
// encoding. When many arrive at once, letting all of them share the cores
// makes each as slow as the crowd; admitting GOMAXPROCS at a time and
// queueing the rest in arrival order keeps the throughput and bounds each
// one's latency to its wait plus its own work — as for search (see
// docs/search.md, "Admission").

// isVerification reports whether a request is one of the public
// verification requests the gate admits.
func isVerification(r *http.Request) bool {
	p := r.URL.Path
	return strings.HasPrefix(p, "/verify/") || strings.HasPrefix(p, "/status/") ||
		(r.Method == http.MethodGet && strings.HasPrefix(p, "/api/v1/certificates"))
}

// admitVerifications wraps next in the verification gate; a request that
// gives up while queued (its client went away) is dropped.
// n is Options.VerifyConcurrency: 0 means GOMAXPROCS, negative no gate.
func admitVerifications(n int, next http.Handler) http.Handler {
	if n == 0 {
		n = runtime.GOMAXPROCS(0)
	}
	if n < 0 {
		return next
	}
	gate := make(chan struct{}, n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isVerification(r) {
			next.ServeHTTP(w, r)
			return
		}
		select {
		case gate <- struct{}{}:
		case <-r.Context().Done():
			return
		}
		defer func() { <-gate }()
		next.ServeHTTP(w, r)
	})
}
