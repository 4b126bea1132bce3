package certificate

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip"
	certpdf "github.com/kasip/kasip/certificate/pdf"
	"github.com/kasip/kasip/credential"
	"github.com/kasip/kasip/recognition"
)

func TestParseNumberFormat(t *testing.T) {
	good := []struct {
		format         string
		centre         int64
		year           int
		seq            int64
		want           string
		scopeC, scopeY int64
	}{
		{"{centre}-{year}-{seq:06}", 7, 2025, 42, "7-2025-000042", 7, 2025},
		{"KZ.{yy}.{centre:03}-{seq}", 7, 2025, 42, "KZ.25.007-42", 7, 2025},
		{"{seq:04}", 7, 2025, 123456, "123456", 0, 0},
		{"CERT-{year}{seq:05}", 3, 2030, 9, "CERT-203000009", 0, 2030},
		{"{centre}{year}_{seq}", 12, 2025, 1, "122025_1", 12, 2025},
	}
	for _, g := range good {
		f, err := ParseNumberFormat(g.format)
		if err != nil {
			t.Errorf("%s: %v", g.format, err)
			continue
		}
		if got := f.Format(g.centre, g.year, g.seq); got != g.want {
			t.Errorf("%s: %q, want %q", g.format, got, g.want)
		}
		if c, y := f.Scope(g.centre, g.year); c != g.scopeC || int64(y) != g.scopeY {
			t.Errorf("%s: scope %d %d, want %d %d", g.format, c, y, g.scopeC, g.scopeY)
		}
	}
	bad := map[string]string{
		"":                         "1 to",
		"{centre}-{year}":          "{seq} is required",
		"{seq}-{seq}":              "twice",
		"{centre}{seq}":            "non-digit",
		"{centre}-1{seq}":          "", // '-' separates: fine, see below
		"{centre}1{seq}":           "non-digit",
		"{centre}{year}{seq}":      "non-digit",
		"{seq}/{year}":             "not allowed",
		"{seq} {year}":             "not allowed",
		"№{seq}":                   "not allowed",
		"{seq:0}":                  "width",
		"{seq:13}":                 "width",
		"{seq:-1}":                 "width",
		"{year:4}-{seq}":           "no width",
		"{bin}-{seq}":              "unknown placeholder",
		"{seq":                     "unclosed",
		strings.Repeat("A", 70):    "1 to",
		"{centre}-{year}-{seq:06}": "",
	}
	for format, want := range bad {
		_, err := ParseNumberFormat(format)
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: %v", format, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: %v, want an error saying %q", format, err, want)
		}
	}
	if _, err := FormatNumber("{seq}", 1, 2025, 0); !errors.Is(err, ErrInvalid) {
		t.Errorf("seq 0: %v", err)
	}
	if n, err := FormatNumber("{centre}-{year}-{seq:06}", 5, 2026, 1); err != nil || n != "5-2026-000001" {
		t.Errorf("FormatNumber: %q %v", n, err)
	}
}

func TestSettingsValidate(t *testing.T) {
	set := DefaultSettings()
	if err := set.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := set.CheckIssuable(); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "base_url") {
		t.Errorf("issuable without a base URL: %v", err)
	}
	set.BaseURL = "https://kasip.kz"
	if err := set.CheckIssuable(); err != nil {
		t.Error(err)
	}
	for _, u := range []string{"kasip.kz", "ftp://kasip.kz", "https://kasip.kz/", "https://kasip.kz?x=1", "https://u@kasip.kz"} {
		set.BaseURL = u
		if err := set.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("base URL %q accepted", u)
		}
	}
	set = Settings{NumberFormat: "{x}", ValidityYears: 0}
	err := set.Validate()
	if err == nil || !strings.Contains(err.Error(), "validity_years") || !strings.Contains(err.Error(), "{x}") {
		t.Errorf("both problems reported: %v", err)
	}
}

// testCard is a card with a function without skills (Russian style), a
// function with two skills and a mandatory function with one.
func testCard() *kasip.Card {
	return &kasip.Card{
		Title: kasip.Text{"kk": "Жастармен жұмыс жөніндегі маман", "ru": "Специалист по работе с молодёжью"},
		Level: 5,
		Functions: []kasip.Function{
			{Code: "A/01.5", Title: kasip.Text{"ru": "Планирование работы"}},
			{Title: kasip.Text{"kk": "Жобаларды ұйымдастыру"}, Skills: []kasip.Skill{
				{Title: kasip.Text{"kk": "Жоба жоспарлау", "ru": "Планирование проектов"}},
				{Title: kasip.Text{"kk": "Есеп беру"}},
			}},
			{Title: kasip.Text{"kk": "Кеңес беру"}, Mandatory: true, Skills: []kasip.Skill{
				{Title: kasip.Text{"kk": "Жастарға кеңес"}},
			}},
		},
	}
}

var astana = time.FixedZone("KZ", 5*3600)

func testSource(outcome string, units ...string) Source {
	return Source{
		Application: recognition.Application{ID: 12, CandidateID: 3, CentreID: 7, StandardCode: "M84120",
			StandardVersion: "1", Card: 1, Level: 5, State: recognition.StateDecided},
		Decision:      recognition.Decision{ID: 40, Outcome: outcome, Units: units},
		Card:          testCard(),
		StandardTitle: kasip.Text{"kk": "Мемлекеттік жастар саясаты"},
		HolderName:    "  Әлихан   Ғабитұлы Құнанбаев ",
		Centre: recognition.Centre{ID: 7, Name: kasip.Text{"kk": "Тану орталығы", "ru": "Центр признания"}, BIN: "050440001239",
			Head: recognition.Head{Position: kasip.Text{"kk": "Директор", "ru": " Директор "}, Name: " Сәуле  Әбенова"}},
		// 23:30 in Astana on the 9th of March is the 9th there, the
		// 9th in UTC too; 00:30 on the 10th in Astana is still the 9th in UTC.
		IssuedAt: time.Date(2025, 3, 10, 0, 30, 0, 0, astana),
		IssuedBy: 2,
		Zone:     astana,
	}
}

func TestNewWhole(t *testing.T) {
	set := DefaultSettings()
	c, err := New(testSource(recognition.OutcomeWhole, "cards[1].functions[0]"), set)
	if err != nil {
		t.Fatal(err)
	}
	if c.HolderName != "Әлихан Ғабитұлы Құнанбаев" || !c.Whole || c.State != StatusValid || c.CentreBIN != "050440001239" {
		t.Errorf("certificate %+v", c)
	}
	var codes []string
	for _, u := range c.Units {
		codes = append(codes, u.Kind+" "+u.Code)
	}
	want := []string{"function A/01.5", "function 2", "skill 2.1", "skill 2.2", "function 3", "skill 3.1"}
	if !slices.Equal(codes, want) {
		t.Errorf("units %v, want %v", codes, want)
	}
	// The day of issue is the local day; five years to the day before.
	if got := c.IssueDate.Format(time.DateOnly); got != "2025-03-10" {
		t.Errorf("issue date %s", got)
	}
	if got := c.ValidUntil.Format(time.DateOnly); got != "2030-03-09" {
		t.Errorf("valid until %s", got)
	}
	if want := time.Date(2030, 3, 10, 0, 0, 0, 0, astana); !c.ExpiresAt.Equal(want) {
		t.Errorf("expires at %s, want %s", c.ExpiresAt, want)
	}
	if s := c.Status(c.ExpiresAt.Add(-time.Second)); s != StatusValid {
		t.Errorf("a second before expiry: %s", s)
	}
	if s := c.Status(c.ExpiresAt); s != StatusExpired {
		t.Errorf("at expiry: %s", s)
	}
	c.State = StatusRevoked
	if s := c.Status(c.ExpiresAt.AddDate(1, 0, 0)); s != StatusRevoked {
		t.Errorf("revoked and expired: %s", s)
	}
}

func TestNewUnits(t *testing.T) {
	c, err := New(testSource(recognition.OutcomeUnits, "cards[1].functions[2].skills[0]", "cards[1].functions[0]"), DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if c.Whole || len(c.Units) != 2 || c.Units[0].Code != "A/01.5" || c.Units[1].Code != "3.1" || c.Units[1].Kind != KindSkill {
		t.Errorf("units %+v", c.Units)
	}
	for name, src := range map[string]Source{
		"a function with skills": testSource(recognition.OutcomeUnits, "cards[1].functions[1]"),
		"an ability":             testSource(recognition.OutcomeUnits, "cards[1].functions[1].skills[0].abilities[0]"),
		"another card":           testSource(recognition.OutcomeUnits, "cards[0].functions[0]"),
		"no units":               testSource(recognition.OutcomeUnits),
	} {
		if _, err := New(src, DefaultSettings()); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestNewRefuses(t *testing.T) {
	none := testSource(recognition.OutcomeNone)
	if _, err := New(none, DefaultSettings()); !errors.Is(err, ErrConflict) {
		t.Errorf("outcome none: %v", err)
	}
	for _, state := range []string{recognition.StateAssessed, recognition.StateAppealed, recognition.StateRejected} {
		src := testSource(recognition.OutcomeWhole)
		src.Application.State = state
		if _, err := New(src, DefaultSettings()); !errors.Is(err, ErrConflict) {
			t.Errorf("state %s: %v", state, err)
		}
	}
	for _, state := range []string{recognition.StateRedecided, recognition.StateClosed} {
		src := testSource(recognition.OutcomeWhole)
		src.Application.State = state
		if _, err := New(src, DefaultSettings()); err != nil {
			t.Errorf("state %s: %v", state, err)
		}
	}
	src := testSource(recognition.OutcomeWhole)
	src.HolderName, src.Card = " ", nil
	err := func() error { _, err := New(src, DefaultSettings()); return err }()
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "card") || !strings.Contains(err.Error(), "name") {
		t.Errorf("missing card and name: %v", err)
	}
}

func TestStatusChange(t *testing.T) {
	c := Certificate{Number: "7-2025-000001", State: StatusValid}
	for _, m := range []struct {
		from, to, reason string
		want             error
	}{
		{StatusValid, StatusSuspended, "проверка", nil},
		{StatusValid, StatusRevoked, "подлог", nil},
		{StatusSuspended, StatusValid, "проверено", nil},
		{StatusSuspended, StatusRevoked, "подлог", nil},
		{StatusValid, StatusValid, "x", ErrConflict},
		{StatusRevoked, StatusValid, "ошибка", ErrConflict},
		{StatusRevoked, StatusSuspended, "x", ErrConflict},
		{StatusValid, StatusExpired, "x", ErrInvalid},
		{StatusValid, StatusRevoked, " ", ErrInvalid},
	} {
		c.State = m.from
		err := c.CheckStatusChange(m.to, m.reason)
		if (m.want == nil) != (err == nil) || m.want != nil && !errors.Is(err, m.want) {
			t.Errorf("%s → %s: %v, want %v", m.from, m.to, err, m.want)
		}
	}
}

func TestWords(t *testing.T) {
	same := [][]string{
		{"Әлихан Құнанбаев", "әлихан құнанбаев", "ӘЛИХАН  ҚҰНАНБАЕВ", "Алихан Кунанбаев", "алихан-кунанбаев"},
		{"Нұрланқызы", "НУРЛАНКЫЗЫ", "нурланкызы"},
		{"Өмірзақ Үсенов", "Омирзак Усенов"},
		{"Ғалымжан Ңң Һһ", "галымжан нн хх"},
		{"Пётр", "петр"},
		{"Кoнaқ", "конак"},     // Latin o and a inside a Cyrillic word
		{"HҰРЛАН", "нурлан"},   // Latin capital H is Н, not һ
		{"Əлихан", "алихан"},   // Latin schwa
		{"Іргебай", "иргебай"}, // Kazakh і
	}
	for _, group := range same {
		want := Key(group[0])
		for _, s := range group[1:] {
			if got := Key(s); got != want {
				t.Errorf("Key(%q) = %q, want %q (as for %q)", s, got, want, group[0])
			}
		}
	}
	if got := Words("O'Brien, John_Smith 3"); !slices.Equal(got, []string{"o", "brien", "john", "smith", "3"}) {
		t.Errorf("Latin words: %q", got)
	}
	if Key(" , ") != "" {
		t.Error("no words: want an empty key")
	}
}

func TestQueryCheck(t *testing.T) {
	q := Query{Number: " 7-2025-000001 "}
	if _, _, err := q.Check(); err != nil || q.Number != "7-2025-000001" || q.Limit != DefaultLimit {
		t.Errorf("number query %+v: %v", q, err)
	}
	q = Query{Holder: "Құнанбаев Әлихан", Profession: "жастар"}
	h, p, err := q.Check()
	if err != nil || !slices.Equal(h, []string{"кунанбаев", "алихан"}) || !slices.Equal(p, []string{"жастар"}) {
		t.Errorf("name query: %q %q %v", h, p, err)
	}
	for name, q := range map[string]Query{
		"name only":     {Holder: "Құнанбаев Әлихан"},
		"one word":      {Holder: "Құнанбаев", Profession: "жастар"},
		"profession 2":  {Holder: "Құнанбаев Әлихан", Profession: "жа"},
		"limit":         {Number: "1", Limit: 1000},
		"offset":        {Number: "1", Offset: -1},
		"nothing given": {},
	} {
		if _, _, err := q.Check(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestPublicHidesPrivate(t *testing.T) {
	c, err := New(testSource(recognition.OutcomeWhole), DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	c.Number, c.StateReason = "7-2025-000001", "личные обстоятельства"
	b, _ := json.Marshal(c.Public(c.IssuedAt))
	for _, leak := range []string{"candidate", "application", "личные", "issued_by", "status_index"} {
		if bytes.Contains(b, []byte(leak)) {
			t.Errorf("public view shows %q: %s", leak, b)
		}
	}
}

// TestCredential signs the credential of a certificate and verifies it,
// its links and its status entries.
func TestCredential(t *testing.T) {
	c, err := New(testSource(recognition.OutcomeUnits, "cards[1].functions[1].skills[1]"), DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	c.Number, c.StatusListID, c.StatusIndex = "7-2025-000001", 3, 17
	iss := credential.NewDIDKeyIssuer(ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32)))
	urls := URLs{Base: "https://kasip.example"}
	unsigned, err := credential.NewAchievementCredential(Credential(c, iss.DID(), urls))
	if err != nil {
		t.Fatal(err)
	}
	signed, err := credential.SignAt(unsigned, iss, c.IssuedAt)
	if err != nil {
		t.Fatal(err)
	}
	res, err := credential.VerifyAt(context.Background(), signed, nil, c.IssuedAt.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if res.ID != "https://kasip.example/verify/7-2025-000001/credential.json" || res.Issuer != iss.DID() ||
		!res.ValidUntil.Equal(c.ExpiresAt.Add(-time.Second)) || len(res.Status) != 2 {
		t.Errorf("result %+v", res)
	}
	if e := res.Status[0]; e.StatusPurpose != credential.StatusRevocation || e.StatusListIndex != "17" ||
		e.StatusListCredential != "https://kasip.example/status/3/revocation" {
		t.Errorf("status entry %+v", e)
	}
	for _, want := range []string{
		`"https://kasip.example/standards/M84120/v/1/cards/2"`,
		`"https://kasip.example/standards/M84120/v/1/cards/2#function-2-skill-2"`,
		`"targetCode": "2.2"`, `"Есеп беру"`, `"name": "Әлихан Ғабитұлы Құнанбаев"`,
		// Partial, said plainly in both languages, with the unit's title.
		`ІШІНАРА ТАНУ`, `ЧАСТИЧНОЕ ПРИЗНАНИЕ`, `"value": "Ішінара тану / Частичное признание"`,
	} {
		if !bytes.Contains(signed, []byte(want)) {
			t.Errorf("credential lacks %s", want)
		}
	}
	if _, err := credential.VerifyAt(context.Background(), signed, nil, c.ExpiresAt); !errors.Is(err, credential.ErrExpired) {
		t.Errorf("at expiry: %v", err)
	}
	whole, err := New(testSource(recognition.OutcomeWhole), DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	whole.Number = "7-2025-000002"
	doc, err := credential.NewAchievementCredential(Credential(whole, iss.DID(), urls))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, []byte(`"value": "Толық тану / Полное признание"`)) || bytes.Contains(doc, []byte("ЧАСТИЧНОЕ")) {
		t.Errorf("whole credential:\n%s", doc)
	}
}

func TestView(t *testing.T) {
	src := testSource(recognition.OutcomeWhole)
	src.Generated = true
	c, err := New(src, DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	c.Number = "7-2025-000001"
	v := View(c, URLs{Base: "https://kasip.example"}, c.IssuedAt)
	if v.Status != "active" || !v.Demo || !v.Whole || v.VerifyURL != "https://kasip.example/verify/7-2025-000001" ||
		len(v.Units) != 6 || v.Units[2].Path != "2.1" || v.Units[2].Kind != certpdf.KindSkill {
		t.Errorf("view %+v", v)
	}
	if v.HeadName != "Сәуле Әбенова" || v.HeadPosition["ru"] != "Директор" {
		t.Errorf("the head printed: %q %v", v.HeadName, v.HeadPosition)
	}
	if v := View(c, URLs{Base: "https://kasip.example"}, c.ExpiresAt); v.Status != StatusExpired {
		t.Errorf("status at expiry %q", v.Status)
	}
	pdf, err := certpdf.Render(v)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("render: %v", err)
	}
}
