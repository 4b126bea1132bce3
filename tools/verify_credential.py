#!/usr/bin/env python3
# Usage: python3 tools/verify_credential.py CREDENTIAL.json  (needs the "cryptography" package)
# Independent eddsa-jcs-2022 check: Python's json (JCS-equivalent for strings,
# integers, booleans, null: sorted keys, no spaces, UTF-8) + the cryptography
# package's Ed25519. Not part of Kasip.
import json, sys, hashlib
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
def b58dec(s):
    n = 0
    for c in s: n = n*58 + B58.index(c)
    b = n.to_bytes((n.bit_length()+7)//8, 'big')
    return b'\0'*(len(s)-len(s.lstrip('1'))) + b
def jcs(v): return json.dumps(v, sort_keys=True, separators=(',',':'), ensure_ascii=False).encode()
doc = json.load(open(sys.argv[1]))
proof = doc.pop('proof')
sig = b58dec(proof.pop('proofValue')[1:])
assert proof['cryptosuite'] == 'eddsa-jcs-2022'
vm = proof['verificationMethod']
mk = b58dec(vm.split('#')[1][1:])
assert mk[:2] == b'\xed\x01'
pub = Ed25519PublicKey.from_public_bytes(mk[2:])
if '@context' in doc: proof['@context'] = doc['@context']
data = hashlib.sha256(jcs(proof)).digest() + hashlib.sha256(jcs(doc)).digest()
try:
    pub.verify(sig, data); print('independent verifier: signature VALID;', doc['credentialSubject']['name'] if 'name' in doc['credentialSubject'] else '')
except Exception as e:
    print('independent verifier: signature INVALID', type(e).__name__); sys.exit(1)
