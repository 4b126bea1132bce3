package kasip_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/kasip/kasip"
)

// Notes are stored with the standard as JSON: their arguments must come
// back with their kinds, so that lint shows them in any language later.
func TestMessageArgsRoundTrip(t *testing.T) {
	n := kasip.Note{Rule: "numbering", Path: "cards[1].functions[4].code", Message: "labour function 5 …",
		Key: "note.function-code", Args: kasip.Args{
			"n": kasip.NumberArg(5), "card": kasip.CodeArg("B"), "code": kasip.QuoteArg("B/04.5"),
			"lang":  kasip.TermArg("lang.ru"),
			"spots": kasip.ListArg(kasip.Message{Key: "glued.spot", Args: kasip.Args{"text": kasip.QuoteArg("ab")}}),
			"none":  kasip.ListArg(),
		}}
	b, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{`"n":{"kind":"number","value":5}`, `"card":{"kind":"code","value":"B"}`, `"none":{"kind":"list","value":[]}`,
		`"spots":{"kind":"list","value":[{"key":"glued.spot","args":{"text":{"kind":"quote","value":"ab"}}}]}`} {
		if !strings.Contains(string(b), part) {
			t.Errorf("JSON lacks %s:\n%s", part, b)
		}
	}
	var back kasip.Note
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	n.Args["none"] = kasip.Arg{Kind: kasip.ArgList, List: []kasip.Message{}}
	if !reflect.DeepEqual(back, n) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, n)
	}
	for _, bad := range []string{`{"kind":"colour","value":"red"}`, `{"kind":"number","value":"five"}`, `{"kind":"quote","value":3}`} {
		var a kasip.Arg
		if err := json.Unmarshal([]byte(bad), &a); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
