package page

import (
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/session"
)

// uiRecNavLink is a link of the main menu that depends on the role.
type uiRecNavLink struct {
	Key   string // the Nav value of the page it leads to
	URL   string
	Label string // message key
}

// RecNav lists the recognition links of the main menu for the signed-in
// user's role (the public gets the recognition overview).
func (m UIMe) RecNav() []uiRecNavLink {
	links := []uiRecNavLink{{"recognition", "/recognition", "Recognition"}}
	switch m.Role {
	case session.RoleName(auth.RoleAdmin):
		links = append(links, uiRecNavLink{"approvals", "/recognition/approvals", "Programmes to approve"},
			uiRecNavLink{"rec-settings", "/recognition/settings", "Recognition settings"})
	case session.RoleName(auth.RoleManager):
		links = append(links, uiRecNavLink{"my-centre", "/recognition/centre", "My centre"},
			uiRecNavLink{"applications", "/recognition/applications", "Applications"})
	case session.RoleName(auth.RoleAssessor):
		links = append(links, uiRecNavLink{"applications", "/recognition/applications", "My sessions"})
	case session.RoleName(auth.RoleCandidate):
		links = append(links, uiRecNavLink{"me", "/recognition/me", "My applications"})
	case session.RoleName(auth.RoleEmployer):
		links = append(links, uiRecNavLink{"applications", "/recognition/applications", "Referrals"})
	}
	return links
}

// OrgNav is the link of the main menu to the organisations (standards at
// work) for a signed-in user: the page lists those they are a member or an
// employee of (an administrator's: all).
func (m UIMe) OrgNav() []uiRecNavLink {
	if !m.SignedIn {
		return nil
	}
	return []uiRecNavLink{{"orgs", "/orgs", "Organisations"}}
}
