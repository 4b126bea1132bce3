package web

// apiRoutes mounts /api/v1 (being written).
func (s *Server) apiRoutes() {}
