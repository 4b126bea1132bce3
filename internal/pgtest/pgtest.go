// Package pgtest gives tests a fresh PostgreSQL database on the server
// named by KASIP_TEST_POSTGRES. Without it a test skips, saying why — or
// fails when KASIP_REQUIRE_ALL=1, as in CI, where nothing may be skipped.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// Admin returns the DSN of KASIP_TEST_POSTGRES: a server where the user may
// create databases. It skips or fails t when the variable is empty.
func Admin(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("KASIP_TEST_POSTGRES")
	if admin == "" {
		if os.Getenv("KASIP_REQUIRE_ALL") == "1" {
			t.Fatal("KASIP_TEST_POSTGRES is empty but KASIP_REQUIRE_ALL=1: the PostgreSQL backend must be tested")
		}
		t.Skip("PostgreSQL not tested: set KASIP_TEST_POSTGRES to a DSN, e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable")
	}
	return admin
}

// Fresh creates an empty database for one test on the server of
// KASIP_TEST_POSTGRES, drops it when the test ends, and returns its DSN.
func Fresh(t testing.TB) string {
	t.Helper()
	return FreshOn(t, Admin(t))
}

// FreshOn is Fresh on the server of admin. The database is created with a
// UTF-8 LC_CTYPE: under the C locale PostgreSQL does not lower-case
// Cyrillic (the store lower-cases in Go, but a test database should look
// like a production one).
func FreshOn(t testing.TB, admin string) string {
	t.Helper()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "kasip_test_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("open %s: %v", admin, err)
	}
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name+" ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8' TEMPLATE template0"); err != nil {
		db.Close()
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		// Registered before the caller's store is opened, so it runs after
		// the store's Close; FORCE ends any connection a failed test left.
		if _, err := db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("parse %s: %v", admin, err)
	}
	u.Path = "/" + name
	return u.String()
}
