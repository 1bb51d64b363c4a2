// Sign-in throttling (OWASP Authentication Cheat Sheet, "login throttling"): a sliding
// 15-minute window of failures per account and per IP address. Nothing is locked for good:
// a refusal lifts by itself once old failures leave the window. Refused (throttled)
// attempts are not counted, so an attacker cannot keep a victim's account shut forever by
// hammering it; a successful sign-in clears that account's failures, but never the IP's.
import { and, desc, eq, gt } from "drizzle-orm";
import type { Queryable } from "@/lib/db";
import { signInAttempts } from "@/lib/db/schema";
import { loginIndex } from "./user-identity";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export type ThrottleDecision = { ok: true } | { ok: false; scope: "account" | "ip"; retryAfterSeconds: number };

export async function checkSignInThrottle(q: Queryable, options: { login: string; ip: string; now: Date }): Promise<ThrottleDecision> {
  const windowStart = new Date(options.now.getTime() - THROTTLE_WINDOW_MS);

  const [lastSuccess] = await q
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.loginHmac, loginIndex(options.login)), eq(signInAttempts.succeeded, true), gt(signInAttempts.at, windowStart)))
    .orderBy(desc(signInAttempts.at))
    .limit(1);
  const accountSince = lastSuccess && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;
  const accountFailures = await q
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.loginHmac, loginIndex(options.login)), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, accountSince)))
    .orderBy(desc(signInAttempts.at))
    .limit(MAX_FAILURES_PER_ACCOUNT);
  if (accountFailures.length >= MAX_FAILURES_PER_ACCOUNT) {
    return { ok: false, scope: "account", retryAfterSeconds: secondsUntilOutOfWindow(accountFailures.at(-1)!.at, options.now) };
  }

  const ipFailures = await q
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.ip, options.ip), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, windowStart)))
    .orderBy(desc(signInAttempts.at))
    .limit(MAX_FAILURES_PER_IP);
  if (ipFailures.length >= MAX_FAILURES_PER_IP) {
    return { ok: false, scope: "ip", retryAfterSeconds: secondsUntilOutOfWindow(ipFailures.at(-1)!.at, options.now) };
  }
  return { ok: true };
}

/** When the oldest failure that still counts leaves the window, the refusal lifts. */
function secondsUntilOutOfWindow(oldestCounted: Date, now: Date): number {
  return Math.max(1, Math.ceil((oldestCounted.getTime() + THROTTLE_WINDOW_MS - now.getTime()) / 1000));
}

export async function recordSignInAttempt(
  q: Queryable,
  attempt: { login: string; ip: string; succeeded: boolean; at: Date },
): Promise<void> {
  // The typed login is kept only as its blind index: a resident's login is their phone number.
  await q.insert(signInAttempts).values({ loginHmac: loginIndex(attempt.login), ip: attempt.ip, succeeded: attempt.succeeded, at: attempt.at });
}
