package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/jobdesc"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/session"
)

// jobDescriptionPath is the public job description of a card.
const jobDescriptionPath = "/api/v1/standards/{code}/cards/{card}/job-description"

// jobDescriptionRoutes serve the unedited job description of any card:
// public, like the standard it comes from.
func jobDescriptionRoutes() []apiRoute {
	return []apiRoute{{http.MethodGet, jobDescriptionPath, session.Public, (*Server).apiJobDescription}}
}

// jobDescriptionFormats are the answers of the route.
var jobDescriptionFormats = append([]string{"json"}, jobdesc.Files...)

// GET /api/v1/standards/{code}/cards/{card}/job-description
func (s *Server) apiJobDescription(w http.ResponseWriter, r *http.Request) {
	code, ok := readCode(w, r)
	if !ok {
		return
	}
	card, err := strconv.Atoi(r.PathValue("card"))
	if err != nil || card < 0 || card > 10_000 {
		httpx.BadParam(w, r, &httpx.ParamError{Name: "card", Reason: "must be an integer from %d to %d", Args: []any{0, 10_000}})
		return
	}
	q := httpx.NewQuery(r)
	lang := q.OneOf("lang", jobdesc.Languages...)
	format := q.OneOf("format", jobDescriptionFormats...)
	version := q.Str("version")
	if q.Err != nil {
		httpx.BadParam(w, r, q.Err)
		return
	}
	st, ok := s.standard(w, r, code, version)
	if !ok {
		return
	}
	if lang == "" {
		if lang = jobdesc.LanguageFor(st, card, i18n.RequestLang(r)); lang == "" {
			lang = "kk" // the card has no text: Generate says so
		}
	}
	d, err := jobdesc.Generate(st, card, lang)
	switch {
	case errors.Is(err, kasip.ErrNotFound):
		httpx.Fail(w, r, http.StatusNotFound, "not found", i18n.APIT(r, "standard %q has no card %d", code, card))
		return
	case errors.Is(err, jobdesc.ErrLanguage):
		httpx.Fail(w, r, http.StatusNotFound, "not found", i18n.APIT(r, "card %d of standard %q has no text in %s", card, code, lang))
		return
	case err != nil:
		httpx.InternalError(w, r, err)
		return
	}
	s.writeDescription(w, r, d, format, fmt.Sprintf("%s-card-%d-%s", st.Code, card, lang))
}

// writeDescription answers with d as JSON, DOCX or PDF (format; "" is
// JSON); name is the downloaded file's name without extension.
func (s *Server) writeDescription(w http.ResponseWriter, r *http.Request, d jobdesc.Description, format, name string) {
	w.Header().Set("Content-Language", d.Lang)
	if format == "" || format == "json" {
		httpx.WriteJSON(w, r, http.StatusOK, d)
		return
	}
	var body []byte
	var err error
	ctype := jobdesc.PDFContentType
	if format == "docx" {
		ctype = jobdesc.DocxContentType
		body, err = d.DOCX()
	} else {
		body, err = d.PDF()
	}
	if err != nil {
		httpx.InternalError(w, r, err)
		return
	}
	writeFile(w, ctype, name+"."+format, body)
}

// writeFile answers with a file to download.
func writeFile(w http.ResponseWriter, ctype, name string, body []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", ContentDisposition(name))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// documentJobDescriptions adds the job description route to the
// document.
func documentJobDescriptions(doc OAObj) {
	line := oaObject("A clause.", OAObj{
		"number":   OAObj{"type": "string", "description": "Its number, e.g. 3.2 or 3.2.1."},
		"text":     OAObj{"type": "string"},
		"sources":  oaArray(OAObj{"type": "string", "description": "A JSON pointer into the standard's model (GET /api/v1/standards/{code}), e.g. /cards/0/functions/1/skills/2/knowledge/3."}),
		"template": OAObj{"type": "boolean", "description": "The template's own wording (rights, responsibility, relations), not taken from the standard."},
		"level":    OAObj{"type": "integer", "description": "1 for a clause under the one before (a skill under its labour function)."},
		"lang":     OAObj{"type": "string", "enum": []string{"kk", "ru", "en"}, "description": "The language of the text when the standard has none of the item in the description's language: it is given as the standard words it rather than left out."},
	}, "number", "text")
	doc["components"].(OAObj)["schemas"].(OAObj)["JobDescription"] = oaObject("A job description generated from a card of a standard.", OAObj{
		"lang":  OAObj{"type": "string", "enum": jobdesc.Languages},
		"title": OAObj{"type": "string", "description": "The position: the card's title (for a Russian register card its first possible job title)."},
		"standard": oaObject("The standard it comes from.", OAObj{
			"code": OAObj{"type": "string"}, "version": OAObj{"type": "string"}, "title": OAObj{"type": "string"},
			"generated": OAObj{"type": "boolean", "description": "Demo data, not a real act."},
		}, "code", "title"),
		"card":  OAObj{"type": "integer", "description": "The card's index, from 0."},
		"level": OAObj{"type": "integer"},
		"sections": oaArray(oaObject("A numbered section.", OAObj{
			"key":   OAObj{"type": "string", "enum": []string{"general", "qualification", "duties", "knowledge", "abilities", "rights", "responsibility", "relations"}},
			"title": OAObj{"type": "string"},
			"lines": oaArray(line),
		}, "key", "title", "lines")),
	}, "lang", "title", "standard", "card", "sections")
	doc["paths"].(OAObj)[jobDescriptionPath] = OAObj{"get": oaOperation("getJobDescription", "standards",
		"The job description of a card, generated from the standard: JSON, DOCX or PDF, in Kazakh or Russian",
		[]any{oaParam("code"),
			OAObj{"name": "card", "in": "path", "required": true, "description": "The card's index in the standard, from 0.",
				"schema": OAObj{"type": "integer", "minimum": 0, "maximum": 10000}},
			oaQuery("lang", "The description's language. Absent: the request's language when the card has it, else the first of kk, ru it has.", OAObj{"type": "string", "enum": jobdesc.Languages}),
			oaQuery("format", "json (the default), docx or pdf.", OAObj{"type": "string", "enum": jobDescriptionFormats, "default": "json"}),
			oaQuery("version", "A stored version; absent: the latest.", OAObj{"type": "string", "maxLength": httpx.MaxQueryLen}),
		},
		OAObj{
			"200": OAObj{
				"description": "The description. DOCX and PDF come as attachments named after the standard, card and language.",
				"content": OAObj{
					"application/json":      OAObj{"schema": oaRef("JobDescription")},
					jobdesc.DocxContentType: OAObj{"schema": OAObj{"type": "string", "format": "binary"}},
					jobdesc.PDFContentType:  OAObj{"schema": OAObj{"type": "string", "format": "binary"}},
				},
			},
			"400": oaResp("BadRequest"), "404": oaResp("NotFound"),
		})}
}
