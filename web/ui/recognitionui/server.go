package recognitionui

import "github.com/kasip/kasip/web/ui/page"

// Server serves the recognition pages.
type Server struct {
	*page.Server
}
