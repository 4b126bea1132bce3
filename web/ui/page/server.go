package page

import "github.com/kasip/kasip/web/service"

// Server renders pages: the services and the parsed templates.
type Server struct {
	*service.Server
	UI *UIState // templates and assets
}
