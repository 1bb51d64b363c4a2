// Group commit for appends. Every append holds the ledger head lock until its transaction
// commits (that is what keeps seq gapless across processes), so appends in separate
// transactions pay one WAL flush each, one after another. A process with many concurrent
// callers can instead share transactions: callers queue up while one batch commits, and
// the next batch takes all of them in one transaction, one lock, one flush.
//
// A batch of plain appends (no state change of their own) is written in ONE autocommitted
// statement computed from the head the previous batch left behind (prepareIfHead), and the
// next batch is built and sent while that one commits: one round trip per batch, two
// batches in flight. The waiting callers are shared out between the free pipeline slots
// (8 waiting, 2 slots: two batches of 4), so that while PostgreSQL writes one batch this
// process is already hashing and signing the next, instead of each waiting for the other.
// Plain batches go out on one pinned connection (held while any is in flight), so they
// reach PostgreSQL in the order they were built and queue on its socket, not on a round
// trip. When someone else moved the head in between (another process, a use-case's own
// transaction, a key rotation) that statement writes nothing, and the batch (with any sent
// after it) takes the locked path (begin, lock, write, commit), which also refreshes the head.
//
// A caller that changes state with its entry passes `work`: it runs inside the shared
// transaction in its own savepoint, so a failing caller is rolled back alone and the
// others still commit; the entry is appended only if the work succeeded. Results resolve
// after the commit, never before.
import type { Db, Tx } from "@/lib/db";
import { pinConnection, type PinnedConnection } from "@/lib/db/prepared";
import { appendEntriesAndHead, ENTRIES_PER_STATEMENT, prepareIfHead, type AppendInput, type AppendResult, type LockedHead } from "./append";

interface Waiting {
  inputs?: readonly AppendInput[];
  work?: (tx: Tx) => Promise<{ entry: AppendInput; value: unknown }>;
  resolve(outcome: { results: AppendResult[]; value: unknown }): void;
  reject(error: unknown): void;
}

export interface GroupCommitter {
  append(input: AppendInput): Promise<AppendResult>;
  /** Appends several entries together (same batch, consecutive seq, all or none). */
  appendAll(inputs: readonly AppendInput[]): Promise<AppendResult[]>;
  /** Runs `work` (state change) in the shared transaction, then appends the entry it returns. */
  run<T>(work: (tx: Tx) => Promise<{ entry: AppendInput; value: T }>): Promise<{ result: AppendResult; value: T }>;
  /** Waits for everything queued so far. */
  drain(): Promise<void>;
  /** Batches committed so far: in one statement from the remembered head, or on the locked path. */
  stats(): { oneStatement: number; locked: number };
}

export function createGroupCommitter(db: Db, options: { maxBatch?: number; pipeline?: number } = {}): GroupCommitter {
  const maxBatch = Math.min(options.maxBatch ?? 500, ENTRIES_PER_STATEMENT);
  // Plain batches on their way to the database at once: while one commits, the next is
  // already built, signed and sent; PostgreSQL applies them in order behind the head lock.
  const pipeline = Math.max(1, options.pipeline ?? 2);
  const queue: Waiting[] = [];
  // The head the last dispatched batch leaves behind; null until a locked batch tells us,
  // and again after any miss or failure.
  let head: LockedHead | null = null;
  let inFlight = 0;
  // The write of the newest plain batch still in flight (what the next one builds on).
  let lastWrite: Promise<boolean> | null = null;
  let lockedInFlight = false;
  let scheduled = false;
  let dispatching = false;
  let idleWaiters: (() => void)[] = [];
  const counts = { oneStatement: 0, locked: 0 };

  // The connection plain batches go out on while any is in flight (null on PGlite).
  let pinned: Promise<PinnedConnection | null> | null = null;

  const entriesOf = (w: Waiting) => w.inputs?.length ?? 1;

  function unpin(): void {
    const connection = pinned;
    pinned = null;
    void connection?.then((c) => c?.release());
  }

  /** Entries of the plain callers at the front of the queue. */
  function plainEntriesWaiting(): number {
    let entries = 0;
    for (const waiting of queue) {
      if (waiting.work) break;
      entries += entriesOf(waiting);
    }
    return entries;
  }

  /** Takes waiting callers in order up to `cap` entries (a caller's entries stay together). */
  function takeBatch(cap: number, plainOnly: boolean): Waiting[] {
    const batch: Waiting[] = [];
    let entries = 0;
    while (queue.length > 0) {
      const next = queue[0]!;
      if (plainOnly && next.work) break;
      if (batch.length > 0 && entries + entriesOf(next) > cap) break;
      batch.push(queue.shift()!);
      entries += entriesOf(next);
    }
    return batch;
  }

  function settle(accepted: { waiting: Waiting; inputs: readonly AppendInput[]; value: unknown }[], results: AppendResult[]): void {
    let offset = 0;
    for (const a of accepted) {
      a.waiting.resolve({ results: results.slice(offset, offset + a.inputs.length), value: a.value });
      offset += a.inputs.length;
    }
  }

  /** One transaction: begin, lock the head, the callers' work in savepoints, write, commit. */
  async function commitLocked(batch: Waiting[]): Promise<void> {
    const accepted: { waiting: Waiting; inputs: readonly AppendInput[]; value: unknown }[] = [];
    try {
      const written = await db.transaction(async (tx) => {
        for (const waiting of batch) {
          if (!waiting.work) {
            accepted.push({ waiting, inputs: waiting.inputs!, value: undefined });
            continue;
          }
          try {
            // A nested drizzle transaction is a savepoint: this caller's failure stays its own.
            const done = await tx.transaction((savepoint) => waiting.work!(savepoint));
            accepted.push({ waiting, inputs: [done.entry], value: done.value });
          } catch (error) {
            waiting.reject(error);
          }
        }
        return appendEntriesAndHead(
          tx,
          accepted.flatMap((a) => a.inputs),
        );
      });
      head = written.head;
      counts.locked++;
      settle(accepted, written.results);
    } catch (error) {
      head = null;
      for (const a of accepted) a.waiting.reject(error);
      // Callers whose work never ran (the transaction failed before) learn it too.
      for (const waiting of batch) if (!accepted.some((a) => a.waiting === waiting)) waiting.reject(error);
    }
  }

  /** A plain batch in one statement from the remembered head; on a miss it goes back to the queue's front. */
  async function dispatchPlain(expected: LockedHead, batch: Waiting[]): Promise<boolean> {
    let prepared: ReturnType<typeof prepareIfHead>;
    try {
      prepared = prepareIfHead(
        expected,
        batch.flatMap((w) => w.inputs!),
      );
    } catch {
      prepared = null; // a bad input: the locked path reports it to its callers
    }
    if (!prepared) {
      head = null;
      queue.unshift(...batch);
      return false;
    }
    head = prepared.head;
    inFlight++;
    const ready = prepared;
    // On the pinned connection statements reach PostgreSQL in the order sent. Through the
    // pool (no connection could be pinned) two may arrive the other way round: the one that
    // arrives before its predecessor sees the old head and writes nothing. It is tried once
    // more after the predecessor wrote; only then is the remembered head really stale.
    const predecessor = lastWrite;
    pinned ??= pinConnection(db).catch(() => null);
    const connection = pinned;
    const write = (async () => {
      const target = (await connection) ?? db;
      const attempt = () => ready.write(target).catch(() => false); // one statement: nothing written on error
      if (await attempt()) return true;
      return predecessor !== null && (await predecessor) && (await attempt());
    })();
    lastWrite = write;
    void write
      .then((written) => {
        if (lastWrite === write) lastWrite = null;
        inFlight--;
        // The last batch out: give the connection back before its callers go on (one of
        // them may be about to close the pool, which waits for reserved connections).
        if (inFlight === 0 && queue.length === 0) unpin();
        if (written) {
          counts.oneStatement++;
          settle(
            batch.map((waiting) => ({ waiting, inputs: waiting.inputs!, value: undefined })),
            ready.results,
          );
        } else {
          head = null;
          queue.unshift(...batch); // the locked path retries and reports
        }
      })
      .finally(pump);
    return true;
  }

  async function dispatch(): Promise<void> {
    if (dispatching) return;
    dispatching = true;
    try {
      while (queue.length > 0 && !lockedInFlight && inFlight < pipeline) {
        if (head && !queue[0]!.work) {
          // Those ready are shared out between the free slots: while PostgreSQL writes one
          // batch, this process builds the next. Callers arriving meanwhile join a later one.
          const share = Math.ceil(plainEntriesWaiting() / (pipeline - inFlight));
          if (!(await dispatchPlain(head, takeBatch(Math.min(maxBatch, share), true)))) continue;
        } else if (inFlight === 0) {
          lockedInFlight = true;
          inFlight++;
          void commitLocked(takeBatch(maxBatch, false)).finally(() => {
            lockedInFlight = false;
            inFlight--;
            pump();
          });
        } else {
          break; // the locked path waits for the batches in flight
        }
      }
    } finally {
      dispatching = false;
    }
    if (queue.length === 0 && inFlight === 0) {
      unpin();
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  function pump(): void {
    if (scheduled) return;
    scheduled = true;
    // Let callers woken by the previous commit queue their next append first, so a batch
    // takes everyone who is ready rather than whoever happened to be first.
    setImmediate(() => {
      scheduled = false;
      void dispatch();
    });
  }

  function enqueue(waiting: Omit<Waiting, "resolve" | "reject">): Promise<{ results: AppendResult[]; value: unknown }> {
    return new Promise((resolve, reject) => {
      queue.push({ ...waiting, resolve, reject });
      pump();
    });
  }

  return {
    append: async (input) => (await enqueue({ inputs: [input] })).results[0]!,
    appendAll: async (inputs) => (inputs.length === 0 ? [] : (await enqueue({ inputs })).results),
    run: async <T>(work: (tx: Tx) => Promise<{ entry: AppendInput; value: T }>) => {
      const outcome = await enqueue({ work: work as Waiting["work"] });
      return { result: outcome.results[0]!, value: outcome.value as T };
    },
    drain: () =>
      queue.length === 0 && inFlight === 0 && !scheduled
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            idleWaiters.push(resolve);
            pump();
          }),
    stats: () => ({ ...counts }),
  };
}

// One committer per database handle and process: every caller in the process shares it.
const shared = new WeakMap<Db, GroupCommitter>();

/** The process-wide group committer for `db` (for callers that only append). */
export function sharedGroupCommitter(db: Db): GroupCommitter {
  let committer = shared.get(db);
  if (!committer) {
    committer = createGroupCommitter(db);
    shared.set(db, committer);
  }
  return committer;
}
