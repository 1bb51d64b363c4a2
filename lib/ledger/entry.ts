// Ledger entries (DESIGN.md §5, normative): a JSON object in RFC 8785 canonical form, UTF-8.
// The canonical string is what is hashed (leaf = SHA-256(0x00 ‖ bytes)), signed (Ed25519
// over the same bytes) and served byte for byte, so an entry has exactly one valid text:
// parseEntry refuses any text that is not already the canonical form of a valid entry.
// Nothing here knows about real estate: type, contract, department and payload are opaque.
import { z } from "zod";
import { fromBase64 } from "@/lib/crypto/bytes";
import { canonicalJson, canonicalJsonOfParsed } from "@/lib/crypto/canonical-json";

export interface LedgerEntry {
  v: 1;
  seq: number;
  type: string;
  contract: string;
  department: string;
  actor: string;
  time: string;
  subject: string;
  payload: Record<string, unknown>;
  prev: string;
}

/** Upper bound on one entry's canonical text; payloads carry ids and hashes, never documents. */
export const MAX_ENTRY_LENGTH = 64 * 1024;

// RFC 3339 in UTC with "Z", optional fraction (Date#toISOString gives milliseconds).
const TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** True for an RFC 3339 UTC time with Z that names a real instant (no Feb 30, no hour 24). */
export function isRfc3339Utc(text: string): boolean {
  if (!TIME_PATTERN.test(text)) return false;
  const ms = Date.parse(text);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === text.slice(0, 19);
}

/** Milliseconds since the epoch of an entry or key time (sub-millisecond digits are dropped). */
export function timeMs(text: string): number {
  return Date.parse(text);
}

function isHash(text: string): boolean {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text)) return false;
  try {
    return fromBase64(text).length === 32;
  } catch {
    return false;
  }
}

// Opaque references (actor, subject): printable ASCII without spaces, so they can never
// smuggle a name; the data-access layer decides what they point to.
const opaqueRef = z.string().regex(/^[\x21-\x7e]{1,200}$/, "an opaque reference: 1–200 printable ASCII characters, no spaces");

export const ledgerEntrySchema = z
  .strictObject({
    v: z.literal(1),
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    type: z
      .string()
      .max(100)
      .regex(/^[a-z][a-zA-Z0-9_]*(\.[a-z][a-zA-Z0-9_]*)+$/, "an event type like application.submitted"),
    contract: z
      .string()
      .max(100)
      .regex(/^[a-z][a-z0-9_.-]*@[0-9A-Za-z][0-9A-Za-z.+-]*$/, "name@version, like transfer@3"),
    department: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "a department code like registry"),
    actor: opaqueRef,
    time: z.string().refine(isRfc3339Utc, "an RFC 3339 UTC time ending in Z"),
    subject: opaqueRef,
    payload: z.record(z.string(), z.unknown()),
    prev: z.string(),
  })
  .superRefine((entry, ctx) => {
    if (entry.seq === 0 && entry.prev !== "") {
      ctx.addIssue({ code: "custom", path: ["prev"], message: 'entry 0 has prev ""' });
    } else if (entry.seq > 0 && !isHash(entry.prev)) {
      ctx.addIssue({ code: "custom", path: ["prev"], message: "prev is the base64 leaf hash (32 bytes) of entry seq-1" });
    }
  });

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "entry"}: ${issue.message}`).join("; ");
}

/** Validates an entry and returns its canonical text (the bytes to hash and sign). Throws if invalid. */
export function encodeEntry(entry: LedgerEntry): string {
  const result = ledgerEntrySchema.safeParse(entry);
  if (!result.success) throw new Error(`invalid ledger entry: ${describeIssues(result.error)}`);
  // Canonicalise the caller's object, not zod's copy: zod would drop nothing here (strict),
  // but the caller's payload is what must not contain undefined, Dates, and the like.
  const text = canonicalJson(entry);
  if (text.length > MAX_ENTRY_LENGTH) throw new Error(`ledger entry is larger than ${MAX_ENTRY_LENGTH} characters`);
  return text;
}

export type EntryProblem = "TOO_LARGE" | "NOT_JSON" | "INVALID_ENTRY" | "NOT_CANONICAL";

export type ParsedEntry = { ok: true; entry: LedgerEntry } | { ok: false; reason: EntryProblem; detail: string };

/** Parses stored or served entry text; it must be valid and already in canonical form. */
export function parseEntry(text: string): ParsedEntry {
  if (typeof text !== "string") return { ok: false, reason: "NOT_JSON", detail: "entry is not a string" };
  if (text.length > MAX_ENTRY_LENGTH) return { ok: false, reason: "TOO_LARGE", detail: `longer than ${MAX_ENTRY_LENGTH} characters` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: "NOT_JSON", detail: error instanceof Error ? error.message : "not JSON" };
  }
  const result = ledgerEntrySchema.safeParse(value);
  if (!result.success) return { ok: false, reason: "INVALID_ENTRY", detail: describeIssues(result.error) };
  let canonical: string;
  try {
    canonical = canonicalJsonOfParsed(value);
  } catch (error) {
    return { ok: false, reason: "NOT_CANONICAL", detail: error instanceof Error ? error.message : "cannot canonicalise" };
  }
  // Catches reordered keys, whitespace, escapes, number spellings and duplicate keys alike.
  if (canonical !== text) return { ok: false, reason: "NOT_CANONICAL", detail: "text is not the RFC 8785 canonical form of its value" };
  return { ok: true, entry: value as LedgerEntry };
}

/** parseEntry for text that is known to be good (tests, freshly written rows); throws otherwise. */
export function decodeEntry(text: string): LedgerEntry {
  const result = parseEntry(text);
  if (!result.ok) throw new Error(`bad ledger entry (${result.reason}): ${result.detail}`);
  return result.entry;
}
