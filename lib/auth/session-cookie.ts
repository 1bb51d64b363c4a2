// Issue and end sessions outside next-auth's own routes: right after sign-up (the resident
// has just proved who they are) and on sign-out, which also bumps sessionVersion so a copy
// of the old cookie replayed later is refused by lib/dal/auth/load-actor.
import "server-only";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import type { Role } from "@/drizzle/schema/identity";
import { authOptions, SECURE_COOKIES, SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from "./options";

export async function startSession(user: { id: string; displayName: string; role: Role; sessionVersion: number; twoFactor?: boolean }): Promise<void> {
  const token = await encode({
    secret: authOptions().secret!,
    maxAge: SESSION_MAX_AGE_SECONDS,
    token: {
      sub: user.id,
      name: user.displayName,
      userId: user.id,
      role: user.role,
      sessionVersion: user.sessionVersion,
      authTime: Date.now(),
      twoFactor: user.twoFactor ?? false,
    },
  });
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: SECURE_COOKIES,
    path: "/",
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete({ name: SESSION_COOKIE, path: "/", secure: SECURE_COOKIES, httpOnly: true, sameSite: "lax" });
}
