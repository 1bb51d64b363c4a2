// The registration flow's working tables (DESIGN.md §2, §3). The ledger is the truth:
// `registration_applications`, `registration_verification_requests`, `registration_access_grants`
// and `registration_property_rights` are caches of state folded from ledger entries, rebuilt
// and compared by lib/dal/registration/rebuild.ts. Drafts and documents hold what the ledger
// must not: the form as typed (resident ID numbers) and the documents' bytes, both AES-256-GCM
// ciphertext under the registry's data key; the ledger carries only keyed refs and SHA-256s.
import { sql } from "drizzle-orm";
import { bigint, check, customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { DepartmentCode } from "./identity";
import { users } from "./identity";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** One row per application; `status` etc. are folded from its `registration.*` entries. */
export const registrationApplications = pgTable(
  "registration_applications",
  {
    /** Opaque application id, also the subject of its ledger entries. */
    id: text().primaryKey(),
    kind: text().notNull(),
    unitNumber: text().notNull(),
    status: text().notNull(),
    filedBy: uuid()
      .notNull()
      .references(() => users.id),
    assignee: uuid().references(() => users.id),
    ruleVersion: integer(),
    /** Keyed refs of every party (personalRef), so a resident finds the cases naming them. */
    partyRefs: text().array().notNull().default(sql`'{}'::text[]`),
    submittedAt: timestamp({ withTimezone: true }),
    /** When the status last changed: the clerk queue's ageing. */
    statusSince: timestamp({ withTimezone: true }).notNull(),
    /** Seq of the last ledger entry folded into this row. */
    lastSeq: bigint({ mode: "number" }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("registration_applications_status_idx").on(t.status, t.submittedAt),
    index("registration_applications_unit_idx").on(t.unitNumber),
    index("registration_applications_filed_by_idx").on(t.filedBy),
    index("registration_applications_party_refs_idx").using("gin", t.partyRefs),
  ],
);

/** The filing form as the resident typed it (ID numbers included), encrypted; one per application. */
export const registrationDrafts = pgTable("registration_drafts", {
  applicationId: text()
    .primaryKey()
    .references(() => registrationApplications.id, { onDelete: "cascade" }),
  userId: uuid()
    .notNull()
    .references(() => users.id),
  /** encryptPersonal(q, "registry", "draft_form", JSON) */
  formCipher: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const DOCUMENT_MEDIA_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

/** Uploaded documents: bytes AES-256-GCM under the registry data key; the SHA-256 goes on the ledger. */
export const registrationDocuments = pgTable(
  "registration_documents",
  {
    id: text().primaryKey(),
    applicationId: text()
      .notNull()
      .references(() => registrationApplications.id, { onDelete: "cascade" }),
    uploadedBy: uuid()
      .notNull()
      .references(() => users.id),
    kind: text().notNull(),
    /** A file name can carry a name or an ID number: encrypted like the bytes. */
    fileNameCipher: text().notNull(),
    mediaType: text().$type<DocumentMediaType>().notNull(),
    size: integer().notNull(),
    /** Lowercase hex SHA-256 of the plaintext bytes, as on the ledger. */
    sha256: text().notNull(),
    /** 12-byte IV ‖ AES-256-GCM ciphertext ‖ 16-byte tag; AAD binds the document id. */
    bytesCipher: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("registration_documents_application_idx").on(t.applicationId),
    check("registration_documents_size", sql`${t.size} > 0 and ${t.size} <= 10485760`),
  ],
);

/** One row per verification request, folded from its `verification.*` entries. */
export const registrationVerificationRequests = pgTable(
  "registration_verification_requests",
  {
    requestId: text().primaryKey(),
    applicationId: text()
      .notNull()
      .references(() => registrationApplications.id, { onDelete: "cascade" }),
    department: text().$type<DepartmentCode>().notNull(),
    check: text().notNull(),
    party: text().notNull(),
    status: text().notNull(),
    authorisedVia: text(),
    grantId: text(),
    authorisedBy: text(),
    answer: text(),
    reasonCode: text(),
    raisedAt: timestamp({ withTimezone: true }).notNull(),
    expectedHours: integer().notNull(),
    lastSeq: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    index("registration_requests_department_idx").on(t.department, t.status, t.raisedAt),
    index("registration_requests_application_idx").on(t.applicationId),
  ],
);

/** Access grants and standing rules, folded from `access_grant.*` entries. */
export const registrationAccessGrants = pgTable(
  "registration_access_grants",
  {
    grantId: text().primaryKey(),
    department: text().$type<DepartmentCode>().notNull(),
    check: text().notNull(),
    requester: text().$type<DepartmentCode>().notNull(),
    purpose: text().notNull(),
    kind: text().notNull(),
    status: text().notNull(),
    grantedBy: text().notNull(),
    validFrom: timestamp({ withTimezone: true }).notNull(),
    validUntil: timestamp({ withTimezone: true }),
    /** The grant as folded by access-grant@1 (terms, status, who ended it). */
    state: jsonb().notNull(),
    lastSeq: bigint({ mode: "number" }).notNull(),
  },
  (t) => [index("registration_access_grants_department_idx").on(t.department, t.status)],
);

/**
 * A unit's rights (property@1 state) as derived from the ledger. `baseline` is what the
 * property register held before the ledger first changed the unit (the seeded register);
 * `state` = fold(baseline, the unit's registration entries). Locked by approvals.
 */
export const registrationPropertyRights = pgTable("registration_property_rights", {
  unitNumber: text().primaryKey(),
  baseline: jsonb().notNull(),
  state: jsonb().notNull(),
  lastSeq: bigint({ mode: "number" }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Free-text notes behind reason codes (rejection, material request, override): encrypted
 * here, their SHA-256 on the ledger entry (`reason.noteSha256`). */
export const registrationNotes = pgTable(
  "registration_notes",
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: text()
      .notNull()
      .references(() => registrationApplications.id, { onDelete: "cascade" }),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    /** Lowercase hex SHA-256 of the UTF-8 note, as cited on the ledger. */
    sha256: text().notNull(),
    /** encryptPersonal(q, "registry", "note", text) */
    noteCipher: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("registration_notes_application_idx").on(t.applicationId)],
);

/** What a person should look at: codes and opaque ids only; the UI words them. */
export const registrationNotifications = pgTable(
  "registration_notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    applicationId: text(),
    /** e.g. `confirm_requested`, `material_requested`, `approved`, `rejected`. */
    kind: text().notNull(),
    /** Reason codes, seq numbers: never personal data. */
    params: jsonb().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("registration_notifications_user_idx").on(t.userId, t.createdAt)],
);
