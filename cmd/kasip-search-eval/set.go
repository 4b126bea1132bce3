package main

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Groups of the relevance set, in report order.
var groups = []string{"kk", "ru", "en", "kk-latin", "misspelling", "code"}

// query is one query of the relevance set with its judged items.
type query struct {
	Group, Text string
	Rel         map[string]int // CODE|PATH|LANG → grade (2 highly, 1 partly)
}

// loadSet reads the relevance set; path "" finds search/testdata/relevance.tsv
// above the working directory.
func loadSet(path string) ([]query, error) {
	if path == "" {
		p, err := findSet()
		if err != nil {
			return nil, err
		}
		path = p
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseSet(f, path)
}

func findSet() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, "search", "testdata", "relevance.tsv")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("search/testdata/relevance.tsv not found above the working directory (use -set)")
		}
		dir = up
	}
}

func parseSet(f *os.File, name string) ([]query, error) {
	known := map[string]bool{}
	for _, g := range groups {
		known[g] = true
	}
	var out []query
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		fs := strings.Split(s, "\t")
		if len(fs) != 3 && !(len(fs) == 2 && fs[0] != "?") {
			return nil, fmt.Errorf("%s:%d: want ?<TAB>group<TAB>query or grade<TAB>key", name, line)
		}
		if fs[0] == "?" {
			if !known[fs[1]] {
				return nil, fmt.Errorf("%s:%d: unknown group %q", name, line, fs[1])
			}
			if strings.TrimSpace(fs[2]) == "" {
				return nil, fmt.Errorf("%s:%d: empty query", name, line)
			}
			out = append(out, query{Group: fs[1], Text: fs[2], Rel: map[string]int{}})
			continue
		}
		g, err := strconv.Atoi(fs[0])
		if err != nil || g < 1 || g > 2 {
			return nil, fmt.Errorf("%s:%d: grade must be 1 or 2", name, line)
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("%s:%d: judgement before the first query", name, line)
		}
		if k := fs[1]; strings.Count(k, "|") != 2 {
			return nil, fmt.Errorf("%s:%d: key %q is not CODE|PATH|LANG", name, line, k)
		}
		out[len(out)-1].Rel[fs[1]] = g
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, q := range out {
		if len(q.Rel) == 0 {
			return nil, fmt.Errorf("%s: query %q has no judged item", name, q.Text)
		}
	}
	return out, nil
}

// ndcg is nDCG@10 with the grade as gain and a log2(rank+1) discount.
func ndcg(ranked []string, rel map[string]int) float64 {
	seen := map[string]bool{}
	dcg := 0.0
	for i, k := range ranked {
		if i == 10 {
			break
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		dcg += float64(rel[k]) / math.Log2(float64(i+2))
	}
	grades := make([]int, 0, len(rel))
	for _, g := range rel {
		grades = append(grades, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	idcg := 0.0
	for i, g := range grades {
		if i == 10 {
			break
		}
		idcg += float64(g) / math.Log2(float64(i+2))
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

// recall is recall@10: the share of the judged items found in the top 10,
// out of at most 10 (a query with 30 relevant items can still score 1).
func recall(ranked []string, rel map[string]int) float64 {
	found := map[string]bool{}
	for i, k := range ranked {
		if i == 10 {
			break
		}
		if rel[k] > 0 {
			found[k] = true
		}
	}
	return float64(len(found)) / float64(min(len(rel), 10))
}
