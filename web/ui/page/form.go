package page

import (
	"net/http"

	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
)

// uiReadForm reads a posted form.
func UIReadForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	if err := r.ParseForm(); err != nil {
		return httpx.UIBadRequest(i18n.Translate(i18n.RequestLang(r), "The form could not be read."))
	}
	return nil
}

// maxFormBody bounds a posted form of the account pages.
const maxFormBody = 16 << 10
