package main

import (
	"net/http"
	"net/http/httptest"
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
	res := runRate(srv.Client(), u, 100, 500*time.Millisecond, 1)
	if res.n != 50 || res.errors != 0 {
		t.Fatalf("%d requests, %d errors; want 50, 0", res.n, res.errors)
	}
	if max := res.pct(100); max < 200*time.Millisecond {
		t.Errorf("slowest %s: the queue behind the one connection was not counted", max)
	}
	closed := run(srv.Client(), u, 25, 1, time.Second)
	if closed.pct(100) > 100*time.Millisecond {
		t.Errorf("closed loop slowest %s, want about 20 ms", closed.pct(100))
	}
}

// TestRunRateKeepsRate: with connections to spare, the requests go out at
// the offered rate (not faster) and wait little.
func TestRunRateKeepsRate(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	res := runRate(srv.Client(), func(int) string { return srv.URL }, 200, 500*time.Millisecond, 4)
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
