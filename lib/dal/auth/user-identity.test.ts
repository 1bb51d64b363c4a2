// Logins and names at rest: one sealed form for every account, found by the login's blind
// index; rows an older version wrote in clear are sealed by migrate() and their clear
// columns emptied.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { decryptPersonal, encryptPersonal } from "@/lib/crypto/personal-data";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { migrate } from "@/lib/db/migrate";
import { signInAttempts, users } from "@/lib/db/schema";
import { insertUser } from "./testing";
import { accountByLogin, loadActorByLogin, loginIndex, openDisplayName, openLogin, sealLegacyIdentities } from "./user-identity";
import { verifyCredentials } from "./verify-credentials";

let handle: TestDb;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => handle?.close());

describe("user identity at rest", () => {
  it("finds an account by its login however it is typed, and keeps neither login nor name in clear", async () => {
    const { id } = await insertUser(handle.db, { login: "clerk.identity", password: "Whatever-12345", role: "clerk", department: "registry" });
    expect(loginIndex(" Clerk.Identity ")).toBe(loginIndex("clerk.identity"));
    expect((await accountByLogin(handle.db, "CLERK.IDENTITY"))?.id).toBe(id);
    const [row] = await handle.db.select().from(users).where(eq(users.id, id));
    expect(JSON.stringify(row)).not.toContain("clerk.identity");
    expect(await loadActorByLogin(handle.db, "clerk.identity")).toMatchObject({ userId: id, login: "clerk.identity", displayName: "clerk.identity" });
    expect(await loadActorByLogin(handle.db, "clerk.nobody")).toBeNull();
  });

  it("seals rows written in clear before 0009, re-binds old sign-up ciphertext, and then signs them in as before", async () => {
    const [legacy] = await handle.db
      .insert(users)
      .values({
        legacyLogin: "13912340000",
        legacyDisplayName: "旧账户",
        role: "resident",
        passwordHash: await hashPassword("Whatever-12345"),
        residentIdHmac: "legacy-ref",
        residentIdCipher: await encryptPersonal(handle.db, "registry", "users.resident_id", "431302198806120511"),
        phoneCipher: await encryptPersonal(handle.db, "registry", "users.phone", "13912340000"),
      })
      .returning({ id: users.id });
    await handle.db.insert(signInAttempts).values({ legacyLogin: "13912340000", ip: "10.0.0.1", succeeded: false });

    await migrate(handle); // the SQL is already applied; the data step seals the row
    const [row] = await handle.db.select().from(users).where(eq(users.id, legacy!.id));
    expect(row).toMatchObject({ legacyLogin: null, legacyDisplayName: null, loginHmac: loginIndex("13912340000") });
    expect(await openLogin(handle.db, row!.loginCipher)).toBe("13912340000");
    expect(await openDisplayName(handle.db, row!.displayNameCipher)).toBe("旧账户");
    expect(await decryptPersonal(handle.db, "registry", "resident_id", row!.residentIdCipher!)).toBe("431302198806120511");
    expect(await decryptPersonal(handle.db, "registry", "phone", row!.phoneCipher!)).toBe("13912340000");
    const attempts = await handle.db.select().from(signInAttempts);
    expect(attempts.map((a) => [a.legacyLogin, a.loginHmac])).toEqual([[null, loginIndex("13912340000")]]);
    // Idempotent.
    expect(await sealLegacyIdentities(handle.db)).toEqual({ accounts: 0, attempts: 0 });
    // The sealed account signs in as before, under its name.
    expect(await verifyCredentials(handle.db, { login: "13912340000", password: "Whatever-12345", ip: "10.0.0.9" })).toMatchObject({
      ok: true,
      user: { id: legacy!.id, displayName: "旧账户" },
    });
  });
});
