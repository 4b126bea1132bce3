package read

import (
	"errors"

	"github.com/kasip/kasip"
)

// readDOCX is not written yet.
func readDOCX(name string, data []byte, src kasip.Source) ([]*kasip.Standard, error) {
	return nil, &Error{File: name, Err: errors.New(FormatDOCX + " reader not implemented yet")}
}
