package read

import (
	"encoding/json"
	"errors"
	"testing"
)

// fuzzRead is the property every reader's fuzz target checks: Read gives
// either a *read.Error or standards whose JSON marshals; never a panic.
func fuzzRead(t *testing.T, name, format string, data []byte) {
	t.Helper()
	sts, err := Read(name, data, Options{Format: format})
	if err != nil {
		var re *Error
		if !errors.As(err, &re) {
			t.Fatalf("error %v (%T) is not a *read.Error", err, err)
		}
		return
	}
	if len(sts) == 0 {
		t.Fatal("no standards and no error")
	}
	if _, err := json.Marshal(sts); err != nil {
		t.Fatal(err)
	}
}
