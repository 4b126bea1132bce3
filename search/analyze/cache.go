package analyze

import (
	"sync"
	"sync/atomic"
)

// The vocabulary of a corpus is small next to its running text, so the
// terms of a word are remembered. The cache is bounded because query text
// comes from users: past maxCached entries it starts again empty.
const maxCached = 100_000

var (
	termCache sync.Map // key: context flags + normalised word → words
	cached    atomic.Int64
)

func cachedWordTerms(w string, c context) words {
	key := string([]byte{c.cyr, flag(c.english)}) + w
	if v, ok := termCache.Load(key); ok {
		return v.(words)
	}
	t := wordTerms(w, c)
	if cached.Add(1) > maxCached {
		termCache.Clear()
		cached.Store(0)
	}
	termCache.Store(key, t)
	return t
}

func flag(b bool) byte {
	if b {
		return 1
	}
	return 0
}
