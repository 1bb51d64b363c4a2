// registration@1 — one application for one property unit, from draft to decision
// (DESIGN.md §2). Pure: the data-access layer loads the events, calls `decide` inside its
// transaction with the actor, the time, the rule set and the property's facts, and appends
// each returned event as one ledger entry.
import { z } from "zod";
import {
  KIND_PARTIES,
  applicationKindSchema,
  caseNumberSchema,
  documentKindSchema,
  documentRefSchema,
  partyKey,
  partyRolesOf,
  partySchema,
  unitNumberSchema,
  type ApplicationKind,
  type DocumentKind,
  type DocumentRef,
  type Party,
  type PartyRole,
} from "../shared/application";
import {
  accept,
  actorIs,
  admitCommand,
  hashBase64Schema,
  opaqueIdSchema,
  plainJson,
  reasonCodeSchema,
  reasonSchema,
  refuse,
  type Actor,
  type ActorRole,
  type ContractError,
  type ContractEvent,
  type Ctx,
  type DepartmentCode,
  type Reason,
} from "../shared/contract";
import type { PropertyFacts } from "../property/facts";
import { REGISTRY_FACTS, type RegistryFact, type RuleParty, type RuleSet } from "../rules/rules";

export const REGISTRATION_CONTRACT = { name: "registration", version: 1, id: "registration@1" } as const;

// ── States and transitions (data) ──────────────────────────────────────────────────────

export const REGISTRATION_STATUSES = [
  "none", // no event yet
  "draft",
  "awaiting_counterparty",
  "submitted",
  "in_review",
  "checks_pending",
  "more_material_requested",
  "ready_for_decision",
  "approved",
  "rejected",
  "withdrawn",
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const REGISTRATION_ACTIONS = [
  "saveDraft",
  "submit",
  "confirmCounterparty",
  "claim",
  "release",
  "dispatchChecks",
  "recordAnswer",
  "recordBlocked",
  "requestMaterial",
  "provideMaterial",
  "approve",
  "reject",
  "override",
  "withdraw",
] as const;
export type RegistrationAction = (typeof REGISTRATION_ACTIONS)[number];

/** The only statement of which action each status allows; `decide` consults nothing else. */
export const REGISTRATION_TRANSITIONS = {
  none: ["saveDraft"],
  draft: ["saveDraft", "submit", "withdraw"],
  awaiting_counterparty: ["confirmCounterparty", "withdraw"],
  submitted: ["claim", "withdraw"],
  in_review: ["release", "dispatchChecks", "requestMaterial", "reject", "withdraw"],
  checks_pending: ["claim", "release", "dispatchChecks", "recordAnswer", "recordBlocked", "requestMaterial", "reject", "override", "withdraw"],
  more_material_requested: ["claim", "release", "provideMaterial", "recordAnswer", "recordBlocked", "reject", "withdraw"],
  ready_for_decision: ["claim", "release", "dispatchChecks", "requestMaterial", "approve", "reject", "override", "withdraw"],
  approved: [],
  rejected: [],
  withdrawn: [],
} as const satisfies Record<RegistrationStatus, readonly RegistrationAction[]>;

export const REGISTRATION_ERROR_CODES = [
  "INVALID_COMMAND",
  "INVALID_TRANSITION",
  "FORBIDDEN",
  "MISSING_CONTEXT",
  "ALREADY_DECIDED",
  "ALREADY_CLAIMED",
  "NOT_CLAIMED",
  "NOT_ASSIGNEE",
  "NOT_COUNTERPARTY",
  "ALREADY_CONFIRMED",
  "INCOMPLETE_APPLICATION",
  "RULE_VERSION_MISMATCH",
  "NOTHING_TO_DISPATCH",
  "UNKNOWN_REQUEST",
  "REPLAYED_ANSWER",
  "CHECKS_INCOMPLETE",
  "CHECKS_NOT_SATISFIED",
  "REGISTRY_FACT_FAILED",
  "REASON_REQUIRED",
  "MATERIAL_INCOMPLETE",
  "NOTHING_TO_OVERRIDE",
  "NOT_OVERRIDABLE",
] as const;
export type RegistrationErrorCode = (typeof REGISTRATION_ERROR_CODES)[number];

/** Refused pairs that deserve a sharper code than INVALID_TRANSITION. */
export const REGISTRATION_REFUSALS = {
  in_review: { approve: "CHECKS_INCOMPLETE", claim: "ALREADY_CLAIMED" },
  submitted: { approve: "CHECKS_INCOMPLETE" },
  checks_pending: { approve: "CHECKS_INCOMPLETE" },
  more_material_requested: { approve: "CHECKS_INCOMPLETE" },
  approved: { approve: "ALREADY_DECIDED", reject: "ALREADY_DECIDED", override: "ALREADY_DECIDED" },
  rejected: { approve: "ALREADY_DECIDED", reject: "ALREADY_DECIDED", override: "ALREADY_DECIDED" },
} as const satisfies Partial<Record<RegistrationStatus, Partial<Record<RegistrationAction, RegistrationErrorCode>>>>;

// ── Kind-specific data ─────────────────────────────────────────────────────────────────

/** Who may open an application of each kind (an institution only for its own department). */
export const KIND_FILERS = {
  first_registration: [{ role: "resident" }, { role: "clerk", department: "registry" }],
  transfer: [{ role: "resident" }, { role: "clerk", department: "registry" }],
  mortgage: [{ role: "resident" }, { role: "institution", department: "bank" }, { role: "clerk", department: "registry" }],
  mortgage_release: [{ role: "resident" }, { role: "institution", department: "bank" }, { role: "clerk", department: "registry" }],
  seizure: [{ role: "institution", department: "court" }, { role: "clerk", department: "registry" }],
  seizure_release: [{ role: "institution", department: "court" }, { role: "clerk", department: "registry" }],
} as const satisfies Record<ApplicationKind, readonly { role: ActorRole; department?: DepartmentCode }[]>;

/** Parties who must confirm online before the case reaches the registry (other than the filer). */
export const CONFIRMING_ROLES = {
  first_registration: [],
  transfer: ["seller", "buyer"],
  mortgage: ["applicant", "mortgagee"],
  // The owner cannot lift the bank's mortgage alone (nor the bank file it without the owner).
  mortgage_release: ["applicant", "mortgagee"],
  seizure: [],
  seizure_release: [],
} as const satisfies Record<ApplicationKind, readonly PartyRole[]>;

/** Kinds that refer to an earlier application (the mortgage or seizure being released). */
const RELEASE_KINDS = ["mortgage_release", "seizure_release"] as const satisfies readonly ApplicationKind[];
const COURT_KINDS = ["seizure", "seizure_release"] as const satisfies readonly ApplicationKind[];

/** Reason code recorded when a registry fact does not hold. */
export const REGISTRY_FACT_FAILURES = {
  registered: "not_registered",
  not_yet_registered: "already_registered",
  no_seizure: "seized",
  no_unreleased_mortgage: "mortgaged",
  sellers_hold_title: "sellers_not_holders",
  applicant_holds_title: "applicant_not_holder",
  mortgage_on_record: "no_such_mortgage",
  seizure_on_record: "no_such_seizure",
} as const satisfies Record<RegistryFact, string>;

// ── State ──────────────────────────────────────────────────────────────────────────────

export type CheckOutcome = "pending" | "yes" | "no" | "blocked" | "overridden";

export interface CheckState {
  /** `police.identity:seller-0`, `registry.no_seizure:property`. */
  readonly checkId: string;
  readonly department: DepartmentCode;
  readonly check: string;
  readonly party: RuleParty;
  /** `seller-0` for a party check, null for the property. */
  readonly partyKey: string | null;
  /** Party ref the department looks up, or the unit number for property checks. */
  readonly subjectRef: string;
  readonly expectedHours: number;
  /** 1 for the first dispatch; a re-dispatch after a `no` or a block is a new request. */
  readonly attempt: number;
  /** Verification request now in force; null for registry facts (no department is asked). */
  readonly requestId: string | null;
  readonly outcome: CheckOutcome;
  readonly reasonCode: string | null;
  /** Ledger leaf hash (base64) of the department's signed answer entry. */
  readonly answerHash: string | null;
}

export interface ApplicationContent {
  readonly kind: ApplicationKind;
  readonly unitNumber: string;
  readonly parties: readonly Party[];
  readonly documents: readonly DocumentRef[];
  /** Application id of the mortgage or seizure being released. */
  readonly releases: string | null;
  readonly caseNumber: string | null;
  /** Mortgage only: keyed-HMAC ref of the secured principal (被担保主债权数额). The amount is
   * a person's debt, so it stays off the ledger (encrypted with the filing form, like a
   * document's bytes); the ref binds the entry to it. Absent when none was given. */
  readonly securedAmountRef?: string;
}

export interface RegistrationState {
  readonly status: RegistrationStatus;
  readonly applicationId: string;
  readonly filedBy: string | null;
  readonly content: ApplicationContent | null;
  readonly ruleVersion: number | null;
  /** Party keys (`buyer-0`) that still have to confirm / have confirmed. */
  readonly pendingConfirmations: readonly string[];
  readonly confirmations: readonly string[];
  readonly assignee: string | null;
  readonly checks: readonly CheckState[];
  readonly materialRequest: { readonly reason: Reason; readonly documentKinds: readonly DocumentKind[] } | null;
  readonly overrides: readonly { readonly checkId: string; readonly by: string; readonly reason: Reason }[];
  readonly decision: { readonly outcome: "approved" | "rejected"; readonly by: string; readonly reason: Reason | null } | null;
}

export const INITIAL_REGISTRATION: RegistrationState = {
  status: "none",
  applicationId: "",
  filedBy: null,
  content: null,
  ruleVersion: null,
  pendingConfirmations: [],
  confirmations: [],
  assignee: null,
  checks: [],
  materialRequest: null,
  overrides: [],
  decision: null,
};

// ── Commands ───────────────────────────────────────────────────────────────────────────

const contentFields = {
  kind: applicationKindSchema,
  unitNumber: unitNumberSchema,
  parties: z.array(partySchema).max(30).default([]),
  documents: z.array(documentRefSchema).max(60).default([]),
  releases: opaqueIdSchema.nullable().default(null),
  caseNumber: caseNumberSchema.nullable().default(null),
  securedAmountRef: opaqueIdSchema.nullable().default(null),
};

export const registrationCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("saveDraft"), applicationId: opaqueIdSchema, ...contentFields }),
  z.object({ type: z.literal("submit") }),
  z.object({ type: z.literal("confirmCounterparty") }),
  z.object({ type: z.literal("claim") }),
  z.object({ type: z.literal("release") }),
  z.object({ type: z.literal("dispatchChecks") }),
  z.object({
    type: z.literal("recordAnswer"),
    requestId: opaqueIdSchema,
    answer: z.enum(["yes", "no"]),
    reasonCode: reasonCodeSchema.nullable().default(null),
    answerHash: hashBase64Schema,
  }),
  z.object({ type: z.literal("recordBlocked"), requestId: opaqueIdSchema, cause: z.enum(["refused", "blocked"]), reasonCode: reasonCodeSchema }),
  z.object({ type: z.literal("requestMaterial"), reason: reasonSchema.optional(), documentKinds: z.array(documentKindSchema).min(1).max(10) }),
  z.object({ type: z.literal("provideMaterial"), documents: z.array(documentRefSchema).min(1).max(20) }),
  z.object({ type: z.literal("approve") }),
  z.object({ type: z.literal("reject"), reason: reasonSchema.optional(), citesCheckIds: z.array(z.string().max(200)).max(40).default([]) }),
  z.object({ type: z.literal("override"), checkId: z.string().min(1).max(200), reason: reasonSchema.optional() }),
  z.object({ type: z.literal("withdraw"), reason: reasonSchema.optional() }),
]);
export type RegistrationCommand = z.input<typeof registrationCommandSchema>;
type ParsedCommand = z.output<typeof registrationCommandSchema>;

export interface RegistrationCtx extends Ctx {
  /** The rule set: the active one at submission, the application's own version afterwards. */
  readonly rules?: RuleSet;
  /** The property's facts now (dispatch and approval evaluate the registry facts on them). */
  readonly property?: PropertyFacts;
}

// ── Events ─────────────────────────────────────────────────────────────────────────────

export interface DispatchedCheck extends Omit<CheckState, "answerHash"> {
  readonly outcome: "pending" | "yes" | "no";
}

export type ApprovalEffect =
  | { readonly kind: "first_registration"; readonly holders: readonly string[] }
  | { readonly kind: "transfer"; readonly holders: readonly string[]; readonly previousHolders: readonly string[] }
  | { readonly kind: "mortgage"; readonly mortgageId: string; readonly mortgageeRef: string; readonly securedAmountRef?: string }
  | { readonly kind: "mortgage_release"; readonly releasedMortgageId: string }
  | { readonly kind: "seizure"; readonly seizureId: string; readonly courtRef: string; readonly caseNumber: string }
  | { readonly kind: "seizure_release"; readonly releasedSeizureId: string; readonly courtRef: string; readonly caseNumber: string };

interface Base {
  readonly unitNumber: string;
  readonly kind: ApplicationKind;
}
export interface RegistrationPayloads {
  "registration.draft_saved": Base & { readonly content: ApplicationContent };
  "registration.submitted": Base & { readonly content: ApplicationContent; readonly ruleVersion: number; readonly pendingConfirmations: readonly string[] };
  "registration.counterparty_confirmed": Base & { readonly parties: readonly string[]; readonly remaining: number };
  "registration.claimed": Base;
  "registration.released": Base & { readonly previousAssignee: string };
  "registration.checks_dispatched": Base & { readonly ruleVersion: number; readonly checks: readonly DispatchedCheck[] };
  "registration.answer_recorded": Base & {
    readonly checkId: string;
    readonly requestId: string;
    readonly answer: "yes" | "no";
    readonly reasonCode: string | null;
    readonly answerHash: string;
  };
  "registration.check_blocked": Base & {
    readonly checkId: string;
    readonly requestId: string;
    readonly cause: "refused" | "blocked";
    readonly reasonCode: string;
  };
  "registration.material_requested": Base & { readonly reason: Reason; readonly documentKinds: readonly DocumentKind[] };
  "registration.material_provided": Base & { readonly documents: readonly DocumentRef[] };
  "registration.approved": Base & {
    readonly ruleVersion: number;
    /** Every department check with the hash of the answer relied on (null when overridden). */
    readonly answers: readonly {
      readonly checkId: string;
      readonly requestId: string | null;
      readonly outcome: "yes" | "overridden";
      readonly answerHash: string | null;
    }[];
    /** Registry facts as evaluated at the moment of decision (all hold). */
    readonly registryFacts: readonly { readonly checkId: string; readonly holds: true }[];
    readonly effect: ApprovalEffect;
  };
  "registration.rejected": Base & { readonly reason: Reason; readonly citesCheckIds: readonly string[]; readonly ruleVersion: number | null };
  "registration.check_overridden": Base & {
    readonly checkId: string;
    readonly requestId: string | null;
    readonly previousOutcome: "no" | "blocked";
    readonly reason: Reason;
  };
  "registration.withdrawn": Base & { readonly reason: Reason | null };
}
export type RegistrationEventType = keyof RegistrationPayloads;
export type RegistrationEvent = {
  [T in RegistrationEventType]: ContractEvent<T, RegistrationPayloads[T]>;
}[RegistrationEventType];
export type RegistrationEventOf<T extends RegistrationEventType> = Extract<RegistrationEvent, { type: T }>;

export type RegistrationDecision =
  | { readonly ok: true; readonly events: readonly RegistrationEvent[] }
  | { readonly ok: false; readonly error: ContractError<RegistrationErrorCode> };

// ── Helpers ────────────────────────────────────────────────────────────────────────────

function event<T extends RegistrationEventType>(
  state: RegistrationState,
  ctx: Ctx,
  type: T,
  payload: Omit<RegistrationPayloads[T], "unitNumber" | "kind">,
  content: ApplicationContent | null = state.content,
): RegistrationEventOf<T> {
  return {
    type,
    contract: REGISTRATION_CONTRACT.id,
    department: "registry",
    actor: ctx.actor.id,
    subject: state.applicationId,
    payload: plainJson({ unitNumber: content?.unitNumber ?? "", kind: content?.kind ?? "first_registration", ...payload }),
  } as unknown as RegistrationEventOf<T>;
}

const isRegistryClerk = (a: Actor): boolean => a.role === "clerk" && a.department === "registry";

/** Party keys with the refs they name, in order. */
export function partiesWithKeys(content: ApplicationContent): { key: string; role: PartyRole; ref: string }[] {
  const counters = new Map<PartyRole, number>();
  return content.parties.map((p) => {
    const i = counters.get(p.role) ?? 0;
    counters.set(p.role, i + 1);
    return { key: partyKey(p.role, i), role: p.role, ref: p.ref };
  });
}

const refsOf = (content: ApplicationContent, role: PartyRole): string[] => content.parties.filter((p) => p.role === role).map((p) => p.ref);
const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length > 0 && a.length === b.length && a.every((x) => b.includes(x)) && new Set(a).size === a.length;

/** Evaluates one registry fact on the property's facts. */
export function registryFactHolds(fact: RegistryFact, content: ApplicationContent, property: PropertyFacts): boolean {
  switch (fact) {
    case "registered":
      return property.registered;
    case "not_yet_registered":
      return !property.registered;
    case "no_seizure":
      return property.seizureIds.length === 0;
    case "no_unreleased_mortgage":
      return property.mortgageIds.length === 0;
    case "sellers_hold_title":
      // Every holder sells and every seller holds: co-owners cannot be sold out from under.
      return property.registered && sameSet(refsOf(content, "seller"), property.holders);
    case "applicant_holds_title":
      return property.registered && sameSet(refsOf(content, "applicant"), property.holders);
    case "mortgage_on_record":
      return content.releases !== null && property.mortgageIds.includes(content.releases);
    case "seizure_on_record":
      return content.releases !== null && property.seizureIds.includes(content.releases);
  }
}

function isRegistryFact<C extends { department: DepartmentCode; check: string }>(c: C): c is C & { check: RegistryFact } {
  return c.department === "registry" && (REGISTRY_FACTS as readonly string[]).includes(c.check);
}

/** What stands between a draft and its submission, as short machine-readable problems. */
export function applicationProblems(content: ApplicationContent, rules: RuleSet): string[] {
  const problems: string[] = [];
  const shape: Partial<Record<PartyRole, { min: number; max: number }>> = KIND_PARTIES[content.kind];
  for (const role of partyRolesOf(content.kind)) {
    const n = refsOf(content, role).length;
    const range = shape[role];
    if (range && (n < range.min || n > range.max)) problems.push(`parties.${role}: expected ${range.min}–${range.max}, got ${n}`);
  }
  for (const p of content.parties) if (!(p.role in shape)) problems.push(`parties.${p.role}: not a party of ${content.kind}`);
  const refs = content.parties.map((p) => p.ref);
  if (new Set(refs).size !== refs.length) problems.push("parties: the same person appears twice");
  for (const kind of rules.kinds[content.kind].documents) {
    if (!content.documents.some((d) => d.kind === kind)) problems.push(`documents.${kind}: missing`);
  }
  const releaseKind = (RELEASE_KINDS as readonly ApplicationKind[]).includes(content.kind);
  if (releaseKind && content.releases === null) problems.push("releases: name the registration being released");
  if (!releaseKind && content.releases !== null) problems.push("releases: only a release refers to an earlier registration");
  const courtKind = (COURT_KINDS as readonly ApplicationKind[]).includes(content.kind);
  if (courtKind && content.caseNumber === null) problems.push("caseNumber: required for a court filing");
  if (content.kind !== "mortgage" && content.securedAmountRef !== undefined) problems.push("securedAmount: only a mortgage secures an amount");
  return problems;
}

function statusFromChecks(checks: readonly CheckState[]): RegistrationStatus {
  return checks.some((c) => c.outcome === "pending" || c.outcome === "blocked") ? "checks_pending" : "ready_for_decision";
}

function contentOf(cmd: Extract<ParsedCommand, { type: "saveDraft" }>): ApplicationContent {
  return {
    kind: cmd.kind,
    unitNumber: cmd.unitNumber,
    parties: cmd.parties,
    documents: cmd.documents,
    releases: cmd.releases,
    caseNumber: cmd.caseNumber,
    // Omitted when null, so the content of every other kind keeps its bytes on the ledger.
    ...(cmd.securedAmountRef !== null ? { securedAmountRef: cmd.securedAmountRef } : {}),
  };
}

const sameContent = (a: ApplicationContent, b: ApplicationContent): boolean => JSON.stringify(a) === JSON.stringify(b);

function needsClaimingClerk(state: RegistrationState, actor: Actor): RegistrationDecision | null {
  if (!isRegistryClerk(actor)) return refuse("FORBIDDEN", "only a registry clerk may do this");
  if (state.assignee === null) return refuse("NOT_CLAIMED", "claim the case first");
  if (state.assignee !== actor.id) return refuse("NOT_ASSIGNEE", "another clerk holds this case");
  return null;
}

// ── decide ─────────────────────────────────────────────────────────────────────────────

export function decide(state: RegistrationState, command: RegistrationCommand | unknown, ctx: RegistrationCtx): RegistrationDecision {
  const admitted = admitCommand(registrationCommandSchema, REGISTRATION_TRANSITIONS, REGISTRATION_REFUSALS, state.status, command);
  if (!admitted.ok) return admitted;
  const cmd = admitted.value;
  const actor = ctx.actor;

  switch (cmd.type) {
    case "saveDraft": {
      const content = contentOf(cmd);
      if (state.status === "none") {
        const allowed = (KIND_FILERS[cmd.kind] as readonly { role: ActorRole; department?: DepartmentCode }[]).some(
          (f) => f.role === actor.role && (f.department === undefined || f.department === actor.department),
        );
        if (!allowed) return refuse("FORBIDDEN", `a ${actor.role} cannot file a ${cmd.kind} application`);
        const fresh = { ...state, applicationId: cmd.applicationId };
        return accept(event(fresh, ctx, "registration.draft_saved", { content }, content));
      }
      if (cmd.applicationId !== state.applicationId) return refuse("INVALID_COMMAND", "applicationId does not match this application");
      if (actor.id !== state.filedBy) return refuse("FORBIDDEN", "only the person who opened the draft may edit it");
      if (state.content && sameContent(state.content, content)) return accept(); // nothing changed: no entry
      return accept(event(state, ctx, "registration.draft_saved", { content }, content));
    }

    case "submit": {
      if (actor.id !== state.filedBy) return refuse("FORBIDDEN", "only the person who opened the draft may submit it");
      if (!ctx.rules) return refuse("MISSING_CONTEXT", "submit needs the active rule set");
      const content = state.content;
      if (!content) return refuse("INCOMPLETE_APPLICATION", "the draft is empty");
      const problems = applicationProblems(content, ctx.rules);
      const parties = partiesWithKeys(content);
      // Residents and institutions file for themselves; a clerk files on someone's behalf.
      if (actor.role !== "clerk" && !parties.some((p) => actorIs(actor, p.ref))) problems.push("parties: the filer must be one of the parties");
      if (problems.length > 0) return refuse("INCOMPLETE_APPLICATION", problems.join("; "));
      const confirming: readonly PartyRole[] = CONFIRMING_ROLES[content.kind];
      const pendingConfirmations = parties.filter((p) => confirming.includes(p.role) && !actorIs(actor, p.ref)).map((p) => p.key);
      return accept(event(state, ctx, "registration.submitted", { content, ruleVersion: ctx.rules.version, pendingConfirmations }));
    }

    case "confirmCounterparty": {
      const content = state.content;
      if (!content) return refuse("INVALID_COMMAND", "nothing to confirm");
      const mine = partiesWithKeys(content).filter((p) => actorIs(actor, p.ref) && (CONFIRMING_ROLES[content.kind] as readonly PartyRole[]).includes(p.role));
      if (mine.length === 0) return refuse("NOT_COUNTERPARTY", "only a party named in this application may confirm it");
      const toConfirm = mine.filter((p) => state.pendingConfirmations.includes(p.key)).map((p) => p.key);
      if (toConfirm.length === 0) return refuse("ALREADY_CONFIRMED", "you have already confirmed this application");
      const remaining = state.pendingConfirmations.filter((k) => !toConfirm.includes(k)).length;
      return accept(event(state, ctx, "registration.counterparty_confirmed", { parties: toConfirm, remaining }));
    }

    case "claim": {
      if (!isRegistryClerk(actor)) return refuse("FORBIDDEN", "only a registry clerk may claim a case");
      if (state.assignee !== null) return refuse("ALREADY_CLAIMED", state.assignee === actor.id ? "you already hold this case" : "another clerk holds this case");
      return accept(event(state, ctx, "registration.claimed", {}));
    }

    case "release": {
      if (state.assignee === null) return refuse("NOT_CLAIMED", "nobody holds this case");
      if (actor.role !== "senior_admin" && !(isRegistryClerk(actor) && state.assignee === actor.id)) {
        return refuse("NOT_ASSIGNEE", "only the clerk holding the case (or a senior admin) may release it");
      }
      return accept(event(state, ctx, "registration.released", { previousAssignee: state.assignee }));
    }

    case "dispatchChecks": {
      const denied = needsClaimingClerk(state, actor);
      if (denied) return denied;
      if (!ctx.rules || !ctx.property) return refuse("MISSING_CONTEXT", "dispatch needs the rule set and the property's facts");
      if (ctx.rules.version !== state.ruleVersion) {
        return refuse("RULE_VERSION_MISMATCH", `this application runs under rule version ${state.ruleVersion}, not ${ctx.rules.version}`);
      }
      const content = state.content!;
      const dispatched = planChecks(state, content, ctx.rules, ctx.property);
      if (dispatched.length === 0) return refuse("NOTHING_TO_DISPATCH", "every check is answered yes, pending or overridden");
      return accept(event(state, ctx, "registration.checks_dispatched", { ruleVersion: ctx.rules.version, checks: dispatched }));
    }

    case "recordAnswer":
    case "recordBlocked": {
      const check = state.checks.find((c) => c.requestId === cmd.requestId);
      if (!check) return refuse("UNKNOWN_REQUEST", "no check of this application is waiting on that request");
      // The department that was asked, or the registry's own automation relaying its signed
      // entry; never a registry clerk, who could otherwise write a "yes" nobody gave.
      const fromDepartment =
        actor.department === check.department && (actor.role === "system" || actor.role === "clerk" || actor.role === "department_admin");
      const fromRegistrySystem = actor.department === "registry" && actor.role === "system";
      if (!fromDepartment && !fromRegistrySystem) return refuse("FORBIDDEN", `only ${check.department} (or the registry's system relay) may record this outcome`);
      if (check.outcome !== "pending") return refuse("REPLAYED_ANSWER", `check ${check.checkId} already has an outcome`);
      if (cmd.type === "recordBlocked") {
        return accept(
          event(state, ctx, "registration.check_blocked", { checkId: check.checkId, requestId: cmd.requestId, cause: cmd.cause, reasonCode: cmd.reasonCode }),
        );
      }
      if (cmd.answer === "no" && cmd.reasonCode === null) return refuse("REASON_REQUIRED", "a no answer carries a reason code");
      return accept(
        event(state, ctx, "registration.answer_recorded", {
          checkId: check.checkId,
          requestId: cmd.requestId,
          answer: cmd.answer,
          reasonCode: cmd.reasonCode,
          answerHash: cmd.answerHash,
        }),
      );
    }

    case "requestMaterial": {
      const denied = needsClaimingClerk(state, actor);
      if (denied) return denied;
      if (!cmd.reason) return refuse("REASON_REQUIRED", "say what is missing: the resident sees this reason");
      return accept(event(state, ctx, "registration.material_requested", { reason: cmd.reason, documentKinds: cmd.documentKinds }));
    }

    case "provideMaterial": {
      const content = state.content!;
      const mayProvide = actor.id === state.filedBy || content.parties.some((p) => actorIs(actor, p.ref));
      if (!mayProvide) return refuse("FORBIDDEN", "only the filer or a party may add material");
      const missing = (state.materialRequest?.documentKinds ?? []).filter((k) => !cmd.documents.some((d) => d.kind === k));
      if (missing.length > 0) return refuse("MATERIAL_INCOMPLETE", `still missing: ${missing.join(", ")}`);
      return accept(event(state, ctx, "registration.material_provided", { documents: cmd.documents }));
    }

    case "approve": {
      const denied = needsClaimingClerk(state, actor);
      if (denied) return denied;
      if (!ctx.property) return refuse("MISSING_CONTEXT", "approval needs the property's facts");
      const content = state.content!;
      const unsatisfied = state.checks.filter((c) => c.outcome !== "yes" && c.outcome !== "overridden");
      if (unsatisfied.length > 0) {
        return refuse("CHECKS_NOT_SATISFIED", `not satisfied: ${unsatisfied.map((c) => `${c.checkId} (${c.outcome})`).join(", ")}`);
      }
      // Facts are re-read now: the property may have been seized since dispatch.
      const facts = state.checks.filter(isRegistryFact);
      const failing = facts.filter((c) => !registryFactHolds(c.check, content, ctx.property!));
      if (failing.length > 0) {
        return refuse("REGISTRY_FACT_FAILED", `no longer holds: ${failing.map((c) => c.checkId).join(", ")}`);
      }
      return accept(
        event(state, ctx, "registration.approved", {
          ruleVersion: state.ruleVersion!,
          answers: state.checks
            .filter((c) => !isRegistryFact(c))
            .map((c) => ({
              checkId: c.checkId,
              requestId: c.requestId,
              outcome: c.outcome === "overridden" ? ("overridden" as const) : ("yes" as const),
              answerHash: c.outcome === "overridden" ? null : c.answerHash,
            })),
          registryFacts: facts.map((c) => ({ checkId: c.checkId, holds: true as const })),
          effect: approvalEffect(state.applicationId, content),
        }),
      );
    }

    case "reject": {
      const denied = needsClaimingClerk(state, actor);
      if (denied) return denied;
      if (!cmd.reason) return refuse("REASON_REQUIRED", "a rejection needs a reason; the resident sees it");
      const bad = cmd.citesCheckIds.filter((id) => !state.checks.some((c) => c.checkId === id && (c.outcome === "no" || c.outcome === "blocked")));
      if (bad.length > 0) return refuse("INVALID_COMMAND", `cited checks are not answered no or blocked: ${bad.join(", ")}`);
      return accept(event(state, ctx, "registration.rejected", { reason: cmd.reason, citesCheckIds: cmd.citesCheckIds, ruleVersion: state.ruleVersion }));
    }

    case "override": {
      if (actor.role !== "senior_admin") return refuse("FORBIDDEN", "only a senior admin may override a check");
      // Mandatory reason, with the note that explains it (kept off the ledger, hashed on it).
      if (!cmd.reason || !cmd.reason.noteSha256) return refuse("REASON_REQUIRED", "an override needs a reason code and a written note");
      const check = state.checks.find((c) => c.checkId === cmd.checkId);
      if (!check) return refuse("INVALID_COMMAND", `no check ${cmd.checkId}`);
      if (isRegistryFact(check)) return refuse("NOT_OVERRIDABLE", "the registry's own facts (seizure, mortgage, title) cannot be overridden");
      if (check.outcome !== "no" && check.outcome !== "blocked") return refuse("NOTHING_TO_OVERRIDE", `check ${check.checkId} is ${check.outcome}`);
      return accept(
        event(state, ctx, "registration.check_overridden", {
          checkId: check.checkId,
          requestId: check.requestId,
          previousOutcome: check.outcome,
          reason: cmd.reason,
        }),
      );
    }

    case "withdraw": {
      if (actor.id !== state.filedBy) return refuse("FORBIDDEN", "only the filer may withdraw the application");
      return accept(event(state, ctx, "registration.withdrawn", { reason: cmd.reason ?? null }));
    }
  }
}

/** Deterministic request id: one application, one check, one attempt. No randomness needed. */
export function requestIdFor(applicationId: string, checkId: string, attempt: number): string {
  return `${applicationId}/${checkId}/${attempt}`;
}

/** The checks a dispatch creates or re-creates: never dispatched, answered no, or blocked. */
function planChecks(state: RegistrationState, content: ApplicationContent, rules: RuleSet, property: PropertyFacts): DispatchedCheck[] {
  const parties = partiesWithKeys(content);
  const planned: DispatchedCheck[] = [];
  for (const rule of rules.kinds[content.kind].checks) {
    const targets =
      rule.party === "property"
        ? [{ partyKey: null, subjectRef: content.unitNumber }]
        : parties.filter((p) => p.role === rule.party).map((p) => ({ partyKey: p.key, subjectRef: p.ref }));
    for (const target of targets) {
      const checkId = `${rule.department}.${rule.check}:${target.partyKey ?? "property"}`;
      const previous = state.checks.find((c) => c.checkId === checkId);
      if (previous && previous.outcome !== "no" && previous.outcome !== "blocked") continue;
      const attempt = (previous?.attempt ?? 0) + 1;
      const base = {
        checkId,
        department: rule.department,
        check: rule.check,
        party: rule.party,
        partyKey: target.partyKey,
        subjectRef: target.subjectRef,
        expectedHours: rule.expectedHours,
        attempt,
      };
      if (isRegistryFact(rule)) {
        const holds = registryFactHolds(rule.check, content, property);
        planned.push({ ...base, requestId: null, outcome: holds ? "yes" : "no", reasonCode: holds ? null : REGISTRY_FACT_FAILURES[rule.check] });
      } else {
        planned.push({ ...base, requestId: requestIdFor(state.applicationId, checkId, attempt), outcome: "pending", reasonCode: null });
      }
    }
  }
  return planned;
}

function approvalEffect(applicationId: string, content: ApplicationContent): ApprovalEffect {
  switch (content.kind) {
    case "first_registration":
      return { kind: "first_registration", holders: refsOf(content, "applicant") };
    case "transfer":
      return { kind: "transfer", holders: refsOf(content, "buyer"), previousHolders: refsOf(content, "seller") };
    case "mortgage":
      return {
        kind: "mortgage",
        mortgageId: applicationId,
        mortgageeRef: refsOf(content, "mortgagee")[0]!,
        ...(content.securedAmountRef !== undefined ? { securedAmountRef: content.securedAmountRef } : {}),
      };
    case "mortgage_release":
      return { kind: "mortgage_release", releasedMortgageId: content.releases! };
    case "seizure":
      return { kind: "seizure", seizureId: applicationId, courtRef: refsOf(content, "court")[0]!, caseNumber: content.caseNumber! };
    case "seizure_release":
      return { kind: "seizure_release", releasedSeizureId: content.releases!, courtRef: refsOf(content, "court")[0]!, caseNumber: content.caseNumber! };
  }
}

// ── evolve / fold ──────────────────────────────────────────────────────────────────────

export function evolve(state: RegistrationState, e: RegistrationEvent): RegistrationState {
  switch (e.type) {
    case "registration.draft_saved":
      return { ...state, status: "draft", applicationId: e.subject, filedBy: state.filedBy ?? e.actor, content: e.payload.content };
    case "registration.submitted":
      return {
        ...state,
        status: e.payload.pendingConfirmations.length > 0 ? "awaiting_counterparty" : "submitted",
        content: e.payload.content,
        ruleVersion: e.payload.ruleVersion,
        pendingConfirmations: e.payload.pendingConfirmations,
      };
    case "registration.counterparty_confirmed": {
      const pendingConfirmations = state.pendingConfirmations.filter((k) => !e.payload.parties.includes(k));
      return {
        ...state,
        status: pendingConfirmations.length === 0 ? "submitted" : "awaiting_counterparty",
        pendingConfirmations,
        confirmations: [...state.confirmations, ...e.payload.parties],
      };
    }
    case "registration.claimed":
      return { ...state, status: state.status === "submitted" ? "in_review" : state.status, assignee: e.actor };
    case "registration.released":
      return { ...state, status: state.status === "in_review" ? "submitted" : state.status, assignee: null };
    case "registration.checks_dispatched": {
      const byId = new Map(state.checks.map((c) => [c.checkId, c]));
      for (const c of e.payload.checks) byId.set(c.checkId, { ...c, answerHash: null });
      const checks = [...byId.values()];
      return { ...state, status: statusFromChecks(checks), checks };
    }
    case "registration.answer_recorded":
    case "registration.check_blocked":
    case "registration.check_overridden": {
      const checks = state.checks.map((c): CheckState => {
        if (c.checkId !== e.payload.checkId) return c;
        if (e.type === "registration.answer_recorded") {
          return { ...c, outcome: e.payload.answer, reasonCode: e.payload.reasonCode, answerHash: e.payload.answerHash };
        }
        if (e.type === "registration.check_blocked") return { ...c, outcome: "blocked", reasonCode: e.payload.reasonCode };
        return { ...c, outcome: "overridden" };
      });
      const overrides =
        e.type === "registration.check_overridden" ? [...state.overrides, { checkId: e.payload.checkId, by: e.actor, reason: e.payload.reason }] : state.overrides;
      // While material is awaited the case stays there; answers still land on the board.
      const status = state.status === "more_material_requested" ? state.status : statusFromChecks(checks);
      return { ...state, checks, overrides, status };
    }
    case "registration.material_requested":
      return { ...state, status: "more_material_requested", materialRequest: { reason: e.payload.reason, documentKinds: e.payload.documentKinds } };
    case "registration.material_provided": {
      const content = state.content ? { ...state.content, documents: [...state.content.documents, ...e.payload.documents] } : null;
      const status = state.checks.length === 0 ? "in_review" : statusFromChecks(state.checks);
      return { ...state, content, materialRequest: null, status };
    }
    case "registration.approved":
      return { ...state, status: "approved", decision: { outcome: "approved", by: e.actor, reason: null } };
    case "registration.rejected":
      return { ...state, status: "rejected", decision: { outcome: "rejected", by: e.actor, reason: e.payload.reason } };
    case "registration.withdrawn":
      return { ...state, status: "withdrawn" };
  }
}

export function fold(events: readonly RegistrationEvent[], initial: RegistrationState = INITIAL_REGISTRATION): RegistrationState {
  return events.reduce(evolve, initial);
}

/** Actions the status allows (for the UI's buttons; `decide` still checks the actor). */
export function availableActions(state: RegistrationState): readonly RegistrationAction[] {
  return REGISTRATION_TRANSITIONS[state.status];
}

/** Requests still waiting on a department: cancel them (verification-request `cancel`) when
 * the application is withdrawn or rejected, so no department reads for a closed case. */
export function openRequestIds(state: RegistrationState): string[] {
  return state.checks.flatMap((c) => (c.outcome === "pending" && c.requestId !== null ? [c.requestId] : []));
}

/** Open = submitted and not yet decided or withdrawn (standing rules cover only open ones). */
export function isOpen(state: RegistrationState): boolean {
  return !["none", "draft", "approved", "rejected", "withdrawn"].includes(state.status);
}
