// next-auth 4 configuration: one Credentials provider, JWT sessions (no session table).
// The token carries only what is needed to find the account again; lib/dal/auth/get-actor
// re-reads the row on every request, so the token is never trusted for role or department.
import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { endSessions } from "@/lib/dal/auth/sign-out";
import { verifyCredentials } from "@/lib/dal/auth/verify-credentials";
import { env } from "@/lib/env";
import { clientIp } from "./client-ip";
import { authSecret } from "./secret";

/**
 * Cookies are `Secure` whenever the portal is served over https (NEXTAUTH_URL says so).
 * Not forced by NODE_ENV: `npm start` serves the demo over plain http on localhost, where
 * browsers would drop Secure cookies. A deployment sets an https NEXTAUTH_URL (SECURITY.md).
 */
export const SECURE_COOKIES = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
/** next-auth's default names; `__Secure-` only over https, where browsers accept it. */
export const SESSION_COOKIE = SECURE_COOKIES ? "__Secure-next-auth.session-token" : "next-auth.session-token";
/** Cookie lifetime; lib/dal/auth/load-actor.ts enforces the idle and absolute timeouts itself. */
export const SESSION_MAX_AGE_SECONDS = env.SESSION_ABSOLUTE_HOURS * 60 * 60;

/** Errors thrown from `authorize` reach the sign-in form as `error` codes. */
export const SIGN_IN_ERRORS = {
  invalid: "INVALID",
  disabled: "DISABLED",
  throttled: "THROTTLED",
  totpRequired: "TOTP_REQUIRED",
  totpInvalid: "TOTP_INVALID",
} as const;

const credentialsSchema = z.object({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  /** The authenticator's code, for staff enrolled in TOTP. */
  code: z.string().trim().max(20).optional(),
});

let options: AuthOptions | undefined;

export function authOptions(): AuthOptions {
  options ??= {
    secret: authSecret(),
    useSecureCookies: SECURE_COOKIES,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", signOut: "/", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Deedchain",
        credentials: { login: { label: "Login", type: "text" }, password: { label: "Password", type: "password" }, code: { label: "Code", type: "text" } },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
          const result = await verifyCredentials(await getDb(), {
            login: parsed.data.login,
            password: parsed.data.password,
            code: parsed.data.code || undefined,
            ip: clientIp(req.headers ?? {}),
          });
          if (result.ok) {
            const { user } = result;
            return { id: user.id, name: user.displayName, role: user.role, sessionVersion: user.sessionVersion, twoFactor: user.twoFactor };
          }
          switch (result.reason) {
            case "THROTTLED":
              throw new Error(`${SIGN_IN_ERRORS.throttled}:${result.retryAfterSeconds}`);
            case "DISABLED":
              throw new Error(SIGN_IN_ERRORS.disabled);
            case "INVALID":
              throw new Error(SIGN_IN_ERRORS.invalid);
            case "TOTP_REQUIRED":
              throw new Error(SIGN_IN_ERRORS.totpRequired);
            case "TOTP_INVALID":
              throw new Error(SIGN_IN_ERRORS.totpInvalid);
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // `user` is present only on the request that signed in.
        if (user) {
          token.userId = user.id;
          token.role = user.role;
          token.sessionVersion = user.sessionVersion;
          token.authTime = Date.now();
          token.twoFactor = user.twoFactor;
        }
        return token;
      },
      session({ session, token }) {
        session.userId = token.userId;
        session.role = token.role;
        session.sessionVersion = token.sessionVersion;
        session.authTime = token.authTime;
        session.twoFactor = token.twoFactor;
        return session;
      },
    },
    events: {
      // next-auth's own POST /api/auth/signout ends the session server-side too, like the
      // header's sign-out button (app/components/actions.ts).
      async signOut({ token }) {
        if (typeof token?.userId === "string") await endSessions(await getDb(), { userId: token.userId });
      },
    },
    logger: {
      // Without NEXTAUTH_URL next-auth warns on every start; the portal does not need it
      // (the client posts to relative /api/auth URLs), so keep the log for real problems.
      warn: (code) => {
        if (code !== "NEXTAUTH_URL") console.warn(`[next-auth] ${code}`);
      },
      error: (code, metadata) => {
        // Credential errors are expected traffic, not server faults.
        if (code !== "CREDENTIALS_SIGNIN") console.error(`[next-auth] ${code}`, metadata instanceof Error ? metadata.message : "");
      },
      debug: () => {},
    },
  };
  return options;
}
