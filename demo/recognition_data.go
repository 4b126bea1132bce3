package demo

import (
	"fmt"
	"slices"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
)

// The demo centres, programme and candidates (see SeedRecognition).

// demoZone is Kazakhstan's time (UTC+5), for session times.
var demoZone = time.FixedZone("UTC+5", 5*3600)

// pickCard chooses the card the demo programme assesses: a card of the
// first of seedStandards in the register of professions (the professions
// table, which applications are checked against), preferring the card
// titled in the most languages (the bilingual one), then the first.
func (sd *seeder) pickCard() error {
	for _, code := range seedStandards {
		ps, _, err := sd.st.Professions(sd.ctx, kasip.ProfessionFilter{Query: code, Limit: 100})
		if err != nil {
			return fmt.Errorf("demo: register of professions: %w", err)
		}
		ps = slices.DeleteFunc(ps, func(p kasip.Profession) bool { return p.StandardCode != code })
		if len(ps) == 0 {
			continue
		}
		best := ps[0]
		for _, p := range ps[1:] {
			if len(p.Title) > len(best.Title) {
				best = p
			}
		}
		std, err := sd.st.Standard(sd.ctx, code, best.StandardVersion)
		if err != nil {
			return fmt.Errorf("demo: standard %s: %w", code, err)
		}
		if best.Card >= len(std.Cards) {
			return fmt.Errorf("demo: %s has no card %d, though the register lists it", code, best.Card+1)
		}
		sd.standard, sd.card = std, best.Card
		sd.level = std.Cards[best.Card].Level
		if sd.level == 0 {
			sd.level = best.Level
		}
		sd.out.StandardCode, sd.out.Card = code, best.Card
		return nil
	}
	return ErrNoStandard
}

// cardNumber is the card's number as the register and scopes name it.
func (sd *seeder) cardNumber() int {
	if n := sd.standard.Cards[sd.card].Number; n > 0 {
		return n
	}
	return sd.card + 1
}

// demoBIN makes a valid business identification number: registered in
// January 2025, a resident legal entity (5th digit 4), then serial and the
// check digit.
func demoBIN(serial int) (string, error) { return recognition.CompleteNumber("2501400", serial) }

// demoIIN makes a valid IIN for the date of birth.
func demoIIN(birth time.Time, female bool, serial int) (string, error) {
	return recognition.MakeIIN(birth, female, serial)
}

// createCentres creates the demo centre and a second one, both accredited
// from two months ago (for the settings' default validity) for the card.
func (sd *seeder) createCentres() error {
	admin := sd.user("admin")
	for i, name := range []kasip.Text{
		{"kk": "Демо тану орталығы", "ru": "Демо центр признания"},
		{"kk": "Екінші демо тану орталығы", "ru": "Второй демо центр признания"},
	} {
		bin, err := demoBIN(1 + 10*i)
		if err != nil {
			return err
		}
		c, err := sd.st.CreateCentre(sd.ctx, admin, recognition.Centre{Name: name, BIN: bin, Region: "Астана",
			Contacts: recognition.Contacts{Address: "Астана, Демо көшесі, 1", Phone: "+7 7172 00 00 0" + fmt.Sprint(i+1),
				Email: fmt.Sprintf("centre%d@demo.kasip", i+1)},
			// A fictional head, so demo certificates show the signature block
			// as real ones do.
			Head: recognition.Head{Position: kasip.Text{"kk": "Тану орталығының директоры", "ru": "Директор центра признания"},
				Name: fmt.Sprintf("Демо Басшы %d", i+1)}})
		if err != nil {
			return fmt.Errorf("demo: centre %s: %w", name["ru"], err)
		}
		if _, err := sd.st.AddAccreditation(sd.ctx, admin, c.ID, recognition.Accreditation{
			Number: fmt.Sprintf("DEMO-KZ-RC-%04d", i+1), From: sd.opts.Now.AddDate(0, -2, 0),
			Scope: []recognition.ScopeEntry{{StandardCode: sd.standard.Code, CardNumber: sd.cardNumber(), Levels: []int{sd.level}}},
		}); err != nil {
			return fmt.Errorf("demo: accreditation of %s: %w", name["ru"], err)
		}
		if i == 0 {
			sd.centre, sd.out.CentreID = c, c.ID
		} else {
			sd.out.OtherCentreID = c.ID
		}
	}
	return nil
}

// addAssessors makes the assessor accounts assessors of their centres.
func (sd *seeder) addAssessors() error {
	for _, a := range demoAccounts {
		if a.role != auth.RoleAssessor {
			continue
		}
		centre := sd.out.CentreID
		if a.centre == "other" {
			centre = sd.out.OtherCentreID
		}
		if err := sd.st.AddAssessor(sd.ctx, sd.user("admin"), centre, sd.user(a.key)); err != nil {
			return fmt.Errorf("demo: assessor %s: %w", a.login, err)
		}
	}
	return nil
}

// createProgramme has the manager write a whole-card programme whose bank
// tests every knowledge item and every ability (a complete coverage
// report) and submit it, and the administrator approve it.
func (sd *seeder) createProgramme() error {
	card := &sd.standard.Cards[sd.card]
	p := recognition.Programme{CentreID: sd.centre.ID, StandardCode: sd.standard.Code,
		StandardVersion: sd.standard.VersionKey(), Card: sd.card, Level: sd.level, Whole: true,
		Title: kasip.Text{"kk": "Демо бағдарлама: " + textIn(card.Title, "kk"), "ru": "Демо программа: " + textIn(card.Title, "ru")},
		Components: []recognition.Component{
			{Kind: recognition.ComponentTheory, Format: recognition.FormatOnline, Minutes: 60},
			{Kind: recognition.ComponentPractice, Format: recognition.FormatOffline, Minutes: 120,
				Equipment: "Компьютер, принтер / Компьютер, принтер"},
		}}
	p.Questions, p.Tasks = bank(card, sd.card)
	manager, admin := sd.user("manager"), sd.user("admin")
	p, err := sd.st.CreateProgramme(sd.ctx, manager, p)
	if err != nil {
		return fmt.Errorf("demo: programme: %w", err)
	}
	if _, err := sd.st.SubmitProgramme(sd.ctx, manager, p.ID); err != nil {
		return fmt.Errorf("demo: submit programme %d: %w", p.ID, err)
	}
	if p, err = sd.st.ApproveProgramme(sd.ctx, admin, p.ID); err != nil {
		return fmt.Errorf("demo: approve programme %d: %w", p.ID, err)
	}
	sd.prog, sd.out.ProgrammeID = p, p.ID
	return nil
}

// bank makes a question per knowledge item and a task per ability of every
// unit of the card; a unit with neither (a defect some documents have) is
// tested by a task of its own.
func bank(card *kasip.Card, cardIndex int) ([]recognition.Question, []recognition.Task) {
	var qs []recognition.Question
	var ts []recognition.Task
	criteria := kasip.Text{"kk": "Толық, дұрыс және қауіпсіз орындалды", "ru": "Выполнено полностью, правильно и безопасно"}
	for _, u := range recognition.Units(card, cardIndex) {
		for _, k := range u.Knowledge {
			qs = append(qs, recognition.Question{Knowledge: []string{k.Path},
				Text: kasip.Text{"kk": "Түсіндіріңіз: " + textIn(k.Text, "kk"), "ru": "Объясните: " + textIn(k.Text, "ru")}})
		}
		for _, a := range u.Abilities {
			ts = append(ts, recognition.Task{Abilities: []string{a.Path}, Criteria: criteria,
				Text: kasip.Text{"kk": "Көрсетіңіз: " + textIn(a.Text, "kk"), "ru": "Продемонстрируйте: " + textIn(a.Text, "ru")}})
		}
		if len(u.Knowledge)+len(u.Abilities) == 0 {
			ts = append(ts, recognition.Task{Units: []string{u.Path}, Criteria: criteria,
				Text: kasip.Text{"kk": "Орындаңыз: " + textIn(u.Title, "kk"), "ru": "Выполните: " + textIn(u.Title, "ru")}})
		}
	}
	return qs, ts
}

// textIn is t in lang, or in the language it has when not (a Kazakh-only
// card gives Kazakh text to the Russian side too).
func textIn(t kasip.Text, lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	return t.Best()
}

// candidateSpec is a demo candidate.
type candidateSpec struct {
	name   string
	birth  time.Time
	female bool
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// demoCandidates: the first two have accounts; the others are applicants
// the centre registered, so that every state has an application (a
// candidate has one application under way per programme).
var demoCandidates = []candidateSpec{
	{"Демо Кандидат Бір", day(1990, 4, 12), false},
	{"Демо Кандидат Екі", day(1994, 9, 3), true},
	{"Демо Кандидат Үш", day(1988, 1, 20), false},
	{"Демо Кандидат Төрт", day(1999, 11, 30), true},
	{"Демо Кандидат Бес", day(2001, 2, 14), false},
	{"Демо Кандидат Алты", day(1985, 6, 25), true},
}

// createCandidates has the centre's manager register the demo candidates,
// who consent now.
func (sd *seeder) createCandidates() error {
	for i, c := range demoCandidates {
		iin, err := demoIIN(c.birth, c.female, 9000+10*i)
		if err != nil {
			return err
		}
		cand, err := sd.st.CreateCandidate(sd.ctx, sd.user("manager"), recognition.Candidate{Name: c.name, IIN: iin,
			BirthDate: c.birth, ConsentAt: sd.clock,
			Contacts: recognition.Contacts{Email: fmt.Sprintf("candidate%d@demo.kasip", i+1), Phone: fmt.Sprintf("+7 700 000 00 %02d", i+1)}})
		if err != nil {
			return fmt.Errorf("demo: candidate %s: %w", c.name, err)
		}
		sd.cands = append(sd.cands, cand)
		sd.out.Candidates = append(sd.out.Candidates, cand.ID)
	}
	return nil
}
