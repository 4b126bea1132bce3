// Package certificate is the domain of the certificates a positive
// recognition decision ends in (DOMAIN.md §3: "a certificate is issued and
// entered into a public register that anyone can check").
//
// A Certificate is built from the decision in force on an application and
// the card of the pinned standard version it was assessed against (New);
// the store gives it a number (NumberFormat, from the Settings the law
// leaves to regulations), a bit in a status list, and signs its credential.
// The package turns a certificate into the two documents it is shown as:
// the PDF (View, for package certpdf) and the W3C Verifiable Credential in
// the Open Badges 3.0 vocabulary (Credential, for package credential).
//
// Like package recognition the package is pure: no storage, no clock.
// Callers pass the time in.
package certificate
