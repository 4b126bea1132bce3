package page

import (
	"strconv"
	"strings"

	"github.com/kasip/kasip/web/i18n"
)

// uiHumanPath turns "cards[0].functions[1].skills[0].knowledge[3]" into
// "Card 1 › Labour function 2 › Skill 1 › Knowledge 4". Unknown steps stay
// as they are; a trailing language ("title.ru") is shown in brackets.
func UIHumanPath(p, lang string) string {
	var out []string
	for _, step := range strings.Split(p, ".") {
		if i18n.IsUILang(step) {
			out = append(out, "("+UILangName(step, lang)+")")
			continue
		}
		m := uiPathStep.FindStringSubmatch(step)
		if m == nil {
			out = append(out, step)
			continue
		}
		name := m[1]
		if k, ok := UIPathNames[name]; ok {
			name = i18n.Translate(lang, k)
		}
		if m[2] != "" {
			n, _ := strconv.Atoi(m[2])
			name += " " + strconv.Itoa(n+1)
		}
		out = append(out, name)
	}
	return strings.Join(out, " › ")
}
