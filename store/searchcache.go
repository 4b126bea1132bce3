package store

import (
	"container/list"
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// The candidate cache keeps, per query term and filter set, the rows the
// database returned for it (the term's best documents by impact), so that
// a frequent word is read from the database once per registry generation
// instead of once per query. Reading the candidates is most of a query's
// cost (about 80 % at 10,000 standards: a join into search_docs per row),
// and the words people search repeat. Rows are immutable once cached; each
// query copies what it scores. The cache belongs to a searchState, so an
// import (a new generation) starts an empty one.

// defaultCacheRows bounds the cache by rows (measured: about 430 bytes of
// heap each with their text, so 100,000 rows ≈ 41 MiB; the 81 queries of
// the relevance set need about 60,000 at 10,000 standards).
// KASIP_SEARCH_CACHE_ROWS overrides it; 0 disables the cache (every query
// reads the database, as in the "cold" benchmark).
const defaultCacheRows = 100_000

func cacheRowsSetting() int {
	if v, ok := os.LookupEnv("KASIP_SEARCH_CACHE_ROWS"); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
			return n
		}
	}
	return defaultCacheRows
}

// candRow is one candidate document as read from the database.
type candRow struct {
	id       int64
	code     string
	path     string
	lang     string
	kind     string
	version  string
	level    int
	length   int
	sections []string // OKED sections
	terms    []int32  // every analysed term of the document (vocabulary IDs)
	text     string   // for phrases
	gen      bool     // generated (demo) data
}

type candEntry struct {
	key   string
	rows  []*candRow
	err   error
	ready chan struct{} // closed when rows or err is set
	elem  *list.Element
}

// candCache is an LRU of candidate lists, bounded by the rows it holds,
// with one load at a time per key: 32 clients asking for the same new word
// at once cause one database read, not 32.
type candCache struct {
	max int

	mu   sync.Mutex
	rows int
	m    map[string]*candEntry
	lru  list.List // front: most recently used; values are *candEntry
}

func newCandCache(max int) *candCache {
	return &candCache{max: max, m: map[string]*candEntry{}}
}

// get returns the rows of key, loading them with load when absent. A
// failed load is not cached; those who waited for it load for themselves.
func (c *candCache) get(ctx context.Context, key string, load func(context.Context) ([]*candRow, error)) ([]*candRow, error) {
	if c == nil || c.max <= 0 {
		return load(ctx)
	}
	c.mu.Lock()
	if e, ok := c.m[key]; ok {
		if e.elem != nil {
			c.lru.MoveToFront(e.elem)
		}
		c.mu.Unlock()
		select {
		case <-e.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.err != nil {
			return load(ctx)
		}
		return e.rows, nil
	}
	e := &candEntry{key: key, ready: make(chan struct{})}
	c.m[key] = e
	c.mu.Unlock()

	rows, err := load(ctx)

	c.mu.Lock()
	e.rows, e.err = rows, err
	if err != nil {
		delete(c.m, key)
	} else {
		e.elem = c.lru.PushFront(e)
		c.rows += len(rows)
		c.evict()
	}
	c.mu.Unlock()
	close(e.ready)
	return rows, err
}

// evict drops the least recently used lists until the rows fit (the newest
// list stays even when it alone is larger than the bound).
func (c *candCache) evict() {
	for c.rows > c.max && c.lru.Len() > 1 {
		back := c.lru.Back()
		e := back.Value.(*candEntry)
		c.lru.Remove(back)
		delete(c.m, e.key)
		c.rows -= len(e.rows)
	}
}

// SetSearchCache sets the bound of the search candidate cache in rows (0
// disables it; negative restores the default) and empties it. For
// benchmarks and tools; servers take the bound from KASIP_SEARCH_CACHE_ROWS.
func (s *Store) SetSearchCache(rows int) {
	s.searchMu.Lock()
	defer s.searchMu.Unlock()
	s.cacheRows = nil
	if rows >= 0 {
		s.cacheRows = &rows
	}
	s.searchCache = nil
}

func (s *Store) cacheRowsLocked() int {
	if s.cacheRows != nil {
		return *s.cacheRows
	}
	return cacheRowsSetting()
}

// stats reports the lists and rows held, for tests.
func (c *candCache) stats() (lists, rows int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len(), c.rows
}

// Searches are CPU-bound once their words are cached. When more of them run
// than there are cores, the scheduler shares the CPU among all, and every
// query — a heavy one most — takes as long as the whole crowd (the
// measurements are in docs/benchmarks.md). Admitting as many
// searches as cores and queueing the rest in arrival order keeps the same
// throughput and bounds each query's time to its wait plus its own work.
// KASIP_SEARCH_CONCURRENCY overrides the bound (0: no bound).
func searchConcurrency() int {
	if v, ok := os.LookupEnv("KASIP_SEARCH_CONCURRENCY"); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
			return n
		}
	}
	return runtime.GOMAXPROCS(0)
}

// enterSearch waits for a search slot; the returned function frees it.
func (s *Store) enterSearch(ctx context.Context) (func(), error) {
	s.searchMu.Lock()
	if s.searchGate == nil {
		n := searchConcurrency()
		if n == 0 {
			n = 1 << 20
		}
		s.searchGate = make(chan struct{}, n)
	}
	g := s.searchGate
	s.searchMu.Unlock()
	select {
	case g <- struct{}{}:
		return func() { <-g }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
