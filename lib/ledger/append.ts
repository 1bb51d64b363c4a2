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
import { eq, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "@/lib/db";
import { queryPrepared, type PinnedConnection } from "@/lib/db/prepared";
import { ledgerHead, type DepartmentCode } from "@/lib/db/schema";
import type { CryptoBackend } from "@/lib/crypto/backend";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { currentTime } from "@/lib/clock";
import { concatBytes, toBase64, utf8Encode } from "@/lib/crypto/bytes";
import { encodeEntry, type LedgerEntry } from "./entry";
import { activeDepartmentSigners, type SigningKey } from "./keys";
import { leafHash, nodeHash, storedHashIndex } from "./merkle";

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

// A fixed text (queryPrepared: one round trip once prepared on the transaction's connection).
const LOCK_HEAD = `SELECT instance_id::text AS instance_id, size::text AS size, last_leaf_hash, frontier, last_time, key_epoch
  FROM ledger_head WHERE id = 1 FOR UPDATE`;

/** Locks the head row for the rest of the transaction and returns it. */
export async function lockHead(tx: Tx): Promise<LockedHead> {
  const [row] = await queryPrepared<{
    instance_id: string;
    size: string;
    last_leaf_hash: Uint8Array;
    frontier: Uint8Array;
    last_time: Date | string | null;
    key_epoch: number;
  }>(tx, LOCK_HEAD, []);
  if (!row) throw new Error("ledger_head row is missing: run the migrations (drizzle/guards.sql creates it)");
  return {
    instanceId: row.instance_id,
    size: Number(row.size),
    lastLeafHash: new Uint8Array(row.last_leaf_hash),
    frontier: new Uint8Array(row.frontier),
    lastTime: row.last_time === null ? null : new Date(row.last_time),
    keyEpoch: Number(row.key_epoch),
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
 * The time for the next entry: the requested one, or now (lib/clock) but never before the previous
 * entry (clocks of several servers differ), plus `strictlyAfterMs` when the caller needs a
 * time strictly later than every existing entry (key rotation).
 */
export function nextEntryTime(head: Pick<LockedHead, "lastTime">, requested: Date | undefined, strictlyAfterMs = 0): Date {
  if (requested) return new Date(requested.getTime());
  const now = currentTime().getTime();
  const floor = head.lastTime ? head.lastTime.getTime() + strictlyAfterMs : -Infinity;
  return new Date(Math.max(now, floor));
}

function popcount(n: number): number {
  let count = 0;
  for (let v = n; v > 0; v = Math.floor(v / 2)) count += v % 2;
  return count;
}

/**
 * The hashes to store when appending record `size` (leaf first, at storedHashIndex(0, size)
 * onwards) and the frontier after it, computed from the frontier alone (synchronously: the
 * append path runs this for every entry). The frontier holds one root per set bit of size,
 * lowest level first. Record `size` completes one subtree per trailing 1 bit of size (m of
 * them): their left halves are the m lowest frontier roots, and the new root at level m
 * replaces them. Same hashes as merkle.ts's storedHashes (append.test.ts holds them equal).
 */
export function advanceTree(b: CryptoBackend, size: number, frontier: Uint8Array, leaf: Uint8Array): { hashes: Uint8Array[]; frontier: Uint8Array } {
  if (frontier.length !== popcount(size) * HASH_LENGTH) {
    throw new Error(`ledger_head frontier holds ${frontier.length} bytes, expected ${popcount(size) * HASH_LENGTH} for size ${size}`);
  }
  const hashes = [leaf];
  let hash = leaf;
  let m = 0;
  for (let n = size; n % 2 === 1; n = (n - 1) / 2, m++) {
    hash = nodeHash(b, frontier.subarray(m * HASH_LENGTH, (m + 1) * HASH_LENGTH), hash);
    hashes.push(hash);
  }
  return { hashes, frontier: concatBytes(hash, frontier.subarray(m * HASH_LENGTH)) };
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

// One statement per chunk keeps the round trips at two per append (lock + write); the
// statement's text is the same for any number of entries (each column travels as one joined text), so
// PostgreSQL parses and plans it once per connection (queryPrepared).
export const ENTRIES_PER_STATEMENT = 1000;

/** A batch of entries ready to write: WRITE_BATCH's parameters, and the head after them. */
interface PreparedBatch {
  results: AppendResult[];
  params: unknown[];
  after: LockedHead;
}

/**
 * Writes a batch: moves ledger_head from the expected head ($5 size, $6 key epoch, $7 last
 * leaf hash) to the new one ($1–$4), and only if it moved, inserts the tree hashes ($9: 32
 * bytes each, at consecutive indexes from $8; record n's hashes start at
 * storedHashIndex(0, n), where record n-1's end) and the entries (seq counting up from the
 * expected size; $10–$17 carry one column each, its values joined by U+001F: a plain text
 * parameter costs this process and PostgreSQL far less than a text[] literal, whose every
 * element is quoted and escaped on the way out and parsed on the way in). No value can hold
 * U+001F: canonical JSON escapes every control character, and the other columns are base64,
 * key names, times, or the entry's own validated type, department and subject. Answers
 * `moved` = 1 when it wrote, else 0.
 * Under the head lock (the locked path) the expected head is the locked one, so it always
 * moves; the unique seq would refuse a fork even if that check were wrong.
 */
const WRITE_BATCH = `
WITH moved AS (
  UPDATE ledger_head SET size = $1::bigint, last_leaf_hash = $2::bytea, frontier = $3::bytea, last_time = $4::timestamptz
  WHERE id = 1 AND size = $5::bigint AND key_epoch = $6::int AND last_leaf_hash = $7::bytea
  RETURNING 1
), new_hashes AS (
  INSERT INTO ledger_hashes (idx, hash)
  SELECT $8::bigint + i, substring($9::bytea FROM i * 32 + 1 FOR 32)
  FROM generate_series(0, length($9::bytea) / 32 - 1) AS i
  WHERE EXISTS (SELECT 1 FROM moved)
), new_entries AS (
  INSERT INTO ledger_entries (seq, entry, leaf_hash, signature, key_name, type, department, subject, time)
  SELECT $5::bigint + n - 1, entry, leaf_hash, signature, key_name, type, department, subject, time::timestamptz
  FROM unnest(string_to_array($10::text, E'\\x1f'), string_to_array($11::text, E'\\x1f'), string_to_array($12::text, E'\\x1f'),
    string_to_array($13::text, E'\\x1f'), string_to_array($14::text, E'\\x1f'), string_to_array($15::text, E'\\x1f'),
    string_to_array($16::text, E'\\x1f'), string_to_array($17::text, E'\\x1f'))
    WITH ORDINALITY AS v(entry, leaf_hash, signature, key_name, type, department, subject, time, n)
  WHERE EXISTS (SELECT 1 FROM moved)
)
SELECT count(*)::int AS moved FROM moved`;

/** Joins a column's values into one WRITE_BATCH parameter (see there). */
const UNIT_SEPARATOR = "\x1f";

/** Builds, hashes and signs the entries that follow `head` (pure: no database). */
function prepareBatch(head: LockedHead, signers: Map<DepartmentCode, SigningKey>, inputs: readonly AppendInput[]): PreparedBatch {
  const b = nodeBackend;
  let size = head.size;
  let prev = head.lastLeafHash;
  let prevText = size === 0 ? "" : toBase64(prev);
  let frontier = head.frontier;
  let lastTime = head.lastTime;
  const results: AppendResult[] = [];
  const newHashes: Uint8Array[] = [];
  const columns = { entry: [] as string[], leafHash: [] as string[], signature: [] as string[], keyName: [] as string[], type: [] as string[], department: [] as string[], subject: [] as string[], time: [] as string[] };
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
      prev: prevText,
    };
    const canonical = encodeEntry(entry);
    const bytes = utf8Encode(canonical);
    const leaf = leafHash(b, bytes);
    const advanced = advanceTree(b, size, frontier, leaf);
    const signature = toBase64(signer.sign(bytes));
    const leafText = toBase64(leaf);
    columns.entry.push(canonical);
    columns.leafHash.push(leafText);
    columns.signature.push(signature);
    columns.keyName.push(signer.name);
    columns.type.push(input.type);
    columns.department.push(input.department);
    columns.subject.push(input.subject);
    columns.time.push(entry.time);
    newHashes.push(...advanced.hashes);
    results.push({ seq: size, leafHash: leafText, entry, canonical, signature, keyName: signer.name });
    frontier = advanced.frontier;
    prev = leaf;
    prevText = leafText;
    lastTime = lastTime && lastTime > time ? lastTime : time;
    size += 1;
  }
  const firstHash = storedHashIndex(0, head.size);
  // WRITE_BATCH stores the hashes at consecutive indexes: they must end where the next record's begin.
  if (firstHash + newHashes.length !== storedHashIndex(0, size)) throw new Error("append: stored hashes are not contiguous");
  const after: LockedHead = { ...head, size, lastLeafHash: prev, frontier, lastTime };
  const params = [
    after.size,
    after.lastLeafHash,
    after.frontier,
    after.lastTime ? after.lastTime.toISOString() : null,
    head.size,
    head.keyEpoch,
    head.lastLeafHash,
    firstHash,
    concatBytes(...newHashes),
    columns.entry.join(UNIT_SEPARATOR),
    columns.leafHash.join(UNIT_SEPARATOR),
    columns.signature.join(UNIT_SEPARATOR),
    columns.keyName.join(UNIT_SEPARATOR),
    columns.type.join(UNIT_SEPARATOR),
    columns.department.join(UNIT_SEPARATOR),
    columns.subject.join(UNIT_SEPARATOR),
    columns.time.join(UNIT_SEPARATOR),
  ];
  return { results, params, after };
}

/** Runs WRITE_BATCH; true when it moved the head (and so wrote the batch). */
async function writeBatch(q: Queryable | PinnedConnection, batch: PreparedBatch): Promise<boolean> {
  const [row] = await queryPrepared<{ moved: number }>(q, WRITE_BATCH, batch.params);
  return row?.moved === 1;
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
    const batch = prepareBatch(head, signers, inputs.slice(i, i + ENTRIES_PER_STATEMENT));
    // One statement writes the entries, their tree hashes and the moved head; we hold the
    // head lock, so it cannot miss.
    if (!(await writeBatch(tx, batch))) throw new Error("append: ledger_head changed while this transaction held its lock");
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
 * Builds and signs entries that need no state change of their own for ONE autocommitted
 * statement, computed from a head the caller remembers (the one a previous append left
 * behind): one round trip, commit included, instead of begin + lock + write + commit. The
 * head after the batch is known at once, so a caller can build the next batch from it while
 * this one is still on its way to the database. Null when the active keys for `expected` are
 * not known here (take the locked path once).
 *
 * Optimistic but never forking: the statement moves ledger_head only if it still has the
 * expected size and key epoch (under the row lock, re-checked after any concurrent append
 * commits), and inserts the entries and hashes only if it moved it. Anyone else's append in
 * between (another process, a use-case's own transaction, a key rotation) makes it write
 * nothing and `write` answer false; the caller then takes the locked path. The unique seq
 * would refuse a fork even if this check were wrong. `write` takes the database or a pinned
 * connection (lib/db/prepared.ts), on which batches sent one after another reach PostgreSQL
 * in that order.
 */
export function prepareIfHead(
  expected: LockedHead,
  inputs: readonly AppendInput[],
): { results: AppendResult[]; head: LockedHead; write(target: Db | PinnedConnection): Promise<boolean> } | null {
  if (inputs.length === 0 || inputs.length > ENTRIES_PER_STATEMENT) return null;
  const cached = signerCache.get(expected.instanceId);
  if (!cached || cached.epoch !== expected.keyEpoch) return null;
  const batch = prepareBatch(expected, cached.signers, inputs);
  return { results: batch.results, head: batch.after, write: (target) => writeBatch(target, batch) };
}

/** Appends one entry inside the caller's transaction. */
export async function appendEntry(tx: Tx, input: AppendInput): Promise<AppendResult> {
  const [result] = await appendEntries(tx, [input]);
  return result!;
}
