package read

import (
	"errors"

	"github.com/kasip/kasip"
)

// interpretKZ places the rows of a Kazakh-template document into the model.
func interpretKZ(name string, rows []Row, src kasip.Source) (*kasip.Standard, error) {
	return nil, &Error{File: name, Err: errors.New("not implemented yet")}
}

func readText(name string, data []byte, src kasip.Source) ([]*kasip.Standard, error) {
	return nil, &Error{File: name, Err: errors.New("not implemented yet")}
}
