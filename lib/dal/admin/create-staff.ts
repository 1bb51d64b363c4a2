// A senior admin creates a staff or institution account. The first password is generated
// here and returned once, for the admin to hand over; only its hash is stored. The account
// (sealed like every account's) and its signed `staff.created` entry (role and department; no name or login on the
// ledger) commit together.
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { plainText } from "@/lib/domain/plain-text";
import { normaliseLogin } from "@/lib/auth/login";
import { hashPassword } from "@/lib/auth/password";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { appendEntry } from "@/lib/ledger/append";
import { ActionError } from "../action-error";
import { STAFF_CONTRACT } from "../auth/set-staff-disabled";
import { accountByLogin, sealIdentity } from "../auth/user-identity";
import { staffPlacementSchema } from "./staff-roles";

export const createStaffInputSchema = z
  .object({
    login: z
      .string()
      .trim()
      .transform(normaliseLogin)
      .pipe(z.string().regex(/^[a-z][a-z0-9._]{2,39}$/, "adminStaff.loginForm")),
    displayName: plainText({ min: 2, max: 60 }),
  })
  .and(staffPlacementSchema);

export async function createStaffAccount(
  db: Db,
  options: { actor: Actor; input: z.input<typeof createStaffInputSchema> },
): Promise<{ userId: string; login: string; password: string; seq: number }> {
  assertCan(options.actor, "staff.manage");
  const input = createStaffInputSchema.parse(options.input);
  // 12 random bytes, base64url: 16 characters the holder types once and then changes.
  const password = randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    if (await accountByLogin(tx, input.login)) throw new ActionError("adminStaff.loginTaken", { fieldErrors: { login: ["adminStaff.loginTaken"] } });
    const [row] = await tx
      .insert(users)
      // Login and name are stored sealed, found by their blind index (user-identity.ts).
      .values({ ...(await sealIdentity(tx, { login: input.login, displayName: input.displayName })), role: input.role, department: input.department, passwordHash })
      .returning({ id: users.id });
    const entry = await appendEntry(tx, {
      type: "staff.created",
      contract: STAFF_CONTRACT,
      department: "registry",
      actor: options.actor.userId,
      subject: row!.id,
      payload: { role: input.role, department: input.department },
    });
    return { userId: row!.id, login: input.login, password, seq: entry.seq };
  });
}
