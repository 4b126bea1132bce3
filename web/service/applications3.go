package service

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

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
