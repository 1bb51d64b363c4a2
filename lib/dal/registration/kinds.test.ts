// Integration: the other kinds through the same use-cases. A bank files a mortgage the owner
// confirms (bank.credit answered under the bank's standing rule); a court files a seizure
// (registry facts only); a transfer of the seized, mortgaged unit stops on the registry's own
// facts, which no override can lift; the court releases its seizure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveApplication } from "./approve-application";
import { claimApplication } from "./claim-application";
import { confirmApplication } from "./confirm-application";
import { dispatchChecks } from "./dispatch-checks";
import { overrideCheck } from "./override-check";
import { saveDraft } from "./save-draft";
import { submitApplication } from "./submit-application";
import { uploadDocument } from "./upload-document";
import { rebuildPropertyRights } from "./property-rights";
import { actorByLogin, createFlowFixture, demoResident, fileTransfer, pdfBytes, setTransferStandingRules, unitsHeldBy, type FlowFixture } from "./testing";

let f: FlowFixture;
beforeAll(async () => {
  f = await createFlowFixture();
  await setTransferStandingRules(f.db, ["police", "civil", "tax", "housing", "bank"]);
});
afterAll(async () => f?.close());

async function decide(applicationId: string) {
  const clerk = await actorByLogin(f.db, "clerk.registry");
  await claimApplication(f.db, { actor: clerk, applicationId });
  const dispatched = await dispatchChecks(f.db, { actor: clerk, applicationId });
  return { clerk, dispatched };
}

describe("mortgage, seizure and release", () => {
  it("runs a bank's mortgage, a court's seizure and its release, and stops a transfer on the registry's facts", async () => {
    const owner = await demoResident(f.db, "杨丽");
    const buyer = await demoResident(f.db, "张伟");
    const [unit] = await unitsHeldBy(f.db, owner.ref);
    const bank = await actorByLogin(f.db, "bank.officer");
    const court = await actorByLogin(f.db, "court.officer");

    // Mortgage: filed by the bank, confirmed by the owner.
    const mortgage = await saveDraft(f.db, {
      actor: bank,
      input: { kind: "mortgage", unitNumber: unit!, parties: [{ role: "applicant", residentId: owner.residentId }, { role: "mortgagee", organisation: "bank" }] },
    });
    await uploadDocument(f.db, { actor: bank, input: { applicationId: mortgage.applicationId, kind: "mortgage_contract", fileName: "mortgage.pdf", bytes: pdfBytes("mortgage") } });
    await uploadDocument(f.db, { actor: bank, input: { applicationId: mortgage.applicationId, kind: "identity_document", fileName: "id.pdf", bytes: pdfBytes("id") } });
    expect(await submitApplication(f.db, { actor: bank, applicationId: mortgage.applicationId })).toMatchObject({ status: "awaiting_counterparty", pendingConfirmations: 1 });
    await confirmApplication(f.db, { actor: owner.actor, applicationId: mortgage.applicationId });
    const m = await decide(mortgage.applicationId);
    expect(m.dispatched.requests.map((r) => `${r.department}.${r.check}:${r.answer}`).sort()).toEqual(["bank.credit:yes", "police.identity:yes"]);
    await approveApplication(f.db, { actor: m.clerk, applicationId: mortgage.applicationId });

    // Seizure: filed by the court; no department is asked.
    const seizure = await saveDraft(f.db, {
      actor: court,
      input: { kind: "seizure", unitNumber: unit!, parties: [{ role: "court", organisation: "court" }], caseNumber: "(2026)湘1302执123号" },
    });
    await uploadDocument(f.db, { actor: court, input: { applicationId: seizure.applicationId, kind: "court_order", fileName: "order.pdf", bytes: pdfBytes("order") } });
    expect(await submitApplication(f.db, { actor: court, applicationId: seizure.applicationId })).toMatchObject({ status: "submitted" });
    const s = await decide(seizure.applicationId);
    expect(s.dispatched.requests).toHaveLength(0);
    expect(s.dispatched.status).toBe("ready_for_decision");
    await approveApplication(f.db, { actor: s.clerk, applicationId: seizure.applicationId });

    // A transfer now stops on the registry's own facts; a senior admin cannot lift them.
    const transfer = await fileTransfer(f.db, { seller: owner, buyerResidentId: buyer.residentId, unitNumber: unit! });
    await confirmApplication(f.db, { actor: buyer.actor, applicationId: transfer });
    const t = await decide(transfer);
    expect(t.dispatched.registryFacts.filter((c) => c.outcome === "no").map((c) => c.reasonCode).sort()).toEqual(["mortgaged", "seized"]);
    await expect(approveApplication(f.db, { actor: t.clerk, applicationId: transfer })).rejects.toMatchObject({ code: "CHECKS_NOT_SATISFIED" });
    await expect(
      overrideCheck(f.db, {
        actor: await actorByLogin(f.db, "senior.admin"),
        input: { applicationId: transfer, checkId: "registry.no_seizure:property", reasonCode: "urgent", note: "please let this one through" },
      }),
    ).rejects.toMatchObject({ code: "NOT_OVERRIDABLE" });

    // The court releases its seizure.
    const release = await saveDraft(f.db, {
      actor: court,
      input: { kind: "seizure_release", unitNumber: unit!, parties: [{ role: "court", organisation: "court" }], caseNumber: "(2026)湘1302执123号", releases: seizure.applicationId },
    });
    await uploadDocument(f.db, { actor: court, input: { applicationId: release.applicationId, kind: "court_order", fileName: "release.pdf", bytes: pdfBytes("release") } });
    await submitApplication(f.db, { actor: court, applicationId: release.applicationId });
    const r = await decide(release.applicationId);
    await approveApplication(f.db, { actor: r.clerk, applicationId: release.applicationId });
    const rights = await rebuildPropertyRights(f.db, unit!);
    expect(rights.matches).toBe(true);
    expect(rights.derived).toMatchObject({ holders: [owner.ref], seizures: [], mortgages: [{ mortgageId: mortgage.applicationId, mortgageeRef: "org:bank" }] });
  });

  it("commands on two applications of one unit at once (an approval and a submission) neither deadlock nor lose an update", async () => {
    const owner = await demoResident(f.db, "刘芳");
    const buyer = await demoResident(f.db, "陈刚");
    const [unit] = await unitsHeldBy(f.db, owner.ref);
    const court = await actorByLogin(f.db, "court.officer");
    for (let round = 0; round < 3; round++) {
      const seizure = await saveDraft(f.db, {
        actor: court,
        input: { kind: "seizure", unitNumber: unit!, parties: [{ role: "court", organisation: "court" }], caseNumber: `(2026)湘1302执${200 + round}号` },
      });
      await uploadDocument(f.db, { actor: court, input: { applicationId: seizure.applicationId, kind: "court_order", fileName: "order.pdf", bytes: pdfBytes("order") } });
      await submitApplication(f.db, { actor: court, applicationId: seizure.applicationId });
      const { clerk } = await decide(seizure.applicationId);
      const draft = await saveDraft(f.db, {
        actor: owner.actor,
        input: { kind: "transfer", unitNumber: unit!, parties: [{ role: "seller", residentId: owner.residentId }, { role: "buyer", residentId: buyer.residentId }] },
      });
      await uploadDocument(f.db, { actor: owner.actor, input: { applicationId: draft.applicationId, kind: "sale_contract", fileName: "c.pdf", bytes: pdfBytes() } });
      await uploadDocument(f.db, { actor: owner.actor, input: { applicationId: draft.applicationId, kind: "identity_document", fileName: "i.pdf", bytes: pdfBytes("id") } });
      const [approved, submitted] = await Promise.all([
        approveApplication(f.db, { actor: clerk, applicationId: seizure.applicationId }),
        submitApplication(f.db, { actor: owner.actor, applicationId: draft.applicationId }),
      ]);
      expect(approved.status).toBe("approved");
      expect(submitted.status).toBe("awaiting_counterparty");
    }
    const rights = await rebuildPropertyRights(f.db, unit!);
    expect(rights.matches).toBe(true);
    expect(rights.derived?.seizures).toHaveLength(3);
    expect(rights.derived?.openApplications).toHaveLength(3);
  });
});
