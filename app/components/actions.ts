"use server";
// Actions every page's header offers: the language switch (public) and sign-out.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { defineAction } from "@/lib/dal/action";
import { endSessions } from "@/lib/dal/auth/sign-out";
import { getDb } from "@/lib/db";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/config";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export const setLocale = defineAction(z.object({ locale: z.enum(LOCALES) }), "public", async ({ locale }) => {
  // Remembered for a year; not HttpOnly-sensitive, but nothing client-side needs to read it.
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: ONE_YEAR_SECONDS, sameSite: "lax", httpOnly: true });
  return { ok: true };
});

export const signOut = defineAction(z.object({}), "signed-in", async (_input, { actor }) => {
  await endSessions(await getDb(), { userId: actor.userId });
  await clearSessionCookie();
  redirect("/");
});
