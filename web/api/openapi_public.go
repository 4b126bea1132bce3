package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/kasip/kasip/docs"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
)

// The published JSON Schema of a standard, served where the OpenAPI
// document's Standard references point, and the OpenAPI description of the
// public routes outside /api/ that verifiers use: the verification page
// (also as JSON), the signed credential, the PDF and the status lists.
// Their addresses are signed into credentials (certificate.URLs).

// StandardSchemaPath is where the server serves docs/standard.schema.json,
// the path of the schema's $id on every instance. The document names it
// (the Standard schema's externalDocs) and carries the schema's
// definitions as its own components, so that it validates wherever it is
// read: from this server, from a saved file or from standard input.
const StandardSchemaPath = "/schema/standard/v1.json"

// standardSchemaPrefix names the schema's $defs among the components:
// Standard.Text is $defs/Text.
const StandardSchemaPrefix = "Standard."

func StandardDef(name string) string { return StandardSchemaPrefix + name }

// standardSchemaComponents decodes the embedded schema once into
// components: Standard (the schema's root) and Standard.X for each of its
// $defs, with "#/$defs/X" references rewritten to those components.
var standardSchemaComponents = sync.OnceValues(func() (OAObj, error) {
	dec := json.NewDecoder(bytes.NewReader(docs.StandardSchema))
	dec.UseNumber()
	var root OAObj
	if err := dec.Decode(&root); err != nil {
		return nil, fmt.Errorf("docs/standard.schema.json: %w", err)
	}
	defs, _ := root["$defs"].(OAObj)
	delete(root, "$defs")
	delete(root, "$schema") // the document's jsonSchemaDialect is the same draft
	delete(root, "$id")
	root["externalDocs"] = OAObj{"description": "The published JSON Schema of a standard (docs/standard.schema.json), which this schema and the Standard.* schemas are.",
		"url": StandardSchemaPath}
	out := OAObj{"Standard": root}
	for name, def := range defs {
		out[StandardDef(name)] = def
	}
	var bad error
	oaRewriteRefs(out, func(ref string) string {
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		if _, known := defs[name]; !ok || !known {
			bad = fmt.Errorf("docs/standard.schema.json: reference %q is not to one of its $defs", ref)
			return ref
		}
		return "#/components/schemas/" + StandardDef(name)
	})
	return out, bad
})

// standardSchemas returns the components, or none when the embedded file
// is broken (openAPIJSON reports that).
func standardSchemas() OAObj {
	c, err := standardSchemaComponents()
	if err != nil {
		return nil
	}
	return c
}

// oaRewriteRefs replaces every $ref string below v by f's answer.
func oaRewriteRefs(v any, f func(string) string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "$ref" {
				v[k] = f(s)
				continue
			}
			oaRewriteRefs(x, f)
		}
	case []any:
		for _, x := range v {
			oaRewriteRefs(x, f)
		}
	}
}

// schemaRoutes serve the JSON Schema of the standard model.
func schemaRoutes() []apiRoute {
	return []apiRoute{{http.MethodGet, StandardSchemaPath, session.Public, (*Server).apiStandardSchema}}
}

// GET /schema/standard/v1.json
func (s *Server) apiStandardSchema(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/schema+json")
	w.Header().Set("Content-Length", strconv.Itoa(len(docs.StandardSchema)))
	w.Header().Set("Cache-Control", "public, max-age=300")
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(docs.StandardSchema)
}

// documentPublic adds the public register's paths to the document.
func documentPublic(doc OAObj) {
	paths := doc["paths"].(OAObj)
	for p, item := range publicOAPaths() {
		paths[p] = item
	}
	paths[StandardSchemaPath] = OAObj{"get": oaOperation("standardSchema", "service",
		"The JSON Schema (2020-12) of a standard, docs/standard.schema.json, which the Standard schemas of this document refer to",
		nil, OAObj{"200": OAObj{"description": "The schema.",
			"content": OAObj{"application/schema+json": OAObj{"schema": OAObj{"type": "object"}}}}})}
	doc["tags"] = append(doc["tags"].([]OAObj), OAObj{"name": "verification",
		"description": "The public addresses signed into certificates and their QR codes, outside /api/: the verification page, the signed credential, the PDF and the status lists (docs/certificates.md)."})
}

// publicOAPaths documents the public certificate routes of the UI. Their
// errors are pages (text/html), except where JSON was asked for.
func publicOAPaths() OAObj {
	number := []any{oaPath("number", "The certificate's number, as printed on it.")}
	page := func(description string) OAObj {
		return OAObj{"description": description, "content": OAObj{"text/html": OAObj{"schema": OAObj{"type": "string"}}}}
	}
	pageOrProblem := func(description string) OAObj {
		return OAObj{"description": description, "content": OAObj{
			"text/html":                OAObj{"schema": OAObj{"type": "string"}},
			"application/problem+json": OAObj{"schema": oaRef("Problem")}}}
	}
	limited := OAObj{"description": "Too many requests from this address; try again after Retry-After seconds.",
		"headers": OAObj{"Retry-After": OAObj{"description": "Seconds to wait.", "schema": OAObj{"type": "integer", "minimum": 1}}},
		"content": OAObj{"text/html": OAObj{"schema": OAObj{"type": "string"}}, "application/problem+json": OAObj{"schema": oaRef("Problem")}}}
	op := func(id, summary string, params []any, responses OAObj) OAObj {
		responses["429"] = limited
		responses["501"] = pageOrProblem("This server keeps no certificates.")
		return oaOperation(id, "verification", summary, params, responses)
	}
	return OAObj{
		"/verify/{number}": OAObj{"get": op("verifyCertificate",
			"The verification page a certificate's QR code opens: whether it is genuine and its status now (public, rate-limited). With Accept: application/json (ranked above text/html) the answer is the certificate as GET /api/v1/certificates/{number} gives it",
			number, OAObj{
				"200": OAObj{"description": "The certificate.", "content": OAObj{
					"text/html":        OAObj{"schema": OAObj{"type": "string"}},
					"application/json": OAObj{"schema": oaRef("Certificate")}}},
				"404": pageOrProblem("There is no certificate with this number in the register."),
			})},
		"/verify/{number}/credential.json": OAObj{"get": op("verifyCertificateCredential",
			"The certificate's signed Open Badges 3.0 credential, byte for byte as issued (public, rate-limited)", number, OAObj{
				"200": OAObj{"description": "The signed credential (eddsa-jcs-2022 Data Integrity proof).",
					"content": OAObj{service.CredentialType: OAObj{"schema": OAObj{"type": "object"}}}},
				"404": page("There is no certificate with this number in the register."),
			})},
		"/verify/{number}/certificate.pdf": OAObj{"get": op("verifyCertificatePDF",
			"The certificate as an A4 PDF with its status now and the QR code of its verification page (public, rate-limited)", number, OAObj{
				"200": OAObj{"description": "The PDF.", "content": OAObj{"application/pdf": OAObj{"schema": OAObj{"type": "string", "format": "binary"}}}},
				"404": page("There is no certificate with this number in the register."),
			})},
		"/status/{list}/{purpose}": OAObj{"get": op("statusList",
			"A signed Bitstring Status List credential (W3C), which verifiers fetch to learn whether a certificate is revoked or suspended; caches may keep it a minute (public, rate-limited)",
			[]any{
				OAObj{"name": "list", "in": "path", "required": true, "description": "The list's ID, as in the certificate's credentialStatus.", "schema": OAObj{"type": "integer", "minimum": 1}},
				OAObj{"name": "purpose", "in": "path", "required": true, "description": "What a set bit means.", "schema": OAObj{"type": "string", "enum": []string{"revocation", "suspension"}}},
			}, OAObj{
				"200": OAObj{"description": "The signed status list credential.",
					"content": OAObj{service.CredentialType: OAObj{"schema": OAObj{"type": "object"}}}},
				"400": oaResp("BadRequest"),
				"404": oaResp("NotFound"),
			})},
	}
}
