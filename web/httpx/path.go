package httpx

import (
	"net/http"
	"strconv"
)

// PathID reads an integer path wildcard: a positive int64.
func PathID(r *http.Request, name string) (int64, *ParamError) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, &ParamError{Name: name, Reason: "must be a positive integer"}
	}
	return id, nil
}
