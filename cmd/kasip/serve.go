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

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/store"
	"github.com/kasip/kasip/web"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", ":8080", "address to listen on")
	dsn := fs.String("db", envOr("KASIP_DB", "kasip.db"), "SQLite file path or postgres:// DSN")
	demo := fs.Bool("demo", false, "load the bundled demo data into an empty database")
	secure := fs.Bool("secure-cookies", envOr("KASIP_SECURE_COOKIES", "") == "1", "mark the session cookie Secure on plain HTTP too (behind a proxy that terminates TLS)")
	baseURL := fs.String("base-url", envOr("KASIP_BASE_URL", ""), "public address of this instance, e.g. https://kasip.kz: signed into certificates and their QR codes (--demo: http://<listen address>)")
	verifyRate := fs.Int("verify-rate", 0, "requests a minute per client address to the public certificate pages and API (0: 300, negative: no limit)")
	ipHeader := fs.String("client-ip-header", envOr("KASIP_CLIENT_IP_HEADER", ""), "header a trusted reverse proxy puts the client's address in (X-Real-IP, X-Forwarded-For), for the sign-in rate limit")
	keyFile := fs.String("issuer-key-file", envOr("KASIP_ISSUER_KEY_FILE", ""), "file of the key-encryption key that seals the issuer signing keys in the database (made by kasip keygen)")
	if err := parseFlags(fs, args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: kasip serve [--addr :8080] [--db DSN] [--demo] [--secure-cookies] [--client-ip-header NAME] [--base-url URL] [--verify-rate N] [--issuer-key-file PATH]")
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Read before the database is touched: a wrong file fails at once.
	var kek []byte
	if *keyFile != "" {
		var err error
		if kek, err = readKEKFile(*keyFile); err != nil {
			fmt.Fprintln(stderr, "kasip serve:", err)
			return 1
		}
	}
	reg, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintln(stderr, "kasip serve:", err)
		return 1
	}
	defer reg.Close()
	// Before anything can sign (the demo issues certificates), so that no
	// key is created plain when a key-encryption key is given.
	if err := sealIssuerKeys(ctx, reg, kek, log); err != nil {
		fmt.Fprintln(stderr, "kasip serve:", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "kasip serve:", err)
		return 1
	}
	defer ln.Close()
	if *demo && *baseURL == "" {
		*baseURL = "http://" + displayAddr(ln.Addr())
	}
	if err := setBaseURL(ctx, reg, *baseURL, *demo); err != nil {
		fmt.Fprintln(stderr, "kasip serve:", err)
		return 1
	}
	if *demo {
		n, err := loadDemo(ctx, reg, log)
		if err != nil {
			fmt.Fprintln(stderr, "kasip serve: demo data:", err)
			return 1
		}
		log.Info("demo data", "imported", n)
		// Only a database this start filled gets the recognition demo, so
		// its accounts and their passwords are made (and printed) once.
		if n > 0 {
			if err := loadDemoRecognition(ctx, reg, stdout, log); err != nil {
				fmt.Fprintln(stderr, "kasip serve: demo data:", err)
				return 1
			}
		}
	}
	srv, err := web.New(web.Services{
		Registry: reg, Search: reg, StandardJSON: reg, Accounts: reg, Recognition: reg, Certificates: reg, Workforce: reg,
	}, web.Options{
		AdminToken: os.Getenv("KASIP_ADMIN_TOKEN"), Logger: log,
		SecureCookies: *secure, ClientIPHeader: *ipHeader, VerifyRate: *verifyRate,
	})
	if err != nil {
		fmt.Fprintln(stderr, "kasip serve:", err)
		return 1
	}
	go sweepSessions(ctx, reg, log, time.Hour)
	return serveUntilDone(ctx, ln, srv.Handler(), log, stdout)
}

// setBaseURL stores the certificate settings' base URL when one is given
// and differs; a demo instance also marks its certificates demo.
func setBaseURL(ctx context.Context, reg *store.Store, base string, demo bool) error {
	if base == "" {
		return nil
	}
	set, err := reg.CertificateSettings(ctx)
	if err != nil {
		return err
	}
	if set.BaseURL == base && (set.Demo || !demo) {
		return nil
	}
	set.BaseURL = base
	set.Demo = set.Demo || demo
	if err := reg.SetCertificateSettings(ctx, 0, set); err != nil {
		return fmt.Errorf("--base-url: %w", err)
	}
	return nil
}

// sealIssuerKeys gives the store the key-encryption key, which seals the
// plain issuer keys in place. Without one the server still runs, as before
// sealing existed, but says once that its signing keys are readable in the
// database — or, when they are sealed, that it cannot sign.
func sealIssuerKeys(ctx context.Context, reg *store.Store, kek []byte, log *slog.Logger) error {
	if kek == nil {
		n, err := reg.SealedIssuerKeys(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			log.Warn("issuer keys are sealed but no --issuer-key-file was given: issuing certificates and signing status lists will fail", "sealed", n)
		} else {
			log.Warn("issuer keys are stored unencrypted in the database; seal them with --issuer-key-file (kasip keygen makes one)")
		}
		return nil
	}
	n, err := reg.SetIssuerKeySealer(ctx, kek)
	if err != nil {
		return err
	}
	log.Info("issuer keys sealed", "kek", store.IssuerKEKFingerprint(kek), "newly_sealed", n)
	return nil
}

// The store is the web server's account store.
var _ auth.Store = (*store.Store)(nil)

// sweepSessions deletes ended sessions every interval until ctx ends. The
// store deletes an expired session when it is presented; this removes
// those never presented again, so the table does not grow for ever. With
// several servers on one database each sweeps; the deletes are idempotent.
func sweepSessions(ctx context.Context, reg *store.Store, log *slog.Logger, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			n, err := reg.DeleteExpiredSessions(ctx, now)
			if err != nil && ctx.Err() == nil {
				log.Warn("deleting expired sessions", "err", err)
			} else if n > 0 {
				log.Info("deleted expired sessions", "n", n)
			}
		}
	}
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
