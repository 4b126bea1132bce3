package kasip_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kasip/kasip"
)

// TestMergeReportsConflicts merges seed 004 with its Russian-language
// version after changing the Russian side the ways real translations
// disagree, and wants each disagreement reported with both values.
func TestMergeReportsConflicts(t *testing.T) {
	kk := readOne(t, seed004)
	ru := readOne(t, ruM84120)
	f := false
	yes := true
	// Disagreements the real pair does not already have.
	ru.Cards[0].Level += 3
	sk := &ru.Cards[0].Functions[0].Skills[0]
	if sk.Recognizable != nil && *sk.Recognizable {
		sk.Recognizable = &f
	} else {
		sk.Recognizable = &yes
	}
	ru.Cards[0].Qualification = nil
	ru.Technical.Year = kk.Technical.Year + 1
	ru.Cards[0].Functions[0].Mandatory = !ru.Cards[0].Functions[0].Mandatory

	// The Russian text has one card: the Kazakh text's card with its
	// occupation code.
	k := -1
	for i, c := range kk.Cards {
		if c.OccupationCode == ru.Cards[0].OccupationCode {
			k = i
		}
	}
	if k < 0 {
		t.Fatalf("no Kazakh card has occupation code %s", ru.Cards[0].OccupationCode)
	}
	card := "cards[" + itoaTest(k) + "]"
	into := deepCopy(t, kk)
	kasip.Merge(into, ru)
	want := map[string]string{
		card + ".level": kasip.ConflictDiffers,
		card + ".functions[0].skills[0].recognizable": kasip.ConflictDiffers,
		"technical.year":                               kasip.ConflictDiffers,
		card + ".functions[0].mandatory":               kasip.ConflictDiffers,
		"oked[0].code":                                 kasip.ConflictDiffers, // M in the Kazakh text, O in the Russian
		"cards[1].functions[1].skills[0].recognizable": kasip.ConflictDiffers, // "ұсынылады" vs "-" in the real pair
	}
	if kk.Cards[k].Qualification != nil {
		want[card+".qualification"] = kasip.ConflictOneSide
	}
	got := map[string]kasip.Conflict{}
	for _, c := range into.Conflicts {
		got[c.Path] = c
	}
	for path, kind := range want {
		c, ok := got[path]
		if !ok {
			t.Errorf("no conflict at %s; have %v", path, into.Conflicts)
			continue
		}
		if c.Kind != kind {
			t.Errorf("%s: kind %s, want %s", path, c.Kind, kind)
		}
		if len(c.Values) != 2 || c.Values[0].Lang != "kk" || c.Values[1].Lang != "ru" {
			t.Errorf("%s: values %v, want the kk value then the ru one", path, c.Values)
		}
		if kind == kasip.ConflictDiffers && (c.Values[0].Value == "" || c.Values[1].Value == "" || c.Values[0].Value == c.Values[1].Value) {
			t.Errorf("%s: values %v, want two different values", path, c.Values)
		}
		if c.Kept != "kk" {
			t.Errorf("%s: kept %s, want the stored kk", path, c.Kept)
		}
	}
	if c := got[card+".level"]; len(c.Values) == 2 && (c.Values[0].Value != itoaTest(kk.Cards[k].Level) || c.Values[1].Value != itoaTest(ru.Cards[0].Level)) {
		t.Errorf("level values %v", c.Values)
	}
	// The merged standard keeps the stored side.
	if into.Cards[k].Level != kk.Cards[k].Level || into.Technical.Year != kk.Technical.Year {
		t.Errorf("merge overwrote the stored values")
	}
	// The same documents agree with themselves: no conflict.
	same := deepCopy(t, kk)
	other := deepCopy(t, kk)
	other.Languages = []string{"ru"}
	kasip.Merge(same, other)
	if len(same.Conflicts) != 0 {
		t.Errorf("a standard merged with a copy of itself reports %v", same.Conflicts)
	}
}

// TestConflictCoversEveryValueField changes, one at a time, every field of
// a card, a function, a skill and the technical data that is not a text or
// a list of entries, and wants a conflict at its path: a field added to the
// model later is compared without anyone remembering to.
func TestConflictCoversEveryValueField(t *testing.T) {
	base := readOne(t, seed004)
	// version is the standard's identity: documents of two versions are
	// not merged at all.
	skip := map[string]bool{"version": true, "number": true, "origin": true, "function": true, "code_original": true, "codes_original": true}
	type target struct {
		path string
		get  func(s *kasip.Standard) reflect.Value
	}
	targets := []target{
		{"cards[0]", func(s *kasip.Standard) reflect.Value { return reflect.ValueOf(&s.Cards[0]).Elem() }},
		{"cards[0].functions[0]", func(s *kasip.Standard) reflect.Value { return reflect.ValueOf(&s.Cards[0].Functions[0]).Elem() }},
		{"cards[0].functions[0].skills[0]", func(s *kasip.Standard) reflect.Value {
			return reflect.ValueOf(&s.Cards[0].Functions[0].Skills[0]).Elem()
		}},
		{"technical", func(s *kasip.Standard) reflect.Value { return reflect.ValueOf(&s.Technical).Elem() }},
	}
	checked := 0
	for _, tg := range targets {
		typ := tg.get(base).Type()
		for i := range typ.NumField() {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if skip[name] {
				continue
			}
			into, other := deepCopy(t, base), deepCopy(t, base)
			other.Languages = []string{"ru"}
			v := tg.get(other).Field(i)
			if !changeValue(v) {
				continue
			}
			checked++
			kasip.Merge(into, other)
			path := tg.path + "." + name
			found := false
			for _, c := range into.Conflicts {
				found = found || c.Path == path
			}
			if !found {
				t.Errorf("changing %s.%s (%s) is not reported: %v", typ.Name(), f.Name, path, into.Conflicts)
			}
		}
	}
	if checked < 15 {
		t.Errorf("only %d fields checked", checked)
	}
}

// changeValue changes a value field; false for texts and lists of entries.
func changeValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "9")
	case reflect.Int:
		v.SetInt(v.Int() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Slice:
		if v.Type().Elem().Kind() != reflect.String {
			return false
		}
		v.Set(reflect.Append(v, reflect.ValueOf("9999")))
	case reflect.Pointer:
		switch {
		case v.Type().Elem().Kind() == reflect.Bool:
			b := v.IsNil() || !v.Elem().Bool()
			v.Set(reflect.ValueOf(&b))
		case v.IsNil():
			v.Set(reflect.New(v.Type().Elem()))
			if t := v.Elem().FieldByName("Text"); t.IsValid() {
				t.Set(reflect.ValueOf(kasip.Text{"ru": "только в одном документе"}))
			}
		default:
			v.Set(reflect.Zero(v.Type()))
		}
	default:
		return false
	}
	return true
}
