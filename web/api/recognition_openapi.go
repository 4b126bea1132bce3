package api

import (
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"
)

// The OpenAPI document of the recognition routes (recognitionAPIRoutes).
// Security, roles and the 401 and 403 answers come from the routes' access
// rules (oaSecure); the object-level refusals are the 403 and 404 listed
// here.

// documentRecognition adds the recognition routes to the document.
func documentRecognition(doc OAObj) {
	paths := doc["paths"].(OAObj)
	for p, item := range recognitionOAPaths() {
		paths[p] = item
	}
	comps := doc["components"].(OAObj)
	schemas := comps["schemas"].(OAObj)
	for name, s := range recognitionOASchemas() {
		schemas[name] = s
	}
	responses := comps["responses"].(OAObj)
	oaProblem := func(description string) OAObj {
		return OAObj{"description": description, "content": OAObj{"application/problem+json": OAObj{"schema": oaRef("Problem")}}}
	}
	responses["RecNotFound"] = oaProblem("No such object, or one the caller may not know of (another candidate's application, another centre's draft programme).")
	responses["RecForbidden"] = oaProblem("The caller's role allows the operation, but not on this object (another centre's application, approving one's own programme, an assessor not in the session), or the centre's accreditation does not cover it.")
	responses["RecConflict"] = oaProblem("The current state does not allow it: an illegal transition (e.g. a form sent again after the application moved on), a passed deadline, a limit, or a duplicate.")
	responses["RecInvalid"] = oaProblem("The request is well formed but its content is not valid; the detail lists every problem (e.g. an IIN whose check digit is wrong or that does not encode the date of birth).")
	responses["RecUnavailable"] = oaProblem("This registry does not keep recognition data.")
	responses["StaleResult"] = OAObj{"description": "The result was saved by someone else since the version sent; reload it. The answer says who saved it, when, and its version.",
		"content": OAObj{"application/problem+json": OAObj{"schema": oaRef("StaleResult")}}}
	tags := doc["tags"].([]OAObj)
	doc["tags"] = append(tags, OAObj{"name": "recognition",
		"description": "The recognition of professional qualifications: centres and their accreditations, qualification programmes, candidates, vouchers, applications, assessment, decisions and appeals (docs/recognition.md)."})
}

// recOAID is an integer path parameter.
func recOAID(name, description string) OAObj {
	return OAObj{"name": name, "in": "path", "required": true, "description": description, "schema": OAObj{"type": "integer", "minimum": 1}}
}

// recOAOp is an operation of the recognition tag whose answers include
// the errors every recognition operation can give.
func recOAOp(id, summary string, params []any, responses OAObj) OAObj {
	responses["501"] = oaResp("RecUnavailable")
	return oaOperation(id, "recognition", summary, params, responses)
}

// recOAWrite adds the answers of an operation with a JSON body.
func recOAWrite(op OAObj, body string) OAObj {
	r := op["responses"].(OAObj)
	r["400"], r["413"], r["415"], r["422"] = oaResp("BadRequest"), oaResp("TooLarge"), oaResp("UnsupportedMediaType"), oaResp("RecInvalid")
	if body != "" {
		oaBody(op, body)
	}
	return op
}

// recOAObjectErrors adds the object-level answers.
func recOAObjectErrors(op OAObj, codes ...string) OAObj {
	r := op["responses"].(OAObj)
	for _, c := range codes {
		switch c {
		case "403":
			r["403"] = oaResp("RecForbidden")
		case "404":
			r["404"] = oaResp("RecNotFound")
		case "409":
			r["409"] = oaResp("RecConflict")
		case "422":
			r["422"] = oaResp("RecInvalid")
		case "400":
			r["400"] = oaResp("BadRequest")
		}
	}
	return op
}

func recognitionOAPaths() OAObj {
	id := func(what string) []any { return []any{recOAID("id", what)} }
	centre, prog, app := id("The centre's ID."), id("The programme's ID."), id("The application's ID.")
	ok := func(d, schema string) OAObj { return OAObj{"200": oaOK(d, oaRef(schema))} }
	created := func(d, schema string) OAObj { return OAObj{"201": oaOK(d, oaRef(schema))} }
	appAct := func(opID, summary string, body string, resp OAObj, codes ...string) OAObj {
		op := recOAObjectErrors(recOAOp(opID, summary, app, resp), append([]string{"400", "403", "404", "409"}, codes...)...)
		if body != "" {
			op = recOAWrite(op, body)
		}
		return op
	}
	progAct := func(opID, summary, body string, resp OAObj) OAObj {
		op := recOAObjectErrors(recOAOp(opID, summary, prog, resp), "400", "403", "404", "409", "422")
		if body != "" {
			op = recOAWrite(op, body)
		}
		return op
	}
	return OAObj{
		"/api/v1/centres": OAObj{
			"get": recOAOp("listCentres", "Recognition centres with their accreditations (public)", nil, ok("The centres, by ID.", "CentreList")),
			"post": recOAWrite(recOAObjectErrors(recOAOp("createCentre", "Create a recognition centre (administrator)", nil,
				created("The new centre.", "Centre")), "409"), "CentreInput"),
		},
		"/api/v1/centres/{id}": OAObj{
			"get": recOAObjectErrors(recOAOp("getCentre", "A recognition centre (public; its assessors for its staff and administrators)", centre, ok("The centre.", "Centre")), "400", "404"),
			"put": recOAWrite(recOAObjectErrors(recOAOp("updateCentre", "Change a centre's name, BIN, region and contacts (administrator)", centre,
				ok("The centre as changed.", "Centre")), "404", "409"), "CentreInput"),
		},
		"/api/v1/centres/{id}/accreditations": OAObj{"post": recOAWrite(recOAObjectErrors(recOAOp("addAccreditation",
			"Record an accreditation certificate and its scope (administrator); valid_to defaults to the settings' validity", centre,
			created("The accreditation.", "Accreditation")), "404", "409"), "AccreditationInput")},
		"/api/v1/centres/{id}/accreditations/{accreditation}/status": OAObj{"put": recOAWrite(recOAObjectErrors(recOAOp("setAccreditationStatus",
			"Suspend, reinstate, revoke or expire an accreditation, for a reason (administrator)",
			[]any{recOAID("id", "The centre's ID."), recOAID("accreditation", "The accreditation's ID.")},
			ok("The accreditation as changed.", "Accreditation")), "404", "409"), "StatusInput")},
		"/api/v1/centres/{id}/assessors": OAObj{"post": recOAWrite(recOAObjectErrors(recOAOp("addAssessor",
			"Make an assessor account of the centre one of its assessors (administrator, the centre's manager)", centre,
			ok("The centre.", "Centre")), "403", "404"), "AssessorInput")},
		"/api/v1/centres/{id}/assessors/{user}": OAObj{"delete": recOAObjectErrors(recOAOp("removeAssessor",
			"End a user's role as an assessor of the centre (administrator, the centre's manager)",
			[]any{recOAID("id", "The centre's ID."), recOAID("user", "The assessor's user ID.")},
			ok("The centre.", "Centre")), "400", "403", "404")},

		"/api/v1/programmes": OAObj{
			"get": recOAObjectErrors(recOAOp("listProgrammes", "Qualification programmes the caller may see: approved and retired ones for everyone, drafts for their centre's staff and administrators",
				[]any{
					oaQuery("centre", "Only this centre's.", OAObj{"type": "integer", "minimum": 1}),
					oaQuery("status", "Only in this status.", OAObj{"type": "string", "enum": []string{recognition.ProgrammeDraft, recognition.ProgrammeSubmitted, recognition.ProgrammeApproved, recognition.ProgrammeRetired}}),
					oaQuery("standard", "Only of this standard (its code).", OAObj{"type": "string", "maxLength": httpx.MaxQueryLen}),
					oaQuery("card", "Only of this card (0-based index into the standard's cards).", OAObj{"type": "integer", "minimum": 0}),
				}, ok("The programmes, by ID, without their banks.", "ProgrammeList")), "400"),
			"post": recOAWrite(recOAObjectErrors(recOAOp("createProgramme",
				"Create a draft programme for the manager's centre, from a card of a standard version (manager of an accredited centre)", nil,
				created("The draft.", "Programme")), "403", "404", "409"), "ProgrammeInput"),
		},
		"/api/v1/programmes/{id}": OAObj{
			"get": recOAObjectErrors(recOAOp("getProgramme", "A programme; its question and task bank only for its centre's staff and administrators", prog,
				ok("The programme.", "Programme")), "400", "404"),
			"put": progAct("updateProgramme", "Change a draft's title, level, units and components (the centre's manager)", "ProgrammeUpdate",
				ok("The draft as changed.", "Programme")),
		},
		"/api/v1/programmes/{id}/questions": OAObj{"post": progAct("addQuestion", "Add a theory question linked to knowledge items (the centre's manager)", "QuestionInput",
			created("The draft with the question.", "Programme"))},
		"/api/v1/programmes/{id}/questions/{entry}": OAObj{"delete": recOAObjectErrors(recOAOp("removeQuestion", "Remove a question of a draft (the centre's manager)",
			[]any{recOAID("id", "The programme's ID."), recOAID("entry", "The question's ID.")}, ok("The draft.", "Programme")), "400", "403", "404", "409")},
		"/api/v1/programmes/{id}/tasks": OAObj{"post": progAct("addTask", "Add a practical task linked to abilities or skills (the centre's manager)", "TaskInput",
			created("The draft with the task.", "Programme"))},
		"/api/v1/programmes/{id}/tasks/{entry}": OAObj{"delete": recOAObjectErrors(recOAOp("removeTask", "Remove a task of a draft (the centre's manager)",
			[]any{recOAID("id", "The programme's ID."), recOAID("entry", "The task's ID.")}, ok("The draft.", "Programme")), "400", "403", "404", "409")},
		"/api/v1/programmes/{id}/coverage": OAObj{"get": recOAObjectErrors(recOAOp("programmeCoverage",
			"How the bank covers the knowledge and abilities of the programme's units, with the gaps", prog, ok("The coverage report.", "Coverage")), "400", "404")},
		"/api/v1/programmes/{id}/submit": OAObj{"post": progAct("submitProgramme", "Submit a draft for approval; its bank must leave no gap (the centre's manager)", "",
			ok("The submitted programme.", "Programme"))},
		"/api/v1/programmes/{id}/approve": OAObj{"post": progAct("approveProgramme", "Approve a submitted programme (administrator; never its author)", "",
			ok("The approved programme.", "Programme"))},
		"/api/v1/programmes/{id}/return": OAObj{"post": progAct("returnProgramme", "Return a submitted programme to its author as a draft, with a reason (administrator)", "ReasonInput",
			ok("The programme, a draft again.", "Programme"))},
		"/api/v1/programmes/{id}/retire": OAObj{"post": progAct("retireProgramme", "Withdraw an approved programme from new applications, with a reason (administrator, the centre's manager)", "ReasonInput",
			ok("The retired programme.", "Programme"))},
		"/api/v1/programmes/{id}/versions": OAObj{"post": progAct("newProgrammeVersion", "Copy an approved or retired programme into a new draft version (the centre's manager)", "",
			created("The new draft version.", "Programme"))},

		"/api/v1/candidates": OAObj{"post": recOAWrite(recOAObjectErrors(recOAOp("registerCandidate",
			"Register the calling candidate account's candidate record and link it to the account (candidate)", nil,
			created("The candidate record.", "Candidate")), "409"), "CandidateInput")},
		"/api/v1/candidates/me": OAObj{"get": recOAObjectErrors(recOAOp("myCandidate", "The calling candidate's record (candidate)", nil,
			ok("The candidate record.", "Candidate")), "404")},
		"/api/v1/candidates/{id}": OAObj{"get": recOAObjectErrors(recOAOp("getCandidate",
			"A candidate record: the candidate's own, any for administrators, and those who applied to their centre for its staff",
			id("The candidate's ID."), ok("The candidate record.", "Candidate")), "400", "404")},
		"/api/v1/candidates/{id}/vouchers": OAObj{
			"get": recOAObjectErrors(recOAOp("listVouchers", "A candidate's state vouchers (administrator, the candidate)", id("The candidate's ID."),
				ok("The vouchers, by ID.", "VoucherList")), "400", "404"),
			"post": recOAObjectErrors(recOAOp("issueVoucher", "Issue a state voucher, within the yearly limit of the settings (administrator)", id("The candidate's ID."),
				created("The voucher.", "Voucher")), "400", "404", "409"),
		},

		"/api/v1/applications": OAObj{
			"get": recOAObjectErrors(recOAOp("listApplications",
				"Applications the caller may see, newest first: a candidate's own, a centre's for its staff, an employer's referrals, any for administrators",
				[]any{
					oaQuery("state", "Only in this state.", OAObj{"type": "string", "enum": recognition.States()}),
					oaQuery("centre", "Only this centre's (staff: their own centre only).", OAObj{"type": "integer", "minimum": 1}),
					oaQuery("candidate", "Only this candidate's (a candidate: themselves only).", OAObj{"type": "integer", "minimum": 1}),
					oaQuery("assigned", "An assessor: only the applications whose current session names them.", OAObj{"type": "string", "enum": []string{"true", "false"}}),
					oaParam("limit"), oaParam("offset"),
				}, ok("A page of applications without their dossiers.", "ApplicationList")), "400"),
			"post": recOAWrite(recOAObjectErrors(recOAOp("apply", "Apply for recognition against an approved programme (candidate)", nil,
				created("The submitted application.", "Application")), "403", "404", "409"), "ApplyInput"),
		},
		"/api/v1/applications/{id}": OAObj{"get": recOAObjectErrors(recOAOp("getApplication",
			"An application with its dossier: history, sessions, results, evidence, decisions, appeals", app, ok("The application.", "Application")), "400", "403", "404")},
		"/api/v1/applications/{id}/history": OAObj{"get": recOAObjectErrors(recOAOp("applicationHistory",
			"The audit log about an application: who did what, when", app, ok("The entries, oldest first.", "HistoryList")), "400", "403", "404")},
		"/api/v1/applications/{id}/confirm-referral": OAObj{"post": appAct("confirmReferral", "Confirm a referral (the employer it names)", "", ok("The application.", "Application"))},
		"/api/v1/applications/{id}/accept":           OAObj{"post": appAct("acceptApplication", "Accept a submitted application (the centre's manager)", "", ok("The application.", "Application"))},
		"/api/v1/applications/{id}/reject":           OAObj{"post": appAct("rejectApplication", "Reject a submitted application, with a reason (the centre's manager)", "ReasonInput", ok("The application.", "Application"))},
		"/api/v1/applications/{id}/sessions": OAObj{"post": appAct("scheduleSession",
			"Plan (or re-plan) the assessment session, with assessors of the centre (the centre's manager)", "SessionInput", created("The session.", "Session"))},
		"/api/v1/applications/{id}/results": OAObj{"put": func() OAObj {
			op := appAct("recordResult", "Save the result of one component for one unit (an assessor of the session)", "ResultInput", ok("The result with its new version.", "Result"))
			op["responses"].(OAObj)["409"] = OAObj{"description": "A stale version (StaleResult: who saved the current one) or a state that takes no results.",
				"content": OAObj{"application/problem+json": OAObj{"schema": OAObj{"anyOf": []OAObj{oaRef("StaleResult"), oaRef("Problem")}}}}}
			op["description"] = "Results are kept per (component, unit): assessors saving different units never touch each other's. version is the version the assessor started from (0 for a new result); a mismatch is 409, never an overwrite."
			return op
		}()},
		"/api/v1/applications/{id}/evidence": OAObj{"post": func() OAObj {
			op := appAct("addEvidence", "Upload an evidence file (an assessor of the session; the candidate, for a portfolio)", "", created("The evidence's metadata.", "Evidence"), "422")
			r := op["responses"].(OAObj)
			r["413"] = oaResp("TooLarge")
			op["description"] = "A multipart/form-data body with the parts component, unit and file. The allowed media types and the size limit are recognition settings."
			op["requestBody"] = OAObj{"required": true, "content": OAObj{"multipart/form-data": OAObj{"schema": OAObj{
				"type": "object", "required": []string{"component", "unit", "file"}, "properties": OAObj{
					"component": oaEnum("The component.", recognition.ComponentTheory, recognition.ComponentPractice, recognition.ComponentPortfolio),
					"unit":      oaStr("The unit's path."),
					"file":      OAObj{"type": "string", "contentMediaType": "application/octet-stream"},
				}}}}}
			return op
		}()},
		"/api/v1/applications/{id}/evidence/{evidence}": OAObj{"get": recOAObjectErrors(recOAOp("evidenceFile", "An evidence file, as an attachment",
			[]any{recOAID("id", "The application's ID."), recOAID("evidence", "The evidence's ID.")},
			OAObj{"200": OAObj{"description": "The file as uploaded.", "content": OAObj{"application/octet-stream": OAObj{"schema": OAObj{"type": "string"}}}}}),
			"400", "403", "404")},
		"/api/v1/applications/{id}/assessed": OAObj{"post": appAct("endAssessment", "End the assessment once results are recorded (an assessor of the session)", "", ok("The application.", "Application"))},
		"/api/v1/applications/{id}/proposal": OAObj{"get": recOAObjectErrors(recOAOp("proposal",
			"What the programme's rules make of the results so far (the centre's staff, administrators)", app, ok("The proposal.", "Proposal")), "400", "403", "404")},
		"/api/v1/applications/{id}/decision": OAObj{"post": appAct("decide",
			"Decide: confirm the proposal (outcome left out) or override it with a written reason (an assessor of the session)", "DecisionInput", created("The decision.", "Decision"), "422")},
		"/api/v1/applications/{id}/appeal": OAObj{"post": appAct("appeal", "Appeal the decision within the appeal period (the candidate)", "ReasonInput", created("The appeal.", "Appeal"))},
		"/api/v1/applications/{id}/redecision": OAObj{"post": appAct("redecide",
			"Decide on the appeal (an assessor of the centre other than the one who decided)", "DecisionInput", created("The new decision.", "Decision"), "422")},
		"/api/v1/applications/{id}/close": OAObj{"post": appAct("closeApplication", "Close a decided application after the appeal period, or a re-decided one (the centre's manager, administrators)", "", ok("The application.", "Application"))},

		"/api/v1/recognition/settings": OAObj{
			"get": recOAOp("getRecognitionSettings", "The recognition settings: deadlines, pass mark, voucher rules, evidence limits (administrator, manager)", nil,
				ok("The settings.", "RecognitionSettings")),
			"put": recOAWrite(recOAOp("setRecognitionSettings", "Replace the recognition settings (administrator)", nil,
				ok("The settings as stored.", "RecognitionSettings")), "RecognitionSettings"),
		},
	}
}

func recognitionOASchemas() OAObj {
	text := oaRef("Text")
	ids := oaArray(OAObj{"type": "integer"})
	strs := oaArray(OAObj{"type": "string"})
	day := func(d string) OAObj { return OAObj{"type": "string", "format": "date", "description": d} }
	boolean := func(d string) OAObj { return OAObj{"type": "boolean", "description": d} }
	list := func(item string) OAObj { return oaObject("A list.", OAObj{"items": oaArray(oaRef(item))}, "items") }
	components := []string{recognition.ComponentTheory, recognition.ComponentPractice, recognition.ComponentPortfolio}
	outcomes := []string{recognition.OutcomeWhole, recognition.OutcomeUnits, recognition.OutcomeNone}
	return OAObj{
		"Contacts": oaObject("Contacts of the organisation or person.", OAObj{
			"address": oaStr("Postal address."), "phone": oaStr("Telephone."), "email": oaStr("E-mail."), "website": oaStr("Web site."),
		}),
		"ScopeEntry": oaObject("A card a centre may assess: by the card's number (Kazakh standards) or code (Russian OTF), and the levels (none: any).", OAObj{
			"standard_code": oaStr("The standard's code."),
			"card_number":   oaInt("The card's number, from 1."),
			"card_code":     oaStr("The card's code (Russian standards)."),
			"levels":        oaArray(OAObj{"type": "integer", "minimum": 1, "maximum": 8}),
		}, "standard_code"),
		"Accreditation": oaObject("An accreditation certificate; status is as of today (an active one past its last day is expired).", OAObj{
			"id": oaInt("The accreditation's ID."), "number": oaStr("The certificate's number."),
			"valid_from": day("The first day."), "valid_to": day("The last day, inclusive."),
			"status": oaEnum("Status today.", recognition.AccreditationActive, recognition.AccreditationSuspended, recognition.AccreditationRevoked, recognition.AccreditationExpired),
			"reason": oaStr("Of the last status change."), "scope": oaArray(oaRef("ScopeEntry")),
			"status_changed_at": oaTime("When the status was last set."),
		}, "id", "number", "valid_from", "valid_to", "status", "scope", "status_changed_at"),
		"Centre": oaObject("A recognition centre.", OAObj{
			"id": oaInt("The centre's ID."), "name": text, "bin": oaStr("Business identification number."), "region": oaStr("Region."),
			"contacts": oaRef("Contacts"), "head": oaRef("CentreHead"), "accredited": boolean("Whether an accreditation is in force today."),
			"accreditations": oaArray(oaRef("Accreditation")),
			"assessors":      OAObj{"type": "array", "items": OAObj{"type": "integer"}, "description": "User IDs of its assessors: for its staff and administrators only."},
			"created_at":     oaTime("When it was recorded."),
		}, "id", "name", "bin", "region", "contacts", "accredited", "accreditations", "created_at"),
		"CentreList": list("Centre"),
		"CentreHead": oaObject("The head of the centre who signs its certificates, as printed on them.", OAObj{
			"position": text, "name": oaStr("The head's full name."),
		}),
		"CentreInput": oaObject("", OAObj{
			"name": text, "bin": oaStr("12 digits with a valid check digit."), "region": oaStr("Region."), "contacts": oaRef("Contacts"),
			"head": oaRef("CentreHead"),
		}, "name", "bin"),
		"AccreditationInput": oaObject("", OAObj{
			"number": oaStr("The certificate's number, unique."), "valid_from": day("The first day."),
			"valid_to": day("The last day, inclusive, not before valid_from; left out: valid_from plus the settings' accreditation_years."),
			"scope":    oaArray(oaRef("ScopeEntry")),
		}, "number", "valid_from", "scope"),
		"StatusInput": oaObject("", OAObj{
			"status": oaEnum("The new status.", recognition.AccreditationActive, recognition.AccreditationSuspended, recognition.AccreditationRevoked, recognition.AccreditationExpired),
			"reason": oaStr("Why; required."),
		}, "status", "reason"),
		"AssessorInput": oaObject("", OAObj{"user_id": oaInt("An assessor account of the centre.")}, "user_id"),

		"Component": oaObject("A part of the assessment.", OAObj{
			"kind":      oaEnum("theory (knowledge), practice (abilities and skills) or portfolio (recognising prior learning; recognizable skills only).", components...),
			"threshold": OAObj{"type": "integer", "minimum": 0, "maximum": 100, "description": "Pass mark in percent; 0 takes the settings' pass_threshold."},
			"format":    oaEnum("Online or offline.", recognition.FormatOnline, recognition.FormatOffline),
			"equipment": oaStr("Equipment needed."), "minutes": oaInt("Duration."),
			"units": OAObj{"type": "array", "items": OAObj{"type": "string"}, "description": "Units it applies to; none: all units."},
		}, "kind", "threshold", "format", "minutes"),
		"Question": oaObject("A theory question.", OAObj{
			"id": oaInt("The question's ID."), "text": text, "choices": oaArray(text), "correct": ids,
			"knowledge": OAObj{"type": "array", "items": OAObj{"type": "string"}, "description": "Paths of the knowledge items it tests."},
		}, "id", "text", "knowledge"),
		"Task": oaObject("A practical task.", OAObj{
			"id": oaInt("The task's ID."), "text": text, "criteria": text,
			"abilities": OAObj{"type": "array", "items": OAObj{"type": "string"}, "description": "Paths of the abilities it tests."},
			"units":     OAObj{"type": "array", "items": OAObj{"type": "string"}, "description": "Units (skills) it assesses as a whole."},
		}, "id", "text"),
		"Programme": oaObject("A qualification programme. questions and tasks are present for its centre's staff and administrators only.", OAObj{
			"id": oaInt("The programme's ID."), "centre_id": oaInt("The centre."),
			"lineage": oaInt("The ID of version 1."), "version": oaInt("Version, from 1."), "previous_id": oaInt("The version it was copied from."),
			"standard_code": oaStr("The standard."), "standard_version": oaStr("The pinned version of the standard."),
			"card": oaInt("0-based index of the card."), "level": oaInt("Qualification level."), "title": text,
			"whole": boolean("Whether it assesses the whole card."), "units": strs, "components": oaArray(oaRef("Component")),
			"questions": oaArray(oaRef("Question")), "tasks": oaArray(oaRef("Task")),
			"question_count": oaInt("Questions in the bank."), "task_count": oaInt("Tasks in the bank."),
			"status":         oaEnum("Status.", recognition.ProgrammeDraft, recognition.ProgrammeSubmitted, recognition.ProgrammeApproved, recognition.ProgrammeRetired),
			"status_reason":  oaStr("Why it was returned or retired."),
			"author_user_id": oaInt("Who wrote it."), "approved_by_user_id": oaInt("Who approved it."), "approved_at": oaTime("When."),
			"created_at": oaTime("When it was made."), "updated_at": oaTime("When it last changed."),
		}, "id", "centre_id", "lineage", "version", "standard_code", "standard_version", "card", "level", "title", "whole", "units",
			"components", "question_count", "task_count", "status", "author_user_id", "created_at", "updated_at"),
		"ProgrammeList": list("Programme"),
		"ProgrammeInput": oaObject("", OAObj{
			"standard_code": oaStr("The standard's code."), "standard_version": oaStr("The version to pin."),
			"card":  OAObj{"type": "integer", "minimum": 0, "description": "0-based index of the card."},
			"level": OAObj{"type": "integer", "minimum": 0, "maximum": 8, "description": "0: the card's level."}, "title": text,
			"whole": boolean("Assess the whole card (units may then be left out)."), "units": strs,
			"components": oaArray(oaRef("Component")), "questions": oaArray(oaRef("QuestionInput")), "tasks": oaArray(oaRef("TaskInput")),
		}, "standard_code", "standard_version", "card", "components"),
		"ProgrammeUpdate": oaObject("", OAObj{
			"title": text, "level": OAObj{"type": "integer", "minimum": 1, "maximum": 8}, "whole": boolean("Assess the whole card."),
			"units": strs, "components": oaArray(oaRef("Component")),
		}, "level", "components"),
		"QuestionInput": oaObject("", OAObj{"text": text, "choices": oaArray(text), "correct": ids, "knowledge": strs}, "text", "knowledge"),
		"TaskInput":     oaObject("", OAObj{"text": text, "criteria": text, "abilities": strs, "units": strs}, "text"),
		"ReasonInput":   oaObject("", OAObj{"reason": oaStr("The reason, in words.")}, "reason"),
		"Coverage": oaObject("How a programme's bank covers its units.", OAObj{
			"units": oaArray(oaObject("One unit.", OAObj{
				"path": oaStr("The unit's path."), "title": text,
				"knowledge": oaInt("Knowledge items."), "knowledge_covered": oaInt("Tested by a question."),
				"abilities": oaInt("Abilities."), "abilities_covered": oaInt("Tested by a task."),
				"questions": oaInt("Questions linked."), "tasks": oaInt("Tasks linked."),
			}, "path", "title", "knowledge", "knowledge_covered", "abilities", "abilities_covered", "questions", "tasks")),
			"gaps": oaArray(oaObject("An item nothing tests.", OAObj{
				"kind": oaEnum("What is untested.", recognition.GapKnowledge, recognition.GapAbility, recognition.GapUnit),
				"path": oaStr("The item's path."), "unit": oaStr("Its unit."), "text": text,
			}, "kind", "path", "unit", "text")),
			"knowledge": oaInt("Knowledge items of all units."), "knowledge_covered": oaInt("Of them tested."),
			"abilities": oaInt("Abilities of all units."), "abilities_covered": oaInt("Of them tested."),
			"complete": boolean("Nothing is untested: the programme may be submitted."),
		}, "units", "gaps", "knowledge", "knowledge_covered", "abilities", "abilities_covered", "complete"),

		"Candidate": oaObject("A candidate record (personal data).", OAObj{
			"id": oaInt("The candidate's ID."), "name": oaStr("Full name."), "iin": oaStr("Individual identification number."),
			"birth_date": day("Date of birth."), "sex": oaEnum("From the IIN.", "male", "female"), "contacts": oaRef("Contacts"),
			"consent_at": oaTime("When consent to the processing of personal data was given."), "user_id": oaInt("The candidate's account."),
		}, "id", "name", "iin", "birth_date", "sex", "contacts", "consent_at"),
		"CandidateInput": oaObject("", OAObj{
			"name": oaStr("Full name as in the identity document."), "iin": OAObj{"type": "string", "pattern": "^[0-9]{12}$", "description": "12 digits: the date of birth, century and sex, a serial number and a check digit."},
			"birth_date": day("Must be the date the IIN encodes."), "contacts": oaRef("Contacts"),
			"consent": boolean("Consent to the processing of personal data; required."),
		}, "name", "iin", "birth_date", "consent"),
		"Voucher": oaObject("A state voucher.", OAObj{
			"id": oaInt("The voucher's ID."), "candidate_id": oaInt("Its candidate."), "issued_at": oaTime("Issued."),
			"expires_at": oaTime("The first instant it is no longer valid."), "year": oaInt("Year of issue."),
			"issued_by_user_id": oaInt("Who issued it."), "application_id": oaInt("The application using it."),
		}, "id", "candidate_id", "issued_at", "expires_at", "year", "issued_by_user_id"),
		"VoucherList": list("Voucher"),

		"Deadline": oaObject("What an application waits for, and by when.", OAObj{
			"action":   oaEnum("What is awaited.", "confirm-referral", "accept", "schedule", "decide", "appeal", "redecide"),
			"due":      oaTime("The first instant it is late."),
			"enforced": boolean("A late action is refused (the appeal); otherwise it is only overdue."),
		}, "action", "due", "enforced"),
		"StateChange": oaObject("A state change.", OAObj{
			"from": oaStr("The state before; empty for the submission."), "to": oaEnum("The state after.", recognition.States()...),
			"reason": oaStr("Its reason."), "actor_user_id": oaInt("Who."), "at": oaTime("When."),
		}, "from", "to", "actor_user_id", "at"),
		"Session": oaObject("An assessment session.", OAObj{
			"id": oaInt("The session's ID."), "application_id": oaInt("Its application."), "at": oaTime("When."),
			"online": boolean("Online."), "place": oaStr("Where (offline)."), "assessors": ids,
			"created_by_user_id": oaInt("Who planned it."), "created_at": oaTime("When it was planned."),
		}, "id", "application_id", "at", "online", "assessors", "created_by_user_id", "created_at"),
		"SessionInput": oaObject("", OAObj{
			"at": oaTime("When."), "online": boolean("Online (else place is required)."), "place": oaStr("Where."),
			"assessors": OAObj{"type": "array", "items": OAObj{"type": "integer"}, "description": "User IDs of assessors of the centre."},
		}, "at", "assessors"),
		"Result": oaObject("The result of one component for one unit.", OAObj{
			"component": oaEnum("The component.", components...), "unit": oaStr("The unit's path."),
			"score":  OAObj{"type": "number", "minimum": 0, "maximum": 100, "description": "Percent."},
			"passed": boolean("Whether it reaches the component's pass mark."), "notes": oaStr("Evidence notes."),
			"assessor_user_id": oaInt("Who saved it."), "version": oaInt("Saves of the row so far."), "recorded_at": oaTime("When."),
		}, "component", "unit", "score", "passed", "assessor_user_id", "version", "recorded_at"),
		"ResultInput": oaObject("", OAObj{
			"component": oaEnum("The component.", components...), "unit": oaStr("The unit's path."),
			"score": OAObj{"type": "number", "minimum": 0, "maximum": 100}, "notes": oaStr("Evidence notes."),
			"version": OAObj{"type": "integer", "minimum": 0, "description": "The version read: 0 for a new result."},
		}, "component", "unit", "score", "version"),
		"StaleResult": oaObject("A result saved meanwhile by someone else.", OAObj{
			"type": oaStr("about:blank."), "title": oaStr("Short summary, translated."), "status": oaInt("409."),
			"detail": oaStr("Who saved it, when, and what to do."), "instance": oaStr("The path of the request."),
			"current_version": oaInt("The version stored now."), "saved_by_user_id": oaInt("Who saved it."),
			"saved_by": oaStr("Their name and login."), "saved_at": oaTime("When."),
		}, "type", "title", "status", "current_version", "saved_by_user_id", "saved_by", "saved_at"),
		"Evidence": oaObject("An evidence file's metadata.", OAObj{
			"id": oaInt("The evidence's ID."), "application_id": oaInt("Its application."),
			"component": oaEnum("The component.", components...), "unit": oaStr("The unit's path."),
			"name": oaStr("The file name."), "content_type": oaStr("Its media type."), "size": oaInt("Bytes."),
			"sha256": oaStr("Hex SHA-256 of the file."), "uploaded_by_user_id": oaInt("Who."), "uploaded_at": oaTime("When."),
		}, "id", "application_id", "component", "unit", "name", "content_type", "size", "sha256", "uploaded_by_user_id", "uploaded_at"),
		"UnitOutcome": oaObject("A unit's part of a proposal.", OAObj{
			"unit": oaStr("The unit's path."), "passed": boolean("Passed."),
			"route":  oaEnum("How it passed.", recognition.PassedByExam, recognition.PassedByPortfolio),
			"failed": strs, "missing": strs,
		}, "unit", "passed"),
		"Proposal": oaObject("What the programme's rules make of the results.", OAObj{
			"outcome": oaEnum("whole: the qualification; units: the units listed; none.", outcomes...),
			"units":   strs, "detail": oaArray(oaRef("UnitOutcome")),
		}, "outcome", "units", "detail"),
		"Decision": oaObject("A decision; never changed (a re-decision is a new one).", OAObj{
			"id": oaInt("The decision's ID."), "application_id": oaInt("Its application."),
			"outcome": oaEnum("The outcome.", outcomes...), "units": strs, "proposed": oaRef("Proposal"),
			"overridden": boolean("It departs from the proposal."), "reason": oaStr("Why (required when overridden)."),
			"assessor_user_id": oaInt("Who decided."), "appeal_id": oaInt("The appeal it answers."), "decided_at": oaTime("When."),
		}, "id", "application_id", "outcome", "units", "proposed", "overridden", "assessor_user_id", "decided_at"),
		"DecisionInput": oaObject("", OAObj{
			"outcome": OAObj{"type": "string", "enum": append([]string{""}, outcomes...), "description": "Left out: confirm the proposal."},
			"units":   strs, "reason": oaStr("Required when the decision differs from the proposal."),
		}),
		"Appeal": oaObject("An appeal against a decision.", OAObj{
			"id": oaInt("The appeal's ID."), "application_id": oaInt("Its application."), "decision_id": oaInt("The decision appealed."),
			"reason": oaStr("The grounds."), "filed_by_user_id": oaInt("Who."), "filed_at": oaTime("When."),
		}, "id", "application_id", "decision_id", "reason", "filed_by_user_id", "filed_at"),
		"Application": oaObject("An application for recognition; the dossier (history … appeals) only when one application is read.", OAObj{
			"id": oaInt("The application's ID."), "candidate_id": oaInt("The candidate."), "programme_id": oaInt("The programme."),
			"centre_id": oaInt("The centre."), "standard_code": oaStr("The standard."), "standard_version": oaStr("Its version."),
			"card": oaInt("0-based index of the card."), "level": oaInt("Qualification level."),
			"route":            oaEnum("How the candidate applied.", recognition.RouteSelf, recognition.RouteReferral, recognition.RouteVoucher),
			"employer_user_id": oaInt("The referring employer's account."), "employer_name": oaStr("The employer as named."),
			"employer_bin": oaStr("The employer's BIN."), "referral_confirmed_at": oaTime("When the employer confirmed."),
			"voucher_id": oaInt("The voucher used."),
			"state":      oaEnum("The state.", recognition.States()...), "state_reason": oaStr("The reason of the last change."),
			"state_since": oaTime("Since when."), "submitted_at": oaTime("Submitted."), "created_by_user_id": oaInt("Who submitted."),
			"history": oaArray(oaRef("StateChange")), "sessions": oaArray(oaRef("Session")), "results": oaArray(oaRef("Result")),
			"evidence": oaArray(oaRef("Evidence")), "decisions": oaArray(oaRef("Decision")), "appeals": oaArray(oaRef("Appeal")),
			"deadline": oaRef("Deadline"),
		}, "id", "candidate_id", "programme_id", "centre_id", "standard_code", "standard_version", "card", "level", "route",
			"state", "state_since", "submitted_at", "created_by_user_id"),
		"ApplicationList": oaPage("Application"),
		"ApplyInput": oaObject("", OAObj{
			"programme_id":   oaInt("An approved programme."),
			"route":          oaEnum("self; referral (employer_login required, the employer confirms); voucher (voucher_id required).", recognition.RouteSelf, recognition.RouteReferral, recognition.RouteVoucher),
			"employer_login": oaStr("The login of the referring employer's account."), "employer_name": oaStr("The employer's name (default: the account's organisation)."),
			"employer_bin": oaStr("The employer's BIN."), "voucher_id": oaInt("One of the candidate's vouchers."),
			"plan_action_id": oaInt("A recognition action of the candidate's own development plan, for this programme: the application is linked to it."),
		}, "programme_id", "route"),
		"HistoryEntry": oaObject("An audit log entry about an application.", OAObj{
			"seq": oaInt("Its place in the whole log."), "at": oaTime("When."), "actor_user_id": oaInt("Who (0: the system)."),
			"actor": oaStr("Their name and login."), "action": oaStr("What, e.g. recognition.application.accepted."),
			"data": OAObj{"type": "object", "description": "The details of the change."},
		}, "seq", "at", "actor_user_id", "actor", "action"),
		"HistoryList": list("HistoryEntry"),
		"RecognitionSettings": oaObject("The rules the law leaves to regulations. Deadlines are calendar days.", OAObj{
			"accreditation_years": oaInt("Default validity of an accreditation."), "voucher_valid_days": oaInt("Validity of a voucher."),
			"vouchers_per_year": oaInt("Vouchers a candidate may receive in a calendar year."),
			"accept_days":       oaInt("Days to accept or reject."), "referral_confirm_days": oaInt("Days for the employer to confirm."),
			"schedule_days": oaInt("Days to schedule."), "decision_days": oaInt("Days to decide after the assessment."),
			"appeal_days": oaInt("Days to appeal (enforced)."), "redecide_days": oaInt("Days to re-decide an appeal."),
			"pass_threshold": OAObj{"type": "integer", "minimum": 1, "maximum": 100, "description": "Default pass mark, percent."},
			"evidence_types": strs, "evidence_max_bytes": oaInt("Size limit of an evidence file."),
			"utc_offset_minutes": oaInt("The zone days are reckoned in."),
		}, "accreditation_years", "voucher_valid_days", "vouchers_per_year", "accept_days", "referral_confirm_days", "schedule_days",
			"decision_days", "appeal_days", "redecide_days", "pass_threshold", "evidence_types", "evidence_max_bytes", "utc_offset_minutes"),
	}
}
