import { describe, expect, it } from "vitest";
import { MAX_DOCUMENT_BYTES, MAX_REQUEST_BODY_BYTES, oversizeBody } from "./body-limits";

describe("oversizeBody", () => {
  it("refuses a declared body over 11 MB (a 50 MB upload) before it is read", () => {
    expect(oversizeBody("POST", String(50 * 1024 * 1024))).toBe(true);
    expect(oversizeBody("POST", String(MAX_REQUEST_BODY_BYTES + 1))).toBe(true);
    expect(oversizeBody("PUT", "not a number")).toBe(true);
  });
  it("lets through one 10 MB document with its form, any GET, and a body of unknown length", () => {
    expect(MAX_REQUEST_BODY_BYTES).toBeGreaterThan(MAX_DOCUMENT_BYTES);
    expect(oversizeBody("POST", String(MAX_REQUEST_BODY_BYTES))).toBe(false);
    expect(oversizeBody("GET", String(50 * 1024 * 1024))).toBe(false);
    // Next.js forwards a server action to itself chunked; its own limits bound such bodies.
    expect(oversizeBody("POST", null)).toBe(false);
  });
});
