package web

import (
	"regexp"
)

var occupationCodePrefix = regexp.MustCompile(`^[0-9][0-9.\-]{0,19}$`)
