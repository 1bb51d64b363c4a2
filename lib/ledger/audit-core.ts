// The ledger audit (DESIGN.md §5, `npm run ledger -- verify`), as pure streaming code: feed
// rows in seq order, get the first problem with its seq. Each row is checked for a gapless
// seq, a canonical entry that names its own seq, the stored leaf hash, the prev link to the
// previous leaf, and an Ed25519 signature by a department key of the entry's department that
// was valid at the entry's time. The RFC 6962 root is recomputed on the way with the right
// edge of the tree only (O(log n) memory), and compared with checkpoints at the end.
//
// Signatures are the expensive part. With `deferSignatures` the auditor only collects
// (signature, message, key) checks; the caller verifies them in batches (verifySignatureBatch
// here, or on worker threads with audit-workers.ts) and hands the results back. Rows arrive
// in seq order, so any pending check belongs to an earlier seq than the row being added:
// a caller that gets a problem from add() must settle pending checks first and report the
// lower seq (takeSignatureChecks + settleSignatures do exactly that).
import type { CryptoBackend } from "@/lib/crypto/backend";
import { bytesEqual, toBase64, toHex, utf8Encode } from "@/lib/crypto/bytes";
import { parseEntry, timeMs, type LedgerEntry } from "./entry";
import { leafHash, TreeBuilder } from "./merkle";
import { parseCheckpointBody, verifyNote } from "./note";

export type AuditReason =
  | "SEQ_GAP"
  | "NOT_CANONICAL"
  | "LEAF_HASH"
  | "PREV_LINK"
  | "BAD_SIGNATURE"
  | "UNKNOWN_KEY"
  | "KEY_DEPARTMENT"
  | "KEY_NOT_VALID"
  | "ROOT_MISMATCH"
  | "TREE_TOO_SHORT";

export interface AuditProblem {
  seq: number;
  reason: AuditReason;
  detail: string;
}

export interface AuditKey {
  name: string;
  department: string;
  role: string;
  status: string;
  publicKey: Uint8Array;
  validFrom: string;
  validUntil: string | null;
}

export interface AuditRow {
  seq: number;
  /** The stored canonical entry text, exactly as served. */
  entry: string;
  leafHash: Uint8Array;
  signature: Uint8Array;
  keyName: string;
}

/** One Ed25519 check; plain Uint8Arrays so it can be posted to a worker thread. */
export interface SignatureCheck {
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
}

export interface PendingSignatures {
  seqs: number[];
  checks: SignatureCheck[];
}

export interface AuditorOptions {
  keys: AuditKey[];
  /** Collect signature checks for the caller to verify (in parallel) instead of verifying in add(). */
  deferSignatures?: boolean;
  /** Tree sizes whose root to remember on the way (checkpoints smaller than the log). */
  rootsAt?: number[];
}

export interface Auditor {
  /** Checks the next row; returns the first problem (and keeps returning it), or null. */
  add(row: AuditRow): AuditProblem | null;
  /** Deferred mode: the checks collected since the last call, in seq order. */
  takeSignatureChecks(): PendingSignatures;
  /** Deferred mode: results for a batch taken earlier; returns the first failure, if any. */
  settleSignatures(batch: PendingSignatures, results: boolean[]): AuditProblem | null;
  /** Compares the recomputed root at the checkpoint's size with the checkpoint's root. */
  finish(checkpoint: { size: number; rootHash: Uint8Array }): AuditProblem | null;
  /** Rows accepted so far (= the next expected seq). */
  readonly size: number;
  /** Root of the rows accepted so far. */
  root(): Uint8Array;
  /** The last accepted row's parsed entry and leaf hash, so callers need not compute them again. */
  lastAccepted(): { entry: LedgerEntry; leaf: Uint8Array } | null;
}

/** Verifies a batch of signatures; the unit of work a worker thread runs. */
export function verifySignatureBatch(b: CryptoBackend, checks: SignatureCheck[]): boolean[] {
  return checks.map((c) => b.ed25519Verify(c.signature, c.message, c.publicKey));
}

interface PreparedKey extends AuditKey {
  fromMs: number;
  untilMs: number;
}

export function createAuditor(b: CryptoBackend, options: AuditorOptions): Auditor {
  const keys = new Map<string, PreparedKey>();
  for (const key of options.keys) {
    const fromMs = timeMs(key.validFrom);
    const untilMs = key.validUntil === null ? Infinity : timeMs(key.validUntil);
    if (Number.isNaN(fromMs) || Number.isNaN(untilMs)) throw new Error(`key ${key.name} has an invalid validity window`);
    if (keys.has(key.name)) throw new Error(`key name ${key.name} is listed twice`);
    keys.set(key.name, { ...key, fromMs, untilMs });
  }
  const wanted = new Set(options.rootsAt ?? []);
  const snapshots = new Map<number, Uint8Array>();
  const tree = new TreeBuilder(b);
  const deferred = options.deferSignatures === true;
  let pending: PendingSignatures = { seqs: [], checks: [] };
  let prevLeafText = "";
  let failure: AuditProblem | null = null;
  let accepted: { entry: LedgerEntry; leaf: Uint8Array } | null = null;

  const fail = (seq: number, reason: AuditReason, detail: string): AuditProblem => {
    failure = { seq, reason, detail };
    return failure;
  };

  if (wanted.has(0)) snapshots.set(0, tree.root());

  function add(row: AuditRow): AuditProblem | null {
    if (failure) return failure;
    const expected = tree.size;
    if (row.seq !== expected) {
      return fail(expected, "SEQ_GAP", row.seq > expected ? `seq ${expected} is missing (next row is ${row.seq})` : `row ${row.seq} repeats or is out of order (expected ${expected})`);
    }
    const parsed = parseEntry(row.entry);
    if (!parsed.ok) return fail(expected, "NOT_CANONICAL", `${parsed.reason}: ${parsed.detail}`);
    const entry = parsed.entry;
    if (entry.seq !== row.seq) return fail(expected, "SEQ_GAP", `row ${row.seq} holds the entry for seq ${entry.seq}`);
    const message = utf8Encode(row.entry);
    const leaf = leafHash(b, message);
    if (!(row.leafHash instanceof Uint8Array) || !bytesEqual(leaf, row.leafHash)) {
      return fail(expected, "LEAF_HASH", `stored leaf hash ${row.leafHash instanceof Uint8Array ? toBase64(row.leafHash) : "?"} ≠ recomputed ${toBase64(leaf)}`);
    }
    if (entry.prev !== prevLeafText) {
      return fail(expected, "PREV_LINK", `prev is ${JSON.stringify(entry.prev)}, the leaf hash of seq ${expected - 1} is ${JSON.stringify(prevLeafText)}`);
    }
    const key = keys.get(row.keyName);
    if (!key) return fail(expected, "UNKNOWN_KEY", `no key named ${JSON.stringify(row.keyName)}`);
    if (key.role !== "department") return fail(expected, "KEY_DEPARTMENT", `key ${key.name} has role ${key.role}; entries are signed by department keys`);
    if (key.department !== entry.department) {
      return fail(expected, "KEY_DEPARTMENT", `key ${key.name} belongs to ${key.department}, the entry to ${entry.department}`);
    }
    const at = timeMs(entry.time);
    if (!(key.fromMs <= at && at < key.untilMs)) {
      return fail(expected, "KEY_NOT_VALID", `key ${key.name} is valid from ${key.validFrom} until ${key.validUntil ?? "now"}, the entry is of ${entry.time}`);
    }
    if (deferred) {
      pending.seqs.push(expected);
      pending.checks.push({ signature: row.signature, message, publicKey: key.publicKey });
    } else if (!b.ed25519Verify(row.signature, message, key.publicKey)) {
      return fail(expected, "BAD_SIGNATURE", `signature does not verify under ${key.name} (${toHex(key.publicKey).slice(0, 16)}…)`);
    }
    tree.append(leaf);
    prevLeafText = toBase64(leaf);
    accepted = { entry, leaf };
    if (wanted.has(tree.size)) snapshots.set(tree.size, tree.root());
    return null;
  }

  function takeSignatureChecks(): PendingSignatures {
    const batch = pending;
    pending = { seqs: [], checks: [] };
    return batch;
  }

  function settleSignatures(batch: PendingSignatures, results: boolean[]): AuditProblem | null {
    if (results.length !== batch.seqs.length) throw new Error("settleSignatures: one result per check");
    const bad = results.indexOf(false);
    if (bad < 0) return null;
    const seq = batch.seqs[bad]!;
    const problem: AuditProblem = { seq, reason: "BAD_SIGNATURE", detail: "signature does not verify under its key" };
    // A signature failure is at an earlier seq than any structural problem found meanwhile.
    if (!failure || failure.seq > seq) failure = problem;
    return failure;
  }

  function finish(checkpoint: { size: number; rootHash: Uint8Array }): AuditProblem | null {
    if (failure) return failure;
    if (deferred && pending.checks.length > 0) throw new Error("finish: settle the pending signature checks first");
    if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0) throw new Error("finish: bad checkpoint size");
    if (checkpoint.size > tree.size) {
      return fail(tree.size, "TREE_TOO_SHORT", `the checkpoint covers ${checkpoint.size} entries, the ledger has ${tree.size}`);
    }
    const root = checkpoint.size === tree.size ? tree.root() : snapshots.get(checkpoint.size);
    if (!root) throw new Error(`finish: the root at size ${checkpoint.size} was not kept; pass it in rootsAt`);
    if (!bytesEqual(root, checkpoint.rootHash)) {
      return fail(Math.max(0, checkpoint.size - 1), "ROOT_MISMATCH", `recomputed root at size ${checkpoint.size} is ${toBase64(root)}, the checkpoint says ${toBase64(checkpoint.rootHash)}`);
    }
    return null;
  }

  return {
    add,
    takeSignatureChecks,
    settleSignatures,
    finish,
    get size() {
      return tree.size;
    },
    root: () => tree.root(),
    lastAccepted: () => accepted,
  };
}

export type CheckpointAudit =
  | { ok: true; origin: string; size: number; rootHash: Uint8Array; logKey: string; cosigners: string[]; witnessed: boolean }
  | { ok: false; reason: "NOTE" | "ORIGIN" | "NO_LOG_SIGNATURE"; detail: string };

/**
 * Checks a checkpoint note against the key list: a log key must sign it (first line), and
 * it is witnessed when at least `quorum` active department keys cosigned it.
 */
export function auditCheckpointNote(
  b: CryptoBackend,
  noteText: string,
  keys: AuditKey[],
  options: { quorum: number; origin?: string },
): CheckpointAudit {
  const verified = verifyNote(b, noteText, keys);
  if (!verified.ok) return { ok: false, reason: "NOTE", detail: `${verified.reason}${verified.name ? ` (${verified.name})` : ""}` };
  const body = parseCheckpointBody(verified.body);
  if (!body.ok) return { ok: false, reason: "NOTE", detail: `checkpoint body: ${body.reason}` };
  if (options.origin !== undefined && body.origin !== options.origin) {
    return { ok: false, reason: "ORIGIN", detail: `origin ${JSON.stringify(body.origin)}, expected ${JSON.stringify(options.origin)}` };
  }
  const byName = new Map(keys.map((k) => [k.name, k]));
  const logKey = verified.verified[0];
  if (logKey === undefined || byName.get(logKey)?.role !== "log") {
    return { ok: false, reason: "NO_LOG_SIGNATURE", detail: "the first verified signature is not by a log key" };
  }
  const cosigners = verified.verified.filter((name) => {
    const key = byName.get(name);
    return key?.role === "department" && key.status === "active";
  });
  return {
    ok: true,
    origin: body.origin,
    size: body.size,
    rootHash: body.rootHash,
    logKey,
    cosigners,
    witnessed: cosigners.length >= options.quorum,
  };
}
