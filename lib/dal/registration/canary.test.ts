// Canary: residents whose name, ID number and phone carry a unique marker go through a whole
// transfer (filing with a document that contains the marker, confirmation, case view,
// department checks, approval and credential), plus refusals that make the data-access layer
// log. Afterwards the marker, the ID numbers and the phones appear in no ledger entry, in no
// database column, in nothing the code wrote to stdout/stderr or the console during the
// flows, and in no answer of the public API (/api/ledger/* entries, checkpoint, proofs, keys;
// /api/credentials/{id}); the PII columns hold AES-GCM ciphertext.
import { randomBytes, randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { policePersons, users } from "@/lib/db/schema";
import { makeResidentId } from "@/lib/domain/resident-id";
import { listMyAccessLog } from "@/lib/dal/access/list-my-access-log";
import { revokeGrant } from "@/lib/dal/access/revoke-grant";
import { getCredential } from "@/lib/dal/credentials/credential-api";
import { publishCheckpoint } from "@/lib/ledger/checkpoints";
import { getCheckpoint, getConsistencyProof, getEntry, getInclusionProof, getKeys, getNewestCheckpoint } from "@/lib/ledger/public-api";
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
import { actorByLogin, createFlowFixture, createResident, createUnit, ledgerSize, payDeedTax, pngBytes, setCaseViewRule, setTransferStandingRules, type FlowFixture } from "./testing";

let f: FlowFixture;
let caseViewGrant: string;
beforeAll(async () => {
  f = await createFlowFixture();
  await setTransferStandingRules(f.db);
  caseViewGrant = await setCaseViewRule(f.db);
});
afterAll(async () => f?.close());

/** Everything written to stdout, stderr and the console while `run` runs (what a server log would hold). */
async function capturingOutput<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const keep = (...args: unknown[]) => void chunks.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}\n${a.stack ?? ""}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (keep(String(chunk)), true)),
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (keep(String(chunk)), true)),
    ...(["log", "info", "warn", "error", "debug", "trace"] as const).map((level) => vi.spyOn(console, level).mockImplementation(keep)),
  ];
  try {
    return { result: await run(), output: chunks.join("\n") };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

async function bodyOf(response: Response): Promise<string> {
  return `${response.status} ${await response.text()}`;
}

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
    const before = await ledgerSize(f.db);
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const { result: flow, output } = await capturingOutput(async () => {
      const seller = await createResident(f.db, { name: `卖方${marker}`, residentId: sellerId, phone: sellerPhone, address: `娄底市${marker}路1号` });
      const buyer = await createResident(f.db, { name: `买方${marker}`, residentId: buyerId, phone: buyerPhone });
      const unit = await createUnit(f.db, seller.ref, randomInt(1, 99_999));
      await payDeedTax(f.db, unit, buyer.ref);

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
      const approved = await approveApplication(f.db, { actor: clerk, applicationId });
      // Refusals: a mistyped ID carrying the marker, a document read after the grant is revoked.
      // The data-access layer explains (and may log); none of it may echo personal data.
      await expect(
        saveDraft(f.db, { actor: seller.actor, input: { kind: "transfer", unitNumber: unit, parties: [{ role: "seller", residentId: `${sellerId}${marker}` }, { role: "buyer", residentId: buyerId }] } }),
      ).rejects.toMatchObject({ status: 400 });
      await revokeGrant(f.db, { actor: await actorByLogin(f.db, "admin.registry"), input: { grantId: caseViewGrant, reasonCode: "canary_check" } });
      await expect(readDocument(f.db, { actor: clerk, documentId: view.documents[0]!.documentId })).rejects.toMatchObject({ status: 403 });
      caseViewGrant = await setCaseViewRule(f.db);
      console.error("[canary] the capture sees the console");
      return { seller, buyer, applicationId, approved, sellerId, buyerId, sellerPhone, buyerPhone };
    });
    const { seller, buyer, applicationId, approved } = flow;
    const secrets = [marker, sellerId, buyerId, sellerPhone, buyerPhone];
    expect(output).toContain("[canary] the capture sees the console");
    for (const secret of secrets) expect(output, `server output containing ${secret}`).not.toContain(secret);
    // What the resident and clerk are shown about others carries none of it either.
    const shown = JSON.stringify([await getProgress(f.db, { actor: seller.actor, applicationId }), await listQueue(f.db, { actor: clerk }), await listMyAccessLog(f.db, { actor: seller.actor })]);
    for (const secret of secrets) expect(shown).not.toContain(secret);

    // The public API, as anyone fetches it: every entry the flows wrote, the checkpoint, an
    // inclusion proof for each, a consistency proof, the keys, and the new credential.
    expect(await publishCheckpoint(f.db)).toBeGreaterThan(before);
    const size = await ledgerSize(f.db);
    const api = (path: string) => new Request(`http://portal.test${path}`);
    const answers: string[] = [
      await bodyOf(await getCheckpoint(f.db, api("/api/ledger/checkpoint"))),
      await bodyOf(await getNewestCheckpoint(f.db, api("/api/ledger/checkpoint/newest"))),
      await bodyOf(await getKeys(f.db, api("/api/ledger/keys"))),
      await bodyOf(await getConsistencyProof(f.db, api(`/api/ledger/proof/consistency?from=${before}&to=${size}`))),
    ];
    for (let seq = before; seq < size; seq++) {
      answers.push(await bodyOf(await getEntry(f.db, api(`/api/ledger/entries/${seq}`), String(seq))));
      answers.push(await bodyOf(await getInclusionProof(f.db, api(`/api/ledger/proof/inclusion?seq=${seq}&size=${size}`))));
    }
    const credentialId = approved.credential.credentialId;
    expect(credentialId).not.toBeNull();
    const credential = await bodyOf(await getCredential(f.db, api(`/api/credentials/${credentialId}`), credentialId!));
    expect(credential).toMatch(/^200 /);
    answers.push(credential);
    expect(answers.filter((a) => !a.startsWith("200 "))).toEqual([]);
    expect(answers.length).toBe(4 + 2 * (size - before) + 1);
    for (const secret of secrets) expect(answers.filter((a) => a.includes(secret)), `public answers containing ${secret}`).toEqual([]);
    // The credential's signed part carries no name either (holders are selectively disclosable only).
    const sdJwt = (JSON.parse(credential.slice(4)) as { sdJwt: string }).sdJwt;
    const claims = Buffer.from(sdJwt.split(".")[1]!, "base64url").toString("utf8");
    for (const secret of secrets) expect(claims).not.toContain(secret);

    // The ledger: not one entry carries the marker, an ID number or a phone number.
    for (const secret of secrets) {
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
    expect(buyer.actor.displayName).toBe(`买方${marker}`);
    expect(account!.residentIdCipher).toMatch(/^gcm1\./);
    expect(account!.phoneCipher).toMatch(/^gcm1\./);
    expect(account!.displayNameCipher).toMatch(/^gcm1\./);
    expect(account!.loginCipher).toMatch(/^gcm1\./);
    const [police] = await f.db.select().from(policePersons).where(eq(policePersons.personRef, seller.ref));
    for (const value of [police!.nameCipher, police!.residentIdCipher, police!.addressCipher]) expect(value).toMatch(/^gcm1\./);
  });
});
