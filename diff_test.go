package kasip_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"
)

const (
	seed000   = "testdata/seeds/000_78fd8bd149563dd7.txt"
	seed004   = "testdata/seeds/004_0389e6b855ff2fb2.txt"
	ruM84120  = "testdata/kz/ru_template_M84120.txt"
	ruXML0601 = "testdata/ru/PS_06.001_reg4.xml"
)

// readOne reads the first standard of a test document.
func readOne(t testing.TB, path string) *kasip.Standard {
	t.Helper()
	sts, err := read.ReadFile(path, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) == 0 {
		t.Fatalf("%s: no standard", path)
	}
	return sts[0]
}

// deepCopy copies a standard through its JSON form.
func deepCopy(t testing.TB, s *kasip.Standard) *kasip.Standard {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var c kasip.Standard
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

func TestDiffIdentical(t *testing.T) {
	for _, path := range []string{seed000, seed004, ruM84120, ruXML0601} {
		a := readOne(t, path)
		if got := kasip.Diff(a, a); len(got) != 0 {
			t.Errorf("%s: Diff with itself: %v", path, got)
		}
		b := deepCopy(t, a)
		b.Sources = nil // provenance is not compared
		b.Notes = nil
		b.Unplaced = append(b.Unplaced, kasip.Unplaced{Kind: "text", Text: "x"})
		if got := kasip.Diff(a, b); len(got) != 0 {
			t.Errorf("%s: Diff with a copy: %v", path, got)
		}
	}
}

// TestDiffEdits edits a copy of seed 004 in the ways a new version does and
// expects exactly those changes, with paths in the new version (in the old
// one for a removal).
func TestDiffEdits(t *testing.T) {
	a := readOne(t, seed004)
	if len(a.Cards) != 2 || a.Cards[0].Level != 6 {
		t.Fatalf("seed 004 is not as this test expects: %d cards, level %d", len(a.Cards), a.Cards[0].Level)
	}
	b := deepCopy(t, a)

	k := b.Cards[1].Functions[0].Skills[0].Knowledge[1].Text
	oldK := k["kk"]
	newK := oldK + " және оның қолданылу тәжірибесі"
	k["kk"] = newK

	ab := &b.Cards[0].Functions[1].Skills[0].Abilities
	removed := (*ab)[2].Text["kk"]
	*ab = slices.Delete(*ab, 2, 3)

	fn := kasip.Function{Number: 5, Title: kasip.Text{"kk": "Жастар ұйымдарымен халықаралық ынтымақтастықты дамыту"}, Mandatory: false,
		Skills: []kasip.Skill{{Number: 1, Title: kasip.Text{"kk": "Халықаралық жобаларды үйлестіру"}}}}
	b.Cards[1].Functions = append(b.Cards[1].Functions, fn)

	b.Cards[0].Level = 7
	b.Cards[0], b.Cards[1] = b.Cards[1], b.Cards[0]

	want := []kasip.Change{
		{Path: "cards[0].functions[0].skills[0].knowledge[1]", Kind: "changed", Old: oldK, New: newK},
		{Path: "cards[0].functions[4]", Kind: "added", New: fn.Title["kk"]},
		{Path: "cards[1].level", Kind: "changed", Old: "6", New: "7"},
		{Path: "cards[0].functions[1].skills[0].abilities[2]", Kind: "removed", Old: removed},
	}
	got := kasip.Diff(a, b)
	if !slices.Equal(got, want) {
		t.Errorf("Diff:\n%s\nwant:\n%s", show(got), show(want))
	}
}

func TestDiffReorderIsNoChange(t *testing.T) {
	a := readOne(t, seed004)
	b := deepCopy(t, a)
	b.Cards[0], b.Cards[1] = b.Cards[1], b.Cards[0]
	f := b.Cards[0].Functions
	f[0], f[3] = f[3], f[0]
	k := f[1].Skills[0].Knowledge
	k[0], k[len(k)-1] = k[len(k)-1], k[0]
	for i := range b.Cards {
		b.Cards[i].Number = i + 1 // renumbering follows the order
	}
	if got := kasip.Diff(a, b); len(got) != 0 {
		t.Errorf("reordering only: %s", show(got))
	}
}

func TestDiffCardRemovedAndAdded(t *testing.T) {
	a := readOne(t, seed004)
	b := deepCopy(t, a)
	other := readOne(t, seed000).Cards[0]
	removed := b.Cards[0].Title["kk"]
	b.Cards = append(b.Cards[1:], other)
	want := []kasip.Change{
		{Path: "cards[1]", Kind: "added", New: other.Title["kk"]},
		{Path: "cards[0]", Kind: "removed", Old: removed},
	}
	if got := kasip.Diff(a, b); !slices.Equal(got, want) {
		t.Errorf("Diff:\n%s\nwant:\n%s", show(got), show(want))
	}
}

func TestDiffPassportAndTechnical(t *testing.T) {
	a := readOne(t, seed004)
	b := deepCopy(t, a)
	b.Title["kk"] += " (жаңа редакция)"
	b.Technical.Version = "2"
	b.Technical.Year = 2025
	b.Technical.ReviewDate = "2028-01-15"
	b.OKED = b.OKED[:len(b.OKED)-1]
	b.Scope = nil
	got := kasip.Diff(a, b)
	var paths []string
	for _, c := range got {
		paths = append(paths, c.Kind+" "+c.Path)
	}
	want := []string{
		"changed title", "removed scope", "removed oked[4]",
		"changed technical.version", "changed technical.year", "changed technical.review_date",
	}
	if !slices.Equal(paths, want) {
		t.Errorf("Diff: %q\nwant %q", paths, want)
	}
}

// TestDiffComparesCommonLanguages: a translation added to b is not a change,
// a changed Russian text in a bilingual standard is.
func TestDiffComparesCommonLanguages(t *testing.T) {
	a := readOne(t, seed004)
	b := deepCopy(t, a)
	kasip.Merge(b, readOne(t, ruM84120))
	if got := kasip.Diff(a, b); hasPathPrefix(got, "title") || hasPathPrefix(got, "cards[1].functions[0].title") {
		t.Errorf("added Russian texts reported as changes: %s", show(got))
	}
	c := deepCopy(t, b)
	c.Cards[1].Functions[0].Title["ru"] = "Информирование молодежи"
	got := kasip.Diff(b, c)
	want := []kasip.Change{{Path: "cards[1].functions[0].title", Kind: "changed",
		Old: b.Cards[1].Functions[0].Title["ru"], New: "Информирование молодежи"}}
	if !slices.Equal(got, want) {
		t.Errorf("Diff:\n%s\nwant:\n%s", show(got), show(want))
	}
}

func TestDiffDeterministic(t *testing.T) {
	a, b := readOne(t, seed004), readOne(t, seed000)
	first := kasip.Diff(a, b)
	if len(first) == 0 {
		t.Fatal("two different standards: no changes")
	}
	for range 5 {
		if got := kasip.Diff(a, b); !slices.Equal(got, first) {
			t.Fatalf("Diff is not deterministic:\n%s\nthen\n%s", show(first), show(got))
		}
	}
}

func hasPathPrefix(cs []kasip.Change, prefix string) bool {
	return slices.ContainsFunc(cs, func(c kasip.Change) bool { return strings.HasPrefix(c.Path, prefix) })
}

func show(cs []kasip.Change) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "  %s %s %q → %q\n", c.Kind, c.Path, c.Old, c.New)
	}
	return b.String()
}
