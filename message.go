package kasip

import (
	"encoding/json"
	"fmt"
)

// Message is something said to a person as a catalogue key and typed
// arguments rather than a sentence, so that it can be shown in the reader's
// language (lint's catalogue renders it in kk, ru and en).
type Message struct {
	Key  string `json:"key"`
	Args Args   `json:"args,omitempty"`
}

// Args are the named arguments of a message.
type Args map[string]Arg

// ArgKind says how an argument is shown.
type ArgKind string

// Argument kinds.
const (
	ArgQuote  ArgKind = "quote"  // text quoted from the document: spaces collapsed, shortened, in quotes
	ArgCode   ArgKind = "code"   // a code, path, date or name written as is
	ArgNumber ArgKind = "number" // an integer; it chooses plural forms
	ArgTerm   ArgKind = "term"   // a catalogue key shown in the reader's language (a level, a classifier)
	ArgList   ArgKind = "list"   // messages, each shown and joined
)

// Arg is one argument of a message. Text holds quotes, codes and terms, N
// numbers, List lists; the JSON form is {"kind": …, "value": …}.
type Arg struct {
	Kind ArgKind
	Text string
	N    int
	List []Message
}

// QuoteArg quotes text from the document.
func QuoteArg(s string) Arg { return Arg{Kind: ArgQuote, Text: s} }

// CodeArg is a code or other value shown as is.
func CodeArg(s string) Arg { return Arg{Kind: ArgCode, Text: s} }

// NumberArg is a count or an ordinal.
func NumberArg(n int) Arg { return Arg{Kind: ArgNumber, N: n} }

// TermArg is a catalogue key shown in the reader's language.
func TermArg(key string) Arg { return Arg{Kind: ArgTerm, Text: key} }

// ListArg is a list of messages.
func ListArg(ms ...Message) Arg { return Arg{Kind: ArgList, List: ms} }

type argJSON struct {
	Kind  ArgKind         `json:"kind"`
	Value json.RawMessage `json:"value"`
}

// MarshalJSON writes {"kind": …, "value": …}: a number for numbers, an
// array of messages for lists, a string otherwise.
func (a Arg) MarshalJSON() ([]byte, error) {
	var v any = a.Text
	switch a.Kind {
	case ArgNumber:
		v = a.N
	case ArgList:
		v = a.List
		if a.List == nil {
			v = []Message{}
		}
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return json.Marshal(argJSON{a.Kind, raw})
}

// UnmarshalJSON reads the form MarshalJSON writes, so that notes stored
// with a standard keep their argument types.
func (a *Arg) UnmarshalJSON(b []byte) error {
	var j argJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*a = Arg{Kind: j.Kind}
	var err error
	switch j.Kind {
	case ArgNumber:
		err = json.Unmarshal(j.Value, &a.N)
	case ArgList:
		err = json.Unmarshal(j.Value, &a.List)
	case ArgQuote, ArgCode, ArgTerm:
		err = json.Unmarshal(j.Value, &a.Text)
	default:
		return fmt.Errorf("message argument: unknown kind %q", j.Kind)
	}
	if err != nil {
		return fmt.Errorf("message argument of kind %s: %w", j.Kind, err)
	}
	return nil
}
