package i18n

import (
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
)

// uiRecDetail is the store's explanation, without the operation names it
// is wrapped in ("apply: …") and the kind it ends with (": conflict").
func uiRecDetail(err error) string {
	msg := err.Error()
	for _, kind := range []error{recognition.ErrStale, recognition.ErrDeadline, recognition.ErrIllegalTransition,
		recognition.ErrNotAccredited, recognition.ErrLimit, recognition.ErrConflict, recognition.ErrForbidden, kasip.ErrInvalid, kasip.ErrNotFound, auth.ErrInvalid} {
		msg = strings.TrimSuffix(msg, ": "+kind.Error())
	}
	return msg
}
