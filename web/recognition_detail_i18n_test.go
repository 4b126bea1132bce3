package web_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/internal/testtool"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/service"
)

var recPlaceholder = regexp.MustCompile(`\{[a-z_]+\}`)

// Every refusal key is said in kk, ru and en, each naming the same values.
func TestRecDetailCatalogue(t *testing.T) {
	for _, key := range recognition.Keys() {
		en := recognition.Messages[key]
		m, ok := i18n.RecDetailMessages[key]
		if !ok || en == "" || m[0] == "" || m[1] == "" {
			t.Errorf("%s: kk %q ru %q en %q", key, m[0], m[1], en)
			continue
		}
		want := placeholders(en)
		for i, s := range m {
			if got := placeholders(s); got != want {
				t.Errorf("%s (%s): values %s, English has %s", key, []string{"kk", "ru"}[i], got, want)
			}
		}
	}
	for key := range i18n.RecDetailMessages {
		if _, ok := recognition.Messages[key]; !ok {
			t.Errorf("%s is translated but no refusal has that key", key)
		}
	}
}

func placeholders(s string) string {
	ps := recPlaceholder.FindAllString(s, -1)
	seen := map[string]bool{}
	var out []string
	for _, p := range ps {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	slicesSort(out)
	return strings.Join(out, " ")
}

func slicesSort(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Every key the recognition code and the store refuse with is in the
// catalogue: read from their source, so that a new refusal without a
// message fails here.
func TestRecKeysInSource(t *testing.T) {
	use := regexp.MustCompile(`(?:NewError\([^,]+,|recErr\([^,]+,|invalid\(|\bp\.add\(|\bpr\.add\()\s*"([a-z_.]+)"`)
	n := 0
	for _, f := range testtool.Sources(t, "../recognition/*.go", "../store/recognition*.go", "../store/certificates*.go", "../certificate/*.go", "*.go") {
		for _, m := range use.FindAllStringSubmatch(f.Text, -1) {
			n++
			if _, ok := recognition.Messages[m[1]]; !ok {
				t.Errorf("%s: key %q has no message", filepath.Base(f.Path), m[1])
			}
		}
	}
	// checkNumber builds its keys from the number's kind.
	for _, kind := range []string{"iin", "bin"} {
		for _, k := range []string{".length", ".no_check_digit", ".check_digit"} {
			if _, ok := recognition.Messages[kind+k]; !ok {
				t.Errorf("no message for %s", kind+k)
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d uses of keys found: the pattern has gone stale", n)
	}
}

// latinWord is an English word: Latin letters with lower case among them.
// Codes (M84120, UTC) and numbers are no words.
var latinWord = regexp.MustCompile(`[A-Za-z]*[a-z][A-Za-z]*`)

// modelPath is a path into a standard's model, a code in any language.
var modelPath = regexp.MustCompile(`[a-z]+\[\d+\](?:\.[a-z]+\[\d+\])*`)

func latinWords(s string) []string { return latinWord.FindAllString(s, -1) }

func TestRecDetailText(t *testing.T) {
	birth := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	d, _ := recognition.CheckDigit("90010130000")
	good := "90010130000" + string(rune('0'+d))
	bad := "90010130000" + string(rune('0'+(d+1)%10))
	cases := []struct {
		err        error
		kk, ru, en string
	}{
		{recognition.ValidateIIN(bad, birth), "бақылау цифры қате", "неверная контрольная цифра", "wrong check digit"},
		{recognition.ValidateIIN("12345", birth), "12 цифрдан тұруы керек", "должен состоять из 12 цифр", "must be 12 digits"},
		{recognition.ValidateIIN(good, birth.AddDate(0, 0, 1)), "бойынша туған күн — 1990-01-01", "указывает дату рождения 1990-01-01", "encodes the birth date 1990-01-01"},
		{recognition.ValidateBIN("991399999999"), "тіркеу айы (13)", "месяц регистрации (13)", "registration month 13"},
		{(&recognition.Candidate{Name: " ", IIN: "12"}).Validate(birth), "аты-жөні міндетті; туған күні міндетті; ЖСН «12»", "имя обязательно; дата рождения обязательна; ИИН «12»", "the name is required; "},
		{fmt.Errorf("apply: %w", recognition.Application{ID: 7, State: recognition.StateSubmitted}.CheckTransition(recognition.StateDecided, "", birth, recognition.Settings{})),
			"№7 өтініш «Берілді» күйінде", "заявка №7 в состоянии «Подано»", "application 7 is Submitted: it cannot become Decided"},
		{recognition.NewError(kasip.ErrInvalid, "programme.threshold", "item", "component theory", "threshold", "0"),
			"бөлім «Теория (білім)»: өту шегі 0%", "часть «Теория (знания)»: проходной порог 0%", "component «Theory (knowledge)»: pass threshold 0%"},
		{recognition.NewError(kasip.ErrInvalid, "programme.link_kind", "item", "question 3", "path", "cards[0].functions[0].skills[0]", "kind", "skill", "want", "knowledge"),
			"сұрақ №3: «cards[0].functions[0].skills[0]» — дағды, ал білім емес", "вопрос №3: «cards[0].functions[0].skills[0]» — навык, а не знание", "question №3"},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Fatalf("no error (%s)", c.en)
		}
		for lang, want := range map[string]string{"kk": c.kk, "ru": c.ru, "en": c.en} {
			got := i18n.RecDetailText(lang, c.err)
			if !strings.Contains(got, want) {
				t.Errorf("%s: %q lacks %q", lang, got, want)
			}
			if w := latinWords(modelPath.ReplaceAllString(got, "")); lang != "en" && len(w) > 0 {
				t.Errorf("%s: English words %q in %q", lang, w, got)
			}
		}
	}
	// Without a key, kk and ru say nothing rather than English.
	plain := fmt.Errorf("create centre: %w", errors.Join(errors.New("database is locked"), kasip.ErrInvalid))
	if got := i18n.RecDetailText("kk", plain); got != "" {
		t.Errorf("kk detail of a plain error: %q", got)
	}
	if got := i18n.RecDetailText("en", plain); !strings.Contains(got, "database is locked") {
		t.Errorf("en detail of a plain error: %q", got)
	}
}

// The API's answers to the failures people meet most, in kk and ru: the
// detail says what happened, with no English word in it.
func TestRecProblemsInKazakhAndRussian(t *testing.T) {
	e := newRecEnv(t, "")
	prog := e.approvedProgramme()
	birth := time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC)
	iin := recTestIIN(t, birth, true, 200)
	badIIN := iin[:11] + fmt.Sprint((int(iin[11]-'0')+1)%10)
	e.registerCandidate(recCandidate, birth, 200)
	var app api.ApplicationView
	e.wantJSON(e.call(recCandidate, "POST", "/api/v1/applications", service.ApplyInput{ProgrammeID: prog.ID, Route: recognition.RouteSelf}), http.StatusCreated, &app)
	var c service.CentreView
	e.wantJSON(e.call("", http.MethodGet, fmt.Sprintf("/api/v1/centres/%d", e.centre), nil), http.StatusOK, &c)

	type failure struct {
		name, login, method, path, pattern string
		body                               any
		status                             int
		kk, ru                             string
	}
	for _, f := range []failure{
		{"duplicate centre", "", "POST", "/api/v1/centres", "/api/v1/centres",
			api.CentreInput{Name: kasip.Text{"kk": "Екінші", "ru": "Второй"}, BIN: c.BIN, Region: "Астана"}, http.StatusConflict,
			"БСН " + c.BIN + " бар орталық тіркелген", "центр с БИН " + c.BIN + " уже зарегистрирован"},
		{"invalid IIN", recCandidate2, "POST", "/api/v1/candidates", "/api/v1/candidates",
			service.CandidateInput{Name: "Әсел", IIN: badIIN, BirthDate: "1990-01-15", Consent: true}, http.StatusUnprocessableEntity,
			"ЖСН " + badIIN + ": бақылау цифры қате", "ИИН " + badIIN + ": неверная контрольная цифра"},
		{"wrong state", recManager, "POST", fmt.Sprintf("/api/v1/applications/%d/close", app.ID), "/api/v1/applications/{id}/close",
			nil, http.StatusConflict,
			fmt.Sprintf("№%d өтініш «Берілді» күйінде", app.ID), fmt.Sprintf("заявка №%d в состоянии «Подано»", app.ID)},
	} {
		for lang, want := range map[string]string{"kk": f.kk, "ru": f.ru} {
			p := e.problem(e.call(f.login, f.method, f.path+"?lang="+lang, f.body), f.pattern, f.status)
			if !strings.Contains(p.Detail, want) {
				t.Errorf("%s (%s): detail %q lacks %q", f.name, lang, p.Detail, want)
			}
			if w := latinWords(p.Title + " " + p.Detail); len(w) > 0 {
				t.Errorf("%s (%s): English words %q in %q / %q", f.name, lang, w, p.Title, p.Detail)
			}
		}
	}
}

// The UI's failure message next to a form says the store's refusal in the
// page's language, with no English in a Kazakh or Russian page.
func TestRecUIFailureInKazakhAndRussian(t *testing.T) {
	e := newRecEnv(t, "")
	var c service.CentreView
	e.wantJSON(e.call("", http.MethodGet, fmt.Sprintf("/api/v1/centres/%d", e.centre), nil), http.StatusOK, &c)
	form := url.Values{"name_kk": {"Екінші орталық"}, "name_ru": {"Второй центр"}, "bin": {c.BIN}, "region": {"Астана"}}
	for lang, want := range map[string]string{"kk": "БСН " + c.BIN + " бар орталық тіркелген", "ru": "центр с БИН " + c.BIN + " уже зарегистрирован"} {
		body := e.postFail(recAdmin, "/recognition/centres?lang="+lang, form, http.StatusConflict, want)
		box := body[strings.Index(body, `class="error-box"`):]
		box = box[:strings.Index(box, "</")]
		if w := latinWords(strings.TrimPrefix(box, `class="error-box" role="alert">`)); len(w) > 0 {
			t.Errorf("%s: English words %q in %q", lang, w, box)
		}
	}
}
