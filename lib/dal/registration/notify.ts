// Notifications are side effects: written after the command's transaction commits, so a
// rolled-back command never tells anyone anything. They carry codes and ids only.
import { inArray } from "drizzle-orm";
import { decryptPersonal } from "@/lib/crypto/personal-data";
import type { Queryable } from "@/lib/db";
import { registrationNotifications, users } from "@/lib/db/schema";
import { DEFAULT_LOCALE } from "@/lib/i18n/config";
import { loadMessages, type Messages } from "@/lib/i18n/messages";
import { sendOutbound, type OutboundMessage } from "@/lib/notify/outbound";

export type NotificationKind =
  | "confirm_requested"
  | "submitted"
  | "material_requested"
  | "check_answered"
  | "approved"
  | "rejected"
  | "check_overridden";

/** Notifies the filer and every party with a portal account (found by keyed ref). */
export async function notifyParties(
  q: Queryable,
  app: { applicationId: string; filedBy: string; partyRefs: readonly string[] },
  kind: NotificationKind,
  params: Record<string, string | number | null> = {},
  options: { only?: readonly string[] } = {},
): Promise<void> {
  const refs = options.only ?? app.partyRefs;
  const accounts = refs.length === 0 ? [] : await q.select({ id: users.id }).from(users).where(inArray(users.residentIdHmac, [...refs]));
  const ids = new Set(options.only ? accounts.map((a) => a.id) : [app.filedBy, ...accounts.map((a) => a.id)]);
  if (ids.size === 0) return;
  await q.insert(registrationNotifications).values([...ids].map((userId) => ({ userId, applicationId: app.applicationId, kind, params })));
  await sendOutbound(await outboundFor(q, [...ids], app.applicationId, kind));
}

/**
 * The SMS for each resident among `userIds`, and an email for those who gave an address in
 * their account settings (phone and address decrypted here, in memory, for the senders only).
 * Texts are in the portal's default language: accounts do not store a language preference.
 */
async function outboundFor(q: Queryable, userIds: string[], applicationId: string, kind: NotificationKind): Promise<OutboundMessage[]> {
  const messages = loadMessages(DEFAULT_LOCALE);
  const text = (path: string) => path.split(".").reduce<Messages | string | undefined>((node, key) => (typeof node === "object" ? node[key] : undefined), messages);
  const what = text(`flow.notifications.${kind}`);
  const owner = text("common.owner");
  const sms = text("outbound.sms");
  const email = text("outbound.email");
  const subject = text("outbound.emailSubject");
  if (typeof what !== "string" || typeof owner !== "string" || typeof sms !== "string" || typeof email !== "string" || typeof subject !== "string") return [];
  const fill = (template: string) => template.replace("{owner}", owner).replace("{message}", what).replace("{applicationId}", applicationId);
  const accounts = await q.select({ role: users.role, phoneCipher: users.phoneCipher, emailCipher: users.emailCipher }).from(users).where(inArray(users.id, userIds));
  const out: OutboundMessage[] = [];
  for (const account of accounts) {
    if (account.role !== "resident") continue;
    if (account.phoneCipher) out.push({ channel: "sms", to: await decryptPersonal(q, "registry", "phone", account.phoneCipher), body: fill(sms) });
    if (account.emailCipher) out.push({ channel: "email", to: await decryptPersonal(q, "registry", "email", account.emailCipher), subject, body: fill(email) });
  }
  return out;
}

/** Runs a post-commit side effect; a failure is logged, never turned into a failed command. */
export async function afterCommit(label: string, effect: () => Promise<unknown>): Promise<void> {
  try {
    await effect();
  } catch (error) {
    console.error(`[registration] ${label} failed after commit`, error instanceof Error ? error.message : error);
  }
}
