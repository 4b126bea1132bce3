package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/kasip/kasip/credential"
)

// Exit statuses of kasip verify.
const (
	verifyValid         = 0 // signature, integrity and period fine; status not revoked (or not checked)
	verifyInvalid       = 1 // tampered, bad signature, unknown key, expired, not yet valid, revoked, suspended
	verifyUsage         = 2 // wrong usage, unreadable file, not a signed credential
	verifyStatusUnknown = 3 // valid signature, but --status was given and the status could not be checked
)

// netTimeout bounds each network look-up (status list, did:web document): a verifier at a desk
// should get an answer, even "could not check", within seconds.
const netTimeout = 5 * time.Second

// maxCredentialSize refuses absurd inputs before parsing; a certificate is a few kilobytes.
const maxCredentialSize = 8 << 20

const verifyUsageText = "usage: kasip verify [--status] [--offline] [--now YYYY-MM-DD|RFC3339] FILE.json"

type verifyOptions struct {
	file          string
	requireStatus bool
	offline       bool
	now           time.Time
}

func cmdVerify(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opt, ok := parseVerifyArgs(args, stderr)
	if !ok {
		return verifyUsage
	}
	data, err := readCredentialFile(opt.file)
	if err != nil {
		fmt.Fprintln(stderr, "kasip verify:", err)
		return verifyUsage
	}
	client := &http.Client{Timeout: netTimeout}
	resolver := credential.DIDResolver{}
	if !opt.offline {
		resolver.Web = credential.NewDIDWebResolver(client)
	}
	res, err := credential.VerifyAt(ctx, data, resolver, opt.now)
	if res.Verdict == credential.Malformed {
		fmt.Fprintf(stderr, "kasip verify: %s: not a signed credential: %v\n", opt.file, err)
		return verifyUsage
	}
	printCredential(stdout, opt.file, res)
	if err != nil {
		fmt.Fprintf(stdout, "INVALID: %v\n", err)
		return verifyInvalid
	}
	fmt.Fprintf(stdout, "signature:  valid (eddsa-jcs-2022, the document is unchanged since it was signed)\n")
	return reportStatus(ctx, stdout, opt, res, credential.HTTPFetcher(client), resolver)
}

// parseVerifyArgs reads the options and the one file name, in any order.
func parseVerifyArgs(args []string, stderr io.Writer) (verifyOptions, bool) {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	requireStatus := fs.Bool("status", false, "require the revocation/suspension status to be checked (exit 3 when it cannot be)")
	offline := fs.Bool("offline", false, "use no network: did:key issuers only, status not checked")
	now := fs.String("now", "", "check the validity period at this time, YYYY-MM-DD or RFC 3339 (default: now)")
	if err := parseFlags(fs, args); err != nil {
		return verifyOptions{}, false
	}
	files := fs.Args()
	if len(files) != 1 {
		fmt.Fprintln(stderr, verifyUsageText)
		return verifyOptions{}, false
	}
	if *requireStatus && *offline {
		fmt.Fprintln(stderr, "kasip verify: --status needs the network; it cannot be combined with --offline")
		return verifyOptions{}, false
	}
	opt := verifyOptions{file: files[0], requireStatus: *requireStatus, offline: *offline, now: time.Now()}
	if *now != "" {
		t, err := parseNow(*now)
		if err != nil {
			fmt.Fprintln(stderr, "kasip verify:", err)
			return verifyOptions{}, false
		}
		opt.now = t
	}
	return opt, true
}

func parseNow(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("--now %q: expected YYYY-MM-DD or an RFC 3339 date-time", s)
}

func readCredentialFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCredentialSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > maxCredentialSize {
		return nil, fmt.Errorf("%s: larger than %d bytes, not a credential", path, maxCredentialSize)
	}
	return data, nil
}

// printCredential describes what the credential claims; the verdict lines follow.
func printCredential(w io.Writer, file string, res credential.Result) {
	fmt.Fprintln(w, file)
	if res.Name != "" || res.ID != "" {
		fmt.Fprintf(w, "credential: %s (%s)\n", res.Name, res.ID)
	}
	if res.IssuerName != "" {
		fmt.Fprintf(w, "issuer:     %s (%s)\n", res.IssuerName, res.Issuer)
	} else {
		fmt.Fprintf(w, "issuer:     %s\n", res.Issuer)
	}
	if res.VerificationMethod != "" {
		fmt.Fprintf(w, "key:        %s\n", res.VerificationMethod)
	}
	fmt.Fprintf(w, "valid:      from %s until %s\n", dateOrNone(res.ValidFrom), dateOrNone(res.ValidUntil))
}

func dateOrNone(t time.Time) string {
	if t.IsZero() {
		return "(not stated)"
	}
	return t.UTC().Format(time.RFC3339)
}

// statusOutcome summarises the status entries of a validly signed credential.
type statusOutcome int

const (
	statusClear statusOutcome = iota
	statusUnknown
	statusSet
)

// reportStatus checks each revocation or suspension entry against its list and prints the
// final verdict line, returning the exit status.
func reportStatus(ctx context.Context, w io.Writer, opt verifyOptions, res credential.Result, fetch credential.Fetcher, r credential.Resolver) int {
	outcome := statusClear
	var firstSet, firstUnknown string
	if len(res.Status) == 0 {
		fmt.Fprintln(w, "status:     the credential declares no status list")
	}
	for _, e := range res.Status {
		label := fmt.Sprintf("status:     %s (%s, index %s): ", e.StatusPurpose, e.StatusListCredential, e.StatusListIndex)
		if e.StatusPurpose != credential.StatusRevocation && e.StatusPurpose != credential.StatusSuspension {
			fmt.Fprintln(w, label+"not checked (only revocation and suspension are)")
			continue
		}
		if opt.offline {
			fmt.Fprintln(w, label+"not checked (--offline)")
			outcome = max(outcome, statusUnknown)
			firstUnknown = orFirst(firstUnknown, "status not checked (--offline)")
			continue
		}
		set, err := checkEntry(ctx, e, res.Issuer, fetch, r, opt.now)
		switch {
		case err != nil:
			fmt.Fprintf(w, "%scould not be checked: %v\n", label, err)
			outcome = max(outcome, statusUnknown)
			firstUnknown = orFirst(firstUnknown, err.Error())
		case set && e.StatusPurpose == credential.StatusRevocation:
			fmt.Fprintln(w, label+"REVOKED")
			outcome, firstSet = statusSet, orFirst(firstSet, "the credential has been REVOKED by its issuer")
		case set:
			fmt.Fprintln(w, label+"SUSPENDED")
			outcome, firstSet = statusSet, orFirst(firstSet, "the credential is SUSPENDED by its issuer")
		default:
			fmt.Fprintf(w, "%snot %s\n", label, map[string]string{credential.StatusRevocation: "revoked", credential.StatusSuspension: "suspended"}[e.StatusPurpose])
		}
	}
	switch {
	case outcome == statusSet:
		fmt.Fprintf(w, "INVALID: %s\n", firstSet)
		return verifyInvalid
	case outcome == statusUnknown && opt.requireStatus:
		fmt.Fprintf(w, "STATUS UNKNOWN: the signature is valid, but the status could not be checked: %s\n", firstUnknown)
		return verifyStatusUnknown
	case outcome == statusUnknown:
		fmt.Fprintln(w, "VALID (signature and validity period; the status could not be checked)")
		return verifyValid
	}
	fmt.Fprintln(w, "VALID")
	return verifyValid
}

func orFirst(first, s string) string {
	if first != "" {
		return first
	}
	return s
}

// checkEntry fetches the status list credential with a short timeout and reads the entry's bit.
func checkEntry(ctx context.Context, e credential.StatusEntry, issuer string, fetch credential.Fetcher, r credential.Resolver, now time.Time) (bool, error) {
	if e.StatusListCredential == "" {
		return false, errors.New("no statusListCredential URL")
	}
	ctx, cancel := context.WithTimeout(ctx, netTimeout)
	defer cancel()
	list, err := fetch(ctx, e.StatusListCredential)
	if err != nil {
		return false, err
	}
	return credential.CheckStatus(ctx, e, list, issuer, r, now)
}
