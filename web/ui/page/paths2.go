package page

import (
	"regexp"
)

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
