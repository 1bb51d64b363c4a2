// Refused look-ups by id (issue 7, item 1): a signed-in caller asked for an application,
// document or credential that is not theirs — or that does not exist — and got the same 404
// either way. The attempt is recorded in `access_refusals` (drizzle/schema/security.ts),
// outside the refused command's transaction (which rolled back: the refusal writes nothing
// else). Called where the 404 leaves the server: defineAction, the pages, the routes.
import { eq, lt, sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { env } from "@/lib/env";
import { accessRefusals, credentials, registrationApplications, registrationDocuments, registrationVerificationRequests } from "@/lib/db/schema";
import { FlowError, type RefusedTarget } from "@/lib/dal/registration/errors";

/** Records one refused look-up. `exists` is looked up when the caller does not know it. */
export async function recordRefusedAccess(q: Queryable, actor: Actor, target: Omit<RefusedTarget, "exists"> & { exists?: boolean }): Promise<void> {
  try {
    const exists = target.exists ?? (await recordExists(q, target));
    await q.insert(accessRefusals).values({ actorUserId: actor.userId, actorRole: actor.role, resource: target.resource, resourceId: target.id.slice(0, 100), targetExists: exists });
  } catch (error) {
    // The caller still gets its 404: a failed audit write must not turn the answer into a 500
    // (which would tell it something); operators see it in the log.
    console.error("[security] could not record a refused look-up", error instanceof Error ? error.message : error);
  }
  await pruneOldRefusals(q).catch((error: unknown) => console.error("[security] could not prune old refused look-ups", error instanceof Error ? error.message : error));
}

/** Records the attempt behind a "not found" refusal (a FlowError carrying its target); anything else is left alone. */
export async function recordIfRefused(q: Queryable, actor: Actor | null, error: unknown): Promise<void> {
  if (actor && error instanceof FlowError && error.status === 404 && error.target) await recordRefusedAccess(q, actor, error.target);
}

async function recordExists(q: Queryable, target: Pick<RefusedTarget, "resource" | "id">): Promise<boolean> {
  if (target.resource === "verification_request") {
    const t = registrationVerificationRequests;
    return (await q.select({ id: t.requestId }).from(t).where(eq(t.requestId, target.id)).limit(1)).length > 0;
  }
  const table = { application: registrationApplications, document: registrationDocuments, credential: credentials }[target.resource];
  const [row] = await q.select({ id: table.id }).from(table).where(eq(table.id, target.id)).limit(1);
  return row !== undefined;
}

// Guessing ids costs a caller nothing, so the table would grow without end: rows older than
// ACCESS_REFUSAL_RETENTION_DAYS go, checked at most once an hour per process (on the index of `at`).
const PRUNE_EVERY_MS = 60 * 60 * 1000;
let lastPruned = -Infinity;

/** Deletes refusals older than the retention (at most once an hour unless `force`). */
export async function pruneOldRefusals(q: Queryable, options: { force?: boolean; now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  if (!options.force && now.getTime() - lastPruned < PRUNE_EVERY_MS) return;
  lastPruned = now.getTime();
  const cutoff = new Date(now.getTime() - env.ACCESS_REFUSAL_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  await q.delete(accessRefusals).where(lt(accessRefusals.at, sql`${cutoff.toISOString()}::timestamptz`));
}
