import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { signInAttempts } from "@/lib/db/schema";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, recordSignInAttempt, THROTTLE_WINDOW_MS } from "./sign-in-throttle";
import { insertUser } from "./testing";
import { loginIndex } from "./user-identity";
import { verifyCredentials } from "./verify-credentials";

const PASSWORD = "Correct-horse-42";

describe("verifyCredentials (sign-in with throttling)", () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb();
    await insertUser(handle.db, { login: "clerk.tax", password: PASSWORD, role: "clerk", department: "tax" });
    await insertUser(handle.db, { login: "13800000009", password: PASSWORD, role: "resident" });
    await insertUser(handle.db, { login: "clerk.gone", password: PASSWORD, role: "clerk", disabled: true });
  });
  afterAll(async () => handle.close());
  beforeEach(async () => {
    await handle.db.delete(signInAttempts);
  });

  it("signs staff in by login and residents by phone, folding case and full-width digits", async () => {
    const staff = await verifyCredentials(handle.db, { login: " Clerk.Tax ", password: PASSWORD, ip: "10.0.0.1" });
    expect(staff).toMatchObject({ ok: true, user: { role: "clerk", department: "tax" } });
    const resident = await verifyCredentials(handle.db, { login: "１３８００００００09", password: PASSWORD, ip: "10.0.0.1" });
    expect(resident).toMatchObject({ ok: true, user: { role: "resident", department: null } });
  });

  it("answers the same for a wrong password and an unknown account, and records both", async () => {
    expect(await verifyCredentials(handle.db, { login: "clerk.tax", password: "wrong-password-1", ip: "10.0.0.2" })).toEqual({ ok: false, reason: "INVALID" });
    expect(await verifyCredentials(handle.db, { login: "nobody", password: PASSWORD, ip: "10.0.0.2" })).toEqual({ ok: false, reason: "INVALID" });
    const rows = await handle.db.select().from(signInAttempts);
    // Recorded by the login's blind index only, never the login typed (a resident's is their phone).
    expect(rows.map((r) => [r.loginHmac, r.succeeded, r.legacyLogin]).sort()).toEqual([[loginIndex("clerk.tax"), false, null], [loginIndex("nobody"), false, null]].sort());
  });

  it("tells a disabled account apart only after the right password", async () => {
    expect(await verifyCredentials(handle.db, { login: "clerk.gone", password: "wrong-password-1", ip: "10.0.0.3" })).toEqual({ ok: false, reason: "INVALID" });
    expect(await verifyCredentials(handle.db, { login: "clerk.gone", password: PASSWORD, ip: "10.0.0.3" })).toEqual({ ok: false, reason: "DISABLED" });
  });

  it("refuses an account after 5 failures in 15 minutes, even with the right password, and lets it in after the window", async () => {
    const start = new Date("2026-01-01T08:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await recordSignInAttempt(handle.db, { login: "clerk.tax", ip: `10.1.0.${i}`, succeeded: false, at: new Date(start.getTime() + i * 1000) });
    }
    const now = new Date(start.getTime() + 60_000);
    const refused = await verifyCredentials(handle.db, { login: "clerk.tax", password: PASSWORD, ip: "10.9.9.9", now });
    expect(refused).toMatchObject({ ok: false, reason: "THROTTLED", scope: "account" });
    // The oldest counted failure leaves the window 14 minutes after `now`.
    expect(refused.ok === false && refused.reason === "THROTTLED" && refused.retryAfterSeconds).toBe(14 * 60);
    // Another account from the same address is not affected.
    expect(await verifyCredentials(handle.db, { login: "13800000009", password: PASSWORD, ip: "10.9.9.9", now })).toMatchObject({ ok: true });
    const later = new Date(start.getTime() + THROTTLE_WINDOW_MS + 1000);
    expect(await verifyCredentials(handle.db, { login: "clerk.tax", password: PASSWORD, ip: "10.9.9.9", now: later })).toMatchObject({ ok: true });
  });

  it("refuses an address after 30 failures across accounts; a success elsewhere does not reset it", async () => {
    const start = new Date("2026-01-02T08:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await recordSignInAttempt(handle.db, { login: `guess${i}`, ip: "203.0.113.7", succeeded: false, at: new Date(start.getTime() + i * 1000) });
    }
    await recordSignInAttempt(handle.db, { login: "clerk.tax", ip: "198.51.100.1", succeeded: true, at: new Date(start.getTime() + 40_000) });
    const now = new Date(start.getTime() + 60_000);
    expect(await verifyCredentials(handle.db, { login: "clerk.tax", password: PASSWORD, ip: "203.0.113.7", now })).toMatchObject({
      ok: false,
      reason: "THROTTLED",
      scope: "ip",
    });
    expect(await verifyCredentials(handle.db, { login: "clerk.tax", password: PASSWORD, ip: "198.51.100.1", now })).toMatchObject({ ok: true });
    // Throttled attempts are not counted, so the refusal cannot be kept alive forever.
    const fromAddress = await handle.db.select().from(signInAttempts).where(eq(signInAttempts.ip, "203.0.113.7"));
    expect(fromAddress).toHaveLength(MAX_FAILURES_PER_IP);
  });

  it("a success clears the account's own failures", async () => {
    const start = new Date("2026-01-03T08:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) {
      await recordSignInAttempt(handle.db, { login: "clerk.tax", ip: "10.2.0.1", succeeded: false, at: new Date(start.getTime() + i * 1000) });
    }
    await recordSignInAttempt(handle.db, { login: "clerk.tax", ip: "10.2.0.1", succeeded: true, at: new Date(start.getTime() + 10_000) });
    await recordSignInAttempt(handle.db, { login: "clerk.tax", ip: "10.2.0.1", succeeded: false, at: new Date(start.getTime() + 20_000) });
    const now = new Date(start.getTime() + 30_000);
    expect(await verifyCredentials(handle.db, { login: "clerk.tax", password: PASSWORD, ip: "10.2.0.1", now })).toMatchObject({ ok: true });
  });
});
