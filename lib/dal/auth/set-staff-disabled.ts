// A senior admin disables or re-enables a staff account. Disabling takes effect on that
// person's very next request (lib/dal/auth/load-actor.ts re-reads the row) and also bumps
// sessionVersion, so re-enabling never revives a session from before. The change and its
// signed ledger entry commit together.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { appendEntry } from "@/lib/ledger/append";
import { ActionError } from "../action-error";

export const STAFF_CONTRACT = "staff@1";

export async function setStaffDisabled(
  db: Db,
  options: { actor: Actor; userId: string; disabled: boolean },
): Promise<{ changed: boolean; seq: number | null }> {
  const { actor, userId, disabled } = options;
  assertCan(actor, "staff.manage");
  // Nobody locks themselves out of the system by accident.
  if (userId === actor.userId) throw new ActionError("staff.notYourself");
  return db.transaction(async (tx) => {
    const [account] = await tx
      .select({ id: users.id, role: users.role, department: users.department, disabled: users.disabled })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!account || account.role === "resident") throw new ActionError("staff.notFound");
    if (account.disabled === disabled) return { changed: false, seq: null };
    await tx
      .update(users)
      .set({ disabled, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    const entry = await appendEntry(tx, {
      type: disabled ? "staff.disabled" : "staff.enabled",
      contract: STAFF_CONTRACT,
      department: "registry",
      actor: actor.userId,
      subject: account.id,
      payload: { role: account.role, department: account.department },
    });
    return { changed: true, seq: entry.seq };
  });
}
