// The README's "Trying a transfer by hand" on a freshly seeded database, through the same
// use-cases the pages call: nothing set by hand beforehand (the seed sets the registry's
// case_view rule and records recent deed tax on the demo units), each department's admin
// authorises from the inbox, and the case ends approved with the buyer holding the unit.
// Also a first registration on 杨丽's seeded land-use parcel: the land bureau answers yes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "@/drizzle/seed";
import { DEMO_FIRST_REGISTRATION_PARCELS } from "@/drizzle/seed/seed-data";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { ensureLedgerKeys } from "@/lib/ledger/keys";
import { authoriseRequest } from "@/lib/dal/departments/authorise-request";
import { approveApplication } from "./approve-application";
import { claimApplication } from "./claim-application";
import { confirmApplication } from "./confirm-application";
import { dispatchChecks } from "./dispatch-checks";
import { openCase } from "./open-case";
import { saveDraft } from "./save-draft";
import { submitApplication } from "./submit-application";
import { uploadDocument } from "./upload-document";
import { ForbiddenError } from "@/lib/auth/permissions";
import { getCaseTimeline } from "./get-case-timeline";
import { listBlockedCases } from "./list-blocked-cases";
import { overrideCheck } from "./override-check";
import { actorByLogin, demoResident, fileTransfer, holdersOf, pdfBytes, pngBytes, unitsHeldBy } from "./testing";

let handle: TestDb;
beforeAll(async () => {
  handle = await createTestDb();
  await seed(handle, { history: false });
  await ensureLedgerKeys(handle.db);
});
afterAll(async () => handle?.close());

async function authoriseAll(requests: { requestId: string; department: string; standingRule: string | null }[]) {
  const answers: Record<string, string> = {};
  for (const r of requests) {
    const admin = await actorByLogin(handle.db, `admin.${r.department}`);
    const done = await authoriseRequest(handle.db, { actor: admin, requestId: r.requestId, answerNow: true });
    answers[`${r.department}:${r.requestId}`] = done.answer?.outcome ?? "none";
  }
  return Object.values(answers);
}

describe("a fresh install, by hand", () => {
  it("张伟 sells his home to 刘芳: confirmed, claimed, opened, dispatched, authorised, approved", async () => {
    const db = handle.db;
    const seller = await demoResident(db, "张伟");
    const buyer = await demoResident(db, "刘芳");
    const clerk = await actorByLogin(db, "clerk.registry");
    const [home] = await unitsHeldBy(db, seller.ref);
    const applicationId = await fileTransfer(db, { seller, buyerResidentId: "431302199007220024", unitNumber: home! });
    await confirmApplication(db, { actor: buyer.actor, applicationId });
    await claimApplication(db, { actor: clerk, applicationId });
    // The seeded case_view rule lets the clerk open the case: no admin step first.
    expect((await openCase(db, { actor: clerk, applicationId })).accessSeqs).toHaveLength(2);
    const dispatched = await dispatchChecks(db, { actor: clerk, applicationId });
    expect(dispatched.requests.every((r) => r.standingRule === null)).toBe(true);
    expect(await authoriseAll(dispatched.requests)).toEqual(dispatched.requests.map(() => "yes"));
    const approved = await approveApplication(db, { actor: clerk, applicationId });
    expect(approved.status).toBe("approved");
    expect(approved.credential.skipped).toBeNull();
    expect(await holdersOf(db, home!)).toEqual([buyer.ref]);
  });

  it("杨丽 registers a new unit on the parcel she holds the land-use right of: land answers yes from its records", async () => {
    const db = handle.db;
    const yang = await demoResident(db, "杨丽");
    const clerk = await actorByLogin(db, "clerk.registry");
    const unitNumber = `${DEMO_FIRST_REGISTRATION_PARCELS[3]}F00010101`;
    const { applicationId } = await saveDraft(db, { actor: yang.actor, input: { kind: "first_registration", unitNumber, parties: [{ role: "applicant", residentId: yang.residentId }] } });
    await uploadDocument(db, { actor: yang.actor, input: { applicationId, kind: "land_use_certificate", fileName: "land.pdf", bytes: pdfBytes("land use"), declaredType: "application/pdf" } });
    await uploadDocument(db, { actor: yang.actor, input: { applicationId, kind: "identity_document", fileName: "id.png", bytes: pngBytes(), declaredType: "image/png" } });
    await submitApplication(db, { actor: yang.actor, applicationId });
    await claimApplication(db, { actor: clerk, applicationId });
    const dispatched = await dispatchChecks(db, { actor: clerk, applicationId });
    expect(dispatched.requests.map((r) => `${r.department}.${r.check}`).sort()).toEqual(["land.land_use_right", "police.identity"]);
    expect(await authoriseAll(dispatched.requests)).toEqual(["yes", "yes"]);
    expect((await approveApplication(db, { actor: clerk, applicationId })).status).toBe("approved");

    // Someone else's parcel: land answers no, with a code the clerk can act on.
    const zhang = await demoResident(db, "张伟");
    const other = await saveDraft(db, {
      actor: zhang.actor,
      input: { kind: "first_registration", unitNumber: `${DEMO_FIRST_REGISTRATION_PARCELS[3]}F00010102`, parties: [{ role: "applicant", residentId: zhang.residentId }] },
    });
    await uploadDocument(db, { actor: zhang.actor, input: { applicationId: other.applicationId, kind: "land_use_certificate", fileName: "land.pdf", bytes: pdfBytes(), declaredType: "application/pdf" } });
    await uploadDocument(db, { actor: zhang.actor, input: { applicationId: other.applicationId, kind: "identity_document", fileName: "id.png", bytes: pngBytes(), declaredType: "image/png" } });
    await submitApplication(db, { actor: zhang.actor, applicationId: other.applicationId });
    await claimApplication(db, { actor: clerk, applicationId: other.applicationId });
    const land = (await dispatchChecks(db, { actor: clerk, applicationId: other.applicationId })).requests.find((r) => r.department === "land")!;
    const answered = await authoriseRequest(db, { actor: await actorByLogin(db, "admin.land"), requestId: land.requestId, answerNow: true });
    expect(answered.answer).toMatchObject({ outcome: "no", reasonCode: "land_use_right_not_found" });

    // The senior admin's list of blocked cases names it, with the check holding it up; a clerk may not list.
    const senior = await actorByLogin(db, "senior.admin");
    const blocked = await listBlockedCases(db, { actor: senior });
    expect(blocked.items.map((c) => c.applicationId)).toEqual([other.applicationId]);
    expect(blocked.items[0]!.blockedChecks).toEqual([{ department: "land", check: "land_use_right", party: "applicant", status: "answered_no", reasonCode: "land_use_right_not_found" }]);
    expect((await listBlockedCases(db, { actor: senior, filter: { page: 2, pageSize: 1 } })).items).toEqual([]);
    await expect(listBlockedCases(db, { actor: clerk })).rejects.toBeInstanceOf(ForbiddenError);
    // Overridden with a reason: no longer blocked.
    const [landCheck] = (await getCaseTimeline(db, { actor: senior, applicationId: other.applicationId })).overridable;
    await overrideCheck(db, { actor: senior, input: { applicationId: other.applicationId, checkId: landCheck!.checkId, reasonCode: "verified_offline", note: "certificate seen at the window" } });
    expect((await listBlockedCases(db, { actor: senior })).total).toBe(0);
  });
});
