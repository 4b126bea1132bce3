package kasip_test

import (
	"testing"

	"github.com/kasip/kasip"
)

// TestDiffOneEntryPerChange edits real standards the way a new version does —
// an item reworded beyond recognition, a field emptied, a value changed, an
// item deleted and one added — and wants exactly one entry for each edit, of
// the right kind, never a removal and an addition for one reworded item.
func TestDiffOneEntryPerChange(t *testing.T) {
	for _, path := range []string{seed000, seed004, ruXML0601} {
		t.Run(path, func(t *testing.T) {
			a := readOne(t, path)
			b := deepCopy(t, a)
			lang := "kk"
			if a.Family == "ru" || a.Title["kk"] == "" {
				lang = "ru"
			}
			want := map[string]string{} // path in b (or a, for removals) → kind
			card := &b.Cards[0]
			fn := &card.Functions[0]
			items := &fn.Knowledge
			prefix := "cards[0].functions[0].knowledge"
			if len(fn.Skills) > 0 {
				items = &fn.Skills[0].Knowledge
				prefix = "cards[0].functions[0].skills[0].knowledge"
			}
			if len(*items) < 3 {
				t.Fatalf("need 3 knowledge items at %s, have %d", prefix, len(*items))
			}
			// Reworded beyond recognition: no word in common with the old text.
			(*items)[1].Text = kasip.Text{lang: "Цифрлық қолтаңба құралдарын қолдану тәртібі"}
			want[prefix+"[1]"] = kasip.ChangeChanged
			// A competency reworded completely, in the middle of its list.
			if len(card.Competencies) >= 2 {
				card.Competencies[1].Text = kasip.Text{lang: "Жаңа мазмұнды тұжырым 2"}
				want["cards[0].competencies[1]"] = kasip.ChangeChanged
			}
			// The last item deleted.
			last := len(*items) - 1
			*items = (*items)[:last]
			want[prefix+"["+itoaTest(last)+"]"] = kasip.ChangeRemoved
			// A value changed and a field emptied.
			b.Technical.ReviewDate = "2031-01-01"
			if a.Technical.ReviewDate == "" {
				want["technical.review_date"] = kasip.ChangeAdded
			} else {
				want["technical.review_date"] = kasip.ChangeChanged
			}
			if card.Qualification != nil && !card.Qualification.Text.IsEmpty() {
				card.Qualification = nil
				want["cards[0].qualification"] = kasip.ChangeRemoved
			}
			got := kasip.Diff(a, b)
			seen := map[string]int{}
			for _, c := range got {
				seen[c.Path]++
				if k, ok := want[c.Path]; !ok {
					t.Errorf("unexpected entry %s %s (%q → %q)", c.Kind, c.Path, c.Old, c.New)
				} else if k != c.Kind {
					t.Errorf("%s: kind %s, want %s", c.Path, c.Kind, k)
				}
			}
			for p := range want {
				if seen[p] != 1 {
					t.Errorf("%s: %d entries, want 1\n%s", p, seen[p], show(got))
				}
			}
		})
	}
}

// TestDiffPathsUnique: whatever two versions are compared, no path is
// reported twice (a field both removed and changed, an item removed and
// added).
func TestDiffPathsUnique(t *testing.T) {
	docs := []string{seed000, seed004, ruM84120, ruXML0601}
	for _, pa := range docs {
		for _, pb := range docs {
			a, b := readOne(t, pa), readOne(t, pb)
			b.Code = a.Code
			seen := map[string]string{}
			for _, c := range kasip.Diff(a, b) {
				if k, dup := seen[c.Path]; dup {
					t.Errorf("%s vs %s: %s reported as %s and %s", pa, pb, c.Path, k, c.Kind)
				}
				seen[c.Path] = c.Kind
			}
		}
	}
}

func itoaTest(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoaTest(n/10) + string(rune('0'+n%10))
}
