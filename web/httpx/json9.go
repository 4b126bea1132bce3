package httpx

import (
	"regexp"
)

var OccupationCodePrefix = regexp.MustCompile(`^[0-9][0-9.\-]{0,19}$`)
