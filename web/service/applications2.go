package service

import (
	"io"
	"net/http"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
)

func IsCentreStaffOrAdmin(p auth.Principal, a recognition.Application) bool {
	return p.Is(auth.RoleAdmin) || p.InCentre(a.CentreID)
}

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
