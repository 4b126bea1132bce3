package search

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kasip/kasip/search/analyze"
)

// Clause is one word of a query: a document matches it when it holds any
// of its terms (the analyser's alternatives, then, once expanded against the
// vocabulary, prefix completions or near spellings).
type Clause struct {
	Word   string   // the surface word as typed
	Terms  []string // analysed alternatives
	Folds  []string // the word's folded Kazakh terms (қ→к …), weighted below Terms
	Prefix bool     // the word ended in *
	Code   bool     // the word is a code
	Phrase int      // index into Query.Phrases + 1, 0 when not in a phrase
	Offset int      // position relative to the phrase's first word

	// Set by Expand.
	Match   map[string]float64 // term → weight (1 for the word's own terms)
	Unknown bool               // no term of the word is in the vocabulary
	Suggest string             // best vocabulary word for an unknown word
}

// Query is a parsed query.
type Query struct {
	Clauses []Clause
	Phrases int // number of quoted phrases
}

// ParseQuery splits text into words, "quoted phrases" and prefix* words and
// analyses them with the same analyser that indexed the documents.
func ParseQuery(text string) Query {
	var q Query
	parts := strings.Split(text, `"`)
	for i, part := range parts {
		quoted := i%2 == 1 && i < len(parts)-1 // an unclosed quote is plain text
		phrase := 0
		if quoted {
			q.Phrases++
			phrase = q.Phrases
		}
		toks := analyze.Analyze(part)
		first := -1
		for j := 0; j < len(toks); {
			k := j
			var terms, folds []string
			for k < len(toks) && toks[k].Pos == toks[j].Pos {
				if toks[k].Fold {
					folds = appendNew(folds, toks[k].Term)
				} else {
					terms = appendNew(terms, toks[k].Term)
				}
				k++
			}
			t := toks[j]
			c := Clause{Word: part[t.Start:t.End], Terms: terms, Folds: folds, Code: t.Code, Phrase: phrase}
			if !quoted && t.End < len(part) && part[t.End] == '*' {
				c.Prefix = true
				// The lower-cased word itself is also a prefix: a stem may
				// be longer than a typed prefix.
				if w := strings.ToLower(c.Word); !c.Code {
					c.Terms = appendNew(c.Terms, w)
				}
			}
			if quoted {
				if first < 0 {
					first = t.Pos
				}
				c.Offset = t.Pos - first
			}
			q.Clauses = append(q.Clauses, c)
			j = k
		}
		if quoted && first < 0 {
			q.Phrases-- // an empty phrase
		}
	}
	// A phrase of one word is a word.
	counts := map[int]int{}
	for _, c := range q.Clauses {
		counts[c.Phrase]++
	}
	for i := range q.Clauses {
		if p := q.Clauses[i].Phrase; p > 0 && counts[p] < 2 {
			q.Clauses[i].Phrase = 0
		}
	}
	return q
}

// Code returns the query's code when the query is a single code (a
// standard, card, occupation or function code), else "".
func (q Query) Code() string {
	if len(q.Clauses) == 1 && q.Clauses[0].Code && len(q.Clauses[0].Terms) == 1 {
		t := q.Clauses[0].Terms[0]
		if strings.IndexFunc(t, unicode.IsLetter) >= 0 || strings.ContainsAny(t, ".-/") {
			return t
		}
	}
	return ""
}

func appendNew(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// Weights of expanded terms relative to the word's own terms.
const (
	prefixWeight = 0.9
	foldWeight   = 0.85 // Kazakh letters folded: кызмет for қызмет
	typoWeight   = 0.7
	maxTypo      = 1   // vocabulary terms a misspelt word expands to
	maxPrefix    = 50  // vocabulary terms a prefix expands to
	MinSimilar   = 0.2 // trigram similarity that makes a term a typo candidate
	// A known word is taken for a misspelling ("did you mean") when a
	// vocabulary term one edit away is in rareRatio times more documents.
	rareRatio = 5
)

// Expand fills in each clause's Match set from the vocabulary: its own
// terms, folded Kazakh terms, prefix completions, and for an unknown word
// the nearest vocabulary terms by edit distance.
func (q *Query) Expand(v *Vocab) {
	for i := range q.Clauses {
		c := &q.Clauses[i]
		c.Match = map[string]float64{}
		known := false
		for _, t := range c.Terms {
			if v.DF(t) > 0 {
				c.Match[t] = 1
				known = true
			}
		}
		for _, t := range c.Folds {
			if _, own := c.Match[t]; !own && v.DF(t) > 0 {
				c.Match[t] = foldWeight
				known = true
			}
		}
		if c.Prefix {
			for _, t := range c.Terms {
				for _, e := range v.Prefix(t, maxPrefix) {
					if _, ok := c.Match[e]; !ok {
						c.Match[e] = prefixWeight
					}
				}
			}
			if len(c.Match) > 0 {
				known = true
			}
		}
		if c.Code {
			c.Unknown = !known
			continue
		}
		if known {
			if !c.Prefix {
				c.Suggest = rareSuggestion(c, v)
			}
			continue
		}
		c.Unknown = true
		best, bestDF := "", 0
		for _, n := range v.Nearest(c.lower(), c.nearTerms(), maxTypo) {
			w := typoWeight * n.Sim
			if w > c.Match[n.Term] {
				c.Match[n.Term] = w
			}
			if df := v.DF(n.Term); best == "" || df > bestDF {
				best, bestDF = n.Term, df
			}
		}
		if best != "" {
			c.Suggest = v.Word(best)
		}
	}
}

// lower is the word as typed, normalised as the analyser does.
func (c *Clause) lower() string { return analyze.Normalize(c.Word) }

// nearTerms are what a typo is compared with: the word's terms, folded
// terms, and the word itself (a typo can keep a stemmer from finding the
// stem: "қазастан" is one letter from "қазақстан").
func (c *Clause) nearTerms() []string {
	out := append(append([]string{}, c.Terms...), c.Folds...)
	w := c.lower()
	return appendNew(appendNew(out, w), analyze.Fold(w))
}

// rareSuggestion is the surface word of a vocabulary term one edit away
// from a known but rare word, when that term is far more frequent: the
// word itself is then most likely a misspelling kept in some document.
func rareSuggestion(c *Clause, v *Vocab) string {
	df := 0
	for t := range c.Match {
		df = max(df, v.DF(t))
	}
	if utf8.RuneCountInString(c.Word) < 5 {
		return ""
	}
	for _, n := range v.Nearest(c.lower(), c.nearTerms(), maxTypo) {
		if n.Dist == 1 && v.DF(n.Term) >= rareRatio*df {
			if w := v.Word(n.Term); w != strings.ToLower(c.Word) {
				return w
			}
		}
	}
	return ""
}

// DidYouMean is the query text with each unknown word replaced by its best
// vocabulary match, or "" when no word was replaced.
func (q Query) DidYouMean(text string) string {
	out := text
	changed := false
	for _, c := range q.Clauses {
		if c.Suggest != "" && c.Suggest != strings.ToLower(c.Word) {
			out = strings.Replace(out, c.Word, c.Suggest, 1)
			changed = true
		}
	}
	if !changed {
		return ""
	}
	return out
}

// AllTerms returns every term any clause matches, sorted.
func (q Query) AllTerms() []string {
	set := map[string]bool{}
	for _, c := range q.Clauses {
		for t := range c.Match {
			set[t] = true
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// BM25 parameters.
const (
	K1 = 1.2
	B  = 0.75
)

// IDF is BM25's inverse document frequency (always positive).
func IDF(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// Posting is a term's occurrence count in a document.
type Posting struct {
	Term string
	TF   int
}

// Score is the BM25 score of a document of kind with length dl, whose
// postings for the query's terms are ps, times the kind's weight. Clauses
// whose terms the document lacks add nothing (OR semantics); the caller
// decides which documents match. The sum runs over clauses in query order,
// so the same inputs give the same float on every run and database.
func (q Query) Score(kind string, dl int, ps []Posting, st Stats, v *Vocab) float64 {
	avg := st.AvgDL()
	norm := K1 * (1 - B + B*float64(dl)/avg)
	score := 0.0
	for i := range q.Clauses {
		c := &q.Clauses[i]
		best := 0.0
		for _, p := range ps {
			w, ok := c.Match[p.Term]
			if !ok {
				continue
			}
			tf := float64(p.TF)
			s := w * IDF(st.Docs, v.DF(p.Term)) * tf * (K1 + 1) / (tf + norm)
			if s > best {
				best = s
			}
		}
		score += best
	}
	return score * KindWeight(kind)
}

// Matched is the number of clauses a document with postings ps matches.
func (q Query) Matched(ps []Posting) int {
	n := 0
	for i := range q.Clauses {
		for _, p := range ps {
			if _, ok := q.Clauses[i].Match[p.Term]; ok {
				n++
				break
			}
		}
	}
	return n
}

// Matches reports whether a document with postings ps satisfies every
// clause (all = true) or at least one.
func (q Query) Matches(ps []Posting, all bool) bool {
	for i := range q.Clauses {
		hit := false
		for _, p := range ps {
			if _, ok := q.Clauses[i].Match[p.Term]; ok {
				hit = true
				break
			}
		}
		if all && !hit {
			return false
		}
		if !all && hit {
			return true
		}
	}
	return all
}

// PhraseMatch reports whether text holds every quoted phrase of the query:
// its words at consecutive positions (the same distances as in the query).
func (q Query) PhraseMatch(text string) bool {
	if q.Phrases == 0 {
		return true
	}
	toks := analyze.Analyze(text)
	at := map[int]map[string]bool{}
	for _, t := range toks {
		if at[t.Pos] == nil {
			at[t.Pos] = map[string]bool{}
		}
		at[t.Pos][t.Term] = true
	}
	for p := 1; p <= q.Phrases; p++ {
		var words []*Clause
		for i := range q.Clauses {
			if q.Clauses[i].Phrase == p {
				words = append(words, &q.Clauses[i])
			}
		}
		if len(words) == 0 {
			continue
		}
		found := false
		for _, t := range toks {
			if _, ok := words[0].Match[t.Term]; !ok {
				continue
			}
			ok := true
			for _, w := range words[1:] {
				terms := at[t.Pos+w.Offset]
				hit := false
				for term := range w.Match {
					if terms[term] {
						hit = true
						break
					}
				}
				if !hit {
					ok = false
					break
				}
			}
			if ok {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Highlights returns the byte ranges of text whose words matched the query.
func (q Query) Highlights(text string) [][2]int {
	match := map[string]bool{}
	for _, t := range q.AllTerms() {
		match[t] = true
	}
	out := [][2]int{}
	for _, t := range analyze.Analyze(text) {
		if !match[t.Term] {
			continue
		}
		r := [2]int{t.Start, t.End}
		if n := len(out); n > 0 && out[n-1] == r {
			continue
		}
		out = append(out, r)
	}
	return out
}

// Stats are the collection statistics BM25 needs.
type Stats struct {
	Docs   int // documents indexed
	Length int // their total number of terms
}

// AvgDL is the average document length (at least 1).
func (s Stats) AvgDL() float64 {
	if s.Docs == 0 || s.Length == 0 {
		return 1
	}
	return float64(s.Length) / float64(s.Docs)
}

// TermCounts counts each term of a document.
func TermCounts(terms []string) map[string]int {
	m := make(map[string]int, len(terms))
	for _, t := range terms {
		m[t]++
	}
	return m
}

// Cosine is the cosine similarity of two TF-IDF vectors given as term
// counts, with idf from the vocabulary. Terms are visited in sorted order so
// the float result does not depend on map iteration.
func Cosine(a, b map[string]int, st Stats, v *Vocab) float64 {
	keys := make([]string, 0, len(a))
	for t := range a {
		keys = append(keys, t)
	}
	sort.Strings(keys)
	var dot, na float64
	for _, t := range keys {
		w := float64(a[t]) * IDF(st.Docs, v.DF(t))
		na += w * w
		if c, ok := b[t]; ok {
			dot += w * float64(c) * IDF(st.Docs, v.DF(t))
		}
	}
	keys = keys[:0]
	for t := range b {
		keys = append(keys, t)
	}
	sort.Strings(keys)
	var nb float64
	for _, t := range keys {
		w := float64(b[t]) * IDF(st.Docs, v.DF(t))
		nb += w * w
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / (math.Sqrt(na) * math.Sqrt(nb))
}

// ImpactAvgDL is the fixed average length Impact normalises against.
const ImpactAvgDL = 8

// Impact is the weight of a term with frequency tf in a document of kind and
// length dl, without the term's idf: the kind's weight times BM25's
// saturated, length-normalised tf, times 1000, rounded. The index orders a
// term's postings by it, so that reading the first rows of a frequent term
// gives the documents where it scores best.
func Impact(kind string, tf, dl int) int {
	t := float64(tf)
	s := KindWeight(kind) * t * (K1 + 1) / (t + K1*(1-B+B*float64(dl)/ImpactAvgDL))
	return int(math.Round(s * 1000))
}
