package workforce

import (
	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

// The kinds of refusal, as in recognition (the web layer maps them to 400,
// 404, 409 and 403).
var (
	ErrInvalid   = kasip.ErrInvalid
	ErrNotFound  = kasip.ErrNotFound
	ErrConflict  = recognition.ErrConflict
	ErrForbidden = recognition.ErrForbidden
	ErrStale     = recognition.ErrStale
)

// Refuse is a refusal of kind with a message key ("workforce.…", whose
// English is in recognition.Messages with the other refusals).
func Refuse(kind error, key string, args ...string) *recognition.Error {
	return recognition.NewError(kind, key, args...)
}

func invalid(key string, args ...string) *recognition.Error { return Refuse(ErrInvalid, key, args...) }

// problems collects validation failures so that one call reports all of
// them.
type problems []*recognition.Error

func (p *problems) add(key string, args ...string) { *p = append(*p, invalid(key, args...)) }

// addErr adds the refusals err carries (a BIN's).
func (p *problems) addErr(err error) {
	if es := recognition.Errors(err); len(es) > 0 {
		*p = append(*p, es...)
		return
	}
	p.add("invalid", "reason", err.Error())
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	errs := make(joined, len(p))
	for i, e := range p {
		errs[i] = e
	}
	return errs
}

// joined is several refusals of one object.
type joined []error

func (j joined) Error() string {
	s := ""
	for i, e := range j {
		if i > 0 {
			s += "; "
		}
		s += e.Error()
	}
	return s
}

func (j joined) Unwrap() []error { return j }
