// People and organisations: departments, staff and resident accounts.
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const DEPARTMENT_CODES = ["registry", "land", "housing", "tax", "police", "civil", "bank", "court"] as const;
export type DepartmentCode = (typeof DEPARTMENT_CODES)[number];

export const ROLES = ["resident", "clerk", "department_admin", "senior_admin", "institution"] as const;
export type Role = (typeof ROLES)[number];

export const departments = pgTable("departments", {
  code: text().$type<DepartmentCode>().primaryKey(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
});

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    /**
     * Before 0009 the sign-in name in clear. Null on every row since: migrate() seals old rows
     * (lib/dal/auth/user-identity.ts sealLegacyIdentities) and empties it; never write it.
     */
    legacyLogin: text("login"),
    role: text().$type<Role>().notNull(),
    department: text().$type<DepartmentCode>().references(() => departments.code),
    /** Before 0009 the name in clear; null since (see legacyLogin). Never write it. */
    legacyDisplayName: text("display_name"),
    passwordHash: text().notNull(),
    /** Keyed HMAC of the resident ID number (lib/crypto), never the number itself. */
    residentIdHmac: text(),
    /** Resident's personal data, AES-256-GCM envelope (registry data key). */
    residentIdCipher: text(),
    phoneCipher: text(),
    /** Optional email for case notifications (resident's account settings), AES-256-GCM envelope (registry data key). */
    emailCipher: text(),
    /** Lookup index of the sign-in name: personalRef("login", normalised login), never the login itself. */
    loginHmac: text(),
    /** The sign-in name (staff username or the resident's phone), AES-256-GCM envelope (registry data key). */
    loginCipher: text(),
    /** The person's name, AES-256-GCM envelope (registry data key). */
    displayNameCipher: text(),
    disabled: boolean().notNull().default(false),
    /** Bumped on sign-out everywhere, disable and role change: older sessions are refused. */
    sessionVersion: integer().notNull().default(0),
    /** Last request of any of the account's sessions (idle timeout, lib/dal/auth/load-actor). */
    lastSeenAt: timestamp({ withTimezone: true }),
    /** TOTP secret (RFC 6238), AES-256-GCM envelope (registry data key); set when enrolment starts. */
    totpSecretCipher: text(),
    /** When the staff member confirmed a first code; null: not enrolled. */
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** Last accepted TOTP time step: a code is accepted once (RFC 6238 §5.2). */
    totpLastStep: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_resident_id_hmac_unique").on(t.residentIdHmac),
    uniqueIndex("users_login_hmac_unique").on(t.loginHmac),
    index("users_role_department_idx").on(t.role, t.department),
  ],
);

/** Failed and successful sign-in attempts, for throttling per account and per IP. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Before 0009 the typed login in clear; null since (migrate() fills loginHmac and empties it). */
    legacyLogin: text("login"),
    /** personalRef("login", normalised login): throttling keys on this, never on the login itself. */
    loginHmac: text(),
    ip: text().notNull(),
    succeeded: boolean().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sign_in_attempts_login_hmac_at_idx").on(t.loginHmac, t.at),
    index("sign_in_attempts_ip_at_idx").on(t.ip, t.at),
  ],
);

/** Each department's data key, AES-256-GCM-wrapped by the master key (lib/crypto/personal-data). */
export const departmentDataKeys = pgTable("department_data_keys", {
  department: text().$type<DepartmentCode>().primaryKey(),
  wrappedKey: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
