package audit

import (
	"fmt"
	"iter"
)

// Kind is what is wrong with an entry.
type Kind string

const (
	// Altered: the entry's hash does not match its content (or its data is
	// not a JSON object): the entry was changed after it was written.
	Altered Kind = "altered"
	// BrokenLink: the entry's prev_hash is not the hash of the entry
	// before it: that entry was replaced (its hash recomputed), or this
	// one was moved.
	BrokenLink Kind = "broken-link"
	// Missing: seq numbers were skipped: entries were deleted.
	Missing Kind = "missing"
	// OutOfOrder: the seq is not greater than the one before: entries were
	// reordered or duplicated.
	OutOfOrder Kind = "out-of-order"
)

// Problem is one finding of Verify. Seq is the entry it concerns; for
// Missing, the first missing seq.
type Problem struct {
	Seq    int64
	Kind   Kind
	Detail string
}

func (p Problem) String() string { return fmt.Sprintf("seq %d: %s: %s", p.Seq, p.Kind, p.Detail) }

// Verifier checks a log entry by entry, in the order the entries were
// written, holding only the previous entry: logs of any length stream
// through it.
type Verifier struct {
	n        int
	lastSeq  int64
	lastHash string
	maxSeq   int64 // the highest seq seen, for gaps
	problems []Problem
}

// Add checks the next entry.
func (v *Verifier) Add(e Entry) {
	v.n++
	v.checkHash(e)
	prevSeq, prevHash := v.lastSeq, v.lastHash
	if v.n == 1 {
		prevHash = GenesisHash
	}
	top := v.maxSeq
	v.lastSeq, v.lastHash = e.Seq, e.Hash
	v.maxSeq = max(v.maxSeq, e.Seq)
	switch {
	case e.Seq < 1:
		v.add(e.Seq, OutOfOrder, "seq numbers start at 1")
	case e.Seq <= top:
		v.add(e.Seq, OutOfOrder, "follows seq %d", prevSeq)
	case e.Seq > top+1:
		// A link across a gap cannot match; the gap is the finding.
		if e.Seq == top+2 {
			v.add(top+1, Missing, "entry %d is missing (deleted)", top+1)
		} else {
			v.add(top+1, Missing, "entries %d to %d are missing (deleted)", top+1, e.Seq-1)
		}
	case e.Seq != prevSeq+1:
		// The entry before this one came out of order (reported): there is
		// no previous hash to check the link against.
	case e.PrevHash != prevHash:
		if prevSeq == 0 {
			v.add(e.Seq, BrokenLink, "the first entry's prev_hash is %.12s…, not zeros", e.PrevHash)
		} else {
			v.add(e.Seq, BrokenLink, "prev_hash %.12s… is not the hash %.12s… of entry %d", e.PrevHash, prevHash, prevSeq)
		}
	}
}

func (v *Verifier) checkHash(e Entry) {
	h, err := e.ComputeHash()
	switch {
	case err != nil:
		v.add(e.Seq, Altered, "unreadable data: %v", err)
	case h != e.Hash:
		v.add(e.Seq, Altered, "hash %.12s… does not match the content (%.12s…)", e.Hash, h)
	}
}

func (v *Verifier) add(seq int64, k Kind, format string, args ...any) {
	v.problems = append(v.problems, Problem{Seq: seq, Kind: k, Detail: fmt.Sprintf(format, args...)})
}

// Problems returns the findings so far, in the order found.
func (v *Verifier) Problems() []Problem { return v.problems }

// Count returns the number of entries checked.
func (v *Verifier) Count() int { return v.n }

// Last returns the seq and hash of the last entry checked: the value to
// note down and compare later, since a log cut short after it would
// otherwise still verify.
func (v *Verifier) Last() (seq int64, hash string) { return v.lastSeq, v.lastHash }

// Verify checks entries, given in the order they were written, and
// returns what is wrong with them; none for an intact log.
func Verify(entries iter.Seq[Entry]) []Problem {
	var v Verifier
	for e := range entries {
		v.Add(e)
	}
	return v.Problems()
}
