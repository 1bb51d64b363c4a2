// Each department's own internal records, in the department's own Postgres schema, so
// grants can later keep one department's adapter out of another's tables (DESIGN.md §2.3).
// People are joined across departments only by keyed reference
// (personalRef("resident-id", id)); names, ID numbers and addresses are AES-256-GCM
// ciphertext under the owning department's data key (lib/crypto/personal-data.ts).
// Cross-schema foreign keys are deliberately absent: these stand for separate systems.
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, numeric, pgSchema, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const policeSchema = pgSchema("police");
export const civilSchema = pgSchema("civil");
export const taxSchema = pgSchema("tax");
export const housingSchema = pgSchema("housing");
export const bankSchema = pgSchema("bank");
export const landSchema = pgSchema("land");

/** Household registration and identity (公安 户籍). */
export const policePersons = policeSchema.table("persons", {
  personRef: text().primaryKey(),
  /** encryptPersonal(q, "police", "name", …) */
  nameCipher: text().notNull(),
  /** encryptPersonal(q, "police", "resident_id", …) */
  residentIdCipher: text().notNull(),
  /** encryptPersonal(q, "police", "address", …) */
  addressCipher: text().notNull(),
  hasCriminalRecord: boolean().notNull().default(false),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const MARITAL_STATUSES = ["single", "married", "divorced", "widowed"] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];

/** Marriage registration (民政 婚姻登记). */
export const civilMarriages = civilSchema.table(
  "marriages",
  {
    personRef: text().primaryKey(),
    status: text().$type<MaritalStatus>().notNull(),
    spouseRef: text(),
    /** A signed spouse consent to dispose of joint property is on file. */
    spouseConsentOnFile: boolean().notNull().default(false),
    since: date({ mode: "string" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("marriages_spouse_when_married", sql`${t.status} <> 'married' or ${t.spouseRef} is not null`)],
);

/** Deed tax (契税) receipts per property unit. */
export const taxDeedTaxPayments = taxSchema.table(
  "deed_tax_payments",
  {
    id: uuid().primaryKey().defaultRandom(),
    unitNumber: text().notNull(),
    payerRef: text().notNull(),
    amount: numeric({ precision: 14, scale: 2 }).notNull(),
    paidAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("deed_tax_payments_unit_idx").on(t.unitNumber), index("deed_tax_payments_payer_idx").on(t.payerRef)],
);

/** Purchase eligibility under the city's purchase restriction (限购 / 购房资格). */
export const housingEligibility = housingSchema.table("eligibility", {
  personRef: text().primaryKey(),
  homesOwnedInCity: integer().notNull(),
  eligible: boolean().notNull(),
  /** Reason code, e.g. `OK`, `HOME_LIMIT_REACHED`. */
  reason: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Bank credit standing of a borrower. */
export const bankCredit = bankSchema.table("credit", {
  personRef: text().primaryKey(),
  outstandingMortgages: integer().notNull(),
  creditOk: boolean().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Recorded sale prices (自然资源 交易数据), for median prices per district and period. */
export const landTransactions = landSchema.table(
  "transactions",
  {
    id: uuid().primaryKey().defaultRandom(),
    unitNumber: text().notNull(),
    /** Total price in yuan. */
    price: numeric({ precision: 14, scale: 2 }).notNull(),
    transactedOn: date({ mode: "string" }).notNull(),
  },
  (t) => [
    index("transactions_unit_idx").on(t.unitNumber),
    index("transactions_date_idx").on(t.transactedOn),
    uniqueIndex("transactions_unit_date_unique").on(t.unitNumber, t.transactedOn),
  ],
);

/**
 * Land-use rights (自然资源 国有建设用地使用权) per parcel (宗地代码, the first 19 characters
 * of a unit number) and holder: what a first registration on that parcel needs.
 */
export const landUseRights = landSchema.table(
  "land_use_rights",
  {
    id: uuid().primaryKey().defaultRandom(),
    parcelCode: text().notNull(),
    holderRef: text().notNull(),
    /** e.g. `residential`, `commercial`. */
    landUse: text().notNull(),
    grantedOn: date({ mode: "string" }).notNull(),
    /** End of the granted term; a right past it no longer supports a registration. */
    expiresOn: date({ mode: "string" }).notNull(),
  },
  (t) => [index("land_use_rights_holder_idx").on(t.holderRef), uniqueIndex("land_use_rights_parcel_holder_unique").on(t.parcelCode, t.holderRef)],
);
