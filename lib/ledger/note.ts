// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) bodies wrapped as C2SP signed notes
// (https://c2sp.org/signed-note), exactly as DESIGN.md §5 specifies and as Go's
// golang.org/x/mod/sumdb/note reads them:
//
//   <origin>\n<decimal size>\n<base64 root>\n          ← body (the signed message, final \n included)
//   \n                                                 ← one empty line
//   — <key name> <base64(4-byte key hash ‖ 64-byte Ed25519 signature)>\n   ← one per signature
//
// key hash = SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)[0:4]; verifier key text =
// "<name>+<8 lowercase hex key hash>+<base64(0x01 ‖ public key)>". Parsing follows note.Open:
// valid UTF-8, no control characters but \n, the signature block starts after the last
// "\n\n" and ends with \n, every line starts with "— ", at most 100 signatures. Signatures by
// unknown keys are skipped; a signature by a known key that does not verify rejects the note.
import type { CryptoBackend } from "@/lib/crypto/backend";
import { bytesEqual, concatBytes, fromBase64, hasLoneSurrogate, toBase64, toHex, utf8Encode } from "@/lib/crypto/bytes";
import { HASH_SIZE } from "./merkle";

/** Signature algorithm byte for Ed25519 in signed-note keys. */
export const ALG_ED25519 = 0x01;
/** A checkpoint with a few dozen cosignatures is ~5 KB; anything near this is an attack. */
export const MAX_NOTE_LENGTH = 64 * 1024;
/** note.Open refuses more than 100 signature lines. */
export const MAX_SIGNATURES = 100;
const SIGNATURE_PREFIX = "\u2014 "; // "— " (EM DASH, space)
const KEY_HASH_LENGTH = 4;
const ED25519_SIGNATURE_LENGTH = 64;

export type NoteProblem =
  | "TOO_LARGE"
  | "NOT_UTF8"
  | "CONTROL_CHARACTER"
  | "NO_SIGNATURE_BLOCK"
  | "EMPTY_LINE_IN_BODY"
  | "TRAILING_DATA"
  | "MALFORMED_SIGNATURE_LINE"
  | "TOO_MANY_SIGNATURES"
  | "BAD_SIGNATURE"
  | "NO_VERIFIED_SIGNATURE";

export interface NoteSignature {
  name: string;
  keyHash: Uint8Array;
  signature: Uint8Array;
}

export interface NoteSigner {
  name: string;
  keyHash: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** Key names: non-empty, no whitespace, no '+' (they are split on '+' in verifier keys). */
export function isValidKeyName(name: string): boolean {
  return typeof name === "string" && name.length > 0 && !/[\s+]/u.test(name) && !hasLoneSurrogate(name);
}

function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) throw new Error(`invalid key name ${JSON.stringify(name)}: non-empty, no whitespace, no '+'`);
}

// ---------------------------------------------------------------- checkpoint body

/** The C2SP tlog-checkpoint body: origin, decimal size, base64 root, each line ending in \n. */
export function checkpointBody(origin: string, size: number, rootHash: Uint8Array): string {
  if (typeof origin !== "string" || origin.length === 0 || /[\u0000-\u001f]/.test(origin) || hasLoneSurrogate(origin)) {
    throw new Error("checkpoint origin must be a non-empty single line");
  }
  if (!Number.isSafeInteger(size) || size < 0) throw new Error("checkpoint size must be a non-negative integer");
  if (!(rootHash instanceof Uint8Array) || rootHash.length !== HASH_SIZE) throw new Error("checkpoint root hash must be 32 bytes");
  return `${origin}\n${size}\n${toBase64(rootHash)}\n`;
}

export type CheckpointProblem = "NOT_TERMINATED" | "BAD_ORIGIN" | "BAD_SIZE" | "BAD_ROOT_HASH" | "EMPTY_EXTENSION_LINE";

export type ParsedCheckpoint =
  | { ok: true; origin: string; size: number; rootHash: Uint8Array; extensions: string[] }
  | { ok: false; reason: CheckpointProblem };

/**
 * Parses a checkpoint body. C2SP allows non-empty extension lines after the root; they are
 * returned, not interpreted. The size must be canonical decimal (no sign, no leading zeros).
 */
export function parseCheckpointBody(text: string): ParsedCheckpoint {
  if (typeof text !== "string" || !text.endsWith("\n")) return { ok: false, reason: "NOT_TERMINATED" };
  const lines = text.slice(0, -1).split("\n");
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (!origin || /[\u0000-\u001f]/.test(origin)) return { ok: false, reason: "BAD_ORIGIN" };
  if (sizeText === undefined || !/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    return { ok: false, reason: "BAD_SIZE" };
  }
  let rootHash: Uint8Array;
  try {
    rootHash = fromBase64(rootText ?? "");
  } catch {
    return { ok: false, reason: "BAD_ROOT_HASH" };
  }
  if (rootHash.length !== HASH_SIZE) return { ok: false, reason: "BAD_ROOT_HASH" };
  if (extensions.some((line) => line.length === 0)) return { ok: false, reason: "EMPTY_EXTENSION_LINE" };
  return { ok: true, origin, size: Number(sizeText), rootHash, extensions };
}

// ---------------------------------------------------------------- keys

/** SHA-256(name ‖ "\n" ‖ 0x01 ‖ publicKey)[0:4] */
export function noteKeyHash(b: CryptoBackend, name: string, publicKey: Uint8Array): Uint8Array {
  assertKeyName(name);
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) throw new Error("Ed25519 public key must be 32 bytes");
  return b.sha256(concatBytes(utf8Encode(`${name}\n`), Uint8Array.of(ALG_ED25519), publicKey)).slice(0, KEY_HASH_LENGTH);
}

/** "<name>+<8 lowercase hex key hash>+<base64(0x01 ‖ key)>", the text note.NewVerifier reads. */
export function verifierKey(b: CryptoBackend, name: string, publicKey: Uint8Array): string {
  const hash = noteKeyHash(b, name, publicKey);
  return `${name}+${toHex(hash)}+${toBase64(concatBytes(Uint8Array.of(ALG_ED25519), publicKey))}`;
}

export type ParsedVerifierKey =
  | { ok: true; name: string; keyHash: Uint8Array; publicKey: Uint8Array }
  | { ok: false; reason: "MALFORMED" | "BAD_NAME" | "UNKNOWN_ALGORITHM" | "BAD_KEY_LENGTH" | "KEY_HASH_MISMATCH" };

/**
 * Parses a verifier key. With a backend the key hash is recomputed and must match (as
 * note.NewVerifier does); without one only the syntax is checked.
 */
export function parseVerifierKey(text: string, b?: CryptoBackend): ParsedVerifierKey {
  if (typeof text !== "string") return { ok: false, reason: "MALFORMED" };
  // Split on the first two '+' only, as note.NewVerifier does: base64 may contain '+'.
  const first = text.indexOf("+");
  const second = first < 0 ? -1 : text.indexOf("+", first + 1);
  if (second < 0) return { ok: false, reason: "MALFORMED" };
  const name = text.slice(0, first);
  const hashHex = text.slice(first + 1, second);
  const keyText = text.slice(second + 1);
  if (!isValidKeyName(name)) return { ok: false, reason: "BAD_NAME" };
  if (!/^[0-9a-f]{8}$/.test(hashHex)) return { ok: false, reason: "MALFORMED" };
  let keyBytes: Uint8Array;
  try {
    keyBytes = fromBase64(keyText);
  } catch {
    return { ok: false, reason: "MALFORMED" };
  }
  if (keyBytes.length === 0 || keyBytes[0] !== ALG_ED25519) return { ok: false, reason: "UNKNOWN_ALGORITHM" };
  if (keyBytes.length !== 33) return { ok: false, reason: "BAD_KEY_LENGTH" };
  const keyHash = Uint8Array.from(hashHex.match(/../g)!.map((h) => parseInt(h, 16)));
  const publicKey = keyBytes.slice(1);
  if (b && !bytesEqual(keyHash, noteKeyHash(b, name, publicKey))) return { ok: false, reason: "KEY_HASH_MISMATCH" };
  return { ok: true, name, keyHash, publicKey };
}

// ---------------------------------------------------------------- signature lines

/** "— <name> <base64(keyHash ‖ signature)>\n" */
export function formatSignatureLine(name: string, keyHash: Uint8Array, signature: Uint8Array): string {
  assertKeyName(name);
  if (keyHash.length !== KEY_HASH_LENGTH) throw new Error("key hash must be 4 bytes");
  if (signature.length !== ED25519_SIGNATURE_LENGTH) throw new Error("Ed25519 signature must be 64 bytes");
  return `${SIGNATURE_PREFIX}${name} ${toBase64(concatBytes(keyHash, signature))}\n`;
}

/**
 * One signature line, with or without its final \n; null when malformed. Only Ed25519-sized
 * signatures (4 + 64 bytes) are accepted: no other algorithm is used in this ledger.
 */
export function parseSignatureLine(line: string): NoteSignature | null {
  if (typeof line !== "string") return null;
  const text = line.endsWith("\n") ? line.slice(0, -1) : line;
  if (!text.startsWith(SIGNATURE_PREFIX) || /[\u0000-\u001f]/.test(text)) return null;
  const rest = text.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(" ");
  if (space < 0) return null;
  const name = rest.slice(0, space);
  const encoded = rest.slice(space + 1);
  if (!isValidKeyName(name) || encoded.length === 0) return null;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(encoded);
  } catch {
    return null;
  }
  if (bytes.length !== KEY_HASH_LENGTH + ED25519_SIGNATURE_LENGTH) return null;
  return { name, keyHash: bytes.slice(0, KEY_HASH_LENGTH), signature: bytes.slice(KEY_HASH_LENGTH) };
}

// ---------------------------------------------------------------- notes

/** Signs a note body (which must end in \n) with each signer, in order. */
export function signNote(body: string, signers: NoteSigner[]): string {
  if (typeof body !== "string" || !body.endsWith("\n")) throw new Error("note body must end with a newline");
  if (/[\u0000-\u0009\u000b-\u001f]/.test(body) || hasLoneSurrogate(body)) throw new Error("note body has control characters");
  if (body.includes("\n\n") || body.startsWith("\n")) throw new Error("note body must not contain an empty line");
  if (signers.length === 0) throw new Error("a note needs at least one signature");
  const message = utf8Encode(body);
  let text = `${body}\n`;
  for (const signer of signers) text += formatSignatureLine(signer.name, signer.keyHash, signer.sign(message));
  return text;
}

export type ParsedNote = { ok: true; body: string; signatures: NoteSignature[] } | { ok: false; reason: NoteProblem };

/** Splits and checks a signed note without verifying any signature. */
export function parseSignedNote(text: string): ParsedNote {
  if (typeof text !== "string") return { ok: false, reason: "NOT_UTF8" };
  if (text.length > MAX_NOTE_LENGTH) return { ok: false, reason: "TOO_LARGE" };
  if (hasLoneSurrogate(text)) return { ok: false, reason: "NOT_UTF8" };
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) return { ok: false, reason: "CONTROL_CHARACTER" };
  const split = text.lastIndexOf("\n\n");
  if (split < 0) return { ok: false, reason: "NO_SIGNATURE_BLOCK" };
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (block.length === 0) return { ok: false, reason: "NO_SIGNATURE_BLOCK" };
  // note.Open would take everything before the last blank line as the body; §5 has exactly
  // one blank line, and a body with another one is never produced here, so refuse it.
  if (body.startsWith("\n") || body.includes("\n\n")) return { ok: false, reason: "EMPTY_LINE_IN_BODY" };
  if (!block.endsWith("\n")) return { ok: false, reason: "TRAILING_DATA" };
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) return { ok: false, reason: "TOO_MANY_SIGNATURES" };
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const parsed = parseSignatureLine(line);
    if (!parsed) return { ok: false, reason: "MALFORMED_SIGNATURE_LINE" };
    signatures.push(parsed);
  }
  return { ok: true, body, signatures };
}

export type VerifiedNote =
  | { ok: true; body: string; verified: string[] }
  | { ok: false; reason: NoteProblem; name?: string };

/**
 * Verifies a signed note against known keys. Returns the names of the keys whose signatures
 * verified, in note order, each once. Lines from unknown keys (name + key hash not among
 * `keys`) are skipped, as note.Open does; a known key's line that does not verify, or a note
 * with no verified line at all, is refused.
 */
export function verifyNote(b: CryptoBackend, text: string, keys: Array<{ name: string; publicKey: Uint8Array }>): VerifiedNote {
  const parsed = parseSignedNote(text);
  if (!parsed.ok) return parsed;
  const known = new Map<string, Uint8Array>();
  for (const key of keys) known.set(`${key.name}+${toHex(noteKeyHash(b, key.name, key.publicKey))}`, key.publicKey);
  const message = utf8Encode(parsed.body);
  const verified: string[] = [];
  for (const sig of parsed.signatures) {
    const publicKey = known.get(`${sig.name}+${toHex(sig.keyHash)}`);
    if (!publicKey) continue;
    if (!b.ed25519Verify(sig.signature, message, publicKey)) return { ok: false, reason: "BAD_SIGNATURE", name: sig.name };
    if (!verified.includes(sig.name)) verified.push(sig.name);
  }
  if (verified.length === 0) return { ok: false, reason: "NO_VERIFIED_SIGNATURE" };
  return { ok: true, body: parsed.body, verified };
}

/**
 * Adds signature lines (cosignatures) to a signed note. Existing lines keep their order, so
 * the log key's line stays first; a line whose name + key hash is already present is dropped.
 * Throws on a malformed note or line (callers add lines they have already checked).
 */
export function addSignatureLines(noteText: string, lines: string[]): string {
  const parsed = parseSignedNote(noteText);
  if (!parsed.ok) throw new Error(`addSignatureLines: note is malformed (${parsed.reason})`);
  const signatures = [...parsed.signatures];
  const seen = new Set(signatures.map((s) => `${s.name}+${toHex(s.keyHash)}`));
  for (const line of lines) {
    const sig = parseSignatureLine(line);
    if (!sig) throw new Error(`addSignatureLines: malformed signature line ${JSON.stringify(line)}`);
    const id = `${sig.name}+${toHex(sig.keyHash)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    signatures.push(sig);
  }
  if (signatures.length > MAX_SIGNATURES) throw new Error("addSignatureLines: too many signatures");
  return `${parsed.body}\n${signatures.map((s) => formatSignatureLine(s.name, s.keyHash, s.signature)).join("")}`;
}
