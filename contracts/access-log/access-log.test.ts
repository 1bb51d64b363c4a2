import { describe, expect, it } from "vitest";
import type { Actor } from "../shared/contract";
import { INITIAL_ACCESS_GRANT, decide as decideGrant, evolve as evolveGrant, fold as foldGrant, type AccessGrantState, type GrantTerms } from "../access-grant/access-grant";
import { INITIAL_VERIFICATION_REQUEST, decide as decideRequest, evolve as evolveRequest, type VerificationCommand, type VerificationRequestState } from "../verification-request/verification-request";
import { decideRead, type ReadRequest } from "./access-log";

const AT = "2026-11-24T09:00:00Z";
const clerk: Actor = { id: "u-clerk", role: "clerk", department: "registry" };
const registryAdmin: Actor = { id: "u-registry-admin", role: "department_admin", department: "registry" };
const policeAdmin: Actor = { id: "u-police-admin", role: "department_admin", department: "police" };
const policeAdapter: Actor = { id: "sys-police", role: "system", department: "police" };
const taxAdapter: Actor = { id: "sys-tax", role: "system", department: "tax" };

function grant(id: string, by: Actor, terms: GrantTerms): AccessGrantState {
  const d = decideGrant(INITIAL_ACCESS_GRANT, { type: "grant", grantId: id, terms }, { actor: by, at: "2026-11-01T00:00:00Z" });
  if (!d.ok) throw new Error(d.error.message);
  return foldGrant(d.events);
}
const policeRule = () =>
  grant("rule-police-identity", policeAdmin, {
    kind: "standing",
    department: "police",
    check: "identity",
    requester: "registry",
    purpose: "registration_check",
    scope: { kind: "open_applications" },
    validFrom: "2026-11-01T00:00:00Z",
    validUntil: null,
  });

function request(...steps: [VerificationCommand, Actor, Partial<{ grants: AccessGrantState[]; applicationOpen: boolean }>?][]): VerificationRequestState {
  let s = INITIAL_VERIFICATION_REQUEST;
  for (const [c, actor, extra] of steps) {
    const d = decideRequest(s, c, { actor, at: AT, ...extra });
    if (!d.ok) throw new Error(d.error.message);
    s = d.events.reduce(evolveRequest, s);
  }
  return s;
}
const raise: VerificationCommand = {
  type: "raise",
  requestId: "app-1/police.identity:seller-0/1",
  applicationId: "app-1",
  department: "police",
  check: "identity",
  party: "seller",
  subjectRef: "pref:seller",
  ruleVersion: 1,
  expectedHours: 4,
};
const read: ReadRequest = { department: "police", check: "identity", purpose: "registration_check", subjectRef: "pref:seller", applicationId: "app-1", applicationOpen: true };

describe("access-log@1 decideRead", () => {
  it("an adapter reading for an admin-authorised request records a read citing the request and the admin", () => {
    const r = request([raise, clerk], [{ type: "authorise", via: "admin" }, policeAdmin]);
    const d = decideRead(read, { kind: "request", request: r }, { actor: policeAdapter, at: AT });
    expect(d).toMatchObject({
      ok: true,
      events: [
        {
          type: "access.read",
          contract: "access-log@1",
          department: "police",
          actor: policeAdapter.id,
          subject: "pref:seller",
          payload: { requester: "police", authorisation: { kind: "request", requestId: raise.type === "raise" ? raise.requestId : "", via: "admin", authorisedBy: policeAdmin.id } },
        },
      ],
    });
  });

  it("refuses, and records the refusal, when the request was refused or not yet authorised", () => {
    const refused = request([raise, clerk], [{ type: "refuse", reason: { code: "purpose_not_shown" } }, policeAdmin]);
    const d = decideRead(read, { kind: "request", request: refused }, { actor: policeAdapter, at: AT });
    expect(d).toMatchObject({ ok: false, error: { code: "NOT_AUTHORISED" }, events: [{ type: "access.refused", payload: { code: "NOT_AUTHORISED" } }] });
    const waiting = request([raise, clerk]);
    expect(decideRead(read, { kind: "request", request: waiting }, { actor: policeAdapter, at: AT })).toMatchObject({ ok: false, error: { code: "NOT_AUTHORISED" } });
  });

  it("a request covers only its own subject, check and department", () => {
    const r = request([raise, clerk], [{ type: "authorise", via: "admin" }, policeAdmin]);
    expect(decideRead({ ...read, subjectRef: "pref:someone-else" }, { kind: "request", request: r }, { actor: policeAdapter, at: AT })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(decideRead({ ...read, check: "criminal_record" }, { kind: "request", request: r }, { actor: policeAdapter, at: AT })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(decideRead({ ...read, department: "tax" }, { kind: "request", request: r }, { actor: taxAdapter, at: AT })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("a standing-rule authorisation must still be live at the moment of the read", () => {
    const rule = policeRule();
    const r = request([raise, clerk], [{ type: "authorise", via: "standing_rule", grantId: rule.grantId }, policeAdapter, { grants: [rule], applicationOpen: true }]);
    expect(decideRead(read, { kind: "request", request: r, grants: [rule] }, { actor: policeAdapter, at: AT })).toMatchObject({
      ok: true,
      authorisation: { via: "standing_rule", grantId: rule.grantId, authorisedBy: policeAdmin.id },
    });
    const revoke = decideGrant(rule, { type: "revoke", reason: { code: "audit_finding" } }, { actor: policeAdmin, at: AT });
    if (!revoke.ok) throw new Error(revoke.error.message);
    const revoked = revoke.events.reduce(evolveGrant, rule);
    expect(decideRead(read, { kind: "request", request: r, grants: [revoked] }, { actor: policeAdapter, at: AT })).toMatchObject({
      ok: false,
      error: { code: "NO_LIVE_GRANT" },
      events: [{ type: "access.refused" }],
    });
  });

  it("a clerk opening a case relies on the registry's grant; without one the read is refused and recorded", () => {
    const caseView = grant("registry-case-view", registryAdmin, {
      kind: "standing",
      department: "registry",
      check: "case_view",
      requester: "registry",
      purpose: "case_review",
      scope: { kind: "open_applications" },
      validFrom: "2026-11-01T00:00:00Z",
      validUntil: null,
    });
    const view: ReadRequest = { department: "registry", check: "case_view", purpose: "case_review", subjectRef: "pref:seller", applicationId: "app-1", applicationOpen: true };
    expect(decideRead(view, { kind: "grants", grants: [caseView] }, { actor: clerk, at: AT })).toMatchObject({
      ok: true,
      events: [{ type: "access.read", department: "registry", payload: { authorisation: { kind: "grant", grantId: "registry-case-view", authorisedBy: registryAdmin.id } } }],
    });
    expect(decideRead({ ...view, applicationOpen: false }, { kind: "grants", grants: [caseView] }, { actor: clerk, at: AT })).toMatchObject({
      ok: false,
      error: { code: "NO_LIVE_GRANT" },
      events: [{ type: "access.refused", subject: "pref:seller" }],
    });
    expect(decideRead(view, { kind: "grants", grants: [] }, { actor: clerk, at: AT })).toMatchObject({ ok: false, error: { code: "NO_LIVE_GRANT" } });
  });

  it("residents never read through this path, and malformed input writes nothing", () => {
    const resident: Actor = { id: "u-r", role: "resident", department: null };
    expect(decideRead(read, { kind: "grants", grants: [policeRule()] }, { actor: resident, at: AT })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(decideRead({ ...read, subjectRef: "张三 110101199003070012" }, { kind: "grants", grants: [] }, { actor: clerk, at: AT })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: "INVALID_COMMAND" }),
      events: [],
    });
  });
});
