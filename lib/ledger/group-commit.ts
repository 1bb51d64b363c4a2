// Group commit for appends. Every append holds the ledger head lock until its transaction
// commits (that is what keeps seq gapless across processes), so appends in separate
// transactions pay one WAL flush each, one after another. A process with many concurrent
// callers can instead share transactions: callers queue up while one batch commits, and
// the next batch takes all of them in one transaction, one lock, one flush.
//
// A caller that changes state with its entry passes `work`: it runs inside the shared
// transaction in its own savepoint, so a failing caller is rolled back alone and the
// others still commit; the entry is appended only if the work succeeded. Results resolve
// after the commit, never before.
import type { Db, Tx } from "@/lib/db";
import { appendEntries, type AppendInput, type AppendResult } from "./append";

interface Waiting {
  input?: AppendInput;
  work?: (tx: Tx) => Promise<{ entry: AppendInput; value: unknown }>;
  resolve(outcome: { result: AppendResult; value: unknown }): void;
  reject(error: unknown): void;
}

export interface GroupCommitter {
  append(input: AppendInput): Promise<AppendResult>;
  /** Runs `work` (state change) in the shared transaction, then appends the entry it returns. */
  run<T>(work: (tx: Tx) => Promise<{ entry: AppendInput; value: T }>): Promise<{ result: AppendResult; value: T }>;
  /** Waits for everything queued so far. */
  drain(): Promise<void>;
}

export function createGroupCommitter(db: Db, options: { maxBatch?: number } = {}): GroupCommitter {
  const maxBatch = options.maxBatch ?? 500;
  const queue: Waiting[] = [];
  let running: Promise<void> | null = null;

  async function commitBatch(batch: Waiting[]): Promise<void> {
    const accepted: { waiting: Waiting; input: AppendInput; value: unknown }[] = [];
    try {
      const results = await db.transaction(async (tx) => {
        for (const waiting of batch) {
          if (!waiting.work) {
            accepted.push({ waiting, input: waiting.input!, value: undefined });
            continue;
          }
          try {
            // A nested drizzle transaction is a savepoint: this caller's failure stays its own.
            const done = await tx.transaction((savepoint) => waiting.work!(savepoint));
            accepted.push({ waiting, input: done.entry, value: done.value });
          } catch (error) {
            waiting.reject(error);
          }
        }
        return appendEntries(
          tx,
          accepted.map((a) => a.input),
        );
      });
      accepted.forEach((a, i) => a.waiting.resolve({ result: results[i]!, value: a.value }));
    } catch (error) {
      for (const a of accepted) a.waiting.reject(error);
      // Callers whose work never ran (the transaction failed before) learn it too.
      for (const waiting of batch) if (!accepted.some((a) => a.waiting === waiting)) waiting.reject(error);
    }
  }

  function pump(): void {
    if (running || queue.length === 0) return;
    running = (async () => {
      do {
        // Let callers woken by the previous commit queue their next append first, so a batch
        // takes everyone who is ready rather than whoever happened to be first.
        await new Promise((resolve) => setImmediate(resolve));
        await commitBatch(queue.splice(0, maxBatch));
      } while (queue.length > 0);
      running = null;
    })();
  }

  function enqueue(waiting: Omit<Waiting, "resolve" | "reject">): Promise<{ result: AppendResult; value: unknown }> {
    return new Promise((resolve, reject) => {
      queue.push({ ...waiting, resolve, reject });
      pump();
    });
  }

  return {
    append: async (input) => (await enqueue({ input })).result,
    run: async <T>(work: (tx: Tx) => Promise<{ entry: AppendInput; value: T }>) => {
      const outcome = await enqueue({ work: work as Waiting["work"] });
      return { result: outcome.result, value: outcome.value as T };
    },
    drain: async () => {
      while (running) await running;
    },
  };
}
