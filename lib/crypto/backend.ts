// Pluggable SHA-256 + Ed25519 for verification code that runs on the server (node:crypto),
// in the CLI and in the browser (@noble), per DESIGN.md §3. Both backends must give the
// same answer for every input, so the acceptance rule is written down here once:
//
// Deedchain Ed25519 verification rule (RFC 8032 §5.1.7, strict profile):
//   1. signature is 64 bytes, public key 32 bytes, otherwise reject (never throw);
//   2. S (second half of the signature) must be < L (rejects S+L malleation);
//   3. the public key A must be a canonical encoding (y < p) and must not be a point of
//      small order (its y is one of 0, 1, p-1, ±c for the order-8 points): such keys let
//      one signature verify for many messages;
//   4. A must decode to a curve point;
//   5. the check is the cofactorless equation: encode([S]B - [k]A) must equal the R bytes,
//      with k = SHA-512(R ‖ A ‖ M) mod L. Comparing bytes rejects non-canonical R.
// Step 5 is what OpenSSL (node:crypto) does; RFC 8032 allows it ("sufficient, but not
// required"). noble's own verify() is cofactored, which disagrees with OpenSSL on signatures
// whose R or A carries a torsion component, so backend-noble.ts implements step 5 itself.
// Steps 2–3 are checked in both backends with the helpers below, before any curve math.

export interface CryptoBackend {
  readonly name: string;
  sha256(data: Uint8Array): Uint8Array;
  /** Ed25519 verification under the rule above. Wrong lengths return false; never throws. */
  ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

export const SHA256_LENGTH = 32;
export const ED25519_PUBLIC_KEY_LENGTH = 32;
export const ED25519_SIGNATURE_LENGTH = 64;

const P = 2n ** 255n - 19n;
/** Group order L = 2^252 + 27742317777372353535851937790883648493. */
export const ED25519_L = 2n ** 252n + 27742317777372353535851937790883648493n;
// y coordinate of the order-8 points (the other one is P - C8).
const C8 = 0x05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826n;
const SMALL_ORDER_Y = new Set([0n, 1n, P - 1n, C8, P - C8]);

function littleEndianToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}

/** Rule step 3 on raw bytes: canonical y and not of small order. */
export function ed25519PublicKeyAcceptable(publicKey: Uint8Array): boolean {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_PUBLIC_KEY_LENGTH) return false;
  const encoded = littleEndianToBigInt(publicKey);
  const y = encoded & ((1n << 255n) - 1n);
  if (y >= P) return false;
  return !SMALL_ORDER_Y.has(y);
}

/** Rule steps 1–2: lengths and S < L, checked on raw bytes. */
export function ed25519SignatureShapeAcceptable(signature: Uint8Array): boolean {
  if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_LENGTH) return false;
  // Fast path on the top byte (L = 0x10 00…00 ‖ low 125 bits): below 0x10 is always < L.
  const top = signature[63]!;
  if (top < 0x10) return true;
  if (top > 0x10) return false;
  return littleEndianToBigInt(signature.subarray(32)) < ED25519_L;
}

/** Little-endian bytes to bigint, exported for the noble backend's scalar arithmetic. */
export { littleEndianToBigInt };
