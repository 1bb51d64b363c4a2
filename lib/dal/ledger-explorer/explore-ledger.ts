// The public face of the ledger (DESIGN.md §1 "public: browse the ledger's public face";
// issue 6, item 4): checkpoints over time, entry counts by type and department, and each
// entry by seq. No sign-in, so nothing here may carry personal data: entries are what the
// public API already serves byte for byte (payloads hold opaque ids, keyed refs, hashes and
// yes/no answers only), subjects and actors are opaque references, and no table outside the
// ledger is read.
import { and, count, desc, eq, gte, lt, max, min, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/lib/db";
import { DEPARTMENT_CODES, ledgerCheckpoints, ledgerCosignatures, ledgerEntries, ledgerHead, ledgerKeys, type DepartmentCode } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { latestCheckpoint } from "@/lib/ledger/checkpoints";
import { parseEntry } from "@/lib/ledger/entry";
import { PORTAL_TIME_ZONE_SQL } from "../reporting/time-zone";

export interface LedgerOverview {
  treeSize: number;
  latest: { treeSize: number; witnessed: boolean } | null;
  firstEntryAt: Date | null;
  lastEntryAt: Date | null;
  byType: { type: string; entries: number }[];
  byDepartment: { department: string; entries: number }[];
  /** Per calendar day (Asia/Shanghai): checkpoints published and the largest tree size reached. */
  checkpointDays: { day: string; checkpoints: number; treeSize: number }[];
}

// Counting every entry by type and department on every view is a full scan of a table that
// only grows. Entries below the head's size never change, so the counts are kept per database
// handle with the size they cover, and a view counts only the entries appended since
// (seq in [counted size, head size), an index range). The head's size and its entries commit
// in one transaction, so every seq below a size read from the head is there to count. A
// size smaller than the one counted (a database replaced under the same handle) recounts.
// The append path (lib/ledger, with its group commit) is left alone.
interface EntryTally {
  size: number;
  byType: Map<string, number>;
  byDepartment: Map<string, number>;
  first: Date | null;
  last: Date | null;
}
const tallies = new WeakMap<object, EntryTally>();

/** Rows the last tally call counted (tests: proof that a view counts only new entries). */
export const tallyReads = { entriesCounted: 0 };

async function tallyEntries(q: Queryable, size: number): Promise<EntryTally> {
  const cached = tallies.get(q);
  if (cached && cached.size === size) {
    tallyReads.entriesCounted = 0;
    return cached;
  }
  const base: EntryTally =
    cached && cached.size < size
      ? { ...cached, byType: new Map(cached.byType), byDepartment: new Map(cached.byDepartment) }
      : { size: 0, byType: new Map(), byDepartment: new Map(), first: null, last: null };
  const rows = await q
    .select({ type: ledgerEntries.type, department: ledgerEntries.department, entries: count(), first: min(ledgerEntries.time), last: max(ledgerEntries.time) })
    .from(ledgerEntries)
    .where(and(gte(ledgerEntries.seq, base.size), lt(ledgerEntries.seq, size)))
    .groupBy(ledgerEntries.type, ledgerEntries.department);
  let counted = 0;
  for (const r of rows) {
    const n = Number(r.entries);
    counted += n;
    base.byType.set(r.type, (base.byType.get(r.type) ?? 0) + n);
    base.byDepartment.set(r.department, (base.byDepartment.get(r.department) ?? 0) + n);
    if (r.first && (!base.first || r.first < base.first)) base.first = r.first;
    if (r.last && (!base.last || r.last > base.last)) base.last = r.last;
  }
  tallyReads.entriesCounted = counted;
  const tally = { ...base, size };
  tallies.set(q, tally);
  return tally;
}

/** Largest count first, then by name (what the explorer lists). */
function ranked<K extends string>(counts: Map<string, number>, key: K): ({ [P in K]: string } & { entries: number })[] {
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, entries]) => ({ [key]: name, entries }) as { [P in K]: string } & { entries: number });
}

export async function getLedgerOverview(q: Queryable, options: { days?: number; now?: Date } = {}): Promise<LedgerOverview> {
  const now = options.now ?? new Date();
  const days = options.days ?? 60;
  const [head] = await q.select({ size: ledgerHead.size }).from(ledgerHead);
  const treeSize = Number(head?.size ?? 0);
  const latest = await latestCheckpoint(q);
  const tally = await tallyEntries(q, treeSize);
  const day = sql<string>`to_char(${ledgerCheckpoints.createdAt} AT TIME ZONE ${sql.raw(PORTAL_TIME_ZONE_SQL)}, 'YYYY-MM-DD')`;
  const since = new Date(now.getTime() - days * 86_400_000);
  const checkpointDays = await q
    .select({ day, checkpoints: count(), treeSize: max(ledgerCheckpoints.treeSize) })
    .from(ledgerCheckpoints)
    .where(sql`${ledgerCheckpoints.createdAt} >= ${since.toISOString()}::timestamptz`)
    .groupBy(day)
    .orderBy(day);
  return {
    treeSize,
    latest: latest ? { treeSize: latest.treeSize, witnessed: latest.witnessed } : null,
    firstEntryAt: tally.first,
    lastEntryAt: tally.last,
    byType: ranked(tally.byType, "type"),
    byDepartment: ranked(tally.byDepartment, "department"),
    checkpointDays: checkpointDays.map((r) => ({ day: r.day, checkpoints: Number(r.checkpoints), treeSize: Number(r.treeSize ?? 0) })),
  };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CheckpointRow {
  treeSize: number;
  rootHash: string;
  createdAt: Date;
  cosignatures: number;
  witnessed: boolean;
}

export async function listCheckpoints(q: Queryable, options: { page?: number; pageSize?: number } = {}): Promise<Page<CheckpointRow>> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 20, 1), 100);
  const page = Math.max(options.page ?? 1, 1);
  const [total] = await q.select({ n: count() }).from(ledgerCheckpoints);
  const counted = sql<number>`(SELECT count(*) FROM ${ledgerCosignatures} s JOIN ${ledgerKeys} k ON k.name = s.key_name
    WHERE s.tree_size = ${ledgerCheckpoints.treeSize} AND k.role = 'department' AND k.status = 'active')`;
  const all = sql<number>`(SELECT count(*) FROM ${ledgerCosignatures} s WHERE s.tree_size = ${ledgerCheckpoints.treeSize})`;
  const rows = await q
    .select({ treeSize: ledgerCheckpoints.treeSize, rootHash: ledgerCheckpoints.rootHash, createdAt: ledgerCheckpoints.createdAt, counted, all })
    .from(ledgerCheckpoints)
    .orderBy(desc(ledgerCheckpoints.treeSize))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    items: rows.map((r) => ({
      treeSize: Number(r.treeSize),
      rootHash: r.rootHash,
      createdAt: r.createdAt,
      cosignatures: Number(r.all),
      witnessed: Number(r.counted) >= env.WITNESS_QUORUM,
    })),
    total: Number(total?.n ?? 0),
    page,
    pageSize,
  };
}

export interface EntrySummary {
  seq: number;
  type: string;
  department: string;
  subject: string;
  time: Date;
}

export interface EntryFilter {
  type?: string;
  department?: DepartmentCode;
  /** Show entries with seq below this (newest first), e.g. to jump to a seq. */
  beforeSeq?: number;
}

export async function listEntries(q: Queryable, options: EntryFilter & { page?: number; pageSize?: number } = {}): Promise<Page<EntrySummary>> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 25, 1), 100);
  const page = Math.max(options.page ?? 1, 1);
  const where: SQL[] = [];
  if (options.type) where.push(eq(ledgerEntries.type, options.type));
  if (options.department) where.push(eq(ledgerEntries.department, options.department));
  if (options.beforeSeq !== undefined) where.push(lt(ledgerEntries.seq, options.beforeSeq));
  const condition = where.length > 0 ? and(...where) : undefined;
  // Unfiltered, the total is the head's size: no count over the whole table.
  const [total] = condition ? await q.select({ n: count() }).from(ledgerEntries).where(condition) : await q.select({ n: ledgerHead.size }).from(ledgerHead);
  const rows = await q
    .select({ seq: ledgerEntries.seq, type: ledgerEntries.type, department: ledgerEntries.department, subject: ledgerEntries.subject, time: ledgerEntries.time })
    .from(ledgerEntries)
    .where(condition)
    .orderBy(desc(ledgerEntries.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: rows.map((r) => ({ ...r, seq: Number(r.seq) })), total: Number(total?.n ?? 0), page, pageSize };
}

export interface EntryDetail {
  seq: number;
  type: string;
  contract: string;
  department: string;
  /** Opaque references, as on the ledger. */
  actor: string;
  subject: string;
  time: string;
  prev: string;
  leafHash: string;
  signature: string;
  keyName: string;
  /** The payload as stored (no personal data by the ledger's rules), pretty-printed. */
  payload: string;
  /** The exact canonical entry, as the public API serves it. */
  canonical: string;
  /** The size of the latest checkpoint that includes it, for the inclusion-proof link; null when none does yet. */
  proofSize: number | null;
  /** Other entries about the same subject (its history), newest first, at most 20. */
  related: { seq: number; type: string; time: Date }[];
}

export async function getEntryDetail(q: Queryable, seq: number): Promise<EntryDetail | null> {
  const [row] = await q.select().from(ledgerEntries).where(eq(ledgerEntries.seq, seq));
  if (!row) return null;
  const parsed = parseEntry(row.entry);
  if (!parsed.ok) return null;
  const entry = parsed.entry;
  const latest = await latestCheckpoint(q);
  const related = await q
    .select({ seq: ledgerEntries.seq, type: ledgerEntries.type, time: ledgerEntries.time })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.subject, row.subject), sql`${ledgerEntries.seq} <> ${seq}`))
    .orderBy(desc(ledgerEntries.seq))
    .limit(20);
  return {
    seq,
    type: entry.type,
    contract: entry.contract,
    department: entry.department,
    actor: entry.actor,
    subject: entry.subject,
    time: entry.time,
    prev: entry.prev,
    leafHash: row.leafHash,
    signature: row.signature,
    keyName: row.keyName,
    payload: JSON.stringify(entry.payload, null, 2),
    canonical: row.entry,
    proofSize: latest && latest.treeSize > seq ? latest.treeSize : null,
    related: related.map((r) => ({ ...r, seq: Number(r.seq) })),
  };
}

export function isDepartmentCode(value: string | undefined): value is DepartmentCode {
  return value !== undefined && (DEPARTMENT_CODES as readonly string[]).includes(value);
}
