// Integration: department authorisation and answers. (d) an admin refuses → the check is
// blocked and nobody's data was read; an admin authorises → the adapter answers once, a
// replay is refused; a standing rule revoked before the read → the read is refused and
// recorded; another department's admin cannot touch the request; a clerk cannot open a
// case without a live case_review grant (refusal recorded).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveApplication } from "@/lib/dal/registration/approve-application";
import { claimApplication } from "@/lib/dal/registration/claim-application";
import { confirmApplication } from "@/lib/dal/registration/confirm-application";
import { dispatchChecks } from "@/lib/dal/registration/dispatch-checks";
import { getProgress } from "@/lib/dal/registration/get-progress";
import { openCase } from "@/lib/dal/registration/open-case";
import { overrideCheck } from "@/lib/dal/registration/override-check";
import { revokeGrant } from "@/lib/dal/access/revoke-grant";
import { listMyAccessLog } from "@/lib/dal/access/list-my-access-log";
import { setStandingRule } from "@/lib/dal/access/set-standing-rule";
import {
  actorByLogin,
  createFlowFixture,
  demoResident,
  entriesSince,
  fileTransfer,
  ledgerSize,
  payDeedTax,
  setCaseViewRule,
  setTransferStandingRules,
  unitsHeldBy,
  type FlowFixture,
} from "@/lib/dal/registration/testing";
import { answerRequest } from "./answer-request";
import { authoriseRequest } from "./authorise-request";
import { listInbox } from "./list-inbox";
import { refuseRequest } from "./refuse-request";

let f: FlowFixture;
let grants: Record<string, string>;
beforeAll(async () => {
  f = await createFlowFixture();
  // Housing has no standing rule: its admin decides each request.
  grants = await setTransferStandingRules(f.db, ["police", "civil", "tax"]);
});
afterAll(async () => f?.close());

async function caseAwaitingHousing(sellerName: string, buyerName: string, use: "residential" | "commercial" = "residential") {
  const seller = await demoResident(f.db, sellerName);
  const buyer = await demoResident(f.db, buyerName);
  const clerk = await actorByLogin(f.db, "clerk.registry");
  const [unit] = await unitsHeldBy(f.db, seller.ref, use);
  await payDeedTax(f.db, unit!, buyer.ref);
  const applicationId = await fileTransfer(f.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
  await confirmApplication(f.db, { actor: buyer.actor, applicationId });
  await claimApplication(f.db, { actor: clerk, applicationId });
  const dispatched = await dispatchChecks(f.db, { actor: clerk, applicationId });
  const housing = dispatched.requests.find((r) => r.department === "housing")!;
  return { seller, buyer, clerk, applicationId, housing, dispatched };
}

describe("department authorisation", () => {
  it("refuses to open a case without a live case_review grant, and records the refusal", async () => {
    const seller = await demoResident(f.db, "刘芳");
    const buyer = await demoResident(f.db, "张伟");
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const [unit] = await unitsHeldBy(f.db, seller.ref);
    const applicationId = await fileTransfer(f.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
    await confirmApplication(f.db, { actor: buyer.actor, applicationId });
    const before = await ledgerSize(f.db);
    await expect(openCase(f.db, { actor: clerk, applicationId })).rejects.toMatchObject({ code: "NO_LIVE_GRANT", status: 403 });
    const written = await entriesSince(f.db, before);
    expect(written.map((e) => e.type)).toEqual(["access.refused", "access.refused"]);
    expect((await listMyAccessLog(f.db, { actor: seller.actor }))[0]).toMatchObject({ outcome: "refused", check: "case_view", refusalCode: "NO_LIVE_GRANT" });
    await setCaseViewRule(f.db);
    expect((await openCase(f.db, { actor: clerk, applicationId })).accessSeqs).toHaveLength(2);
  });

  it("(d) a department admin refuses: the check is blocked and no access entry of a read exists for it", async () => {
    const { buyer, clerk, applicationId, housing } = await caseAwaitingHousing("陈刚", "杨丽");
    expect(housing.standingRule).toBeNull();
    const admin = await actorByLogin(f.db, "admin.housing");
    const inbox = await listInbox(f.db, { actor: admin, filter: { status: ["requested"] } });
    expect(inbox.items.map((i) => i.requestId)).toContain(housing.requestId);
    expect(JSON.stringify(inbox)).not.toContain(buyer.ref);

    // Another department's admin may not decide it: to them it does not exist.
    await expect(refuseRequest(f.db, { actor: await actorByLogin(f.db, "admin.tax"), input: { requestId: housing.requestId, reasonCode: "not_needed" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const before = await ledgerSize(f.db);
    await refuseRequest(f.db, { actor: admin, input: { requestId: housing.requestId, reasonCode: "purpose_not_covered", note: "申请用途与本局数据共享协议不符" } });
    expect((await entriesSince(f.db, before)).map((e) => `${e.type}/${e.department}`)).toEqual(["verification.refused/housing", "registration.check_blocked/registry"]);
    // The adapter cannot be made to read a refused request; nothing is written.
    const size = await ledgerSize(f.db);
    await expect(answerRequest(f.db, { actor: "system", requestId: housing.requestId })).rejects.toMatchObject({ code: "NOT_AUTHORISED" });
    expect(await ledgerSize(f.db)).toBe(size);

    const all = await entriesSince(f.db, 0);
    const housingReads = all.filter((e) => e.type === "access.read" && e.department === "housing");
    expect(housingReads).toHaveLength(0);
    expect(all.filter((e) => e.type === "verification.answered" && e.subject === housing.requestId)).toHaveLength(0);
    const progress = await getProgress(f.db, { actor: clerk, applicationId });
    expect(progress.steps.find((s) => s.key === "check:housing.purchase_eligibility:buyer-0")).toMatchObject({ state: "blocked", reasonCode: "purpose_not_covered" });
    // A blocked check keeps the case waiting on departments: nothing to decide yet.
    await expect(approveApplication(f.db, { actor: clerk, applicationId })).rejects.toMatchObject({ code: "CHECKS_INCOMPLETE" });

    // A senior admin may override it, with a mandatory reason; its own entry, on the timeline.
    const senior = await actorByLogin(f.db, "senior.admin");
    await expect(
      overrideCheck(f.db, { actor: senior, input: { applicationId, checkId: "housing.purchase_eligibility:buyer-0", reasonCode: "court_order", note: "short" } }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await overrideCheck(f.db, {
      actor: senior,
      input: { applicationId, checkId: "housing.purchase_eligibility:buyer-0", reasonCode: "court_order", note: "法院裁定强制过户，依裁定办理（案号见附件）。" },
    });
    const after = await getProgress(f.db, { actor: clerk, applicationId });
    expect(after.steps.find((s) => s.key === "check:housing.purchase_eligibility:buyer-0")).toMatchObject({ outcome: "overridden", reasonCode: "court_order" });
    // 陈刚's civil check still says no (spouse consent): the case cannot be approved.
    expect(after.status).toBe("ready_for_decision");
    await expect(approveApplication(f.db, { actor: clerk, applicationId })).rejects.toMatchObject({ code: "CHECKS_NOT_SATISFIED" });
  });

  it("an admin authorises: the adapter answers once, bound to the request; a replayed answer is refused and writes nothing", async () => {
    const { applicationId, housing } = await caseAwaitingHousing("张伟", "刘芳", "commercial");
    const admin = await actorByLogin(f.db, "admin.housing");
    const before = await ledgerSize(f.db);
    const r = await authoriseRequest(f.db, { actor: admin, requestId: housing.requestId });
    expect(r.answer).toEqual({ outcome: "yes", reasonCode: null });
    const written = await entriesSince(f.db, before);
    expect(written.map((e) => `${e.type}/${e.department}`)).toEqual([
      "verification.authorised/housing",
      "access.read/housing",
      "verification.answered/housing",
      "registration.answer_recorded/registry",
    ]);
    const read = JSON.parse(written[1]!.entry) as { payload: { authorisation: { requestId: string; via: string; authorisedBy: string } } };
    expect(read.payload.authorisation).toMatchObject({ requestId: housing.requestId, via: "admin", authorisedBy: admin.userId });
    const size = await ledgerSize(f.db);
    await expect(answerRequest(f.db, { actor: "system", requestId: housing.requestId })).rejects.toMatchObject({ code: "REPLAYED_ANSWER", status: 409 });
    await expect(answerRequest(f.db, { actor: admin, requestId: housing.requestId })).rejects.toMatchObject({ code: "REPLAYED_ANSWER" });
    expect(await ledgerSize(f.db)).toBe(size);
    expect((await getProgress(f.db, { actor: await actorByLogin(f.db, "clerk.registry"), applicationId })).status).toBe("ready_for_decision");
  });

  it("a standing rule revoked before the read: the read is refused and recorded, the check blocked", async () => {
    const seller = await demoResident(f.db, "杨丽");
    const buyer = await demoResident(f.db, "陈刚");
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const [unit] = await unitsHeldBy(f.db, seller.ref);
    const applicationId = await fileTransfer(f.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
    await confirmApplication(f.db, { actor: buyer.actor, applicationId });
    await claimApplication(f.db, { actor: clerk, applicationId });
    const dispatched = await dispatchChecks(f.db, { actor: clerk, applicationId, answerNow: false });
    const police = dispatched.requests.find((r) => r.department === "police" && r.standingRule === grants.police)!;
    expect(police).toBeDefined();
    await revokeGrant(f.db, { actor: await actorByLogin(f.db, "admin.police"), input: { grantId: grants.police!, reasonCode: "policy_change" } });
    const before = await ledgerSize(f.db);
    await expect(answerRequest(f.db, { actor: "system", requestId: police.requestId })).rejects.toMatchObject({ code: "NO_LIVE_GRANT" });
    expect((await entriesSince(f.db, before)).map((e) => e.type)).toEqual(["access.refused", "verification.blocked", "registration.check_blocked"]);
  });

  it("a standing rule set while requests wait authorises them at once, names itself, and the adapter answers", async () => {
    const { housing } = await caseAwaitingHousing("张伟", "杨丽");
    expect(housing.standingRule).toBeNull();
    const admin = await actorByLogin(f.db, "admin.housing");
    const before = await ledgerSize(f.db);
    const rule = await setStandingRule(f.db, { actor: admin, input: { check: "purchase_eligibility" } });
    // This case's housing request, and the one still waiting from the revoked-rule case above.
    expect(rule.applied).toEqual({ authorised: 2, answered: 2 });
    const written = await entriesSince(f.db, before);
    const perRequest = ["verification.authorised", "access.read", "verification.answered", "registration.answer_recorded"];
    expect(written.map((e) => e.type)).toEqual(["access_grant.granted", ...perRequest, ...perRequest]);
    expect(written.filter((e) => e.type === "verification.authorised").map((e) => e.subject)).toContain(housing.requestId);
    const authorisation = JSON.parse(written[1]!.entry) as { actor: string; payload: { via: string; grantId: string; authorisedBy: string } };
    expect(authorisation.actor).toBe("system:housing");
    expect(authorisation.payload).toMatchObject({ via: "standing_rule", grantId: rule.grantId, authorisedBy: admin.userId });
    // Unknown checks are refused with the list of what the department answers.
    await expect(setStandingRule(f.db, { actor: admin, input: { check: "identity" } })).rejects.toMatchObject({ code: "UNKNOWN_CHECK", status: 400 });
  });
});
