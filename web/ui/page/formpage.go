package page

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
)

// Pages with forms (recognition, organisations) post to the server and
// work without JavaScript. A change that succeeds redirects (303) back to
// the page with ?done=<what>, so that reloading does not post again; one
// that fails renders the page again with the message next to the form
// and the status of the failure (409 for a form sent after the state
// changed, 422 for invalid input).

// FormPage is what every page with forms has besides the layout.
type FormPage struct {
	UIBase
	Notice string            // a change that succeeded (?done=)
	Errors map[string]string // form → message of the failure
	Form   url.Values        // the fields of the form that failed, to fill it again
}

// Failure is a failed change to show next to its form.
type Failure struct {
	Form   string // the form's key
	Status int
	Msg    string
	Values url.Values
}

// StatusOf is the status of a page: 200 unless a change failed.
func StatusOf(f *Failure) int {
	if f == nil {
		return http.StatusOK
	}
	return f.Status
}

// FormPageAt fills the common part of a page; fail is nil unless a change
// failed, done names the notice of a ?done= key. path and query are the
// page's own address, which the language links lead to when the page
// answers a form post (the request's address then only takes posts); a
// GET page keeps its request's query.
func (s *Server) FormPageAt(r *http.Request, path string, query url.Values, title, nav string, fail *Failure, done func(string) string) FormPage {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		path, query = r.URL.EscapedPath(), r.URL.Query()
		query.Del("done")
		query.Del("lang")
	}
	if query == nil {
		query = url.Values{}
	}
	p := FormPage{UIBase: s.UIBaseAt(r, title, path, query), Errors: map[string]string{}, Form: url.Values{}}
	p.Nav = nav
	if fail != nil {
		p.Errors[fail.Form] = fail.Msg
		p.Form = fail.Values
	} else if key := r.URL.Query().Get("done"); key != "" {
		p.Notice = i18n.Translate(i18n.RequestLang(r), done(key))
	}
	return p
}

// StoreFailure is a store's refusal err of form as the failure the page
// shows: its status, a lead saying what kind of refusal it is and the
// refusal itself in the reader's language. An error that is no refusal
// (a failing database) is returned instead, for the error page.
func StoreFailure(r *http.Request, form string, err error) (*Failure, error) {
	status, _ := service.RecErrorStatus(err)
	var lead string
	switch status {
	case http.StatusConflict:
		lead = "This cannot be done in the current state."
		if errors.Is(err, recognition.ErrStale) {
			lead = "Someone else saved this meanwhile."
		}
	case http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge:
		lead = "Please correct the form."
	case http.StatusForbidden:
		lead = "This is not allowed."
	case http.StatusNotFound:
		lead = "Something the form names does not exist."
	default:
		return nil, err
	}
	lang := i18n.RequestLang(r)
	return &Failure{Form: form, Status: status, Msg: strings.TrimSpace(i18n.Translate(lang, lead) + " " + i18n.RecDetailText(lang, err)), Values: r.PostForm}, nil
}
