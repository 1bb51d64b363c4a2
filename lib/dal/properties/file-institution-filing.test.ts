// Integration: the desks file through the registration use-cases. A bank's mortgage waits for
// the owner; a court's seizure goes straight to the registry; each desk lists only its own
// filings; a resident may use neither; a bad unit number files nothing.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentials, ledgerEntries, ledgerKeys } from "@/lib/db/schema";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { verifySdJwt } from "@/lib/credentials/sd-jwt";
import { getShareLink } from "@/lib/dal/credentials/get-share-link";
import { confirmApplication } from "@/lib/dal/registration/confirm-application";
import { listMyProperties } from "./list-my-properties";
import { approveApplication } from "@/lib/dal/registration/approve-application";
import { claimApplication } from "@/lib/dal/registration/claim-application";
import { dispatchChecks } from "@/lib/dal/registration/dispatch-checks";
import { rebuildPropertyRights } from "@/lib/dal/registration/property-rights";
import { actorByLogin, createFlowFixture, demoResident, pdfBytes, pngBytes, setCaseViewRule, setTransferStandingRules, unitsHeldBy, type FlowFixture } from "@/lib/dal/registration/testing";
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
        securedAmount: "１，２００，０００．５",
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
    expect((await listInstitutionFilings(f.db, { actor: bank })).map((x) => [x.applicationId, x.securedAmount])).toEqual([[mortgage.applicationId, "1200000.50"]]);
    expect((await listInstitutionFilings(f.db, { actor: court })).map((x) => [x.applicationId, x.kind, x.status])).toEqual([[seizure.applicationId, "seizure", "submitted"]]);
  });

  it("keeps the secured amount off the ledger and refuses a mortgage without a sane amount", async () => {
    const owner = await demoResident(f.db, "张伟");
    const [unit] = await unitsHeldBy(f.db, owner.ref);
    const bank = await actorByLogin(f.db, "bank.officer");
    const documents = [
      { kind: "mortgage_contract" as const, fileName: "m.pdf", bytes: pdfBytes("mortgage-2") },
      { kind: "identity_document" as const, fileName: "id.png", bytes: pngBytes() },
    ];
    const file = (securedAmount: string) => fileInstitutionFiling(f.db, { actor: bank, input: { kind: "mortgage", unitNumber: unit!, ownerResidentId: owner.residentId, securedAmount, documents } });
    for (const bad of ["0", "-100", "12.345", "100000000000", "lots"]) {
      await expect(file(bad)).rejects.toMatchObject({ status: 400, fieldErrors: { securedAmount: ["yuanAmount"] } });
    }
    const filed = await file("987654.32");
    const entries = await f.db.select({ entry: ledgerEntries.entry }).from(ledgerEntries).where(eq(ledgerEntries.subject, filed.applicationId));
    const text = entries.map((e) => e.entry).join("\n");
    expect(text).toContain("securedAmountRef");
    expect(text).not.toMatch(/987654|98765432/);

    // Once approved, the credential carries the amount as a disclosure only the holder hands out.
    await setTransferStandingRules(f.db, ["police", "bank"]);
    await setCaseViewRule(f.db);
    await confirmApplication(f.db, { actor: owner.actor, applicationId: filed.applicationId });
    const clerk = await actorByLogin(f.db, "clerk.registry");
    await claimApplication(f.db, { actor: clerk, applicationId: filed.applicationId });
    await dispatchChecks(f.db, { actor: clerk, applicationId: filed.applicationId });
    const approved = await approveApplication(f.db, { actor: clerk, applicationId: filed.applicationId });
    expect(approved.credential.skipped).toBeNull();
    const credentialId = approved.credential.credentialId!;
    const [row] = await f.db.select({ sdJwt: credentials.sdJwt }).from(credentials).where(eq(credentials.id, credentialId));
    expect(row!.sdJwt).not.toMatch(/987654/);
    const mine = await listMyProperties(f.db, { actor: owner.actor });
    expect(mine.find((p) => p.unitNumber === unit)).toMatchObject({ status: "mortgaged", securedAmounts: ["987654.32"] });
    const link = (await getShareLink(f.db, owner.actor, credentialId, ["holderNames", "securedAmounts"]))!;
    const disclosures = link.split("#d=")[1]!.split("~");
    expect(disclosures.map((d) => JSON.parse(Buffer.from(d, "base64url").toString("utf8"))[1])).toEqual(["holderNames", "securedAmounts"]);
    expect(JSON.parse(Buffer.from(disclosures[1]!, "base64url").toString("utf8"))[2]).toEqual(["987654.32"]);
    const key = (await f.db.select().from(ledgerKeys).where(eq(ledgerKeys.role, "credential")))[0]!;
    const verified = verifySdJwt(nodeBackend, `${row!.sdJwt}${disclosures.join("~")}~`, Buffer.from(key.publicKey, "base64"));
    expect(verified).toMatchObject({ ok: true, disclosed: { securedAmounts: ["987654.32"] } });
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

  it("refuses an SVG court order, a zip posing as a contract and a hidden-character case number before any draft is written", async () => {
    const owner = await demoResident(f.db, "陈刚");
    const court = await actorByLogin(f.db, "court.officer");
    const bank = await actorByLogin(f.db, "bank.officer");
    const [unit] = await unitsHeldBy(f.db, owner.ref);
    const ledgerSize = async () => (await f.db.select({ seq: ledgerEntries.seq }).from(ledgerEntries)).length;
    const before = { ledger: await ledgerSize(), court: (await listInstitutionFilings(f.db, { actor: court })).length, bank: (await listInstitutionFilings(f.db, { actor: bank })).length };
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await expect(
      fileInstitutionFiling(f.db, { actor: court, input: { kind: "seizure", unitNumber: unit!, caseNumber: "(2026)湘1302执8号", documents: [{ kind: "court_order", fileName: "order.svg", bytes: svg, declaredType: "image/svg+xml" }] } }),
    ).rejects.toMatchObject({ code: "FILE_TYPE_REFUSED", status: 415 });
    await expect(
      fileInstitutionFiling(f.db, { actor: court, input: { kind: "seizure", unitNumber: unit!, caseNumber: "(2026)湘1302\u202E执9号", documents: [{ kind: "court_order", fileName: "o.pdf", bytes: pdfBytes("order") }] } }),
    ).rejects.toMatchObject({ status: 400 });
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
    await expect(
      fileInstitutionFiling(f.db, {
        actor: bank,
        input: {
          kind: "mortgage",
          unitNumber: unit!,
          ownerResidentId: owner.residentId,
          securedAmount: "500000",
          documents: [
            { kind: "mortgage_contract", fileName: "contract.docx", bytes: zip },
            { kind: "identity_document", fileName: "id\u200B.png", bytes: pngBytes() },
          ],
        },
      }),
    ).rejects.toMatchObject({ status: 415 });
    expect({ ledger: await ledgerSize(), court: (await listInstitutionFilings(f.db, { actor: court })).length, bank: (await listInstitutionFilings(f.db, { actor: bank })).length }).toEqual(before);
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
