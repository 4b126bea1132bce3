package api

import (
	"net/http"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
)

// certAPIRoutes are the certificate API: public reads (rate-limited) and
// the staff's writes.
func certAPIRoutes() []apiRoute {
	staff := session.Roles(auth.RoleAdmin, auth.RoleManager)
	return []apiRoute{
		{http.MethodPost, "/api/v1/applications/{id}/certificate", staff, (*Server).apiIssueCertificate},
		{http.MethodGet, "/api/v1/certificates", session.Public, (*Server).apiSearchCertificates},
		{http.MethodGet, "/api/v1/certificates/{number}", session.Public, (*Server).APIGetCertificate},
		{http.MethodGet, "/api/v1/certificates/{number}/credential", session.Public, (*Server).apiCertificateCredential},
		{http.MethodPost, "/api/v1/certificates/{number}/status", staff, (*Server).apiSetCertificateStatus},
	}
}

// POST /api/v1/applications/{id}/certificate (the centre's manager, an
// administrator): issue the certificate of a decided application. 201 with
// the new certificate; 200 with the one issued before, which issuing
// again returns unchanged.
func (s *Server) apiIssueCertificate(w http.ResponseWriter, r *http.Request) {
	id, perr := httpx.PathID(r, "id")
	if perr != nil {
		httpx.BadParam(w, r, perr)
		return
	}
	c, fresh, err := s.CertIssue(r, id)
	if err != nil {
		s.RecProblem(w, r, err)
		return
	}
	status := http.StatusOK
	if fresh {
		status = http.StatusCreated
	}
	httpx.WriteJSON(w, r, status, s.CertStaffView(c))
}

// GET /api/v1/certificates/{number}/credential (public): the signed
// credential, byte for byte as issued.
func (s *Server) apiCertificateCredential(w http.ResponseWriter, r *http.Request) {
	s.CertDownload(w, r, false, func(err error) { s.CertAPIError(w, r, err) })
}

// GET /api/v1/certificates?number=… or ?holder=…&profession=… (public)
func (s *Server) apiSearchCertificates(w http.ResponseWriter, r *http.Request) {
	cs, ok := s.CertPublic(w, r)
	if !ok {
		return
	}
	q := httpx.NewQuery(r)
	in := certificate.Query{Number: q.Str("number"), Holder: q.Str("holder"), Profession: q.Str("profession"),
		Limit: q.IntRange("limit", certificate.DefaultLimit, 1, certificate.MaxLimit), Offset: q.IntRange("offset", 0, 0, httpx.MaxOffset)}
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	found, total, err := cs.SearchCertificates(r.Context(), in)
	if err != nil {
		httpx.RegistryError(w, r, err, "", http.StatusBadRequest)
		return
	}
	page := httpx.Page[service.CertificateView]{Items: make([]service.CertificateView, len(found)), Total: total, Limit: in.Limit, Offset: in.Offset}
	for i, p := range found {
		page.Items[i] = service.CertificateView{Public: p, Links: service.CertLinks("", p.Number)}
	}
	httpx.WriteJSON(w, r, http.StatusOK, page)
}

// POST /api/v1/certificates/{number}/status (the issuing centre's manager,
// an administrator): revoke, suspend or reinstate, for a reason.
func (s *Server) apiSetCertificateStatus(w http.ResponseWriter, r *http.Request) {
	var in service.CertificateStatusInput
	if !httpx.ReadLargeJSON(w, r, &in) {
		return
	}
	c, err := s.CertSetStatus(r, r.PathValue("number"), in)
	if err != nil {
		s.CertAPIError(w, r, err)
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, s.CertStaffView(c))
}
