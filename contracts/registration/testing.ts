// Test fixtures for registration@1: actors, a complete transfer, and a driver that runs a
// command, insists it is accepted, and folds its events. Used by the contract tests here
// and by the property projection's tests; not imported by production code.
import type { DocumentRef } from "../shared/application";
import type { Actor, DepartmentCode } from "../shared/contract";
import type { PropertyFacts } from "../property/facts";
import { RULES_V1 } from "../rules/rules";
import {
  INITIAL_REGISTRATION,
  decide,
  evolve,
  type RegistrationCommand,
  type RegistrationCtx,
  type RegistrationEvent,
  type RegistrationState,
} from "./registration";

export const AT = "2026-11-24T08:00:00Z";
export const UNIT = "430102001001GB00001F00010001";
export const APP = "app-0001";

export const SELLER_REF = "pref:seller";
export const BUYER_REF = "pref:buyer";
export const SPOUSE_REF = "pref:spouse";

const resident = (id: string, ref: string): Actor => ({ id, role: "resident", department: null, actsFor: [ref] });
export const seller = resident("u-seller", SELLER_REF);
export const buyer = resident("u-buyer", BUYER_REF);
export const stranger = resident("u-stranger", "pref:stranger");
export const clerk: Actor = { id: "u-clerk", role: "clerk", department: "registry" };
export const clerk2: Actor = { id: "u-clerk2", role: "clerk", department: "registry" };
export const senior: Actor = { id: "u-senior", role: "senior_admin", department: "registry" };
export const policeClerk: Actor = { id: "u-police-clerk", role: "clerk", department: "police" };
export const system = (department: DepartmentCode): Actor => ({ id: `sys-${department}`, role: "system", department });

const hex = (n: number): string => n.toString(16).padStart(64, "0");
export const doc = (n: number, kind: DocumentRef["kind"]): DocumentRef => ({ documentId: `doc-${n}`, sha256: hex(n), kind });
/** A base64 SHA-256 as the ledger prints leaf hashes. */
export const leafHash = (n: number): string => `${String.fromCharCode(65 + (n % 26)).repeat(43)}=`;

type SaveDraft = Extract<RegistrationCommand, { type: "saveDraft" }>;
export const transferDraft = (extra: Partial<SaveDraft> = {}): SaveDraft => ({
  type: "saveDraft",
  applicationId: APP,
  kind: "transfer",
  unitNumber: UNIT,
  parties: [
    { role: "seller", ref: SELLER_REF },
    { role: "buyer", ref: BUYER_REF },
  ],
  documents: [doc(1, "sale_contract"), doc(2, "identity_document")],
  ...extra,
});

/** The seller holds the unit free of mortgage and seizure. */
export const PROPERTY: PropertyFacts = { unitNumber: UNIT, registered: true, holders: [SELLER_REF], mortgageIds: [], seizureIds: [] };

export const ctx = (actor: Actor, extra: Partial<RegistrationCtx> = {}): RegistrationCtx => ({
  actor,
  at: AT,
  rules: RULES_V1,
  property: PROPERTY,
  ...extra,
});

/** Runs a command that must be accepted; returns the new state and the events. */
export function step(state: RegistrationState, command: RegistrationCommand, context: RegistrationCtx): { state: RegistrationState; events: readonly RegistrationEvent[] } {
  const decision = decide(state, command, context);
  if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.code} ${decision.error.message}`);
  return { state: decision.events.reduce(evolve, state), events: decision.events };
}

/** Drives a transfer to a named point, keeping every event (for ledger-like assertions). */
export class Story {
  state: RegistrationState = INITIAL_REGISTRATION;
  readonly events: RegistrationEvent[] = [];

  do(command: RegistrationCommand, context: RegistrationCtx): this {
    const r = step(this.state, command, context);
    this.state = r.state;
    this.events.push(...r.events);
    return this;
  }

  refused(command: RegistrationCommand, context: RegistrationCtx): string {
    const decision = decide(this.state, command, context);
    if (decision.ok) throw new Error(`${command.type} was accepted but should not be`);
    return decision.error.code;
  }

  requestOf(checkId: string): string {
    const c = this.state.checks.find((x) => x.checkId === checkId);
    if (!c?.requestId) throw new Error(`no request for ${checkId}`);
    return c.requestId;
  }

  answer(checkId: string, answer: "yes" | "no", reasonCode: string | null = null): this {
    const dept = checkId.split(".")[0] as DepartmentCode;
    return this.do(
      { type: "recordAnswer", requestId: this.requestOf(checkId), answer, reasonCode, answerHash: leafHash(this.events.length) },
      ctx(system(dept)),
    );
  }

  answerAllPending(): this {
    for (const c of this.state.checks) if (c.outcome === "pending") this.answer(c.checkId, "yes");
    return this;
  }

  static draft(): Story {
    return new Story().do(transferDraft(), ctx(seller));
  }
  static awaitingCounterparty(): Story {
    return Story.draft().do({ type: "submit" }, ctx(seller));
  }
  static submitted(): Story {
    return Story.awaitingCounterparty().do({ type: "confirmCounterparty" }, ctx(buyer));
  }
  static inReview(): Story {
    return Story.submitted().do({ type: "claim" }, ctx(clerk));
  }
  static checksPending(): Story {
    return Story.inReview().do({ type: "dispatchChecks" }, ctx(clerk));
  }
  static readyForDecision(): Story {
    return Story.checksPending().answerAllPending();
  }
}

export const DEPARTMENT_CHECKS = [
  "police.identity:seller-0",
  "police.identity:buyer-0",
  "civil.marital_status:seller-0",
  "tax.deed_tax_paid:property",
  "housing.purchase_eligibility:buyer-0",
] as const;
