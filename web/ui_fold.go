package web

import (
	"html/template"
	"io"
	"strings"
	"text/template/parse"
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
// attributes) keep their calls. TestUIFoldedPagesIdentical renders pages
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
var htmlEscapeLikeTemplate = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;",
).Replace

// foldTranslations makes html/template escape t (executing "layout" on
// an int stops at its first field, after escaping) and folds the constant
// translations of lang in every escaped template of its set. It returns
// how many actions it folded.
func foldTranslations(t *template.Template, lang string) int {
	_ = t.ExecuteTemplate(io.Discard, "layout", 0) // escapes; the int then stops it
	n := 0
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Tree.Root != nil {
			n += foldList(tt.Tree.Root, lang)
		}
	}
	return n
}

// foldList folds in a list and the lists nested in its nodes.
func foldList(l *parse.ListNode, lang string) int {
	if l == nil {
		return 0
	}
	n := 0
	for i, node := range l.Nodes {
		switch x := node.(type) {
		case *parse.ActionNode:
			if s, ok := constantTranslation(x, lang); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: x.Pos, Text: []byte(s)}
				n++
			}
		case *parse.IfNode:
			n += foldList(x.List, lang) + foldList(x.ElseList, lang)
		case *parse.RangeNode:
			n += foldList(x.List, lang) + foldList(x.ElseList, lang)
		case *parse.WithNode:
			n += foldList(x.List, lang) + foldList(x.ElseList, lang)
		case *parse.ListNode:
			n += foldList(x, lang)
		}
	}
	return n
}

// constantTranslation is what an escaped action {{t "key" | escaper...}}
// writes, when it is one.
func constantTranslation(a *parse.ActionNode, lang string) (string, bool) {
	p := a.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 2 {
		return "", false
	}
	first := p.Cmds[0].Args
	if len(first) != 2 {
		return "", false
	}
	fn, ok := first[0].(*parse.IdentifierNode)
	key, ok2 := first[1].(*parse.StringNode)
	if !ok || !ok2 || fn.Ident != "t" {
		return "", false
	}
	esc := p.Cmds[1].Args
	if len(esc) != 1 {
		return "", false
	}
	if id, ok := esc[0].(*parse.IdentifierNode); !ok || !foldableEscapers[id.Ident] {
		return "", false
	}
	return htmlEscapeLikeTemplate(translate(lang, key.Text)), true
}
