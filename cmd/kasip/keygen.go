package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kasip/kasip/store"
)

const keygenUsage = "usage: kasip keygen --issuer-key-file PATH"

// cmdKeygen runs `kasip keygen`: it writes a new key-encryption key, which
// `kasip serve --issuer-key-file` seals the issuer signing keys under.
func cmdKeygen(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("keygen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("issuer-key-file", envOr("KASIP_ISSUER_KEY_FILE", ""), "the file to create (mode 0600; an existing file is never overwritten)")
	if err := parseFlags(fs, args); err != nil {
		return 2
	}
	if fs.NArg() != 0 || *path == "" {
		fmt.Fprintln(stderr, keygenUsage)
		return 2
	}
	kek := make([]byte, store.IssuerKEKSize)
	if _, err := rand.Read(kek); err != nil {
		fmt.Fprintln(stderr, "kasip keygen:", err)
		return 1
	}
	if err := writeKEKFile(*path, kek); err != nil {
		fmt.Fprintln(stderr, "kasip keygen:", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote a new key-encryption key to %s (fingerprint %s)\n", *path, store.IssuerKEKFingerprint(kek))
	fmt.Fprintln(stdout, "Keep a copy apart from the database and its backups: without it the sealed issuer keys cannot sign.")
	return 0
}

// writeKEKFile creates path with the key, readable by its owner only.
// O_EXCL refuses an existing file (or a symbolic link there): a
// key-encryption key replaced by mistake loses the keys sealed under it.
func writeKEKFile(path string, kek []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s exists: not overwritten (a key-encryption key in use cannot be replaced)", path)
	}
	if err != nil {
		return err
	}
	// The umask may only have cleared bits; Chmod makes the mode exact.
	err = errors.Join(f.Chmod(0o600), write(f, base64.StdEncoding.EncodeToString(kek)+"\n"), f.Sync(), f.Close())
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func write(w io.Writer, s string) error {
	_, err := io.WriteString(w, s)
	return err
}

// kekFileLimit bounds what readKEKFile reads: a key file is 45 bytes, and
// a wrong path (a device, a large file) must not be read whole.
const kekFileLimit = 4096

// readKEKFile reads a key-encryption key file written by kasip keygen.
func readKEKFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("issuer key file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, kekFileLimit+1))
	if err != nil {
		return nil, fmt.Errorf("issuer key file %s: %w", path, err)
	}
	kek, err := parseKEK(data)
	if err != nil {
		return nil, fmt.Errorf("issuer key file %s: %w", path, err)
	}
	return kek, nil
}

// parseKEK reads the file format: the standard base64 of 32 bytes,
// surrounding whitespace ignored. Anything else is refused, the canonical
// form included, so that a file that is not a key (a PEM, a passphrase, a
// truncated copy) is never taken for one.
func parseKEK(data []byte) ([]byte, error) {
	text := bytes.TrimSpace(data)
	want := base64.StdEncoding.EncodedLen(store.IssuerKEKSize)
	const expected = "want the standard base64 of 32 random bytes (44 characters), as kasip keygen writes"
	if len(text) != want {
		return nil, fmt.Errorf("%d characters, %s", len(text), expected)
	}
	kek, err := base64.StdEncoding.DecodeString(string(text))
	// DecodeString skips line breaks and accepts non-zero padding bits;
	// only the canonical encoding is a key file.
	if err != nil || len(kek) != store.IssuerKEKSize || base64.StdEncoding.EncodeToString(kek) != string(text) {
		return nil, fmt.Errorf("not base64 of 32 bytes: %s", expected)
	}
	return kek, nil
}
