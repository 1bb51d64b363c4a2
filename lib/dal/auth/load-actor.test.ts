import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { users } from "@/lib/db/schema";
import { beginSession, loadActor, SESSION_ABSOLUTE_TIMEOUT_MS } from "./load-actor";
import { endSessions } from "./sign-out";
import { insertUser } from "./testing";

describe("loadActor (session re-checked against the database)", () => {
  let handle: TestDb;
  let clerkId: string;
  const now = new Date("2026-03-01T10:00:00Z");
  const claims = () => ({ userId: clerkId, sessionVersion: 0, authTime: now.getTime() - 60_000, role: "senior_admin" });

  beforeAll(async () => {
    handle = await createTestDb();
    clerkId = (await insertUser(handle.db, { login: "clerk.police", password: "Whatever-123", role: "clerk", department: "police" })).id;
  });
  afterAll(async () => handle.close());

  it("takes role and department from the account row, not from the token", async () => {
    expect(await loadActor(handle.db, claims(), now)).toEqual({
      userId: clerkId,
      role: "clerk",
      department: "police",
      displayName: "clerk.police",
      login: "clerk.police",
    });
  });

  it("follows a role change at once", async () => {
    await handle.db.update(users).set({ role: "department_admin" }).where(eq(users.id, clerkId));
    expect(await loadActor(handle.db, claims(), now)).toMatchObject({ role: "department_admin" });
    await handle.db.update(users).set({ role: "clerk" }).where(eq(users.id, clerkId));
  });

  it("refuses a session once the account is disabled", async () => {
    await handle.db.update(users).set({ disabled: true }).where(eq(users.id, clerkId));
    expect(await loadActor(handle.db, claims(), now)).toBeNull();
    await handle.db.update(users).set({ disabled: false }).where(eq(users.id, clerkId));
    expect(await loadActor(handle.db, claims(), now)).not.toBeNull();
  });

  it("refuses an old cookie after sign-out bumped the session version", async () => {
    await endSessions(handle.db, { userId: clerkId });
    expect(await loadActor(handle.db, claims(), now)).toBeNull();
    expect(await loadActor(handle.db, { ...claims(), sessionVersion: 1 }, now)).not.toBeNull();
  });

  it("refuses malformed claims, unknown accounts and sessions past the absolute timeout", async () => {
    expect(await loadActor(handle.db, null, now)).toBeNull();
    expect(await loadActor(handle.db, { userId: "not-a-uuid", sessionVersion: 1, authTime: now.getTime() }, now)).toBeNull();
    expect(await loadActor(handle.db, { userId: "00000000-0000-4000-8000-000000000000", sessionVersion: 0, authTime: now.getTime() }, now)).toBeNull();
    expect(await loadActor(handle.db, { userId: clerkId, sessionVersion: 1, authTime: now.getTime() - SESSION_ABSOLUTE_TIMEOUT_MS - 1 }, now)).toBeNull();
  });

  it("ends every session of an account idle past the limit, server-side, and a new sign-in does not revive them", async () => {
    const timeouts = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
    const { id } = await insertUser(handle.db, { login: "clerk.idle", password: "Whatever-123", role: "clerk" });
    const start = new Date("2026-03-02T08:00:00Z");
    const version = await beginSession(handle.db, id, start, timeouts);
    const session = { userId: id, sessionVersion: version, authTime: start.getTime() };
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    // Active every 20 minutes: still signed in after an hour.
    expect(await loadActor(handle.db, session, at(20), timeouts)).not.toBeNull();
    expect(await loadActor(handle.db, session, at(40), timeouts)).not.toBeNull();
    expect(await loadActor(handle.db, session, at(60), timeouts)).not.toBeNull();
    // Then 31 minutes of silence: refused, and the account's sessions are ended.
    expect(await loadActor(handle.db, session, at(91), timeouts)).toBeNull();
    expect(await loadActor(handle.db, session, at(92), timeouts)).toBeNull();
    const [row] = await handle.db.select().from(users).where(eq(users.id, id));
    expect(row!.sessionVersion).toBe(version + 1);
    // Sign-in again: a new session works, the old cookie stays dead.
    const next = await beginSession(handle.db, id, at(93), timeouts);
    expect(await loadActor(handle.db, { ...session, sessionVersion: next, authTime: at(93).getTime() }, at(94), timeouts)).not.toBeNull();
    expect(await loadActor(handle.db, session, at(94), timeouts)).toBeNull();
  });

  it("a sign-in after a silence with no request in between still ends the older sessions", async () => {
    const timeouts = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
    const { id } = await insertUser(handle.db, { login: "clerk.quiet", password: "Whatever-123", role: "clerk" });
    const start = new Date("2026-03-03T08:00:00Z");
    const old = await beginSession(handle.db, id, start, timeouts);
    const fresh = await beginSession(handle.db, id, new Date(start.getTime() + 45 * 60_000), timeouts);
    expect(fresh).toBe(old + 1);
    expect(await loadActor(handle.db, { userId: id, sessionVersion: old, authTime: start.getTime() }, new Date(start.getTime() + 46 * 60_000), timeouts)).toBeNull();
  });

  it("honours the absolute timeout however active the session is", async () => {
    const timeouts = { idleMs: 30 * 60_000, absoluteMs: 2 * 3_600_000 };
    const { id } = await insertUser(handle.db, { login: "clerk.busy", password: "Whatever-123", role: "clerk" });
    const start = new Date("2026-03-04T08:00:00Z");
    const version = await beginSession(handle.db, id, start, timeouts);
    const session = { userId: id, sessionVersion: version, authTime: start.getTime() };
    for (let minutes = 10; minutes <= 120; minutes += 10) {
      expect(await loadActor(handle.db, session, new Date(start.getTime() + minutes * 60_000), timeouts), `${minutes} min`).not.toBeNull();
    }
    expect(await loadActor(handle.db, session, new Date(start.getTime() + 121 * 60_000), timeouts)).toBeNull();
  });
});
