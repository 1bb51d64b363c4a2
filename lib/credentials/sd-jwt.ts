// RFC 9901 Selective Disclosure for JWTs (SD-JWT), the subset Deedchain issues
// (DESIGN.md §6): header `typ` "dc+sd-jwt", `alg` "EdDSA" (Ed25519), `_sd_alg` "sha-256",
// object-property disclosures only, no key binding. Issuance takes a signing callback (the
// server signs with node:crypto); verification is plain Uint8Array code over a
// CryptoBackend, so the same module runs on the server and on the public verify page.
import type { CryptoBackend } from "@/lib/crypto/backend";
import { bytesEqual, fromBase64Url, toBase64Url, utf8Decode, utf8Encode } from "@/lib/crypto/bytes";

export const SD_JWT_TYP = "dc+sd-jwt";
export const SD_ALG = "sha-256";

/** A disclosure as RFC 9901 §4.2.1 defines it: base64url of the JSON array [salt, name, value]. */
export interface Disclosure {
  encoded: string;
  salt: string;
  name: string;
  value: unknown;
}

export interface IssueOptions {
  backend: CryptoBackend;
  /** Claims every verifier sees. Must not contain `_sd` or `_sd_alg`. */
  visibleClaims: Record<string, unknown>;
  /** Claims hidden behind digests; revealed only by handing over their disclosures. */
  disclosableClaims: Record<string, unknown>;
  /** JWS `kid`: the credential key's name in /api/ledger/keys. */
  keyName: string;
  sign(signingInput: Uint8Array): Uint8Array;
  /** 16 random bytes a call; injectable so tests can be deterministic. */
  randomSalt?: () => Uint8Array;
}

export interface IssuedSdJwt {
  /** `<JWS>~`: what the public API serves (no disclosures). */
  sdJwt: string;
  /** `<JWS>~<d1>~…~<dn>~`: what the holder keeps. */
  withAllDisclosures: string;
  disclosures: Disclosure[];
  jws: string;
}

const defaultSalt = () => globalThis.crypto.getRandomValues(new Uint8Array(16));

function digestOf(backend: CryptoBackend, encodedDisclosure: string): string {
  // §4.2.3: the digest is over the US-ASCII bytes of the base64url-encoded disclosure.
  return toBase64Url(backend.sha256(utf8Encode(encodedDisclosure)));
}

export function issueSdJwt(options: IssueOptions): IssuedSdJwt {
  const { backend, visibleClaims, disclosableClaims } = options;
  for (const reserved of ["_sd", "_sd_alg", "..."]) {
    if (reserved in visibleClaims || reserved in disclosableClaims) throw new Error(`claim name ${reserved} is reserved`);
  }
  const salt = options.randomSalt ?? defaultSalt;
  const disclosures: Disclosure[] = Object.entries(disclosableClaims).map(([name, value]) => {
    const saltText = toBase64Url(salt());
    return { encoded: toBase64Url(utf8Encode(JSON.stringify([saltText, name, value]))), salt: saltText, name, value };
  });
  // Sorted digests hide the order the claims were written in (§4.2.4.1).
  const digests = disclosures.map((d) => digestOf(backend, d.encoded)).sort();
  const header = { alg: "EdDSA", typ: SD_JWT_TYP, kid: options.keyName };
  const payload = { ...visibleClaims, _sd: digests, _sd_alg: SD_ALG };
  const signingInput = `${toBase64Url(utf8Encode(JSON.stringify(header)))}.${toBase64Url(utf8Encode(JSON.stringify(payload)))}`;
  const signature = options.sign(utf8Encode(signingInput));
  const jws = `${signingInput}.${toBase64Url(signature)}`;
  return {
    jws,
    sdJwt: `${jws}~`,
    withAllDisclosures: `${jws}~${disclosures.map((d) => `${d.encoded}~`).join("")}`,
    disclosures,
  };
}

export type SdJwtProblem =
  | "MALFORMED"
  | "KEY_BINDING_UNSUPPORTED"
  | "WRONG_HEADER"
  | "BAD_SIGNATURE"
  | "BAD_DISCLOSURE"
  | "UNKNOWN_DISCLOSURE"
  | "DUPLICATE_DISCLOSURE";

export type SdJwtResult =
  | {
      ok: true;
      header: { alg: string; typ: string; kid?: string };
      /** Always-visible claims (without `_sd`, `_sd_alg`). */
      claims: Record<string, unknown>;
      /** Claims revealed by the disclosures that came with it. */
      disclosed: Record<string, unknown>;
    }
  | { ok: false; reason: SdJwtProblem; detail: string };

function fail(reason: SdJwtProblem, detail: string): SdJwtResult {
  return { ok: false, reason, detail };
}

function decodeJsonPart(part: string): unknown {
  return JSON.parse(utf8Decode(fromBase64Url(part)));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Verifies `<JWS>~<disclosures…>~` with the issuer's Ed25519 public key (32 bytes):
 * header, signature, and that every disclosure hashes to a digest in `_sd` (§7.1).
 */
export function verifySdJwt(backend: CryptoBackend, compact: string, publicKey: Uint8Array): SdJwtResult {
  if (typeof compact !== "string" || compact.length > 64 * 1024) return fail("MALFORMED", "not an SD-JWT string");
  if (!compact.endsWith("~")) return fail("KEY_BINDING_UNSUPPORTED", "an SD-JWT without key binding ends with ~");
  const [jws, ...rest] = compact.slice(0, -1).split("~");
  const encodedDisclosures = rest;
  const parts = (jws ?? "").split(".");
  if (parts.length !== 3) return fail("MALFORMED", "the JWS must have three parts");
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: unknown;
  let payload: unknown;
  let signature: Uint8Array;
  try {
    header = decodeJsonPart(headerPart);
    payload = decodeJsonPart(payloadPart);
    signature = fromBase64Url(signaturePart);
  } catch {
    return fail("MALFORMED", "a JWS part is not base64url JSON");
  }
  if (!isPlainObject(header) || header.alg !== "EdDSA" || header.typ !== SD_JWT_TYP) {
    return fail("WRONG_HEADER", `expected alg EdDSA and typ ${SD_JWT_TYP}`);
  }
  if (!backend.ed25519Verify(signature, utf8Encode(`${headerPart}.${payloadPart}`), publicKey)) {
    return fail("BAD_SIGNATURE", "the issuer's signature does not verify");
  }
  if (!isPlainObject(payload)) return fail("MALFORMED", "the payload is not a JSON object");
  const { _sd: digests = [], _sd_alg: sdAlg, ...claims } = payload;
  if (sdAlg !== SD_ALG) return fail("WRONG_HEADER", `_sd_alg must be ${SD_ALG}`);
  if (!Array.isArray(digests) || !digests.every((d) => typeof d === "string")) return fail("MALFORMED", "_sd must be an array of strings");

  const disclosed: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const encoded of encodedDisclosures) {
    const digest = digestOf(backend, encoded);
    if (seen.has(digest)) return fail("DUPLICATE_DISCLOSURE", "the same disclosure appears twice");
    seen.add(digest);
    if (!digests.includes(digest)) return fail("UNKNOWN_DISCLOSURE", "a disclosure matches no digest in the credential");
    let parsed: unknown;
    try {
      parsed = decodeJsonPart(encoded);
    } catch {
      return fail("BAD_DISCLOSURE", "a disclosure is not base64url JSON");
    }
    if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[0] !== "string" || typeof parsed[1] !== "string") {
      return fail("BAD_DISCLOSURE", "a disclosure must be [salt, name, value]");
    }
    const name = parsed[1];
    if (name === "_sd" || name === "..." || name in claims || name in disclosed) {
      return fail("BAD_DISCLOSURE", `disclosure name ${name} collides with a claim`);
    }
    disclosed[name] = parsed[2];
  }
  return { ok: true, header: header as { alg: string; typ: string; kid?: string }, claims, disclosed };
}

/** Digests equal as bytes (constant shape), exported for tests of tampered digests. */
export function sameDigest(a: string, b: string): boolean {
  return bytesEqual(fromBase64Url(a), fromBase64Url(b));
}
