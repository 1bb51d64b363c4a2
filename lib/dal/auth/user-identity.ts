// Who an account is, as the database holds it. One code path for every account, staff or
// resident: the sign-in name is found by its keyed HMAC (`loginIndex`, a blind index), and
// the name and login themselves are AES-256-GCM ciphertext under the registry's data key
// (DESIGN.md §7). Staff logins such as `clerk.registry` are not personal data, but a
// resident's login is their phone number, and one path means no branch can forget to encrypt.
import { eq, isNotNull, isNull, and, inArray } from "drizzle-orm";
import { normaliseLogin } from "@/lib/auth/login";
import type { Actor } from "@/lib/auth/permissions";
import { decryptPersonal, encryptPersonal, personalRef } from "@/lib/crypto/personal-data";
import type { Queryable } from "@/lib/db";
import { signInAttempts, users } from "@/lib/db/schema";

/** Blind index of a sign-in name: the same for "Clerk.Registry" and "clerk.registry". */
export function loginIndex(login: string): string {
  return personalRef("login", normaliseLogin(login));
}

export interface SealedIdentity {
  loginHmac: string;
  loginCipher: string;
  displayNameCipher: string;
}

/** The columns to insert for an account's login and name. */
export async function sealIdentity(q: Queryable, identity: { login: string; displayName: string }): Promise<SealedIdentity> {
  const login = normaliseLogin(identity.login);
  return {
    loginHmac: loginIndex(login),
    loginCipher: await encryptPersonal(q, "registry", "login", login),
    displayNameCipher: await encryptPersonal(q, "registry", "display_name", identity.displayName),
  };
}

/** An account's name, decrypted; "" for a row without one. */
export async function openDisplayName(q: Queryable, displayNameCipher: string | null): Promise<string> {
  return displayNameCipher ? decryptPersonal(q, "registry", "display_name", displayNameCipher) : "";
}

export async function openLogin(q: Queryable, loginCipher: string | null): Promise<string> {
  return loginCipher ? decryptPersonal(q, "registry", "login", loginCipher) : "";
}

/** Names by account id, decrypted (who authorised, who read): only for the ids asked. */
export async function displayNamesOf(q: Queryable, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await q.select({ id: users.id, cipher: users.displayNameCipher }).from(users).where(inArray(users.id, [...new Set(userIds)]));
  const out = new Map<string, string>();
  for (const row of rows) out.set(row.id, await openDisplayName(q, row.cipher));
  return out;
}

/** The account row a sign-in name belongs to. */
export async function accountByLogin(q: Queryable, login: string) {
  const [row] = await q.select().from(users).where(eq(users.loginHmac, loginIndex(login))).limit(1);
  return row ?? null;
}

/** The account a sign-in name belongs to, as an Actor (tests, the seed, the CLI). */
export async function loadActorByLogin(q: Queryable, login: string): Promise<Actor | null> {
  const u = await accountByLogin(q, login);
  if (!u) return null;
  return { userId: u.id, role: u.role, department: u.department, displayName: await openDisplayName(q, u.displayNameCipher), login: await openLogin(q, u.loginCipher) };
}

/**
 * Rows written before logins and names were encrypted (migration 0009 kept the old columns,
 * nullable): seal them and empty the clear columns. Runs after the SQL migrations; a no-op
 * once done. Old sign-in attempts get their login's blind index the same way.
 */
export async function sealLegacyIdentities(q: Queryable): Promise<{ accounts: number; attempts: number }> {
  const legacy = await q
    .select({ id: users.id, login: users.legacyLogin, displayName: users.legacyDisplayName })
    .from(users)
    .where(isNotNull(users.legacyLogin));
  for (const row of legacy) {
    const sealed = await sealIdentity(q, { login: row.login ?? "", displayName: row.displayName ?? "" });
    await q.update(users).set({ ...sealed, legacyLogin: null, legacyDisplayName: null }).where(eq(users.id, row.id));
  }
  const attempts = await q.selectDistinct({ login: signInAttempts.legacyLogin }).from(signInAttempts).where(isNotNull(signInAttempts.legacyLogin));
  for (const a of attempts) {
    await q
      .update(signInAttempts)
      .set({ loginHmac: loginIndex(a.login ?? ""), legacyLogin: null })
      .where(and(eq(signInAttempts.legacyLogin, a.login ?? ""), isNull(signInAttempts.loginHmac)));
  }
  // Sign-ups before 0009 bound their ID and phone ciphertext to `users.resident_id` / `users.phone`;
  // everything that reads them uses `resident_id` / `phone` (as the seed writes them).
  const residents = await q.select({ id: users.id, idCipher: users.residentIdCipher, phoneCipher: users.phoneCipher }).from(users).where(isNotNull(users.residentIdCipher));
  for (const r of residents) {
    const rebind = async (cipher: string | null, field: string) => {
      if (!cipher) return null;
      try {
        await decryptPersonal(q, "registry", field, cipher);
        return null;
      } catch {
        return encryptPersonal(q, "registry", field, await decryptPersonal(q, "registry", `users.${field}`, cipher));
      }
    };
    const idCipher = await rebind(r.idCipher, "resident_id");
    const phoneCipher = await rebind(r.phoneCipher, "phone");
    if (idCipher || phoneCipher) {
      await q
        .update(users)
        .set({ ...(idCipher ? { residentIdCipher: idCipher } : {}), ...(phoneCipher ? { phoneCipher } : {}) })
        .where(eq(users.id, r.id));
    }
  }
  return { accounts: legacy.length, attempts: attempts.length };
}
