// Appending to the ledger (DESIGN.md §5) inside the caller's transaction, so a state
// change and its entry commit together or not at all.
//
// Serialisation happens in the database, not in process memory: every append first takes
// `SELECT … FOR UPDATE` on the single ledger_head row, which holds the size, the last leaf
// hash and the tree's right frontier. Any number of processes against one PostgreSQL
// therefore see seq values that never fork and never skip: a transaction that rolls back
// releases the lock without having moved the head. PGlite (one connection) behaves the same.
//
// The new tree hashes are computed from the frontier (the roots of the complete subtrees on
// the right edge: exactly what golang.org/x/mod/sumdb/tlog's StoredHashes reads), so an
// append is one locked read and one write statement, never a scan.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { ledgerHead, type DepartmentCode } from "@/lib/db/schema";
import type { CryptoBackend } from "@/lib/crypto/backend";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { concatBytes, toBase64, utf8Encode } from "@/lib/crypto/bytes";
import { encodeEntry, type LedgerEntry } from "./entry";
import { activeDepartmentSigners, type SigningKey } from "./keys";
import { leafHash, storedHashes, storedHashIndex } from "./merkle";

export interface AppendInput {
  /** Event type, e.g. `application.submitted`. */
  type: string;
  /** `name@version` of the contract that produced the event. */
  contract: string;
  department: DepartmentCode;
  /** Opaque reference to who acted (never a name or ID number). */
  actor: string;
  /** Opaque reference to what the event is about. */
  subject: string;
  /** No personal data: opaque ids, keyed HMACs, hashes, yes/no answers, reason codes. */
  payload: Record<string, unknown>;
  /** Defaults to now, never earlier than the previous entry's time. */
  time?: Date;
}

export interface AppendResult {
  seq: number;
  /** base64 RFC 6962 leaf hash. */
  leafHash: string;
  entry: LedgerEntry;
  /** The exact canonical string that was hashed, signed and stored. */
  canonical: string;
  /** base64 Ed25519 signature over the canonical bytes. */
  signature: string;
  keyName: string;
}

export interface LockedHead {
  instanceId: string;
  size: number;
  lastLeafHash: Uint8Array;
  frontier: Uint8Array;
  lastTime: Date | null;
  keyEpoch: number;
}

const HASH_LENGTH = 32;

/** Locks the head row for the rest of the transaction and returns it. */
export async function lockHead(tx: Tx): Promise<LockedHead> {
  const [row] = await tx.select().from(ledgerHead).where(eq(ledgerHead.id, 1)).for("update");
  if (!row) throw new Error("ledger_head row is missing: run the migrations (drizzle/guards.sql creates it)");
  return {
    instanceId: row.instanceId,
    size: Number(row.size),
    lastLeafHash: new Uint8Array(row.lastLeafHash),
    frontier: new Uint8Array(row.frontier),
    lastTime: row.lastTime,
    keyEpoch: row.keyEpoch,
  };
}

/**
 * Tells every process that its cached active keys are stale (call with the head locked).
 * The epoch is a fresh random tag, not a counter: a rotation that rolls back must never
 * leave a cache entry under an epoch that a later, committed rotation could reuse.
 */
export async function bumpKeyEpoch(tx: Tx): Promise<void> {
  await tx
    .update(ledgerHead)
    .set({ keyEpoch: sql`floor(random() * 2147483646)::int + 1` })
    .where(eq(ledgerHead.id, 1));
}

/**
 * The time for the next entry: the requested one, or now but never before the previous
 * entry (clocks of several servers differ), plus `strictlyAfterMs` when the caller needs a
 * time strictly later than every existing entry (key rotation).
 */
export function nextEntryTime(head: Pick<LockedHead, "lastTime">, requested: Date | undefined, strictlyAfterMs = 0): Date {
  if (requested) return new Date(requested.getTime());
  const now = Date.now();
  const floor = head.lastTime ? head.lastTime.getTime() + strictlyAfterMs : -Infinity;
  return new Date(Math.max(now, floor));
}

function popcount(n: number): number {
  let count = 0;
  for (let v = n; v > 0; v = Math.floor(v / 2)) count += v % 2;
  return count;
}

/** Frontier bytes → Map<stored hash index, hash>, one per set bit of size (lowest level first). */
function frontierMap(size: number, frontier: Uint8Array): Map<number, Uint8Array> {
  if (frontier.length !== popcount(size) * HASH_LENGTH) {
    throw new Error(`ledger_head frontier holds ${frontier.length} bytes, expected ${popcount(size) * HASH_LENGTH} for size ${size}`);
  }
  const map = new Map<number, Uint8Array>();
  let offset = 0;
  for (let level = 0; 2 ** level <= size; level++) {
    if (Math.floor(size / 2 ** level) % 2 === 1) {
      map.set(storedHashIndex(level, Math.floor(size / 2 ** level) - 1), frontier.subarray(offset, offset + HASH_LENGTH));
      offset += HASH_LENGTH;
    }
  }
  return map;
}

/** The frontier after appending record n, whose stored hashes are `hashes` (leaf first). */
function nextFrontier(n: number, frontier: Uint8Array, hashes: Uint8Array[]): Uint8Array {
  // Appending record n completes one subtree per trailing 1 bit of n (m of them) and
  // replaces those m frontier roots with the single new root at level m.
  const m = hashes.length - 1;
  return concatBytes(hashes[m]!, frontier.subarray(m * HASH_LENGTH));
}

/**
 * The hashes to store when appending record `size` (leaf first, at storedHashIndex(0, size)
 * onwards) and the frontier after it, computed from the frontier alone.
 */
export async function advanceTree(
  b: CryptoBackend,
  size: number,
  frontier: Uint8Array,
  leaf: Uint8Array,
): Promise<{ hashes: Uint8Array[]; frontier: Uint8Array }> {
  const known = frontierMap(size, frontier);
  const hashes = await storedHashes(b, size, leaf, async (indexes) =>
    indexes.map((index) => {
      const hash = known.get(index);
      if (!hash) throw new Error(`frontier has no stored hash ${index} for size ${size}`);
      return hash;
    }),
  );
  return { hashes, frontier: nextFrontier(size, frontier, hashes) };
}

// Active department keys per database instance, refreshed whenever the head's key epoch
// moves (rotation or first-start generation happen under the same head lock).
const signerCache = new Map<string, { epoch: number; signers: Map<DepartmentCode, SigningKey> }>();

async function departmentSigners(tx: Tx, head: LockedHead): Promise<Map<DepartmentCode, SigningKey>> {
  const hit = signerCache.get(head.instanceId);
  if (hit && hit.epoch === head.keyEpoch) return hit.signers;
  const signers = await activeDepartmentSigners(tx);
  signerCache.set(head.instanceId, { epoch: head.keyEpoch, signers });
  return signers;
}

// One statement per chunk keeps the round trips at two per append (lock + write) while
// staying well under PostgreSQL's 65,535 bind parameters (~13 per entry).
export const ENTRIES_PER_STATEMENT = 1000;

/** A batch of entries ready to write: rows for one statement, and the head after them. */
interface PreparedBatch {
  results: AppendResult[];
  entryRows: SQL[];
  hashRows: SQL[];
  after: LockedHead;
}

/** Builds, hashes and signs the entries that follow `head` (pure: no database). */
async function prepareBatch(head: LockedHead, signers: Map<DepartmentCode, SigningKey>, inputs: readonly AppendInput[]): Promise<PreparedBatch> {
  const b = nodeBackend;
  let size = head.size;
  let prev = head.lastLeafHash;
  let frontier = head.frontier;
  let lastTime = head.lastTime;
  const results: AppendResult[] = [];
  const entryRows: SQL[] = [];
  const hashRows: SQL[] = [];
  for (const input of inputs) {
    const signer = signers.get(input.department);
    if (!signer) throw new Error(`no active department key for ${input.department}: keys are generated on first start (ensureLedgerKeys)`);
    // Default times never precede the previous entry nor the key's window (server clocks differ).
    const floor = lastTime && lastTime > signer.validFrom ? lastTime : signer.validFrom;
    const time = nextEntryTime({ lastTime: floor }, input.time);
    // An entry outside its key's window would fail every audit: refuse it now, loudly.
    if (time < signer.validFrom || (signer.validUntil && time >= signer.validUntil)) {
      throw new Error(
        `entry time ${time.toISOString()} is outside the validity of ${signer.name} (from ${signer.validFrom.toISOString()}): ` +
          "leave `time` unset, or pass a time within the active key's window",
      );
    }
    const entry: LedgerEntry = {
      v: 1,
      seq: size,
      type: input.type,
      contract: input.contract,
      department: input.department,
      actor: input.actor,
      time: time.toISOString(),
      subject: input.subject,
      payload: input.payload,
      prev: size === 0 ? "" : toBase64(prev),
    };
    const canonical = encodeEntry(entry);
    const bytes = utf8Encode(canonical);
    const leaf = leafHash(b, bytes);
    const { hashes, frontier: advanced } = await advanceTree(b, size, frontier, leaf);
    const signature = toBase64(signer.sign(bytes));
    const leafText = toBase64(leaf);
    entryRows.push(
      sql`(${size}::bigint, ${canonical}::text, ${leafText}::text, ${signature}::text, ${signer.name}::text, ${input.type}::text, ${input.department}::text, ${input.subject}::text, ${entry.time}::timestamptz)`,
    );
    const first = storedHashIndex(0, size);
    hashes.forEach((hash, i) => hashRows.push(sql`(${first + i}::bigint, ${hash}::bytea)`));
    results.push({ seq: size, leafHash: leafText, entry, canonical, signature, keyName: signer.name });
    frontier = advanced;
    prev = leaf;
    lastTime = lastTime && lastTime > time ? lastTime : time;
    size += 1;
  }
  return { results, entryRows, hashRows, after: { ...head, size, lastLeafHash: prev, frontier, lastTime } };
}

const ENTRY_COLUMNS = sql.raw("seq, entry, leaf_hash, signature, key_name, type, department, subject, time");

function headAssignments(after: LockedHead): SQL {
  return sql`size = ${after.size}, last_leaf_hash = ${after.lastLeafHash}::bytea, frontier = ${after.frontier}::bytea,
    last_time = ${after.lastTime ? after.lastTime.toISOString() : null}::timestamptz`;
}

/**
 * Appends several entries in one go, returning the head they leave behind (one lock, one
 * write per 1,000 entries). Runs inside the caller's transaction.
 */
export async function appendEntriesAndHead(tx: Tx, inputs: readonly AppendInput[]): Promise<{ results: AppendResult[]; head: LockedHead }> {
  let head = await lockHead(tx);
  if (inputs.length === 0) return { results: [], head };
  const signers = await departmentSigners(tx, head);
  const results: AppendResult[] = [];
  for (let i = 0; i < inputs.length; i += ENTRIES_PER_STATEMENT) {
    const batch = await prepareBatch(head, signers, inputs.slice(i, i + ENTRIES_PER_STATEMENT));
    // One statement writes the entries, their tree hashes and the moved head.
    await tx.execute(sql`
      WITH new_hashes AS (
        INSERT INTO ledger_hashes (idx, hash) VALUES ${sql.join(batch.hashRows, sql`, `)}
      ), new_entries AS (
        INSERT INTO ledger_entries (${ENTRY_COLUMNS}) VALUES ${sql.join(batch.entryRows, sql`, `)}
      )
      UPDATE ledger_head SET ${headAssignments(batch.after)} WHERE id = 1`);
    results.push(...batch.results);
    head = batch.after;
  }
  return { results, head };
}

/**
 * Appends several entries in one go (group commit: one lock, one write per 1,000 entries).
 * Runs inside the caller's transaction; nothing is visible to others until it commits.
 */
export async function appendEntries(tx: Tx, inputs: readonly AppendInput[]): Promise<AppendResult[]> {
  if (inputs.length === 0) return [];
  return (await appendEntriesAndHead(tx, inputs)).results;
}

/**
 * Appends entries that need no state change of their own in ONE autocommitted statement,
 * computed from a head the caller remembers (the one a previous append left behind): one
 * round trip, commit included, instead of begin + lock + write + commit.
 *
 * Optimistic but never forking: the statement moves ledger_head only if it still has the
 * expected size and key epoch (under the row lock, re-checked after any concurrent append
 * commits), and inserts the entries and hashes only if it moved it. Anyone else's append in
 * between (another process, a use-case's own transaction, a key rotation) makes it write
 * nothing and answer null; the caller then takes the locked path. The unique seq would
 * refuse a fork even if this check were wrong.
 */
export async function appendEntriesIfHead(
  db: Db,
  expected: LockedHead,
  inputs: readonly AppendInput[],
): Promise<{ results: AppendResult[]; head: LockedHead } | null> {
  const prepared = await prepareIfHead(expected, inputs);
  if (!prepared) return null;
  return (await prepared.write(db)) ? { results: prepared.results, head: prepared.head } : null;
}

/**
 * The two halves of appendEntriesIfHead, so a caller can build (hash, sign) the next batch
 * from this one's head while this one is still on its way to the database: null when the
 * active keys for `expected` are not known here (take the locked path once).
 */
export async function prepareIfHead(
  expected: LockedHead,
  inputs: readonly AppendInput[],
): Promise<{ results: AppendResult[]; head: LockedHead; write(db: Db): Promise<boolean> } | null> {
  if (inputs.length === 0 || inputs.length > ENTRIES_PER_STATEMENT) return null;
  const cached = signerCache.get(expected.instanceId);
  if (!cached || cached.epoch !== expected.keyEpoch) return null;
  const batch = await prepareBatch(expected, cached.signers, inputs);
  const statement = sql`
    WITH moved AS (
      UPDATE ledger_head SET ${headAssignments(batch.after)}
      WHERE id = 1 AND size = ${expected.size} AND key_epoch = ${expected.keyEpoch}
        AND last_leaf_hash = ${expected.lastLeafHash}::bytea
      RETURNING 1
    ), new_hashes AS (
      INSERT INTO ledger_hashes (idx, hash)
      SELECT * FROM (VALUES ${sql.join(batch.hashRows, sql`, `)}) AS v WHERE EXISTS (SELECT 1 FROM moved)
    ), new_entries AS (
      INSERT INTO ledger_entries (${ENTRY_COLUMNS})
      SELECT * FROM (VALUES ${sql.join(batch.entryRows, sql`, `)}) AS v WHERE EXISTS (SELECT 1 FROM moved)
    )
    SELECT count(*)::int AS moved FROM moved`;
  return {
    results: batch.results,
    head: batch.after,
    async write(db) {
      const answer = await db.execute(statement);
      const rows = (Array.isArray(answer) ? answer : (answer as { rows: unknown[] }).rows) as { moved: number }[];
      return rows[0]?.moved === 1;
    },
  };
}

/** Appends one entry inside the caller's transaction. */
export async function appendEntry(tx: Tx, input: AppendInput): Promise<AppendResult> {
  const [result] = await appendEntries(tx, [input]);
  return result!;
}
