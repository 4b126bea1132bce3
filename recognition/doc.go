// Package recognition is the domain of the recognition of professional
// qualifications (DOMAIN.md §3): accredited recognition centres, the
// qualification programmes they build from a card of a pinned standard
// version, candidates identified by IIN, applications and their state
// machine, assessment results, decisions and appeals.
//
// The package is pure: it imports only the root package and the standard
// library, holds no storage and reads no clock. Callers pass the time and
// the Settings in, so every rule the law leaves to regulations (deadlines,
// pass marks, voucher validity) is configurable and testable.
//
// Model paths are those of the rest of Kasip, in JSON terms and absolute
// within the standard: "cards[0].functions[1].skills[0].knowledge[3]". A
// unit — what a programme assesses and a decision recognises — is a skill
// ("cards[0].functions[1].skills[0]"), or a labour function that has no
// skills of its own (Russian standards: "cards[0].functions[1]").
package recognition
