// Ledger health (issue 6, item 4): the audit runs a senior admin starts from /admin/ledger,
// and the checkpoints witnesses refused. Operational records, not ledger tables: an audit
// run's row is updated while it runs (progress), so these live outside drizzle/guards.sql.
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { DepartmentCode } from "./identity";
import { users } from "./identity";

export const AUDIT_RUN_STATUSES = ["running", "ok", "failed", "error", "abandoned"] as const;
export type AuditRunStatus = (typeof AUDIT_RUN_STATUSES)[number];

/** One row per `ledger verify` started from the health page; at most one is running. */
export const ledgerAuditRuns = pgTable(
  "ledger_audit_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    status: text().$type<AuditRunStatus>().notNull(),
    startedBy: uuid()
      .notNull()
      .references(() => users.id),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Moves with every batch: a running row whose heartbeat stopped was abandoned (process died). */
    heartbeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    /** Ledger size when the run started: the progress bar's 100 %. */
    entriesTotal: bigint({ mode: "number" }).notNull(),
    entriesChecked: bigint({ mode: "number" }).notNull().default(0),
    /** The first bad seq (entry problems) or tree size (checkpoint problems). */
    problemKind: text(),
    problemSeq: bigint({ mode: "number" }),
    problemReason: text(),
    problemDetail: text(),
    /** Sizes of the newest and newest witnessed checkpoints compared against. */
    newestSize: bigint({ mode: "number" }),
    witnessedSize: bigint({ mode: "number" }),
    warnings: jsonb().$type<string[]>().notNull().default([]),
    seconds: real(),
  },
  (t) => [
    uniqueIndex("ledger_audit_runs_one_running").on(t.status).where(sql`${t.status} = 'running'`),
    index("ledger_audit_runs_started_idx").on(t.startedAt),
  ],
);

/**
 * Checkpoints a witness refused to cosign (fork, smaller tree, foreign origin, bad log
 * signature), and cosignatures the portal refused to store. Written where the in-process
 * witnesses run and where POST /api/ledger/cosignatures answers; shown as alerts.
 */
export const ledgerWitnessRefusals = pgTable(
  "ledger_witness_refusals",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The witness's department; null when a refused cosignature named no known key. */
    department: text().$type<DepartmentCode>(),
    /** `witness`: the witness refused the checkpoint; `portal`: the portal refused the witness's line. */
    source: text().$type<"witness" | "portal">().notNull(),
    treeSize: bigint({ mode: "number" }),
    reason: text().notNull(),
    message: text().notNull(),
    /** HTTP status the portal answered (portal refusals). */
    status: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ledger_witness_refusals_created_idx").on(t.createdAt), index("ledger_witness_refusals_department_idx").on(t.department, t.createdAt)],
);
