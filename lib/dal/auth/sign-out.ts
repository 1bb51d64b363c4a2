// Signing out ends every session of the account on the server side: sessions are JWTs
// without a table, so the only way to refuse a copied cookie later is to bump the version
// that lib/dal/auth/load-actor.ts compares.
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db";
import { users } from "@/lib/db/schema";

export async function endSessions(q: Queryable, options: { userId: string }): Promise<void> {
  await q
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, options.userId));
}
