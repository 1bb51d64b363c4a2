// `npm run ledger -- verify` (DESIGN.md §5): re-checks every entry, signature, prev link
// and the root against the newest checkpoint and the newest witnessed one, and checks both
// checkpoints' log signature and cosignatures. It also recomputes every stored tree hash
// (what proofs are served from) and the row columns copied from each entry, and stops at
// the first bad seq with the reason.
//
// Entries stream in seq order, in batches (keyset pagination), so memory stays O(batch).
import { and, asc, gte, lt } from "drizzle-orm";
import type { Queryable } from "@/lib/db";
import { ledgerCheckpoints, ledgerHashes } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { CryptoBackend } from "@/lib/crypto/backend";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { bytesEqual, fromBase64, toBase64 } from "@/lib/crypto/bytes";
import { advanceTree } from "./append";
import { auditCheckpointNote, createAuditor, type AuditKey, type AuditProblem, type Auditor, type PendingSignatures } from "./audit-core";
import { latestCheckpoint, newestCheckpoint, type Checkpoint } from "./checkpoints";
import type { LedgerEntry } from "./entry";
import { listLedgerKeys } from "./keys";
import { storedHashIndex } from "./merkle";
import { parseCheckpointBody, verifyNote } from "./note";
import { postgresLedgerStore, type StoredEntry } from "./store";

export type VerifyProblem =
  | (AuditProblem & { kind: "entry" })
  | { kind: "entry"; seq: number; reason: "STORED_HASH" | "ROW_COLUMNS" | "HEAD"; detail: string }
  | { kind: "checkpoint"; treeSize: number; reason: string; detail: string };

export interface CheckpointSummary {
  treeSize: number;
  logKey: string;
  cosigners: string[];
  witnessed: boolean;
}

export interface VerifyReport {
  ok: boolean;
  /** Entries checked. */
  entries: number;
  problem?: VerifyProblem;
  newest?: CheckpointSummary;
  witnessed?: CheckpointSummary;
  /** Notes for the operator that are not failures (e.g. no checkpoint reached the quorum yet). */
  warnings: string[];
  seconds: number;
}

/** Verifies signature batches off the main thread; see lib/ledger/audit-workers.ts. */
export interface SignatureVerifier {
  verify(batch: PendingSignatures): Promise<boolean[]>;
}

export interface VerifyOptions {
  b?: CryptoBackend;
  batchSize?: number;
  quorum?: number;
  origin?: string;
  /** With a verifier, signatures are checked in parallel batches instead of inline. */
  signatures?: SignatureVerifier;
  /** Also check every checkpoint ever published (log signature and root), not only the two that matter. */
  allCheckpoints?: boolean;
  onProgress?: (entries: number) => void;
  /** With a verifier: rows per signature batch (default 1,000). */
  signatureChunk?: number;
}

function toAuditKeys(keys: Awaited<ReturnType<typeof listLedgerKeys>>): AuditKey[] {
  return keys.map((k) => ({
    name: k.name,
    department: k.department,
    role: k.role,
    status: k.status,
    publicKey: k.publicKey,
    validFrom: k.validFrom.toISOString(),
    validUntil: k.validUntil ? k.validUntil.toISOString() : null,
  }));
}

/** The columns copied out of the entry for lookups must say what the entry says. */
function columnsMismatch(row: StoredEntry, entry: LedgerEntry): string | null {
  if (row.type !== entry.type) return `type column ${JSON.stringify(row.type)} ≠ entry ${JSON.stringify(entry.type)}`;
  if (row.department !== entry.department) return `department column ${JSON.stringify(row.department)} ≠ entry ${JSON.stringify(entry.department)}`;
  if (row.subject !== entry.subject) return `subject column ${JSON.stringify(row.subject)} ≠ entry ${JSON.stringify(entry.subject)}`;
  if (row.time.getTime() !== Date.parse(entry.time)) return `time column ${row.time.toISOString()} ≠ entry ${entry.time}`;
  return null;
}

/** Signature batches in flight at most (memory: each holds its rows' entry bytes). */
const MAX_SIGNATURE_BATCHES = 4;

export async function verifyLedger(q: Queryable, options: VerifyOptions = {}): Promise<VerifyReport> {
  const started = performance.now();
  const b = options.b ?? nodeBackend;
  const batchSize = options.batchSize ?? 5000;
  const signatureChunk = options.signatureChunk ?? 1000;
  const quorum = options.quorum ?? env.WITNESS_QUORUM;
  const origin = options.origin ?? env.LEDGER_ORIGIN;
  const warnings: string[] = [];
  const store = postgresLedgerStore(q);
  const keys = toAuditKeys(await listLedgerKeys(q));
  const report = (problem: VerifyProblem | undefined, entries: number, extra: Partial<VerifyReport> = {}): VerifyReport => ({
    ok: !problem,
    entries,
    problem,
    warnings,
    seconds: (performance.now() - started) / 1000,
    ...extra,
  });

  // 1. The checkpoints: signatures first, so a forged checkpoint is not used as the yardstick.
  const newest = await newestCheckpoint(q);
  const witnessedCheckpoint = await latestCheckpoint(q, quorum);
  const summaries: { newest?: CheckpointSummary; witnessed?: CheckpointSummary } = {};
  const targets: Pick<Checkpoint, "treeSize" | "rootHash">[] = [];
  for (const [label, checkpoint] of [["newest", newest], ["witnessed", witnessedCheckpoint]] as const) {
    if (!checkpoint) continue;
    const audit = auditCheckpointNote(b, checkpoint.note, keys, { quorum, origin });
    if (!audit.ok) return report({ kind: "checkpoint", treeSize: checkpoint.treeSize, reason: audit.reason, detail: audit.detail }, 0);
    if (audit.size !== checkpoint.treeSize || toBase64(audit.rootHash) !== checkpoint.rootHash) {
      return report({ kind: "checkpoint", treeSize: checkpoint.treeSize, reason: "NOTE", detail: "the note's body disagrees with the stored size or root" }, 0);
    }
    const summary = { treeSize: audit.size, logKey: audit.logKey, cosigners: audit.cosigners, witnessed: audit.witnessed };
    if (label === "newest") summaries.newest = summary;
    else summaries.witnessed = summary;
    targets.push(checkpoint);
  }
  if (options.allCheckpoints) {
    // Every checkpoint ever published: its log signature now, its root after the entries.
    const logKeys = keys.filter((k) => k.role === "log");
    const rows = await q.select().from(ledgerCheckpoints).orderBy(asc(ledgerCheckpoints.treeSize));
    for (const row of rows) {
      const verified = verifyNote(b, `${row.body}\n${row.logSignature}`, logKeys);
      const body = verified.ok ? parseCheckpointBody(verified.body) : null;
      if (!verified.ok || !body?.ok || body.size !== Number(row.treeSize) || toBase64(body.rootHash) !== row.rootHash) {
        const treeSize = Number(row.treeSize);
        return report({ kind: "checkpoint", treeSize, reason: "NOTE", detail: verified.ok ? "body disagrees with the stored size or root" : `log signature: ${verified.reason}` }, 0);
      }
      targets.push({ treeSize: Number(row.treeSize), rootHash: row.rootHash });
    }
  }
  if (!newest) warnings.push("no checkpoint has been published yet: entries are checked, but there is no root to compare with");
  else if (!summaries.witnessed?.witnessed) warnings.push(`no checkpoint has reached the witness quorum (${quorum}) yet`);

  // 2. Every entry, in seq order, plus the stored tree hashes and the copied columns.
  const auditor: Auditor = createAuditor(b, {
    keys,
    deferSignatures: options.signatures !== undefined,
    rootsAt: [...new Set(targets.map((c) => c.treeSize))],
  });
  const headSize = await store.treeSize();
  let frontier: Uint8Array = new Uint8Array();
  // Signature batches on their way (worker threads), oldest first. A batch goes out every
  // SIGNATURE_CHUNK accepted rows rather than once per page read, so the workers start
  // early and the main thread's checks of the next rows overlap their work.
  const inFlight: Array<Promise<AuditProblem | null>> = [];
  let unsent = 0;
  /** Waits for every batch in flight; the lowest-seq signature failure among them, if any. */
  const settle = async (): Promise<AuditProblem | null> => {
    let found: AuditProblem | null = null;
    while (inFlight.length > 0) {
      const problem = await inFlight.shift()!;
      if (problem && (!found || problem.seq < found.seq)) found = problem;
    }
    return found;
  };
  const startSignatureBatch = () => {
    unsent = 0;
    if (!options.signatures) return;
    const batch = auditor.takeSignatureChecks();
    if (batch.checks.length === 0) return;
    const settled = options.signatures.verify(batch).then((results) => auditor.settleSignatures(batch, results));
    settled.catch(() => {}); // a failing verifier is reported when this batch is awaited, not as an unhandled rejection
    inFlight.push(settled);
  };
  /** Keeps at most MAX_SIGNATURE_BATCHES in flight (memory), settling the oldest. */
  const throttle = async (): Promise<AuditProblem | null> => {
    while (inFlight.length > MAX_SIGNATURE_BATCHES) {
      const problem = await inFlight.shift()!;
      if (problem) return problem;
    }
    return null;
  };
  const entryProblem = async (problem: AuditProblem | { seq: number; reason: "STORED_HASH" | "ROW_COLUMNS" | "HEAD"; detail: string }) => {
    // A signature failure still in flight belongs to an earlier seq: it wins.
    const pending = await settle();
    const rest = options.signatures ? auditor.takeSignatureChecks() : null;
    if (rest && rest.checks.length > 0) {
      const earlier = auditor.settleSignatures(rest, await options.signatures!.verify(rest));
      if (earlier && earlier.seq < problem.seq) return report({ kind: "entry", ...earlier }, auditor.size, summaries);
    }
    if (pending && pending.seq < problem.seq) return report({ kind: "entry", ...pending }, auditor.size, summaries);
    return report({ kind: "entry", ...problem }, auditor.size, summaries);
  };

  /** The entries after `afterSeq` (one page), and the stored tree hashes those records wrote. */
  const readPage = async (afterSeq: number) => {
    const rows = await store.entriesAfter(afterSeq, batchSize);
    if (rows.length === 0) return { rows, stored: new Map<number, Uint8Array>() };
    const lo = storedHashIndex(0, rows[0]!.seq);
    const hi = storedHashIndex(0, rows[rows.length - 1]!.seq + 1);
    const storedRows = await q
      .select()
      .from(ledgerHashes)
      .where(and(gte(ledgerHashes.idx, lo), lt(ledgerHashes.idx, hi)))
      .orderBy(asc(ledgerHashes.idx));
    return { rows, stored: new Map(storedRows.map((r) => [Number(r.idx), new Uint8Array(r.hash)])) };
  };
  let nextPage = readPage(-1);
  for (;;) {
    const { rows, stored } = await nextPage;
    if (rows.length === 0) break;
    // The database reads the next page while this one is checked.
    nextPage = readPage(rows[rows.length - 1]!.seq);
    nextPage.catch(() => {}); // a failed read is thrown where the page is awaited; a page never awaited (early return) is dropped
    for (const row of rows) {
      const problem = auditor.add({
        seq: row.seq,
        entry: row.entry,
        leafHash: safeBase64(row.leafHash),
        signature: safeBase64(row.signature),
        keyName: row.keyName,
      });
      if (problem) return entryProblem(problem);
      if (row.seq >= headSize) return entryProblem({ seq: row.seq, reason: "HEAD", detail: `entry ${row.seq} lies beyond the ledger head (size ${headSize})` });
      // The auditor accepted the row: reuse its parsed entry and leaf hash.
      const accepted = auditor.lastAccepted()!;
      const columns = columnsMismatch(row, accepted.entry);
      if (columns) return entryProblem({ seq: row.seq, reason: "ROW_COLUMNS", detail: columns });
      const advanced = advanceTree(b, row.seq, frontier, accepted.leaf);
      frontier = advanced.frontier;
      const index = storedHashIndex(0, row.seq);
      for (let i = 0; i < advanced.hashes.length; i++) {
        const have = stored.get(index + i);
        if (!have || !bytesEqual(have, advanced.hashes[i]!)) {
          return entryProblem({
            seq: row.seq,
            reason: "STORED_HASH",
            detail: `stored tree hash ${index + i} is ${have ? toBase64(have) : "missing"}, recomputed ${toBase64(advanced.hashes[i]!)}`,
          });
        }
      }
      if (options.signatures && ++unsent >= signatureChunk) {
        startSignatureBatch();
        const earlier = await throttle();
        if (earlier) return entryProblem(earlier);
      }
    }
    startSignatureBatch();
    const earlier = await throttle();
    if (earlier) return entryProblem(earlier);
    options.onProgress?.(auditor.size);
  }
  const lastSignatures = await settle();
  if (lastSignatures) return entryProblem(lastSignatures);
  if (auditor.size !== headSize) {
    return entryProblem({ seq: auditor.size, reason: "HEAD", detail: `the ledger head says ${headSize} entries, the table holds ${auditor.size}` });
  }

  // 3. The recomputed roots against the checkpoints.
  for (const checkpoint of targets) {
    const problem = auditor.finish({ size: checkpoint.treeSize, rootHash: fromBase64(checkpoint.rootHash) });
    if (problem) return report({ kind: "entry", ...problem }, auditor.size, summaries);
  }
  return report(undefined, auditor.size, summaries);
}

function safeBase64(text: string): Uint8Array {
  try {
    return fromBase64(text);
  } catch {
    return new Uint8Array();
  }
}
