package recognition

import (
	"errors"
	"fmt"

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

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), kasip.ErrInvalid)
}

// problems collects validation failures so that one call reports all of
// them, not the first only.
type problems []string

func (p *problems) add(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

// err returns nil when nothing was added, or an ErrInvalid listing them.
func (p problems) err(what string) error {
	switch len(p) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%s: %s: %w", what, p[0], kasip.ErrInvalid)
	}
	msg := p[0]
	for _, s := range p[1:] {
		msg += "; " + s
	}
	return fmt.Errorf("%s: %d problems: %s: %w", what, len(p), msg, kasip.ErrInvalid)
}
