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
const OPAQUE_REF_PATTERN = /^[\x21-\x7e]{1,200}$/;
const TYPE_PATTERN = /^[a-z][a-zA-Z0-9_]*(\.[a-z][a-zA-Z0-9_]*)+$/;
const CONTRACT_PATTERN = /^[a-z][a-z0-9_.-]*@[0-9A-Za-z][0-9A-Za-z.+-]*$/;
const DEPARTMENT_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;
const opaqueRef = z.string().regex(OPAQUE_REF_PATTERN, "an opaque reference: 1–200 printable ASCII characters, no spaces");

export const ledgerEntrySchema = z
  .strictObject({
    v: z.literal(1),
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    type: z.string().max(100).regex(TYPE_PATTERN, "an event type like application.submitted"),
    contract: z.string().max(100).regex(CONTRACT_PATTERN, "name@version, like transfer@3"),
    department: z.string().regex(DEPARTMENT_PATTERN, "a department code like registry"),
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

const ENTRY_FIELDS = 10; // v, seq, type, contract, department, actor, time, subject, payload, prev

/**
 * The append path's check (every append runs it, zod costs ~12 µs an entry here): true
 * only for an entry that ledgerEntrySchema certainly accepts, with exactly the ten fields,
 * every string field ASCII by its pattern and a payload whose prototype is Object's or null.
 * Anything else goes through the schema, which has the last word and the error message.
 */
function isPlainValidEntry(value: unknown): value is LedgerEntry {
  if (typeof value !== "object" || value === null || Object.keys(value).length !== ENTRY_FIELDS) return false;
  const { v, seq, type, contract, department, actor, time, subject, payload, prev } = value as Record<string, unknown>;
  if (v !== 1 || typeof seq !== "number" || !Number.isSafeInteger(seq) || seq < 0) return false;
  if (typeof type !== "string" || type.length > 100 || !TYPE_PATTERN.test(type)) return false;
  if (typeof contract !== "string" || contract.length > 100 || !CONTRACT_PATTERN.test(contract)) return false;
  if (typeof department !== "string" || !DEPARTMENT_PATTERN.test(department)) return false;
  if (typeof actor !== "string" || !OPAQUE_REF_PATTERN.test(actor)) return false;
  if (typeof subject !== "string" || !OPAQUE_REF_PATTERN.test(subject)) return false;
  if (typeof time !== "string" || !isRfc3339Utc(time)) return false;
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return false;
  const proto: unknown = Object.getPrototypeOf(payload);
  if (proto !== Object.prototype && proto !== null) return false;
  return seq === 0 ? prev === "" : typeof prev === "string" && isHash(prev);
}

/**
 * RFC 8785 form of an entry that passed isPlainValidEntry: its keys in sorted order (fixed:
 * actor < contract < department < payload < prev < seq < subject < time < type < v) and
 * its string fields, all printable ASCII, escaped by JSON.stringify exactly as RFC 8785
 * §3.2.2.2 escapes them. Only the payload needs the general canonicaliser
 * (`canonicalPayload`: the checking canonicalJson for a caller's object, the plain one for
 * a value fresh from JSON.parse).
 */
function canonicalPlainEntry(entry: LedgerEntry, canonicalPayload: (payload: unknown) => string): string {
  const str = JSON.stringify;
  return (
    `{"actor":${str(entry.actor)},"contract":${str(entry.contract)},"department":${str(entry.department)},` +
    `"payload":${canonicalPayload(entry.payload)},"prev":${str(entry.prev)},"seq":${entry.seq},` +
    `"subject":${str(entry.subject)},"time":${str(entry.time)},"type":${str(entry.type)},"v":1}`
  );
}

/** Validates an entry and returns its canonical text (the bytes to hash and sign). Throws if invalid. */
export function encodeEntry(entry: LedgerEntry): string {
  let text: string;
  if (isPlainValidEntry(entry)) {
    text = canonicalPlainEntry(entry, canonicalJson);
  } else {
    const result = ledgerEntrySchema.safeParse(entry);
    if (!result.success) throw new Error(`invalid ledger entry: ${describeIssues(result.error)}`);
    // Canonicalise the caller's object, not zod's copy: zod would drop nothing here (strict),
    // but the caller's payload is what must not contain undefined, Dates, and the like.
    text = canonicalJson(entry);
  }
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
  // The audit parses every entry: the schema only for what the quick check cannot vouch for.
  const plain = isPlainValidEntry(value);
  if (!plain) {
    const result = ledgerEntrySchema.safeParse(value);
    if (!result.success) return { ok: false, reason: "INVALID_ENTRY", detail: describeIssues(result.error) };
  }
  let canonical: string;
  try {
    canonical = plain ? canonicalPlainEntry(value as LedgerEntry, canonicalJsonOfParsed) : canonicalJsonOfParsed(value);
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
