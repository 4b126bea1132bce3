package service

import (
	"errors"
	"net/http"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
)

// certAPIError answers an unknown number with a 404 that says so.
func (s *Server) CertAPIError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, kasip.ErrNotFound) {
		httpx.Fail(w, r, http.StatusNotFound, "not found", i18n.APIT(r, "There is no certificate with this number in the register."))
		return
	}
	s.RecProblem(w, r, err)
}
