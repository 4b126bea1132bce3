package httpx

import (
	"strings"
)

// okedSection reads an OKED section: one Latin letter (A–U in the
// classification), case-insensitive.
func (q *APIQuery) OKEDSection(name string) string {
	raw := strings.TrimSpace(q.first(name))
	if raw == "" {
		return ""
	}
	if len(raw) != 1 || !('A' <= raw[0] && raw[0] <= 'Z' || 'a' <= raw[0] && raw[0] <= 'z') {
		q.Fail(name, "must be an OKED section letter (A–U)")
		return ""
	}
	return strings.ToUpper(raw)
}

// codePrefix reads the beginning of an occupation code: digits, with the
// dots and hyphens the classifiers write.
func (q *APIQuery) CodePrefix(name string) string {
	raw := strings.TrimSpace(q.first(name))
	if raw == "" {
		return ""
	}
	if !OccupationCodePrefix.MatchString(raw) {
		q.Fail(name, "must be the beginning of an occupation code (digits, \".\" and \"-\")")
		return ""
	}
	return raw
}
