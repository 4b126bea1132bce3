package read

import (
	"encoding/json"
	"errors"
	"os"
	"testing"
)

// FuzzReadText: any input gives either a *Error or standards whose JSON
// marshals; never a panic.
func FuzzReadText(f *testing.F) {
	for _, p := range []string{seedHotel, seedYouth, ruTmpl} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/3])
	}
	f.Add([]byte("Еңбек функциясы 1:\tДағды 1\tМашықтар:\t1. а;2. б"))
	f.Add([]byte("9. Кәсіптің карточкасы «X»:\nДағды 1: Y\nБілімдер: 1.2.3."))
	f.Fuzz(func(t *testing.T, data []byte) {
		sts, err := Read("fuzz.txt", data, Options{Format: FormatText})
		if err != nil {
			var re *Error
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *read.Error", err)
			}
			return
		}
		if _, err := json.Marshal(sts); err != nil {
			t.Fatal(err)
		}
	})
}
