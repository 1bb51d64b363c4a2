// Who holds a credential: a resident whose keyed ID ref is among the credential's holder
// refs. Shared by the holder's use-cases (list, share link, PDF); anyone else is told "not
// found", so ids of others' credentials reveal nothing through them.
import { eq } from "drizzle-orm";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { credentials, users } from "@/lib/db/schema";
import { isCredentialId } from "./get-credential-answer";

/** The actor's keyed resident-ID ref, or null for anyone who holds no properties. */
export async function holderRefOf(q: Queryable, actor: Actor): Promise<string | null> {
  if (!can(actor, "property.view_own")) return null;
  const [row] = await q.select({ ref: users.residentIdHmac }).from(users).where(eq(users.id, actor.userId));
  return row?.ref ?? null;
}

/** The credential row if the actor is one of its holders, else null. */
export async function ownCredential(q: Queryable, actor: Actor, id: string) {
  if (!isCredentialId(id)) return null;
  const ref = await holderRefOf(q, actor);
  if (!ref) return null;
  const [row] = await q.select().from(credentials).where(eq(credentials.id, id));
  return row && row.holderRefs.includes(ref) ? row : null;
}
