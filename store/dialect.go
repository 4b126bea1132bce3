package store

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// dialect holds the few things SQLite and PostgreSQL do differently. All
// other SQL is written once, with "?" placeholders, and rebound here.
type dialect struct {
	name string
	// dollar: PostgreSQL wants $1, $2… instead of ?.
	dollar bool
	// binary is the collation that orders by code point on both databases,
	// so that sorting by title gives the same order everywhere (PostgreSQL's
	// default collation depends on how the database was created).
	binary string
	// lockCode serialises imports of one standard code across processes.
	lockCode func(ctx context.Context, tx *sql.Tx, code string) error
}

var sqliteDialect = dialect{
	name:   "sqlite",
	binary: "COLLATE BINARY",
	// SQLite needs no lock of its own: the store has a single writer
	// connection and its transactions begin IMMEDIATE (see openSQLite), so one
	// import at a time holds the database's write lock, across processes too.
	lockCode: func(context.Context, *sql.Tx, string) error { return nil },
}

var postgresDialect = dialect{
	name:   "postgres",
	dollar: true,
	binary: `COLLATE "C"`,
	// Two processes importing the same new code at once would both see it
	// unknown and one would fail on the unique key; a transaction-scoped
	// advisory lock on the code makes the second wait and then see the first.
	lockCode: func(ctx context.Context, tx *sql.Tx, code string) error {
		h := fnv.New64a()
		h.Write([]byte("kasip.standard:" + code))
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(h.Sum64())); err != nil {
			return fmt.Errorf("lock standard %s: %w", code, err)
		}
		return nil
	},
}

// rebind turns the "?" placeholders of q into the dialect's form. A "?"
// inside a quoted literal is left alone.
func (d dialect) rebind(q string) string {
	if !d.dollar {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	quoted := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			quoted = !quoted
			b.WriteByte(c)
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
