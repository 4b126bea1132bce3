package service

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"

	"github.com/kasip/kasip/web/session"
)

// CertificateStatusInput is the body of a status change.
type CertificateStatusInput struct {
	Status string `json:"status"` // revoked, suspended, valid (reinstate a suspended one)
	Reason string `json:"reason"`
}

// certIssue issues application id's certificate for the caller, who must
// see the application and manage its centre (or administer); fresh is
// false when it had been issued already.
func (s *Server) CertIssue(r *http.Request, id int64) (c certificate.Certificate, fresh bool, err error) {
	rs, err := s.RecStore()
	if err != nil {
		return c, false, err
	}
	cs, err := s.CertStore()
	if err != nil {
		return c, false, err
	}
	a, err := s.RecApplicationFor(r, rs, id)
	if err != nil {
		return c, false, err
	}
	if !MayChangeCertificate(session.Principal(r), a.CentreID) {
		return c, false, fmt.Errorf("application %d: %w", id, ErrRefused)
	}
	if c, err = cs.CertificateByApplication(r.Context(), id); err == nil {
		return c, false, nil
	} else if !errors.Is(err, kasip.ErrNotFound) {
		return c, false, err
	}
	c, err = cs.IssueCertificate(r.Context(), RecActor(r), id)
	return c, err == nil, err
}

// GET /api/v1/certificates/{number} (public)
func (s *Server) APIGetCertificate(w http.ResponseWriter, r *http.Request) {
	cs, ok := s.CertPublic(w, r)
	if !ok {
		return
	}
	c, err := cs.PublicCertificate(r.Context(), r.PathValue("number"))
	if err != nil {
		s.CertAPIError(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, s.CertPublicView(c))
}

// certSetStatus changes a certificate's status for the caller, who must
// manage the issuing centre or administer.
func (s *Server) CertSetStatus(r *http.Request, number string, in CertificateStatusInput) (certificate.Certificate, error) {
	cs, err := s.CertStore()
	if err != nil {
		return certificate.Certificate{}, err
	}
	c, err := cs.Certificate(r.Context(), number)
	if err != nil {
		return c, err
	}
	if !MayChangeCertificate(session.Principal(r), c.CentreID) {
		return c, fmt.Errorf("certificate %s: %w", number, ErrRefused)
	}
	return cs.SetCertificateStatus(r.Context(), RecActor(r), number, in.Status, in.Reason)
}

// certAPIError answers an unknown number with a 404 that says so.
func (s *Server) CertAPIError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, kasip.ErrNotFound) {
		httpx.Fail(w, r, http.StatusNotFound, "not found", i18n.APIT(r, "There is no certificate with this number in the register."))
		return
	}
	s.RecProblem(w, r, err)
}

// Certificates in the server: the public verification of a certificate
// (the pages, credentials, PDFs and status lists its QR code and its
// credential link to, at exactly the paths certificate.URLs builds), the
// public register search, issuing from an application's page and the API,
// and status changes by the centre's manager or an administrator. The API
// is in web/api, the pages in web/ui/recognitionui.
//
// The public routes are rate-limited per client address (Options
// .VerifyRate), with the token buckets of the sign-in limit: verification
// needs no account, so the address is all there is to limit scraping of
// the register by.

// certStore returns the registry's certificate store; without one the
// routes answer 501 like the recognition routes.
func (s *Server) CertStore() (certificate.Store, error) {
	if s.Certificates == nil {
		return nil, ErrNoRecognition
	}
	return s.Certificates, nil
}

// credentialType is the media type credentials and status lists are
// served with (VC Data Model 2.0 §6.3 media type with JSON-LD).
const CredentialType = "application/vc+ld+json"

// CertificateLinks are the public addresses of a certificate.
type CertificateLinks struct {
	Verify     string `json:"verify"`
	Credential string `json:"credential"`
	PDF        string `json:"pdf"`
}

// CertificateView is a certificate as the API shows it: the public view,
// its links, and for the staff who may change it (the centre's manager,
// an administrator) the application and the reason of the last change.
type CertificateView struct {
	certificate.Public
	Links         CertificateLinks `json:"links"`
	ApplicationID int64            `json:"application_id,omitempty"`
	StateReason   string           `json:"state_reason,omitempty"`
}

// certLinks are the links under base ("" for paths on this server).
func CertLinks(base, number string) CertificateLinks {
	u := certificate.URLs{Base: base}
	return CertificateLinks{Verify: u.Verify(number), Credential: u.Credential(number), PDF: u.PDF(number)}
}

// certPublicView is the view of a public answer: no reason, no ids.
func (s *Server) CertPublicView(c certificate.Certificate) CertificateView {
	return CertificateView{Public: c.Public(s.Opt.Now()), Links: CertLinks("", c.Number)}
}

// certStaffView adds what the staff see.
func (s *Server) CertStaffView(c certificate.Certificate) CertificateView {
	v := s.CertPublicView(c)
	v.ApplicationID, v.StateReason = c.ApplicationID, c.StateReason
	return v
}

// mayChangeCertificate: an administrator, or the manager of the centre
// that issued it.
func MayChangeCertificate(p auth.Principal, centre int64) bool {
	return p.Is(auth.RoleAdmin) || IsCentreManager(p, centre)
}

// CertPublic starts a public certificate handler: within the rate limit
// (CertLimited), with the certificate store; when either fails it has
// answered and ok is false.
func (s *Server) CertPublic(w http.ResponseWriter, r *http.Request) (cs certificate.Store, ok bool) {
	if s.CertLimited(w, r) {
		return nil, false
	}
	cs, err := s.CertStore()
	if err != nil {
		s.RecProblem(w, r, err)
		return nil, false
	}
	return cs, true
}

// CertLimited wraps a public handler in the per-address rate limit: over
// it, 429 with Retry-After (problem+json under /api/, a page elsewhere).
func (s *Server) CertLimited(w http.ResponseWriter, r *http.Request) bool {
	ok, wait := s.Verifies.Allow(s.Opt.Now(), s.ClientKey(r))
	if ok {
		return false
	}
	w.Header().Set("Retry-After", strconv.Itoa(httpx.RetryAfterSeconds(wait)))
	if !strings.HasPrefix(r.URL.Path, "/api/") && !httpx.WantsJSON(r) {
		s.UIErrorPage(w, r, &httpx.UIError{Status: http.StatusTooManyRequests, Title: "Too many requests",
			Detail: i18n.Translate(i18n.RequestLang(r), "Please wait a little and try again.")})
		return true
	}
	httpx.Fail(w, r, http.StatusTooManyRequests, "too many requests",
		i18n.APIT(r, "Try again in %d seconds.", httpx.RetryAfterSeconds(wait)))
	return true
}

// certServeBytes writes a stored document as it is.
func certServeBytes(w http.ResponseWriter, r *http.Request, ctype, cache string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", cache)
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(b)
}

// certDownload serves a certificate's credential or PDF after the limit;
// notFound answers an unknown number.
func (s *Server) CertDownload(w http.ResponseWriter, r *http.Request, pdf bool, notFound func(error)) {
	cs, ok := s.CertPublic(w, r)
	if !ok {
		return
	}
	number := r.PathValue("number")
	if pdf {
		b, err := cs.CertificatePDF(r.Context(), number)
		if err != nil {
			notFound(err)
			return
		}
		w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", "certificate-"+number+".pdf"))
		// The PDF prints the status as of now: revalidate each time.
		certServeBytes(w, r, "application/pdf", "no-cache", b)
		return
	}
	b, err := cs.CertificateCredential(r.Context(), number)
	if err != nil {
		notFound(err)
		return
	}
	// The signed bytes never change: caching them is safe; the status
	// is in the status lists.
	certServeBytes(w, r, CredentialType, "public, max-age=3600", b)
}

// GET /status/{list}/{purpose}: the signed status list. Verifiers fetch it
// for every check, so caches may keep it a minute: a revocation reaches
// them at most that late.
func (s *Server) CertStatusList(w http.ResponseWriter, r *http.Request) {
	cs, ok := s.CertPublic(w, r)
	if !ok {
		return
	}
	list, err := strconv.ParseInt(r.PathValue("list"), 10, 64)
	if err != nil || list <= 0 {
		httpx.BadParam(w, r, &httpx.ParamError{Name: "list", Reason: "must be a positive integer"})
		return
	}
	b, err := cs.StatusListCredential(r.Context(), list, r.PathValue("purpose"))
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	certServeBytes(w, r, CredentialType, "public, max-age=60", b)
}
