import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/crypto/canonical-json";
import { decodeEntry, encodeEntry, isRfc3339Utc, parseEntry, type LedgerEntry } from "./entry";

const PREV = "5Sfcg028Sv6JzQeSqt4ZnOziLepsZoZxnA+MH0jjz5I=";

function sample(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    v: 1,
    seq: 3,
    type: "application.submitted",
    contract: "transfer@1",
    department: "registry",
    actor: "user:7f3a",
    time: "2026-11-23T10:00:00.123Z",
    subject: "application:a1b2",
    payload: { kind: "transfer", documents: ["sha256:ab"], answer: "yes", amount: 4.5 },
    prev: PREV,
    ...overrides,
  };
}

describe("encodeEntry", () => {
  it("gives the RFC 8785 form with sorted keys", () => {
    expect(encodeEntry(sample())).toBe(
      '{"actor":"user:7f3a","contract":"transfer@1","department":"registry",' +
        '"payload":{"amount":4.5,"answer":"yes","documents":["sha256:ab"],"kind":"transfer"},' +
        `"prev":"${PREV}","seq":3,"subject":"application:a1b2","time":"2026-11-23T10:00:00.123Z",` +
        '"type":"application.submitted","v":1}',
    );
  });

  // encodeEntry writes the ten fixed keys itself and canonicalises only the payload; the
  // text must be exactly what the general RFC 8785 canonicaliser gives for the whole entry.
  it.each<[string, Partial<LedgerEntry>]>([
    ["a plain entry", {}],
    ["entry 0", { seq: 0, prev: "" }],
    ["quotes and backslashes in references", { actor: 'user:"7f\\3a"', subject: "a\\b\"c" }],
    ["the largest seq", { seq: Number.MAX_SAFE_INTEGER }],
    ["a nested payload with non-ASCII text and numbers", { payload: { z: [1, 1e21, -0.5, { b: null, a: true }], "é": "漢字 \u2028", "": "", a: 1e-7 } }],
    ["an empty payload", { payload: {} }],
    ["a payload without a prototype", { payload: Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: 2 }) }],
    ["a nanosecond time", { time: "2026-11-23T10:00:00.123456789Z" }],
  ])("gives canonicalJson's text for %s, and parses it back", (_label, overrides) => {
    const entry = sample(overrides);
    const text = encodeEntry(entry);
    expect(text).toBe(canonicalJson(entry));
    expect(parseEntry(text)).toEqual({ ok: true, entry: JSON.parse(text) });
  });

  it("entry 0 has prev \"\"", () => {
    expect(() => encodeEntry(sample({ seq: 0, prev: "" }))).not.toThrow();
    expect(() => encodeEntry(sample({ seq: 0, prev: PREV }))).toThrow(/prev/);
    expect(() => encodeEntry(sample({ seq: 1, prev: "" }))).toThrow(/prev/);
  });

  it.each<[string, Partial<LedgerEntry> | Record<string, unknown>]>([
    ["v 2", { v: 2 }],
    ["negative seq", { seq: -1 }],
    ["fractional seq", { seq: 1.5 }],
    ["type without a dot", { type: "submitted" }],
    ["type with spaces", { type: "application. submitted" }],
    ["contract without version", { contract: "transfer" }],
    ["department in capitals", { department: "Registry" }],
    ["time without Z", { time: "2026-11-23T10:00:00+08:00" }],
    ["time without seconds", { time: "2026-11-23T10:00Z" }],
    ["impossible date", { time: "2026-02-30T10:00:00Z" }],
    ["actor with a space (a name)", { actor: "Zhang San" }],
    ["empty subject", { subject: "" }],
    ["payload array", { payload: [] as unknown as Record<string, unknown> }],
    ["payload with a Date", { payload: { at: new Date(0) } }],
    ["payload with undefined", { payload: { a: undefined } }],
    ["payload with NaN", { payload: { a: Number.NaN } }],
    ["prev not padded", { prev: PREV.slice(0, -1) }],
    ["prev of 31 bytes", { prev: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==" }],
    ["prev with non-canonical bits", { prev: "5Sfcg028Sv6JzQeSqt4ZnOziLepsZoZxnA+MH0jjz5J=" }],
    ["extra field", { extra: 1 }],
  ])("refuses %s", (_label, overrides) => {
    expect(() => encodeEntry({ ...sample(), ...overrides } as LedgerEntry)).toThrow();
  });
});

describe("parseEntry", () => {
  it("round-trips", () => {
    const text = encodeEntry(sample());
    expect(parseEntry(text)).toEqual({ ok: true, entry: sample() });
    expect(decodeEntry(text)).toEqual(sample());
  });

  it.each<[string, (canonical: string) => string, string]>([
    ["whitespace", (t) => t.replace(",", ", "), "NOT_CANONICAL"],
    ["pretty-printed", (t) => JSON.stringify(JSON.parse(t), null, 1), "NOT_CANONICAL"],
    ["keys out of order", (t) => JSON.stringify({ v: 1, ...JSON.parse(t) }), "NOT_CANONICAL"],
    ["escaped ASCII", (t) => t.replace('"actor"', '"\\u0061ctor"'), "NOT_CANONICAL"],
    ["number spelled 4.50", (t) => t.replace("4.5", "4.50"), "NOT_CANONICAL"],
    ["number spelled 3.0 (seq)", (t) => t.replace('"seq":3', '"seq":3.0'), "NOT_CANONICAL"],
    ["duplicate key", (t) => t.replace('"actor":"user:7f3a",', '"actor":"user:7f3a","actor":"user:7f3a",'), "NOT_CANONICAL"],
    ["trailing newline", (t) => `${t}\n`, "NOT_CANONICAL"],
    ["lone surrogate escape", (t) => t.replace('"yes"', '"\\ud800"'), "NOT_CANONICAL"],
    ["truncated", (t) => t.slice(0, -1), "NOT_JSON"],
    ["a string, not an object", () => '"entry"', "INVALID_ENTRY"],
    ["edited to an invalid field", (t) => t.replace('"v":1', '"v":2'), "INVALID_ENTRY"],
    ["too large", (t) => t.replace('"yes"', JSON.stringify("x".repeat(70_000))), "TOO_LARGE"],
  ])("refuses %s", (_label, edit, reason) => {
    const result = parseEntry(edit(encodeEntry(sample())));
    expect(result).toMatchObject({ ok: false, reason });
  });

  it("decodeEntry throws with the reason", () => {
    expect(() => decodeEntry("{}")).toThrow(/INVALID_ENTRY/);
  });
});

describe("isRfc3339Utc", () => {
  it.each([
    ["2026-11-23T23:59:59Z", true],
    ["2026-11-23T23:59:59.123456789Z", true],
    ["2024-02-29T00:00:00Z", true],
    ["2025-02-29T00:00:00Z", false],
    ["2026-11-23T24:00:00Z", false],
    ["2026-11-23 23:59:59Z", false],
    ["2026-11-23T23:59:59z", false],
    ["2026-11-23T23:59:59.Z", false],
  ])("%s → %s", (text, ok) => {
    expect(isRfc3339Utc(text)).toBe(ok);
  });
});
