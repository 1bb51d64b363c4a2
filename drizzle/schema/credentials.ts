// Electronic property credentials (DESIGN.md §6) and the API keys institutions use to look
// them up. A credential row is a cache of what the ledger says (`credential.issued` /
// `credential.superseded` entries); rows are never deleted: a later change to the property
// supersedes the credential and links its successor.
import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

export const CREDENTIAL_STATUSES = ["valid", "superseded", "revoked"] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** Credential ids (normative, DESIGN.md §6). */
export const CREDENTIAL_ID_PATTERN = /^[A-Za-z0-9_.:-]{6,100}$/;

export const credentials = pgTable(
  "credentials",
  {
    id: text().primaryKey(),
    unitNumber: text().notNull(),
    status: text().$type<CredentialStatus>().notNull().default("valid"),
    /** The credential that replaced this one (set when superseded). */
    supersededBy: text(),
    /** The credential this one replaced, if any. */
    supersedes: text(),
    /** Why it was issued: the registration kind that changed the property (`first_registration`, `seizure`, …). */
    reason: text().notNull(),
    /** `<JWS>~`: the SD-JWT without disclosures, exactly as the public API serves it. */
    sdJwt: text().notNull(),
    /** Keyed-HMAC refs of the right holders (opaque; who may download and share it). */
    holderRefs: jsonb().$type<string[]>().notNull(),
    /**
     * The holder's disclosures (names, ID numbers) as JSON `{claim: encodedDisclosure}`,
     * sealed with the registry's data key: personal data, never served publicly.
     */
    holderDisclosuresCipher: text().notNull(),
    /** Seq of the `credential.issued` entry. */
    ledgerSeq: bigint({ mode: "number" }).notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    supersededAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("credentials_ledger_seq_unique").on(t.ledgerSeq),
    // At most one live credential per unit: two concurrent issues cannot both stay valid.
    uniqueIndex("credentials_one_valid_per_unit").on(t.unitNumber).where(sql`${t.status} = 'valid'`),
    index("credentials_unit_number_idx").on(t.unitNumber),
    check("credentials_id_format", sql`${t.id} ~ '^[A-Za-z0-9_.:-]{6,100}$'`),
    check("credentials_status", sql`${t.status} in ('valid', 'superseded', 'revoked')`),
  ],
);

export const INSTITUTION_KINDS = ["bank", "court", "school"] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/**
 * API keys of institutions (banks, courts, schools). The key is shown once at creation;
 * only its SHA-256 is kept (keys are 256-bit random, so a plain hash is enough: nothing to
 * guess). Revoked keys stay for the record.
 */
export const institutionApiKeys = pgTable(
  "institution_api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    institution: text().notNull(),
    kind: text().$type<InstitutionKind>().notNull(),
    /** base64url SHA-256 of the whole key. */
    keyHash: text().notNull(),
    /** The first characters of the key, to tell keys apart in lists. */
    keyPrefix: text().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid().references(() => users.id),
  },
  (t) => [
    uniqueIndex("institution_api_keys_hash_unique").on(t.keyHash),
    check("institution_api_keys_kind", sql`${t.kind} in ('bank', 'court', 'school')`),
  ],
);
