import { describe, expect, it } from "vitest";
import { RULES_V1 } from "../rules/rules";
import type { Actor } from "../shared/contract";
import {
  INITIAL_REGISTRATION,
  REGISTRATION_ACTIONS,
  REGISTRATION_CONTRACT,
  REGISTRATION_REFUSALS,
  REGISTRATION_STATUSES,
  REGISTRATION_TRANSITIONS,
  decide,
  evolve,
  fold,
  isOpen,
  openRequestIds,
  type RegistrationAction,
  type RegistrationCommand,
  type RegistrationCtx,
  type RegistrationState,
  type RegistrationStatus,
} from "./registration";
import {
  APP,
  BUYER_REF,
  DEPARTMENT_CHECKS,
  PROPERTY,
  SELLER_REF,
  Story,
  UNIT,
  buyer,
  clerk,
  clerk2,
  ctx,
  doc,
  leafHash,
  policeClerk,
  seller,
  senior,
  stranger,
  system,
  transferDraft,
} from "./testing";

const NOTE = "ab".repeat(32);

// ── Every status × every action ────────────────────────────────────────────────────────

/** A state in `status` where every guard other than the status itself is satisfied. */
function stateFor(status: RegistrationStatus, action: RegistrationAction): RegistrationState {
  const blockedOne = () => {
    const s = Story.checksPending();
    return s.do({ type: "recordBlocked", requestId: s.requestOf("police.identity:seller-0"), cause: "refused", reasonCode: "admin_refused" }, ctx(system("police")));
  };
  switch (status) {
    case "none":
      return INITIAL_REGISTRATION;
    case "draft":
      return Story.draft().state;
    case "awaiting_counterparty":
      return Story.awaitingCounterparty().state;
    case "submitted":
      return Story.submitted().state;
    case "in_review":
      return Story.inReview().state;
    case "checks_pending": {
      // A blocked check to re-dispatch or override, and pending ones to answer.
      const s = blockedOne().state;
      return action === "claim" ? { ...s, assignee: null } : s;
    }
    case "more_material_requested": {
      const s = Story.checksPending().do({ type: "requestMaterial", reason: { code: "spouse_consent_missing" }, documentKinds: ["spouse_consent"] }, ctx(clerk)).state;
      return action === "claim" ? { ...s, assignee: null } : s;
    }
    case "ready_for_decision": {
      if (action === "dispatchChecks" || action === "override") {
        const s = Story.checksPending();
        for (const id of DEPARTMENT_CHECKS) s.answer(id, id.startsWith("civil") ? "no" : "yes", id.startsWith("civil") ? "married_no_consent" : null);
        return s.state;
      }
      const s = Story.readyForDecision().state;
      return action === "claim" ? { ...s, assignee: null } : s;
    }
    case "approved":
      return Story.readyForDecision().do({ type: "approve" }, ctx(clerk)).state;
    case "rejected":
      return Story.inReview().do({ type: "reject", reason: { code: "documents_forged" } }, ctx(clerk)).state;
    case "withdrawn":
      return Story.draft().do({ type: "withdraw" }, ctx(seller)).state;
  }
}

/** A command for `action` that passes every guard but the status, with its actor. */
function commandFor(state: RegistrationState, action: RegistrationAction): { command: RegistrationCommand; context: RegistrationCtx } {
  const pending = state.checks.find((c) => c.outcome === "pending");
  const requestId = pending?.requestId ?? `${APP}/police.identity:seller-0/1`;
  const dept = pending?.department ?? "police";
  switch (action) {
    case "saveDraft":
      return { command: transferDraft(state.status === "none" ? {} : { documents: [doc(1, "sale_contract"), doc(2, "identity_document"), doc(3, "other")] }), context: ctx(seller) };
    case "submit":
      return { command: { type: "submit" }, context: ctx(seller) };
    case "confirmCounterparty":
      return { command: { type: "confirmCounterparty" }, context: ctx(buyer) };
    case "claim":
      return { command: { type: "claim" }, context: ctx(clerk) };
    case "release":
      return { command: { type: "release" }, context: ctx(clerk) };
    case "dispatchChecks":
      return { command: { type: "dispatchChecks" }, context: ctx(clerk) };
    case "recordAnswer":
      return { command: { type: "recordAnswer", requestId, answer: "yes", answerHash: leafHash(1) }, context: ctx(system(dept)) };
    case "recordBlocked":
      return { command: { type: "recordBlocked", requestId, cause: "refused", reasonCode: "admin_refused" }, context: ctx(system(dept)) };
    case "requestMaterial":
      return { command: { type: "requestMaterial", reason: { code: "document_illegible" }, documentKinds: ["sale_contract"] }, context: ctx(clerk) };
    case "provideMaterial":
      return { command: { type: "provideMaterial", documents: [doc(9, "spouse_consent")] }, context: ctx(seller) };
    case "approve":
      return { command: { type: "approve" }, context: ctx(clerk) };
    case "reject":
      return { command: { type: "reject", reason: { code: "documents_forged" } }, context: ctx(clerk) };
    case "override": {
      const target = state.checks.find((c) => c.outcome === "no" || c.outcome === "blocked")?.checkId ?? "civil.marital_status:seller-0";
      return { command: { type: "override", checkId: target, reason: { code: "court_order", noteSha256: NOTE } }, context: ctx(senior) };
    }
    case "withdraw":
      return { command: { type: "withdraw" }, context: ctx(seller) };
  }
}

describe("registration@1 transition table", () => {
  for (const status of REGISTRATION_STATUSES) {
    for (const action of REGISTRATION_ACTIONS) {
      const allowed = (REGISTRATION_TRANSITIONS[status] as readonly RegistrationAction[]).includes(action);
      it(`${status} × ${action} → ${allowed ? "allowed" : "refused"}`, () => {
        const state = stateFor(status, action);
        expect(state.status).toBe(status);
        const { command, context } = commandFor(state, action);
        const decision = decide(state, command, context);
        if (allowed) {
          expect(decision.ok ? "accepted" : `${decision.error.code}: ${decision.error.message}`).toBe("accepted");
          if (!decision.ok) return;
          expect(decision.events.length).toBeGreaterThan(0);
          for (const e of decision.events) {
            expect(e.contract).toBe(REGISTRATION_CONTRACT.id);
            expect(e.subject).toBe(APP);
            expect(e.actor).toBe(context.actor.id);
          }
          const next = decision.events.reduce(evolve, state);
          expect(REGISTRATION_STATUSES).toContain(next.status);
        } else {
          const refusals: Partial<Record<RegistrationAction, string>> = (REGISTRATION_REFUSALS as Partial<Record<RegistrationStatus, Partial<Record<RegistrationAction, string>>>>)[status] ?? {};
          expect(decision.ok).toBe(false);
          if (decision.ok) return;
          expect(decision.error.code).toBe(refusals[action] ?? "INVALID_TRANSITION");
        }
      });
    }
  }

  it("the refusal table only sharpens refusals, never shadows an allowed action", () => {
    for (const [status, byAction] of Object.entries(REGISTRATION_REFUSALS)) {
      for (const action of Object.keys(byAction)) {
        expect(REGISTRATION_TRANSITIONS[status as RegistrationStatus] as readonly string[]).not.toContain(action);
      }
    }
  });

  it("terminal statuses allow nothing", () => {
    for (const s of ["approved", "rejected", "withdrawn"] as const) expect(REGISTRATION_TRANSITIONS[s]).toHaveLength(0);
  });
});

// ── Scenarios ──────────────────────────────────────────────────────────────────────────

describe("registration@1 scenarios", () => {
  it("takes a transfer from filing to approval, citing every answer and the rule version", () => {
    const s = Story.readyForDecision();
    expect(s.state.status).toBe("ready_for_decision");
    s.do({ type: "approve" }, ctx(clerk));
    expect(s.state.status).toBe("approved");
    expect(s.events.map((e) => e.type)).toEqual([
      "registration.draft_saved",
      "registration.submitted",
      "registration.counterparty_confirmed",
      "registration.claimed",
      "registration.checks_dispatched",
      ...DEPARTMENT_CHECKS.map(() => "registration.answer_recorded"),
      "registration.approved",
    ]);
    const approved = s.events.at(-1)!;
    if (approved.type !== "registration.approved") throw new Error("expected approval");
    expect(approved.payload.ruleVersion).toBe(1);
    expect(approved.payload.answers.map((a) => a.checkId).sort()).toEqual([...DEPARTMENT_CHECKS].sort());
    for (const a of approved.payload.answers) {
      expect(a.outcome).toBe("yes");
      expect(a.answerHash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    }
    expect(approved.payload.registryFacts.map((f) => f.checkId).sort()).toEqual(
      ["registry.no_seizure:property", "registry.no_unreleased_mortgage:property", "registry.sellers_hold_title:property"].sort(),
    );
    expect(approved.payload.effect).toEqual({ kind: "transfer", holders: [BUYER_REF], previousHolders: [SELLER_REF] });
    // Status is derived from events: folding the log gives the same state.
    expect(fold(s.events)).toEqual(s.state);
  });

  it("dispatch creates one request per department check and records the rule version", () => {
    const s = Story.checksPending();
    const dispatched = s.events.at(-1)!;
    if (dispatched.type !== "registration.checks_dispatched") throw new Error("expected dispatch");
    expect(dispatched.payload.ruleVersion).toBe(RULES_V1.version);
    const requests = dispatched.payload.checks.filter((c) => c.requestId !== null);
    expect(requests.map((c) => c.checkId).sort()).toEqual([...DEPARTMENT_CHECKS].sort());
    expect(new Set(requests.map((c) => c.requestId)).size).toBe(requests.length);
    // Registry facts are answered by the registry at once, without a request.
    expect(dispatched.payload.checks.filter((c) => c.department === "registry").every((c) => c.outcome === "yes" && c.requestId === null)).toBe(true);
    expect(dispatched.payload.checks.find((c) => c.checkId === "police.identity:buyer-0")?.subjectRef).toBe(BUYER_REF);
    expect(dispatched.payload.checks.find((c) => c.checkId === "tax.deed_tax_paid:property")?.subjectRef).toBe(UNIT);
  });

  it("married seller without consent: civil answers no, approval refused, the clerk rejects citing it", () => {
    const s = Story.checksPending();
    for (const id of DEPARTMENT_CHECKS) {
      if (id.startsWith("civil")) s.answer(id, "no", "married_no_consent");
      else s.answer(id, "yes");
    }
    expect(s.state.status).toBe("ready_for_decision");
    expect(s.refused({ type: "approve" }, ctx(clerk))).toBe("CHECKS_NOT_SATISFIED");
    expect(s.refused({ type: "reject" }, ctx(clerk))).toBe("REASON_REQUIRED");
    expect(s.refused({ type: "reject", reason: { code: "x_y" }, citesCheckIds: ["police.identity:seller-0"] }, ctx(clerk))).toBe("INVALID_COMMAND");
    s.do({ type: "reject", reason: { code: "married_no_consent" }, citesCheckIds: ["civil.marital_status:seller-0"] }, ctx(clerk));
    expect(s.state.status).toBe("rejected");
    expect(s.state.decision).toEqual({ outcome: "rejected", by: clerk.id, reason: { code: "married_no_consent" } });
    expect(s.refused({ type: "reject", reason: { code: "again" } }, ctx(clerk))).toBe("ALREADY_DECIDED");
  });

  it("asks for more material, the resident provides it, the case resumes and the check is re-run", () => {
    const s = Story.checksPending();
    for (const id of DEPARTMENT_CHECKS) {
      if (id.startsWith("civil")) s.answer(id, "no", "married_no_consent");
      else if (!id.startsWith("housing")) s.answer(id, "yes");
    }
    s.do({ type: "requestMaterial", reason: { code: "spouse_consent_missing" }, documentKinds: ["spouse_consent"] }, ctx(clerk));
    expect(s.state.status).toBe("more_material_requested");
    expect(s.state.materialRequest?.reason.code).toBe("spouse_consent_missing");
    // An answer arriving meanwhile is still recorded; the case keeps waiting for the resident.
    s.answer("housing.purchase_eligibility:buyer-0", "yes");
    expect(s.state.status).toBe("more_material_requested");
    expect(s.refused({ type: "provideMaterial", documents: [doc(8, "other")] }, ctx(seller))).toBe("MATERIAL_INCOMPLETE");
    expect(s.refused({ type: "provideMaterial", documents: [doc(8, "spouse_consent")] }, ctx(stranger))).toBe("FORBIDDEN");
    s.do({ type: "provideMaterial", documents: [doc(8, "spouse_consent")] }, ctx(seller));
    expect(s.state.status).toBe("ready_for_decision");
    expect(s.state.content?.documents.map((d) => d.kind)).toContain("spouse_consent");
    const oldRequest = s.requestOf("civil.marital_status:seller-0");
    s.do({ type: "dispatchChecks" }, ctx(clerk));
    expect(s.state.status).toBe("checks_pending");
    const civil = s.state.checks.find((c) => c.checkId === "civil.marital_status:seller-0")!;
    expect(civil.attempt).toBe(2);
    expect(civil.requestId).not.toBe(oldRequest);
    // The first attempt's request can no longer be answered into this case.
    expect(s.refused({ type: "recordAnswer", requestId: oldRequest, answer: "yes", answerHash: leafHash(1) }, ctx(system("civil")))).toBe("UNKNOWN_REQUEST");
    s.answer("civil.marital_status:seller-0", "yes").do({ type: "approve" }, ctx(clerk));
    expect(s.state.status).toBe("approved");
  });

  it("material requested before any dispatch returns the case to review", () => {
    const s = Story.inReview();
    s.do({ type: "requestMaterial", reason: { code: "document_illegible" }, documentKinds: ["sale_contract"] }, ctx(clerk));
    s.do({ type: "provideMaterial", documents: [doc(5, "sale_contract")] }, ctx(buyer));
    expect(s.state.status).toBe("in_review");
  });

  it("a refused authorisation blocks the check; the case cannot be approved; override needs a reason", () => {
    const s = Story.checksPending();
    const requestId = s.requestOf("police.identity:seller-0");
    s.do({ type: "recordBlocked", requestId, cause: "refused", reasonCode: "purpose_not_shown" }, ctx(system("police")));
    s.answerAllPending();
    expect(s.state.checks.find((c) => c.requestId === requestId)?.outcome).toBe("blocked");
    expect(s.state.status).toBe("checks_pending");
    expect(s.refused({ type: "approve" }, ctx(clerk))).toBe("CHECKS_INCOMPLETE");

    const override = (reason?: { code: string; noteSha256?: string }): RegistrationCommand => ({ type: "override", checkId: "police.identity:seller-0", reason });
    expect(s.refused(override(), ctx(senior))).toBe("REASON_REQUIRED");
    expect(s.refused(override({ code: "identity_confirmed_in_person" }), ctx(senior))).toBe("REASON_REQUIRED");
    expect(s.refused(override({ code: "identity_confirmed_in_person", noteSha256: NOTE }), ctx(clerk))).toBe("FORBIDDEN");
    expect(
      s.refused({ type: "override", checkId: "police.identity:buyer-0", reason: { code: "x_y", noteSha256: NOTE } }, ctx(senior)),
    ).toBe("NOTHING_TO_OVERRIDE");
    s.do(override({ code: "identity_confirmed_in_person", noteSha256: NOTE }), ctx(senior));
    const overridden = s.events.at(-1)!;
    expect(overridden.type).toBe("registration.check_overridden");
    expect(overridden.actor).toBe(senior.id);
    expect(s.state.status).toBe("ready_for_decision");
    s.do({ type: "approve" }, ctx(clerk));
    const approved = s.events.at(-1)!;
    if (approved.type !== "registration.approved") throw new Error("expected approval");
    expect(approved.payload.answers.find((a) => a.checkId === "police.identity:seller-0")).toEqual({
      checkId: "police.identity:seller-0",
      requestId,
      outcome: "overridden",
      answerHash: null,
    });
  });

  it("registry facts cannot be overridden", () => {
    const s = Story.inReview().do({ type: "dispatchChecks" }, ctx(clerk, { property: { ...PROPERTY, seizureIds: ["app-court"] } }));
    expect(s.state.checks.find((c) => c.checkId === "registry.no_seizure:property")).toMatchObject({ outcome: "no", reasonCode: "seized" });
    s.answerAllPending();
    expect(s.refused({ type: "override", checkId: "registry.no_seizure:property", reason: { code: "x_y", noteSha256: NOTE } }, ctx(senior))).toBe(
      "NOT_OVERRIDABLE",
    );
  });

  it("refuses a replayed answer, and an answer from the wrong department", () => {
    const s = Story.checksPending();
    const requestId = s.requestOf("police.identity:seller-0");
    const answer: RegistrationCommand = { type: "recordAnswer", requestId, answer: "yes", answerHash: leafHash(3) };
    expect(s.refused(answer, ctx(system("tax")))).toBe("FORBIDDEN");
    expect(s.refused(answer, ctx(seller))).toBe("FORBIDDEN");
    expect(s.refused(answer, ctx(clerk))).toBe("FORBIDDEN");
    s.do(answer, ctx(policeClerk));
    expect(s.refused(answer, ctx(policeClerk))).toBe("REPLAYED_ANSWER");
    expect(s.refused({ ...answer, answer: "no", reasonCode: "identity_mismatch" }, ctx(policeClerk))).toBe("REPLAYED_ANSWER");
    expect(s.refused({ ...answer, requestId: "some-other-app/police.identity:seller-0/1" }, ctx(policeClerk))).toBe("UNKNOWN_REQUEST");
    const next = s.requestOf("police.identity:buyer-0");
    expect(s.refused({ type: "recordAnswer", requestId: next, answer: "no", answerHash: leafHash(4) }, ctx(policeClerk))).toBe("REASON_REQUIRED");
  });

  it("refuses a double approval with ALREADY_DECIDED, also from a second clerk", () => {
    const s = Story.readyForDecision();
    const ready = s.state;
    s.do({ type: "approve" }, ctx(clerk));
    expect(s.refused({ type: "approve" }, ctx(clerk))).toBe("ALREADY_DECIDED");
    const second = decide(s.state, { type: "approve" }, ctx(clerk2));
    expect(second.ok ? "ok" : second.error.code).toBe("ALREADY_DECIDED");
    // Concurrency is the data-access layer's job: both decided on the same snapshot would pass
    // here, so it must decide inside one serialised transaction per application.
    expect(decide(ready, { type: "approve" }, ctx(clerk)).ok).toBe(true);
  });

  it("lets only the named counter-party confirm, once", () => {
    const s = Story.awaitingCounterparty();
    expect(s.state.pendingConfirmations).toEqual(["buyer-0"]);
    expect(s.refused({ type: "confirmCounterparty" }, ctx(stranger))).toBe("NOT_COUNTERPARTY");
    expect(s.refused({ type: "confirmCounterparty" }, ctx(seller))).toBe("ALREADY_CONFIRMED");
    expect(s.refused({ type: "claim" }, ctx(clerk))).toBe("INVALID_TRANSITION");
    s.do({ type: "confirmCounterparty" }, ctx(buyer));
    expect(s.state.status).toBe("submitted");
  });

  it("a clerk filing on behalf of both parties needs both to confirm", () => {
    const s = new Story().do(transferDraft(), ctx(clerk)).do({ type: "submit" }, ctx(clerk));
    expect(s.state.pendingConfirmations).toEqual(["seller-0", "buyer-0"]);
    s.do({ type: "confirmCounterparty" }, ctx(seller));
    expect(s.state.status).toBe("awaiting_counterparty");
    s.do({ type: "confirmCounterparty" }, ctx(buyer));
    expect(s.state.status).toBe("submitted");
  });

  it("guards the clerk's actions: claim first, only the holder acts, residents never", () => {
    const s = Story.submitted();
    expect(s.refused({ type: "claim" }, ctx(seller))).toBe("FORBIDDEN");
    expect(s.refused({ type: "claim" }, ctx(policeClerk))).toBe("FORBIDDEN");
    s.do({ type: "claim" }, ctx(clerk));
    expect(s.refused({ type: "dispatchChecks" }, ctx(clerk2))).toBe("NOT_ASSIGNEE");
    expect(s.refused({ type: "release" }, ctx(clerk2))).toBe("NOT_ASSIGNEE");
    expect(s.refused({ type: "approve" }, ctx(clerk))).toBe("CHECKS_INCOMPLETE");
    s.do({ type: "release" }, ctx(clerk));
    expect(s.state).toMatchObject({ status: "submitted", assignee: null });
    s.do({ type: "claim" }, ctx(clerk2)).do({ type: "dispatchChecks" }, ctx(clerk2));
    expect(s.refused({ type: "claim" }, ctx(clerk))).toBe("ALREADY_CLAIMED");
    s.do({ type: "release" }, ctx(senior));
    expect(s.state).toMatchObject({ status: "checks_pending", assignee: null });
    expect(s.refused({ type: "requestMaterial", reason: { code: "x_y" }, documentKinds: ["other"] }, ctx(clerk))).toBe("NOT_CLAIMED");
    expect(s.refused({ type: "release" }, ctx(clerk))).toBe("NOT_CLAIMED");
  });

  it("refuses approval when the property was seized after dispatch", () => {
    const s = Story.readyForDecision();
    const seized = { ...PROPERTY, seizureIds: ["app-court-1"] };
    const d = decide(s.state, { type: "approve" }, ctx(clerk, { property: seized }));
    expect(d.ok ? "ok" : d.error.code).toBe("REGISTRY_FACT_FAILED");
    expect(s.refused({ type: "approve" }, ctx(clerk, { property: undefined }))).toBe("MISSING_CONTEXT");
  });

  it("refuses a dispatch under another rule version than the application's", () => {
    const s = Story.inReview();
    expect(s.refused({ type: "dispatchChecks" }, ctx(clerk, { rules: { ...RULES_V1, version: 2 } }))).toBe("RULE_VERSION_MISMATCH");
  });

  it("refuses an incomplete submission with the list of problems", () => {
    const s = new Story().do(transferDraft({ parties: [{ role: "seller", ref: SELLER_REF }], documents: [] }), ctx(seller));
    const d = decide(s.state, { type: "submit" }, ctx(seller));
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.error.code).toBe("INCOMPLETE_APPLICATION");
    expect(d.error.message).toContain("parties.buyer");
    expect(d.error.message).toContain("documents.sale_contract");
    // A resident cannot file for strangers.
    const t = new Story().do(transferDraft(), ctx(stranger));
    expect(t.refused({ type: "submit" }, ctx(stranger))).toBe("INCOMPLETE_APPLICATION");
  });

  it("only the filer edits, submits or withdraws; an unchanged draft writes nothing", () => {
    const s = Story.draft();
    expect(s.refused(transferDraft(), ctx(buyer))).toBe("FORBIDDEN");
    expect(s.refused({ type: "submit" }, ctx(buyer))).toBe("FORBIDDEN");
    expect(s.refused({ type: "withdraw" }, ctx(buyer))).toBe("FORBIDDEN");
    const same = decide(s.state, transferDraft(), ctx(seller));
    expect(same).toEqual({ ok: true, events: [] });
    expect(s.refused(transferDraft({ applicationId: "app-other" }), ctx(seller))).toBe("INVALID_COMMAND");
  });

  it("lets only the right filers open each kind", () => {
    const open = (kind: "seizure" | "mortgage", actor = seller) =>
      decide(INITIAL_REGISTRATION, { ...transferDraft(), kind, parties: [] } as RegistrationCommand, ctx(actor));
    expect(open("seizure").ok).toBe(false);
    expect(open("seizure", { id: "u-court", role: "institution", department: "court" }).ok).toBe(true);
    expect(open("seizure", { id: "u-bank", role: "institution", department: "bank" }).ok).toBe(false);
    expect(open("mortgage", { id: "u-bank", role: "institution", department: "bank" }).ok).toBe(true);
  });

  it("a mortgage carries the keyed ref of its secured amount into the approval; no other kind may", () => {
    const bank: Actor = { id: "u-bank", role: "institution", department: "bank", actsFor: ["org:bank-1"] };
    const mortgageDraft: Extract<RegistrationCommand, { type: "saveDraft" }> = {
      type: "saveDraft",
      applicationId: APP,
      kind: "mortgage",
      unitNumber: UNIT,
      parties: [
        { role: "applicant", ref: SELLER_REF },
        { role: "mortgagee", ref: "org:bank-1" },
      ],
      documents: [doc(1, "mortgage_contract"), doc(2, "identity_document")],
      securedAmountRef: "amt:ref-1",
    };
    const s = new Story().do(mortgageDraft, ctx(bank)).do({ type: "submit" }, ctx(bank)).do({ type: "confirmCounterparty" }, ctx(seller));
    expect(s.state.content?.securedAmountRef).toBe("amt:ref-1");
    s.do({ type: "claim" }, ctx(clerk)).do({ type: "dispatchChecks" }, ctx(clerk)).answerAllPending().do({ type: "approve" }, ctx(clerk));
    const approved = s.events.at(-1)!;
    expect(approved.type === "registration.approved" && approved.payload.effect).toEqual({
      kind: "mortgage",
      mortgageId: APP,
      mortgageeRef: "org:bank-1",
      securedAmountRef: "amt:ref-1",
    });
    // The amount itself never reaches a payload, only its ref (a malformed "ref" is refused).
    expect(new Story().refused({ ...mortgageDraft, securedAmountRef: "1 200 000.00" }, ctx(bank))).toBe("INVALID_COMMAND");
    // Without an amount the content keeps the bytes it always had.
    const plain = new Story().do({ ...mortgageDraft, securedAmountRef: null }, ctx(bank));
    expect("securedAmountRef" in plain.state.content!).toBe(false);
    // A transfer with an amount cannot be submitted.
    const transfer = new Story().do(transferDraft({ securedAmountRef: "amt:ref-2" }), ctx(seller));
    const refused = decide(transfer.state, { type: "submit" }, ctx(seller));
    expect(refused.ok === false && refused.error.message).toMatch(/securedAmount: only a mortgage/);
  });

  it("rejects malformed commands with INVALID_COMMAND and a pointer to the field", () => {
    const d = decide(INITIAL_REGISTRATION, { ...transferDraft(), unitNumber: "4301020010０1GB00001F00010001" }, ctx(seller));
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.error.code).toBe("INVALID_COMMAND");
    expect(d.error.message).toMatch(/^unitNumber: /);
    const bad = decide(Story.draft().state, { type: "submit", extra: 1 }, ctx(seller));
    expect(bad.ok).toBe(true); // unknown keys are dropped, never carried onto the ledger
  });

  it("keeps personal data out of payloads: unknown fields are dropped before they can be recorded", () => {
    const canary = "CANARY张三110101199003070012";
    const s = new Story().do({ ...transferDraft(), sellerName: canary, phone: canary } as RegistrationCommand, ctx(seller));
    s.do({ type: "submit", note: canary } as RegistrationCommand, ctx(seller));
    expect(JSON.stringify(s.events)).not.toContain("CANARY");
  });

  it("emits plain JSON: folding the events read back from storage gives the same state", () => {
    const s = Story.checksPending();
    s.do({ type: "requestMaterial", reason: { code: "document_illegible", noteSha256: undefined }, documentKinds: ["sale_contract"] }, ctx(clerk));
    const stored = JSON.parse(JSON.stringify(s.events)) as typeof s.events;
    const walk = (v: unknown): void => {
      if (v === undefined) throw new Error("undefined in an event");
      if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
    };
    s.events.forEach(walk);
    expect(stored).toStrictEqual(s.events);
    expect(fold(stored)).toStrictEqual(s.state);
  });

  it("names the requests to cancel when a case closes with checks outstanding", () => {
    const s = Story.checksPending();
    s.answer("police.identity:seller-0", "yes");
    expect(isOpen(s.state)).toBe(true);
    expect(openRequestIds(s.state)).toHaveLength(DEPARTMENT_CHECKS.length - 1);
    s.do({ type: "withdraw" }, ctx(seller));
    expect(isOpen(s.state)).toBe(false);
  });
});
