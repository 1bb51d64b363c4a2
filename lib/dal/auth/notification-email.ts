// A resident's optional email address for case notifications (account settings). Held like
// the phone: AES-256-GCM ciphertext under the registry's data key (DESIGN.md §7), decrypted
// only for the account holder's own settings page and for the email sender.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { decryptPersonal, encryptPersonal } from "@/lib/crypto/personal-data";
import type { Queryable } from "@/lib/db";
import { users } from "@/lib/db/schema";

/** An address, or "" to stop email notifications. RFC 5321 caps a path at 254 characters. */
export const notificationEmailSchema = z.union([z.literal(""), z.email("emailInvalid").max(254, "emailInvalid")]);

export async function getNotificationEmail(q: Queryable, { actor }: { actor: Actor }): Promise<string> {
  assertCan(actor, "application.view_own");
  const [row] = await q.select({ cipher: users.emailCipher }).from(users).where(eq(users.id, actor.userId)).limit(1);
  return row?.cipher ? decryptPersonal(q, "registry", "email", row.cipher) : "";
}

export async function setNotificationEmail(q: Queryable, { actor, email }: { actor: Actor; email: string }): Promise<void> {
  assertCan(actor, "application.view_own");
  const address = notificationEmailSchema.parse(email.trim());
  const cipher = address === "" ? null : await encryptPersonal(q, "registry", "email", address);
  await q.update(users).set({ emailCipher: cipher }).where(eq(users.id, actor.userId));
}
