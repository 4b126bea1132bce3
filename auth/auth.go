// Package auth holds Kasip's accounts: roles, users, the principal a
// request acts as, password hashing (argon2id), and the session and API
// tokens. It is pure: the store keeps users, sessions and tokens, the web
// layer reads cookies and headers; both meet on the types defined here.
package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Errors callers map to responses. Wrapped errors keep them for errors.Is.
var (
	// ErrBadCredentials: no such login, or the wrong password. The two are
	// one error so that a sign-in form does not reveal which logins exist.
	ErrBadCredentials = errors.New("auth: wrong login or password")
	// ErrDisabled: the account exists but may not sign in.
	ErrDisabled = errors.New("auth: account disabled")
	// ErrInvalidToken: a session or API token that is unknown, expired,
	// revoked, or whose user is disabled. Callers treat the request as
	// anonymous (or answer 401) without saying which.
	ErrInvalidToken = errors.New("auth: invalid or expired token")
	// ErrLoginTaken: another user has the login (compared case-insensitively).
	ErrLoginTaken = errors.New("auth: login already taken")
	// ErrInvalid: a user, password or token name that breaks a rule; the
	// wrapping error says which.
	ErrInvalid = errors.New("auth: invalid")
)

// Role is what a user may do. The anonymous public has no account and so
// no role.
type Role string

const (
	RoleAdmin     Role = "admin"     // runs the registry
	RoleManager   Role = "manager"   // manages a recognition centre
	RoleAssessor  Role = "assessor"  // assesses candidates for a centre
	RoleCandidate Role = "candidate" // applies for recognition of a qualification
	RoleEmployer  Role = "employer"  // checks the qualifications of (future) employees
)

// Roles lists every role, most privileged first.
func Roles() []Role {
	return []Role{RoleAdmin, RoleManager, RoleAssessor, RoleCandidate, RoleEmployer}
}

// Valid reports whether r is one of the defined roles.
func (r Role) Valid() bool {
	for _, x := range Roles() {
		if r == x {
			return true
		}
	}
	return false
}

// ParseRole turns a role name into a Role.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if !r.Valid() {
		return "", fmt.Errorf("%w: unknown role %q (want one of admin, manager, assessor, candidate, employer)", ErrInvalid, s)
	}
	return r, nil
}

// BelongsToCentre reports whether users of the role work for one
// recognition centre.
func (r Role) BelongsToCentre() bool { return r == RoleManager || r == RoleAssessor }

// Limits on the fields of a user.
const (
	MaxLoginLen    = 254 // the longest e-mail address SMTP can deliver to
	MaxNameLen     = 200
	MaxEmployerLen = 300
)

// NormalizeLogin gives the form logins are compared and stored unique in:
// trimmed, Unicode NFC (the same letters typed on different keyboards may
// arrive composed or decomposed), lower-cased.
func NormalizeLogin(login string) string {
	return strings.ToLower(norm.NFC.String(strings.TrimSpace(login)))
}

// ValidateLogin checks a login (an e-mail address or a user name): valid
// UTF-8, 3 to MaxLoginLen characters, no spaces or control characters.
func ValidateLogin(login string) error {
	l := strings.TrimSpace(login)
	n := utf8.RuneCountInString(l)
	switch {
	case !utf8.ValidString(l):
		return fmt.Errorf("%w: login is not valid UTF-8", ErrInvalid)
	case n < 3:
		return fmt.Errorf("%w: login must have at least 3 characters", ErrInvalid)
	case n > MaxLoginLen:
		return fmt.Errorf("%w: login must have at most %d characters", ErrInvalid, MaxLoginLen)
	case strings.IndexFunc(l, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return fmt.Errorf("%w: login must not contain spaces or control characters", ErrInvalid)
	}
	return nil
}

// User is an account.
type User struct {
	ID    int64
	Login string // as entered; unique case-insensitively (NormalizeLogin)
	Name  string // display name
	Role  Role
	// CentreID is the recognition centre of a manager or assessor, 0 for
	// the other roles.
	CentreID int64
	// Employer is the organisation of an employer, "" for the other roles.
	Employer string
	// CandidateID links a candidate's account to the candidate record; 0
	// while there is none (an account may come before the record).
	CandidateID int64
	Created     time.Time // UTC
	Disabled    bool
}

// Validate checks the user's fields and that role-specific ones are set
// exactly for their roles, so that a manager always has a centre and a
// candidate never does.
func (u User) Validate() error {
	if err := ValidateLogin(u.Login); err != nil {
		return err
	}
	name := strings.TrimSpace(u.Name)
	switch {
	case name == "" || !utf8.ValidString(name):
		return fmt.Errorf("%w: name is empty or not valid UTF-8", ErrInvalid)
	case utf8.RuneCountInString(name) > MaxNameLen:
		return fmt.Errorf("%w: name must have at most %d characters", ErrInvalid, MaxNameLen)
	case !u.Role.Valid():
		return fmt.Errorf("%w: unknown role %q", ErrInvalid, u.Role)
	case u.Role.BelongsToCentre() && u.CentreID <= 0:
		return fmt.Errorf("%w: a %s must belong to a recognition centre", ErrInvalid, u.Role)
	case !u.Role.BelongsToCentre() && u.CentreID != 0:
		return fmt.Errorf("%w: a %s does not belong to a recognition centre", ErrInvalid, u.Role)
	case u.Role == RoleEmployer && strings.TrimSpace(u.Employer) == "":
		return fmt.Errorf("%w: an employer account needs the organisation's name", ErrInvalid)
	case u.Role != RoleEmployer && u.Employer != "":
		return fmt.Errorf("%w: only employer accounts name an organisation", ErrInvalid)
	case !utf8.ValidString(u.Employer) || utf8.RuneCountInString(u.Employer) > MaxEmployerLen:
		return fmt.Errorf("%w: organisation name is not valid UTF-8 or longer than %d characters", ErrInvalid, MaxEmployerLen)
	case u.CandidateID < 0 || (u.Role != RoleCandidate && u.CandidateID != 0):
		return fmt.Errorf("%w: only candidate accounts link to a candidate record", ErrInvalid)
	}
	return nil
}

// UserFilter selects users to list.
type UserFilter struct {
	Role            Role  // "": any
	CentreID        int64 // 0: any
	IncludeDisabled bool
}

// Via says how a request proved who it is.
type Via string

const (
	ViaSession Via = "session" // a browser session cookie
	ViaToken   Via = "token"   // an API token
)

// Principal is who a request acts as. The zero Principal is the anonymous
// public.
type Principal struct {
	UserID      int64
	Login, Name string
	Role        Role
	CentreID    int64 // manager, assessor
	CandidateID int64 // candidate
	Employer    string
	Via         Via
}

// PrincipalOf is the principal a user acts as when signed in through via.
func PrincipalOf(u User, via Via) Principal {
	return Principal{
		UserID: u.ID, Login: u.Login, Name: u.Name, Role: u.Role,
		CentreID: u.CentreID, CandidateID: u.CandidateID, Employer: u.Employer, Via: via,
	}
}

// Anonymous reports whether p is the public, not a signed-in user. A
// principal with a role but no user ID is not anonymous: it is a machine
// acting with that role, such as the web server's administrator token
// (whose audit actor is 0, the system).
func (p Principal) Anonymous() bool { return p.UserID == 0 && p.Role == "" }

// Is reports whether p is signed in with one of the roles. The anonymous
// principal is none of them.
func (p Principal) Is(roles ...Role) bool {
	if p.Anonymous() {
		return false
	}
	for _, r := range roles {
		if p.Role == r {
			return true
		}
	}
	return false
}

// InCentre reports whether p is a manager or assessor of the centre.
func (p Principal) InCentre(centreID int64) bool {
	return centreID > 0 && p.Is(RoleManager, RoleAssessor) && p.CentreID == centreID
}

type principalKey struct{}

// NewContext returns ctx carrying p, for handlers below the middleware
// that authenticated the request.
func NewContext(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the principal in ctx, or the anonymous one.
func FromContext(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}
