package api

import "github.com/kasip/kasip/web/service"

// Server serves the JSON API.
type Server struct {
	*service.Server
}
