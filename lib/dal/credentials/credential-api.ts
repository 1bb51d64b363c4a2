// HTTP handlers of the public credential API (DESIGN.md §6). Route files under
// app/api/credentials/ are one-line wrappers; the database is passed in so tests can call
// these with a throwaway one.
//
//   GET  /api/credentials/{id}         the normative proof bundle; ETag + If-None-Match;
//                                      with `Authorization: Bearer <key>` also logged as an
//                                      institutional lookup (the holder sees it)
//   POST /api/credentials/{id}/lookup  institutions: key + holder-shared disclosures →
//                                      status, claims and the disclosed claims
//
// Errors answer JSON {error} with 400/401/404/429/503, never 500 or a stack trace.
import type { Db } from "@/lib/db";
import { readJsonBody } from "@/lib/http/json-body";
import { createRateLimiter, rateLimitResponse, type RateLimiter } from "@/lib/http/rate-limit";
import { getCredentialAnswer } from "./get-credential-answer";
import { lookupWithKey } from "./lookup-with-key";

// Per address: bursts of 300, 30/s sustained. A verify page makes one call; a bank's batch
// job should sit behind a cache (answers carry an ETag and a one-second max-age).
const defaultLimiter = createRateLimiter({ capacity: 300, refillPerSecond: 30 });

// The status is live: caches may keep an answer for a second, then must revalidate (cheap
// with the ETag: a 304 when neither the status nor the checkpoint moved).
const ANSWER_CACHE = "public, max-age=1, must-revalidate";
/** How stale an answer this process may serve: the same second a cache in front may. */
const ANSWER_MAX_AGE_MS = 1000;

function error(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

async function guarded(request: Request, limiter: RateLimiter, run: () => Promise<Response>): Promise<Response> {
  const limited = rateLimitResponse(limiter, request);
  if (limited) return limited;
  try {
    return await run();
  } catch (failure) {
    console.error("[credentials api]", request.method, new URL(request.url).pathname, failure);
    return error(503, "The credential service is temporarily unavailable; try again shortly.", { "Retry-After": "5" });
  }
}

function bearerOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1]! : "";
}

function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
}

/** GET /api/credentials/{id} */
export function getCredential(db: Db, request: Request, id: string, limiter: RateLimiter = defaultLimiter): Promise<Response> {
  return guarded(request, limiter, async () => {
    const bearer = bearerOf(request);
    if (bearer !== null) {
      // An institution's call: authenticate and log it like a lookup without disclosures.
      const looked = await lookupWithKey(db, { bearer, id, body: {} });
      if (!looked.ok) return error(looked.status, looked.error, looked.status === 401 ? { "WWW-Authenticate": "Bearer" } : {});
    }
    const result = await getCredentialAnswer(db, id, { maxAgeMs: ANSWER_MAX_AGE_MS });
    if (!result.ok) {
      return result.status === 503 ? error(503, result.error, { "Retry-After": String(result.retryAfterSeconds) }) : error(404, result.error);
    }
    const headers: Record<string, string> = {
      "Cache-Control": bearer === null ? ANSWER_CACHE : "private, no-store",
      ETag: result.etag,
    };
    if (etagMatches(request.headers.get("if-none-match"), result.etag)) return new Response(null, { status: 304, headers });
    return new Response(result.body, { headers: { ...headers, "Content-Type": "application/json" } });
  });
}

/** POST /api/credentials/{id}/lookup with `Authorization: Bearer <key>` and JSON {disclosures?, purpose?} */
export function postLookup(db: Db, request: Request, id: string, limiter: RateLimiter = defaultLimiter): Promise<Response> {
  return guarded(request, limiter, async () => {
    const bearer = bearerOf(request);
    if (!bearer) return error(401, "Send your institution's API key as `Authorization: Bearer <key>`.", { "WWW-Authenticate": "Bearer" });
    const read = await readJsonBody(request, { hint: '{"disclosures": ["<from the holder\'s share link>"], "purpose": "mortgage"}.' });
    if (!read.ok) return read.response;
    const body = read.empty ? {} : read.value;
    const result = await lookupWithKey(db, { bearer, id, body });
    if (!result.ok) return error(result.status, result.error, result.status === 401 ? { "WWW-Authenticate": "Bearer" } : {});
    return Response.json(result.answer, { headers: { "Cache-Control": "private, no-store" } });
  });
}
