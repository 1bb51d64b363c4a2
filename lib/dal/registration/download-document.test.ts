// Documents as downloads: the filer and a registry clerk under a live grant get the bytes
// (the clerk's read recorded as an access entry), typed from the bytes; the counter-party of
// another case, other staff, a clerk without a live grant and an unknown id all get the same 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeGrant } from "@/lib/dal/access/revoke-grant";
import { attachmentDisposition, downloadDocument } from "./download-document";
import { getProgress } from "./get-progress";
import { actorByLogin, createFlowFixture, demoResident, entriesSince, fileTransfer, ledgerSize, setCaseViewRule, unitsHeldBy, type FlowFixture } from "./testing";

let f: FlowFixture;
beforeAll(async () => {
  f = await createFlowFixture();
});
afterAll(async () => f?.close());

describe("document downloads", () => {
  it("serves the filer and a clerk with a live grant; the same 404 for everyone else", async () => {
    const seller = await demoResident(f.db, "杨丽");
    const stranger = await demoResident(f.db, "陈刚");
    const buyer = await demoResident(f.db, "刘芳");
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const [unit] = await unitsHeldBy(f.db, seller.ref);
    const applicationId = await fileTransfer(f.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
    const doc = (await getProgress(f.db, { actor: seller.actor, applicationId })).documents.find((d) => d.kind === "sale_contract")!;

    const own = await downloadDocument(f.db, { actor: seller.actor, documentId: doc.documentId });
    expect(own).toMatchObject({ ok: true, mediaType: "application/pdf", fileName: "contract.pdf", sha256: doc.sha256 });
    expect(own.ok && new TextDecoder().decode(own.bytes.subarray(0, 5))).toBe("%PDF-");

    const refused = { ok: false, status: 404 };
    // No case_view rule yet (the fixture seeds none): refused like a stranger, and the refusal is recorded.
    let before = await ledgerSize(f.db);
    expect(await downloadDocument(f.db, { actor: clerk, documentId: doc.documentId })).toEqual(refused);
    expect((await entriesSince(f.db, before)).map((e) => e.type)).toEqual(["access.refused"]);
    for (const actor of [stranger.actor, await actorByLogin(f.db, "clerk.tax"), await actorByLogin(f.db, "admin.housing"), await actorByLogin(f.db, "bank.officer")]) {
      expect(await downloadDocument(f.db, { actor, documentId: doc.documentId }), actor.login).toEqual(refused);
    }
    expect(await downloadDocument(f.db, { actor: seller.actor, documentId: "doc-00000000-0000-4000-8000-000000000000" })).toEqual(refused);
    expect(await downloadDocument(f.db, { actor: seller.actor, documentId: "../../etc/passwd" })).toEqual(refused);

    // With the registry's case_view rule the clerk gets it, and the read is on the ledger.
    const grantId = await setCaseViewRule(f.db);
    before = await ledgerSize(f.db);
    expect(await downloadDocument(f.db, { actor: clerk, documentId: doc.documentId })).toMatchObject({ ok: true, mediaType: "application/pdf" });
    const written = await entriesSince(f.db, before);
    expect(written.map((e) => e.type)).toEqual(["access.read"]);
    expect(written[0]!.subject).toBe(seller.ref);
    expect(JSON.parse(written[0]!.entry).payload).toMatchObject({ authorisation: { grantId } });
    await revokeGrant(f.db, { actor: await actorByLogin(f.db, "admin.registry"), input: { grantId, reasonCode: "test_over" } });
    expect(await downloadDocument(f.db, { actor: clerk, documentId: doc.documentId })).toEqual(refused);
  });

  it("names the attachment safely in ASCII and in UTF-8", () => {
    expect(attachmentDisposition("合同 (1).pdf")).toBe(`attachment; filename="__ (1).pdf"; filename*=UTF-8''%E5%90%88%E5%90%8C%20%281%29.pdf`);
    expect(attachmentDisposition('a"b.pdf')).toBe(`attachment; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`);
  });
});
