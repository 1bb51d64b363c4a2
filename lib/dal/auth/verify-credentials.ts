// The sign-in use-case behind next-auth's Credentials provider: throttle, look the account
// up, check the password in constant work whether or not the account exists, record the
// attempt. Staff sign in with their login, residents with their phone number. A staff
// member enrolled in TOTP also gives the code of their authenticator: without one the
// answer is TOTP_REQUIRED (the form then asks for it), a wrong or reused code counts as
// a failed attempt, so codes are throttled like passwords.
import "server-only";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "@/lib/auth/password";
import { normaliseLogin } from "@/lib/auth/login";
import type { Db } from "@/lib/db";
import type { DepartmentCode, Role } from "@/lib/db/schema";
import { accountByLogin, openDisplayName } from "./user-identity";
import { beginSession } from "./load-actor";
import { checkSignInThrottle, recordSignInAttempt } from "./sign-in-throttle";
import { acceptTotpCode } from "./totp-store";

export interface SignedInUser {
  id: string;
  role: Role;
  department: DepartmentCode | null;
  displayName: string;
  sessionVersion: number;
  /** The TOTP code was checked (the account is enrolled). */
  twoFactor: boolean;
}

export type VerifyCredentialsResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "INVALID" | "DISABLED" | "TOTP_REQUIRED" | "TOTP_INVALID" }
  | { ok: false; reason: "THROTTLED"; scope: "account" | "ip"; retryAfterSeconds: number };

export async function verifyCredentials(
  db: Db,
  options: { login: string; password: string; ip: string; code?: string; now?: Date },
): Promise<VerifyCredentialsResult> {
  const now = options.now ?? new Date();
  const login = normaliseLogin(options.login);
  const ip = options.ip;

  const throttle = await checkSignInThrottle(db, { login, ip, now });
  if (!throttle.ok) return { ok: false, reason: "THROTTLED", scope: throttle.scope, retryAfterSeconds: throttle.retryAfterSeconds };

  const user = await accountByLogin(db, login);
  // Hash against a burned value when there is no account, so the answer takes as long.
  const passwordMatches = await verifyPassword(options.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !passwordMatches) {
    await recordSignInAttempt(db, { login, ip, succeeded: false, at: now });
    return { ok: false, reason: "INVALID" };
  }
  // Only someone who knows the password learns that the account is disabled.
  if (user.disabled) {
    await recordSignInAttempt(db, { login, ip, succeeded: true, at: now });
    return { ok: false, reason: "DISABLED" };
  }
  const twoFactor = user.totpEnabledAt !== null;
  if (twoFactor) {
    // The password was right; asking for the code is not an attempt either way.
    if (!options.code) return { ok: false, reason: "TOTP_REQUIRED" };
    if (!(await acceptTotpCode(db, { userId: user.id, code: options.code, now }))) {
      await recordSignInAttempt(db, { login, ip, succeeded: false, at: now });
      return { ok: false, reason: "TOTP_INVALID" };
    }
  }
  await recordSignInAttempt(db, { login, ip, succeeded: true, at: now });
  const sessionVersion = await beginSession(db, user.id, now);
  return {
    ok: true,
    user: {
      id: user.id,
      role: user.role,
      department: user.department,
      displayName: await openDisplayName(db, user.displayNameCipher),
      sessionVersion,
      twoFactor,
    },
  };
}
