package recognitionui

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui/page"
)

// The pages of the recognition process. Their forms work as
// page.FormPage says.

// UIRecPage is what every recognition page has besides the layout, and
// UIRecFailure a failed change to show next to its form.
type (
	UIRecPage    = page.FormPage
	UIRecFailure = page.Failure
)

// RecPage fills the common part of a recognition page.
func (s *Server) RecPage(r *http.Request, path string, query url.Values, title, nav string, fail *UIRecFailure) UIRecPage {
	return s.FormPageAt(r, path, query, title, nav, fail, uiRecDoneMessage)
}

// uiRecDoneMessage is the notice after a change succeeded.
func uiRecDoneMessage(done string) string {
	if m, ok := UIRecDone[done]; ok {
		return m
	}
	return "Saved."
}

var UIRecDone = map[string]string{
	// The certificate forms.
	"issued":             "The certificate is issued.",
	"certificate-status": "The status of the certificate is changed.",
	// Recognition.
	"registered": "You are registered as a candidate.",
	"applied":    "Your application is submitted.",
	"confirmed":  "The referral is confirmed.",
	"accepted":   "The application is accepted.",
	"rejected":   "The application is rejected.",
	"scheduled":  "The assessment session is planned.",
	"result":     "The result is saved.",
	"evidence":   "The file is attached.",
	"assessed":   "The assessment is complete.",
	"decided":    "The decision is recorded.",
	"appealed":   "Your appeal is filed.",
	"redecided":  "The decision on the appeal is recorded.",
	"closed":     "The application is closed.",
	"created":    "Created.",
	"submitted":  "The programme is submitted for approval.",
	"approved":   "The programme is approved.",
	"returned":   "The programme is returned to its author.",
	"retired":    "The programme is retired.",
	"version":    "A new draft version is made.",
	"question":   "The question is added.",
	"task":       "The task is added.",
	"removed":    "Removed.",
	"voucher":    "The voucher is issued.",
	"settings":   "The settings are saved.",
	"assessor":   "The assessors are updated.",
	"status":     "The accreditation status is changed.",
	"accredited": "The accreditation is recorded.",
	"centre":     "The centre is saved.",
	"programme":  "The programme is saved.",
}

// uiRecRedirect sends the browser to path with ?done=what (303).
func UIRecRedirect(w http.ResponseWriter, r *http.Request, path, what string) error {
	http.Redirect(w, r, path+"?done="+url.QueryEscape(what), http.StatusSeeOther)
	return nil
}

// uiRecFail turns the error of a change into the failure to show, or,
// for errors that are no business of the form (not found, not allowed by
// the role, the database failing), the error for an error page.
func (s *Server) UIRecFail(r *http.Request, form string, err error) (*UIRecFailure, error) {
	switch {
	case errors.Is(err, service.ErrHidden), errors.Is(err, service.ErrRefused), errors.Is(err, service.ErrNoRecognition):
		return nil, s.UIRecPageError(r, err)
	}
	return page.StoreFailure(r, form, err)
}

// uiRecPageError is the error page of err.
func (s *Server) UIRecPageError(r *http.Request, err error) error {
	lang := i18n.RequestLang(r)
	switch {
	case errors.Is(err, service.ErrNoRecognition):
		return &httpx.UIError{Status: http.StatusNotImplemented, Title: "Recognition is not available",
			Detail: i18n.Translate(lang, "This server does not keep recognition data.")}
	case errors.Is(err, service.ErrRefused):
		return &httpx.UIError{Status: http.StatusForbidden, Title: "Access denied", Detail: i18n.Translate(lang, "Your role does not allow this.")}
	case errors.Is(err, kasip.ErrNotFound):
		return httpx.UINotFound(i18n.Translate(lang, "There is no such page, or it is not visible to you."))
	case errors.Is(err, recognition.ErrForbidden):
		return &httpx.UIError{Status: http.StatusForbidden, Title: "Access denied", Detail: i18n.RecDetailText(lang, err)}
	}
	return err
}

// uiRecStale says who saved a result meanwhile, for the form.
func (s *Server) uiRecStale(r *http.Request, rs recognition.Store, id int64, component, unit string) string {
	cur, ok := s.RecCurrentResult(r, rs, id, component, unit)
	if !ok {
		return ""
	}
	lang := i18n.RequestLang(r)
	return fmt.Sprintf(i18n.Translate(lang, "%s saved this result (version %d) at %s; reload it and enter your change again."),
		s.RecUserName(r.Context(), lang, cur.Assessor, service.RecSeesLogins(session.Principal(r))), cur.Version, uiRecTime(cur.RecordedAt, lang))
}

// uiRecTime formats an instant for the pages, in Kazakhstan's time.
func uiRecTime(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	// The day is taken in Kazakhstan's zone (uiDate would read a
	// time.Time in UTC, which is the day before from 00:00 to 04:59).
	lt := t.In(uiRecZone)
	return page.UIDate(lt.Format(time.DateOnly), lang) + " " + lt.Format("15:04")
}

// uiRecZone is the zone times are shown in: Kazakhstan's single zone.
var uiRecZone = time.FixedZone("UTC+5", 5*3600)

// uiFormID reads a positive integer field of a posted form.
func uiFormID(r *http.Request, name string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue(name)), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// uiPathID reads an integer path wildcard of a page.
func UIPathID(r *http.Request, name string) (int64, error) {
	id, perr := httpx.PathID(r, name)
	if perr != nil {
		return 0, httpx.UINotFound(i18n.Translate(i18n.RequestLang(r), "There is no such page, or it is not visible to you."))
	}
	return id, nil
}

// ---- names shown for the domain's codes ----

// uiRecStateBadge is the badge class of a state.
func uiRecStateBadge(state string) string {
	switch state {
	case recognition.StateRejected:
		return "badge badge-bad"
	case recognition.StateDecided, recognition.StateRedecided, recognition.StateClosed:
		return "badge badge-ok"
	case recognition.StateAppealed:
		return "badge badge-warn"
	}
	return "badge"
}

// ---- the navigation ----

// uiRecStoreForm starts a recognition form post: the store, and the form
// read; an error is the page to answer with.
func (s *Server) uiRecStoreForm(w http.ResponseWriter, r *http.Request) (recognition.Store, error) {
	rs, err := s.RecStore()
	if err != nil {
		return nil, s.UIRecPageError(r, err)
	}
	return rs, page.UIReadForm(w, r)
}
