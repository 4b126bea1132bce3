package main

import (
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	env := map[string]string{"GOGC": "250"}
	if got := tuneGC(func(k string) string { return env[k] }); got != "250 (GOGC from the environment)" {
		t.Errorf("with GOGC set: %q", got)
	}
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("GOGC from the environment overridden: %d", p)
	}
	if got := tuneGC(func(string) string { return "" }); got != "400" {
		t.Errorf("without GOGC: %q", got)
	}
	if p := debug.SetGCPercent(100); p != serveGCPercent {
		t.Errorf("collector target %d, want %d", p, serveGCPercent)
	}
}
