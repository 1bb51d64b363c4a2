// Appends from several OS processes against one PostgreSQL never fork and never leave gaps
// (they serialise on the ledger_head row lock), and a process killed with SIGKILL in the
// middle of an append leaves a ledger that still verifies. PostgreSQL only: PGlite is one
// process by design.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { env } from "@/lib/env";
import { appendEntry } from "./append";
import { publishCheckpoint } from "./checkpoints";
import { ensureLedgerKeys } from "./keys";
import { postgresLedgerStore } from "./store";
import { sampleInput } from "./testing/sample";
import { verifyLedger } from "./verify";

if (!env.DATABASE_URL) console.log("concurrency.test.ts skipped: set DATABASE_URL to a PostgreSQL server (PGlite is single-process).");

const worker = path.join(import.meta.dirname, "testing", "append-worker.ts");

/** One node process (no npx/tsx wrapper in between, so SIGKILL hits the appender itself). */
function startWorker(url: string, count: number, tag: string): ChildProcess & { output: string[] } {
  const child = spawn(process.execPath, ["--import", "tsx", worker, String(count), tag], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  }) as ChildProcess & { output: string[] };
  child.output = [];
  child.stdout!.on("data", (chunk: Buffer) => child.output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => child.output.push(chunk.toString()));
  return child;
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

describe.runIf(Boolean(env.DATABASE_URL))("appends from several processes", () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb();
    await ensureLedgerKeys(handle.db);
  });
  afterAll(async () => handle.close());

  it("two processes appending 500 entries each give 1,000 gapless entries that verify", { timeout: 240_000 }, async () => {
    const a = startWorker(handle.url!, 500, "process-a");
    const b = startWorker(handle.url!, 500, "process-b");
    const [ra, rb] = await Promise.all([exited(a), exited(b)]);
    expect(ra, a.output.join("")).toEqual({ code: 0, signal: null });
    expect(rb, b.output.join("")).toEqual({ code: 0, signal: null });
    const store = postgresLedgerStore(handle.db);
    expect(await store.treeSize()).toBe(1000);
    const rows = await store.entriesAfter(-1, 2000);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    // Both really ran at the same time: their entries interleave.
    const owners = rows.map((r) => (r.subject.includes("process-a") ? "a" : "b"));
    const switches = owners.filter((o, i) => i > 0 && o !== owners[i - 1]).length;
    expect(switches).toBeGreaterThan(1);
    await publishCheckpoint(handle.db);
    const result = await verifyLedger(handle.db);
    expect(result.problem).toBeUndefined();
    expect(result.entries).toBe(1000);
  });

  it("a process killed with SIGKILL mid-run leaves a ledger that verifies and keeps growing", { timeout: 240_000 }, async () => {
    const before = await postgresLedgerStore(handle.db).treeSize();
    const victim = startWorker(handle.url!, 100_000, "victim");
    const bystander = startWorker(handle.url!, 200, "bystander");
    // Kill once it is well into its run (some appends committed, one likely in flight).
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`victim never got going:\n${victim.output.join("")}`)), 120_000);
      const poll = setInterval(() => {
        if (victim.output.join("").includes("appended 60\n")) {
          clearInterval(poll);
          clearTimeout(deadline);
          resolve();
        }
      }, 5);
    });
    victim.kill("SIGKILL");
    expect((await exited(victim)).signal).toBe("SIGKILL");
    expect(await exited(bystander)).toEqual({ code: 0, signal: null });
    // The server rolls the killed session's transaction back and frees the head lock.
    const after = await handle.db.transaction((tx) => appendEntry(tx, sampleInput(0, "after-crash")));
    const store = postgresLedgerStore(handle.db);
    const size = await store.treeSize();
    expect(after.seq).toBe(size - 1);
    expect(size).toBeGreaterThanOrEqual(before + 60 + 200 + 1);
    await publishCheckpoint(handle.db);
    const result = await verifyLedger(handle.db);
    expect(result.problem).toBeUndefined();
    expect(result.entries).toBe(size);
  });
});
