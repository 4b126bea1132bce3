package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/internal/registertest"
	"github.com/kasip/kasip/read"
)

// importRegister reads a register file and imports each of its standards
// with the file, as the import command does, and returns code → status.
func importRegister(t *testing.T, s *Store, name string, data []byte) map[string]string {
	t.Helper()
	sts, err := read.Read(name, data, read.Options{})
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	sum := sha256.Sum256(data)
	out := map[string]string{}
	for _, st := range sts {
		src := kasip.SourceFile{Name: name, Format: st.Sources[0].Format, SHA256: hex.EncodeToString(sum[:]), Data: data}
		res, err := s.Import(context.Background(), st, []kasip.SourceFile{src})
		if err != nil {
			t.Fatalf("import %s from %s: %v", st.Code, name, err)
		}
		if res.Code != st.Code {
			t.Errorf("import %s from %s: result names %s", st.Code, name, res.Code)
		}
		if _, dup := out[res.Code]; dup {
			t.Errorf("%s: %s imported twice", name, res.Code)
		}
		out[res.Code] = res.Status
	}
	return out
}

func wantStatuses(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d standards %v, want %v", what, len(got), got, want)
	}
	for code, w := range want {
		if got[code] != w {
			t.Errorf("%s: %s is %q, want %q (all: %v)", what, code, got[code], w, got)
		}
	}
}

var registerDocs = []string{xmlProg, xmlNetwork}

// A register file holding several standards stores each under its own code;
// the same file again is unchanged per standard; a file where one standard
// changed and one is added updates that one, adds the new one and leaves the
// other as it was.
func TestImportRegisterFileSeveralStandards(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		first := registertest.File(t, registerDocs, nil)
		wantStatuses(t, "first import", importRegister(t, s, "register.xml", first),
			map[string]string{"06.001": kasip.ImportNew, "06.037": kasip.ImportNew})
		if n := counts(t, s); n.Standards != 2 || n.Professions != 8 {
			t.Errorf("counts %+v, want 2 standards and 8 professions", n)
		}
		for _, code := range []string{"06.001", "06.037"} {
			st, err := s.Standard(ctx, code, "")
			if err != nil {
				t.Fatalf("standard %s: %v", code, err)
			}
			if len(st.Sources) != 1 || st.Sources[0].File != "register.xml" {
				t.Errorf("%s sources %+v", code, st.Sources)
			}
		}
		hits := allHits(t, s, kasip.SearchQuery{Text: "сетей"})
		if !hasCode(hits, "06.037") {
			t.Errorf("search for the second standard of the file: %d hits, none of 06.037", len(hits))
		}

		wantStatuses(t, "the same file again", importRegister(t, s, "register.xml", first),
			map[string]string{"06.001": kasip.ImportUnchanged, "06.037": kasip.ImportUnchanged})

		changed := registertest.File(t, append(registerDocs, xmlCNC), registertest.Rename(xmlProg, "Программист", "Программист-разработчик"))
		wantStatuses(t, "a file with one changed and one new", importRegister(t, s, "register-2.xml", changed),
			map[string]string{"06.001": kasip.ImportUpdated, "06.037": kasip.ImportUnchanged, "25.005": kasip.ImportNew})
		st, err := s.Standard(ctx, "06.001", "")
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Title["ru"]; got != "Программист-разработчик" {
			t.Errorf("updated title %q", got)
		}
		if st.Sources[0].File != "register-2.xml" {
			t.Errorf("updated standard's sources %+v", st.Sources)
		}
		if st, _ := s.Standard(ctx, "06.037", ""); st == nil || st.Sources[0].File != "register.xml" {
			t.Errorf("the unchanged standard should keep its document: %+v", st)
		}
		if n := counts(t, s); n.Standards != 3 || n.Versions != 3 {
			t.Errorf("counts %+v, want 3 standards in 3 versions", n)
		}
	})
}

// A standard already stored from its own file, then found again in a
// register file next to a new one, is unchanged; the new one is new.
func TestImportRegisterFileMixesStoredAndNew(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importPath(t, s, xmlNetwork, kasip.ImportNew)
		mixed := registertest.File(t, []string{xmlNetwork, xmlCNC}, nil)
		wantStatuses(t, "mixed file", importRegister(t, s, "mixed.xml", mixed),
			map[string]string{"06.037": kasip.ImportUnchanged, "25.005": kasip.ImportNew})
		if n := counts(t, s); n.Standards != 2 {
			t.Errorf("counts %+v", n)
		}
	})
}

func hasCode(hits []kasip.SearchHit, code string) bool {
	for _, h := range hits {
		if h.Code == code {
			return true
		}
	}
	return false
}

// Several stores opening one new SQLite file at once (as several processes
// starting together) all open: the busy timeout and the retry of a busy
// first connection cover the switch to WAL, and the migrations wait for
// each other.
func TestManyStoresOpenOneFile(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			const n = 6
			stores := make([]*Store, n)
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					stores[i], errs[i] = Open(context.Background(), dsn)
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("open %d: %v", i, err)
					continue
				}
				t.Cleanup(func() { stores[i].Close() })
			}
			if t.Failed() {
				return
			}
			var v int
			if err := stores[0].r.QueryRow("SELECT COUNT(*) FROM schema_migrations").Scan(&v); err != nil || v == 0 {
				t.Fatalf("schema_migrations: %d %v", v, err)
			}
			ms, err := loadMigrations("migrations/" + stores[0].d.name)
			if err != nil {
				t.Fatal(err)
			}
			if v != len(ms) {
				t.Errorf("%d migrations recorded, want %d (each once)", v, len(ms))
			}
		})
	}
}
