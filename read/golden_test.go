package read

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/kasip/kasip"
)

// updateGolden rewrites golden files instead of comparing with them:
// go test ./read -update. Review the diff by eye before committing.
var updateGolden = flag.Bool("update", false, "rewrite golden files")

// checkGolden compares the JSON of standards with a golden file.
func checkGolden(t *testing.T, golden string, sts []*kasip.Standard) {
	t.Helper()
	var v any = sts
	if len(sts) == 1 {
		v = sts[0]
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./read -update to create it)", err)
	}
	if !bytes.Equal(want, buf.Bytes()) {
		t.Errorf("%s differs from the reader's output; run go test ./read -run %s -update and review the diff", golden, t.Name())
	}
}
