// Fixtures for the registration flow's integration tests and the benchmark: a seeded
// database with ledger keys, actors by demo login, standing rules, deed-tax payments, and a
// driver that files a transfer the way the UI will (draft → documents → submit).
import { and, asc, count, eq, gte, sql } from "drizzle-orm";
import type { DepartmentCode } from "@/contracts";
import { seed, residentRef } from "@/drizzle/seed";
import { DEMO_RESIDENTS } from "@/drizzle/seed/demo-accounts";
import type { Actor } from "@/lib/auth/permissions";
import type { Db, Queryable } from "@/lib/db";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { ledgerEntries, properties, propertyHoldings, registrationApplications, registrationDocuments, registrationDrafts, taxDeedTaxPayments, users } from "@/lib/db/schema";
import { ensureLedgerKeys } from "@/lib/ledger/keys";
import { setStandingRule } from "@/lib/dal/access/set-standing-rule";
import { loadActorByLogin, sealIdentity } from "@/lib/dal/auth/user-identity";
import { FlowError } from "./errors";
import { saveDraft } from "./save-draft";
import { submitApplication } from "./submit-application";
import { uploadDocument } from "./upload-document";

export interface FlowFixture {
  handle: TestDb;
  db: Db;
  close(): Promise<void>;
}

export async function createFlowFixture(): Promise<FlowFixture> {
  const handle = await createTestDb();
  // No case_view rule: tests set the rules they rely on, and some exercise the refusal without one.
  await seed(handle, { caseViewRule: false, history: false });
  await ensureLedgerKeys(handle.db);
  return { handle, db: handle.db, close: () => handle.close() };
}

export async function actorByLogin(q: Queryable, login: string): Promise<Actor> {
  const actor = await loadActorByLogin(q, login);
  if (!actor) throw new Error(`no account ${login}`);
  return actor;
}

/** A demo resident's account and ID number by name (张伟, 刘芳, 陈刚, 杨丽). */
export async function demoResident(q: Queryable, name: string): Promise<{ actor: Actor; residentId: string; ref: string }> {
  const demo = DEMO_RESIDENTS.find((r) => r.name === name);
  if (!demo) throw new Error(`no demo resident ${name}`);
  return { actor: await actorByLogin(q, demo.phone), residentId: demo.residentId, ref: residentRef(demo.residentId) };
}

/** Units held by this ref alone, for a given use. */
export async function unitsHeldBy(q: Queryable, ref: string, use: "residential" | "commercial" = "residential"): Promise<string[]> {
  const rows = await q
    .select({ unit: properties.unitNumber, holders: sql<number>`(select count(*) from property_holdings h2 where h2.property_id = ${properties.id})` })
    .from(propertyHoldings)
    .innerJoin(properties, eq(properties.id, propertyHoldings.propertyId))
    .where(and(eq(propertyHoldings.holderRef, ref), eq(properties.use, use)))
    .orderBy(asc(properties.unitNumber));
  return rows.filter((r) => Number(r.holders) === 1).map((r) => r.unit);
}

export async function holdersOf(q: Queryable, unitNumber: string): Promise<string[]> {
  const rows = await q
    .select({ ref: propertyHoldings.holderRef })
    .from(propertyHoldings)
    .innerJoin(properties, eq(properties.id, propertyHoldings.propertyId))
    .where(eq(properties.unitNumber, unitNumber));
  return rows.map((r) => r.ref).sort();
}

/** The tax bureau's own record of a deed tax payment for the unit (paid just now). */
export async function payDeedTax(q: Queryable, unitNumber: string, payerRef: string): Promise<void> {
  await q.insert(taxDeedTaxPayments).values({ unitNumber, payerRef, amount: "12000.00", paidAt: new Date(Date.now() - 60_000) });
}

/** Standing rules for every check a transfer needs, plus the registry's case_view rule. */
export async function setTransferStandingRules(db: Db, departments: readonly DepartmentCode[] = ["police", "civil", "tax", "housing"]): Promise<Record<string, string>> {
  const checks: Partial<Record<DepartmentCode, string>> = { police: "identity", civil: "marital_status", tax: "deed_tax_paid", housing: "purchase_eligibility", bank: "credit", land: "land_use_right" };
  const grants: Record<string, string> = {};
  for (const d of departments) {
    const r = await setStandingRule(db, { actor: await actorByLogin(db, `admin.${d}`), input: { check: checks[d]! } });
    grants[d] = r.grantId;
  }
  return grants;
}

export async function setCaseViewRule(db: Db): Promise<string> {
  const r = await setStandingRule(db, { actor: await actorByLogin(db, "admin.registry"), input: { check: "case_view", purpose: "case_review" } });
  return r.grantId;
}

/** A tiny valid-looking PDF (magic bytes + body). */
export function pdfBytes(text = "sale contract"): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
}

export function pngBytes(): Uint8Array {
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
}

/** Files a transfer as the seller would: draft with parties, two documents, submit. */
export async function fileTransfer(
  db: Db,
  options: { seller: { actor: Actor; residentId: string }; buyerResidentId: string; unitNumber: string },
): Promise<string> {
  const { applicationId } = await saveDraft(db, {
    actor: options.seller.actor,
    input: {
      kind: "transfer",
      unitNumber: options.unitNumber,
      parties: [
        { role: "seller", residentId: options.seller.residentId },
        { role: "buyer", residentId: options.buyerResidentId },
      ],
    },
  });
  await uploadDocument(db, { actor: options.seller.actor, input: { applicationId, kind: "sale_contract", fileName: "contract.pdf", bytes: pdfBytes(), declaredType: "application/pdf" } });
  await uploadDocument(db, { actor: options.seller.actor, input: { applicationId, kind: "identity_document", fileName: "id.png", bytes: pngBytes(), declaredType: "image/png" } });
  await submitApplication(db, { actor: options.seller.actor, applicationId });
  return applicationId;
}

export async function ledgerSize(q: Queryable): Promise<number> {
  const [r] = await q.select({ n: count() }).from(ledgerEntries);
  return r?.n ?? 0;
}

/** Entries appended since `fromSeq`: type, signing department and subject, in order. */
export async function entriesSince(q: Queryable, fromSeq: number): Promise<{ seq: number; type: string; department: string; subject: string; entry: string }[]> {
  return q
    .select({ seq: ledgerEntries.seq, type: ledgerEntries.type, department: ledgerEntries.department, subject: ledgerEntries.subject, entry: ledgerEntries.entry })
    .from(ledgerEntries)
    .where(gte(ledgerEntries.seq, fromSeq))
    .orderBy(asc(ledgerEntries.seq));
}

/**
 * A resident as the seed would create one: the portal account (ID and phone encrypted
 * under the registry key) and each department's own records (police identity, civil
 * marriage, housing eligibility), ID numbers turned into keyed refs.
 */
export async function createResident(
  db: Db,
  person: { name: string; residentId: string; phone: string; address?: string; married?: { spouseConsentOnFile: boolean } },
): Promise<{ actor: Actor; residentId: string; ref: string }> {
  const ref = residentRef(person.residentId);
  const { encryptPersonal } = await import("@/lib/crypto/personal-data");
  const schema = await import("@/lib/db/schema");
  await db.transaction(async (tx) => {
    await tx.insert(users).values({
      ...(await sealIdentity(tx, { login: person.phone, displayName: person.name })),
      role: "resident",
      passwordHash: "scrypt$test$unused",
      residentIdHmac: ref,
      residentIdCipher: await encryptPersonal(tx, "registry", "resident_id", person.residentId),
      phoneCipher: await encryptPersonal(tx, "registry", "phone", person.phone),
    });
    await tx.insert(schema.policePersons).values({
      personRef: ref,
      nameCipher: await encryptPersonal(tx, "police", "name", person.name),
      residentIdCipher: await encryptPersonal(tx, "police", "resident_id", person.residentId),
      addressCipher: await encryptPersonal(tx, "police", "address", person.address ?? "娄底市娄星区乐坪大道1号"),
    });
    await tx.insert(schema.civilMarriages).values({
      personRef: ref,
      status: person.married ? "married" : "single",
      spouseRef: person.married ? `${ref}-spouse` : null,
      spouseConsentOnFile: person.married?.spouseConsentOnFile ?? false,
    });
    await tx.insert(schema.housingEligibility).values({ personRef: ref, homesOwnedInCity: 0, eligible: true, reason: "OK" });
  });
  return { actor: await actorByLogin(db, person.phone), residentId: person.residentId, ref };
}

/** A new unit in the register held solely by `holderRef` (for tests that need fresh units). */
export async function createUnit(db: Db, holderRef: string, n: number): Promise<string> {
  const { makeUnitNumber } = await import("@/lib/domain/unit-number");
  // Zone 009009 is outside the seeded register, so these never collide with seeded units.
  const unitNumber = makeUnitNumber({ county: "431302", zone: "009009", feature: "GB", parcel: n % 100_000, fixture: "F", building: 1 + Math.floor(n / 100_000), unit: 1 });
  const [row] = await db
    .insert(properties)
    .values({
      unitNumber,
      district: "431302",
      address: `娄底市娄星区测试路${n}号`,
      area: "89.50",
      use: "residential",
      floor: 3,
      builtYear: 2015,
      parcelOutline: { type: "Polygon", coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]]] },
    })
    .returning({ id: properties.id });
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.residentIdHmac, holderRef));
  await db.insert(propertyHoldings).values({ propertyId: row!.id, holderRef, holderUserId: account?.id ?? null, share: "1.0000" });
  return unitNumber;
}

/** Another staff account (e.g. a second registry clerk for races and hand-overs). */
export async function createStaff(db: Db, login: string, role: Actor["role"], department: DepartmentCode): Promise<Actor> {
  await db.insert(users).values({ ...(await sealIdentity(db, { login, displayName: login })), role, department, passwordHash: "scrypt$test$unused" });
  return actorByLogin(db, login);
}

/** Rows in the tables a registration command writes (ledger, applications, documents, drafts). */
async function flowTableCounts(q: Queryable): Promise<Record<string, number>> {
  const tables = { ledger: ledgerEntries, applications: registrationApplications, documents: registrationDocuments, drafts: registrationDrafts };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) out[name] = (await q.select({ n: count() }).from(table))[0]!.n;
  return out;
}

/**
 * Runs `attempt`, which must be refused with a FlowError of `code` (and `status`, when given)
 * carrying a sentence and no stack trace, and must write nothing to the flow's tables. Throws
 * (failing the calling test) otherwise; returns the refusal.
 */
export async function refusedWithoutWriting(q: Queryable, attempt: () => Promise<unknown>, code: string, status?: number): Promise<FlowError> {
  const before = await flowTableCounts(q);
  const error = await attempt().then(
    () => {
      throw new Error(`expected ${code}, but it was accepted`);
    },
    (e: unknown) => e,
  );
  if (!(error instanceof FlowError)) throw new Error(`expected a FlowError ${code}, got ${String(error)}`);
  if (error.code !== code) throw new Error(`expected ${code}, got ${error.code}: ${error.message}`);
  if (status !== undefined && error.status !== status) throw new Error(`expected status ${status} for ${code}, got ${error.status}`);
  // A sentence for the operator, a message key per field for the person; never a stack trace.
  if (error.message.length <= 10 || /\n\s+at /.test(error.message)) throw new Error(`${code} has no plain sentence: ${JSON.stringify(error.message)}`);
  const after = await flowTableCounts(q);
  if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`${code} wrote something: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  return error;
}
