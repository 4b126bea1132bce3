package main

import (
	"runtime/debug"
	"strconv"
)

// serveGCPercent is the garbage collector's target for kasip serve
// (GOGC), unless the environment sets GOGC. The server keeps little on
// the Go heap (about 12 MB live at 1,000,000 certificates: SQLite's page
// cache is outside it) but allocates a few tens of kilobytes per request,
// so with the default of 100 it collected fifteen times a second under
// verification load; each collection takes a quarter of the CPU while it
// marks and stops the world briefly, which shows in the slowest answers.
// At 400 the heap may grow to about five times the live data (some
// 60 MB) and collections are a quarter as frequent (docs/benchmarks.md).
const serveGCPercent = 400

// tuneGC sets the collector's target for serving and says what it is.
func tuneGC(getenv func(string) string) string {
	if v := getenv("GOGC"); v != "" {
		return v + " (GOGC from the environment)"
	}
	debug.SetGCPercent(serveGCPercent)
	return strconv.Itoa(serveGCPercent)
}
