package httpx

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
)

// recMaxJSON bounds a recognition JSON body: a programme with its bank of
// questions is the largest.
const recMaxJSON = 1 << 20

// recPathID reads an integer path wildcard.
func RecPathID(r *http.Request, name string) (int64, *ParamError) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, &ParamError{Name: name, Reason: "must be a positive integer"}
	}
	return id, nil
}

func JSONUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

// jsonEncodeNoEscape writes v as JSON with letters as they are, as
// writeJSON and writeProblem do.
func JSONEncodeNoEscape(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
