// Staff desk (issue 6 item 3): a senior admin creates an account (first password returned
// once, only its hash stored) and moves it to another role; the live session's next request
// carries the new role. Both changes are signed entries; bad placements and duplicates are
// refused with a field message.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, ForbiddenError, type Actor } from "@/lib/auth/permissions";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { ledgerEntries, users } from "@/lib/db/schema";
import { ensureLedgerKeys } from "@/lib/ledger/keys";
import { loadActor } from "../auth/load-actor";
import { insertUser } from "../auth/testing";
import { verifyCredentials } from "../auth/verify-credentials";
import { changeStaffRole } from "./change-staff-role";
import { createStaffAccount } from "./create-staff";

let handle: TestDb;
let admin: Actor;
beforeAll(async () => {
  handle = await createTestDb();
  await ensureLedgerKeys(handle.db);
  for (const code of ["tax", "land", "bank"] as const) await insertUser(handle.db, { login: `x.${code}`, password: "Whatever-123", role: "clerk", department: code === "bank" ? "registry" : code });
  const id = (await insertUser(handle.db, { login: "senior.admin", password: "Whatever-123", role: "senior_admin" })).id;
  admin = { userId: id, role: "senior_admin", department: "registry", displayName: "a", login: "senior.admin" };
});
afterAll(async () => handle.close());

const entry = async (seq: number) => JSON.parse((await handle.db.select().from(ledgerEntries).where(eq(ledgerEntries.seq, seq)))[0]!.entry) as { type: string; actor: string; subject: string; payload: unknown };

describe("staff accounts", () => {
  it("creates an account whose first password works once handed over; the entry names role and department only", async () => {
    const created = await createStaffAccount(handle.db, { actor: admin, input: { login: " Clerk.Tax2 ", displayName: "税务局 新人", role: "clerk", department: "tax" } });
    expect(created.login).toBe("clerk.tax2");
    const [row] = await handle.db.select().from(users).where(eq(users.id, created.userId));
    expect(row).toMatchObject({ role: "clerk", department: "tax", disabled: false });
    expect(row!.passwordHash).not.toContain(created.password);
    expect(row!.legacyLogin).toBeNull(); // sealed like every account: no login or name in clear
    const signIn = await verifyCredentials(handle.db, { login: "clerk.tax2", password: created.password, ip: "198.51.100.9" });
    expect(signIn).toMatchObject({ ok: true });
    const logged = await entry(created.seq);
    expect(logged).toMatchObject({ type: "staff.created", actor: admin.userId, subject: created.userId, payload: { role: "clerk", department: "tax" } });
    expect(JSON.stringify(logged)).not.toContain("clerk.tax2");
    expect(JSON.stringify(logged)).not.toContain("新人");

    await expect(createStaffAccount(handle.db, { actor: admin, input: { login: "clerk.tax2", displayName: "again", role: "clerk", department: "tax" } })).rejects.toMatchObject({ message: "adminStaff.loginTaken" });
    await expect(createStaffAccount(handle.db, { actor: admin, input: { login: "clerk.bank", displayName: "nope", role: "clerk", department: "bank" } })).rejects.toThrow();
    await expect(createStaffAccount(handle.db, { actor: { ...admin, role: "clerk" }, input: { login: "x.y.z", displayName: "nope", role: "clerk", department: "tax" } })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("changes a role: the same session's next request has the new role's permissions", async () => {
    const created = await createStaffAccount(handle.db, { actor: admin, input: { login: "clerk.land2", displayName: "自然资源局 新人", role: "clerk", department: "land" } });
    const claims = { userId: created.userId, sessionVersion: 0, authTime: Date.now() };
    const before = await loadActor(handle.db, claims);
    expect(can(before, "queue.view")).toBe(true);
    const changed = await changeStaffRole(handle.db, { actor: admin, input: { userId: created.userId, role: "department_admin", department: "land" } });
    expect(changed.changed).toBe(true);
    const after = await loadActor(handle.db, claims);
    expect(after).toMatchObject({ role: "department_admin", department: "land" });
    expect(can(after, "queue.view")).toBe(false);
    expect(can(after, "check.authorise")).toBe(true);
    expect(await entry(changed.seq!)).toMatchObject({ type: "staff.role_changed", subject: created.userId, payload: { from: { role: "clerk", department: "land" }, to: { role: "department_admin", department: "land" } } });
    // Unchanged: no entry. Own account, residents and misfits: refused.
    expect(await changeStaffRole(handle.db, { actor: admin, input: { userId: created.userId, role: "department_admin", department: "land" } })).toEqual({ changed: false, seq: null });
    await expect(changeStaffRole(handle.db, { actor: admin, input: { userId: admin.userId, role: "clerk", department: "registry" } })).rejects.toMatchObject({ message: "adminStaff.notYourself" });
    await expect(changeStaffRole(handle.db, { actor: admin, input: { userId: created.userId, role: "institution", department: "tax" } })).rejects.toThrow();
  });
});
