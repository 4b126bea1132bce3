package kasip

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Conflict is a place where two documents of one standard, in different
// languages, disagree on something that does not depend on the language: a
// level, a code, whether a skill can be recognised ("ұсынылады" in one, "-"
// in the other), or a field one document has and the other lacks.
type Conflict struct {
	Path   string          `json:"path"`   // where in the merged standard, e.g. cards[0].functions[1].skills[0].recognizable
	Kind   string          `json:"kind"`   // differs, or one-side (present in one document only)
	Values []ConflictValue `json:"values"` // each document's value, the stored one first
	Kept   string          `json:"kept"`   // the language(s) whose value the merged standard holds
}

// ConflictValue is one document's side of a conflict.
type ConflictValue struct {
	Lang  string `json:"lang"`  // the document's language(s): kk, ru, kk+ru
	Value string `json:"value"` // "" when the document does not have it
}

// String is the conflict in one line, for the command line and logs:
// "cards[1].level: kk 5, ru 7 (kept kk)"; an absent value is "—".
func (c Conflict) String() string {
	var b strings.Builder
	b.WriteString(c.Path)
	b.WriteString(": ")
	for i, v := range c.Values {
		if i > 0 {
			b.WriteString(", ")
		}
		val := v.Value
		if val == "" {
			val = "—"
		} else if r := []rune(val); len(r) > 60 {
			val = string(r[:59]) + "…"
		}
		b.WriteString(v.Lang + " " + strconv.Quote(val))
	}
	b.WriteString(" (kept " + c.Kept + ")")
	return b.String()
}

// Conflict kinds.
const (
	ConflictDiffers = "differs"
	ConflictOneSide = "one-side"
)

// conflictSkip are the fields that are not compared: numbering, provenance,
// the spelling as typed and an index that follows from the alignment.
var conflictSkip = map[string]bool{
	"number": true, "origin": true, "function": true, "code_original": true, "codes_original": true,
	"schema": true, "languages": true, "generated": true,
}

// compare records the conflicts between dst and src, two structs of the
// same type (pointers to them) at path, before they are merged. It looks at
// every field that does not depend on the language — strings, numbers,
// booleans, lists of codes — and at optional fields (*Field) one side lacks;
// texts and lists of entries are merged and reported by their own steps.
// Being reflective, it covers a field added to the model without more code.
func (m *merger) compare(path string, dst, src any) {
	a, b := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	t := a.Type()
	at := func(name string) string {
		if path == "" {
			return name
		}
		return path + "." + name
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || conflictSkip[name] {
			continue
		}
		if f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct {
			m.presence(at(name), a.Field(i), b.Field(i))
			continue
		}
		va, oka := conflictValue(a.Field(i))
		vb, okb := conflictValue(b.Field(i))
		if !oka || !okb {
			continue
		}
		m.conflict(at(name), va, vb, f.Type.Kind() == reflect.Bool)
	}
}

// conflict records one difference of values; zeroFalse says that an empty
// value is a value too (false), not an absence.
func (m *merger) conflict(path, va, vb string, zeroFalse bool) {
	if va == vb {
		return
	}
	c := Conflict{Path: path, Kind: ConflictDiffers, Kept: m.la,
		Values: []ConflictValue{{Lang: m.la, Value: va}, {Lang: m.lb, Value: vb}}}
	if !zeroFalse && (va == "" || vb == "") {
		c.Kind = ConflictOneSide
		if va == "" {
			c.Kept = m.lb
		}
	}
	m.into.Conflicts = append(m.into.Conflicts, c)
}

// presence records an optional part (a field, a decision, the order) that
// one document has and the other lacks. Where both have it, its text is
// merged by language and its other values are compared by their own step.
func (m *merger) presence(path string, a, b reflect.Value) {
	ea, eb := a.IsNil() || summary(a) == "", b.IsNil() || summary(b) == ""
	if ea != eb {
		va, vb := "", ""
		if !ea {
			va = summary(a)
		}
		if !eb {
			vb = summary(b)
		}
		m.conflict(path, va, vb, false)
	}
}

// summary is what a report shows of an optional part: its text, else its
// number and date.
func summary(p reflect.Value) string {
	v := p.Elem()
	if f := v.FieldByName("Text"); f.IsValid() {
		if t, ok := f.Interface().(Text); ok && !t.IsEmpty() {
			return t.Best()
		}
	}
	var parts []string
	for _, n := range []string{"Number", "Date"} {
		if f := v.FieldByName(n); f.IsValid() && f.Kind() == reflect.String && f.String() != "" {
			parts = append(parts, f.String())
		}
	}
	return strings.Join(parts, " ")
}

// conflictValue renders a comparable field's value; ok is false for the
// kinds compare does not look at.
func conflictValue(v reflect.Value) (s string, ok bool) {
	switch v.Kind() {
	case reflect.String:
		return v.String(), true
	case reflect.Int, reflect.Int64:
		if v.Int() == 0 {
			return "", true
		}
		return strconv.FormatInt(v.Int(), 10), true
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), true
	case reflect.Pointer:
		if v.Type().Elem().Kind() != reflect.Bool {
			return "", false
		}
		if v.IsNil() {
			return "", true
		}
		return strconv.FormatBool(v.Elem().Bool()), true
	case reflect.Slice:
		if v.Type().Elem().Kind() != reflect.String {
			return "", false
		}
		ss := slices.Clone(v.Interface().([]string))
		slices.Sort(ss)
		return strings.Join(ss, ", "), true
	}
	return "", false
}
