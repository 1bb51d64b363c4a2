// Notifications are side effects: written after the command's transaction commits, so a
// rolled-back command never tells anyone anything. They carry codes and ids only.
import { inArray } from "drizzle-orm";
import type { Queryable } from "@/lib/db";
import { registrationNotifications, users } from "@/lib/db/schema";

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
}

/** Runs a post-commit side effect; a failure is logged, never turned into a failed command. */
export async function afterCommit(label: string, effect: () => Promise<unknown>): Promise<void> {
  try {
    await effect();
  } catch (error) {
    console.error(`[registration] ${label} failed after commit`, error instanceof Error ? error.message : error);
  }
}
