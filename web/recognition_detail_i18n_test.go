package web

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/recognition"
)

// The validation errors a candidate or a manager meets are said in their
// language, values kept; unknown sentences stay as they are.
func TestLocalizeDetail(t *testing.T) {
	birth := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	d, _ := recognition.CheckDigit("90010130000")
	good := "90010130000" + string(rune('0'+d))
	bad := "90010130000" + string(rune('0'+(d+1)%10))
	cases := []struct {
		err    error
		kk, ru string
	}{
		{recognition.ValidateIIN(bad, birth), "бақылау цифры қате", "неверная контрольная цифра"},
		{recognition.ValidateIIN("12345", birth), "12 цифрдан тұруы керек", "должен состоять из 12 цифр"},
		{recognition.ValidateIIN(good, birth.AddDate(0, 0, 1)), "бойынша туған күн — 1990-01-01", "указывает дату рождения 1990-01-01"},
		{recognition.ValidateBIN("991399999999"), "тіркеу айы (13)", "месяц регистрации (13)"},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Fatalf("no error to translate (%s)", c.kk)
		}
		msg := "register candidate: " + c.err.Error()
		kk, ru := localizeDetail("kk", msg), localizeDetail("ru", msg)
		if !strings.Contains(kk, c.kk) || !strings.Contains(ru, c.ru) {
			t.Errorf("%q:\nkk %q\nru %q", msg, kk, ru)
		}
		for _, out := range []string{kk, ru} {
			if strings.Contains(out, "register candidate") || strings.HasSuffix(out, "invalid") {
				t.Errorf("English left in %q", out)
			}
		}
		if en := localizeDetail("en", msg); en != msg {
			t.Errorf("en changed: %q", en)
		}
	}
	if err := recognition.ValidateIIN(good, birth); err != nil {
		t.Fatalf("valid IIN refused: %v", err)
	}
	other := errors.New("something else entirely").Error()
	if got := localizeDetail("kk", other); got != other {
		t.Errorf("unknown sentence changed: %q", got)
	}
}

// Several problems are translated one by one; an unknown one is kept.
func TestLocalizeDetailList(t *testing.T) {
	msg := "register: candidate: the name is required; something new; consent to the processing of personal data is required: invalid"
	got := localizeDetail("ru", msg)
	want := "имя обязательно; something new; требуется согласие на обработку персональных данных"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// Times are shown on the day they fall on in Kazakhstan, also just after
// midnight there (still the day before in UTC).
func TestUIRecTimeDay(t *testing.T) {
	at := time.Date(2026, 11, 28, 21, 30, 0, 0, time.UTC) // 02:30 on the 29th in Astana
	if got := uiRecTime(at, "ru"); got != "29.11.2026 02:30" {
		t.Errorf("got %q", got)
	}
}

func TestUIScopeText(t *testing.T) {
	e := recognition.ScopeEntry{StandardCode: "M84120", CardNumber: 2, Levels: []int{5, 6}}
	for lang, want := range map[string]string{"kk": "M84120, 2-карточка, деңгейі 5, 6", "ru": "M84120, карточка 2, уровни 5, 6", "en": "M84120, card 2, levels 5, 6"} {
		if got := uiScopeText(e, lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
