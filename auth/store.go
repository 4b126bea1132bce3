package auth

import (
	"context"
	"time"
)

// Store is what the web server needs of the database to sign people in and
// manage accounts: a subset of *store.Store, so that the web package does
// not depend on the store (and tests can stand in for it). Lookups that
// find nothing return an error wrapping kasip.ErrNotFound; the other
// errors are those the methods of *store.Store document (ErrInvalidToken,
// ErrDisabled, ErrLoginTaken, ErrInvalid).
//
// Actors are user IDs written to the audit log; 0 is the system (the
// server's administrator token, the command line).
type Store interface {
	// Credentials returns the user with the login (any letter case) and
	// the stored password hash.
	Credentials(ctx context.Context, login string) (User, string, error)
	// RehashPassword replaces oldHash by newHash (same password, new
	// parameters) unless the password changed meanwhile.
	RehashPassword(ctx context.Context, userID int64, oldHash, newHash string) error
	// SetPassword stores a new hash and ends the user's sessions but the
	// one whose token hash is keepSession.
	SetPassword(ctx context.Context, actor, userID int64, passwordHash, keepSession string, now time.Time) error

	// CreateSession signs a user in and returns the session's token.
	CreateSession(ctx context.Context, userID int64, userAgent string, policy SessionPolicy, now time.Time) (string, Session, error)
	// SessionPrincipal resolves a session by its token hash (HashToken).
	SessionPrincipal(ctx context.Context, tokenHash string, now time.Time) (Principal, error)
	// DeleteSession signs out; an unknown session is not an error.
	DeleteSession(ctx context.Context, tokenHash string) error

	// CreateAPIToken makes a token for the user (expires zero: never).
	CreateAPIToken(ctx context.Context, actor, userID int64, name string, expires, now time.Time) (string, APIToken, error)
	// TokenPrincipal resolves an API token by its hash (HashToken).
	TokenPrincipal(ctx context.Context, tokenHash string, now time.Time) (Principal, error)
	// RevokeAPIToken revokes one of the user's tokens.
	RevokeAPIToken(ctx context.Context, actor, userID, tokenID int64, now time.Time) error
	// ListAPITokens lists the user's tokens, revoked ones included.
	ListAPITokens(ctx context.Context, userID int64) ([]APIToken, error)

	// CreateUser stores a new account with passwordHash.
	CreateUser(ctx context.Context, actor int64, u User, passwordHash string, now time.Time) (User, error)
	// UserByID returns one account.
	UserByID(ctx context.Context, id int64) (User, error)
	// ListUsers lists the accounts f selects, by login.
	ListUsers(ctx context.Context, f UserFilter) ([]User, error)
	// DisableUser stops a user signing in, ends the sessions and revokes
	// the API tokens; EnableUser lets the user sign in again.
	DisableUser(ctx context.Context, actor, userID int64, now time.Time) error
	EnableUser(ctx context.Context, actor, userID int64, now time.Time) error
}
