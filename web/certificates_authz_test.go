package web_test

import "github.com/kasip/kasip/auth"

// Who may use the certificate routes (the API's and the pages'), for the
// access matrix (TestAccessMatrix). Which centre's certificate a manager may
// change is checked in the handlers and tested with the certificate routes.
var _ = expectAccess(map[string]allowed{
	"POST /api/v1/applications/{id}/certificate":   only(auth.RoleAdmin, auth.RoleManager),
	"GET /api/v1/certificates":                     everyone,
	"GET /api/v1/certificates/{number}":            everyone,
	"GET /api/v1/certificates/{number}/credential": everyone,
	"POST /api/v1/certificates/{number}/status":    only(auth.RoleAdmin, auth.RoleManager),

	"GET /verify":                                     everyone,
	"GET /verify/{number}":                            everyone,
	"GET /verify/{number}/credential.json":            everyone,
	"GET /verify/{number}/certificate.pdf":            everyone,
	"GET /status/{list}/{purpose}":                    everyone,
	"POST /recognition/applications/{id}/certificate": only(auth.RoleAdmin, auth.RoleManager),
	"GET /recognition/certificates/{number}":          only(auth.RoleAdmin, auth.RoleManager),
	"POST /recognition/certificates/{number}/status":  only(auth.RoleAdmin, auth.RoleManager),
})
