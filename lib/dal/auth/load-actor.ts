// Turns the claims of a session token into an Actor by reading the account row again: a
// disabled account, a sign-out elsewhere (sessionVersion bump) or a changed role takes
// effect on the very next request. Role and department come from the row, never the token.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { openDisplayName, openLogin } from "./user-identity";

/** A session lives at most this long after the password was typed, however active. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

export const sessionClaimsSchema = z.object({
  userId: z.uuid(),
  sessionVersion: z.number().int().nonnegative(),
  /** Epoch milliseconds of the sign-in. */
  authTime: z.number().int().positive(),
});
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

export async function loadActor(q: Queryable, claims: unknown, now: Date = new Date()): Promise<Actor | null> {
  const parsed = sessionClaimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  const { userId, sessionVersion, authTime } = parsed.data;
  if (now.getTime() - authTime > SESSION_ABSOLUTE_TIMEOUT_MS || authTime > now.getTime() + 60_000) return null;

  const [user] = await q
    .select({
      id: users.id,
      role: users.role,
      department: users.department,
      displayNameCipher: users.displayNameCipher,
      loginCipher: users.loginCipher,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user || user.disabled || user.sessionVersion !== sessionVersion) return null;
  return {
    userId: user.id,
    role: user.role,
    department: user.department,
    displayName: await openDisplayName(q, user.displayNameCipher),
    login: await openLogin(q, user.loginCipher),
  };
}
