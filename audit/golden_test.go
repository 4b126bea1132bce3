package audit

import (
	"encoding/json"
	"os"
	"testing"
	"time"
)

// goldenEntry is an entry of testdata/chain.golden.json: the audit log of
// a database made with serve --demo, then entries of awkward data (large
// integers, numbers in every notation, names outside the BMP, escapes,
// empty and null data) appended with Next, all as the canonicaliser of the
// time wrote and hashed them. Input is what the awkward entries were given.
type goldenEntry struct {
	Seq     int64  `json:"seq"`
	At      int64  `json:"at_unix_micro"`
	Actor   int64  `json:"actor"`
	Action  string `json:"action"`
	Subject string `json:"subject"`
	Input   string `json:"input"`
	Data    string `json:"data"`
	Prev    string `json:"prev_hash"`
	Hash    string `json:"hash"`
}

// TestGoldenChain keeps the audit hashes of stored logs byte for byte: a
// change in the canonical form or in the hashed encoding would make every
// existing log fail verification.
func TestGoldenChain(t *testing.T) {
	b, err := os.ReadFile("testdata/chain.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var golden []goldenEntry
	if err := json.Unmarshal(b, &golden); err != nil {
		t.Fatal(err)
	}
	if len(golden) < 100 {
		t.Fatalf("only %d entries in the golden chain", len(golden))
	}
	var v Verifier
	awkward := 0
	for _, g := range golden {
		e := Entry{Seq: g.Seq, At: time.UnixMicro(g.At).UTC(), Actor: g.Actor, Action: g.Action,
			Subject: g.Subject, Data: json.RawMessage(g.Data), PrevHash: g.Prev, Hash: g.Hash}
		v.Add(e)
		if g.Action != "test.awkward" {
			continue
		}
		awkward++
		in := e
		in.Data, in.Hash = json.RawMessage(g.Input), ""
		got, err := Next(g.Seq-1, g.Prev, in)
		if err != nil {
			t.Errorf("seq %d: %v", g.Seq, err)
			continue
		}
		if string(got.Data) != g.Data || got.Hash != g.Hash {
			t.Errorf("seq %d: data %s hash %s, want %s %s", g.Seq, got.Data, got.Hash, g.Data, g.Hash)
		}
	}
	if p := v.Problems(); len(p) > 0 || v.Count() != len(golden) {
		t.Errorf("the golden chain does not verify (%d of %d entries): %v", v.Count(), len(golden), p)
	}
	if awkward < 5 {
		t.Errorf("only %d awkward entries", awkward)
	}
}
