package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kasip/kasip"
)

// An OKED class finds the standards of that activity, without being taken
// for a standard's own code.
func TestSearchOKEDCode(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importSearchSet(t, s)
		res := doSearch(t, s, kasip.SearchQuery{Text: "55.10.1"})
		if res.Exact != nil {
			t.Errorf("an OKED class gave an exact match %+v", res.Exact)
		}
		found := false
		for _, h := range res.Hits {
			if h.Code == "I55101015" && h.Kind == kasip.KindStandard {
				found = true
			}
			if h.Code == "M84120" {
				t.Errorf("55.10.1 found M84120 (OKED 84.12)")
			}
		}
		if !found {
			t.Errorf("55.10.1 did not find I55101015: %v", keys(res.Hits))
		}
	})
}

// Documents with every word come first; when they do not fill the page,
// documents with some of the words follow.
func TestSearchSomeWords(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importSearchSet(t, s)
		res := doSearch(t, s, kasip.SearchQuery{Text: "қонақтармен жұмыс", Limit: 20})
		if len(res.Hits) < 10 {
			t.Fatalf("%d hits, want a full page: %v", len(res.Hits), keys(res.Hits))
		}
		first := strings.ToLower(res.Hits[0].Text)
		if !strings.Contains(first, "қонақ") || !strings.Contains(first, "жұмыс") {
			t.Errorf("first hit lacks a word: %q", res.Hits[0].Text)
		}
		// Once a hit lacks a word, no later hit has both.
		partial := false
		for _, h := range res.Hits {
			l := strings.ToLower(h.Text)
			both := strings.Contains(l, "қонақ") && strings.Contains(l, "жұмыс")
			if partial && both {
				t.Errorf("a hit with both words after a partial one: %q", h.Text)
			}
			partial = partial || !both
		}
		if !anyText(res.Hits, "қонақтармен байланыс менеджері") {
			t.Errorf("the card title with one word is missing: %v", keys(res.Hits))
		}
		// A phrase is never relaxed.
		if res := doSearch(t, s, kasip.SearchQuery{Text: `"қонақтармен жұмыс"`}); res.Total != 0 {
			t.Errorf("phrase: %d hits", res.Total)
		}
	})
}

// Concurrent searches for the same new words read the database once per
// word, all get the same page, and an import is seen at once.
func TestSearchCache(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importSearchSet(t, s)
		s.SetSearchCache(-1)
		ctx := context.Background()
		want := doSearch(t, s, kasip.SearchQuery{Text: "жастар саясаты"})
		s.SetSearchCache(-1) // empty again
		var wg sync.WaitGroup
		var bad atomic.Int32
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := s.Search(ctx, kasip.SearchQuery{Text: "жастар саясаты"})
				if err != nil || fmt.Sprint(keys(res.Hits)) != fmt.Sprint(keys(want.Hits)) || res.Total != want.Total {
					bad.Add(1)
				}
			}()
		}
		wg.Wait()
		if bad.Load() > 0 {
			t.Errorf("%d concurrent searches differ from the first", bad.Load())
		}
		st, err := s.searchState(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if lists, rows := st.cands.stats(); lists == 0 || rows == 0 {
			t.Errorf("cache holds %d lists, %d rows", lists, rows)
		}
		// Without the cache the page is the same.
		s.SetSearchCache(0)
		if cold := doSearch(t, s, kasip.SearchQuery{Text: "жастар саясаты"}); fmt.Sprint(keys(cold.Hits)) != fmt.Sprint(keys(want.Hits)) {
			t.Errorf("cold search differs:\n%v\n%v", keys(cold.Hits), keys(want.Hits))
		}
		s.SetSearchCache(-1)
		// A new version is found right after its import.
		doSearch(t, s, kasip.SearchQuery{Text: "жастар"})
		st2, files := variant(t, seedYouth, "v2", func(st *kasip.Standard) {
			st.Technical.Version = "2"
			st.Title = kasip.Text{"kk": "Жастар саясаты quokka"}
		})
		mustImport(t, s, st2, files, kasip.ImportNewVersion)
		res := doSearch(t, s, kasip.SearchQuery{Text: "жастар quokka"})
		if res.Total == 0 || res.Hits[0].Version != "2" {
			t.Errorf("after import: %+v", keys(res.Hits))
		}
	})
}

func TestCandCacheBoundAndErrors(t *testing.T) {
	c := newCandCache(10)
	ctx := context.Background()
	loads := 0
	load := func(n int) func(context.Context) ([]*candRow, error) {
		return func(context.Context) ([]*candRow, error) {
			loads++
			return make([]*candRow, n), nil
		}
	}
	c.get(ctx, "a", load(4))
	c.get(ctx, "b", load(4))
	c.get(ctx, "a", load(4)) // a is now the most recent
	c.get(ctx, "c", load(4)) // 12 rows > 10: b goes
	if lists, rows := c.stats(); lists != 2 || rows != 8 {
		t.Errorf("after eviction: %d lists, %d rows", lists, rows)
	}
	if _, ok := c.m["b"]; ok {
		t.Error("the least recently used list was kept")
	}
	if loads != 3 {
		t.Errorf("%d loads, want 3", loads)
	}
	// A failed load is not kept.
	boom := errors.New("boom")
	if _, err := c.get(ctx, "d", func(context.Context) ([]*candRow, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("err %v", err)
	}
	if _, ok := c.m["d"]; ok {
		t.Error("a failed load was cached")
	}
	// Disabled: every get loads.
	off := newCandCache(0)
	off.get(ctx, "a", load(1))
	off.get(ctx, "a", load(1))
	if loads != 5 {
		t.Errorf("disabled cache: %d loads, want 5", loads)
	}
}

// A search waiting for a slot gives up with its context, and runs once a
// slot is free.
func TestSearchAdmission(t *testing.T) {
	s := openStore(t, t.TempDir()+"/k.db")
	importPath(t, s, seedYouth, kasip.ImportNew)
	s.searchMu.Lock()
	s.searchGate = make(chan struct{}, 1)
	s.searchMu.Unlock()
	s.searchGate <- struct{}{} // the only slot is taken
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := s.Search(ctx, kasip.SearchQuery{Text: "жастар"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting search: %v", err)
	}
	<-s.searchGate
	if res := doSearch(t, s, kasip.SearchQuery{Text: "жастар"}); res.Total == 0 {
		t.Error("no hits once the slot is free")
	}
}
