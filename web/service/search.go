package service

import (
	"github.com/kasip/kasip"
)

// searcher is the registry as a kasip.Searcher, or nil.
func (s *Server) Searcher() kasip.Searcher {
	if sr, ok := s.Reg.(kasip.Searcher); ok {
		return sr
	}
	return nil
}
