package read

import (
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
		fuzzRead(t, "fuzz.txt", FormatText, data)
	})
}
