// Dashboards on a real flow (PGlite, or PostgreSQL with DATABASE_URL): transfers filed,
// checked and decided through the use-cases, then every figure compared with a plain SQL
// count over the same tables and the ledger; scopes per role; SLA breaches; date filter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { makeResidentId } from "@/lib/domain/resident-id";
import { approveApplication } from "@/lib/dal/registration/approve-application";
import { claimApplication } from "@/lib/dal/registration/claim-application";
import { confirmApplication } from "@/lib/dal/registration/confirm-application";
import { dispatchChecks } from "@/lib/dal/registration/dispatch-checks";
import { authoriseRequest } from "@/lib/dal/departments/authorise-request";
import { actorByLogin, createFlowFixture, createResident, createUnit, fileTransfer, payDeedTax, setCaseViewRule, setTransferStandingRules, type FlowFixture } from "@/lib/dal/registration/testing";
import type { Actor } from "@/lib/auth/permissions";
import { getDashboard } from "./get-dashboard";
import { addDays, parseDashboardFilter, todayInLoudi } from "./range";

let f: FlowFixture;
let clerk: Actor;
let senior: Actor;
const today = todayInLoudi();
const from = addDays(today, -6);

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
}
async function one(query: ReturnType<typeof sql>): Promise<Record<string, unknown>> {
  return rowsOf(await f.db.execute(query))[0]!;
}
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
}

async function transfer(n: number, outcome: "approved" | "checks_open" | "queued") {
  const seller = await createResident(f.db, { name: `卖方${n}`, residentId: makeResidentId("431302", "19800101", 100 + n), phone: `1390000${String(n).padStart(4, "0")}` });
  const buyer = await createResident(f.db, { name: `买方${n}`, residentId: makeResidentId("431321", "19850101", 500 + n), phone: `1370000${String(n).padStart(4, "0")}` });
  const unit = await createUnit(f.db, seller.ref, 70_000 + n);
  await payDeedTax(f.db, unit, buyer.ref);
  const applicationId = await fileTransfer(f.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit });
  await confirmApplication(f.db, { actor: buyer.actor, applicationId });
  if (outcome === "queued") return applicationId;
  await claimApplication(f.db, { actor: clerk, applicationId });
  const dispatched = await dispatchChecks(f.db, { actor: clerk, applicationId, answerNow: outcome === "approved" });
  if (outcome === "approved") {
    // Tax has no standing rule: its admin authorises, and the adapter answers.
    const taxRequest = dispatched.requests.find((r) => r.department === "tax")!;
    await authoriseRequest(f.db, { actor: await actorByLogin(f.db, "admin.tax"), requestId: taxRequest.requestId, answerNow: true });
    await approveApplication(f.db, { actor: clerk, applicationId });
  }
  return applicationId;
}

beforeAll(async () => {
  f = await createFlowFixture();
  await setTransferStandingRules(f.db, ["police", "civil", "housing"]);
  await setCaseViewRule(f.db);
  clerk = await actorByLogin(f.db, "clerk.registry");
  senior = await actorByLogin(f.db, "senior.admin");
  await transfer(1, "approved");
  await transfer(2, "approved");
  await transfer(3, "checks_open");
  await transfer(4, "queued");
}, 300_000);
afterAll(async () => f?.close());

describe("registry dashboard", () => {
  it("matches SQL counts: applications per day by kind, decisions, checks per department, queue", async () => {
    const d = await getDashboard(f.db, { actor: clerk, scope: "registry", from, to: today });
    expect(d.days).toHaveLength(7);
    const submitted = await one(sql`SELECT count(*)::int AS n FROM registration_applications WHERE kind = 'transfer' AND submitted_at IS NOT NULL`);
    expect(Number(submitted.n)).toBe(4);
    expect(d.perDay.series).toEqual(["transfer"]);
    expect(d.perDay.rows.at(-1)!.values.transfer).toBe(Number(submitted.n));
    expect(d.totals.perDay).toBe(Number(submitted.n));

    const approved = await one(sql`SELECT count(*)::int AS n FROM ledger_entries WHERE type = 'registration.approved'`);
    const processing = d.processing.find((p) => p.key === "transfer")!;
    expect(processing.count).toBe(Number(approved.n));
    expect(processing.positive).toBe(2);
    const spans = rowsOf(
      await f.db.execute(sql`SELECT extract(epoch FROM e.time - a.submitted_at) / 3600 AS h FROM registration_applications a
        JOIN ledger_entries e ON e.subject = a.id AND e.type = 'registration.approved'`),
    ).map((r) => Number(r.h));
    expect(processing.medianHours).toBeCloseTo(Math.round(median(spans) * 10) / 10, 5);

    const byDepartment = rowsOf(await f.db.execute(sql`SELECT department, count(*)::int AS n FROM registration_verification_requests GROUP BY department`));
    expect(Object.fromEntries(d.checks.map((c) => [c.key, c.total]))).toEqual(Object.fromEntries(byDepartment.map((r) => [String(r.department), Number(r.n)])));
    const tax = d.checks.find((c) => c.key === "tax")!;
    // Tax has no standing rule: its admin authorised the approved cases; case 3's request waits.
    const taxOpen = await one(sql`SELECT count(*)::int AS n FROM registration_verification_requests WHERE department = 'tax' AND answer IS NULL`);
    expect(tax.open).toBe(Number(taxOpen.n));
    expect(tax).toMatchObject({ byAdmin: 2, byStandingRule: 0, yes: 2 });
    expect(tax.medianAuthoriseHours).not.toBeNull();
    const viaRule = await one(sql`SELECT count(*)::int AS n FROM registration_verification_requests WHERE authorised_via = 'standing_rule'`);
    expect(d.checks.reduce((a, c) => a + c.byStandingRule, 0)).toBe(Number(viaRule.n));

    const open = await one(sql`SELECT count(*)::int AS n FROM registration_applications WHERE submitted_at IS NOT NULL AND status NOT IN ('approved', 'rejected', 'withdrawn')`);
    expect(d.queue.at(-1)!.open).toBe(Number(open.n));
    expect(d.queue[0]!.open).toBe(0);
  }, 120_000);

  it("counts open requests past their expected hours as SLA breaches", async () => {
    const later = new Date(Date.now() + 30 * 86_400_000);
    const d = await getDashboard(f.db, { actor: senior, scope: "registry", from, to: today, now: later });
    const open = await one(sql`SELECT count(*)::int AS n FROM registration_verification_requests WHERE answer IS NULL AND status NOT IN ('refused', 'blocked', 'cancelled')`);
    expect(Number(open.n)).toBeGreaterThan(0);
    expect(d.checks.reduce((a, c) => a + c.openBreaches, 0)).toBe(Number(open.n));
    const fresh = await getDashboard(f.db, { actor: senior, scope: "registry", from, to: today });
    expect(fresh.totals.slaBreaches).toBe(0);
  }, 60_000);

  it("a range before any filing shows zeros, not someone else's days", async () => {
    const d = await getDashboard(f.db, { actor: clerk, scope: "registry", from: addDays(today, -40), to: addDays(today, -30) });
    expect(d.totals).toEqual({ perDay: 0, decided: 0, checks: 0, slaBreaches: 0 });
    expect(d.queue.every((q) => q.open === 0)).toBe(true);
  });
});

describe("department dashboard", () => {
  it("shows the department's own requests by check, matching SQL", async () => {
    const admin = await actorByLogin(f.db, "admin.police");
    const d = await getDashboard(f.db, { actor: admin, scope: "police", from, to: today });
    const rows = rowsOf(await f.db.execute(sql`SELECT "check", count(*)::int AS n FROM registration_verification_requests WHERE department = 'police' GROUP BY "check"`));
    expect(Object.fromEntries(d.checks.map((c) => [c.key, c.total]))).toEqual(Object.fromEntries(rows.map((r) => [String(r.check), Number(r.n)])));
    expect(d.perDay.rows.at(-1)!.total).toBe(rows.reduce((a, r) => a + Number(r.n), 0));
    const answered = await one(sql`SELECT count(*)::int AS n FROM registration_verification_requests WHERE department = 'police' AND answer IS NOT NULL`);
    expect(d.processing.reduce((a, p) => a + p.count, 0)).toBe(Number(answered.n));
    const inbox = await one(sql`SELECT count(*)::int AS n FROM registration_verification_requests WHERE department = 'police' AND status IN ('requested', 'authorised')`);
    expect(d.queue.at(-1)!.open).toBe(Number(inbox.n));
  });

  it("gives each role only its own scopes", async () => {
    const police = await actorByLogin(f.db, "admin.police");
    await expect(getDashboard(f.db, { actor: police, scope: "registry", from, to: today })).rejects.toThrow(/permission/);
    await expect(getDashboard(f.db, { actor: police, scope: "tax", from, to: today })).rejects.toThrow(/permission/);
    const landClerk = await actorByLogin(f.db, "clerk.land");
    await expect(getDashboard(f.db, { actor: landClerk, scope: "registry", from, to: today })).rejects.toThrow(/permission/);
    await expect(getDashboard(f.db, { actor: senior, scope: "tax", from, to: today })).resolves.toMatchObject({ scope: "tax" });
  });
});

describe("date filter", () => {
  const now = new Date("2026-11-24T03:00:00Z");
  it("defaults to the last 60 days and accepts a valid range", () => {
    expect(parseDashboardFilter({}, now)).toEqual({ ok: true, value: { from: "2026-09-26", to: "2026-11-24", scope: undefined } });
    expect(parseDashboardFilter({ from: "2026-11-01", to: "2026-11-10", scope: "tax" }, now)).toEqual({ ok: true, value: { from: "2026-11-01", to: "2026-11-10", scope: "tax" } });
  });
  it("refuses malformed dates, reversed or over-long ranges and unknown scopes with field messages", () => {
    expect(parseDashboardFilter({ from: "2026-02-30" }, now)).toEqual({ ok: false, errors: { from: ["dateFormat"] } });
    expect(parseDashboardFilter({ from: "2026-11-10", to: "2026-11-01" }, now)).toEqual({ ok: false, errors: { from: ["fromAfterTo"] } });
    expect(parseDashboardFilter({ from: "2024-01-01", to: "2026-11-01" }, now)).toEqual({ ok: false, errors: { from: ["rangeTooLong"] } });
    expect(parseDashboardFilter({ scope: "nasa" }, now)).toMatchObject({ ok: false, errors: { scope: ["scope"] } });
  });
});
