package store

import "strings"

func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// limitOf turns "no limit" (0) into a bound both databases accept: SQLite
// wants LIMIT -1 and PostgreSQL LIMIT ALL, but both take a large number.
func limitOf(n int) int64 {
	if n <= 0 {
		return 1 << 53
	}
	return int64(n)
}
