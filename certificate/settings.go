package certificate

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
)

// Settings are the rules of issuing that the law leaves to regulations, and
// where the issuing instance is reached.
type Settings struct {
	// NumberFormat is the pattern of certificate numbers; see
	// ParseNumberFormat for its placeholders.
	NumberFormat string `json:"number_format"`
	// ValidityYears: a certificate is valid this many years from the day
	// of issue (the day before the anniversary is its last day).
	ValidityYears int `json:"validity_years"`
	// BaseURL is the public address of this Kasip instance, without a
	// trailing slash: "https://kasip.kz". Credentials, PDFs and QR codes
	// link to it for ever, so issuing refuses to run until it is set
	// rather than signing a placeholder domain into credentials.
	BaseURL string `json:"base_url"`
	// Demo marks every certificate issued as a demonstration (a demo
	// instance). Certificates from generated (demo) standards are marked
	// whatever this says.
	Demo bool `json:"demo"`
}

// DefaultSettings are the values used until an administrator changes them.
// BaseURL has no default; see Settings.
func DefaultSettings() Settings {
	return Settings{NumberFormat: "{centre}-{year}-{seq:06}", ValidityYears: 5}
}

// Validate reports every setting that is out of range. An empty BaseURL is
// allowed here (the settings may be saved before the address is known);
// CheckIssuable refuses it.
func (s Settings) Validate() error {
	var p []string
	if _, err := ParseNumberFormat(s.NumberFormat); err != nil {
		p = append(p, err.Error())
	}
	if s.ValidityYears < 1 || s.ValidityYears > 100 {
		p = append(p, fmt.Sprintf("validity_years must be between 1 and 100, not %d", s.ValidityYears))
	}
	if s.BaseURL != "" {
		if err := checkBaseURL(s.BaseURL); err != nil {
			p = append(p, err.Error())
		}
	}
	if len(p) == 0 {
		return nil
	}
	return fmt.Errorf("certificate settings: %s: %w", strings.Join(p, "; "), kasip.ErrInvalid)
}

// CheckIssuable is Validate plus what issuing needs: the base URL.
func (s Settings) CheckIssuable() error {
	if err := s.Validate(); err != nil {
		return err
	}
	if s.BaseURL == "" {
		return fmt.Errorf("certificate settings: base_url is not set; set the public address of this instance before issuing: %w", kasip.ErrInvalid)
	}
	return nil
}

func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return fmt.Errorf("base_url %q: %v", raw, err)
	case u.Scheme != "https" && u.Scheme != "http", u.Host == "":
		return fmt.Errorf("base_url %q: want an absolute http(s) URL", raw)
	case u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return fmt.Errorf("base_url %q: no query, fragment or user info", raw)
	case strings.HasSuffix(raw, "/"):
		return fmt.Errorf("base_url %q: drop the trailing slash", raw)
	}
	return nil
}

// URLs are the public addresses built on BaseURL.
func (s Settings) URLs() URLs { return URLs{Base: s.BaseURL} }

// NumberFormat is a parsed certificate number pattern.
type NumberFormat struct {
	parts []part
	// byCentre, byYear: the pattern names the centre, the year. Numbers
	// are counted per centre and per year only when the pattern shows
	// them: a pattern without {centre} counted per centre would give two
	// centres the same numbers.
	byCentre, byYear bool
}

type part struct {
	literal string
	field   string // centre, year, yy, seq; "" for a literal
	width   int    // minimum digits (zero-padded)
}

// Limits of a pattern.
const (
	maxFormatLen = 64
	maxWidth     = 12
)

// ParseNumberFormat reads a number pattern: literal text and placeholders
//
//	{seq} or {seq:06}       the running number, zero-padded to the width (required, once)
//	{centre} or {centre:03} the recognition centre's registry id
//	{year}                  the year of issue, four digits
//	{yy}                    its last two digits
//
// e.g. "{centre}-{year}-{seq:06}" → "7-2025-000042". Literal text may use
// ASCII letters, digits and . _ - only: the number appears in URLs and on
// paper. Two variable-length numbers ({centre} and {seq}) must be separated
// by a character that is not a digit, or "1" + "12" and "11" + "2" would
// give the same number.
func ParseNumberFormat(format string) (NumberFormat, error) {
	bad := func(why string, args ...any) (NumberFormat, error) {
		return NumberFormat{}, fmt.Errorf("number format %q: %s", format, fmt.Sprintf(why, args...))
	}
	if format == "" || len(format) > maxFormatLen {
		return bad("must have 1 to %d characters", maxFormatLen)
	}
	var f NumberFormat
	seen := map[string]bool{}
	for rest := format; rest != ""; {
		open := strings.IndexByte(rest, '{')
		if open != 0 {
			lit := rest
			if open > 0 {
				lit = rest[:open]
			}
			if i := strings.IndexFunc(lit, func(r rune) bool { return !literalRune(r) }); i >= 0 {
				return bad("character %q is not allowed (use letters, digits, '.', '_', '-')", []rune(lit[i:])[0])
			}
			f.parts = append(f.parts, part{literal: lit})
			rest = rest[len(lit):]
			continue
		}
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return bad("unclosed {")
		}
		p, err := parsePlaceholder(rest[1:end])
		if err != nil {
			return bad("%v", err)
		}
		if seen[p.field] {
			return bad("{%s} appears twice", p.field)
		}
		seen[p.field] = true
		f.parts = append(f.parts, p)
		rest = rest[end+1:]
	}
	if !seen["seq"] {
		return bad("{seq} is required")
	}
	f.byCentre, f.byYear = seen["centre"], seen["year"] || seen["yy"]
	if err := f.checkSeparated(); err != nil {
		return bad("%v", err)
	}
	return f, nil
}

func literalRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
}

func parsePlaceholder(s string) (part, error) {
	name, w, hasWidth := strings.Cut(s, ":")
	p := part{field: name}
	switch name {
	case "seq", "centre":
	case "year", "yy":
		if hasWidth {
			return p, fmt.Errorf("{%s} takes no width", name)
		}
	default:
		return p, fmt.Errorf("unknown placeholder {%s} (known: seq, centre, year, yy)", s)
	}
	if hasWidth {
		n, err := strconv.Atoi(w)
		if err != nil || n < 1 || n > maxWidth || strings.TrimLeft(w, "0123456789") != "" {
			return p, fmt.Errorf("{%s}: width %q is not 1 to %d", s, w, maxWidth)
		}
		p.width = n
	}
	return p, nil
}

// checkSeparated refuses {centre} and {seq} with only digits (or fixed
// width years) between them.
func (f NumberFormat) checkSeparated() error {
	last := "" // the last variable-length field since a separator
	for _, p := range f.parts {
		switch {
		case p.field == "centre" || p.field == "seq":
			if last != "" {
				return fmt.Errorf("{%s} and {%s} need a non-digit character between them", last, p.field)
			}
			last = p.field
		case p.field == "":
			if strings.TrimLeft(p.literal, "0123456789") != "" {
				last = ""
			}
		}
	}
	return nil
}

// Scope is the counter a number is drawn from: per centre and per year of
// issue when the pattern shows them, 0 where it does not.
func (f NumberFormat) Scope(centreID int64, year int) (centre int64, y int) {
	if f.byCentre {
		centre = centreID
	}
	if f.byYear {
		y = year
	}
	return centre, y
}

// Format writes the number of seq issued by centreID in year.
func (f NumberFormat) Format(centreID int64, year int, seq int64) string {
	var b strings.Builder
	for _, p := range f.parts {
		switch p.field {
		case "":
			b.WriteString(p.literal)
		case "seq":
			b.WriteString(pad(seq, p.width))
		case "centre":
			b.WriteString(pad(centreID, p.width))
		case "year":
			b.WriteString(pad(int64(year), 4))
		case "yy":
			b.WriteString(pad(int64(year%100), 2))
		}
	}
	return b.String()
}

func pad(n int64, width int) string {
	s := strconv.FormatInt(n, 10)
	if len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s
}

// FormatNumber formats seq, the running number of centreID in year, with
// the pattern format.
func FormatNumber(format string, centreID int64, year int, seq int64) (string, error) {
	f, err := ParseNumberFormat(format)
	if err != nil {
		return "", fmt.Errorf("%w: %w", err, kasip.ErrInvalid)
	}
	if seq < 1 || centreID < 0 || year < 0 || year > 9999 {
		return "", fmt.Errorf("number: seq %d, centre %d, year %d out of range: %w", seq, centreID, year, kasip.ErrInvalid)
	}
	return f.Format(centreID, year, seq), nil
}
