// Reading contract events back from the ledger and appending new ones: the one place the
// flow touches ledger rows. An event is an entry without v/seq/time/prev (contracts/README).
import { and, asc, eq, inArray, like } from "drizzle-orm";
import type { ContractEvent } from "@/contracts";
import type { Queryable, Tx } from "@/lib/db";
import { ledgerEntries } from "@/lib/db/schema";
import { appendEntries, type AppendResult } from "@/lib/ledger/append";

export interface StoredEvent<E extends ContractEvent = ContractEvent> {
  readonly event: E;
  readonly seq: number;
  readonly time: string;
  readonly leafHash: string;
}

interface EntryJson {
  type: string;
  contract: string;
  department: ContractEvent["department"];
  actor: string;
  subject: string;
  payload: unknown;
  time: string;
}

function toStored<E extends ContractEvent>(row: { seq: number; entry: string; leafHash: string }): StoredEvent<E> {
  const e = JSON.parse(row.entry) as EntryJson;
  const event = { type: e.type, contract: e.contract, department: e.department, actor: e.actor, subject: e.subject, payload: e.payload } as unknown as E;
  return { event, seq: row.seq, time: e.time, leafHash: row.leafHash };
}

/** Every entry about `subject` whose type starts with `typePrefix` (e.g. "registration."), oldest first. */
export async function loadEvents<E extends ContractEvent>(q: Queryable, subject: string, typePrefix: string): Promise<StoredEvent<E>[]> {
  const rows = await q
    .select({ seq: ledgerEntries.seq, entry: ledgerEntries.entry, leafHash: ledgerEntries.leafHash })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.subject, subject), like(ledgerEntries.type, `${typePrefix}%`)))
    .orderBy(asc(ledgerEntries.seq));
  return rows.map((r) => toStored<E>(r));
}

/** Entries of several subjects at once, grouped by subject. */
export async function loadEventsOf<E extends ContractEvent>(q: Queryable, subjects: readonly string[], typePrefix: string): Promise<Map<string, StoredEvent<E>[]>> {
  const out = new Map<string, StoredEvent<E>[]>();
  if (subjects.length === 0) return out;
  const rows = await q
    .select({ seq: ledgerEntries.seq, entry: ledgerEntries.entry, leafHash: ledgerEntries.leafHash, subject: ledgerEntries.subject })
    .from(ledgerEntries)
    .where(and(inArray(ledgerEntries.subject, [...subjects]), like(ledgerEntries.type, `${typePrefix}%`)))
    .orderBy(asc(ledgerEntries.seq));
  for (const r of rows) {
    const list = out.get(r.subject) ?? [];
    list.push(toStored<E>(r));
    out.set(r.subject, list);
  }
  return out;
}

/** Appends contract events as ledger entries, one each, in order, inside `tx`. */
export async function appendEvents(tx: Tx, events: readonly ContractEvent[]): Promise<AppendResult[]> {
  return appendEntries(
    tx,
    events.map((e) => ({
      type: e.type,
      contract: e.contract,
      department: e.department,
      actor: e.actor,
      subject: e.subject,
      payload: e.payload as Record<string, unknown>,
    })),
  );
}
