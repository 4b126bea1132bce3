package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunRateCountsQueueing: an open-loop run counts a request's wait for
// a free connection. One connection to a server that takes 20 ms per
// request, offered 100 requests/s for half a second: the server can answer
// 50/s, so requests fall ever further behind their due times and the
// slowest waited far longer than the 20 ms of its own answer. A closed
// loop would report about 20 ms for each.
func TestRunRateCountsQueueing(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
	}))
	defer srv.Close()
	u := func(int) string { return srv.URL }
	res := runRate(netHTTPDoer(srv.Client()), u, 100, 500*time.Millisecond, 1)
	if res.n != 50 || res.errors != 0 {
		t.Fatalf("%d requests, %d errors; want 50, 0", res.n, res.errors)
	}
	if max := res.pct(100); max < 200*time.Millisecond {
		t.Errorf("slowest %s: the queue behind the one connection was not counted", max)
	}
	closed := run(netHTTPDoer(srv.Client()), u, 25, 1, time.Second)
	if closed.pct(100) > 100*time.Millisecond {
		t.Errorf("closed loop slowest %s, want about 20 ms", closed.pct(100))
	}
}

// TestRunRateKeepsRate: with connections to spare, the requests go out at
// the offered rate (not faster) and wait little.
func TestRunRateKeepsRate(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	res := runRate(rawDoer(4), func(int) string { return srv.URL }, 200, 500*time.Millisecond, 4)
	if res.n != 100 {
		t.Fatalf("%d requests, want 100", res.n)
	}
	if res.elapsed < 490*time.Millisecond {
		t.Errorf("100 requests at 200/s took %s, want about 500 ms", res.elapsed)
	}
}

func TestParseRates(t *testing.T) {
	r, err := parseRates(" 1000, 3000 ,")
	if err != nil || len(r) != 2 || r[0] != 1000 || r[1] != 3000 {
		t.Errorf("parseRates: %v %v", r, err)
	}
	for _, bad := range []string{"0", "-5", "x", "1e400"} {
		if _, err := parseRates(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestRawDoer: the raw client reads answers one after another on its
// kept-alive connection (statuses and bodies of any length), and refuses
// a chunked answer rather than misreading it.
func TestRawDoer(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/chunked":
			w.Write([]byte("a"))
			w.(http.Flusher).Flush()
			w.Write([]byte("b"))
		case "/missing":
			http.NotFound(w, r)
		default:
			body := strings.Repeat("ә", 10000)[:len(r.URL.Path)*1000]
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.Write([]byte(body))
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	do := rawDoer(1)
	for _, p := range []string{"/a", "/bbbbbbbbbbbbbbbbbbb", "/missing", "/cc"} {
		status, err := do(0, srv.URL+p)
		want := 200
		if p == "/missing" {
			want = 404
		}
		if err != nil || status != want {
			t.Fatalf("GET %s: %d, %v; want %d", p, status, err, want)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for four requests, want 1 (kept alive)", n)
	}
	if _, err := do(0, srv.URL+"/chunked"); err == nil || !strings.Contains(err.Error(), "chunked") {
		t.Errorf("chunked answer: %v", err)
	}
	if status, err := do(0, srv.URL+"/a"); err != nil || status != 200 {
		t.Errorf("after an error the client reconnects: %d %v", status, err)
	}
}

func TestProbe(t *testing.T) {
	if p := probe(); !strings.HasPrefix(p, "machine probe: fixed loop ") || !strings.Contains(p, " ns (") {
		t.Errorf("probe: %q", p)
	}
}
