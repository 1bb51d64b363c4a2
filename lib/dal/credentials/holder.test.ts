import { inflateSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";
import { decodePdfQr, pdfUnicodeChars } from "@/lib/credentials/pdf-testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { credentials, properties, users } from "@/lib/db/schema";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { personalRef } from "@/lib/crypto/personal-data";
import { verifySdJwt } from "@/lib/credentials/sd-jwt";
import { insertUser } from "@/lib/dal/auth/testing";
import { activeSigningKey, ensureLedgerKeys } from "@/lib/ledger/keys";
import { eq } from "drizzle-orm";
import { getCredentialPdf } from "./get-credential-pdf";
import { getShareLink } from "./get-share-link";
import { listHolderCredentials } from "./list-holder-credentials";
import { issueCredential } from "./issue-credential";

const UNIT = "431321002003GB00042F00020103";
const RESIDENT_ID = "430000199002020022";

describe("a holder's own credentials", () => {
  let handle: TestDb;
  let holder: Actor;
  let stranger: Actor;
  let credentialId: string;
  beforeAll(async () => {
    handle = await createTestDb();
    await ensureLedgerKeys(handle.db);
    await handle.db.insert(properties).values({
      unitNumber: UNIT,
      district: "431321",
      address: "双峰县 永丰中路 8 号",
      area: "120.00",
      use: "residential",
      builtYear: 2015,
      parcelOutline: { type: "Polygon", coordinates: [[[0, 0], [12, 0], [12, 10], [0, 10], [0, 0]]] },
    });
    const ref = personalRef("resident-id", RESIDENT_ID);
    const a = await insertUser(handle.db, { login: "13800000001", password: "Password-123456", role: "resident" });
    await handle.db.update(users).set({ residentIdHmac: ref }).where(eq(users.id, a.id));
    const b = await insertUser(handle.db, { login: "13800000002", password: "Password-123456", role: "resident" });
    holder = { userId: a.id, role: "resident", department: null, displayName: "李娜", login: "13800000001" };
    stranger = { userId: b.id, role: "resident", department: null, displayName: "someone", login: "13800000002" };
    const issued = await handle.db.transaction((tx) =>
      issueCredential(tx, {
        unitNumber: UNIT,
        holders: [{ ref, name: "李娜", residentId: RESIDENT_ID }],
        reason: "first_registration",
        status: { registered: true, mortgaged: true, seized: false, inTransaction: false },
      }),
    );
    credentialId = issued.credentialId;
  });
  afterAll(async () => handle.close());

  it("lists the holder's credentials and nobody else's", async () => {
    expect((await listHolderCredentials(handle.db, holder)).map((c) => c.id)).toEqual([credentialId]);
    expect(await listHolderCredentials(handle.db, stranger)).toEqual([]);
  });

  it("makes a share link whose fragment discloses the name only, and that verifies", async () => {
    const link = (await getShareLink(handle.db, holder, credentialId))!;
    expect(link).toMatch(new RegExp(`^/verify/${credentialId}#d=[A-Za-z0-9_-]+$`));
    const [, disclosure] = link.split("#d=");
    const key = await activeSigningKey(handle.db, "registry", "credential");
    const sdJwt = await sdJwtOf(handle, credentialId);
    const verified = verifySdJwt(nodeBackend, `${sdJwt}${disclosure}~`, key.publicKey);
    expect(verified.ok && verified.disclosed).toEqual({ holderNames: ["李娜"] });
    expect(await getShareLink(handle.db, stranger, credentialId)).toBeNull();
  });

  it("renders a PDF for the holder with the verify URL, and refuses anyone else", async () => {
    const pdf = await getCredentialPdf(handle.db, holder, credentialId, "https://deedchain.example");
    if (!pdf.ok) throw new Error(pdf.error);
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const doc = await PDFDocument.load(pdf.bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toContain(credentialId);
    const url = `https://deedchain.example/verify/${credentialId}`;
    const hex = Buffer.from(url, "latin1").toString("hex").toUpperCase();
    expect(pageText(pdf.bytes).toUpperCase()).toContain(hex);
    // The QR image on the page, read by an independent decoder, is exactly the verify URL.
    expect(await decodePdfQr(pdf.bytes)).toBe(url);
    // Chinese labels and the holder's name are real text (a viewer can copy them), in a
    // subsetted font: the file stays small.
    const chars = pdfUnicodeChars(pdf.bytes);
    for (const ch of "不动产电子凭证权利人李娜双峰县住宅") expect(chars, ch).toContain(ch);
    expect(pdf.bytes.length).toBeLessThan(150_000);
    expect(pdf.filename).toBe(`deedchain-credential-${credentialId}.pdf`);
    expect(await getCredentialPdf(handle.db, stranger, credentialId, "https://deedchain.example")).toMatchObject({ ok: false, status: 404 });
  });
});

/** Every content stream of the PDF, inflated (pdf-lib writes them Flate-compressed). */
function pageText(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString("latin1");
  const out: string[] = [];
  for (const match of text.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    try {
      out.push(inflateSync(Buffer.from(match[1]!, "latin1")).toString("latin1"));
    } catch {
      out.push(match[1]!);
    }
  }
  return out.join("\n");
}

async function sdJwtOf(handle: TestDb, id: string): Promise<string> {
  const [row] = await handle.db.select({ sdJwt: credentials.sdJwt }).from(credentials).where(eq(credentials.id, id));
  return row!.sdJwt;
}
