// Verifies a property credential from its proof bundle without trusting the server that
// served it (DESIGN.md §6): the SD-JWT's signature by a listed credential key, the issuing
// ledger entry (its signature, its link to the credential), the entry's inclusion in the
// tree, and the checkpoint's log signature and department cosignatures. Browser-safe: runs
// on the public verify page with the noble backend and on the server with node:crypto.
import type { CryptoBackend } from "@/lib/crypto/backend";
import { bytesEqual, fromBase64, fromBase64Url, toBase64, toHex, utf8Decode, utf8Encode } from "@/lib/crypto/bytes";
import { parseEntry, timeMs } from "@/lib/ledger/entry";
import { checkRecord, leafHash } from "@/lib/ledger/merkle";
import { noteKeyHash, parseCheckpointBody, parseSignedNote, verifyNote } from "@/lib/ledger/note";
import { verifySdJwt } from "./sd-jwt";

/** The answer of `GET /api/credentials/{id}` (normative). */
export interface CredentialAnswer {
  id: string;
  status: "valid" | "superseded" | "revoked";
  sdJwt: string;
  ledger: {
    seq: number;
    checkpoint: string;
    inclusionProof: { seq: number; treeSize: number; leafHash: string; proof: string[] };
  };
}

/** One row of `GET /api/ledger/keys` (normative). */
export interface PublishedKey {
  name: string;
  department: string;
  role: "log" | "department" | "credential";
  status: "active" | "retired" | "revoked";
  publicKey: string;
  validFrom: string;
  validUntil: string | null;
}

/** One answer of `GET /api/ledger/entries/{seq}` (normative). */
export interface PublishedEntry {
  seq: number;
  entry: string;
  leafHash: string;
  signature: string;
  keyName: string;
}

export interface CredentialBundle {
  answer: CredentialAnswer;
  keys: PublishedKey[];
  entry: PublishedEntry;
  /** Disclosures the holder shared (from the URL fragment), base64url each. */
  disclosures?: string[];
}

export type CheckName = "sdJwt" | "entry" | "inclusion" | "checkpoint";

export type CheckOutcome =
  | { check: CheckName; ok: true; detail?: string }
  /** `code` QUORUM_NOT_MET: log-signed but not (yet) cosigned by enough departments — not a forgery. */
  | { check: CheckName; ok: false; reason: string; code?: "QUORUM_NOT_MET" };

export interface BundleVerdict {
  /** Every check passed: the credential is authentic and was logged. Status is separate. */
  authentic: boolean;
  checks: CheckOutcome[];
  status: CredentialAnswer["status"];
  claims?: Record<string, unknown>;
  disclosed?: Record<string, unknown>;
  cosigners: string[];
}

/** The digest the issuing entry carries of the credential's JWS: base64 SHA-256 of its ASCII. */
export function sdJwtDigest(b: CryptoBackend, jws: string): string {
  return toBase64(b.sha256(utf8Encode(jws)));
}

function validAt(key: PublishedKey, atMs: number): boolean {
  const from = timeMs(key.validFrom);
  const until = key.validUntil === null ? Infinity : timeMs(key.validUntil);
  return key.status !== "revoked" && from <= atMs && atMs < until;
}

function decodeKey(key: PublishedKey): Uint8Array | null {
  try {
    const bytes = fromBase64(key.publicKey);
    return bytes.length === 32 ? bytes : null;
  } catch {
    return null;
  }
}

export function verifyCredentialBundle(b: CryptoBackend, bundle: CredentialBundle, options: { quorum: number }): BundleVerdict {
  const { answer, keys, entry } = bundle;
  const checks: CheckOutcome[] = [];
  const verdict = (claims?: Record<string, unknown>, disclosed?: Record<string, unknown>, cosigners: string[] = []): BundleVerdict => ({
    authentic: checks.length === 4 && checks.every((c) => c.ok),
    checks,
    status: answer.status,
    claims,
    disclosed,
    cosigners,
  });

  // 1. The SD-JWT, signed by a credential key listed in the ledger's key set.
  const jws = answer.sdJwt.split("~")[0] ?? "";
  const kid = (() => {
    try {
      return JSON.parse(utf8Decode(fromBase64Url(jws.split(".")[0] ?? ""))).kid as unknown;
    } catch {
      return undefined;
    }
  })();
  const credentialKey = keys.find((k) => k.name === kid && k.role === "credential");
  const credentialKeyBytes = credentialKey && decodeKey(credentialKey);
  if (!credentialKey || !credentialKeyBytes) {
    checks.push({ check: "sdJwt", ok: false, reason: "the credential names no listed credential key" });
    return verdict();
  }
  const presented = bundle.disclosures?.length ? `${jws}~${bundle.disclosures.join("~")}~` : `${jws}~`;
  const sd = verifySdJwt(b, presented, credentialKeyBytes);
  if (!sd.ok) {
    checks.push({ check: "sdJwt", ok: false, reason: `${sd.reason}: ${sd.detail}` });
    return verdict();
  }
  if (sd.claims.credentialId !== answer.id) {
    checks.push({ check: "sdJwt", ok: false, reason: "the credential's id differs from the one asked for" });
    return verdict();
  }
  checks.push({ check: "sdJwt", ok: true, detail: credentialKey.name });

  // 2. The issuing entry: signed by its department's key, of type credential.issued, naming
  //    this credential and carrying the digest of exactly this JWS.
  const parsed = parseEntry(entry.entry);
  const entryKey = keys.find((k) => k.name === entry.keyName);
  const entryKeyBytes = entryKey && decodeKey(entryKey);
  const leaf = leafHash(b, utf8Encode(entry.entry));
  let entryProblem: string | null = null;
  if (!parsed.ok) entryProblem = `the issuing entry is not valid (${parsed.reason})`;
  else if (parsed.entry.seq !== answer.ledger.seq || entry.seq !== answer.ledger.seq) entryProblem = "the entry is not the one the credential cites";
  else if (parsed.entry.type !== "credential.issued") entryProblem = "the cited entry does not issue a credential";
  else if (parsed.entry.payload.credentialId !== answer.id) entryProblem = "the issuing entry names another credential";
  else if (parsed.entry.payload.sdJwtSha256 !== sdJwtDigest(b, jws)) entryProblem = "the credential differs from the one the ledger recorded";
  else if (sd.claims.ledgerSeq !== answer.ledger.seq) entryProblem = "the credential cites another ledger entry";
  else if (!entryKey || !entryKeyBytes || entryKey.department !== parsed.entry.department || entryKey.role !== "department")
    entryProblem = "the entry's signing key is not its department's";
  else if (!validAt(entryKey, timeMs(parsed.entry.time))) entryProblem = "the entry was signed outside its key's validity";
  else if (!b.ed25519Verify(safeBase64(entry.signature), utf8Encode(entry.entry), entryKeyBytes)) entryProblem = "the entry's signature does not verify";
  else if (!bytesEqual(leaf, safeBase64(answer.ledger.inclusionProof.leafHash))) entryProblem = "the proof is for another entry";
  if (entryProblem) {
    checks.push({ check: "entry", ok: false, reason: entryProblem });
    return verdict(sd.claims, sd.disclosed);
  }
  checks.push({ check: "entry", ok: true, detail: `seq ${answer.ledger.seq}` });

  // 3 + 4. The checkpoint (log signature first, then cosignatures) and the entry's inclusion.
  // Ed25519 in pure JS costs about a millisecond a signature in a browser, and a checkpoint
  // can carry a cosignature from every department: so cosignatures are verified in note order
  // only until the quorum is met (a bad line before that fails the check; lines after it
  // cannot make an already witnessed checkpoint any less so).
  const logKeys = keys.filter((k) => k.role === "log" && k.status !== "revoked");
  const cosignerKeys = keys.filter((k) => k.role === "department" && k.status === "active");
  const asNoteKeys = (list: PublishedKey[]) =>
    list.flatMap((k) => {
      const publicKey = decodeKey(k);
      return publicKey ? [{ name: k.name, publicKey }] : [];
    });
  const note = verifyNote(b, answer.ledger.checkpoint, asNoteKeys(logKeys));
  const parsedNote = parseSignedNote(answer.ledger.checkpoint);
  const body = note.ok ? parseCheckpointBody(note.body) : null;
  const proof = answer.ledger.inclusionProof;
  if (!note.ok || !parsedNote.ok || !body || !body.ok) {
    checks.push({ check: "inclusion", ok: false, reason: "the checkpoint cannot be read" });
    const why = !note.ok && note.reason === "NO_VERIFIED_SIGNATURE" ? "the checkpoint lacks the log's signature" : note.ok ? "the checkpoint body is malformed" : `checkpoint signature: ${note.reason}`;
    checks.push({ check: "checkpoint", ok: false, reason: why });
    return verdict(sd.claims, sd.disclosed);
  }
  const proofHashes = proof.proof.map(safeBase64);
  if (proof.treeSize !== body.size || proof.seq !== answer.ledger.seq || !checkRecord(b, proofHashes, body.size, body.rootHash, proof.seq, leaf)) {
    checks.push({ check: "inclusion", ok: false, reason: "the inclusion proof does not lead to the checkpoint's root" });
  } else {
    checks.push({ check: "inclusion", ok: true, detail: `tree size ${body.size}` });
  }
  const cosignerIds = new Map(asNoteKeys(cosignerKeys).map((k) => [`${k.name}+${toHex(noteKeyHash(b, k.name, k.publicKey))}`, k]));
  const message = utf8Encode(parsedNote.body);
  const cosigners: string[] = [];
  let badCosignature: string | null = null;
  for (const sig of parsedNote.signatures) {
    if (cosigners.length >= options.quorum) break;
    const key = cosignerIds.get(`${sig.name}+${toHex(sig.keyHash)}`);
    if (!key || cosigners.includes(key.name)) continue;
    if (!b.ed25519Verify(sig.signature, message, key.publicKey)) {
      badCosignature = key.name;
      break;
    }
    cosigners.push(key.name);
  }
  if (badCosignature) checks.push({ check: "checkpoint", ok: false, reason: `the cosignature of ${badCosignature} does not verify` });
  else if (cosigners.length < options.quorum)
    checks.push({ check: "checkpoint", ok: false, reason: `${cosigners.length} of ${options.quorum} department cosignatures`, code: "QUORUM_NOT_MET" });
  else checks.push({ check: "checkpoint", ok: true, detail: `${cosigners.length} cosignatures` });
  return verdict(sd.claims, sd.disclosed, cosigners);
}

function safeBase64(text: string): Uint8Array {
  try {
    return fromBase64(text);
  } catch {
    return new Uint8Array(0);
  }
}

