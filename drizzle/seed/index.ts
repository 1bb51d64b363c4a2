// Writes the demo city (./seed-data.ts) and the demo sign-ins (./demo-accounts.ts) in one
// transaction, then a credential per seeded property. Idempotent: a database that already
// has departments keeps its city, and one that already has credentials keeps them.
// ID numbers become keyed references (personalRef) and personal fields become ciphertext
// under the owning department's data key before they reach the database. On a fresh city,
// eight weeks of registration history follow (./history.ts), unless `history: false`.
import { count, eq } from "drizzle-orm";
import type { DbHandle, Tx } from "@/lib/db";
import {
  bankCredit,
  civilMarriages,
  departments,
  housingEligibility,
  landTransactions,
  landUseRights,
  policePersons,
  properties,
  propertyHoldings,
  taxDeedTaxPayments,
  users,
} from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { encryptPersonal, personalRef } from "@/lib/crypto/personal-data";
import { issueSeedCredentials } from "@/lib/dal/credentials/seed-credentials";
import { setStandingRule } from "@/lib/dal/access/set-standing-rule";
import { loadActorByLogin, loginIndex, sealIdentity } from "@/lib/dal/auth/user-identity";
import { sealTotpSecret } from "@/lib/dal/auth/totp-store";
import { runAtClock, SettableClock } from "@/lib/clock";
import { ensureLedgerKeys } from "@/lib/ledger/keys";
import { historyStart, writeHistory, type HistoryCounts } from "./history";
import { DEMO_PASSWORD, DEMO_RESIDENTS, DEMO_STAFF, DEMO_TOTP_SECRET } from "./demo-accounts";
import { buildSeedData, homesOwned, PURCHASE_LIMIT, SEED_DEPARTMENTS, SEED_EPOCH, type SeedData } from "./seed-data";

export interface SeedCounts {
  departments: number;
  staff: number;
  residents: number;
  properties: number;
  holdings: number;
  persons: number;
  marriages: number;
  deedTaxPayments: number;
  landTransactions: number;
  landUseRights: number;
  /** Deed tax just paid on each demo resident's units (relative to the seed time). */
  recentDeedTaxPayments: number;
}

export type SeedResult =
  | { seeded: true; counts: SeedCounts; credentialsIssued: number; history?: HistoryCounts }
  | { seeded: false; reason: "ALREADY_SEEDED"; credentialsIssued: number };

/** The keyed reference every department uses for a person: never the ID number itself. */
export const residentRef = (residentId: string) => personalRef("resident-id", residentId);

/** Rows per INSERT: well under PostgreSQL's 65 535 bind parameters. */
const BATCH = 500;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export interface SeedOptions {
  /** The seed time: recent deed-tax payments are dated just before it. Default: now. */
  now?: Date;
  /**
   * Replay HISTORY_DAYS of registration history through the use-cases (./history.ts), on a
   * fresh city only. Default true (the demo); the flow's integration tests pass false.
   */
  history?: boolean;
  /**
   * Set the registry's `case_view` standing rule (purpose case_review) as `admin.registry`, a
   * signed entry like any standing rule, so clerks can open cases on a fresh install.
   * Default true; tests that exercise the refusal without a grant pass false.
   */
  caseViewRule?: boolean;
}

export async function seed(handle: Pick<DbHandle, "db">, options: SeedOptions = {}): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const city = await seedCity(handle, now);
  if (city && options.history !== false) {
    // The history happened before now: its steps run on the seed's clock, which starts when
    // the history does, so the ledger's first keys are valid from then (ensureLedgerKeys
    // stamps validFrom with the clock) and the seed's own entries come first, in time order.
    const clock = new SettableClock(historyStart(now));
    const history = await runAtClock(clock, async () => {
      await ensureLedgerKeys(handle.db);
      const { issued } = await issueSeedCredentials(handle);
      if (options.caseViewRule !== false) await seedCaseViewRule(handle.db);
      return { issued, counts: await writeHistory(handle.db, clock, { end: now, passwordHash: await hashPassword(DEMO_PASSWORD) }) };
    });
    return { seeded: true, counts: city, credentialsIssued: history.issued, history: history.counts };
  }
  // Credentials for the seeded properties come from the credentials use-case, in its own
  // transaction once the city exists (issuing appends ledger entries). It is idempotent, so
  // a database seeded before credentials existed gets them on its next start.
  const { issued } = await issueSeedCredentials(handle);
  // Only on a fresh city: on an existing install the registry's admin decides (and may have revoked it).
  if (city && options.caseViewRule !== false) await seedCaseViewRule(handle.db);
  return city ? { seeded: true, counts: city, credentialsIssued: issued } : { seeded: false, reason: "ALREADY_SEEDED", credentialsIssued: issued };
}

/** The registry admin's standing rule letting clerks open cases, set through the use-case (signed, on the ledger). */
async function seedCaseViewRule(db: DbHandle["db"]): Promise<void> {
  const admin = await loadActorByLogin(db, "admin.registry");
  if (!admin) throw new Error("the seed has no admin.registry account");
  await setStandingRule(db, { actor: admin, input: { check: "case_view", purpose: "case_review" } });
}

/** Departments, accounts, properties and department records, in one transaction; null when already there. */
async function seedCity(handle: Pick<DbHandle, "db">, now: Date): Promise<SeedCounts | null> {
  const [existing] = await handle.db.select({ n: count() }).from(departments);
  if ((existing?.n ?? 0) > 0) return null;

  const data = buildSeedData();
  // scrypt is deliberately slow: one hash of the shared demo password serves every demo account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const counts = await handle.db.transaction(async (tx) => {
    await tx.insert(departments).values([...SEED_DEPARTMENTS]);
    const staffRows = [];
    for (const s of DEMO_STAFF) {
      staffRows.push({ ...(await sealIdentity(tx, s)), role: s.role, department: s.department, passwordHash, createdAt: SEED_EPOCH });
    }
    const staffIds = await tx.insert(users).values(staffRows).returning({ id: users.id, role: users.role });
    // Senior admins must use TOTP: the demo ones are enrolled with the published demo key.
    for (const { id } of staffIds.filter((s) => s.role === "senior_admin")) {
      await tx
        .update(users)
        .set({ totpSecretCipher: await sealTotpSecret(tx, id, DEMO_TOTP_SECRET), totpEnabledAt: SEED_EPOCH })
        .where(eq(users.id, id));
    }
    const residentUserIds = await insertResidents(tx, passwordHash);
    const refs = data.persons.map((p) => residentRef(p.residentId));
    const holdings = await insertProperties(tx, data, refs, residentUserIds);
    await insertDepartmentRecords(tx, data, refs);
    const recentDeedTaxPayments = await insertRecentDeedTax(tx, data, refs, now);
    return {
      departments: SEED_DEPARTMENTS.length,
      staff: staffRows.length,
      residents: residentUserIds.size,
      properties: data.properties.length,
      holdings,
      persons: data.persons.length,
      marriages: data.persons.filter((p) => p.maritalStatus === "married").length,
      deedTaxPayments: data.deedTaxes.length,
      landTransactions: data.sales.length,
      landUseRights: data.landUseRights.length,
      recentDeedTaxPayments,
    } satisfies SeedCounts;
  });
  return counts;
}

/** Demo residents sign in with their phone number; the registry holds their ID and phone encrypted. */
async function insertResidents(tx: Tx, passwordHash: string): Promise<Map<string, string>> {
  const rows = [];
  for (const resident of DEMO_RESIDENTS) {
    rows.push({
      ...(await sealIdentity(tx, { login: resident.phone, displayName: resident.name })),
      role: "resident" as const,
      passwordHash,
      residentIdHmac: residentRef(resident.residentId),
      residentIdCipher: await encryptPersonal(tx, "registry", "resident_id", resident.residentId),
      phoneCipher: await encryptPersonal(tx, "registry", "phone", resident.phone),
      createdAt: SEED_EPOCH,
    });
  }
  const inserted = await tx.insert(users).values(rows).returning({ id: users.id, loginHmac: users.loginHmac });
  return new Map(DEMO_RESIDENTS.map((r) => [r.phone, inserted.find((u) => u.loginHmac === loginIndex(r.phone))!.id]));
}

async function insertProperties(tx: Tx, data: SeedData, refs: string[], residentUserIds: Map<string, string>): Promise<number> {
  await insertInBatches(
    data.properties.map(({ holders: _holders, ...p }) => ({ ...p, createdAt: SEED_EPOCH })),
    (batch) => tx.insert(properties).values(batch),
  );
  const holdingRows = data.properties.flatMap((p) =>
    p.holders.map((h) => {
      const demo = data.persons[h.person]!.demo;
      return {
        propertyId: p.id,
        holderRef: refs[h.person]!,
        holderUserId: demo ? (residentUserIds.get(demo.phone) ?? null) : null,
        share: h.share,
        updatedAt: SEED_EPOCH,
      };
    }),
  );
  await insertInBatches(holdingRows, (batch) => tx.insert(propertyHoldings).values(batch));
  return holdingRows.length;
}

async function insertDepartmentRecords(tx: Tx, data: SeedData, refs: string[]): Promise<void> {
  const police = [];
  for (const [i, person] of data.persons.entries()) {
    police.push({
      personRef: refs[i]!,
      nameCipher: await encryptPersonal(tx, "police", "name", person.name),
      residentIdCipher: await encryptPersonal(tx, "police", "resident_id", person.residentId),
      addressCipher: await encryptPersonal(tx, "police", "address", person.address),
      hasCriminalRecord: person.hasCriminalRecord,
      updatedAt: SEED_EPOCH,
    });
  }
  await insertInBatches(police, (batch) => tx.insert(policePersons).values(batch));

  const marriages = data.persons.map((person, i) => ({
    personRef: refs[i]!,
    status: person.maritalStatus,
    spouseRef: person.spouse === undefined ? null : refs[person.spouse]!,
    spouseConsentOnFile: person.spouseConsentOnFile,
    since: person.maritalSince ?? null,
    updatedAt: SEED_EPOCH,
  }));
  await insertInBatches(marriages, (batch) => tx.insert(civilMarriages).values(batch));

  const homes = homesOwned(data);
  const eligibility = data.persons.map((_, i) => ({
    personRef: refs[i]!,
    homesOwnedInCity: homes[i]!,
    eligible: homes[i]! < PURCHASE_LIMIT,
    reason: homes[i]! < PURCHASE_LIMIT ? "OK" : "HOME_LIMIT_REACHED",
    updatedAt: SEED_EPOCH,
  }));
  await insertInBatches(eligibility, (batch) => tx.insert(housingEligibility).values(batch));

  const credit = data.persons.map((person, i) => ({
    personRef: refs[i]!,
    outstandingMortgages: person.outstandingMortgages,
    creditOk: person.creditOk,
    updatedAt: SEED_EPOCH,
  }));
  await insertInBatches(credit, (batch) => tx.insert(bankCredit).values(batch));

  const taxes = data.deedTaxes.map((t) => ({ unitNumber: t.unitNumber, payerRef: refs[t.payer]!, amount: t.amount, paidAt: t.paidAt }));
  await insertInBatches(taxes, (batch) => tx.insert(taxDeedTaxPayments).values(batch));
  await insertInBatches(data.sales, (batch) => tx.insert(landTransactions).values(batch));
  const rights = data.landUseRights.map(({ holder, ...r }) => ({ ...r, holderRef: refs[holder]! }));
  await insertInBatches(rights, (batch) => tx.insert(landUseRights).values(batch));
}

/**
 * The tax bureau answers `deed_tax_paid` only for a payment in the 90 days before the
 * question, so dates counted back from SEED_EPOCH go stale. Each unit a demo resident holds
 * gets a payment dated a week before the seed time (the buyer's deed tax, paid ahead of the
 * filing), so a transfer filed on a fresh install can pass the tax check.
 */
async function insertRecentDeedTax(tx: Tx, data: SeedData, refs: string[], now: Date): Promise<number> {
  const paidAt = new Date(now.getTime() - 7 * 86_400_000);
  const rows = data.properties
    .filter((p) => p.holders.some((h) => data.persons[h.person]!.demo))
    .map((p) => ({ unitNumber: p.unitNumber, payerRef: refs[p.holders[0]!.person]!, amount: "12000.00", paidAt }));
  await insertInBatches(rows, (batch) => tx.insert(taxDeedTaxPayments).values(batch));
  return rows.length;
}
