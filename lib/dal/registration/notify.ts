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
 * The SMS for each resident among `userIds` (their phone decrypted here, in memory, for the
 * sender only). Accounts carry no email address yet, so no email goes out; the email sender
 * is there for when they do. Texts are in the portal's default language: accounts do not
 * store a language preference.
 */
async function outboundFor(q: Queryable, userIds: string[], applicationId: string, kind: NotificationKind): Promise<OutboundMessage[]> {
  const messages = loadMessages(DEFAULT_LOCALE);
  const text = (path: string) => path.split(".").reduce<Messages | string | undefined>((node, key) => (typeof node === "object" ? node[key] : undefined), messages);
  const what = text(`flow.notifications.${kind}`);
  const template = text("outbound.sms");
  const owner = text("common.owner");
  if (typeof what !== "string" || typeof template !== "string" || typeof owner !== "string") return [];
  const body = template.replace("{owner}", owner).replace("{message}", what).replace("{applicationId}", applicationId);
  const accounts = await q.select({ role: users.role, phoneCipher: users.phoneCipher }).from(users).where(inArray(users.id, userIds));
  const out: OutboundMessage[] = [];
  for (const account of accounts) {
    if (account.role !== "resident" || !account.phoneCipher) continue;
    out.push({ channel: "sms", to: await decryptPersonal(q, "registry", "phone", account.phoneCipher), body });
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
