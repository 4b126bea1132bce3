// Command kasip-search-eval measures Kasip search against a relevance set
// and against a baseline of plain SQLite FTS5 (default unicode61 tokenizer
// over the raw text of the same items).
//
//	go run ./cmd/kasip-search-eval              # relevance: nDCG@10, recall@10
//	go run ./cmd/kasip-search-eval -v           # … with every query
//	go run ./cmd/kasip-search-eval -bench 10000 # … then index build time and latency
//
// The relevance set (search/testdata/relevance.tsv, format in
// docs/search.md) is judged over the bundled real documents, so the
// evaluation imports only those into a fresh store (a temporary SQLite file,
// or -db). The benchmark imports the bundled documents plus N generated
// variants into a fresh temporary SQLite file. Everything runs in-process;
// every loop is bounded in count and time.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/demodata"
	"github.com/kasip/kasip/store"
)

func main() {
	dsn := flag.String("db", "", "SQLite path or postgres:// DSN of an empty database for the relevance run (default: a temporary SQLite file)")
	setPath := flag.String("set", "", "relevance set (default: search/testdata/relevance.tsv of the module)")
	verbose := flag.Bool("v", false, "print every query")
	dump := flag.Bool("items", false, "print the searchable items of the bundled documents (CODE|PATH|LANG, kind, text) and stop: the list judges read")
	show := flag.String("q", "", "show the top 10 of Kasip and of the baseline for this query (on the bundled documents), with the set's grades, and stop")
	benchDB := flag.String("benchdb", "", "SQLite file for the benchmark: created and filled when missing, reused (import not timed) when it already holds standards")
	bench := flag.Int("bench", 0, "also benchmark with this many generated standards (plus the bundled ones)")
	clients := flag.Int("c", 32, "concurrent clients in the benchmark")
	maxQueries := flag.Int("queries", 20000, "queries per latency scenario (upper bound)")
	reindex := flag.Bool("reindex", false, "in the benchmark, also time a rebuild of the whole search index (store.Reindex), to tell the search index's share of the import")
	maxTime := flag.Duration("t", 30*time.Second, "time limit per latency scenario")
	flag.Parse()

	ctx := context.Background()
	if *dump {
		if err := dumpItems(ctx, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "kasip-search-eval:", err)
			os.Exit(1)
		}
		return
	}
	if *show != "" {
		if err := showQuery(ctx, os.Stdout, *setPath, *show); err != nil {
			fmt.Fprintln(os.Stderr, "kasip-search-eval:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(ctx, os.Stdout, config{
		DSN: *dsn, Set: *setPath, Verbose: *verbose,
		Bench: *bench, BenchDB: *benchDB, Reindex: *reindex, Clients: *clients, MaxQueries: *maxQueries, MaxTime: *maxTime,
	}); err != nil {
		fmt.Fprintln(os.Stderr, "kasip-search-eval:", err)
		os.Exit(1)
	}
}

type config struct {
	DSN, Set   string
	Verbose    bool
	Bench      int
	BenchDB    string
	Reindex    bool
	Clients    int
	MaxQueries int
	MaxTime    time.Duration
}

func run(ctx context.Context, w io.Writer, c config) error {
	set, err := loadSet(c.Set)
	if err != nil {
		return err
	}
	set = derive(set)
	rep, err := evaluate(ctx, c.DSN, set)
	if err != nil {
		return err
	}
	rep.print(w, c.Verbose)
	if c.Bench > 0 {
		return benchmark(ctx, w, set, c)
	}
	return nil
}

// bundled returns the bundled real standards.
func bundled() ([]demodata.Document, error) {
	docs, err := demodata.Load()
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, errors.New("no bundled documents")
	}
	return docs, nil
}

// openFresh opens dsn, or a new SQLite file in a temporary directory; the
// returned cleanup closes the store and removes the directory.
func openFresh(ctx context.Context, dsn string) (*store.Store, func(), error) {
	dir := ""
	if dsn == "" {
		d, err := os.MkdirTemp("", "kasip-search-eval-")
		if err != nil {
			return nil, nil, err
		}
		dir = d
		dsn = filepath.Join(dir, "kasip.db")
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		if dir != "" {
			os.RemoveAll(dir)
		}
		return nil, nil, err
	}
	return st, func() {
		st.Close()
		if dir != "" {
			os.RemoveAll(dir)
		}
	}, nil
}

// importReal imports the bundled real documents.
func importReal(ctx context.Context, st *store.Store) error {
	docs, err := bundled()
	if err != nil {
		return err
	}
	for _, d := range docs {
		if _, err := st.Import(ctx, d.Standard, []kasip.SourceFile{d.Source}); err != nil {
			return fmt.Errorf("import %s: %w", d.Standard.Code, err)
		}
	}
	return nil
}

// importGenerated imports n generated variants of the bundled documents.
func importGenerated(ctx context.Context, st *store.Store, n int) (int, error) {
	docs, err := bundled()
	if err != nil {
		return 0, err
	}
	base := make([]*kasip.Standard, 0, len(docs))
	for _, d := range docs {
		base = append(base, d.Standard)
	}
	gen := demo.Generate(base, n, 1)
	start := time.Now()
	for i, g := range gen {
		if i > 0 && i%1000 == 0 {
			fmt.Fprintf(os.Stderr, "imported %d/%d generated standards in %s\n", i, len(gen), time.Since(start).Round(time.Second))
		}
		src := kasip.SourceFile{Name: g.Code + "-v" + g.VersionKey() + ".json", Format: "kasip-json", SHA256: g.Sources[0].SHA256, Data: demo.Document(g)}
		if _, err := st.Import(ctx, g, []kasip.SourceFile{src}); err != nil {
			return 0, fmt.Errorf("import %s: %w", g.Code, err)
		}
	}
	return len(gen), nil
}

// storedItems flattens the latest version of every stored standard.
func storedItems(ctx context.Context, st *store.Store) ([]item, error) {
	var out []item
	const page = 100
	for off := 0; ; off += page {
		list, total, err := st.ListStandards(ctx, kasip.StandardFilter{Limit: page, Offset: off})
		if err != nil {
			return nil, err
		}
		for _, s := range list {
			m, err := st.Standard(ctx, s.Code, "")
			if err != nil {
				return nil, err
			}
			out = append(out, flatten(m)...)
		}
		if len(list) == 0 || off+page >= total {
			return out, nil
		}
	}
}

// searcher returns the store's Searcher, or nil with the reason.
func searcher(st *store.Store) (kasip.Searcher, string) {
	var r any = st
	if s, ok := r.(kasip.Searcher); ok {
		return s, ""
	}
	return nil, "the store does not implement kasip.Searcher yet"
}

// kasipSearch runs one query through the Searcher and names the hits.
func kasipSearch(ctx context.Context, s kasip.Searcher, q string) ([]string, error) {
	res, err := s.Search(ctx, kasip.SearchQuery{Text: q, Limit: 10})
	if err != nil {
		return nil, err
	}
	// A hit that collapsed items of the same text names them ("also
	// in …"): they count at the ranks after it, as the reader sees them.
	keys := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		keys = append(keys, h.Code+"|"+normPath(h.Path)+"|"+h.Lang)
		for _, p := range h.Also {
			keys = append(keys, p.Code+"|"+normPath(p.Path)+"|"+h.Lang)
		}
	}
	return keys, nil
}

// realRegistry opens a fresh store on dsn ("" a temporary file), imports
// the bundled real documents and lists their items; cleanup closes it.
func realRegistry(ctx context.Context, dsn string) (st *store.Store, items []item, cleanup func(), err error) {
	st, cleanup, err = openFresh(ctx, dsn)
	if err != nil {
		return nil, nil, nil, err
	}
	if err = importReal(ctx, st); err == nil {
		items, err = storedItems(ctx, st)
	}
	if err != nil {
		cleanup()
		return nil, nil, nil, err
	}
	return st, items, cleanup, nil
}

// dumpItems prints the items of the bundled real documents, one a line.
func dumpItems(ctx context.Context, w io.Writer) error {
	_, items, cleanup, err := realRegistry(ctx, "")
	if err != nil {
		return err
	}
	defer cleanup()
	for _, it := range items {
		fmt.Fprintf(w, "%s\t%s\t%s\n", it.key(), it.Kind, strings.Join(strings.Fields(it.Text), " "))
	}
	return nil
}

// showQuery prints the top 10 of Kasip and of the baseline for q, with the
// grade the set gives each hit (when q is in the set).
func showQuery(ctx context.Context, w io.Writer, setPath, q string) error {
	set, err := loadSet(setPath)
	if err != nil {
		return err
	}
	rel := map[string]int{}
	for _, sq := range set {
		if sq.Text == q {
			rel = sq.Rel
		}
	}
	st, items, cleanup, err := realRegistry(ctx, "")
	if err != nil {
		return err
	}
	defer cleanup()
	text := map[string]string{}
	for _, it := range items {
		text[it.key()] = it.Text
	}
	b, err := newBaseline(ctx, items)
	if err != nil {
		return err
	}
	defer b.Close()
	list := func(name string, keys []string, err error) {
		fmt.Fprintf(w, "%s: nDCG@10 %.3f, recall@10 %.3f (%d judged)\n", name, ndcg(keys, rel), recall(keys, rel), len(rel))
		if err != nil {
			fmt.Fprintln(w, "  error:", err)
		}
		for i, k := range keys {
			t := []rune(text[k])
			if len(t) > 90 {
				t = append(t[:90], '…')
			}
			fmt.Fprintf(w, "  %2d [%d] %s  %s\n", i+1, rel[k], k, string(t))
		}
	}
	if s, why := searcher(st); s != nil {
		keys, err := kasipSearch(ctx, s, q)
		list("Kasip", keys, err)
	} else {
		fmt.Fprintln(w, "Kasip:", why)
	}
	keys, err := b.search(ctx, q)
	list("FTS5", keys, err)
	return nil
}
