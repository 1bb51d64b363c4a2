// Anyone signed in: my notifications, newest first (codes and ids; the UI words them).
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { registrationNotifications } from "@/lib/db/schema";

export interface NotificationItem {
  id: string;
  applicationId: string | null;
  kind: string;
  params: Record<string, unknown>;
  createdAt: string;
  read: boolean;
}

export async function listNotifications(db: Db, options: { actor: Actor; unreadOnly?: boolean; limit?: number }): Promise<NotificationItem[]> {
  const mine = eq(registrationNotifications.userId, options.actor.userId);
  const rows = await db
    .select()
    .from(registrationNotifications)
    .where(options.unreadOnly ? and(mine, isNull(registrationNotifications.readAt)) : mine)
    .orderBy(desc(registrationNotifications.createdAt))
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 200));
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.applicationId,
    kind: r.kind,
    params: r.params as Record<string, unknown>,
    createdAt: r.createdAt.toISOString(),
    read: r.readAt !== null,
  }));
}

export async function markNotificationsRead(db: Db, options: { actor: Actor }): Promise<{ ok: true }> {
  await db
    .update(registrationNotifications)
    .set({ readAt: new Date() })
    .where(and(eq(registrationNotifications.userId, options.actor.userId), isNull(registrationNotifications.readAt)));
  return { ok: true };
}
