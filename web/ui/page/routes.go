package page

import (
	"net/http"

	"github.com/kasip/kasip/web/session"
)

// uiRoute is one route of the UI. Method "" matches any method (the
// catch-all). Access says who may see it (session.Access); the guard checks it
// before the handler runs. Page handlers return an error to get an error
// page (uiHandle); Plain handlers, such as static files, answer themselves.
type UIRoute struct {
	Method string
	Path   string
	Access session.Access
	Page   func(*Server, http.ResponseWriter, *http.Request) error
	Plain  func(*Server, http.ResponseWriter, *http.Request)
}

// pattern is the route's ServeMux pattern.
func (rt UIRoute) Pattern() string {
	if rt.Method == "" {
		return rt.Path
	}
	return rt.Method + " " + rt.Path
}
