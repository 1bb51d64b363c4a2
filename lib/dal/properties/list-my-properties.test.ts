// Integration: a resident sees their own units with a live credential, status folded from the
// ledger (a court's seizure turns it "seized"), the unit's history and an assessed value with
// its sample; another resident's units never appear.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveApplication } from "@/lib/dal/registration/approve-application";
import { claimApplication } from "@/lib/dal/registration/claim-application";
import { dispatchChecks } from "@/lib/dal/registration/dispatch-checks";
import { saveDraft } from "@/lib/dal/registration/save-draft";
import { submitApplication } from "@/lib/dal/registration/submit-application";
import { uploadDocument } from "@/lib/dal/registration/upload-document";
import { actorByLogin, createFlowFixture, demoResident, pdfBytes, setCaseViewRule, type FlowFixture } from "@/lib/dal/registration/testing";
import { median } from "./assessed-value";
import { listMyProperties } from "./list-my-properties";

let f: FlowFixture;
beforeAll(async () => {
  f = await createFlowFixture();
  // Issuing the successor credential reads the holders' names: the registry's case_view rule.
  await setCaseViewRule(f.db);
});
afterAll(async () => f?.close());

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("listMyProperties", () => {
  it("lists own units with credential, history and assessed value; a seizure shows at once", async () => {
    const owner = await demoResident(f.db, "杨丽");
    const other = await demoResident(f.db, "张伟");
    const mine = await listMyProperties(f.db, { actor: owner.actor });
    expect(mine.length).toBeGreaterThan(0);
    const theirs = await listMyProperties(f.db, { actor: other.actor });
    expect(theirs.map((p) => p.unitNumber).filter((u) => mine.some((m) => m.unitNumber === u))).toEqual([]);
    const unit = mine[0]!;
    expect(unit.status).toBe("registered");
    expect(unit.outline.type).toBe("Polygon");
    expect(unit.area).toBeGreaterThan(0);
    expect(unit.assessed.sampleSize, "the seed records sales in every district").toBeGreaterThan(0);
    expect(unit.assessed.value).toBe(Math.round(unit.assessed.medianPerM2! * unit.area));

    const court = await actorByLogin(f.db, "court.officer");
    const seizure = await saveDraft(f.db, {
      actor: court,
      input: { kind: "seizure", unitNumber: unit.unitNumber, parties: [{ role: "court", organisation: "court" }], caseNumber: "(2026)湘1302执9号" },
    });
    await uploadDocument(f.db, { actor: court, input: { applicationId: seizure.applicationId, kind: "court_order", fileName: "o.pdf", bytes: pdfBytes("order") } });
    await submitApplication(f.db, { actor: court, applicationId: seizure.applicationId });
    const clerk = await actorByLogin(f.db, "clerk.registry");
    await claimApplication(f.db, { actor: clerk, applicationId: seizure.applicationId });
    await dispatchChecks(f.db, { actor: clerk, applicationId: seizure.applicationId });
    await approveApplication(f.db, { actor: clerk, applicationId: seizure.applicationId });

    const after = (await listMyProperties(f.db, { actor: owner.actor })).find((p) => p.unitNumber === unit.unitNumber)!;
    expect(after.status).toBe("seized");
    expect(after.credential?.reason).toBe("seizure");
    expect(after.history.map((h) => h.type)).toEqual(expect.arrayContaining(["registration.submitted", "registration.approved", "credential.issued"]));
  });
});
