// Shared vocabulary of every contract: who acts, what a decision returns, what an event
// looks like. Pure TypeScript: no database, no clock, no Node APIs. Time is passed in.
import { z } from "zod";

/** Department codes (DESIGN.md §1). Kept here so contracts never import the database schema;
 * `codes.test.ts` keeps this list equal to `drizzle/schema/identity.ts`. */
export const DEPARTMENT_CODES = ["registry", "land", "housing", "tax", "police", "civil", "bank", "court"] as const;
export type DepartmentCode = (typeof DEPARTMENT_CODES)[number];
export const departmentSchema = z.enum(DEPARTMENT_CODES);

/** Account roles (DESIGN.md §1) plus `system`: a department adapter or the registry's own
 * automation acting without a person (answers, standing-rule authorisations). */
export const ACTOR_ROLES = ["resident", "clerk", "department_admin", "senior_admin", "institution", "system"] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const actorSchema = z.object({
  /** Opaque reference (user id); becomes the ledger entry's `actor`. Never a name or ID number. */
  id: z.string().min(1).max(200),
  role: z.enum(ACTOR_ROLES),
  department: departmentSchema.nullable(),
  /** Further party references this actor may act for: the resident's keyed-HMAC ID ref,
   * an institution's organisation ref. A party named by any of these is this actor. */
  actsFor: z.array(z.string().min(1).max(200)).max(20).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** What every `decide` is given besides state and command. `at` is RFC 3339 UTC. */
export interface Ctx {
  readonly actor: Actor;
  readonly at: string;
}

/** True when `ref` names this actor (its own id or a reference it acts for). */
export function actorIs(actor: Actor, ref: string): boolean {
  return actor.id === ref || (actor.actsFor ?? []).includes(ref);
}

/** One event = one ledger entry (DESIGN.md §5); the ledger adds v, seq, time, prev. */
export interface ContractEvent<Type extends string = string, Payload = unknown> {
  readonly type: Type;
  /** `name@version` of the contract that emitted it. */
  readonly contract: string;
  /** Whose department key signs the entry. */
  readonly department: DepartmentCode;
  readonly actor: string;
  readonly subject: string;
  /** No personal data: opaque ids, keyed-HMAC refs, hashes, yes/no, reason codes. */
  readonly payload: Payload;
}

export interface ContractError<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
}

export type Decision<Event, Code extends string> =
  | { readonly ok: true; readonly events: readonly Event[] }
  | { readonly ok: false; readonly error: ContractError<Code> };

export function accept<Event>(...events: Event[]): { ok: true; events: readonly Event[] } {
  return { ok: true, events };
}

export function refuse<Code extends string>(code: Code, message: string): { ok: false; error: ContractError<Code> } {
  return { ok: false, error: { code, message } };
}

/** Codes every contract can answer with. */
export const COMMON_ERROR_CODES = ["INVALID_COMMAND", "INVALID_TRANSITION", "FORBIDDEN", "MISSING_CONTEXT"] as const;
export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number];

/** Status check shared by every `decide`: the transition table is the only source of truth
 * for which actions a status allows; a refusal table may name a sharper code for some
 * refused pairs (a second answer is `REPLAYED_ANSWER`, not just "invalid"). */
export function checkTransition<Status extends string, Action extends string, Code extends string>(
  transitions: Record<Status, readonly Action[]>,
  refusals: Partial<Record<Status, Partial<Record<Action, Code>>>>,
  status: Status,
  action: Action,
): ContractError<Code | "INVALID_TRANSITION"> | null {
  if (transitions[status].includes(action)) return null;
  const code = refusals[status]?.[action] ?? "INVALID_TRANSITION";
  return { code, message: `"${action}" is not possible while the case is "${status}"` };
}

/** Parses a command with its zod schema; a failure becomes INVALID_COMMAND with the first issue. */
export function parseCommand<T>(
  schema: z.ZodType<T>,
  command: unknown,
): { ok: true; value: T } | { ok: false; error: ContractError<"INVALID_COMMAND"> } {
  const parsed = schema.safeParse(command);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return { ok: false, error: { code: "INVALID_COMMAND", message: `${where}${issue?.message ?? "invalid command"}` } };
}

/**
 * The prelude of every `decide`: parse the command, then check that its action is open in the
 * current status (the transition table), so no contract can skip either step.
 */
export function admitCommand<Status extends string, Action extends string, Code extends string, T extends { type: Action }>(
  schema: z.ZodType<T>,
  transitions: Record<Status, readonly Action[]>,
  refusals: Partial<Record<Status, Partial<Record<Action, Code>>>>,
  status: Status,
  command: unknown,
): { ok: true; value: T } | { ok: false; error: ContractError<Code | "INVALID_TRANSITION" | "INVALID_COMMAND"> } {
  const parsed = parseCommand(schema, command);
  if (!parsed.ok) return parsed;
  const blocked = checkTransition(transitions, refusals, status, parsed.value.type);
  return blocked ? { ok: false, error: blocked } : parsed;
}

// Value formats that may appear in payloads.
/** Lowercase hex SHA-256 (documents, off-ledger notes). */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, "expected a lowercase hex SHA-256");
/** Base64 (RFC 4648 §4, padded) SHA-256, the ledger's leaf-hash encoding (DESIGN.md §5). */
export const hashBase64Schema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, "expected a base64 SHA-256 (44 characters)");
/** Opaque identifiers: uuids, keyed-HMAC refs, composite ids. No spaces, bounded. */
export const opaqueIdSchema = z.string().regex(/^[A-Za-z0-9_.:\/+=-]{1,200}$/, "expected an opaque id");
/** Reason codes are machine codes; the UI translates them. Free text never reaches the ledger. */
export const reasonCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, "expected a reason code like spouse_consent_missing");
/** RFC 3339 UTC with Z. */
export const instantSchema = z.iso.datetime({ offset: false });

/** A reason: a code, and optionally the SHA-256 of an explanatory note kept off the ledger
 * (encrypted by the data-access layer), so the entry can prove which note was meant. */
export const reasonSchema = z.object({ code: reasonCodeSchema, noteSha256: sha256HexSchema.optional() });
export type Reason = z.infer<typeof reasonSchema>;

/** Milliseconds since the epoch for an RFC 3339 instant; NaN when malformed. */
export function instantMs(at: string): number {
  return Date.parse(at);
}

/** A payload as the ledger will store it: plain JSON, no `undefined` keys (RFC 8785 has no
 * undefined), no class instances. Applying it at emission means the event a use-case holds
 * is byte-for-byte what a later fold reads back from the ledger. */
export function plainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
