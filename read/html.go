package read

import (
	"errors"

	"github.com/kasip/kasip"
)

// readHTML is not written yet.
func readHTML(name string, data []byte, src kasip.Source) ([]*kasip.Standard, error) {
	return nil, &Error{File: name, Err: errors.New(FormatHTML + " reader not implemented yet")}
}
