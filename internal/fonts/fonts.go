// Package fonts embeds the faces Kasip's PDFs are set in: DejaVu Sans,
// regular and bold, embedded rather than looked up on the host because a
// document must look the same everywhere and must have every Kazakh
// letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І), which the PDF core fonts lack. Licence:
// dejavu/LICENSE. The bytes are shared: read them, never change them.
package fonts

import _ "embed"

var (
	//go:embed dejavu/DejaVuSans.ttf
	Regular []byte
	//go:embed dejavu/DejaVuSans-Bold.ttf
	Bold []byte
)
