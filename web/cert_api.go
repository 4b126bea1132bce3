package web

import (
	"net/http"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/certificate"
)

// The certificate API: public reads (rate-limited) and the staff's writes.
var _ = registerAPIRoutes(certAPIRoutes()...)

func certAPIRoutes() []apiRoute {
	staff := roles(auth.RoleAdmin, auth.RoleManager)
	return []apiRoute{
		{http.MethodPost, "/api/v1/applications/{id}/certificate", staff, (*Server).apiIssueCertificate},
		{http.MethodGet, "/api/v1/certificates", public, (*Server).apiSearchCertificates},
		{http.MethodGet, "/api/v1/certificates/{number}", public, (*Server).apiGetCertificate},
		{http.MethodGet, "/api/v1/certificates/{number}/credential", public, (*Server).apiCertificateCredential},
		{http.MethodPost, "/api/v1/certificates/{number}/status", staff, (*Server).apiSetCertificateStatus},
	}
}

// POST /api/v1/applications/{id}/certificate (the centre's manager, an
// administrator): issue the certificate of a decided application. 201 with
// the new certificate; 200 with the one issued before, which issuing
// again returns unchanged.
func (s *Server) apiIssueCertificate(w http.ResponseWriter, r *http.Request) {
	id, perr := recPathID(r, "id")
	if perr != nil {
		badParam(w, r, perr)
		return
	}
	c, fresh, err := s.certIssue(r, id)
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	status := http.StatusOK
	if fresh {
		status = http.StatusCreated
	}
	writeJSON(w, r, status, s.certStaffView(c))
}

// GET /api/v1/certificates/{number}/credential (public): the signed
// credential, byte for byte as issued.
func (s *Server) apiCertificateCredential(w http.ResponseWriter, r *http.Request) {
	s.certDownload(w, r, false, func(err error) { s.certAPIError(w, r, err) })
}

// GET /api/v1/certificates?number=… or ?holder=…&profession=… (public)
func (s *Server) apiSearchCertificates(w http.ResponseWriter, r *http.Request) {
	if s.certLimited(w, r) {
		return
	}
	cs, err := s.certStore()
	if err != nil {
		s.recProblem(w, r, err)
		return
	}
	q := newAPIQuery(r)
	in := certificate.Query{Number: q.str("number"), Holder: q.str("holder"), Profession: q.str("profession"),
		Limit: q.intRange("limit", certificate.DefaultLimit, 1, certificate.MaxLimit), Offset: q.intRange("offset", 0, 0, maxOffset)}
	if q.err != nil {
		badParam(w, r, q.err)
		return
	}
	found, total, err := cs.SearchCertificates(r.Context(), in)
	if err != nil {
		registryError(w, r, err, "", http.StatusBadRequest)
		return
	}
	page := Page[CertificateView]{Items: make([]CertificateView, len(found)), Total: total, Limit: in.Limit, Offset: in.Offset}
	for i, p := range found {
		page.Items[i] = CertificateView{Public: p, Links: certLinks("", p.Number)}
	}
	writeJSON(w, r, http.StatusOK, page)
}

// POST /api/v1/certificates/{number}/status (the issuing centre's manager,
// an administrator): revoke, suspend or reinstate, for a reason.
func (s *Server) apiSetCertificateStatus(w http.ResponseWriter, r *http.Request) {
	var in CertificateStatusInput
	if !recReadJSON(w, r, &in) {
		return
	}
	c, err := s.certSetStatus(r, r.PathValue("number"), in)
	if err != nil {
		s.certAPIError(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, s.certStaffView(c))
}
