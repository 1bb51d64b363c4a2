// Staff TOTP end to end through the use-cases: enrolment stores the secret encrypted, a
// confirmed code enables it and ends older sessions; sign-in then needs a fresh code (wrong
// and replayed codes refused and throttled like passwords); an unenrolled senior admin's
// session is good for nothing but enrolment.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTotpCode } from "@/lib/auth/totp";
import type { Actor } from "@/lib/auth/permissions";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { signInAttempts, users } from "@/lib/db/schema";
import { ActionError } from "../action-error";
import { confirmTotpEnrolment } from "./confirm-totp-enrolment";
import { loadActor, loadSession } from "./load-actor";
import { MAX_FAILURES_PER_ACCOUNT } from "./sign-in-throttle";
import { startTotpEnrolment } from "./start-totp-enrolment";
import { insertUser } from "./testing";
import { verifyCredentials } from "./verify-credentials";

const PASSWORD = "Correct-horse-42";

describe("staff TOTP", () => {
  let handle: TestDb;
  let senior: Actor;
  const t0 = new Date();
  beforeAll(async () => {
    handle = await createTestDb();
    const { id } = await insertUser(handle.db, { login: "senior.x", password: PASSWORD, role: "senior_admin" });
    senior = { userId: id, role: "senior_admin", department: "registry", displayName: "senior.x", login: "senior.x" };
  });
  afterAll(async () => handle.close());

  const claims = (sessionVersion: number, twoFactor?: boolean) => ({ userId: senior.userId, sessionVersion, authTime: t0.getTime(), twoFactor });

  it("keeps a senior admin without TOTP on the enrolment page only", async () => {
    const signIn = await verifyCredentials(handle.db, { login: "senior.x", password: PASSWORD, ip: "10.1.0.1", now: t0 });
    expect(signIn).toMatchObject({ ok: true, user: { twoFactor: false } });
    expect(await loadSession(handle.db, claims(0), t0)).toMatchObject({ status: "enrol", actor: { role: "senior_admin" } });
    expect(await loadActor(handle.db, claims(0), t0)).toBeNull();
  });

  let secret = "";
  it("stores the secret encrypted and enables it only with a right code, ending older sessions", async () => {
    const enrolment = await startTotpEnrolment(handle.db, { actor: senior });
    secret = enrolment.secret;
    expect(enrolment.uri).toContain(`secret=${secret}`);
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const [row] = await handle.db.select().from(users).where(eq(users.id, senior.userId));
    expect(row!.totpSecretCipher).toBeTruthy();
    expect(row!.totpSecretCipher).not.toContain(secret);
    expect(row!.totpEnabledAt).toBeNull();

    await expect(confirmTotpEnrolment(handle.db, { actor: senior, code: "000000", now: t0 })).rejects.toBeInstanceOf(ActionError);
    expect((await handle.db.select().from(users).where(eq(users.id, senior.userId)))[0]!.totpEnabledAt).toBeNull();

    const { sessionVersion } = await confirmTotpEnrolment(handle.db, { actor: senior, code: await currentTotpCode(secret, t0), now: t0 });
    expect(sessionVersion).toBe(1);
    // The session opened with the password alone is over; the new one carries the factor.
    expect(await loadSession(handle.db, claims(0), t0)).toBeNull();
    expect(await loadSession(handle.db, claims(1), t0)).toBeNull();
    expect(await loadSession(handle.db, claims(1, true), t0)).toMatchObject({ status: "ok" });
    await expect(startTotpEnrolment(handle.db, { actor: senior })).rejects.toThrow("totp.alreadyEnrolled");
  });

  it("asks for the code at sign-in, refuses a wrong or replayed one, and counts those as failures", async () => {
    const later = new Date(t0.getTime() + 60_000);
    await handle.db.delete(signInAttempts);
    expect(await verifyCredentials(handle.db, { login: "senior.x", password: PASSWORD, ip: "10.1.0.2", now: later })).toEqual({ ok: false, reason: "TOTP_REQUIRED" });
    expect(await handle.db.select().from(signInAttempts)).toHaveLength(0);
    // The right code for the wrong password still says INVALID.
    const code = await currentTotpCode(secret, later);
    expect(await verifyCredentials(handle.db, { login: "senior.x", password: "Wrong-horse-42", code, ip: "10.1.0.2", now: later })).toEqual({ ok: false, reason: "INVALID" });
    expect(await verifyCredentials(handle.db, { login: "senior.x", password: PASSWORD, code: "123 456", ip: "10.1.0.2", now: later })).toEqual({ ok: false, reason: "TOTP_INVALID" });
    const ok = await verifyCredentials(handle.db, { login: "senior.x", password: PASSWORD, code, ip: "10.1.0.2", now: later });
    expect(ok).toMatchObject({ ok: true, user: { twoFactor: true } });
    expect(await verifyCredentials(handle.db, { login: "senior.x", password: PASSWORD, code, ip: "10.1.0.2", now: later })).toEqual({ ok: false, reason: "TOTP_INVALID" });
  });

  it("throttles code guessing like password guessing", async () => {
    const later = new Date(t0.getTime() + 120_000);
    await handle.db.delete(signInAttempts);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(await verifyCredentials(handle.db, { login: "senior.x", password: PASSWORD, code: String(100000 + i), ip: "10.1.0.3", now: later })).toMatchObject({ reason: "TOTP_INVALID" });
    }
    const code = await currentTotpCode(secret, later);
    expect(await verifyCredentials(handle.db, { login: "senior.x", password: PASSWORD, code, ip: "10.1.0.3", now: later })).toMatchObject({ ok: false, reason: "THROTTLED", scope: "account" });
  });

  it("is refused to residents", async () => {
    const { id } = await insertUser(handle.db, { login: "13800000077", password: PASSWORD, role: "resident" });
    const resident: Actor = { userId: id, role: "resident", department: null, displayName: "r", login: "13800000077" };
    await expect(startTotpEnrolment(handle.db, { actor: resident })).rejects.toThrow("forbidden");
  });
});
