// Ed25519 key generation and signing on node:crypto (server only: private keys never reach
// the browser). RFC 8032 signing is deterministic, so the same seed and message always give
// the same signature (the signed-note vectors rely on this).
import { createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from "node:crypto";
import { toHex } from "./bytes";

// DER PKCS#8 header for an Ed25519 private key (RFC 8410 §7); the 32-byte seed follows.
const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
const SPKI_PREFIX_LENGTH = 12;

const KEY_CACHE_LIMIT = 256;
const privateKeyCache = new Map<string, KeyObject>();

function assertSeed(seed: Uint8Array): void {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new Error("Ed25519 seed must be 32 bytes");
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  assertSeed(seed);
  const id = toHex(seed);
  const hit = privateKeyCache.get(id);
  if (hit) return hit;
  const der = Buffer.concat([PKCS8_ED25519_PREFIX, seed]);
  const key = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  if (privateKeyCache.size >= KEY_CACHE_LIMIT) privateKeyCache.clear();
  privateKeyCache.set(id, key);
  return key;
}

/** A plain Uint8Array copy (Buffers may be views into a shared pool). */
function toUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer);
}

/** The 32-byte public key for a 32-byte seed. */
export function publicKeyFromSeed(seed: Uint8Array): Uint8Array {
  const spki = createPublicKey(privateKeyObject(seed)).export({ format: "der", type: "spki" });
  return Uint8Array.from(spki.subarray(SPKI_PREFIX_LENGTH));
}

/** A fresh key pair from the OS CSPRNG. */
export function generateEd25519(): { publicKey: Uint8Array; seed: Uint8Array } {
  const seed = toUint8Array(randomBytes(32));
  return { publicKey: publicKeyFromSeed(seed), seed };
}

/**
 * RFC 8032 Ed25519 signatures (64 bytes) over the exact message bytes, with the seed bound
 * once: the key object is looked up now, not on every signature (appends sign every entry).
 */
export function ed25519Signer(seed: Uint8Array): (message: Uint8Array) => Uint8Array {
  const key = privateKeyObject(seed);
  return (message) => toUint8Array(sign(null, message, key));
}

/** One signature with `seed` (see ed25519Signer for many). */
export function signEd25519(seed: Uint8Array, message: Uint8Array): Uint8Array {
  return ed25519Signer(seed)(message);
}
