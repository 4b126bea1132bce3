package demodata

import "testing"

func TestLoad(t *testing.T) {
	docs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, d := range docs {
		codes[d.Standard.Code] = true
		if len(d.Source.Data) == 0 || d.Source.SHA256 == "" {
			t.Errorf("%s: source not kept", d.Source.Name)
		}
	}
	for _, c := range []string{"I55101015", "M84120", "06.001", "25.005", "06.037"} {
		if !codes[c] {
			t.Errorf("bundled documents lack %s (have %v)", c, codes)
		}
	}
}
