// Registry clerk (the holder) or senior admin: put a claimed case back in the queue.
import { can, ForbiddenError, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { runClerkCommand } from "./clerk-command";

export async function releaseApplication(db: Db, options: { actor: Actor; applicationId: string }): Promise<{ applicationId: string; status: string }> {
  if (!can(options.actor, "application.claim") && !can(options.actor, "application.override")) throw new ForbiddenError(undefined, "application.claim");
  const { state } = await db.transaction((tx) => runClerkCommand(tx, options.actor, options.applicationId, () => ({ type: "release" })));
  return { applicationId: options.applicationId, status: state.status };
}
