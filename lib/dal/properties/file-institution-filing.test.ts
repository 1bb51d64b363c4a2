// Integration: the desks file through the registration use-cases. A bank's mortgage waits for
// the owner; a court's seizure goes straight to the registry; each desk lists only its own
// filings; a resident may use neither; a bad unit number files nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveApplication } from "@/lib/dal/registration/approve-application";
import { claimApplication } from "@/lib/dal/registration/claim-application";
import { dispatchChecks } from "@/lib/dal/registration/dispatch-checks";
import { rebuildPropertyRights } from "@/lib/dal/registration/property-rights";
import { actorByLogin, createFlowFixture, demoResident, pdfBytes, pngBytes, unitsHeldBy, type FlowFixture } from "@/lib/dal/registration/testing";
import { fileInstitutionFiling } from "./file-institution-filing";
import { listInstitutionFilings } from "./list-institution-filings";

let f: FlowFixture;
beforeAll(async () => {
  f = await createFlowFixture();
});
afterAll(async () => f?.close());

describe("bank and court desks", () => {
  it("files a mortgage (awaits the owner) and a seizure (to the registry); each desk lists its own", async () => {
    const owner = await demoResident(f.db, "刘芳");
    const [unit] = await unitsHeldBy(f.db, owner.ref);
    const bank = await actorByLogin(f.db, "bank.officer");
    const court = await actorByLogin(f.db, "court.officer");
    const mortgage = await fileInstitutionFiling(f.db, {
      actor: bank,
      input: {
        kind: "mortgage",
        unitNumber: unit!,
        ownerResidentId: owner.residentId,
        documents: [
          { kind: "mortgage_contract", fileName: "m.pdf", bytes: pdfBytes("mortgage") },
          { kind: "identity_document", fileName: "id.png", bytes: pngBytes() },
        ],
      },
    });
    expect(mortgage).toMatchObject({ status: "awaiting_counterparty", pendingConfirmations: 1 });
    const seizure = await fileInstitutionFiling(f.db, {
      actor: court,
      input: { kind: "seizure", unitNumber: unit!, caseNumber: "(2026)湘1302执5号", documents: [{ kind: "court_order", fileName: "o.pdf", bytes: pdfBytes("order") }] },
    });
    expect(seizure.status).toBe("submitted");
    expect((await listInstitutionFilings(f.db, { actor: bank })).map((x) => x.applicationId)).toEqual([mortgage.applicationId]);
    expect((await listInstitutionFilings(f.db, { actor: court })).map((x) => [x.applicationId, x.kind, x.status])).toEqual([[seizure.applicationId, "seizure", "submitted"]]);
  });

  it("refuses a resident, a bank filing a seizure, and a malformed unit number", async () => {
    const owner = await demoResident(f.db, "陈刚");
    const bank = await actorByLogin(f.db, "bank.officer");
    const court = await actorByLogin(f.db, "court.officer");
    await expect(listInstitutionFilings(f.db, { actor: owner.actor })).rejects.toMatchObject({ name: "ForbiddenError" });
    const order = [{ kind: "court_order" as const, fileName: "o.pdf", bytes: pdfBytes("order") }];
    const [unit] = await unitsHeldBy(f.db, owner.ref);
    await expect(fileInstitutionFiling(f.db, { actor: bank, input: { kind: "seizure", unitNumber: unit!, caseNumber: "(2026)湘1302执6号", documents: order } })).rejects.toThrow(/cannot file a seizure/);
    const before = (await listInstitutionFilings(f.db, { actor: court })).length;
    await expect(fileInstitutionFiling(f.db, { actor: court, input: { kind: "seizure", unitNumber: "not-a-unit", caseNumber: "(2026)湘1302执7号", documents: order } })).rejects.toMatchObject({ status: 400 });
    expect((await listInstitutionFilings(f.db, { actor: court })).length).toBe(before);
  });

  it("lifts an approved seizure: the release names it and, once approved, the unit is free", async () => {
    const owner = await demoResident(f.db, "杨丽");
    const [unit] = await unitsHeldBy(f.db, owner.ref);
    const court = await actorByLogin(f.db, "court.officer");
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const approve = async (applicationId: string) => {
      await claimApplication(f.db, { actor: clerk, applicationId });
      await dispatchChecks(f.db, { actor: clerk, applicationId });
      await approveApplication(f.db, { actor: clerk, applicationId });
    };
    const order = (name: string) => [{ kind: "court_order" as const, fileName: `${name}.pdf`, bytes: pdfBytes(name) }];
    const seizure = await fileInstitutionFiling(f.db, { actor: court, input: { kind: "seizure", unitNumber: unit!, caseNumber: "(2026)湘1302执8号", documents: order("order") } });
    await approve(seizure.applicationId);
    expect((await rebuildPropertyRights(f.db, unit!)).derived?.seizures).toHaveLength(1);
    const lift = await fileInstitutionFiling(f.db, {
      actor: court,
      input: { kind: "seizure_release", unitNumber: unit!, caseNumber: "(2026)湘1302执8号", releases: seizure.applicationId, documents: order("release") },
    });
    expect(lift.status).toBe("submitted");
    await approve(lift.applicationId);
    const rights = await rebuildPropertyRights(f.db, unit!);
    expect(rights.matches).toBe(true);
    expect(rights.derived?.seizures).toEqual([]);
  });
});
