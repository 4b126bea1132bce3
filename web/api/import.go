package api

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
)

// ImportFileResult is what importing one standard of an uploaded file did.
type ImportFileResult struct {
	File     string   `json:"file"`
	Code     string   `json:"code"`
	Version  string   `json:"version"`
	Status   string   `json:"status"`
	Unmerged []string `json:"unmerged"`
	// Conflicts are where the merged documents disagree, with both values.
	Conflicts []kasip.Conflict `json:"conflicts"`
}

// ImportResponse is the answer of POST /api/v1/import.
type ImportResponse struct {
	Results []ImportFileResult `json:"results"`
}

// apiUpload is one "file" part, read.
type apiUpload struct {
	name      string
	data      []byte
	standards []*kasip.Standard
}

// POST /api/v1/import (administrator)
//
// Every part is read before anything is imported: a part that is not a
// standard rejects the whole request with 422 and the registry stays as it
// was. The body is bounded by Options.MaxUploadSize (413 beyond).
func (s *Server) apiImport(w http.ResponseWriter, r *http.Request) {
	limit := s.Opt.MaxUploadSize
	if r.ContentLength > limit {
		s.tooLarge(w, r, limit)
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "multipart/form-data" {
		httpx.Fail(w, r, http.StatusUnsupportedMediaType, "unsupported media type", i18n.APIT(r, "expected %s", "multipart/form-data"))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	mr, err := r.MultipartReader()
	if err != nil {
		httpx.Fail(w, r, http.StatusBadRequest, "invalid request body", i18n.APIT(r, "expected %s", "multipart/form-data"))
		return
	}

	var uploads []apiUpload
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			s.uploadError(w, r, err, limit)
			return
		}
		if part.FormName() != "file" {
			// Other fields are allowed and ignored (bounded by the limit).
			if _, err := io.Copy(io.Discard, part); err != nil {
				s.uploadError(w, r, err, limit)
				return
			}
			continue
		}
		name := uploadName(part, len(uploads)+1)
		data, err := io.ReadAll(part)
		if err != nil {
			s.uploadError(w, r, err, limit)
			return
		}
		sts, err := read.Read(name, data, read.Options{})
		if err == nil && len(sts) == 0 {
			err = &read.Error{File: name, Expected: "a professional standard", Err: read.ErrNotStandard}
		}
		if err == nil {
			err = checkImportable(name, sts)
		}
		if err != nil {
			s.Log.Info("import rejected", "file", name, "err", err)
			httpx.WriteProblem(w, r, httpx.Problem{Status: http.StatusUnprocessableEntity, Title: "not a professional standard", Detail: err.Error()})
			return
		}
		uploads = append(uploads, apiUpload{name: name, data: data, standards: sts})
	}
	if len(uploads) == 0 {
		httpx.BadParam(w, r, &httpx.ParamError{Name: "file", Reason: "is required"})
		return
	}

	var resp ImportResponse
	for _, u := range uploads {
		sum := sha256.Sum256(u.data)
		src := kasip.SourceFile{Name: u.name, Format: sourceFormat(u), SHA256: hex.EncodeToString(sum[:]), Data: u.data}
		for _, st := range u.standards {
			res, err := s.Reg.Import(r.Context(), st, []kasip.SourceFile{src})
			if err != nil {
				if len(resp.Results) > 0 {
					s.Log.Warn("import stopped part-way", "file", u.name, "imported", len(resp.Results), "err", err)
				}
				httpx.RegistryError(w, r, fmt.Errorf("%s: %w", u.name, err), "", http.StatusUnprocessableEntity)
				return
			}
			s.Log.Info("imported", "file", u.name, "code", res.Code, "version", res.Version, "status", res.Status)
			resp.Results = append(resp.Results, ImportFileResult{
				File: u.name, Code: res.Code, Version: res.Version, Status: res.Status, Unmerged: httpx.NonNilSlice(res.Unmerged),
				Conflicts: httpx.NonNilSlice(res.Conflicts),
			})
		}
	}
	httpx.WriteJSON(w, r, http.StatusOK, resp)
}

// checkImportable rejects what the registry could not key: a document
// without a standard code (a lone card, say).
func checkImportable(name string, sts []*kasip.Standard) error {
	for _, st := range sts {
		if strings.TrimSpace(st.Code) == "" {
			return &read.Error{File: name, Expected: "the standard's code in the passport", Err: errors.New("the document gives no standard code")}
		}
	}
	return nil
}

// sourceFormat is the format the reader found the upload in.
func sourceFormat(u apiUpload) string {
	for _, st := range u.standards {
		for _, src := range st.Sources {
			if src.File == u.name && src.Format != "" {
				return src.Format
			}
		}
	}
	return read.Detect(u.data)
}

// uploadName is the base name of a part's file name ("upload-N" when it
// has none); a client's path never reaches the registry.
func uploadName(part *multipart.Part, n int) string {
	name := strings.ReplaceAll(part.FileName(), `\`, "/")
	name = strings.TrimSpace(path.Base(name))
	name = strings.Map(func(c rune) rune {
		if c < 0x20 || c == 0x7f {
			return -1
		}
		return c
	}, name)
	if name == "" || name == "." || name == "/" || name == ".." {
		return fmt.Sprintf("upload-%d", n)
	}
	for len(name) > 255 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}

// uploadError answers a failure to read the request body.
func (s *Server) uploadError(w http.ResponseWriter, r *http.Request, err error, limit int64) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		s.tooLarge(w, r, limit)
		return
	}
	if r.Context().Err() != nil {
		httpx.RegistryError(w, r, r.Context().Err(), "", http.StatusBadRequest)
		return
	}
	httpx.Fail(w, r, http.StatusBadRequest, "invalid request body", i18n.APIT(r, "expected %s", "multipart/form-data"))
}

func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request, limit int64) {
	// The rest of the body is not read: close the connection after this.
	w.Header().Set("Connection", "close")
	httpx.Fail(w, r, http.StatusRequestEntityTooLarge, "request body too large", i18n.APIT(r, "the limit is %d bytes", limit))
}
