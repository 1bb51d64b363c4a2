// verification-request@1 — one yes/no question from the registry to a department about one
// party or property (DESIGN.md §2 steps 3–4). The department's admin authorises it (or a
// standing rule does, and is named); only then may the department's adapter read its own
// records and answer, bound to this request's id.
import { z } from "zod";
import {
  accept,
  admitCommand,
  departmentSchema,
  opaqueIdSchema,
  plainJson,
  reasonCodeSchema,
  reasonSchema,
  refuse,
  type ContractError,
  type ContractEvent,
  type Ctx,
  type DepartmentCode,
  type Reason,
} from "../shared/contract";
import { RULE_PARTIES, type RuleParty } from "../rules/rules";
import { findLiveGrant, type AccessGrantState } from "../access-grant/access-grant";
import type { RegistrationEventOf } from "../registration/registration";

export const VERIFICATION_REQUEST_CONTRACT = { name: "verification-request", version: 1, id: "verification-request@1" } as const;

export const VERIFICATION_STATUSES = ["none", "requested", "authorised", "refused", "answered_yes", "answered_no", "blocked", "cancelled"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export const VERIFICATION_ACTIONS = ["raise", "authorise", "refuse", "answer", "block", "cancel"] as const;
export type VerificationAction = (typeof VERIFICATION_ACTIONS)[number];

export const VERIFICATION_TRANSITIONS = {
  none: ["raise"],
  requested: ["authorise", "refuse", "cancel"],
  // `block`: authorised, but the department cannot answer (its grant lapsed before the read,
  // the record is unavailable); the registry sees the check blocked, nothing was read.
  authorised: ["answer", "block", "cancel"],
  refused: [],
  answered_yes: [],
  answered_no: [],
  blocked: [],
  cancelled: [],
} as const satisfies Record<VerificationStatus, readonly VerificationAction[]>;

export const VERIFICATION_ERROR_CODES = [
  "INVALID_COMMAND",
  "INVALID_TRANSITION",
  "FORBIDDEN",
  "MISSING_CONTEXT",
  "ALREADY_DECIDED",
  "SEPARATION_OF_DUTIES",
  "NO_LIVE_GRANT",
  "NOT_AUTHORISED",
  "REPLAYED_ANSWER",
  "REASON_REQUIRED",
] as const;
export type VerificationErrorCode = (typeof VERIFICATION_ERROR_CODES)[number];

const answered = { answer: "REPLAYED_ANSWER", authorise: "ALREADY_DECIDED", refuse: "ALREADY_DECIDED" } as const;
const closed = { answer: "NOT_AUTHORISED", authorise: "ALREADY_DECIDED", refuse: "ALREADY_DECIDED" } as const;
export const VERIFICATION_REFUSALS = {
  requested: { answer: "NOT_AUTHORISED" },
  authorised: { authorise: "ALREADY_DECIDED", refuse: "ALREADY_DECIDED" },
  refused: closed,
  blocked: closed,
  cancelled: closed,
  answered_yes: answered,
  answered_no: answered,
} as const satisfies Partial<Record<VerificationStatus, Partial<Record<VerificationAction, VerificationErrorCode>>>>;

export const verificationCommandSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("raise"),
    requestId: opaqueIdSchema,
    applicationId: opaqueIdSchema,
    department: departmentSchema.exclude(["registry"]),
    check: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
    party: z.enum(RULE_PARTIES),
    /** Party ref (keyed HMAC) or unit number the department looks up. */
    subjectRef: opaqueIdSchema,
    ruleVersion: z.number().int().min(1),
    expectedHours: z.number().min(0).max(24 * 90),
  }),
  z.discriminatedUnion("via", [
    z.object({ type: z.literal("authorise"), via: z.literal("admin") }),
    z.object({ type: z.literal("authorise"), via: z.literal("standing_rule"), grantId: opaqueIdSchema }),
  ]),
  z.object({ type: z.literal("refuse"), reason: reasonSchema.optional() }),
  z.object({ type: z.literal("answer"), requestId: opaqueIdSchema, answer: z.enum(["yes", "no"]), reasonCode: reasonCodeSchema.nullable().default(null) }),
  z.object({ type: z.literal("block"), reasonCode: reasonCodeSchema }),
  z.object({ type: z.literal("cancel"), reasonCode: reasonCodeSchema }),
]);
export type VerificationCommand = z.input<typeof verificationCommandSchema>;

export interface VerificationCtx extends Ctx {
  /** Grants known now (for a standing-rule authorisation). */
  readonly grants?: readonly AccessGrantState[];
  /** Whether the application is still open; standing rules cover only open applications. */
  readonly applicationOpen?: boolean;
}

export interface Authorisation {
  readonly via: "admin" | "standing_rule";
  /** The standing rule relied on, when there is one. */
  readonly grantId: string | null;
  /** Who authorised: the admin, or the admin who set the standing rule. */
  readonly authorisedBy: string;
}

export interface VerificationRequestState {
  readonly status: VerificationStatus;
  readonly requestId: string;
  readonly applicationId: string;
  readonly department: DepartmentCode | null;
  readonly check: string;
  readonly party: RuleParty | null;
  readonly subjectRef: string;
  readonly requester: DepartmentCode | null;
  readonly raisedBy: string | null;
  readonly ruleVersion: number | null;
  readonly expectedHours: number;
  readonly authorisation: Authorisation | null;
  readonly refusal: { readonly by: string; readonly reason: Reason } | null;
  readonly answer: { readonly answer: "yes" | "no"; readonly reasonCode: string | null; readonly by: string } | null;
  readonly closedReason: string | null;
}

export const INITIAL_VERIFICATION_REQUEST: VerificationRequestState = {
  status: "none",
  requestId: "",
  applicationId: "",
  department: null,
  check: "",
  party: null,
  subjectRef: "",
  requester: null,
  raisedBy: null,
  ruleVersion: null,
  expectedHours: 0,
  authorisation: null,
  refusal: null,
  answer: null,
  closedReason: null,
};

interface Base {
  readonly requestId: string;
  readonly applicationId: string;
  readonly department: DepartmentCode;
  readonly check: string;
}
export interface VerificationPayloads {
  "verification.requested": Base & {
    readonly party: RuleParty;
    readonly subjectRef: string;
    readonly requester: DepartmentCode;
    readonly ruleVersion: number;
    readonly expectedHours: number;
  };
  "verification.authorised": Base & Authorisation;
  "verification.refused": Base & { readonly reason: Reason };
  /** Signed with the department's key; cites the authorisation it relied on. */
  "verification.answered": Base & { readonly answer: "yes" | "no"; readonly reasonCode: string | null; readonly authorisation: Authorisation };
  "verification.blocked": Base & { readonly reasonCode: string };
  "verification.cancelled": Base & { readonly reasonCode: string };
}
export type VerificationEventType = keyof VerificationPayloads;
export type VerificationEvent = { [T in VerificationEventType]: ContractEvent<T, VerificationPayloads[T]> }[VerificationEventType];

export type VerificationDecision =
  | { readonly ok: true; readonly events: readonly VerificationEvent[] }
  | { readonly ok: false; readonly error: ContractError<VerificationErrorCode> };

function event<T extends VerificationEventType>(
  state: VerificationRequestState,
  ctx: Ctx,
  type: T,
  signer: DepartmentCode,
  payload: Omit<VerificationPayloads[T], keyof Base>,
): VerificationEvent {
  const base: Base = { requestId: state.requestId, applicationId: state.applicationId, department: state.department!, check: state.check };
  return {
    type,
    contract: VERIFICATION_REQUEST_CONTRACT.id,
    department: signer,
    actor: ctx.actor.id,
    subject: state.requestId,
    payload: plainJson({ ...base, ...payload }),
  } as unknown as VerificationEvent;
}

export function decide(state: VerificationRequestState, command: VerificationCommand | unknown, ctx: VerificationCtx): VerificationDecision {
  const admitted = admitCommand(verificationCommandSchema, VERIFICATION_TRANSITIONS, VERIFICATION_REFUSALS, state.status, command);
  if (!admitted.ok) return admitted;
  const cmd = admitted.value;
  const actor = ctx.actor;
  const ofDepartment = actor.department !== null && actor.department === state.department;

  switch (cmd.type) {
    case "raise": {
      if (actor.department !== "registry" || (actor.role !== "clerk" && actor.role !== "system")) {
        return refuse("FORBIDDEN", "only the registry raises verification requests");
      }
      const fresh: VerificationRequestState = { ...state, requestId: cmd.requestId, applicationId: cmd.applicationId, department: cmd.department, check: cmd.check };
      return accept(
        event(fresh, ctx, "verification.requested", "registry", {
          party: cmd.party,
          subjectRef: cmd.subjectRef,
          requester: "registry",
          ruleVersion: cmd.ruleVersion,
          expectedHours: cmd.expectedHours,
        }),
      );
    }

    case "authorise": {
      if (cmd.via === "admin") {
        if (actor.role !== "department_admin" || !ofDepartment) {
          return refuse("FORBIDDEN", `only the ${state.department} department admin may authorise this request`);
        }
        // Separation of duties: whoever asked may not also say yes to the asking.
        if (actor.id === state.raisedBy) return refuse("SEPARATION_OF_DUTIES", "you raised this request; another admin must authorise it");
        return accept(event(state, ctx, "verification.authorised", state.department!, { via: "admin", grantId: null, authorisedBy: actor.id }));
      }
      if (!ofDepartment || (actor.role !== "system" && actor.role !== "department_admin")) {
        return refuse("FORBIDDEN", `only ${state.department} may apply its standing rules`);
      }
      if (!ctx.grants || ctx.applicationOpen === undefined) return refuse("MISSING_CONTEXT", "a standing-rule authorisation needs the grants and whether the application is open");
      const grant = findLiveGrant(
        ctx.grants.filter((g) => g.grantId === cmd.grantId),
        {
          department: state.department!,
          check: state.check,
          requester: state.requester!,
          at: ctx.at,
          purpose: "registration_check",
          applicationId: state.applicationId,
          requestId: state.requestId,
          applicationOpen: ctx.applicationOpen,
        },
      );
      if (!grant) return refuse("NO_LIVE_GRANT", `grant ${cmd.grantId} is not live for ${state.department}.${state.check} now`);
      if (grant.grantedBy === state.raisedBy) return refuse("SEPARATION_OF_DUTIES", "the grant was set by the person who raised this request");
      return accept(
        event(state, ctx, "verification.authorised", state.department!, { via: "standing_rule", grantId: grant.grantId, authorisedBy: grant.grantedBy! }),
      );
    }

    case "refuse": {
      if (actor.role !== "department_admin" || !ofDepartment) return refuse("FORBIDDEN", `only the ${state.department} department admin may refuse this request`);
      if (!cmd.reason) return refuse("REASON_REQUIRED", "a refusal needs a reason; the registry and the resident see it");
      return accept(event(state, ctx, "verification.refused", state.department!, { reason: cmd.reason }));
    }

    case "answer": {
      if (!ofDepartment || actor.role === "resident" || actor.role === "institution" || actor.role === "senior_admin") {
        return refuse("FORBIDDEN", `only ${state.department} answers this request`);
      }
      // Bound to the request id: an answer produced for another request cannot land here.
      if (cmd.requestId !== state.requestId) return refuse("REPLAYED_ANSWER", "this answer belongs to another request");
      if (cmd.answer === "no" && cmd.reasonCode === null) return refuse("REASON_REQUIRED", "a no answer carries a reason code");
      return accept(
        event(state, ctx, "verification.answered", state.department!, { answer: cmd.answer, reasonCode: cmd.reasonCode, authorisation: state.authorisation! }),
      );
    }

    case "block": {
      if (!ofDepartment || (actor.role !== "system" && actor.role !== "department_admin")) return refuse("FORBIDDEN", `only ${state.department} may block this request`);
      return accept(event(state, ctx, "verification.blocked", state.department!, { reasonCode: cmd.reasonCode }));
    }

    case "cancel": {
      if (actor.department !== "registry" || (actor.role !== "clerk" && actor.role !== "system")) return refuse("FORBIDDEN", "only the registry cancels its requests");
      return accept(event(state, ctx, "verification.cancelled", "registry", { reasonCode: cmd.reasonCode }));
    }
  }
}

export function evolve(state: VerificationRequestState, e: VerificationEvent): VerificationRequestState {
  switch (e.type) {
    case "verification.requested":
      return {
        ...INITIAL_VERIFICATION_REQUEST,
        status: "requested",
        requestId: e.payload.requestId,
        applicationId: e.payload.applicationId,
        department: e.payload.department,
        check: e.payload.check,
        party: e.payload.party,
        subjectRef: e.payload.subjectRef,
        requester: e.payload.requester,
        raisedBy: e.actor,
        ruleVersion: e.payload.ruleVersion,
        expectedHours: e.payload.expectedHours,
      };
    case "verification.authorised":
      return { ...state, status: "authorised", authorisation: { via: e.payload.via, grantId: e.payload.grantId, authorisedBy: e.payload.authorisedBy } };
    case "verification.refused":
      return { ...state, status: "refused", refusal: { by: e.actor, reason: e.payload.reason } };
    case "verification.answered":
      return {
        ...state,
        status: e.payload.answer === "yes" ? "answered_yes" : "answered_no",
        answer: { answer: e.payload.answer, reasonCode: e.payload.reasonCode, by: e.actor },
      };
    case "verification.blocked":
      return { ...state, status: "blocked", closedReason: e.payload.reasonCode };
    case "verification.cancelled":
      return { ...state, status: "cancelled", closedReason: e.payload.reasonCode };
  }
}

export function fold(events: readonly VerificationEvent[], initial: VerificationRequestState = INITIAL_VERIFICATION_REQUEST): VerificationRequestState {
  return events.reduce(evolve, initial);
}

/** The `raise` commands a registration dispatch calls for: one per department check. */
export function raiseCommandsFor(dispatched: RegistrationEventOf<"registration.checks_dispatched">): Extract<VerificationCommand, { type: "raise" }>[] {
  return dispatched.payload.checks.flatMap((c) =>
    c.requestId === null || c.department === "registry"
      ? []
      : [
          {
            type: "raise" as const,
            requestId: c.requestId,
            applicationId: dispatched.subject,
            department: c.department,
            check: c.check,
            party: c.party,
            subjectRef: c.subjectRef,
            ruleVersion: dispatched.payload.ruleVersion,
            expectedHours: c.expectedHours,
          },
        ],
  );
}

/** The registration command that carries a request's outcome back to its application.
 * `answerHash` is the ledger leaf hash of the `verification.answered` entry once appended. */
export function outcomeCommandFor(
  request: VerificationRequestState,
  answerHash: string | null,
):
  | { type: "recordAnswer"; requestId: string; answer: "yes" | "no"; reasonCode: string | null; answerHash: string }
  | { type: "recordBlocked"; requestId: string; cause: "refused" | "blocked"; reasonCode: string }
  | null {
  switch (request.status) {
    case "answered_yes":
    case "answered_no":
      if (answerHash === null) return null;
      return { type: "recordAnswer", requestId: request.requestId, answer: request.answer!.answer, reasonCode: request.answer!.reasonCode, answerHash };
    case "refused":
      return { type: "recordBlocked", requestId: request.requestId, cause: "refused", reasonCode: request.refusal!.reason.code };
    case "blocked":
      return { type: "recordBlocked", requestId: request.requestId, cause: "blocked", reasonCode: request.closedReason! };
    default:
      return null;
  }
}
