package web

import (
	"fmt"
	"net/http"
)

// uiError is an error a page handler returns to get an error page.
type uiError struct {
	status int
	title  string // message key
	detail string // translated already
}

func (e *uiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.title, e.detail) }

func uiNotFound(detail string) error {
	return &uiError{status: http.StatusNotFound, title: "Page not found", detail: detail}
}

func uiBadRequest(detail string) error {
	return &uiError{status: http.StatusBadRequest, title: "Bad request", detail: detail}
}
