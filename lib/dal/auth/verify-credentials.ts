// The sign-in use-case behind next-auth's Credentials provider: throttle, look the account
// up, check the password in constant work whether or not the account exists, record the
// attempt. Staff sign in with their login, residents with their phone number.
import "server-only";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "@/lib/auth/password";
import { normaliseLogin } from "@/lib/auth/login";
import type { Db } from "@/lib/db";
import type { DepartmentCode, Role } from "@/lib/db/schema";
import { accountByLogin, openDisplayName } from "./user-identity";
import { checkSignInThrottle, recordSignInAttempt } from "./sign-in-throttle";

export interface SignedInUser {
  id: string;
  role: Role;
  department: DepartmentCode | null;
  displayName: string;
  sessionVersion: number;
}

export type VerifyCredentialsResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "INVALID" | "DISABLED" }
  | { ok: false; reason: "THROTTLED"; scope: "account" | "ip"; retryAfterSeconds: number };

export async function verifyCredentials(
  db: Db,
  options: { login: string; password: string; ip: string; now?: Date },
): Promise<VerifyCredentialsResult> {
  const now = options.now ?? new Date();
  const login = normaliseLogin(options.login);
  const ip = options.ip;

  const throttle = await checkSignInThrottle(db, { login, ip, now });
  if (!throttle.ok) return { ok: false, reason: "THROTTLED", scope: throttle.scope, retryAfterSeconds: throttle.retryAfterSeconds };

  const user = await accountByLogin(db, login);
  // Hash against a burned value when there is no account, so the answer takes as long.
  const passwordMatches = await verifyPassword(options.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  const succeeded = Boolean(user) && passwordMatches;
  await recordSignInAttempt(db, { login, ip, succeeded, at: now });

  if (!user || !passwordMatches) return { ok: false, reason: "INVALID" };
  // Only someone who knows the password learns that the account is disabled.
  if (user.disabled) return { ok: false, reason: "DISABLED" };
  return {
    ok: true,
    user: {
      id: user.id,
      role: user.role,
      department: user.department,
      displayName: await openDisplayName(db, user.displayNameCipher),
      sessionVersion: user.sessionVersion,
    },
  };
}
