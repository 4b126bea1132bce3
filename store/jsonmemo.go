package store

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
)

// Certificates repeat their texts: a centre issues thousands for the same
// profession, card and units, and every public verification reads one.
// Decoding those JSON columns was the largest part of a lookup (a fifth of
// the verification API's CPU at 1,000,000 certificates, docs/benchmarks.md),
// so the decoded values are remembered by their text. Decoding is a
// function of the text alone, so the memos are shared by every store in
// the process. What they return is shared too: read-only.

// jsonMemo remembers values decoded from JSON texts, up to max entries
// of at most maxText bytes each; when full it starts again empty (the
// texts in use come back at once).
type jsonMemo[T any] struct {
	mu      sync.RWMutex
	m       map[string]T
	max     int
	maxText int
}

var (
	certTextMemo  = &jsonMemo[kasip.Text]{max: 4096, maxText: 4 << 10}
	certUnitsMemo = &jsonMemo[[]certificate.Unit]{max: 1024, maxText: 64 << 10}
)

// decode returns the value of text, decoding it on first sight; what
// names it in an error.
func (j *jsonMemo[T]) decode(what, text string) (T, error) {
	j.mu.RLock()
	v, ok := j.m[text]
	j.mu.RUnlock()
	if ok {
		return v, nil
	}
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return v, fmt.Errorf("decode %s: %w", what, err)
	}
	if len(text) > j.maxText {
		return v, nil
	}
	j.mu.Lock()
	if len(j.m) >= j.max || j.m == nil {
		j.m = make(map[string]T, j.max)
	}
	j.m[text] = v
	j.mu.Unlock()
	return v, nil
}
