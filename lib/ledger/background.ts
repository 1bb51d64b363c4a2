// What the ledger runs inside the server process: key generation on first start, the
// checkpoint publisher, and — in embedded mode by default, or with WITNESS_IN_PROCESS=1 —
// one witness per department, so a fresh install serves witnessed checkpoints. In
// production the witnesses run as separate processes (`npm run witness`) on the
// departments' own machines and WITNESS_IN_PROCESS stays unset.
import { getDbHandle, type Db, type DbHandle } from "@/lib/db";
import { DEPARTMENT_CODES, type DepartmentCode } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { addCosignature, newestCheckpoint, onCheckpointPublished, startCheckpointPublisher } from "./checkpoints";
import { activeSigningKey, ensureLedgerKeys, listLedgerKeys, publicKeyInfo, type PublicKeyInfo } from "./keys";
import { recordWitnessRefusal } from "./refusals";
import { consistencyProof, postgresLedgerStore } from "./store";
import { dbStateStore, refusalBanner, witnessOnce, type WitnessOutcome, type WitnessSource } from "./witness";

/**
 * A source that reads the portal's data directly and memoises within one round, so eight
 * witnesses cost one checkpoint read, one keys read and one proof, not eight of each.
 */
function roundSource(db: Db): WitnessSource {
  let checkpoint: Promise<string | null> | undefined;
  let keys: Promise<PublicKeyInfo[]> | undefined;
  const proofs = new Map<string, Promise<Uint8Array[]>>();
  const store = postgresLedgerStore(db);
  return {
    newestCheckpoint: () => (checkpoint ??= newestCheckpoint(db).then((c) => c?.note ?? null)),
    keys: () => (keys ??= listLedgerKeys(db).then((list) => list.map(publicKeyInfo))),
    consistencyProof: (from, to) => {
      const id = `${from}-${to}`;
      let proof = proofs.get(id);
      if (!proof) {
        proof = consistencyProof(nodeBackend, store, from, to);
        proofs.set(id, proof);
      }
      return proof;
    },
    async submit(treeSize, line) {
      const result = await addCosignature(db, { treeSize, line });
      if (!result.ok) throw new Error(result.error);
    },
  };
}

export type InProcessOutcome = WitnessOutcome | { kind: "error"; message: string };

/**
 * One round of every in-process witness, in parallel. Refusals are printed loudly, errors
 * (database unreachable, …) plainly; each only when it changes, not on every round.
 */
export async function runInProcessWitnesses(
  db: Db,
  departments: readonly DepartmentCode[],
  lastReport = new Map<string, string>(),
): Promise<Map<DepartmentCode, InProcessOutcome>> {
  const source = roundSource(db);
  const outcomes = new Map<DepartmentCode, InProcessOutcome>();
  await Promise.all(
    departments.map(async (department) => {
      let outcome: InProcessOutcome;
      try {
        outcome = await witnessOnce({
          b: nodeBackend,
          department,
          source,
          state: dbStateStore(db, department),
          signer: () => activeSigningKey(db, department, "department"),
          origin: env.LEDGER_ORIGIN,
        });
      } catch (error) {
        outcome = { kind: "error", message: (error as Error).message };
      }
      const report = outcome.kind === "refused" ? `${outcome.reason}:${outcome.treeSize ?? ""}` : outcome.kind === "error" ? outcome.message : "";
      if (report && lastReport.get(department) !== report) {
        if (outcome.kind === "refused") {
          console.error(refusalBanner(department, outcome));
          await recordWitnessRefusal(db, { department, source: "witness", treeSize: outcome.treeSize ?? null, reason: outcome.reason, message: outcome.message });
        }
        else if (outcome.kind === "error") console.error(`[ledger] witness ${department}: ${outcome.message}`);
      }
      if (report) lastReport.set(department, report);
      else lastReport.delete(department);
      outcomes.set(department, outcome);
    }),
  );
  return outcomes;
}

/**
 * Witnesses run after each checkpoint this process publishes, and every second anyway
 * (other instances publish too). The returned stop function waits for a running round.
 */
export function startInProcessWitnesses(db: Db, departments: readonly DepartmentCode[] = DEPARTMENT_CODES): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const lastReport = new Map<string, string>();
  const round = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await runInProcessWitnesses(db, departments, lastReport);
        } while (again && !stopped);
      } catch (error) {
        console.error("[ledger] in-process witnesses failed:", error);
      } finally {
        running = null;
      }
    })();
  };
  const unsubscribe = onCheckpointPublished(round);
  const timer = setInterval(round, 1000);
  timer.unref?.();
  return async () => {
    stopped = true;
    unsubscribe();
    clearInterval(timer);
    await running;
  };
}

export function inProcessWitnessesEnabled(kind: "pglite" | "postgres"): boolean {
  if (env.WITNESS_IN_PROCESS === "1") return true;
  if (env.WITNESS_IN_PROCESS === "0") return false;
  return kind === "pglite";
}

/** Generates missing keys, then runs the publisher and (when asked) the in-process witnesses. */
export async function startLedgerBackgroundFor(handle: DbHandle, options: { witnesses: boolean }): Promise<() => Promise<void>> {
  const created = await ensureLedgerKeys(handle.db);
  if (created.length > 0) console.log(`[ledger] generated keys: ${created.join(", ")}`);
  const stops = [startCheckpointPublisher(handle.db)];
  if (options.witnesses) stops.push(startInProcessWitnesses(handle.db));
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}

const globalForLedger = globalThis as unknown as { deedchainLedgerBackground?: Promise<() => Promise<void>> };

/**
 * Starts the ledger's background work once per process (Next.js dev reloads included):
 * migrate (via getDbHandle), generate missing keys, publish checkpoints, run in-process
 * witnesses when enabled. Returns a stop function.
 */
export function startLedgerBackground(): Promise<() => Promise<void>> {
  globalForLedger.deedchainLedgerBackground ??= (async () => {
    const handle = await getDbHandle();
    return startLedgerBackgroundFor(handle, { witnesses: inProcessWitnessesEnabled(handle.kind) });
  })();
  return globalForLedger.deedchainLedgerBackground;
}
