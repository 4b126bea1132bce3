package httpx

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"

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

// problem writes an RFC 9457 application/problem+json response. The title
// is translated into the language the request asks for (see i18n.go).
func Fail(w http.ResponseWriter, r *http.Request, status int, title, detail string) {
	WriteProblem(w, r, Problem{Title: title, Status: status, Detail: detail})
}

// writeProblem writes p, filling in its type and instance and translating
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
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p)
}

// logKey is the context key of the server's logger.
type logKey struct{}

// withRequestLog gives the handlers below the server's logger, so the
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
