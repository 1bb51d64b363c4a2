// The role matrix, generated from lib/auth/surfaces.ts: for every role (and an anonymous
// visitor) × every page, server action and route handler, the server itself refuses whoever
// lacks the permission — a direct GET with that role's cookie, and a POST straight to the
// server action's endpoint without ever loading a page that offers it. Every request is
// repeated with the `x-middleware-subrequest` header of CVE-2025-29927, which must change
// nothing (no authorisation here lives in middleware).
import type { APIResponse } from "@playwright/test";
import { ROLES, type Role } from "@/drizzle/schema/identity";
import { ACTIONS, mayUse, PAGES, ROUTES, type ActionSurface } from "@/lib/auth/surfaces";
import { expect, signInWithApi, loginFor, test } from "../fixtures";
import { actionIds, callAction } from "./server-actions";

const BYPASS = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
const VARIANTS = [
  { name: "plain", headers: {} as Record<string, string> },
  { name: "x-middleware-subrequest", headers: BYPASS },
];

function expectRefusedPage(response: APIResponse, role: Role | null, what: string) {
  if (role === null) {
    expect(response.status(), what).toBe(307);
    expect(response.headers().location ?? "", what).toContain("/signin");
  } else {
    expect(response.status(), what).toBe(403);
  }
}

for (const role of [null, ...ROLES] as const) {
  const label = role ?? "anonymous";
  test.describe(`as ${label}`, () => {
    test.beforeEach(async ({ page }) => {
      if (role) await signInWithApi(page.request, loginFor(role), undefined, page.context());
    });

    test(`pages: ${label} gets exactly what the permission table allows`, async ({ page }) => {
      for (const surface of PAGES) {
        for (const variant of VARIANTS) {
          const response = await page.request.get(surface.path, { maxRedirects: 0, headers: variant.headers });
          const what = `${label} GET ${surface.path} (${variant.name})`;
          if (!mayUse(surface, role)) {
            expectRefusedPage(response, role, what);
            // The refusal page must not carry the protected page's content.
            expect(await response.text(), what).not.toContain('aria-current="page"');
          } else if (role && (surface.path === "/signin" || surface.path === "/signup")) {
            // Signed-in visitors are sent on to their desk.
            expect([200, 307], what).toContain(response.status());
          } else {
            expect(surface.allowedStatus ?? [200], what).toContain(response.status());
          }
        }
      }
    });

    test(`server actions: ${label} is refused by the action endpoint itself`, async ({ page, baseURL }) => {
      const ids = actionIds();
      for (const surface of ACTIONS as readonly ActionSurface[]) {
        const action = ids.get(`${surface.module}#${surface.name}`);
        expect(action, `${surface.module}#${surface.name} is in the build`).toBeTruthy();
        const allowed = mayUse(surface, role);
        // Allowed calls of non-public actions would really run (sign-out, …): only refusals are probed.
        if (allowed && surface.requires !== "public") continue;
        // Posted to a page that offers the action, and to "/" which does not (Next forwards it).
        for (const target of [action!.page, "/"]) {
          for (const variant of VARIANTS) {
            const response = await callAction(page.request, action!.id, target, baseURL!, variant.headers);
            const what = `${label} POST action ${surface.name} at ${target} (${variant.name})`;
            if (allowed) {
              expect(response.status(), what).toBe(200);
              expect(response.headers()["x-action-redirect"] ?? "", what).not.toContain("/signin");
            } else if (role === null) {
              expect(response.headers()["x-action-redirect"] ?? "", what).toMatch(/^\/signin/);
            } else if (target === action!.page) {
              expect(response.status(), what).toBe(403);
            } else {
              // A forwarded action keeps the refusal in its body (the digest of forbidden()).
              expect(response.status() === 403 || (await response.text()).includes("NEXT_HTTP_ERROR_FALLBACK;403"), what).toBe(true);
            }
          }
        }
      }
    });

    test(`route handlers: ${label} is refused where the table says so`, async ({ page }) => {
      for (const surface of ROUTES) {
        for (const variant of VARIANTS) {
          const response = await page.request.fetch(surface.path, { method: surface.method, maxRedirects: 0, headers: variant.headers });
          const what = `${label} ${surface.method} ${surface.path} (${variant.name})`;
          if (mayUse(surface, role)) {
            expect(response.status(), what).not.toBe(401);
            expect(response.status(), what).not.toBe(403);
            expect(response.status(), what).toBeLessThan(500);
          } else {
            expect([401, 403], what).toContain(response.status());
          }
        }
      }
    });
  });
}

test("a session is refused at once after sign-out: the old cookie replayed gets nothing", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  await signInWithApi(context.request, "clerk.civil");
  const cookies = await context.cookies();
  expect((await context.request.get("/clerk", { maxRedirects: 0 })).status()).toBe(200);
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");

  const page = await context.newPage();
  await page.goto("/clerk");
  await page.getByRole("button", { name: /退出登录|Sign out/ }).click();
  await expect(page).toHaveURL(/\/$/);

  // Put the old cookie back, as a thief who copied it would.
  const replay = await browser.newContext({ baseURL });
  await replay.addCookies(cookies);
  const response = await replay.request.get("/clerk", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toContain("/signin");
  await replay.close();
  await context.close();
});
