package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"

	"github.com/kasip/kasip/internal/pgtest"
)

// The suite runs every test on each backend: SQLite always, PostgreSQL when
// KASIP_TEST_POSTGRES holds a DSN of a server where the user may create
// databases. Each test gets a fresh database.

type backend struct {
	name string
	// dsn returns the DSN of a fresh, empty database for one test.
	dsn func(t *testing.T) string
}

func backends(t *testing.T) []backend {
	t.Helper()
	return []backend{
		{name: "sqlite", dsn: func(t *testing.T) string {
			return filepath.Join(t.TempDir(), "kasip.db")
		}},
		{name: "postgres", dsn: func(t *testing.T) string { return pgtest.Fresh(t) }},
	}
}

// each runs f on every backend with a fresh, open store.
func each(t *testing.T, f func(t *testing.T, s *Store)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			f(t, openStore(t, b.dsn(t)))
		})
	}
}

func openStore(t *testing.T, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

// Real documents.
const (
	seedHotel  = "../testdata/seeds/000_78fd8bd149563dd7.txt" // I55101015 v2, kk, 1 card
	seedYouth  = "../testdata/seeds/004_0389e6b855ff2fb2.txt" // M84120 v1, kk, 2 cards
	youthHTML  = "../testdata/kz/004_0389e6b855ff2fb2.html"   // the same standard as HTML
	youthRU    = "../testdata/kz/ru_template_M84120.txt"      // M84120 v1 in Russian
	xmlProg    = "../testdata/ru/PS_06.001_reg4.xml"          // 06.001, 4 cards
	xmlNetwork = "../testdata/ru/PS_06.037_reg1052.xml"       // 06.037, 4 cards
	xmlCNC     = "../testdata/ru/PS_25.005_reg27.xml"         // 25.005, 2 cards
)

// doc reads a document as the importer would: the standard and its file.
func doc(t testing.TB, path string) (*kasip.Standard, []kasip.SourceFile) {
	t.Helper()
	sts, err := read.ReadFile(path, read.Options{})
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if len(sts) != 1 {
		t.Fatalf("read %s: %d standards, want 1", path, len(sts))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st := sts[0]
	src := st.Sources[0]
	return st, []kasip.SourceFile{{Name: src.File, Format: src.Format, SHA256: src.SHA256, Data: data}}
}

// variant reads a document, lets edit change the standard, and makes its
// file a different one (a trailing line), as another edition would be.
func variant(t *testing.T, path, tag string, edit func(st *kasip.Standard)) (*kasip.Standard, []kasip.SourceFile) {
	t.Helper()
	st, files := doc(t, path)
	if edit != nil {
		edit(st)
	}
	files[0].Data = append(append([]byte{}, files[0].Data...), "\n"+tag+"\n"...)
	files[0].SHA256 = ""
	st.Sources = nil // the store describes the file itself
	return st, files
}

// htmlCorrection is the HTML edition of seed 004 with one knowledge item
// corrected: the same standard, version and language, other content.
func htmlCorrection(t *testing.T) (*kasip.Standard, []kasip.SourceFile) {
	t.Helper()
	return variant(t, youthHTML, "corrected", func(st *kasip.Standard) {
		k := &st.Cards[0].Functions[0].Skills[0].Knowledge[0]
		k.Text = kasip.Text{"kk": k.Text["kk"] + " (түзетілген)"}
	})
}

func mustImport(t *testing.T, s *Store, st *kasip.Standard, files []kasip.SourceFile, want string) kasip.ImportResult {
	t.Helper()
	res, err := s.Import(context.Background(), st, files)
	if err != nil {
		t.Fatalf("import %s: %v", st.Code, err)
	}
	if res.Status != want {
		t.Fatalf("import %s version %s: status %q, want %q", st.Code, st.VersionKey(), res.Status, want)
	}
	return res
}

func importPath(t *testing.T, s *Store, path, want string) kasip.ImportResult {
	t.Helper()
	st, files := doc(t, path)
	return mustImport(t, s, st, files, want)
}

// importAll imports the seeds and the Russian register documents, plus a
// generated copy of the hotel seed: 6 standards, 14 professions.
func importAll(t *testing.T, s *Store) {
	t.Helper()
	for _, p := range []string{seedHotel, seedYouth, xmlProg, xmlNetwork, xmlCNC} {
		importPath(t, s, p, kasip.ImportNew)
	}
	st, files := variant(t, seedHotel, "generated", func(st *kasip.Standard) {
		st.Code = "X00000001"
		st.Generated = true
		st.Technical.ReviewDate = ""
	})
	mustImport(t, s, st, files, kasip.ImportNew)
}

func counts(t *testing.T, s *Store) kasip.Counts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestImportStatuses(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		res := importPath(t, s, seedHotel, kasip.ImportNew)
		if res.Code != "I55101015" || res.Version != "2" {
			t.Errorf("result %+v, want I55101015 version 2", res)
		}
		importPath(t, s, seedHotel, kasip.ImportUnchanged)

		// The same file under another name is still the same document.
		st, files := doc(t, seedHotel)
		files[0].Name = "renamed.txt"
		mustImport(t, s, st, files, kasip.ImportUnchanged)

		st, files = variant(t, seedHotel, "v3", func(st *kasip.Standard) { st.Technical.Version = "3" })
		mustImport(t, s, st, files, kasip.ImportNewVersion)
		mustImport(t, s, st, files, kasip.ImportUnchanged)

		// Same code, version and language from another document: replaced.
		st, files = variant(t, seedHotel, "edited", func(st *kasip.Standard) {
			st.Title["kk"] = "Өңделген атау"
		})
		mustImport(t, s, st, files, kasip.ImportUpdated)
		got, err := s.Standard(ctx, "I55101015", "2")
		if err != nil {
			t.Fatal(err)
		}
		if got.Title["kk"] != "Өңделген атау" {
			t.Errorf("updated title %q", got.Title["kk"])
		}
		sum := sha256.Sum256(files[0].Data)
		if len(got.Sources) != 1 || got.Sources[0].SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("updated sources %+v, want the new file only", got.Sources)
		}

		// The Kazakh seed 004 and its Russian edition: one standard.
		importPath(t, s, seedYouth, kasip.ImportNew)
		res = importPath(t, s, youthRU, kasip.ImportMerged)
		if res.Code != "M84120" || res.Version != "1" {
			t.Errorf("merge result %+v", res)
		}
		vs, err := s.Versions(ctx, "M84120")
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 1 || len(vs[0].Sources) != 2 {
			t.Fatalf("after merge: %d versions, sources %+v; want 1 version with both documents", len(vs), vs)
		}
		ru, _ := doc(t, youthRU)
		f, err := s.Source(ctx, "M84120", "", 1)
		if err != nil {
			t.Fatal(err)
		}
		if f.SHA256 != ru.Sources[0].SHA256 || f.Name != "ru_template_M84120.txt" {
			t.Errorf("merged source 1: %s %s", f.Name, f.SHA256)
		}
		importPath(t, s, youthRU, kasip.ImportUnchanged)
		// What the merge did (kasip.Merge is tested in its package): one
		// bilingual standard; seed 004's first card has no Russian
		// counterpart, which Merge reports.
		if len(res.Unmerged) == 0 {
			t.Error("merge reported nothing unaligned; card 0 has no Russian counterpart")
		}
		merged, err := s.Standard(ctx, "M84120", "1")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(merged.Languages, []string{"kk", "ru"}) || merged.Title["ru"] == "" || merged.Title["kk"] == "" {
			t.Errorf("merged standard: languages %v, title %v", merged.Languages, merged.Title)
		}
		ps, _, err := s.Professions(ctx, kasip.ProfessionFilter{Query: "M84120"})
		if err != nil || len(ps) != 2 {
			t.Fatalf("professions of the merged standard: %v %v", ps, err)
		}
		if !reflect.DeepEqual(ps[0].Languages, []string{"kk"}) || !reflect.DeepEqual(ps[1].Languages, []string{"kk", "ru"}) ||
			ps[1].Title["ru"] != "Специалист по работе с молодежью" {
			t.Errorf("professions of the merged standard: %+v", ps)
		}
		if ru, _, _ := s.Professions(ctx, kasip.ProfessionFilter{Language: "ru"}); len(ru) != 1 || ru[0].Card != 1 {
			t.Errorf("Russian professions after the merge: %+v", ru)
		}

		c := counts(t, s)
		if c != (kasip.Counts{Standards: 2, Versions: 3, Professions: 3}) {
			t.Errorf("counts %+v", c)
		}
	})
}

func TestImportHTMLEditionUpdates(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importPath(t, s, seedYouth, kasip.ImportNew)
		// The HTML of seed 004 reads into the same content as its text: the
		// same standard again, unchanged, and the stored document stays.
		importPath(t, s, youthHTML, kasip.ImportUnchanged)
		if f, err := s.Source(context.Background(), "M84120", "1", 0); err != nil || f.Format != read.FormatText {
			t.Fatalf("after the same content in HTML: source %v, %v", f.Format, err)
		}
		// A corrected HTML edition (same version and language, other
		// content) replaces it.
		st, files := htmlCorrection(t)
		mustImport(t, s, st, files, kasip.ImportUpdated)
		f, err := s.Source(context.Background(), "M84120", "1", 0)
		if err != nil {
			t.Fatal(err)
		}
		if f.Format != read.FormatHTML {
			t.Errorf("source format %s, want %s", f.Format, read.FormatHTML)
		}
		if c := counts(t, s); c != (kasip.Counts{Standards: 1, Versions: 1, Professions: 2}) {
			t.Errorf("counts %+v", c)
		}
	})
}

// TestUpdateKeepsOtherLanguage: re-importing the Kazakh document of a
// Kazakh+Russian standard replaces the Kazakh part and keeps the Russian.
func TestUpdateKeepsOtherLanguage(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importPath(t, s, seedYouth, kasip.ImportNew)
		importPath(t, s, youthRU, kasip.ImportMerged)
		importPath(t, s, youthHTML, kasip.ImportUpdated)
		st, err := s.Standard(ctx, "M84120", "1")
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(st.Languages, ",") != "kk,ru" || st.Title["ru"] == "" || st.Title["kk"] == "" {
			t.Fatalf("languages %v, title %v", st.Languages, st.Title)
		}
		var formats []string
		for _, src := range st.Sources {
			formats = append(formats, src.Format+"/"+src.Language)
		}
		if strings.Join(formats, ",") != "kz-html/kk,kz-text/ru" {
			t.Errorf("sources %v: want the new Kazakh HTML and the kept Russian text", formats)
		}
		for i := range st.Sources {
			f, err := s.Source(ctx, "M84120", "1", i)
			if err != nil || len(f.Data) == 0 {
				t.Errorf("source %d: %v", i, err)
			}
		}
		if c := st.Cards[1].Functions[0].Title; c["ru"] == "" || c["kk"] == "" {
			t.Errorf("card 2 function 1 title not bilingual: %v", c)
		}
	})
}

func TestImportInvalid(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, files := doc(t, seedHotel)
		st.Code = "  "
		if _, err := s.Import(ctx, st, files); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("empty code: %v, want ErrInvalid", err)
		}
		if _, err := s.Import(ctx, nil, nil); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("nil standard: %v, want ErrInvalid", err)
		}
		st, files = doc(t, seedHotel)
		files[0].SHA256 = strings.Repeat("0", 64)
		if _, err := s.Import(ctx, st, files); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("wrong SHA-256: %v, want ErrInvalid", err)
		}
		if c := counts(t, s); c != (kasip.Counts{}) {
			t.Errorf("counts %+v after rejected imports", c)
		}
	})
}

// A standard without a file is compared by its content.
func TestImportWithoutFiles(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		st, _ := doc(t, seedHotel)
		st.Sources = nil
		mustImport(t, s, st, nil, kasip.ImportNew)
		mustImport(t, s, st, nil, kasip.ImportUnchanged)
		st.Title["kk"] = "Басқа"
		mustImport(t, s, st, nil, kasip.ImportUpdated)
		if _, err := s.Source(context.Background(), st.Code, "", 0); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("source of a standard imported without files: %v, want ErrNotFound", err)
		}
	})
}

func TestImportDoesNotChangeCaller(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importPath(t, s, seedYouth, kasip.ImportNew)
		ru, files := doc(t, youthRU)
		before := mustJSON(ru)
		mustImport(t, s, ru, files, kasip.ImportMerged)
		if mustJSON(ru) != before {
			t.Error("Import changed the standard it was given")
		}
	})
}

func TestVersionsAndLatest(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importPath(t, s, seedHotel, kasip.ImportNew)
		for _, v := range []string{"10", "3"} {
			st, files := variant(t, seedHotel, "v"+v, func(st *kasip.Standard) {
				st.Technical.Version = v
				st.Cards[0].Level = 7
			})
			mustImport(t, s, st, files, kasip.ImportNewVersion)
		}
		vs, err := s.Versions(ctx, "I55101015")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range vs {
			got = append(got, v.Version)
			if len(v.Sources) != 1 || v.ImportedAt.IsZero() || v.Year != 2022 || !reflect.DeepEqual(v.Languages, []string{"kk"}) {
				t.Errorf("version %s: %+v", v.Version, v)
			}
		}
		if !reflect.DeepEqual(got, []string{"2", "3", "10"}) {
			t.Errorf("versions %v, want 2 3 10 (numeric order)", got)
		}
		latest, err := s.Standard(ctx, "I55101015", "")
		if err != nil {
			t.Fatal(err)
		}
		if latest.VersionKey() != "10" {
			t.Errorf("latest version %s, want 10", latest.VersionKey())
		}
		old, err := s.Standard(ctx, "I55101015", "2")
		if err != nil {
			t.Fatal(err)
		}
		if old.Cards[0].Level != 6 {
			t.Errorf("version 2 was changed: level %d", old.Cards[0].Level)
		}
		// The original file of the old version is kept as it was.
		orig, _ := doc(t, seedHotel)
		f, err := s.Source(ctx, "I55101015", "2", 0)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := os.ReadFile(seedHotel)
		if f.SHA256 != orig.Sources[0].SHA256 || string(f.Data) != string(want) || f.Format != read.FormatText {
			t.Errorf("source of version 2: %s %s %d bytes", f.Name, f.SHA256, len(f.Data))
		}
		// The register shows the latest version's cards.
		ps, total, err := s.Professions(ctx, kasip.ProfessionFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if total != 1 || ps[0].StandardVersion != "10" || ps[0].Level != 7 {
			t.Errorf("professions %d %+v, want one of version 10 at level 7", total, ps)
		}
		sum, _, err := s.ListStandards(ctx, kasip.StandardFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(sum) != 1 || sum[0].Version != "10" || sum[0].Versions != 3 {
			t.Errorf("list %+v, want version 10 of 3", sum)
		}
		if c := counts(t, s); c != (kasip.Counts{Standards: 1, Versions: 3, Professions: 1}) {
			t.Errorf("counts %+v", c)
		}
	})
}

func TestLatestTieBreaks(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importPath(t, s, seedHotel, kasip.ImportNew) // version "2", 2022
		// "2.0" is numerically the same version as "2": the later year wins.
		st, files := variant(t, seedHotel, "2.0", func(st *kasip.Standard) {
			st.Technical.Version = "2.0"
			st.Technical.Year = 2021
		})
		mustImport(t, s, st, files, kasip.ImportNewVersion)
		got, err := s.Standard(ctx, "I55101015", "")
		if err != nil {
			t.Fatal(err)
		}
		if got.VersionKey() != "2" {
			t.Errorf("latest %s, want 2 (year 2022 beats 2021)", got.VersionKey())
		}
		// Same version number and year: the later import wins.
		st, files = variant(t, seedHotel, "2.00", func(st *kasip.Standard) { st.Technical.Version = "2.00" })
		mustImport(t, s, st, files, kasip.ImportNewVersion)
		if got, _ = s.Standard(ctx, "I55101015", ""); got.VersionKey() != "2.00" {
			t.Errorf("latest %s, want 2.00 (imported last)", got.VersionKey())
		}
	})
}

func TestCompareVersions(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"1", "2", -1}, {"2", "10", -1}, {"10", "9", 1}, {"1", "1.1", -1}, {"1.10", "1.9", 1},
		{"2", "2", 0}, {"2.0", "2", 0}, {"2", "2.0.1", -1}, {"2.x", "2", 1}, {"a", "1", 1}, {"a", "b", -1},
	} {
		if got := compareVersions(c.a, c.b); got != c.want {
			t.Errorf("compareVersions(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func codesOf(ss []kasip.StandardSummary) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Code)
	}
	return out
}

func TestListStandards(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importAll(t, s)
		yes, no := true, false
		all := []string{"06.001", "06.037", "25.005", "I55101015", "M84120", "X00000001"}
		for _, c := range []struct {
			name string
			f    kasip.StandardFilter
			want []string
		}{
			{"all", kasip.StandardFilter{}, all},
			{"code desc", kasip.StandardFilter{Sort: "-code"}, []string{"X00000001", "M84120", "I55101015", "25.005", "06.037", "06.001"}},
			{"code query", kasip.StandardFilter{Query: "06.0"}, []string{"06.001", "06.037"}},
			{"title query ru", kasip.StandardFilter{Query: "ПРОГРАММИСТ"}, []string{"06.001", "25.005"}},
			{"title query kk", kasip.StandardFilter{Query: "жастар саясаты"}, []string{"M84120"}},
			{"wildcards are literal", kasip.StandardFilter{Query: "%"}, nil},
			{"language ru", kasip.StandardFilter{Language: "ru"}, []string{"06.001", "06.037", "25.005"}},
			{"family kz", kasip.StandardFilter{Family: "kz"}, []string{"I55101015", "M84120", "X00000001"}},
			{"generated", kasip.StandardFilter{Generated: &yes}, []string{"X00000001"}},
			{"not generated", kasip.StandardFilter{Generated: &no, Family: "kz"}, []string{"I55101015", "M84120"}},
			{"review before", kasip.StandardFilter{ReviewBefore: "2026-01-01"}, []string{"I55101015"}},
			{"review before inclusive", kasip.StandardFilter{ReviewBefore: "2026-11-05"}, []string{"I55101015", "M84120"}},
			{"sort review", kasip.StandardFilter{Sort: "review", Family: "kz"}, []string{"I55101015", "M84120", "X00000001"}},
			{"sort review desc, undated last", kasip.StandardFilter{Sort: "-review", Family: "kz"}, []string{"M84120", "I55101015", "X00000001"}},
			{"sort imported desc", kasip.StandardFilter{Sort: "-imported"}, []string{"X00000001", "25.005", "06.037", "06.001", "M84120", "I55101015"}},
			{"sort imported", kasip.StandardFilter{Sort: "imported", Limit: 2}, []string{"I55101015", "M84120"}},
			// Code-point order of the lower-cased best title: и, м, п, с, қ
			// (U+0438, U+043C, U+043F, U+0441, U+049B); equal titles by code.
			{"sort title", kasip.StandardFilter{Sort: "title"}, []string{"25.005", "M84120", "06.001", "06.037", "I55101015", "X00000001"}},
		} {
			got, total, err := s.ListStandards(ctx, c.f)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if !reflect.DeepEqual(codesOf(got), c.want) {
				t.Errorf("%s: %v, want %v", c.name, codesOf(got), c.want)
			}
			wantTotal := len(c.want)
			if c.f.Limit > 0 {
				wantTotal = len(all)
			}
			if total != wantTotal {
				t.Errorf("%s: total %d, want %d", c.name, total, wantTotal)
			}
		}

		// Pagination: pages add up to the whole list, each with the total.
		var paged []string
		for off := 0; off < 8; off += 4 {
			got, total, err := s.ListStandards(ctx, kasip.StandardFilter{Limit: 4, Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			if total != 6 {
				t.Errorf("offset %d: total %d", off, total)
			}
			paged = append(paged, codesOf(got)...)
		}
		if !reflect.DeepEqual(paged, all) {
			t.Errorf("pages %v", paged)
		}
		got, total, err := s.ListStandards(ctx, kasip.StandardFilter{Limit: 4, Offset: 100, Language: "ru"})
		if err != nil || len(got) != 0 || total != 3 {
			t.Errorf("page past the end: %v %d %v, want none of 3", codesOf(got), total, err)
		}

		// A summary row.
		got, _, _ = s.ListStandards(ctx, kasip.StandardFilter{Query: "I55101015"})
		if len(got) != 1 {
			t.Fatalf("summary: %v", got)
		}
		r := got[0]
		if r.Version != "2" || r.Year != 2022 || r.Family != "kz" || r.Cards != 1 || r.ReviewDate != "2025-12-06" ||
			r.Versions != 1 || r.Generated || !reflect.DeepEqual(r.Languages, []string{"kk"}) ||
			!strings.HasPrefix(r.Title["kk"], "Қонақтармен") || r.ImportedAt.IsZero() {
			t.Errorf("summary %+v", r)
		}

		for _, f := range []kasip.StandardFilter{{Sort: "size"}, {ReviewBefore: "soon"}, {Limit: -1}} {
			if _, _, err := s.ListStandards(ctx, f); !errors.Is(err, kasip.ErrInvalid) {
				t.Errorf("filter %+v: %v, want ErrInvalid", f, err)
			}
		}
	})
}

func TestKazakhQuery(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importAll(t, s)
		got, _, err := s.ListStandards(ctx, kasip.StandardFilter{Query: "ҚОНАҚ", Generated: new(false)})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !strings.HasPrefix(got[0].Title["kk"], "Қонақтармен") {
			t.Errorf("ҚОНАҚ found %v", codesOf(got))
		}
		ps, total, err := s.Professions(ctx, kasip.ProfessionFilter{Query: "ҚОНАҚТАРМЕН БАЙЛАНЫС"})
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || ps[0].Title["kk"] != "Қонақтармен байланыс менеджері" {
			t.Errorf("professions for ҚОНАҚТАРМЕН: %d %+v", total, ps)
		}
		// Өзара: a Kazakh letter outside Russian.
		if got, _, _ := s.ListStandards(ctx, kasip.StandardFilter{Query: "ӨЗАРА ӘРЕКЕТТЕСТІК"}); len(got) != 2 {
			t.Errorf("ӨЗАРА ӘРЕКЕТТЕСТІК found %v", codesOf(got))
		}
	})
}

func TestProfessions(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importAll(t, s)
		key := func(p kasip.Profession) string { return fmt.Sprintf("%s/%d", p.StandardCode, p.Card) }
		for _, c := range []struct {
			name string
			f    kasip.ProfessionFilter
			want []string
		}{
			{"level 6", kasip.ProfessionFilter{Level: 6}, []string{"06.001/3", "06.037/2", "25.005/0", "I55101015/0", "M84120/0", "X00000001/0"}},
			{"section I", kasip.ProfessionFilter{OKEDSection: "I"}, []string{"I55101015/0", "X00000001/0"}},
			{"section i", kasip.ProfessionFilter{OKEDSection: "i"}, []string{"I55101015/0", "X00000001/0"}},
			// Seed 004 names section M; its division 84 is section O.
			{"section M as named", kasip.ProfessionFilter{OKEDSection: "M"}, []string{"M84120/0", "M84120/1"}},
			{"section O by division", kasip.ProfessionFilter{OKEDSection: "O"}, []string{"M84120/0", "M84120/1"}},
			// The register XML names classes only (62.0, 63.11, 61.10…).
			{"section J", kasip.ProfessionFilter{OKEDSection: "J", Level: 5}, []string{"06.001/2", "06.037/0", "06.037/1"}},
			{"code prefix", kasip.ProfessionFilter{CodePrefix: "3412"}, []string{"M84120/1"}},
			{"code prefix 213", kasip.ProfessionFilter{CodePrefix: "213"}, []string{"06.001/0", "06.001/1", "06.001/2", "06.001/3"}},
			{"code prefix 2519", kasip.ProfessionFilter{CodePrefix: "2519"}, []string{"06.037/3"}},
			{"language kk", kasip.ProfessionFilter{Language: "kk"}, []string{"I55101015/0", "M84120/0", "M84120/1", "X00000001/0"}},
			{"language ru, level 7", kasip.ProfessionFilter{Language: "ru", Level: 7}, []string{"06.037/3", "25.005/1"}},
			{"query", kasip.ProfessionFilter{Query: "рефакторинг"}, []string{"06.001/1"}},
			{"query by standard code", kasip.ProfessionFilter{Query: "25.005"}, []string{"25.005/0", "25.005/1"}},
			{"recognition", kasip.ProfessionFilter{Recognition: kasip.RecognitionMandatory}, nil},
		} {
			got, total, err := s.Professions(ctx, c.f)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			var keys []string
			for _, p := range got {
				keys = append(keys, key(p))
			}
			if !reflect.DeepEqual(keys, c.want) || total != len(c.want) {
				t.Errorf("%s: %v (total %d), want %v", c.name, keys, total, c.want)
			}
		}

		all, total, err := s.Professions(ctx, kasip.ProfessionFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if total != 14 || len(all) != 14 {
			t.Errorf("all professions: %d of %d, want 14", len(all), total)
		}
		page, total, err := s.Professions(ctx, kasip.ProfessionFilter{Limit: 5, Offset: 10})
		if err != nil || total != 14 || len(page) != 4 || page[0].ID != all[10].ID {
			t.Errorf("last page: %d rows of %d, %v", len(page), total, err)
		}

		p, err := s.Profession(ctx, all[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p, all[0]) {
			t.Errorf("Profession(%d) = %+v, want %+v", p.ID, p, all[0])
		}
		if p.StandardCode != "06.001" || p.StandardVersion != "1" || p.StandardTitle["ru"] != "Программист" ||
			p.Title["ru"] != "Разработка и отладка программного кода" || p.Level != 3 ||
			!reflect.DeepEqual(p.Codes, []string{"2132"}) || !reflect.DeepEqual(p.OKEDSections, []string{"J"}) ||
			!reflect.DeepEqual(p.Languages, []string{"ru"}) || p.Recognition != kasip.RecognitionVoluntary || p.Generated {
			t.Errorf("profession %+v", p)
		}
		gen, _, _ := s.Professions(ctx, kasip.ProfessionFilter{Query: "x00000001"})
		if len(gen) != 1 || !gen[0].Generated {
			t.Errorf("generated profession %+v", gen)
		}

		if _, err := s.Profession(ctx, 1<<40); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("unknown profession: %v", err)
		}
		for _, f := range []kasip.ProfessionFilter{{Level: 9}, {Recognition: "sometimes"}, {Offset: -1}} {
			if _, _, err := s.Professions(ctx, f); !errors.Is(err, kasip.ErrInvalid) {
				t.Errorf("filter %+v: %v, want ErrInvalid", f, err)
			}
		}
	})
}

func TestRecognitionSurvivesReimport(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importPath(t, s, seedYouth, kasip.ImportNew)
		ps, _, err := s.Professions(ctx, kasip.ProfessionFilter{})
		if err != nil || len(ps) != 2 {
			t.Fatalf("professions %v %v", ps, err)
		}
		id := ps[1].ID
		if err := s.SetRecognition(ctx, id, kasip.RecognitionMandatory); err != nil {
			t.Fatal(err)
		}
		check := func(when string) {
			t.Helper()
			p, err := s.Profession(ctx, id)
			if err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			if p.Recognition != kasip.RecognitionMandatory || p.Card != 1 {
				t.Errorf("%s: profession %+v, want card 1 mandatory", when, p)
			}
			other, _ := s.Profession(ctx, ps[0].ID)
			if other.Recognition != kasip.RecognitionVoluntary {
				t.Errorf("%s: card 0 is %s", when, other.Recognition)
			}
			got, total, _ := s.Professions(ctx, kasip.ProfessionFilter{Recognition: kasip.RecognitionMandatory})
			if total != 1 || got[0].ID != id {
				t.Errorf("%s: mandatory professions %+v", when, got)
			}
		}
		check("set")
		st, files := htmlCorrection(t)
		mustImport(t, s, st, files, kasip.ImportUpdated)
		check("after an update")
		importPath(t, s, youthRU, kasip.ImportMerged)
		check("after a merge")
		st, files = variant(t, seedYouth, "v2", func(st *kasip.Standard) { st.Technical.Version = "2" })
		mustImport(t, s, st, files, kasip.ImportNewVersion)
		check("after a new version")
		p, _ := s.Profession(ctx, id)
		if p.StandardVersion != "2" {
			t.Errorf("profession of version %s, want 2", p.StandardVersion)
		}

		// A version with one card fewer drops that profession.
		st, files = variant(t, seedYouth, "v3", func(st *kasip.Standard) {
			st.Technical.Version = "3"
			st.Cards = st.Cards[:1]
		})
		mustImport(t, s, st, files, kasip.ImportNewVersion)
		if _, err := s.Profession(ctx, id); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("card removed in version 3: %v, want ErrNotFound", err)
		}
		if c := counts(t, s); c.Professions != 1 {
			t.Errorf("professions %d, want 1", c.Professions)
		}

		if err := s.SetRecognition(ctx, ps[0].ID, "sometimes"); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("bad mode: %v, want ErrInvalid", err)
		}
		if err := s.SetRecognition(ctx, 1<<40, kasip.RecognitionVoluntary); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("unknown profession: %v, want ErrNotFound", err)
		}
	})
}

func TestNotFound(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importPath(t, s, seedHotel, kasip.ImportNew)
		for name, err := range map[string]error{
			"standard":         second(s.Standard(ctx, "nope", "")),
			"version":          second(s.Standard(ctx, "I55101015", "99")),
			"versions":         second(s.Versions(ctx, "nope")),
			"source index":     second(s.Source(ctx, "I55101015", "", 5)),
			"source version":   second(s.Source(ctx, "I55101015", "1", 0)),
			"source of nobody": second(s.Source(ctx, "nope", "", 0)),
		} {
			if !errors.Is(err, kasip.ErrNotFound) {
				t.Errorf("%s: %v, want ErrNotFound", name, err)
			}
		}
	})
}

func second[T any](_ T, err error) error { return err }

func TestOKEDTree(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		importAll(t, s)
		roots, err := s.OKED(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		var walk func(ns []*kasip.OKEDNode, depth int)
		walk = func(ns []*kasip.OKEDNode, depth int) {
			for _, n := range ns {
				lines = append(lines, strings.Repeat("  ", depth)+n.Code+" "+n.Level)
				walk(n.Children, depth+1)
			}
		}
		walk(roots, 0)
		want := []string{
			"I section",
			"  55 division",
			"    55.1 group",
			"      55.10 class",
			"        55.10.1 subclass",
			"        55.10.2 subclass",
			"        55.10.3 subclass",
			"J section", // named by no standard: added for the tree
			"  61.10 class",
			"  61.20 class",
			"  62.0 group",
			"  63.11 class",
			"M section",
			"O section",
			"  84 division",
			"    84.1 group",
			"      84.12 class",
			"        84.12.0 subclass",
		}
		if !reflect.DeepEqual(lines, want) {
			t.Errorf("OKED tree:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
		if len(roots) > 0 && !strings.HasPrefix(roots[0].Title["kk"], "Тұру және тамақтану") {
			t.Errorf("section I title %v", roots[0].Title)
		}
		if len(roots) > 1 && !strings.HasPrefix(roots[1].Children[2].Title["ru"], "Разработка компьютерного") {
			t.Errorf("62.0 title %v", roots[1].Children[2].Title)
		}
	})
}

// snapshot is every row of every table, for comparing a database before
// and after a failed import.
func snapshot(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT * FROM schema_migrations ORDER BY version",
		"SELECT * FROM standards ORDER BY id",
		"SELECT * FROM sources ORDER BY standard_id, idx",
		"SELECT * FROM models ORDER BY standard_id",
		"SELECT * FROM oked ORDER BY standard_id, pos",
		"SELECT * FROM professions ORDER BY id",
		"SELECT * FROM registry_state",
	} {
		rows, err := s.r.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		cols, vals := scanAll(t, rows)
		for _, row := range vals {
			for i, v := range row {
				fmt.Fprintf(&b, "%s=%v|", cols[i], v)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestAtomicFailure(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importPath(t, s, seedHotel, kasip.ImportNew)
		importPath(t, s, seedYouth, kasip.ImportNew)
		before := snapshot(t, s)
		c0 := counts(t, s)

		st, files := doc(t, xmlProg)
		st.Code = ""
		if _, err := s.Import(ctx, st, files); !errors.Is(err, kasip.ErrInvalid) {
			t.Errorf("empty code: %v, want ErrInvalid", err)
		}

		injected := errors.New("injected failure")
		for _, step := range []string{"after-standard", "before-commit"} {
			s.hook = func(name string) error {
				if name == step {
					return injected
				}
				return nil
			}
			for _, c := range []struct {
				name string
				path string
				edit func(*kasip.Standard)
			}{
				{"new", xmlProg, nil},
				{"new version", seedHotel, func(st *kasip.Standard) { st.Technical.Version = "9" }},
				{"update", seedHotel, func(st *kasip.Standard) { st.Title["kk"] = "x" }},
				{"merge", youthRU, nil},
			} {
				st, files := variant(t, c.path, c.name, c.edit)
				if _, err := s.Import(ctx, st, files); !errors.Is(err, injected) {
					t.Errorf("%s, failing %s: %v, want the injected error", c.name, step, err)
				}
			}
		}
		s.hook = nil
		if got := snapshot(t, s); got != before {
			t.Errorf("failed imports changed the database:\nbefore:\n%.2000s\nafter:\n%.2000s", before, got)
		}
		if c := counts(t, s); c != c0 {
			t.Errorf("counts %+v, want %+v", c, c0)
		}
		// And the store still works (and the snapshot sees writes).
		importPath(t, s, xmlProg, kasip.ImportNew)
		if snapshot(t, s) == before {
			t.Error("snapshot did not change after an import")
		}
	})
}

func TestConcurrentImportsAndReads(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const workers = 8
		// Read the documents once; each import works on its own copy.
		type job struct {
			st    *kasip.Standard
			files []kasip.SourceFile
		}
		jobs := make([][]job, workers)
		for i := range workers {
			code := fmt.Sprintf("C%02d", i)
			for _, v := range []string{"1", "2"} {
				st, files := variant(t, seedYouth, code+"v"+v, func(st *kasip.Standard) {
					st.Code = code
					st.Technical.Version = v
				})
				jobs[i] = append(jobs[i], job{st, files})
			}
		}
		shared, sharedFiles := doc(t, xmlProg)

		var wg sync.WaitGroup
		errs := make(chan error, workers*16)
		statuses := make(chan string, workers)
		for i := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// Everyone imports the same document: one is new.
				res, err := s.Import(ctx, shared, sharedFiles)
				if err != nil {
					errs <- err
					return
				}
				statuses <- res.Status
				for _, j := range jobs[i] {
					if _, err := s.Import(ctx, j.st, j.files); err != nil {
						errs <- err
						return
					}
					if _, _, err := s.ListStandards(ctx, kasip.StandardFilter{Query: "жастар", Limit: 3}); err != nil {
						errs <- err
					}
					if _, _, err := s.Professions(ctx, kasip.ProfessionFilter{Level: 5}); err != nil {
						errs <- err
					}
					if _, err := s.Standard(ctx, j.st.Code, ""); err != nil {
						errs <- err
					}
					if _, err := s.OKED(ctx); err != nil {
						errs <- err
					}
					if _, err := s.Counts(ctx); err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		close(statuses)
		for err := range errs {
			t.Error(err)
		}
		var got []string
		for st := range statuses {
			got = append(got, st)
		}
		sort.Strings(got)
		want := append([]string{kasip.ImportNew}, strings.Split(strings.Repeat(kasip.ImportUnchanged+" ", workers-1), " ")[:workers-1]...)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("statuses of one document imported %d times at once: %v", workers, got)
		}
		if c := counts(t, s); c != (kasip.Counts{Standards: workers + 1, Versions: 2*workers + 1, Professions: 2*workers + 4}) {
			t.Errorf("counts %+v", c)
		}
		for i := range workers {
			st, err := s.Standard(ctx, fmt.Sprintf("C%02d", i), "")
			if err != nil || st.VersionKey() != "2" {
				t.Errorf("C%02d: latest %v %v", i, st, err)
			}
		}
	})
}

// Two stores on one database stand for two kasip processes: an import
// through one is visible through the other, and opening both at once
// migrates once.
func TestTwoStoresOneDatabase(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			dsn := b.dsn(t)
			stores := make([]*Store, 2)
			errs := make([]error, 2)
			var wg sync.WaitGroup
			for i := range stores {
				wg.Add(1)
				go func() {
					defer wg.Done()
					stores[i], errs[i] = Open(ctx, dsn)
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("open %d: %v", i, err)
				}
				t.Cleanup(func() { stores[i].Close() })
			}
			a, c := stores[0], stores[1]

			// The second store caches the (empty) OKED tree; an import through
			// the first must show in it.
			if tree, err := c.OKED(ctx); err != nil || len(tree) != 0 {
				t.Fatalf("OKED of an empty registry: %v %v", tree, err)
			}
			importPath(t, a, seedHotel, kasip.ImportNew)
			tree, err := c.OKED(ctx)
			if err != nil || len(tree) != 1 || tree[0].Code != "I" {
				t.Fatalf("OKED after an import through the other store: %v %v", tree, err)
			}
			tree[0].Children = nil // a caller's change does not reach the cache
			if tree, _ = c.OKED(ctx); len(tree) != 1 || len(tree[0].Children) != 1 {
				t.Errorf("cached OKED tree was changed through a result: %+v", tree)
			}
			got, err := c.Standard(ctx, "I55101015", "")
			if err != nil {
				t.Fatalf("the other store: %v", err)
			}
			if got.VersionKey() != "2" {
				t.Errorf("the other store sees version %s", got.VersionKey())
			}
			importPath(t, c, seedHotel, kasip.ImportUnchanged)
			importPath(t, c, xmlProg, kasip.ImportNew)
			if n := counts(t, a); n.Standards != 2 || n.Professions != 5 {
				t.Errorf("first store counts %+v", n)
			}
			ps, _, err := a.Professions(ctx, kasip.ProfessionFilter{CodePrefix: "4224"})
			if err != nil || len(ps) != 1 {
				t.Fatalf("professions %v %v", ps, err)
			}
			if err := c.SetRecognition(ctx, ps[0].ID, kasip.RecognitionMandatory); err != nil {
				t.Fatal(err)
			}
			if p, _ := a.Profession(ctx, ps[0].ID); p.Recognition != kasip.RecognitionMandatory {
				t.Errorf("recognition set through the other store: %s", p.Recognition)
			}
			var n int
			ms, _ := loadMigrations("migrations/" + a.d.name)
			if err := a.r.QueryRow("SELECT COUNT(*) FROM schema_migrations").Scan(&n); err != nil || n != len(ms) {
				t.Errorf("schema_migrations rows %d %v, want %d", n, err, len(ms))
			}
		})
	}
}

func TestReopen(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			s, err := Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			importPath(t, s, seedHotel, kasip.ImportNew)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s = openStore(t, dsn)
			if err := s.Ping(context.Background()); err != nil {
				t.Fatal(err)
			}
			importPath(t, s, seedHotel, kasip.ImportUnchanged)
			if s.Dialect() != b.name {
				t.Errorf("dialect %s", s.Dialect())
			}
		})
	}
}

func TestRebind(t *testing.T) {
	got := postgresDialect.rebind(`SELECT a FROM t WHERE b = ? AND c LIKE ? ESCAPE '\' AND d = '?' AND e IN (?, ?)`)
	want := `SELECT a FROM t WHERE b = $1 AND c LIKE $2 ESCAPE '\' AND d = '?' AND e IN ($3, $4)`
	if got != want {
		t.Errorf("rebind:\n%s\nwant\n%s", got, want)
	}
}

// scanAll reads every row of rows, []byte values as strings, and closes
// it.
func scanAll(t *testing.T, rows *sql.Rows) (cols []string, out [][]any) {
	t.Helper()
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if bs, ok := v.([]byte); ok {
				vals[i] = string(bs)
			}
		}
		out = append(out, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return cols, out
}
