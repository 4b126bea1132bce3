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

// depthNames are the levels of the model (NACE's names) by the number of
// digits of a code. OKVED2 has a sixth digit (62.01.11), which the model
// counts as a subclass too.
var depthNames = map[int]string{0: "section", 2: "division", 3: "group", 4: "class", 5: "subclass", 6: "subclass"}

// classifier is the classification of economic activities a family uses:
// the Kazakh OKED (ЭҚЖЖ) or the Russian OKVED2, identical to NACE Rev. 2 down
// to the class and to each other in sections and divisions.
type classifier struct {
	term    string         // catalogue key of its name
	re      *regexp.Regexp // a well-formed code
	example string         // the forms it writes, for messages
	okved   bool           // levels named as OKVED2 names them (раздел, класс, подкласс, группа, подгруппа, вид)
}

// level is the catalogue key naming the level of a code of n digits (0: a
// section letter) in this classifier's own terms.
func (cl classifier) level(n int) string {
	if cl.okved {
		return fmt.Sprintf("okved2.level.%d", n)
	}
	return "level." + depthNames[n]
}

var (
	// OKED codes as Kazakh standards write them (55, 55.1, 55.10, 55.10.1)
	// or run together (55101), with or without a section letter.
	okedKZ = classifier{"classifier.oked", regexp.MustCompile(`^([A-U])?\s*(\d{2}(?:\.?\d{1,2}(?:\.?\d)?)?)?$`), "55, 55.1, 55.10, 55.10.1", false}
	// OKVED2 codes as the register writes them: NN, NN.N, NN.NN, NN.NN.N,
	// NN.NN.NN, or a section letter.
	okved2 = classifier{"classifier.okved2", regexp.MustCompile(`^([A-U])?\s*(\d{2}(?:\.\d(?:\d(?:\.\d{1,2})?)?)?)?$`), "62, 62.0, 62.01, 62.01.1, 62.01.11", true}
)

// activities is the classifier of st's family.
func activities(st *kasip.Standard) classifier {
	if isKZ(st) {
		return okedKZ
	}
	return okved2
}

type okedCode struct {
	letter string // section letter written with the code, if any
	digits string // digits without dots: "55101"
}

func (cl classifier) parse(code string) (okedCode, bool) {
	c, _ := kasip.NormalizeCode(code)
	m := cl.re.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(c)))
	if m == nil || (m[1] == "" && m[2] == "") {
		return okedCode{}, false
	}
	return okedCode{m[1], strings.ReplaceAll(m[2], ".", "")}, true
}

func (c okedCode) division() int { d, _ := strconv.Atoi(c.digits[:2]); return d }

// checkOKED checks the classifier entries against the classification and
// each other, the standard's code against them, and for the Russian
// register the OKZ codes of the occupations.
func checkOKED(st *kasip.Standard, _ Options) []Finding {
	r := newReport(st, "oked-inconsistent", Error)
	cl := activities(st)
	r.okedEntries(cl)
	if isKZ(st) {
		r.standardCode()
	} else {
		r.okzCodes()
	}
	return r.done()
}

// okedEntries walks the entries in order, as the passport lists them: a
// section, then its division, group, class and subclass, each under the
// one before it.
func (r *report) okedEntries(cl classifier) {
	section, sectionAt := "", -1
	var above []string // digits of the entries since the section, in order
	for j, e := range r.st.OKED {
		p := idx("oked", j)
		c, ok := cl.parse(e.Code)
		if !ok {
			r.add(Error, p, e.Origin, "oked.not-code", kasip.Args{"classifier": termArg(cl.term), "code": quoteArg(e.Code), "forms": codeArg(cl.example),
				"section_level": termArg(cl.level(0))})
			continue
		}
		r.okedLevel(p, e, c, cl)
		if c.digits == "" {
			section, sectionAt, above = c.letter, j, nil
			continue
		}
		// A division is checked against its section; a group, class or
		// subclass only against the code above it, so that one misplaced
		// division gives one finding, not one per line below it. The
		// register lists OKVED2 codes side by side, not as a hierarchy.
		if len(c.digits) == 2 || !isKZ(r.st) || !hasShorter(above, c.digits) {
			r.okedDivision(p, e, c, cl, section, sectionAt)
		} else if !r.okedParent(p, e, c, cl, above) {
			continue // compare what follows with the entries that fit
		}
		above = append(above, c.digits)
	}
}

// okedLevel reports an entry whose stated level does not fit its code.
func (r *report) okedLevel(p string, e kasip.OKEDEntry, c okedCode, cl classifier) {
	want := depthNames[len(c.digits)]
	if e.Level != "" && want != "" && e.Level != want {
		r.add(Error, p+".level", e.Origin, "oked.level", kasip.Args{"classifier": termArg(cl.term), "code": quoteArg(e.Code),
			"given": termArg("level." + e.Level), "want": termArg("level." + want)})
	}
}

// okedDivision reports a division that does not exist or that belongs to
// another section than the one it is listed under.
func (r *report) okedDivision(p string, e kasip.OKEDEntry, c okedCode, cl classifier, section string, sectionAt int) {
	d := c.division()
	want, ok := sections[d]
	args := kasip.Args{"classifier": termArg(cl.term), "code": quoteArg(e.Code), "division": codeArg(fmt.Sprintf("%02d", d)), "level": termArg(cl.level(2))}
	if !ok {
		r.add(Error, p, e.Origin, "oked.no-division", args)
		return
	}
	args["want"], args["section_level"] = codeArg(want), termArg(cl.level(0))
	switch {
	case c.letter != "" && c.letter != want:
		args["letter"] = codeArg(c.letter)
		r.add(Error, p, e.Origin, "oked.letter", args)
	case section != "" && section != want:
		args["code"], args["title"] = codeArg(e.Code), nameArg(r.text(e.Title))
		args["section"], args["at"] = codeArg(section), codeArg(idx("oked", sectionAt))
		r.add(Error, p, e.Origin, "oked.section", args)
	}
}

// okedParent reports a group, class or subclass whose code does not extend
// the nearest shorter code above it: the hierarchy is broken. It returns
// whether the entry fits.
func (r *report) okedParent(p string, e kasip.OKEDEntry, c okedCode, cl classifier, above []string) bool {
	for k := len(above) - 1; k >= 0; k-- {
		a := above[k]
		if len(a) >= len(c.digits) {
			continue
		}
		if strings.HasPrefix(c.digits, a) {
			return true
		}
		r.add(Error, p, e.Origin, "oked.parent", kasip.Args{"classifier": termArg(cl.term),
			"level": termArg(cl.level(len(c.digits))), "code": codeArg(dotted(c.digits)),
			"parent_level": termArg(cl.level(len(a))), "parent": codeArg(dotted(a)), "want": codeArg(dotted(c.digits[:len(a)]))})
		return false
	}
	return true
}

func hasShorter(above []string, digits string) bool {
	return slices.ContainsFunc(above, func(a string) bool { return len(a) < len(digits) })
}

// dotted writes classifier digits the way both families do: 55.10.1, 62.01.11.
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
	args := kasip.Args{"code": quoteArg(r.st.Code), "division": codeArg(fmt.Sprintf("%02d", d))}
	if want, ok := sections[d]; !ok {
		r.add(Error, "code", kasip.Origin{}, "oked.code-no-division", args)
	} else if want != letter {
		args["letter"], args["want"], args["fixed"] = codeArg(letter), codeArg(want), codeArg(want+r.st.Code[1:])
		r.add(Error, "code", kasip.Origin{}, "oked.code-letter", args)
	}
	r.codeAgainstEntries(r.st.Code, letter, fmt.Sprintf("%02d", d))
}

// codeAgainstEntries reports a code whose section or division the OKED
// entries do not list.
func (r *report) codeAgainstEntries(code, letter, division string) {
	var letters, divisions []string
	for _, e := range r.st.OKED {
		if c, ok := okedKZ.parse(e.Code); ok {
			if c.digits == "" {
				letters = append(letters, c.letter)
			} else {
				divisions = append(divisions, c.digits[:2])
			}
		}
	}
	if len(letters) > 0 && !slices.Contains(letters, letter) {
		r.add(Error, "code", kasip.Origin{}, "oked.code-entries-section", kasip.Args{"code": quoteArg(code), "letter": codeArg(letter), "given": codeArg(strings.Join(letters, ", "))})
	}
	if len(divisions) > 0 && !slices.Contains(divisions, division) {
		r.add(Error, "code", kasip.Origin{}, "oked.code-entries-division", kasip.Args{"code": quoteArg(code), "division": codeArg(division), "given": codeArg(strings.Join(unique(divisions), ", "))})
	}
}

// reOKZ is a code of the Russian classifier of occupations (OKZ, OK 010-2014,
// after ISCO-08): four digits, the unit group.
var reOKZ = regexp.MustCompile(`^\d{4}$`)

// okzCodes reports OKZ codes of the standard's occupations and of its cards
// that are not four digits.
func (r *report) okzCodes() {
	bad := func(path string, code string, o kasip.Origin) {
		if c := strings.TrimSpace(code); c != "" && !reOKZ.MatchString(c) {
			r.add(Error, path, o, "okz.not-code", kasip.Args{"classifier": termArg("classifier.okz"), "code": quoteArg(code)})
		}
	}
	for j, e := range r.st.Occupations {
		if e.System == "OKZ" || e.System == "" {
			bad(idx("occupations", j)+".code", e.Code, e.Origin)
		}
	}
	for i, c := range r.st.Cards {
		for j, e := range c.Classifiers {
			if e.System == "OKZ" {
				bad(fmt.Sprintf("cards[%d].classifiers[%d].code", i, j), e.Code, e.Origin)
			}
		}
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
