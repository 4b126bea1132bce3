package kasip

// Change is one difference between two versions of a standard.
type Change struct {
	Path string `json:"path"` // where in the model, e.g. cards[0].functions[1].skills[0].knowledge[3]
	Kind string `json:"kind"` // added, removed, changed
	Old  string `json:"old,omitempty"`
	New  string `json:"new,omitempty"`
}

// Diff is being written (see diff.go).
func Diff(a, b *Standard) []Change { return nil }

// Merge is being written (see merge.go).
func Merge(into, other *Standard) (unmerged []string) { return nil }
