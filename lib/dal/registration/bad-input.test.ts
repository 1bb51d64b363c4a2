// Integration: bad input on every filing form gets a typed error a person can act on, and
// nothing is written (rows counted before and after in every table the flow writes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personalRef } from "@/lib/crypto/personal-data";
import { saveDraft } from "./save-draft";
import { submitApplication } from "./submit-application";
import { uploadDocument } from "./upload-document";
import { getProgress } from "./get-progress";
import { loadApplication } from "./application-store";
import { MAX_DOCUMENT_BYTES } from "./documents";
import { createFlowFixture, demoResident, pdfBytes, pngBytes, unitsHeldBy, type FlowFixture, refusedWithoutWriting } from "./testing";

let f: FlowFixture;
let applicationId: string;
let seller: Awaited<ReturnType<typeof demoResident>>;
let buyer: Awaited<ReturnType<typeof demoResident>>;
let unit: string;
beforeAll(async () => {
  f = await createFlowFixture();
  seller = await demoResident(f.db, "张伟");
  buyer = await demoResident(f.db, "刘芳");
  [unit] = (await unitsHeldBy(f.db, seller.ref)) as [string];
  ({ applicationId } = await saveDraft(f.db, { actor: seller.actor, input: { kind: "transfer", unitNumber: unit, parties: [] } }));
});
afterAll(async () => f?.close());


const partyRefs = async () => (await loadApplication(f.db, applicationId)).state.content?.parties.map((p) => p.ref);

const upload = (input: Partial<Parameters<typeof uploadDocument>[1]["input"]>) => () =>
  uploadDocument(f.db, { actor: seller.actor, input: { applicationId, kind: "sale_contract", fileName: "contract.pdf", bytes: pdfBytes(), ...input } as never });

describe("documents", () => {
  it("refuses HTML posing as a PDF", async () => {
    const html = new TextEncoder().encode("<!DOCTYPE html><html><script>alert(1)</script></html>");
    await refusedWithoutWriting(f.db, upload({ bytes: html, declaredType: "application/pdf" }), "FILE_TYPE_REFUSED", 415);
  });
  it("refuses a PNG that claims to be a PDF", async () => {
    await refusedWithoutWriting(f.db, upload({ bytes: pngBytes(), declaredType: "application/pdf" }), "FILE_TYPE_MISMATCH", 415);
  });
  it("refuses names with ../, slashes or NUL bytes", async () => {
    for (const fileName of ["../../etc/passwd.pdf", "..", "a/b.pdf", "c:\\x.pdf", "contract\u0000.pdf", "   "]) {
      const e = await refusedWithoutWriting(f.db, upload({ fileName }), "FILE_NAME_INVALID", 400);
      expect(e.fieldErrors?.fileName).toBeDefined();
    }
  });
  it("refuses an empty file and one over 10 MB", async () => {
    await refusedWithoutWriting(f.db, upload({ bytes: new Uint8Array(0) }), "FILE_EMPTY", 400);
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    big.set(pdfBytes().subarray(0, 8));
    await refusedWithoutWriting(f.db, upload({ bytes: big }), "FILE_TOO_LARGE", 413);
  });
  it("refuses wrong types: an unknown document kind, a string for the bytes", async () => {
    await refusedWithoutWriting(f.db, upload({ kind: "passport_scan" as never }), "INVALID_INPUT", 400);
    await refusedWithoutWriting(f.db, upload({ bytes: "%PDF-1.7" as never }), "INVALID_INPUT", 400);
  });
  it("accepts a real PDF exactly at the size limit", async () => {
    const limit = new Uint8Array(MAX_DOCUMENT_BYTES);
    limit.set(pdfBytes());
    expect((await upload({ bytes: limit, declaredType: "application/pdf" })()).size).toBe(MAX_DOCUMENT_BYTES);
  });
});

describe("parties and the form", () => {
  const draft = (parties: { role: "seller" | "buyer"; residentId: string }[], extra: Record<string, unknown> = {}) => () =>
    saveDraft(f.db, { actor: seller.actor, input: { applicationId, kind: "transfer", unitNumber: unit, parties, ...extra } as never });

  it("folds full-width digits and a lower-case x into the same keyed ref", async () => {
    const fullWidth = seller.residentId.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    await draft([
      { role: "seller", residentId: fullWidth },
      { role: "buyer", residentId: ` ${buyer.residentId} ` },
    ])();
    expect(await partyRefs()).toEqual([seller.ref, buyer.ref]);
    const yang = "43130219920430004x"; // 杨丽, typed with a lower-case x
    await draft([
      { role: "seller", residentId: seller.residentId },
      { role: "buyer", residentId: yang },
    ])();
    expect(await partyRefs()).toEqual([seller.ref, personalRef("resident-id", "43130219920430004X")]);
  });
  it("refuses an ID with a wrong check digit, letters or the wrong length, naming the field", async () => {
    const typo = `${seller.residentId.slice(0, 17)}${seller.residentId.endsWith("1") ? "2" : "1"}`;
    const e = await refusedWithoutWriting(f.db, draft([{ role: "seller", residentId: typo }]), "INVALID_RESIDENT_ID", 400);
    expect(e.fieldErrors?.["parties.0.residentId"]).toEqual(["signUp.residentId.CHECK_DIGIT"]); // errors.signUp.residentId.CHECK_DIGIT in the visitor's language
    const mixed = await refusedWithoutWriting(f.db, draft([{ role: "seller", residentId: seller.residentId }, { role: "buyer", residentId: "4313０２19850315001A" }]), "INVALID_RESIDENT_ID");
    expect(Object.keys(mixed.fieldErrors ?? {})).toEqual(["parties.1.residentId"]);
    await refusedWithoutWriting(f.db, draft([{ role: "seller", residentId: "43130219850315" }]), "INVALID_RESIDENT_ID");
  });
  it("refuses a bad unit number, an unknown kind and an empty form", async () => {
    await refusedWithoutWriting(f.db, draft([], { unitNumber: "431302-not-a-unit" }), "INVALID_INPUT", 400);
    await refusedWithoutWriting(f.db, draft([], { kind: "sale" }), "INVALID_INPUT", 400);
    await refusedWithoutWriting(f.db, () => saveDraft(f.db, { actor: seller.actor, input: {} as never }), "INVALID_INPUT", 400);
  });
  it("refuses to submit an incomplete application (no buyer, no documents) and says what is missing", async () => {
    await draft([{ role: "seller", residentId: seller.residentId }])();
    const e = await refusedWithoutWriting(f.db, () => submitApplication(f.db, { actor: seller.actor, applicationId }), "INCOMPLETE_APPLICATION", 400);
    expect(e.message).toMatch(/parties\.buyer/);
  });
  it("answers 'not found' to another resident touching this draft, and writes nothing", async () => {
    await refusedWithoutWriting(f.db, () => submitApplication(f.db, { actor: buyer.actor, applicationId }), "NOT_FOUND", 404);
    await refusedWithoutWriting(f.db, 
      () => uploadDocument(f.db, { actor: buyer.actor, input: { applicationId, kind: "sale_contract", fileName: "x.pdf", bytes: pdfBytes() } }),
      "NOT_FOUND",
      404,
    );
    await refusedWithoutWriting(f.db, () => getProgress(f.db, { actor: buyer.actor, applicationId }), "NOT_FOUND", 404);
  });
});
