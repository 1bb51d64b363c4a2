// Integration: the registration flow end to end through the data-access layer, on PGlite
// (or PostgreSQL with DATABASE_URL): filing, confirmation, intake, department checks under
// standing rules, decision; 陈刚's sale stopped by civil; material requested and provided;
// two approvals at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { registrationApplications } from "@/lib/db/schema";
import { approveApplication } from "./approve-application";
import { claimApplication } from "./claim-application";
import { confirmApplication } from "./confirm-application";
import { dispatchChecks } from "./dispatch-checks";
import { getProgress } from "./get-progress";
import { listMyApplications } from "./list-my-applications";
import { listNotifications } from "./list-notifications";
import { listQueue } from "./list-queue";
import { openCase } from "./open-case";
import { provideMaterial } from "./provide-material";
import { rebuildApplication } from "./application-store";
import { rebuildPropertyRights } from "./property-rights";
import { rejectApplication } from "./reject-application";
import { releaseApplication } from "./release-application";
import { requestMaterial } from "./request-material";
import { uploadDocument } from "./upload-document";
import { listMyAccessLog } from "@/lib/dal/access/list-my-access-log";
import { listStandingRules } from "@/lib/dal/access/list-standing-rules";
import { answerRequest } from "@/lib/dal/departments/answer-request";
import { readDocument } from "./read-document";
import { verifyLedger } from "@/lib/ledger/verify";
import { rebuildCaches } from "./rebuild-caches";
import { withdrawApplication } from "./withdraw-application";
import {
  actorByLogin,
  createFlowFixture,
  demoResident,
  entriesSince,
  fileTransfer,
  holdersOf,
  ledgerSize,
  payDeedTax,
  pdfBytes,
  setCaseViewRule,
  createStaff,
  setTransferStandingRules,
  unitsHeldBy,
  type FlowFixture,
} from "./testing";

let f: FlowFixture;
beforeAll(async () => {
  f = await createFlowFixture();
  await setTransferStandingRules(f.db);
  await setCaseViewRule(f.db);
});
afterAll(async () => f?.close());

describe("registration flow", () => {
  it("(a) files a transfer, the buyer confirms, every department answers yes, the clerk approves and the buyer holds the unit", async () => {
    const seller = await demoResident(f.db, "张伟");
    const buyer = await demoResident(f.db, "刘芳");
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const [unit] = await unitsHeldBy(f.db, seller.ref);
    expect(unit).toBeDefined();
    await payDeedTax(f.db, unit!, buyer.ref);
    const start = await ledgerSize(f.db);

    const applicationId = await fileTransfer(f.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
    expect((await getProgress(f.db, { actor: seller.actor, applicationId })).status).toBe("awaiting_counterparty");
    const buyerList = await listMyApplications(f.db, { actor: buyer.actor });
    expect(buyerList.find((a) => a.applicationId === applicationId)).toMatchObject({ relation: "party", awaitingMyConfirmation: true });
    expect((await listNotifications(f.db, { actor: buyer.actor })).map((n) => n.kind)).toEqual(["confirm_requested"]);
    expect((await listNotifications(f.db, { actor: seller.actor })).map((n) => n.kind)).toEqual(["submitted"]);

    expect(await confirmApplication(f.db, { actor: buyer.actor, applicationId })).toMatchObject({ status: "submitted", remaining: 0 });
    await expect(confirmApplication(f.db, { actor: buyer.actor, applicationId })).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    expect((await listMyApplications(f.db, { actor: buyer.actor })).find((a) => a.applicationId === applicationId)).toMatchObject({ awaitingMyConfirmation: false });
    const queue = await listQueue(f.db, { actor: clerk, filter: { kind: ["transfer"] } });
    expect(queue.items.map((i) => i.applicationId)).toContain(applicationId);

    await claimApplication(f.db, { actor: clerk, applicationId });
    const view = await openCase(f.db, { actor: clerk, applicationId });
    expect(view.parties.map((p) => p.role)).toEqual(["seller", "buyer"]);
    expect(view.parties[0]!.residentIdMasked).toBe(`${seller.residentId.slice(0, 4)}**********${seller.residentId.slice(-4)}`);
    expect(view.documents).toHaveLength(2);

    const dispatched = await dispatchChecks(f.db, { actor: clerk, applicationId });
    expect(dispatched.requests).toHaveLength(5);
    expect(dispatched.requests.every((r) => r.standingRule !== null && r.answer === "yes")).toBe(true);
    expect(dispatched.registryFacts.every((c) => c.outcome === "yes")).toBe(true);
    expect(dispatched.status).toBe("ready_for_decision");

    const approved = await approveApplication(f.db, { actor: clerk, applicationId });
    expect(approved.holders).toEqual([buyer.ref]);
    // The credential is issued in the approval's transaction (onApproved).
    expect(approved.credential.credentialId).toMatch(/^dc-/);
    expect(await holdersOf(f.db, unit!)).toEqual([buyer.ref]);
    expect((await rebuildApplication(f.db, applicationId)).matches).toBe(true);
    expect((await rebuildPropertyRights(f.db, unit!)).matches).toBe(true);

    // The ledger, in order: filing, confirmation, intake, the case view's reads, dispatch with
    // standing-rule authorisations, each department's read → signed answer → relay, approval.
    const entries = await entriesSince(f.db, start);
    const types = entries.map((e) => e.type);
    const answerBlock = ["access.read", "verification.answered", "registration.answer_recorded"];
    expect(types.slice(0, 9)).toEqual([
      "registration.draft_saved",
      "registration.draft_saved",
      "registration.submitted",
      "registration.counterparty_confirmed",
      "registration.claimed",
      "access.read",
      "access.read",
      "registration.checks_dispatched",
      "verification.requested",
    ]);
    expect(types.slice(8, 18)).toEqual(Array.from({ length: 5 }, () => ["verification.requested", "verification.authorised"]).flat());
    expect(types.slice(18, 33)).toEqual(Array.from({ length: 5 }, () => answerBlock).flat());
    expect(types[33]).toBe("registration.approved");
    // Issuing the credential reads the new holder's name and ID: recorded first, under the grant.
    expect(types[34]).toBe("access.read");
    expect(types.slice(35)).toContain("credential.issued");
    expect(types.slice(35).every((t) => t.startsWith("credential."))).toBe(true);
    expect(entries[34]!.subject).toBe(buyer.ref);
    // Answers are signed by the answering department; the approval cites their hashes.
    const answers = entries.filter((e) => e.type === "verification.answered");
    expect(answers.map((e) => e.department).sort()).toEqual(["civil", "housing", "police", "police", "tax"]);
    const approval = JSON.parse(entries[33]!.entry) as { payload: { answers: { answerHash: string }[]; ruleVersion: number } };
    expect(approval.payload.ruleVersion).toBe(1);
    expect(approval.payload.answers).toHaveLength(5);

    for (const who of [seller, buyer]) expect((await listNotifications(f.db, { actor: who.actor }))[0]).toMatchObject({ kind: "approved", applicationId, read: false });
    const progress = await getProgress(f.db, { actor: seller.actor, applicationId });
    expect(progress.steps.at(-1)).toMatchObject({ kind: "decision", outcome: "approved" });
    expect(progress.steps.filter((s) => s.kind === "check" && s.holder !== "registry").every((s) => s.outcome === "yes")).toBe(true);
    // The seller sees who read their data: the clerk's case view and police + civil checks.
    const log = await listMyAccessLog(f.db, { actor: seller.actor });
    expect(log.map((l) => `${l.dataDepartment}.${l.check}`).sort()).toEqual(["civil.marital_status", "police.identity", "registry.case_view"]);
    expect(log.every((l) => l.outcome === "read" && l.authorisedBy !== null)).toBe(true);
    expect(log.find((l) => l.check === "case_view")).toMatchObject({ reader: { department: "registry", role: "clerk" }, authorisedBy: { role: "department_admin", department: "registry" } });
  });

  it("(b) 陈刚 (married, no spouse consent) sells: civil answers no, the clerk rejects citing it, and the resident sees the reason", async () => {
    const seller = await demoResident(f.db, "陈刚");
    const buyer = await demoResident(f.db, "杨丽");
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const [unit] = await unitsHeldBy(f.db, seller.ref);
    await payDeedTax(f.db, unit!, buyer.ref);
    const applicationId = await fileTransfer(f.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
    await confirmApplication(f.db, { actor: buyer.actor, applicationId });
    await claimApplication(f.db, { actor: clerk, applicationId });
    const dispatched = await dispatchChecks(f.db, { actor: clerk, applicationId });
    expect(dispatched.requests.find((r) => r.department === "civil")?.answer).toBe("no");
    expect(dispatched.status).toBe("ready_for_decision");
    await expect(approveApplication(f.db, { actor: clerk, applicationId })).rejects.toMatchObject({ code: "CHECKS_NOT_SATISFIED" });

    const before = await ledgerSize(f.db);
    const rejected = await rejectApplication(f.db, {
      actor: clerk,
      input: { applicationId, reasonCode: "spouse_consent_missing", note: "配偶同意书未备案，请补充后重新申请。", citesCheckIds: ["civil.marital_status:seller-0"] },
    });
    expect(rejected.status).toBe("rejected");
    const [entry] = await entriesSince(f.db, before);
    expect(entry!.type).toBe("registration.rejected");
    const payload = (JSON.parse(entry!.entry) as { payload: { reason: { code: string; noteSha256: string }; citesCheckIds: string[] } }).payload;
    expect(payload.reason.code).toBe("spouse_consent_missing");
    expect(payload.citesCheckIds).toEqual(["civil.marital_status:seller-0"]);
    expect(entry!.entry).not.toContain("配偶同意书");

    const progress = await getProgress(f.db, { actor: seller.actor, applicationId });
    expect(progress.decision).toEqual({ outcome: "rejected", reasonCode: "spouse_consent_missing", note: "配偶同意书未备案，请补充后重新申请。" });
    expect(progress.steps.find((s) => s.key === "check:civil.marital_status:seller-0")).toMatchObject({ state: "failed", reasonCode: "spouse_consent_missing" });
    expect(await holdersOf(f.db, unit!)).toEqual([seller.ref]);
  });

  it("(c) the clerk asks for more material, the resident uploads it, and the case resumes", async () => {
    const seller = await demoResident(f.db, "杨丽");
    const buyer = await demoResident(f.db, "张伟");
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const [unit] = await unitsHeldBy(f.db, seller.ref);
    await payDeedTax(f.db, unit!, buyer.ref);
    const applicationId = await fileTransfer(f.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
    await confirmApplication(f.db, { actor: buyer.actor, applicationId });
    await claimApplication(f.db, { actor: clerk, applicationId });
    await requestMaterial(f.db, { actor: clerk, input: { applicationId, reasonCode: "deed_tax_receipt_missing", note: "请上传契税完税凭证", documentKinds: ["deed_tax_receipt"] } });
    let progress = await getProgress(f.db, { actor: seller.actor, applicationId });
    expect(progress).toMatchObject({ status: "more_material_requested", next: "material", materialRequest: { reasonCode: "deed_tax_receipt_missing", documentKinds: ["deed_tax_receipt"], note: "请上传契税完税凭证" } });
    expect((await listNotifications(f.db, { actor: seller.actor })).map((n) => n.kind)).toContain("material_requested");

    // Handing in without the requested kind is refused and writes nothing.
    const wrong = await uploadDocument(f.db, { actor: seller.actor, input: { applicationId, kind: "other", fileName: "note.pdf", bytes: pdfBytes("other") } });
    const size = await ledgerSize(f.db);
    await expect(provideMaterial(f.db, { actor: seller.actor, input: { applicationId, documentIds: [wrong.documentId] } })).rejects.toMatchObject({ code: "MATERIAL_INCOMPLETE" });
    expect(await ledgerSize(f.db)).toBe(size);

    const receipt = await uploadDocument(f.db, { actor: seller.actor, input: { applicationId, kind: "deed_tax_receipt", fileName: "契税.pdf", bytes: pdfBytes("receipt") } });
    expect(await provideMaterial(f.db, { actor: seller.actor, input: { applicationId, documentIds: [receipt.documentId] } })).toMatchObject({ status: "in_review" });
    const dispatched = await dispatchChecks(f.db, { actor: clerk, applicationId });
    expect(dispatched.status).toBe("ready_for_decision");
    await approveApplication(f.db, { actor: clerk, applicationId });
    progress = await getProgress(f.db, { actor: seller.actor, applicationId });
    expect(progress.steps.map((s) => s.kind)).toContain("material");
    expect(progress.steps.find((s) => s.kind === "material")).toMatchObject({ state: "done", outcome: "provided" });
    expect(progress.status).toBe("approved");
  });

  it("(e) two approvals of one case at the same moment yield exactly one registration.approved entry", async () => {
    const seller = await demoResident(f.db, "张伟");
    const buyer = await demoResident(f.db, "杨丽");
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const clerk2 = await createStaff(f.db, "clerk.registry.2", "clerk", "registry");
    const [unit] = await unitsHeldBy(f.db, seller.ref, "commercial");
    await payDeedTax(f.db, unit!, buyer.ref);
    const applicationId = await fileTransfer(f.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
    await confirmApplication(f.db, { actor: buyer.actor, applicationId });
    await claimApplication(f.db, { actor: clerk, applicationId });
    await dispatchChecks(f.db, { actor: clerk, applicationId });
    const results = await Promise.allSettled([
      approveApplication(f.db, { actor: clerk, applicationId }),
      approveApplication(f.db, { actor: clerk, applicationId }),
      approveApplication(f.db, { actor: clerk2, applicationId }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const codes = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { code?: string }).code] : []));
    expect(codes.every((c) => c === "ALREADY_DECIDED" || c === "NOT_ASSIGNEE" || c === "INVALID_TRANSITION")).toBe(true);
    const approvals = await entriesSince(f.db, 0).then((all) => all.filter((e) => e.subject === applicationId && e.type === "registration.approved"));
    expect(approvals).toHaveLength(1);
    const [row] = await f.db.select().from(registrationApplications).where(eq(registrationApplications.id, applicationId));
    expect(row!.status).toBe("approved");
  });

  it("withdrawing cancels the open requests in the same transaction; no department reads afterwards", async () => {
    const seller = await demoResident(f.db, "刘芳");
    const buyer = await demoResident(f.db, "陈刚");
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const [unit] = await unitsHeldBy(f.db, seller.ref);
    const applicationId = await fileTransfer(f.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
    await confirmApplication(f.db, { actor: buyer.actor, applicationId });
    await claimApplication(f.db, { actor: clerk, applicationId });
    const dispatched = await dispatchChecks(f.db, { actor: clerk, applicationId, answerNow: false });
    const before = await ledgerSize(f.db);
    await expect(withdrawApplication(f.db, { actor: buyer.actor, input: { applicationId } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await withdrawApplication(f.db, { actor: seller.actor, input: { applicationId, reasonCode: "sale_cancelled" } })).toMatchObject({ status: "withdrawn", cancelledRequests: 5 });
    expect((await entriesSince(f.db, before)).map((e) => e.type)).toEqual(["registration.withdrawn", ...Array.from({ length: 5 }, () => "verification.cancelled")]);
    await expect(answerRequest(f.db, { actor: "system", requestId: dispatched.requests[0]!.requestId })).rejects.toMatchObject({ code: "NOT_AUTHORISED" });
  });

  it("documents: the filer reads their own; a clerk's read of a closed case is refused and recorded; the caches rebuild from the ledger", async () => {
    const seller = await demoResident(f.db, "张伟");
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const [mine] = (await listMyApplications(f.db, { actor: seller.actor })).filter((a) => a.status === "approved" && a.relation === "filer");
    const progress = await getProgress(f.db, { actor: seller.actor, applicationId: mine!.applicationId });
    const doc = progress.documents[0]!;
    const own = await readDocument(f.db, { actor: seller.actor, documentId: doc.documentId });
    expect(new TextDecoder().decode(own.bytes.subarray(0, 5))).toBe("%PDF-");
    expect(own.fileName).toBe("contract.pdf");
    const before = await ledgerSize(f.db);
    // A closed case is no longer covered by the open-applications rule: refused, and recorded.
    await expect(readDocument(f.db, { actor: clerk, documentId: doc.documentId })).rejects.toMatchObject({ code: "NO_LIVE_GRANT", status: 403 });
    const written = await entriesSince(f.db, before);
    expect(written.map((e) => `${e.type}/${e.department}`)).toEqual(["access.refused/registry"]);
    expect(written[0]!.subject).toBe(seller.ref);
    expect((await rebuildCaches(f.db, { actor: await actorByLogin(f.db, "senior.admin") })).mismatches).toEqual([]);
    const rules = await listStandingRules(f.db, { actor: await actorByLogin(f.db, "admin.police") });
    expect(rules.rules.map((r) => `${r.check}/${r.status}`)).toEqual(["identity/active"]);
  });

  it("the clerk queue filters by kind, status and age, pages, and ages cases against the review time", async () => {
    const seller = await demoResident(f.db, "刘芳");
    const buyer = await demoResident(f.db, "杨丽");
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const [unit] = await unitsHeldBy(f.db, seller.ref);
    const applicationId = await fileTransfer(f.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
    // Not in the queue until the counter-party confirms.
    expect((await listQueue(f.db, { actor: clerk })).items.map((i) => i.applicationId)).not.toContain(applicationId);
    await confirmApplication(f.db, { actor: buyer.actor, applicationId });
    const open = await listQueue(f.db, { actor: clerk, filter: { kind: ["transfer"], status: ["submitted"] } });
    expect(open.items.map((i) => i.applicationId)).toEqual([applicationId]);
    expect(open.items[0]).toMatchObject({ reviewHours: 48, overdueHours: 0, assignee: null });
    // Claim and hand back: only the holder works the case; releasing returns it to the queue.
    const other = await actorByLogin(f.db, "clerk.registry.2");
    await claimApplication(f.db, { actor: clerk, applicationId });
    await expect(claimApplication(f.db, { actor: other, applicationId })).rejects.toMatchObject({ code: "ALREADY_CLAIMED", status: 409 });
    await expect(dispatchChecks(f.db, { actor: other, applicationId })).rejects.toMatchObject({ code: "NOT_ASSIGNEE", status: 403 });
    await expect(releaseApplication(f.db, { actor: other, applicationId })).rejects.toMatchObject({ code: "NOT_ASSIGNEE" });
    expect((await listQueue(f.db, { actor: clerk, filter: { mine: true } })).items.map((i) => i.applicationId)).toContain(applicationId);
    expect(await releaseApplication(f.db, { actor: clerk, applicationId })).toMatchObject({ status: "submitted" });
    await claimApplication(f.db, { actor: other, applicationId });
    expect((await listQueue(f.db, { actor: other, filter: { kind: ["transfer"], status: ["in_review"] } })).items[0]).toMatchObject({ applicationId, assignedToMe: true });
    expect((await listQueue(f.db, { actor: clerk, filter: { kind: ["mortgage"] } })).total).toBe(0);
    expect((await listQueue(f.db, { actor: clerk, filter: { minAgeHours: 1 } })).items.map((i) => i.applicationId)).not.toContain(applicationId);
    const later = new Date(Date.now() + 100 * 3_600_000);
    const aged = await listQueue(f.db, { actor: clerk, filter: { minAgeHours: 99, status: ["in_review"] }, now: later });
    const item = aged.items.find((i) => i.applicationId === applicationId)!;
    expect(item.overdueHours).toBeGreaterThan(51);
    expect(item.overdueHours).toBeLessThan(53);
    // Decided cases never age; pages do not overlap.
    const decided = { status: ["approved", "rejected", "withdrawn"] as ("approved" | "rejected" | "withdrawn")[] };
    const all = await listQueue(f.db, { actor: clerk, filter: decided, now: later });
    expect(all.total).toBeGreaterThanOrEqual(4);
    expect(all.items.every((i) => i.overdueHours === 0)).toBe(true);
    const [p1, p2] = [await listQueue(f.db, { actor: clerk, filter: { ...decided, pageSize: 2, page: 1 } }), await listQueue(f.db, { actor: clerk, filter: { ...decided, pageSize: 2, page: 2 } })];
    expect(p1.items).toHaveLength(2);
    expect(p2.items.length).toBeGreaterThan(0);
    expect(p1.items.some((a) => p2.items.some((b) => b.applicationId === a.applicationId))).toBe(false);
    await expect(listQueue(f.db, { actor: buyer.actor })).rejects.toThrow();
    await expect(listQueue(f.db, { actor: clerk, filter: { pageSize: 1000 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("leaves a ledger that verifies: every entry signed by its department's key, gapless, chained", async () => {
    const report = await verifyLedger(f.db);
    expect(report.problem).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.entries).toBeGreaterThan(100);
  });
});
