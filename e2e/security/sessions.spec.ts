// Sessions (issue 7 §2) as an attacker holding a copied cookie meets them: the cookie is
// HttpOnly and SameSite=Lax; after sign-out the same cookie replayed is refused by the
// server; staff TOTP: a senior admin without it reaches only the enrolment page, enrols with
// a code from the QR's key, and from then on sign-in asks for a code.
import type { BrowserContext, Cookie } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_RESIDENTS } from "@/drizzle/seed/demo-accounts";
import { currentTotpCode } from "@/lib/auth/totp";
import { expect, formAlert, rememberTotpSecret, signInWithApi, test, text } from "../fixtures";

const zh = (key: string) => text("zh-CN", key);
/** Created unenrolled by e2e/security/prepare-data.ts. */
const UNENROLLED_SENIOR = "senior.enrol";

function sessionCookie(cookies: Cookie[]): Cookie {
  const cookie = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie, "a session cookie").toBeDefined();
  return cookie!;
}

async function replay(context: BrowserContext, cookie: Cookie, path: string): Promise<number> {
  await context.clearCookies();
  await context.addCookies([cookie]);
  return (await context.request.get(path, { maxRedirects: 0 })).status();
}

test("the session cookie is HttpOnly and SameSite=Lax (Secure comes with an https NEXTAUTH_URL)", async ({ page }) => {
  const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { login: DEMO_RESIDENTS[1]!.phone, password: DEMO_PASSWORD, csrfToken: csrf.csrfToken, json: "true" },
    maxRedirects: 0,
  });
  expect(response.ok()).toBe(true);
  const setCookie = response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
  const session = setCookie.find((c) => c.startsWith("next-auth.session-token="));
  expect(session, setCookie.join("\n")).toBeDefined();
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*SameSite=Lax/i);
  expect(session).toMatch(/;\s*Path=\//i);
  const cookie = sessionCookie(await page.context().cookies());
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");
  // Scripts in the page cannot read it.
  await page.goto("/resident");
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});

test("after sign-out (header button) a copy of the old cookie is refused by the server", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "zh-CN" });
  const page = await context.newPage();
  await signInWithApi(context.request, DEMO_RESIDENTS[1]!.phone);
  await page.goto("/resident");
  await expect(page).toHaveURL(/\/resident$/);
  const stolen = sessionCookie(await context.cookies());

  await page.getByRole("button", { name: zh("common.signOut") }).click();
  await expect(page).toHaveURL(/\/$/);
  // The attacker's copy, replayed: sent to sign in, personal pages and APIs refused.
  expect(await replay(context, stolen, "/resident")).toBe(307);
  expect(await replay(context, stolen, "/resident/access-log")).toBe(307);
  await context.close();
});

test("after next-auth's own sign-out endpoint a copy of the old cookie is refused too", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "zh-CN" });
  await signInWithApi(context.request, "clerk.civil");
  expect((await context.request.get("/clerk", { maxRedirects: 0 })).status()).toBe(200);
  const stolen = sessionCookie(await context.cookies());
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await context.request.post("/api/auth/signout", { form: { csrfToken, json: "true" }, maxRedirects: 0 });
  expect(await replay(context, stolen, "/clerk")).toBe(307);
  await context.close();
});

test("a senior admin without TOTP reaches only the enrolment page; after enrolling, sign-in asks for a code", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "zh-CN" });
  const page = await context.newPage();
  // The password alone is accepted (there is no second factor yet) ...
  await signInWithApi(context.request, UNENROLLED_SENIOR);
  // ... but every desk sends them to enrol, actions and APIs refuse them.
  for (const path of ["/admin", "/admin/staff", "/clerk"]) {
    const response = await context.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers()["location"], path).toMatch(/\/account\/two-factor$/);
  }
  await page.goto("/admin/keys");
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await expect(page.getByRole("heading", { level: 1, name: zh("twoFactor.title") })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(zh("twoFactor.required"));

  await page.getByRole("button", { name: zh("twoFactor.start") }).click();
  await expect(page.getByRole("img", { name: zh("twoFactor.qrAlt") })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // A wrong code is refused with a message on the field; nothing is enabled.
  await page.getByLabel(zh("twoFactor.codeLabel")).fill("000000");
  await page.getByRole("button", { name: zh("twoFactor.confirm") }).click();
  await expect(page.getByText(zh("errors.totp.wrongCode")).first()).toBeVisible();
  expect((await context.request.get("/admin", { maxRedirects: 0 })).status()).toBe(307);

  // The right code: enrolled, and this session now opens the desk.
  await page.getByLabel(zh("twoFactor.codeLabel")).fill(await currentTotpCode(secret));
  await page.getByRole("button", { name: zh("twoFactor.confirm") }).click();
  await expect(page).toHaveURL(/\/admin$/);
  expect((await context.request.get("/admin/staff", { maxRedirects: 0 })).status()).toBe(200);
  rememberTotpSecret(UNENROLLED_SENIOR, secret);
  await context.close();

  // A fresh sign-in through the form: password, then the code.
  const again = await browser.newContext({ baseURL, locale: "zh-CN" });
  const form = await again.newPage();
  await form.goto("/signin");
  await form.getByLabel(zh("signIn.login")).fill(UNENROLLED_SENIOR);
  await form.getByLabel(zh("signIn.password")).fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: zh("signIn.submit") }).click();
  await expect(formAlert(form)).toHaveText(zh("signIn.errors.TOTP_REQUIRED"));
  await form.getByLabel(zh("signIn.code")).fill("123456");
  await form.getByRole("button", { name: zh("signIn.submit") }).click();
  await expect(formAlert(form)).toHaveText(zh("signIn.errors.TOTP_INVALID"));
  expect((await again.request.get("/admin", { maxRedirects: 0 })).status()).toBe(307);
  await again.close();
  // The fixture signs in with a fresh code (the one used at enrolment cannot be replayed).
  const desk = await browser.newContext({ baseURL, locale: "zh-CN" });
  await signInWithApi(desk.request, UNENROLLED_SENIOR);
  expect((await desk.request.get("/admin", { maxRedirects: 0 })).status()).toBe(200);
  await desk.close();
});
