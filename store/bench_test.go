package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/kasip/kasip"

	"github.com/kasip/kasip/internal/pgtest"
)

// Benchmarks of the store alone, on SQLite (and PostgreSQL with
// KASIP_TEST_POSTGRES). The registry-wide figures are in docs/benchmarks.md.

// benchStore opens a fresh store of the backend with n variants of seed 004
// imported (2 cards each).
func benchStore(b *testing.B, backend string, n int) *Store {
	b.Helper()
	var dsn string
	if backend == "sqlite" {
		dsn = filepath.Join(b.TempDir(), "bench.db")
	} else {
		dsn = pgtest.Fresh(b)
	}
	s, err := Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	st, files := benchDoc(b)
	for i := range n {
		if _, err := s.Import(context.Background(), benchVariant(st, i), benchFiles(files, i)); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

func benchDoc(b *testing.B) (*kasip.Standard, []kasip.SourceFile) {
	b.Helper()
	return doc(b, seedYouth)
}

func benchVariant(st *kasip.Standard, i int) *kasip.Standard {
	c := *st
	c.Code = fmt.Sprintf("B%07d", i)
	c.Sources = nil
	return &c
}

func benchFiles(files []kasip.SourceFile, i int) []kasip.SourceFile {
	f := files[0]
	f.Data = append(append([]byte{}, f.Data...), fmt.Sprintf("\n%d\n", i)...)
	f.SHA256 = ""
	return []kasip.SourceFile{f}
}

func BenchmarkImport(b *testing.B) {
	for _, backend := range benchBackends(b) {
		b.Run(backend, func(b *testing.B) {
			s := benchStore(b, backend, 0)
			st, files := benchDoc(b)
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				if _, err := s.Import(context.Background(), benchVariant(st, i), benchFiles(files, i)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRead(b *testing.B) {
	for _, backend := range benchBackends(b) {
		for _, n := range benchSizes() {
			b.Run(fmt.Sprintf("%s/%d", backend, n), func(b *testing.B) {
				s := benchStore(b, backend, n)
				ctx := context.Background()
				b.Run("standard", func(b *testing.B) {
					for i := 0; b.Loop(); i++ {
						if _, err := s.Standard(ctx, fmt.Sprintf("B%07d", i%n), ""); err != nil {
							b.Fatal(err)
						}
					}
				})
				b.Run("list", func(b *testing.B) {
					for i := 0; b.Loop(); i++ {
						if _, _, err := s.ListStandards(ctx, kasip.StandardFilter{Limit: 20, Offset: (i * 20) % n, Sort: "title"}); err != nil {
							b.Fatal(err)
						}
					}
				})
				b.Run("list-query", func(b *testing.B) {
					for b.Loop() {
						if _, _, err := s.ListStandards(ctx, kasip.StandardFilter{Limit: 20, Query: "жастар"}); err != nil {
							b.Fatal(err)
						}
					}
				})
				b.Run("professions", func(b *testing.B) {
					for b.Loop() {
						if _, _, err := s.Professions(ctx, kasip.ProfessionFilter{Limit: 20, Level: 5}); err != nil {
							b.Fatal(err)
						}
					}
				})
				b.Run("oked", func(b *testing.B) {
					for b.Loop() {
						if _, err := s.OKED(ctx); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
		}
	}
}

func benchBackends(b *testing.B) []string {
	if os.Getenv("KASIP_TEST_POSTGRES") != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// benchSizes are the registry sizes BenchmarkRead fills; KASIP_BENCH_LARGE=1
// adds 10,000 standards (slow to fill).
func benchSizes() []int {
	if os.Getenv("KASIP_BENCH_LARGE") == "1" {
		return []int{1000, 10000}
	}
	return []int{1000}
}
