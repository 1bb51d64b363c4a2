// Integration (issue 7 §3): hostile bodies reaching the filing use-cases — content posing as
// a document, archives and compressed bombs, names that hide what they are, 10,000-item
// arrays, impossible dates, full-width digits — are refused with a typed error a person can
// act on, and nothing is written (rows counted before and after in every table the flow writes).
import { deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeResidentId } from "@/lib/domain/resident-id";
import { saveDraft } from "./save-draft";
import { uploadDocument } from "./upload-document";
import { createFlowFixture, demoResident, pdfBytes, unitsHeldBy, type FlowFixture, refusedWithoutWriting } from "./testing";

let f: FlowFixture;
let applicationId: string;
let seller: Awaited<ReturnType<typeof demoResident>>;
let unit: string;
beforeAll(async () => {
  f = await createFlowFixture();
  seller = await demoResident(f.db, "张伟");
  [unit] = (await unitsHeldBy(f.db, seller.ref)) as [string];
  ({ applicationId } = await saveDraft(f.db, { actor: seller.actor, input: { kind: "mortgage", unitNumber: unit, parties: [] } }));
});
afterAll(async () => f?.close());


const upload = (input: Record<string, unknown>) => () =>
  uploadDocument(f.db, { actor: seller.actor, input: { applicationId, kind: "sale_contract", fileName: "contract.pdf", bytes: pdfBytes(), ...input } as never });
const bytesOf = (text: string) => new TextEncoder().encode(text);

describe("uploads: only PDF, PNG and JPEG by their bytes", () => {
  it("refuses an SVG carrying a script, whatever it is called or claims to be", async () => {
    const svg = bytesOf('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>');
    for (const input of [{ fileName: "plan.svg", declaredType: "image/svg+xml" }, { fileName: "plan.png", declaredType: "image/png" }, { fileName: "plan.pdf" }]) {
      const e = await refusedWithoutWriting(f.db, upload({ bytes: svg, ...input }), "FILE_TYPE_REFUSED", 415);
      expect(e.fieldErrors?.file).toEqual(["flow.field.fileTypeRefused"]);
    }
  });
  it("refuses HTML that starts with whitespace or a byte-order mark before '%PDF'", async () => {
    await refusedWithoutWriting(f.db, upload({ bytes: bytesOf("\ufeff<html><body>%PDF-1.7</body></html>") }), "FILE_TYPE_REFUSED", 415);
    await refusedWithoutWriting(f.db, upload({ bytes: bytesOf("   %PDF-1.7\n<script>alert(1)</script>") }), "FILE_TYPE_REFUSED", 415);
  });
  it("refuses archives and compressed bodies: a .docx (zip), a zip bomb, a gzip bomb", async () => {
    // A .docx is a zip (PK\x03\x04); a zip or gzip bomb expands a few kB into gigabytes for
    // whoever inflates it. Nothing here inflates: the first bytes decide and they are refused.
    const zipHeader = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
    const bomb = deflateSync(new Uint8Array(20 * 1024 * 1024)); // 20 MB of zeros → ~20 kB
    const zip = new Uint8Array([...zipHeader, ...bomb]);
    await refusedWithoutWriting(f.db, upload({ bytes: zip, fileName: "contract.docx", declaredType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }), "FILE_TYPE_REFUSED", 415);
    await refusedWithoutWriting(f.db, upload({ bytes: zip, fileName: "contract.pdf", declaredType: "application/pdf" }), "FILE_TYPE_REFUSED", 415);
    await refusedWithoutWriting(f.db, upload({ bytes: gzipSync(new Uint8Array(20 * 1024 * 1024)), fileName: "contract.pdf.gz" }), "FILE_TYPE_REFUSED", 415);
  });
  it("stores a PDF with a deflate stream as the bytes it is: the portal never inflates it", async () => {
    const stream = deflateSync(new Uint8Array(5 * 1024 * 1024));
    const pdf = new Uint8Array([...bytesOf("%PDF-1.7\n1 0 obj << /Filter /FlateDecode >> stream\n"), ...stream, ...bytesOf("\nendstream endobj\n%%EOF\n")]);
    const stored = await upload({ bytes: pdf, fileName: "scan.pdf" })();
    expect(stored.size).toBe(pdf.length);
    expect(stored.size).toBeLessThan(64 * 1024);
  });
});

describe("file names that hide what they are", () => {
  it("refuses right-to-left overrides and zero-width characters, naming the field", async () => {
    for (const fileName of ["invoice\u202Efdp.exe", "contract\u200B.pdf", "contract\uFEFF.pdf", "con\u200Dtract.pdf", "scan\u2066.pdf", "a\u00ADb.pdf"]) {
      const e = await refusedWithoutWriting(f.db, upload({ fileName }), "FILE_NAME_INVALID", 400);
      expect(e.fieldErrors?.fileName, JSON.stringify(fileName)).toEqual(["flow.field.fileNameHidden"]);
    }
  });
  it("refuses ../ in every spelling and NUL bytes, and accepts an honest Chinese name", async () => {
    for (const fileName of ["..\\..\\boot.ini", "....//x.pdf", "x.pdf\u0000.png", "%00.pdf/..", "./"]) {
      await refusedWithoutWriting(f.db, upload({ fileName }), "FILE_NAME_INVALID", 400);
    }
    expect((await upload({ fileName: "购房合同（第二版）.pdf" })()).mediaType).toBe("application/pdf");
  });
});

describe("the filing form's shape", () => {
  const draft = (extra: Record<string, unknown>) => () =>
    saveDraft(f.db, { actor: seller.actor, input: { applicationId, kind: "mortgage", unitNumber: unit, parties: [], ...extra } as never });

  it("refuses 10,000-item arrays before looking at any item", async () => {
    const parties = Array.from({ length: 10_000 }, () => ({ role: "buyer", residentId: seller.residentId }));
    await refusedWithoutWriting(f.db, draft({ parties }), "INVALID_INPUT", 400);
    await refusedWithoutWriting(f.db, draft({ documentIds: Array.from({ length: 10_000 }, (_, i) => `doc-${i}`) }), "INVALID_INPUT", 400);
  });
  it("refuses wrong types: a number for the unit, an object for the kind, a string for the parties", async () => {
    await refusedWithoutWriting(f.db, draft({ unitNumber: 431302 }), "INVALID_INPUT", 400);
    await refusedWithoutWriting(f.db, draft({ kind: { $ne: null } }), "INVALID_INPUT", 400);
    await refusedWithoutWriting(f.db, draft({ parties: "seller" }), "INVALID_INPUT", 400);
  });
  it("refuses an impossible birth date (2026-02-30) in a party's resident ID", async () => {
    const feb30 = makeResidentId("431302", "19900230", 21);
    const e = await refusedWithoutWriting(f.db, draft({ parties: [{ role: "seller", residentId: feb30 }] }), "INVALID_RESIDENT_ID", 400);
    expect(e.fieldErrors?.["parties.0.residentId"]).toEqual(["signUp.residentId.BIRTH_DATE"]);
  });
  it("refuses hidden characters in the case number and the amount, and takes full-width digits where a number is expected", async () => {
    await refusedWithoutWriting(f.db, draft({ caseNumber: "(2026)湘1302\u202E执123号" }), "INVALID_INPUT", 400);
    await refusedWithoutWriting(f.db, draft({ caseNumber: "(2026)湘1302\u0000执123号" }), "INVALID_INPUT", 400);
    await refusedWithoutWriting(f.db, draft({ securedAmount: "1\u200B200000" }), "INVALID_INPUT", 400);
    expect((await draft({ securedAmount: "￥１，２００，０００．５０元" })()).saved).toBe(true);
  });
});
