// The public ledger API of DESIGN.md §5 (normative): no sign-in, no personal data.
// Route files under app/api/ledger/ are one-line wrappers around these handlers, which take
// the database explicitly so tests can call them with a throwaway one.
//
// Errors: malformed or out-of-range parameters answer 400 with JSON {error}, never 500.
// Caching: an entry, and a proof for fixed sizes, never change (the log is append-only), so
// they are `immutable`; the checkpoint moves, so it is cached for a second only.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { toBase64 } from "@/lib/crypto/bytes";
import { readJsonBody } from "@/lib/http/json-body";
import { createRateLimiter, rateLimitResponse } from "@/lib/http/rate-limit";
import { addCosignature, latestCheckpoint, newestCheckpoint } from "./checkpoints";
import { listLedgerKeys, publicKeyInfo } from "./keys";
import { proveRecord, storedHashIndex } from "./merkle";
import { acceptRefusalReport, refusalReportBodySchema } from "./refusals";
import { consistencyProof, postgresLedgerStore } from "./store";

const IMMUTABLE = "public, max-age=31536000, immutable";
const CHECKPOINT_CACHE = "public, max-age=1";
const KEYS_CACHE = "public, max-age=60";

// Generous for people and auditors (bursts of 300, 20/s sustained per address); proofs at a
// fixed size are immutable, so bulk readers should sit behind a cache anyway.
const limiter = createRateLimiter({ capacity: 300, refillPerSecond: 20 });

function badRequest(error: string): Response {
  return Response.json({ error }, { status: 400, headers: { "Cache-Control": "no-store" } });
}

function json(body: unknown, cacheControl: string, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": cacheControl } });
}

type Parsed = { ok: true; value: number } | { ok: false; error: string };

/** A decimal count: digits only, no sign, no leading zeros, at most 2^53 - 1. */
export function parseCount(name: string, raw: string | null | undefined): Parsed {
  if (raw === null || raw === undefined || raw === "") return { ok: false, error: `${name} is required (a non-negative integer)` };
  if (/^-\d+$/.test(raw.trim())) return { ok: false, error: `${name} must not be negative (got ${JSON.stringify(raw)})` };
  if (!/^(0|[1-9]\d*)$/.test(raw)) return { ok: false, error: `${name} must be a non-negative decimal integer (got ${JSON.stringify(raw.slice(0, 40))})` };
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) return { ok: false, error: `${name} is too large` };
  return { ok: true, value };
}

async function guarded(request: Request, run: () => Promise<Response>): Promise<Response> {
  const limited = rateLimitResponse(limiter, request);
  if (limited) return limited;
  try {
    return await run();
  } catch (error) {
    // Never a stack trace to the client; the operator gets it in the log.
    console.error("[ledger api]", request.method, new URL(request.url).pathname, error);
    return Response.json({ error: "The ledger is temporarily unavailable; try again shortly." }, { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "5" } });
  }
}

function checkpointResponse(note: string | null): Response {
  if (note === null) {
    return Response.json({ error: "No checkpoint yet: the ledger is still empty." }, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return new Response(note, { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": CHECKPOINT_CACHE } });
}

/** GET /api/ledger/checkpoint — the latest (witnessed, when any is) checkpoint as a signed note. */
export function getCheckpoint(db: Db, request: Request): Promise<Response> {
  return guarded(request, async () => checkpointResponse((await latestCheckpoint(db))?.note ?? null));
}

/**
 * GET /api/ledger/checkpoint/newest — the newest log-signed checkpoint whether or not it is
 * witnessed yet: what witnesses fetch to cosign (the latest-witnessed one could never move
 * otherwise). Not part of the normative list; an addition.
 */
export function getNewestCheckpoint(db: Db, request: Request): Promise<Response> {
  return guarded(request, async () => checkpointResponse((await newestCheckpoint(db))?.note ?? null));
}

/** GET /api/ledger/keys */
export function getKeys(db: Db, request: Request): Promise<Response> {
  return guarded(request, async () => json((await listLedgerKeys(db)).map(publicKeyInfo), KEYS_CACHE));
}

/** GET /api/ledger/entries/{seq} */
export function getEntry(db: Db, request: Request, seqText: string): Promise<Response> {
  return guarded(request, async () => {
    const seq = parseCount("seq", seqText);
    if (!seq.ok) return badRequest(seq.error);
    const store = postgresLedgerStore(db);
    const entry = await store.entry(seq.value);
    if (!entry) return badRequest(`seq ${seq.value} is beyond the tree (size ${await store.treeSize()})`);
    return json({ seq: entry.seq, entry: entry.entry, leafHash: entry.leafHash, signature: entry.signature, keyName: entry.keyName }, IMMUTABLE);
  });
}

/** GET /api/ledger/proof/inclusion?seq=N&size=S with 0 ≤ N < S ≤ current size */
export function getInclusionProof(db: Db, request: Request): Promise<Response> {
  return guarded(request, async () => {
    const params = new URL(request.url).searchParams;
    const seq = parseCount("seq", params.get("seq"));
    if (!seq.ok) return badRequest(seq.error);
    const size = parseCount("size", params.get("size"));
    if (!size.ok) return badRequest(size.error);
    if (seq.value >= size.value) return badRequest(`seq must be smaller than size (got seq=${seq.value}, size=${size.value})`);
    const store = postgresLedgerStore(db);
    if (!(await store.hasSize(size.value))) return badRequest(`size ${size.value} is beyond the tree (current size ${await store.treeSize()})`);
    // The leaf hash rides along with the proof's one read of stored hashes.
    const leafIndex = storedHashIndex(0, seq.value);
    let leaf: Uint8Array | undefined;
    const proof = await proveRecord(nodeBackend, size.value, seq.value, async (indexes) => {
      const hashes = await store.readHashes([...indexes, leafIndex]);
      leaf = hashes.pop();
      return hashes;
    });
    leaf ??= (await store.readHashes([leafIndex]))[0]!; // a tree of one entry needs no proof hashes
    return json({ seq: seq.value, treeSize: size.value, leafHash: toBase64(leaf), proof: proof.map(toBase64) }, IMMUTABLE);
  });
}

/** GET /api/ledger/proof/consistency?from=M&to=N with 1 ≤ M ≤ N ≤ current size */
export function getConsistencyProof(db: Db, request: Request): Promise<Response> {
  return guarded(request, async () => {
    const params = new URL(request.url).searchParams;
    const from = parseCount("from", params.get("from"));
    if (!from.ok) return badRequest(from.error);
    const to = parseCount("to", params.get("to"));
    if (!to.ok) return badRequest(to.error);
    if (from.value < 1) return badRequest("from must be at least 1 (a consistency proof starts from a non-empty tree)");
    if (from.value > to.value) return badRequest(`from must not exceed to (got from=${from.value}, to=${to.value})`);
    const store = postgresLedgerStore(db);
    if (!(await store.hasSize(to.value))) return badRequest(`to ${to.value} is beyond the tree (current size ${await store.treeSize()})`);
    const proof = await consistencyProof(nodeBackend, store, from.value, to.value);
    return json({ from: from.value, to: to.value, proof: proof.map(toBase64) }, IMMUTABLE);
  });
}

const cosignatureBody = z.object({
  treeSize: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  line: z.string().min(1).max(1000),
});

/**
 * POST /api/ledger/cosignatures {treeSize, line} — a department witness's signed-note line
 * over the checkpoint of that size. The line authenticates itself (signature by an active
 * department key over the stored body); nothing else is trusted.
 */
export function postCosignature(db: Db, request: Request): Promise<Response> {
  return guarded(request, async () => {
    const read = await readJsonBody(request, { hint: '{"treeSize": <checkpoint size>, "line": "— <key name> <base64>\\n"}' });
    if (!read.ok) return read.response;
    const parsed = cosignatureBody.safeParse(read.value);
    if (!parsed.success) {
      return badRequest(`invalid cosignature: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`);
    }
    const result = await addCosignature(db, parsed.data);
    if (!result.ok) return Response.json({ error: result.error }, { status: result.status, headers: { "Cache-Control": "no-store" } });
    return Response.json({ ok: true, stored: result.stored }, { status: result.stored ? 201 : 200, headers: { "Cache-Control": "no-store" } });
  });
}

/**
 * POST /api/ledger/witness-refusals {report, signature} — a remote witness reports a
 * checkpoint it refused (non-normative; see lib/ledger/refusals.ts). The report authenticates
 * itself by the department key's signature; the refusal then shows on the health page.
 */
export function postWitnessRefusal(db: Db, request: Request): Promise<Response> {
  return guarded(request, async () => {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return badRequest('body must be JSON: {"report": "<report JSON text>", "signature": "<base64 Ed25519 signature>"} (npm run witness sends it)');
    }
    const parsed = refusalReportBodySchema.safeParse(body);
    if (!parsed.success) {
      return badRequest(`invalid refusal report: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`);
    }
    const result = await acceptRefusalReport(db, parsed.data);
    if (!result.ok) return Response.json({ error: result.error }, { status: result.status, headers: { "Cache-Control": "no-store" } });
    return Response.json({ ok: true, stored: result.stored }, { status: result.stored ? 201 : 200, headers: { "Cache-Control": "no-store" } });
  });
}
