// The signed ledger (DESIGN.md §5): entries, the RFC 6962 tree's stored hashes in the
// golang.org/x/mod/sumdb/tlog layout, signing keys, checkpoints and witness cosignatures.
// Append-only: drizzle/guards.sql forbids UPDATE, DELETE and TRUNCATE on the ledger tables
// (the keys, the head row and the witness state allow narrow updates, see there).
import { bigint, check, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { DepartmentCode } from "./identity";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

export const LEDGER_KEY_ROLES = ["log", "department", "credential"] as const;
export type LedgerKeyRole = (typeof LEDGER_KEY_ROLES)[number];
export const LEDGER_KEY_STATUSES = ["active", "retired", "revoked"] as const;
export type LedgerKeyStatus = (typeof LEDGER_KEY_STATUSES)[number];

/**
 * One row (id = 1), locked with SELECT … FOR UPDATE by every append: appends from any
 * number of processes serialise on it, so `seq` never forks or skips. It caches what the
 * next append needs (size, last leaf hash, the tree's right frontier) so an append costs
 * one read and one write, never a scan.
 */
export const ledgerHead = pgTable(
  "ledger_head",
  {
    id: integer().primaryKey(),
    /** Random per database: tells caches in one process (tests open many databases) apart. */
    instanceId: uuid().notNull().defaultRandom(),
    /** Number of entries = the next seq. */
    size: bigint({ mode: "number" }).notNull(),
    /** Leaf hash of entry size-1 (empty for an empty log). */
    lastLeafHash: bytea().notNull(),
    /** Roots of the complete subtrees on the right edge, one per set bit of `size`, lowest level first. */
    frontier: bytea().notNull(),
    /** Time of the last entry; later entries never carry an earlier default time. */
    lastTime: timestamp({ withTimezone: true }),
    /** A random tag replaced on every key change, so processes know their cached active keys are stale. */
    keyEpoch: integer().notNull().default(0),
  },
  (t) => [check("ledger_head_single_row", sql`${t.id} = 1`)],
);

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    seq: bigint({ mode: "number" }).primaryKey(),
    /** The RFC 8785 canonical JSON string: hashed, signed and served byte for byte. */
    entry: text().notNull(),
    /** base64 SHA-256(0x00 ‖ entry bytes). */
    leafHash: text().notNull(),
    /** base64 Ed25519 signature over the entry bytes. */
    signature: text().notNull(),
    keyName: text().notNull(),
    // Copies of entry fields for lookups; `ledger verify` checks they match the entry.
    type: text().notNull(),
    department: text().$type<DepartmentCode>().notNull(),
    subject: text().notNull(),
    time: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("ledger_entries_subject_idx").on(t.subject, t.seq),
    index("ledger_entries_type_idx").on(t.type, t.seq),
  ],
);

/** Interior and leaf hashes, indexed as tlog.StoredHashIndex(level, n). */
export const ledgerHashes = pgTable("ledger_hashes", {
  idx: bigint({ mode: "number" }).primaryKey(),
  hash: bytea().notNull(),
});

export const ledgerKeys = pgTable(
  "ledger_keys",
  {
    /** Note key name: non-empty, unique, no whitespace, no `+`. */
    name: text().primaryKey(),
    department: text().$type<DepartmentCode>().notNull(),
    role: text().$type<LedgerKeyRole>().notNull(),
    status: text().$type<LedgerKeyStatus>().notNull(),
    /** base64 32-byte Ed25519 public key. */
    publicKey: text().notNull(),
    /** The private seed, AES-256-GCM sealed with a key derived from the master key. */
    sealedSeed: text().notNull(),
    validFrom: timestamp({ withTimezone: true }).notNull(),
    validUntil: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("ledger_keys_name_form", sql`${t.name} ~ '^[^[:space:]+]+$'`),
    check("ledger_keys_role", sql`${t.role} in ('log', 'department', 'credential')`),
    check("ledger_keys_status", sql`${t.status} in ('active', 'retired', 'revoked')`),
    // Exactly one active key per (department, role): one log key, one key per department.
    uniqueIndex("ledger_keys_one_active").on(t.department, t.role).where(sql`${t.status} = 'active'`),
  ],
);

/** Every published checkpoint, signed by the log key. Witness lines live in ledgerCosignatures. */
export const ledgerCheckpoints = pgTable("ledger_checkpoints", {
  treeSize: bigint({ mode: "number" }).primaryKey(),
  /** base64 root hash at treeSize. */
  rootHash: text().notNull(),
  /** The C2SP tlog-checkpoint body (origin, size, root; each line ending in \n). */
  body: text().notNull(),
  /** The log key's signed-note line, `— name base64\n`. */
  logSignature: text().notNull(),
  logKeyName: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Department witnesses' signed-note lines over a checkpoint body, verified before storing. */
export const ledgerCosignatures = pgTable(
  "ledger_cosignatures",
  {
    treeSize: bigint({ mode: "number" })
      .notNull()
      .references(() => ledgerCheckpoints.treeSize),
    keyName: text()
      .notNull()
      .references(() => ledgerKeys.name),
    /** `— name base64\n` */
    line: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.treeSize, t.keyName] }), index("ledger_cosignatures_key_idx").on(t.keyName, t.treeSize)],
);

/** State of the in-process witnesses (a CLI witness keeps its own file instead). */
export const ledgerWitnessStates = pgTable("ledger_witness_states", {
  department: text().$type<DepartmentCode>().primaryKey(),
  origin: text().notNull(),
  treeSize: bigint({ mode: "number" }).notNull(),
  rootHash: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
