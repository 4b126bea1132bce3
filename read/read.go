// Package read turns published professional standards into the Kasip model.
//
// Kazakh-template documents (plain text, HTML, DOCX; written in Kazakh or in
// Russian) are first flattened into rows of cells (see Row), and one
// interpreter (interpretKZ) places the rows into the model. The Russian
// register's XML has a reader of its own. Every piece of source text ends up
// either in the model or in Standard.Unplaced.
package read

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kasip/kasip"
)

// Formats the readers know.
const (
	FormatText = "kz-text"
	FormatHTML = "kz-html"
	FormatDOCX = "kz-docx"
	FormatXML  = "ru-xml"
)

// Formats lists the formats in the order detection tries them.
var Formats = []string{FormatXML, FormatDOCX, FormatHTML, FormatText}

// DefaultMaxSize bounds the input a reader accepts (bytes).
const DefaultMaxSize = 64 << 20

// Options control reading.
type Options struct {
	Format  string // force a format; "" detects it from the content
	MaxSize int64  // 0 means DefaultMaxSize
}

// Error is a failure to read a document: it names the file, where in it the
// reader stopped (line or element) and what it expected there.
type Error struct {
	File     string
	Line     int
	Element  string
	Expected string
	Err      error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Element != "" {
		fmt.Fprintf(&b, " (%s)", e.Element)
	}
	if e.Expected != "" {
		fmt.Fprintf(&b, ": expected %s", e.Expected)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrNotStandard is wrapped by errors for input that is not a professional standard.
var ErrNotStandard = errors.New("not a professional standard")

// ReadFile reads the standards in the file at path.
func ReadFile(path string, opt Options) ([]*kasip.Standard, error) {
	max := opt.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, &Error{File: path, Err: err}
	}
	if st.IsDir() {
		return nil, &Error{File: path, Expected: "a file", Err: errors.New("is a directory")}
	}
	if st.Size() > max {
		return nil, &Error{File: path, Expected: fmt.Sprintf("at most %d bytes", max), Err: fmt.Errorf("file has %d bytes", st.Size())}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Err: err}
	}
	return Read(filepath.Base(path), data, opt)
}

// Read reads the standards in data; name is used in messages and provenance.
func Read(name string, data []byte, opt Options) ([]*kasip.Standard, error) {
	max := opt.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	if int64(len(data)) > max {
		return nil, &Error{File: name, Expected: fmt.Sprintf("at most %d bytes", max), Err: fmt.Errorf("input has %d bytes", len(data))}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{File: name, Expected: "a professional standard", Err: fmt.Errorf("%w: the file is empty", ErrNotStandard)}
	}
	format := opt.Format
	if format == "" {
		format = Detect(data)
	}
	sum := sha256.Sum256(data)
	src := kasip.Source{File: name, Format: format, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data))}
	out, err := readFormat(name, data, format, src)
	if err != nil {
		return nil, err
	}
	for _, s := range out {
		s.Finalize()
	}
	return out, nil
}

// readFormat dispatches to the reader of format. A panic in a reader is a
// bug, but one document must not take down a server that reads many: it
// becomes an error naming the file.
func readFormat(name string, data []byte, format string, src kasip.Source) (out []*kasip.Standard, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, &Error{File: name, Err: fmt.Errorf("internal error in the %s reader: %v", format, r)}
		}
	}()
	switch format {
	case FormatXML:
		out, err = readXML(name, data, src)
	case FormatDOCX:
		out, err = readDOCX(name, data, src)
	case FormatHTML:
		out, err = readHTML(name, data, src)
	case FormatText:
		out, err = readText(name, data, src)
	default:
		return nil, &Error{File: name, Expected: "format one of " + strings.Join(Formats, ", "), Err: fmt.Errorf("unknown format %q", format)}
	}
	return out, err
}

// Detect guesses the format of data from its content.
func Detect(data []byte) string {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return FormatDOCX
	}
	// Only the head decides; decoding a prefix keeps detection cheap on
	// large inputs (a cut inside a character is harmless here).
	text, _, err := Decode(data[:min(len(data), 4096)])
	if err != nil {
		return FormatText
	}
	head := strings.ToLower(text)
	head = strings.TrimSpace(head)
	switch {
	case strings.Contains(head, "<xmlcardinfo"), strings.HasPrefix(head, "<?xml") && !strings.Contains(head, "<html"):
		return FormatXML
	case strings.HasPrefix(head, "<!doctype html"), strings.Contains(head, "<html"), strings.Contains(head, "<body"),
		strings.HasPrefix(head, "<table"), strings.HasPrefix(head, "<div"):
		return FormatHTML
	}
	return FormatText
}
