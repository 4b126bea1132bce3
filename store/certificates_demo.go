package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
)

// IssueDemoCertificateAt issues the certificate of a decided application
// as if it were issued at `at`, for demonstration data only: a demo
// instance wants an expired certificate to show, and a certificate
// expires years after its issue. The number, dates, status list entry and
// signed credential are those IssueCertificate would have made at that
// time; the audit entry is written now (the log stays in order) and says
// when the certificate pretends to be from. It refuses a certificate that
// would not be marked demo (settings.Demo, or a generated standard), so
// no real certificate can be backdated.
func (s *Store) IssueDemoCertificateAt(ctx context.Context, actor, applicationID int64, at time.Time) (certificate.Certificate, error) {
	var c certificate.Certificate
	err := s.certificateTx(ctx, fmt.Sprintf("issue demo certificate for application %d", applicationID), func(t *certTx) error {
		a, err := s.recLoadApplication(ctx, t, applicationID, s.recForUpdate())
		if err != nil {
			return err
		}
		if _, err := s.certLoad(ctx, t, "c.application_id = ?", applicationID); err == nil {
			return fmt.Errorf("application %d has a certificate already: %w", applicationID, certificate.ErrConflict)
		} else if !errors.Is(err, kasip.ErrNotFound) {
			return err
		}
		set, err := s.certSettings(ctx, t)
		if err != nil {
			return err
		}
		now := t.now
		t.now = at.UTC()
		if c, err = s.certBuild(ctx, t, a, set, actor); err != nil {
			return err
		}
		if !c.Demo {
			return fmt.Errorf("only demonstration certificates may be backdated (set the certificate settings' demo flag): %w", kasip.ErrInvalid)
		}
		if err := s.certIssue(ctx, t, &c, set, actor); err != nil {
			return err
		}
		t.now = now
		for i := range t.audits {
			t.audits[i].At = now
		}
		t.audit(actor, "backdate-demo", certSubject(c.Number), map[string]any{"issued_at": c.IssuedAt})
		return nil
	})
	return c, err
}
