package main

import (
	"context"
	"github.com/kasip/kasip/internal/kktyping"
	"math"
	"os"
	"strings"
	"testing"
)

func TestMetrics(t *testing.T) {
	rel := map[string]int{"a": 2, "b": 1}
	if got := ndcg([]string{"a", "b"}, rel); math.Abs(got-1) > 1e-9 {
		t.Errorf("ideal ranking: nDCG %v, want 1", got)
	}
	want := (1 + 2/math.Log2(3)) / (2 + 1/math.Log2(3))
	if got := ndcg([]string{"b", "a"}, rel); math.Abs(got-want) > 1e-9 {
		t.Errorf("swapped: nDCG %v, want %v", got, want)
	}
	if got := ndcg([]string{"x", "y"}, rel); got != 0 {
		t.Errorf("nothing relevant: nDCG %v", got)
	}
	if got := recall([]string{"x", "b"}, rel); got != 0.5 {
		t.Errorf("recall %v, want 0.5", got)
	}
	if got := ftsQuery(`youth "worker`); got != `"youth" OR """worker"` {
		t.Errorf("ftsQuery: %s", got)
	}
}

// TestSet checks the relevance set: its size per group, and that every
// judged item exists in the bundled real documents under that key.
func TestSet(t *testing.T) {
	set, err := loadSet("")
	if err != nil {
		t.Fatal(err)
	}
	if len(set) < 60 {
		t.Errorf("%d queries, want at least 60", len(set))
	}
	per := map[string]int{}
	for _, q := range set {
		per[q.Group]++
	}
	for _, g := range groups {
		if per[g] == 0 {
			t.Errorf("no query in group %s", g)
		}
	}
	ctx := context.Background()
	_, items, cleanup, err := realRegistry(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	keys := map[string]bool{}
	for _, it := range items {
		keys[it.key()] = true
	}
	for _, q := range set {
		for k := range q.Rel {
			if !keys[k] {
				t.Errorf("query %q: judged item %s is not in the bundled documents", q.Text, k)
			}
		}
	}
}

// TestKazakhBetterThanBaseline runs the evaluation on the bundled real
// documents: Kasip's mean nDCG@10 on the Kazakh queries must beat plain
// FTS5's.
func TestKazakhBetterThanBaseline(t *testing.T) {
	set, err := loadSet("")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := evaluate(context.Background(), "", set)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	rep.print(&b, testing.Verbose())
	t.Log("\n" + b.String())
	if rep.Kasip == nil {
		if os.Getenv("KASIP_REQUIRE_ALL") == "1" {
			t.Fatalf("KASIP_REQUIRE_ALL=1: %s", rep.NoSearch)
		}
		t.Skip(rep.NoSearch)
	}
	for i, q := range set {
		if rep.Kasip[i].Err != nil {
			t.Errorf("search %q: %v", q.Text, rep.Kasip[i].Err)
		}
	}
	k, _ := rep.groupMean(rep.Kasip, "kk", nd)
	base, _ := rep.groupMean(rep.Base, "kk", nd)
	if k <= base {
		t.Errorf("Kazakh queries: Kasip nDCG@10 %.3f, FTS5 baseline %.3f; want Kasip higher", k, base)
	}
}

// The derived groups cover every Kazakh query with a Kazakh letter, keep its
// judgements and really change the text.
func TestDerive(t *testing.T) {
	set, err := loadSet("")
	if err != nil {
		t.Fatal(err)
	}
	all := derive(set)
	per := map[string]int{}
	for _, q := range all[len(set):] {
		per[q.Group]++
		if kktyping.RussianKeyboard(q.Text) != q.Text && q.Group != "kk-typo" {
			t.Errorf("%s %q still has Kazakh letters", q.Group, q.Text)
		}
		if len(q.Rel) == 0 {
			t.Errorf("%s %q: no judgements", q.Group, q.Text)
		}
	}
	for _, g := range derivedGroups {
		if per[g] < 5 {
			t.Errorf("group %s: %d queries", g, per[g])
		}
	}
	if got := dropLetter("қонақтармен жұмыс"); got != "қонақармен жұмыс" {
		t.Errorf("dropLetter: %q", got)
	}
}
