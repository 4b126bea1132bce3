package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/store"
)

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", envOr("KASIP_DB", "kasip.db"), "SQLite file path or postgres:// DSN")
	version := fs.String("version", "", "the version to export (default: the latest)")
	format := fs.String("format", "json", "output format: json")
	if err := parseFlags(fs, args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: kasip export [--db DSN] CODE [--version V] [--format json]")
		return 2
	}
	code := fs.Arg(0)
	if *format != "json" {
		fmt.Fprintf(stderr, "kasip export: unknown format %q (want json)\n", *format)
		return 2
	}
	reg, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintln(stderr, "kasip export:", err)
		return 1
	}
	defer reg.Close()
	st, err := reg.Standard(ctx, code, *version)
	if errors.Is(err, kasip.ErrNotFound) {
		fmt.Fprintf(stderr, "kasip export: no standard %s %s in the registry\n", code, *version)
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "kasip export:", err)
		return 1
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(st); err != nil {
		fmt.Fprintln(stderr, "kasip export:", err)
		return 1
	}
	return 0
}
