package recognition

import (
	"fmt"
	"strconv"
	"time"
)

// IIN and BIN are the 12-digit identification numbers of Kazakhstan: of an
// individual and of a legal entity (business identification number). Both
// end with the same check digit.

// checkWeights are the two weight sequences of the check digit: the second
// is used when the first gives 10.
var checkWeights = [2][11]int{
	{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
	{3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2},
}

// CheckDigit computes the check digit of the first 11 digits of an IIN or
// BIN. ok is false when both weight sequences give 10: no number with those
// first digits is valid (they are not issued).
func CheckDigit(first11 string) (digit int, ok bool) {
	if len(first11) != 11 || !allDigits(first11) {
		return 0, false
	}
	for _, w := range checkWeights {
		sum := 0
		for i, c := range []byte(first11) {
			sum += int(c-'0') * w[i]
		}
		if r := sum % 11; r != 10 {
			return r, true
		}
	}
	return 0, false
}

// MakeIIN returns a valid IIN for a birth date and sex: YYMMDD, the
// century-and-sex digit, then completed by CompleteNumber. For
// demonstration data and tests.
func MakeIIN(birth time.Time, female bool, serial int) (string, error) {
	c := 1 + 2*((birth.Year()-1800)/100)
	if female {
		c++
	}
	return CompleteNumber(fmt.Sprintf("%02d%02d%02d%d", birth.Year()%100, int(birth.Month()), birth.Day(), c), serial)
}

// CompleteNumber completes the leading digits of an IIN or BIN with the
// first serial number, from serial on, whose 11 digits have a check digit
// (some have none), and that digit.
func CompleteNumber(prefix string, serial int) (string, error) {
	for n := serial; n < serial+100; n++ {
		first := fmt.Sprintf("%s%0*d", prefix, 11-len(prefix), n)
		if d, ok := CheckDigit(first); ok {
			return fmt.Sprintf("%s%d", first, d), nil
		}
	}
	return "", fmt.Errorf("no identification number with a check digit after %s and %d", prefix, serial)
}

func allDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// checkNumber checks the length, the digits and the check digit shared by
// IIN and BIN; kind names the number in errors.
func checkNumber(kind, n string) error {
	if len(n) != 12 || !allDigits(n) {
		return invalid(kind+".length", "number", n)
	}
	d, ok := CheckDigit(n[:11])
	if !ok {
		return invalid(kind+".no_check_digit", "number", n)
	}
	if int(n[11]-'0') != d {
		return invalid(kind+".check_digit", "number", n, "digit", n[11:], "expected", strconv.Itoa(d))
	}
	return nil
}

// IINBirthDate returns the date of birth an IIN encodes (midnight UTC) and
// the holder's sex, "male" or "female". The 7th digit gives the century and
// the sex: 1/2 born in the 1800s, 3/4 in the 1900s, 5/6 in the 2000s, odd
// male, even female. Only the date part is checked, not the check digit.
func IINBirthDate(iin string) (time.Time, string, error) {
	if len(iin) != 12 || !allDigits(iin) {
		return time.Time{}, "", invalid("iin.length", "number", iin)
	}
	c := int(iin[6] - '0')
	if c < 1 || c > 6 {
		return time.Time{}, "", invalid("iin.century", "number", iin, "digit", strconv.Itoa(c))
	}
	century := 1800 + 100*((c-1)/2)
	sex := "male"
	if c%2 == 0 {
		sex = "female"
	}
	yy, mm, dd := num2(iin[0:2]), num2(iin[2:4]), num2(iin[4:6])
	t := time.Date(century+yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	// time.Date normalises 31 February to 3 March: a date that does not
	// round-trip does not exist.
	if mm < 1 || mm > 12 || dd < 1 || t.Month() != time.Month(mm) || t.Day() != dd {
		return time.Time{}, "", invalid("iin.date", "number", iin, "date", iin[:6])
	}
	return t, sex, nil
}

func num2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// ValidateIIN checks an individual identification number: 12 digits, a
// real birth date in the first 7, the check digit, and — unless birth is
// the zero time — that it encodes the given date of birth (compared as
// calendar dates, whatever the zone of birth).
func ValidateIIN(iin string, birth time.Time) error {
	enc, _, err := IINBirthDate(iin)
	if err != nil {
		return err
	}
	if err := checkNumber("iin", iin); err != nil {
		return err
	}
	if birth.IsZero() {
		return nil
	}
	y, m, d := birth.Date()
	if got := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); !got.Equal(enc) {
		return invalid("iin.birth_date", "number", iin, "encoded", Date(enc), "date", Date(got))
	}
	return nil
}

// ValidateBIN checks a business identification number: 12 digits, the
// registration month (3rd-4th digits) 01 to 12, the entity type (5th digit)
// 4 (resident legal entity), 5 (non-resident) or 6 (joint individual
// entrepreneurship), and the check digit, computed as for an IIN.
func ValidateBIN(bin string) error {
	if len(bin) != 12 || !allDigits(bin) {
		return invalid("bin.length", "number", bin)
	}
	if m := num2(bin[2:4]); m < 1 || m > 12 {
		return invalid("bin.month", "number", bin, "month", bin[2:4])
	}
	if t := bin[4]; t < '4' || t > '6' {
		return invalid("bin.type", "number", bin, "digit", string(t))
	}
	return checkNumber("bin", bin)
}
