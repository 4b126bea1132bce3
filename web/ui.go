package web

// uiState holds parsed templates and assets (being written).
type uiState struct{}

func newUI() (*uiState, error) { return &uiState{}, nil }

// uiRoutes mounts the pages (being written).
func (s *Server) uiRoutes() {}
