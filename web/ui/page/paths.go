package page

import (
	"regexp"
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

var (
	uiPathStep   = regexp.MustCompile(`^([a-z_]+)(?:\[(\d+)\])?$`)
	UIPathCardRe = regexp.MustCompile(`^cards\[(\d+)\]`)
)

// uiPathNames names the steps of a model path (JSON names) in words.
var UIPathNames = map[string]string{
	"cards":               "Card",
	"card_list":           "Passport: list of cards",
	"functions":           "Labour function",
	"function_list":       "List of labour functions",
	"skills":              "Skill",
	"abilities":           "Ability",
	"knowledge":           "Knowledge item",
	"actions":             "Labour action",
	"title":               "Title",
	"header_title":        "Title",
	"text":                "Text",
	"level":               "Level",
	"sub_level":           "Sub-level",
	"codes":               "Codes",
	"code":                "Code",
	"oked":                "OKED",
	"terms":               "Term",
	"abbreviations":       "Abbreviation",
	"description":         "Description",
	"scope":               "Scope",
	"common_requirements": "Common requirements",
	"purpose":             "Main purpose",
	"education":           "Education",
	"specialities":        "Specialities",
	"qualification":       "Qualification",
	"experience":          "Work experience",
	"admission":           "Conditions of admission",
	"non_formal":          "Non-formal and informal learning",
	"alt_titles":          "Other possible titles",
	"competencies":        "Personal competencies",
	"regulations":         "Technical regulations and standards",
	"related":             "Related profession",
	"classifiers":         "Classifier codes",
	"other":               "Other",
	"technical":           "Technical data",
	"version":             "Version",
	"year":                "Year",
	"review_date":         "Planned review date",
	"developers":          "Developers",
	"bodies":              "State bodies",
	"recognizable":        "Recognition of the skill",
	"mandatory":           "Mandatory",
	"order":               "Approving order",
}
