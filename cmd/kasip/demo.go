package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/demodata"
	"github.com/kasip/kasip/store"
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
	docs, err := demodata.Import(ctx, reg)
	if err != nil {
		return 0, err
	}
	n := len(docs)
	var base []*kasip.Standard
	for _, d := range docs {
		base = append(base, d.Standard)
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

var _ demo.RecognitionStore = (*store.Store)(nil)

// loadDemoRecognition adds the recognition demo (accounts, centres, a
// programme, applications) and the organisations demo (a youth centre, a
// hotel, a college, with their accounts) to the registry loadDemo has
// just filled, and prints the demo accounts' passwords to stdout in one
// block: the one time they are shown, since the database keeps only their
// hashes. The accounts made before a failure are printed too, for the
// same reason. The certificates come last: they print their addresses.
func loadDemoRecognition(ctx context.Context, reg *store.Store, stdout io.Writer, log *slog.Logger) error {
	seed, err := demo.SeedRecognition(ctx, reg, demo.SeedOptions{})
	if errors.Is(err, demo.ErrAlreadySeeded) {
		log.Info("recognition demo data not loaded: the database has the demo accounts already")
		return nil
	}
	var accounts []demo.Account
	if seed != nil {
		accounts = seed.Accounts
	}
	var ws *demo.WorkforceSeed
	if err == nil {
		log.Info("recognition demo data", "accounts", len(seed.Accounts), "applications", len(seed.Applications),
			"standard", seed.StandardCode, "card", seed.Card+1)
		if ws, err = demo.SeedWorkforce(ctx, reg, seed, demo.SeedOptions{}); ws != nil {
			accounts = append(accounts, ws.Accounts...)
		}
		if err != nil {
			err = fmt.Errorf("organisations: %w", err)
		}
	}
	if len(accounts) > 0 {
		if perr := demo.PrintAccounts(stdout, accounts); perr != nil {
			err = errors.Join(err, perr)
		}
	}
	if err != nil {
		return fmt.Errorf("recognition demo: %w", err)
	}
	log.Info("organisations demo data", "youth_centre", ws.Youth, "hotel", ws.Hotel, "college", ws.College)
	return loadDemoCertificates(ctx, reg, seed, stdout, log)
}

var _ demo.WorkforceStore = (*store.Store)(nil)

var _ demo.CertificateStore = (*store.Store)(nil)

// loadDemoCertificates issues the demo certificates (valid, revoked,
// suspended) and prints their verification addresses. Without a base URL
// (serve sets one with --demo) there is nothing to sign them for.
func loadDemoCertificates(ctx context.Context, reg *store.Store, seed *demo.RecognitionSeed, stdout io.Writer, log *slog.Logger) error {
	set, err := reg.CertificateSettings(ctx)
	if err != nil {
		return err
	}
	if set.BaseURL == "" {
		log.Info("demo certificates not issued: no base URL")
		return nil
	}
	certs, err := demo.SeedCertificates(ctx, reg, seed, demo.SeedOptions{})
	if err != nil {
		return fmt.Errorf("certificate demo: %w", err)
	}
	return demo.PrintCertificates(stdout, set.URLs(), certs)
}
