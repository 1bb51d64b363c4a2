// The health page's data layer on a real ledger: the background audit reports progress and
// its result (ok, or the first bad seq), one run at a time; witness lag and refusals raise
// alerts; refused cosignatures are recorded where the portal refuses them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { ledgerAuditRuns, ledgerWitnessStates } from "@/lib/db/schema";
import { insertUser } from "@/lib/dal/auth/testing";
import { ensureLedgerKeys } from "@/lib/ledger/keys";
import { addCosignature, publishCheckpoint } from "@/lib/ledger/checkpoints";
import { runInProcessWitnesses } from "@/lib/ledger/background";
import { appendSamples } from "@/lib/ledger/testing/sample";
import { verifyLedger } from "@/lib/ledger/verify";
import { listAuditRuns, startAudit } from "./audit-runs";
import { getLedgerHealth } from "./get-ledger-health";

let handle: TestDb;
let senior: Actor;
let clerk: Actor;

beforeAll(async () => {
  handle = await createTestDb();
  const s = await insertUser(handle.db, { login: "senior.test", password: "x", role: "senior_admin", department: "registry" });
  const c = await insertUser(handle.db, { login: "clerk.test", password: "x", role: "clerk", department: "registry" });
  senior = { userId: s.id, role: "senior_admin", department: "registry", displayName: "senior", login: "senior.test" };
  clerk = { userId: c.id, role: "clerk", department: "registry", displayName: "clerk", login: "clerk.test" };
  await ensureLedgerKeys(handle.db);
  await appendSamples(handle.db, 1200, { perTransaction: 300 });
  await publishCheckpoint(handle.db);
  await runInProcessWitnesses(handle.db, ["tax", "police", "civil"]);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("background audit", () => {
  it("answers at once, reports progress while it runs, and keeps the result", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let checked!: () => void;
    const verified = new Promise<void>((resolve) => (checked = resolve));
    const { runId, done } = await startAudit(handle.db, {
      actor: senior,
      batchSize: 200,
      // The real audit, held before it reports so the test can look at the running row.
      verify: async (db, options) => {
        const report = await verifyLedger(db, options);
        checked();
        await gate;
        return report;
      },
    });
    await verified;
    const [running] = await handle.db.select().from(ledgerAuditRuns).where(eq(ledgerAuditRuns.id, runId));
    expect(running!.status).toBe("running");
    expect(Number(running!.entriesTotal)).toBe(1200);
    expect(Number(running!.entriesChecked)).toBeGreaterThan(0);
    // A second start is refused while the first runs.
    await expect(startAudit(handle.db, { actor: senior })).rejects.toThrow("auditAlreadyRunning");
    release();
    const run = await done;
    expect(run.status).toBe("ok");
    expect(run.entriesChecked).toBe(1200);
    expect(run.problem).toBeNull();
    expect(run.newestSize).toBe(1200);
    const [listed] = await listAuditRuns(handle.db, { actor: senior });
    expect(listed!.id).toBe(runId);
    expect(listed!.status).toBe("ok");
  }, 120_000);

  it("names the first bad seq and why when the audit fails", async () => {
    const { done } = await startAudit(handle.db, {
      actor: senior,
      verify: async (db, options) => {
        const report = await verifyLedger(db, options);
        return { ...report, ok: false, problem: { kind: "entry", seq: 617, reason: "BAD_SIGNATURE", detail: "signature does not verify" } };
      },
    });
    const run = await done;
    expect(run.status).toBe("failed");
    expect(run.problem).toMatchObject({ seq: 617, reason: "BAD_SIGNATURE" });
  }, 120_000);

  it("retires a running row whose heartbeat stopped, so a dead server does not block audits", async () => {
    const past = new Date(Date.now() - 10 * 60_000);
    await handle.db.insert(ledgerAuditRuns).values({ status: "running", startedBy: senior.userId, startedAt: past, heartbeatAt: past, entriesTotal: 1 });
    const { done } = await startAudit(handle.db, { actor: senior });
    expect((await done).status).toBe("ok");
    const statuses = (await listAuditRuns(handle.db, { actor: senior, limit: 10 })).map((r) => r.status);
    expect(statuses).toContain("abandoned");
  }, 120_000);

  it("is refused to anyone without ledger.health", async () => {
    await expect(startAudit(handle.db, { actor: clerk })).rejects.toThrow(/permission/);
    await expect(getLedgerHealth(handle.db, { actor: clerk })).rejects.toThrow(/permission/);
  });
});

describe("witness status and alerts", () => {
  it("shows each cosignature of the newest checkpoint and each witness's last size", async () => {
    const health = await getLedgerHealth(handle.db, { actor: senior, thresholds: { entries: 100, seconds: 300 } });
    expect(health.treeSize).toBe(1200);
    expect(health.newest?.treeSize).toBe(1200);
    expect(health.newest?.cosignatures.map((c) => c.department).sort()).toEqual(["civil", "police", "tax"]);
    const tax = health.witnesses.find((w) => w.department === "tax")!;
    expect(tax).toMatchObject({ lastSize: 1200, lagEntries: 0, alert: null });
    expect(tax.inProcess?.treeSize).toBe(1200);
    // Departments whose witness never cosigned are flagged.
    expect(health.witnesses.find((w) => w.department === "court")!.alert).toBe("never");
  });

  it("alerts when a witness trails by more entries than the threshold, or waits too long", async () => {
    await appendSamples(handle.db, 150, { tag: "later" });
    await publishCheckpoint(handle.db);
    await runInProcessWitnesses(handle.db, ["police"]);
    const health = await getLedgerHealth(handle.db, { actor: senior, thresholds: { entries: 100, seconds: 300 } });
    expect(health.witnesses.find((w) => w.department === "police")).toMatchObject({ lastSize: 1350, alert: null });
    expect(health.witnesses.find((w) => w.department === "tax")).toMatchObject({ lastSize: 1200, lagEntries: 150, alert: "lag_entries" });
    const later = await getLedgerHealth(handle.db, { actor: senior, now: new Date(Date.now() + 3600_000), thresholds: { entries: 1000, seconds: 300 } });
    expect(later.witnesses.find((w) => w.department === "tax")!.alert).toBe("lag_time");
  });

  it("records a witness's refusal of a forked checkpoint and raises an alert", async () => {
    // The civil witness remembers a different root at a size it cosigned: the log "forked".
    await handle.db
      .update(ledgerWitnessStates)
      .set({ rootHash: Buffer.alloc(32, 7).toString("base64") })
      .where(eq(ledgerWitnessStates.department, "civil"));
    const outcomes = await runInProcessWitnesses(handle.db, ["civil"]);
    expect(outcomes.get("civil")).toMatchObject({ kind: "refused", reason: "INCONSISTENT" });
    const health = await getLedgerHealth(handle.db, { actor: senior });
    const refusal = health.refusals.find((r) => r.department === "civil");
    expect(refusal).toMatchObject({ source: "witness", reason: "INCONSISTENT", recent: true });
  });

  it("records a cosignature line the portal refuses", async () => {
    const result = await addCosignature(handle.db, { treeSize: 1350, line: "— deedchain-tax-2026a AAAA\n" });
    expect(result.ok).toBe(false);
    const health = await getLedgerHealth(handle.db, { actor: senior });
    expect(health.refusals.find((r) => r.source === "portal")).toMatchObject({ treeSize: 1350, recent: true });
  });
});
