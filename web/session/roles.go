package session

import (
	"github.com/kasip/kasip/auth"
)

func RoleNames() []string {
	out := make([]string, 0, len(auth.Roles()))
	for _, r := range auth.Roles() {
		out = append(out, string(r))
	}
	return out
}
