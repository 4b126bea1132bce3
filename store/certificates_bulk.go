package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kasip/kasip/certificate"
)

// Benchmark-only bulk data for certificates: a register of a million
// certificates cannot be issued one by one in a benchmark's time (each
// issue signs a credential and appends to the audit log), so these
// functions copy rows by SQL alone. They are exported for the load
// generator (cmd/kasip-bench) and the store's own benchmarks; nothing
// else may call them: the data they write is not what the workflow would
// write (see each doc comment) and is never audited.

// bulkChunk is how many certificates one transaction of
// BulkInsertCertificatesForBenchmark writes: large enough that the commit
// (an fsync, a WAL checkpoint) is amortised, small enough that a
// transaction's WAL or undo stays a few hundred MB at ~8 KB of credential
// per certificate.
const bulkChunk = 25_000

// BulkInsertCertificatesForBenchmark inserts n certificates copied from
// an issued one (templateNumber), for load tests and benchmarks only, and
// returns their numbers. It writes, in transactions of 25,000 with one
// set-based INSERT … SELECT per table (no row crosses the driver):
//
//   - n clones of the template's application (same candidate, programme,
//     centre, state decided) and of its decision;
//   - n certificate rows numbered "B-<application id>", in a counter
//     scope of their own (centre -1, year 0) so that they never collide
//     with a drawn number, with status indexes 1,000,000 + application id
//     in the template's status list (outside any index a real issue
//     draws, and beyond the list's bits: nobody may change their status);
//     every other column is the template's;
//   - holders named from a fixed list of Kazakh names by the application
//     id (bulkHolderName), and those names' words in the search index;
//   - n copies of the template's signed credential.
//
// What it fakes: one credential template — every copy's credential bytes
// are the template's, naming its number and holder, not the row's, so a
// copy does not verify as its own certificate; cloned applications of one
// candidate; no audit entries, no counter or status-list draws. The rows,
// their sizes and the indexes they populate are those IssueCertificate
// writes, which is what lookup and verification-page benchmarks need.
// It assumes no other writer adds applications or certificates meanwhile
// (the id ranges are read per transaction). progress, if not nil, is
// called after each transaction with the count so far.
func (s *Store) BulkInsertCertificatesForBenchmark(ctx context.Context, templateNumber string, n int, progress func(done int)) ([]string, error) {
	var appID, decID, certID int64
	err := s.w.QueryRowContext(ctx, s.q("SELECT id, application_id, decision_id FROM certificates WHERE number = ?"),
		templateNumber).Scan(&certID, &appID, &decID)
	if err != nil {
		return nil, fmt.Errorf("bulk certificates: template %s: %w", templateNumber, err)
	}
	numbers := make([]string, 0, n)
	for done := 0; done < n; {
		k := min(bulkChunk, n-done)
		chunk, err := s.bulkInsertChunk(ctx, appID, decID, certID, k)
		if err != nil {
			return numbers, fmt.Errorf("bulk certificates %d–%d: %w", done+1, done+k, err)
		}
		numbers = append(numbers, chunk...)
		done += k
		if progress != nil {
			progress(done)
		}
	}
	// Fresh statistics, so that the planner sees the tables' real sizes.
	if _, err := s.w.ExecContext(ctx, "ANALYZE"); err != nil {
		return numbers, fmt.Errorf("bulk certificates: analyze: %w", err)
	}
	return numbers, nil
}

// bulkInsertChunk writes k bulk certificates in one transaction and
// returns their numbers.
func (s *Store) bulkInsertChunk(ctx context.Context, appID, decID, certID int64, k int) ([]string, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var lastApp, lastCert int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM recognition_applications").Scan(&lastApp); err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM certificates").Scan(&lastCert); err != nil {
		return nil, err
	}
	const ccols = `profession, profession_key, level, standard_code, standard_version, standard_title, card, whole,
		units, centre_name, centre_bin, issued_at, issue_date, valid_until, expires_at, state, state_reason,
		state_changed_at, state_changed_by_user_id, demo, issuer_key_id, status_list_id, issued_by_user_id`
	lists, keys, w := bulkNameLists()
	name := func(i int, list []string, id string) string { return bulkPick(i, list, id, w) }
	type stmt struct {
		sql  string
		args []any
	}
	stmts := append(bulkCloneStatements(k, appID, decID, lastApp),
		stmt{`INSERT INTO certificates (number, application_id, decision_id, candidate_id, centre_id, counter_centre,
			counter_year, seq, holder_name, status_index, ` + ccols + `)
			SELECT 'B-' || a.id, a.id, d.id, t.candidate_id, t.centre_id, -1, 0, a.id,
			` + name(0, lists[0], "a.id") + ` || ' ' || ` + name(1, lists[1], "a.id") + ` || ' ' || ` + name(2, lists[2], "a.id") + `,
			1000000 + a.id, ` + prefixed("t.", ccols) + `
			FROM recognition_applications a JOIN recognition_decisions d ON d.application_id = a.id, certificates t
			WHERE a.id > ? AND t.id = ? ORDER BY a.id`, []any{lastApp, certID}},
		stmt{`INSERT INTO certificate_credentials (certificate_id, credential) SELECT c.id, t.credential
			FROM certificates c, certificate_credentials t WHERE c.id > ? AND t.certificate_id = ?`, []any{lastCert, certID}})
	for i, key := range keys {
		stmts = append(stmts, stmt{`INSERT INTO certificate_holder_words (word, certificate_id)
			SELECT ` + name(i, key, "c.seq") + `, c.id FROM certificates c WHERE c.id > ?`, []any{lastCert}})
	}
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, s.q(st.sql), st.args...); err != nil {
			return nil, fmt.Errorf("%w\n%s", err, st.sql)
		}
	}
	// Read the numbers back rather than count from lastApp: a PostgreSQL
	// sequence may have skipped ids (rolled-back inserts).
	numbers, err := bulkStrings(ctx, tx, s.q("SELECT number FROM certificates WHERE id > ? ORDER BY id"), lastCert)
	if err != nil {
		return nil, err
	}
	if len(numbers) != k {
		return nil, fmt.Errorf("%d certificates written, want %d: another writer?", len(numbers), k)
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return numbers, nil
}

// bulkStrings reads a one-column result of strings (ids scan into them).
func bulkStrings(ctx context.Context, q recQuerier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// bulkCloneStatements are the statements that clone application appID
// (its columns, state decided included) k times after id lastApp, and
// its decision decID once per clone.
func bulkCloneStatements(k int, appID, decID, lastApp int64) []struct {
	sql  string
	args []any
} {
	const acols = `candidate_id, programme_id, centre_id, standard_code, standard_version, card, level, route,
		employer_user_id, employer_name, employer_bin, referral_confirmed_at, referral_confirmed_by_user_id, voucher_id,
		state, state_reason, state_since, submitted_at, created_by_user_id`
	const dcols = `outcome, units, proposal, overridden, reason, assessor_user_id, appeal_id, decided_at`
	return []struct {
		sql  string
		args []any
	}{
		{`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
			INSERT INTO recognition_applications (` + acols + `) SELECT ` + acols + `
			FROM n, recognition_applications WHERE id = ?`, []any{k, appID}},
		{`INSERT INTO recognition_decisions (application_id, ` + dcols + `) SELECT a.id, ` + prefixed("d.", dcols) + `
			FROM recognition_applications a, recognition_decisions d WHERE a.id > ? AND d.id = ? ORDER BY a.id`,
			[]any{lastApp, decID}},
	}
}

// CloneDecidedApplicationsForBenchmark makes n copies of a decided
// application (its row and its last decision) by SQL, for benchmarks of
// IssueCertificate only, and returns their ids. What it fakes: the copies
// are of one candidate and went through no workflow step (no audit, no
// sessions, no results); IssueCertificate reads only the rows copied.
// It assumes no other writer adds applications meanwhile.
func (s *Store) CloneDecidedApplicationsForBenchmark(ctx context.Context, applicationID int64, n int) ([]int64, error) {
	var decID int64
	err := s.w.QueryRowContext(ctx, s.q("SELECT MAX(id) FROM recognition_decisions WHERE application_id = ?"),
		applicationID).Scan(&decID)
	if err != nil {
		return nil, fmt.Errorf("clone application %d: %w", applicationID, err)
	}
	ids := make([]int64, 0, n)
	for done := 0; done < n; {
		k := min(bulkChunk, n-done)
		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			return ids, fmt.Errorf("clone application %d: %w", applicationID, err)
		}
		var lastApp int64
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM recognition_applications").Scan(&lastApp); err != nil {
			tx.Rollback()
			return ids, fmt.Errorf("clone application %d: %w", applicationID, err)
		}
		for _, st := range bulkCloneStatements(k, applicationID, decID, lastApp) {
			if _, err := tx.ExecContext(ctx, s.q(st.sql), st.args...); err != nil {
				tx.Rollback()
				return ids, fmt.Errorf("clone application %d: %w", applicationID, err)
			}
		}
		got, err := bulkStrings(ctx, tx, s.q("SELECT id FROM recognition_applications WHERE id > ? ORDER BY id"), lastApp)
		if err == nil && len(got) != k {
			err = fmt.Errorf("%d applications written, want %d: another writer?", len(got), k)
		}
		if err != nil {
			tx.Rollback()
			return ids, fmt.Errorf("clone application %d: %w", applicationID, err)
		}
		if err := tx.Commit(); err != nil {
			return ids, fmt.Errorf("clone application %d: commit: %w", applicationID, err)
		}
		for _, g := range got {
			id, _ := strconv.ParseInt(g, 10, 64) // an integer column
			ids = append(ids, id)
		}
		done += k
	}
	return ids, nil
}

// CertificateNumbersForBenchmark returns the number of every certificate,
// in issue order, for a load generator to pick existing numbers from. It
// reads the whole table: benchmarks only.
func (s *Store) CertificateNumbersForBenchmark(ctx context.Context) ([]string, error) {
	out, err := bulkStrings(ctx, s.r, "SELECT number FROM certificates ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("certificate numbers: %w", err)
	}
	return out, nil
}

// bulkGiven are the given names of the bulk holders; patronymics and
// surnames are made from them. Holder id is given name id % 40, patronymic
// (id / 40) % 40, surname (id / 1600) % 40: at 100,000 holders a given name
// and a surname together match 40 to 80 of them, a common name's search.
var bulkGiven = []string{"Әлихан", "Асан", "Бақыт", "Ғалым", "Дәулет", "Ержан", "Жанар", "Зарина", "Ибрагим",
	"Қайрат", "Ләззат", "Мұрат", "Нұрлан", "Олжас", "Өмірзақ", "Пернебек", "Рүстем", "Сәуле", "Талғат", "Ұлан",
	"Үміт", "Фарида", "Хасен", "Шолпан", "Ықылас", "Іңкәр", "Айгүл", "Бауыржан", "Гүлнар", "Данияр", "Ерлан",
	"Жұлдыз", "Кәмшат", "Марат", "Нұржан", "Оспан", "Сұлтан", "Тоқтар", "Шынар", "Әсел"}

// bulkNameLists returns the three name lists (given, patronymic,
// surname) and their folded words, each as one string of fixed-width
// entries (SQL picks an entry with substr), and the width.
func bulkNameLists() (lists, keys [3][]string, width int) {
	for _, g := range bulkGiven {
		lists[0] = append(lists[0], g)
		lists[1] = append(lists[1], g+"ұлы")
		lists[2] = append(lists[2], g+"ов")
	}
	for i := range lists {
		for _, w := range lists[i] {
			keys[i] = append(keys[i], certificate.Words(w)[0])
			width = max(width, utf8.RuneCountInString(w)+1)
		}
	}
	return lists, keys, width
}

// bulkDivisors pick list i's entry of holder id: (id / d[i]) % 40.
var bulkDivisors = [3]int{1, 40, 1600}

// bulkPick is the SQL expression of the entry of list i for the holder id
// (an SQL expression): the list is one literal of fixed-width entries,
// cut with substr (characters on both databases) and trimmed.
func bulkPick(i int, list []string, id string, width int) string {
	var b strings.Builder
	for _, w := range list {
		b.WriteString(w + strings.Repeat(" ", width-utf8.RuneCountInString(w)))
	}
	return fmt.Sprintf("trim(substr(CAST('%s' AS TEXT), CAST(((%s / %d) %% %d) * %d + 1 AS INTEGER), %d))",
		b.String(), id, bulkDivisors[i], len(list), width, width)
}

// bulkHolderName is the holder of bulk certificate "B-<id>".
func bulkHolderName(id int64) string {
	lists, _, _ := bulkNameLists()
	var parts []string
	for i, l := range lists {
		parts = append(parts, l[(id/int64(bulkDivisors[i]))%int64(len(l))])
	}
	return strings.Join(parts, " ")
}

// prefixed qualifies every column of a list with p.
func prefixed(p, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}
