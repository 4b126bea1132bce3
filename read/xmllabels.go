package read

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/kasip/kasip"
)

// reRULabel finds a heading of the register's function table written into
// the text of an item ("… Необходимые знания: …"), as exports that flatten a
// document's table into one element do.
var reRULabel = regexp.MustCompile(`(?i)(?:^|[\s.;,])((?:трудовые\s+действия|необходимые\s+умения|необходимые\s+знания|умения|знания)\s*:)`)

// ruListOf names the list a heading introduces.
func ruListOf(label string) string {
	l := strings.ToLower(label)
	switch {
	case strings.Contains(l, "действ"):
		return "actions"
	case strings.Contains(l, "умени"):
		return "abilities"
	}
	return "knowledge"
}

// relabel moves the text that follows a heading inside an item of one of a
// function's lists (actions, abilities, knowledge) to the list the heading
// names, with a note; the text before it stays where it was.
func (m *ruMapper) relabel(fn *kasip.Function, path string) {
	lists := map[string]*[]kasip.Item{"actions": &fn.Actions, "abilities": &fn.Abilities, "knowledge": &fn.Knowledge}
	for _, name := range []string{"actions", "abilities", "knowledge"} {
		list := lists[name]
		var keep []kasip.Item
		for i, it := range *list {
			text := it.Text.Get("ru")
			loc := reRULabel.FindStringSubmatchIndex(text)
			if loc == nil || ruListOf(text[loc[2]:loc[3]]) == name {
				keep = append(keep, it)
				continue
			}
			label, target := strings.TrimSpace(text[loc[2]:loc[3]]), ruListOf(text[loc[2]:loc[3]])
			m.st.Notes = append(m.st.Notes, kasip.Note{Rule: "unsplit-list", Path: fmt.Sprintf("%s.%s[%d]", path, name, i), Origin: it.Origin,
				Message: fmt.Sprintf("label %q inside an item of %s; the text after it is read as %s", label, name, target),
				Key:     "note.label-inside-item", Args: kasip.Args{"label": kasip.QuoteArg(label)}})
			if before := strings.TrimRight(strings.TrimSpace(text[:loc[2]]), ".;,"); before != "" {
				keep = append(keep, kasip.Item{Text: ru(before), Origin: it.Origin})
			}
			for _, l := range strings.Split(text[loc[3]:], "\n") {
				if l = strings.TrimSpace(l); l != "" {
					*lists[target] = append(*lists[target], kasip.Item{Text: ru(l), Origin: it.Origin})
				}
			}
		}
		*list = keep
	}
}
