package web

import (
	"slices"
	"strings"
)

// kinds reads a repeatable parameter of item kinds, each value also a comma
// list.
func (q *apiQuery) kinds(name string) []string {
	var out []string
	for _, raw := range q.v[name] {
		for k := range strings.SplitSeq(raw, ",") {
			k = strings.TrimSpace(k)
			if k == "" {
				continue
			}
			if !slices.Contains(searchKinds, k) {
				q.fail(name, "must be one of %s", strings.Join(searchKinds, ", "))
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
func (q *apiQuery) boolean(name string) bool {
	switch strings.ToLower(q.first(name)) {
	case "", "false", "0", "no":
		return false
	case "true", "1", "yes":
		return true
	}
	q.fail(name, "must be true or false")
	return false
}
