package read

import (
	"errors"

	"github.com/kasip/kasip"
)

// readXML is not written yet.
func readXML(name string, data []byte, src kasip.Source) ([]*kasip.Standard, error) {
	return nil, &Error{File: name, Err: errors.New(FormatXML + " reader not implemented yet")}
}
