// Registry clerk: take a case from the intake queue (only the holder then works it).
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { assertRegistryStaff, runClerkCommand } from "./clerk-command";

export async function claimApplication(db: Db, options: { actor: Actor; applicationId: string }): Promise<{ applicationId: string; status: string; assignee: string | null }> {
  assertRegistryStaff(options.actor, "application.claim");
  const { state } = await db.transaction((tx) => runClerkCommand(tx, options.actor, options.applicationId, () => ({ type: "claim" })));
  return { applicationId: options.applicationId, status: state.status, assignee: state.assignee };
}
