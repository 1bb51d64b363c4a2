// Turns the claims of a session token into an Actor by reading the account row again: a
// disabled account, a sign-out elsewhere (sessionVersion bump) or a changed role takes
// effect on the very next request. Role and department come from the row, never the token.
//
// Timeouts are enforced here, on the server, not by the cookie's lifetime:
// - absolute: the token's authTime (the moment the password was typed) + SESSION_ABSOLUTE_HOURS;
// - idle: users.last_seen_at, touched at most once a minute by any request of the account;
//   a request arriving after SESSION_IDLE_MINUTES of silence ends every session of the
//   account (sessionVersion bump), so the copied cookie is dead too. Sessions are JWTs
//   without a table, so "idle" is per account: activity in one session keeps its others.
// - second factor: a staff member enrolled in TOTP must have passed it at sign-in
//   (claim `twoFactor`); a senior admin who has not enrolled yet gets status "enrol" and
//   can reach only the enrolment page (lib/dal/auth/get-actor.ts).
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { openDisplayName, openLogin } from "./user-identity";
import { env } from "@/lib/env";

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export const SESSION_TIMEOUTS: SessionTimeouts = {
  idleMs: env.SESSION_IDLE_MINUTES * 60_000,
  absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
};
/** A session lives at most this long after the password was typed, however active. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = SESSION_TIMEOUTS.absoluteMs;
/** last_seen_at is written at most this often per account. */
const TOUCH_EVERY_MS = 60_000;

export const sessionClaimsSchema = z.object({
  userId: z.uuid(),
  sessionVersion: z.number().int().nonnegative(),
  /** Epoch milliseconds of the sign-in. */
  authTime: z.number().int().positive(),
  /** The TOTP code was checked at sign-in (or at enrolment). */
  twoFactor: z.boolean().optional(),
});
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/** "enrol": a senior admin without TOTP yet; only the enrolment page and its actions serve them. */
export type LoadedSession = { status: "ok" | "enrol"; actor: Actor };

/** Roles that must enrol a second factor before anything else. */
export const TOTP_REQUIRED_ROLES = ["senior_admin"] as const;

export async function loadSession(q: Queryable, claims: unknown, now: Date = new Date(), timeouts: SessionTimeouts = SESSION_TIMEOUTS): Promise<LoadedSession | null> {
  const parsed = sessionClaimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  const { userId, sessionVersion, authTime, twoFactor } = parsed.data;
  if (now.getTime() - authTime > timeouts.absoluteMs || authTime > now.getTime() + 60_000) return null;

  const [user] = await q
    .select({
      id: users.id,
      role: users.role,
      department: users.department,
      displayNameCipher: users.displayNameCipher,
      loginCipher: users.loginCipher,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      lastSeenAt: users.lastSeenAt,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user || user.disabled || user.sessionVersion !== sessionVersion) return null;

  if (user.lastSeenAt && now.getTime() - user.lastSeenAt.getTime() > timeouts.idleMs) {
    await endIdleSessions(q, userId, sessionVersion);
    return null;
  }
  if (!user.lastSeenAt || now.getTime() - user.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await q
      .update(users)
      .set({ lastSeenAt: now })
      .where(and(eq(users.id, userId), or(isNull(users.lastSeenAt), lt(users.lastSeenAt, new Date(now.getTime() - TOUCH_EVERY_MS + 1)))));
  }

  if (user.totpEnabledAt && twoFactor !== true) return null;
  const actor: Actor = {
    userId: user.id,
    role: user.role,
    department: user.department,
    displayName: await openDisplayName(q, user.displayNameCipher),
    login: await openLogin(q, user.loginCipher),
  };
  const mustEnrol = !user.totpEnabledAt && (TOTP_REQUIRED_ROLES as readonly string[]).includes(user.role);
  return { status: mustEnrol ? "enrol" : "ok", actor };
}

/** The actor of a fully established session (not one that still has to enrol TOTP). */
export async function loadActor(q: Queryable, claims: unknown, now: Date = new Date(), timeouts: SessionTimeouts = SESSION_TIMEOUTS): Promise<Actor | null> {
  const session = await loadSession(q, claims, now, timeouts);
  return session?.status === "ok" ? session.actor : null;
}

async function endIdleSessions(q: Queryable, userId: string, sessionVersion: number): Promise<void> {
  await q
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion)));
}

/**
 * At sign-in: when the account has been idle past the limit, end its old sessions first
 * (a cookie copied before the silence must not come back to life), then mark it active.
 * Returns the session version the new session carries.
 */
export async function beginSession(q: Queryable, userId: string, now: Date = new Date(), timeouts: SessionTimeouts = SESSION_TIMEOUTS): Promise<number> {
  // An ISO string with a cast: postgres.js cannot bind a Date inside a raw sql`` fragment
  // (it does not know the parameter's type there); PGlite and PostgreSQL both read this.
  const idleBefore = new Date(now.getTime() - timeouts.idleMs);
  const [row] = await q
    .update(users)
    .set({
      sessionVersion: sql`case when ${users.lastSeenAt} is not null and ${users.lastSeenAt} < ${idleBefore.toISOString()}::timestamptz then ${users.sessionVersion} + 1 else ${users.sessionVersion} end`,
      lastSeenAt: now,
    })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return row!.sessionVersion;
}
