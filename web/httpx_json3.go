package web

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
func recPathID(r *http.Request, name string) (int64, *paramError) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, &paramError{Name: name, Reason: "must be a positive integer"}
	}
	return id, nil
}

func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

// jsonEncodeNoEscape writes v as JSON with letters as they are, as
// writeJSON and writeProblem do.
func jsonEncodeNoEscape(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
