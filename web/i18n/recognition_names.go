package i18n

import (
	"strings"

	"github.com/kasip/kasip/recognition"
)

// uiRecStateName is the message key of an application state.
func UIRecStateName(state string) string {
	if k, ok := map[string]string{
		recognition.StateSubmitted: "Submitted", recognition.StateAccepted: "Accepted", recognition.StateRejected: "Rejected",
		recognition.StateScheduled: "Scheduled", recognition.StateAssessed: "Assessed", recognition.StateDecided: "Decided",
		recognition.StateAppealed: "Appealed", recognition.StateRedecided: "Re-decided", recognition.StateClosed: "Closed",
	}[state]; ok {
		return k
	}
	return state
}

// uiRecProgrammeStatusName is the message key of a programme status.
func UIRecProgrammeStatusName(st string) string {
	if k, ok := map[string]string{recognition.ProgrammeDraft: "Draft", recognition.ProgrammeSubmitted: "Awaiting approval",
		recognition.ProgrammeApproved: "Approved", recognition.ProgrammeRetired: "Retired"}[st]; ok {
		return k
	}
	return st
}

// uiRecComponentName is the message key of a component kind.
func UIRecComponentName(kind string) string {
	if k, ok := map[string]string{recognition.ComponentTheory: "Theory (knowledge)", recognition.ComponentPractice: "Practice (abilities and skills)",
		recognition.ComponentPortfolio: "Portfolio (prior learning)"}[kind]; ok {
		return k
	}
	return kind
}

// uiRecAccreditationName is the message key of an accreditation status.
func UIRecAccreditationName(st string) string {
	if k, ok := map[string]string{recognition.AccreditationActive: "In force", recognition.AccreditationSuspended: "Suspended",
		recognition.AccreditationRevoked: "Revoked", recognition.AccreditationExpired: "Expired"}[st]; ok {
		return k
	}
	return st
}

// uiRecRouteName is the message key of an application route.
func UIRecRouteName(route string) string {
	if k, ok := map[string]string{recognition.RouteSelf: "On my own", recognition.RouteReferral: "Employer's referral",
		recognition.RouteVoucher: "State voucher"}[route]; ok {
		return k
	}
	return route
}

// uiRecOutcomeName is the message key of a decision outcome.
func UIRecOutcomeName(o string) string {
	if k, ok := map[string]string{recognition.OutcomeWhole: "The whole qualification is recognised",
		recognition.OutcomeUnits: "The units listed are recognised", recognition.OutcomeNone: "Not recognised"}[o]; ok {
		return k
	}
	return o
}

// uiRecDeadlineName is the message key of what an application waits for.
func UIRecDeadlineName(action string) string {
	if k, ok := map[string]string{"confirm-referral": "The employer confirms the referral", "accept": "The centre accepts or rejects",
		"schedule": "The centre plans the assessment", "decide": "The assessor decides", "appeal": "The candidate may appeal",
		"redecide": "The centre decides on the appeal"}[action]; ok {
		return k
	}
	return action
}

// uiRecActionName is the message key of an audit action.
func UIRecActionName(action string) string {
	a := strings.TrimPrefix(action, "recognition.")
	if k, ok := map[string]string{
		"application.submit": "Application submitted", "application.referral-confirm": "Referral confirmed",
		"application.accepted": "Accepted", "application.rejected": "Rejected", "application.scheduled": "Session planned",
		"application.assessed": "Assessment completed", "application.decided": "Decision taken", "application.appealed": "Appeal filed",
		"application.redecided": "Decision on the appeal taken", "application.closed": "Closed",
		"result.record": "Result saved", "evidence.add": "Evidence attached",
	}[a]; ok {
		return k
	}
	return action
}
