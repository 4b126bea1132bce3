package store

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
)

// The helpers here derive the filter columns from the model. Text is
// lower-cased in Go, not by the database: SQLite's lower() only knows
// ASCII and PostgreSQL's depends on the database's LC_CTYPE, while
// strings.ToLower treats Kazakh and Russian letters the same everywhere.

// listKey makes ",a,b," so that "contains a" is LIKE '%,a,%' on both
// databases (they share no array type).
func listKey(items []string) string {
	if len(items) == 0 {
		return ","
	}
	return "," + strings.Join(items, ",") + ","
}

// likeEscape escapes LIKE wildcards; queries use ESCAPE '\'.
func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// searchText joins the lower-cased strings into one searchable column.
func searchText(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strings.ToLower(p))
	}
	return b.String()
}

// textValues returns the values of t in a stable order.
func textValues(t kasip.Text) []string {
	langs := make([]string, 0, len(t))
	for l := range t {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	out := make([]string, 0, len(t))
	for _, l := range langs {
		out = append(out, t[l])
	}
	return out
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only maps of strings, string slices and the model go through
		// here; none of them can fail to encode.
		panic("store: encode json: " + err.Error())
	}
	return string(b)
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// compareVersions orders version strings numerically by dot-separated
// parts ("2" < "10", "1" < "1.1", "2" = "2.0"); a part that is not a number
// compares as text after the numbers.
func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, y := strings.TrimSpace(pa[i]), strings.TrimSpace(pb[i])
		nx, ex := strconv.ParseUint(x, 10, 64)
		ny, ey := strconv.ParseUint(y, 10, 64)
		switch {
		case ex == nil && ey == nil:
			if nx != ny {
				if nx < ny {
					return -1
				}
				return 1
			}
		case ex == nil:
			return -1
		case ey == nil:
			return 1
		default:
			if c := strings.Compare(x, y); c != 0 {
				return c
			}
		}
	}
	// Extra parts decide only when they are not zero: "2.0" is version 2.
	var rest []string
	sign := 1
	if len(pa) > len(pb) {
		rest = pa[len(pb):]
	} else {
		rest, sign = pb[len(pa):], -1
	}
	for _, p := range rest {
		if n, err := strconv.ParseUint(strings.TrimSpace(p), 10, 64); err != nil || n != 0 {
			return sign
		}
	}
	return 0
}

// okedSections returns the OKED sections of a standard: the section
// entries it names, and the sections its numeric codes belong to. Both are
// kept because documents are not always right about the section (seed 004
// names section M above division 84, which is section O) and a register
// user filtering by either should find the standard.
func okedSections(entries []kasip.OKEDEntry) []string {
	set := map[string]bool{}
	for _, e := range entries {
		if sec := okedSection(e); sec != "" {
			set[sec] = true
		}
		if e.Level == "section" {
			continue
		}
		if sec := sectionOfCode(e.Code); sec != "" {
			set[sec] = true
		}
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// okedSection returns the section letter of a section entry, or "".
func okedSection(e kasip.OKEDEntry) string {
	code := strings.ToUpper(strings.TrimSpace(e.Code))
	if len(code) == 1 && code[0] >= 'A' && code[0] <= 'Z' {
		return code
	}
	if e.Level == "section" && code != "" && code[0] >= 'A' && code[0] <= 'Z' {
		return code[:1]
	}
	return ""
}

// sectionOfCode gives the section of a numeric OKED code by its division,
// as NACE Rev. 2 assigns them; OKED (Kazakhstan) and OKVED2 (Russia) both
// follow NACE down to the class.
func sectionOfCode(code string) string {
	code = strings.TrimSpace(code)
	if len(code) < 2 {
		return ""
	}
	div, err := strconv.Atoi(code[:2])
	if err != nil {
		return ""
	}
	for _, r := range naceSections {
		if div >= r.from && div <= r.to {
			return r.section
		}
	}
	return ""
}

var naceSections = []struct {
	from, to int
	section  string
}{
	{1, 3, "A"}, {5, 9, "B"}, {10, 33, "C"}, {35, 35, "D"}, {36, 39, "E"},
	{41, 43, "F"}, {45, 47, "G"}, {49, 53, "H"}, {55, 56, "I"}, {58, 63, "J"},
	{64, 66, "K"}, {68, 68, "L"}, {69, 75, "M"}, {77, 82, "N"}, {84, 84, "O"},
	{85, 85, "P"}, {86, 88, "Q"}, {90, 93, "R"}, {94, 96, "S"}, {97, 98, "T"},
	{99, 99, "U"},
}
