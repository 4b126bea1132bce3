package lint

import (
	"reflect"
	"slices"
	"strings"

	"github.com/kasip/kasip"
)

// The text rules (scripts, glued words, languages) and the list rules
// (numbering, unsplit lists) apply to every text and every list of the model.
// Walking the model by reflection, with the JSON names as the path, keeps
// them complete when the model grows a field, and gives paths that match the
// JSON form without a hand-written table.

var (
	textType   = reflect.TypeFor[kasip.Text]()
	originType = reflect.TypeFor[kasip.Origin]()
)

// notContent are top-level fields that describe the reading, not the standard.
var notContent = map[string]bool{"schema": true, "sources": true, "notes": true, "unplaced": true}

// visitor is called for every value of the model with its JSON path and the
// origin of the nearest item holding it; it returns false to skip the
// value's children.
type visitor func(path string, v reflect.Value, o kasip.Origin) bool

func walk(st *kasip.Standard, fn visitor) {
	walkValue("", reflect.ValueOf(st).Elem(), kasip.Origin{}, fn)
}

func walkValue(path string, v reflect.Value, o kasip.Origin, fn visitor) {
	if !fn(path, v, o) {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkValue(path, v.Elem(), o, fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkValue(idx(path, i), v.Index(i), o, fn)
		}
	case reflect.Struct:
		walkStruct(path, v, o, fn)
	}
}

func walkStruct(path string, v reflect.Value, o kasip.Origin, fn visitor) {
	if f := v.FieldByName("Origin"); f.IsValid() && f.Type() == originType {
		o = f.Interface().(kasip.Origin)
	}
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name := jsonName(f)
		if name == "" || f.Type == originType || (path == "" && notContent[name]) {
			continue
		}
		walkValue(join(path, name), v.Field(i), o, fn)
	}
}

// jsonName is the field's name in the JSON form, "" when it has none.
func jsonName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return name
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// textAt is one language of one text of the model.
type textAt struct {
	Path   string
	Lang   string
	Value  string
	Origin kasip.Origin
}

// texts returns every non-empty text of the standard, in model order and,
// within a text, by language, so findings come out in a stable order.
func texts(st *kasip.Standard) []textAt {
	var out []textAt
	walk(st, func(path string, v reflect.Value, o kasip.Origin) bool {
		if v.Type() != textType {
			return true
		}
		t := v.Interface().(kasip.Text)
		for _, l := range langsOf(t) {
			if strings.TrimSpace(t[l]) != "" {
				out = append(out, textAt{path, l, t[l], o})
			}
		}
		return false
	})
	return out
}

// listAt is a list of the model whose items carry the number the document
// gave them (items, terms, card and function references, functions, skills).
type listAt struct {
	Path  string
	Items reflect.Value // a slice of structs with Number and Origin fields
}

func numberedLists(st *kasip.Standard) []listAt {
	var out []listAt
	walk(st, func(path string, v reflect.Value, _ kasip.Origin) bool {
		if v.Kind() == reflect.Slice && isNumbered(v.Type().Elem()) {
			out = append(out, listAt{path, v})
		}
		return true
	})
	return out
}

func isNumbered(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	n, ok1 := t.FieldByName("Number")
	o, ok2 := t.FieldByName("Origin")
	return ok1 && ok2 && n.Type.Kind() == reflect.Int && o.Type == originType
}

// Accessors for the items of a listAt.

func numberOf(e reflect.Value) int { return int(e.FieldByName("Number").Int()) }

func originOf(e reflect.Value) kasip.Origin {
	return e.FieldByName("Origin").Interface().(kasip.Origin)
}

// mandatoryOf reports an item's Mandatory flag, and whether it has one.
func mandatoryOf(e reflect.Value) (mandatory, ok bool) {
	f := e.FieldByName("Mandatory")
	if !f.IsValid() || f.Kind() != reflect.Bool {
		return false, false
	}
	return f.Bool(), true
}

// textsOf returns what an item of a list says, in a stable order: its text,
// title, term and definition, each in every language it has.
func textsOf(e reflect.Value) []string {
	var out []string
	for _, name := range []string{"Text", "Title", "Term", "Definition"} {
		if f := e.FieldByName(name); f.IsValid() && f.Type() == textType {
			t := f.Interface().(kasip.Text)
			for _, l := range langsOf(t) {
				out = append(out, t[l])
			}
		}
	}
	return out
}

// langsOf returns the languages of t, sorted, so that output never depends
// on map order.
func langsOf(t kasip.Text) []string {
	langs := make([]string, 0, len(t))
	for l := range t {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs
}

// labelOf returns what an item of a list is called, for messages.
func labelOf(e reflect.Value, langs []string) string {
	for _, name := range []string{"Title", "Text", "Term"} {
		if f := e.FieldByName(name); f.IsValid() && f.Type() == textType {
			if s := f.Interface().(kasip.Text).Best(langs...); s != "" {
				return s
			}
		}
	}
	return ""
}

// blankValue reports whether a value of the model holds no words: a nil
// pointer, an empty list, or texts that are all blank ("-", "–"). It also
// returns what the value does say (the dash), for the message. Role and
// flag fields are the reader's, not the author's, and do not count.
func blankValue(v any) (blank bool, says string) {
	blank = true
	var said []string
	var visit visitor = func(path string, v reflect.Value, _ kasip.Origin) bool {
		switch {
		case v.Type() == textType:
			t := v.Interface().(kasip.Text)
			for _, l := range langsOf(t) {
				blank, said = blank && isBlank(t[l]), appendSaid(said, t[l])
			}
			return false
		case v.Kind() == reflect.String && !strings.HasSuffix(path, "role"):
			blank, said = blank && isBlank(v.String()), appendSaid(said, v.String())
		case v.Kind() == reflect.Int && path == "":
			blank = blank && v.Int() == 0
		}
		return true
	}
	if rv := reflect.ValueOf(v); rv.IsValid() {
		walkValue("", rv, kasip.Origin{}, visit)
	}
	return blank, strings.Join(said, " ")
}

func appendSaid(said []string, s string) []string {
	if s = strings.TrimSpace(s); s != "" && !slices.Contains(said, s) {
		said = append(said, s)
	}
	return said
}
