package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"
	"github.com/kasip/kasip/store"
)

func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", envOr("KASIP_DB", "kasip.db"), "SQLite file path or postgres:// DSN")
	if err := parseFlags(fs, args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: kasip import [--db DSN] FILE|DIR…")
		return 2
	}
	files, err := collectFiles(fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, "kasip import:", err)
		return 1
	}
	reg, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintln(stderr, "kasip import:", err)
		return 1
	}
	defer reg.Close()
	sum := importFiles(ctx, reg, files, newProgress(stderr, len(files)))
	sum.print(stdout)
	if sum.failed > 0 {
		return 1
	}
	return 0
}

// documentExt are the file types taken from a directory; a file named on
// the command line is always tried, whatever its name.
var documentExt = map[string]bool{".txt": true, ".html": true, ".htm": true, ".docx": true, ".xml": true}

// collectFiles expands directories into the documents below them.
func collectFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() && filepath.Base(p)[0] != '.' && documentExt[strings.ToLower(filepath.Ext(p))] {
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

type importSummary struct {
	counts   map[string]int
	failed   int
	failures []string
	lines    []string
}

// importFiles reads and imports each file; each standard is imported
// atomically, and a failure does not stop the others.
func importFiles(ctx context.Context, reg kasip.Registry, files []string, bar *progress) *importSummary {
	sum := &importSummary{counts: map[string]int{}}
	for _, f := range files {
		bar.step(filepath.Base(f))
		sts, err := read.ReadFile(f, read.Options{})
		if err != nil {
			sum.fail(f, err)
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			sum.fail(f, err)
			continue
		}
		for _, st := range sts {
			src := st.Sources[0]
			res, err := reg.Import(ctx, st, []kasip.SourceFile{{Name: src.File, Format: src.Format, SHA256: src.SHA256, Data: data}})
			if err != nil {
				sum.fail(f, err)
				continue
			}
			sum.counts[res.Status]++
			sum.lines = append(sum.lines, resultLines(filepath.Base(f), res)...)
		}
	}
	bar.done()
	return sum
}

// resultLines is one standard's line of the summary, followed, for a
// merge, by what the documents disagree on and what could not be aligned.
func resultLines(file string, res kasip.ImportResult) []string {
	line := fmt.Sprintf("%-12s %s %s v%s", res.Status, file, res.Code, res.Version)
	if n := len(res.Conflicts); n > 0 {
		line += fmt.Sprintf(", %d %s between the languages:", n, plural(n, "conflict", "conflicts"))
	}
	out := []string{line}
	for _, c := range res.Conflicts {
		out = append(out, "    conflict  "+c.String())
	}
	for _, u := range res.Unmerged {
		out = append(out, "    unaligned "+u)
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (s *importSummary) fail(file string, err error) {
	s.failed++
	s.failures = append(s.failures, fmt.Sprintf("failed       %s: %v", file, err))
}

func (s *importSummary) print(w io.Writer) {
	for _, l := range s.lines {
		fmt.Fprintln(w, l)
	}
	for _, l := range s.failures {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintf(w, "imported %d new, %d new versions, %d merged, %d updated, %d unchanged, %d failed\n",
		s.counts[kasip.ImportNew], s.counts[kasip.ImportNewVersion], s.counts[kasip.ImportMerged],
		s.counts[kasip.ImportUpdated], s.counts[kasip.ImportUnchanged], s.failed)
}

// progress draws a bar on a terminal and nothing elsewhere.
type progress struct {
	w     io.Writer
	total int
	n     int
	tty   bool
}

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) step(name string) {
	p.n++
	if !p.tty {
		return
	}
	const width = 30
	filled := width * p.n / max(p.total, 1)
	bar := make([]rune, width)
	for i := range bar {
		bar[i] = '░'
		if i < filled {
			bar[i] = '█'
		}
	}
	if len([]rune(name)) > 30 {
		name = string([]rune(name)[:29]) + "…"
	}
	fmt.Fprintf(p.w, "\r%s %d/%d %-30s", string(bar), p.n, p.total, name)
}

func (p *progress) done() {
	if p.tty && p.n > 0 {
		fmt.Fprintln(p.w)
	}
}
