package certificate

import "context"

// Store keeps certificates: what the certificate routes of the server need
// of the database (*store.Store implements it on SQLite and PostgreSQL).
type Store interface {
	IssueCertificate(ctx context.Context, actor, applicationID int64) (Certificate, error)
	Certificate(ctx context.Context, number string) (Certificate, error)
	// PublicCertificate has only what the public view shows: the public
	// verification reads it.
	PublicCertificate(ctx context.Context, number string) (Certificate, error)
	CertificateByApplication(ctx context.Context, applicationID int64) (Certificate, error)
	CertificateCredential(ctx context.Context, number string) ([]byte, error)
	CertificatesOfCandidate(ctx context.Context, candidateID int64) ([]Certificate, error)
	SearchCertificates(ctx context.Context, q Query) ([]Public, int, error)
	SetCertificateStatus(ctx context.Context, actor int64, number, status, reason string) (Certificate, error)
	StatusListCredential(ctx context.Context, listID int64, purpose string) ([]byte, error)
	CertificatePDF(ctx context.Context, number string) ([]byte, error)
	CertificateSettings(ctx context.Context) (Settings, error)
}
