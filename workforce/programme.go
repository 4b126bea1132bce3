package workforce

import (
	"strings"
	"time"
	"unicode/utf8"
)

// EduProgramme is an education provider's programme (образовательная
// программа / білім беру бағдарламасы): its speciality code in the
// classifier of specialities ("6B01101" for higher education, "0101000"
// for colleges), the qualification it awards, its modules or disciplines
// with their learning outcomes, and the cards of standards it prepares for.
type EduProgramme struct {
	ID            int64     `json:"id"`
	OrgID         int64     `json:"org_id"`
	Speciality    string    `json:"speciality"`
	Title         string    `json:"title"`
	Qualification string    `json:"qualification"`
	Cards         []CardRef `json:"cards"`
	Modules       []Module  `json:"modules"`
	Revision      int       `json:"revision"`
	Demo          bool      `json:"demo"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// CardRef is a card of a standard at a version.
type CardRef struct {
	Standard string `json:"standard_code"`
	Version  string `json:"standard_version"`
	Card     int    `json:"card"`
}

// Module is a module or discipline of a programme.
type Module struct {
	Code     string    `json:"code"` // as the curriculum names it: "PM 03", "ОД 1.2"
	Title    string    `json:"title"`
	Credits  int       `json:"credits,omitempty"`
	Outcomes []Outcome `json:"outcomes"`
}

// Outcome is a learning outcome of a module and the items of the
// programme's cards it teaches.
type Outcome struct {
	Code  string    `json:"code,omitempty"` // "РО 3.1"
	Text  string    `json:"text"`
	Items []ItemRef `json:"items"`
}

// ItemRef is an item of one of the programme's cards: a labour function,
// a unit, an ability or a knowledge item, by model path in the standard.
type ItemRef struct {
	Standard string `json:"standard_code"`
	Path     string `json:"path"`
}

// Limits of a programme.
const (
	MaxModules  = 200
	MaxOutcomes = 100 // per module
)

// specialityOK: the speciality code as the classifiers write it: 6B01101,
// 7M01101, 8D01101 (higher and postgraduate), 01010100 or 0101000
// (technical and vocational), letters Latin or Cyrillic as typed.
func specialityOK(s string) bool {
	if n := utf8.RuneCountInString(s); n < 4 || n > 16 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'А' && r <= 'Я' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

// Validate checks the texts, the speciality code and that every outcome
// names items of the programme's cards (the store checks the cards and
// paths exist).
func (pr EduProgramme) Validate() error {
	var p problems
	if !specialityOK(pr.Speciality) {
		p.add("workforce.speciality", "code", pr.Speciality)
	}
	checkName(&p, "workforce.programme_title", pr.Title)
	if utf8.RuneCountInString(pr.Qualification) > MaxName {
		p.add("workforce.programme_qualification", "max", itoa(MaxName))
	}
	if len(pr.Cards) == 0 {
		p.add("workforce.programme_cards")
	}
	std := map[string]bool{}
	for _, c := range pr.Cards {
		std[c.Standard] = true
	}
	if len(pr.Modules) > MaxModules {
		p.add("workforce.programme_modules", "max", itoa(MaxModules))
	}
	for _, m := range pr.Modules {
		checkName(&p, "workforce.module_title", m.Title)
		if len(m.Outcomes) > MaxOutcomes {
			p.add("workforce.module_outcomes", "max", itoa(MaxOutcomes))
		}
		for _, o := range m.Outcomes {
			if strings.TrimSpace(o.Text) == "" || utf8.RuneCountInString(o.Text) > MaxText {
				p.add("workforce.outcome_text", "max", itoa(MaxText))
			}
			for _, it := range o.Items {
				if !std[it.Standard] {
					p.add("workforce.outcome_standard", "code", it.Standard)
				}
			}
		}
	}
	return p.err()
}
