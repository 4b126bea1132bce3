package recognitionui

import (
	"net/http"
	"slices"

	"github.com/kasip/kasip/web/ui/page"
)

// Routes are the recognition pages, for the UI's route table.
func Routes() []page.UIRoute {
	return slices.Concat(certUIRoutes(), recApplicationUIRoutes(), recCentreUIRoutes(), recProgrammeUIRoutes())
}

// pageOf makes a handler of this package's Server into a route handler,
// which receives the page.Server it wraps.
func pageOf(m func(*Server, http.ResponseWriter, *http.Request) error) func(*page.Server, http.ResponseWriter, *http.Request) error {
	return func(ps *page.Server, w http.ResponseWriter, r *http.Request) error { return m(&Server{ps}, w, r) }
}

// plainOf is pageOf for handlers that answer themselves.
func plainOf(m func(*Server, http.ResponseWriter, *http.Request)) func(*page.Server, http.ResponseWriter, *http.Request) {
	return func(ps *page.Server, w http.ResponseWriter, r *http.Request) { m(&Server{ps}, w, r) }
}
