package lint

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
)

// sections maps the divisions (first two digits) of OKED — identical to NACE
// Rev. 2 down to the class — to their section letter. Divisions missing here
// (04, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89) do not exist.
var sections = func() map[int]string {
	m := map[int]string{}
	for _, s := range []struct {
		letter   string
		from, to int
	}{
		{"A", 1, 3}, {"B", 5, 9}, {"C", 10, 33}, {"D", 35, 35}, {"E", 36, 39}, {"F", 41, 43},
		{"G", 45, 47}, {"H", 49, 53}, {"I", 55, 56}, {"J", 58, 63}, {"K", 64, 66}, {"L", 68, 68},
		{"M", 69, 75}, {"N", 77, 82}, {"O", 84, 84}, {"P", 85, 85}, {"Q", 86, 88}, {"R", 90, 93},
		{"S", 94, 96}, {"T", 97, 98}, {"U", 99, 99},
	} {
		for d := s.from; d <= s.to; d++ {
			m[d] = s.letter
		}
	}
	return m
}()

// depthNames are the OKED levels by the number of digits of a code.
var depthNames = map[int]string{0: "section", 2: "division", 3: "group", 4: "class", 5: "subclass"}

// reOKED matches an OKED code: a section letter, and/or digits as written in
// Kazakh standards (55, 55.1, 55.10, 55.10.1) or run together (55101).
var reOKED = regexp.MustCompile(`^([A-U])?\s*(\d{2}(?:\.?\d{1,2}(?:\.?\d)?)?)?$`)

type okedCode struct {
	letter string // section letter written with the code, if any
	digits string // digits without dots: "55101"
}

func parseOKED(code string) (okedCode, bool) {
	c, _ := kasip.NormalizeCode(code)
	m := reOKED.FindStringSubmatch(strings.ToUpper(c))
	if m == nil || (m[1] == "" && m[2] == "") {
		return okedCode{}, false
	}
	return okedCode{m[1], strings.ReplaceAll(m[2], ".", "")}, true
}

func (c okedCode) division() int { d, _ := strconv.Atoi(c.digits[:2]); return d }

// checkOKED checks the OKED entries against the classification and each
// other, and the standard's code against them.
func checkOKED(st *kasip.Standard, _ Options) []Finding {
	r := newReport(st, "oked-inconsistent", Error)
	r.okedEntries()
	if isKZ(st) {
		r.standardCode()
	}
	return r.done()
}

// okedEntries walks the entries in order, as the passport lists them: a
// section, then its division, group, class and subclass, each under the
// one before it.
func (r *report) okedEntries() {
	section, sectionAt := "", -1
	var above []string // digits of the entries since the section, in order
	for j, e := range r.st.OKED {
		p := idx("oked", j)
		c, ok := parseOKED(e.Code)
		if !ok {
			r.add(Error, p, e.Origin, "OKED entry %s is not an OKED code; expected a section letter (A–U) or digits such as 55, 55.1, 55.10, 55.10.1", quote(e.Code))
			continue
		}
		r.okedLevel(p, e, c)
		if c.digits == "" {
			section, sectionAt, above = c.letter, j, nil
			continue
		}
		// A division is checked against its section; a group, class or
		// subclass only against the code above it, so that one misplaced
		// division gives one finding, not one per line below it.
		if len(c.digits) == 2 || !isKZ(r.st) || !hasShorter(above, c.digits) {
			r.okedDivision(p, e, c, section, sectionAt)
		} else if !r.okedParent(p, e, c, above) {
			continue // compare what follows with the entries that fit
		}
		above = append(above, c.digits)
	}
}

// okedLevel reports an entry whose stated level does not fit its code.
func (r *report) okedLevel(p string, e kasip.OKEDEntry, c okedCode) {
	want := depthNames[len(c.digits)]
	if e.Level != "" && want != "" && e.Level != want {
		r.add(Error, p+".level", e.Origin, "OKED entry %s is given as a %s, but a code of this form is a %s", quote(e.Code), e.Level, want)
	}
}

// okedDivision reports a division that does not exist or that belongs to
// another section than the one it is listed under.
func (r *report) okedDivision(p string, e kasip.OKEDEntry, c okedCode, section string, sectionAt int) {
	d := c.division()
	want, ok := sections[d]
	switch {
	case !ok:
		r.add(Error, p, e.Origin, "OKED entry %s: division %02d does not exist in OKED; expected a division of the classification", quote(e.Code), d)
	case c.letter != "" && c.letter != want:
		r.add(Error, p, e.Origin, "OKED entry %s: division %02d belongs to section %s, not %s", quote(e.Code), d, want, c.letter)
	case section != "" && section != want:
		r.add(Error, p, e.Origin, "OKED entry %s %s is listed under section %s (oked[%d]), but division %02d belongs to section %s; expected section %s or another division",
			e.Code, quoteN(r.text(e.Title), nameMax), section, sectionAt, d, want, want)
	}
}

// okedParent reports a group, class or subclass whose code does not extend
// the nearest shorter code above it: the hierarchy is broken. It returns
// whether the entry fits.
func (r *report) okedParent(p string, e kasip.OKEDEntry, c okedCode, above []string) bool {
	for k := len(above) - 1; k >= 0; k-- {
		a := above[k]
		if len(a) >= len(c.digits) {
			continue
		}
		if strings.HasPrefix(c.digits, a) {
			return true
		}
		r.add(Error, p, e.Origin, "OKED %s %s is listed under %s %s, which it does not belong to; expected it under %s %s",
			depthNames[len(c.digits)], dotted(c.digits), depthNames[len(a)], dotted(a), depthNames[len(a)], dotted(c.digits[:len(a)]))
		return false
	}
	return true
}

func hasShorter(above []string, digits string) bool {
	return slices.ContainsFunc(above, func(a string) bool { return len(a) < len(digits) })
}

// dotted writes OKED digits the way Kazakh standards do: 55.10.1.
func dotted(d string) string {
	switch {
	case len(d) <= 2:
		return d
	case len(d) <= 4:
		return d[:2] + "." + d[2:]
	}
	return d[:2] + "." + d[2:4] + "." + d[4:]
}

// reStdCode matches a Kazakh standard's code: OKED section letter, then the
// digits of its OKED class (M84120, I55101015).
var reStdCode = regexp.MustCompile(`^([A-U])(\d{2})\d*$`)

// standardCode checks the standard's code against the classification and
// against the OKED entries it lists.
func (r *report) standardCode() {
	m := reStdCode.FindStringSubmatch(r.st.Code)
	if m == nil {
		return
	}
	letter := m[1]
	d, _ := strconv.Atoi(m[2])
	code := quote(r.st.Code)
	if want, ok := sections[d]; !ok {
		r.add(Error, "code", kasip.Origin{}, "the standard's code %s starts with division %02d, which does not exist in OKED", code, d)
	} else if want != letter {
		r.add(Error, "code", kasip.Origin{}, "the standard's code %s has section letter %s, but its division %02d belongs to section %s; expected %s%s",
			code, letter, d, want, want, r.st.Code[1:])
	}
	r.codeAgainstEntries(code, letter, fmt.Sprintf("%02d", d))
}

// codeAgainstEntries reports a code whose section or division the OKED
// entries do not list.
func (r *report) codeAgainstEntries(code, letter, division string) {
	var letters, divisions []string
	for _, e := range r.st.OKED {
		if c, ok := parseOKED(e.Code); ok {
			if c.digits == "" {
				letters = append(letters, c.letter)
			} else {
				divisions = append(divisions, c.digits[:2])
			}
		}
	}
	if len(letters) > 0 && !slices.Contains(letters, letter) {
		r.add(Error, "code", kasip.Origin{}, "the standard's code %s has section letter %s, but the OKED entries give section %s", code, letter, strings.Join(letters, ", "))
	}
	if len(divisions) > 0 && !slices.Contains(divisions, division) {
		r.add(Error, "code", kasip.Origin{}, "the standard's code %s has division %s, but the OKED entries give division %s", code, division, strings.Join(unique(divisions), ", "))
	}
}

func unique(list []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
