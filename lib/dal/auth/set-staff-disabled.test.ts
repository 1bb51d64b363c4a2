import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/auth/permissions";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { ledgerEntries, users } from "@/lib/db/schema";
import { ensureLedgerKeys } from "@/lib/ledger/keys";
import { listStaff } from "./list-staff";
import { loadActor } from "./load-actor";
import { setStaffDisabled } from "./set-staff-disabled";
import { insertUser } from "./testing";

describe("setStaffDisabled", () => {
  let handle: TestDb;
  let admin: Actor;
  let clerkId: string;
  beforeAll(async () => {
    handle = await createTestDb();
    await ensureLedgerKeys(handle.db);
    const adminId = (await insertUser(handle.db, { login: "senior.admin", password: "Whatever-123", role: "senior_admin" })).id;
    admin = { userId: adminId, role: "senior_admin", department: "registry", displayName: "a", login: "senior.admin" };
    clerkId = (await insertUser(handle.db, { login: "clerk.land", password: "Whatever-123", role: "clerk", department: "land" })).id;
    await insertUser(handle.db, { login: "13800000077", password: "Whatever-123", role: "resident" });
  });
  afterAll(async () => handle.close());

  it("lists staff only, for a senior admin only", async () => {
    expect((await listStaff(handle.db, { actor: admin })).map((s) => s.login)).toEqual(["clerk.land", "senior.admin"]);
    await expect(listStaff(handle.db, { actor: { ...admin, role: "clerk" } })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("disables a clerk at once, with a signed entry, and re-enabling does not revive the old session", async () => {
    const claims = { userId: clerkId, sessionVersion: 0, authTime: Date.now() };
    expect(await loadActor(handle.db, claims)).not.toBeNull();
    const result = await setStaffDisabled(handle.db, { actor: admin, userId: clerkId, disabled: true });
    expect(result.changed).toBe(true);
    expect(await loadActor(handle.db, claims)).toBeNull();
    const [entry] = await handle.db.select().from(ledgerEntries).where(eq(ledgerEntries.seq, result.seq!));
    expect(JSON.parse(entry!.entry)).toMatchObject({ type: "staff.disabled", actor: admin.userId, subject: clerkId, payload: { role: "clerk", department: "land" } });

    expect((await setStaffDisabled(handle.db, { actor: admin, userId: clerkId, disabled: true })).changed).toBe(false);
    await setStaffDisabled(handle.db, { actor: admin, userId: clerkId, disabled: false });
    expect(await loadActor(handle.db, claims)).toBeNull();
    expect(await loadActor(handle.db, { ...claims, sessionVersion: 2 })).not.toBeNull();
  });

  it("refuses other roles, oneself and residents, writing nothing", async () => {
    const before = await handle.db.select().from(ledgerEntries);
    await expect(setStaffDisabled(handle.db, { actor: { ...admin, role: "department_admin" }, userId: clerkId, disabled: true })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setStaffDisabled(handle.db, { actor: admin, userId: admin.userId, disabled: true })).rejects.toMatchObject({ message: "staff.notYourself" });
    const [resident] = await handle.db.select().from(users).where(eq(users.role, "resident"));
    await expect(setStaffDisabled(handle.db, { actor: admin, userId: resident!.id, disabled: true })).rejects.toMatchObject({ message: "staff.notFound" });
    expect(await handle.db.select().from(ledgerEntries)).toHaveLength(before.length);
    const [clerk] = await handle.db.select().from(users).where(eq(users.id, clerkId));
    expect(clerk!.disabled).toBe(false);
  });
});
