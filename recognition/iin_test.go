package recognition_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

// makeIIN builds a valid IIN for a birth date and sex, trying serial
// numbers from serial on until one has a check digit (an independent
// implementation of the algorithm, to test the package against).
func makeIIN(t testing.TB, birth time.Time, female bool, serial int) string {
	t.Helper()
	c := 1 + 2*((birth.Year()-1800)/100)
	if female {
		c++
	}
	for s := serial; s < serial+100; s++ {
		first := fmt.Sprintf("%02d%02d%02d%d%04d", birth.Year()%100, int(birth.Month()), birth.Day(), c, s%10000)
		if d, ok := checkDigitRef(first); ok {
			return first + fmt.Sprint(d)
		}
	}
	t.Fatalf("no IIN for %s", birth)
	return ""
}

func checkDigitRef(first string) (int, bool) {
	for _, start := range []int{1, 3} {
		sum := 0
		for i, r := range first {
			w := (start+i-1)%11 + 1
			sum += int(r-'0') * w
		}
		if sum%11 != 10 {
			return sum % 11, true
		}
	}
	return 0, false
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestValidateIINGenerated(t *testing.T) {
	births := []time.Time{day(1899, 12, 31), day(1900, 1, 1), day(1965, 6, 15), day(1988, 2, 29), day(1999, 12, 31),
		day(2000, 1, 1), day(2004, 2, 29), day(2010, 10, 10)}
	n := 0
	for _, b := range births {
		for _, female := range []bool{false, true} {
			for serial := 0; serial < 10000; serial += 997 {
				iin := makeIIN(t, b, female, serial)
				if err := recognition.ValidateIIN(iin, b); err != nil {
					t.Errorf("ValidateIIN(%s, %s): %v", iin, recognition.Date(b), err)
				}
				got, sex, err := recognition.IINBirthDate(iin)
				if err != nil || !got.Equal(b) || (sex == "female") != female {
					t.Errorf("IINBirthDate(%s) = %s %s %v, want %s female=%v", iin, recognition.Date(got), sex, err, recognition.Date(b), female)
				}
				// Every other last digit is wrong.
				for d := '0'; d <= '9'; d++ {
					if bad := iin[:11] + string(d); bad != iin && recognition.ValidateIIN(bad, b) == nil {
						t.Errorf("ValidateIIN(%s) accepted a wrong check digit", bad)
					}
				}
				n++
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d IINs tested", n)
	}
}

func TestValidateIINLiterals(t *testing.T) {
	for _, c := range []struct {
		iin   string
		birth time.Time
		want  string // "" valid, else part of the error
	}{
		// Checked by hand: 9·1+0+0+1·4+1·5+5·6+3·7+0+1·9+2·10+3·11 = 131 ≡ 10
		// (mod 11), so the second weights: 27+0+0+6+7+40+27+0+11+2+6 = 126 ≡ 5.
		{"900115301235", day(1990, 1, 15), ""},
		// 0+2+3+8+15+6+42+32+45+60+77 = 290 ≡ 4; female, born in the 2000s.
		{"011231645674", day(2001, 12, 31), ""},
		{"011231645674", time.Time{}, ""}, // no date of birth to compare
		{"900115301234", day(1990, 1, 15), "wrong check digit"},
		{"900115301235", day(1990, 1, 16), "encodes the birth date 1990-01-15"},
		{"011231645674", day(1901, 12, 31), "encodes the birth date 2001-12-31"},
		{"90011530123", day(1990, 1, 15), "12 digits"},
		{"90011530123x", day(1990, 1, 15), "12 digits"},
		{"９００１１５３０１２３５", day(1990, 1, 15), "12 digits"}, // full-width digits
		{"900230301235", time.Time{}, "not a date"},     // 30 February
		{"901315301235", time.Time{}, "not a date"},
		{"900115001235", time.Time{}, "7th digit"},
		{"900115701235", time.Time{}, "7th digit"},
	} {
		err := recognition.ValidateIIN(c.iin, c.birth)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("ValidateIIN(%s): %v", c.iin, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, kasip.ErrInvalid)):
			t.Errorf("ValidateIIN(%s, %s) = %v, want an ErrInvalid saying %q", c.iin, recognition.Date(c.birth), err, c.want)
		}
	}
}

// Some first-11-digit sequences give 10 with both weight sequences: no IIN
// starts with them.
func TestIINWithoutCheckDigit(t *testing.T) {
	found := 0
	for s := 0; s < 10000 && found < 3; s++ {
		first := fmt.Sprintf("8507153%04d", s)
		if _, ok := recognition.CheckDigit(first); ok {
			if _, ok2 := checkDigitRef(first); !ok2 {
				t.Fatalf("%s: the package found a check digit, the reference none", first)
			}
			continue
		}
		if _, ok := checkDigitRef(first); ok {
			t.Fatalf("%s: the reference found a check digit, the package none", first)
		}
		found++
		for d := '0'; d <= '9'; d++ {
			if err := recognition.ValidateIIN(first+string(d), day(1985, 7, 15)); err == nil || !strings.Contains(err.Error(), "no check digit") {
				t.Errorf("ValidateIIN(%s%c) = %v, want no check digit", first, d, err)
			}
		}
	}
	if found == 0 {
		t.Fatal("no prefix without a check digit in 10000 serials")
	}
}

func TestValidateBIN(t *testing.T) {
	for _, c := range []struct{ bin, want string }{
		// 0+5·2+0+4·4+4·5+0+0+0+1·9+2·10+3·11 = 108 ≡ 9.
		{"050440001239", ""},
		{"050440001238", "wrong check digit"},
		{"051340001239", "month 13"},
		{"050040001239", "month 00"},
		{"050430001239", "5th digit 3"},
		{"050470001239", "5th digit 7"},
		{"05044000123", "12 digits"},
		{"", "12 digits"},
	} {
		err := recognition.ValidateBIN(c.bin)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("ValidateBIN(%s): %v", c.bin, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, kasip.ErrInvalid)):
			t.Errorf("ValidateBIN(%s) = %v, want an ErrInvalid saying %q", c.bin, err, c.want)
		}
	}
	// Generated: every type digit and month, with the shared check digit.
	for m := 1; m <= 12; m++ {
		for typ := 4; typ <= 6; typ++ {
			for serial := 0; serial < 50; serial++ {
				first := fmt.Sprintf("19%02d%d0%05d", m, typ, serial)
				d, ok := checkDigitRef(first)
				if !ok {
					continue
				}
				if err := recognition.ValidateBIN(first + fmt.Sprint(d)); err != nil {
					t.Errorf("ValidateBIN(%s%d): %v", first, d, err)
				}
			}
		}
	}
}

// TestMakeNumbers: the numbers made for demonstration data and tests are
// the ones the independent reference makes, and valid.
func TestMakeNumbers(t *testing.T) {
	for i, birth := range []time.Time{time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2004, 12, 31, 0, 0, 0, 0, time.UTC)} {
		for _, female := range []bool{false, true} {
			iin, err := recognition.MakeIIN(birth, female, 100*i+7)
			if err != nil {
				t.Fatal(err)
			}
			if want := makeIIN(t, birth, female, 100*i+7); iin != want {
				t.Errorf("MakeIIN %s female=%v: %s, reference %s", birth.Format(time.DateOnly), female, iin, want)
			}
			if err := recognition.ValidateIIN(iin, birth); err != nil {
				t.Errorf("%s: %v", iin, err)
			}
		}
	}
	bin, err := recognition.CompleteNumber("2501400", 1)
	if err != nil || recognition.ValidateBIN(bin) != nil {
		t.Errorf("BIN %s: %v, %v", bin, err, recognition.ValidateBIN(bin))
	}
	if _, err := recognition.CompleteNumber("123456789012", 1); err == nil {
		t.Error("a prefix longer than 11 digits was completed")
	}
}
