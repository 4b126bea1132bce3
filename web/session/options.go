package session

import (
	"log/slog"
	"time"

	"github.com/kasip/kasip/auth"
)

// Options configure a Server.
type Options struct {
	// AdminToken is a bearer token that acts as an administrator without
	// an account (for scripts and the first set-up); "" disables it.
	AdminToken    string
	MaxUploadSize int64        // bytes; 0 means 32 MiB
	Logger        *slog.Logger // nil means slog.Default()
	Now           func() time.Time

	// Sessions sets how long sign-ins last; zero means
	// auth.DefaultSessionPolicy.
	Sessions auth.SessionPolicy
	// PasswordParams are the argon2id costs of new password hashes; zero
	// means auth.DefaultParams. Hashes made with other parameters are
	// upgraded at the next sign-in.
	PasswordParams auth.Params
	// SecureCookies marks the session cookie Secure even on plain HTTP
	// requests: for a server behind a proxy that terminates TLS. Requests
	// that arrive over TLS always get Secure cookies.
	SecureCookies bool
	// SignInRate is how many sign-in attempts a minute are allowed per
	// client address and, separately, per login; 0 means 10, negative
	// means no limit (tests).
	SignInRate int
	// VerifyRate is how many requests a minute each client address may
	// make to the public certificate routes (verification pages, the
	// register search, credentials, PDFs, status lists); 0 means 300,
	// negative means no limit (tests, load benchmarks).
	VerifyRate int
	// VerifyConcurrency is how many verification requests run at once
	// (admitVerifications); 0 means GOMAXPROCS, negative no bound.
	VerifyConcurrency int
	// ClientIPHeader names a request header that holds the client's
	// address, set by a trusted reverse proxy (X-Real-IP, or
	// X-Forwarded-For whose last entry is used); "" means the connection's
	// address. Only set it behind such a proxy: clients can send any
	// header.
	ClientIPHeader string
}
