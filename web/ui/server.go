package ui

import "github.com/kasip/kasip/web/service"

// Server serves the pages.
type Server struct {
	*service.Server
	UI *UIState // templates and assets
}
