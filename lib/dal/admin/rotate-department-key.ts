// A senior admin rotates a department's signing key from the key desk: the old key is
// retired with an end time, the new one is active from that instant, and the `key.rotated`
// entry (signed by the new key, endorsed by the old one) commits in the same transaction.
// Entries signed before keep verifying under the old key's window (lib/ledger/keys.ts).
import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { DEPARTMENT_CODES } from "@/lib/db/schema";
import { rotateDepartmentKey as rotate, type RotationResult } from "@/lib/ledger/keys";

/** Ledger payloads carry no free text: the reason is a code. */
export const ROTATION_REASONS = ["scheduled", "key_compromise", "staff_change"] as const;

export const rotateKeyInputSchema = z.object({
  department: z.enum(DEPARTMENT_CODES),
  reason: z.enum(ROTATION_REASONS),
});

export async function rotateKeyAsAdmin(db: Db, options: { actor: Actor; input: z.input<typeof rotateKeyInputSchema> }): Promise<RotationResult> {
  assertCan(options.actor, "keys.rotate");
  const input = rotateKeyInputSchema.parse(options.input);
  return db.transaction((tx) => rotate(tx, { department: input.department, actor: options.actor.userId, reason: input.reason }));
}
