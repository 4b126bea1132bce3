package kasip

import (
	"reflect"
	"slices"
)

// Restrict keeps only the text of s in langs, and only the sources written
// in those languages (origins renumbered to match). The store uses it to
// take one language out of a bilingual standard before merging it into a
// new document of the other language, so a re-imported Kazakh document
// does not lose the Russian text of the same standard.
func Restrict(s *Standard, langs []string) {
	keep := map[int]int{}
	var sources []Source
	for i, src := range s.Sources {
		if src.Language == "" || slices.Contains(langs, src.Language) {
			keep[i] = len(sources)
			sources = append(sources, src)
		}
	}
	s.Sources = sources
	// Conflicts are between the documents of the languages; with some of
	// them gone, a later Merge finds the ones that still hold.
	s.Conflicts = nil
	s.Languages = slices.DeleteFunc(s.Languages, func(l string) bool { return !slices.Contains(langs, l) })
	restrictValue(reflect.ValueOf(s).Elem(), langs, keep)
}

var sourcesType = reflect.TypeFor[[]Source]()

func restrictValue(v reflect.Value, langs []string, keep map[int]int) {
	switch {
	case v.Type() == textType:
		for _, k := range v.MapKeys() {
			if !slices.Contains(langs, k.String()) {
				v.SetMapIndex(k, reflect.Value{})
			}
		}
		return
	case v.Type() == originType:
		o := v.Addr().Interface().(*Origin)
		if n, ok := keep[o.Source]; ok {
			o.Source = n
		} else {
			o.Source = 0
			o.Line, o.Element = 0, ""
		}
		return
	case v.Type() == sourcesType:
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			restrictValue(v.Elem(), langs, keep)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				restrictValue(v.Field(i), langs, keep)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			restrictValue(v.Index(i), langs, keep)
		}
	}
}
