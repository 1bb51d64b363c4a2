// Browser crypto backend on @noble/hashes + @noble/curves (pure JS, audited). Implements the
// acceptance rule of backend.ts. noble's ed25519.verify() checks the cofactored equation
// ([8][S]B = [8]R + [8][k]A), which accepts signatures OpenSSL refuses when R or A has a
// torsion component; to agree with node:crypto byte for byte we run the cofactorless check
// (RFC 8032 §5.1.7 allows either) on noble's point arithmetic.
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256, sha512 } from "@noble/hashes/sha2.js";
import {
  ED25519_L,
  ed25519PublicKeyAcceptable,
  ed25519SignatureShapeAcceptable,
  littleEndianToBigInt,
  type CryptoBackend,
} from "./backend";
import { bytesEqual, concatBytes, toHex } from "./bytes";

type EdwardsPoint = ReturnType<typeof ed25519.Point.fromBytes>;

const POINT_CACHE_LIMIT = 1024;
const pointCache = new Map<string, EdwardsPoint | null>();

function decodePublicKey(publicKey: Uint8Array): EdwardsPoint | null {
  const id = toHex(publicKey);
  const hit = pointCache.get(id);
  if (hit !== undefined) return hit;
  let point: EdwardsPoint | null;
  try {
    // zip215 = false: RFC 8032 decoding (y < p, no x = 0 with the sign bit set).
    point = ed25519.Point.fromBytes(publicKey, false);
  } catch {
    point = null;
  }
  if (pointCache.size >= POINT_CACHE_LIMIT) pointCache.clear();
  pointCache.set(id, point);
  return point;
}

export const nobleBackend: CryptoBackend = {
  name: "noble",
  sha256(data: Uint8Array): Uint8Array {
    return sha256(data);
  },
  ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    if (!(message instanceof Uint8Array)) return false;
    if (!ed25519SignatureShapeAcceptable(signature) || !ed25519PublicKeyAcceptable(publicKey)) return false;
    const A = decodePublicKey(publicKey);
    if (!A) return false;
    try {
      const r = signature.subarray(0, 32);
      const s = littleEndianToBigInt(signature.subarray(32, 64));
      const k = littleEndianToBigInt(sha512(concatBytes(r, publicKey, message))) % ED25519_L;
      const expectedR = ed25519.Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(k)).toBytes();
      return bytesEqual(expectedR, r);
    } catch {
      return false;
    }
  },
};
