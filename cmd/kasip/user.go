package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/store"
)

const userUsage = "usage: kasip user add [--db DSN] --login L --name N --role R [--centre ID] [--employer ORG] [--password-stdin]"

// cmdUser runs `kasip user add`, which creates an account from the command
// line: how the first administrator gets one. The account is created by
// the system (actor 0 in the audit log).
func cmdUser(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", envOr("KASIP_DB", "kasip.db"), "SQLite file path or postgres:// DSN")
	login := fs.String("login", "", "the login: an e-mail address or a user name")
	name := fs.String("name", "", "the display name")
	roleName := fs.String("role", "", "admin, manager, assessor, candidate or employer")
	centre := fs.Int64("centre", 0, "the recognition centre's id (manager, assessor)")
	employer := fs.String("employer", "", "the organisation's name (employer)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input (default: generate one and print it)")
	// The word add is an argument like any other: flags may come before it.
	if err := parseFlags(fs, args); err != nil {
		return 2
	}
	if fs.NArg() != 1 || fs.Arg(0) != "add" || *login == "" || *name == "" || *roleName == "" {
		fmt.Fprintln(stderr, userUsage)
		return 2
	}
	role, err := auth.ParseRole(*roleName)
	if err != nil {
		fmt.Fprintln(stderr, "kasip user add:", err)
		return 2
	}
	u := auth.User{Login: *login, Name: *name, Role: role, CentreID: *centre, Employer: *employer}
	if err := u.Validate(); err != nil {
		fmt.Fprintln(stderr, "kasip user add:", err)
		return 2
	}

	password, generated := "", !*fromStdin
	if generated {
		password = generatePassword()
	} else if password, err = readPasswordLine(stdin); err != nil {
		fmt.Fprintln(stderr, "kasip user add:", err)
		return 2
	}
	if err := auth.CheckPasswordPolicy(*login, password); err != nil {
		fmt.Fprintln(stderr, "kasip user add:", err)
		return 2
	}
	// Hashed before the database is opened: the hash is the slow part, and
	// a write transaction should not wait for it.
	hash, err := auth.HashPassword(password, auth.DefaultParams)
	if err != nil {
		fmt.Fprintln(stderr, "kasip user add:", err)
		return 1
	}

	reg, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintln(stderr, "kasip user add:", err)
		return 1
	}
	defer reg.Close()
	u, err = reg.CreateUser(ctx, 0, u, hash, time.Now())
	if errors.Is(err, auth.ErrLoginTaken) {
		fmt.Fprintf(stderr, "kasip user add: login %q is taken\n", *login)
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "kasip user add:", err)
		return 1
	}
	fmt.Fprintf(stdout, "created user %d: %s (%s)\n", u.ID, u.Login, u.Role)
	if generated {
		fmt.Fprintf(stdout, "password: %s\n", password)
	}
	return 0
}

// readPasswordLine reads the first line of r, without its line ending.
// Other whitespace belongs to the password.
func readPasswordLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, 4*auth.MaxPasswordLen+2)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return "", errors.New("no password on standard input")
	}
	return line, nil
}

// generatePassword returns 18 random bytes in base64url: 24 characters,
// 144 bits.
func generatePassword() string {
	var b [18]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
