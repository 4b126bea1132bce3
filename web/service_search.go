package web

import (
	"github.com/kasip/kasip"
)

// searcher is the registry as a kasip.Searcher, or nil.
func (s *Server) searcher() kasip.Searcher {
	if sr, ok := s.reg.(kasip.Searcher); ok {
		return sr
	}
	return nil
}
