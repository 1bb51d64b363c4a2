// The staff member types the code their authenticator shows: the secret is enabled, every
// other session of the account ends (they were opened without the second factor), and the
// caller starts a new session that carries it.
import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { ActionError } from "../action-error";
import { acceptTotpCode } from "./totp-store";

export async function confirmTotpEnrolment(db: Db, options: { actor: Actor; code: string; now?: Date }): Promise<{ sessionVersion: number }> {
  if (options.actor.role === "resident") throw new ActionError("forbidden");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ enabledAt: users.totpEnabledAt, cipher: users.totpSecretCipher })
      .from(users)
      .where(eq(users.id, options.actor.userId))
      .for("update");
    if (!row?.cipher) throw new ActionError("totp.notStarted");
    if (row.enabledAt) throw new ActionError("totp.alreadyEnrolled");
    if (!(await acceptTotpCode(tx, { userId: options.actor.userId, code: options.code, now: options.now }))) {
      throw new ActionError("totp.wrongCode", { fieldErrors: { code: ["totp.wrongCode"] } });
    }
    const [updated] = await tx
      .update(users)
      .set({ totpEnabledAt: options.now ?? new Date(), sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, options.actor.userId), isNull(users.totpEnabledAt), isNotNull(users.totpSecretCipher)))
      .returning({ sessionVersion: users.sessionVersion });
    return { sessionVersion: updated!.sessionVersion };
  });
}
