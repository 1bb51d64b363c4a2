// The answer of `GET /api/credentials/{id}` (DESIGN.md §6, normative):
//   {id, status, sdJwt "<JWS>~", ledger: {seq, checkpoint, inclusionProof}}
// The checkpoint is the latest witnessed one that covers the issuing entry (before it is
// witnessed, the newest log-signed one that covers it), and the inclusion proof is for
// exactly that checkpoint's size, so the bundle verifies on its own.
//
// This is the hot read path (banks, courts, caches in front): a proof for a (seq, size)
// pair never changes, so proofs are memoised per process; the checkpoint is re-read at most
// every CHECKPOINT_TTL_MS. Callers that accept it (the public API, whose answers say
// `max-age=1` anyway) take a whole answer up to `maxAgeMs` old, serialised once: on embedded
// PGlite a single query costs about a millisecond, as much as a whole trivial request, so
// the API cannot afford one per call. Status changes made by this process drop the cached
// answer at once (forgetCredentials); other instances see them within maxAgeMs. The verify
// page and the lookups read fresh (maxAgeMs 0).
import { eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db";
import { credentials, CREDENTIAL_ID_PATTERN } from "@/lib/db/schema";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { toBase64, toBase64Url, utf8Encode } from "@/lib/crypto/bytes";
import type { CredentialAnswer } from "@/lib/credentials/verify-bundle";
import { latestCheckpoint, newestCheckpoint, type Checkpoint } from "@/lib/ledger/checkpoints";
import { storedHashIndex } from "@/lib/ledger/merkle";
import { inclusionProof, postgresLedgerStore } from "@/lib/ledger/store";

export type CredentialAnswerResult =
  | { ok: true; answer: CredentialAnswer; etag: string; supersededBy: string | null; /** `answer` as JSON text. */ body: string }
  | { ok: false; status: 404; error: string }
  /** Issued moments ago: no checkpoint covers it yet (the publisher runs every ~200 ms). */
  | { ok: false; status: 503; error: string; retryAfterSeconds: number };

export function isCredentialId(id: string): boolean {
  return CREDENTIAL_ID_PATTERN.test(id);
}

const CHECKPOINT_TTL_MS = 500;
// Keyed by database instance too: tests open many databases in one process.
const checkpointCache = new WeakMap<object, { at: number; checkpoint: Promise<Checkpoint | null> }>();

function cachedLatestCheckpoint(q: Queryable, now: number): Promise<Checkpoint | null> {
  const hit = checkpointCache.get(q);
  if (hit && now - hit.at < CHECKPOINT_TTL_MS) return hit.checkpoint;
  const checkpoint = latestCheckpoint(q);
  checkpointCache.set(q, { at: now, checkpoint });
  checkpoint.catch(() => checkpointCache.delete(q));
  return checkpoint;
}

type InclusionProofJson = CredentialAnswer["ledger"]["inclusionProof"];
const PROOF_CACHE_LIMIT = 10_000;
const proofCache = new WeakMap<object, Map<string, InclusionProofJson>>();

async function cachedInclusionProof(q: Queryable, rootHash: string, seq: number, size: number): Promise<InclusionProofJson> {
  let perDb = proofCache.get(q);
  if (!perDb) proofCache.set(q, (perDb = new Map()));
  // The root pins the tree: a proof cached for one database can never answer for another.
  const id = `${rootHash}:${seq}:${size}`;
  const hit = perDb.get(id);
  if (hit) return hit;
  const store = postgresLedgerStore(q);
  const [proof, [leaf]] = await Promise.all([inclusionProof(nodeBackend, store, seq, size), store.readHashes([storedHashIndex(0, seq)])]);
  const json = { seq, treeSize: size, leafHash: toBase64(leaf!), proof: proof.map(toBase64) };
  if (perDb.size >= PROOF_CACHE_LIMIT) perDb.clear();
  perDb.set(id, json);
  return json;
}

/** Strong ETag of an answer: the answer changes when the status or the checkpoint does. */
function etagOf(answer: CredentialAnswer): string {
  const digest = nodeBackend.sha256(utf8Encode(`${answer.id}\n${answer.status}\n${answer.ledger.checkpoint}`));
  return `"${toBase64Url(digest.subarray(0, 18))}"`;
}

type Found = Extract<CredentialAnswerResult, { ok: true }>;
const ANSWER_CACHE_LIMIT = 50_000;
const COMMIT_SETTLE_MS = 2000;
const answerCache = new WeakMap<object, Map<string, { at: number; found: Found }>>();
/** When each credential's status last changed in this process (ms); answers older are stale. */
const changedAt = new Map<string, number>();

/** Drops cached answers of credentials whose status this process just changed. */
export function forgetCredentials(ids: readonly string[], now: number = Date.now()): void {
  for (const id of ids) changedAt.set(id, now);
  if (changedAt.size > ANSWER_CACHE_LIMIT) {
    for (const [id, at] of changedAt) if (now - at > 60_000) changedAt.delete(id);
  }
}

export async function getCredentialAnswer(
  q: Queryable,
  id: string,
  options: { now?: number; maxAgeMs?: number } = {},
): Promise<CredentialAnswerResult> {
  const now = options.now ?? Date.now();
  const maxAgeMs = options.maxAgeMs ?? 0;
  if (maxAgeMs > 0) {
    const hit = answerCache.get(q)?.get(id);
    // forgetCredentials runs inside the changing transaction, before its commit: an answer read
    // in the moments after it may still be the old one, so those are never trusted.
    if (hit && now - hit.at < maxAgeMs && (changedAt.get(id) ?? -Infinity) + COMMIT_SETTLE_MS < hit.at) return hit.found;
  }
  const result = await readCredentialAnswer(q, id, now);
  if (result.ok && maxAgeMs > 0) {
    let perDb = answerCache.get(q);
    if (!perDb) answerCache.set(q, (perDb = new Map()));
    if (perDb.size >= ANSWER_CACHE_LIMIT) perDb.clear();
    perDb.set(id, { at: now, found: result });
  }
  return result;
}

async function readCredentialAnswer(q: Queryable, id: string, now: number): Promise<CredentialAnswerResult> {
  if (!isCredentialId(id)) return { ok: false, status: 404, error: "No credential has this id (ids are 6–100 characters of A–Z, a–z, 0–9, _ . : -)." };
  const [row] = await q
    .select({ id: credentials.id, status: credentials.status, sdJwt: credentials.sdJwt, ledgerSeq: credentials.ledgerSeq, supersededBy: credentials.supersededBy })
    .from(credentials)
    .where(eq(credentials.id, id));
  if (!row) return { ok: false, status: 404, error: `No credential has the id ${id}.` };
  let checkpoint = await cachedLatestCheckpoint(q, now);
  if (!checkpoint || checkpoint.treeSize <= row.ledgerSeq) {
    // Newer than the latest witnessed checkpoint: serve the newest log-signed one covering it.
    checkpoint = await newestCheckpoint(q);
  }
  if (!checkpoint || checkpoint.treeSize <= row.ledgerSeq) {
    return { ok: false, status: 503, error: "This credential was issued moments ago and is being logged; try again in a second.", retryAfterSeconds: 1 };
  }
  const answer: CredentialAnswer = {
    id: row.id,
    status: row.status,
    sdJwt: row.sdJwt,
    ledger: {
      seq: row.ledgerSeq,
      checkpoint: checkpoint.note,
      inclusionProof: await cachedInclusionProof(q, checkpoint.rootHash, row.ledgerSeq, checkpoint.treeSize),
    },
  };
  return { ok: true, answer, etag: etagOf(answer), supersededBy: row.supersededBy, body: JSON.stringify(answer) };
}
