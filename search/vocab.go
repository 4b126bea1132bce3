package search

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Vocab is the vocabulary of the index: every term with its document
// frequency and a surface word it came from, plus a trigram index for
// typo tolerance. It is immutable once built and safe for concurrent use.
type Vocab struct {
	df     map[string]int
	ids    map[string]int32 // term → index into sorted
	word   map[string]string
	sorted []string           // terms, sorted, for prefix lookups
	grams  map[string][]int32 // trigram → indexes into sorted
}

// Entry is one vocabulary term.
type Entry struct {
	Term string
	DF   int
	Word string // a surface word of the term, for "did you mean"
}

// NewVocab builds a vocabulary.
func NewVocab(entries []Entry) *Vocab {
	v := &Vocab{df: make(map[string]int, len(entries)), word: make(map[string]string, len(entries)), grams: map[string][]int32{}}
	for _, e := range entries {
		if e.Term == "" || e.DF <= 0 {
			continue
		}
		v.df[e.Term] = e.DF
		v.word[e.Term] = e.Word
		v.sorted = append(v.sorted, e.Term)
	}
	sort.Strings(v.sorted)
	v.ids = make(map[string]int32, len(v.sorted))
	for i, t := range v.sorted {
		v.ids[t] = int32(i)
	}
	for i, t := range v.sorted {
		if isCodeLike(t) {
			continue
		}
		for _, g := range trigrams(t) {
			v.grams[g] = append(v.grams[g], int32(i))
		}
	}
	return v
}

// Len is the number of terms.
func (v *Vocab) Len() int { return len(v.sorted) }

// DF is the number of documents holding term.
func (v *Vocab) DF(term string) int { return v.df[term] }

// ID is a number for term, stable for this vocabulary (-1 when the term is
// not in it): caches keep documents' terms as IDs, a quarter of the memory.
func (v *Vocab) ID(term string) int32 {
	if id, ok := v.ids[term]; ok {
		return id
	}
	return -1
}

// Term is the term of an ID.
func (v *Vocab) Term(id int32) string {
	if id < 0 || int(id) >= len(v.sorted) {
		return ""
	}
	return v.sorted[id]
}

// Word is a surface form of term (the term itself when none is known).
func (v *Vocab) Word(term string) string {
	if w := v.word[term]; w != "" {
		return w
	}
	return term
}

// Prefix returns up to max terms starting with p (at least 2 characters),
// the most frequent first, then in term order.
func (v *Vocab) Prefix(p string, max int) []string {
	if len([]rune(p)) < 2 {
		return nil
	}
	i := sort.SearchStrings(v.sorted, p)
	var out []string
	for ; i < len(v.sorted) && strings.HasPrefix(v.sorted[i], p); i++ {
		out = append(out, v.sorted[i])
	}
	sort.SliceStable(out, func(a, b int) bool { return v.df[out[a]] > v.df[out[b]] })
	if len(out) > max {
		out = out[:max]
	}
	return out
}

// Near is a vocabulary term similar to a query term.
type Near struct {
	Term string
	Sim  float64
	Dist int // edit distance (Nearest only)
}

// Similar returns up to max vocabulary terms whose trigram similarity to t
// (shared trigrams / all distinct trigrams of both, as pg_trgm computes it)
// is at least min, the most similar first, then the more frequent, then in
// term order.
func (v *Vocab) Similar(t string, min float64, max int) []Near {
	if isCodeLike(t) {
		return nil
	}
	qg := trigrams(t)
	if len(qg) == 0 {
		return nil
	}
	shared := map[int32]int{}
	for _, g := range qg {
		for _, i := range v.grams[g] {
			shared[i]++
		}
	}
	var out []Near
	for i, n := range shared {
		term := v.sorted[i]
		total := len(qg) + len(trigrams(term)) - n
		sim := float64(n) / float64(total)
		if sim >= min && term != t {
			out = append(out, Near{Term: term, Sim: sim})
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Sim != out[b].Sim {
			return out[a].Sim > out[b].Sim
		}
		if da, db := v.df[out[a].Term], v.df[out[b].Term]; da != db {
			return da > db
		}
		return out[a].Term < out[b].Term
	})
	if len(out) > max {
		out = out[:max]
	}
	return out
}

// Nearest returns the vocabulary terms nearest by edit distance to any of
// terms (a word's stems and the word itself as typed, lower-cased): only
// those at the smallest distance found, at most 1 edit for words of up to 5
// letters and 2 for longer ones, at most limitN. Ties go to the term whose
// surface word is nearer to word, then to the more frequent. Taking only
// the nearest few keeps a misspelling from matching more documents than the
// word it stands for. Sim is 1 − distance/length.
func (v *Vocab) Nearest(word string, terms []string, limitN int) []Near {
	limit := 1
	if utf8.RuneCountInString(word) > 5 {
		limit = 2
	}
	var out []Near
	bestDist := limit + 1
	surface := map[string]int{}
	for _, t := range terms {
		n := utf8.RuneCountInString(t)
		if n < 3 || isCodeLike(t) {
			continue
		}
		for _, s := range v.Similar(t, MinSimilar, 200) {
			if utf8.RuneCountInString(s.Term) < 3 {
				continue
			}
			d := editDistance(t, s.Term, limit)
			if d > bestDist {
				continue
			}
			if d < bestDist {
				bestDist, out = d, out[:0]
				surface = map[string]int{}
			}
			if _, dup := surface[s.Term]; dup {
				continue
			}
			surface[s.Term] = editDistance(word, strings.ToLower(v.Word(s.Term)), 100)
			out = append(out, Near{Term: s.Term, Sim: 1 - float64(d)/float64(max(n, 1)), Dist: d})
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if sa, sb := surface[out[a].Term], surface[out[b].Term]; sa != sb {
			return sa < sb
		}
		if da, db := v.df[out[a].Term], v.df[out[b].Term]; da != db {
			return da > db
		}
		return out[a].Term < out[b].Term
	})
	if len(out) > limitN {
		out = out[:limitN]
	}
	return out
}

// editDistance is the optimal-string-alignment distance of a and b (a
// transposition counts as one edit), or limit+1 once it exceeds limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// trigrams returns the distinct trigrams of a word padded as pg_trgm does
// ("  w" … "d ").
func trigrams(w string) []string {
	r := []rune("  " + w + " ")
	seen := map[string]bool{}
	var out []string
	for i := 0; i+3 <= len(r); i++ {
		g := string(r[i : i+3])
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

func isCodeLike(t string) bool {
	return strings.ContainsAny(t, "0123456789")
}
