package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestHashVerify(t *testing.T) {
	h, err := HashPassword("correct horse battery", TestParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q is not a PHC argon2id string with the test parameters", h)
	}
	ok, err := VerifyPassword(h, "correct horse battery")
	if err != nil || !ok {
		t.Errorf("right password: %v, %v", ok, err)
	}
	for _, wrong := range []string{"correct horse batterx", "", "correct horse battery ", strings.Repeat("x", 5000)} {
		if ok, err := VerifyPassword(h, wrong); err != nil || ok {
			t.Errorf("wrong password %.20q: %v, %v", wrong, ok, err)
		}
	}
	h2, _ := HashPassword("correct horse battery", TestParams)
	if h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

// A password typed with a decomposed letter matches the composed one.
func TestHashNormalizesUnicode(t *testing.T) {
	// й decomposes into и and U+0306 (combining breve).
	composed, decomposed := "йқазақстан-2026", "и\u0306қазақстан-2026"
	h, err := HashPassword(composed, TestParams)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := VerifyPassword(h, decomposed); !ok {
		t.Error("decomposed form of the password does not verify")
	}
}

func TestParseBadHashes(t *testing.T) {
	good, _ := HashPassword("correct horse battery", TestParams)
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	for _, bad := range []string{
		"",
		"$",
		"plain text",
		"$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key, // argon2 panics on t=0
		"$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key, // … and on p=0
		"$argon2id$v=19$m=64,t=1,p=256$" + salt + "$" + key,
		"$argon2id$v=19$m=4294967295,t=1,p=1$" + salt + "$" + key, // 4 TiB
		"$argon2id$v=19$m=64,t=99999,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=-1,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$!!!$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "=",
		"$argon2id$v=19$m=64,t=1,p=1$$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$",
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "$extra",
		"x$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key,
	} {
		ok, err := VerifyPassword(bad, "correct horse battery")
		if err == nil || ok {
			t.Errorf("%q: %v, %v; want an error", bad, ok, err)
		}
		if !NeedsRehash(bad, TestParams) {
			t.Errorf("%q: an unreadable hash must need a rehash", bad)
		}
	}
}

func FuzzVerifyPassword(f *testing.F) {
	good, _ := HashPassword("correct horse battery", TestParams)
	f.Add(good)
	f.Add("$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA")
	f.Fuzz(func(t *testing.T, s string) {
		// Keep fuzzing cheap: a valid hash with large costs is legal input
		// but slow.
		if p, _, _, err := parseHash(s); err == nil && (p.Memory > 1024 || p.Time > 2) {
			return
		}
		_, _ = VerifyPassword(s, "correct horse battery")
	})
}

func TestNeedsRehash(t *testing.T) {
	h, _ := HashPassword("correct horse battery", TestParams)
	if NeedsRehash(h, TestParams) {
		t.Error("same parameters: no rehash needed")
	}
	if !NeedsRehash(h, DefaultParams) {
		t.Error("other parameters: rehash needed")
	}
	p := TestParams
	p.KeyLen = 16
	if !NeedsRehash(h, p) {
		t.Error("other key length: rehash needed")
	}
}

func TestPasswordPolicy(t *testing.T) {
	for _, tc := range []struct {
		login, password string
		ok              bool
	}{
		{"aigerim@example.kz", "ten chars!", true},
		{"aigerim@example.kz", "nine char", false},
		{"aigerim@example.kz", "өте ұзын құпия сөз", true},
		{"aigerim@example.kz", "қысқа сөз", false}, // 9 letters, 17 bytes
		{"aigerim@example.kz", strings.Repeat("ə", 256), true},
		{"aigerim@example.kz", strings.Repeat("a", 257), false},
		{"aigerim@example.kz", "aigerim@example.kz", false},
		{"aigerim@example.kz", " AIGERIM@Example.KZ", false},
		{"aigerim@example.kz", "bad utf8 \xff\xfe", false},
	} {
		err := CheckPasswordPolicy(tc.login, tc.password)
		if (err == nil) != tc.ok {
			t.Errorf("%q for %q: %v, want ok=%v", tc.password, tc.login, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: error %v is not ErrInvalid", tc.password, err)
		}
	}
}

func TestAuthenticate(t *testing.T) {
	h, _ := HashPassword("correct horse battery", TestParams)
	u := User{ID: 7, Login: "a@b.kz", Role: RoleAdmin}
	if err := Authenticate(u, true, h, "correct horse battery", TestParams); err != nil {
		t.Errorf("right password: %v", err)
	}
	if err := Authenticate(u, true, h, "wrong password!", TestParams); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("wrong password: %v", err)
	}
	if err := Authenticate(User{}, false, "", "correct horse battery", TestParams); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("unknown login: %v", err)
	}
	if err := Authenticate(u, true, "", "correct horse battery", TestParams); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("no password set: %v", err)
	}
	if err := Authenticate(u, true, "garbage", "correct horse battery", TestParams); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("unreadable hash: %v", err)
	}
	u.Disabled = true
	if err := Authenticate(u, true, h, "correct horse battery", TestParams); !errors.Is(err, ErrDisabled) {
		t.Errorf("disabled: %v", err)
	}
	if err := Authenticate(u, true, h, "wrong password!", TestParams); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("disabled, wrong password: %v (must not reveal the account state)", err)
	}
}

func TestUserValidate(t *testing.T) {
	ok := []User{
		{Login: "admin", Name: "Admin", Role: RoleAdmin},
		{Login: "m@centre.kz", Name: "Manager", Role: RoleManager, CentreID: 3},
		{Login: "a@centre.kz", Name: "Assessor", Role: RoleAssessor, CentreID: 3},
		{Login: "c@mail.kz", Name: "Candidate", Role: RoleCandidate},
		{Login: "c@mail.kz", Name: "Candidate", Role: RoleCandidate, CandidateID: 12},
		{Login: "hr@firm.kz", Name: "HR", Role: RoleEmployer, Employer: "ТОО Фирма"},
	}
	for _, u := range ok {
		if err := u.Validate(); err != nil {
			t.Errorf("%+v: %v", u, err)
		}
	}
	bad := []User{
		{Login: "ab", Name: "Short", Role: RoleAdmin},
		{Login: "with space", Name: "X", Role: RoleAdmin},
		{Login: "admin", Name: " ", Role: RoleAdmin},
		{Login: "admin", Name: "X", Role: "root"},
		{Login: "admin", Name: "X", Role: RoleManager},
		{Login: "admin", Name: "X", Role: RoleAdmin, CentreID: 1},
		{Login: "admin", Name: "X", Role: RoleEmployer},
		{Login: "admin", Name: "X", Role: RoleAdmin, Employer: "Firm"},
		{Login: "admin", Name: "X", Role: RoleAdmin, CandidateID: 1},
		{Login: strings.Repeat("a", 255), Name: "X", Role: RoleAdmin},
	}
	for _, u := range bad {
		if err := u.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: %v, want ErrInvalid", u, err)
		}
	}
}

func TestPrincipal(t *testing.T) {
	var anon Principal
	if !anon.Anonymous() || anon.Is(Roles()...) {
		t.Error("the zero principal must be anonymous and have no role")
	}
	p := PrincipalOf(User{ID: 5, Role: RoleAssessor, CentreID: 9}, ViaSession)
	if !p.Is(RoleManager, RoleAssessor) || p.Is(RoleAdmin) {
		t.Errorf("Is: %+v", p)
	}
	if !p.InCentre(9) || p.InCentre(8) || p.InCentre(0) {
		t.Error("InCentre")
	}
	ctx := NewContext(context.Background(), p)
	if FromContext(ctx) != p || !FromContext(context.Background()).Anonymous() {
		t.Error("context round trip")
	}
	if r, err := ParseRole(" Manager "); err != nil || r != RoleManager {
		t.Errorf("ParseRole: %v %v", r, err)
	}
	if _, err := ParseRole("root"); err == nil {
		t.Error("ParseRole(root) succeeded")
	}
}

func TestTokens(t *testing.T) {
	s, a := NewSessionToken(), NewAPIToken()
	if len(s) != 43 || !WellFormedSessionToken(s) || WellFormedAPIToken(s) {
		t.Errorf("session token %q", s)
	}
	if !strings.HasPrefix(a, "kasip_") || !WellFormedAPIToken(a) || WellFormedSessionToken(a) {
		t.Errorf("API token %q", a)
	}
	if NewSessionToken() == s {
		t.Error("two session tokens are equal")
	}
	for _, bad := range []string{"", "kasip_", s[:42], s + "A", strings.Repeat("!", 43), "kasip_" + s[:42] + "="} {
		if WellFormedSessionToken(bad) || WellFormedAPIToken(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
	if h := HashToken(s); len(h) != 64 || h == HashToken(a) || strings.Contains(h, s) {
		t.Errorf("hash %q", h)
	}
	if got := TrimUserAgent(strings.Repeat("ә", 400)); len(got) > MaxUserAgentLen || !strings.HasPrefix(got, "әә") || strings.ContainsRune(got, '\uFFFD') {
		t.Errorf("trimmed user agent %q", got)
	}
	if err := (SessionPolicy{IdleTimeout: 2 * time.Hour, MaxLifetime: time.Hour}).Validate(); err == nil {
		t.Error("idle timeout longer than the lifetime accepted")
	}
	if err := DefaultSessionPolicy.Validate(); err != nil {
		t.Error(err)
	}
}

// BenchmarkHashDefault measures one hash with DefaultParams: the cost of a
// sign-in (go test ./auth -run X -bench HashDefault).
func BenchmarkHashDefault(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("correct horse battery", DefaultParams); err != nil {
			b.Fatal(err)
		}
	}
}
