package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/workforce"
)

// The demonstration of standards at work, on what SeedRecognition and
// SeedCertificates made: the youth resource centre of the M84120 seed
// (its director and six youth workers, assessed, with real gaps, plans,
// and one worker's plan leading to the recognition application she has
// filed; the first candidate's certificate confirming his units), the
// hotel of the I55101015 seed with a guest relations manager position,
// and a college whose programme is aligned to the youth worker card with
// items no module teaches. Everything is marked as demo data.

// WorkforceStore is what SeedWorkforce needs.
type WorkforceStore interface {
	workforce.Store
	UserByLogin(ctx context.Context, login string) (auth.User, error)
	CreateUser(ctx context.Context, actor int64, u auth.User, passwordHash string, now time.Time) (auth.User, error)
	Standard(ctx context.Context, code, version string) (*kasip.Standard, error)
}

// WorkforceSeed is what SeedWorkforce made.
type WorkforceSeed struct {
	Accounts []Account
	Youth    int64 // the youth resource centre
	Hotel    int64
	College  int64
}

// Names of the demo organisations (the "Демо" says they are not real).
const (
	demoYouthCentre = "Демо: «Жастар» ресурстық орталығы"
	demoHotel       = "Демо: «Алатау» қонақ үйі"
	demoCollege     = "Демо: Гуманитарлық колледж"
)

var workforceAccounts = []accountSpec{
	{key: "hotel", login: "hotel.hr@demo.kasip", name: "Демо Кадр Қызметі (қонақ үй)", role: auth.RoleEmployer, employer: demoHotel, candidate: -1},
	{key: "college", login: "methodist@demo.kasip", name: "Демо Әдіскер (колледж)", role: auth.RoleEmployer, employer: demoCollege, candidate: -1},
}

// demoWorkers are the youth workers: the first two are the demo
// candidates with accounts (the first holds a certificate of the card).
var demoWorkers = []string{demoCandidates[0].name, demoCandidates[1].name, "Демо Айжан Серікқызы", "Демо Ерлан Маратұлы", "Демо Гүлнар Асқарқызы", "Демо Нұрлан Бекұлы"}

// SeedWorkforce adds the organisations; a database that has them already
// is left alone (ErrAlreadySeeded).
func SeedWorkforce(ctx context.Context, st WorkforceStore, seed *RecognitionSeed, opts SeedOptions) (*WorkforceSeed, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Params == (auth.Params{}) {
		opts.Params = auth.DefaultParams
	}
	if _, err := st.UserByLogin(ctx, workforceAccounts[0].login); err == nil {
		return nil, ErrAlreadySeeded
	} else if !errors.Is(err, kasip.ErrNotFound) {
		return nil, fmt.Errorf("demo: look for the demo accounts: %w", err)
	}
	w := &wfSeeder{ctx: ctx, st: st, seed: seed, now: opts.Now, out: &WorkforceSeed{}, users: map[string]int64{}}
	for _, a := range seed.Accounts {
		w.users[a.Login] = a.UserID
	}
	secrets, err := hashPasswords(workforceAccounts, opts.Params)
	if err != nil {
		return nil, err
	}
	for _, step := range []func() error{
		func() error { return w.accounts(secrets) },
		w.youthCentre, w.hotel, w.college,
	} {
		if err := step(); err != nil {
			return w.out, err
		}
	}
	return w.out, nil
}

type wfSeeder struct {
	ctx   context.Context
	st    WorkforceStore
	seed  *RecognitionSeed
	now   time.Time
	out   *WorkforceSeed
	users map[string]int64 // by login
}

func (w *wfSeeder) admin() int64 { return w.users[demoAccounts[0].login] }

func (w *wfSeeder) accounts(secrets map[string]secret) error {
	for _, a := range workforceAccounts {
		u, err := w.st.CreateUser(w.ctx, w.admin(), auth.User{Login: a.login, Name: a.name, Role: a.role, Employer: a.employer}, secrets[a.key].hash, w.now)
		if err != nil {
			return fmt.Errorf("demo: account %s: %w", a.login, err)
		}
		w.users[a.login] = u.ID
		w.out.Accounts = append(w.out.Accounts, Account{Login: u.Login, Role: u.Role, Name: u.Name, Password: secrets[a.key].password, UserID: u.ID})
	}
	return nil
}

// bin is the BIN of demo organisation n: registered in 2005, a resident
// legal entity, with its check digit.
func bin(n int) (string, error) { return recognition.CompleteNumber(fmt.Sprintf("05014%05d", n*10), 0) }

func (w *wfSeeder) org(kind, name string, n int, units []string, hr string) (workforce.Organisation, error) {
	b, err := bin(n)
	if err != nil {
		return workforce.Organisation{}, err
	}
	o, err := w.st.CreateOrganisation(w.ctx, w.admin(), workforce.Organisation{Kind: kind, Name: name, BIN: b, Units: units, Demo: true})
	if err != nil {
		return o, fmt.Errorf("demo: organisation %s: %w", name, err)
	}
	if _, err := w.st.SetMember(w.ctx, w.admin(), workforce.Member{OrgID: o.ID, UserID: w.users[hr], Role: workforce.RoleHR}); err != nil {
		return o, fmt.Errorf("demo: HR of %s: %w", name, err)
	}
	return o, nil
}

func (w *wfSeeder) youthCentre() error {
	const admin, youth = "Әкімшілік", "Жастармен жұмыс бөлімі"
	hr := demoAccounts[5].login // the demo employer
	o, err := w.org(workforce.KindEmployer, demoYouthCentre, 1, []string{admin, youth}, hr)
	if err != nil {
		return err
	}
	w.out.Youth = o.ID
	actor := w.users[hr]
	code := w.seed.StandardCode
	director, err := w.st.CreatePosition(w.ctx, actor, workforce.Position{OrgID: o.ID, Title: "Орталықтың директоры", Unit: admin,
		Standard: code, Card: 0, Required: workforce.LevelIndependent, Demo: true})
	if err != nil {
		return fmt.Errorf("demo: director's position: %w", err)
	}
	worker, err := w.st.CreatePosition(w.ctx, actor, workforce.Position{OrgID: o.ID, Title: "Жастармен жұмыс жөніндегі маман", Unit: youth,
		Standard: code, Card: w.seed.Card, Required: workforce.LevelIndependent, Demo: true})
	if err != nil {
		return fmt.Errorf("demo: youth worker's position: %w", err)
	}
	if _, err := w.st.CreateEmployee(w.ctx, actor, workforce.Employee{OrgID: o.ID, Name: "Демо Сәуле Қайратқызы", Unit: admin, PositionID: director.ID, Demo: true}); err != nil {
		return fmt.Errorf("demo: director: %w", err)
	}
	std, err := w.st.Standard(w.ctx, code, worker.Version)
	if err != nil {
		return err
	}
	items := workforce.Items(worker, &std.Cards[worker.Card])
	for i, name := range demoWorkers {
		e := workforce.Employee{OrgID: o.ID, Name: name, Unit: youth, PositionID: worker.ID, Demo: true}
		if i < 2 {
			e.UserID = w.users[demoAccounts[6+i].login]
		}
		if e, err = w.st.CreateEmployee(w.ctx, actor, e); err != nil {
			return fmt.Errorf("demo: employee %s: %w", name, err)
		}
		if err := w.assess(actor, e, i, items); err != nil {
			return err
		}
		if err := w.plan(actor, e, i, items); err != nil {
			return err
		}
	}
	return nil
}

// demoLevels are the youth workers' levels on the card's units, as the
// manager assessed them (-1: not yet); the employee's own are a level
// higher where they differ. Real gaps: unit 2 is weak across the team.
var demoLevels = [][]int{
	{2, 1, 3, 3},
	{3, 1, 2, 4},
	{3, 2, 3, 2},
	{4, 1, 3, 3},
	{1, 0, 2, 2},
	{-1, -1, -1, -1},
}

func (w *wfSeeder) assess(actor int64, e workforce.Employee, i int, items []workforce.Item) error {
	var in []workforce.RatingInput
	for j, it := range items {
		m := demoLevels[i][j%len(demoLevels[i])]
		if m < 0 {
			continue
		}
		self := min(m+1, workforce.MaxLevel)
		in = append(in, workforce.RatingInput{Path: it.Path, Manager: &m, Self: &self})
	}
	if len(in) == 0 {
		return nil
	}
	if _, err := w.st.Rate(w.ctx, actor, e.ID, in); err != nil {
		return fmt.Errorf("demo: assessment of %s: %w", e.Name, err)
	}
	return nil
}

// plan gives each assessed worker an action on their largest gap; the
// second demo candidate's plan is an application for recognition, linked
// to the one she has filed.
func (w *wfSeeder) plan(actor int64, e workforce.Employee, i int, items []workforce.Item) error {
	gap, at := 0, -1
	for j, it := range items {
		if m := demoLevels[i][j%len(demoLevels[i])]; m >= 0 && it.Required-m > gap {
			gap, at = it.Required-m, j
		}
	}
	if at < 0 {
		return nil
	}
	kinds := []string{workforce.ActionTraining, workforce.ActionRecognition, workforce.ActionMentoring, workforce.ActionSelfStudy, workforce.ActionTraining}
	titles := map[string]string{
		workforce.ActionTraining:    "Біліктілікті арттыру курсы",
		workforce.ActionMentoring:   "Тәжірибелі әріптестің тәлімгерлігі",
		workforce.ActionSelfStudy:   "Өз бетінше оқу: нормативтік құқықтық актілер",
		workforce.ActionRecognition: "Біліктілікті тану орталығына өтінім",
	}
	kind := kinds[i%len(kinds)]
	due := w.now.AddDate(0, 2, 0)
	if i == 4 {
		due = w.now.AddDate(0, 0, -10) // one overdue, for the head's overview
	}
	a := workforce.Action{OrgID: e.OrgID, EmployeeID: e.ID, Kind: kind, Title: titles[kind], Items: []string{items[at].Path},
		OwnerUserID: actor, Due: due, Status: workforce.StatusPlanned, Demo: true}
	if kind == workforce.ActionRecognition {
		a.ProgrammeID, a.Status = w.seed.ProgrammeID, workforce.StatusInProgress
	}
	a, err := w.st.AddAction(w.ctx, actor, a)
	if err != nil {
		return fmt.Errorf("demo: plan of %s: %w", e.Name, err)
	}
	if kind != workforce.ActionRecognition {
		return nil
	}
	e, err = w.st.GetEmployee(w.ctx, e.ID)
	if err != nil {
		return err
	}
	for _, app := range w.seed.Applications {
		if app.CandidateID == e.CandidateID && e.CandidateID != 0 {
			if _, err := w.st.LinkApplication(w.ctx, actor, a.ID, app.ID); err != nil {
				return fmt.Errorf("demo: plan of %s: link application %d: %w", e.Name, app.ID, err)
			}
			break
		}
	}
	return nil
}

func (w *wfSeeder) hotel() error {
	const hr = "hotel.hr@demo.kasip"
	o, err := w.org(workforce.KindEmployer, demoHotel, 2, []string{"Қонақтарға қызмет көрсету", "Ресепшн"}, hr)
	if err != nil {
		return err
	}
	w.out.Hotel = o.ID
	pos, err := w.st.CreatePosition(w.ctx, w.users[hr], workforce.Position{OrgID: o.ID, Title: "Қонақтармен байланыс менеджері",
		Unit: "Қонақтарға қызмет көрсету", Standard: "I55101015", Card: 0, Required: workforce.LevelIndependent, Demo: true})
	if err != nil {
		return fmt.Errorf("demo: hotel position: %w", err)
	}
	_, err = w.st.CreateEmployee(w.ctx, w.users[hr], workforce.Employee{OrgID: o.ID, Name: "Демо Дина Оралқызы", Unit: pos.Unit, PositionID: pos.ID, Demo: true})
	return err
}

func (w *wfSeeder) college() error {
	const hr = "methodist@demo.kasip"
	o, err := w.org(workforce.KindEducation, demoCollege, 3, []string{"Әлеуметтік пәндер бөлімі"}, hr)
	if err != nil {
		return err
	}
	w.out.College = o.ID
	code, card := w.seed.StandardCode, w.seed.Card
	std, err := w.st.Standard(w.ctx, code, "")
	if err != nil {
		return err
	}
	units := recognition.Units(&std.Cards[card], card)
	ref := func(path string) workforce.ItemRef { return workforce.ItemRef{Standard: code, Path: path} }
	var mods []workforce.Module
	// Module k teaches unit k and half of its knowledge; the last unit and
	// the abilities of the others are left for the coverage matrix to show.
	for k, u := range units[:len(units)-1] {
		m := workforce.Module{Code: fmt.Sprintf("КМ %02d", k+1), Title: kkOrRu(u.Title), Credits: 5}
		o := workforce.Outcome{Code: fmt.Sprintf("ОН %d.1", k+1), Text: "Орындай алады: " + kkOrRu(u.Title), Items: []workforce.ItemRef{ref(u.Path)}}
		m.Outcomes = append(m.Outcomes, o)
		for j, kn := range u.Knowledge {
			if j%2 == 0 {
				m.Outcomes = append(m.Outcomes, workforce.Outcome{Code: fmt.Sprintf("ОН %d.%d", k+1, j+2), Text: "Біледі: " + kkOrRu(kn.Text), Items: []workforce.ItemRef{ref(kn.Path)}})
			}
		}
		mods = append(mods, m)
	}
	_, err = w.st.CreateEduProgramme(w.ctx, w.users[hr], workforce.EduProgramme{OrgID: o.ID, Speciality: "0101000", Title: "Жастармен әлеуметтік жұмыс",
		Qualification: "Жастармен жұмыс жөніндегі маман", Cards: []workforce.CardRef{{Standard: code, Card: card}}, Modules: mods, Demo: true})
	if err != nil {
		return fmt.Errorf("demo: college programme: %w", err)
	}
	return nil
}

// kkOrRu is a text in Kazakh, else Russian.
func kkOrRu(t kasip.Text) string {
	if s := t.Get("kk"); s != "" {
		return s
	}
	return t.Get("ru")
}
