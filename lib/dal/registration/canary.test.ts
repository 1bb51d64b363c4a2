// Canary: residents whose name, ID number and phone carry a unique marker go through a whole
// transfer (filing with a document that contains the marker, confirmation, case view,
// department checks, approval and credential). Afterwards the marker appears in no ledger
// entry and in no database column except where a person's data is meant to sit in clear
// (the account's display name and sign-in phone, owned by the identity schema); the PII
// columns hold AES-GCM ciphertext.
import { randomBytes, randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { policePersons, users } from "@/lib/db/schema";
import { makeResidentId } from "@/lib/domain/resident-id";
import { listMyAccessLog } from "@/lib/dal/access/list-my-access-log";
import { approveApplication } from "./approve-application";
import { claimApplication } from "./claim-application";
import { confirmApplication } from "./confirm-application";
import { dispatchChecks } from "./dispatch-checks";
import { getProgress } from "./get-progress";
import { listQueue } from "./list-queue";
import { openCase } from "./open-case";
import { readDocument } from "./read-document";
import { saveDraft } from "./save-draft";
import { submitApplication } from "./submit-application";
import { uploadDocument } from "./upload-document";
import { actorByLogin, createFlowFixture, createResident, createUnit, payDeedTax, pngBytes, setCaseViewRule, setTransferStandingRules, type FlowFixture } from "./testing";

let f: FlowFixture;
beforeAll(async () => {
  f = await createFlowFixture();
  await setTransferStandingRules(f.db);
  await setCaseViewRule(f.db);
});
afterAll(async () => f?.close());

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

/** Every column of every table (public and the department schemas) whose text or bytes contain `needle`. */
async function columnsContaining(needle: string): Promise<string[]> {
  const columns = rowsOf(
    await f.db.execute(sql`
      SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema IN ('public', 'police', 'civil', 'tax', 'housing', 'bank', 'land')
        AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea', 'ARRAY')`),
  );
  const hits: string[] = [];
  for (const c of columns) {
    const col = sql.raw(`"${String(c.table_schema)}"."${String(c.table_name)}"."${String(c.column_name)}"`);
    const from = sql.raw(`"${String(c.table_schema)}"."${String(c.table_name)}"`);
    const where =
      c.data_type === "bytea" ? sql`position(convert_to(${needle}, 'UTF8') in ${col}) > 0` : sql`${col}::text LIKE ${`%${needle}%`}`;
    const [row] = rowsOf(await f.db.execute(sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`));
    if (Number(row?.n ?? 0) > 0) hits.push(`${String(c.table_schema)}.${String(c.table_name)}.${String(c.column_name)}`);
  }
  return hits.sort();
}

describe("canary", () => {
  it("keeps names, ID numbers and phones out of the ledger and in ciphertext at rest", async () => {
    const marker = `CANARY${randomBytes(5).toString("hex").toUpperCase()}`;
    const birth = `19${randomInt(60, 99)}0${randomInt(1, 9)}1${randomInt(0, 9)}`;
    const sellerId = makeResidentId("431302", birth, randomInt(100, 499));
    const buyerId = makeResidentId("431321", birth, randomInt(500, 999));
    const sellerPhone = `139${String(randomInt(0, 99_999_999)).padStart(8, "0")}`;
    const buyerPhone = `137${String(randomInt(0, 99_999_999)).padStart(8, "0")}`;
    const seller = await createResident(f.db, { name: `卖方${marker}`, residentId: sellerId, phone: sellerPhone, address: `娄底市${marker}路1号` });
    const buyer = await createResident(f.db, { name: `买方${marker}`, residentId: buyerId, phone: buyerPhone });
    const unit = await createUnit(f.db, seller.ref, randomInt(1, 99_999));
    await payDeedTax(f.db, unit, buyer.ref);
    const clerk = await actorByLogin(f.db, "clerk.registry");

    const { applicationId } = await saveDraft(f.db, {
      actor: seller.actor,
      input: { kind: "transfer", unitNumber: unit, parties: [{ role: "seller", residentId: sellerId }, { role: "buyer", residentId: buyerId }] },
    });
    const contract = new TextEncoder().encode(`%PDF-1.7\n卖方${marker} ${sellerId} ${sellerPhone}\n%%EOF\n`);
    await uploadDocument(f.db, { actor: seller.actor, input: { applicationId, kind: "sale_contract", fileName: `合同-${marker}-${sellerId}.pdf`, bytes: contract } });
    await uploadDocument(f.db, { actor: seller.actor, input: { applicationId, kind: "identity_document", fileName: `${sellerPhone}.png`, bytes: pngBytes() } });
    await submitApplication(f.db, { actor: seller.actor, applicationId });
    await confirmApplication(f.db, { actor: buyer.actor, applicationId });
    await claimApplication(f.db, { actor: clerk, applicationId });
    const view = await openCase(f.db, { actor: clerk, applicationId });
    expect(view.parties[0]!.name).toBe(`卖方${marker}`);
    expect(JSON.stringify(view)).not.toContain(sellerId);
    // The clerk reads the contract (an access entry under the case_view rule): decrypted intact.
    const read = await readDocument(f.db, { actor: clerk, documentId: view.documents.find((d) => d.kind === "sale_contract")!.documentId });
    expect(new TextDecoder().decode(read.bytes)).toContain(marker);
    expect(read.fileName).toBe(`合同-${marker}-${sellerId}.pdf`);
    expect((await dispatchChecks(f.db, { actor: clerk, applicationId })).status).toBe("ready_for_decision");
    await approveApplication(f.db, { actor: clerk, applicationId });

    // What the resident and clerk are shown about others carries none of it either.
    const shown = JSON.stringify([await getProgress(f.db, { actor: seller.actor, applicationId }), await listQueue(f.db, { actor: clerk }), await listMyAccessLog(f.db, { actor: seller.actor })]);
    for (const secret of [marker, sellerId, buyerId, sellerPhone, buyerPhone]) expect(shown).not.toContain(secret);

    // The ledger: not one entry carries the marker, an ID number or a phone number.
    for (const secret of [marker, sellerId, buyerId, sellerPhone, buyerPhone]) {
      const [row] = rowsOf(await f.db.execute(sql`SELECT count(*)::int AS n FROM ledger_entries WHERE entry LIKE ${`%${secret}%`}`));
      expect(Number(row?.n), `ledger entries containing ${secret}`).toBe(0);
    }
    // Every column in the database: none holds them in clear, the account's name and login included.
    expect(await columnsContaining(marker)).toEqual([]);
    expect(await columnsContaining(sellerId)).toEqual([]);
    expect(await columnsContaining(sellerPhone)).toEqual([]);
    expect(await columnsContaining(buyerPhone)).toEqual([]);

    // And the PII columns are AES-GCM envelopes.
    const [account] = await f.db.select().from(users).where(eq(users.id, seller.actor.userId));
    expect(account!.residentIdCipher).toMatch(/^gcm1\./);
    expect(account!.phoneCipher).toMatch(/^gcm1\./);
    expect(account!.displayNameCipher).toMatch(/^gcm1\./);
    expect(account!.loginCipher).toMatch(/^gcm1\./);
    const [police] = await f.db.select().from(policePersons).where(eq(policePersons.personRef, seller.ref));
    for (const value of [police!.nameCipher, police!.residentIdCipher, police!.addressCipher]) expect(value).toMatch(/^gcm1\./);
  });
});
