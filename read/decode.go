package read

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encodings Decode recognises.
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncCP1251  = "windows-1251"
)

// Decode returns data as a UTF-8 string and the name of the encoding it was
// in: UTF-8 (with or without BOM), UTF-16 with a BOM, or windows-1251 when
// the bytes are not valid UTF-8. It refuses binary data (NUL bytes or many
// control characters), which no published standard contains.
func Decode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", errors.New("byte order mark says UTF-8 but the bytes are not valid UTF-8")
		}
		return checkText(string(data), EncUTF8BOM)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], true)
	case utf8.Valid(data):
		return checkText(string(data), EncUTF8)
	case truncatedUTF8(data):
		// A UTF-8 file cut inside its last character: keep it UTF-8 rather
		// than misread every letter as windows-1251.
		return checkText(strings.ToValidUTF8(string(data), ""), EncUTF8)
	}
	s, err := charmap.Windows1251.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("decoding windows-1251: %w", err)
	}
	return checkText(string(s), EncCP1251)
}

// truncatedUTF8 reports whether data is valid UTF-8 but for an incomplete
// character at its very end.
func truncatedUTF8(data []byte) bool {
	for k := 1; k <= 3 && k < len(data); k++ {
		if utf8.Valid(data[:len(data)-k]) && utf8.RuneStart(data[len(data)-k]) {
			return true
		}
	}
	return false
}

func decodeUTF16(b []byte, bigEndian bool) (string, string, error) {
	enc := EncUTF16LE
	if bigEndian {
		enc = EncUTF16BE
	}
	if len(b)%2 != 0 {
		return "", "", fmt.Errorf("%s text has an odd number of bytes (%d): truncated?", enc, len(b))
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return checkText(string(utf16.Decode(u)), enc)
}

// checkText rejects binary content: a NUL, or more than 1% control characters.
func checkText(s, enc string) (string, string, error) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return "", "", fmt.Errorf("binary data: NUL byte at offset %d, expected text", i)
	}
	ctl, n := 0, 0
	for _, r := range s {
		n++
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			ctl++
		}
	}
	if n > 0 && ctl*100 > n {
		return "", "", fmt.Errorf("binary data: %d control characters in %d, expected text", ctl, n)
	}
	return s, enc, nil
}

// lineOf returns the 1-based line number of byte offset off in s.
func lineOf(s string, off int) int {
	if off > len(s) {
		off = len(s)
	}
	return strings.Count(s[:off], "\n") + 1
}
