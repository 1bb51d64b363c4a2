import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
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
  registrationAccessGrants,
  taxDeedTaxPayments,
  users,
} from "@/lib/db/schema";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { decryptPersonal } from "@/lib/crypto/personal-data";
import { verifyPassword } from "@/lib/auth/password";
import { checkResidentId } from "@/lib/domain/resident-id";
import { isUnitNumber } from "@/lib/domain/unit-number";
import { DEMO_PASSWORD, DEMO_RESIDENTS, DEMO_STAFF } from "./demo-accounts";
import { buildSeedData, SEED_EPOCH, SEED_PROPERTY_COUNT, SEED_SYNTHETIC_PERSON_COUNT } from "./seed-data";
import { residentRef, seed, type SeedResult } from "./index";
import { loginIndex, openDisplayName, openLogin } from "@/lib/dal/auth/user-identity";

describe("seed data (pure)", () => {
  it("is the same on every run", () => {
    expect(JSON.stringify(buildSeedData())).toBe(JSON.stringify(buildSeedData()));
    expect(JSON.stringify(buildSeedData(1))).not.toBe(JSON.stringify(buildSeedData()));
  });

  it("has valid, unique unit numbers and resident IDs, and shares that add up to one", () => {
    const data = buildSeedData();
    expect(data.properties).toHaveLength(SEED_PROPERTY_COUNT);
    expect(data.persons).toHaveLength(SEED_SYNTHETIC_PERSON_COUNT + DEMO_RESIDENTS.length);
    for (const p of data.properties) {
      expect(isUnitNumber(p.unitNumber), p.unitNumber).toBe(true);
      expect(p.unitNumber.slice(0, 6)).toBe(p.district);
      expect(p.holders.reduce((sum, h) => sum + Number(h.share), 0)).toBeCloseTo(1, 6);
      const ring = p.parcelOutline.coordinates[0]!;
      expect(ring.at(0)).toEqual(ring.at(-1));
    }
    expect(new Set(data.properties.map((p) => p.unitNumber)).size).toBe(SEED_PROPERTY_COUNT);
    for (const person of data.persons) expect(checkResidentId(person.residentId, SEED_EPOCH), person.residentId).toEqual({ ok: true });
    expect(new Set(data.persons.map((p) => p.residentId)).size).toBe(data.persons.length);
  });

  it("keeps land transactions within the two years before the epoch", () => {
    const data = buildSeedData();
    const twoYearsBefore = new Date(SEED_EPOCH.getTime() - 731 * 86_400_000).toISOString().slice(0, 10);
    const epochDay = SEED_EPOCH.toISOString().slice(0, 10);
    expect(data.sales.length).toBeGreaterThan(50);
    for (const sale of data.sales) {
      expect(sale.transactedOn >= twoYearsBefore && sale.transactedOn < epochDay, sale.transactedOn).toBe(true);
    }
  });
});

describe("seed (database)", () => {
  let handle: TestDb;
  let first: SeedResult;
  beforeAll(async () => {
    handle = await createTestDb();
    first = await seed(handle, { history: false });
  });
  afterAll(async () => handle?.close());

  const total = async (table: PgTable) =>
    (await handle.db.select({ n: count() }).from(table))[0]!.n;

  it("writes the expected counts once, and a second run changes nothing", async () => {
    expect(first.seeded).toBe(true);
    const data = buildSeedData();
    const expected = {
      departments: 8,
      users: DEMO_STAFF.length + DEMO_RESIDENTS.length,
      properties: SEED_PROPERTY_COUNT,
      holdings: data.properties.reduce((n, p) => n + p.holders.length, 0),
      persons: data.persons.length,
      sales: data.sales.length,
      taxes: data.deedTaxes.length + (first.seeded ? first.counts.recentDeedTaxPayments : 0),
      landUseRights: data.landUseRights.length,
    };
    const actual = async () => ({
      departments: await total(departments),
      users: await total(users),
      properties: await total(properties),
      holdings: await total(propertyHoldings),
      persons: await total(policePersons),
      sales: await total(landTransactions),
      taxes: await total(taxDeedTaxPayments),
      landUseRights: await total(landUseRights),
    });
    expect(await actual()).toEqual(expected);
    expect(first).toMatchObject({ credentialsIssued: SEED_PROPERTY_COUNT });
    expect(await seed(handle)).toEqual({ seeded: false, reason: "ALREADY_SEEDED", credentialsIssued: 0 });
    expect(await actual()).toEqual(expected);
    for (const t of [civilMarriages, housingEligibility, bankCredit]) expect(await total(t)).toBe(data.persons.length);
  });

  it("leaves a fresh install ready for a demo: the registry's case_view rule on the ledger, recent deed tax on the demo units", async () => {
    const rules = await handle.db.select().from(registrationAccessGrants);
    expect(rules.map((r) => `${r.department}.${r.check}/${r.purpose}/${r.kind}/${r.status}`)).toEqual(["registry.case_view/case_review/standing/active"]);
    const entries = await handle.db.execute(sql`select entry from ledger_entries where type = 'access_grant.granted'`);
    const grantEntries = (Array.isArray(entries) ? entries : (entries as { rows: unknown[] }).rows) as { entry: string }[];
    expect(grantEntries).toHaveLength(1);
    expect(JSON.parse(grantEntries[0]!.entry)).toMatchObject({ department: "registry", payload: { terms: { check: "case_view" } } });

    const zhang = DEMO_RESIDENTS[0]!;
    const weekAgo = Date.now() - 8 * 86_400_000;
    const recent = await handle.db.select().from(taxDeedTaxPayments).where(eq(taxDeedTaxPayments.payerRef, residentRef(zhang.residentId)));
    expect(recent.filter((p) => p.paidAt.getTime() > weekAgo).length).toBeGreaterThan(0);
    expect(first.seeded && first.counts.recentDeedTaxPayments).toBeGreaterThan(0);
  });

  it("stores personal fields as ciphertext that the owning department can open", async () => {
    const zhang = DEMO_RESIDENTS[0]!;
    const [account] = await handle.db.select().from(users).where(eq(users.loginHmac, loginIndex(zhang.phone)));
    // Name and login (the phone) are ciphertext at rest, found by the login's blind index.
    expect(account).toMatchObject({ legacyLogin: null, legacyDisplayName: null });
    expect(JSON.stringify(account)).not.toContain(zhang.phone);
    expect(JSON.stringify(account)).not.toContain(zhang.name);
    expect(await openDisplayName(handle.db, account!.displayNameCipher)).toBe(zhang.name);
    expect(await openLogin(handle.db, account!.loginCipher)).toBe(zhang.phone);
    expect(account!.residentIdHmac).toBe(residentRef(zhang.residentId));
    expect(account!.residentIdCipher).toMatch(/^gcm1\./);
    expect(account!.residentIdCipher).not.toContain(zhang.residentId);
    expect(await decryptPersonal(handle.db, "registry", "resident_id", account!.residentIdCipher!)).toBe(zhang.residentId);
    expect(await decryptPersonal(handle.db, "registry", "phone", account!.phoneCipher!)).toBe(zhang.phone);
    expect(await verifyPassword(DEMO_PASSWORD, account!.passwordHash)).toBe(true);

    const [person] = await handle.db.select().from(policePersons).where(eq(policePersons.personRef, residentRef(zhang.residentId)));
    for (const cipher of [person!.nameCipher, person!.residentIdCipher, person!.addressCipher]) expect(cipher).toMatch(/^gcm1\./);
    expect(await decryptPersonal(handle.db, "police", "name", person!.nameCipher)).toBe(zhang.name);
    // A ciphertext bound to one column does not open as another.
    await expect(decryptPersonal(handle.db, "police", "address", person!.nameCipher)).rejects.toThrow();

    // No ID number or name appears in clear in any department table.
    const plain = await handle.db.execute(
      sql`select count(*)::int as n from police.persons where name_cipher like ${"%" + zhang.name + "%"} or resident_id_cipher like ${"%" + zhang.residentId + "%"}`,
    );
    const rows = Array.isArray(plain) ? plain : (plain as { rows: unknown[] }).rows;
    expect((rows[0] as { n: number }).n).toBe(0);
  });

  it("gives every demo resident a holding and records 陈刚 as married without spouse consent", async () => {
    for (const resident of DEMO_RESIDENTS) {
      const held = await handle.db.select().from(propertyHoldings).where(eq(propertyHoldings.holderRef, residentRef(resident.residentId)));
      expect(held.length, resident.name).toBeGreaterThan(0);
      expect(held.every((h) => h.holderUserId !== null)).toBe(true);
    }
    const chen = DEMO_RESIDENTS.find((r) => r.name === "陈刚")!;
    const [marriage] = await handle.db.select().from(civilMarriages).where(eq(civilMarriages.personRef, residentRef(chen.residentId)));
    expect(marriage).toMatchObject({ status: "married", spouseConsentOnFile: false });
    const [spouse] = await handle.db.select().from(civilMarriages).where(eq(civilMarriages.personRef, marriage!.spouseRef!));
    expect(spouse).toMatchObject({ status: "married", spouseRef: residentRef(chen.residentId) });
  });

  it("stores only well-formed unit numbers", async () => {
    const rows = await handle.db.select({ unitNumber: properties.unitNumber }).from(properties);
    expect(rows).toHaveLength(SEED_PROPERTY_COUNT);
    expect(rows.filter((r) => !isUnitNumber(r.unitNumber))).toEqual([]);
    await expect(
      handle.db.insert(properties).values({
        unitNumber: "43130200100GB00001F00010101",
        district: "431302",
        address: "x",
        area: "10",
        use: "residential",
        builtYear: 2000,
        parcelOutline: { type: "Polygon", coordinates: [] },
      }),
    ).rejects.toThrow();
  });
});
