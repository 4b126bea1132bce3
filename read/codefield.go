package read

import (
	"fmt"

	"github.com/kasip/kasip"
)

// notACode is the note on a code field that holds text rather than a code:
// the text is kept as written (only tokens shaped as codes are made Latin),
// and the author is told. It is a mixed-script note because the alternative,
// a look-alike mapping, is what would have mangled the text.
func notACode(path, text string, o kasip.Origin) kasip.Note {
	return kasip.Note{Rule: "mixed-script", Path: path, Origin: o,
		Message: fmt.Sprintf("code field holds text that is not a code: %q; kept as written", clip(text, 80)),
		Key:     "note.not-a-code", Args: kasip.Args{"text": kasip.QuoteArg(clip(text, 80))}}
}
