// Who is asking: the one place pages, actions and route handlers learn it. Reads the
// next-auth session and re-checks the account row on every call (lib/dal/auth/load-actor).
import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { can, type Actor, type Permission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { loadSession, type LoadedSession } from "./load-actor";

/** Where a senior admin without a second factor is sent, and the only page they may see. */
export const TOTP_ENROL_PATH = "/account/two-factor";

const getSession = cache(async (): Promise<LoadedSession | null> => {
  const session = await getServerSession(authOptions());
  if (!session) return null;
  return loadSession(await getDb(), session);
});

/** The signed-in, enabled, fully established account, or null. Cached for one request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getSession();
  return session?.status === "ok" ? session.actor : null;
});

/**
 * For the TOTP enrolment page and its actions only: also the senior admin who signed in
 * with a password but has not enrolled yet.
 */
export const getEnrollingActor = cache(async (): Promise<Actor | null> => (await getSession())?.actor ?? null);

/**
 * The actor if they hold `permission`. Anonymous visitors are sent to sign in (and back to
 * `returnTo` afterwards); a signed-in actor without the permission gets the 403 page, with
 * HTTP status 403, rendered by the server.
 */
export async function requireActor(permission: Permission | "signed-in", returnTo?: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) {
    if ((await getSession())?.status === "enrol") redirect(TOTP_ENROL_PATH);
    redirect(signInPath(returnTo));
  }
  if (permission !== "signed-in" && !can(actor, permission)) forbidden();
  return actor;
}

export function signInPath(returnTo?: string): string {
  return returnTo && isLocalPath(returnTo) ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin";
}

/** Only same-site paths: "/clerk" yes, "//evil.example" and "https://…" no (open redirect). */
export function isLocalPath(value: string): boolean {
  return value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") && !/[\r\n]/.test(value);
}
