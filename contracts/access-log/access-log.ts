// access-log@1 — every read of personal data names what authorised it (DESIGN.md §2 step 6,
// §7). `decideRead` is called by whoever is about to read (a department adapter answering a
// request, a clerk opening a case, an admin revising a record) BEFORE reading. Both outcomes
// produce an entry to append: `access.read` citing the authorisation, or `access.refused`
// when there is none — the caller must then not read.
import { z } from "zod";
import { ACCESS_PURPOSES, findLiveGrant, grantCovers, type AccessGrantState, type AccessPurpose } from "../access-grant/access-grant";
import type { VerificationRequestState } from "../verification-request/verification-request";
import { departmentSchema, opaqueIdSchema, parseCommand, plainJson, type ContractError, type ContractEvent, type Ctx, type DepartmentCode } from "../shared/contract";

export const ACCESS_LOG_CONTRACT = { name: "access-log", version: 1, id: "access-log@1" } as const;

export const readRequestSchema = z.object({
  /** Whose data is read (that department signs the entry). */
  department: departmentSchema,
  /** What is read: a check name (`identity`) or a read kind (`case_view`). */
  check: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
  purpose: z.enum(ACCESS_PURPOSES),
  /** The person whose data it is: their keyed-HMAC ref. The entry's subject, so a resident's
   * access log is the entries whose subject is their ref. */
  subjectRef: opaqueIdSchema,
  applicationId: opaqueIdSchema.optional(),
  applicationOpen: z.boolean().optional(),
});
export type ReadRequest = z.input<typeof readRequestSchema>;

/** What the read relies on: an authorised verification request, or the grants in force. */
export type ReadBasis =
  | { readonly kind: "request"; readonly request: VerificationRequestState; readonly grants?: readonly AccessGrantState[] }
  | { readonly kind: "grants"; readonly grants: readonly AccessGrantState[] };

export type CitedAuthorisation =
  | { readonly kind: "request"; readonly requestId: string; readonly via: "admin" | "standing_rule"; readonly grantId: string | null; readonly authorisedBy: string }
  | { readonly kind: "grant"; readonly grantId: string; readonly authorisedBy: string };

interface Base {
  readonly department: DepartmentCode;
  readonly check: string;
  readonly purpose: AccessPurpose;
  /** Department of the reader. */
  readonly requester: DepartmentCode | null;
  readonly applicationId: string | null;
}
export interface AccessLogPayloads {
  "access.read": Base & { readonly authorisation: CitedAuthorisation };
  "access.refused": Base & { readonly code: AccessRefusalCode };
}
export type AccessLogEvent = { [T in keyof AccessLogPayloads]: ContractEvent<T, AccessLogPayloads[T]> }[keyof AccessLogPayloads];

export type AccessRefusalCode = "NO_LIVE_GRANT" | "NOT_AUTHORISED" | "FORBIDDEN";

export type ReadDecision =
  | { readonly ok: true; readonly events: readonly [AccessLogEvent]; readonly authorisation: CitedAuthorisation }
  /** Refused: do not read, but DO append `events` (the refusal is recorded). */
  | { readonly ok: false; readonly error: ContractError<AccessRefusalCode>; readonly events: readonly [AccessLogEvent] }
  | { readonly ok: false; readonly error: ContractError<"INVALID_COMMAND">; readonly events: readonly [] };

export function decideRead(input: ReadRequest | unknown, basis: ReadBasis, ctx: Ctx): ReadDecision {
  const parsed = parseCommand(readRequestSchema, input);
  if (!parsed.ok) return { ...parsed, events: [] };
  const read = parsed.value;
  const base: Base = {
    department: read.department,
    check: read.check,
    purpose: read.purpose,
    requester: ctx.actor.department,
    applicationId: read.applicationId ?? null,
  };
  const entry = <T extends keyof AccessLogPayloads>(type: T, payload: AccessLogPayloads[T]): AccessLogEvent =>
    ({ type, contract: ACCESS_LOG_CONTRACT.id, department: read.department, actor: ctx.actor.id, subject: read.subjectRef, payload: plainJson(payload) }) as AccessLogEvent;
  const refused = (code: AccessRefusalCode, message: string): ReadDecision => ({
    ok: false,
    error: { code, message },
    events: [entry("access.refused", { ...base, code })],
  });

  if (ctx.actor.department === null || ctx.actor.role === "resident" || ctx.actor.role === "institution") {
    return refused("FORBIDDEN", "only staff and department systems read personal data");
  }

  if (basis.kind === "request") {
    const r = basis.request;
    // The request authorises exactly its own check, about its own subject, for its department.
    const matches =
      r.department === read.department && r.check === read.check && r.subjectRef === read.subjectRef && ctx.actor.department === read.department;
    if (!matches) return refused("FORBIDDEN", "this request does not cover that read");
    if (r.status !== "authorised" || r.authorisation === null) return refused("NOT_AUTHORISED", `request ${r.requestId} is ${r.status}, not authorised`);
    const a = r.authorisation;
    if (a.via === "standing_rule") {
      // The rule must still be in force at the moment of the read, not only when it authorised.
      const grant = (basis.grants ?? []).find((g) => g.grantId === a.grantId);
      const live =
        grant !== undefined &&
        grantCovers(grant, {
          department: r.department!,
          check: r.check,
          requester: r.requester!,
          at: ctx.at,
          purpose: "registration_check",
          applicationId: r.applicationId,
          requestId: r.requestId,
          applicationOpen: read.applicationOpen,
        });
      if (!live) return refused("NO_LIVE_GRANT", `standing rule ${a.grantId} is no longer in force`);
    }
    const authorisation: CitedAuthorisation = { kind: "request", requestId: r.requestId, via: a.via, grantId: a.grantId, authorisedBy: a.authorisedBy };
    return { ok: true, authorisation, events: [entry("access.read", { ...base, authorisation })] };
  }

  const grant = findLiveGrant(basis.grants, {
    department: read.department,
    check: read.check,
    requester: ctx.actor.department,
    at: ctx.at,
    purpose: read.purpose,
    applicationId: read.applicationId,
    applicationOpen: read.applicationOpen,
  });
  if (!grant) return refused("NO_LIVE_GRANT", `no live grant lets ${ctx.actor.department} read ${read.department}.${read.check}`);
  const authorisation: CitedAuthorisation = { kind: "grant", grantId: grant.grantId, authorisedBy: grant.grantedBy! };
  return { ok: true, authorisation, events: [entry("access.read", { ...base, authorisation })] };
}
