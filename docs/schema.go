// Package docs holds the published JSON Schema of a standard, so that the
// server can serve the very file the documentation describes.
package docs

import _ "embed"

// StandardSchema is docs/standard.schema.json, byte for byte.
//
//go:embed standard.schema.json
var StandardSchema []byte
