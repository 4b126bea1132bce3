package httpx

import (
	"slices"
	"strings"
)

// kinds reads a repeatable parameter of item kinds, each value also a comma
// list.
func (q *APIQuery) Kinds(name string) []string {
	var out []string
	for _, raw := range q.v[name] {
		for k := range strings.SplitSeq(raw, ",") {
			k = strings.TrimSpace(k)
			if k == "" {
				continue
			}
			if !slices.Contains(SearchKinds, k) {
				q.Fail(name, "must be one of %s", strings.Join(SearchKinds, ", "))
				return nil
			}
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// boolean reads an optional true/false parameter.
func (q *APIQuery) Boolean(name string) bool {
	switch strings.ToLower(q.first(name)) {
	case "", "false", "0", "no":
		return false
	case "true", "1", "yes":
		return true
	}
	q.Fail(name, "must be true or false")
	return false
}
