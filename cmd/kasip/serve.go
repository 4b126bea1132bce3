package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kasip/kasip/store"
	"github.com/kasip/kasip/web"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", ":8080", "address to listen on")
	dsn := fs.String("db", envOr("KASIP_DB", "kasip.db"), "SQLite file path or postgres:// DSN")
	demo := fs.Bool("demo", false, "load the bundled demo data into an empty database")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: kasip serve [--addr :8080] [--db DSN] [--demo]")
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	reg, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintln(stderr, "kasip serve:", err)
		return 1
	}
	defer reg.Close()
	if *demo {
		n, err := loadDemo(ctx, reg, log)
		if err != nil {
			fmt.Fprintln(stderr, "kasip serve: demo data:", err)
			return 1
		}
		log.Info("demo data", "imported", n)
	}
	srv, err := web.New(reg, web.Options{AdminToken: os.Getenv("KASIP_ADMIN_TOKEN"), Logger: log})
	if err != nil {
		fmt.Fprintln(stderr, "kasip serve:", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "kasip serve:", err)
		return 1
	}
	return serveUntilDone(ctx, ln, srv.Handler(), log, stdout)
}

// serveUntilDone serves until ctx ends (SIGTERM, SIGINT), then shuts down
// gracefully: requests in flight get 10 seconds to finish.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger, stdout io.Writer) int {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	fmt.Fprintf(stdout, "Kasip is serving on http://%s\n", displayAddr(ln.Addr()))
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		log.Error("server stopped", "err", err)
		return 1
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("shutdown", "err", err)
		return 1
	}
	return 0
}

func displayAddr(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok && t.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", t.Port)
	}
	return a.String()
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
