// Package kktyping writes Kazakh text the ways people type it without
// Kazakh letters: on a Russian keyboard and in Latin letters without
// diacritics. The search tests and the relevance evaluation make their
// queries with it, so every Kazakh phrase of the documents becomes a test
// query rather than a few chosen examples.
package kktyping

import "strings"

var russianKeyboard = strings.NewReplacer("ә", "а", "ғ", "г", "қ", "к", "ң", "н", "ө", "о",
	"ұ", "у", "ү", "у", "һ", "х", "і", "и", "Ә", "А", "Ғ", "Г", "Қ", "К", "Ң", "Н", "Ө", "О",
	"Ұ", "У", "Ү", "У", "Һ", "Х", "І", "И")

var plainLatin = strings.NewReplacer("а", "a", "ә", "a", "б", "b", "в", "v", "г", "g", "ғ", "g",
	"д", "d", "е", "e", "ж", "zh", "з", "z", "и", "i", "й", "i", "к", "k", "қ", "q", "л", "l",
	"м", "m", "н", "n", "ң", "n", "о", "o", "ө", "o", "п", "p", "р", "r", "с", "s", "т", "t",
	"у", "u", "ұ", "u", "ү", "u", "ф", "f", "х", "h", "һ", "h", "ш", "sh", "ы", "y", "і", "i")

// RussianKeyboard writes each Kazakh letter as the Russian one it
// resembles (қ → к, ү → у, і → и …).
func RussianKeyboard(s string) string { return russianKeyboard.Replace(s) }

// PlainLatin writes Kazakh in lower-case Latin letters without diacritics
// (қонақ үй → qonaq uy).
func PlainLatin(s string) string { return plainLatin.Replace(strings.ToLower(s)) }
