// The ledger audit from the health page (issue 6, item 4): the same check as
// `npm run ledger -- verify` (lib/ledger/verify.ts), run in the background of the server
// process. Starting one answers at once; the run writes its progress (entries checked of the
// size at start) and then its result to `ledger_audit_runs`, which the page polls.
// One run at a time: a partial unique index on status = 'running' refuses a second insert,
// across any number of server processes. A run whose process died stops heartbeating and is
// marked `abandoned` by the next start.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db, Queryable } from "@/lib/db";
import { ledgerAuditRuns, ledgerHead, type AuditRunStatus } from "@/lib/db/schema";
import { verifyLedger, type VerifyOptions, type VerifyReport } from "@/lib/ledger/verify";
import { ActionError } from "../action-error";

/** A running row without a heartbeat for this long belongs to a process that is gone. */
export const AUDIT_HEARTBEAT_STALE_MS = 2 * 60_000;

export interface AuditRun {
  id: string;
  status: AuditRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  entriesTotal: number;
  entriesChecked: number;
  problem: { kind: string; seq: number | null; reason: string; detail: string } | null;
  newestSize: number | null;
  witnessedSize: number | null;
  warnings: string[];
  seconds: number | null;
}

type Row = typeof ledgerAuditRuns.$inferSelect;

function toRun(row: Row): AuditRun {
  return {
    id: row.id,
    status: row.status,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    entriesTotal: Number(row.entriesTotal),
    entriesChecked: Number(row.entriesChecked),
    problem: row.problemReason
      ? { kind: row.problemKind ?? "entry", seq: row.problemSeq === null ? null : Number(row.problemSeq), reason: row.problemReason, detail: row.problemDetail ?? "" }
      : null,
    newestSize: row.newestSize === null ? null : Number(row.newestSize),
    witnessedSize: row.witnessedSize === null ? null : Number(row.witnessedSize),
    warnings: row.warnings,
    seconds: row.seconds,
  };
}

export interface StartAuditOptions {
  actor: Actor;
  now?: Date;
  /** What checks the ledger; tests pass a slowed or failing verifier. */
  verify?: (db: Db, options: VerifyOptions) => Promise<VerifyReport>;
  batchSize?: number;
}

/**
 * Starts an audit and returns its id without waiting for it; the promise of the run itself
 * is returned too (`done`) so a test or a CLI can await it. Refuses (ActionError) while
 * another run is in progress.
 */
export async function startAudit(db: Db, options: StartAuditOptions): Promise<{ runId: string; done: Promise<AuditRun> }> {
  assertCan(options.actor, "ledger.health");
  const now = options.now ?? new Date();
  // A run whose server died mid-way would block every future run: retire it.
  await db
    .update(ledgerAuditRuns)
    .set({ status: "abandoned", finishedAt: now })
    .where(and(eq(ledgerAuditRuns.status, "running"), lt(ledgerAuditRuns.heartbeatAt, new Date(now.getTime() - AUDIT_HEARTBEAT_STALE_MS))));
  const [head] = await db.select({ size: ledgerHead.size }).from(ledgerHead);
  const inserted = await db
    .insert(ledgerAuditRuns)
    .values({ status: "running", startedBy: options.actor.userId, startedAt: now, heartbeatAt: now, entriesTotal: Number(head?.size ?? 0) })
    .onConflictDoNothing()
    .returning({ id: ledgerAuditRuns.id });
  const runId = inserted[0]?.id;
  if (!runId) throw new ActionError("auditAlreadyRunning");
  const done = runAudit(db, runId, options);
  return { runId, done };
}

async function runAudit(db: Db, runId: string, options: StartAuditOptions): Promise<AuditRun> {
  const verify = options.verify ?? verifyLedger;
  let lastWrite = 0;
  let progressWrite: Promise<unknown> = Promise.resolve();
  try {
    const report = await verify(db, {
      batchSize: options.batchSize ?? 500,
      onProgress: (entries) => {
        // At most a few writes a second; the last one before the result is awaited below.
        const at = Date.now();
        if (at - lastWrite < 250) return;
        lastWrite = at;
        progressWrite = progressWrite.then(() =>
          db.update(ledgerAuditRuns).set({ entriesChecked: entries, heartbeatAt: new Date() }).where(eq(ledgerAuditRuns.id, runId)),
        );
      },
    });
    await progressWrite;
    const problem = report.problem;
    await db
      .update(ledgerAuditRuns)
      .set({
        status: report.ok ? "ok" : "failed",
        finishedAt: new Date(),
        heartbeatAt: new Date(),
        entriesChecked: report.entries,
        problemKind: problem?.kind ?? null,
        problemSeq: problem ? (problem.kind === "entry" ? problem.seq : problem.treeSize) : null,
        problemReason: problem?.reason ?? null,
        problemDetail: problem?.detail ?? null,
        newestSize: report.newest?.treeSize ?? null,
        witnessedSize: report.witnessed?.treeSize ?? null,
        warnings: report.warnings,
        seconds: report.seconds,
      })
      .where(eq(ledgerAuditRuns.id, runId));
  } catch (error) {
    // The audit could not run to the end (database gone, …): say so, never leave it "running".
    console.error("[ledger audit] run failed:", error);
    await progressWrite.catch(() => {});
    await db
      .update(ledgerAuditRuns)
      .set({ status: "error", finishedAt: new Date(), problemReason: "AUDIT_ERROR", problemDetail: (error as Error).message?.slice(0, 500) ?? "unknown error" })
      .where(eq(ledgerAuditRuns.id, runId))
      .catch(() => {});
  }
  const [row] = await db.select().from(ledgerAuditRuns).where(eq(ledgerAuditRuns.id, runId));
  return toRun(row!);
}

/** The newest runs first (the page shows the latest in full and the rest as history). */
export async function listAuditRuns(q: Queryable, options: { actor: Actor; limit?: number }): Promise<AuditRun[]> {
  assertCan(options.actor, "ledger.health");
  const rows = await q
    .select()
    .from(ledgerAuditRuns)
    .orderBy(desc(ledgerAuditRuns.startedAt), desc(sql`${ledgerAuditRuns.id}`))
    .limit(Math.min(Math.max(options.limit ?? 10, 1), 100));
  return rows.map(toRun);
}
