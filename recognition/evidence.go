package recognition

import (
	"archive/zip"
	"bytes"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Evidence files are trusted by their content, not by the type the client
// declares: a browser or a script may declare anything, and a file served
// back as application/pdf must be a PDF. The types Kasip knows are checked
// by their own signatures; any other allowed type only by what
// http.DetectContentType recognises.

// Media types with their own content check.
const (
	typePDF  = "application/pdf"
	typePNG  = "image/png"
	typeJPEG = "image/jpeg"
	typeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	typeMP4  = "video/mp4"
	typeText = "text/plain"
	typeZip  = "application/zip"
	typeBin  = "application/octet-stream"
)

// sniffers are the content checks, most specific first.
var sniffers = []struct {
	mediaType string
	is        func([]byte) bool
}{
	{typePDF, isPDF},
	{typePNG, func(b []byte) bool { return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) }},
	{typeJPEG, func(b []byte) bool { return bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}) }},
	{typeDOCX, isDOCX},
	{typeMP4, func(b []byte) bool { return len(b) >= 12 && string(b[4:8]) == "ftyp" }},
}

// isPDF: the header "%PDF-" within the first kilobyte, where readers look
// for it (ISO 32000-1, 7.5.2 and Annex H.3).
func isPDF(b []byte) bool {
	return bytes.Contains(b[:min(len(b), 1024)], []byte("%PDF-"))
}

// isDOCX: a zip with the main part of a WordprocessingML document.
func isDOCX(b []byte) bool {
	if !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		return false
	}
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return false
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			return true
		}
	}
	return false
}

// isText: UTF-8 without control characters other than white space.
func isText(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			return false
		}
	}
	return true
}

// DetectEvidenceType names what data is: one of the types with a content
// check, plain text, or what http.DetectContentType says (without
// parameters).
func DetectEvidenceType(data []byte) string {
	for _, s := range sniffers {
		if s.is(data) {
			return s.mediaType
		}
	}
	if isText(data) {
		return typeText
	}
	mt, _, err := mime.ParseMediaType(http.DetectContentType(data))
	if err != nil {
		return typeBin
	}
	if mt == "text/plain" {
		// Not UTF-8 (isText said no): a legacy code page or binary.
		return typeBin
	}
	return mt
}

// contentMatches: data is of the declared media type mt. The types with
// a check must pass it; images, audio and video (whose signatures
// http.DetectContentType knows) must be what they say; any other type
// an administrator allows is refused only when its content is
// recognisably something else (a zip or text may be many formats).
func contentMatches(mt string, data []byte) bool {
	detected := DetectEvidenceType(data)
	switch {
	case detected == mt:
		return true
	case mt == typePDF || mt == typePNG || mt == typeJPEG || mt == typeDOCX || mt == typeMP4 || mt == typeText:
		return false
	case strings.HasPrefix(mt, "image/") || strings.HasPrefix(mt, "audio/") || strings.HasPrefix(mt, "video/"):
		return false
	}
	return detected == typeBin || detected == typeZip || detected == typeText
}
