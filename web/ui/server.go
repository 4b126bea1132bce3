package ui

import "github.com/kasip/kasip/web/ui/page"

// Server serves the pages.
type Server struct {
	*page.Server
}
