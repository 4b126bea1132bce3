package page

import (
	"html"
	"html/template"
	"strings"
)

// WordDiff marks the words of old missing from new (<del>) and the words
// of new missing from old (<ins>), by the longest common subsequence of
// words. Long texts (where the table would be large) are shown unmarked.
func WordDiff(old, new string) (template.HTML, template.HTML) {
	a, b := strings.Fields(old), strings.Fields(new)
	if len(a)*len(b) > 200_000 || len(a) == 0 || len(b) == 0 {
		return template.HTML(html.EscapeString(old)), template.HTML(html.EscapeString(new))
	}
	// lcs[i][j] = length of the LCS of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var oa, ob []string
	var runA, runB []string
	flush := func() {
		if len(runA) > 0 {
			oa = append(oa, "<del>"+html.EscapeString(strings.Join(runA, " "))+"</del>")
			runA = nil
		}
		if len(runB) > 0 {
			ob = append(ob, "<ins>"+html.EscapeString(strings.Join(runB, " "))+"</ins>")
			runB = nil
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			flush()
			oa = append(oa, html.EscapeString(a[i]))
			ob = append(ob, html.EscapeString(b[j]))
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			runB = append(runB, b[j])
			j++
		default:
			runA = append(runA, a[i])
			i++
		}
	}
	flush()
	return template.HTML(strings.Join(oa, " ")), template.HTML(strings.Join(ob, " "))
}
