// Package credential issues and verifies Kasip's qualification certificates as W3C Verifiable
// Credentials (VC Data Model 2.0) in the Open Badges 3.0 vocabulary, secured with a Data
// Integrity proof of the eddsa-jcs-2022 cryptosuite, so that anyone can check a certificate
// without asking Kasip: offline for did:key issuers, with the issuer's DID document for did:web.
//
// Pieces, each after its specification:
//   - JCS: RFC 8785 canonical JSON, the bytes that are hashed and signed.
//   - createProof / verifyProof: eddsa-jcs-2022 (Data Integrity EdDSA Cryptosuites v1.0), checked
//     value by value against the W3C test vectors in testdata/vc-di-eddsa.
//   - Issuer, did:key, did:web, Resolver: who signed, and the key to check with.
//   - StatusList, CheckStatus: Bitstring Status List v1.0 revocation and suspension.
//   - NewAchievementCredential: the OB 3.0 credential of a recognised qualification.
//   - Sign, Verify: the two calls most code needs.
//
// Serialisation: Sign returns the unsigned document's members in their order with "proof"
// appended, indented by two spaces (the layout of the W3C vector signedJCS.json). Those bytes are
// stored and served verbatim; verification re-canonicalises, so it does not depend on them.
package credential
