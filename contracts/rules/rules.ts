// Versioned rule sets: which checks (and documents) each application kind needs.
// A rule set is data, validated by zod; a new version is a new signed ledger entry
// (senior admin), and every application records the version it ran under.
import { z } from "zod";
import { APPLICATION_KINDS, KIND_PARTIES, documentKindSchema, type ApplicationKind, type DocumentKind } from "../shared/application";
import { departmentSchema, type DepartmentCode } from "../shared/contract";

/** Who a check is about: a party role of the application, or the property itself. */
export const RULE_PARTIES = ["seller", "buyer", "applicant", "property"] as const;
export type RuleParty = (typeof RULE_PARTIES)[number];

/** The registry's own facts, evaluated by the contract from the property's ledger-derived
 * state (no department is asked). Their rule entries have department `registry`. */
export const REGISTRY_FACTS = [
  "registered",
  "not_yet_registered",
  "no_seizure",
  "no_unreleased_mortgage",
  "sellers_hold_title",
  "applicant_holds_title",
  "mortgage_on_record",
  "seizure_on_record",
] as const;
export type RegistryFact = (typeof REGISTRY_FACTS)[number];

/** The department checks there is an answer for (each department's adapter in
 * lib/departments; a test keeps the two equal): what the rule editor offers, and what a new
 * version may name, so no application waits for a check nobody can answer. */
export const CHECK_CATALOGUE = [
  { department: "police", check: "identity", about: "person" },
  { department: "civil", check: "marital_status", about: "person" },
  { department: "tax", check: "deed_tax_paid", about: "property" },
  { department: "housing", check: "purchase_eligibility", about: "person" },
  { department: "bank", check: "credit", about: "person" },
  { department: "land", check: "land_use_right", about: "person" },
] as const satisfies readonly { department: DepartmentCode; check: string; about: "person" | "property" }[];

/** Why a check cannot be in a rule set (unknown check, or asked about the wrong subject), or null. */
export function checkProblem(c: Pick<RuleCheck, "department" | "check" | "party">): string | null {
  if (c.department === "registry") return (REGISTRY_FACTS as readonly string[]).includes(c.check) ? null : `unknown registry fact ${c.check}`;
  const known = CHECK_CATALOGUE.find((k) => k.department === c.department && k.check === c.check);
  if (!known) return `no department answers ${c.department}.${c.check}`;
  if ((known.about === "property") !== (c.party === "property")) return `${c.department}.${c.check} is about a ${known.about}, not the ${c.party}`;
  return null;
}

export const ruleCheckSchema = z
  .object({
    department: departmentSchema,
    /** Local check name; shown as `department.check`, e.g. `police.identity`. */
    check: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
    party: z.enum(RULE_PARTIES),
    /** Expected time for the department to answer, for the resident's timeline. */
    expectedHours: z.number().min(0).max(24 * 90),
  })
  .refine((c) => c.department !== "registry" || (REGISTRY_FACTS as readonly string[]).includes(c.check), {
    message: "a registry check must be one of the registry facts",
  })
  .refine((c) => c.department !== "registry" || c.party === "property", { message: "registry facts are about the property" });
export type RuleCheck = z.infer<typeof ruleCheckSchema>;

const kindRulesSchema = z.object({
  checks: z.array(ruleCheckSchema).min(1).max(40),
  /** Documents a submission must carry, at least one of each kind. */
  documents: z.array(documentKindSchema).max(20),
  /** Expected time for the registry's own review (intake and decision). */
  reviewHours: z.number().min(0).max(24 * 90),
});
export type KindRules = z.infer<typeof kindRulesSchema>;

export const ruleSetSchema = z
  .object({
    version: z.number().int().min(1),
    kinds: z.object(
      Object.fromEntries(APPLICATION_KINDS.map((k) => [k, kindRulesSchema])) as Record<ApplicationKind, typeof kindRulesSchema>,
    ),
  })
  .superRefine((set, ctx) => {
    for (const kind of APPLICATION_KINDS) {
      const seen = new Set<string>();
      set.kinds[kind].checks.forEach((c, i) => {
        const key = ruleCheckKey(c);
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["kinds", kind, "checks", i], message: `duplicate check ${key}` });
        seen.add(key);
        if (c.party !== "property" && !(c.party in KIND_PARTIES[kind])) {
          ctx.addIssue({ code: "custom", path: ["kinds", kind, "checks", i], message: `${kind} has no ${c.party}` });
        }
      });
    }
  });
export type RuleSet = z.infer<typeof ruleSetSchema>;

/** `police.identity:seller` — identifies a rule within a kind. */
export function ruleCheckKey(c: Pick<RuleCheck, "department" | "check" | "party">): string {
  return `${c.department}.${c.check}:${c.party}`;
}

/** Validates a rule set from anywhere (admin form, database, seed). Throws with zod's message. */
export function parseRuleSet(input: unknown): RuleSet {
  return ruleSetSchema.parse(input);
}

const h = (department: DepartmentCode, check: string, party: RuleParty, expectedHours: number): RuleCheck => ({
  department,
  check,
  party,
  expectedHours,
});
const fact = (check: RegistryFact): RuleCheck => h("registry", check, "property", 0);
const docs = (...kinds: DocumentKind[]): DocumentKind[] => kinds;

/** Version 1, seeded at install (DESIGN.md §2). */
export const RULES_V1: RuleSet = parseRuleSet({
  version: 1,
  kinds: {
    first_registration: {
      checks: [h("land", "land_use_right", "applicant", 24), h("police", "identity", "applicant", 4), fact("not_yet_registered")],
      documents: docs("land_use_certificate", "identity_document"),
      reviewHours: 48,
    },
    transfer: {
      checks: [
        h("police", "identity", "seller", 4),
        h("police", "identity", "buyer", 4),
        // The civil bureau answers yes when the seller is unmarried or the spouse's consent is on file.
        h("civil", "marital_status", "seller", 8),
        h("tax", "deed_tax_paid", "property", 8),
        h("housing", "purchase_eligibility", "buyer", 24),
        fact("sellers_hold_title"),
        fact("no_seizure"),
        fact("no_unreleased_mortgage"),
      ],
      documents: docs("sale_contract", "identity_document"),
      reviewHours: 48,
    },
    mortgage: {
      checks: [h("police", "identity", "applicant", 4), h("bank", "credit", "applicant", 24), fact("applicant_holds_title"), fact("no_seizure")],
      documents: docs("mortgage_contract", "identity_document"),
      reviewHours: 24,
    },
    mortgage_release: {
      checks: [h("police", "identity", "applicant", 4), fact("mortgage_on_record")],
      documents: docs("release_certificate"),
      reviewHours: 24,
    },
    // Filed by a court: the registry records it on its own facts; no department is asked.
    seizure: { checks: [fact("registered")], documents: docs("court_order"), reviewHours: 4 },
    seizure_release: { checks: [fact("seizure_on_record")], documents: docs("court_order"), reviewHours: 4 },
  },
});

export interface RuleChange {
  readonly kind: ApplicationKind;
  readonly change: "check_added" | "check_removed" | "check_changed" | "document_added" | "document_removed" | "review_hours_changed";
  /** `police.identity:seller`, a document kind, or `reviewHours`. */
  readonly key: string;
  readonly before: RuleCheck | DocumentKind | number | null;
  readonly after: RuleCheck | DocumentKind | number | null;
}

/** What changes from rule set `from` to rule set `to`, kind by kind, for the admin's preview. */
export function diffRules(from: RuleSet, to: RuleSet): RuleChange[] {
  const changes: RuleChange[] = [];
  for (const kind of APPLICATION_KINDS) {
    const a = from.kinds[kind];
    const b = to.kinds[kind];
    const before = new Map(a.checks.map((c) => [ruleCheckKey(c), c]));
    const after = new Map(b.checks.map((c) => [ruleCheckKey(c), c]));
    for (const [key, c] of before) {
      const next = after.get(key);
      if (!next) changes.push({ kind, change: "check_removed", key, before: c, after: null });
      else if (next.expectedHours !== c.expectedHours) changes.push({ kind, change: "check_changed", key, before: c, after: next });
    }
    for (const [key, c] of after) if (!before.has(key)) changes.push({ kind, change: "check_added", key, before: null, after: c });
    for (const d of a.documents) if (!b.documents.includes(d)) changes.push({ kind, change: "document_removed", key: d, before: d, after: null });
    for (const d of b.documents) if (!a.documents.includes(d)) changes.push({ kind, change: "document_added", key: d, before: null, after: d });
    if (a.reviewHours !== b.reviewHours) {
      changes.push({ kind, change: "review_hours_changed", key: "reviewHours", before: a.reviewHours, after: b.reviewHours });
    }
  }
  return changes;
}

// Publishing a new version: the senior admin's command, one signed entry per version.
export const RULES_CONTRACT = { name: "rules", version: 1, id: "rules@1" } as const;

/** A version proposed by one senior admin, waiting for another's approval. */
export interface PendingRuleVersion {
  readonly version: number;
  readonly ruleSet: RuleSet;
  /** The proposer's actor reference: they may withdraw it, but not approve it. */
  readonly proposedBy: string;
  /** The version active when it was proposed (what the preview compared against). */
  readonly basedOn: number;
}

export interface RuleHistoryState {
  /** Highest version number used by a publication or a proposal; 0 before the seed. A
   * rejected proposal's number is not reused, so "version N" always names one proposal. */
  readonly latestVersion: number;
  /** Published versions, oldest first: the last one is active. */
  readonly versions: readonly RuleSet[];
  readonly pending: PendingRuleVersion | null;
}
export const INITIAL_RULE_HISTORY: RuleHistoryState = { latestVersion: 0, versions: [], pending: null };

/** Version 1 is built in (RULES_V1) and in force before anything is on the ledger. */
export const BUILT_IN_RULE_HISTORY: RuleHistoryState = { latestVersion: 1, versions: [RULES_V1], pending: null };

type RulesBase = { readonly contract: typeof RULES_CONTRACT.id; readonly department: "registry"; readonly actor: string; readonly subject: string };

export type RulesPublishedEvent = RulesBase & {
  readonly type: "rules.published";
  readonly payload: {
    readonly version: number;
    readonly ruleSet: RuleSet;
    readonly changes: number;
    /** With a second approval: who proposed it (the entry's actor approved it). */
    readonly proposedBy?: string;
    readonly basedOn?: number;
  };
};
export type RulesProposedEvent = RulesBase & {
  readonly type: "rules.proposed";
  readonly payload: { readonly version: number; readonly ruleSet: RuleSet; readonly changes: number; readonly basedOn: number };
};
export const RULE_REJECTION_REASONS = ["withdrawn", "rejected"] as const;
export type RulesRejectedEvent = RulesBase & {
  readonly type: "rules.rejected";
  readonly payload: { readonly version: number; readonly reason: (typeof RULE_REJECTION_REASONS)[number] };
};
export type RulesEvent = RulesPublishedEvent | RulesProposedEvent | RulesRejectedEvent;

export type RulesErrorCode = "INVALID_COMMAND" | "FORBIDDEN" | "VERSION_NOT_NEXT" | "PENDING_EXISTS" | "NO_CHANGES" | "NOT_PENDING" | "SAME_ADMIN";
type RulesDecision<E extends RulesEvent = RulesEvent> =
  | { ok: true; events: readonly E[] }
  | { ok: false; error: { code: RulesErrorCode; message: string } };

const refuse = (code: RulesErrorCode, message: string) => ({ ok: false as const, error: { code, message } });
const base = (actor: string, version: number): RulesBase => ({ contract: RULES_CONTRACT.id, department: "registry", actor, subject: `rules:${version}` });

/** Only a senior admin publishes; versions go up by one, so "the version an application ran
 * under" always names exactly one entry. The seed (version 1) is published by `system`. */
export function decidePublishRules(
  state: RuleHistoryState,
  input: unknown,
  ctx: { readonly actor: { readonly id: string; readonly role: string } },
): RulesDecision<RulesPublishedEvent> {
  const parsed = ruleSetSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse("INVALID_COMMAND", `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid rule set"}`);
  }
  const seeding = state.latestVersion === 0 && ctx.actor.role === "system";
  if (ctx.actor.role !== "senior_admin" && !seeding) return refuse("FORBIDDEN", "only a senior admin may publish rules");
  if (parsed.data.version !== state.latestVersion + 1) return refuse("VERSION_NOT_NEXT", `the next rule version is ${state.latestVersion + 1}`);
  const previous = state.versions[state.versions.length - 1];
  return {
    ok: true,
    events: [
      {
        type: "rules.published",
        ...base(ctx.actor.id, parsed.data.version),
        payload: { version: parsed.data.version, ruleSet: parsed.data, changes: previous ? diffRules(previous, parsed.data).length : 0 },
      },
    ],
  };
}

export type RulesCommand =
  /** A new version from the editor; its number is assigned here (the next free one). */
  | { readonly type: "propose"; readonly kinds: unknown }
  | { readonly type: "approve"; readonly version: number }
  | { readonly type: "reject"; readonly version: number };

/**
 * The senior admins' rule desk. With `requireApproval` a proposal waits (one at a time) for
 * a second senior admin's approval, which publishes it; without, proposing publishes. The
 * proposer may withdraw a pending version; another senior admin may reject it.
 */
export function decideRules(
  state: RuleHistoryState,
  command: RulesCommand,
  ctx: { readonly actor: { readonly id: string; readonly role: string }; readonly requireApproval: boolean },
): RulesDecision {
  if (ctx.actor.role !== "senior_admin") return refuse("FORBIDDEN", "only a senior admin changes the rules");
  const active = state.versions[state.versions.length - 1];
  switch (command.type) {
    case "propose": {
      if (state.pending) return refuse("PENDING_EXISTS", `version ${state.pending.version} waits for approval: approve or withdraw it first`);
      const version = state.latestVersion + 1;
      const parsed = ruleSetSchema.safeParse({ version, kinds: command.kinds });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return refuse("INVALID_COMMAND", `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid rule set"}`);
      }
      for (const kind of APPLICATION_KINDS) {
        for (const c of parsed.data.kinds[kind].checks) {
          const problem = checkProblem(c);
          if (problem) return refuse("INVALID_COMMAND", `${kind}: ${problem}`);
        }
      }
      const changes = active ? diffRules(active, parsed.data).length : 0;
      if (active && changes === 0) return refuse("NO_CHANGES", `nothing differs from the active version ${active.version}`);
      const basedOn = active?.version ?? 0;
      if (!ctx.requireApproval) {
        return { ok: true, events: [{ type: "rules.published", ...base(ctx.actor.id, version), payload: { version, ruleSet: parsed.data, changes, basedOn } }] };
      }
      return { ok: true, events: [{ type: "rules.proposed", ...base(ctx.actor.id, version), payload: { version, ruleSet: parsed.data, changes, basedOn } }] };
    }
    case "approve": {
      const pending = state.pending;
      if (!pending || pending.version !== command.version) return refuse("NOT_PENDING", `version ${command.version} is not waiting for approval`);
      if (pending.proposedBy === ctx.actor.id) return refuse("SAME_ADMIN", "a second senior admin must approve: you proposed this version");
      const changes = active ? diffRules(active, pending.ruleSet).length : 0;
      return {
        ok: true,
        events: [
          {
            type: "rules.published",
            ...base(ctx.actor.id, pending.version),
            payload: { version: pending.version, ruleSet: pending.ruleSet, changes, proposedBy: pending.proposedBy, basedOn: pending.basedOn },
          },
        ],
      };
    }
    case "reject": {
      const pending = state.pending;
      if (!pending || pending.version !== command.version) return refuse("NOT_PENDING", `version ${command.version} is not waiting for approval`);
      const reason = pending.proposedBy === ctx.actor.id ? "withdrawn" : "rejected";
      return { ok: true, events: [{ type: "rules.rejected", ...base(ctx.actor.id, pending.version), payload: { version: pending.version, reason } }] };
    }
  }
}

export function evolveRuleHistory(state: RuleHistoryState, event: RulesEvent): RuleHistoryState {
  switch (event.type) {
    case "rules.published":
      return {
        latestVersion: Math.max(state.latestVersion, event.payload.version),
        versions: [...state.versions, event.payload.ruleSet],
        pending: state.pending?.version === event.payload.version ? null : state.pending,
      };
    case "rules.proposed":
      return {
        ...state,
        latestVersion: Math.max(state.latestVersion, event.payload.version),
        pending: { version: event.payload.version, ruleSet: event.payload.ruleSet, proposedBy: event.actor, basedOn: event.payload.basedOn },
      };
    case "rules.rejected":
      return { ...state, pending: state.pending?.version === event.payload.version ? null : state.pending };
  }
}

/** Folds the ledger's rules entries; without a published version 1 on the ledger, version 1
 * is the built-in RULES_V1. */
export function foldRuleHistory(events: readonly RulesEvent[]): RuleHistoryState {
  const seeded = events[0]?.type === "rules.published" && events[0].payload.version === 1;
  return events.reduce(evolveRuleHistory, seeded ? INITIAL_RULE_HISTORY : BUILT_IN_RULE_HISTORY);
}
