package analyze

import (
	"bufio"
	"os"
	"sort"
	"strings"
	"testing"
)

type goldenRow struct{ form, stem, lemma string }

func readGolden(t *testing.T) []goldenRow {
	t.Helper()
	f, err := os.Open("testdata/kk_golden.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []goldenRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 3 {
			t.Fatalf("bad golden line %q", line)
		}
		rows = append(rows, goldenRow{c[0], c[1], c[2]})
	}
	return rows
}

// TestKazakhGolden checks the Kazakh stemmer against the golden list: the
// expected stem of every form, and that different lemmas never share a stem.
func TestKazakhGolden(t *testing.T) {
	rows := readGolden(t)
	if len(rows) < 300 {
		t.Fatalf("golden list has %d forms, want at least 300", len(rows))
	}
	var fails []string
	lemmaOf := map[string]string{} // produced stem → first lemma
	for _, r := range rows {
		got := Stem(r.form, "kk")
		if got != r.stem {
			fails = append(fails, r.form+" → "+got+" (want "+r.stem+")")
		}
		if l, ok := lemmaOf[got]; ok && l != r.lemma {
			t.Errorf("lemmas %s and %s share stem %q (form %s)", l, r.lemma, got, r.form)
		}
		lemmaOf[got] = r.lemma
	}
	sort.Strings(fails)
	acc := 100 * float64(len(rows)-len(fails)) / float64(len(rows))
	t.Logf("Kazakh golden accuracy: %.1f%% (%d/%d)", acc, len(rows)-len(fails), len(rows))
	for _, f := range fails {
		t.Logf("  miss: %s", f)
	}
	if acc < 95 {
		t.Errorf("accuracy %.1f%% below 95%%", acc)
	}
}
