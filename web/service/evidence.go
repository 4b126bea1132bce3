package service

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"

	"github.com/kasip/kasip"
)

// recReadEvidence reads the parts component, unit and file of a multipart
// body, holding at most max bytes of file: the settings' limit, checked
// while reading so that a huge upload is cut off early.
func recReadEvidence(r *http.Request, max int64) (RecEvidenceUpload, error) {
	var up RecEvidenceUpload
	mr, err := r.MultipartReader()
	if err != nil {
		return up, RecErr(kasip.ErrInvalid, "request.multipart")
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return up, recUploadErr("malformed multipart body", err)
		}
		if err := up.read(part, max); err != nil {
			return up, err
		}
	}
	if up.Data == nil {
		return up, RecErr(kasip.ErrInvalid, "request.file_missing")
	}
	return up, nil
}

// recUploadErr is a failure to read an upload: too large, or malformed.
func recUploadErr(what string, err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return ErrEvidenceTooLarge
	}
	return recognition.NewError(kasip.ErrInvalid, "request.multipart").Wrap(fmt.Errorf("%s: %w", what, err))
}

// read takes one part into up.
func (up *RecEvidenceUpload) read(part *multipart.Part, max int64) error {
	defer part.Close()
	switch part.FormName() {
	case "component", "unit", "state":
		b, err := io.ReadAll(io.LimitReader(part, 1024))
		if err != nil {
			return recUploadErr("reading the form", err)
		}
		v := strings.TrimSpace(string(b))
		switch part.FormName() {
		case "component":
			up.Component = v
		case "unit":
			up.Unit = v
		default:
			up.State = v
		}
	case "file":
		data, err := io.ReadAll(io.LimitReader(part, max+1))
		if err != nil {
			return recUploadErr("reading the file", err)
		}
		if int64(len(data)) > max {
			return ErrEvidenceTooLarge
		}
		up.Name, up.Data = part.FileName(), data
		up.ContentType = part.Header.Get("Content-Type")
		if mt, _, err := mime.ParseMediaType(up.ContentType); err != nil || mt == "application/octet-stream" {
			// Browsers send octet-stream for types they do not know;
			// the content says more.
			up.ContentType = recognition.DetectEvidenceType(data)
		}
	}
	return nil
}

// recEvidenceUpload is an evidence file as read from a multipart body.
type RecEvidenceUpload struct {
	Component, Unit, Name, ContentType string
	Data                               []byte
	State                              string // the state a page's form was shown in
}

// isEvidenceUploader: the assessors of the centre (the store checks the
// session), and the candidate, for a portfolio.
func IsEvidenceUploader(p auth.Principal, a recognition.Application) bool {
	return IsAssessorOf(p, a) || IsCandidateOf(p, a)
}

// recReadUpload reads an evidence upload within the settings' size limit.
func (s *Server) RecReadUpload(w http.ResponseWriter, r *http.Request, rs recognition.Store) (RecEvidenceUpload, error) {
	set, err := rs.RecognitionSettings(r.Context())
	if err != nil {
		return RecEvidenceUpload{}, err
	}
	// The multipart overhead (boundaries, headers, the small fields) is
	// far below 64 KiB.
	r.Body = http.MaxBytesReader(w, r.Body, set.EvidenceMaxBytes+64<<10)
	up, err := recReadEvidence(r, set.EvidenceMaxBytes)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = ErrEvidenceTooLarge
	}
	return up, err
}

// seesEvidence: the files are the candidate's and the assessment's, for
// the candidate, the centre's staff and administrators; a referring
// employer follows the application but does not get the files.
func SeesEvidence(p auth.Principal, a recognition.Application) bool {
	return IsCandidateOf(p, a) || IsCentreStaffOrAdmin(p, a)
}

// writeEvidence sends an evidence file as an attachment: never rendered
// inline, so that an uploaded HTML or SVG cannot run in the site's origin.
func (s *Server) WriteEvidence(w http.ResponseWriter, e recognition.Evidence, data []byte) {
	h := w.Header()
	h.Set("Content-Type", e.ContentType)
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(e.Name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	h.Set("ETag", `"`+e.SHA256+`"`)
	h.Set("Content-Length", fmt.Sprint(len(data)))
	_, _ = w.Write(data)
}
