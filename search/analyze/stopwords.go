package analyze

import "strings"

// Stopwords are small on purpose: only function words that carry no meaning
// in a profession, skill or knowledge title. They are dropped at index and at
// query time alike (the position still advances). Checked on the normalised
// surface form, before stemming.
var stopKK = set(`және мен бен пен да де та те ал бұл осы сол ол олар оның
	үшін бойынша немесе яғни әрі тағы не ма ме ба бе па пе ші шы ғы
	туралы арқылы сияқты сондай ақ`)

var stopRU = set(`и в во на с со по для не что от к ко из о об а но или как
	за у же ли бы это при до его её ее их то так также`)

var stopEN = set(`the a an and or of in on at to for with by from is are be as
	it its this that these those not`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
