// Package httpx is the HTTP plumbing the API and the pages share: RFC 9457
// problems, JSON in and out, query and path parameters, paging and the
// rate limit.
package httpx

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/web/i18n"
)

// Problem is an RFC 9457 problem detail.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Parameter names the query or path parameter a 400 is about (an
	// RFC 9457 extension member).
	Parameter string `json:"parameter,omitempty"`
}

// Fail writes an RFC 9457 application/problem+json response. The title
// is translated into the language the request asks for.
func Fail(w http.ResponseWriter, r *http.Request, status int, title, detail string) {
	WriteProblem(w, r, Problem{Title: title, Status: status, Detail: detail})
}

// WriteProblem writes p, filling in its type and instance and translating
// its title. Letters are written as they are, not as \u escapes.
func WriteProblem(w http.ResponseWriter, r *http.Request, p Problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	p.Title = i18n.Translate(i18n.RequestLang(r), p.Title)
	p.Instance = r.URL.Path
	w.Header().Del("Content-Length")
	w.Header().Del("Content-Disposition")
	w.Header().Set("Content-Type", "application/problem+json; charset=utf-8")
	w.Header().Set("Content-Language", i18n.RequestLang(r))
	w.WriteHeader(p.Status)
	_ = EncodeJSON(w, p)
}

// ParamError is a query or path parameter that could not be used.
type ParamError struct {
	Name   string // the parameter
	Reason string // message key of the API catalogue, with %v verbs for Args
	Args   []any
}

func (e *ParamError) Error() string { return e.Name + ": " + fmt.Sprintf(e.Reason, e.Args...) }

// BadParam writes a 400 problem naming the parameter.
func BadParam(w http.ResponseWriter, r *http.Request, e *ParamError) {
	detail := fmt.Sprintf(i18n.Translate(i18n.RequestLang(r), "parameter %q: %s"), e.Name, i18n.APIT(r, e.Reason, e.Args...))
	WriteProblem(w, r, Problem{Status: http.StatusBadRequest, Title: "invalid parameter", Detail: detail, Parameter: e.Name})
}

// InternalError logs err and writes a 500 that does not reveal it.
func InternalError(w http.ResponseWriter, r *http.Request, err error) {
	requestLog(r).Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	Fail(w, r, http.StatusInternalServerError, "internal error", "")
}

// RegistryError maps an error of the registry to a response: ErrNotFound
// 404 (with notFound as the detail), ErrInvalid invalidStatus, a cancelled
// request nothing useful (the client is gone), anything else a logged 500.
func RegistryError(w http.ResponseWriter, r *http.Request, err error, notFound string, invalidStatus int) {
	switch {
	case errors.Is(err, kasip.ErrNotFound):
		Fail(w, r, http.StatusNotFound, "not found", notFound)
	case errors.Is(err, kasip.ErrInvalid):
		Fail(w, r, invalidStatus, "invalid request", err.Error())
	case r.Context().Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
		// The client went away or the server is shutting down: nothing
		// is wrong with the registry, and nobody may read the answer.
		requestLog(r).Debug("api: request ended early", "path", r.URL.Path, "err", err)
		Fail(w, r, http.StatusServiceUnavailable, "request cancelled", "")
	default:
		InternalError(w, r, err)
	}
}

// logKey is the context key of the server's logger.
type logKey struct{}

// WithRequestLog gives the handlers below the server's logger, so the
// shared response helpers log where the server does without holding it.
func WithRequestLog(ctx context.Context, log *slog.Logger) context.Context {
	return context.WithValue(ctx, logKey{}, log)
}

// requestLog is the logger of the server that took r (slog.Default for a
// handler called without the server's middleware, as unit tests do).
func requestLog(r *http.Request) *slog.Logger {
	if l, ok := r.Context().Value(logKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}
