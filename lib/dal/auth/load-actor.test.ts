import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { users } from "@/lib/db/schema";
import { loadActor, SESSION_ABSOLUTE_TIMEOUT_MS } from "./load-actor";
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
});
