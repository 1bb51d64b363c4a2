// How large a request body may be. Pure (no Node APIs): proxy.ts, the data-access layer and
// the upload forms in the browser share it; next.config.ts repeats the action limit in words.

/** One uploaded document (lib/dal/registration/documents.ts). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * A whole request: one document plus the form around it. next.config.ts sets the server-action
 * limit and the proxy's body buffer to the same 11 MB, and proxy.ts refuses a larger declared
 * Content-Length with 413 before anything reads the body.
 */
export const MAX_REQUEST_BODY_BYTES = 11 * 1024 * 1024;

/**
 * Whether a request must be refused before its body is read: a declared length over the limit.
 * A body of unknown length (chunked) goes on: Next.js forwards a server action posted to a page
 * that does not offer it to itself in exactly that form, and the action limit (11 MB) and the
 * route handlers' own caps (lib/http/json-body.ts) bound what such a body can make us hold.
 */
export function oversizeBody(method: string, contentLength: string | null): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  if (contentLength === null || contentLength.trim() === "") return false;
  const declared = Number(contentLength);
  return !(Number.isFinite(declared) && declared <= MAX_REQUEST_BODY_BYTES);
}
