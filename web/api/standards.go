package api

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/lint"
	"github.com/kasip/kasip/read"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
)

// standardSorts are the accepted values of the sort parameter.
var standardSorts = []string{"code", "-code", "title", "-title", "review", "-review", "imported", "-imported"}

// GET /api/v1/standards
func (s *Server) apiListStandards(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQuery(r)
	f := kasip.StandardFilter{
		Query:    q.Str("q"),
		Language: q.OneOf("lang", contentLanguages...),
		Family:   q.OneOf("family", "kz", "ru"),
		Sort:     q.OneOf("sort", standardSorts...),
	}
	f.Generated = q.Generated()
	if d, ok := q.Date("review_before"); ok {
		f.ReviewBefore = d.Format(time.DateOnly)
	}
	f.Limit, f.Offset = q.Page()
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	items, total, err := s.Reg.ListStandards(r.Context(), f)
	if err != nil {
		httpx.RegistryError(w, r, err, "", http.StatusBadRequest)
		return
	}
	for i := range items {
		items[i].Languages = httpx.NonNilSlice(items[i].Languages)
	}
	httpx.WriteJSON(w, r, http.StatusOK, httpx.Page[kasip.StandardSummary]{Items: httpx.NonNilSlice(items), Total: total, Limit: f.Limit, Offset: f.Offset})
}

// pathCode reads the {code} wildcard.
func pathCode(r *http.Request) (string, *httpx.ParamError) {
	code := strings.TrimSpace(r.PathValue("code"))
	if code == "" || len(code) > 100 {
		return "", &httpx.ParamError{Name: "code", Reason: "must be a standard code"}
	}
	return code, nil
}

// standard is version of the standard code ("" the latest); when there
// is none, or the registry fails, it has answered and ok is false.
func (s *Server) standard(w http.ResponseWriter, r *http.Request, code, version string) (st *kasip.Standard, ok bool) {
	st, err := s.Reg.Standard(r.Context(), code, version)
	if err != nil {
		httpx.RegistryError(w, r, err, notFoundDetail(r, code, version), http.StatusBadRequest)
		return nil, false
	}
	return st, true
}

// readCode reads the {code} wildcard; a bad one is answered (400) and ok
// is false.
func readCode(w http.ResponseWriter, r *http.Request) (code string, ok bool) {
	code, perr := pathCode(r)
	if perr != nil {
		httpx.BadParam(w, r, perr)
		return "", false
	}
	return code, true
}

// notFoundDetail says what was not found, in the request's language.
func notFoundDetail(r *http.Request, code, version string) string {
	if version == "" {
		return i18n.APIT(r, "no standard with code %q", code)
	}
	return i18n.APIT(r, "no version %q of standard %q", version, code)
}

// GET /api/v1/standards/{code} and /api/v1/standards/{code}/versions/{version}
func (s *Server) apiGetStandard(w http.ResponseWriter, r *http.Request) {
	code, ok := readCode(w, r)
	if !ok {
		return
	}
	version := r.PathValue("version")
	if raw := s.StandardJSON; raw != nil {
		data, err := raw.StandardJSON(r.Context(), code, version)
		if err != nil {
			httpx.RegistryError(w, r, err, notFoundDetail(r, code, version), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(data)
		return
	}
	st, ok := s.standard(w, r, code, version)
	if !ok {
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, st)
}

// GET /api/v1/standards/{code}/versions
func (s *Server) apiVersions(w http.ResponseWriter, r *http.Request) {
	code, ok := readCode(w, r)
	if !ok {
		return
	}
	vs, err := s.Reg.Versions(r.Context(), code)
	if err == nil && len(vs) == 0 {
		err = kasip.ErrNotFound
	}
	if err != nil {
		httpx.RegistryError(w, r, err, notFoundDetail(r, code, ""), http.StatusBadRequest)
		return
	}
	for i := range vs {
		vs[i].Languages = httpx.NonNilSlice(vs[i].Languages)
		vs[i].Sources = httpx.NonNilSlice(vs[i].Sources)
	}
	httpx.WriteJSON(w, r, http.StatusOK, vs)
}

// DiffResponse is the answer of the diff endpoint.
type DiffResponse struct {
	From    string         `json:"from"`
	To      string         `json:"to"`
	Changes []kasip.Change `json:"changes"`
}

// GET /api/v1/standards/{code}/diff?from=&to=
func (s *Server) apiDiff(w http.ResponseWriter, r *http.Request) {
	code, ok := readCode(w, r)
	if !ok {
		return
	}
	q := httpx.NewQuery(r)
	from, to := q.Required("from"), q.Required("to")
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	a, ok := s.standard(w, r, code, from)
	if !ok {
		return
	}
	b, ok := s.standard(w, r, code, to)
	if !ok {
		return
	}
	httpx.WriteJSON(w, r, http.StatusOK, DiffResponse{From: from, To: to, Changes: httpx.NonNilSlice(kasip.Diff(a, b))})
}

// GET /api/v1/standards/{code}/lint?today=&version=&lang=
//
// The messages are in the request's language: lang, then the lang cookie,
// then Accept-Language, as every API text.
func (s *Server) apiLint(w http.ResponseWriter, r *http.Request) {
	code, ok := readCode(w, r)
	if !ok {
		return
	}
	q := httpx.NewQuery(r)
	today, ok := q.Date("today")
	if !ok {
		now := s.Opt.Now()
		today = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	}
	version := q.Str("version")
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	st, ok := s.standard(w, r, code, version)
	if !ok {
		return
	}
	lang := i18n.RequestLang(r)
	w.Header().Set("Content-Language", lang)
	httpx.WriteJSON(w, r, http.StatusOK, httpx.NonNilSlice(lint.Check(st, lint.Options{Today: today, Lang: lang})))
}

// GET /api/v1/standards/{code}/versions/{version}/sources/{index}
//
// The original bytes, never re-encoded. The Content-Type says what the file
// is; for text and HTML the charset is the one the reader detected, so a
// windows-1251 page is not announced as UTF-8.
func (s *Server) apiSource(w http.ResponseWriter, r *http.Request) {
	code, ok := readCode(w, r)
	if !ok {
		return
	}
	version := r.PathValue("version")
	index, err := strconv.Atoi(r.PathValue("index"))
	if err != nil || index < 0 || index > 10_000 {
		httpx.BadParam(w, r, &httpx.ParamError{Name: "index", Reason: "must be an integer from %d to %d", Args: []any{0, 10_000}})
		return
	}
	src, err := s.Reg.Source(r.Context(), code, version, index)
	if err != nil {
		httpx.RegistryError(w, r, err, i18n.APIT(r, "no source %d of version %q of standard %q", index, version, code), http.StatusBadRequest)
		return
	}
	h := w.Header()
	h.Set("Content-Type", sourceContentType(src))
	h.Set("Content-Disposition", ContentDisposition(src.Name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	if src.SHA256 != "" {
		h.Set("ETag", `"`+src.SHA256+`"`)
	}
	// A version can be re-imported with other content ("updated"): caches
	// revalidate with the ETag rather than keep a copy for a while.
	h.Set("Cache-Control", "no-cache")
	// ServeContent answers Range and If-None-Match.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(src.Data))
}

// sourceContentType is the media type of a source file by its format.
func sourceContentType(src kasip.SourceFile) string {
	format := src.Format
	if format == "" {
		format = read.Detect(src.Data)
	}
	switch format {
	case read.FormatText:
		return "text/plain; charset=" + textCharset(src.Data)
	case read.FormatHTML:
		if cs := textCharset(src.Data); cs != "utf-8" {
			return "text/html; charset=" + cs
		}
		return "text/html; charset=utf-8"
	case read.FormatDOCX, "docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case read.FormatXML:
		return "application/xml"
	}
	return "application/octet-stream"
}

// textCharset names the encoding of text data as an IANA charset.
func textCharset(data []byte) string {
	_, enc, err := read.Decode(data)
	if err != nil {
		return "utf-8"
	}
	switch enc {
	case read.EncUTF16LE, read.EncUTF16BE:
		return "utf-16" // the file starts with its byte order mark
	case read.EncCP1251:
		return "windows-1251"
	}
	return "utf-8"
}

// contentDisposition makes an attachment header with the file name in
// RFC 5987 form (UTF-8, percent-encoded) and an ASCII fallback.
func ContentDisposition(name string) string {
	if name == "" {
		name = "source"
	}
	var ascii, ext strings.Builder
	for _, b := range []byte(name) {
		switch {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9',
			strings.IndexByte("!#$&+-.^_`|~", b) >= 0:
			ext.WriteByte(b)
		default:
			fmt.Fprintf(&ext, "%%%02X", b)
		}
	}
	for _, c := range name {
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			ascii.WriteByte('_')
		} else {
			ascii.WriteRune(c)
		}
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii.String(), ext.String())
}
