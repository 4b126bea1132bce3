package store

import (
	"context"
	"errors"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/demo"
)

// genFile is how serve --demo stores a generated standard: its document.
// A test that edits a generated standard drops its sources: the store
// describes the file itself.
func genFile(st *kasip.Standard) []kasip.SourceFile {
	f := kasip.SourceFile{Name: st.Code + "-v" + st.VersionKey() + ".json", Format: "kasip-json", Data: demo.Document(st)}
	if len(st.Sources) > 0 {
		f.SHA256 = st.Sources[0].SHA256
	}
	return []kasip.SourceFile{f}
}

// TestRealImportOutranksGenerated: a registry loaded as the old demo did
// (generated versions under the code of a real standard, here 06.037, as
// the old generator gave 06.001's variants 06.002…) gets the real document:
// it is imported as new, and is current in the list, the page, professions
// and search; generated data offered under that code afterwards is refused.
func TestRealImportOutranksGenerated(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		base, _ := doc(t, xmlProg)
		real, files := doc(t, xmlNetwork)
		code := real.Code
		gens := demo.Generate([]*kasip.Standard{base}, 6, 1)
		n := 0
		for _, g := range gens {
			if n > 0 && g.Code != gens[0].Code {
				break
			}
			g.Code = code // the old demo's shape: a real code
			g.Technical.Version = "9" + g.Technical.Version
			g.Sources = nil
			want := kasip.ImportNew
			if n > 0 {
				want = kasip.ImportNewVersion
			}
			mustImport(t, s, g, genFile(g), want)
			n++
		}
		res := mustImport(t, s, real, files, kasip.ImportNew)
		if res.Code != code {
			t.Fatalf("imported as %s, want %s", res.Code, code)
		}
		rows, _, err := s.ListStandards(ctx, kasip.StandardFilter{Query: code})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Generated || rows[0].Version != real.VersionKey() {
			t.Fatalf("list of %s: %+v", code, rows)
		}
		page, err := s.Standard(ctx, code, "")
		if err != nil || page.Generated || page.VersionKey() != real.VersionKey() {
			t.Fatalf("page of %s: generated %v, version %q, %v", code, page != nil && page.Generated, page.VersionKey(), err)
		}
		ps, _, err := s.Professions(ctx, kasip.ProfessionFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		cards := 0
		for _, p := range ps {
			if p.StandardCode == code {
				cards++
				if p.Generated || p.StandardVersion != real.VersionKey() {
					t.Errorf("profession %+v: not the real standard's", p)
				}
			}
		}
		if cards != len(real.Cards) {
			t.Errorf("%d professions of %s, want %d", cards, code, len(real.Cards))
		}
		res2, err := s.Search(ctx, kasip.SearchQuery{Text: "сеть", Standard: code, AllVersions: true, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(res2.Hits) == 0 {
			t.Fatalf("no search hits in %s", code)
		}
		for _, h := range res2.Hits {
			if h.Generated || h.Version != real.VersionKey() {
				t.Errorf("search hit of generated data: %+v", h)
			}
		}
		g := gens[0]
		g.Code = code
		g.Technical.Version = "99"
		g.Sources = nil
		if _, err := s.Import(ctx, g, genFile(g)); !errors.Is(err, ErrRealCode) {
			t.Errorf("generated data under a real code: %v, want ErrRealCode", err)
		}
	})
}

// TestGeneratedFilterAndFolding: with the demo's variants loaded, search
// ranks real items first and folds a variant's repeated items into one hit
// with a variant count; generated=false (exclude) leaves generated data out
// of search and lists, generated=true keeps only it.
func TestGeneratedFilterAndFolding(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		var base []*kasip.Standard
		for _, p := range []string{seedHotel, seedYouth} {
			st, _ := doc(t, p)
			base = append(base, st)
			importPath(t, s, p, kasip.ImportNew)
		}
		for _, g := range demo.Generate(base, 20, 2026) {
			if _, err := s.Import(ctx, g, genFile(g)); err != nil {
				t.Fatalf("import %s: %v", g.Code, err)
			}
		}
		res, err := s.Search(ctx, kasip.SearchQuery{Text: "жұмыс", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		gen, variants := false, 0
		for _, h := range res.Hits {
			if h.Generated {
				gen = true
			} else if gen {
				t.Errorf("real hit %s %s after a generated one", h.Code, h.Path)
			}
			k := h.Kind + "\x00" + h.Text
			if seen[k] && h.Generated {
				t.Errorf("generated hit %s %s repeats an earlier hit's text", h.Code, h.Path)
			}
			seen[k] = true
			variants += h.Variants
		}
		if variants == 0 {
			t.Error("no variants folded")
		}
		for _, v := range []bool{false, true} {
			r, err := s.Search(ctx, kasip.SearchQuery{Text: "жұмыс", Generated: new(v), Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Hits) == 0 {
				t.Fatalf("generated=%v: no hits", v)
			}
			for _, h := range r.Hits {
				if h.Generated != v {
					t.Errorf("generated=%v: hit %s %s", v, h.Code, h.Path)
				}
			}
			ps, _, err := s.Professions(ctx, kasip.ProfessionFilter{Generated: new(v), Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) == 0 {
				t.Fatalf("generated=%v: no professions", v)
			}
			for _, p := range ps {
				if p.Generated != v || demo.IsDemoCode(p.StandardCode) != v {
					t.Errorf("generated=%v: profession %s", v, p.StandardCode)
				}
			}
		}
	})
}
