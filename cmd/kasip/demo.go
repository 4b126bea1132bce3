package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/demodata"
)

// demoVariants is how many generated standards --demo adds to the real ones.
const demoVariants = 40

// loadDemo imports the bundled documents and generated variants into an
// empty registry; a registry that has standards is left alone.
func loadDemo(ctx context.Context, reg kasip.Registry, log *slog.Logger) (int, error) {
	c, err := reg.Counts(ctx)
	if err != nil {
		return 0, err
	}
	if c.Standards > 0 {
		log.Info("demo data not loaded: the database already has standards", "standards", c.Standards)
		return 0, nil
	}
	docs, err := demodata.Load()
	if err != nil {
		return 0, err
	}
	n := 0
	var base []*kasip.Standard
	for _, d := range docs {
		if _, err := reg.Import(ctx, d.Standard, []kasip.SourceFile{d.Source}); err != nil {
			return n, fmt.Errorf("%s: %w", d.Source.Name, err)
		}
		base = append(base, d.Standard)
		n++
	}
	for _, st := range demo.Generate(base, demoVariants, 2026) {
		src := kasip.SourceFile{Name: st.Code + "-v" + st.VersionKey() + ".json", Format: "kasip-json", SHA256: st.Sources[0].SHA256, Data: demo.Document(st)}
		if _, err := reg.Import(ctx, st, []kasip.SourceFile{src}); err != nil {
			return n, fmt.Errorf("generated %s: %w", st.Code, err)
		}
		n++
	}
	return n, nil
}
