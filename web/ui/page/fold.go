package page

import (
	"html/template"
	"io"
	"strings"
	"text/template/parse"

	"github.com/kasip/kasip/web/i18n"
)

// Folding the UI's constant translations. A page holds dozens of
// {{t "English text"}} actions (the layout alone twenty); each costs a
// reflective call of t and another of the HTML escaper that html/template
// adds after it, on every request, though both give the same answer every
// time in a template parsed for one language. That was about a quarter of
// the CPU of the public verification page (docs/benchmarks.md). So once
// html/template has escaped a page's templates, foldTranslations replaces
// every action that is just t of a string literal followed by the escaper
// for HTML text, a quoted attribute or RCDATA, by the text they would
// write. Actions in other contexts (URLs, scripts, styles, unquoted
// attributes) keep their calls. Likewise {{asset "app.css"}}, the
// hashed address of a static file, in a src or href: its URL escapers
// leave an address of letters, digits and "/._-" as it is. TestUIFoldedPagesIdentical renders pages
// both ways and compares them byte for byte.

// foldableEscapers are the escapers whose output for a plain string is
// htmlEscapeLikeTemplate's (html/template: htmlEscaper, attrEscaper and
// rcdataEscaper share htmlReplacementTable).
var foldableEscapers = map[string]bool{
	"_html_template_htmlescaper":   true,
	"_html_template_attrescaper":   true,
	"_html_template_rcdataescaper": true,
}

// htmlEscapeLikeTemplate escapes plain text as html/template does in HTML
// text and quoted attributes (it escapes '+' too, unlike html.EscapeString).
var HTMLEscapeLikeTemplate = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;",
).Replace

// foldTranslations makes html/template escape t (executing "layout" on
// an int stops at its first field, after escaping) and folds the constant
// translations of lang in every escaped template of its set. It returns
// how many actions it folded.
func FoldTranslations(t *template.Template, lang string, assetURL map[string]string) int {
	_ = t.ExecuteTemplate(io.Discard, "layout", 0) // escapes; the int then stops it
	f := folder{lang: lang, assetURL: assetURL}
	n := 0
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Tree.Root != nil {
			n += f.list(tt.Tree.Root)
		}
	}
	return n
}

// folder folds the constants of one language's templates.
type folder struct {
	lang     string
	assetURL map[string]string
}

// list folds in a list and the lists nested in its nodes.
func (f folder) list(l *parse.ListNode) int {
	if l == nil {
		return 0
	}
	n := 0
	for i, node := range l.Nodes {
		switch x := node.(type) {
		case *parse.ActionNode:
			if s, ok := f.constant(x); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: x.Pos, Text: []byte(s)}
				n++
			}
		case *parse.IfNode:
			n += f.list(x.List) + f.list(x.ElseList)
		case *parse.RangeNode:
			n += f.list(x.List) + f.list(x.ElseList)
		case *parse.WithNode:
			n += f.list(x.List) + f.list(x.ElseList)
		case *parse.ListNode:
			n += f.list(x)
		}
	}
	return n
}

// constant is what an escaped action writes when it is a constant one:
// {{t "key" | escaper}} with an HTML-text, attribute or RCDATA escaper,
// or {{asset "name" | URL escapers}} with a plain address.
func (f folder) constant(a *parse.ActionNode) (string, bool) {
	p := a.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 {
		return "", false
	}
	first := p.Cmds[0].Args
	if len(first) != 2 {
		return "", false
	}
	fn, ok := first[0].(*parse.IdentifierNode)
	arg, ok2 := first[1].(*parse.StringNode)
	if !ok || !ok2 {
		return "", false
	}
	escapers := make([]string, 0, len(p.Cmds)-1)
	for _, c := range p.Cmds[1:] {
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if len(c.Args) != 1 || !ok {
			return "", false
		}
		escapers = append(escapers, id.Ident)
	}
	switch fn.Ident {
	case "t":
		if len(escapers) == 1 && foldableEscapers[escapers[0]] {
			return HTMLEscapeLikeTemplate(i18n.Translate(f.lang, arg.Text)), true
		}
	case "asset":
		u := f.assetURL[arg.Text]
		for _, e := range escapers {
			if !urlEscapers[e] {
				return "", false
			}
		}
		if u != "" && strings.Trim(u, plainURLChars) == "" {
			return u, true
		}
	}
	return "", false
}

// urlEscapers are html/template's escapers of a URL in an attribute; none
// changes an address made only of plainURLChars (no scheme to filter,
// nothing to percent-encode, nothing for HTML to escape).
var urlEscapers = map[string]bool{
	"_html_template_urlfilter":     true,
	"_html_template_urlnormalizer": true,
	"_html_template_attrescaper":   true,
}

const plainURLChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-"
