package web

import (
	"errors"
	"net/http"

	"github.com/kasip/kasip"
)

// certAPIError answers an unknown number with a 404 that says so.
func (s *Server) certAPIError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, kasip.ErrNotFound) {
		fail(w, r, http.StatusNotFound, "not found", apiT(r, "There is no certificate with this number in the register."))
		return
	}
	s.recProblem(w, r, err)
}
