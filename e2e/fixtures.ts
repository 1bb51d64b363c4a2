// Sign-in for every demo role. Specs import `test` and `expect` from here:
//
//   import { test, expect } from "../fixtures";
//   test("…", async ({ page, signInAs }) => { await signInAs("clerk"); await page.goto("/clerk"); });
//   test("…", async ({ pageAs }) => { const bank = await pageAs("bank.officer"); … });
//
// `signInAs` / `pageAs` take a role (its default demo account, below) or any login
// (a staff login or a resident's phone). They sign in through next-auth's API, the same
// endpoint the sign-in form posts to, so no test depends on the form's layout; the sign-in
// UI itself is tested in e2e/auth/staff-signin.spec.ts.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_RESIDENTS, DEMO_STAFF, DEMO_TOTP_SECRET } from "@/drizzle/seed/demo-accounts";
import type { Role } from "@/drizzle/schema/identity";
import { currentTotpCode, TOTP_PERIOD_SECONDS } from "@/lib/auth/totp";

/** The demo account used for each role when a test names a role rather than a login. */
export const DEMO_LOGIN: Record<Role, string> = {
  resident: DEMO_RESIDENTS[0]!.phone,
  clerk: "clerk.registry",
  department_admin: "admin.registry",
  senior_admin: "senior.admin",
  institution: "bank.officer",
};

export const ROLE_HOME: Record<Role, string> = {
  resident: "/resident",
  clerk: "/clerk",
  department_admin: "/department",
  senior_admin: "/admin",
  institution: "/institution",
};

export type Who = Role | (string & {});

export function loginFor(who: Who): string {
  return who in DEMO_LOGIN ? DEMO_LOGIN[who as Role] : who;
}

/** The role of a demo login (staff or resident), for assertions. */
export function roleOf(login: string): Role {
  if (DEMO_RESIDENTS.some((r) => r.phone === login)) return "resident";
  const staff = DEMO_STAFF.find((s) => s.login === login);
  if (!staff) throw new Error(`${login} is not a demo account`);
  return staff.role;
}

/** TOTP keys the fixture knows: the seeded senior admins are enrolled with the demo key. */
const TOTP_SECRETS = new Map<string, string>(DEMO_STAFF.filter((s) => s.role === "senior_admin").map((s) => [s.login, DEMO_TOTP_SECRET]));

/** A spec that enrols an account itself tells the fixture its key. */
export function rememberTotpSecret(login: string, secret: string): void {
  TOTP_SECRETS.set(login, secret);
}

/**
 * Signs a request context (a page's `page.request` or `context.request`, which share the
 * browser context's cookies) in through next-auth's Credentials endpoint. Throws with the
 * server's error code when refused. Staff enrolled in TOTP answer with the current code;
 * a code is accepted once (RFC 6238 §5.2), so a second sign-in within the same 30 s step
 * waits for the next code.
 */
export async function signInWithApi(
  request: APIRequestContext,
  login: string,
  password: string = DEMO_PASSWORD,
  /** The browser context `request` belongs to: lets a seeded senior admin reuse a live session. */
  context?: BrowserContext,
): Promise<void> {
  const reusable = context !== undefined && password === DEMO_PASSWORD && SEEDED_SENIOR_ADMINS.has(login);
  if (reusable && (await resumeSeniorSession(context, login))) return;
  let error = await postCredentials(request, { login, password });
  for (let attempt = 0; TOTP_SECRETS.has(login) && (error === "TOTP_REQUIRED" || (error === "TOTP_INVALID" && attempt < 2)); attempt++) {
    error = await postCredentials(request, { login, password, code: await freshTotpCode(login) });
  }
  if (error !== null) throw new Error(`sign-in as ${login} refused: ${error}`);
  if (reusable) seniorSessions.set(login, (await context.cookies()).filter((c) => c.name.includes("next-auth.session-token")));
}

/**
 * A seeded senior admin answers TOTP, and each 30-second code is good once, so signing in
 * anew for every test would wait up to 30 s each time. Their session cookie is kept and
 * reused for as long as the server still accepts it (checked on a page only they may open:
 * sign-out, disabling or a timeout end it server-side, and then the fixture signs in again).
 */
const SEEDED_SENIOR_ADMINS = new Set(DEMO_STAFF.filter((s) => s.role === "senior_admin").map((s) => s.login));
const seniorSessions = new Map<string, Awaited<ReturnType<BrowserContext["cookies"]>>>();

async function resumeSeniorSession(context: BrowserContext, login: string): Promise<boolean> {
  const cookies = seniorSessions.get(login);
  if (!cookies?.length) return false;
  await context.addCookies(cookies);
  const probe = await context.request.get(ROLE_HOME.senior_admin, { maxRedirects: 0 });
  if (probe.status() === 200) return true;
  seniorSessions.delete(login);
  for (const cookie of cookies) await context.clearCookies({ name: cookie.name });
  return false;
}

const lastStepUsed = new Map<string, number>();

/**
 * A TOTP code for `login` that this test run has not used yet: the server accepts each
 * 30-second step once, so a second sign-in within a step waits for the next one.
 */
export async function freshTotpCode(login: string): Promise<string> {
  const secret = TOTP_SECRETS.get(login);
  if (!secret) throw new Error(`no TOTP key known for ${login}`);
  const period = TOTP_PERIOD_SECONDS * 1000;
  let step = Math.floor(Date.now() / period);
  if (step <= (lastStepUsed.get(login) ?? -1)) {
    await new Promise((resolve) => setTimeout(resolve, period - (Date.now() % period) + 250));
    step = Math.floor(Date.now() / period);
  }
  lastStepUsed.set(login, step);
  return currentTotpCode(secret, new Date(step * period + 1000));
}

/** null when signed in, else next-auth's error code (e.g. INVALID, TOTP_REQUIRED). */
async function postCredentials(request: APIRequestContext, form: { login: string; password: string; code?: string }): Promise<string | null> {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.ok(), "GET /api/auth/csrf").toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { ...form, csrfToken, json: "true" },
    maxRedirects: 0,
  });
  if (response.ok()) return null;
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url).searchParams.get("error") : null;
  return error ?? `HTTP ${response.status()}`;
}

/** A fresh browser context signed in as `who`, and its page. Closed by the fixture. */
async function newSignedInPage(browser: Browser, baseURL: string | undefined, who: Who): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: "zh-CN" });
  await signInWithApi(context.request, loginFor(who), DEMO_PASSWORD, context);
  return { context, page: await context.newPage() };
}

export const test = base.extend<{
  /** Signs the test's own `page` in as a role's demo account or a login. */
  signInAs: (who: Who, password?: string) => Promise<void>;
  /** Another page in its own browser context, signed in as `who` (for flows with several people). */
  pageAs: (who: Who) => Promise<Page>;
}>({
  signInAs: async ({ page }, use) => {
    await use(async (who, password) => signInWithApi(page.request, loginFor(who), password, page.context()));
  },
  pageAs: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (who) => {
      const { context, page } = await newSignedInPage(browser, baseURL, who);
      contexts.push(context);
      return page;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect };

type Messages = { [key: string]: string | Messages };
const messageCache = new Map<string, Messages>();

/**
 * A UI string as the portal shows it (lib/i18n/messages), e.g. `text("zh-CN", "signUp.phone")`.
 * ICU placeholders are left as they are; use a RegExp for those.
 */
export function text(locale: "zh-CN" | "en", key: string): string {
  let messages = messageCache.get(locale);
  if (!messages) {
    // One file per namespace: lib/i18n/messages/<locale>/<namespace>.json (lib/i18n/messages.ts).
    const dir = path.join(process.cwd(), "lib/i18n/messages", locale);
    messages = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      messages[file.slice(0, -".json".length)] = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Messages;
    }
    messageCache.set(locale, messages);
  }
  let node: string | Messages | undefined = messages;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`no message ${locale}:${key}`);
  return node;
}

/** The page's own announced message region (role="alert"), not Next's route announcer. */
export function formAlert(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}
