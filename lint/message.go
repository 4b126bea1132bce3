package lint

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
)

// Langs are the languages findings are written in.
var Langs = []string{"kk", "ru", "en"}

// IsLang reports whether lang is one of Langs.
func IsLang(lang string) bool { return slices.Contains(Langs, lang) }

// entry is one message of the catalogue in each language. A placeholder
// {name} shows the argument name; {name|form|…} shows a number followed by
// the noun in the form the number asks for: English one|other, Russian
// one|few|many. Kazakh nouns do not change after numbers.
type entry struct{ kk, ru, en string }

func (e entry) in(lang string) string {
	switch lang {
	case "kk":
		return e.kk
	case "ru":
		return e.ru
	}
	return e.en
}

// Render writes the message key with args in lang ("en" for an unknown
// language). An unknown key or a placeholder without its argument is
// written as it stands, so nothing is lost; Validate finds such defects.
func Render(lang, key string, args kasip.Args) string {
	s, _ := render(lang, kasip.Message{Key: key, Args: args})
	return s
}

// render is Render that also reports the first defect it met.
func render(lang string, m kasip.Message) (string, error) {
	e, ok := catalogue[m.Key]
	if !ok {
		return m.Key, fmt.Errorf("message key %q is not in the catalogue", m.Key)
	}
	tmpl := e.in(lang)
	var b strings.Builder
	var first error
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			b.WriteString(tmpl)
			break
		}
		end := strings.IndexByte(tmpl[open:], '}')
		if end < 0 {
			b.WriteString(tmpl)
			break
		}
		b.WriteString(tmpl[:open])
		s, err := placeholder(lang, tmpl[open+1:open+end], m.Args)
		if err != nil && first == nil {
			first = fmt.Errorf("%s (%s): %w", m.Key, lang, err)
		}
		b.WriteString(s)
		tmpl = tmpl[open+end+1:]
	}
	return b.String(), first
}

// placeholder writes one {…} of a template.
func placeholder(lang, spec string, args kasip.Args) (string, error) {
	name, forms, plural := strings.Cut(spec, "|")
	a, ok := args[name]
	if !ok {
		return "{" + spec + "}", fmt.Errorf("no argument %q", name)
	}
	if plural {
		if a.Kind != kasip.ArgNumber {
			return "{" + spec + "}", fmt.Errorf("argument %q is %s, the template counts it", name, a.Kind)
		}
		return strconv.Itoa(a.N) + " " + pluralForm(lang, a.N, strings.Split(forms, "|")), nil
	}
	return showArg(lang, a)
}

// showArg writes an argument by its kind.
func showArg(lang string, a kasip.Arg) (string, error) {
	switch a.Kind {
	case kasip.ArgNumber:
		return strconv.Itoa(a.N), nil
	case kasip.ArgQuote:
		return quoteIn(lang, a.Text), nil
	case kasip.ArgCode:
		return a.Text, nil
	case kasip.ArgTerm:
		return render(lang, kasip.Message{Key: a.Text})
	case kasip.ArgList:
		return showList(lang, a.List)
	}
	return a.Text, fmt.Errorf("unknown argument kind %q", a.Kind)
}

// maxSpots is how many places of one text a message lists.
const maxSpots = 3

// showList writes the first maxSpots messages of a list and how many more
// there are.
func showList(lang string, ms []kasip.Message) (string, error) {
	var parts []string
	var first error
	for i, m := range ms {
		if i == maxSpots {
			s, err := render(lang, kasip.Message{Key: "list.more", Args: kasip.Args{"n": kasip.NumberArg(len(ms) - maxSpots)}})
			parts[len(parts)-1] += s
			first = cmpErr(first, err)
			break
		}
		s, err := render(lang, m)
		parts = append(parts, s)
		first = cmpErr(first, err)
	}
	return strings.Join(parts, "; "), first
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// pluralForm picks the form of a noun after n: English one|other; Russian
// one|few|many (1 день, 2 дня, 5 дней, 21 день, 11 дней).
func pluralForm(lang string, n int, forms []string) string {
	i := 0
	switch {
	case lang == "ru" && len(forms) == 3:
		switch n10, n100 := n%10, n%100; {
		case n10 == 1 && n100 != 11:
			i = 0
		case n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14):
			i = 1
		default:
			i = 2
		}
	case n != 1:
		i = len(forms) - 1
	}
	return forms[i]
}

// quoteMax is how much of a text a message quotes.
const quoteMax = 80

// quoteIn quotes s as the language does: «…» in Kazakh and Russian, "…" in
// English, with runs of space collapsed and shortened to quoteMax.
func quoteIn(lang, s string) string {
	s = shorten(s, quoteMax)
	if lang == "kk" || lang == "ru" {
		return "«" + s + "»"
	}
	return `"` + s + `"`
}

// shorten collapses runs of space and cuts s to n characters with "…":
// enough for the author to find the place.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return s
}

// Placeholders returns the argument names a template uses, sorted.
func placeholders(tmpl string) []string {
	var names []string
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(tmpl[open:], '}')
		if end < 0 {
			break
		}
		name, _, _ := strings.Cut(tmpl[open+1:open+end], "|")
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
		tmpl = tmpl[open+end+1:]
	}
	slices.Sort(names)
	return names
}

// Localize rewrites the message of each finding in lang.
func Localize(fs []Finding, lang string) {
	for i := range fs {
		fs[i].Message = Render(lang, fs[i].Key, fs[i].Args)
	}
}

// RuleSummary is what rule id checks, in lang.
func RuleSummary(id, lang string) string { return Render(lang, "rule."+id, nil) }

// SeverityName is a severity in lang.
func SeverityName(s Severity, lang string) string { return Render(lang, "severity."+string(s), nil) }

// Argument helpers for the rules.

func quoteArg(s string) kasip.Arg { return kasip.QuoteArg(s) }

// nameArg quotes a title inside a longer message, shorter than a quote.
func nameArg(s string) kasip.Arg { return kasip.QuoteArg(shorten(s, nameMax)) }

func shortArg(s string, n int) kasip.Arg { return kasip.QuoteArg(shorten(s, n)) }
func codeArg(s string) kasip.Arg         { return kasip.CodeArg(s) }
func numArg(n int) kasip.Arg             { return kasip.NumberArg(n) }
func termArg(key string) kasip.Arg       { return kasip.TermArg(key) }

// msgArg is a phrase made of its own message, such as a card's name.
func msgArg(key string, args kasip.Args) kasip.Arg {
	return kasip.ListArg(kasip.Message{Key: key, Args: args})
}

// listArg is a list of phrases (the places of a text, the markers found).
func listArg(ms []kasip.Message) kasip.Arg { return kasip.ListArg(ms...) }

// sameMessage reports whether two messages say the same.
func sameMessage(a, b kasip.Message) bool { return reflect.DeepEqual(a, b) }
