// A senior admin moves a staff account to another role or department. It takes effect on
// that person's next request: every request re-reads role and department from the account
// row (lib/dal/auth/load-actor.ts), so the session stays and its permissions change. The
// change and its signed `staff.role_changed` entry commit together.
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { appendEntry } from "@/lib/ledger/append";
import { ActionError } from "../action-error";
import { STAFF_CONTRACT } from "../auth/set-staff-disabled";
import { staffPlacementSchema } from "./staff-roles";

export const changeStaffRoleInputSchema = z.object({ userId: z.uuid() }).and(staffPlacementSchema);

export async function changeStaffRole(
  db: Db,
  options: { actor: Actor; input: z.input<typeof changeStaffRoleInputSchema> },
): Promise<{ changed: boolean; seq: number | null }> {
  assertCan(options.actor, "staff.manage");
  const input = changeStaffRoleInputSchema.parse(options.input);
  // A senior admin cannot demote themselves by accident (nor lock the desk out).
  if (input.userId === options.actor.userId) throw new ActionError("adminStaff.notYourself");
  return db.transaction(async (tx) => {
    const [account] = await tx.select({ id: users.id, role: users.role, department: users.department }).from(users).where(eq(users.id, input.userId)).for("update");
    if (!account || account.role === "resident") throw new ActionError("staff.notFound");
    if (account.role === input.role && account.department === input.department) return { changed: false, seq: null };
    await tx.update(users).set({ role: input.role, department: input.department }).where(eq(users.id, input.userId));
    const entry = await appendEntry(tx, {
      type: "staff.role_changed",
      contract: STAFF_CONTRACT,
      department: "registry",
      actor: options.actor.userId,
      subject: account.id,
      payload: { from: { role: account.role, department: account.department }, to: { role: input.role, department: input.department } },
    });
    return { changed: true, seq: entry.seq };
  });
}
