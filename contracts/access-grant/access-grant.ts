// access-grant@1 — a department admin's permission for another department to touch the
// department's personal data: a standing rule ("authorise police.identity for registry
// requests on open applications") or a one-off grant for one application or request.
// A grant is itself a signed entry; every authorisation and read relying on it cites it.
import { z } from "zod";
import {
  accept,
  admitCommand,
  departmentSchema,
  instantMs,
  instantSchema,
  opaqueIdSchema,
  plainJson,
  reasonSchema,
  refuse,
  type ContractError,
  type ContractEvent,
  type Ctx,
  type DepartmentCode,
  type Reason,
} from "../shared/contract";

export const ACCESS_GRANT_CONTRACT = { name: "access-grant", version: 1, id: "access-grant@1" } as const;

export const ACCESS_GRANT_STATUSES = ["none", "active", "revoked", "expired"] as const;
export type AccessGrantStatus = (typeof ACCESS_GRANT_STATUSES)[number];
export const ACCESS_GRANT_ACTIONS = ["grant", "revoke", "expire"] as const;
export type AccessGrantAction = (typeof ACCESS_GRANT_ACTIONS)[number];

export const ACCESS_GRANT_TRANSITIONS = {
  none: ["grant"],
  active: ["revoke", "expire"],
  revoked: [],
  expired: [],
} as const satisfies Record<AccessGrantStatus, readonly AccessGrantAction[]>;

export const ACCESS_GRANT_ERROR_CODES = [
  "INVALID_COMMAND",
  "INVALID_TRANSITION",
  "FORBIDDEN",
  "GRANT_EXISTS",
  "ALREADY_ENDED",
  "NOT_YET_EXPIRED",
  "REASON_REQUIRED",
] as const;
export type AccessGrantErrorCode = (typeof ACCESS_GRANT_ERROR_CODES)[number];

export const ACCESS_GRANT_REFUSALS = {
  active: { grant: "GRANT_EXISTS" },
  revoked: { grant: "GRANT_EXISTS", revoke: "ALREADY_ENDED", expire: "ALREADY_ENDED" },
  expired: { grant: "GRANT_EXISTS", revoke: "ALREADY_ENDED", expire: "ALREADY_ENDED" },
} as const satisfies Partial<Record<AccessGrantStatus, Partial<Record<AccessGrantAction, AccessGrantErrorCode>>>>;

/** Why data is read; shown to the resident on their access log. */
export const ACCESS_PURPOSES = ["registration_check", "case_review", "record_revision"] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

export const grantScopeSchema = z.discriminatedUnion("kind", [
  /** Standing rule: any request on an application that is still open. */
  z.object({ kind: z.literal("open_applications") }),
  z.object({ kind: z.literal("application"), applicationId: opaqueIdSchema }),
  z.object({ kind: z.literal("request"), requestId: opaqueIdSchema }),
]);
export type GrantScope = z.infer<typeof grantScopeSchema>;

export const grantTermsSchema = z
  .object({
    kind: z.enum(["standing", "one_off"]),
    /** Whose data: the granting department. */
    department: departmentSchema,
    /** The check (`identity`) or read kind (`case_view`) the grant covers. */
    check: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
    /** Which department may ask. */
    requester: departmentSchema,
    purpose: z.enum(ACCESS_PURPOSES),
    scope: grantScopeSchema,
    validFrom: instantSchema,
    validUntil: instantSchema.nullable(),
  })
  .refine((t) => t.validUntil === null || instantMs(t.validUntil) > instantMs(t.validFrom), {
    message: "validUntil must be after validFrom",
    path: ["validUntil"],
  })
  .refine((t) => (t.kind === "standing") === (t.scope.kind === "open_applications"), {
    message: "a standing rule covers open applications; a one-off grant names one application or request",
    path: ["scope"],
  })
  .refine((t) => t.kind === "standing" || t.validUntil !== null, { message: "a one-off grant must end", path: ["validUntil"] });
export type GrantTerms = z.infer<typeof grantTermsSchema>;

export const accessGrantCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("grant"), grantId: opaqueIdSchema, terms: grantTermsSchema }),
  z.object({ type: z.literal("revoke"), reason: reasonSchema.optional() }),
  z.object({ type: z.literal("expire") }),
]);
export type AccessGrantCommand = z.input<typeof accessGrantCommandSchema>;

export interface AccessGrantState {
  readonly status: AccessGrantStatus;
  readonly grantId: string;
  readonly terms: GrantTerms | null;
  readonly grantedBy: string | null;
  readonly ended: { readonly by: string; readonly reason: Reason | null } | null;
}

export const INITIAL_ACCESS_GRANT: AccessGrantState = { status: "none", grantId: "", terms: null, grantedBy: null, ended: null };

export interface AccessGrantPayloads {
  "access_grant.granted": { readonly grantId: string; readonly terms: GrantTerms };
  "access_grant.revoked": { readonly grantId: string; readonly reason: Reason };
  "access_grant.expired": { readonly grantId: string; readonly validUntil: string };
}
export type AccessGrantEventType = keyof AccessGrantPayloads;
export type AccessGrantEvent = { [T in AccessGrantEventType]: ContractEvent<T, AccessGrantPayloads[T]> }[AccessGrantEventType];

export type AccessGrantDecision =
  | { readonly ok: true; readonly events: readonly AccessGrantEvent[] }
  | { readonly ok: false; readonly error: ContractError<AccessGrantErrorCode> };

function event<T extends AccessGrantEventType>(grantId: string, department: DepartmentCode, ctx: Ctx, type: T, payload: AccessGrantPayloads[T]): AccessGrantEvent {
  return { type, contract: ACCESS_GRANT_CONTRACT.id, department, actor: ctx.actor.id, subject: grantId, payload: plainJson(payload) } as AccessGrantEvent;
}

export function decide(state: AccessGrantState, command: AccessGrantCommand | unknown, ctx: Ctx): AccessGrantDecision {
  const admitted = admitCommand(accessGrantCommandSchema, ACCESS_GRANT_TRANSITIONS, ACCESS_GRANT_REFUSALS, state.status, command);
  if (!admitted.ok) return admitted;
  const cmd = admitted.value;
  const actor = ctx.actor;

  switch (cmd.type) {
    case "grant": {
      // Only the department that owns the data can open it to others.
      if (actor.role !== "department_admin" || actor.department !== cmd.terms.department) {
        return refuse("FORBIDDEN", `only the ${cmd.terms.department} department admin may grant access to its data`);
      }
      if (cmd.terms.validUntil !== null && instantMs(cmd.terms.validUntil) <= instantMs(ctx.at)) {
        return refuse("INVALID_COMMAND", "terms.validUntil: the grant would already have ended");
      }
      return accept(event(cmd.grantId, cmd.terms.department, ctx, "access_grant.granted", { grantId: cmd.grantId, terms: cmd.terms }));
    }
    case "revoke": {
      const terms = state.terms!;
      const own = actor.role === "department_admin" && actor.department === terms.department;
      if (!own && actor.role !== "senior_admin") return refuse("FORBIDDEN", `only the ${terms.department} department admin or a senior admin may revoke`);
      if (!cmd.reason) return refuse("REASON_REQUIRED", "say why the grant is revoked");
      return accept(event(state.grantId, terms.department, ctx, "access_grant.revoked", { grantId: state.grantId, reason: cmd.reason }));
    }
    case "expire": {
      const terms = state.terms!;
      if (terms.validUntil === null || instantMs(ctx.at) < instantMs(terms.validUntil)) {
        return refuse("NOT_YET_EXPIRED", terms.validUntil === null ? "this standing rule has no end date" : `valid until ${terms.validUntil}`);
      }
      return accept(event(state.grantId, terms.department, ctx, "access_grant.expired", { grantId: state.grantId, validUntil: terms.validUntil }));
    }
  }
}

export function evolve(state: AccessGrantState, e: AccessGrantEvent): AccessGrantState {
  switch (e.type) {
    case "access_grant.granted":
      return { status: "active", grantId: e.payload.grantId, terms: e.payload.terms, grantedBy: e.actor, ended: null };
    case "access_grant.revoked":
      return { ...state, status: "revoked", ended: { by: e.actor, reason: e.payload.reason } };
    case "access_grant.expired":
      return { ...state, status: "expired", ended: { by: e.actor, reason: null } };
  }
}

export function fold(events: readonly AccessGrantEvent[], initial: AccessGrantState = INITIAL_ACCESS_GRANT): AccessGrantState {
  return events.reduce(evolve, initial);
}

/** Groups a mixed list of grant events by grant and folds each: the live picture of all grants. */
export function foldAll(events: readonly AccessGrantEvent[]): AccessGrantState[] {
  const byId = new Map<string, AccessGrantState>();
  for (const e of events) byId.set(e.subject, evolve(byId.get(e.subject) ?? INITIAL_ACCESS_GRANT, e));
  return [...byId.values()];
}

export interface GrantQuery {
  /** Whose data. */
  readonly department: DepartmentCode;
  readonly check: string;
  /** Who is asking. */
  readonly requester: DepartmentCode;
  /** RFC 3339 instant of the read. */
  readonly at: string;
  readonly purpose?: AccessPurpose;
  readonly applicationId?: string;
  readonly requestId?: string;
  /** Whether the application is still open (standing rules cover only open ones). */
  readonly applicationOpen?: boolean;
}

/** True when the grant is in force at `q.at` and covers the query. Time is compared, not
 * trusted to a status: an `active` grant past its validUntil is already dead. */
export function grantCovers(grant: AccessGrantState, q: GrantQuery): boolean {
  const t = grant.terms;
  if (grant.status !== "active" || t === null) return false;
  if (t.department !== q.department || t.check !== q.check || t.requester !== q.requester) return false;
  if (q.purpose !== undefined && t.purpose !== q.purpose) return false;
  const at = instantMs(q.at);
  if (Number.isNaN(at) || at < instantMs(t.validFrom) || (t.validUntil !== null && at >= instantMs(t.validUntil))) return false;
  switch (t.scope.kind) {
    case "open_applications":
      return q.applicationOpen === true;
    case "application":
      return q.applicationId === t.scope.applicationId;
    case "request":
      return q.requestId === t.scope.requestId;
  }
}

/** The grant a read or authorisation may rely on, or null (the caller must then refuse).
 * Prefers the narrowest grant (request, then application, then standing), then the oldest id. */
export function findLiveGrant(grants: readonly AccessGrantState[], q: GrantQuery): AccessGrantState | null {
  const rank = { request: 0, application: 1, open_applications: 2 } as const;
  const live = grants.filter((g) => grantCovers(g, q));
  live.sort((a, b) => rank[a.terms!.scope.kind] - rank[b.terms!.scope.kind] || a.grantId.localeCompare(b.grantId));
  return live[0] ?? null;
}
