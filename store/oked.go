package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/kasip/kasip"
)

// OKED returns the activity classification entries named by the latest
// versions of all standards as a tree: section → division → group → class
// → subclass. Entries are deduplicated by code; a title keeps the first
// text found in each language. A division hangs under the section NACE
// Rev. 2 gives it, not the one a document put above it (documents err: seed
// 004 puts division 84 under M); a section no standard names is added with
// an empty title so that the tree's roots are always sections.
//
// The tree is built from every latest standard, so it is cached until the
// next import (by any process: see registry_state); callers get a copy.
func (s *Store) OKED(ctx context.Context) ([]*kasip.OKEDNode, error) {
	gen, err := s.generation(ctx)
	if err != nil {
		return nil, fmt.Errorf("oked: %w", err)
	}
	s.okedMu.Lock()
	if s.okedCache != nil && s.okedGen == gen {
		out := copyOKED(s.okedCache)
		s.okedMu.Unlock()
		return out, nil
	}
	s.okedMu.Unlock()
	// Built outside the lock: a slow query must not hold up cache hits.
	// An import committed meanwhile makes the tree newer than gen, which
	// only means it is rebuilt once more.
	tree, err := s.buildOKED(ctx)
	if err != nil {
		return nil, err
	}
	s.okedMu.Lock()
	if gen >= s.okedGen {
		s.okedGen, s.okedCache = gen, tree
	}
	s.okedMu.Unlock()
	return copyOKED(tree), nil
}

func copyOKED(ns []*kasip.OKEDNode) []*kasip.OKEDNode {
	out := make([]*kasip.OKEDNode, len(ns))
	for i, n := range ns {
		c := *n
		c.Title = make(kasip.Text, len(n.Title))
		for l, v := range n.Title {
			c.Title[l] = v
		}
		if n.Children != nil {
			c.Children = copyOKED(n.Children)
		}
		out[i] = &c
	}
	return out
}

func (s *Store) buildOKED(ctx context.Context) ([]*kasip.OKEDNode, error) {
	// Most standards of a sector repeat the same entries: the database
	// folds identical ones, in the order they are first found.
	rows, err := s.r.QueryContext(ctx, `SELECT o.code, o.level, o.title
		FROM oked o JOIN standards st ON st.id = o.standard_id
		WHERE st.is_latest
		GROUP BY o.code, o.level, o.title
		ORDER BY MIN(st.code `+s.d.binary+`), MIN(o.pos), o.code `+s.d.binary+`, o.title `+s.d.binary)
	if err != nil {
		return nil, fmt.Errorf("oked: %w", err)
	}
	defer rows.Close()
	nodes := map[string]*kasip.OKEDNode{}
	var order []string
	for rows.Next() {
		var code, level, title string
		if err := rows.Scan(&code, &level, &title); err != nil {
			return nil, fmt.Errorf("oked: %w", err)
		}
		var t kasip.Text
		if err := json.Unmarshal([]byte(title), &t); err != nil {
			return nil, fmt.Errorf("oked %s: decode title: %w", code, err)
		}
		if sec := okedSection(kasip.OKEDEntry{Code: code, Level: level}); sec != "" {
			code = sec
		}
		n := nodes[code]
		if n == nil {
			n = &kasip.OKEDNode{Code: code, Level: level, Title: kasip.Text{}}
			nodes[code] = n
			order = append(order, code)
		}
		for l, v := range t {
			if n.Title[l] == "" && v != "" {
				n.Title[l] = v
			}
		}
		if n.Level == "" {
			n.Level = level
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("oked: %w", err)
	}

	var roots []*kasip.OKEDNode
	for _, code := range order {
		n := nodes[code]
		p := okedParent(code, nodes)
		if p == "" {
			roots = append(roots, n)
			continue
		}
		parent := nodes[p]
		if parent == nil { // a section no standard names
			parent = &kasip.OKEDNode{Code: p, Level: "section", Title: kasip.Text{}}
			nodes[p] = parent
			roots = append(roots, parent)
		}
		parent.Children = append(parent.Children, n)
	}
	sortOKED(roots)
	return orEmpty(roots), nil
}

// okedParent returns the code of the nearest ancestor of code that was
// found, else its section; "" for a root. Codes shorten as OKED's do:
// 55.10.1 → 55.10 → 55.1 → 55 → section I.
func okedParent(code string, found map[string]*kasip.OKEDNode) string {
	if len(code) == 1 || sectionOfCode(code) == "" {
		return ""
	}
	c := code
	for strings.Contains(c, ".") {
		i := strings.LastIndex(c, ".")
		if len(c)-i-1 > 1 {
			c = c[:len(c)-1]
		} else {
			c = c[:i]
		}
		if found[c] != nil {
			return c
		}
	}
	return sectionOfCode(code)
}

func sortOKED(ns []*kasip.OKEDNode) {
	sort.Slice(ns, func(i, j int) bool { return ns[i].Code < ns[j].Code })
	for _, n := range ns {
		sortOKED(n.Children)
	}
}
