package httpx

import (
	"fmt"
	"net/http"
)

// uiError is an error a page handler returns to get an error page.
type UIError struct {
	Status int
	Title  string // message key
	Detail string // translated already
}

func (e *UIError) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Title, e.Detail) }

func UINotFound(detail string) error {
	return &UIError{Status: http.StatusNotFound, Title: "Page not found", Detail: detail}
}

func UIBadRequest(detail string) error {
	return &UIError{Status: http.StatusBadRequest, Title: "Bad request", Detail: detail}
}
