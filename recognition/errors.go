package recognition

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
)

// The root package defines ErrNotFound and ErrInvalid only. Recognition
// needs two more kinds, which the web layer maps to HTTP 409 and 403; they
// are defined here rather than in the root package so as not to touch a
// file other work depends on (move them to kasip when convenient: the
// values can simply be aliased then).
var (
	// ErrConflict: the request is well formed but the current state does
	// not allow it (an illegal transition, a stale version, a limit hit).
	ErrConflict = errors.New("conflict")
	// ErrForbidden: the actor may not do this (approving their own
	// programme, assessing for another centre), or the centre may not
	// (outside its accreditation).
	ErrForbidden = errors.New("forbidden")
)

// Specific errors, each wrapping one of the kinds above so that callers can
// test either precisely or broadly.
var (
	ErrIllegalTransition = fmt.Errorf("illegal transition: %w", ErrConflict)
	ErrStale             = fmt.Errorf("changed by someone else: %w", ErrConflict)
	ErrNotAccredited     = fmt.Errorf("outside an active accreditation: %w", ErrForbidden)
	ErrImmutable         = fmt.Errorf("programme is not a draft: %w", ErrConflict)
	ErrDeadline          = fmt.Errorf("deadline passed: %w", ErrConflict)
	ErrLimit             = fmt.Errorf("limit reached: %w", ErrConflict)
)

// Re-exported so that callers of this package need not import kasip just
// to test errors.
var (
	ErrInvalid  = kasip.ErrInvalid
	ErrNotFound = kasip.ErrNotFound
)

// Error is a refusal a person reads: a message key and the values the
// message names, so that the web layer says it in the reader's language
// from its catalogue (Messages holds the English, which Error() uses for
// logs). It wraps its kind (ErrInvalid, ErrConflict, ErrDeadline …) and,
// when there is one, the cause.
type Error struct {
	Key  string            // e.g. "centre.bin_taken"
	Args map[string]string // e.g. {"bin": "123456789012"}
	Kind error
	Err  error // the cause, for logs; nil when the refusal is the cause
}

// NewError returns the refusal key of kind; args are names and values in
// turn ("bin", c.BIN).
func NewError(kind error, key string, args ...string) *Error {
	e := &Error{Key: key, Kind: kind}
	if len(args) > 0 {
		e.Args = make(map[string]string, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			e.Args[args[i]] = args[i+1]
		}
	}
	return e
}

// Wrap keeps cause behind the refusal, for logs.
func (e *Error) Wrap(cause error) *Error { e.Err = cause; return e }

// Error is the English message, the kind and the cause: for logs.
func (e *Error) Error() string {
	msg := Render(English(e.Key), e.Args)
	if e.Kind != nil {
		msg += ": " + e.Kind.Error()
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() []error {
	var out []error
	for _, x := range []error{e.Kind, e.Err} {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}

// English is key's English message, or the key when it has none.
func English(key string) string {
	if m, ok := Messages[key]; ok {
		return m
	}
	return key
}

// Keys lists every message key, sorted.
func Keys() []string {
	keys := make([]string, 0, len(Messages))
	for k := range Messages {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Render puts args into template's {name} places.
func Render(template string, args map[string]string) string {
	if len(args) == 0 {
		return template
	}
	pairs := make([]string, 0, 2*len(args))
	for k, v := range args {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(template)
}

// Errors returns the refusals in err's tree, in order, outermost first; a
// refusal's own cause is not searched (it explains the refusal for logs).
func Errors(err error) []*Error {
	var out []*Error
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
			return
		case *Error:
			out = append(out, e)
			return
		case interface{ Unwrap() []error }:
			for _, x := range e.Unwrap() {
				walk(x)
			}
		case interface{ Unwrap() error }:
			walk(e.Unwrap())
		}
	}
	walk(err)
	return out
}

// Moment formats a time for a message: digits only, so that it reads the
// same in every language.
func Moment(t time.Time) string { return t.Format("2006-01-02 15:04 -07:00") }

func invalid(key string, args ...string) *Error { return NewError(kasip.ErrInvalid, key, args...) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// problems collects validation failures so that one call reports all of
// them, not the first only.
type problems []*Error

func (p *problems) add(key string, args ...string) {
	*p = append(*p, NewError(kasip.ErrInvalid, key, args...))
}

// addErr adds the refusals err carries (an IIN's, a BIN's), or err itself
// under its own text when it carries none.
func (p *problems) addErr(err error) {
	if es := Errors(err); len(es) > 0 {
		*p = append(*p, es...)
		return
	}
	p.add("invalid", "reason", err.Error())
}

// err returns nil when nothing was added, or an ErrInvalid listing them.
func (p problems) err(what string) error {
	if len(p) == 0 {
		return nil
	}
	return &problemList{what: what, list: p}
}

// problemList is several validation failures of one object.
type problemList struct {
	what string
	list []*Error
}

func (l *problemList) Error() string {
	msgs := make([]string, len(l.list))
	for i, e := range l.list {
		msgs[i] = Render(English(e.Key), e.Args)
	}
	if len(msgs) == 1 {
		return fmt.Sprintf("%s: %s: %v", l.what, msgs[0], kasip.ErrInvalid)
	}
	return fmt.Sprintf("%s: %d problems: %s: %v", l.what, len(msgs), strings.Join(msgs, "; "), kasip.ErrInvalid)
}

func (l *problemList) Unwrap() []error {
	out := make([]error, len(l.list))
	for i, e := range l.list {
		out[i] = e
	}
	return out
}
