package page

import (
	"html/template"
	"strings"
)

// The language links of every page — the alternates in the head and the
// switch in the header — were two template loops of 39 escaper calls,
// most of them normalising URLs: 332,000 of the 1,502,000 instructions of
// the certificate verification page (docs/benchmarks.md). They are written
// here once per page instead, escaped exactly as html/template escapes
// them in those places (TestLangLinksLikeTemplate renders both).

// LangAlternates is the <link rel="alternate"> of each UI language, a line
// each.
func (b UIBase) LangAlternates() template.HTML {
	var s strings.Builder
	for _, l := range b.LangLinks {
		s.WriteString(`<link rel="alternate" hreflang="`)
		s.WriteString(HTMLEscapeLikeTemplate(l.Code))
		s.WriteString(`" href="`)
		s.WriteString(attrURL(l.URL))
		s.WriteString("\">\n")
	}
	return template.HTML(s.String())
}

// LangSwitch is the list items of the language switch.
func (b UIBase) LangSwitch() template.HTML {
	var s strings.Builder
	for _, l := range b.LangLinks {
		code, name := HTMLEscapeLikeTemplate(l.Code), HTMLEscapeLikeTemplate(l.Name)
		s.WriteString("\n        <li><a href=\"")
		s.WriteString(attrURL(l.URL))
		s.WriteString(`" lang="` + code + `" hreflang="` + code + `" title="` + name + `"`)
		if l.Current {
			s.WriteString(` aria-current="true"`)
		}
		s.WriteString(`><span aria-hidden="true">` + HTMLEscapeLikeTemplate(l.Short) + `</span><span class="visually-hidden">` +
			name + `</span></a></li>`)
	}
	return template.HTML(s.String())
}

// attrURL is a URL as html/template writes it in a quoted href: refused
// (#ZgotmplZ) when its scheme is not http, https or mailto, normalised,
// then escaped for the attribute.
func attrURL(u string) string {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return "#ZgotmplZ"
	}
	return HTMLEscapeLikeTemplate(normalizeURL(u))
}

// normalizeURL percent-encodes what html/template's URL normaliser does:
// every byte but letters, digits, RFC 3986's unreserved and reserved
// characters (single quotes and parentheses are encoded, so the URL can
// sit in a single-quoted attribute) and '%' starting a valid escape, in
// lower-case hex.
func normalizeURL(u string) string {
	const keep = "!#$&*+,/:;=?@[]-._~"
	var b strings.Builder
	written := 0
	for i := 0; i < len(u); i++ {
		c := u[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(keep, c) >= 0 ||
			c == '%' && i+2 < len(u) && isHexDigit(u[i+1]) && isHexDigit(u[i+2]) {
			continue
		}
		b.WriteString(u[written:i])
		b.WriteByte('%')
		b.WriteByte("0123456789abcdef"[c>>4])
		b.WriteByte("0123456789abcdef"[c&15])
		written = i + 1
	}
	if written == 0 {
		return u
	}
	b.WriteString(u[written:])
	return b.String()
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
