// The health page's data layer on a real ledger: the background audit reports progress and
// its result (ok, or the first bad seq), one run at a time; witness lag and refusals raise
// alerts; refused cosignatures are recorded where the portal refuses them, and a remote
// witness's own refusals when it reports them (signed by its key) over the API.
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
import { env } from "@/lib/env";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { activeSigningKey } from "@/lib/ledger/keys";
import { getConsistencyProof, getKeys, getNewestCheckpoint, postWitnessRefusal } from "@/lib/ledger/public-api";
import { signRefusalReport } from "@/lib/ledger/refusals";
import { httpWitnessSource, reportRefusal, witnessOnce, type WitnessState } from "@/lib/ledger/witness";
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

  it("shows a refusal a remote witness reports over the API, and only a report its key signed", async () => {
    // The remote witness talks to the portal over HTTP only, as `npm run witness` does.
    const fetchThroughHandlers = (async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      const { pathname } = new URL(request.url);
      if (pathname === "/api/ledger/checkpoint/newest") return getNewestCheckpoint(handle.db, request);
      if (pathname === "/api/ledger/keys") return getKeys(handle.db, request);
      if (pathname === "/api/ledger/proof/consistency") return getConsistencyProof(handle.db, request);
      if (pathname === "/api/ledger/witness-refusals") return postWitnessRefusal(handle.db, request);
      return new Response("not found", { status: 404 });
    }) as typeof fetch;
    const source = httpWitnessSource("http://portal.test/", fetchThroughHandlers);
    const signer = await activeSigningKey(handle.db, "housing", "department");
    const newest = (await getLedgerHealth(handle.db, { actor: senior })).newest!.treeSize;
    // It remembers another root at the newest size: the log it sees has forked.
    let remembered: WitnessState | null = { origin: env.LEDGER_ORIGIN, treeSize: newest, rootHash: Buffer.alloc(32, 9).toString("base64") };
    const state = { load: async () => remembered, save: async (s: WitnessState) => void (remembered = s) };
    const ctx = { b: nodeBackend, department: "housing" as const, source, state, signer: async () => signer };
    const outcome = await witnessOnce(ctx);
    expect(outcome).toMatchObject({ kind: "refused", reason: "INCONSISTENT", treeSize: newest });
    if (outcome.kind !== "refused") return;
    const housingAlerts = async () => (await getLedgerHealth(handle.db, { actor: senior })).refusals.filter((r) => r.department === "housing");
    expect(await housingAlerts()).toEqual([]);
    expect(await reportRefusal(ctx, outcome)).toBe(true);
    const [alert] = await housingAlerts();
    expect(alert).toMatchObject({ source: "witness", reason: "INCONSISTENT", treeSize: newest, recent: true });
    expect(alert!.message).toContain("the log forked");
    expect(alert!.message).toContain(signer.name);

    // Refused: a report signed by another department's key, an edited one, an old one, junk.
    const post = (body: unknown) => postWitnessRefusal(handle.db, new Request("http://portal.test/api/ledger/witness-refusals", { method: "POST", body: JSON.stringify(body) }));
    const report = { department: "housing" as const, reason: "SMALLER" as const, message: "the log went back", treeSize: 3, time: new Date().toISOString() };
    const tax = await activeSigningKey(handle.db, "tax", "department");
    const byTax = signRefusalReport(tax, report);
    expect((await post(byTax)).status).toBe(403);
    const signed = signRefusalReport(signer, report);
    expect((await post({ ...signed, report: signed.report.replace('"treeSize":3', '"treeSize":4') })).status).toBe(403);
    const stale = await post(signRefusalReport(signer, { ...report, time: new Date(Date.now() - 3600_000).toISOString() }));
    expect(stale.status).toBe(400);
    expect(((await stale.json()) as { error: string }).error).toMatch(/clock/);
    expect((await post({ report: "{}", signature: "x" })).status).toBe(400);
    expect((await post({ ...signed, report: "not json" })).status).toBe(400);
    expect(await housingAlerts()).toHaveLength(1);
    // A good one is recorded once, however often it is sent.
    expect((await post(signed)).status).toBe(201);
    expect((await post(signed)).status).toBe(200);
    expect((await housingAlerts()).map((r) => r.reason).sort()).toEqual(["INCONSISTENT", "SMALLER"]);
  });

  it("records a witness's refusal of a checkpoint that rolled back and raises an alert", async () => {
    // The police witness cosigned a bigger tree than the log now shows: the log "went back".
    await handle.db.update(ledgerWitnessStates).set({ treeSize: 1_000_000 }).where(eq(ledgerWitnessStates.department, "police"));
    const outcomes = await runInProcessWitnesses(handle.db, ["police"]);
    expect(outcomes.get("police")).toMatchObject({ kind: "refused", reason: "SMALLER" });
    const health = await getLedgerHealth(handle.db, { actor: senior });
    expect(health.refusals.find((r) => r.department === "police")).toMatchObject({ source: "witness", reason: "SMALLER", recent: true });
  });

  it("records a cosignature line the portal refuses", async () => {
    const result = await addCosignature(handle.db, { treeSize: 1350, line: "— deedchain-tax-2026a AAAA\n" });
    expect(result.ok).toBe(false);
    const health = await getLedgerHealth(handle.db, { actor: senior });
    expect(health.refusals.find((r) => r.source === "portal")).toMatchObject({ treeSize: 1350, recent: true });
  });
});
