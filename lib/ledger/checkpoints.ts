// Checkpoints (DESIGN.md §5): C2SP tlog-checkpoint bodies as C2SP signed notes, signed by
// the log key, published after commits that appended (a background publisher checks every
// ~200 ms, which also batches bursts), all kept. Department witnesses add cosignature lines
// (ordinary Ed25519 signed-note lines over the same body), verified here before storing.
// "Latest" is the newest checkpoint with at least WITNESS_QUORUM cosignatures from active
// department keys; before any reaches the quorum, the newest log-signed one.
import { EventEmitter } from "node:events";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "@/lib/db";
import { ledgerCheckpoints, ledgerCosignatures, ledgerKeys } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { bytesEqual, fromBase64, toBase64, utf8Encode } from "@/lib/crypto/bytes";
import { activeSigningKey } from "./keys";
import { checkpointBody, formatSignatureLine, noteKeyHash, parseSignatureLine } from "./note";
import { departmentOfKey, recordWitnessRefusal } from "./refusals";
import { postgresLedgerStore, rootAt } from "./store";

export interface Checkpoint {
  treeSize: number;
  /** base64 root hash. */
  rootHash: string;
  /** The signed note: body, empty line, log signature, then cosignatures by key name. */
  note: string;
  /** Key names of the cosignatures in the note. */
  cosigners: string[];
  /** Whether the active department cosignatures reach the quorum. */
  witnessed: boolean;
}

const published = new EventEmitter();
published.setMaxListeners(100);

/** Called with the tree size after this process publishes a checkpoint (in-process witnesses listen). */
export function onCheckpointPublished(listener: (treeSize: number) => void): () => void {
  published.on("published", listener);
  return () => void published.off("published", listener);
}

/**
 * Publishes a log-signed checkpoint for the current tree if it is larger than the newest
 * published one; returns its size, or null when there was nothing new. Several processes
 * may race: the first insert for a size wins, the rest do nothing.
 */
export async function publishCheckpoint(db: Db, origin: string = env.LEDGER_ORIGIN): Promise<number | null> {
  const store = postgresLedgerStore(db);
  const size = await store.treeSize();
  if (size === 0) return null;
  const [newest] = await db
    .select({ treeSize: ledgerCheckpoints.treeSize })
    .from(ledgerCheckpoints)
    .orderBy(desc(ledgerCheckpoints.treeSize))
    .limit(1);
  if (newest && Number(newest.treeSize) >= size) return null;
  const root = await rootAt(nodeBackend, store, size);
  const logKey = await activeSigningKey(db, "registry", "log");
  const body = checkpointBody(origin, size, root);
  const line = formatSignatureLine(logKey.name, logKey.keyHash, logKey.sign(utf8Encode(body)));
  const inserted = await db
    .insert(ledgerCheckpoints)
    .values({ treeSize: size, rootHash: toBase64(root), body, logSignature: line, logKeyName: logKey.name })
    .onConflictDoNothing()
    .returning({ treeSize: ledgerCheckpoints.treeSize });
  if (inserted.length === 0) return null;
  published.emit("published", size);
  return size;
}

type CheckpointRow = typeof ledgerCheckpoints.$inferSelect;

async function assemble(q: Queryable, row: CheckpointRow): Promise<Checkpoint> {
  const cosignatures = await q
    .select({ keyName: ledgerCosignatures.keyName, line: ledgerCosignatures.line, role: ledgerKeys.role, status: ledgerKeys.status })
    .from(ledgerCosignatures)
    .innerJoin(ledgerKeys, eq(ledgerKeys.name, ledgerCosignatures.keyName))
    .where(eq(ledgerCosignatures.treeSize, row.treeSize))
    .orderBy(ledgerCosignatures.keyName);
  const counted = cosignatures.filter((c) => c.role === "department" && c.status === "active").length;
  return {
    treeSize: Number(row.treeSize),
    rootHash: row.rootHash,
    note: `${row.body}\n${row.logSignature}${cosignatures.map((c) => c.line).join("")}`,
    cosigners: cosignatures.map((c) => c.keyName),
    witnessed: counted >= env.WITNESS_QUORUM,
  };
}

/** The checkpoint at exactly this size, with every stored cosignature, or null. */
export async function checkpointAt(q: Queryable, treeSize: number): Promise<Checkpoint | null> {
  const [row] = await q.select().from(ledgerCheckpoints).where(eq(ledgerCheckpoints.treeSize, treeSize));
  return row ? assemble(q, row) : null;
}

/** The newest log-signed checkpoint (what witnesses cosign next), or null on an empty log. */
export async function newestCheckpoint(q: Queryable): Promise<Checkpoint | null> {
  const [row] = await q.select().from(ledgerCheckpoints).orderBy(desc(ledgerCheckpoints.treeSize)).limit(1);
  return row ? assemble(q, row) : null;
}

/** The newest checkpoint that meets the quorum, else the newest log-signed one, else null. */
export async function latestCheckpoint(q: Queryable, quorum: number = env.WITNESS_QUORUM): Promise<Checkpoint | null> {
  if (quorum <= 0) return newestCheckpoint(q);
  const [row] = await q
    .select()
    .from(ledgerCheckpoints)
    .where(
      sql`(SELECT count(*) FROM ${ledgerCosignatures} s JOIN ${ledgerKeys} k ON k.name = s.key_name
           WHERE s.tree_size = ${ledgerCheckpoints.treeSize} AND k.role = 'department' AND k.status = 'active') >= ${quorum}`,
    )
    .orderBy(desc(ledgerCheckpoints.treeSize))
    .limit(1);
  if (row) return assemble(q, row);
  return newestCheckpoint(q);
}

export type CosignResult =
  | { ok: true; stored: boolean }
  | { ok: false; status: 400 | 403 | 404; error: string };

/**
 * Stores a witness's cosignature line for the checkpoint of `treeSize`. The line is its own
 * authentication: it must name an active department key, carry that key's hash, and hold a
 * valid Ed25519 signature over the checkpoint body.
 */
export async function addCosignature(db: Db, input: { treeSize: number; line: string }): Promise<CosignResult> {
  const result = await checkAndStoreCosignature(db, input);
  if (!result.ok) {
    // Refused lines are alerts on the health page (a witness out of step, or someone forging).
    const name = parseSignatureLine(input.line)?.name;
    await recordWitnessRefusal(db, {
      department: name ? await departmentOfKey(db, name) : null,
      source: "portal",
      treeSize: input.treeSize,
      reason: `HTTP_${result.status}`,
      message: result.error,
      status: result.status,
    });
  }
  return result;
}

async function checkAndStoreCosignature(db: Db, input: { treeSize: number; line: string }): Promise<CosignResult> {
  const parsed = parseSignatureLine(input.line);
  if (!parsed) return { ok: false, status: 400, error: "line must be one signed-note signature line: '— <key name> <base64>\\n'" };
  const [checkpoint] = await db.select().from(ledgerCheckpoints).where(eq(ledgerCheckpoints.treeSize, input.treeSize));
  if (!checkpoint) return { ok: false, status: 404, error: `no checkpoint of size ${input.treeSize} has been published` };
  const [key] = await db
    .select()
    .from(ledgerKeys)
    .where(and(eq(ledgerKeys.name, parsed.name), eq(ledgerKeys.role, "department"), eq(ledgerKeys.status, "active")));
  if (!key) return { ok: false, status: 403, error: `${parsed.name} is not an active department key` };
  const publicKey = fromBase64(key.publicKey);
  if (!bytesEqual(parsed.keyHash, noteKeyHash(nodeBackend, key.name, publicKey))) {
    return { ok: false, status: 403, error: `the key hash does not match ${key.name}` };
  }
  if (!nodeBackend.ed25519Verify(parsed.signature, utf8Encode(checkpoint.body), publicKey)) {
    return { ok: false, status: 403, error: `the signature does not verify with ${key.name} over checkpoint ${input.treeSize}` };
  }
  const inserted = await db
    .insert(ledgerCosignatures)
    .values({ treeSize: input.treeSize, keyName: key.name, line: formatSignatureLine(key.name, parsed.keyHash, parsed.signature) })
    .onConflictDoNothing()
    .returning({ keyName: ledgerCosignatures.keyName });
  return { ok: true, stored: inserted.length > 0 };
}

/**
 * Publishes checkpoints in the background every `intervalMs` (default 200 ms): bursts of
 * appends share one checkpoint, a quiet log costs one indexed read per tick.
 */
export function startCheckpointPublisher(db: Db, options: { intervalMs?: number; origin?: string } = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 200;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let failures = 0;
  const tick = () => {
    running = (async () => {
      try {
        await publishCheckpoint(db, options.origin);
        failures = 0;
      } catch (error) {
        // Keep going (the database may be restarting), but say so, rarely.
        if (failures++ % 50 === 0) console.error("[ledger] checkpoint publishing failed:", error);
      }
      running = null;
      if (!stopped) timer = setTimeout(tick, intervalMs);
    })();
  };
  timer = setTimeout(tick, 0);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
