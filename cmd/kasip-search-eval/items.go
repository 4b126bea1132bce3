package main

import (
	"fmt"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/search"
)

// item is one searchable piece of text of a standard in one language,
// named the way kasip.SearchHit names it: CODE|PATH|LANG.
type item struct {
	Code, Path, Lang, Kind, Text string
}

func (it item) key() string { return it.Code + "|" + it.Path + "|" + it.Lang }

// flatten lists the searchable items of a standard as the engine indexes
// them (search.Documents), keyed with normPath. The text is the item's raw
// text plus the codes the document prints with it (the standard's code,
// a card's codes, a function's code), so that the baseline can find codes
// in the same text a reader sees.
func flatten(st *kasip.Standard) []item {
	codes := map[string]string{"title": st.Code}
	for ci, c := range st.Cards {
		codes[fmt.Sprintf("cards[%d]", ci)] = strings.Join(c.Codes, " ")
		for fi, f := range c.Functions {
			codes[fmt.Sprintf("cards[%d].functions[%d]", ci, fi)] = f.Code
		}
	}
	var out []item
	for _, d := range search.Documents(st) {
		p := normPath(d.Path)
		text := strings.TrimSpace(d.Text)
		if c := codes[p]; c != "" {
			text = c + " " + text
		}
		out = append(out, item{Code: st.Code, Path: p, Lang: d.Lang, Kind: d.Kind, Text: text})
	}
	return out
}

// normPath maps the spellings an engine may use for one item onto the
// relevance set's: the standard's title is "title"; cards, functions and
// skills are named by their own path (cards[0].functions[1]), without a
// trailing ".title"; list items by their index, without ".text"; terms
// without ".term" or ".definition".
func normPath(p string) string {
	if p == "" || p == "title" {
		return "title"
	}
	p = strings.TrimSuffix(p, ".text")
	p = strings.TrimSuffix(p, ".title")
	if strings.HasPrefix(p, "terms[") || strings.HasPrefix(p, "abbreviations[") {
		p = strings.TrimSuffix(strings.TrimSuffix(p, ".term"), ".definition")
	}
	return p
}
