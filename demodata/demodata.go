// Package demodata bundles the real documents that `kasip serve --demo`
// loads into an empty registry: the two Kazakh seed standards, the
// Russian-language versions of both (Kasip-made translations, see
// testdata/kz/SOURCE.md) and three standards of the Russian register.
// Generated variants are made from them by package demo.
package demodata

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"
)

//go:embed kz/*.txt ru/*.xml
var files embed.FS

// Document is one bundled document, read.
type Document struct {
	Standard *kasip.Standard
	Source   kasip.SourceFile
}

// Load reads every bundled document.
func Load() ([]Document, error) {
	var out []Document
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sts, err := read.Read(path.Base(p), data, read.Options{})
		if err != nil {
			return fmt.Errorf("bundled document: %w", err)
		}
		for _, st := range sts {
			src := st.Sources[0]
			out = append(out, Document{Standard: st, Source: kasip.SourceFile{Name: src.File, Format: src.Format, SHA256: src.SHA256, Data: data}})
		}
		return nil
	})
	return out, err
}

// Import reads every bundled document into reg and returns them.
func Import(ctx context.Context, reg kasip.Registry) ([]Document, error) {
	docs, err := Load()
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if _, err := reg.Import(ctx, d.Standard, []kasip.SourceFile{d.Source}); err != nil {
			return nil, fmt.Errorf("%s: %w", d.Source.Name, err)
		}
	}
	return docs, nil
}
