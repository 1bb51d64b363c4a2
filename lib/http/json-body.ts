// Request bodies of the JSON route handlers (a witness's cosignature, an institution's
// lookup): small by nature, so they are read with a cap instead of `request.json()`, which
// would buffer whatever a client sends. Compressed bodies are refused outright: Node does not
// inflate request bodies, and a gzip bomb is only a bomb to whoever inflates it.

/** Far above any honest body here (a lookup with ten disclosures is a few kB). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

export type JsonBody = { ok: true; value: unknown; empty: boolean } | { ok: false; response: Response };

function refuse(status: number, error: string): { ok: false; response: Response } {
  return { ok: false, response: Response.json({ error }, { status, headers: { "Cache-Control": "no-store" } }) };
}

/**
 * Reads at most `maxBytes` of the body and parses it as JSON. Answers 415 for a
 * Content-Encoding, 413 when the body (declared or actual) is too large — before reading it
 * when Content-Length says so — and 400 with `hint` when it is not JSON.
 */
export async function readJsonBody(request: Request, options: { hint: string; maxBytes?: number }): Promise<JsonBody> {
  const maxBytes = options.maxBytes ?? MAX_JSON_BODY_BYTES;
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "" && encoding !== "identity") {
    return refuse(415, `Send the body uncompressed: Content-Encoding "${encoding.slice(0, 40)}" is not accepted.`);
  }
  const tooLarge = `The body is larger than ${Math.round(maxBytes / 1024)} kB; ${options.hint}`;
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return refuse(413, tooLarge);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return refuse(413, tooLarge);
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  if (text.trim() === "") return { ok: true, value: undefined, empty: true };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, empty: false };
  } catch {
    return refuse(400, `The body must be JSON: ${options.hint}`);
  }
}
