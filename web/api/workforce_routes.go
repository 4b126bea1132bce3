package api

import (
	"net/http"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/session"
)

// workforceAPIRoutes are the API routes of organisations. Only the
// administrator creates organisations; every other route admits any
// signed-in account, and the handler decides by the caller's standing in
// the organisation (service.OrgAccessOf: a member's role, or the caller's
// own employee record), answering 404 to everyone else.
func workforceAPIRoutes() []apiRoute {
	get, post, put, del := http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
	in := session.SignedIn
	const org = "/api/v1/orgs/{org}"
	return []apiRoute{
		{get, "/api/v1/orgs", in, (*Server).apiListOrgs},
		{post, "/api/v1/orgs", session.Roles(auth.RoleAdmin), (*Server).apiCreateOrg},
		{get, org, in, (*Server).apiGetOrg},
		{put, org, in, (*Server).apiUpdateOrg},
		{get, org + "/members", in, (*Server).apiListMembers},
		{put, org + "/members/{user}", in, (*Server).apiSetMember},
		{del, org + "/members/{user}", in, (*Server).apiRemoveMember},

		{get, org + "/positions", in, (*Server).apiListPositions},
		{post, org + "/positions", in, (*Server).apiCreatePosition},
		{get, org + "/positions/{position}", in, (*Server).apiGetPosition},
		{put, org + "/positions/{position}", in, (*Server).apiUpdatePosition},
		{get, org + "/positions/{position}/job-description", in, (*Server).apiPositionDescription},
		{put, org + "/positions/{position}/job-description/{lang}/{section}", in, (*Server).apiEditSection},
		{del, org + "/positions/{position}/job-description/{lang}/{section}", in, (*Server).apiRevertSection},
		{post, org + "/positions/{position}/upgrade", in, (*Server).apiUpgradePosition},

		{get, org + "/employees", in, (*Server).apiListEmployees},
		{post, org + "/employees", in, (*Server).apiCreateEmployee},
		{get, org + "/employees/{employee}", in, (*Server).apiGetEmployee},
		{put, org + "/employees/{employee}", in, (*Server).apiUpdateEmployee},
		{post, org + "/employees/{employee}/ratings", in, (*Server).apiRate},

		{get, org + "/gaps", in, (*Server).apiGaps},
		{get, org + "/gaps/heatmap.svg", in, (*Server).apiHeatMap},
		{get, org + "/actions", in, (*Server).apiListActions},
		{post, org + "/actions", in, (*Server).apiAddAction},
		{put, org + "/actions/{action}", in, (*Server).apiUpdateAction},

		{get, org + "/programmes", in, (*Server).apiListEduProgrammes},
		{post, org + "/programmes", in, (*Server).apiCreateEduProgramme},
		{get, org + "/programmes/{programme}", in, (*Server).apiGetEduProgramme},
		{put, org + "/programmes/{programme}", in, (*Server).apiUpdateEduProgramme},
		{get, org + "/programmes/{programme}/coverage", in, (*Server).apiEduCoverage},
	}
}
