// The staff TOTP secret at rest (AES-256-GCM under the registry's data key, bound to the
// account) and the one code check every path uses: sign-in and enrolment both go through
// acceptTotpCode, which records the accepted step so the same code never works twice.
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { checkTotp } from "@/lib/auth/totp";
import { decryptPersonal, encryptPersonal } from "@/lib/crypto/personal-data";
import type { Queryable } from "@/lib/db";
import { users } from "@/lib/db/schema";

const field = (userId: string) => `users.totp_secret:${userId}`;

export async function sealTotpSecret(q: Queryable, userId: string, secret: string): Promise<string> {
  return encryptPersonal(q, "registry", field(userId), secret);
}

export async function openTotpSecret(q: Queryable, userId: string, sealed: string): Promise<string> {
  return decryptPersonal(q, "registry", field(userId), sealed);
}

/** True when `code` is valid now for the account's stored secret and its step is unused. */
export async function acceptTotpCode(q: Queryable, options: { userId: string; code: string; now?: Date }): Promise<boolean> {
  const [row] = await q
    .select({ cipher: users.totpSecretCipher, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, options.userId))
    .limit(1);
  if (!row?.cipher) return false;
  const check = await checkTotp({ secret: await openTotpSecret(q, options.userId, row.cipher), code: options.code, lastStep: row.lastStep, now: options.now });
  if (!check.ok) return false;
  // Two requests racing with the same code: only one moves the step forward.
  const moved = await q
    .update(users)
    .set({ totpLastStep: check.step })
    .where(and(eq(users.id, options.userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, check.step))))
    .returning({ id: users.id });
  return moved.length === 1;
}
