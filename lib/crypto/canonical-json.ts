// RFC 8785 JSON Canonicalization Scheme (JCS) via the `canonicalize` package, which sorts
// keys by UTF-16 code units and serialises numbers with ECMAScript Number-to-String, as the
// RFC requires. The package silently drops or converts values JSON cannot carry (undefined,
// functions, Dates via toJSON); a ledger entry must never change shape on the way to its
// hash, so such values are refused here first.
import canonicalize from "canonicalize";
import { hasLoneSurrogate } from "./bytes";

function assertJsonValue(value: unknown, path: string, seen: Set<object>): void {
  switch (typeof value) {
    case "string":
      if (hasLoneSurrogate(value)) throw new Error(`canonicalJson: lone surrogate at ${path}`);
      return;
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: non-finite number at ${path}`);
      return;
    case "object": {
      if (value === null) return;
      if (seen.has(value)) throw new Error(`canonicalJson: circular reference at ${path}`);
      seen.add(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw new Error(`canonicalJson: sparse array at ${path}[${i}]`);
          assertJsonValue(value[i], `${path}[${i}]`, seen);
        }
      } else {
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) {
          throw new Error(`canonicalJson: unsupported object (${proto?.constructor?.name ?? "?"}) at ${path}`);
        }
        if (Object.getOwnPropertySymbols(value).length > 0) {
          throw new Error(`canonicalJson: symbol key at ${path}`);
        }
        for (const [key, item] of Object.entries(value)) {
          if (hasLoneSurrogate(key)) throw new Error(`canonicalJson: lone surrogate in key at ${path}`);
          assertJsonValue(item, `${path}.${key}`, seen);
        }
      }
      seen.delete(value);
      return;
    }
    default:
      throw new Error(`canonicalJson: unsupported ${typeof value} at ${path}`);
  }
}

/** RFC 8785 canonical form of a JSON value; throws on anything that is not plain JSON. */
export function canonicalJson(value: unknown): string {
  assertJsonValue(value, "$", new Set());
  const text = canonicalize(value);
  if (typeof text !== "string") throw new Error("canonicalJson: value has no JSON form");
  return text;
}

/**
 * canonicalJson for a value fresh from JSON.parse, which can only hold plain JSON (the one
 * hazard, a lone surrogate from a "\ud800" escape, makes `canonicalize` throw). Skips the
 * structural walk; the ledger audit calls this once per entry.
 */
export function canonicalJsonOfParsed(value: unknown): string {
  const text = canonicalize(value);
  if (typeof text !== "string") throw new Error("canonicalJson: value has no JSON form");
  return text;
}
