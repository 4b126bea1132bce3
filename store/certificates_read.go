package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
	certpdf "github.com/kasip/kasip/certificate/pdf"
)

// certColumns are read by certScan. The key id comes from a scalar
// subquery rather than a join, so that "FOR UPDATE" appended to a
// condition locks the certificate row only, never the key's.
const certColumns = `c.number, c.application_id, c.decision_id, c.candidate_id, c.holder_name, c.profession,
	c.level, c.standard_code, c.standard_version, c.standard_title, c.card, c.whole, c.units, c.centre_id,
	c.centre_name, c.centre_bin, c.issued_at, c.issue_date, c.valid_until, c.expires_at, c.state, c.state_reason,
	c.state_changed_at, c.state_changed_by_user_id, c.demo,
	(SELECT k.key_id FROM certificate_issuer_keys k WHERE k.id = c.issuer_key_id),
	c.status_list_id, c.status_index, c.issued_by_user_id, c.centre_head`

// certScan reads a certificate row. Its texts and units may be shared with
// other certificates read (memoised JSON): callers must not change them.
func certScan(sc interface{ Scan(...any) error }) (certificate.Certificate, error) {
	var c certificate.Certificate
	var profession, stdTitle, units, centreName, issueDate, validUntil, head string
	var issued, expires, changed int64
	err := sc.Scan(&c.Number, &c.ApplicationID, &c.DecisionID, &c.CandidateID, &c.HolderName, &profession,
		&c.Level, &c.StandardCode, &c.StandardVersion, &stdTitle, &c.Card, &c.Whole, &units, &c.CentreID,
		&centreName, &c.CentreBIN, &issued, &issueDate, &validUntil, &expires, &c.State, &c.StateReason,
		&changed, &c.StateChangedBy, &c.Demo, &c.IssuerKeyID, &c.StatusListID, &c.StatusIndex, &c.IssuedBy, &head)
	if err != nil {
		return c, err
	}
	c.IssuedAt, c.ExpiresAt, c.StateChangedAt = recFromMicros(issued), recFromMicros(expires), recFromMicros(changed)
	var tErr error
	c.StandardTitle, tErr = certTextMemo.decode("certificate standard title", stdTitle)
	return c, errors.Join(tErr, recDecodeJSON("certificate centre head", head, &c.CentreHead),
		certDecodePublic(&c, profession, units, centreName, issueDate, validUntil))
}

// certDecodePublic fills in the public view's texts and days from their
// columns.
func certDecodePublic(c *certificate.Certificate, profession, units, centreName, issueDate, validUntil string) error {
	var errs [5]error
	c.IssueDate, errs[0] = recParseDay(issueDate)
	c.ValidUntil, errs[1] = recParseDay(validUntil)
	c.Profession, errs[2] = certTextMemo.decode("certificate profession", profession)
	c.Units, errs[3] = certUnitsMemo.decode("certificate units", units)
	c.CentreName, errs[4] = certTextMemo.decode("certificate centre name", centreName)
	return errors.Join(errs[:]...)
}

// certLoad reads the certificate matching cond (on table alias c, with
// its arguments; a lock clause may follow it).
func (s *Store) certLoad(ctx context.Context, q recQuerier, cond string, args ...any) (certificate.Certificate, error) {
	c, err := certScan(q.QueryRowContext(ctx, s.q("SELECT "+certColumns+" FROM certificates c WHERE "+cond), args...))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("certificate %v: %w", args[0], kasip.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("certificate %v: %w", args[0], err)
	}
	return c, nil
}

func (s *Store) certList(ctx context.Context, query string, args ...any) ([]certificate.Certificate, error) {
	rows, err := s.r.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []certificate.Certificate{}
	for rows.Next() {
		c, err := certScan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Certificate returns the certificate numbered number.
func (s *Store) Certificate(ctx context.Context, number string) (certificate.Certificate, error) {
	return s.certByNumber(ctx, number, "SELECT "+certColumns+" FROM certificates c WHERE c.number = ?", certScan)
}

// certPublicColumns are the columns of certificate.Public (and the status
// it computes): read by certScanPublic.
const certPublicColumns = `c.number, c.holder_name, c.profession, c.level, c.standard_code, c.standard_version,
	c.whole, c.units, c.centre_name, c.centre_bin, c.issue_date, c.valid_until, c.expires_at, c.state,
	c.state_reason, c.state_changed_at, c.demo`

func certScanPublic(sc interface{ Scan(...any) error }) (certificate.Certificate, error) {
	var c certificate.Certificate
	var profession, units, centreName, issueDate, validUntil string
	var expires, changed int64
	err := sc.Scan(&c.Number, &c.HolderName, &profession, &c.Level, &c.StandardCode, &c.StandardVersion,
		&c.Whole, &units, &centreName, &c.CentreBIN, &issueDate, &validUntil, &expires, &c.State, &c.StateReason, &changed, &c.Demo)
	if err != nil {
		return c, err
	}
	c.ExpiresAt, c.StateChangedAt = recFromMicros(expires), recFromMicros(changed)
	return c, certDecodePublic(&c, profession, units, centreName, issueDate, validUntil)
}

// PublicCertificate returns the certificate numbered number with only
// what its public view (Certificate.Public) shows filled in: the public
// verification endpoints read it for every request, and the full row
// (29 columns and the issuer key) cost them a third more.
func (s *Store) PublicCertificate(ctx context.Context, number string) (certificate.Certificate, error) {
	return s.certByNumber(ctx, number, "SELECT "+certPublicColumns+" FROM certificates c WHERE c.number = ?", certScanPublic)
}

// certByNumber runs a lookup by number through its prepared statement.
func (s *Store) certByNumber(ctx context.Context, number, query string,
	scan func(interface{ Scan(...any) error }) (certificate.Certificate, error)) (certificate.Certificate, error) {
	stmt, err := s.certStmt(ctx, query)
	if err != nil {
		return certificate.Certificate{}, fmt.Errorf("certificate %s: %w", number, err)
	}
	c, err := scan(stmt.QueryRowContext(ctx, number))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("certificate %s: %w", number, kasip.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("certificate %s: %w", number, err)
	}
	return c, nil
}

// certStmt is query prepared once per store: the public verification
// endpoints look certificates up by number all day, and compiling the SQL
// each time was 18 % of their CPU (docs/benchmarks.md).
func (s *Store) certStmt(ctx context.Context, query string) (*sql.Stmt, error) {
	s.certMu.Lock()
	defer s.certMu.Unlock()
	if stmt := s.certStmts[query]; stmt != nil {
		return stmt, nil
	}
	stmt, err := s.r.PrepareContext(ctx, s.q(query))
	if err != nil {
		return nil, fmt.Errorf("prepare the lookup: %w", err)
	}
	if s.certStmts == nil {
		s.certStmts = map[string]*sql.Stmt{}
	}
	s.certStmts[query] = stmt
	return stmt, nil
}

// CertificateByApplication returns the certificate issued for an
// application.
func (s *Store) CertificateByApplication(ctx context.Context, applicationID int64) (certificate.Certificate, error) {
	return s.certLoad(ctx, s.r, "c.application_id = ?", applicationID)
}

// CertificateCredential returns the signed credential of a certificate,
// the bytes exactly as signed: serve them as they are.
func (s *Store) CertificateCredential(ctx context.Context, number string) ([]byte, error) {
	var b []byte
	err := s.r.QueryRowContext(ctx, s.q(`SELECT cc.credential FROM certificate_credentials cc
		JOIN certificates c ON c.id = cc.certificate_id WHERE c.number = ?`), number).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("credential of certificate %s: %w", number, kasip.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("credential of certificate %s: %w", number, err)
	}
	return b, nil
}

// CertificatesOfCandidate lists a candidate's certificates, oldest first.
func (s *Store) CertificatesOfCandidate(ctx context.Context, candidateID int64) ([]certificate.Certificate, error) {
	out, err := s.certList(ctx, "SELECT "+certColumns+" FROM certificates c WHERE c.candidate_id = ? ORDER BY c.id", candidateID)
	if err != nil {
		return nil, fmt.Errorf("certificates of candidate %d: %w", candidateID, err)
	}
	return out, nil
}

// SearchCertificates searches the public register (see certificate.Query)
// and returns a page of public views, newest first, and the number of
// matches. Status is as of now.
func (s *Store) SearchCertificates(ctx context.Context, q certificate.Query) ([]certificate.Public, int, error) {
	holder, profession, err := q.Check()
	if err != nil {
		return nil, 0, err
	}
	from, args := s.certSearchFrom(q.Number, holder, profession)
	var total int
	if err := s.r.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM "+from), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("search certificates: %w", err)
	}
	cs, err := s.certList(ctx, "SELECT "+certColumns+" FROM "+from+" ORDER BY c.issued_at DESC, c.id DESC LIMIT ? OFFSET ?",
		append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("search certificates: %w", err)
	}
	now := s.recNow()
	out := make([]certificate.Public, len(cs))
	for i, c := range cs {
		out[i] = c.Public(now)
	}
	return out, total, nil
}

// certSearchFrom is the FROM and WHERE of a search, and its arguments. A
// name search joins one row of certificate_holder_words per word (folded
// at write time, certificate.Words), each found by its key, so only the
// certificates with every word are read; the profession's words are then
// matched anywhere in the folded titles.
func (s *Store) certSearchFrom(number string, holder, profession []string) (string, []any) {
	if number != "" {
		return "certificates c WHERE c.number = ?", []any{number}
	}
	holder = slices.Compact(slices.Sorted(slices.Values(holder)))
	var b strings.Builder
	b.WriteString("certificate_holder_words w0")
	args := make([]any, 0, len(holder)+len(profession))
	for i, w := range holder[1:] {
		fmt.Fprintf(&b, " JOIN certificate_holder_words w%d ON w%d.certificate_id = w0.certificate_id AND w%d.word = ?", i+1, i+1, i+1)
		args = append(args, w)
	}
	b.WriteString(" JOIN certificates c ON c.id = w0.certificate_id WHERE w0.word = ?")
	args = append(args, holder[0])
	for _, w := range profession {
		b.WriteString(" AND c.profession_key LIKE ?")
		args = append(args, "%"+w+"%")
	}
	return b.String(), args
}

// CertificatePDF renders a certificate's PDF as of now (its status
// printed; a demonstration marked on every page).
func (s *Store) CertificatePDF(ctx context.Context, number string) ([]byte, error) {
	c, err := s.Certificate(ctx, number)
	if err != nil {
		return nil, err
	}
	set, err := s.certSettings(ctx, s.r)
	if err != nil {
		return nil, err
	}
	pdf, err := certpdf.Render(certificate.View(c, set.URLs(), s.recNow()))
	if err != nil {
		return nil, fmt.Errorf("certificate %s: %w", number, err)
	}
	return pdf, nil
}
