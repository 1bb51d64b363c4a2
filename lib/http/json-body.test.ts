import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { MAX_JSON_BODY_BYTES, readJsonBody } from "./json-body";

const hint = '{"treeSize": 1, "line": "…"}';
const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://portal.test/api/ledger/cosignatures", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function refusal(request: Request) {
  const read = await readJsonBody(request, { hint });
  expect(read.ok).toBe(false);
  const response = (read as { ok: false; response: Response }).response;
  const body = (await response.json()) as { error: string };
  expect(body.error).not.toMatch(/\n\s+at |node_modules/);
  return { status: response.status, error: body.error };
}

/** A stream that counts what was pulled from it and could go on for 50 MB. */
function endless(): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.length;
      if (pulled > 50 * 1024 * 1024) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

describe("readJsonBody", () => {
  it("parses JSON, and says an empty body is empty", async () => {
    expect(await readJsonBody(post('{"treeSize": 3}'), { hint })).toEqual({ ok: true, value: { treeSize: 3 }, empty: false });
    expect(await readJsonBody(post(""), { hint })).toEqual({ ok: true, value: undefined, empty: true });
  });
  it("answers 400 with the expected shape when the body is not JSON", async () => {
    for (const body of ["treeSize=3", "{'treeSize': 3}", "\u0000\u0000", "[1,2"]) {
      const { status, error } = await refusal(post(body));
      expect(status).toBe(400);
      expect(error).toContain(hint);
    }
  });
  it("refuses a compressed body (a gzip bomb) with 415 without inflating it", async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
    expect((await refusal(post(bomb, { "content-encoding": "gzip" }))).status).toBe(415);
    expect((await refusal(post("{}", { "content-encoding": "deflate, br" }))).status).toBe(415);
  });
  it("refuses a declared 50 MB body with 413 before reading any of it", async () => {
    const { stream, pulled } = endless();
    expect((await refusal(post(stream, { "content-length": String(50 * 1024 * 1024) }))).status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(2 * 64 * 1024);
  });
  it("stops reading an undeclared body once it passes the limit", async () => {
    const { stream, pulled } = endless();
    expect((await refusal(post(stream))).status).toBe(413);
    expect(pulled()).toBeLessThan(MAX_JSON_BODY_BYTES + 4 * 64 * 1024);
  });
});
