// Parallel signature checking for `npm run ledger -- verify` (node only). Ed25519 verification
// is most of an audit's CPU time, so it fans out to worker threads while the main thread
// does the cheap structural checks (audit-core.ts) and recomputes the tree.
//
// The acceptance rule of lib/crypto/backend.ts has two parts: byte-level pre-checks (S < L,
// public key canonical and not of small order) and OpenSSL's verification. The pre-checks
// run here on the main thread with the same helpers the backends use; the workers run only
// crypto.verify, exactly as nodeBackend does after its pre-checks, so a pooled audit accepts
// exactly what nodeBackend (and nobleBackend) accept. backend.test.ts and
// audit-workers.test.ts hold the two in agreement.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { ed25519PublicKeyAcceptable, ed25519SignatureShapeAcceptable, type CryptoBackend } from "@/lib/crypto/backend";
import { toHex } from "@/lib/crypto/bytes";
import {
  createAuditor,
  verifySignatureBatch,
  type AuditKey,
  type AuditProblem,
  type AuditRow,
  type PendingSignatures,
  type SignatureCheck,
} from "./audit-core";

// Plain CommonJS so it runs in an eval worker under tsx, vitest and compiled builds alike.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createPublicKey, verify } = require("node:crypto");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const keys = new Map();
function keyObject(bytes) {
  const id = Buffer.from(bytes).toString("hex");
  let key = keys.get(id);
  if (key === undefined) {
    try { key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, bytes]), format: "der", type: "spki" }); }
    catch { key = null; }
    if (keys.size > 1024) keys.clear();
    keys.set(id, key);
  }
  return key;
}
parentPort.on("message", ({ id, signatures, messages, offsets, keyTable, keyIndex }) => {
  const n = keyIndex.length;
  const results = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const key = keyObject(keyTable.subarray(keyIndex[i] * 32, keyIndex[i] * 32 + 32));
    if (!key) continue;
    try {
      results[i] = verify(null, messages.subarray(offsets[i], offsets[i + 1]), key, signatures.subarray(i * 64, i * 64 + 64)) ? 1 : 0;
    } catch { results[i] = 0; }
  }
  parentPort.postMessage({ id, results }, [results.buffer]);
});
`;

export interface SignatureVerifier {
  readonly threads: number;
  /** One boolean per check, in order. */
  verify(checks: SignatureCheck[]): Promise<boolean[]>;
  close(): Promise<void>;
}

/** Verifies on the calling thread (threads: 0), for small ledgers and the browser-free tests. */
export function inlineSignatureVerifier(b: CryptoBackend): SignatureVerifier {
  return {
    threads: 0,
    verify: async (checks) => verifySignatureBatch(b, checks),
    close: async () => {},
  };
}

interface Job {
  resolve(results: Uint8Array): void;
  reject(error: unknown): void;
}

/** A pool of `threads` worker threads verifying Ed25519 signatures with node:crypto. */
export function createSignatureWorkerPool(threads = Math.max(1, availableParallelism())): SignatureVerifier {
  if (!Number.isInteger(threads) || threads < 1) throw new Error("createSignatureWorkerPool: threads must be ≥ 1");
  const jobs = new Map<number, Job>();
  let nextId = 0;
  let nextWorker = 0;
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.on("message", ({ id, results }: { id: number; results: Uint8Array }) => {
      const job = jobs.get(id);
      jobs.delete(id);
      job?.resolve(results);
    });
    worker.on("error", (error) => {
      for (const job of jobs.values()) job.reject(error);
      jobs.clear();
    });
    return worker;
  });
  const acceptableKeys = new Map<string, boolean>();

  function send(checks: SignatureCheck[], indexes: number[]): Promise<Uint8Array> {
    let messageBytes = 0;
    for (const i of indexes) messageBytes += checks[i]!.message.length;
    const signatures = new Uint8Array(64 * indexes.length);
    const messages = new Uint8Array(messageBytes);
    const offsets = new Uint32Array(indexes.length + 1);
    const keyIndex = new Uint32Array(indexes.length);
    const keySlots = new Map<string, number>();
    const keyList: Uint8Array[] = [];
    let offset = 0;
    indexes.forEach((i, j) => {
      const check = checks[i]!;
      signatures.set(check.signature, 64 * j);
      messages.set(check.message, offset);
      offset += check.message.length;
      offsets[j + 1] = offset;
      const id = toHex(check.publicKey);
      let slot = keySlots.get(id);
      if (slot === undefined) {
        slot = keyList.length;
        keySlots.set(id, slot);
        keyList.push(check.publicKey);
      }
      keyIndex[j] = slot;
    });
    const keyTable = new Uint8Array(32 * keyList.length);
    keyList.forEach((key, slot) => keyTable.set(key, 32 * slot));
    const id = nextId++;
    const worker = workers[nextWorker++ % workers.length]!;
    return new Promise<Uint8Array>((resolve, reject) => {
      jobs.set(id, { resolve, reject });
      worker.postMessage({ id, signatures, messages, offsets, keyTable, keyIndex }, [
        signatures.buffer,
        messages.buffer,
        offsets.buffer,
        keyTable.buffer,
        keyIndex.buffer,
      ]);
    });
  }

  async function verify(checks: SignatureCheck[]): Promise<boolean[]> {
    const results = new Array<boolean>(checks.length).fill(false);
    // Rule steps 1–3 here, so the workers only run OpenSSL's step 4–5.
    const eligible: number[] = [];
    checks.forEach((check, i) => {
      if (!(check.message instanceof Uint8Array) || !(check.publicKey instanceof Uint8Array)) return;
      if (!ed25519SignatureShapeAcceptable(check.signature)) return;
      const id = toHex(check.publicKey);
      let acceptable = acceptableKeys.get(id);
      if (acceptable === undefined) {
        acceptable = ed25519PublicKeyAcceptable(check.publicKey);
        acceptableKeys.set(id, acceptable);
      }
      if (acceptable) eligible.push(i);
    });
    const chunk = Math.ceil(eligible.length / threads);
    const parts: Array<Promise<void>> = [];
    for (let start = 0; start < eligible.length; start += chunk) {
      const indexes = eligible.slice(start, start + chunk);
      parts.push(
        send(checks, indexes).then((flags) => {
          indexes.forEach((i, j) => (results[i] = flags[j] === 1));
        }),
      );
    }
    await Promise.all(parts);
    return results;
  }

  return {
    threads,
    verify,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

export interface AuditLedgerOptions {
  keys: AuditKey[];
  /** Rows in seq order, in batches (one database page each, say 2,000 rows). */
  rows: AsyncIterable<AuditRow[]> | Iterable<AuditRow[]>;
  /** Checkpoints to compare against (any sizes); all are checked after the last row. */
  checkpoints?: Array<{ size: number; rootHash: Uint8Array }>;
  /** Signature threads: 0 verifies inline with `b`; default: one per core. */
  threads?: number;
  /** Batches whose signatures may be in flight at once (memory bound). */
  maxInFlight?: number;
}

export interface AuditLedgerResult {
  problem: AuditProblem | null;
  /** Entries that passed every check. */
  size: number;
  root: Uint8Array;
}

/**
 * Streams the whole ledger through the auditor, verifying signatures on worker threads,
 * and returns the first problem (lowest seq) or null.
 */
export async function auditLedger(b: CryptoBackend, options: AuditLedgerOptions): Promise<AuditLedgerResult> {
  const threads = options.threads ?? Math.max(1, availableParallelism());
  const checkpoints = [...(options.checkpoints ?? [])].sort((x, y) => x.size - y.size);
  const auditor = createAuditor(b, { keys: options.keys, deferSignatures: threads > 0, rootsAt: checkpoints.map((c) => c.size) });
  const verifier = threads > 0 ? createSignatureWorkerPool(threads) : inlineSignatureVerifier(b);
  const maxInFlight = options.maxInFlight ?? 2 * Math.max(1, threads);
  const inFlight: Array<{ batch: PendingSignatures; results: Promise<boolean[]> }> = [];
  let problem: AuditProblem | null = null;

  const settleOldest = async (): Promise<AuditProblem | null> => {
    const oldest = inFlight.shift()!;
    return auditor.settleSignatures(oldest.batch, await oldest.results);
  };

  try {
    outer: for await (const batch of options.rows) {
      for (const row of batch) {
        problem = auditor.add(row);
        if (problem) break outer;
      }
      if (threads > 0) {
        const pending = auditor.takeSignatureChecks();
        if (pending.checks.length > 0) inFlight.push({ batch: pending, results: verifier.verify(pending.checks) });
        while (inFlight.length > maxInFlight) {
          problem = await settleOldest();
          if (problem) break outer;
        }
      }
    }
    if (threads > 0) {
      // Signatures of rows before a structural problem are checked too: a bad one has a lower seq.
      const pending = auditor.takeSignatureChecks();
      if (pending.checks.length > 0) inFlight.push({ batch: pending, results: verifier.verify(pending.checks) });
      while (inFlight.length > 0) {
        const found = await settleOldest();
        if (found) {
          problem = found;
          break;
        }
      }
    }
    if (!problem) {
      for (const checkpoint of checkpoints) {
        problem = auditor.finish(checkpoint);
        if (problem) break;
      }
    }
    return { problem, size: auditor.size, root: auditor.root() };
  } finally {
    await verifier.close();
  }
}
