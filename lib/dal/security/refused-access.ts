// Refused look-ups by id (issue 7, item 1): a signed-in caller asked for an application,
// document or credential that is not theirs — or that does not exist — and got the same 404
// either way. The attempt is recorded in `access_refusals` (drizzle/schema/security.ts),
// outside the refused command's transaction (which rolled back: the refusal writes nothing
// else). Called where the 404 leaves the server: defineAction, the pages, the routes.
import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { accessRefusals, credentials, registrationApplications, registrationDocuments } from "@/lib/db/schema";
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
}

/** Records the attempt behind a "not found" refusal (a FlowError carrying its target); anything else is left alone. */
export async function recordIfRefused(q: Queryable, actor: Actor | null, error: unknown): Promise<void> {
  if (actor && error instanceof FlowError && error.status === 404 && error.target) await recordRefusedAccess(q, actor, error.target);
}

async function recordExists(q: Queryable, target: Pick<RefusedTarget, "resource" | "id">): Promise<boolean> {
  const table = { application: registrationApplications, document: registrationDocuments, credential: credentials }[target.resource];
  const [row] = await q.select({ id: table.id }).from(table).where(eq(table.id, target.id)).limit(1);
  return row !== undefined;
}
