// Each department adapter answers from its own records only: yes, or no with the reason
// code the registry and the resident will see. The AuthorisedRead is minted directly here;
// in the flow only answer-request.ts mints it, after the access entry is appended.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rules, type DepartmentCode } from "@/contracts";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { bankCredit, civilMarriages, housingEligibility, landUseRights, policePersons, taxDeedTaxPayments } from "@/lib/db/schema";
import { encryptPersonal, personalRef } from "@/lib/crypto/personal-data";
import { makeResidentId } from "@/lib/domain/resident-id";
import { adapterCheck, DEPARTMENT_ADAPTERS, mintAuthorisedRead } from "./index";

let db: TestDb;
const AT = new Date().toISOString();
const ids = [0, 1, 2, 3].map((n) => makeResidentId("431302", "19850101", 100 + n));
const refs = ids.map((id) => personalRef("resident-id", id));
const UNIT = "431302009009GB00001F00010001";
const PARCEL = UNIT.slice(0, 19);

beforeAll(async () => {
  db = await createTestDb();
  const q = db.db;
  await q.insert(policePersons).values([
    { personRef: refs[0]!, nameCipher: await encryptPersonal(q, "police", "name", "甲"), residentIdCipher: await encryptPersonal(q, "police", "resident_id", ids[0]!), addressCipher: await encryptPersonal(q, "police", "address", "x") },
    // A record filed under the wrong person's ref: the decrypted number does not match.
    { personRef: refs[1]!, nameCipher: await encryptPersonal(q, "police", "name", "乙"), residentIdCipher: await encryptPersonal(q, "police", "resident_id", ids[2]!), addressCipher: await encryptPersonal(q, "police", "address", "x") },
  ]);
  await q.insert(civilMarriages).values([
    { personRef: refs[0]!, status: "single" },
    { personRef: refs[1]!, status: "married", spouseRef: refs[2]!, spouseConsentOnFile: true },
    { personRef: refs[2]!, status: "married", spouseRef: refs[1]!, spouseConsentOnFile: false },
  ]);
  await q.insert(housingEligibility).values([
    { personRef: refs[0]!, homesOwnedInCity: 1, eligible: true, reason: "OK" },
    { personRef: refs[1]!, homesOwnedInCity: 2, eligible: false, reason: "HOME_LIMIT_REACHED" },
  ]);
  await q.insert(bankCredit).values([
    { personRef: refs[0]!, outstandingMortgages: 0, creditOk: true },
    { personRef: refs[1]!, outstandingMortgages: 3, creditOk: false },
  ]);
  await q.insert(taxDeedTaxPayments).values([
    { unitNumber: UNIT, payerRef: refs[0]!, amount: "1000.00", paidAt: new Date(Date.now() - 10 * 86_400_000) },
    { unitNumber: "431302009009GB00002F00010001", payerRef: refs[0]!, amount: "1000.00", paidAt: new Date(Date.now() - 400 * 86_400_000) },
  ]);
  await q.insert(landUseRights).values([
    { parcelCode: PARCEL, holderRef: refs[0]!, landUse: "residential", grantedOn: "2020-01-01", expiresOn: "2089-12-31" },
    { parcelCode: PARCEL, holderRef: refs[1]!, landUse: "commercial", grantedOn: "1980-01-01", expiresOn: "2020-12-31" },
    { parcelCode: "431302009009GB00002", holderRef: refs[2]!, landUse: "residential", grantedOn: "2020-01-01", expiresOn: "2089-12-31" },
  ]);
});
afterAll(async () => db?.close());

async function ask(department: DepartmentCode, check: string, subjectRef: string, unitNumber = UNIT) {
  const fn = adapterCheck(department, check);
  if (!fn) throw new Error(`no adapter for ${department}.${check}`);
  return fn(db.db, mintAuthorisedRead({ department, check, subjectRef, unitNumber, at: AT, accessSeq: 0 }));
}

describe("department adapters", () => {
  it.each([
    ["police", "identity", 0, { answer: "yes", reasonCode: null }],
    ["police", "identity", 1, { answer: "no", reasonCode: "identity_mismatch" }],
    ["police", "identity", 3, { answer: "no", reasonCode: "identity_not_found" }],
    ["civil", "marital_status", 0, { answer: "yes", reasonCode: null }],
    ["civil", "marital_status", 1, { answer: "yes", reasonCode: null }],
    ["civil", "marital_status", 2, { answer: "no", reasonCode: "spouse_consent_missing" }],
    ["civil", "marital_status", 3, { answer: "no", reasonCode: "marital_record_not_found" }],
    ["housing", "purchase_eligibility", 0, { answer: "yes", reasonCode: null }],
    ["housing", "purchase_eligibility", 1, { answer: "no", reasonCode: "home_limit_reached" }],
    ["housing", "purchase_eligibility", 3, { answer: "yes", reasonCode: null }],
    ["bank", "credit", 0, { answer: "yes", reasonCode: null }],
    ["bank", "credit", 1, { answer: "no", reasonCode: "credit_not_ok" }],
    ["bank", "credit", 3, { answer: "no", reasonCode: "credit_record_not_found" }],
  ] as const)("%s.%s for person %i", async (department, check, person, expected) => {
    expect(await ask(department, check, refs[person]!)).toEqual(expected);
  });

  it("tax: deed tax paid on the unit within the window, not a year-old payment", async () => {
    expect(await ask("tax", "deed_tax_paid", UNIT)).toEqual({ answer: "yes", reasonCode: null });
    expect(await ask("tax", "deed_tax_paid", "431302009009GB00002F00010001")).toEqual({ answer: "no", reasonCode: "deed_tax_not_paid" });
  });

  it("land: a live land-use right of the applicant on the unit's parcel, from the bureau's records", async () => {
    expect(await ask("land", "land_use_right", refs[0]!)).toEqual({ answer: "yes", reasonCode: null });
    // Another unit on the same parcel: same right.
    expect(await ask("land", "land_use_right", refs[0]!, "431302009009GB00001F00020101")).toEqual({ answer: "yes", reasonCode: null });
    expect(await ask("land", "land_use_right", refs[1]!)).toEqual({ answer: "no", reasonCode: "land_use_right_expired" });
    // A right on another parcel does not count for this one.
    expect(await ask("land", "land_use_right", refs[2]!)).toEqual({ answer: "no", reasonCode: "land_use_right_not_found" });
    expect(await ask("land", "land_use_right", refs[2]!, "431302009009GB00002F00010001")).toEqual({ answer: "yes", reasonCode: null });
    expect(await ask("land", "land_use_right", refs[3]!)).toEqual({ answer: "no", reasonCode: "land_use_right_not_found" });
  });

  it("has no adapter for a check nobody answers", () => {
    expect(adapterCheck("police", "criminal_record")).toBeNull();
    expect(adapterCheck("registry", "no_seizure")).toBeNull();
  });

  it("answers exactly the checks the rule editor offers (contracts/rules CHECK_CATALOGUE)", () => {
    for (const c of rules.CHECK_CATALOGUE) expect(adapterCheck(c.department, c.check), `${c.department}.${c.check}`).not.toBeNull();
    const offered = new Set(rules.CHECK_CATALOGUE.map((c) => `${c.department}.${c.check}`));
    for (const [department, adapter] of Object.entries(DEPARTMENT_ADAPTERS)) for (const check of Object.keys(adapter!.checks)) expect(offered).toContain(`${department}.${check}`);
  });
});
