package main

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// result is the top 10 of one query and its scores.
type result struct {
	Keys         []string
	NDCG, Recall float64
	Err          error
}

// report holds the evaluation of the set by Kasip and by the baseline.
type report struct {
	Set      []query
	Kasip    []result // nil when the store does not search
	Base     []result
	NoSearch string // why Kasip was not evaluated
	Items    int
}

// groupMean is the mean of a metric over a group ("" = all queries).
func (r *report) groupMean(res []result, group string, metric func(result) float64) (float64, int) {
	sum, n := 0.0, 0
	for i, q := range r.Set {
		if group != "" && q.Group != group {
			continue
		}
		sum += metric(res[i])
		n++
	}
	if n == 0 {
		return 0, 0
	}
	return sum / float64(n), n
}

// evaluate imports the bundled real documents into a fresh store and runs
// every query of the set through Kasip and through the baseline.
func evaluate(ctx context.Context, dsn string, set []query) (*report, error) {
	st, items, cleanup, err := realRegistry(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	b, err := newBaseline(ctx, items)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	rep := &report{Set: set, Items: len(items)}
	for _, q := range set {
		keys, err := b.search(ctx, q.Text)
		rep.Base = append(rep.Base, score(keys, err, q))
	}
	s, why := searcher(st)
	if s == nil {
		rep.NoSearch = why
		return rep, nil
	}
	for _, q := range set {
		keys, err := kasipSearch(ctx, s, q.Text)
		rep.Kasip = append(rep.Kasip, score(keys, err, q))
	}
	return rep, nil
}

func score(keys []string, err error, q query) result {
	if err != nil {
		return result{Err: err}
	}
	return result{Keys: keys, NDCG: ndcg(keys, q.Rel), Recall: recall(keys, q.Rel)}
}

func nd(r result) float64 { return r.NDCG }
func rc(r result) float64 { return r.Recall }

func (r *report) print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "relevance set: %d queries over %d items of the bundled real documents\n", len(r.Set), r.Items)
	if r.Kasip == nil {
		fmt.Fprintf(w, "Kasip: not evaluated (%s); baseline only\n", r.NoSearch)
	}
	if verbose {
		for i, q := range r.Set {
			line := fmt.Sprintf("%-12s %-40q rel=%-3d base nDCG %.3f R %.3f", q.Group, q.Text, len(q.Rel), r.Base[i].NDCG, r.Base[i].Recall)
			if r.Base[i].Err != nil {
				line += " (error: " + r.Base[i].Err.Error() + ")"
			}
			if r.Kasip != nil {
				line += fmt.Sprintf("  kasip nDCG %.3f R %.3f", r.Kasip[i].NDCG, r.Kasip[i].Recall)
				if r.Kasip[i].Err != nil {
					line += " (error: " + r.Kasip[i].Err.Error() + ")"
				}
			}
			fmt.Fprintln(w, line)
		}
	}
	fmt.Fprintln(w)
	if r.Kasip != nil {
		fmt.Fprintln(w, "| group | queries | nDCG@10 Kasip | nDCG@10 FTS5 | Δ | recall@10 Kasip | recall@10 FTS5 | Δ |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	} else {
		fmt.Fprintln(w, "| group | queries | nDCG@10 FTS5 | recall@10 FTS5 |")
		fmt.Fprintln(w, "|---|---:|---:|---:|")
	}
	for _, g := range append(append(append([]string{}, groups...), derivedGroups...), "") {
		bn, n := r.groupMean(r.Base, g, nd)
		if n == 0 {
			continue
		}
		br, _ := r.groupMean(r.Base, g, rc)
		name := g
		if g == "" {
			name = "**all**"
		}
		if r.Kasip != nil {
			kn, _ := r.groupMean(r.Kasip, g, nd)
			kr, _ := r.groupMean(r.Kasip, g, rc)
			fmt.Fprintf(w, "| %s | %d | %.3f | %.3f | %+.3f | %.3f | %.3f | %+.3f |\n", name, n, kn, bn, kn-bn, kr, br, kr-br)
		} else {
			fmt.Fprintf(w, "| %s | %d | %.3f | %.3f |\n", name, n, bn, br)
		}
	}
	var errs []string
	for i, q := range r.Set {
		if r.Base[i].Err != nil {
			errs = append(errs, fmt.Sprintf("baseline %q: %v", q.Text, r.Base[i].Err))
		}
		if r.Kasip != nil && r.Kasip[i].Err != nil {
			errs = append(errs, fmt.Sprintf("kasip %q: %v", q.Text, r.Kasip[i].Err))
		}
	}
	if len(errs) > 0 {
		fmt.Fprintf(w, "\nerrors (scored 0):\n  %s\n", strings.Join(errs, "\n  "))
	}
}
