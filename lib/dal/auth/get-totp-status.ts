// Whether the signed-in staff member has a second factor, and whether their role demands one.
import "server-only";
import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { TOTP_REQUIRED_ROLES } from "./load-actor";

export async function getTotpStatus(q: Queryable, options: { actor: Actor }): Promise<{ enabledAt: Date | null; required: boolean }> {
  const [row] = await q.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, options.actor.userId)).limit(1);
  return { enabledAt: row?.enabledAt ?? null, required: (TOTP_REQUIRED_ROLES as readonly string[]).includes(options.actor.role) };
}
