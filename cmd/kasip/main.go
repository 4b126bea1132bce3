// Command kasip reads, lints and serves professional standards.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `kasip — professional standards as living data

Usage:
  kasip serve [--addr :8080] [--db DSN] [--demo] [--secure-cookies] [--client-ip-header NAME] [--base-url URL] [--verify-rate N] [--issuer-key-file PATH]
        the registry: web UI and JSON API
  kasip import [--db DSN] FILE|DIR…
        import documents into the registry
  kasip export [--db DSN] CODE [--version V] [--format json]
        print a stored standard as JSON
  kasip parse [--format F] [--report] FILE
        print the standard(s) in FILE as JSON
  kasip lint [--json] [--lang kk|ru|en] [--today YYYY-MM-DD] [--format F] FILE…
        check standards for defects
  kasip verify [--status] [--offline] [--now YYYY-MM-DD|RFC3339] FILE.json
        check a signed credential
  kasip audit verify [--db DSN]
        check the audit log's hash chain
  kasip user add [--db DSN] --login L --name N --role R [--centre ID] [--employer ORG] [--password-stdin]
        create an account
  kasip keygen --issuer-key-file PATH
        write a new key-encryption key for serve --issuer-key-file
  kasip version
        print the version

Flags may come before, between or after the arguments (kasip lint FILE --json);
-flag and --flag are the same, a value follows as the next word or after =
(--version=1), and -- ends the flags: what follows is an argument.

DSN: a SQLite file path (default kasip.db, or $KASIP_DB) or a postgres:// URL.
Formats: kz-text, kz-html, kz-docx, ru-xml (detected from the content when not given).
Exit status: 0 success, 1 a document could not be read (or lint found an error), 2 wrong usage.
`

// run is main without the process: tests call it directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "parse":
		return cmdParse(args[1:], stdout, stderr)
	case "lint":
		return cmdLint(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "import":
		return cmdImport(ctx, args[1:], stdout, stderr)
	case "export":
		return cmdExport(ctx, args[1:], stdout, stderr)
	case "audit":
		return cmdAudit(ctx, args[1:], stdout, stderr)
	case "user":
		return cmdUser(ctx, args[1:], stdin, stdout, stderr)
	case "verify":
		return cmdVerify(ctx, args[1:], stdout, stderr)
	case "keygen":
		return cmdKeygen(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "kasip", version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "kasip: unknown command %q\n\n%s", args[0], usage)
	return 2
}

var version = "dev"
