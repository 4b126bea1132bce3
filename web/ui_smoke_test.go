package web

import "testing"

func TestUIParses(t *testing.T) {
	if _, err := newUI(); err != nil {
		t.Fatal(err)
	}
}
