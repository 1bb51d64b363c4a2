// The route-handler form of requireActor: route handlers answer JSON, so refusals are
// 401 (not signed in) and 403 (signed in, wrong role) with a clear message, never a redirect.
import "server-only";
import { can, type Actor, type Permission } from "@/lib/auth/permissions";
import { getActor } from "./get-actor";

export type RouteActor = { ok: true; actor: Actor } | { ok: false; response: Response };

export async function actorForRoute(permission: Permission | "signed-in"): Promise<RouteActor> {
  const actor = await getActor();
  const headers = { "Cache-Control": "no-store" };
  if (!actor) return { ok: false, response: Response.json({ error: "Sign in first." }, { status: 401, headers }) };
  if (permission !== "signed-in" && !can(actor, permission)) {
    return { ok: false, response: Response.json({ error: "Your role does not allow this." }, { status: 403, headers }) };
  }
  return { ok: true, actor };
}
