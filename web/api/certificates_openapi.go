package api

import "github.com/kasip/kasip/web/service"

// The OpenAPI document of the certificate routes (certAPIRoutes). The
// verification pages, downloads and status lists outside /api/ are
// documented in docs/certificates.md: they are addresses signed into
// credentials, not API operations.

// documentCertificates adds the certificate routes to the document.
func documentCertificates(doc OAObj) {
	paths := doc["paths"].(OAObj)
	for p, item := range certOAPaths() {
		paths[p] = item
	}
	schemas := doc["components"].(OAObj)["schemas"].(OAObj)
	for name, s := range certOASchemas() {
		schemas[name] = s
	}
	doc["tags"] = append(doc["tags"].([]OAObj), OAObj{"name": "certificates",
		"description": "Certificates of recognised qualifications: issuing, the public register and its verification, revocation (docs/certificates.md)."})
}

// certOAOp is an operation of the certificates tag.
func certOAOp(id, summary string, params []any, responses OAObj) OAObj {
	responses["501"] = oaResp("RecUnavailable")
	return oaOperation(id, "certificates", summary, params, responses)
}

func certOAPaths() OAObj {
	number := []any{oaPath("number", "The certificate's number, as printed on it.")}
	limited := func(r OAObj) OAObj { r["429"] = oaResp("TooManyRequests"); return r }
	return OAObj{
		"/api/v1/applications/{id}/certificate": OAObj{"post": recOAObjectErrors(certOAOp("issueCertificate",
			"Issue the certificate of a decided application whose decision in force recognises the qualification or units of it (the centre's manager, administrator)",
			[]any{recOAID("id", "The application's ID.")},
			OAObj{"201": oaOK("The certificate, issued now.", oaRef("Certificate")),
				"200": oaOK("The certificate issued before: issuing again changes nothing.", oaRef("Certificate")),
				"422": oaResp("RecInvalid")}), "400", "403", "404", "409")},
		"/api/v1/certificates": OAObj{"get": certOAOp("searchCertificates",
			"Search the public register: by number, or by at least two words of the holder's name together with the profession (public, rate-limited)",
			[]any{oaQuery("number", "The exact certificate number.", OAObj{"type": "string"}),
				oaQuery("holder", "Words of the holder's name (at least two), with profession.", OAObj{"type": "string"}),
				oaQuery("profession", "Words of the profession's title or the standard's code, with holder.", OAObj{"type": "string"}),
				oaQuery("limit", "Page size.", OAObj{"type": "integer", "minimum": 1, "maximum": 100, "default": 20}),
				oaQuery("offset", "Items to skip.", OAObj{"type": "integer", "minimum": 0, "default": 0})},
			limited(OAObj{"200": oaOK("A page of certificates, newest first.", oaRef("CertificateList")), "400": oaResp("BadRequest")}))},
		"/api/v1/certificates/{number}": OAObj{"get": certOAOp("getCertificate",
			"A certificate of the public register and its status now (public, rate-limited)", number,
			limited(OAObj{"200": oaOK("The certificate.", oaRef("Certificate")), "404": oaResp("NotFound")}))},
		"/api/v1/certificates/{number}/credential": OAObj{"get": certOAOp("getCertificateCredential",
			"The certificate's signed Open Badges 3.0 credential, byte for byte as issued (public, rate-limited)", number,
			limited(OAObj{"200": OAObj{"description": "The signed credential (eddsa-jcs-2022 Data Integrity proof).",
				"content": OAObj{service.CredentialType: OAObj{"schema": OAObj{"type": "object"}}}}, "404": oaResp("NotFound")}))},
		"/api/v1/certificates/{number}/status": OAObj{"post": recOAWrite(recOAObjectErrors(certOAOp("setCertificateStatus",
			"Revoke (final), suspend or reinstate a certificate, for a reason (the issuing centre's manager, administrator); the status list changes in the same transaction",
			number, OAObj{"200": oaOK("The certificate as changed.", oaRef("Certificate"))}), "403", "404", "409"), "CertificateStatusInput")},
	}
}

func certOASchemas() OAObj {
	text := oaRef("Text")
	day := OAObj{"type": "string", "format": "date"}
	return OAObj{
		"Certificate": oaObject("A certificate as the public register shows it: nothing identifies the holder beyond the printed name.", OAObj{
			"number":           oaStr("The certificate's number."),
			"holder_name":      oaStr("The holder's name as printed."),
			"profession":       text,
			"level":            oaInt("The qualification level."),
			"standard_code":    oaStr("The professional standard."),
			"standard_version": oaStr("Its version assessed against."),
			"whole":            OAObj{"type": "boolean", "description": "The whole qualification (card) is recognised."},
			"units":            oaArray(oaRef("CertificateUnit")),
			"centre_name":      text,
			"centre_bin":       oaStr("The centre's BIN."),
			"issue_date":       day,
			"valid_until":      day,
			"status":           oaEnum("The status now.", "valid", "suspended", "revoked", "expired"),
			"status_since":     day,
			"status_reason":    oaStr("Why it was suspended or revoked, as the centre wrote it (only then)."),
			"demo":             OAObj{"type": "boolean", "description": "A demonstration certificate: it certifies nothing."},
			"links":            oaRef("CertificateLinks"),
			"application_id":   oaInt("The application (the staff's answers only)."),
			"state_reason":     oaStr("The reason of the last status change (the staff's answers only)."),
		}, "number", "holder_name", "profession", "level", "standard_code", "standard_version", "whole", "units",
			"centre_name", "centre_bin", "issue_date", "valid_until", "status", "status_since", "demo", "links"),
		"CertificateUnit": oaObject("A recognised labour function or skill.", OAObj{
			"path": oaStr("Model path in the standard."), "code": oaStr("Its position in the card, as cited."),
			"kind": oaEnum("", "function", "skill"), "title": text,
		}, "path", "code", "kind", "title"),
		"CertificateLinks": oaObject("The public addresses of a certificate, as signed into its credential and printed in its QR code.", OAObj{
			"verify": oaStr("The verification page."), "credential": oaStr("The signed credential."), "pdf": oaStr("The PDF."),
		}, "verify", "credential", "pdf"),
		"CertificateList": oaPage("Certificate"),
		"CertificateStatusInput": oaObject("A status change.", OAObj{
			"status": oaEnum("revoked (final), suspended, or valid to reinstate a suspended certificate.", "revoked", "suspended", "valid"),
			"reason": oaStr("Why; kept in the audit log and shown on the public page of a suspended or revoked certificate."),
		}, "status", "reason"),
	}
}
