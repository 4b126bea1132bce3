package recognitionui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui/page"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
)

// The pages of certificates: the public verification page its QR code
// opens, the register search, and the staff's page of a certificate with
// the form that changes its status. The public paths are those of
// certificate.URLs, signed into credentials: they must not move.

func certUIRoutes() []page.UIRoute {
	get, post := http.MethodGet, http.MethodPost
	staff := session.Roles(auth.RoleAdmin, auth.RoleManager)
	return []page.UIRoute{
		{Method: get, Path: "/verify", Access: session.Public, Page: pageOf((*Server).uiCertSearch)},
		{Method: get, Path: "/verify/{number}", Access: session.Public, Page: pageOf((*Server).uiCertVerify)},
		{Method: get, Path: "/verify/{number}/credential.json", Access: session.Public, Plain: plainOf((*Server).uiCertCredential)},
		{Method: get, Path: "/verify/{number}/certificate.pdf", Access: session.Public, Plain: plainOf((*Server).uiCertPDF)},
		{Method: get, Path: "/status/{list}/{purpose}", Access: session.Public, Plain: plainOf((*Server).CertStatusList)},
		{Method: post, Path: "/recognition/applications/{id}/certificate", Access: staff, Page: pageOf((*Server).uiCertIssue)},
		{Method: get, Path: "/recognition/certificates/{number}", Access: staff, Page: pageOf((*Server).uiCertStaff)},
		{Method: post, Path: "/recognition/certificates/{number}/status", Access: staff, Page: pageOf((*Server).uiCertSetStatus)},
	}
}

type uiCertVerifyData struct {
	page.UIBase
	Number string
	Found  bool
	C      page.UICertCard
}

// uiCertPublic starts a public certificate page: within the rate limit,
// with the certificate store; a non-nil error is the page to answer.
func (s *Server) uiCertPublic(w http.ResponseWriter, r *http.Request) (certificate.Store, error) {
	if err := s.uiCertLimited(w, r); err != nil {
		return nil, err
	}
	cs, err := s.CertStore()
	if err != nil {
		return nil, s.UIRecPageError(r, err)
	}
	return cs, nil
}

// uiCertLimited answers a page request over the public limit: 429 with
// Retry-After.
func (s *Server) uiCertLimited(w http.ResponseWriter, r *http.Request) error {
	ok, wait := s.Verifies.Allow(s.Opt.Now(), s.ClientKey(r))
	if ok {
		return nil
	}
	w.Header().Set("Retry-After", strconv.Itoa(httpx.RetryAfterSeconds(wait)))
	return &httpx.UIError{Status: http.StatusTooManyRequests, Title: "Too many requests",
		Detail: i18n.Translate(i18n.RequestLang(r), "Please wait a little and try again.")}
}

// GET /verify/{number}: whether the certificate is genuine and its status
// now. An unknown number gets its own page, with 404.
func (s *Server) uiCertVerify(w http.ResponseWriter, r *http.Request) error {
	if httpx.WantsJSON(r) {
		// A verifier's program reads the same address as a person.
		w.Header().Add("Vary", "Accept")
		s.APIGetCertificate(w, r)
		return nil
	}
	w.Header().Add("Vary", "Accept")
	cs, err := s.uiCertPublic(w, r)
	if err != nil {
		return err
	}
	number := r.PathValue("number")
	d := &uiCertVerifyData{UIBase: s.UIBase(r, i18n.Translate(i18n.RequestLang(r), "Certificate verification")), Number: number}
	d.Nav = "verify"
	c, err := cs.PublicCertificate(r.Context(), number)
	switch {
	case errors.Is(err, kasip.ErrNotFound):
		return s.UIRender(w, r, http.StatusNotFound, "cert_verify", d)
	case err != nil:
		return err
	}
	d.Found, d.C = true, s.UICertCardOf(c, false)
	w.Header().Set("Cache-Control", "no-cache")
	return s.UIRender(w, r, http.StatusOK, "cert_verify", d)
}

// uiCertCredential and uiCertPDF serve the downloads of the public page.
func (s *Server) uiCertCredential(w http.ResponseWriter, r *http.Request) {
	s.CertDownload(w, r, false, func(err error) { s.uiCertDownloadError(w, r, err) })
}

func (s *Server) uiCertPDF(w http.ResponseWriter, r *http.Request) {
	s.CertDownload(w, r, true, func(err error) { s.uiCertDownloadError(w, r, err) })
}

func (s *Server) uiCertDownloadError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, kasip.ErrNotFound) {
		s.UIErrorPage(w, r, &httpx.UIError{Status: http.StatusNotFound, Title: "No such certificate",
			Detail: i18n.Translate(i18n.RequestLang(r), "There is no certificate with this number in the register.")})
		return
	}
	s.Log.Error("ui: certificate download", "path", r.URL.Path, "err", err)
	s.UIErrorPage(w, r, &httpx.UIError{Status: http.StatusInternalServerError, Title: "Something went wrong"})
}

type uiCertSearchData struct {
	page.UIBase
	Number, Holder, Profession string
	Searched                   bool
	Error                      string
	Results                    []page.UICertCard
	Total                      int
}

// GET /verify: find a certificate by its number, or by the holder's name
// with the profession (both: a name alone would list namesakes).
func (s *Server) uiCertSearch(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.uiCertPublic(w, r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	d := &uiCertSearchData{UIBase: s.UIBase(r, i18n.Translate(i18n.RequestLang(r), "Verify a certificate")),
		Number: httpx.ClipKey(strings.TrimSpace(q.Get("number")), httpx.MaxQueryLen), Holder: httpx.ClipKey(strings.TrimSpace(q.Get("holder")), httpx.MaxQueryLen),
		Profession: httpx.ClipKey(strings.TrimSpace(q.Get("profession")), httpx.MaxQueryLen)}
	d.Nav = "verify"
	if d.Number == "" && d.Holder == "" && d.Profession == "" {
		return s.UIRender(w, r, http.StatusOK, "cert_search", d)
	}
	if d.Number != "" && d.Holder == "" && d.Profession == "" {
		// A number goes straight to its page, as the QR code would.
		http.Redirect(w, r, certificate.URLs{}.Verify(d.Number), http.StatusSeeOther)
		return nil
	}
	d.Searched = true
	found, total, err := cs.SearchCertificates(r.Context(), certificate.Query{Holder: d.Holder, Profession: d.Profession})
	if errors.Is(err, kasip.ErrInvalid) {
		d.Error = i18n.Translate(i18n.RequestLang(r), "Give the certificate number, or at least two words of the holder's name together with the profession.")
		return s.UIRender(w, r, http.StatusBadRequest, "cert_search", d)
	}
	if err != nil {
		return err
	}
	d.Total = total
	for _, p := range found {
		d.Results = append(d.Results, page.UICertCard{P: p, Status: i18n.UICertStatuses[p.Status], Links: service.CertLinks("", p.Number)})
	}
	return s.UIRender(w, r, http.StatusOK, "cert_search", d)
}

// POST /recognition/applications/{id}/certificate: issue, then show it.
func (s *Server) uiCertIssue(w http.ResponseWriter, r *http.Request) error {
	id, err := UIPathID(r, "id")
	if err != nil {
		return err
	}
	if err := page.UIReadForm(w, r); err != nil {
		return err
	}
	c, _, err := s.CertIssue(r, id)
	if err != nil {
		fail, perr := s.UIRecFail(r, "certificate", err)
		if perr != nil {
			return perr
		}
		return s.UIRecApplicationPage(w, r, id, fail)
	}
	return UIRecRedirect(w, r, page.UICertURL(c.Number), "issued")
}

type uiCertStaffData struct {
	UIRecPage
	C             page.UICertCard
	ApplicationID int64
	Moves         []uiCertMove
}

// uiCertMove is a status the certificate may be given.
type uiCertMove struct {
	Status string
	Label  string // message key
}

// uiCertMoves are the changes the stored state allows.
func uiCertMoves(state string) []uiCertMove {
	switch state {
	case certificate.StatusValid:
		return []uiCertMove{{certificate.StatusRevoked, "Revoke"}, {certificate.StatusSuspended, "Suspend"}}
	case certificate.StatusSuspended:
		return []uiCertMove{{certificate.StatusRevoked, "Revoke"}, {certificate.StatusValid, "Reinstate"}}
	}
	return nil
}

// GET /recognition/certificates/{number}: the staff's page.
func (s *Server) uiCertStaff(w http.ResponseWriter, r *http.Request) error {
	return s.uiCertStaffPage(w, r, r.PathValue("number"), nil)
}

func (s *Server) uiCertStaffPage(w http.ResponseWriter, r *http.Request, number string, fail *UIRecFailure) error {
	cs, err := s.CertStore()
	if err != nil {
		return s.UIRecPageError(r, err)
	}
	c, err := cs.Certificate(r.Context(), number)
	if errors.Is(err, kasip.ErrNotFound) {
		return httpx.UINotFound(i18n.Translate(i18n.RequestLang(r), "There is no certificate with this number in the register."))
	}
	if err != nil {
		return err
	}
	if !service.MayChangeCertificate(session.Principal(r), c.CentreID) {
		return s.UIRecPageError(r, service.ErrRefused)
	}
	title := i18n.Translate(i18n.RequestLang(r), "Qualification certificate") + " " + c.Number
	d := &uiCertStaffData{UIRecPage: s.RecPage(r, page.UICertURL(number), nil, title, "", fail),
		C: s.UICertCardOf(c, true), ApplicationID: c.ApplicationID, Moves: uiCertMoves(c.State)}
	return s.UIRender(w, r, UIRecStatus(fail), "cert_staff", d)
}

// POST /recognition/certificates/{number}/status
func (s *Server) uiCertSetStatus(w http.ResponseWriter, r *http.Request) error {
	number := r.PathValue("number")
	if err := page.UIReadForm(w, r); err != nil {
		return err
	}
	_, err := s.CertSetStatus(r, number, service.CertificateStatusInput{Status: r.PostFormValue("status"), Reason: r.PostFormValue("reason")})
	if err != nil {
		if errors.Is(err, kasip.ErrNotFound) {
			return httpx.UINotFound(i18n.Translate(i18n.RequestLang(r), "There is no certificate with this number in the register."))
		}
		fail, perr := s.UIRecFail(r, "status", err)
		if perr != nil {
			return perr
		}
		return s.uiCertStaffPage(w, r, number, fail)
	}
	return UIRecRedirect(w, r, page.UICertURL(number), "certificate-status")
}

// ---- on the pages of recognition ----

// uiCertOfApplication is the certificate block of an application's page:
// the certificate when issued (with its links), else whether the caller
// may issue it now.
type uiCertOfApplication struct {
	Issued   bool
	C        page.UICertCard
	StaffURL string // the staff's page, for those who may change it
	CanIssue bool
}

// uiCertForApplication fills the block; a registry without certificates
// gets an empty one.
func (s *Server) uiCertForApplication(r *http.Request, a recognition.Application, last recognition.Decision) (uiCertOfApplication, error) {
	var out uiCertOfApplication
	cs, err := s.CertStore()
	if err != nil {
		return out, nil
	}
	staff := service.MayChangeCertificate(session.Principal(r), a.CentreID)
	c, err := cs.CertificateByApplication(r.Context(), a.ID)
	switch {
	case err == nil:
		out.Issued, out.C = true, s.UICertCardOf(c, staff)
		if staff {
			out.StaffURL = page.UICertURL(c.Number)
		}
	case errors.Is(err, kasip.ErrNotFound):
		out.CanIssue = staff && certificate.CheckIssuable(a, last) == nil
	default:
		return out, err
	}
	return out, nil
}

// uiCertsOfCandidate are a candidate's certificates for their own page.
func (s *Server) uiCertsOfCandidate(r *http.Request, candidateID int64) ([]page.UICertCard, error) {
	cs, err := s.CertStore()
	if err != nil || candidateID == 0 {
		return nil, nil
	}
	list, err := cs.CertificatesOfCandidate(r.Context(), candidateID)
	if err != nil {
		return nil, err
	}
	out := make([]page.UICertCard, len(list))
	for i, c := range list {
		out[i] = s.UICertCardOf(c, false)
	}
	return out, nil
}

// uiRecLastDecision is the decision in force: the last one.
func uiRecLastDecision(a recognition.Application) recognition.Decision {
	if len(a.Decisions) == 0 {
		return recognition.Decision{}
	}
	return a.Decisions[len(a.Decisions)-1]
}
