package auth

import "testing"

// A machine principal (a role without a user, e.g. the web server's
// administrator token) is signed in with its role; the zero principal is
// not.
func TestMachinePrincipal(t *testing.T) {
	m := Principal{Role: RoleAdmin, Name: "administrator token"}
	if m.Anonymous() || !m.Is(RoleAdmin) || m.Is(RoleManager) {
		t.Errorf("machine admin: anonymous %v, admin %v", m.Anonymous(), m.Is(RoleAdmin))
	}
	if !(Principal{}).Anonymous() {
		t.Error("the zero principal is not anonymous")
	}
}
