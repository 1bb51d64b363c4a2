import { describe, expect, it } from "vitest";
import type { Actor } from "../shared/contract";
import { INITIAL_ACCESS_GRANT, decide as decideGrant, fold as foldGrant, type AccessGrantState, type GrantTerms } from "../access-grant/access-grant";
import { Story } from "../registration/testing";
import {
  INITIAL_VERIFICATION_REQUEST,
  VERIFICATION_ACTIONS,
  VERIFICATION_REFUSALS,
  VERIFICATION_STATUSES,
  VERIFICATION_TRANSITIONS,
  decide,
  evolve,
  fold,
  outcomeCommandFor,
  raiseCommandsFor,
  type VerificationAction,
  type VerificationCommand,
  type VerificationCtx,
  type VerificationRequestState,
  type VerificationStatus,
} from "./verification-request";

const AT = "2026-11-24T09:00:00Z";
const REQ = "app-0001/police.identity:seller-0/1";
const registrySystem: Actor = { id: "sys-registry", role: "system", department: "registry" };
const clerk: Actor = { id: "u-clerk", role: "clerk", department: "registry" };
const policeAdmin: Actor = { id: "u-police-admin", role: "department_admin", department: "police" };
const policeAdapter: Actor = { id: "sys-police", role: "system", department: "police" };
const taxAdmin: Actor = { id: "u-tax-admin", role: "department_admin", department: "tax" };

const raise: VerificationCommand = {
  type: "raise",
  requestId: REQ,
  applicationId: "app-0001",
  department: "police",
  check: "identity",
  party: "seller",
  subjectRef: "pref:seller",
  ruleVersion: 1,
  expectedHours: 4,
};

const ctx = (actor: Actor, extra: Partial<VerificationCtx> = {}): VerificationCtx => ({ actor, at: AT, ...extra });

function run(state: VerificationRequestState, command: VerificationCommand, context: VerificationCtx): VerificationRequestState {
  const d = decide(state, command, context);
  if (!d.ok) throw new Error(`${d.error.code}: ${d.error.message}`);
  return d.events.reduce(evolve, state);
}
const requested = () => run(INITIAL_VERIFICATION_REQUEST, raise, ctx(clerk));
const authorised = () => run(requested(), { type: "authorise", via: "admin" }, ctx(policeAdmin));

function standingRule(terms: Partial<GrantTerms> = {}): AccessGrantState {
  const d = decideGrant(
    INITIAL_ACCESS_GRANT,
    {
      type: "grant",
      grantId: "rule-police-identity",
      terms: {
        kind: "standing",
        department: "police",
        check: "identity",
        requester: "registry",
        purpose: "registration_check",
        scope: { kind: "open_applications" },
        validFrom: "2026-11-01T00:00:00Z",
        validUntil: null,
        ...terms,
      },
    },
    { actor: policeAdmin, at: "2026-11-01T00:00:00Z" },
  );
  if (!d.ok) throw new Error(d.error.message);
  return foldGrant(d.events);
}

describe("verification-request@1 transition table", () => {
  const states: Record<VerificationStatus, () => VerificationRequestState> = {
    none: () => INITIAL_VERIFICATION_REQUEST,
    requested,
    authorised,
    refused: () => run(requested(), { type: "refuse", reason: { code: "purpose_not_shown" } }, ctx(policeAdmin)),
    answered_yes: () => run(authorised(), { type: "answer", requestId: REQ, answer: "yes" }, ctx(policeAdapter)),
    answered_no: () => run(authorised(), { type: "answer", requestId: REQ, answer: "no", reasonCode: "identity_mismatch" }, ctx(policeAdapter)),
    blocked: () => run(authorised(), { type: "block", reasonCode: "record_unavailable" }, ctx(policeAdapter)),
    cancelled: () => run(requested(), { type: "cancel", reasonCode: "application_withdrawn" }, ctx(registrySystem)),
  };
  const commands: Record<VerificationAction, { command: VerificationCommand; actor: Actor }> = {
    raise: { command: raise, actor: clerk },
    authorise: { command: { type: "authorise", via: "admin" }, actor: policeAdmin },
    refuse: { command: { type: "refuse", reason: { code: "purpose_not_shown" } }, actor: policeAdmin },
    answer: { command: { type: "answer", requestId: REQ, answer: "yes" }, actor: policeAdapter },
    block: { command: { type: "block", reasonCode: "record_unavailable" }, actor: policeAdapter },
    cancel: { command: { type: "cancel", reasonCode: "application_withdrawn" }, actor: registrySystem },
  };
  for (const status of VERIFICATION_STATUSES) {
    for (const action of VERIFICATION_ACTIONS) {
      const allowed = (VERIFICATION_TRANSITIONS[status] as readonly string[]).includes(action);
      it(`${status} × ${action} → ${allowed ? "allowed" : "refused"}`, () => {
        const state = states[status]();
        expect(state.status).toBe(status);
        const { command, actor } = commands[action];
        const d = decide(state, command, ctx(actor));
        if (allowed) {
          expect(d.ok ? "accepted" : `${d.error.code}: ${d.error.message}`).toBe("accepted");
          if (d.ok) expect(d.events.every((e) => e.subject === REQ && e.contract === "verification-request@1")).toBe(true);
        } else {
          const refusals = (VERIFICATION_REFUSALS as Partial<Record<VerificationStatus, Partial<Record<VerificationAction, string>>>>)[status] ?? {};
          expect(d.ok ? "accepted" : d.error.code).toBe(refusals[action] ?? "INVALID_TRANSITION");
        }
      });
    }
  }
});

describe("authorisation", () => {
  it("only the admin of the request's own department authorises, and not the one who raised it", () => {
    expect(decide(requested(), { type: "authorise", via: "admin" }, ctx(taxAdmin))).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(decide(requested(), { type: "authorise", via: "admin" }, ctx(policeAdapter))).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    // An admin who (as a registry secondee, say) raised the request may not approve it.
    const raisedByAdmin = { ...requested(), raisedBy: policeAdmin.id };
    expect(decide(raisedByAdmin, { type: "authorise", via: "admin" }, ctx(policeAdmin))).toMatchObject({ ok: false, error: { code: "SEPARATION_OF_DUTIES" } });
    const d = decide(requested(), { type: "authorise", via: "admin" }, ctx(policeAdmin));
    expect(d).toMatchObject({
      ok: true,
      events: [{ type: "verification.authorised", department: "police", payload: { via: "admin", grantId: null, authorisedBy: policeAdmin.id } }],
    });
  });

  it("a standing rule authorises and is named in the entry; a dead or foreign rule does not", () => {
    const rule = standingRule();
    const byRule = ctx(policeAdapter, { grants: [rule], applicationOpen: true });
    const d = decide(requested(), { type: "authorise", via: "standing_rule", grantId: rule.grantId }, byRule);
    expect(d).toMatchObject({
      ok: true,
      events: [{ payload: { via: "standing_rule", grantId: "rule-police-identity", authorisedBy: policeAdmin.id } }],
    });
    const ask = (c: VerificationCtx, grantId = rule.grantId) => decide(requested(), { type: "authorise", via: "standing_rule", grantId }, c);
    expect(ask({ ...byRule, applicationOpen: false })).toMatchObject({ ok: false, error: { code: "NO_LIVE_GRANT" } });
    expect(ask(byRule, "another-rule")).toMatchObject({ ok: false, error: { code: "NO_LIVE_GRANT" } });
    expect(ask(ctx(policeAdapter, { grants: [standingRule({ check: "criminal_record" })], applicationOpen: true }))).toMatchObject({
      ok: false,
      error: { code: "NO_LIVE_GRANT" },
    });
    expect(ask(ctx(policeAdapter, { grants: [standingRule({ validUntil: "2026-11-20T00:00:00Z" })], applicationOpen: true }))).toMatchObject({
      ok: false,
      error: { code: "NO_LIVE_GRANT" },
    });
    expect(ask(ctx(policeAdapter))).toMatchObject({ ok: false, error: { code: "MISSING_CONTEXT" } });
    expect(ask({ ...byRule, actor: { id: "sys-tax", role: "system", department: "tax" } })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("a refusal needs a reason and ends the request: nothing can be answered", () => {
    expect(decide(requested(), { type: "refuse" }, ctx(policeAdmin))).toMatchObject({ ok: false, error: { code: "REASON_REQUIRED" } });
    const refused = run(requested(), { type: "refuse", reason: { code: "purpose_not_shown" } }, ctx(policeAdmin));
    expect(refused.refusal).toEqual({ by: policeAdmin.id, reason: { code: "purpose_not_shown" } });
    expect(decide(refused, { type: "answer", requestId: REQ, answer: "yes" }, ctx(policeAdapter))).toMatchObject({ ok: false, error: { code: "NOT_AUTHORISED" } });
    expect(outcomeCommandFor(refused, null)).toEqual({ type: "recordBlocked", requestId: REQ, cause: "refused", reasonCode: "purpose_not_shown" });
  });
});

describe("answers", () => {
  it("cannot be given before authorisation", () => {
    expect(decide(requested(), { type: "answer", requestId: REQ, answer: "yes" }, ctx(policeAdapter))).toMatchObject({ ok: false, error: { code: "NOT_AUTHORISED" } });
  });

  it("are bound to the request id: another request's answer or a second answer is REPLAYED_ANSWER", () => {
    const a = authorised();
    expect(decide(a, { type: "answer", requestId: "app-0002/police.identity:seller-0/1", answer: "yes" }, ctx(policeAdapter))).toMatchObject({
      ok: false,
      error: { code: "REPLAYED_ANSWER" },
    });
    const yes = run(a, { type: "answer", requestId: REQ, answer: "yes" }, ctx(policeAdapter));
    expect(decide(yes, { type: "answer", requestId: REQ, answer: "yes" }, ctx(policeAdapter))).toMatchObject({ ok: false, error: { code: "REPLAYED_ANSWER" } });
    expect(decide(yes, { type: "answer", requestId: REQ, answer: "no", reasonCode: "x_y" }, ctx(policeAdapter))).toMatchObject({
      ok: false,
      error: { code: "REPLAYED_ANSWER" },
    });
  });

  it("come only from the request's department, carry a reason when no, and cite the authorisation", () => {
    const a = authorised();
    expect(decide(a, { type: "answer", requestId: REQ, answer: "yes" }, ctx({ id: "sys-tax", role: "system", department: "tax" }))).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(decide(a, { type: "answer", requestId: REQ, answer: "yes" }, ctx(clerk))).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(decide(a, { type: "answer", requestId: REQ, answer: "no" }, ctx(policeAdapter))).toMatchObject({ ok: false, error: { code: "REASON_REQUIRED" } });
    const d = decide(a, { type: "answer", requestId: REQ, answer: "no", reasonCode: "identity_mismatch" }, ctx(policeAdapter));
    expect(d).toMatchObject({
      ok: true,
      events: [
        {
          type: "verification.answered",
          department: "police",
          subject: REQ,
          payload: { requestId: REQ, answer: "no", reasonCode: "identity_mismatch", authorisation: { via: "admin", authorisedBy: policeAdmin.id } },
        },
      ],
    });
  });
});

describe("linking to the registration", () => {
  it("raises one request per department check of a dispatch, and feeds outcomes back", () => {
    const story = Story.checksPending();
    const dispatched = story.events.at(-1)!;
    if (dispatched.type !== "registration.checks_dispatched") throw new Error("expected dispatch");
    const raises = raiseCommandsFor(dispatched);
    expect(raises.map((r) => `${r.department}.${r.check}:${r.party}`).sort()).toEqual(
      ["civil.marital_status:seller", "housing.purchase_eligibility:buyer", "police.identity:buyer", "police.identity:seller", "tax.deed_tax_paid:property"].sort(),
    );
    // Full round trip for one check: raise, authorise, answer, record on the application.
    const first = raises.find((r) => r.department === "police" && r.party === "seller")!;
    let vr = run(INITIAL_VERIFICATION_REQUEST, first, ctx(clerk));
    vr = run(vr, { type: "authorise", via: "admin" }, ctx(policeAdmin));
    vr = run(vr, { type: "answer", requestId: first.requestId, answer: "yes" }, ctx(policeAdapter));
    expect(vr.status).toBe("answered_yes");
    const back = outcomeCommandFor(vr, "Q".repeat(43) + "=");
    expect(back).toMatchObject({ type: "recordAnswer", requestId: first.requestId, answer: "yes" });
    story.do(back!, { actor: policeAdapter, at: AT });
    expect(story.state.checks.find((c) => c.requestId === first.requestId)?.outcome).toBe("yes");
    expect(outcomeCommandFor(authorised(), null)).toBeNull();
  });

  it("folds its own events back to the same state", () => {
    const events = [raise, { type: "authorise", via: "admin" } as const, { type: "answer", requestId: REQ, answer: "yes" } as const].flatMap((c, i) => {
      const actor = [clerk, policeAdmin, policeAdapter][i]!;
      return [{ c, actor }];
    });
    let state = INITIAL_VERIFICATION_REQUEST;
    const log = [];
    for (const { c, actor } of events) {
      const d = decide(state, c, ctx(actor));
      if (!d.ok) throw new Error(d.error.message);
      log.push(...d.events);
      state = d.events.reduce(evolve, state);
    }
    expect(fold(log)).toEqual(state);
  });

  it("a refused authorisation blocks the application's check, and no read is possible", () => {
    const story = Story.checksPending();
    const dispatched = story.events.at(-1)!;
    if (dispatched.type !== "registration.checks_dispatched") throw new Error("expected dispatch");
    const civil = raiseCommandsFor(dispatched).find((r) => r.department === "civil")!;
    const civilAdmin: Actor = { id: "u-civil-admin", role: "department_admin", department: "civil" };
    let vr = run(INITIAL_VERIFICATION_REQUEST, civil, ctx(clerk));
    vr = run(vr, { type: "refuse", reason: { code: "purpose_not_shown" } }, ctx(civilAdmin));
    expect(decide(vr, { type: "answer", requestId: civil.requestId, answer: "yes" }, ctx({ id: "sys-civil", role: "system", department: "civil" }))).toMatchObject({
      ok: false,
      error: { code: "NOT_AUTHORISED" },
    });
    story.do(outcomeCommandFor(vr, null)!, { actor: registrySystem, at: AT });
    expect(story.state.checks.find((c) => c.requestId === civil.requestId)).toMatchObject({ outcome: "blocked", reasonCode: "purpose_not_shown" });
    story.answerAllPending();
    expect(story.state.status).toBe("checks_pending");
  });
});
