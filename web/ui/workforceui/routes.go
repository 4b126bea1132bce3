// Package workforceui is the pages of standards at work: organisations
// (employers and education providers), their positions with job
// descriptions generated from cards, the assessment of employees against
// their position's card, the gap analysis with its heat maps, the
// development plans, and the education programmes with their coverage
// matrix. The pages do what the JSON API (web/api/workforce.go) does,
// through the same operations of web/service.
package workforceui

import (
	"net/http"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui/page"
)

// Server serves the organisation pages.
type Server struct {
	*page.Server
}

// Routes are the organisation pages, for the UI's route table. Every page
// needs a signed-in caller; what the caller may see of an organisation is
// the handler's (service.OrgAccessOf: others get 404). Creating an
// organisation is the administrator's, as in the API.
func Routes() []page.UIRoute {
	get, post := http.MethodGet, http.MethodPost
	in := session.SignedIn
	return []page.UIRoute{
		{Method: get, Path: "/orgs", Access: in, Page: pageOf((*Server).uiOrgs)},
		{Method: post, Path: "/orgs", Access: session.Roles(auth.RoleAdmin), Page: pageOf((*Server).uiCreateOrg)},
		{Method: get, Path: "/orgs/{org}", Access: in, Page: pageOf((*Server).uiOrg)},
		{Method: post, Path: "/orgs/{org}/members/{user}/remove", Access: in, Page: pageOf((*Server).uiRemoveMember)},
		{Method: post, Path: "/orgs/{org}/members", Access: in, Page: pageOf((*Server).uiSetMember)},
		{Method: post, Path: "/orgs/{org}/employees", Access: in, Page: pageOf((*Server).uiCreateEmployee)},
		{Method: get, Path: "/orgs/{org}/positions/new", Access: in, Page: pageOf((*Server).uiNewPosition)},
		{Method: post, Path: "/orgs/{org}/positions", Access: in, Page: pageOf((*Server).uiCreatePosition)},
		{Method: get, Path: "/orgs/{org}/positions/{position}", Access: in, Page: pageOf((*Server).uiPosition)},
		{Method: post, Path: "/orgs/{org}/positions/{position}", Access: in, Page: pageOf((*Server).uiUpdatePosition)},
		{Method: post, Path: "/orgs/{org}/positions/{position}/sections/{lang}/{section}", Access: in, Page: pageOf((*Server).uiEditSection)},
		{Method: post, Path: "/orgs/{org}/positions/{position}/sections/{lang}/{section}/revert", Access: in, Page: pageOf((*Server).uiRevertSection)},
		{Method: post, Path: "/orgs/{org}/positions/{position}/upgrade", Access: in, Page: pageOf((*Server).uiUpgradePosition)},
		{Method: get, Path: "/orgs/{org}/employees/{employee}", Access: in, Page: pageOf((*Server).uiEmployee)},
		{Method: post, Path: "/orgs/{org}/employees/{employee}", Access: in, Page: pageOf((*Server).uiUpdateEmployee)},
		{Method: post, Path: "/orgs/{org}/employees/{employee}/ratings", Access: in, Page: pageOf((*Server).uiRate)},
		{Method: post, Path: "/orgs/{org}/actions", Access: in, Page: pageOf((*Server).uiAddAction)},
		{Method: post, Path: "/orgs/{org}/actions/{action}", Access: in, Page: pageOf((*Server).uiUpdateAction)},
		{Method: get, Path: "/orgs/{org}/gaps", Access: in, Page: pageOf((*Server).uiGaps)},
		{Method: get, Path: "/orgs/{org}/plans", Access: in, Page: pageOf((*Server).uiPlans)},
		{Method: get, Path: "/orgs/{org}/programmes", Access: in, Page: pageOf((*Server).uiEduProgrammes)},
		{Method: get, Path: "/orgs/{org}/programmes/new", Access: in, Page: pageOf((*Server).uiNewEduProgramme)},
		{Method: post, Path: "/orgs/{org}/programmes", Access: in, Page: pageOf((*Server).uiCreateEduProgramme)},
		{Method: get, Path: "/orgs/{org}/programmes/{programme}", Access: in, Page: pageOf((*Server).uiEduProgramme)},
		{Method: post, Path: "/orgs/{org}/programmes/{programme}/modules", Access: in, Page: pageOf((*Server).uiAddModule)},
		{Method: post, Path: "/orgs/{org}/programmes/{programme}/outcomes", Access: in, Page: pageOf((*Server).uiAddOutcome)},
	}
}

// pageOf makes a handler of this package's Server into a route handler,
// which receives the page.Server it wraps.
func pageOf(m func(*Server, http.ResponseWriter, *http.Request) error) func(*page.Server, http.ResponseWriter, *http.Request) error {
	return func(ps *page.Server, w http.ResponseWriter, r *http.Request) error { return m(&Server{ps}, w, r) }
}
