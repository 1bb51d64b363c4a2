// What the health page shows besides the audit (issue 6, item 4): the ledger's size, the
// newest checkpoint with each cosignature and its age, the newest witnessed one, each
// department witness's last cosigned size, and alerts: a witness that lags (thresholds
// WITNESS_LAG_ALERT_ENTRIES / _SECONDS) and refused checkpoints (ledger_witness_refusals).
// A witness's last size comes from its stored cosignatures (remote CLI witnesses and
// in-process ones alike); an in-process witness's own state row is shown next to it.
import { and, desc, eq, gte, max, sql } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import {
  DEPARTMENT_CODES,
  ledgerCheckpoints,
  ledgerCosignatures,
  ledgerHead,
  ledgerKeys,
  ledgerWitnessRefusals,
  ledgerWitnessStates,
  type DepartmentCode,
} from "@/lib/db/schema";
import { env } from "@/lib/env";
import { latestCheckpoint } from "@/lib/ledger/checkpoints";

export interface HealthCosignature {
  keyName: string;
  department: DepartmentCode;
  /** Counts toward the quorum: an active department key. */
  counted: boolean;
  at: Date;
  ageSeconds: number;
}

export interface WitnessStatus {
  department: DepartmentCode;
  activeKey: string | null;
  lastSize: number | null;
  lastCosignedAt: Date | null;
  /** Entries between the newest checkpoint and this witness's last cosigned size. */
  lagEntries: number;
  /** In-process witness state, when this server runs one for the department. */
  inProcess: { treeSize: number; updatedAt: Date } | null;
  alert: null | "never" | "lag_entries" | "lag_time";
}

export interface HealthRefusal {
  id: string;
  department: DepartmentCode | null;
  source: "witness" | "portal";
  treeSize: number | null;
  reason: string;
  message: string;
  at: Date;
  /** Within the alert window (the last 24 hours). */
  recent: boolean;
}

export interface LedgerHealth {
  treeSize: number;
  quorum: number;
  thresholds: { entries: number; seconds: number };
  newest: null | { treeSize: number; createdAt: Date; ageSeconds: number; logKeyName: string; cosignatures: HealthCosignature[] };
  witnessed: null | { treeSize: number; witnessed: boolean };
  witnesses: WitnessStatus[];
  refusals: HealthRefusal[];
}

const REFUSAL_ALERT_MS = 24 * 3600_000;

export async function getLedgerHealth(q: Queryable, options: { actor: Actor; now?: Date; thresholds?: { entries: number; seconds: number } }): Promise<LedgerHealth> {
  assertCan(options.actor, "ledger.health");
  const now = options.now ?? new Date();
  const thresholds = options.thresholds ?? { entries: env.WITNESS_LAG_ALERT_ENTRIES, seconds: env.WITNESS_LAG_ALERT_SECONDS };
  const ageOf = (at: Date) => Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));

  const [head] = await q.select({ size: ledgerHead.size }).from(ledgerHead);
  const [newestRow] = await q.select().from(ledgerCheckpoints).orderBy(desc(ledgerCheckpoints.treeSize)).limit(1);
  let newest: LedgerHealth["newest"] = null;
  if (newestRow) {
    const cosignatures = await q
      .select({ keyName: ledgerCosignatures.keyName, at: ledgerCosignatures.createdAt, department: ledgerKeys.department, role: ledgerKeys.role, status: ledgerKeys.status })
      .from(ledgerCosignatures)
      .innerJoin(ledgerKeys, eq(ledgerKeys.name, ledgerCosignatures.keyName))
      .where(eq(ledgerCosignatures.treeSize, newestRow.treeSize))
      .orderBy(ledgerCosignatures.keyName);
    newest = {
      treeSize: Number(newestRow.treeSize),
      createdAt: newestRow.createdAt,
      ageSeconds: ageOf(newestRow.createdAt),
      logKeyName: newestRow.logKeyName,
      cosignatures: cosignatures.map((c) => ({
        keyName: c.keyName,
        department: c.department,
        counted: c.role === "department" && c.status === "active",
        at: c.at,
        ageSeconds: ageOf(c.at),
      })),
    };
  }
  const latest = await latestCheckpoint(q);

  // Each department's last cosignature (by any of its department keys, so a rotation does not reset it).
  const lastByDepartment = await q
    .select({ department: ledgerKeys.department, lastSize: max(ledgerCosignatures.treeSize) })
    .from(ledgerCosignatures)
    .innerJoin(ledgerKeys, and(eq(ledgerKeys.name, ledgerCosignatures.keyName), eq(ledgerKeys.role, "department")))
    .groupBy(ledgerKeys.department);
  const lastSizes = new Map(lastByDepartment.map((r) => [r.department, r.lastSize === null ? null : Number(r.lastSize)]));
  const lastTimes = new Map<DepartmentCode, Date>();
  for (const [department, size] of lastSizes) {
    if (size === null) continue;
    const [row] = await q
      .select({ at: ledgerCosignatures.createdAt })
      .from(ledgerCosignatures)
      .innerJoin(ledgerKeys, eq(ledgerKeys.name, ledgerCosignatures.keyName))
      .where(and(eq(ledgerKeys.department, department), eq(ledgerKeys.role, "department"), eq(ledgerCosignatures.treeSize, size)))
      .limit(1);
    if (row) lastTimes.set(department, row.at);
  }
  const activeKeys = await q
    .select({ name: ledgerKeys.name, department: ledgerKeys.department })
    .from(ledgerKeys)
    .where(and(eq(ledgerKeys.role, "department"), eq(ledgerKeys.status, "active")));
  const states = await q.select().from(ledgerWitnessStates);

  // The oldest checkpoint a witness has not cosigned yet: how long it has been waiting.
  const waitingSince = async (lastSize: number): Promise<Date | null> => {
    const [row] = await q
      .select({ at: ledgerCheckpoints.createdAt })
      .from(ledgerCheckpoints)
      .where(sql`${ledgerCheckpoints.treeSize} > ${lastSize}`)
      .orderBy(ledgerCheckpoints.treeSize)
      .limit(1);
    return row?.at ?? null;
  };

  const witnesses: WitnessStatus[] = [];
  for (const department of DEPARTMENT_CODES) {
    const lastSize = lastSizes.get(department) ?? null;
    const newestSize = newest?.treeSize ?? 0;
    const lagEntries = Math.max(0, newestSize - (lastSize ?? 0));
    const state = states.find((s) => s.department === department);
    let alert: WitnessStatus["alert"] = null;
    if (newest && lastSize === null) alert = "never";
    else if (lagEntries > thresholds.entries) alert = "lag_entries";
    else if (lastSize !== null && lagEntries > 0) {
      const since = await waitingSince(lastSize);
      if (since && ageOf(since) > thresholds.seconds) alert = "lag_time";
    }
    witnesses.push({
      department,
      activeKey: activeKeys.find((k) => k.department === department)?.name ?? null,
      lastSize,
      lastCosignedAt: lastTimes.get(department) ?? null,
      lagEntries,
      inProcess: state ? { treeSize: Number(state.treeSize), updatedAt: state.updatedAt } : null,
      alert,
    });
  }

  const refusalRows = await q
    .select()
    .from(ledgerWitnessRefusals)
    .where(gte(ledgerWitnessRefusals.createdAt, new Date(now.getTime() - 30 * 24 * 3600_000)))
    .orderBy(desc(ledgerWitnessRefusals.createdAt))
    .limit(20);

  return {
    treeSize: Number(head?.size ?? 0),
    quorum: env.WITNESS_QUORUM,
    thresholds,
    newest,
    witnessed: latest ? { treeSize: latest.treeSize, witnessed: latest.witnessed } : null,
    witnesses,
    refusals: refusalRows.map((r) => ({
      id: r.id,
      department: r.department,
      source: r.source,
      treeSize: r.treeSize === null ? null : Number(r.treeSize),
      reason: r.reason,
      message: r.message,
      at: r.createdAt,
      recent: now.getTime() - r.createdAt.getTime() < REFUSAL_ALERT_MS,
    })),
  };
}
