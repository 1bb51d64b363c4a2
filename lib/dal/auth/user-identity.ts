// Who an account is, as the database holds it. One code path for every account, staff or
// resident: the sign-in name is found by its keyed HMAC (`loginIndex`), and the name and
// login themselves are AES-256-GCM ciphertext under the registry's data key (DESIGN.md §7).
// Staff logins such as `clerk.registry` are not personal data, but a resident's login is
// their phone number, and one path means no branch can forget to encrypt.
import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { users } from "@/lib/db/schema";

/** The account a sign-in name belongs to, as an Actor (tests, the seed, the CLI). */
export async function loadActorByLogin(q: Queryable, login: string): Promise<Actor | null> {
  const [u] = await q.select().from(users).where(eq(users.login, login));
  if (!u) return null;
  return { userId: u.id, role: u.role, department: u.department, displayName: u.displayName, login: u.login };
}
