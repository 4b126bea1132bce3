package api

import (
	"strings"

	"github.com/kasip/kasip/jobdesc"
	"github.com/kasip/kasip/workforce"
)

// The OpenAPI document of the organisation routes (workforceAPIRoutes).
// Output schemas are open objects naming their main members (docs/api.md
// and docs/workforce.md describe them fully); inputs are closed.

// documentWorkforce adds the organisation routes to the document.
func documentWorkforce(doc OAObj) {
	paths := doc["paths"].(OAObj)
	for p, item := range workforceOAPaths() {
		paths[p] = item
	}
	schemas := doc["components"].(OAObj)["schemas"].(OAObj)
	for name, s := range workforceOASchemas() {
		schemas[name] = s
	}
	doc["tags"] = append(doc["tags"].([]OAObj), OAObj{"name": "organisations",
		"description": "Standards at work: employers and education providers, their members, positions bound to cards with job descriptions, staff competence assessment, gap analysis and heat maps, development plans, and the alignment of education programmes (docs/workforce.md). A caller sees an organisation only as its member or employee (else 404)."})
}

// wfOp is an operation of the organisations tag, with the answers every
// one can give.
func wfOp(id, summary string, params []any, responses OAObj) OAObj {
	responses["501"] = oaResp("RecUnavailable")
	return recOAObjectErrors(oaOperation(id, "organisations", summary, params, responses), "404")
}

// wfWrite is a write operation with body schema body.
func wfWrite(op OAObj, body string, codes ...string) OAObj {
	return recOAObjectErrors(recOAWrite(op, body), append([]string{"403"}, codes...)...)
}

func workforceOAPaths() OAObj {
	org := recOAID("org", "The organisation's ID.")
	id := func(name, what string) []any { return []any{org, recOAID(name, what)} }
	orgP := []any{org}
	pos := id("position", "The position's ID.")
	emp := id("employee", "The employee's ID.")
	prog := id("programme", "The education programme's ID.")
	langQ := func(values ...string) OAObj {
		return oaQuery("lang", "The language of the text (default: the request's).", OAObj{"type": "string", "enum": values})
	}
	unitQ := oaQuery("unit", "Only the staff of this unit (HR; a head always sees their own unit).", OAObj{"type": "string"})
	file := func(description string, types ...string) OAObj {
		content := OAObj{}
		for _, t := range types {
			content[t] = OAObj{"schema": OAObj{"type": "string", "format": "binary"}}
		}
		return OAObj{"description": description, "content": content}
	}
	withJSON := func(f OAObj, schema string) OAObj {
		f["content"].(OAObj)["application/json"] = OAObj{"schema": oaRef(schema)}
		return f
	}
	section := append(append([]any{}, pos...), oaPath("lang", "kk or ru."), oaPath("section", "The section's key: "+strings.Join(jobdesc.SectionKeys, ", ")+"."))
	return OAObj{
		"/api/v1/orgs": OAObj{
			"get":  wfOp("listOrgs", "The organisations the caller is a member or an employee of (all for an administrator)", nil, OAObj{"200": oaOK("The organisations, by name.", wfList("Organisation"))}),
			"post": wfWrite(wfOp("createOrg", "Create an organisation: an employer or an education provider, with its BIN (administrator)", nil, OAObj{"201": oaOK("The organisation.", oaRef("Organisation"))}), "OrgInput", "409"),
		},
		"/api/v1/orgs/{org}": OAObj{
			"get": wfOp("getOrg", "An organisation and the caller's role in it", orgP, OAObj{"200": oaOK("The organisation.", oaRef("Organisation"))}),
			"put": wfWrite(wfOp("updateOrg", "Change the name and units (HR)", orgP, OAObj{"200": oaOK("The organisation.", oaRef("Organisation"))}), "OrgInput"),
		},
		"/api/v1/orgs/{org}/members": OAObj{"get": recOAObjectErrors(wfOp("listMembers", "The members and their roles (members)", orgP, OAObj{"200": oaOK("The members.", wfList("Member"))}), "403")},
		"/api/v1/orgs/{org}/members/{user}": OAObj{
			"put":    wfWrite(wfOp("setMember", "Make an account a member, or change its role: hr, head (of a unit), methodologist (HR)", id("user", "The account's ID."), OAObj{"200": oaOK("The membership.", oaRef("Member"))}), "MemberInput"),
			"delete": recOAObjectErrors(wfOp("removeMember", "Remove a member (HR)", id("user", "The account's ID."), OAObj{"204": oaNoContent("Removed.")}), "403"),
		},
		"/api/v1/orgs/{org}/positions": OAObj{
			"get":  wfOp("listPositions", "The organisation's positions", orgP, OAObj{"200": oaOK("The positions.", wfList("Position"))}),
			"post": wfWrite(wfOp("createPosition", "Create a position bound to a card of a standard, pinned to its version (latest if none given), with the level required of each unit (HR)", orgP, OAObj{"201": oaOK("The position.", oaRef("Position"))}), "PositionInput"),
		},
		"/api/v1/orgs/{org}/positions/{position}": OAObj{
			"get": wfOp("getPosition", "A position and what a newer version of its standard changes in its card", pos, OAObj{"200": oaOK("The position.", oaRef("PositionView"))}),
			"put": wfWrite(wfOp("updatePosition", "Change a position (HR); revision must be the stored one", pos, OAObj{"200": oaOK("The position.", oaRef("Position"))}), "PositionInput", "409"),
		},
		"/api/v1/orgs/{org}/positions/{position}/job-description": OAObj{"get": wfOp("getPositionDescription",
			"The position's job description: generated from its card with the organisation's edited sections in place, as JSON (with each section's state), DOCX or PDF",
			append(append([]any{}, pos...), langQ("kk", "ru"), oaQuery("format", "json (default), docx or pdf.", OAObj{"type": "string", "enum": jobDescriptionFormats})),
			OAObj{"200": withJSON(file("The description.", jobdesc.DocxContentType, jobdesc.PDFContentType), "PositionView"), "400": oaResp("BadRequest")})},
		"/api/v1/orgs/{org}/positions/{position}/job-description/{lang}/{section}": OAObj{
			"put": wfWrite(wfOp("editPositionSection", "Replace a section of the job description with the organisation's wording (HR); it survives regeneration and new versions", section,
				OAObj{"200": oaOK("The position with its description.", oaRef("PositionView"))}), "SectionInput", "409"),
			"delete": recOAObjectErrors(wfOp("revertPositionSection", "Return a section to the standard's wording (HR)", section,
				OAObj{"200": oaOK("The position with its description.", oaRef("PositionView")), "400": oaResp("BadRequest")}), "403", "409"),
		},
		"/api/v1/orgs/{org}/positions/{position}/upgrade": OAObj{"post": recOAObjectErrors(wfOp("upgradePosition",
			"Move the position to the latest version of its standard, keeping the edited sections (HR)", pos, OAObj{"200": oaOK("The position.", oaRef("PositionView"))}), "403", "409")},
		"/api/v1/orgs/{org}/employees": OAObj{
			"get":  wfOp("listEmployees", "The employees the caller sees: all (HR), their unit's (a head), themselves (an employee)", append(append([]any{}, orgP...), unitQ), OAObj{"200": oaOK("The employees, by name.", wfList("Employee")), "400": oaResp("BadRequest")}),
			"post": wfWrite(wfOp("createEmployee", "Add an employee, optionally linked to their account and candidate record (HR)", orgP, OAObj{"201": oaOK("The employee.", oaRef("Employee"))}), "EmployeeInput"),
		},
		"/api/v1/orgs/{org}/employees/{employee}": OAObj{
			"get": wfOp("getEmployee", "An employee's assessment against the position's card (required and assessed levels, gaps, units confirmed by certificates) and plan", emp, OAObj{"200": oaOK("The employee.", oaRef("PersonView"))}),
			"put": wfWrite(wfOp("updateEmployee", "Change an employee (HR)", emp, OAObj{"200": oaOK("The employee.", oaRef("Employee"))}), "EmployeeInput"),
		},
		"/api/v1/orgs/{org}/employees/{employee}/ratings": OAObj{"post": wfWrite(wfOp("rateEmployee",
			"Record levels on the 0–4 scale: the employee their own (self), the manager theirs (manager), either the evidence", emp,
			OAObj{"200": oaOK("The employee's assessment as it is now.", oaRef("PersonView"))}), "RatingsInput")},
		"/api/v1/orgs/{org}/gaps": OAObj{"get": recOAObjectErrors(wfOp("getGaps", "The gap analysis of the organisation or a unit: per position the people × items, the top gaps; as JSON, CSV or XLSX",
			append(append([]any{}, orgP...), unitQ, langQ("kk", "ru", "en"), oaQuery("format", "json (default), csv or xlsx.", OAObj{"type": "string", "enum": []string{"json", "csv", "xlsx"}})),
			OAObj{"200": withJSON(file("The analysis.", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "GapAnalysis"), "400": oaResp("BadRequest")}), "403")},
		"/api/v1/orgs/{org}/gaps/heatmap.svg": OAObj{"get": recOAObjectErrors(wfOp("getHeatMap", "The heat map (people × items) of a position's staff as SVG",
			append(append([]any{}, orgP...), unitQ, langQ("kk", "ru", "en"), oaQuery("position", "The position (default: the first with staff).", OAObj{"type": "integer", "minimum": 1}),
				oaQuery("rows", "People drawn at most.", OAObj{"type": "integer", "minimum": 1, "maximum": 5000, "default": 200})),
			OAObj{"200": file("The heat map.", "image/svg+xml"), "400": oaResp("BadRequest")}), "403")},
		"/api/v1/orgs/{org}/actions": OAObj{
			"get": wfOp("listActions", "The development plans the caller sees, overdue actions first, each saying whether the assessment or a certificate has closed its gap",
				append(append([]any{}, orgP...), oaQuery("employee", "Only this employee's.", OAObj{"type": "integer", "minimum": 1})), OAObj{"200": oaOK("The actions.", wfList("PlanRow")), "400": oaResp("BadRequest")}),
			"post": wfWrite(wfOp("addAction", "Add an action to an employee's plan: training, mentoring, self-study or an application for recognition (the employee's manager)", orgP, OAObj{"201": oaOK("The action.", oaRef("Action"))}), "ActionInput"),
		},
		"/api/v1/orgs/{org}/actions/{action}": OAObj{"put": wfWrite(wfOp("updateAction", "Change an action (the manager), or report its status and progress (the employee); revision must be the stored one",
			id("action", "The action's ID."), OAObj{"200": oaOK("The action.", oaRef("Action"))}), "ActionInput", "409")},
		"/api/v1/orgs/{org}/programmes": OAObj{
			"get":  recOAObjectErrors(wfOp("listEduProgrammes", "The education programmes of a provider (members)", orgP, OAObj{"200": oaOK("The programmes.", wfList("EduProgramme"))}), "403"),
			"post": wfWrite(wfOp("createEduProgramme", "Create an education programme mapped to cards of standards (HR, methodologist of an education provider)", orgP, OAObj{"201": oaOK("The programme.", oaRef("EduProgramme"))}), "EduProgrammeInput"),
		},
		"/api/v1/orgs/{org}/programmes/{programme}": OAObj{
			"get": wfOp("getEduProgramme", "An education programme", prog, OAObj{"200": oaOK("The programme.", oaRef("EduProgramme"))}),
			"put": wfWrite(wfOp("updateEduProgramme", "Change an education programme (HR, methodologist)", prog, OAObj{"200": oaOK("The programme.", oaRef("EduProgramme"))}), "EduProgrammeInput", "409"),
		},
		"/api/v1/orgs/{org}/programmes/{programme}/coverage": OAObj{"get": wfOp("getEduCoverage",
			"The coverage matrix: labour functions, units, abilities and knowledge × modules, what no module teaches, and the outcomes a newer version of a standard touches; as JSON, XLSX or PDF",
			append(append([]any{}, prog...), langQ("kk", "ru", "en"), oaQuery("format", "json (default), xlsx or pdf.", OAObj{"type": "string", "enum": []string{"json", "xlsx", "pdf"}})),
			OAObj{"200": withJSON(file("The matrix.", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf"), "CoverageMatrix"), "400": oaResp("BadRequest")})},
	}
}

// wfList is a list of schema.
func wfList(schema string) OAObj {
	return oaObject("A list.", OAObj{"items": oaArray(oaRef(schema))}, "items")
}

// wfOpen is an open object schema naming its main members.
func wfOpen(description string, props OAObj) OAObj {
	return OAObj{"type": "object", "description": description, "properties": props}
}

func workforceOASchemas() OAObj {
	level := OAObj{"type": "integer", "minimum": -1, "maximum": workforce.MaxLevel, "description": "0 not demonstrated, 1 knows what it involves, 2 does it with help, 3 does it independently, 4 expert; -1 not given."}
	ids := func(props OAObj) OAObj { props["id"] = oaInt("Its ID."); return props }
	return OAObj{
		"OrgInput": oaObject("An organisation.", OAObj{
			"kind": oaEnum("employer or education.", workforce.Kinds()...), "name": oaStr("Its name."),
			"bin": oaStr("Its BIN: 12 digits with the check digit."), "units": oaArray(oaStr("A unit (department)."))}),
		"Organisation": wfOpen("An organisation.", ids(OAObj{"kind": oaEnum("", workforce.Kinds()...), "name": oaStr(""), "bin": oaStr(""),
			"units": oaArray(OAObj{"type": "string"}), "demo": OAObj{"type": "boolean"}, "my_role": oaStr("The caller's role in it.")})),
		"MemberInput": oaObject("A membership.", OAObj{"role": oaEnum("", workforce.MemberRoles()...), "unit": oaStr("A head's unit.")}, "role"),
		"Member": wfOpen("A member.", OAObj{"org_id": oaInt(""), "user_id": oaInt(""), "login": oaStr(""), "name": oaStr(""),
			"role": oaEnum("", workforce.MemberRoles()...), "unit": oaStr("")}),
		"PositionInput": oaObject("A position.", OAObj{"title": oaStr(""), "unit": oaStr(""), "standard_code": oaStr(""),
			"standard_version": oaStr("Empty: the latest."), "card": oaInt("0-based index of the card."), "required": level,
			"required_for": OAObj{"type": "object", "additionalProperties": level, "description": "The level required of single items, by model path."},
			"detailed":     OAObj{"type": "boolean", "description": "Abilities and knowledge are assessed too."}, "revision": oaInt("For an update: the stored revision.")}, "title", "standard_code", "card"),
		"Position": wfOpen("A position bound to a card.", ids(OAObj{"title": oaStr(""), "standard_code": oaStr(""), "standard_version": oaStr(""),
			"card": oaInt(""), "level": oaInt("The card's qualification level."), "required": level, "revision": oaInt(""),
			"edits": OAObj{"type": "object", "description": "The edited sections, by lang/section."}})),
		"PositionView": wfOpen("A position, its job description (when asked for) and what a newer version changes.", OAObj{
			"position": oaRef("Position"), "job_description": oaRef("JobDescription"),
			"sections": oaArray(wfOpen("How a section came about.", OAObj{"key": oaStr(""), "edited": OAObj{"type": "boolean"},
				"outdated": OAObj{"type": "boolean", "description": "Edited, and the standard's wording has changed since."}})),
			"latest_version": oaStr("The latest version of the standard, when the position is on an older one."),
			"changes":        oaArray(OAObj{"type": "object"})}),
		"SectionInput": oaObject("A section's clauses as the organisation words them.", OAObj{"lines": oaArray(OAObj{"type": "string"})}, "lines"),
		"EmployeeInput": oaObject("An employee.", OAObj{"name": oaStr(""), "unit": oaStr(""), "position_id": oaInt(""),
			"user_id": oaInt("Their account, to assess themselves and see their plan."), "candidate_id": oaInt("Their candidate record, so that their certificates count.")}, "name"),
		"Employee": wfOpen("An employee.", ids(OAObj{"name": oaStr(""), "unit": oaStr(""), "position_id": oaInt(""), "user_id": oaInt(""), "candidate_id": oaInt("")})),
		"RatingsInput": oaObject("Ratings to record.", OAObj{"ratings": oaArray(oaObject("A rating.", OAObj{
			"path": oaStr("The item's model path."), "self": level, "manager": level, "evidence": oaStr("What shows it.")}, "path"))}, "ratings"),
		"PersonView": wfOpen("An employee's assessment and plan.", OAObj{"employee": oaRef("Employee"), "position": oaRef("Position"),
			"items": oaArray(OAObj{"type": "object"}), "ratings": OAObj{"type": "object"}, "analysis": OAObj{"type": "object"},
			"plan": oaArray(oaRef("Action")), "can_manage": OAObj{"type": "boolean"}, "is_self": OAObj{"type": "boolean"}}),
		"GapAnalysis": wfOpen("A gap analysis.", OAObj{"blocks": oaArray(OAObj{"type": "object"}), "top_gaps": oaArray(OAObj{"type": "object"}),
			"people": oaInt(""), "people_with_gaps": oaInt("")}),
		"ActionInput": oaObject("An action of a development plan.", OAObj{"employee_id": oaInt(""), "kind": oaEnum("", workforce.ActionKinds()...),
			"title": oaStr(""), "items": oaArray(oaStr("A model path of the position's card.")), "owner_user_id": oaInt(""),
			"due": OAObj{"type": "string", "format": "date"}, "status": oaEnum("", workforce.ActionStatuses()...),
			"progress": OAObj{"type": "integer", "minimum": 0, "maximum": 100}, "programme_id": oaInt("A recognition action's programme."),
			"note": oaStr(""), "revision": oaInt("")}),
		"Action": wfOpen("An action of a development plan.", ids(OAObj{"employee_id": oaInt(""), "kind": oaEnum("", workforce.ActionKinds()...),
			"title": oaStr(""), "status": oaEnum("", workforce.ActionStatuses()...), "due": OAObj{"type": "string"},
			"application_id": oaInt("The recognition application filed from it."), "gap_closed": OAObj{"type": "boolean"}, "overdue": OAObj{"type": "boolean"}})),
		"PlanRow": wfOpen("An action in the overview.", OAObj{"employee_name": oaStr(""), "unit": oaStr("")}),
		"EduProgrammeInput": oaObject("An education programme.", OAObj{"speciality": oaStr("6B01101, 0101000 …"), "title": oaStr(""),
			"qualification": oaStr(""), "cards": oaArray(OAObj{"type": "object"}), "modules": oaArray(OAObj{"type": "object"}), "revision": oaInt("")}, "speciality", "title"),
		"EduProgramme": wfOpen("An education programme.", ids(OAObj{"speciality": oaStr(""), "title": oaStr(""), "qualification": oaStr(""),
			"cards": oaArray(OAObj{"type": "object"}), "modules": oaArray(OAObj{"type": "object"})})),
		"CoverageMatrix": wfOpen("The coverage matrix of a programme.", OAObj{"rows": oaArray(OAObj{"type": "object"}),
			"uncovered": oaArray(OAObj{"type": "object"}), "flagged": oaArray(OAObj{"type": "object"}), "totals": OAObj{"type": "object"}}),
	}
}
