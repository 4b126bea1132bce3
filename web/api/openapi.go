package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/session"
)

// The OpenAPI 3.1 document of the API, written by hand as a Go value. Tests
// keep it honest: TestOpenAPIMatchesRoutes compares its paths and methods with
// apiRouteTable, compares the whole document with
// testdata/openapi.golden.json (go test ./web -update-openapi rewrites it),
// and validates the API's real responses against the schemas it declares.

// StandardSchemaID is the $id of docs/standard.schema.json, the published
// JSON Schema of a standard.
const StandardSchemaID = "https://kasip.kz/schema/standard/v1.json"

type OAObj = map[string]any

// The document as served, encoded once. A sync.Once and plain variables
// rather than sync.OnceValues: the document is built from apiRouteTable,
// whose handlers include the one serving the document, and a variable
// initialised with a function referring to itself would be an
// initialisation cycle.
var (
	openAPIOnce  sync.Once
	openAPIBytes []byte
	openAPIErr   error
)

// openAPIJSON returns the encoded document.
func OpenAPIJSON() ([]byte, error) {
	openAPIOnce.Do(func() {
		if _, openAPIErr = standardSchemaComponents(); openAPIErr != nil {
			return
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		openAPIErr = enc.Encode(OpenAPIDocument())
		openAPIBytes = buf.Bytes()
	})
	return openAPIBytes, openAPIErr
}

// openAPIParts add the documentation of the routes beyond the core
// table, one per part of apiRouteTable: each gets the whole document
// before it is encoded and adds its paths, schemas, parameters,
// responses and tags. Security and the 401 and 403 answers of protected
// operations are added afterwards from the routes' access rules, for
// every operation alike.
var openAPIParts = []func(doc OAObj){documentJobDescriptions, documentCertificates, documentPublic, documentRecognition, documentWorkforce}

// GET /api/openapi.json
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	b, err := OpenAPIJSON()
	if err != nil {
		httpx.InternalError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(b)
}

func oaRef(name string) OAObj { return OAObj{"$ref": "#/components/schemas/" + name} }

func oaParam(name string) OAObj { return OAObj{"$ref": "#/components/parameters/" + name} }

func oaResp(name string) OAObj { return OAObj{"$ref": "#/components/responses/" + name} }

func oaJSONContent(schema OAObj) OAObj {
	return OAObj{"application/json": OAObj{"schema": schema}}
}

func oaOK(description string, schema OAObj) OAObj {
	return OAObj{"description": description, "content": oaJSONContent(schema)}
}

func oaArray(items OAObj) OAObj { return OAObj{"type": "array", "items": items} }

func oaStr(description string) OAObj { return OAObj{"type": "string", "description": description} }

func oaInt(description string) OAObj { return OAObj{"type": "integer", "description": description} }

func oaEnum(description string, values ...string) OAObj {
	return OAObj{"type": "string", "description": description, "enum": values}
}

// object is a closed object schema: every property listed, the listed
// required ones always present.
func oaObject(description string, props OAObj, required ...string) OAObj {
	o := OAObj{"type": "object", "properties": props, "additionalProperties": false}
	if description != "" {
		o["description"] = description
	}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

func oaQuery(name, description string, schema OAObj) OAObj {
	return OAObj{"name": name, "in": "query", "description": description, "schema": schema}
}

func oaPath(name, description string) OAObj {
	return OAObj{"name": name, "in": "path", "required": true, "description": description, "schema": OAObj{"type": "string"}}
}

// operation builds an operation; responses are merged with the errors
// every operation can answer.
func oaOperation(id, tag, summary string, params []any, responses OAObj) OAObj {
	op := OAObj{"operationId": id, "tags": []string{tag}, "summary": summary, "responses": responses}
	if len(params) > 0 {
		op["parameters"] = params
	}
	responses["500"] = oaResp("InternalError")
	return op
}

// oaSecure declares who may call each protected operation, from the
// access rules of apiRouteTable: the security schemes, the roles (the
// x-kasip-roles extension), and the 401 and 403 answers.
func oaSecure(doc OAObj) {
	paths := doc["paths"].(OAObj)
	for _, rt := range APIRouteTable() {
		item, _ := paths[rt.Path].(OAObj)
		op, _ := item[strings.ToLower(rt.Method)].(OAObj)
		if op == nil || rt.Access.IsPublic() {
			continue // the OpenAPI test reports a missing operation
		}
		op["security"] = []OAObj{{"bearer": []string{}}, {"session": []string{}}}
		var names []string
		for _, r := range auth.Roles() {
			if rt.Access.Allows(auth.Principal{UserID: 1, Role: r}) {
				names = append(names, string(r))
			}
		}
		op["x-kasip-roles"] = names
		responses := op["responses"].(OAObj)
		responses["401"] = oaResp("Unauthorized")
		responses["403"] = oaResp("Forbidden")
	}
}

// oaBody is a required JSON request body.
func oaBody(op OAObj, schema string) OAObj {
	op["requestBody"] = OAObj{"required": true, "content": oaJSONContent(oaRef(schema))}
	return op
}

// oaNoContent is a 204 answer.
func oaNoContent(description string) OAObj { return OAObj{"description": description} }

// oaTime is a date-time string.
func oaTime(description string) OAObj {
	return OAObj{"type": "string", "format": "date-time", "description": description}
}

// oaAccountPaths are the operations of accounts (the account routes of APIRouteTable).
func oaAccountPaths() OAObj {
	idPath := func(what string) []any {
		return []any{OAObj{"name": "id", "in": "path", "required": true, "description": what, "schema": OAObj{"type": "integer", "minimum": 1}}}
	}
	bodyErrors := func(r OAObj) OAObj {
		r["400"], r["413"], r["415"] = oaResp("BadRequest"), oaResp("TooLarge"), oaResp("UnsupportedMediaType")
		return r
	}
	signIn := oaOperation("signIn", "accounts", "Sign in with a login and password",
		nil, bodyErrors(OAObj{
			"200": OAObj{
				"description": "Signed in. The session cookie " + session.SessionCookieName + " (HttpOnly, SameSite=Lax) is set; send it with later requests.",
				"headers":     OAObj{"Set-Cookie": OAObj{"description": "The session cookie.", "schema": OAObj{"type": "string"}}},
				"content":     oaJSONContent(oaRef("Account")),
			},
			"401": oaResp("WrongCredentials"), "403": oaResp("AccountDisabled"),
			"429": oaResp("TooManyRequests"), "501": oaResp("AccountsDisabled"),
		}))
	signIn["description"] = "The same answer for an unknown login and a wrong password. Attempts are limited per client address and per login; over the limit the answer is 429 with Retry-After."
	return OAObj{
		"/api/v1/session": OAObj{
			"post": oaBody(signIn, "SessionRequest"),
			"delete": oaOperation("signOut", "accounts", "Sign out: end the session of the cookie and clear it",
				nil, OAObj{"204": oaNoContent("Signed out (also when there was no session).")}),
		},
		"/api/v1/me": OAObj{"get": oaOperation("me", "accounts", "Who the caller is",
			nil, OAObj{"200": oaOK("The caller's account.", oaRef("Account"))})},
		"/api/v1/me/password": OAObj{"put": oaBody(oaOperation("changePassword", "accounts", "Change the caller's password; the caller's other sessions end",
			nil, bodyErrors(OAObj{"204": oaNoContent("Changed."), "429": oaResp("TooManyRequests")})), "PasswordChange")},
		"/api/v1/me/tokens": OAObj{
			"get": oaOperation("listTokens", "accounts", "The caller's API tokens, revoked ones included",
				nil, OAObj{"200": oaOK("The tokens, oldest first.", oaRef("APITokenList"))}),
			"post": oaBody(oaOperation("createToken", "accounts", "Make an API token for the caller; the token is in this answer only",
				nil, bodyErrors(OAObj{"201": oaOK("The new token.", oaRef("NewAPIToken"))})), "TokenRequest"),
		},
		"/api/v1/me/tokens/{id}": OAObj{"delete": oaOperation("revokeToken", "accounts", "Revoke one of the caller's API tokens",
			idPath("The token's ID."), OAObj{"204": oaNoContent("Revoked (also when it already was)."), "400": oaResp("BadRequest"), "404": oaResp("NotFound")})},
		"/api/v1/users": OAObj{
			"get": oaOperation("listUsers", "accounts", "List users (administrator)",
				[]any{
					oaQuery("role", "Only users with this role.", OAObj{"type": "string", "enum": session.RoleNames()}),
					oaQuery("include_disabled", "Also disabled users.", OAObj{"type": "string", "enum": []string{"true", "false"}, "default": "false"}),
				},
				OAObj{"200": oaOK("The users, by login.", oaRef("UserList")), "400": oaResp("BadRequest"), "501": oaResp("AccountsDisabled")}),
			"post": oaBody(oaOperation("createUser", "accounts", "Create a user (administrator)",
				nil, bodyErrors(OAObj{"201": oaOK("The new user.", oaRef("User")), "409": oaResp("Conflict"), "501": oaResp("AccountsDisabled")})), "UserRequest"),
		},
		"/api/v1/users/{id}/disable": OAObj{"post": oaOperation("disableUser", "accounts", "Disable a user: their sessions end and their API tokens are revoked (administrator)",
			idPath("The user's ID."), OAObj{"200": oaOK("The user as it is now.", oaRef("User")), "400": oaResp("BadRequest"), "404": oaResp("NotFound"),
				"409": oaResp("Conflict"), "501": oaResp("AccountsDisabled")})},
		"/api/v1/users/{id}/enable": OAObj{"post": oaOperation("enableUser", "accounts", "Let a disabled user sign in again (administrator)",
			idPath("The user's ID."), OAObj{"200": oaOK("The user as it is now.", oaRef("User")), "400": oaResp("BadRequest"), "404": oaResp("NotFound"),
				"501": oaResp("AccountsDisabled")})},
	}
}

// oaAccountSchemas are the schemas of accounts.
func oaAccountSchemas() OAObj {
	role := OAObj{"type": "string", "enum": session.RoleNames(), "description": "admin, manager (of a recognition centre), assessor, candidate or employer."}
	token := OAObj{
		"id":           oaInt("The token's ID."),
		"name":         oaStr("What the token is for."),
		"created_at":   oaTime("When it was made."),
		"last_used_at": oaTime("When it was last used (to the minute); absent if never."),
		"expires_at":   oaTime("When it stops working; absent if it does not expire."),
		"revoked_at":   oaTime("When it was revoked; absent if it was not."),
		"active":       OAObj{"type": "boolean", "description": "Whether it may be used now."},
	}
	newToken := OAObj{"token": oaStr("The token: send it as Authorization: Bearer <token>. Shown only in this answer; the server keeps only its SHA-256.")}
	for k, v := range token {
		newToken[k] = v
	}
	return OAObj{
		"Account": oaObject("Who the caller is.", OAObj{
			"user_id":      oaInt("The user's ID; 0 for the server's administrator token, which has no account."),
			"login":        oaStr("The login."),
			"name":         oaStr("The display name."),
			"role":         role,
			"centre_id":    oaInt("The recognition centre of a manager or assessor."),
			"employer":     oaStr("The organisation of an employer."),
			"candidate_id": oaInt("The candidate record of a candidate, once there is one."),
			"via":          oaEnum("How the request proved who it is.", string(auth.ViaSession), string(auth.ViaToken)),
		}, "user_id", "login", "name", "role", "via"),
		"User": oaObject("An account as administrators see it.", OAObj{
			"id":           oaInt("The user's ID."),
			"login":        oaStr("The login, unique in any letter case."),
			"name":         oaStr("The display name."),
			"role":         role,
			"centre_id":    oaInt("The recognition centre of a manager or assessor."),
			"employer":     oaStr("The organisation of an employer."),
			"candidate_id": oaInt("The candidate record of a candidate."),
			"created_at":   oaTime("When the account was made."),
			"disabled":     OAObj{"type": "boolean", "description": "A disabled user cannot sign in."},
		}, "id", "login", "name", "role", "created_at", "disabled"),
		"UserList":     oaObject("Users.", OAObj{"items": oaArray(oaRef("User"))}, "items"),
		"APIToken":     oaObject("An API token (without the token itself).", token, "id", "name", "created_at", "active"),
		"APITokenList": oaObject("API tokens.", OAObj{"items": oaArray(oaRef("APIToken"))}, "items"),
		"NewAPIToken":  oaObject("A token just made, with its secret.", newToken, "id", "name", "created_at", "active", "token"),
		"SessionRequest": oaObject("", OAObj{
			"login": oaStr("The login (any letter case)."), "password": oaStr("The password."),
		}, "login", "password"),
		"PasswordChange": oaObject("", OAObj{
			"current_password": oaStr("The password now."),
			"new_password":     OAObj{"type": "string", "minLength": auth.MinPasswordLen, "maxLength": auth.MaxPasswordLen, "description": "The new password: not the login."},
		}, "current_password", "new_password"),
		"TokenRequest": oaObject("", OAObj{
			"name":       OAObj{"type": "string", "minLength": 1, "maxLength": auth.MaxTokenNameLen, "description": "What the token is for."},
			"expires_at": oaTime("When it should stop working; absent: when revoked."),
		}, "name"),
		"UserRequest": oaObject("", OAObj{
			"login":     OAObj{"type": "string", "minLength": 3, "maxLength": auth.MaxLoginLen, "description": "An e-mail address or a user name, no spaces."},
			"name":      OAObj{"type": "string", "minLength": 1, "maxLength": auth.MaxNameLen, "description": "The display name."},
			"role":      role,
			"centre_id": OAObj{"type": "integer", "minimum": 1, "description": "The recognition centre: required for managers and assessors, absent otherwise."},
			"employer":  OAObj{"type": "string", "maxLength": auth.MaxEmployerLen, "description": "The organisation: required for employers, absent otherwise."},
			"password":  OAObj{"type": "string", "minLength": auth.MinPasswordLen, "maxLength": auth.MaxPasswordLen, "description": "The initial password."},
		}, "login", "name", "role", "password"),
	}
}

func OpenAPIDocument() OAObj {
	pageParams := []any{oaParam("limit"), oaParam("offset")}
	standardPath := []any{oaParam("code")}
	versionPath := []any{oaParam("code"), oaParam("version")}

	paths := OAObj{
		"/healthz": OAObj{"get": oaOperation("healthz", "service", "Liveness: the process answers",
			nil, OAObj{"200": OAObj{"description": "The process is alive.", "content": OAObj{"text/plain": OAObj{"schema": OAObj{"type": "string"}}}}})},
		"/readyz": OAObj{"get": oaOperation("readyz", "service", "Readiness: the database answers",
			nil, OAObj{
				"200": OAObj{"description": "The database answers.", "content": OAObj{"text/plain": OAObj{"schema": OAObj{"type": "string"}}}},
				"503": oaResp("Unavailable"),
			})},
		"/api/openapi.json": OAObj{"get": oaOperation("openapi", "service", "This document",
			nil, OAObj{"200": oaOK("The OpenAPI 3.1 document of the API.", OAObj{"type": "object"})})},

		"/api/v1/standards": OAObj{"get": oaOperation("listStandards", "standards", "List standards (latest versions) with filters, sorting and pagination",
			append([]any{
				oaQuery("q", "Matches the code or the title in any language, case-insensitive.", OAObj{"type": "string", "maxLength": httpx.MaxQueryLen}),
				oaParam("lang"),
				oaQuery("family", "kz: Kazakh template; ru: Russian register.", OAObj{"type": "string", "enum": []string{"kz", "ru"}}),
				oaGenerated(),
				oaQuery("review_before", "Planned review on or before this date.", OAObj{"type": "string", "format": "date"}),
				oaQuery("sort", "Order: code, title, review (planned review date) or imported (import time); a leading - reverses it. Default: code.",
					OAObj{"type": "string", "enum": standardSorts}),
			}, pageParams...),
			OAObj{"200": oaOK("A page of standards.", oaRef("StandardList")), "400": oaResp("BadRequest")})},
		"/api/v1/standards/{code}": OAObj{"get": oaOperation("getStandard", "standards", "The latest version of a standard",
			standardPath,
			OAObj{"200": oaOK("The standard in the Kasip model.", oaRef("Standard")), "400": oaResp("BadRequest"), "404": oaResp("NotFound")})},
		"/api/v1/standards/{code}/versions": OAObj{"get": oaOperation("listVersions", "standards", "The stored versions of a standard, oldest first",
			standardPath,
			OAObj{"200": oaOK("The versions.", oaArray(oaRef("VersionInfo"))), "400": oaResp("BadRequest"), "404": oaResp("NotFound")})},
		"/api/v1/standards/{code}/versions/{version}": OAObj{"get": oaOperation("getStandardVersion", "standards", "A given version of a standard",
			versionPath,
			OAObj{"200": oaOK("The standard in the Kasip model.", oaRef("Standard")), "400": oaResp("BadRequest"), "404": oaResp("NotFound")})},
		"/api/v1/standards/{code}/versions/{version}/sources/{index}": OAObj{"get": oaOperation("getSource", "standards", "An original document of a version, byte for byte",
			append(versionPath, OAObj{"name": "index", "in": "path", "required": true, "description": "Index into the version's sources, from 0.",
				"schema": OAObj{"type": "integer", "minimum": 0, "maximum": 10000}}),
			OAObj{
				"200": OAObj{
					"description": "The file as imported. The media type follows the format; text and HTML carry the charset the reader detected.",
					"headers": OAObj{
						"Content-Disposition": OAObj{"description": "attachment, with the original file name (RFC 6266, filename* in UTF-8).", "schema": OAObj{"type": "string"}},
						"ETag":                OAObj{"description": "The SHA-256 of the file, quoted.", "schema": OAObj{"type": "string"}},
					},
					"content": OAObj{
						"text/plain": OAObj{"schema": OAObj{"type": "string"}},
						"text/html":  OAObj{"schema": OAObj{"type": "string"}},
						"application/vnd.openxmlformats-officedocument.wordprocessingml.document": OAObj{"schema": OAObj{"type": "string", "contentMediaType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}},
						"application/xml": OAObj{"schema": OAObj{"type": "string"}},
					},
				},
				"400": oaResp("BadRequest"), "404": oaResp("NotFound"),
			})},
		"/api/v1/standards/{code}/diff": OAObj{"get": oaOperation("diffStandard", "standards", "Differences between two versions of a standard",
			append(standardPath,
				OAObj{"name": "from", "in": "query", "required": true, "description": "The older version.", "schema": OAObj{"type": "string"}},
				OAObj{"name": "to", "in": "query", "required": true, "description": "The newer version.", "schema": OAObj{"type": "string"}}),
			OAObj{"200": oaOK("Items added, removed and changed.", oaRef("Diff")), "400": oaResp("BadRequest"), "404": oaResp("NotFound")})},
		"/api/v1/standards/{code}/lint": OAObj{"get": oaOperation("lintStandard", "standards", "Lint findings of a standard (docs/lint.md)",
			append(standardPath,
				oaQuery("version", "The version to check; default the latest.", OAObj{"type": "string"}),
				oaQuery("today", "The date that date rules compare with; default the server's date.", OAObj{"type": "string", "format": "date"}),
				oaQuery("lang", "The language of the messages (and of error titles); without it the lang cookie, then Accept-Language, then Kazakh.", OAObj{"type": "string", "enum": []string{"kk", "ru", "en"}})),
			OAObj{"200": oaOK("The findings, by source position; Content-Language names the messages' language.", oaArray(oaRef("Finding"))), "400": oaResp("BadRequest"), "404": oaResp("NotFound")})},

		"/api/v1/standards/{code}/similar": OAObj{"get": oaOperation("similarItems", "search", "Items of other standards most like a function or skill of this one",
			append(standardPath,
				OAObj{"name": "path", "in": "query", "required": true, "description": "Where the function or skill is in the latest version, e.g. cards[0].functions[1] or cards[0].functions[1].skills[0].",
					"schema": OAObj{"type": "string", "maxLength": httpx.MaxQueryLen}},
				oaQuery("limit", "How many items.", OAObj{"type": "integer", "minimum": 1, "maximum": similarMaxLimit, "default": 10})),
			OAObj{
				"200": oaOK("The most similar items, most similar first.", oaRef("SimilarList")),
				"400": oaResp("BadRequest"), "404": oaResp("NotFound"), "501": oaResp("NotImplemented"),
			})},

		"/api/v1/search": OAObj{"get": func() OAObj {
			op := oaOperation("search", "search", "Full-text search over every level of every standard, in kk, ru and en",
				[]any{
					oaQuery("q", "Words, \"quoted phrases\", prefix* or a code (a standard, card or function code is an exact match).", OAObj{"type": "string", "maxLength": httpx.MaxQueryLen}),
					oaQuery("level", "Qualification level.", OAObj{"type": "integer", "minimum": 1, "maximum": 8}),
					oaQuery("oked", "OKED section letter.", OAObj{"type": "string", "pattern": "^[A-Za-z]$"}),
					oaQuery("standard", "Only this standard (its code).", OAObj{"type": "string", "maxLength": httpx.MaxQueryLen}),
					oaQuery("lang", "Only text in this language. Also the language of error titles.", OAObj{"type": "string", "enum": contentLanguages}),
					OAObj{"name": "kind", "in": "query", "description": "Item kinds; repeat the parameter or give a comma list. None means all.",
						"style": "form", "explode": true, "schema": oaArray(OAObj{"type": "string", "enum": httpx.SearchKinds})},
					oaQuery("all_versions", "Search every stored version, not only the latest.", OAObj{"type": "boolean", "default": false}),
					oaGenerated(),
					oaQuery("limit", "Page size.", OAObj{"type": "integer", "minimum": 1, "maximum": searchMaxLimit, "default": SearchDefaultLimit}),
					oaParam("offset"),
				},
				OAObj{"200": oaOK("A page of hits with facet counts over all matches.", oaRef("SearchResult")), "400": oaResp("BadRequest"), "501": oaResp("NotImplemented")})
			op["description"] = "Text is analysed the same way when indexing and when querying: Kazakh suffixes, Russian and English stems, Latin-script Kazakh, look-alike letters. " +
				"Hits are ranked with titles above abilities and knowledge; highlights are byte ranges of the hit's text. " +
				"When nothing matches, did_you_mean may propose a corrected query."
			return op
		}()},

		"/api/v1/professions": OAObj{"get": oaOperation("listProfessions", "professions", "The register of professions: every card of the latest version of every standard",
			append([]any{
				oaQuery("q", "Matches the title or an occupation code, any language, case-insensitive.", OAObj{"type": "string", "maxLength": httpx.MaxQueryLen}),
				oaQuery("level", "Qualification level.", OAObj{"type": "integer", "minimum": 1, "maximum": 8}),
				oaQuery("oked", "OKED section letter.", OAObj{"type": "string", "pattern": "^[A-Za-z]$"}),
				oaQuery("code", "Beginning of an occupation code.", OAObj{"type": "string", "pattern": httpx.OccupationCodePrefix.String()}),
				oaParam("lang"),
				oaQuery("recognition", "Whether recognition of the qualification is mandatory or voluntary.", OAObj{"type": "string", "enum": []string{"mandatory", "voluntary"}}),
				oaGenerated(),
			}, pageParams...),
			OAObj{"200": oaOK("A page of professions.", oaRef("ProfessionList")), "400": oaResp("BadRequest")})},
		"/api/v1/professions/{id}": OAObj{"get": oaOperation("getProfession", "professions", "One profession of the register",
			[]any{oaParam("id")},
			OAObj{"200": oaOK("The profession.", oaRef("Profession")), "400": oaResp("BadRequest"), "404": oaResp("NotFound")})},
		"/api/v1/professions/{id}/recognition": OAObj{"put": func() OAObj {
			op := oaOperation("setRecognition", "professions", "Set whether recognition is mandatory or voluntary (administrator)",
				[]any{oaParam("id")},
				OAObj{
					"200": oaOK("The profession as changed.", oaRef("Profession")), "400": oaResp("BadRequest"), "404": oaResp("NotFound"),
					"413": oaResp("TooLarge"), "415": oaResp("UnsupportedMediaType"),
				})
			op["requestBody"] = OAObj{"required": true, "content": oaJSONContent(oaRef("RecognitionUpdate"))}
			return op
		}()},

		"/api/v1/classifiers/oked": OAObj{"get": oaOperation("okedTree", "classifiers", "The OKED tree, with titles as the standards give them",
			nil, OAObj{"200": oaOK("Sections with their divisions, groups, classes and subclasses.", oaArray(oaRef("OKEDNode")))})},
		"/api/v1/classifiers/levels": OAObj{"get": oaOperation("levels", "classifiers", "The eight qualification levels of the sectoral frameworks",
			nil, OAObj{"200": oaOK("Levels 1 to 8, in kk, ru and en.", oaArray(oaRef("Level")))})},

		"/api/v1/import": OAObj{"post": func() OAObj {
			op := oaOperation("importStandards", "import", "Import documents (administrator)",
				nil, OAObj{
					"200": oaOK("What importing each standard did.", oaRef("ImportResponse")),
					"400": oaResp("BadRequest"), "413": oaResp("TooLarge"), "415": oaResp("UnsupportedMediaType"),
					"422": oaResp("NotAStandard"),
				})
			op["description"] = "Each \"file\" part is a document in a format the readers know (kz-text, kz-html, kz-docx, ru-xml; detected from the content). " +
				"All parts are read before anything is imported: if one is not a professional standard, the answer is 422 with the reader's message and nothing is imported. " +
				"A Kazakh and a Russian document of the same code and version merge into one bilingual standard."
			op["requestBody"] = OAObj{"required": true, "content": OAObj{"multipart/form-data": OAObj{
				"schema": OAObj{"type": "object", "required": []string{"file"}, "properties": OAObj{
					"file": OAObj{"type": "array", "items": OAObj{"type": "string", "contentMediaType": "application/octet-stream"}},
				}},
			}}}
			return op
		}()},
	}
	for p, item := range oaAccountPaths() {
		paths[p] = item
	}

	problemResponse := func(description string) OAObj {
		return OAObj{"description": description, "content": OAObj{"application/problem+json": OAObj{"schema": oaRef("Problem")}}}
	}
	text := oaRef(StandardDef("Text"))
	langs := oaArray(OAObj{"type": "string", "enum": contentLanguages})
	stringList := OAObj{"type": "array", "items": OAObj{"type": "string"}}

	schemas := OAObj{
		"Problem": oaObject("An RFC 9457 problem detail. The title is in the language of the request (?lang=, the lang cookie, Accept-Language).", OAObj{
			"type":      oaStr("Always about:blank: the status says what happened."),
			"title":     oaStr("Short summary, translated."),
			"status":    oaInt("The HTTP status."),
			"detail":    oaStr("What exactly went wrong (the reader's message for a rejected document)."),
			"instance":  oaStr("The path of the request."),
			"parameter": oaStr("The parameter a 400 is about."),
		}, "type", "title", "status"),
		"Text": text,
		"StandardSummary": oaObject("A row of the list of standards.", OAObj{
			"code":        oaStr("The standard's code."),
			"version":     oaStr("The latest version."),
			"year":        oaInt("Year of the version."),
			"title":       oaRef("Text"),
			"family":      oaEnum("kz or ru.", "kz", "ru"),
			"languages":   langs,
			"generated":   OAObj{"type": "boolean", "description": "Demo data made by Kasip, not a real act."},
			"cards":       oaInt("Number of profession cards."),
			"review_date": OAObj{"type": "string", "format": "date", "description": "Planned review date."},
			"versions":    oaInt("Number of stored versions."),
			"imported_at": OAObj{"type": "string", "format": "date-time"},
		}, "code", "version", "title", "family", "languages", "generated", "cards", "versions", "imported_at"),
		"StandardList": oaPage("StandardSummary"),
		"VersionInfo": oaObject("One stored version.", OAObj{
			"version":     oaStr("The version."),
			"year":        oaInt("Year of the version."),
			"languages":   langs,
			"imported_at": OAObj{"type": "string", "format": "date-time"},
			"sources":     oaArray(oaRef(StandardDef("Source"))),
		}, "version", "languages", "imported_at", "sources"),
		"Change": oaObject("One difference between two versions.", OAObj{
			"path": oaStr("Where in the model, e.g. cards[0].functions[1].skills[0].knowledge[3]."),
			"kind": oaEnum("What happened to the item.", "added", "removed", "changed"),
			"old":  oaStr("The text before."),
			"new":  oaStr("The text after."),
		}, "path", "kind"),
		"Diff": oaObject("Differences between two versions.", OAObj{
			"from":    oaStr("The older version."),
			"to":      oaStr("The newer version."),
			"changes": oaArray(oaRef("Change")),
		}, "from", "to", "changes"),
		"Finding": oaObject("A lint finding: a message key with typed arguments (docs/lint.md), and the message rendered in the request's language.", OAObj{
			"rule":     oaStr("The rule's stable ID (docs/lint.md)."),
			"severity": oaEnum("How bad it is.", "error", "warning", "info"),
			"standard": oaStr("The code of the standard the finding is about."),
			"key":      oaStr("The message's key in lint's catalogue (docs/lint.md)."),
			"args":     OAObj{"type": "object", "description": "The message's arguments by name.", "additionalProperties": oaRef("MessageArg")},
			"message":  oaStr("What is wrong, in the request's language."),
			"path":     oaStr("Where in the model."),
			"source": oaObject("Where in the source document.", OAObj{
				"file":    oaStr("The source file."),
				"line":    oaInt("1-based line."),
				"element": oaStr("Element path."),
			}, "file"),
		}, "rule", "severity", "standard", "key", "args", "message", "path", "source"),
		"MessageArg": oaObject("A typed argument of a message: quote (text from the document), code (shown as is), number, term (a catalogue key shown in the reader's language), list (messages).", OAObj{
			"kind":  oaEnum("How the value is shown.", "quote", "code", "number", "term", "list"),
			"value": OAObj{"description": "A string; an integer for number; an array of {key, args} for list."},
		}, "kind", "value"),
		"Profession": oaObject("A card of the latest version of a standard, as an entry of the register.", OAObj{
			"id":               oaInt("The profession's ID in the register."),
			"standard_code":    oaStr("The standard's code."),
			"standard_version": oaStr("The standard's version."),
			"standard_title":   oaRef("Text"),
			"card":             oaInt("Index into the standard's cards."),
			"title":            oaRef("Text"),
			"codes":            stringList,
			"level":            oaInt("Qualification level."),
			"oked_sections":    stringList,
			"languages":        langs,
			"recognition":      oaEnum("Whether recognition is mandatory or voluntary.", "mandatory", "voluntary"),
			"generated":        OAObj{"type": "boolean", "description": "From a generated demo standard."},
		}, "id", "standard_code", "standard_version", "standard_title", "card", "title", "codes", "level", "oked_sections", "languages", "recognition", "generated"),
		"ProfessionList": oaPage("Profession"),
		"RecognitionUpdate": oaObject("", OAObj{
			"recognition": oaEnum("The new mode.", "mandatory", "voluntary"),
		}, "recognition"),
		"OKEDNode": oaObject("An entry of the activity classifier as found in the standards.", OAObj{
			"code":     oaStr("The OKED code."),
			"level":    oaEnum("Level of the entry.", "section", "division", "group", "class", "subclass"),
			"title":    oaRef("Text"),
			"children": oaArray(oaRef("OKEDNode")),
		}, "code", "level", "title"),
		"Level": oaObject("A qualification level.", OAObj{
			"level":       OAObj{"type": "integer", "minimum": 1, "maximum": 8},
			"name":        oaRef("Text"),
			"description": oaRef("Text"),
			"education":   oaRef("Text"),
		}, "level", "name", "description", "education"),
		"ImportFileResult": oaObject("What importing one standard of an uploaded file did.", OAObj{
			"file":      oaStr("The uploaded file's name."),
			"code":      oaStr("The standard's code."),
			"version":   oaStr("The version it was stored under."),
			"status":    oaEnum("new: a new code; new-version; unchanged: the same file again; merged: another language of a stored version; updated: the same language replaced.", "new", "new-version", "unchanged", "merged", "updated"),
			"unmerged":  OAObj{"type": "array", "items": OAObj{"type": "string"}, "description": "What a bilingual merge could not align."},
			"conflicts": OAObj{"type": "array", "items": oaRef("Standard.Conflict"), "description": "Where the merged documents disagree (a level, a code, recognizable, a field one lacks), with each document's value and the side kept."},
		}, "file", "code", "version", "status", "unmerged", "conflicts"),
		"SearchHit": oaObject("One item found.", OAObj{
			"code":           oaStr("The standard's code."),
			"version":        oaStr("The version the item is from."),
			"standard_title": oaRef("Text"),
			"card":           OAObj{"type": "integer", "minimum": -1, "description": "Index into the standard's cards; -1 for items of the standard itself."},
			"card_title":     oaRef("Text"),
			"level":          oaInt("Qualification level of the card."),
			"kind":           OAObj{"type": "string", "enum": httpx.SearchKinds, "description": "What the item is."},
			"path":           oaStr("Where in the model, e.g. cards[0].functions[1].skills[0].knowledge[3]."),
			"lang":           oaStr("The language of text."),
			"text":           oaStr("The item's text in that language."),
			"highlights":     oaArray(OAObj{"type": "array", "items": OAObj{"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2, "description": "A byte range [start, end) of text that matched."}),
			"score":          OAObj{"type": "number", "description": "Relevance; higher is better."},
			"variants":       OAObj{"type": "integer", "description": "Generated (demo) hits of the same kind and text folded into this one."},
			"generated":      OAObj{"type": "boolean", "description": "From a generated demo standard."},
			"also": oaArray(oaObject("Another place with the same text.", OAObj{
				"code": oaStr("The standard's code."), "version": oaStr("Its version."),
				"kind": OAObj{"type": "string", "enum": httpx.SearchKinds}, "path": oaStr("Where in the model."),
			}, "code", "version", "kind", "path")),
			"also_count": oaInt("How many other places have the same text (also lists at most 50)."),
		}, "code", "version", "standard_title", "card", "kind", "path", "lang", "text", "highlights", "score"),
		"CodeMatch": oaObject("The query was a code: where it leads.", OAObj{
			"code": oaStr("The standard."),
			"card": OAObj{"type": "integer", "minimum": -1, "description": "Index into the standard's cards; -1 when the code is the standard's."},
			"path": oaStr("Where in the model the code is."),
		}, "code", "card", "path"),
		"SearchResult": oaObject("A page of hits.", OAObj{
			"hits":  oaArray(oaRef("SearchHit")),
			"total": oaInt("All matching items."),
			"facets": OAObj{"type": "object", "description": "Counts over all matches by kind, level, lang, oked and standard: facet → value → count.",
				"additionalProperties": OAObj{"type": "object", "additionalProperties": OAObj{"type": "integer", "minimum": 0}}},
			"did_you_mean": oaStr("A corrected query, when nothing (or little) matched."),
			"exact":        oaRef("CodeMatch"),
		}, "hits", "total", "facets"),
		"SimilarList":    oaObject("Similar items.", OAObj{"items": oaArray(oaRef("SearchHit"))}, "items"),
		"ImportResponse": oaObject("", OAObj{"results": oaArray(oaRef("ImportFileResult"))}, "results"),
	}
	for name, schema := range oaAccountSchemas() {
		schemas[name] = schema
	}
	for name, schema := range standardSchemas() {
		schemas[name] = schema
	}

	doc := OAObj{
		"openapi":           "3.1.0",
		"jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
		"info": OAObj{
			"title":   "Kasip API",
			"version": "1",
			"description": "The registry of professional standards and professions. Texts are multilingual (kk, ru, en). Errors are RFC 9457 problem details. " +
				"Reading is public; other operations need a session cookie (POST /api/v1/session) or a bearer token, and the roles x-kasip-roles lists. " +
				"A request with a bearer token that is unknown, revoked or expired is refused with 401 on any operation.",
		},
		"tags": []OAObj{
			{"name": "standards", "description": "Professional standards, their versions, differences, findings and sources."},
			{"name": "professions", "description": "The register of professions."},
			{"name": "classifiers", "description": "OKED and the qualification levels."},
			{"name": "search", "description": "Full-text search and similar items."},
			{"name": "import", "description": "Adding documents (administrator)."},
			{"name": "accounts", "description": "Signing in and out, the caller's account and API tokens, and users (administrator)."},
			{"name": "service", "description": "Health and this document."},
		},
		"paths": paths,
		"components": OAObj{
			"schemas": schemas,
			"parameters": OAObj{
				"code":    oaPath("code", "The standard's code, e.g. M84120 or 06.001."),
				"version": oaPath("version", "The version, e.g. 1 or 2."),
				"id":      OAObj{"name": "id", "in": "path", "required": true, "description": "The profession's ID.", "schema": OAObj{"type": "integer", "minimum": 1}},
				"limit":   oaQuery("limit", "Page size.", OAObj{"type": "integer", "minimum": 1, "maximum": httpx.MaxLimit, "default": httpx.DefaultLimit}),
				"offset":  oaQuery("offset", "Items to skip.", OAObj{"type": "integer", "minimum": 0, "default": 0}),
				"lang":    oaQuery("lang", "Only those with text in this language. Also the language of error titles.", OAObj{"type": "string", "enum": contentLanguages}),
			},
			"responses": OAObj{
				"BadRequest":           problemResponse("A parameter is missing or invalid; the problem's parameter member names it."),
				"NotFound":             problemResponse("No such standard, version, source or profession."),
				"Unauthorized":         problemResponse("Not signed in: no session cookie or bearer token, or one that is unknown, revoked or expired."),
				"Forbidden":            problemResponse("The caller's role does not allow the operation, or no one can sign in on this server."),
				"WrongCredentials":     problemResponse("Wrong login or password (the same answer for both)."),
				"AccountDisabled":      problemResponse("The account is disabled (said only to someone who gave the right password)."),
				"TooManyRequests":      OAObj{"description": "Too many attempts; try again after Retry-After seconds.", "headers": OAObj{"Retry-After": OAObj{"description": "Seconds to wait.", "schema": OAObj{"type": "integer", "minimum": 1}}}, "content": OAObj{"application/problem+json": OAObj{"schema": oaRef("Problem")}}},
				"Conflict":             problemResponse("The login is taken, or an administrator tried to disable their own account."),
				"AccountsDisabled":     problemResponse("This server has no accounts (it was started without an account store)."),
				"TooLarge":             problemResponse("The request body is larger than the server accepts."),
				"UnsupportedMediaType": problemResponse("The request body is not of the expected media type."),
				"NotAStandard":         problemResponse("An uploaded file is not a professional standard; the detail is the reader's message. Nothing was imported."),
				"Unavailable":          problemResponse("The database does not answer."),
				"NotImplemented":       problemResponse("This registry cannot search."),
				"InternalError":        problemResponse("Something went wrong on the server; it is logged, not shown."),
			},
			"securitySchemes": OAObj{
				"bearer":  OAObj{"type": "http", "scheme": "bearer", "description": "An API token (kasip_…) made on the account page or with POST /api/v1/me/tokens, or the administrator token the server was started with (an administrator without an account)."},
				"session": OAObj{"type": "apiKey", "in": "cookie", "name": session.SessionCookieName, "description": "The session cookie POST /api/v1/session and the sign-in page set."},
			},
		},
	}
	for _, f := range openAPIParts {
		f(doc)
	}
	oaSecure(doc)
	return doc
}

// page is the schema of a page of items.
func oaPage(item string) OAObj {
	return oaObject("A page of a list.", OAObj{
		"items":  oaArray(oaRef(item)),
		"total":  oaInt("All matching items."),
		"limit":  oaInt("The page size asked for."),
		"offset": oaInt("Items skipped."),
	}, "items", "total", "limit", "offset")
}

// oaGenerated is the generated parameter of lists and search.
func oaGenerated() OAObj {
	return oaQuery("generated", "Generated demo data: exclude (or false) leaves it out, only (or true) shows nothing else, include (the default) shows both; real items always rank first.",
		OAObj{"type": "string", "enum": httpx.GeneratedValues})
}
