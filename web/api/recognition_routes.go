package api

import (
	"net/http"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/session"
)

// recognitionAPIRoutes are the API routes of recognition, with who may
// call each; the handlers then check the object (whose application, which
// centre).
func recognitionAPIRoutes() []apiRoute {
	get, post, put, del := http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
	admin := session.Roles(auth.RoleAdmin)
	manager := session.Roles(auth.RoleManager)
	assessor := session.Roles(auth.RoleAssessor)
	candidate := session.Roles(auth.RoleCandidate)
	return []apiRoute{
		{get, "/api/v1/centres", session.Public, (*Server).apiListCentres},
		{post, "/api/v1/centres", admin, (*Server).apiCreateCentre},
		{get, "/api/v1/centres/{id}", session.Public, (*Server).apiGetCentre},
		{put, "/api/v1/centres/{id}", admin, (*Server).apiUpdateCentre},
		{post, "/api/v1/centres/{id}/accreditations", admin, (*Server).apiAddAccreditation},
		{put, "/api/v1/centres/{id}/accreditations/{accreditation}/status", admin, (*Server).apiSetAccreditationStatus},
		{post, "/api/v1/centres/{id}/assessors", session.Roles(auth.RoleAdmin, auth.RoleManager), (*Server).apiAddAssessor},
		{del, "/api/v1/centres/{id}/assessors/{user}", session.Roles(auth.RoleAdmin, auth.RoleManager), (*Server).apiRemoveAssessor},

		{get, "/api/v1/programmes", session.Public, (*Server).apiListProgrammes},
		{post, "/api/v1/programmes", manager, (*Server).apiCreateProgramme},
		{get, "/api/v1/programmes/{id}", session.Public, (*Server).apiGetProgramme},
		{put, "/api/v1/programmes/{id}", manager, (*Server).apiUpdateProgramme},
		{post, "/api/v1/programmes/{id}/questions", manager, (*Server).apiAddQuestion},
		{del, "/api/v1/programmes/{id}/questions/{entry}", manager, (*Server).apiRemoveQuestion},
		{post, "/api/v1/programmes/{id}/tasks", manager, (*Server).apiAddTask},
		{del, "/api/v1/programmes/{id}/tasks/{entry}", manager, (*Server).apiRemoveTask},
		{get, "/api/v1/programmes/{id}/coverage", session.Public, (*Server).apiProgrammeCoverage},
		{post, "/api/v1/programmes/{id}/submit", manager, (*Server).apiSubmitProgramme},
		{post, "/api/v1/programmes/{id}/approve", admin, (*Server).apiApproveProgramme},
		{post, "/api/v1/programmes/{id}/return", admin, (*Server).apiReturnProgramme},
		{post, "/api/v1/programmes/{id}/retire", session.Roles(auth.RoleAdmin, auth.RoleManager), (*Server).apiRetireProgramme},
		{post, "/api/v1/programmes/{id}/versions", manager, (*Server).apiNewProgrammeVersion},

		{post, "/api/v1/candidates", candidate, (*Server).apiRegisterCandidate},
		{get, "/api/v1/candidates/me", candidate, (*Server).apiMyCandidate},
		{get, "/api/v1/candidates/{id}", session.Roles(auth.RoleAdmin, auth.RoleManager, auth.RoleAssessor, auth.RoleCandidate), (*Server).apiGetCandidate},
		{get, "/api/v1/candidates/{id}/vouchers", session.Roles(auth.RoleAdmin, auth.RoleCandidate), (*Server).apiListVouchers},
		{post, "/api/v1/candidates/{id}/vouchers", admin, (*Server).apiIssueVoucher},

		{get, "/api/v1/applications", session.SignedIn, (*Server).apiListApplications},
		{post, "/api/v1/applications", candidate, (*Server).apiApply},
		{get, "/api/v1/applications/{id}", session.SignedIn, (*Server).apiGetApplication},
		{get, "/api/v1/applications/{id}/history", session.SignedIn, (*Server).apiApplicationHistory},
		{post, "/api/v1/applications/{id}/confirm-referral", session.Roles(auth.RoleEmployer), (*Server).apiConfirmReferral},
		{post, "/api/v1/applications/{id}/accept", manager, (*Server).apiAcceptApplication},
		{post, "/api/v1/applications/{id}/reject", manager, (*Server).apiRejectApplication},
		{post, "/api/v1/applications/{id}/sessions", manager, (*Server).apiScheduleSession},
		{put, "/api/v1/applications/{id}/results", assessor, (*Server).apiRecordResult},
		{post, "/api/v1/applications/{id}/evidence", session.Roles(auth.RoleAssessor, auth.RoleCandidate), (*Server).apiAddEvidence},
		{get, "/api/v1/applications/{id}/evidence/{evidence}", session.SignedIn, (*Server).apiEvidenceFile},
		{post, "/api/v1/applications/{id}/assessed", assessor, (*Server).apiAssessedApplication},
		{get, "/api/v1/applications/{id}/proposal", session.Roles(auth.RoleAdmin, auth.RoleManager, auth.RoleAssessor), (*Server).apiProposal},
		{post, "/api/v1/applications/{id}/decision", assessor, (*Server).apiDecide},
		{post, "/api/v1/applications/{id}/appeal", candidate, (*Server).apiAppeal},
		{post, "/api/v1/applications/{id}/redecision", assessor, (*Server).apiRedecide},
		{post, "/api/v1/applications/{id}/close", session.Roles(auth.RoleAdmin, auth.RoleManager), (*Server).apiCloseApplication},

		{get, "/api/v1/recognition/settings", session.Roles(auth.RoleAdmin, auth.RoleManager), (*Server).apiGetRecognitionSettings},
		{put, "/api/v1/recognition/settings", admin, (*Server).apiSetRecognitionSettings},
	}
}
